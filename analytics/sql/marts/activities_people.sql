-- People against person-times where an activity records both: how many times each person came.
SELECT
    center,
    count(*) AS activities,
    coalesce(sum(people), 0) AS people,
    coalesce(sum(person_times), 0) AS person_times,
    sum(person_times) / nullif(sum(people), 0) AS times_per_person
FROM activities_in_scope($centers, $parks)
WHERE activity_date BETWEEN $date_from AND $date_to
  AND people IS NOT NULL
GROUP BY GROUPING SETS ((center), ())
ORDER BY center NULLS LAST
