-- The output facts summed per park (with its center), enterprise type mask and month, in month order: what
-- the center, park and type filters select and the center and park totals add up, in thousands of rows
-- instead of millions.
SELECT period, center, park, type_mask, sum(output_wan) AS output_wan
FROM fact_output
GROUP BY period, center, park, type_mask
ORDER BY period, center, park, type_mask
