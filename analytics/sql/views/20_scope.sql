-- Scope: what the global filters select (docs/metrics.md "Scope"). Filter values arrive as bound list
-- parameters; an empty list means "no restriction".

-- Enterprises through their park (and their type flags: any of the chosen types).
CREATE OR REPLACE MACRO enterprises_in_scope(centers, parks, types) AS TABLE
SELECT *
FROM clean_enterprises
WHERE (len(centers) = 0 OR list_contains(centers, center))
  AND (len(parks) = 0 OR list_contains(parks, park))
  AND (len(types) = 0 OR list_has_any(types, type_flags));

-- Activities by their own center; with a park filter, only those recorded with one of the parks.
CREATE OR REPLACE MACRO activities_in_scope(centers, parks) AS TABLE
SELECT *
FROM activities
WHERE (len(centers) = 0 OR list_contains(centers, center))
  AND (len(parks) = 0 OR list_contains(parks, park));

-- The centers a comparison shows a row for: the chosen ones, narrowed to those owning a chosen park.
CREATE OR REPLACE MACRO centers_in_scope(centers, parks) AS TABLE
SELECT c.center, c.sort_order, c.is_illustrative
FROM centers AS c
WHERE (len(centers) = 0 OR list_contains(centers, c.center))
  AND (len(parks) = 0 OR c.center IN (SELECT p.center FROM parks AS p WHERE list_contains(parks, p.park)));

-- Tickets of the enterprises in scope, with their enterprise's name, park and center; `categories`
-- narrows to ticket categories (the demand page's drill-down), empty = all.
CREATE OR REPLACE MACRO tickets_in_scope(centers, parks, types, categories) AS TABLE
SELECT t.*, e.name AS enterprise, e.park, e.center
FROM clean_tickets AS t
JOIN enterprises_in_scope(centers, parks, types) AS e USING (uscc)
WHERE len(categories) = 0 OR list_contains(categories, t.category);
