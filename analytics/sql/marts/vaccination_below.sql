-- Enterprises whose first-dose coverage in their latest return as of the end of the period is below
-- $threshold (a share), lowest first.
-- The latest return is found by date per enterprise (a hash aggregate, no ordering of every snapshot).
WITH
scope AS (
    SELECT uscc, name, center, park
    FROM enterprises_in_scope($centers, $parks, $types)
),

latest_dates AS (
    SELECT uscc, max(as_of) AS as_of
    FROM vaccination_snapshots
    WHERE as_of <= $date_to
    GROUP BY uscc
),

latest AS (
    SELECT s.uscc, s.name, s.center, s.park, v.as_of, v.staff_total, v.dose1, v.full_course
    FROM latest_dates AS d
    JOIN vaccination_snapshots AS v USING (uscc, as_of)
    JOIN scope AS s USING (uscc)
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
