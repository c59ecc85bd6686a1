"""End-to-end throughput of ``arclaims run``: articles/s, words/s and peak memory.

Runs the real command (process start, model loading, reading, writing included) on the
first N articles of the shared news corpus, with 1 and 2 workers, and prints a Markdown
table. Not part of the tests. From the repository root::

    python benchmarks/throughput.py                      # 100, 1,000 and 10,000 articles
    python benchmarks/throughput.py --sizes 1000 --workers 2 --config my.json

Peak RSS is sampled every 50 ms over the run's whole process tree (main process and
workers): "total" is the largest sum, "largest process" the largest single process. CPU
seconds (user + system, workers included) give "articles per CPU s", a figure that does
not depend on what else the machine is running: with W free cores, articles/s approaches
W times it.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus"


def corpus_lines(corpus: Path, n: int) -> list[str]:
    """The first ``n`` articles of the corpus's JSONL files, in path order."""
    out: list[str] = []
    for path in sorted(corpus.glob("*/articles.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    out.append(line if line.endswith("\n") else line + "\n")
                    if len(out) == n:
                        return out
    if len(out) < n:
        raise SystemExit(f"{corpus} has only {len(out)} articles, fewer than {n}")
    return out


def tree_rss(pid: int) -> tuple[int, int]:
    """(sum, max) of the resident memory of a process and its descendants, in bytes."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    sizes = []
    for p in procs:
        try:
            sizes.append(p.memory_info().rss)
        except psutil.NoSuchProcess:
            pass
    return sum(sizes), max(sizes, default=0)


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(cmd: list[str]) -> tuple[float, float, int, int]:
    """(seconds, CPU seconds, peak total RSS, peak single-process RSS) of one command; the
    CPU time covers its workers too (it waits for them, as we wait for it)."""
    cpu_before = cpu_of_children()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_sum = peak_max = 0
    while proc.poll() is None:
        total, largest = tree_rss(proc.pid)
        peak_sum, peak_max = max(peak_sum, total), max(peak_max, largest)
        time.sleep(0.05)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    return seconds, cpu_of_children() - cpu_before, peak_sum, peak_max


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--config", type=Path, help="passed to arclaims run --config")
    args = ap.parse_args(argv)

    lines = corpus_lines(args.corpus, max(args.sizes))
    words = [len(json.loads(line)["text"].split()) for line in lines]
    sys.path.insert(0, str(REPO))
    from pipeline.nlp import default_config, merge_config

    config = default_config()
    if args.config:
        config = merge_config(config, json.loads(args.config.read_text(encoding="utf-8")))
    print(f"pipeline: {', '.join(config['components'])}; {os.cpu_count()} cores; "
          f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}; "
          f"median article: {statistics.median(words):.0f} words", file=sys.stderr)

    rows = []
    with tempfile.TemporaryDirectory(prefix="arclaims-bench-") as tmp:
        for n in args.sizes:
            inp = Path(tmp) / f"corpus-{n}.jsonl"
            inp.write_text("".join(lines[:n]), encoding="utf-8")
            for w in args.workers:
                out = Path(tmp) / f"out-{n}-{w}"
                cmd = [sys.executable, "-m", "pipeline", "run", str(inp), "--out", str(out), "--workers", str(w), "--quiet"]
                if args.config:
                    cmd += ["--config", str(args.config)]
                seconds, cpu, peak_sum, peak_max = measure(cmd)
                rows.append((n, w, seconds, n / seconds, sum(words[:n]) / seconds, cpu, n / cpu,
                             peak_sum / 2**20, peak_max / 2**20))
                print(f"  {n} articles, {w} workers: {seconds:.1f} s, {cpu:.1f} CPU s", file=sys.stderr)

    print("| articles | workers | seconds | articles/s | words/s | CPU s | articles per CPU s "
          "| peak RSS, total (MB) | peak RSS, largest process (MB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, w, s, aps, wps, cpu, apc, rss_sum, rss_max in rows:
        print(f"| {n:,} | {w} | {s:.1f} | {aps:.1f} | {wps:,.0f} | {cpu:.1f} | {apc:.1f} | {rss_sum:.0f} | {rss_max:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
