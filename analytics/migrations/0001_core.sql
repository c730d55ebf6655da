-- Core warehouse: one table per dataset of docs/datasets.md plus the import bookkeeping.
-- Raw layer: typed, canonical values as imported. Every data row remembers the batch that last wrote it.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
INSERT INTO meta VALUES ('data_version', '0');

CREATE SEQUENCE batch_id_seq START 1;

CREATE TABLE import_batches (
    batch_id    BIGINT PRIMARY KEY DEFAULT nextval('batch_id_seq'),
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    dataset     VARCHAR NOT NULL,
    center      VARCHAR,
    user_name   VARCHAR,
    created_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    rows_read   BIGINT NOT NULL DEFAULT 0,
    inserted    BIGINT NOT NULL DEFAULT 0,
    updated     BIGINT NOT NULL DEFAULT 0,
    unchanged   BIGINT NOT NULL DEFAULT 0,
    rejected    BIGINT NOT NULL DEFAULT 0,
    is_demo     BOOLEAN NOT NULL DEFAULT false,
    undone_at   TIMESTAMP
);

CREATE TABLE import_rejects (
    batch_id    BIGINT NOT NULL,
    row_no      BIGINT NOT NULL,
    column_name VARCHAR,
    message_zh  VARCHAR NOT NULL,
    message_en  VARCHAR NOT NULL,
    raw_values  JSON
);

CREATE TABLE centers (
    center          VARCHAR PRIMARY KEY,
    is_illustrative BOOLEAN NOT NULL DEFAULT false,
    sort_order      INTEGER,
    batch_id        BIGINT
);

CREATE TABLE parks (
    park     VARCHAR PRIMARY KEY,
    center   VARCHAR NOT NULL,
    area_km2 DOUBLE,
    batch_id BIGINT
);

CREATE TABLE enterprises (
    uscc           VARCHAR PRIMARY KEY,
    name           VARCHAR NOT NULL,
    park           VARCHAR NOT NULL,
    industry       VARCHAR,
    is_above_scale BOOLEAN NOT NULL DEFAULT false,
    is_high_tech   BOOLEAN NOT NULL DEFAULT false,
    is_listed      BOOLEAN NOT NULL DEFAULT false,
    is_eagle       BOOLEAN NOT NULL DEFAULT false,
    employees      INTEGER,
    address        VARCHAR,
    contact        VARCHAR,
    phone          VARCHAR,
    batch_id       BIGINT
);

-- Enterprise service workers (企业服务员) of each center.
CREATE TABLE service_staff (
    center   VARCHAR NOT NULL,
    name     VARCHAR NOT NULL,
    batch_id BIGINT,
    PRIMARY KEY (center, name)
);

-- row_key: the natural key of docs/datasets.md as one string (the number when present, else the composite).
CREATE TABLE visits (
    row_key    VARCHAR PRIMARY KEY,
    visit_no   VARCHAR,
    visit_date DATE NOT NULL,
    uscc       VARCHAR NOT NULL,
    staff      VARCHAR NOT NULL,
    method     VARCHAR,
    content    VARCHAR,
    note       VARCHAR,
    batch_id   BIGINT
);

CREATE TABLE tickets (
    row_key        VARCHAR PRIMARY KEY,
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

-- Monthly gross industrial output, stored in 万元; period = first day of the month.
CREATE TABLE output_monthly (
    uscc        VARCHAR NOT NULL,
    period      DATE NOT NULL,
    output_wan  DOUBLE NOT NULL,
    revenue_wan DOUBLE,
    batch_id    BIGINT,
    PRIMARY KEY (uscc, period)
);

CREATE TABLE vaccination_snapshots (
    uscc        VARCHAR NOT NULL,
    as_of       DATE NOT NULL,
    staff_total INTEGER NOT NULL,
    dose1       INTEGER NOT NULL,
    full_course INTEGER,
    booster     INTEGER,
    batch_id    BIGINT,
    PRIMARY KEY (uscc, as_of)
);

CREATE TABLE activities (
    row_key       VARCHAR PRIMARY KEY,
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

-- Working-day calendar (mainland China, statutory holidays and make-up days); filled from code.
-- workday_seq = number of working days up to and including `day`.
CREATE TABLE calendar_days (
    day         DATE PRIMARY KEY,
    is_workday  BOOLEAN NOT NULL,
    workday_seq INTEGER NOT NULL,
    is_official BOOLEAN NOT NULL
);
