-- Every month of output with its enterprise's park, center and type mask, and the same enterprise's output
-- twelve months earlier (NULL when it did not report that month), in month order: like-for-like growth is
-- then a sum over the period's rows, not a join of one year to the year before. (Reporting months are
-- first days of months and an enterprise reports a month once, so the month a year earlier is one row.)
-- enterprise_key numbers the enterprises (in USCC order) for marts that add up per enterprise: grouping
-- by an integer instead of an 18-character code. It means something only inside this table, which is
-- rebuilt whenever output or the registry changes.
WITH
keyed AS (
    SELECT *, row_number() OVER (ORDER BY uscc)::INTEGER AS enterprise_key
    FROM clean_enterprises
)

SELECT o.*, b.output_wan AS output_year_earlier, e.park, e.center, e.type_mask, e.enterprise_key
FROM output_monthly AS o
JOIN keyed AS e USING (uscc)
LEFT JOIN output_monthly AS b ON b.uscc = o.uscc AND b.period = (o.period - INTERVAL 12 MONTH)::DATE
ORDER BY o.period, o.uscc
