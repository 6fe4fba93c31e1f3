#!/usr/bin/env bash
# The benchmarks: start their own redis-server and PostgreSQL like tests/run.sh, build in Release, run, and print the
# figures; the last line is one JSON object.
#   tests/bench.sh [EVENTS] [pipeline] [backlog]
#       the pipeline on SQLite, then on PostgreSQL (docs/benchmarks.md; default 200000 events; "pipeline": stop after
#       (a)–(c'); "backlog": also the projector alone draining a backlog on each database, without the producer running)
#   tests/bench.sh live
#       only the live latencies (d)–(e): XADD → live state and → the wall's DOM at 1,000 events/s
#   tests/bench.sh year [SCALE]
#       a week against a year of history (docs/benchmarks-year.md; SCALE of the realistic volume, default 0.35: a year
#       of about a million events)
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/lib/services.sh

cc_install_missing
cc_start_redis || { echo "tests/bench.sh: could not start redis-server" >&2; exit 1; }
export CC_BENCH_REDIS="$CC_REDIS_ADDRESS" CC_BENCH_DOCS="$PWD/docs/benchmarks.md" CC_BENCH_YEAR_DOCS="$PWD/docs/benchmarks-year.md"
if [ "${1:-}" = year ]; then
  # The scale benchmark runs the published app and cc as separate processes (RSS, CPU and restarts are theirs).
  dotnet publish src/CommandCenter.Web -c Release -o "$CC_WORK/app" -v quiet -nologo >/dev/null
  dotnet publish src/CommandCenter.Cli -c Release -o "$CC_WORK/cli" -v quiet -nologo >/dev/null
  export CC_BENCH_APP="$CC_WORK/app/CommandCenter.Web.dll" CC_BENCH_CLI="$CC_WORK/cli/cc.dll"
elif [ "${1:-}" != live ]; then
  cc_start_postgres || { echo "tests/bench.sh: could not start PostgreSQL" >&2; exit 1; }
  export CC_BENCH_POSTGRES="$CC_POSTGRES" \
    CC_BENCH_POSTGRES_VERSION="$(cc_psql postgres -c 'SHOW server_version' | cut -d' ' -f1)"
fi
dotnet build -c Release tests/CommandCenter.Benchmarks -v quiet -nologo >/dev/null
dotnet tests/CommandCenter.Benchmarks/bin/Release/net10.0/CommandCenter.Benchmarks.dll "$@"
