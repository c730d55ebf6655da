-- Resolution time per center, for box plots: quartiles, Tukey whiskers, outlier count and a 95% interval
-- for the median, all computed here so no ticket row goes to the browser.
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
        quantile_cont(days, 0.25) AS q1,
        quantile_cont(days, 0.5) AS median,
        quantile_cont(days, 0.75) AS q3,
        quantile_cont(days, 0.9) AS p90,
        avg(days) AS mean,
        max(days) AS maximum,
        count(*) FILTER (WHERE NOT workdays_official) AS outside_calendar
    FROM closed
    GROUP BY center
),

whiskers AS (
    SELECT
        c.center,
        min(c.days) FILTER (WHERE c.days >= q.q1 - 1.5 * (q.q3 - q.q1)) AS lower_whisker,
        max(c.days) FILTER (WHERE c.days <= q.q3 + 1.5 * (q.q3 - q.q1)) AS upper_whisker,
        count(*) FILTER (
            WHERE c.days < q.q1 - 1.5 * (q.q3 - q.q1) OR c.days > q.q3 + 1.5 * (q.q3 - q.q1)
        ) AS outliers
    FROM closed AS c
    JOIN quartiles AS q USING (center)
    GROUP BY c.center
),

ranked AS (
    SELECT
        center,
        days,
        row_number() OVER (PARTITION BY center ORDER BY days) AS position,
        count(*) OVER (PARTITION BY center) AS n
    FROM closed
),

-- Distribution-free 95% interval for the median: the order statistics at n/2 − 0.98·√n and 1 + n/2 + 0.98·√n.
median_interval AS (
    SELECT
        center,
        min(days) FILTER (WHERE position >= greatest(1, floor(n / 2.0 - 0.98 * sqrt(n)))) AS median_low,
        max(days) FILTER (WHERE position <= least(n, ceil(1 + n / 2.0 + 0.98 * sqrt(n)))) AS median_high
    FROM ranked
    GROUP BY center
)

SELECT
    s.center,
    s.is_illustrative,
    coalesce(q.n, 0) AS n,
    q.q1,
    q.median,
    q.q3,
    q.p90,
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
