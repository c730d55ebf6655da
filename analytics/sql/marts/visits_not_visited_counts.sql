-- How long visits_not_visited's list is (listed) and how many of its rows a search finds (found).
-- Parameters: the scope and the search (see not_visited_found in sql/views/20_scope.sql).
SELECT
    (SELECT count(*) FROM not_visited_in_scope($date_to, $centers, $parks, $types)) AS listed,
    count(*) AS found
FROM not_visited_found($date_to, $centers, $parks, $types, $needle, $wide, $narrow, $places, $above_scale, $never)
