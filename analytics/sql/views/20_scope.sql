-- Scope: what the global filters select (docs/metrics.md "Scope"). Filter values arrive as bound list
-- parameters; an empty list means "no restriction". Created after the fact tables (analytics/facts.py),
-- which carry each row's park, center and type mask, so a ledger is scoped by a filter on its own rows.

-- A row is in scope through its enterprise's center and park and its type mask (any of the chosen types).
CREATE OR REPLACE MACRO in_scope(center, park, type_mask, centers, parks, types) AS
    (len(centers) = 0 OR list_contains(centers, center))
    AND (len(parks) = 0 OR list_contains(parks, park))
    AND (len(types) = 0 OR type_mask & type_bits(types) <> 0);

-- Enterprises through their park (and their type flags: any of the chosen types).
CREATE OR REPLACE MACRO enterprises_in_scope(centers, parks, types) AS TABLE
SELECT *
FROM clean_enterprises
WHERE in_scope(center, park, type_mask, centers, parks, types);

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
SELECT * EXCLUDE (type_mask)
FROM fact_tickets
WHERE in_scope(center, park, type_mask, centers, parks, types)
  AND (len(categories) = 0 OR list_contains(categories, category));

-- Visits, output months and vaccination snapshots of the enterprises in scope, each with its park and
-- center (and, for snapshots, next_as_of: see sql/facts/fact_vaccinations.sql).
CREATE OR REPLACE MACRO visits_in_scope(centers, parks, types) AS TABLE
SELECT * EXCLUDE (type_mask) FROM fact_visits WHERE in_scope(center, park, type_mask, centers, parks, types);

CREATE OR REPLACE MACRO output_in_scope(centers, parks, types) AS TABLE
SELECT * EXCLUDE (type_mask) FROM fact_output WHERE in_scope(center, park, type_mask, centers, parks, types);

-- Output summed per park, type mask and month (sql/facts/fact_output_parks.sql) in scope, with the mask
-- (the shares of above-scale and high-tech output read its bits).
CREATE OR REPLACE MACRO output_parks_in_scope(centers, parks, types) AS TABLE
SELECT *
FROM fact_output_parks
WHERE in_scope(center, park, type_mask, centers, parks, types);

CREATE OR REPLACE MACRO vaccinations_in_scope(centers, parks, types) AS TABLE
SELECT * EXCLUDE (type_mask)
FROM fact_vaccinations
WHERE in_scope(center, park, type_mask, centers, parks, types);

-- Enterprises in scope with no visit in the 90 days up to `date_to`, each with its last visit by then (the
-- visit whose next one is after it; NULL when never visited) and the days since.
CREATE OR REPLACE MACRO not_visited_in_scope(date_to, centers, parks, types) AS TABLE
SELECT
    e.uscc,
    e.name,
    e.center,
    e.park,
    e.industry,
    e.is_above_scale,
    e.employees,
    l.last_visit,
    date_to::DATE - l.last_visit AS days_since
FROM enterprises_in_scope(centers, parks, types) AS e
LEFT JOIN (
    SELECT uscc, visit_date AS last_visit
    FROM visits_in_scope(centers, parks, types)
    WHERE visit_date <= date_to AND (next_visit_date IS NULL OR next_visit_date > date_to)
) AS l USING (uscc)
WHERE l.last_visit IS NULL OR l.last_visit <= date_to::DATE - 90;

-- The text of a cell as a search compares it (analytics.tabular.fold, done in SQL): full-width characters
-- `wide` turned into their half-width forms `narrow`, then lower case.
CREATE OR REPLACE MACRO folded(text, wide, narrow) AS lower(translate(text, wide, narrow));

-- The rows of not_visited_in_scope whose shown text contains `needle` (already folded; '' = every row):
-- the name, USCC or industry, or one of the values the screen shows in words, matched by the caller on the
-- shown words: `places` (centers and parks), `above_scale` (is_above_scale values), `never` (never visited).
-- The last visit is shown as YYYY-MM-DD.
CREATE OR REPLACE MACRO not_visited_found(
    date_to, centers, parks, types, needle, wide, narrow, places, above_scale, never
) AS TABLE
SELECT *
FROM not_visited_in_scope(date_to, centers, parks, types)
WHERE needle = ''
   OR contains(folded(name, wide, narrow), needle)
   OR contains(folded(uscc, wide, narrow), needle)
   OR contains(folded(industry, wide, narrow), needle)
   OR list_contains(places, center)
   OR list_contains(places, park)
   OR list_contains(above_scale, is_above_scale)
   OR (last_visit IS NULL AND never)
   OR contains(strftime(last_visit, '%Y-%m-%d'), needle);
