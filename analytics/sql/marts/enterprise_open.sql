-- One enterprise's demands still open at the end of the period, whenever received (docs/metrics.md 在办诉求):
-- the overdue ones (超期诉求, due before the end of the period) first, most overdue first.
WITH
open_tickets AS (
    SELECT
        *,
        overdue_at(received_date, closed_date, is_cancelled, due_date, $date_to) AS overdue
    FROM clean_tickets
    WHERE uscc = $uscc AND open_at(received_date, closed_date, is_cancelled, $date_to)
)

SELECT
    ticket_no,
    received_date,
    category,
    description,
    status,
    due_date,
    overdue,
    CASE WHEN overdue THEN $date_to::DATE - due_date END AS days_overdue,
    lead_unit
FROM open_tickets
ORDER BY overdue DESC, days_overdue DESC, received_date, ticket_no
