-- Every ticket (clean_tickets) with its enterprise's name, park, center and type mask, in order of
-- receipt: a period reads only its own row groups, and no mart joins tickets to enterprises again.
SELECT t.*, e.name AS enterprise, e.park, e.center, e.type_mask
FROM clean_tickets AS t
JOIN clean_enterprises AS e USING (uscc)
ORDER BY t.received_date
