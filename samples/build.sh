#!/usr/bin/env bash
# Rebuilds the sample components in samples/ from their text sources with the
# oracle wasm-tools, validates them, and checks the compositions behave:
#   app + calculator        composes, and run() returns 1030
#   ops-user + ops-s64      must FAIL to compose (s32 vs s64 `add`)
#   link/counter-app        libcounter.so + app.so linked (shared everything), run() = 2004
#
# usage: samples/build.sh            rebuild in place (*.wasm, oracle/*)
#        samples/build.sh --check    rebuild into a temp dir and compare byte-for-byte
#                                    with the committed files (exit 1 on drift)
# env:   WASM_TOOLS   wasm-tools binary   (default: $PATCHBAY_ORACLE_DIR/wasm-tools,
#                                          else <repo>/.oracle/venv/bin/wasm-tools)
#        ORACLE_PY    python with wasmtime (default: beside WASM_TOOLS), for the run check
#        PATCHBAY_CORPUS  corpus dir (default <repo>/../shared/corpus); its
#                     compose/run_case.py runs app-with-calculator.wasm. Skipped if absent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
oracle_dir=${PATCHBAY_ORACLE_DIR:-$root/.oracle/venv/bin}
wt=${WASM_TOOLS:-$oracle_dir/wasm-tools}
py=${ORACLE_PY:-$(dirname "$wt")/python}
corpus=${PATCHBAY_CORPUS:-$root/../shared/corpus}
[ -x "$wt" ] || { echo "build.sh: wasm-tools not found at $wt (run scripts/install-oracles.sh or set WASM_TOOLS)" >&2; exit 2; }

check=0
[ "${1:-}" = "--check" ] && check=1

# name = source stem = world name
samples=(greeter calculator app ops-s64 ops-user fs-real fs-virtualize fs-child namer hello)

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ $check = 1 ]; then out=$tmp/out; mkdir -p "$out/oracle"; else out=$here; mkdir -p "$out/oracle"; fi

cd "$here"
for n in "${samples[@]}"; do
  "$wt" component embed "$n.wit" "$n.core.wat" --world "$n" -o "$tmp/$n.core.wasm"
  "$wt" component new "$tmp/$n.core.wasm" -o "$out/$n.wasm"
  "$wt" validate "$out/$n.wasm"
  "$wt" component wit "$out/$n.wasm" > "$out/oracle/$n.wit"
  "$wt" print "$out/$n.wasm" > "$out/oracle/$n.wat"
  echo "built $n.wasm ($(wc -c < "$out/$n.wasm") bytes)"
done

# the mismatch lab: placeholder components from worlds (they never run)
mkdir -p "$out/mismatch-lab"
for k in wrong-primitive missing-field renamed-function different-resource version-skew; do
  "$wt" component embed --dummy "mismatch-lab/$k.wit" --world consumer -o "$tmp/$k-c.core.wasm"
  "$wt" component new "$tmp/$k-c.core.wasm" -o "$out/mismatch-lab/$k-consumer.wasm"
  "$wt" component embed --dummy "mismatch-lab/$k-provider.wit" --world provider -o "$tmp/$k-p.core.wasm"
  "$wt" component new "$tmp/$k-p.core.wasm" -o "$out/mismatch-lab/$k-provider.wasm"
done
echo "built the mismatch lab"

# app + calculator: must compose and validate
"$wt" compose "$out/app.wasm" -d "$out/calculator.wasm" -o "$out/app-with-calculator.wasm" 2>"$tmp/compose.log" \
  || { cat "$tmp/compose.log" >&2; echo "build.sh: composing app with calculator failed" >&2; exit 1; }
"$wt" validate "$out/app-with-calculator.wasm"
"$wt" component wit "$out/app-with-calculator.wasm" > "$out/oracle/app-with-calculator.wit"
echo "built app-with-calculator.wasm ($(wc -c < "$out/app-with-calculator.wasm") bytes)"

# ops-user + ops-s64: must fail
if "$wt" compose "$out/ops-user.wasm" -d "$out/ops-s64.wasm" -o "$tmp/bad.wasm" 2>"$tmp/bad.log"; then
  echo "build.sh: ops-user + ops-s64 composed, but it must fail" >&2; exit 1
fi
# keep the oracle's error (without the deprecation banner and absolute paths)
grep -v -e '^WARNING' -e '^Please use' -e '^$' "$tmp/bad.log" | sed "s#$out/##g" > "$out/oracle/ops-user+ops-s64.compose-error.txt"
echo "ops-user + ops-s64: composition fails as intended"

# behaviour: run() of the composition
if [ -x "$py" ] && [ -f "$corpus/compose/run_case.py" ]; then
  got=$("$py" "$corpus/compose/run_case.py" "$out/app-with-calculator.wasm" 'run=[]')
  want='{"call": "run", "args": [], "result": 1030}'
  [ "$got" = "$want" ] || { echo "build.sh: run() gave $got, expected $want" >&2; exit 1; }
  echo "app-with-calculator run() = 1030"
else
  echo "build.sh: skipping run check (no $py or no $corpus/compose/run_case.py)" >&2
fi

# shared-everything dynamic linking: two dylink.0 libraries from text sources
# (link/*.wat, link/*.wit) linked into one component with one memory
mkdir -p "$out/link"
"$wt" component embed link/libcounter.wit link/libcounter.wat --world libcounter -o "$tmp/libcounter.wasm"
"$wt" component embed link/app.wit link/app.wat --world app -o "$tmp/app-lib.wasm"
"$wt" component link libcounter.so="$tmp/libcounter.wasm" app.so="$tmp/app-lib.wasm" -o "$out/link/counter-app.wasm"
"$wt" validate "$out/link/counter-app.wasm"
echo "built link/counter-app.wasm ($(wc -c < "$out/link/counter-app.wasm") bytes)"
if [ -x "$py" ]; then
  got=$("$py" -c 'import sys, wasmtime, wasmtime.component as wc
e = wasmtime.Engine(); s = wasmtime.Store(e)
i = wc.Linker(e).instantiate(s, wc.Component.from_file(e, sys.argv[1]))
print(i.get_func(s, "run")(s))' "$out/link/counter-app.wasm")
  [ "$got" = 2004 ] || { echo "build.sh: counter-app run() gave $got, expected 2004" >&2; exit 1; }
  echo "link/counter-app run() = 2004"
fi

if [ $check = 1 ]; then
  rc=0
  for f in $(cd "$out" && find . -type f | sort); do
    cmp -s "$out/$f" "$here/$f" || { echo "drift: samples/${f#./} differs from a fresh build" >&2; rc=1; }
  done
  [ $rc = 0 ] && echo "samples are up to date"
  exit $rc
fi
