-- Median and P90 resolution days per center by month of receipt (and for all centers: center NULL).
-- A month counts the tickets received in it, not withdrawn and closed by the end of the period, so the
-- latest months show only the tickets already closed.
WITH
closed AS (
    SELECT center, date_trunc('month', received_date)::DATE AS month, resolution_days AS days
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE received_date BETWEEN $date_from AND $date_to
      AND NOT is_cancelled
      AND closed_date <= $date_to
)

SELECT center, month, n, q[1] AS median, q[2] AS p90
FROM (
    SELECT center, month, count(*) AS n, quantile_cont(days, [0.5, 0.9]) AS q  -- one sort for both
    FROM closed
    GROUP BY GROUPING SETS ((center, month), (month))
)
ORDER BY center NULLS FIRST, month
