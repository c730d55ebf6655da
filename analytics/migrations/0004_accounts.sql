-- Accounts, and the append-only audit log of every change, login and export.

-- One row per person who may log in. `username_key` is the lower-cased username: usernames are unique
-- regardless of case. The password is stored only as an argon2id hash. A center head has a center.
CREATE TABLE accounts (
    username        VARCHAR PRIMARY KEY,
    username_key    VARCHAR NOT NULL UNIQUE,
    display_name    VARCHAR NOT NULL,
    role            VARCHAR NOT NULL CHECK (role IN ('admin', 'leader', 'analyst', 'center_head')),
    center          VARCHAR,
    password_hash   VARCHAR NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    disabled        BOOLEAN NOT NULL DEFAULT false,
    created_at      TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    last_login_at   TIMESTAMP,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP,
    CHECK ((role = 'center_head') = (center IS NOT NULL))
);

CREATE SEQUENCE audit_id_seq START 1;

-- Written by analytics.auth.audit.record only; nothing updates or deletes a row.
CREATE TABLE audit_log (
    id       BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    logged_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    username VARCHAR NOT NULL,
    role     VARCHAR,
    action   VARCHAR NOT NULL,
    detail   JSON NOT NULL,
    source   VARCHAR NOT NULL CHECK (source IN ('web', 'cli')),
    client   VARCHAR
);
