-- Share of the period's output from above-scale and from high-tech enterprises, per center and in total.
WITH
period_output AS (
    SELECT e.center, e.is_above_scale, e.is_high_tech, o.output_wan
    FROM output_monthly AS o
    JOIN enterprises_in_scope($centers, $parks, $types) AS e USING (uscc)
    WHERE o.period BETWEEN $date_from AND $date_to
)

SELECT
    center,
    sum(output_wan) AS output,
    sum(output_wan) FILTER (WHERE is_above_scale) / nullif(sum(output_wan), 0) AS above_scale_share,
    sum(output_wan) FILTER (WHERE is_high_tech) / nullif(sum(output_wan), 0) AS high_tech_share
FROM period_output
GROUP BY GROUPING SETS ((center), ())
ORDER BY center NULLS LAST
