-- Enterprises in scope with no visit in the 90 days up to the end of the period, longest unvisited first.
WITH
last_visit AS (
    SELECT uscc, max(visit_date) AS last_visit
    FROM visits
    WHERE visit_date <= $date_to
    GROUP BY uscc
)

SELECT
    e.uscc,
    e.name,
    e.center,
    e.park,
    e.industry,
    e.is_above_scale,
    e.employees,
    l.last_visit,
    $date_to::DATE - l.last_visit AS days_since
FROM enterprises_in_scope($centers, $parks, $types) AS e
LEFT JOIN last_visit AS l USING (uscc)
WHERE l.last_visit IS NULL OR l.last_visit <= $date_to::DATE - 90
ORDER BY l.last_visit NULLS FIRST, e.center, e.name
