-- One page of visits_not_visited's list as searched: rows $offset + 1 to $offset + $limit of those the
-- search finds, in the list's order ($limit NULL: all of them, for the downloads of a search).
-- Parameters: the scope, the search (see not_visited_found in sql/views/20_scope.sql), $offset, $limit.
SELECT *
FROM not_visited_found($date_to, $centers, $parks, $types, $needle, $wide, $narrow, $places, $above_scale, $never)
ORDER BY last_visit NULLS FIRST, center, name, uscc
LIMIT $limit OFFSET $offset
