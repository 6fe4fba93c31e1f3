#!/usr/bin/env bash
# The production shape on loopback, proven in a real browser (deploy/README.md, "Smoke test"): redis-server with AOF,
# PostgreSQL, two app instances in Production mode and nginx with the configuration kept in deploy/nginx/, then the
# browser test tests/CommandCenter.Web.Tests/Deploy/NginxSmokeTests through nginx: sign-in, a live wall updated by
# `redis-cli XADD`, the hub over WebSockets, the instance holding the browser killed -9 (the browser rejoins the other,
# the wall resyncs, nobody is signed out, antiforgery tokens still valid), the projector lease moving. Ends with
# "smoke: N passed, N failed". Installs nginx when missing. Starts everything on free loopback ports; stops what it
# started. Set CC_APP_DIR and CC_CLI_DIR to published builds to skip publishing (tests/run.sh does).
set -uo pipefail
cd "$(dirname "$0")/.."
source tests/lib/services.sh

cc_install_missing
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "smoke: installing nginx"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; } >/dev/null 2>&1 \
    || { echo "smoke: could not install nginx"; echo "smoke: 0 passed, 1 failed"; exit 1; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

fail() { echo "smoke: failed: $*"; echo "smoke: 0 passed, 1 failed"; exit 1; }
cc_start_redis || fail "could not start redis-server"
cc_start_postgres || fail "could not start PostgreSQL"
cc_psql postgres -c "CREATE DATABASE commandcenter" || fail "could not create the database"

APP_DIR=${CC_APP_DIR:-$CC_WORK/app}
CLI_DIR=${CC_CLI_DIR:-$CC_WORK/cli}
if [ -z "${CC_APP_DIR:-}" ]; then
  echo "smoke: building the app and cc (Release)"
  dotnet publish src/CommandCenter.Web -c Release -o "$APP_DIR" -v quiet -nologo >/dev/null || fail "build failed"
  dotnet publish src/CommandCenter.Cli -c Release -o "$CLI_DIR" -v quiet -nologo >/dev/null || fail "build failed"
fi

STREAM=cc:events
NGINX_PORT=$(cc_free_port)
PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
# What every instance and cc share: Production, as deploy/commandcenter.env.example has it, on this machine's services.
SHARED_ENV=(ASPNETCORE_ENVIRONMENT=Production "AllowedHosts=127.0.0.1"
  EventLog__Provider=Redis "ConnectionStrings__Redis=$CC_REDIS_ADDRESS" EventLog__StreamKey=$STREAM
  Database__Provider=Postgres "ConnectionStrings__Database=Host=127.0.0.1;Port=$CC_PG_PORT;Database=commandcenter;Username=postgres;Password=$CC_PG_PASSWORD"
  Proxy__KnownProxies__0=127.0.0.1 Redis__LeaseTime=00:00:03 Logging__LogLevel__Default=Warning
  "Security__PublicUrl=http://127.0.0.1:$NGINX_PORT" "WebRoot=$APP_DIR/wwwroot")

cc() { env "${SHARED_ENV[@]}" dotnet "$CLI_DIR/cc.dll" "$@"; }
echo "$PASSWORD" | cc users create --username smoke.operator --role Operator --display-name 冒烟测试值班员 >/dev/null \
  || fail "cc users create failed"

declare -A APP_PID APP_PORT
start_app() { # NAME
  APP_PORT[$1]=$(cc_free_port)
  env "${SHARED_ENV[@]}" Projector__ConsumerName="$1" dotnet "$APP_DIR/CommandCenter.Web.dll" --contentRoot "$APP_DIR" --urls "http://127.0.0.1:${APP_PORT[$1]}" \
    >"$CC_WORK/app-$1.log" 2>&1 &
  APP_PID[$1]=$!
}
healthy() { [ "$(curl -s --max-time 2 "http://127.0.0.1:${APP_PORT[$1]}/healthz" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' 2>/dev/null)" = ok ]; }
wait_healthy() { for _ in $(seq 1 120); do healthy "$1" && return 0; sleep 0.5; done; return 1; }
nginx_pid=""
stop_everything() {
  local name
  for name in "${!APP_PID[@]}"; do kill -KILL "${APP_PID[$name]}" 2>/dev/null; done
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  cc_cleanup
}
trap stop_everything EXIT

# The first instance migrates the database, makes the shared key ring's first key and takes the projector lease.
start_app a; wait_healthy a || { tail -n 30 "$CC_WORK/app-a.log"; fail "instance a did not become healthy"; }
start_app b; wait_healthy b || { tail -n 30 "$CC_WORK/app-b.log"; fail "instance b did not become healthy"; }

# nginx with deploy/nginx/'s two parts; only the upstream's addresses and the listening port are this run's own.
mkdir -p "$CC_WORK/nginx/tmp"
cat >"$CC_WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $CC_WORK/nginx/nginx.pid;
error_log $CC_WORK/nginx/error.log warn;
events { worker_connections 256; }
http {
    access_log $CC_WORK/nginx/access.log;
    client_body_temp_path $CC_WORK/nginx/tmp/body;
    proxy_temp_path $CC_WORK/nginx/tmp/proxy;
    fastcgi_temp_path $CC_WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $CC_WORK/nginx/tmp/uwsgi;
    scgi_temp_path $CC_WORK/nginx/tmp/scgi;
    include $PWD/deploy/nginx/commandcenter-http.conf;
    upstream commandcenter {
        hash \$cc_node consistent;
        server 127.0.0.1:${APP_PORT[a]} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:${APP_PORT[b]} max_fails=1 fail_timeout=10s;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        # The smoke test only: which instance answered, so it can kill the one holding its browser.
        add_header X-CC-Upstream \$upstream_addr always;
        include $PWD/deploy/nginx/commandcenter-locations.conf;
    }
}
CONF
"$NGINX" -t -c "$CC_WORK/nginx/nginx.conf" >"$CC_WORK/nginx/test.log" 2>&1 || { cat "$CC_WORK/nginx/test.log"; fail "nginx refused the configuration"; }
"$NGINX" -c "$CC_WORK/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/healthz" && break; sleep 0.1; done

echo "smoke: redis $CC_REDIS_ADDRESS, PostgreSQL 127.0.0.1:$CC_PG_PORT, instances a :${APP_PORT[a]} (pid ${APP_PID[a]}) and b :${APP_PORT[b]} (pid ${APP_PID[b]}), nginx http://127.0.0.1:$NGINX_PORT"
export CC_SMOKE_URL="http://127.0.0.1:$NGINX_PORT" CC_SMOKE_USER=smoke.operator CC_SMOKE_PASSWORD="$PASSWORD" \
  CC_SMOKE_REDIS="$CC_REDIS_ADDRESS" CC_SMOKE_STREAM=$STREAM \
  CC_SMOKE_INSTANCES="a=${APP_PID[a]}@${APP_PORT[a]} b=${APP_PID[b]}@${APP_PORT[b]}"
dotnet test tests/CommandCenter.Web.Tests --filter "Category=Smoke" --logger "trx;LogFileName=smoke.trx" \
  --results-directory "$CC_WORK/results" >"$CC_WORK/smoke-test.log" 2>&1
status=$?
grep -E "^\s+(Passed|Failed) |Error Message|Passed!|Failed!" -A3 "$CC_WORK/smoke-test.log" | head -n 60
counters=$(grep -o '<Counters [^>]*>' "$CC_WORK/results/smoke.trx" 2>/dev/null | head -n 1)
p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
p=${p:-0}; f=${f:-0}
if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; tail -n 40 "$CC_WORK/smoke-test.log"; fi
if [ "$f" -gt 0 ]; then
  for name in a b; do echo "--- instance $name (last lines)"; tail -n 15 "$CC_WORK/app-$name.log"; done
  echo "--- nginx errors"; tail -n 10 "$CC_WORK/nginx/error.log"
fi
echo "smoke: $p passed, $f failed"
[ "$f" -eq 0 ]
