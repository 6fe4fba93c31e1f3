#!/usr/bin/env bash
# Runs every test of CommandCenter: installs what the tests need when missing (redis-server, PostgreSQL, chromium,
# CJK fonts, nginx for the smoke test), starts redis-server (AOF on) and PostgreSQL on free loopback ports with
# directories of their own, runs `dotnet test` on the solution, the database suites again on PostgreSQL, the fault
# suite's short form on SQLite and on PostgreSQL (tests/faults.sh short), the production smoke test behind nginx
# (deploy/smoke.sh) and the restore drill (deploy/restore-drill.sh), stops what it started, and ends with the line
# "N passed, N failed" (each fault case, the smoke test and the drill count as tests).
# Tests find services through the environment: CC_TEST_REDIS=127.0.0.1:PORT, CC_TEST_REDIS_CLUSTER (a one-node Redis
# Cluster), CC_TEST_POSTGRES (an Npgsql connection
# string of a superuser), CC_CHROMIUM=/usr/bin/chromium. With CI=true a missing service fails the tests that need it;
# nothing is skipped. With a --filter, only `dotnet test` on the solution runs.
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
if cc_start_redis_cluster; then
  export CC_TEST_REDIS_CLUSTER="$CC_REDIS_CLUSTER_ADDRESS"
  echo "tests/run.sh: a one-node Redis Cluster on $CC_TEST_REDIS_CLUSTER (pid $cc_cluster_pid)"
else
  echo "tests/run.sh: no Redis Cluster; the cluster test of streams per street will fail"
fi
if cc_start_postgres; then
  export CC_TEST_POSTGRES="$CC_POSTGRES"
  echo "tests/run.sh: PostgreSQL $(cc_psql postgres -c 'SHOW server_version' | cut -d' ' -f1) on 127.0.0.1:$CC_PG_PORT"
else
  echo "tests/run.sh: no PostgreSQL; the PostgreSQL tests will fail"
fi

filtered=false
[[ " $* " == *" --filter "* ]] && filtered=true
# The smoke test runs behind nginx, started by deploy/smoke.sh below; an ordinary run leaves it out.
if $filtered; then
  dotnet test CommandCenter.sln --logger "trx;LogFilePrefix=cc" --results-directory "$CC_WORK/results" "$@"
else
  dotnet test CommandCenter.sln --logger "trx;LogFilePrefix=cc" --results-directory "$CC_WORK/results" --filter "Category!=Smoke" "$@"
fi
status=$?
if ! $filtered; then
  # The database suites (projection, event log, verify, leases, migrations) again, each test on a database of its own
  # on the PostgreSQL server.
  started=$SECONDS
  CC_TEST_DATABASE=postgres dotnet test tests/CommandCenter.Infrastructure.Tests --no-build --logger "trx;LogFilePrefix=cc-postgres" \
    --results-directory "$CC_WORK/results" --filter "Database!=SqliteOnly" || status=1
  echo "tests/run.sh: the database suites on PostgreSQL took $((SECONDS - started)) s"
fi

# Each failed test of a results file: its name, the run it came from (cc = SQLite, cc-postgres = the PostgreSQL pass)
# and the first lines of its message and stack, so a CI log read from its tail says what broke, not only where.
failures_of() { # TRX
  awk -v run="$(basename "$1" | sed 's/_.*//')" '
    function text(s) { gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&amp;/, "\\&", s); return s }
    /<UnitTestResult / && /outcome="Failed"/ { inside = 1; lines = 0; match($0, /testName="[^"]*"/)
      print "tests/run.sh: failed: " text(substr($0, RSTART + 10, RLENGTH - 11)) " [" run "]" }
    inside && /<(Message|StackTrace)>/ { body = 1 }
    inside && body && lines < 12 { line = $0; gsub(/<\/?(Message|StackTrace|ErrorInfo|Output)>/, "", line); gsub(/^[ \t]+/, "", line)
      if (line != "") { print "    " text(line); lines++ } }
    inside && /<\/(Message|StackTrace)>/ { body = 0 }
    /<\/UnitTestResult>/ { inside = 0; body = 0 }' "$1"
}

passed=0; failed=0; failed_tests=""
for trx in "$CC_WORK"/results/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  failures=$(failures_of "$trx")
  failed_tests+=${failures:+$failures$'\n'}
done
# A build failure or a crashed test host counts as a failure even when no test reported one.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# A script's reasons for a failed case: its "NAME: failed: …" lines and the indented lines under them.
script_failures() { # LOG
  awk '/^[a-z-]+: failed: / { print "tests/run.sh: " $0; keep = 1; next } keep && /^    / { print; next } { keep = 0 }' "$1"
}

# Scripts whose last tally line ("NAME: N passed, N failed") counts like tests: none found counts as one failure.
count_script() { # NAME LOG
  local p f
  p=$(sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed\$/\1/p" "$2" | tail -n 1)
  f=$(sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed\$/\2/p" "$2" | tail -n 1)
  [ -n "$p" ] || { p=0; f=1; }
  passed=$((passed + p)); failed=$((failed + f))
  local why; why=$(script_failures "$2")
  failed_tests+=${why:+$why$'\n'}
}

# The fault suite's short form on each database, the smoke test behind nginx and the restore drill: real processes
# killed, frozen, starved of their database; each case is a test. One published build serves them all.
if ! $filtered; then
  export CC_APP_DIR="$CC_WORK/app" CC_CLI_DIR="$CC_WORK/cli"
  if dotnet publish src/CommandCenter.Web -c Release -o "$CC_APP_DIR" -v quiet -nologo >/dev/null \
      && dotnet publish src/CommandCenter.Cli -c Release -o "$CC_CLI_DIR" -v quiet -nologo >/dev/null; then
    started=$SECONDS
    tests/faults.sh short | tee "$CC_WORK/faults.log"
    count_script faults "$CC_WORK/faults.log"
    echo "tests/run.sh: the fault suite on SQLite took $((SECONDS - started)) s"; started=$SECONDS
    CC_FAULTS_DATABASE=postgres tests/faults.sh short | tee "$CC_WORK/faults-postgres.log"
    count_script faults "$CC_WORK/faults-postgres.log"
    echo "tests/run.sh: the fault suite on PostgreSQL took $((SECONDS - started)) s"; started=$SECONDS
    deploy/smoke.sh | tee "$CC_WORK/smoke.log"
    count_script smoke "$CC_WORK/smoke.log"
    echo "tests/run.sh: the smoke test behind nginx took $((SECONDS - started)) s"; started=$SECONDS
    deploy/restore-drill.sh | tee "$CC_WORK/restore-drill.log"
    count_script restore-drill "$CC_WORK/restore-drill.log"
    echo "tests/run.sh: the restore drill took $((SECONDS - started)) s"
  else
    echo "tests/run.sh: publishing the app failed; the fault suites, the smoke test and the drill count as failed"
    failed=$((failed + 4))
  fi
fi
# Every failed test named just above the tally: a CI log is often read from its tail only.
printf '%s' "$failed_tests"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
