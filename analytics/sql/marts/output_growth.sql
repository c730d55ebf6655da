-- Growth per center (and the total: center NULL), like for like: only the enterprise-months reported in
-- both years count, so an enterprise that stopped reporting is a missing report, never a fall to zero.
-- reporting: enterprises with a report in the period; missing: reported in the same months last year but
-- not in the period; new: the reverse. A center in scope whose enterprises reported in neither has zeros.
WITH
-- The centers of the enterprises in scope: a row each, whether or not any reported.
scope_centers AS (
    SELECT DISTINCT center FROM enterprises_in_scope($centers, $parks, $types)
),

-- The rows of the period and of the same months a year earlier, read in one range.
months AS (
    SELECT
        o.enterprise_key,
        o.center,
        o.period BETWEEN $date_from AND $date_to AS is_now,
        o.period BETWEEN y.first_day AND y.last_day AS is_before,
        o.output_wan,
        o.output_year_earlier
    FROM output_in_scope($centers, $parks, $types) AS o
    CROSS JOIN year_earlier($date_from, $date_to) AS y
    WHERE o.period BETWEEN ($date_from::DATE - INTERVAL 13 MONTH)::DATE AND $date_to
),

-- Per enterprise (fact_output's enterprise_key): whether it reported in the period and a year earlier, and
-- its like-for-like sums over the period's months that it also reported a year earlier.
by_enterprise AS (
    SELECT
        enterprise_key,
        any_value(center) AS center,
        bool_or(is_now) AS reports_now,
        bool_or(is_before) AS reported_before,
        sum(output_wan) FILTER (WHERE is_now AND output_year_earlier IS NOT NULL) AS output,
        sum(output_year_earlier) FILTER (WHERE is_now) AS output_prev_year
    FROM months
    WHERE is_now OR is_before
    GROUP BY enterprise_key
),

per_center AS (
    SELECT
        center,
        count(*) FILTER (WHERE reports_now) AS reporting,
        count(*) FILTER (WHERE reported_before AND NOT reports_now) AS missing,
        count(*) FILTER (WHERE reports_now AND NOT reported_before) AS new,
        count(*) FILTER (WHERE output IS NOT NULL) AS matched_enterprises,
        coalesce(sum(output), 0) AS like_for_like,
        coalesce(sum(output_prev_year), 0) AS like_for_like_prev_year,
        sum(output) / nullif(sum(output_prev_year), 0) - 1 AS like_for_like_yoy
    FROM by_enterprise
    GROUP BY GROUPING SETS ((center), ())
)

SELECT
    r.center,
    coalesce(p.reporting, 0) AS reporting,
    coalesce(p.missing, 0) AS missing,
    coalesce(p.new, 0) AS new,
    coalesce(p.matched_enterprises, 0) AS matched_enterprises,
    coalesce(p.like_for_like, 0) AS like_for_like,
    coalesce(p.like_for_like_prev_year, 0) AS like_for_like_prev_year,
    p.like_for_like_yoy
FROM (SELECT center FROM scope_centers UNION ALL SELECT NULL) AS r
LEFT JOIN per_center AS p ON p.center IS NOT DISTINCT FROM r.center
ORDER BY r.center NULLS LAST
