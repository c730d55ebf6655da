-- Output per park over the period and the same months a year earlier (万元), with YoY growth.
-- Every park with an enterprise in scope is listed; the sums add the per-park monthly sums (fact_output_parks),
-- reading only the months either sum can use (the year-earlier ones are one range: year_earlier).
WITH
parks_in_scope AS (
    SELECT DISTINCT center, park FROM enterprises_in_scope($centers, $parks, $types)
),

sums AS (
    SELECT
        o.center,
        o.park,
        sum(o.output_wan) FILTER (WHERE o.period BETWEEN $date_from AND $date_to) AS output,
        sum(o.output_wan) FILTER (WHERE o.period BETWEEN y.first_day AND y.last_day) AS output_prev_year
    FROM output_parks_in_scope($centers, $parks, $types) AS o
    CROSS JOIN year_earlier($date_from, $date_to) AS y
    WHERE o.period BETWEEN ($date_from::DATE - INTERVAL 13 MONTH)::DATE AND $date_to
    GROUP BY o.center, o.park
)

SELECT
    p.center,
    p.park,
    coalesce(s.output, 0) AS output,
    coalesce(s.output_prev_year, 0) AS output_prev_year,
    coalesce(s.output, 0) / nullif(coalesce(s.output_prev_year, 0), 0) - 1 AS yoy
FROM parks_in_scope AS p
LEFT JOIN sums AS s
    ON p.center IS NOT DISTINCT FROM s.center AND p.park IS NOT DISTINCT FROM s.park
ORDER BY p.center, output DESC
