-- Kiosk playlists and screens (wall experience). A playlist is an ordered list of wall views, each shown for its
-- own number of seconds; a screen plays one playlist and lists which takeover kinds may interrupt it.

CREATE TABLE kiosk_playlists (
    name       TEXT PRIMARY KEY,
    items      TEXT NOT NULL,      -- JSON array of {"view": "wall" | "structure" | "street:<code>", "seconds": n}
    updated_at TEXT NOT NULL
);

CREATE TABLE kiosk_screens (
    screen     TEXT PRIMARY KEY,
    playlist   TEXT NULL,
    layout     TEXT NOT NULL,      -- single | span3 (three screens side by side)
    takeovers  TEXT NOT NULL,      -- JSON array of takeover kinds this screen shows
    updated_at TEXT NOT NULL
);
