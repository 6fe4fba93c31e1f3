-- Replay snapshots (docs/decisions/0017): a day's snapshot that is no longer among the newest few is kept only for
-- replays of past moments, which take duplicate decisions from the history's stored outcomes. Its idempotency window
-- (most of its bytes) is then dropped: holds_window = 0. A projector or a live state starts only from one that holds it.
ALTER TABLE state_snapshots ADD COLUMN holds_window INTEGER NOT NULL DEFAULT 1;
