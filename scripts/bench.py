#!/usr/bin/env python3
"""Benchmark helper for scripts/bench.sh (standard library only).

usage: bench.py --pb "CMD WORDS" --oracle "CMD WORDS" [--runs N] [--warmup W]
                [--timeout S] [--label-pb NAME] [--label-oracle NAME] [--raw FILE.tsv] FILE...

For each FILE, runs `PB... FILE` and `ORACLE... FILE` alternately, W warm-up rounds
(not timed; their stdout is kept to compare the two outputs) then N timed rounds
(stdout to /dev/null). Wall time is measured around fork/exec/wait; peak RSS is GNU
time's %M when --time-bin is given (accurate), else the child's ru_maxrss from wait4,
which on Linux also counts python's own RSS at fork time (over-reports by 10-30 MB).
Prints a markdown table on stdout. A failing or timed-out run is reported in the
table and does not stop the benchmark.
"""
import argparse
import filecmp
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time


TIME_BIN = None  # GNU time, used as a small launcher so the RSS is the command's own


def run_once(argv, timeout, stdout_path=None):
    """-> dict(wall, rss_kb, rc, err)  rc None = timeout, -1 = could not start"""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    errf = tempfile.TemporaryFile()
    rssf = None
    if TIME_BIN:
        # On Linux a child's ru_maxrss includes the RSS of the process it was forked
        # from (the pre-exec high-water mark is kept), so forking the command from
        # python would add python's ~10-30 MB. GNU time forks it from a ~1 MB process.
        fd, rssf = tempfile.mkstemp(prefix="bench-rss-")
        os.close(fd)
        argv = [TIME_BIN, "-f", "%M", "-o", rssf, "--"] + argv
    try:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=errf,
                                 start_new_session=True)
        except OSError as e:
            return dict(wall=0.0, rss_kb=0, rc=-1, err=str(e))
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(p.pid, signal.SIGKILL)
                pid, status, ru = os.wait4(p.pid, 0)
                p.returncode = 0
                return dict(wall=time.perf_counter() - t0, rss_kb=ru.ru_maxrss, rc=None,
                            err=f"timeout after {timeout:g}s")
            time.sleep(0.001)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from reaping again
        rc = p.returncode
        errf.seek(0)
        err = errf.read().decode("utf-8", "replace").strip()
        rss = ru.ru_maxrss
        if rssf:
            lines = open(rssf).read().split()
            rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
            if rc != 0 and rc is not None:
                # GNU time exits with the command's status, or 128+signal
                with open(rssf) as fh:
                    txt = fh.read()
                if "terminated by signal" in txt:
                    rc = -int(txt.split("terminated by signal")[1].split()[0])
        return dict(wall=wall, rss_kb=rss, rc=rc, err=err)
    finally:
        errf.close()
        if rssf and os.path.exists(rssf):
            os.remove(rssf)
        if stdout_path:
            out.close()


def failure_text(r):
    if r["rc"] is None:
        what = r["err"]
    elif r["rc"] == -1:
        what = "cannot run: " + r["err"]
    elif r["rc"] < 0:
        what = f"killed by signal {-r['rc']}"
    else:
        what = f"exit {r['rc']}"
    first = next((l for l in r["err"].splitlines() if l.strip() and not l.startswith("WARNING")), "")
    if first and r["rc"] not in (None, -1):
        what += ": " + first
    what = what.replace("|", "\\|")
    return what if len(what) <= 80 else what[:77] + "..."


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pb", required=True)
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--label-pb", default="patchbay")
    ap.add_argument("--label-oracle", default="wasm-tools")
    ap.add_argument("--raw")
    ap.add_argument("--time-bin", help="GNU time, as launcher for accurate peak RSS")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    global TIME_BIN
    TIME_BIN = a.time_bin
    pb, orc = shlex.split(a.pb), shlex.split(a.oracle)
    raw = open(a.raw, "w") if a.raw else None
    if raw:
        raw.write("file\ttool\tround\twall_s\tpeak_rss_kb\texit\n")

    P, O = a.label_pb, a.label_oracle
    print(f"| file | size MB | {P} median s | {O} median s | ratio | {P} peak RSS MB | RSS/file size "
          f"| {O} peak RSS MB | same output |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    sys.stdout.flush()
    tmp = tempfile.mkdtemp(prefix="bench-")
    for f in a.files:
        size = os.path.getsize(f)
        res = {"pb": [], "orc": []}
        fail = {"pb": None, "orc": None}
        outs = {"pb": os.path.join(tmp, "pb.out"), "orc": os.path.join(tmp, "orc.out")}
        for rnd in range(a.warmup + a.runs):
            warm = rnd < a.warmup
            for key, argv in (("pb", pb), ("orc", orc)):
                if fail[key]:
                    continue  # a tool that failed once is not retried on this file
                r = run_once(argv + [f], a.timeout, outs[key] if rnd == 0 else None)
                if raw:
                    raw.write(f"{f}\t{P if key == 'pb' else O}\t{'warmup' if warm else rnd - a.warmup + 1}"
                              f"\t{r['wall']:.4f}\t{r['rss_kb']}\t{r['rc']}\n")
                if r["rc"] != 0:
                    fail[key] = failure_text(r)
                elif not warm:
                    res[key].append(r)
        def med(key):
            return statistics.median(x["wall"] for x in res[key]) if res[key] and not fail[key] else None
        def peak(key):
            return max(x["rss_kb"] for x in res[key]) / 1024 if res[key] and not fail[key] else None
        mp, mo, rp, ro = med("pb"), med("orc"), peak("pb"), peak("orc")
        same = "—"
        if not fail["pb"] and not fail["orc"] and os.path.exists(outs["pb"]) and os.path.exists(outs["orc"]):
            same = "yes" if filecmp.cmp(outs["pb"], outs["orc"], shallow=False) else "no"
        for p in outs.values():
            if os.path.exists(p):
                os.remove(p)
        cells = [os.path.basename(f), f"{size / 1e6:.2f}"]
        cells.append(f"{mp:.3f}" if mp is not None else f"FAIL: {fail['pb']}")
        cells.append(f"{mo:.3f}" if mo is not None else f"FAIL: {fail['orc']}")
        cells.append(f"{mp / mo:.2f}" if mp is not None and mo else "—")
        cells.append(f"{rp:.1f}" if rp is not None else "—")
        cells.append(f"{rp * 1024 * 1024 / size:.1f}" if rp is not None and size else "—")
        cells.append(f"{ro:.1f}" if ro is not None else "—")
        cells.append(same)
        print("| " + " | ".join(cells) + " |")
        sys.stdout.flush()
    os.rmdir(tmp)
    if raw:
        raw.close()


if __name__ == "__main__":
    main()
