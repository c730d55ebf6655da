-- Coverage at the end of the period by enterprise size (staff in the latest return): <50, 50–99, 100–299,
-- 300–999, ≥1000. Each enterprise counts with its latest snapshot as of the end of the period (the one in
-- force then: sql/facts/fact_vaccinations.sql).
WITH
latest AS (
    SELECT *
    FROM vaccinations_in_scope($centers, $parks, $types)
    WHERE as_of <= $date_to AND (next_as_of IS NULL OR next_as_of > $date_to)
),

bands AS (
    SELECT * FROM (VALUES (1, '<50', 0, 49), (2, '50–99', 50, 99), (3, '100–299', 100, 299), (4, '300–999', 300, 999),
                          (5, '≥1000', 1000, 100000000)) AS b (band_order, band, low, high)
)

SELECT
    b.band,
    b.band_order,
    count(l.uscc) AS enterprises,
    coalesce(sum(l.staff_total), 0) AS staff,
    sum(l.dose1) / nullif(sum(l.staff_total), 0) AS dose1_rate,
    sum(l.full_course) / nullif(sum(l.staff_total), 0) AS full_course_rate,
    sum(l.booster) / nullif(sum(l.staff_total), 0) AS booster_rate
FROM bands AS b
LEFT JOIN latest AS l ON l.staff_total BETWEEN b.low AND b.high
GROUP BY b.band, b.band_order
ORDER BY b.band_order
