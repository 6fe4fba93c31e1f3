#!/usr/bin/env bash
# The pipeline benchmark (docs/benchmarks.md): starts its own redis-server like tests/run.sh, builds the
# benchmark in Release, runs it, and prints its figures; the last line is one JSON object.
# Usage: tests/bench.sh [EVENTS]   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
source tests/lib/services.sh

cc_install_missing
cc_start_redis || { echo "tests/bench.sh: could not start redis-server" >&2; exit 1; }
export CC_BENCH_REDIS="$CC_REDIS_ADDRESS" CC_BENCH_DOCS="$PWD/docs/benchmarks.md"
dotnet build -c Release tests/CommandCenter.Benchmarks -v quiet -nologo >/dev/null
dotnet tests/CommandCenter.Benchmarks/bin/Release/net10.0/CommandCenter.Benchmarks.dll "$@"
