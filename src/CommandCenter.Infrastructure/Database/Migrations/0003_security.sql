-- Identity and security: local accounts (ASP.NET Core Identity over Dapper), their roles, producer API keys and
-- kiosk tokens (SHA-256 hashes only, never the secret), and the security audit trail.

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    user_name            TEXT NOT NULL,
    normalized_user_name TEXT NOT NULL UNIQUE,
    display_name         TEXT,
    street               TEXT,
    department           TEXT,
    password_hash        TEXT,
    security_stamp       TEXT NOT NULL,
    concurrency_stamp    TEXT NOT NULL,
    lockout_enabled      INTEGER NOT NULL,
    lockout_end          TEXT,
    access_failed_count  INTEGER NOT NULL,
    created_at           TEXT NOT NULL
);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE kiosk_tokens (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    views       TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE security_audit (
    seq        {{identity}},
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    actor      TEXT,
    subject    TEXT,
    detail     TEXT,
    remote_ip  TEXT
);
CREATE INDEX ix_security_audit_at ON security_audit (at);
