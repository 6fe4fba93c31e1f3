-- A plain server's PostgreSQL for CommandCenter (the compose file does the same with POSTGRES_USER/POSTGRES_DB).
-- Run once as the postgres superuser: psql -v password="'…'" -f deploy/postgres/create-database.sql
-- The schema itself comes from the app's versioned migrations, run at start (one instance at a time, advisory lock).
CREATE ROLE commandcenter LOGIN PASSWORD :password;
CREATE DATABASE commandcenter OWNER commandcenter ENCODING 'UTF8' TEMPLATE template0;
