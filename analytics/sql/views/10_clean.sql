-- Clean layer: raw tables joined to their park and center, with derived fields every mart uses.
-- Recreated at every start-up (they hold no data).

-- Enterprise types as bits (the type filter's values), so "any of the chosen types" is one integer AND
-- per row: type_bits(chosen) & type_mask <> 0.
CREATE OR REPLACE MACRO type_bits(types) AS
    list_contains(types, 'above_scale')::INTEGER
    + list_contains(types, 'high_tech')::INTEGER * 2
    + list_contains(types, 'listed')::INTEGER * 4
    + list_contains(types, 'eagle')::INTEGER * 8;

CREATE OR REPLACE VIEW clean_enterprises AS
SELECT
    e.uscc,
    e.name,
    e.park,
    p.center,
    e.industry,
    e.is_above_scale,
    e.is_high_tech,
    e.is_listed,
    e.is_eagle,
    e.employees,
    type_bits([
        CASE WHEN e.is_above_scale THEN 'above_scale' END,
        CASE WHEN e.is_high_tech THEN 'high_tech' END,
        CASE WHEN e.is_listed THEN 'listed' END,
        CASE WHEN e.is_eagle THEN 'eagle' END
    ]) AS type_mask
FROM enterprises AS e
JOIN parks AS p ON p.park = e.park;

CREATE OR REPLACE VIEW clean_tickets AS
SELECT
    t.*,
    t.status = '已撤销' AS is_cancelled,
    t.closed_date - t.received_date AS resolution_days,
    closed_day.workday_seq - received_day.workday_seq AS resolution_workdays,
    coalesce(received_day.is_official AND closed_day.is_official, true) AS workdays_official,
    t.responded_date - t.received_date AS response_days
FROM tickets AS t
LEFT JOIN calendar_days AS received_day ON received_day.day = t.received_date
LEFT JOIN calendar_days AS closed_day ON closed_day.day = t.closed_date;

-- A ticket's state at a date (docs/metrics.md 在办诉求 / 超期诉求), the one definition every mart uses:
-- open = received by then, not withdrawn, not closed by then; overdue = open with its due date before then.
CREATE OR REPLACE MACRO open_at(received_date, closed_date, is_cancelled, as_of) AS
    received_date <= as_of AND NOT is_cancelled AND (closed_date IS NULL OR closed_date > as_of);

CREATE OR REPLACE MACRO overdue_at(received_date, closed_date, is_cancelled, due_date, as_of) AS
    open_at(received_date, closed_date, is_cancelled, as_of) AND due_date < as_of;

-- The days whose date 12 months later (date + INTERVAL 12 MONTH) lies in [date_from, date_to]: one range
-- (adding months never goes backwards), NULLs when there is none. A mart compares a date with it instead of
-- doing the month arithmetic on every row.
CREATE OR REPLACE MACRO year_earlier(date_from, date_to) AS TABLE
SELECT min(day)::DATE AS first_day, max(day)::DATE AS last_day
FROM generate_series(date_from::DATE - INTERVAL 13 MONTH, date_to::DATE, INTERVAL 1 DAY) AS g (day)
WHERE day::DATE + INTERVAL 12 MONTH BETWEEN date_from AND date_to;
