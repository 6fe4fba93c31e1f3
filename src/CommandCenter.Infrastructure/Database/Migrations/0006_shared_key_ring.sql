-- Several instances behind one proxy (docs/decisions/0012): the ASP.NET Core Data Protection key ring lives in the
-- database they share, so a sign-in cookie, an antiforgery token or a circuit's state protected by one instance is
-- read by any other, and a failover signs nobody out. One row per key, as the framework's XML.
CREATE TABLE data_protection_keys (
    friendly_name TEXT PRIMARY KEY,
    xml           TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
