#!/usr/bin/env bash
# The fault suite (issue "the log is the truth under every fault"): real processes, a real redis-server and a real
# database, faults injected from outside (kill -9, SIGSTOP, Redis SHUTDOWN / kill -9 / FLUSHALL, a deleted consumer
# group, a write-locked or full database, poison entries, a crash-looping batch, a duplicate after the window).
# Every case ends with `cc verify --require-caught-up` clean and every produced envelope accounted for.
#
# Usage: tests/faults.sh [short|full] [CASE...]     short: the CI form (a few minutes); full: the table for a release.
# The database is SQLite (a file per case) or, with CC_FAULTS_DATABASE=postgres, PostgreSQL (a server of the suite's
# own, a database per case; its cases: the database write-locked and the server crashed instead of the SQLite file's
# lock and full disk). Prints one row per case and ends with "faults: N passed, N failed". Starts what it needs on free
# loopback ports, stops only what it started. Set CC_APP_DIR and CC_CLI_DIR to published builds to skip publishing.
set -uo pipefail
cd "$(dirname "$0")/.."
source tests/lib/services.sh

FORM=${1:-short}
shift || true
ONLY=("$@")
case "$FORM" in short|full) ;; *) echo "usage: tests/faults.sh [short|full] [CASE...]" >&2; exit 2 ;; esac

cc_install_missing
command -v python3 >/dev/null || { echo "faults: python3 is needed" >&2; exit 1; }
cc_start_redis || { echo "faults: could not start redis-server" >&2; exit 1; }
REDIS_PORT=${CC_REDIS_ADDRESS##*:}
REDIS_DIR="$CC_WORK/redis"
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }
DATABASE=${CC_FAULTS_DATABASE:-sqlite}
case "$DATABASE" in
  sqlite) ;;
  postgres) cc_start_postgres || { echo "faults: could not start PostgreSQL" >&2; exit 1; } ;;
  *) echo "faults: CC_FAULTS_DATABASE is sqlite or postgres" >&2; exit 2 ;;
esac

APP_DIR=${CC_APP_DIR:-$CC_WORK/app}
CLI_DIR=${CC_CLI_DIR:-$CC_WORK/cli}
if [ -z "${CC_APP_DIR:-}" ]; then
  echo "faults: building the app and cc (Release)"
  dotnet publish src/CommandCenter.Web -c Release -o "$APP_DIR" -v quiet -nologo >/dev/null || { echo "faults: build failed" >&2; exit 1; }
  dotnet publish src/CommandCenter.Cli -c Release -o "$CLI_DIR" -v quiet -nologo >/dev/null || { echo "faults: build failed" >&2; exit 1; }
fi

declare -A APP_PID APP_PORT
# On any exit, stop the apps and the producer this script started (by their pids), then what services.sh started.
stop_everything() {
  local name
  for name in "${!APP_PID[@]}"; do [ -n "${APP_PID[$name]}" ] && kill -KILL "${APP_PID[$name]}" 2>/dev/null; done
  [ -n "${producer_pid:-}" ] && kill -KILL "$producer_pid" 2>/dev/null
  cc_cleanup
}
trap stop_everything EXIT
CASE_DIR=""
DB=""
SHARDING=""
TABLE="$CC_WORK/table"
: >"$TABLE"
passed=0; failed=0

# The settings every process of a case shares: the Redis stream, the case's database, no simulator, no trimming,
# no deadline watcher (its events would make the produced count harder to account for).
case_env() { # the settings as env(1) arguments
  local database=(Database__Provider=Sqlite "ConnectionStrings__Database=Data Source=$DB")
  [ "$DATABASE" = postgres ] && database=(Database__Provider=Postgres
    "ConnectionStrings__Database=Host=127.0.0.1;Port=$CC_PG_PORT;Database=$DB;Username=postgres;Password=$CC_PG_PASSWORD")
  CASE_ENV=(EventLog__Provider=Redis "ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT" "${database[@]}" ${SHARDING:+"EventLog__Sharding=$SHARDING"}
    Simulator__Enabled=false LogTrim__Enabled=false DeadlineWatcher__Enabled=false
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Development)
}
cc() { case_env; env "${CASE_ENV[@]}" dotnet "$CLI_DIR/cc.dll" "$@"; }

