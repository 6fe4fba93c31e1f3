-- Streams per street (docs/decisions/0014): each stream has its own history rows, positions and state snapshots.
-- The district's one stream is '' (every existing row); under EventLog:Sharding = Street a stream is named by its street.
-- Two streams may hold the same position (Redis ids are per stream), so a position is unique within its stream only.
ALTER TABLE event_history ADD COLUMN stream TEXT NOT NULL DEFAULT '';
DROP INDEX ux_event_history_position;
CREATE UNIQUE INDEX ux_event_history_stream_position ON event_history (stream, log_position);
CREATE INDEX ix_event_history_stream_seq ON event_history (stream, seq);

ALTER TABLE state_snapshots ADD COLUMN stream TEXT NOT NULL DEFAULT '';
CREATE INDEX ix_state_snapshots_stream ON state_snapshots (stream, reducer_version, history_seq);
