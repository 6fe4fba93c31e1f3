-- The projector's read model: entity snapshots, the append-only history, rejections, counters, checkpoint.
-- Entity rows keep the whole record as JSON in `body` (EventJson shape); street and status are columns for queries.

CREATE TABLE incidents (
    id            TEXT PRIMARY KEY,
    street        TEXT NOT NULL,
    status        TEXT NOT NULL,
    body          TEXT NOT NULL,
    last_event_id TEXT NOT NULL
);
CREATE INDEX ix_incidents_street_status ON incidents (street, status);

CREATE TABLE tickets (
    id            TEXT PRIMARY KEY,
    street        TEXT NOT NULL,
    status        TEXT NOT NULL,
    body          TEXT NOT NULL,
    last_event_id TEXT NOT NULL
);
CREATE INDEX ix_tickets_street_status ON tickets (street, status);

CREATE TABLE whistles (
    id            TEXT PRIMARY KEY,
    street        TEXT NOT NULL,
    status        TEXT NOT NULL,
    body          TEXT NOT NULL,
    last_event_id TEXT NOT NULL
);
CREATE INDEX ix_whistles_street_status ON whistles (street, status);

CREATE TABLE dispatches (
    id            TEXT PRIMARY KEY,
    street        TEXT NOT NULL,
    status        TEXT NOT NULL,
    body          TEXT NOT NULL,
    last_event_id TEXT NOT NULL
);
CREATE INDEX ix_dispatches_street_status ON dispatches (street, status);

CREATE TABLE teams (
    id            TEXT PRIMARY KEY,
    street        TEXT NOT NULL,
    status        TEXT NOT NULL,
    body          TEXT NOT NULL,
    last_event_id TEXT NOT NULL
);
CREATE INDEX ix_teams_street_status ON teams (street, status);

-- Every envelope the reducer saw, in the order it saw them. A re-sent copy is kept as outcome 'duplicate';
-- only applied/rejected rows are unique by envelope id.
CREATE TABLE event_history (
    seq          {{identity}},
    log_position TEXT NOT NULL,
    envelope_id  TEXT NOT NULL,
    type         TEXT NOT NULL,
    street       TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    source       TEXT NOT NULL,
    outcome      TEXT NOT NULL,      -- applied | rejected | duplicate
    reason       TEXT NULL,
    data         TEXT NOT NULL,
    entity_ids   TEXT NOT NULL       -- JSON array of "kind:id" the event changed
);
CREATE UNIQUE INDEX ux_event_history_envelope ON event_history (envelope_id) WHERE outcome <> 'duplicate';
CREATE INDEX ix_event_history_street ON event_history (street, seq);

CREATE TABLE rejections (
    seq          {{identity}},
    log_position TEXT NOT NULL,
    envelope_id  TEXT NOT NULL,
    type         TEXT NOT NULL,
    street       TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    reason       TEXT NOT NULL
);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('applied', 0), ('rejected', 0), ('duplicates', 0), ('dead_lettered', 0);

CREATE TABLE checkpoints (
    name       TEXT PRIMARY KEY,
    position   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
