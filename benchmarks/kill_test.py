"""Kill test: ``arclaims run`` killed with SIGKILL N times, then completed, gives a clean run's bytes.

On the first ``--articles`` articles of the shared ANT corpus: a clean run; then the same
command into another folder, killed N times with ``kill -9`` of its whole process group (the
driver and its workers at once) at random moments; then a run that completes; then a byte
comparison of ``entities.jsonl``, ``claims.jsonl``, ``articles.jsonl``, ``registry.jsonl``
and ``manifest.json`` with the clean run's. Every process starts with a random hash seed
(the default), so the check covers that too.

A random moment is drawn for each kill: with probability 1 / (``--max-batches`` + 1) a delay
of ``--min-delay`` to ``--max-delay`` seconds after the start (start-up, recovery of the
previous kill, model loading), else a random delay under a second after the run committed
1 to ``--max-batches`` batches of its own. Delays from the start alone would, on a busy
machine, all land before the first commit. A run that finishes before its kill is not a
kill: the folder is then removed and the count starts again. The runs use one copy of
``pipeline/`` and ``models/`` taken at the start. From the repository root::

    python benchmarks/kill_test.py --articles 1500 --kills 10      # the check reported in issue 15
    python benchmarks/kill_test.py --articles 300 --kills 3 --max-batches 3

Exit code 0 when the files are identical, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from identity import COMPARED, DEFAULT_CORPUS, compare, first_lines, run_command, snapshot_code, tree_state  # noqa: E402


def committed(out: Path) -> tuple[int, int]:
    """(articles in the outputs, committed batches not yet merged into them)."""
    index = out / ".arclaims" / "index.jsonl"
    segments = out / ".arclaims" / "segments"
    merged = sum(1 for _ in index.open("rb")) if index.exists() else 0
    return merged, len(list(segments.glob("*.jsonl"))) if segments.exists() else 0


def segment_names(out: Path) -> set[str]:
    segments = out / ".arclaims" / "segments"
    return {p.name for p in segments.glob("*.jsonl")} if segments.exists() else set()


def wait_for_moment(proc: subprocess.Popen, out: Path, rng: random.Random, lo: float, hi: float, max_batches: int) -> str:
    """Wait until the kill moment drawn for this run (or its end); say what the moment was."""
    started = time.monotonic()
    batches = rng.randint(0, max_batches)
    if batches == 0:
        delay = rng.uniform(lo, hi)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
        return f"{delay:.1f} s after the start"
    before, delay = segment_names(out), rng.uniform(0, 1)
    while proc.poll() is None and len(segment_names(out) - before) < batches:
        time.sleep(0.005)
    time.sleep(delay)
    return (f"{delay:.2f} s after {batches} new batch{'es' * (batches > 1)} committed "
            f"({time.monotonic() - started:.1f} s after the start)")


def killed_runs(cmd: list[str], env: dict, out: Path, kills: int, rng: random.Random, lo: float, hi: float,
                max_batches: int) -> None:
    """Start the run and SIGKILL its whole process group at a random moment, until ``kills`` landed."""
    landed = attempt = 0
    while landed < kills:
        attempt += 1
        proc = subprocess.Popen(cmd, env=env, cwd=env["PYTHONPATH"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        moment = wait_for_moment(proc, out, rng, lo, hi, max_batches)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            landed += 1
            merged, segments = committed(out)
            print(f"kill {landed:2}: SIGKILL to the process group {moment}; the folder holds "
                  f"{merged:,} articles in its outputs and {segments} committed batches", flush=True)
            continue
        if proc.returncode != 0:
            raise SystemExit(f"run {attempt} failed on its own ({proc.returncode})")
        print(f"run {attempt} finished before its kill ({moment}): starting again from an empty folder", flush=True)
        shutil.rmtree(out)
        landed = 0


def check(n: int, kills: int, workers: int, seed: int, lo: float, hi: float, max_batches: int, corpus: Path,
          work: Path) -> int:
    inp = work / f"first-{n}.jsonl"
    inp.write_text(first_lines(corpus, n), encoding="utf-8")
    print(f"code: {tree_state()}", flush=True)
    code = snapshot_code(work / "code")

    def command(out: Path, quiet: bool = True) -> tuple[list[str], dict]:
        return run_command(code, [str(inp), "--out", str(out), "--workers", str(workers)] + ["--quiet"] * quiet, None)

    start = time.monotonic()
    cmd, env = command(work / "clean")
    subprocess.run(cmd, env=env, cwd=code, check=True, stdout=subprocess.DEVNULL)
    print(f"clean run: {time.monotonic() - start:.1f} s", flush=True)

    out = work / "killed"
    cmd, env = command(out)
    killed_runs(cmd, env, out, kills, random.Random(seed), lo, hi, max_batches)
    cmd, env = command(out, quiet=False)
    done = subprocess.run(cmd, env=env, cwd=code, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the completing run failed ({done.returncode}): {done.stderr[-2000:]}")
    print(f"completing run: {done.stderr.strip().splitlines()[-1]}")
    leftovers = list((out / ".arclaims" / "segments").glob("*"))
    problems = compare(work / "clean", out) + ([f"{len(leftovers)} segment files left"] if leftovers else [])
    if problems:
        print("DIFFERENT from the clean run:\n  " + "\n  ".join(problems))
        return 1
    print(f"after {kills} kills: {', '.join(COMPARED)} byte-identical to the clean run")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1500)
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=15, help="seed of the random kill moments")
    ap.add_argument("--min-delay", type=float, default=1.5, help="earliest kill, seconds after a run starts")
    ap.add_argument("--max-delay", type=float, default=9.0, help="latest kill, seconds after a run starts")
    ap.add_argument("--max-batches", type=int, default=6, help="latest kill, in batches committed by the run")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--keep", type=Path, help="write the runs here and keep them (default: a temporary folder)")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        raise SystemExit(f"no corpus at {args.corpus}")
    run = lambda work: check(args.articles, args.kills, args.workers, args.seed, args.min_delay,  # noqa: E731
                             args.max_delay, args.max_batches, args.corpus, work)
    if args.keep:
        if args.keep.exists():
            shutil.rmtree(args.keep)
        args.keep.mkdir(parents=True)
        return run(args.keep)
    with tempfile.TemporaryDirectory(prefix="arclaims-kill-") as tmp:
        return run(Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
