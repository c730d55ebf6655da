-- Category × center: tickets received in the period (not withdrawn) and the median resolution days of
-- those of them closed by the end of the period.
SELECT
    center,
    category,
    count(*) AS n,
    count(*) FILTER (WHERE closed_date <= $date_to) AS closed,
    quantile_cont(resolution_days, 0.5) FILTER (WHERE closed_date <= $date_to) AS median
FROM tickets_in_scope($centers, $parks, $types, $categories)
WHERE received_date BETWEEN $date_from AND $date_to
  AND NOT is_cancelled
GROUP BY center, category
ORDER BY center, category
