-- Output per park over the period and the same months a year earlier (万元), with YoY growth.
WITH
scope AS (
    SELECT uscc, center, park FROM enterprises_in_scope($centers, $parks, $types)
)

SELECT
    s.center,
    s.park,
    coalesce(sum(o.output_wan) FILTER (WHERE o.period BETWEEN $date_from AND $date_to), 0) AS output,
    coalesce(sum(o.output_wan) FILTER (WHERE o.period + INTERVAL 12 MONTH BETWEEN $date_from AND $date_to), 0)
        AS output_prev_year,
    coalesce(sum(o.output_wan) FILTER (WHERE o.period BETWEEN $date_from AND $date_to), 0)
        / nullif(coalesce(sum(o.output_wan) FILTER (WHERE o.period + INTERVAL 12 MONTH BETWEEN $date_from AND $date_to), 0), 0)
        - 1 AS yoy
FROM scope AS s
LEFT JOIN output_monthly AS o USING (uscc)
GROUP BY s.center, s.park
ORDER BY s.center, output DESC
