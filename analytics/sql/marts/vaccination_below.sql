-- Enterprises whose first-dose coverage in their latest return as of the end of the period is below
-- $threshold (a share), lowest first.
WITH
latest AS (
    SELECT v.*
    FROM vaccination_snapshots AS v
    WHERE v.as_of <= $date_to
    QUALIFY row_number() OVER (PARTITION BY v.uscc ORDER BY v.as_of DESC) = 1
)

SELECT
    e.uscc,
    e.name,
    e.center,
    e.park,
    l.as_of,
    l.staff_total,
    l.dose1,
    l.full_course,
    l.dose1 / nullif(l.staff_total, 0) AS dose1_rate,
    l.full_course / nullif(l.staff_total, 0) AS full_course_rate
FROM latest AS l
JOIN enterprises_in_scope($centers, $parks, $types) AS e USING (uscc)
WHERE l.dose1 / nullif(l.staff_total, 0) < $threshold
ORDER BY dose1_rate, e.name
