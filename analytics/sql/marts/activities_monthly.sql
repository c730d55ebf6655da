-- Participation per 1,000 workers per center by month: person-times of the month's activities ÷ the
-- center's industrial workers (docs/metrics.md workers) × 1,000.
WITH
workers AS (
    SELECT center, sum(employees) AS workers
    FROM enterprises_in_scope($centers, $parks, $types)
    GROUP BY center
),

months AS (
    SELECT unnest(generate_series(date_trunc('month', $date_from::DATE), $date_to::DATE, INTERVAL 1 MONTH))::DATE AS month
),

monthly AS (
    SELECT center, date_trunc('month', activity_date)::DATE AS month, count(*) AS activities,
           sum(person_times) AS person_times
    FROM activities_in_scope($centers, $parks)
    WHERE activity_date BETWEEN $date_from AND $date_to
    GROUP BY ALL
)

SELECT
    c.center,
    c.is_illustrative,
    m.month,
    coalesce(a.activities, 0) AS activities,
    coalesce(a.person_times, 0) AS person_times,
    coalesce(a.person_times, 0) / nullif(w.workers, 0) * 1000 AS per_1000_workers
FROM centers_in_scope($centers, $parks) AS c
CROSS JOIN months AS m
LEFT JOIN monthly AS a ON a.center = c.center AND a.month = m.month
LEFT JOIN workers AS w ON w.center = c.center
ORDER BY c.sort_order NULLS LAST, c.center, m.month
