#!/usr/bin/env bash
# Benchmarks composition: `patchbay plug CONSUMER --plug STUB` beside
# `wasm-tools compose CONSUMER -d STUB` on the same inputs in the same run
# (corpus big/: cpy-demo-consumer.wasm with the 18 MB cpy-demo-stub.wasm as
# its dependency), through scripts/bench.sh (release build, alternating runs,
# medians, ratio, peak RSS).
#
# usage: scripts/bench-compose.sh [--runs N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${PATCHBAY_CORPUS:-$root/../shared/corpus}
corpus=$(cd "$corpus" && pwd)
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
consumer=$corpus/big/cpy-demo-consumer.wasm
exec "$root/scripts/bench.sh" "$@" \
  --cmd "plug $consumer -o $out/patchbay.wasm --plug" \
  --oracle-cmd "compose $consumer -o $out/wasm-tools.wasm -d" \
  "$corpus/big/cpy-demo-stub.wasm"
