-- Enterprises whose name contains $text (ignoring spaces and case) or whose USCC starts with it.
SELECT uscc, name, center, park
FROM clean_enterprises
WHERE lower(replace(name, ' ', '')) LIKE '%' || lower(replace($text, ' ', '')) || '%'
   OR uscc LIKE upper(replace($text, ' ', '')) || '%'
ORDER BY name
LIMIT 50
