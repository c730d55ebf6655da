-- Enterprises in scope with no visit in the 90 days up to the end of the period, longest unvisited first
-- (then center, name, USCC): the whole list, for its downloads. The screen reads one page at a time
-- (visits_not_visited_page, visits_not_visited_counts).
SELECT *
FROM not_visited_in_scope($date_to, $centers, $parks, $types)
ORDER BY last_visit NULLS FIRST, center, name, uscc
