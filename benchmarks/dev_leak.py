"""Does the repository share wording with the dev articles? (They are for evaluation only.)

Prints every tracked file that shares a run of N words (default 8) with
``../shared/eval/dev_articles.jsonl``, with the run. Official names of organisations can match
by nature (a KB alias is a name, not a sentence): read each hit. Not part of the tests::

    python benchmarks/dev_leak.py [--words 8] [--dev PATH]
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORD = re.compile(r"\w+")


def shingles(text: str, n: int) -> set[str]:
    words = WORD.findall(text)
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=8)
    ap.add_argument("--dev", type=Path, default=REPO.parent / "shared" / "eval" / "dev_articles.jsonl")
    args = ap.parse_args()
    dev: set[str] = set()
    with args.dev.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                dev |= shingles(json.loads(line).get("text", ""), args.words)
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    hits = 0
    for name in files:
        try:
            text = (REPO / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        shared = sorted(shingles(text, args.words) & dev)
        if shared:
            hits += 1
            print(f"{name}: {len(shared)} run(s), e.g. {shared[0]}")
    print(f"{hits} file(s) share a run of {args.words} words with the dev articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
