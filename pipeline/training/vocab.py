"""Word counts from a news corpus, used to decide proclitic splits (segment.Vocabulary).

Only the ANT corpus feeds what we ship: SaudiNewsNet is non-commercial (see its SOURCE.md).
"""
from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import regex

from ..stages.normalize import normalize

ARABIC_WORD = regex.compile(r"[\p{Arabic}&&\p{L}]+", regex.V1)


def count_words(jsonl_paths: list[Path]) -> Counter:
    counts: Counter = Counter()
    for path in jsonl_paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                counts.update(ARABIC_WORD.findall(normalize(text).text))
    return counts


def write_counts(counts: Counter, out: Path, min_count: int = 3) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = [(w, n) for w, n in counts.most_common() if n >= min_count]
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        for w, n in rows:
            f.write(f"{w}\t{n}\n")
    return len(rows)
