-- Enterprises in scope with no visit in the 90 days up to the end of the period, longest unvisited first.
-- Each enterprise's last visit by the end of the period: the visit whose next one is after it (or none).
WITH
last_visit AS (
    SELECT uscc, visit_date AS last_visit
    FROM visits_in_scope($centers, $parks, $types)
    WHERE visit_date <= $date_to AND (next_visit_date IS NULL OR next_visit_date > $date_to)
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
