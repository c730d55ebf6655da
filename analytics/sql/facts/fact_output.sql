-- Every month of output with its enterprise's park, center and type mask, in month order.
SELECT o.*, e.park, e.center, e.type_mask
FROM output_monthly AS o
JOIN clean_enterprises AS e USING (uscc)
ORDER BY o.period
