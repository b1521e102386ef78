#!/usr/bin/env python3
"""Call-overhead benchmark for scripts/bench-run.sh: `patchbay run` against
wasmtime-py on the same component and the same calls.

usage: bench-run.py --pb PATCHBAY [--calls N] [--rounds R] [--corpus DIR] [--raw FILE.tsv]

For each case (a composed component of compose/cases, an export and its
arguments), R rounds alternate the two runtimes:
  patchbay:  `PATCHBAY run COMPONENT 'CALL' --repeat N` as a subprocess; the
             time per call is the one it prints on stderr (N calls timed in
             the process, after instantiation and one untimed first call).
  wasmtime:  in this python process (the venv's wasmtime package): compile,
             instantiate, one untimed first call, then N calls (each followed
             by post_return, as the component model asks), timed together.
Both numbers are therefore the cost of a call made from the host into the
composite, through its adapters into the provider and back, with the
host-side conversion of arguments and results; wasmtime's includes
wasmtime-py's python wrapper, patchbay's includes WAVE-free value handling
(arguments are parsed once). The first call's result of each side is
compared. Prints a markdown table of medians (ns per call) and the ratio
patchbay / wasmtime-py.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata

import wasmtime
import wasmtime.component as C

# (case folder, export, WAVE arguments for patchbay, python arguments for wasmtime, result as WAVE)
CASES = [
    ("scalars", "run", "5", [5], "30"),
    ("strings", "shout", '"héllo wörld ☃"', ["héllo wörld ☃"], '"HéLLO WöRLD ☃!"'),
    ("lists", "run", "1, 100", [1, 100], "5050"),
    ("records", "run", "1, 2", [1, 2], "2001"),
]


def wave(v):
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(v)


def time_wasmtime(path, export, args, n):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    comp = C.Component.from_file(engine, path)
    inst = C.Linker(engine).instantiate(store, comp)
    idx = None
    for part in export.split("#"):
        idx = inst.get_export_index(store, part, idx)
    f = inst.get_func(store, idx)
    first = f(store, *args)
    f.post_return(store)
    t0 = time.perf_counter_ns()
    for _ in range(n):
        f(store, *args)
        f.post_return(store)
    return (time.perf_counter_ns() - t0) / n, wave(first)


TIME_LINE = re.compile(r"(\d+) calls in [0-9.]+ ms, (\d+) ns per call")


def time_patchbay(pb, path, export, wave_args, n):
    p = subprocess.run([pb, "run", path, f"{export}({wave_args})", "--repeat", str(n)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"patchbay exit {p.returncode}: {p.stderr.strip()}")
    m = TIME_LINE.search(p.stderr)
    if not m:
        raise RuntimeError(f"no timing line in patchbay's stderr: {p.stderr.strip()}")
    return float(m.group(2)), p.stdout.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pb", required=True)
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--corpus", default=os.environ.get("PATCHBAY_CORPUS", ""))
    ap.add_argument("--raw")
    a = ap.parse_args()
    raw = open(a.raw, "w") if a.raw else None
    if raw:
        raw.write("case\tround\ttool\tns_per_call\n")
    print(f"{a.calls} calls per round, {a.rounds} rounds alternating (median), wasmtime-py {metadata.version('wasmtime')}")
    print()
    print("| case (composed.wasm) | call | patchbay ns/call | wasmtime-py ns/call | ratio pb/wt | same result |")
    print("|---|---|---:|---:|---:|---|")
    for case, export, wave_args, py_args, want in CASES:
        path = os.path.join(a.corpus, "compose", "cases", case, "composed.wasm")
        pb_t, wt_t = [], []
        same = True
        try:
            for r in range(a.rounds):
                t, out = time_patchbay(a.pb, path, export, wave_args, a.calls)
                pb_t.append(t)
                same = same and out == want
                t, out = time_wasmtime(path, export, py_args, a.calls)
                wt_t.append(t)
                same = same and out == want
                if raw:
                    raw.write(f"{case}\t{r}\tpatchbay\t{pb_t[-1]:.0f}\n{case}\t{r}\twasmtime-py\t{wt_t[-1]:.0f}\n")
        except Exception as e:  # noqa: a failing case is reported in its row
            print(f"| {case} | `{export}({wave_args})` | FAIL: {e} | | | |")
            continue
        pb_m, wt_m = statistics.median(pb_t), statistics.median(wt_t)
        print(f"| {case} | `{export}({wave_args})` | {pb_m:.0f} | {wt_m:.0f} | {pb_m / wt_m:.2f} | {'yes' if same else 'NO'} |")
        sys.stdout.flush()
    if raw:
        raw.close()


if __name__ == "__main__":
    main()
