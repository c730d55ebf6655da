-- Completeness: for each center in scope, month of the period and dated dataset, the rows held and
-- when they were last uploaded. Months without rows are present with rows = 0, so gaps show.
-- Parameters: $date_from, $date_to, $centers, $parks (enterprise types do not apply here).
WITH
months AS (
    SELECT unnest(generate_series(date_trunc('month', $date_from::DATE), $date_to::DATE, INTERVAL 1 MONTH))::DATE AS month
),

datasets AS (
    SELECT * FROM (VALUES (1, 'visits'), (2, 'tickets'), (3, 'output'), (4, 'vaccinations'), (5, 'activities'))
        AS d (dataset_order, dataset)
),

spine AS (
    SELECT c.center, c.sort_order, m.month, d.dataset, d.dataset_order
    FROM centers_in_scope($centers, $parks) AS c
    CROSS JOIN months AS m
    CROSS JOIN datasets AS d
),

-- Only the rows dated within the months of the period are read (a month counts when it starts by the end).
dated_rows AS (
    SELECT 'visits' AS dataset, v.center, date_trunc('month', v.visit_date)::DATE AS month, v.batch_id
    FROM visits_in_scope($centers, $parks, []) AS v
    WHERE v.visit_date >= date_trunc('month', $date_from::DATE)
      AND v.visit_date < (date_trunc('month', $date_to::DATE) + INTERVAL 1 MONTH)::DATE
    UNION ALL
    SELECT 'tickets', t.center, date_trunc('month', t.received_date)::DATE, t.batch_id
    FROM tickets_in_scope($centers, $parks, [], []) AS t
    WHERE t.received_date >= date_trunc('month', $date_from::DATE)
      AND t.received_date < (date_trunc('month', $date_to::DATE) + INTERVAL 1 MONTH)::DATE
    UNION ALL
    SELECT 'output', o.center, o.period, o.batch_id
    FROM output_in_scope($centers, $parks, []) AS o
    WHERE o.period >= date_trunc('month', $date_from::DATE)
      AND o.period < (date_trunc('month', $date_to::DATE) + INTERVAL 1 MONTH)::DATE
    UNION ALL
    SELECT 'vaccinations', v.center, date_trunc('month', v.as_of)::DATE, v.batch_id
    FROM vaccinations_in_scope($centers, $parks, []) AS v
    WHERE v.as_of >= date_trunc('month', $date_from::DATE)
      AND v.as_of < (date_trunc('month', $date_to::DATE) + INTERVAL 1 MONTH)::DATE
    UNION ALL
    SELECT 'activities', a.center, date_trunc('month', a.activity_date)::DATE, a.batch_id
    FROM activities_in_scope($centers, $parks) AS a
    WHERE a.activity_date >= date_trunc('month', $date_from::DATE)
      AND a.activity_date < (date_trunc('month', $date_to::DATE) + INTERVAL 1 MONTH)::DATE
),

-- Rows per batch first: the upload time is the batch's, so the batch table is joined once per batch.
by_batch AS (
    SELECT dataset, center, month, batch_id, count(*) AS row_count
    FROM dated_rows
    WHERE month BETWEEN date_trunc('month', $date_from::DATE) AND $date_to
    GROUP BY ALL
),

counted AS (
    SELECT r.dataset, r.center, r.month, sum(r.row_count)::BIGINT AS row_count, max(b.created_at) AS last_upload
    FROM by_batch AS r
    LEFT JOIN import_batches AS b USING (batch_id)
    GROUP BY ALL
)

SELECT
    spine.dataset,
    spine.center,
    spine.month,
    coalesce(counted.row_count, 0) AS row_count,
    counted.last_upload
FROM spine
LEFT JOIN counted USING (dataset, center, month)
ORDER BY spine.dataset_order, spine.sort_order NULLS LAST, spine.center, spine.month
