-- Monthly output (万元) per center for the months of the period, with the same month a year earlier.
-- Months are those whose first day lies in the period (docs/metrics.md output_value).
WITH
months AS (
    SELECT unnest(generate_series(date_trunc('month', $date_from::DATE) + INTERVAL (CASE WHEN day($date_from::DATE) = 1 THEN 0 ELSE 1 END) MONTH,
                                  $date_to::DATE, INTERVAL 1 MONTH))::DATE AS month
),

-- Only the months shown and those a year before them are read.
reported AS (
    SELECT center, period, sum(output_wan) AS output
    FROM output_parks_in_scope($centers, $parks, $types)
    WHERE period BETWEEN (date_trunc('month', $date_from::DATE) - INTERVAL 12 MONTH)::DATE AND $date_to
    GROUP BY ALL
)

SELECT
    c.center,
    c.is_illustrative,
    m.month,
    now.output AS output,
    before.output AS output_prev_year
FROM centers_in_scope($centers, $parks) AS c
CROSS JOIN months AS m
LEFT JOIN reported AS now ON now.center = c.center AND now.period = m.month
LEFT JOIN reported AS before ON before.center = c.center AND before.period = (m.month - INTERVAL 12 MONTH)::DATE
ORDER BY c.sort_order NULLS LAST, c.center, m.month
