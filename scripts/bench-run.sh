#!/usr/bin/env bash
# Benchmarks the call overhead of `patchbay run` against wasmtime-py on the same
# composed components of the compose corpus and the same calls.
#
# usage: scripts/bench-run.sh [--calls N] [--rounds R]
#   --calls N    calls timed per round and tool (default 2000, or $BENCH_CALLS)
#   --rounds R   rounds, alternating patchbay and wasmtime-py (default 7, or $BENCH_ROUNDS)
#
# patchbay is the release build (`swift build -c release --static-swift-stdlib --product patchbay`),
# run as `patchbay run COMPONENT CALL --repeat N` (it prints the time per call
# on stderr); wasmtime-py runs in scripts/bench-run.py with the oracle venv's
# python. Output: a markdown table (medians of the rounds, ns per call, ratio
# patchbay / wasmtime-py, whether both gave the expected result), also saved
# under bench-out/ with a TSV of every round.
#
# env:
#   PATCHBAY_BIN         patchbay binary to use (skips the release build)
#   PATCHBAY_ORACLE_DIR  the oracle venv's bin dir (default <repo>/.oracle/venv/bin)
#   PATCHBAY_CORPUS      corpus dir (default <repo>/../shared/corpus)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
calls=${BENCH_CALLS:-2000}; rounds=${BENCH_ROUNDS:-7}
while [ $# -gt 0 ]; do
  case $1 in
    --calls) calls=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

corpus=${PATCHBAY_CORPUS:-$root/../shared/corpus}
[ -d "$corpus/compose/cases" ] || { echo "bench-run.sh: no $corpus/compose/cases (set PATCHBAY_CORPUS)" >&2; exit 2; }
corpus=$(cd "$corpus" && pwd)

oracle_dir=${PATCHBAY_ORACLE_DIR:-$root/.oracle/venv/bin}
# The venv itself is accepted too (its bin folder is used).
[ -x "$oracle_dir/bin/python" ] && oracle_dir=$oracle_dir/bin
py=$oracle_dir/python
"$py" -c 'import wasmtime' 2>/dev/null || { echo "bench-run.sh: no wasmtime package for $py (run scripts/install-oracles.sh)" >&2; exit 2; }

if [ -n "${PATCHBAY_BIN:-}" ]; then
  pb=$PATCHBAY_BIN
else
  echo "bench-run.sh: swift build -c release --static-swift-stdlib --product patchbay" >&2
  (cd "$root" && swift build -c release --static-swift-stdlib --product patchbay >&2)
  pb="$(cd "$root" && swift build -c release --show-bin-path)/patchbay"
fi

mkdir -p "$root/bench-out"
stamp=$(date +%Y%m%d-%H%M%S)-$$
md="$root/bench-out/run-$stamp.md"
{
  echo "### \`patchbay run\` vs wasmtime-py: call overhead"
  echo
  echo "$(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?); $(date -u +%Y-%m-%dT%H:%MZ); $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo no-git)"
  echo
  "$py" "$root/scripts/bench-run.py" --pb "$pb" --calls "$calls" --rounds "$rounds" --corpus "$corpus" --raw "$root/bench-out/run-$stamp.tsv"
} | tee "$md"
echo "bench-run.sh: table in ${md#$root/}" >&2
