-- Share of the period's output from above-scale and from high-tech enterprises: a row per center in scope
-- (output null when it reported none) and the total (center NULL). Shares are null only without output.
WITH
-- The per-park monthly sums (fact_output_parks), whose type mask carries the two flags (bits 1 and 2).
period_output AS (
    SELECT
        center,
        type_mask & type_bits(['above_scale']) <> 0 AS is_above_scale,
        type_mask & type_bits(['high_tech']) <> 0 AS is_high_tech,
        output_wan
    FROM output_parks_in_scope($centers, $parks, $types)
    WHERE period BETWEEN $date_from AND $date_to
),

shares AS (
    SELECT
        grouping(center) = 1 AS is_total,
        center,
        sum(output_wan) AS output,
        coalesce(sum(output_wan) FILTER (WHERE is_above_scale), 0) / nullif(sum(output_wan), 0) AS above_scale_share,
        coalesce(sum(output_wan) FILTER (WHERE is_high_tech), 0) / nullif(sum(output_wan), 0) AS high_tech_share
    FROM period_output
    GROUP BY GROUPING SETS ((center), ())
),

spine AS (
    SELECT center, sort_order, false AS is_total
    FROM centers_in_scope($centers, $parks)
    WHERE center IN (SELECT center FROM enterprises_in_scope($centers, $parks, $types))
    UNION ALL
    SELECT NULL, NULL, true
)

SELECT s.center, sh.output, sh.above_scale_share, sh.high_tech_share
FROM spine AS s
LEFT JOIN shares AS sh ON sh.is_total = s.is_total AND sh.center IS NOT DISTINCT FROM s.center
ORDER BY s.is_total, s.sort_order NULLS LAST, s.center
