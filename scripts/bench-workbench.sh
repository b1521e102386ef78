#!/usr/bin/env bash
# Speed and memory of the workbench, measured through `patchbay render` (the same app,
# runner and frame diffing as `open`, on an in-memory screen instead of ncurses).
#
# usage: scripts/bench-workbench.sh [--runs N]
#
# Measures, on the big corpus files ($PATCHBAY_CORPUS, default <repo>/../shared/corpus):
#   first screen   cpy-demo.wasm (and the others): wall time of a whole
#                  `patchbay render --size 100x30 FILE` process (start, load, first frame,
#                  print, exit) - an upper bound of the time to the first screen - and the
#                  in-process time to the first drawn frame (--timings); goal < 0.3 s
#   redraw         synth-ifaces.wasm: the browser focused, then `j` 1000 times through its
#                  1000 imported and exported interfaces; per key, the time from the key to
#                  its frame drawn (update + render + diff + apply); goal < 16 ms
#   memory         peak RSS (GNU time %M) of the first-screen run against the file size;
#                  goal <= 3x the file. The RSS of the same run on a 1 KB sample is shown
#                  as the process's floor (Swift runtime, Foundation, the binary).
# Medians over N runs (default 5). Prints a markdown table.
#
# env:
#   PATCHBAY_BIN   patchbay executable (default: builds and uses .build/release/patchbay)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "bench-workbench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
corpus=${PATCHBAY_CORPUS:-$root/../shared/corpus}
[ -d "$corpus/big" ] || { echo "bench-workbench: no corpus at $corpus (set PATCHBAY_CORPUS)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-workbench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ -z "${PATCHBAY_BIN:-}" ]; then
  (cd "$root" && swift build -c release --static-swift-stdlib --product patchbay >&2)
  PATCHBAY_BIN=$root/.build/release/patchbay
fi
bin=$PATCHBAY_BIN
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-wb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" "$2"; }

# run FILE KEYS -> appends "wall_s rss_kb first_frame_ms frame_mean frame_p95 frame_max" to $tmp/rows
run() {
  local file=$1 keys=$2
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" render --size 100x30 --timings --keys "$keys" "$file" >/dev/null 2>"$tmp/err" \
    || { echo "bench-workbench: render failed on $file: $(head -3 "$tmp/err")" >&2; exit 1; }
  local t; t=$(grep '^timings:' "$tmp/err")
  echo "$t" > "$tmp/t"
  echo "$(cat "$tmp/time") $(field first_frame_ms "$tmp/t") $(field frame_ms_mean "$tmp/t") $(field frame_ms_p95 "$tmp/t") $(field frame_ms_max "$tmp/t")"
}

echo "| file | size MB | process wall s (median) | first frame ms | peak RSS MB | RSS / size |"
echo "|---|---:|---:|---:|---:|---:|"
for f in "$root/samples/greeter.wasm" "$corpus"/big/cpy-demo.wasm "$corpus"/big/synth-ifaces.wasm "$corpus"/big/synth-flat.wasm "$corpus"/big/cpy-demo-stub.wasm; do
  [ -f "$f" ] || continue
  : > "$tmp/rows"
  run "$f" "" >/dev/null   # warm the page cache
  for _ in $(seq "$runs"); do run "$f" "" >> "$tmp/rows"; done
  size=$(stat -c %s "$f")
  wall=$(awk '{print $1}' "$tmp/rows" | median)
  rss=$(awk '{print $2}' "$tmp/rows" | median)
  ff=$(awk '{print $3}' "$tmp/rows" | median)
  awk -v n="$(basename "$f")" -v s="$size" -v w="$wall" -v r="$rss" -v ff="$ff" \
    'BEGIN { printf "| %s | %.3f | %.3f | %.0f | %.1f | %.1fx |\n", n, s / 1e6, w, ff, r / 1024, (r * 1024) / s }'
done

echo
echo "| redraw: synth-ifaces.wasm, 1000 x j in the browser | mean ms | p95 ms | max ms |"
echo "|---|---:|---:|---:|"
keys="<tab>$(printf 'j%.0s' $(seq 1000))"
: > "$tmp/rows"
for _ in $(seq "$runs"); do run "$corpus/big/synth-ifaces.wasm" "$keys" >> "$tmp/rows"; done
mean=$(awk '{print $4}' "$tmp/rows" | median)
p95=$(awk '{print $5}' "$tmp/rows" | median)
max=$(awk '{print $6}' "$tmp/rows" | median)
echo "| per key, median of $runs runs | $mean | $p95 | $max |"
echo
echo "($(uname -srm), $(nproc) cores, $(date -u +%Y-%m-%d); $("$bin" --version 2>/dev/null || echo patchbay) at $bin)"
