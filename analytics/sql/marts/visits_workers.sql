-- Visits per service worker per month, per center: quartiles over the center's workers (a worker's rate
-- = visits in the period ÷ months of the period), computed here so no visit row reaches the browser.
WITH
per_worker AS (
    SELECT center, staff, count(*) / (($date_to::DATE - $date_from::DATE + 1) / 30.44) AS per_month
    FROM visits_in_scope($centers, $parks, $types)
    WHERE visit_date BETWEEN $date_from AND $date_to
    GROUP BY ALL
)

SELECT
    c.center,
    c.is_illustrative,
    count(w.staff) AS workers,
    min(w.per_month) AS minimum,
    quantile_cont(w.per_month, 0.25) AS q1,
    quantile_cont(w.per_month, 0.5) AS median,
    quantile_cont(w.per_month, 0.75) AS q3,
    max(w.per_month) AS maximum
FROM centers_in_scope($centers, $parks) AS c
LEFT JOIN per_worker AS w USING (center)
GROUP BY c.center, c.is_illustrative, c.sort_order
ORDER BY c.sort_order NULLS LAST, c.center
