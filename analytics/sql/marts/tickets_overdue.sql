-- The overdue list: tickets open at the end of the period whose due date is before it.
SELECT
    ticket_no,
    enterprise,
    uscc,
    center,
    category,
    received_date,
    due_date,
    $date_to::DATE - due_date AS days_overdue,
    lead_unit,
    status,
    description
FROM tickets_in_scope($centers, $parks, $types, $categories)
WHERE overdue_at(received_date, closed_date, is_cancelled, due_date, $date_to)
ORDER BY days_overdue DESC, received_date, ticket_no
