-- Vaccination coverage over time per center (and the total: center NULL): at each return date up to the
-- end of the period (the history before it gives the context), each enterprise counts with its latest
-- snapshot as of that date (docs/metrics.md vaccination_*).
-- Computed from changes: each snapshot replaces its enterprise's previous one, so the sums as of a date
-- are running sums of those changes (integers: exact); the dates × enterprises are never formed. Each
-- snapshot carries its previous one (`previous`, sql/facts/fact_vaccinations.sql).
WITH
snapshots AS (
    SELECT as_of, staff_total, dose1, full_course, booster, previous AS p, center
    FROM vaccinations_in_scope($centers, $parks, $types)
    WHERE as_of <= $date_to
),

dates AS (
    SELECT DISTINCT as_of AS day FROM snapshots
),

-- What each snapshot adds to its center's sums: the new values less those of the enterprise's previous
-- snapshot p (NULL for its first); *_reported counts the enterprises whose latest value is not NULL (a sum
-- over none is NULL).
changes AS (
    SELECT
        center,
        as_of,
        (p IS NULL)::INTEGER AS enterprises,
        staff_total - coalesce(p.staff_total, 0) AS staff_total,
        dose1 - coalesce(p.dose1, 0) AS dose1,
        coalesce(full_course, 0) - coalesce(p.full_course, 0) AS full_course,
        (full_course IS NOT NULL)::INTEGER - (p.full_course IS NOT NULL)::INTEGER AS full_course_reported,
        coalesce(booster, 0) - coalesce(p.booster, 0) AS booster,
        (booster IS NOT NULL)::INTEGER - (p.booster IS NOT NULL)::INTEGER AS booster_reported
    FROM snapshots
),

daily_changes AS (
    SELECT
        center,
        as_of AS day,
        sum(enterprises) AS enterprises,
        sum(staff_total) AS staff_total,
        sum(dose1) AS dose1,
        sum(full_course) AS full_course,
        sum(full_course_reported) AS full_course_reported,
        sum(booster) AS booster,
        sum(booster_reported) AS booster_reported
    FROM changes
    GROUP BY GROUPING SETS ((center, as_of), (as_of))
),

-- Every date for every center (and the total), with the running sums up to it.
running AS (
    SELECT
        d.day,
        c.center,
        sum(ch.enterprises) OVER w AS enterprises,
        sum(ch.staff_total) OVER w AS staff_total,
        sum(ch.dose1) OVER w AS dose1,
        sum(ch.full_course) OVER w AS full_course,
        sum(ch.full_course_reported) OVER w AS full_course_reported,
        sum(ch.booster) OVER w AS booster,
        sum(ch.booster_reported) OVER w AS booster_reported
    FROM dates AS d
    CROSS JOIN (SELECT DISTINCT center FROM daily_changes) AS c
    LEFT JOIN daily_changes AS ch ON ch.day = d.day AND ch.center IS NOT DISTINCT FROM c.center
    WINDOW w AS (PARTITION BY c.center ORDER BY d.day)
)

SELECT
    day,
    center,
    enterprises::BIGINT AS enterprises,
    staff_total::HUGEINT AS staff,
    dose1::HUGEINT / nullif(staff_total::HUGEINT, 0) AS dose1_rate,
    CASE WHEN full_course_reported > 0 THEN full_course::HUGEINT END / nullif(staff_total::HUGEINT, 0)
        AS full_course_rate,
    CASE WHEN booster_reported > 0 THEN booster::HUGEINT END / nullif(staff_total::HUGEINT, 0) AS booster_rate
FROM running
WHERE enterprises > 0
ORDER BY center NULLS FIRST, day
