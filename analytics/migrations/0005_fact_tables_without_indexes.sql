-- The ledgers' fact tables lose their PRIMARY KEY indexes (ART). Every row still has one key
-- (store.TABLE_KEYS): the import path is the only writer, one at a time (writer.py), rejects a key
-- repeated within a file and inserts only keys not yet stored; undo puts back only what a batch replaced
-- (tests/test_intake_store.py checks the keys stay unique through imports and undos). An index on a fact
-- table cost every import its upkeep (about a quarter of writing 100k demands, in the insert and in the
-- checkpoint) and memory at city scale, and no query uses it: the marts scan and hash-join.
-- Columns, types and NOT NULL are as before; key columns become NOT NULL explicitly.

CREATE TABLE visits_new (
    row_key    VARCHAR NOT NULL,
    visit_no   VARCHAR,
    visit_date DATE NOT NULL,
    uscc       VARCHAR NOT NULL,
    staff      VARCHAR NOT NULL,
    method     VARCHAR,
    content    VARCHAR,
    note       VARCHAR,
    batch_id   BIGINT
);
INSERT INTO visits_new SELECT * FROM visits;
DROP TABLE visits;
ALTER TABLE visits_new RENAME TO visits;

CREATE TABLE tickets_new (
    row_key        VARCHAR NOT NULL,
    ticket_no      VARCHAR,
    received_date  DATE NOT NULL,
    uscc           VARCHAR NOT NULL,
    category       VARCHAR NOT NULL,
    category_raw   VARCHAR,
    description    VARCHAR,
    source         VARCHAR,
    lead_unit      VARCHAR,
    responded_date DATE,
    due_date       DATE,
    closed_date    DATE,
    status         VARCHAR NOT NULL,
    resolved       VARCHAR,
    satisfaction   VARCHAR,
    escalated      BOOLEAN,
    batch_id       BIGINT
);
INSERT INTO tickets_new SELECT * FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;

CREATE TABLE output_monthly_new (
    uscc        VARCHAR NOT NULL,
    period      DATE NOT NULL,
    output_wan  DOUBLE NOT NULL,
    revenue_wan DOUBLE,
    batch_id    BIGINT
);
INSERT INTO output_monthly_new SELECT * FROM output_monthly;
DROP TABLE output_monthly;
ALTER TABLE output_monthly_new RENAME TO output_monthly;

CREATE TABLE vaccination_snapshots_new (
    uscc        VARCHAR NOT NULL,
    as_of       DATE NOT NULL,
    staff_total INTEGER NOT NULL,
    dose1       INTEGER NOT NULL,
    full_course INTEGER,
    booster     INTEGER,
    batch_id    BIGINT
);
INSERT INTO vaccination_snapshots_new SELECT * FROM vaccination_snapshots;
DROP TABLE vaccination_snapshots;
ALTER TABLE vaccination_snapshots_new RENAME TO vaccination_snapshots;

CREATE TABLE activities_new (
    row_key       VARCHAR NOT NULL,
    activity_no   VARCHAR,
    activity_date DATE NOT NULL,
    name          VARCHAR NOT NULL,
    category      VARCHAR NOT NULL,
    category_raw  VARCHAR,
    venue         VARCHAR,
    center        VARCHAR NOT NULL,
    park          VARCHAR,
    person_times  INTEGER NOT NULL,
    people        INTEGER,
    volunteers    INTEGER,
    batch_id      BIGINT
);
INSERT INTO activities_new SELECT * FROM activities;
DROP TABLE activities;
ALTER TABLE activities_new RENAME TO activities;
