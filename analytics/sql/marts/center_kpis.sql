-- Per-center KPIs of docs/metrics.md, one row per center in scope plus the total row (is_total).
-- Parameters: $date_from, $date_to (inclusive), $centers, $parks, $types, $categories (lists; empty = all;
-- $categories narrows the ticket metrics to those categories: the demand page's drill-down).
-- Each fact is aggregated with GROUPING SETS ((center), ()) so the total is computed over the whole
-- scope (medians are not averaged) and centers sum to the total for additive keys.
-- $sections: the topics to compute (analytics.kpis.SECTIONS: visits, tickets, output, vaccination,
-- activities; the registry's counts always): a section left out reads no rows (its condition is constant
-- false) and analytics.kpis drops its columns.
WITH
spine AS (
    SELECT center, sort_order, is_illustrative, false AS is_total
    FROM centers_in_scope($centers, $parks)
    UNION ALL
    SELECT NULL, NULL, false, true
),

scope AS (
    SELECT * FROM enterprises_in_scope($centers, $parks, $types)
),

enterprise_facts AS (
    SELECT
        grouping(center) = 1 AS is_total,
        center,
        count(*) AS enterprises,
        sum(employees)::BIGINT AS workers
    FROM scope
    GROUP BY GROUPING SETS ((center), ())
),

-- An enterprise is counted once, at its first visit in the period (the one whose previous visit is not in it).
visit_facts AS (
    SELECT
        grouping(center) = 1 AS is_total,
        center,
        count(*) AS visits,
        count(*) FILTER (WHERE previous_visit_date IS NULL OR previous_visit_date < $date_from) AS enterprises_visited
    FROM visits_in_scope($centers, $parks, $types)
    WHERE list_contains($sections, 'visits') AND visit_date BETWEEN $date_from AND $date_to
    GROUP BY GROUPING SETS ((center), ())
),

-- The cohort: tickets received in the period, not withdrawn.
cohort AS (
    SELECT *, closed_date <= $date_to AS is_closed
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE list_contains($sections, 'tickets') AND received_date BETWEEN $date_from AND $date_to
      AND NOT is_cancelled
),

cohort_facts AS (
    SELECT
        grouping(center) = 1 AS is_total,
        center,
        count(*) AS tickets_received,
        count(*) FILTER (WHERE is_closed) AS tickets_closed,
        -- both from one sort of the closed cohort's days
        quantile_cont(resolution_days, [0.5, 0.9]) FILTER (WHERE is_closed) AS resolution_quantiles,
        count(*) FILTER (WHERE is_closed AND closed_date <= due_date) AS closed_on_time,
        count(*) FILTER (WHERE is_closed AND satisfaction IN ('满意', '基本满意')) AS closed_satisfied,
        count(satisfaction) FILTER (WHERE is_closed) AS closed_rated
    FROM cohort
    GROUP BY GROUPING SETS ((center), ())
),

-- Open at the end of the period, whenever received.
open_facts AS (
    SELECT
        grouping(center) = 1 AS is_total,
        center,
        count(*) AS open_tickets,
        count(*) FILTER (
            WHERE overdue_at(received_date, closed_date, is_cancelled, due_date, $date_to)
        ) AS overdue_tickets
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE list_contains($sections, 'tickets') AND open_at(received_date, closed_date, is_cancelled, $date_to)
    GROUP BY GROUPING SETS ((center), ())
),

-- Output of the period and of the same months a year earlier; only the months either can use are read.
output_facts AS (
    SELECT
        grouping(o.center) = 1 AS is_total,
        o.center,
        sum(o.output_wan) FILTER (WHERE o.period BETWEEN $date_from AND $date_to) AS output_value,
        sum(o.output_wan) FILTER (WHERE o.period BETWEEN p.first_day AND p.last_day) AS output_value_prev_year
    FROM output_parks_in_scope($centers, $parks, $types) AS o
    CROSS JOIN year_earlier($date_from, $date_to) AS p
    WHERE list_contains($sections, 'output') AND o.period BETWEEN ($date_from::DATE - INTERVAL 13 MONTH)::DATE AND $date_to
    GROUP BY GROUPING SETS ((o.center), ())
),

-- Each enterprise's latest snapshot as of the end of the period.
latest_snapshots AS (
    SELECT *
    FROM vaccinations_in_scope($centers, $parks, $types)
    WHERE list_contains($sections, 'vaccination') AND as_of <= $date_to AND (next_as_of IS NULL OR next_as_of > $date_to)
),

vaccination_facts AS (
    SELECT
        grouping(center) = 1 AS is_total,
        center,
        sum(staff_total)::BIGINT AS vaccination_staff,
        sum(dose1)::BIGINT AS vaccinated_dose1,
        sum(full_course)::BIGINT AS full_course
    FROM latest_snapshots
    GROUP BY GROUPING SETS ((center), ())
),

activity_facts AS (
    SELECT
        grouping(center) = 1 AS is_total,
        center,
        count(*) AS activities,
        sum(person_times)::BIGINT AS activity_person_times
    FROM activities_in_scope($centers, $parks)
    WHERE list_contains($sections, 'activities') AND activity_date BETWEEN $date_from AND $date_to
    GROUP BY GROUPING SETS ((center), ())
),

facts AS (
    SELECT
        spine.is_total,
        spine.center,
        spine.sort_order,
        spine.is_illustrative,
        coalesce(ef.enterprises, 0) AS enterprises,
        coalesce(ef.workers, 0) AS workers,
        coalesce(vf.visits, 0) AS visits,
        coalesce(vf.enterprises_visited, 0) AS enterprises_visited,
        coalesce(cf.tickets_received, 0) AS tickets_received,
        coalesce(cf.tickets_closed, 0) AS tickets_closed,
        cf.resolution_quantiles[1] AS median_resolution_days,
        cf.resolution_quantiles[2] AS p90_resolution_days,
        coalesce(cf.closed_on_time, 0) AS closed_on_time,
        coalesce(cf.closed_satisfied, 0) AS closed_satisfied,
        coalesce(cf.closed_rated, 0) AS closed_rated,
        coalesce(opf.open_tickets, 0) AS open_tickets,
        coalesce(opf.overdue_tickets, 0) AS overdue_tickets,
        coalesce(outf.output_value, 0) AS output_value,
        coalesce(outf.output_value_prev_year, 0) AS output_value_prev_year,
        coalesce(vacf.vaccination_staff, 0) AS vaccination_staff,
        coalesce(vacf.vaccinated_dose1, 0) AS vaccinated_dose1,
        vacf.full_course,
        coalesce(af.activities, 0) AS activities,
        coalesce(af.activity_person_times, 0) AS activity_person_times
    FROM spine
    LEFT JOIN enterprise_facts AS ef
        ON ef.is_total = spine.is_total AND ef.center IS NOT DISTINCT FROM spine.center
    LEFT JOIN visit_facts AS vf
        ON vf.is_total = spine.is_total AND vf.center IS NOT DISTINCT FROM spine.center
    LEFT JOIN cohort_facts AS cf
        ON cf.is_total = spine.is_total AND cf.center IS NOT DISTINCT FROM spine.center
    LEFT JOIN open_facts AS opf
        ON opf.is_total = spine.is_total AND opf.center IS NOT DISTINCT FROM spine.center
    LEFT JOIN output_facts AS outf
        ON outf.is_total = spine.is_total AND outf.center IS NOT DISTINCT FROM spine.center
    LEFT JOIN vaccination_facts AS vacf
        ON vacf.is_total = spine.is_total AND vacf.center IS NOT DISTINCT FROM spine.center
    LEFT JOIN activity_facts AS af
        ON af.is_total = spine.is_total AND af.center IS NOT DISTINCT FROM spine.center
)

SELECT
    is_total,
    center,
    is_illustrative,
    enterprises,
    workers,
    visits,
    enterprises_visited,
    enterprises_visited / nullif(enterprises, 0) AS visit_coverage,
    tickets_received,
    tickets_closed,
    tickets_closed / nullif(tickets_received, 0) AS closure_rate,
    median_resolution_days,
    p90_resolution_days,
    closed_on_time / nullif(tickets_closed, 0) AS on_time_rate,
    closed_satisfied / nullif(closed_rated, 0) AS satisfaction_rate,
    open_tickets,
    overdue_tickets,
    output_value,
    output_value_prev_year,
    output_value / nullif(output_value_prev_year, 0) - 1 AS output_yoy,
    vaccination_staff,
    vaccinated_dose1,
    vaccinated_dose1 / nullif(vaccination_staff, 0) AS vaccination_rate,
    full_course / nullif(vaccination_staff, 0) AS full_course_rate,
    activities,
    activity_person_times,
    activity_person_times / nullif(workers, 0) * 1000 AS participation_per_1000_workers
FROM facts
ORDER BY is_total, sort_order NULLS LAST, center
