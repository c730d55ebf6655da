-- One enterprise's monthly output (万元), all months reported, with the same month a year earlier.
SELECT
    o.period AS month,
    o.output_wan AS output,
    before.output_wan AS output_prev_year
FROM output_monthly AS o
LEFT JOIN output_monthly AS before
    ON before.uscc = o.uscc AND before.period = (o.period - INTERVAL 12 MONTH)::DATE
WHERE o.uscc = $uscc
ORDER BY o.period
