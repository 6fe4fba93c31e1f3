#!/usr/bin/env bash
# A full-volume year of Gulou through Redis, once, outside CI (docs/benchmarks-year.md, "A full-volume year"):
# `cc simulate` writes 365 days at the realistic volume (about 2.9 million events) into a stream of its own redis-server,
# the published app (Redis mode, SQLite) projects them, and the script prints the generator's time, Redis's memory,
# the projection's time, the database's size, the restart to a healthy instance and replays of random past minutes.
# Takes about 20 minutes on a 2-core machine and needs about 4 GB of disk.  Usage: tests/full-year.sh [SCALE]
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/lib/services.sh
scale=${1:-1.0}
cc_install_missing
cc_start_redis || { echo "tests/full-year.sh: could not start redis-server" >&2; exit 1; }
dotnet publish src/CommandCenter.Web -c Release -o "$CC_WORK/app" -v quiet -nologo >/dev/null
dotnet publish src/CommandCenter.Cli -c Release -o "$CC_WORK/cli" -v quiet -nologo >/dev/null
export EventLog__Provider=Redis ConnectionStrings__Redis="$CC_REDIS_ADDRESS" EventLog__StreamKey=cc:events EventLog__DeadLetterKey=cc:dead \
  ConnectionStrings__Database="Data Source=$CC_WORK/year.db" Simulator__Enabled=false LogTrim__Enabled=false \
  ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning
port=$(cc_free_port); base="http://127.0.0.1:$port"
start_app() { dotnet "$CC_WORK/app/CommandCenter.Web.dll" --urls "$base" --contentRoot "$CC_WORK/app" >>"$CC_WORK/app.log" 2>&1 & app_pid=$!; }
seconds_since() { python3 -c "import time,sys; print(f'{time.time() - float(sys.argv[1]):.1f}')" "$1"; }

echo "date: $(date -u +%FT%TZ); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
started=$(date +%s.%N)
dotnet "$CC_WORK/cli/cc.dll" simulate --days 365 --scale "$scale" --seed 2027 | tail -n 1
echo "generator: $(seconds_since "$started") s; redis $(redis-cli -u "redis://$CC_REDIS_ADDRESS" info memory | grep -o 'used_memory_human:[^[:space:]]*')"

total=$(redis-cli -u "redis://$CC_REDIS_ADDRESS" XLEN cc:events)
started=$(date +%s.%N); start_app
until [ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True).execute('select count(*) from event_history').fetchone()[0])" "$CC_WORK/year.db" 2>/dev/null || echo 0)" -ge "$total" ]; do sleep 5; done
echo "projected $total events in $(seconds_since "$started") s; RSS $(grep VmRSS /proc/$app_pid/status | tr -s ' ')"
sleep 60 # the replay snapshots lose their idempotency window in the background (docs/decisions/0017)
kill $app_pid; wait $app_pid || true
echo "database: $(du -cm "$CC_WORK"/year.db* | tail -n 1 | cut -f1) MB"

started=$(date +%s.%N); start_app
until curl -sf "$base/healthz" | grep -q '"ok"'; do sleep 0.2; done
echo "restart to healthy (caught up): $(seconds_since "$started") s; RSS after 5 s: $(sleep 5; grep VmRSS /proc/$app_pid/status | tr -s ' ')"

# Replays of random past minutes, prerendered for a signed-in operator (the demo accounts of Development).
jar="$CC_WORK/cookies"
token=$(curl -s -c "$jar" "$base/signin" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "__RequestVerificationToken=$token&username=operator&password=gulou-demo-2026&returnUrl=/wall" "$base/account/signin"
RANDOM=7
for _ in $(seq 1 21); do
  at=$(date -u -d "now - $((RANDOM % 360 + 2)) days - $((RANDOM % 1440)) minutes" +%Y-%m-%dT%H:%M:00)
  curl -s -b "$jar" -o "$CC_WORK/replay.html" -w "%{time_total}\n" "$base/wall?at=$at"
  grep -q 'data-replay="2' "$CC_WORK/replay.html" || echo "not a replay page: $at" >&2
done | sort -n | awk '{ t[NR] = $1 } END { printf "replay of a random past minute (21, curl, prerendered): median %.2f s, max %.2f s\n", t[int((NR + 1) / 2)], t[NR] }'
kill $app_pid; wait $app_pid || true
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
