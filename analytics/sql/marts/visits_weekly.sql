-- Visits per week (weeks start on Monday) per center in scope, zeros included.
WITH
weeks AS (
    SELECT unnest(generate_series(date_trunc('week', $date_from::DATE), $date_to::DATE, INTERVAL 7 DAY))::DATE AS week
),

counted AS (
    SELECT center, date_trunc('week', visit_date)::DATE AS week, count(*) AS visits
    FROM visits_in_scope($centers, $parks, $types)
    WHERE visit_date BETWEEN $date_from AND $date_to
    GROUP BY ALL
)

SELECT c.center, c.is_illustrative, w.week, coalesce(n.visits, 0) AS visits
FROM centers_in_scope($centers, $parks) AS c
CROSS JOIN weeks AS w
LEFT JOIN counted AS n ON n.center = c.center AND n.week = w.week
ORDER BY c.sort_order NULLS LAST, c.center, w.week
