"""Person-name words from the NER training corpora (models/lexicons/person_names.txt).

The rule tagger accepts a common word as part of a name only when it is a known name word
(مارك، علي، سام). Built from the training splits only; the corpora are CC BY-SA, so this
derived list is too (see models/lexicons/README.md).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..stages.normalize import normalize

PERSON_TAGS = ("PERS", "PER", "Politician", "Athlete", "Artist", "Scientist", "Businessperson",
               "Religious_PER", "Other_PER", "Police", "Engineer", "Lawyer", "Journalist")


def person_words(conll_paths: list[Path]) -> Counter:
    counts: Counter = Counter()
    for path in conll_paths:
        with open(path, encoding="utf-8-sig") as f:
            for line in f:
                parts = line.replace("\u200e", "").strip().split()
                if len(parts) < 2:
                    continue
                word, tag = parts[0], parts[1]
                if tag[:2] in ("B-", "I-") and tag[2:] in PERSON_TAGS:
                    counts[normalize(word).text] += 1
    return counts


def write_names(counts: Counter, out: Path, min_count: int = 2) -> int:
    words = sorted(w for w, n in counts.items() if n >= min_count and len(w) >= 2 and w.isalpha())
    out.write_text("\n".join(words) + "\n", encoding="utf-8")
    return len(words)
