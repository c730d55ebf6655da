-- Activities and person-times per day of the period (every day present), for a calendar heatmap.
WITH
days AS (
    SELECT unnest(generate_series($date_from::DATE, $date_to::DATE, INTERVAL 1 DAY))::DATE AS day
),

daily AS (
    SELECT activity_date AS day, count(*) AS activities, sum(person_times) AS person_times
    FROM activities_in_scope($centers, $parks)
    WHERE activity_date BETWEEN $date_from AND $date_to
    GROUP BY activity_date
)

SELECT d.day, coalesce(a.activities, 0) AS activities, coalesce(a.person_times, 0) AS person_times
FROM days AS d
LEFT JOIN daily AS a USING (day)
ORDER BY d.day
