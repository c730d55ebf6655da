-- One demand of one enterprise (the one a link came from), or no row when the enterprise has no such demand.
SELECT ticket_no, received_date, category, status
FROM clean_tickets
WHERE uscc = $uscc AND ticket_no = $ticket
