"""Score an output folder on the two halves of a gold file (odd and even lines).

Develop on one half, report both: a rule that helps one half and not the other is fitted.
The halves are split by article (line number of the gold file), so no dev text is copied.

    python benchmarks/dev_halves.py --gold ../shared/eval/dev_gold.jsonl --pred outputs/dev
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def split(gold: Path, out: Path) -> dict[str, Path]:
    lines = gold.read_text(encoding="utf-8").splitlines()
    halves = {"odd": [l for i, l in enumerate(lines) if i % 2 == 0], "even": [l for i, l in enumerate(lines) if i % 2 == 1]}
    paths = {}
    for name, rows in halves.items():
        p = out / f"{name}.jsonl"
        p.write_text("\n".join(rows) + "\n", encoding="utf-8")
        paths[name] = p
    return paths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--pred", type=Path, required=True)
    ap.add_argument("--scorer", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "score.py")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--half", choices=["odd", "even", "both"], default="both")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in split(a.gold, Path(tmp)).items():
            if a.half not in ("both", name):
                continue
            print(f"== {name} half (gold lines {'1,3,5…' if name == 'odd' else '2,4,6…'})")
            cmd = [sys.executable, str(a.scorer), "--gold", str(path), "--pred", str(a.pred)]
            if a.show_misses:
                cmd.append("--show-misses")
            sys.stdout.flush()
            subprocess.run(cmd, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
