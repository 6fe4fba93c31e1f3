-- The log is the truth under every fault (docs/decisions/0008, 0009).
-- 1. One history row per log position, whatever its outcome: applied, rejected, duplicate, dead-lettered (with the
--    entry's raw fields as far as they go) or marker (the projector's own dead-letter notices). A copy of an envelope
--    is a row of its own; nothing is dropped by a unique index any more. `cc verify` re-reduces this table.
DROP INDEX ux_event_history_envelope;
CREATE UNIQUE INDEX ux_event_history_position ON event_history (log_position);
CREATE INDEX ix_event_history_envelope ON event_history (envelope_id);

INSERT INTO counters (name, value) VALUES ('markers', 0);

-- 2. Fencing: the epoch of the lease whose holder may commit. Every commit checks it, and the checkpoint it started
--    from, in its own transaction; a projector that lost its lease cannot commit.
ALTER TABLE checkpoints ADD COLUMN fence BIGINT NOT NULL DEFAULT 0;

-- 3. Compact state snapshots: the reducer's whole state after history row `history_seq`, gzip-compressed JSON,
--    stamped with the reducer's version. Restarts load the newest one of their version and re-reduce the rows after it.
CREATE TABLE state_snapshots (
    seq             {{identity}},
    history_seq     BIGINT NOT NULL,
    checkpoint      TEXT NOT NULL,
    reducer_version INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    body            {{blob}} NOT NULL
);
CREATE INDEX ix_state_snapshots_version ON state_snapshots (reducer_version, history_seq);

-- 4. Leases kept in the database (the embedded mode's projector lease): one holder at a time across processes
--    sharing the database; `epoch` grows with every new holder and is the fencing token.
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    holder     TEXT NULL,
    epoch      BIGINT NOT NULL,
    expires_at BIGINT NOT NULL      -- unix milliseconds
);

-- The checkpoint row exists from the start, so that the first commit too is a compare-and-set on it.
INSERT INTO checkpoints (name, position, updated_at, fence) VALUES ('projector', '0-0', '', 0) ON CONFLICT (name) DO NOTHING;

-- When each embedded log entry was appended (unix milliseconds), for the projector's lag; Redis ids carry it already.
ALTER TABLE log_entries ADD COLUMN appended_at BIGINT NOT NULL DEFAULT 0;

-- Dead letters an operator sent through the pipeline again (`cc deadletters resend`, /admin/deadletters).
CREATE TABLE dead_letter_resends (
    dead_letter_id TEXT PRIMARY KEY,   -- the entry's id in the dead-letter log
    position       TEXT NOT NULL,      -- where the copy was appended
    resent_at      TEXT NOT NULL,
    resent_by      TEXT NOT NULL
);

-- What a replay of a past moment needs to pick a starting snapshot: the latest occurredAt (UTC ticks) of the history
-- rows the snapshot covers, and the China calendar day of it (one snapshot a day is kept for replays).
ALTER TABLE state_snapshots ADD COLUMN max_occurred_utc BIGINT NOT NULL DEFAULT 0;
ALTER TABLE state_snapshots ADD COLUMN replay_day TEXT NULL;
CREATE INDEX ix_state_snapshots_replay ON state_snapshots (reducer_version, max_occurred_utc);
