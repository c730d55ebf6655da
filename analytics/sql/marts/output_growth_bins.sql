-- Distribution of per-enterprise like-for-like growth: enterprises per 10-point bin from −100% to +200%
-- (the last bin holds everything above). Enterprises without a comparable month are not in a bin.
WITH
-- Each enterprise's period months that it also reported a year earlier (fact_output carries that output).
growth AS (
    SELECT enterprise_key, sum(output_wan) / nullif(sum(output_year_earlier), 0) - 1 AS yoy
    FROM output_in_scope($centers, $parks, $types)
    WHERE period BETWEEN $date_from AND $date_to AND output_year_earlier IS NOT NULL
    GROUP BY enterprise_key
),

bins AS (
    SELECT unnest(generate_series(-100, 200, 10)) AS low
)

SELECT
    b.low / 100.0 AS bin_low,
    CASE WHEN b.low = 200 THEN 1000 ELSE b.low + 10 END / 100.0 AS bin_high,  -- the last bin is open-ended
    count(g.enterprise_key) AS enterprises
FROM bins AS b
LEFT JOIN growth AS g
    ON g.yoy IS NOT NULL
   AND greatest(least(floor(g.yoy * 10) * 10, 200), -100) = b.low
GROUP BY b.low
ORDER BY b.low