start_app() { # NAME [ENV=VALUE...]
  local name=$1; shift
  local port=${APP_PORT[$name]:-$(cc_free_port)}
  APP_PORT[$name]=$port
  case_env
  # env(1) execs dotnet, so $! is the app's own pid: the one kill -9 and SIGSTOP must reach.
  env "${CASE_ENV[@]}" Projector__ConsumerName="$name" "$@" dotnet "$APP_DIR/CommandCenter.Web.dll" --urls "http://127.0.0.1:$port" \
    --contentRoot "$APP_DIR" \
    >>"$CASE_DIR/$name.log" 2>&1 &
  APP_PID[$name]=$!
}
stop_app() { # NAME [SIGNAL]
  local pid=${APP_PID[$1]:-}
  [ -n "$pid" ] || return 0
  kill "-${2:-TERM}" "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  APP_PID[$1]=""
}
alive() { [ -n "${APP_PID[$1]:-}" ] && kill -0 "${APP_PID[$1]}" 2>/dev/null; }
health() { curl -s --max-time 2 "http://127.0.0.1:${APP_PORT[$1]}/healthz"; }
# The figures behind the status (isLeader, pending, projectorLagMs) are for Operator and Admin: the case's cookie jar
# signs in as the demo operator (Development mode) once, through any instance; the key ring is in the case's database,
# so every instance of the case honours the cookie.
signin() { # NAME
  local base="http://127.0.0.1:${APP_PORT[$1]}" token
  token=$(curl -s --max-time 5 -c "$JAR" -b "$JAR" "$base/signin" | python3 -c 'import re, sys, html
m = re.search(r"<input[^>]*name=\"__RequestVerificationToken\"[^>]*>", sys.stdin.read())
v = re.search(r"value=\"([^\"]*)\"", m.group(0)) if m else None
print(html.unescape(v.group(1)) if v else "")')
  [ -n "$token" ] || return 1
  curl -s --max-time 10 -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode username=operator \
    --data-urlencode password=gulou-demo-2026 --data-urlencode returnUrl=/wall "$base/account/signin"
}
detail() { # NAME: /healthz/detail, signing in first when the jar holds no sign-in yet or it was refused
  local url="http://127.0.0.1:${APP_PORT[$1]}/healthz/detail" body code
  grep -q cc_auth "$JAR" 2>/dev/null || signin "$1" >/dev/null 2>&1
  body=$(curl -s --max-time 2 -b "$JAR" -w '\n%{http_code}' "$url"); code=${body##*$'\n'}
  if [ "$code" = 401 ]; then signin "$1" >/dev/null 2>&1; body=$(curl -s --max-time 2 -b "$JAR" -w '\n%{http_code}' "$url"); fi
  echo "${body%$'\n'*}"
}
field() { python3 -c "import json,sys
try: print(json.load(sys.stdin).get('$1'))
except Exception: print('')"; }
leader() {
  for name in "${!APP_PID[@]}"; do
    alive "$name" && [ "$(detail "$name" | field isLeader)" = "True" ] && { echo "$name"; return; }
  done
}
# True when a write transaction on the case's SQLite file can begin within SECONDS (longer than any commit takes).
sqlite_writable() { # SECONDS
  python3 -c "import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=float(sys.argv[2]), isolation_level=None)
try: c.execute('BEGIN IMMEDIATE'); c.execute('ROLLBACK')
except sqlite3.OperationalError: sys.exit(1)" "$DB" "$1"
}
# One number from the case's database: SQLite through python3's sqlite3, PostgreSQL through psql.
db_scalar() { # SQL
  if [ "$DATABASE" = postgres ]; then cc_psql "$DB" -c "$1" 2>/dev/null
  else python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$DB" "$1" 2>/dev/null; fi
}
wait_for() { # SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    [ $SECONDS -ge $deadline ] && { echo "    timed out after ${limit}s waiting until $what"; return 1; }
    sleep 0.5
  done
}
is_up() { [ -n "$(health "$1" | field status)" ]; }
both_up() { is_up a && is_up b; }
status_is() { [ "$(health "$1" | field status)" = "$2" ]; } # NAME STATUS
has_leader() { [ -n "$(leader)" ]; }
other_leads() { local l; l=$(leader); [ -n "$l" ] && [ "$l" != "$1" ]; }
dead() { ! alive "$1"; }
dead_or_caught_up() { dead "$1" || caught_up; }
redis_up() { redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
# Caught up: nothing pending in the group and no log entry after the database's checkpoint (an instance's /healthz,
# whose lag figure is measured every second: asked twice, 1.5 s apart).
caught_up_once() {
  local name json
  for name in "${!APP_PID[@]}"; do alive "$name" && break; done
  alive "$name" || return 1
  json=$(detail "$name")
  [ "$(echo "$json" | field pending)" = "0" ] && [ "$(echo "$json" | field projectorLagMs)" = "0" ]
}
caught_up() { caught_up_once && sleep 1.5 && caught_up_once; }

producer_pid=""
start_producer() { # RATE COUNT
  case_env
  env "${CASE_ENV[@]}" dotnet "$CLI_DIR/cc.dll" produce --rate "$1" --count "$2" --batch 50 --retry >"$CASE_DIR/producer.log" 2>&1 &
  producer_pid=$!
}
stop_producer() {
  [ -n "$producer_pid" ] || return 0
  # TERM, not INT: a background job of a non-interactive shell starts with SIGINT ignored.
  kill -TERM "$producer_pid" 2>/dev/null; wait "$producer_pid" 2>/dev/null; producer_pid=""
}
wait_producer() { [ -n "$producer_pid" ] && wait "$producer_pid" 2>/dev/null; producer_pid=""; }
produced() { sed -n 's/^appended \([0-9]*\) events.*/\1/p' "$CASE_DIR/producer.log" | tail -n 1; }

# Every produced envelope is in the history (applied, rejected, duplicate or dead-lettered), and verify is clean.
account_and_verify() { # [EXPECTED_PRODUCED (blank: from the producer's report)] [MAY_BE_LOST]
  local want=${1:-$(produced)} may_lose=${2:-0}
  wait_for 180 "the pipeline has caught up" caught_up || return 1
  local have
  have=$(db_scalar "SELECT COUNT(DISTINCT envelope_id) FROM event_history WHERE type NOT LIKE 'log.%' AND source <> 'deadline-watcher'")
  if [ -n "$want" ] && [ "$have" -lt "$want" ]; then
    LOST=$((want - have))
    echo "    $have of $want produced envelopes are in the history: $LOST lost (at most $may_lose may be)"
    [ "$LOST" -le "$may_lose" ] || return 1
  fi
  cc verify --require-caught-up >"$CASE_DIR/verify.log" 2>&1
  local status=$?
  sed 's/^/    /' "$CASE_DIR/verify.log"
  return $status
}

begin_case() { # NAME
  CASE_NAME=$1; CASE_DIR="$CC_WORK/cases/$1"; mkdir -p "$CASE_DIR"; JAR="$CASE_DIR/cookies"
  if [ "$DATABASE" = postgres ]; then
    DB="case_$(tr -c 'a-z0-9\n' '_' <<<"$1" | tr -d '\n')"; cc_psql postgres -c "CREATE DATABASE $DB"
  else
    DB="$CASE_DIR/cc.db"
  fi
  rcli FLUSHALL >/dev/null
  APP_PID=(); APP_PORT=(); KILLS=0; RECOVER=""; LOST=0; CASE_START=$SECONDS
  echo "faults: case $1"
}
end_case() { # STATUS
  local status=$1 result events
  for name in "${!APP_PID[@]}"; do stop_app "$name"; done
  stop_producer
  events=$(db_scalar "SELECT COUNT(*) FROM event_history"); events=${events:-?}
  if [ "$status" -eq 0 ]; then result="clean"; passed=$((passed + 1)); else result="FAILED"; failed=$((failed + 1)); fi
  printf '| %-24s | %8s | %5s | %12s | %5s | %6s | %s |\n' "$CASE_NAME" "$events" "$KILLS" "${RECOVER:--}" "$LOST" "$((SECONDS - CASE_START))s" "$result" >>"$TABLE"
  echo "faults: case $CASE_NAME: $result"
}
selected() { [ ${#ONLY[@]} -eq 0 ] && return 0; local c; for c in "${ONLY[@]}"; do [ "$c" = "$1" ] && return 0; done; return 1; }
time_until() { local t0=$SECONDS; wait_for "$1" "$2" "${@:3}" && echo $((SECONDS - t0)); }

# --- the cases -------------------------------------------------------------------------------------------------------

case_kill_leader() { # kill -9 of the leader at random moments under load, N times; the other instance takes over
  local kills=$([ "$FORM" = full ] && echo 10 || echo 3)
  begin_case kill-leader-x$kills
  start_app a; start_app b
  wait_for 60 "both instances answer" both_up || { end_case 1; return; }
  start_producer 400 1000000
  local i victim t
  for i in $(seq 1 "$kills"); do
    sleep "$(python3 -c 'import random; print(round(random.uniform(1.5, 5), 1))')"
    victim=$(leader); [ -n "$victim" ] || { wait_for 20 "a leader" has_leader; victim=$(leader); }
    stop_app "$victim" KILL; KILLS=$((KILLS + 1))
    t=$(time_until 30 "another instance leads" other_leads "$victim") || { echo "$t"; end_case 1; return; }
    RECOVER="${RECOVER:+$RECOVER/}${t}s"
    start_app "$victim"
  done
  stop_producer
  account_and_verify; end_case $?
}

case_frozen_leader() { # SIGSTOP of the leader past its lease; it resumes fenced off
  begin_case frozen-leader
  start_app a; wait_for 60 "a leads" has_leader || { end_case 1; return; }
  start_app b; wait_for 60 "b answers" is_up b || { end_case 1; return; }
  start_producer 400 1000000
  sleep 3
  wait_for 30 "a leader" has_leader || { end_case 1; return; }
  local victim; victim=$(leader)
  [ -n "$victim" ] || { echo "    no leader to freeze"; end_case 1; return; }
  kill -STOP "${APP_PID[$victim]}"
  local t
  if [ "$DATABASE" = sqlite ] && ! sqlite_writable 7; then
    # Frozen inside its commit, the leader keeps SQLite's write lock: no process can claim the fence or write until it
    # resumes or dies (decision 0009). The takeover then follows the resume, and nothing may be lost either way.
    echo "    the leader froze inside a commit and holds SQLite's write lock: the takeover waits for it to resume"
    sleep $([ "$FORM" = full ] && echo 12 || echo 8)
    kill -CONT "${APP_PID[$victim]}"
    t=$(time_until 30 "the other instance leads after the resume" other_leads "$victim") || { echo "$t"; end_case 1; return; }
    RECOVER="${t}s resumed"
  else
    t=$(time_until 30 "the other instance leads" other_leads "$victim") || { kill -CONT "${APP_PID[$victim]}"; echo "$t"; end_case 1; return; }
    RECOVER="${t}s"
    sleep $([ "$FORM" = full ] && echo 12 || echo 8)
    kill -CONT "${APP_PID[$victim]}"
  fi
  sleep 5
  stop_producer
  account_and_verify; local status=$?
  grep -q "fenced off\|lease lost" "$CASE_DIR/$victim.log" || echo "    (the resumed leader did not need fencing this run: it noticed the lost lease first)"
  # Which path this run took: the resumed leader's last read is rare (it must read before it notices the lost lease);
  # TakeoverTests cover it every run.
  grep -h -q "delivered to another consumer" "$CASE_DIR"/[a-z].log \
    && echo "    (the resumed leader read a batch after the takeover; the new leader projected it in log order)"
  end_case $status
}

case_redis_restart() { # Redis SHUTDOWN (saves) and restart under load; then kill -9 with AOF everysec
  begin_case redis-restart
  start_app a; start_app b; wait_for 60 "a leader" has_leader || { end_case 1; return; }
  start_producer 400 1000000
  sleep 3
  rcli SHUTDOWN >/dev/null 2>&1; wait "$cc_redis_pid" 2>/dev/null; KILLS=$((KILLS + 1))
  sleep 2
  cc_restart_redis || { end_case 1; return; }
  local t1; t1=$(time_until 60 "a leader again" has_leader) || { end_case 1; return; }
  sleep 3
  kill -9 "$cc_redis_pid"; wait "$cc_redis_pid" 2>/dev/null; KILLS=$((KILLS + 1))
  sleep 2
  cc_restart_redis || { end_case 1; return; }
  local t2; t2=$(time_until 60 "a leader again" has_leader) || { end_case 1; return; }
  RECOVER="${t1}s/${t2}s"
  sleep 3
  stop_producer
  account_and_verify; end_case $?
}

case_flushall_and_group() { # FLUSHALL, then a deleted consumer group, under load
  begin_case flushall-and-group
  start_app a; wait_for 60 "a leader" has_leader || { end_case 1; return; }
  start_producer 300 1000000
  sleep 4
  # What Redis holds beyond the database's history when it is wiped was acknowledged to the producer and is gone
  # with it: FLUSHALL deletes acknowledged data. The case bounds that loss by the backlog at the moment of the flush.
  local backlog
  backlog=$(( $(rcli XLEN cc:events) - $(db_scalar "SELECT COUNT(*) FROM event_history") ))
  rcli FLUSHALL >/dev/null; KILLS=$((KILLS + 1))
  sleep 4
  rcli XGROUP DESTROY cc:events projector >/dev/null; KILLS=$((KILLS + 1))
  RECOVER=$(time_until 30 "caught up" caught_up)s
  sleep 2
  stop_producer
  # Entries appended before the FLUSHALL are gone from Redis but kept in the history: verify checks what Redis holds.
  account_and_verify "" $((backlog + 300)); end_case $?
}

case_database_locked() { # the database write-locked for a while; one instance restarted during the lock
  local hold=$([ "$FORM" = full ] && echo 60 || echo 15)
  begin_case database-locked-${hold}s
  start_app a; wait_for 60 "a leader" has_leader || { end_case 1; return; }
  start_producer 300 1000000
  sleep 2
  if [ "$DATABASE" = postgres ]; then
    # Writers of the checkpoint wait (every commit, every new leader's fence); readers still read, so the lag shows.
    cc_psql "$DB" -c "BEGIN; LOCK TABLE checkpoints IN EXCLUSIVE MODE; SELECT pg_sleep($hold); ROLLBACK;" >/dev/null 2>&1 &
  else
    python3 - "$DB" "$hold" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
c.execute("BEGIN IMMEDIATE")
time.sleep(float(sys.argv[2]))
c.execute("ROLLBACK")
PY
  fi
  local locker=$!
  sleep 4
  stop_app a KILL; KILLS=$((KILLS + 1)); start_app a   # a restart while the lock is held must not stop the app
  wait_for 30 "the restarted app answers /healthz during the lock" is_up a || { kill $locker; end_case 1; return; }
  wait_for $((hold + 10)) "/healthz says degraded while the database trails the log" status_is a degraded || { kill $locker; end_case 1; return; }
  wait "$locker"
  RECOVER=$(time_until 60 "/healthz says ok again" status_is a ok)s
  stop_producer
  account_and_verify; end_case $?
}

case_disk_full() { # the database on a small tmpfs that fills up, then is freed
  begin_case disk-full
  local mnt="$CASE_DIR/tmpfs"; mkdir -p "$mnt"
  if ! mount -t tmpfs -o size=48m tmpfs "$mnt" 2>"$CASE_DIR/mount.err"; then
    echo "    cannot mount a tmpfs here: $(cat "$CASE_DIR/mount.err")"; end_case 1; return
  fi
  DB="$mnt/cc.db"
  start_app a; wait_for 60 "a leader" has_leader || { umount "$mnt"; end_case 1; return; }
  start_producer 300 1000000
  sleep 3
  dd if=/dev/zero of="$mnt/filler" bs=1M count=100 >/dev/null 2>&1; KILLS=$((KILLS + 1))
  wait_for 40 "/healthz says degraded while the disk is full" status_is a degraded
  local full=$?
  rm -f "$mnt/filler"
  RECOVER=$(time_until 60 "/healthz says ok again" status_is a ok)s
  stop_producer
  account_and_verify; local status=$?
  for name in "${!APP_PID[@]}"; do stop_app "$name"; done
  cp "$mnt/cc.db" "$CASE_DIR/cc.db" 2>/dev/null; umount "$mnt"; DB="$CASE_DIR/cc.db"
  [ $full -eq 0 ] || status=1
  end_case $status
}

case_database_down() { # PostgreSQL crashes (immediate stop) under load and comes back on the same port
  begin_case database-down
  start_app a; start_app b; wait_for 60 "a leader" has_leader || { end_case 1; return; }
  start_producer 300 1000000
  sleep 3
  cc_crash_postgres; KILLS=$((KILLS + 1))
  wait_for 20 "/healthz says unhealthy while the database is down" status_is a unhealthy || { cc_restart_postgres; end_case 1; return; }
  sleep 5
  cc_restart_postgres || { end_case 1; return; }
  RECOVER=$(time_until 60 "/healthz says ok again" status_is a ok)s
  stop_producer
  account_and_verify; end_case $?
}

case_poison_entries() { # malformed entries of every kind among good ones: dead-lettered with reasons, nothing stalls
  begin_case poison-entries
  start_app a; wait_for 60 "a leader" has_leader || { end_case 1; return; }
  local now; now=$(date +%Y-%m-%dT%H:%M:%S+08:00)
  local u=00000000-0000-4000-8000-0000000000
  rcli XADD cc:events '*' id ${u}01 type whistle.evaluated occurredAt "$now" source grid-app street ninghailu v 1 \
    data '{"whistleId":"11111111-1111-4111-8111-111111111111","ratings":[null,{"department":"chengguan","score":90}]}' >/dev/null
  rcli XADD cc:events '*' id ${u}02 type ticket.feedback occurredAt "$now" source hotline-12345 street ninghailu v 1 \
    data "$(printf '{"ticketId":"22222222-2222-4222-8222-222222222222","content":"\xb2\xe2\xca\xd4"}')" >/dev/null
  rcli XADD cc:events '*' id ${u}03 type no.such-type occurredAt "$now" source grid-app street ninghailu v 1 data '{}' >/dev/null
  rcli XADD cc:events '*' id ${u}04 type ticket.feedback occurredAt "$now" source grid-app street ninghailu v 1 data '{not json' >/dev/null
  rcli XADD cc:events '*' id ${u}05 type ticket.feedback occurredAt "$now" source grid-app v 1 data '{}' >/dev/null
  rcli XADD cc:events '*' id ${u}06 type ticket.feedback occurredAt "$now" source grid-app street ninghailu v 1 \
    data "{\"ticketId\":\"33333333-3333-4333-8333-333333333333\",\"content\":\"$(head -c 70000 /dev/zero | tr '\0' x)\"}" >/dev/null
  rcli XADD cc:events '*' id ${u}07 type ticket.feedback occurredAt "$now" source grid-app street ninghailu v 1 \
    data "$(printf '{"ticketId":"44444444-4444-4444-8444-444444444444","content":"\\ud800"}')" >/dev/null
  start_producer 0 3000; wait_producer
  account_and_verify; local status=$?
  local dead; dead=$(cc deadletters list --count 100 | tail -n 1)
  echo "    $dead"
  [ "$dead" = "7 dead letters" ] || { echo "    expected 7 dead letters"; status=1; }
  end_case $status
}

case_crash_looping_batch() { # the process dies three times with a batch in flight: nothing valid is dead-lettered
  begin_case crash-looping-batch
  start_producer 0 5000; wait_producer
  local i
  for i in 1 2 3; do
    start_app a Faults__CrashBeforeCommit=true
    wait_for 60 "the process dies before its first commit" dead a || { end_case 1; return; }
    wait "${APP_PID[a]}" 2>/dev/null; APP_PID[a]=""; KILLS=$((KILLS + 1))
  done
  start_app a
  RECOVER=$(time_until 90 "caught up" caught_up)s
  account_and_verify 5000; local status=$?
  local dead; dead=$(cc deadletters list | tail -n 1)
  [ "$dead" = "0 dead letters" ] || { echo "    expected no dead letters, found: $dead"; status=1; }
  end_case $status
}

case_poison_crash() { # an entry that kills every process projecting it: isolated and dead-lettered alone
  begin_case poison-kills-the-process
  start_producer 0 2000; wait_producer
  local poison; poison=$(rcli XRANGE cc:events - + COUNT 1000 | awk 'f{print;exit} $0=="id"{n++; if(n==777)f=1}')
  start_producer 0 1000; wait_producer
  local restarts=0
  while [ $restarts -lt 30 ]; do
    start_app a Faults__CrashOnEnvelopeId="$poison" Projector__BatchSize=256
    wait_for 60 "the process dies or catches up" dead_or_caught_up a
    alive a && break
    wait "${APP_PID[a]}" 2>/dev/null; APP_PID[a]=""; restarts=$((restarts + 1)); KILLS=$restarts
  done
  RECOVER="${restarts} restarts"
  account_and_verify 3000; local status=$?
  local dead; dead=$(cc deadletters list)
  echo "$dead" | sed 's/^/    /' | tail -n 3
  echo "$dead" | grep -q "failed alone" || { echo "    the poison entry was not dead-lettered as failing alone"; status=1; }
  [ "$(echo "$dead" | tail -n 1)" = "1 dead letters" ] || { echo "    expected exactly one dead letter"; status=1; }
  end_case $status
}

case_duplicate_after_window() { # a copy re-sent after more than the window's 262,144 envelopes
  begin_case duplicate-after-window
  start_app a; wait_for 60 "a leader" has_leader || { end_case 1; return; }
  start_producer 0 5; wait_producer
  local first; first=$(rcli --raw XRANGE cc:events - + COUNT 1 | tail -n +2 | paste -sd'\t')
  start_producer 0 270000; wait_producer
  # the first envelope again, field for field
  python3 - "$REDIS_PORT" "$first" <<'PY'
import subprocess, sys
fields = sys.argv[2].split("\t")
subprocess.run(["redis-cli", "-p", sys.argv[1], "XADD", "cc:events", "*", *fields], check=True, capture_output=True)
PY
  account_and_verify 270005; end_case $?
}

# Streets per street (docs/decisions/0014): each instance leads the streets whose leases it took; /healthz/detail's
# leaseHolder then says "N of 13 streets' leases held here".
leads_all() { [[ "$(detail "$1" | field leaseHolder)" == "13 of 13 "* ]]; }
case_sharded_kill_leader() { # one stream per street: kill -9 of an instance leading streets under load, 3 times; the other takes every street
  SHARDING=Street
  begin_case sharded-kill-leader
  start_app a; start_app b
  wait_for 60 "both instances answer" both_up || { SHARDING=""; end_case 1; return; }
  start_producer 400 1000000
  local i victim survivor t
  for i in 1 2 3; do
    sleep "$(python3 -c 'import random; print(round(random.uniform(1.5, 5), 1))')"
    victim=$(leader); [ -n "$victim" ] || { wait_for 20 "a leader" has_leader; victim=$(leader); }
    survivor=$([ "$victim" = a ] && echo b || echo a)
    stop_app "$victim" KILL; KILLS=$((KILLS + 1))
    t=$(time_until 30 "$survivor leads every street" leads_all "$survivor") || { echo "$t"; SHARDING=""; end_case 1; return; }
    RECOVER="${RECOVER:+$RECOVER/}${t}s"
    start_app "$victim"
  done
  stop_producer
  account_and_verify; local status=$?
  [ "$(rcli EXISTS "cc:events:{ninghailu}")" = 1 ] && [ "$(rcli XLEN cc:events)" = 0 ] || { echo "    the streets' streams were not used"; status=1; }
  SHARDING=""
  end_case $status
}

cc_restart_redis() { # same port, same directory, same AOF
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" --appendonly yes --appendfsync everysec \
    --save "" --protected-mode yes --logfile "$REDIS_DIR/redis.log" >/dev/null 2>&1 &
  cc_redis_pid=$!
  wait_for 20 "redis answers" redis_up
}

# --- run -------------------------------------------------------------------------------------------------------------
if [ "$DATABASE" = postgres ]; then
  ALL=(kill-leader frozen-leader redis-restart database-locked database-down poison-entries sharded-kill-leader)
  [ "$FORM" = full ] && ALL+=(flushall-and-group crash-looping-batch poison-crash duplicate-after-window)
else
  ALL=(kill-leader frozen-leader redis-restart flushall-and-group database-locked disk-full poison-entries crash-looping-batch poison-crash
    sharded-kill-leader)
  [ "$FORM" = full ] && ALL+=(duplicate-after-window)
fi
# Each case's own lines, and for a failed one its reasons and the apps' last errors again under the table: a CI log is
# often read from its tail only.
WHY="$CC_WORK/why"
: >"$WHY"
for c in "${ALL[@]}"; do
  selected "$c" || continue
  failed_before=$failed
  "case_${c//-/_}" >"$CC_WORK/case.out" 2>&1
  cat "$CC_WORK/case.out"
  [ "$failed" -gt "$failed_before" ] || continue
  { echo "faults: failed: $CASE_NAME on $DATABASE"
    grep -E '^    [^ ]' "$CC_WORK/case.out" | head -n 8
    grep -E '✗' "$CC_WORK/case.out" | head -n 4
    for log in "$CASE_DIR"/[a-z].log; do
      [ -e "$log" ] && grep -h -A1 -E '^(fail|crit):' "$log" | grep -v -E '^(fail|crit):|^--' | tail -n 3 | sed "s|^ *|    $(basename "$log" .log): |"
    done; } >>"$WHY"
done

echo
echo "faults on $DATABASE:"
echo "| case                     |  history | kills |     recovery |  lost |   time | verify |"
echo "|--------------------------|---------:|------:|-------------:|------:|-------:|--------|"
cat "$TABLE"
cat "$WHY"
echo "faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
