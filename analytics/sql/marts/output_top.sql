-- The enterprises with the highest output in the period, with their like-for-like growth (months reported
-- in both years) and whether they reported at all a year earlier.
WITH
now AS (
    SELECT uscc, period, output_wan FROM output_monthly WHERE period BETWEEN $date_from AND $date_to
),

-- (the months compared with one range, not by month arithmetic on every row)
before AS (
    SELECT o.uscc, (o.period + INTERVAL 12 MONTH)::DATE AS period, o.output_wan
    FROM output_monthly AS o
    JOIN year_earlier($date_from, $date_to) AS y ON o.period BETWEEN y.first_day AND y.last_day
),

-- The top enterprises by output first; the like-for-like months are matched for those only.
totals AS (
    SELECT uscc, sum(output_wan) AS output, count(*) AS months
    FROM now
    GROUP BY uscc
),

top AS (
    SELECT e.uscc, e.name, e.center, e.park, e.industry, e.is_above_scale, e.is_high_tech, t.output, t.months
    FROM totals AS t
    JOIN enterprises_in_scope($centers, $parks, $types) AS e USING (uscc)
    ORDER BY t.output DESC, e.name
    LIMIT 20
),

matched AS (
    SELECT n.uscc, sum(n.output_wan) AS matched, sum(b.output_wan) AS matched_prev_year
    FROM (SELECT * FROM now WHERE uscc IN (SELECT uscc FROM top)) AS n
    JOIN (SELECT * FROM before WHERE uscc IN (SELECT uscc FROM top)) AS b USING (uscc, period)
    GROUP BY n.uscc
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
    m.matched / nullif(m.matched_prev_year, 0) - 1 AS like_for_like_yoy
FROM top
LEFT JOIN matched AS m USING (uscc)
ORDER BY top.output DESC, top.name
