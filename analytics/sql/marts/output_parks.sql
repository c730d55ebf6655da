-- Output per park over the period and the same months a year earlier (万元), with YoY growth.
-- Only the months either sum can use are read; the year-earlier ones are one range (year_earlier).
WITH
scope AS (
    SELECT uscc, center, park FROM enterprises_in_scope($centers, $parks, $types)
),

months AS (
    SELECT
        o.uscc,
        o.output_wan,
        o.period BETWEEN $date_from AND $date_to AS is_period,
        o.period BETWEEN y.first_day AND y.last_day AS is_prev_year
    FROM output_monthly AS o
    CROSS JOIN year_earlier($date_from, $date_to) AS y
    WHERE o.period BETWEEN $date_from::DATE - INTERVAL 13 MONTH AND $date_to
)

SELECT
    s.center,
    s.park,
    coalesce(sum(o.output_wan) FILTER (WHERE o.is_period), 0) AS output,
    coalesce(sum(o.output_wan) FILTER (WHERE o.is_prev_year), 0) AS output_prev_year,
    coalesce(sum(o.output_wan) FILTER (WHERE o.is_period), 0)
        / nullif(coalesce(sum(o.output_wan) FILTER (WHERE o.is_prev_year), 0), 0)
        - 1 AS yoy
FROM scope AS s
LEFT JOIN months AS o USING (uscc)
GROUP BY s.center, s.park
ORDER BY s.center, output DESC
