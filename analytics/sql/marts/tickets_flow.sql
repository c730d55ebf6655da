-- Tickets received and closed per week (weeks start on Monday; the first and last may be cut by the
-- period) and the open backlog at the end of each week. The backlog starts from the tickets open when
-- the period begins, so its last value equals open_tickets of the period.
WITH
tickets AS (
    SELECT received_date, closed_date
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE NOT is_cancelled
),

weeks AS (
    SELECT unnest(generate_series(date_trunc('week', $date_from::DATE), $date_to::DATE, INTERVAL 7 DAY))::DATE AS week
),

received AS (
    SELECT date_trunc('week', received_date)::DATE AS week, count(*) AS n
    FROM tickets
    WHERE received_date BETWEEN $date_from AND $date_to
    GROUP BY 1
),

closed AS (
    SELECT date_trunc('week', closed_date)::DATE AS week, count(*) AS n
    FROM tickets
    WHERE closed_date BETWEEN $date_from AND $date_to
    GROUP BY 1
),

opening AS (
    SELECT count(*) AS n
    FROM tickets
    WHERE received_date < $date_from AND (closed_date IS NULL OR closed_date >= $date_from)
)

SELECT
    w.week,
    least(w.week + 6, $date_to::DATE) AS week_end,
    coalesce(r.n, 0) AS received,
    coalesce(c.n, 0) AS closed,
    (SELECT n FROM opening) + sum(coalesce(r.n, 0) - coalesce(c.n, 0)) OVER (ORDER BY w.week) AS backlog
FROM weeks AS w
LEFT JOIN received AS r USING (week)
LEFT JOIN closed AS c USING (week)
ORDER BY w.week
