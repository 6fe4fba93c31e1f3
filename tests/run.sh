#!/usr/bin/env bash
# Runs every test of CommandCenter: installs what the tests need when missing (redis-server, chromium, CJK
# fonts), starts redis-server on a free loopback port with its own directory and AOF on, runs `dotnet test`
# on the solution and then the fault suite's short form (tests/faults.sh short), stops what it started, and ends
# with the line "N passed, N failed".
# Tests find services through the environment: CC_TEST_REDIS=127.0.0.1:PORT, CC_CHROMIUM=/usr/bin/chromium.
# With CI=true a missing service fails the tests that need it; nothing is skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
source tests/lib/services.sh

cc_install_missing
# The JavaScript hub client the hub tests run under node (@microsoft/signalr from npm, pinned by its lock file).
if [ ! -d tests/hub-client/node_modules/@microsoft/signalr ]; then
  npm ci --prefix tests/hub-client --no-audit --no-fund --silent || echo "tests/run.sh: npm ci failed; the JavaScript hub test will fail"
fi
if cc_start_redis; then
  export CC_TEST_REDIS="$CC_REDIS_ADDRESS"
  echo "tests/run.sh: redis-server $(redis-server --version | grep -o 'v=[0-9.]*') on $CC_TEST_REDIS (pid $cc_redis_pid)"
else
  echo "tests/run.sh: no redis-server; the Redis tests will fail"
fi

dotnet test CommandCenter.sln --logger "trx;LogFilePrefix=cc" --results-directory "$CC_WORK/results" "$@"
status=$?

passed=0; failed=0
for trx in "$CC_WORK"/results/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A build failure or a crashed test host counts as a failure even when no test reported one.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# The fault suite's short form: real processes killed, frozen, starved of their database; each case is a test.
# (Not when a --filter narrows the run to some tests.)
if [[ " $* " != *" --filter "* ]]; then
  tests/faults.sh short | tee "$CC_WORK/faults.log"
  fp=$(sed -n 's/^faults: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$CC_WORK/faults.log")
  ff=$(sed -n 's/^faults: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$CC_WORK/faults.log")
  [ -n "$fp" ] || { fp=0; ff=1; }
  passed=$((passed + fp)); failed=$((failed + ff))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
