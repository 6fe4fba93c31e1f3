#!/usr/bin/env bash
# The pipeline benchmark (docs/benchmarks.md): starts its own redis-server and PostgreSQL like tests/run.sh, builds
# the benchmark in Release, runs it (the pipeline on SQLite, then on PostgreSQL), and prints its figures; the last line
# is one JSON object. Usage: tests/bench.sh [EVENTS] [pipeline] [backlog]   (default 200000; "pipeline": stop after
# (a)–(c'); "backlog": also the projector alone draining a backlog on each database, without the producer running)
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/lib/services.sh

cc_install_missing
cc_start_redis || { echo "tests/bench.sh: could not start redis-server" >&2; exit 1; }
cc_start_postgres || { echo "tests/bench.sh: could not start PostgreSQL" >&2; exit 1; }
export CC_BENCH_REDIS="$CC_REDIS_ADDRESS" CC_BENCH_DOCS="$PWD/docs/benchmarks.md" CC_BENCH_POSTGRES="$CC_POSTGRES" \
  CC_BENCH_POSTGRES_VERSION="$(cc_psql postgres -c 'SHOW server_version' | cut -d' ' -f1)"
dotnet build -c Release tests/CommandCenter.Benchmarks -v quiet -nologo >/dev/null
dotnet tests/CommandCenter.Benchmarks/bin/Release/net10.0/CommandCenter.Benchmarks.dll "$@"
