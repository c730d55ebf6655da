-- Every visit with its enterprise's park, center and type mask, in date order.
SELECT v.*, e.park, e.center, e.type_mask
FROM visits AS v
JOIN clean_enterprises AS e USING (uscc)
ORDER BY v.visit_date
