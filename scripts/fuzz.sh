#!/usr/bin/env bash
# Fuzz the component decoder, resolver and validator with libFuzzer.
#
# Usage: scripts/fuzz.sh [SECONDS] [extra libFuzzer flags...]
#   SECONDS  how long to run (default 60)
#   Env: PATCHBAY_CORPUS  corpus root (default ../shared/corpus)
#        FUZZ_JOBS        parallel workers (default 1)
#
# It compiles WasmTypes, WasmParser (from the WasmKit checkout that
# `swift build` resolved) and the PatchbayEngine sources plus
# Fuzz/FuzzDecoder.swift with `swiftc -sanitize=fuzzer,address` into
# .build-fuzz/fuzz-decoder; this target is never part of `swift build`.
# Seeds are the corpus' valid and invalid component binaries (copied into
# .build-fuzz/corpus, which libFuzzer then grows). Crashing inputs land in
# .build-fuzz/artifacts/ (crash-*, timeout-*, oom-*); reproduce one with
#   .build-fuzz/fuzz-decoder .build-fuzz/artifacts/crash-XXXX
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"; shift || true
ROOT="$PWD"
OUT="$ROOT/.build-fuzz"
CORPUS="${PATCHBAY_CORPUS:-$ROOT/../shared/corpus}"
WASMKIT="$ROOT/.build/checkouts/WasmKit/Sources"
if [ ! -d "$WASMKIT" ]; then swift package resolve; fi
mkdir -p "$OUT/mods" "$OUT/corpus" "$OUT/artifacts"
FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library -swift-version 6 -I "$OUT/mods")

build_module() { # name, sources...
    local name="$1"; shift
    swiftc "${FLAGS[@]}" -package-name WasmKit -D FileSystem -module-name "$name" -emit-module -emit-module-path "$OUT/mods/$name.swiftmodule" \
        -emit-library -static -o "$OUT/mods/lib$name.a" "$@"
}
# Dependencies are built without the fuzzer's coverage hooks would be nicer,
# but libFuzzer needs the sanitizer flags on every object for ASan.
echo "building WasmTypes, WasmParser ..."
build_module WasmTypes $(find "$WASMKIT/WasmTypes" -name '*.swift')
build_module WasmParser $(find "$WASMKIT/WasmParser" -name '*.swift')
echo "building fuzz-decoder ..."
swiftc "${FLAGS[@]}" -module-name PatchbayEngine \
    $(find Sources/PatchbayEngine -name '*.swift') Fuzz/FuzzDecoder.swift \
    -L "$OUT/mods" -lWasmParser -lWasmTypes -o "$OUT/fuzz-decoder"

# Seeds: every component binary of the corpus up to 1 MB (big ones slow libFuzzer down).
find "$CORPUS/components" "$CORPUS/invalid" -name '*.wasm' -size -1000k -exec cp -n {} "$OUT/corpus/" \; 2>/dev/null || true

echo "fuzzing for ${SECONDS_TO_RUN}s ..."
"$OUT/fuzz-decoder" "$OUT/corpus" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -jobs="${FUZZ_JOBS:-1}" -workers="${FUZZ_JOBS:-1}" -artifact_prefix="$OUT/artifacts/" "$@"
