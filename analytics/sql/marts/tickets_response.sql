-- Response, escalation and repeat demands per center (and the total: center NULL) over the cohort of
-- tickets received in the period and not withdrawn.
-- Response time: responded_date − received_date in calendar days, over the tickets with a response date.
-- 督办率: share of the cohort escalated. Repeat: the enterprise raised a (not withdrawn) ticket of the
-- same category in the 30 days before this one, that earlier ticket possibly before the period.
-- The days since that earlier ticket are the fact's days_since_previous (sql/facts/fact_tickets.sql).
-- Tickets of one enterprise, category and day are in no order: whichever comes first, the same number of
-- them are repeats, and they count for the same center.
WITH
cohort AS (
    SELECT center, response_days, escalated, coalesce(days_since_previous <= 30, false) AS is_repeat
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE NOT is_cancelled
      AND received_date BETWEEN $date_from AND $date_to
),

facts AS (
    SELECT
        center,
        count(*) AS n,
        count(response_days) AS responded,
        quantile_cont(response_days, [0.5, 0.9]) AS response_quantiles,  -- one sort for both
        count(*) FILTER (WHERE escalated) AS escalated,
        count(*) FILTER (WHERE is_repeat) AS repeats
    FROM cohort
    GROUP BY GROUPING SETS ((center), ())
)

SELECT
    center,
    n,
    responded,
    response_quantiles[1] AS median_response_days,
    response_quantiles[2] AS p90_response_days,
    escalated,
    escalated / nullif(n, 0) AS escalation_rate,
    repeats,
    repeats / nullif(n, 0) AS repeat_rate
FROM facts
ORDER BY center NULLS LAST
