-- One enterprise: registry facts and its center.
SELECT uscc, name, park, center, industry, is_above_scale, is_high_tech, is_listed, is_eagle, employees,
       e.address, e.contact, e.phone
FROM clean_enterprises
JOIN enterprises AS e USING (uscc)
WHERE uscc = $uscc
