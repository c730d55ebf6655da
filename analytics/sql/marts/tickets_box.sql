-- Resolution time per center, for box plots: quartiles, Tukey whiskers, outlier count and a 95% interval
-- for the median, all computed here so no ticket row goes to the browser, from each center's histogram of
-- days (how many tickets took each whole number of days): exact, without sorting the tickets.
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

-- Each center's distribution of days: how many tickets took each whole number of days (sql/views/10_clean.sql).
distributions AS (
    SELECT
        center,
        count(*) AS n,
        histogram(days) AS h,
        avg(days) AS mean,
        max(days) AS maximum,
        count(*) FILTER (WHERE NOT workdays_official) AS outside_calendar
    FROM closed
    GROUP BY center
),

with_lists AS (
    SELECT *, hist_keys(h) AS keys, hist_upto(h) AS upto FROM distributions
),

quartiles AS (
    SELECT
        *,
        hist_interpolate(keys, upto, 0.25) AS q1,
        hist_interpolate(keys, upto, 0.5) AS median,
        hist_interpolate(keys, upto, 0.75) AS q3,
        hist_interpolate(keys, upto, 0.9) AS p90
    FROM with_lists
),

-- The distinct numbers of days with their counts, against the center's quartiles.
values_seen AS (
    SELECT center, q1, q3, unnest(map_keys(h)) AS days, unnest(map_values(h)) AS tickets
    FROM quartiles
),

whiskers AS (
    SELECT
        center,
        min(days) FILTER (WHERE days >= q1 - 1.5 * (q3 - q1)) AS lower_whisker,
        max(days) FILTER (WHERE days <= q3 + 1.5 * (q3 - q1)) AS upper_whisker,
        coalesce(sum(tickets) FILTER (WHERE days < q1 - 1.5 * (q3 - q1) OR days > q3 + 1.5 * (q3 - q1)), 0)::BIGINT
            AS outliers
    FROM values_seen
    GROUP BY center
),

-- Distribution-free 95% interval for the median: the order statistics at n/2 − 0.98·√n and 1 + n/2 + 0.98·√n
-- (positions among the n closed tickets, those without a number of days last).
positions AS (
    SELECT
        center,
        keys,
        upto,
        upto[-1] AS valued,
        greatest(1, floor(n / 2.0 - 0.98 * sqrt(n))) AS low_position,
        least(n, ceil(1 + n / 2.0 + 0.98 * sqrt(n))) AS high_position
    FROM quartiles
),

median_interval AS (
    SELECT
        center,
        CASE WHEN low_position <= valued THEN hist_value_at(keys, upto, low_position - 1) END AS median_low,
        hist_value_at(keys, upto, least(high_position, valued) - 1) AS median_high
    FROM positions
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
