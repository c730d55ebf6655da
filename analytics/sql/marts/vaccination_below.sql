-- Enterprises whose first-dose coverage in their latest return as of the end of the period is below
-- $threshold (a share), lowest first.
-- The latest return is the one in force at the end of the period (next_as_of: sql/facts).
WITH
latest AS (
    SELECT v.uscc, e.name, v.center, v.park, v.as_of, v.staff_total, v.dose1, v.full_course
    FROM vaccinations_in_scope($centers, $parks, $types) AS v
    JOIN enterprises AS e USING (uscc)
    WHERE v.as_of <= $date_to AND (v.next_as_of IS NULL OR v.next_as_of > $date_to)
)

SELECT
    uscc,
    name,
    center,
    park,
    as_of,
    staff_total,
    dose1,
    full_course,
    dose1 / nullif(staff_total, 0) AS dose1_rate,
    full_course / nullif(staff_total, 0) AS full_course_rate
FROM latest
WHERE dose1 / nullif(staff_total, 0) < $threshold
ORDER BY dose1_rate, name
