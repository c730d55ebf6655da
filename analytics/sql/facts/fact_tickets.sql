-- Every ticket (clean_tickets) with its enterprise's name, park, center and type mask, in order of
-- receipt: a period reads only its own row groups, and no mart joins tickets to enterprises again.
-- days_since_previous: for a ticket not withdrawn, the days since the same enterprise's previous ticket of
-- the same category not withdrawn (NULL for its first; tickets of one day in row_key order, so a rebuild
-- gives the same rows).
SELECT
    t.*,
    e.name AS enterprise,
    e.park,
    e.center,
    e.type_mask,
    CASE WHEN NOT t.is_cancelled THEN t.received_date - lag(t.received_date) OVER (
        PARTITION BY t.uscc, t.category, t.is_cancelled ORDER BY t.received_date, t.row_key
    ) END AS days_since_previous
FROM clean_tickets AS t
JOIN clean_enterprises AS e USING (uscc)
ORDER BY t.received_date
