-- Visit coverage and workload per center (and the total: center NULL).
-- coverage: enterprises visited at least once in the period, and in the 30 / 90 days up to its end.
-- workers: service workers with a visit in the period; visits_per_worker_month = visits ÷ workers ÷ months
-- of the period (days / 30.44). A visit raised a demand when the enterprise has a ticket received that
-- day whose source is 走访 or not recorded.
WITH
scope AS (
    SELECT uscc, center FROM enterprises_in_scope($centers, $parks, $types)
),

-- Only the visits any count can use: from the start of the period or of the 90 days, to its end. A visit
-- whose previous one (same enterprise) is before a window's start is the enterprise's first in it: the
-- counts of enterprises visited are plain counts (sql/facts/fact_visits.sql).
recent_visits AS (
    SELECT visit_date, previous_visit_date, raised_demand, staff, center
    FROM visits_in_scope($centers, $parks, $types)
    WHERE visit_date BETWEEN least($date_from::DATE, $date_to::DATE - 89) AND $date_to
),

enterprise_facts AS (
    SELECT grouping(center) = 1 AS is_total, center, count(*) AS enterprises
    FROM scope
    GROUP BY GROUPING SETS ((center), ())
),

visit_facts AS (
    SELECT
        grouping(center) = 1 AS is_total,
        center,
        count(*) FILTER (WHERE visit_date >= $date_from) AS visits,
        count(*) FILTER (
            WHERE visit_date >= $date_from AND (previous_visit_date IS NULL OR previous_visit_date < $date_from)
        ) AS visited_period,
        count(*) FILTER (
            WHERE visit_date > $date_to::DATE - 30
              AND (previous_visit_date IS NULL OR previous_visit_date <= $date_to::DATE - 30)
        ) AS visited_30,
        count(*) FILTER (
            WHERE visit_date > $date_to::DATE - 90
              AND (previous_visit_date IS NULL OR previous_visit_date <= $date_to::DATE - 90)
        ) AS visited_90,
        count(*) FILTER (WHERE visit_date >= $date_from AND raised_demand) AS raised_demand
    FROM recent_visits
    GROUP BY GROUPING SETS ((center), ())
),

-- Service workers with a visit in the period, once per center.
period_workers AS (
    SELECT DISTINCT center, staff FROM recent_visits WHERE visit_date >= $date_from
),

worker_facts AS (
    SELECT grouping(center) = 1 AS is_total, center, count(DISTINCT staff) AS workers
    FROM period_workers
    GROUP BY GROUPING SETS ((center), ())
),

spine AS (
    SELECT center, sort_order, is_illustrative, false AS is_total FROM centers_in_scope($centers, $parks)
    UNION ALL
    SELECT NULL, NULL, false, true
)

SELECT
    s.is_total,
    s.center,
    s.is_illustrative,
    coalesce(e.enterprises, 0) AS enterprises,
    coalesce(v.visits, 0) AS visits,
    coalesce(v.visited_period, 0) AS visited_period,
    coalesce(v.visited_30, 0) AS visited_30,
    coalesce(v.visited_90, 0) AS visited_90,
    coalesce(v.visited_period, 0) / nullif(e.enterprises, 0) AS coverage_period,
    coalesce(v.visited_30, 0) / nullif(e.enterprises, 0) AS coverage_30,
    coalesce(v.visited_90, 0) / nullif(e.enterprises, 0) AS coverage_90,
    coalesce(w.workers, 0) AS workers,
    v.visits / nullif(w.workers, 0) / (($date_to::DATE - $date_from::DATE + 1) / 30.44) AS visits_per_worker_month,
    coalesce(v.raised_demand, 0) AS raised_demand,
    v.raised_demand / nullif(v.visits, 0) AS raised_demand_rate
FROM spine AS s
LEFT JOIN enterprise_facts AS e ON e.is_total = s.is_total AND e.center IS NOT DISTINCT FROM s.center
LEFT JOIN visit_facts AS v ON v.is_total = s.is_total AND v.center IS NOT DISTINCT FROM s.center
LEFT JOIN worker_facts AS w ON w.is_total = s.is_total AND w.center IS NOT DISTINCT FROM s.center
ORDER BY s.is_total, s.sort_order NULLS LAST, s.center
