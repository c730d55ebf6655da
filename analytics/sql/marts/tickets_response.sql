-- Response, escalation and repeat demands per center (and the total: center NULL) over the cohort of
-- tickets received in the period and not withdrawn.
-- Response time: responded_date − received_date in calendar days, over the tickets with a response date.
-- 督办率: share of the cohort escalated. Repeat: the enterprise raised a (not withdrawn) ticket of the
-- same category in the 30 days before this one, that earlier ticket possibly before the period.
-- Only tickets from 30 days before the period on are read: an earlier one is never within 30 days of the
-- cohort, and whenever it would be a cohort ticket's previous one, no ticket is within those 30 days.
-- Tickets of one enterprise, category and day are in no order: whichever comes first, the same number of
-- them are repeats, and they count for the same center.
WITH
tickets AS (
    SELECT received_date, category, response_days, escalated, center, uscc
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE NOT is_cancelled
      AND received_date BETWEEN $date_from::DATE - 30 AND $date_to
),

with_previous AS (
    SELECT
        *,
        received_date - lag(received_date) OVER (
            PARTITION BY uscc, category ORDER BY received_date
        ) AS days_since_previous
    FROM tickets
),

cohort AS (
    SELECT *, coalesce(days_since_previous <= 30, false) AS is_repeat
    FROM with_previous
    WHERE received_date BETWEEN $date_from AND $date_to
)

SELECT
    center,
    count(*) AS n,
    count(response_days) AS responded,
    quantile_cont(response_days, 0.5) AS median_response_days,
    quantile_cont(response_days, 0.9) AS p90_response_days,
    count(*) FILTER (WHERE escalated) AS escalated,
    count(*) FILTER (WHERE escalated) / nullif(count(*), 0) AS escalation_rate,
    count(*) FILTER (WHERE is_repeat) AS repeats,
    count(*) FILTER (WHERE is_repeat) / nullif(count(*), 0) AS repeat_rate
FROM cohort
GROUP BY GROUPING SETS ((center), ())
ORDER BY center NULLS LAST
