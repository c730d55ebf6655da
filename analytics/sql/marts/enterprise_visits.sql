-- One enterprise's visits in the period, newest first.
SELECT visit_date, staff, method, content, note
FROM visits
WHERE uscc = $uscc AND visit_date BETWEEN $date_from AND $date_to
ORDER BY visit_date DESC
