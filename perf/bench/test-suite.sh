#!/usr/bin/env bash
# Benchmark (not a test): the wall time of a warm './build.sh Test' and what it counted. A first,
# untimed run warms up (compiles the build and the tests, builds or finds the images) unless
# --skip-warm-up says that was done. Prints the wall time, the test command's final counts and,
# from the TRX files, each test assembly's own span.
# Usage: perf/bench/test-suite.sh [--skip-warm-up] [more ./build.sh arguments, e.g. --test-filter ...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
warm_up=1
if [ "${1:-}" = "--skip-warm-up" ]; then warm_up=0; shift; fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if ((warm_up)); then
  echo "warm-up run..."
  ./build.sh Test "$@" >"$log" 2>&1 || { tail -n 30 "$log"; echo "the warm-up run failed" >&2; exit 1; }
fi

start=$(date +%s.%N)
status=0
./build.sh Test "$@" >"$log" 2>&1 || status=$?
end=$(date +%s.%N)

counts="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || true)"
echo "wall time: $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.0f s (%d min %02d s)", e - s, (e - s) / 60, (e - s) % 60 }')"
echo "counts:    ${counts:-none (see below)}"
echo "cores:     $(nproc), load average before the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "per assembly (first test started to last finished, from the TRX files):"
attribute() { grep -o " $1=\"[^\"]*\"" "$2" | head -n 1 | cut -d'"' -f2; }
find .nuke/temp/test-results -name '*.trx' | while read -r trx; do
  assembly="$(attribute storage "$trx")"
  printf '  %-28s %s .. %s\n' "${assembly##*/}" "$(attribute start "$trx" | cut -c12-19)" "$(attribute finish "$trx" | cut -c12-19)"
done
if ((status)); then tail -n 30 "$log"; exit "$status"; fi
