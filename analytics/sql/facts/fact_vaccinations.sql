-- Every vaccination snapshot with its enterprise's park, center and type mask, and its neighbours in
-- the enterprise's history: the date of the next snapshot (NULL for the latest), so the snapshot in force
-- at a date D is the one with as_of <= D and (next_as_of IS NULL OR next_as_of > D), a filter instead of
-- a window per query; and the values of the previous one (NULL for the first), which is the same whatever
-- date the history is cut at.
SELECT
    v.*,
    lead(v.as_of) OVER history AS next_as_of,
    lag({'staff_total': v.staff_total, 'dose1': v.dose1, 'full_course': v.full_course, 'booster': v.booster})
        OVER history AS previous,
    e.park,
    e.center,
    e.type_mask
FROM vaccination_snapshots AS v
JOIN clean_enterprises AS e USING (uscc)
WINDOW history AS (PARTITION BY v.uscc ORDER BY v.as_of)
ORDER BY v.as_of
