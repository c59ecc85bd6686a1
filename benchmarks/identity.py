"""Same input, same bytes: ``arclaims run`` with other workers, batch sizes and hash seeds.

Runs the real command four times on the first N articles of the shared ANT corpus, each in
fresh processes under its own ``PYTHONHASHSEED``:

    --workers 0 --batch-size 1    --workers 0 --batch-size 16
    --workers 2 --batch-size 16   --workers 2 --batch-size 7

and compares the output folders byte for byte: ``entities.jsonl``, ``claims.jsonl``,
``articles.jsonl``, ``registry.jsonl`` and ``manifest.json`` (which holds no timing or host
field, so it is compared whole). Exit code 0 when all four are identical, 1 otherwise, with
the first differing line of each file. The runs use one copy of ``pipeline/`` and ``models/``
taken at the start, so edits made to the tree while it runs cannot pass for a difference.
From the repository root::

    python benchmarks/identity.py --articles 3000          # the benchmark-size check
    python benchmarks/identity.py --articles 300 --keep /tmp/identity   # what tests/batch/test_determinism.py runs
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "corpus" / "ant_multisource" / "articles.jsonl"
COMPARED = ("entities.jsonl", "claims.jsonl", "articles.jsonl", "registry.jsonl", "manifest.json")
# (label, arclaims run options, PYTHONHASHSEED): every run differs from the first in the
# hash seed, and from each other in workers or batch size.
VARIANTS = (
    ("workers 0, batch 1", ["--workers", "0", "--batch-size", "1"], "1"),
    ("workers 0, batch 16", ["--workers", "0", "--batch-size", "16"], "2"),
    ("workers 2, batch 16", ["--workers", "2", "--batch-size", "16"], "3"),
    ("workers 2, batch 7", ["--workers", "2", "--batch-size", "7"], "4"),
)


def first_lines(corpus: Path, n: int) -> str:
    """The first ``n`` non-blank lines of a JSONL corpus."""
    out: list[str] = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(line if line.endswith("\n") else line + "\n")
                if len(out) == n:
                    break
    if len(out) < n:
        raise SystemExit(f"{corpus} has only {len(out)} articles, fewer than {n}")
    return "".join(out)


def snapshot_code(dest: Path) -> Path:
    """A copy of the package and its models (the working tree as it is now), to run from."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in ("pipeline", "models"):
        shutil.copytree(REPO / part, dest / part, ignore=ignore, symlinks=True)
    return dest


def tree_state() -> str:
    """The commit the tree is at, and whether it has uncommitted changes in the code or models."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "pipeline", "models"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "not a git checkout"
    return f"commit {head}" + (" with uncommitted changes in pipeline/ or models/" if dirty else "")


def run_command(code: Path, args: list[str], seed: str | None) -> list[str] | tuple:
    """The command and environment that run ``arclaims run`` from the copy ``code``
    (``seed`` None: a random hash seed per process, as by default)."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    env.pop("PYTHONHASHSEED", None)
    if seed is not None:
        env["PYTHONHASHSEED"] = seed
    return [sys.executable, "-m", "pipeline", "run", *args], env


def run_variant(code: Path, inp: Path, out: Path, options: list[str], seed: str, config: Path | None) -> float:
    args = [str(inp), "--out", str(out), "--force", "--quiet", *options]
    if config:
        args += ["--config", str(config)]
    cmd, env = run_command(code, args, seed)
    start = time.monotonic()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=code)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return time.monotonic() - start


def first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.splitlines(), b.splitlines()
    for k, (x, y) in enumerate(zip(la, lb), start=1):
        if x != y:
            return f"line {k}:\n    {x.decode(errors='replace')[:300]}\n    {y.decode(errors='replace')[:300]}"
    return f"{len(la)} lines against {len(lb)}"


def compare(reference: Path, other: Path) -> list[str]:
    """One message per output file that differs between two folders."""
    problems = []
    for name in COMPARED:
        a, b = (reference / name).read_bytes(), (other / name).read_bytes()
        if a != b:
            problems.append(f"{name} differs, {first_difference(a, b)}")
    return problems


def check(n: int, corpus: Path, work: Path, config: Path | None = None) -> int:
    inp = work / f"first-{n}.jsonl"
    inp.write_text(first_lines(corpus, n), encoding="utf-8")
    print(f"code: {tree_state()}", flush=True)
    code = snapshot_code(work / "code")
    folders = []
    for label, options, seed in VARIANTS:
        out = work / f"out-{len(folders)}"
        seconds = run_variant(code, inp, out, options, seed, config)
        folders.append(out)
        print(f"{label:22} PYTHONHASHSEED={seed}: {seconds:6.1f} s", flush=True)
    counts = json.loads((folders[0] / "manifest.json").read_text(encoding="utf-8"))["counts"]
    sizes = ", ".join(f"{name} {(folders[0] / name).stat().st_size:,} B" for name in COMPARED[:4])
    print(f"{n:,} articles: {counts.get('ok', 0):,} ok, {counts.get('entities', 0):,} entities, "
          f"{counts.get('claims', 0):,} claims ({sizes})")
    failed = 0
    for (label, _, _), out in zip(VARIANTS[1:], folders[1:]):
        problems = compare(folders[0], out)
        failed += bool(problems)
        verdict = "identical" if not problems else "DIFFERENT\n  " + "\n  ".join(problems)
        print(f"{VARIANTS[0][0]} vs {label}: {verdict}")
    print("all four output folders byte-identical" if not failed else f"{failed} of 3 comparisons differ")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=3000, help="how many corpus articles (default 3,000)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a JSONL corpus (default: the shared ANT corpus)")
    ap.add_argument("--config", type=Path, help="passed to arclaims run --config")
    ap.add_argument("--keep", type=Path, help="write the runs here and keep them (default: a temporary folder)")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        raise SystemExit(f"no corpus at {args.corpus}")
    if args.keep:
        if args.keep.exists():
            shutil.rmtree(args.keep)
        args.keep.mkdir(parents=True)
        return check(args.articles, args.corpus, args.keep, args.config)
    with tempfile.TemporaryDirectory(prefix="arclaims-identity-") as tmp:
        return check(args.articles, args.corpus, Path(tmp), args.config)


if __name__ == "__main__":
    sys.exit(main())
