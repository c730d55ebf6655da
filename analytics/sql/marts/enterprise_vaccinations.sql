-- One enterprise's vaccination returns, oldest first.
SELECT
    as_of,
    staff_total,
    dose1,
    full_course,
    booster,
    dose1 / nullif(staff_total, 0) AS dose1_rate,
    full_course / nullif(staff_total, 0) AS full_course_rate,
    booster / nullif(staff_total, 0) AS booster_rate
FROM vaccination_snapshots
WHERE uscc = $uscc
ORDER BY as_of
