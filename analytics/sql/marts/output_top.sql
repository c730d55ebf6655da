-- The enterprises with the highest output in the period, with the months they reported and their
-- like-for-like growth (the months reported in both years).
WITH
-- Each enterprise's output in the period, and its like-for-like sums: the period's months it also reported
-- a year earlier (fact_output carries that output).
totals AS (
    SELECT
        uscc,
        sum(output_wan) AS output,
        count(*) AS months,
        sum(output_wan) FILTER (WHERE output_year_earlier IS NOT NULL) AS matched,
        sum(output_year_earlier) AS matched_prev_year
    FROM output_in_scope($centers, $parks, $types)
    WHERE period BETWEEN $date_from AND $date_to
    GROUP BY uscc
),

top AS (
    SELECT
        e.uscc, e.name, e.center, e.park, e.industry, e.is_above_scale, e.is_high_tech, t.output, t.months,
        t.matched / nullif(t.matched_prev_year, 0) - 1 AS like_for_like_yoy
    FROM totals AS t
    JOIN enterprises_in_scope($centers, $parks, $types) AS e USING (uscc)
    ORDER BY t.output DESC, e.name
    LIMIT 20
)

SELECT
    top.uscc,
    top.name,
    top.center,
    top.park,
    top.industry,
    top.is_above_scale,
    top.is_high_tech,
    top.output,
    top.months,
    top.like_for_like_yoy
FROM top
ORDER BY top.output DESC, top.name
