-- The enterprises with the highest output in the period, with their like-for-like growth (months reported
-- in both years) and whether they reported at all a year earlier.
WITH
now AS (
    SELECT uscc, period, output_wan FROM output_monthly WHERE period BETWEEN $date_from AND $date_to
),

before AS (
    SELECT uscc, (period + INTERVAL 12 MONTH)::DATE AS period, output_wan
    FROM output_monthly
    WHERE period + INTERVAL 12 MONTH BETWEEN $date_from AND $date_to
),

per_enterprise AS (
    SELECT
        now.uscc,
        sum(now.output_wan) AS output,
        count(*) AS months,
        sum(now.output_wan) FILTER (WHERE before.output_wan IS NOT NULL) AS matched,
        sum(before.output_wan) AS matched_prev_year
    FROM now
    LEFT JOIN before USING (uscc, period)
    GROUP BY now.uscc
)

SELECT
    e.uscc,
    e.name,
    e.center,
    e.park,
    e.industry,
    e.is_above_scale,
    e.is_high_tech,
    p.output,
    p.months,
    p.matched / nullif(p.matched_prev_year, 0) - 1 AS like_for_like_yoy
FROM per_enterprise AS p
JOIN enterprises_in_scope($centers, $parks, $types) AS e USING (uscc)
ORDER BY p.output DESC, e.name
LIMIT 20
