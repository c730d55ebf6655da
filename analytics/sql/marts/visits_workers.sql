-- Visits per service worker per month, per center: quartiles over the center's workers (a worker's rate
-- = visits in the period ÷ months of the period), computed here so no visit row reaches the browser.
WITH
per_worker AS (
    SELECT center, staff, count(*) / (($date_to::DATE - $date_from::DATE + 1) / 30.44) AS per_month
    FROM visits_in_scope($centers, $parks, $types)
    WHERE visit_date BETWEEN $date_from AND $date_to
    GROUP BY ALL
)

SELECT center, is_illustrative, workers, minimum, q[1] AS q1, q[2] AS median, q[3] AS q3, maximum
FROM (
    SELECT
        c.center,
        c.is_illustrative,
        c.sort_order,
        count(w.staff) AS workers,
        min(w.per_month) AS minimum,
        quantile_cont(w.per_month, [0.25, 0.5, 0.75]) AS q,  -- one sort for the three
        max(w.per_month) AS maximum
    FROM centers_in_scope($centers, $parks) AS c
    LEFT JOIN per_worker AS w USING (center)
    GROUP BY c.center, c.is_illustrative, c.sort_order
)
ORDER BY sort_order NULLS LAST, center
