-- Visit coverage and workload per center (and the total: center NULL).
-- coverage: enterprises visited at least once in the period, and in the 30 / 90 days up to its end.
-- workers: service workers with a visit in the period; visits_per_worker_month = visits ÷ workers ÷ months
-- of the period (days / 30.44). A visit raised a demand when the enterprise has a ticket received that
-- day whose source is 走访 or not recorded.
WITH
scope AS (
    SELECT uscc, center FROM enterprises_in_scope($centers, $parks, $types)
),

visits_in_scope AS (
    SELECT v.*, s.center
    FROM visits AS v
    JOIN scope AS s USING (uscc)
    WHERE v.visit_date <= $date_to
),

raised AS (
    SELECT DISTINCT uscc, received_date AS visit_date
    FROM tickets
    WHERE source = '走访' OR source IS NULL
),

enterprise_facts AS (
    SELECT grouping(center) = 1 AS is_total, center, count(*) AS enterprises
    FROM scope
    GROUP BY GROUPING SETS ((center), ())
),

visit_facts AS (
    SELECT
        grouping(v.center) = 1 AS is_total,
        v.center,
        count(*) FILTER (WHERE v.visit_date >= $date_from) AS visits,
        count(DISTINCT v.uscc) FILTER (WHERE v.visit_date >= $date_from) AS visited_period,
        count(DISTINCT v.uscc) FILTER (WHERE v.visit_date > $date_to::DATE - 30) AS visited_30,
        count(DISTINCT v.uscc) FILTER (WHERE v.visit_date > $date_to::DATE - 90) AS visited_90,
        count(DISTINCT v.staff) FILTER (WHERE v.visit_date >= $date_from) AS workers,
        count(*) FILTER (WHERE v.visit_date >= $date_from AND r.uscc IS NOT NULL) AS raised_demand
    FROM visits_in_scope AS v
    LEFT JOIN raised AS r USING (uscc, visit_date)
    GROUP BY GROUPING SETS ((v.center), ())
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
    coalesce(v.workers, 0) AS workers,
    v.visits / nullif(v.workers, 0) / (($date_to::DATE - $date_from::DATE + 1) / 30.44) AS visits_per_worker_month,
    coalesce(v.raised_demand, 0) AS raised_demand,
    v.raised_demand / nullif(v.visits, 0) AS raised_demand_rate
FROM spine AS s
LEFT JOIN enterprise_facts AS e ON e.is_total = s.is_total AND e.center IS NOT DISTINCT FROM s.center
LEFT JOIN visit_facts AS v ON v.is_total = s.is_total AND v.center IS NOT DISTINCT FROM s.center
ORDER BY s.is_total, s.sort_order NULLS LAST, s.center
