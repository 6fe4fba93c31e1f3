#!/usr/bin/env bash
# The restore drill (deploy/README.md, "Back up and restore"): a running system (redis-server with AOF, PostgreSQL, one
# app instance, a producer appending) is backed up with deploy/backup.sh while events flow; then its servers are
# thrown away, the backup is restored into fresh ones with deploy/restore.sh (the consumer group rewound to the
# restored checkpoint), an instance starts on them and catches up, and `cc verify --require-caught-up` must be clean, with every envelope of the backed-up stream in the history.
# Ends with "restore-drill: N passed, N failed". Set CC_APP_DIR and CC_CLI_DIR to published builds to skip publishing.
set -uo pipefail
cd "$(dirname "$0")/.."
source tests/lib/services.sh

fail() { echo "restore-drill: failed: $*"; echo "restore-drill: 0 passed, 1 failed"; exit 1; }
cc_install_missing
APP_DIR=${CC_APP_DIR:-$CC_WORK/app}
CLI_DIR=${CC_CLI_DIR:-$CC_WORK/cli}
if [ -z "${CC_APP_DIR:-}" ]; then
  echo "restore-drill: building the app and cc (Release)"
  dotnet publish src/CommandCenter.Web -c Release -o "$APP_DIR" -v quiet -nologo >/dev/null || fail "build failed"
  dotnet publish src/CommandCenter.Cli -c Release -o "$CLI_DIR" -v quiet -nologo >/dev/null || fail "build failed"
fi

app_pid=""; producer_pid=""; restored_redis_pid=""
stop_everything() {
  [ -n "$app_pid" ] && kill -KILL "$app_pid" 2>/dev/null
  [ -n "$producer_pid" ] && kill -KILL "$producer_pid" 2>/dev/null
  [ -n "$restored_redis_pid" ] && kill "$restored_redis_pid" 2>/dev/null && wait "$restored_redis_pid" 2>/dev/null
  cc_cleanup
}
trap stop_everything EXIT

settings() { # REDIS_ADDRESS → SETTINGS (env(1) arguments) for the app and cc on this run's current servers
  SETTINGS=(ASPNETCORE_ENVIRONMENT=Production AllowedHosts=127.0.0.1 EventLog__Provider=Redis "ConnectionStrings__Redis=$1"
    Database__Provider=Postgres "ConnectionStrings__Database=Host=127.0.0.1;Port=$CC_PG_PORT;Database=commandcenter;Username=postgres;Password=$CC_PG_PASSWORD"
    Logging__LogLevel__Default=Warning DeadlineWatcher__Enabled=false Simulator__Enabled=false "WebRoot=$APP_DIR/wwwroot")
}
cc() { env "${SETTINGS[@]}" dotnet "$CLI_DIR/cc.dll" "$@"; }
start_app() {
  local port; port=$(cc_free_port)
  env "${SETTINGS[@]}" Projector__ConsumerName=drill dotnet "$APP_DIR/CommandCenter.Web.dll" --contentRoot "$APP_DIR" --urls "http://127.0.0.1:$port" >>"$CC_WORK/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do curl -s "http://127.0.0.1:$port/healthz" | grep -q '"status":"ok"' && return 0; sleep 0.5; done
  return 1
}
history_rows() { cc_psql commandcenter -c "SELECT COUNT(*) FROM event_history"; }

# 1. The running system.
cc_start_redis || fail "could not start redis-server"
cc_start_postgres || fail "could not start PostgreSQL"
cc_psql postgres -c "CREATE DATABASE commandcenter" || fail "could not create the database"
settings "$CC_REDIS_ADDRESS"
start_app || { tail -n 20 "$CC_WORK/app.log"; fail "the app did not become healthy"; }
env "${SETTINGS[@]}" dotnet "$CLI_DIR/cc.dll" produce --rate 400 --count 1000000 --batch 50 --retry >"$CC_WORK/producer.log" 2>&1 &
producer_pid=$!
sleep 8

