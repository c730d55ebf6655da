-- Intake: what a batch changed (so it can be undone) and the header mappings centers taught us.

-- One row per data row a batch inserted or updated. `row_key` is the natural key as one string,
-- `key_values` the key columns, `old_values` the whole row before an update (NULL for an insert).
CREATE TABLE import_changes (
    batch_id   BIGINT NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key    VARCHAR NOT NULL,
    key_values JSON NOT NULL,
    old_values JSON
);

-- A header a center's files use that is no known synonym, mapped once by a user.
CREATE TABLE header_mappings (
    center     VARCHAR NOT NULL,
    dataset    VARCHAR NOT NULL,
    header     VARCHAR NOT NULL,  -- normalised header text
    column_name VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    PRIMARY KEY (center, dataset, header)
);
