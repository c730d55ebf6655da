-- Monthly output (万元) per park for the months of the period (first day in the period).
WITH
months AS (
    SELECT unnest(generate_series(date_trunc('month', $date_from::DATE) + INTERVAL (CASE WHEN day($date_from::DATE) = 1 THEN 0 ELSE 1 END) MONTH,
                                  $date_to::DATE, INTERVAL 1 MONTH))::DATE AS month
)

SELECT o.center, o.park, m.month, sum(o.output_wan) AS output
FROM months AS m
JOIN output_parks_in_scope($centers, $parks, $types) AS o ON o.period = m.month
GROUP BY ALL
ORDER BY o.center, o.park, m.month