# 2. The backup, while events flow.
echo "restore-drill: backing up the running system (PostgreSQL, then the Redis AOF)"
backup=$(PGHOST=127.0.0.1 PGPORT=$CC_PG_PORT PGUSER=postgres PGPASSWORD=$CC_PG_PASSWORD PGDATABASE=commandcenter \
  REDIS_HOST=127.0.0.1 REDIS_PORT=${CC_REDIS_ADDRESS##*:} REDIS_DIR="$CC_WORK/redis" deploy/backup.sh "$CC_WORK/backups" | tail -n 1) \
  || fail "deploy/backup.sh failed"
sleep 3
kill -TERM "$producer_pid" 2>/dev/null; wait "$producer_pid" 2>/dev/null; producer_pid=""
kill -TERM "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; app_pid=""
dumped=$(PGPASSWORD=$CC_PG_PASSWORD pg_restore --list "$backup/commandcenter.pgdump" | grep -c "TABLE DATA") 
echo "restore-drill: backup $(du -sh "$backup" | cut -f1) in $backup ($dumped tables)"

# 3. The servers are lost; fresh ones get the backup.
kill "$cc_redis_pid"; wait "$cc_redis_pid" 2>/dev/null; cc_redis_pid=""
cc_stop_postgres
cc_start_postgres || fail "could not start a fresh PostgreSQL"
cc_psql postgres -c "CREATE DATABASE commandcenter" || fail "could not create the database on the fresh server"
PGHOST=127.0.0.1 PGPORT=$CC_PG_PORT PGUSER=postgres PGPASSWORD=$CC_PG_PASSWORD PGDATABASE=commandcenter deploy/restore.sh postgres "$backup" \
  || fail "restoring PostgreSQL failed"
restored_rows=$(history_rows)
mkdir -p "$CC_WORK/redis-restored"
deploy/restore.sh redis "$backup" "$CC_WORK/redis-restored" || fail "restoring the Redis AOF failed"
redis_port=$(cc_free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$CC_WORK/redis-restored" --appendonly yes --appendfsync everysec \
  --save "" --logfile "$CC_WORK/redis-restored/redis.log" >/dev/null 2>&1 &
restored_redis_pid=$!
for _ in $(seq 1 100); do redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
stream_entries=$(redis-cli -p "$redis_port" XLEN cc:events)
PGHOST=127.0.0.1 PGPORT=$CC_PG_PORT PGUSER=postgres PGPASSWORD=$CC_PG_PASSWORD PGDATABASE=commandcenter REDIS_PORT=$redis_port \
  deploy/restore.sh rewind || fail "rewinding the consumer group failed"
echo "restore-drill: restored $restored_rows history rows into PostgreSQL and $stream_entries stream entries into Redis"
[ "$stream_entries" -gt 0 ] && [ "$restored_rows" -gt 0 ] || fail "the backup restored nothing"

# 4. An instance on the restored servers catches up; verify must be clean.
settings "127.0.0.1:$redis_port"
start_app || { tail -n 20 "$CC_WORK/app.log"; fail "the app on the restored servers did not become healthy"; }
for _ in $(seq 1 60); do
  cc verify --require-caught-up >"$CC_WORK/verify.log" 2>&1 && break
  sleep 1
done
sed 's/^/    /' "$CC_WORK/verify.log"
grep -q "cc verify: clean" "$CC_WORK/verify.log" || fail "cc verify is not clean on the restored system"
final_rows=$(history_rows)
[ "$final_rows" -ge "$stream_entries" ] || fail "$final_rows history rows, fewer than the $stream_entries entries the restored stream holds"
echo "restore-drill: clean ($restored_rows history rows restored, $((final_rows - restored_rows)) projected from the restored stream after the restore)"
echo "restore-drill: 1 passed, 0 failed"
