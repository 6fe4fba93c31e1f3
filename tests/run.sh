#!/usr/bin/env bash
# Runs every test of CommandCenter: installs what the tests need when missing (redis-server, chromium, CJK
# fonts), starts redis-server on a free loopback port with its own directory and AOF on, runs `dotnet test`
# on the solution, stops what it started, and ends with the line "N passed, N failed".
# Tests find services through the environment: CC_TEST_REDIS=127.0.0.1:PORT, CC_CHROMIUM=/usr/bin/chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d -t cc-tests.XXXXXX)
redis_pid=""

cleanup() {
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  echo "tests/run.sh: installing ${missing[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "tests/run.sh: could not install ${missing[*]}"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

if command -v redis-server >/dev/null; then
  port=$(free_port)
  mkdir -p "$work/redis"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$work/redis" --appendonly yes --appendfsync everysec \
    --save "" --protected-mode yes --logfile "$work/redis/redis.log" &
  redis_pid=$!
  for _ in $(seq 1 100); do redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  export CC_TEST_REDIS="127.0.0.1:$port"
  echo "tests/run.sh: redis-server $(redis-server --version | grep -o 'v=[0-9.]*') on $CC_TEST_REDIS (pid $redis_pid)"
fi
[ -x /usr/bin/chromium ] && export CC_CHROMIUM=/usr/bin/chromium

dotnet test "$root/CommandCenter.sln" --logger "trx;LogFilePrefix=cc" --results-directory "$work/results" "$@"
status=$?

passed=0; failed=0
for trx in "$work"/results/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A build failure or a crashed test host counts as a failure even when no test reported one.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
