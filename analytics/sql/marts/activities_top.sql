-- The activities of the period with the most person-times.
SELECT activity_date, name, center, venue, category, person_times, people, volunteers
FROM activities_in_scope($centers, $parks)
WHERE activity_date BETWEEN $date_from AND $date_to
ORDER BY person_times DESC, activity_date, name
LIMIT 15
