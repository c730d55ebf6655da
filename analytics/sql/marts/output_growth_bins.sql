-- Distribution of per-enterprise like-for-like growth: enterprises per 10-point bin from −100% to +200%
-- (the last bin holds everything above). Enterprises without a comparable month are not in a bin.
WITH
now AS (
    SELECT uscc, period, output_wan
    FROM output_in_scope($centers, $parks, $types)
    WHERE period BETWEEN $date_from AND $date_to
),

before AS (
    SELECT uscc, (period + INTERVAL 12 MONTH)::DATE AS period, output_wan
    FROM output_in_scope($centers, $parks, $types)
    WHERE period + INTERVAL 12 MONTH BETWEEN $date_from AND $date_to
      AND period BETWEEN ($date_from::DATE - INTERVAL 13 MONTH)::DATE AND $date_to  -- only these row groups are read
),

growth AS (
    SELECT now.uscc, sum(now.output_wan) / nullif(sum(before.output_wan), 0) - 1 AS yoy
    FROM now
    JOIN before USING (uscc, period)
    GROUP BY now.uscc
),

bins AS (
    SELECT unnest(generate_series(-100, 200, 10)) AS low
)

SELECT
    b.low / 100.0 AS bin_low,
    CASE WHEN b.low = 200 THEN 1000 ELSE b.low + 10 END / 100.0 AS bin_high,  -- the last bin is open-ended
    count(g.uscc) AS enterprises
FROM bins AS b
LEFT JOIN growth AS g
    ON g.yoy IS NOT NULL
   AND greatest(least(floor(g.yoy * 10) * 10, 200), -100) = b.low
GROUP BY b.low
ORDER BY b.low
