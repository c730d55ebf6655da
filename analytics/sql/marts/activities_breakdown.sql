-- Worker-service activities in the period per center by service category and by venue: activities and
-- person-times (activities are selected by their own center, and by park when a park filter is set).
SELECT
    center,
    'category' AS dimension,
    category AS item,
    count(*) AS activities,
    sum(person_times) AS person_times
FROM activities_in_scope($centers, $parks)
WHERE activity_date BETWEEN $date_from AND $date_to
GROUP BY center, category
UNION ALL
SELECT
    center,
    'venue',
    coalesce(venue, '—'),
    count(*),
    sum(person_times)
FROM activities_in_scope($centers, $parks)
WHERE activity_date BETWEEN $date_from AND $date_to
GROUP BY center, venue
ORDER BY center, dimension, person_times DESC
