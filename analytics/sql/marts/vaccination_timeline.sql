-- Vaccination coverage over time per center (and the total: center NULL): at each return date up to the
-- end of the period (the history before it gives the context), each enterprise counts with its latest
-- snapshot as of that date (METRICS.md vaccination_*).
WITH
scope AS (
    SELECT uscc, center FROM enterprises_in_scope($centers, $parks, $types)
),

snapshots AS (
    SELECT v.*, s.center FROM vaccination_snapshots AS v JOIN scope AS s USING (uscc)
),

dates AS (
    SELECT DISTINCT as_of AS day FROM snapshots WHERE as_of <= $date_to
),

latest AS (
    SELECT d.day, s.center, s.staff_total, s.dose1, s.full_course, s.booster
    FROM dates AS d
    JOIN (SELECT DISTINCT uscc FROM snapshots) AS e ON true
    ASOF JOIN snapshots AS s ON s.uscc = e.uscc AND s.as_of <= d.day
)

SELECT
    day,
    center,
    count(*) AS enterprises,
    sum(staff_total) AS staff,
    sum(dose1) / nullif(sum(staff_total), 0) AS dose1_rate,
    sum(full_course) / nullif(sum(staff_total), 0) AS full_course_rate,
    sum(booster) / nullif(sum(staff_total), 0) AS booster_rate
FROM latest
GROUP BY GROUPING SETS ((day, center), (day))
ORDER BY center NULLS FIRST, day
