-- Open tickets at the end of the period per center and age bucket (days since receipt): 0–7, 8–15,
-- 16–30, 31–90, > 90. Every center and bucket is present (zeros), so the buckets sum to open_tickets.
WITH
open_tickets AS (
    SELECT center, $date_to::DATE - received_date AS age
    FROM tickets_in_scope($centers, $parks, $types, $categories)
    WHERE received_date <= $date_to
      AND NOT is_cancelled
      AND (closed_date IS NULL OR closed_date > $date_to)
),

buckets AS (
    SELECT * FROM (VALUES (1, '0–7', 0, 7), (2, '8–15', 8, 15), (3, '16–30', 16, 30), (4, '31–90', 31, 90),
                          (5, '>90', 91, 1000000)) AS b (bucket_order, bucket, low, high)
),

counted AS (
    SELECT o.center, b.bucket_order, count(*) AS n
    FROM open_tickets AS o
    JOIN buckets AS b ON o.age BETWEEN b.low AND b.high
    GROUP BY ALL
)

SELECT s.center, s.is_illustrative, b.bucket, b.bucket_order, coalesce(c.n, 0) AS n
FROM centers_in_scope($centers, $parks) AS s
CROSS JOIN buckets AS b
LEFT JOIN counted AS c ON c.center = s.center AND c.bucket_order = b.bucket_order
ORDER BY s.sort_order NULLS LAST, s.center, b.bucket_order
