#!/usr/bin/env bash
# Backs up a running CommandCenter: PostgreSQL first (pg_dump, one consistent snapshot), then Redis's AOF (after a
# rewrite, the append-only directory copied whole). In that order the stream holds at least every entry the dump's
# history holds, so a restore never has history the log lacks; what the stream holds beyond the dump's checkpoint is
# simply projected again after the restore (deploy/README.md, "Back up and restore").
#
# Usage: deploy/backup.sh DIR        writes DIR/<UTC time>/{commandcenter.pgdump, appendonlydir/, SHA256SUMS}
# Settings (environment): PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE (libpq's own; PGDATABASE=commandcenter),
# REDIS_HOST (127.0.0.1) REDIS_PORT (6379) REDISCLI_AUTH (a password, if set), REDIS_DIR (Redis's `dir`, /var/lib/redis:
# the backup runs on the Redis host). Prints the backup's folder last.
set -euo pipefail
target=${1:?usage: deploy/backup.sh DIR}
redis_dir=${REDIS_DIR:-/var/lib/redis}
rcli() { redis-cli -h "${REDIS_HOST:-127.0.0.1}" -p "${REDIS_PORT:-6379}" "$@"; }
out="$target/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

pg_dump --format=custom --no-owner --file="$out/commandcenter.pgdump" "${PGDATABASE:-commandcenter}"

# A rewrite first: afterwards the directory is a fresh base file plus a short increment, which copy cleanly (a
# half-written last command in the increment is dropped by Redis on load, aof-load-truncated).
rcli BGREWRITEAOF >/dev/null
for _ in $(seq 1 600); do
  info=$(rcli INFO persistence)
  grep -q '^aof_rewrite_in_progress:0' <<<"$info" && grep -q '^aof_rewrite_scheduled:0' <<<"$info" && break
  sleep 0.2
done
grep -q '^aof_enabled:1' <<<"$info" || { echo "backup: Redis has appendonly off; the event log is not durable" >&2; exit 1; }
aof_dir=$(rcli CONFIG GET appenddirname | tail -n 1)
cp -a "$redis_dir/$aof_dir" "$out/appendonlydir"

(cd "$out" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum >SHA256SUMS)
echo "$out"
