-- One enterprise over the period: visits, demands (as docs/metrics.md defines them for its cohort), output
-- and its growth, and its latest vaccination return as of the end of the period.
WITH
cohort AS (
    SELECT *
    FROM clean_tickets
    WHERE uscc = $uscc AND received_date BETWEEN $date_from AND $date_to AND NOT is_cancelled
),

output AS (
    SELECT
        sum(output_wan) FILTER (WHERE period BETWEEN $date_from AND $date_to) AS output_value,
        sum(output_wan) FILTER (WHERE period + INTERVAL 12 MONTH BETWEEN $date_from AND $date_to) AS output_value_prev_year
    FROM output_monthly
    WHERE uscc = $uscc
),

latest AS (
    SELECT dose1 / nullif(staff_total, 0) AS vaccination_rate
    FROM vaccination_snapshots
    WHERE uscc = $uscc AND as_of <= $date_to
    ORDER BY as_of DESC
    LIMIT 1
)

SELECT
    (SELECT count(*) FROM visits WHERE uscc = $uscc AND visit_date BETWEEN $date_from AND $date_to) AS visits,
    (SELECT count(*) FROM cohort) AS tickets_received,
    (SELECT count(*) FROM cohort WHERE closed_date <= $date_to) AS tickets_closed,
    (SELECT quantile_cont(resolution_days, 0.5) FROM cohort WHERE closed_date <= $date_to) AS median_resolution_days,
    coalesce(output.output_value, 0) AS output_value,
    coalesce(output.output_value_prev_year, 0) AS output_value_prev_year,
    coalesce(output.output_value, 0) / nullif(coalesce(output.output_value_prev_year, 0), 0) - 1 AS output_yoy,
    (SELECT vaccination_rate FROM latest) AS vaccination_rate
FROM output
