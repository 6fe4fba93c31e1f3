-- The embedded event log (DESIGN §3): the same contract as a Redis stream with consumer groups.
-- Positions are '0-{seq}'; seq only grows, even across trims.

CREATE TABLE log_entries (
    seq    {{identity}},
    fields TEXT NOT NULL          -- JSON object of the producer's string fields
);

CREATE TABLE log_groups (
    name               TEXT PRIMARY KEY,
    last_delivered_seq BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE log_pending (
    group_name     TEXT   NOT NULL,
    seq            BIGINT NOT NULL,
    consumer       TEXT   NOT NULL,
    delivered_at   BIGINT NOT NULL,   -- unix milliseconds of the last delivery
    delivery_count INTEGER NOT NULL,
    PRIMARY KEY (group_name, seq)
);

CREATE INDEX ix_log_pending_idle ON log_pending (group_name, delivered_at);

CREATE TABLE log_dead_letters (
    seq         {{identity}},
    original_id TEXT NOT NULL,
    reason      TEXT NOT NULL,
    fields      TEXT NOT NULL,        -- JSON: the original fields plus reason and originalId
    dead_at     BIGINT NOT NULL
);
