-- Growth per center (and the total: center NULL), like for like: only the enterprise-months reported in
-- both years count, so an enterprise that stopped reporting is a missing report, never a fall to zero.
-- reporting: enterprises with a report in the period; missing: reported in the same months last year but
-- not in the period; new: the reverse.
WITH
scope AS (
    SELECT uscc, center FROM enterprises_in_scope($centers, $parks, $types)
),

now AS (
    SELECT o.uscc, o.period, o.output_wan
    FROM output_in_scope($centers, $parks, $types) AS o
    WHERE o.period BETWEEN $date_from AND $date_to
),

-- (the months compared with one range, not by month arithmetic on every row)
before AS (
    SELECT o.uscc, (o.period + INTERVAL 12 MONTH)::DATE AS period, o.output_wan
    FROM output_in_scope($centers, $parks, $types) AS o
    JOIN year_earlier($date_from, $date_to) AS y ON o.period BETWEEN y.first_day AND y.last_day
),

matched AS (
    SELECT now.uscc, now.output_wan AS output, before.output_wan AS output_prev_year
    FROM now
    JOIN before USING (uscc, period)
),

matched_by_enterprise AS (
    SELECT uscc, sum(output) AS output, sum(output_prev_year) AS output_prev_year
    FROM matched
    GROUP BY uscc
),

-- Whether each enterprise reported in the period and in the same months a year earlier.
reporters AS (
    SELECT uscc, bool_or(is_now) AS reports_now, bool_or(NOT is_now) AS reported_before
    FROM (
        SELECT uscc, true AS is_now FROM now
        UNION ALL
        SELECT uscc, false FROM before
    )
    GROUP BY uscc
),

per_enterprise AS (
    SELECT
        s.uscc,
        s.center,
        coalesce(r.reports_now, false) AS reports_now,
        coalesce(r.reported_before, false) AS reported_before,
        m.output,
        m.output_prev_year
    FROM scope AS s
    LEFT JOIN reporters AS r USING (uscc)
    LEFT JOIN matched_by_enterprise AS m USING (uscc)
)

SELECT
    center,
    count(*) FILTER (WHERE reports_now) AS reporting,
    count(*) FILTER (WHERE reported_before AND NOT reports_now) AS missing,
    count(*) FILTER (WHERE reports_now AND NOT reported_before) AS new,
    count(*) FILTER (WHERE output IS NOT NULL) AS matched_enterprises,
    coalesce(sum(output), 0) AS like_for_like,
    coalesce(sum(output_prev_year), 0) AS like_for_like_prev_year,
    sum(output) / nullif(sum(output_prev_year), 0) - 1 AS like_for_like_yoy
FROM per_enterprise
GROUP BY GROUPING SETS ((center), ())
ORDER BY center NULLS LAST
