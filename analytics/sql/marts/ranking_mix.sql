-- The case mix behind the ranking's fair comparison and change drivers (docs/ranking.md):
-- over the KPI table's cohort (tickets received in the period, not
-- withdrawn), per center × category and per category over all centers in scope (center NULL).
-- closed, closed_on_time and median_days follow center_kpis.sql's definitions of tickets_closed,
-- on-time and median resolution; closed_rated is the satisfaction rate's denominator.
-- Parameters: $date_from, $date_to, $centers, $parks, $types, $categories.
WITH
cohort AS (
    SELECT
        center,
        category,
        resolution_days,
        satisfaction,
        closed_date <= $date_to AS is_closed,
        closed_date <= due_date AS is_on_time
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE received_date BETWEEN $date_from AND $date_to
      AND NOT is_cancelled
)

SELECT
    grouping(center) = 1 AS is_category_total,
    center,
    category,
    count(*) AS received,
    count(*) FILTER (WHERE is_closed) AS closed,
    count(*) FILTER (WHERE is_closed AND is_on_time) AS closed_on_time,
    quantile_cont(resolution_days, 0.5) FILTER (WHERE is_closed) AS median_days,
    count(satisfaction) FILTER (WHERE is_closed) AS closed_rated
FROM cohort
GROUP BY GROUPING SETS ((center, category), (category))
ORDER BY is_category_total, center, category
