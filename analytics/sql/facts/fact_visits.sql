-- Every visit with its enterprise's park, center and type mask, in date order, and the dates of the same
-- enterprise's visits before and after it (NULL for its first / last). A visit in a period whose previous
-- visit is before the period (or none) is the enterprise's first in it, so counting the enterprises visited is
-- a filter; a visit by a date whose next visit is after it (or none) is the enterprise's last by then.
-- raised_demand: the enterprise has a ticket received that day whose source is 走访 or not recorded.
SELECT
    v.*,
    e.park,
    e.center,
    e.type_mask,
    lag(v.visit_date) OVER by_enterprise AS previous_visit_date,
    lead(v.visit_date) OVER by_enterprise AS next_visit_date,
    r.uscc IS NOT NULL AS raised_demand
FROM visits AS v
JOIN clean_enterprises AS e USING (uscc)
LEFT JOIN (
    SELECT DISTINCT uscc, received_date AS visit_date FROM tickets WHERE source = '走访' OR source IS NULL
) AS r USING (uscc, visit_date)
WINDOW by_enterprise AS (PARTITION BY v.uscc ORDER BY v.visit_date, v.row_key)  -- visits of a day: one order
ORDER BY v.visit_date
