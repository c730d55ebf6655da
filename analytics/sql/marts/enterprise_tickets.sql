-- One enterprise's demands received in the period, newest first, with how they were resolved.
SELECT
    ticket_no,
    received_date,
    category,
    description,
    status,
    closed_date,
    resolution_days,
    due_date,
    closed_date <= due_date AS on_time,
    resolved,
    satisfaction,
    lead_unit
FROM clean_tickets
WHERE uscc = $uscc AND received_date BETWEEN $date_from AND $date_to
ORDER BY received_date DESC, ticket_no
