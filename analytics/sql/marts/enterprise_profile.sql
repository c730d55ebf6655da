-- One enterprise: registry facts and its center.
SELECT
    c.uscc, c.name, c.park, c.center, c.industry, c.is_above_scale, c.is_high_tech, c.is_listed, c.is_eagle,
    c.employees, e.address, e.contact, e.phone
FROM clean_enterprises AS c
JOIN enterprises AS e USING (uscc)
WHERE c.uscc = $uscc
