-- Resolution time per center, for box plots: quartiles, Tukey whiskers, outlier count and a 95% interval
-- for the median, all computed here so no ticket row goes to the browser. The whiskers and the interval read
-- each center's histogram of days (how many tickets took each whole number of days), not every ticket.
-- The cohort is docs/metrics.md's: received in the period, not withdrawn, closed by the end of the period.
-- Parameters: the scope ($date_from, $date_to, $centers, $parks, $types, $categories) and $unit:
-- 'days' (calendar days) or 'workdays' (working days, mainland China calendar).
WITH
closed AS (
    SELECT
        center,
        CASE WHEN $unit = 'workdays' THEN resolution_workdays ELSE resolution_days END AS days,
        workdays_official
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE received_date BETWEEN $date_from AND $date_to
      AND NOT is_cancelled
      AND closed_date <= $date_to
),

quartiles AS (
    SELECT
        center,
        count(*) AS n,
        quantile_cont(days, [0.25, 0.5, 0.75, 0.9]) AS q,  -- one sort for the four
        avg(days) AS mean,
        max(days) AS maximum,
        count(*) FILTER (WHERE NOT workdays_official) AS outside_calendar
    FROM closed
    GROUP BY center
),

-- How many tickets took each number of days, and how many took that many or fewer (upto).
histogram AS (
    SELECT center, days, n, sum(n) OVER (PARTITION BY center ORDER BY days) AS upto
    FROM (SELECT center, days, count(*) AS n FROM closed WHERE days IS NOT NULL GROUP BY center, days)
),

whiskers AS (
    SELECT
        h.center,
        min(h.days) FILTER (WHERE h.days >= q.q[1] - 1.5 * (q.q[3] - q.q[1])) AS lower_whisker,
        max(h.days) FILTER (WHERE h.days <= q.q[3] + 1.5 * (q.q[3] - q.q[1])) AS upper_whisker,
        coalesce(sum(h.n) FILTER (
            WHERE h.days < q.q[1] - 1.5 * (q.q[3] - q.q[1]) OR h.days > q.q[3] + 1.5 * (q.q[3] - q.q[1])
        ), 0)::BIGINT AS outliers
    FROM histogram AS h
    JOIN quartiles AS q USING (center)
    GROUP BY h.center
),

-- Distribution-free 95% interval for the median: the order statistics at n/2 − 0.98·√n and 1 + n/2 + 0.98·√n
-- among the n closed tickets (those without a number of days last). The value at position k is the least
-- number of days that k tickets took or undercut (upto >= k).
positions AS (
    SELECT
        center,
        greatest(1, floor(n / 2.0 - 0.98 * sqrt(n))) AS low_position,
        least(n, ceil(1 + n / 2.0 + 0.98 * sqrt(n))) AS high_position
    FROM quartiles
),

median_interval AS (
    SELECT
        h.center,
        min(h.days) FILTER (WHERE h.upto >= p.low_position) AS median_low,
        max(h.days) FILTER (WHERE h.upto - h.n < p.high_position) AS median_high
    FROM histogram AS h
    JOIN positions AS p USING (center)
    GROUP BY h.center
)

SELECT
    s.center,
    s.is_illustrative,
    coalesce(q.n, 0) AS n,
    q.q[1] AS q1,
    q.q[2] AS median,
    q.q[3] AS q3,
    q.q[4] AS p90,
    q.mean,
    q.maximum,
    w.lower_whisker,
    w.upper_whisker,
    coalesce(w.outliers, 0) AS outliers,
    m.median_low,
    m.median_high,
    coalesce(q.outside_calendar, 0) AS outside_calendar
FROM centers_in_scope($centers, $parks) AS s
LEFT JOIN quartiles AS q USING (center)
LEFT JOIN whiskers AS w USING (center)
LEFT JOIN median_interval AS m USING (center)
ORDER BY s.sort_order NULLS LAST, s.center
