"""Mine speech-cue candidates from a news corpus (Quootstrap-style bootstrapping).

The project's own segmenter and taggers run over the articles; every word that sits between a
speaker and a complementizer or colon is counted::

    NAME + WORD + أن/إن/:      (الشركة أعلنت أن …)
    WORD + NAME + أن/إن/:      (وقال فلان إن …)

with one preposition allowed before the complementizer (حذّر فلان من أن، أشار فلان إلى أن).

A word counts once per sentence and pattern. Words are ranked by how many distinct speakers use
them, then by frequency: a cue is a word many sources share, a collision is a word one name
happens to sit next to. The list is reviewed by hand; the lemmas kept go into
``models/lexicons/cues.json`` with ``"source": ["mined", …]``. Only the ANT corpus may feed
it (its licence allows derived data); SaudiNewsNet may not.

    python -m pipeline.training.mine_cues --corpus ../shared/data/corpus/ant_multisource/articles.jsonl \\
        --out models/lexicons/cues_mined.tsv [--limit N]

The taggers already find names after the known cues, so the list leans towards words near
known cues; the statistical NER and the knowledge base find names independently of them.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from ..doc import Article
from ..stages.normalize import normalize
from ..paths import lexicon_path

SPEAKER_TYPES = ("PERSON", "ORG")
PREPS = frozenset(normalize(w).text for w in ["من", "إلى", "على", "عن", "ب", "في"])
TAGGING = ["segment", "kb_tagger", "rule_tagger", "dates", "ner", "merge"]


def complementizers() -> frozenset[str]:
    data = json.loads(lexicon_path("claims.json").read_text(encoding="utf-8"))
    return frozenset(normalize(w).text for w in data["complementizers"]) | {":"}


def candidates(doc, comps: frozenset[str]) -> list[tuple[str, str, str]]:
    """(word, speaker key, pattern) for each speaker–word–complementizer pattern of a document."""
    toks = doc.tokens
    norms = [t.norm for t in toks]
    starts = {t.start: k for k, t in enumerate(toks)}
    out = []
    for m in doc.mentions:
        if m.type not in SPEAKER_TYPES or m.start not in starts:
            continue
        first = starts[m.start]
        last = first
        while last + 1 < len(toks) and toks[last + 1].end <= m.end:
            last += 1
        key = normalize(m.canonical or m.text).text
        # NAME + WORD + COMP
        k = last + 1
        if k + 1 < len(toks) and _word(toks[k]) and _introduces(norms, k + 1, comps):
            out.append((norms[k], key, "name_word"))
        # WORD + NAME + COMP
        k = first - 1
        if k >= 0 and _word(toks[k]) and _introduces(norms, last + 1, comps):
            out.append((norms[k], key, "word_name"))
    return out


def _introduces(norms: list[str], k: int, comps: frozenset[str]) -> bool:
    """A complementizer or colon at ``k``, or one preposition and then one (من أن، إلى أن)."""
    if k < len(norms) and norms[k] in comps:
        return True
    return k + 1 < len(norms) and norms[k] in PREPS and norms[k + 1] in comps


def _word(tok) -> bool:
    return not tok.clitic and tok.norm.isalpha() and len(tok.norm) >= 2 and not tok.norm.isascii()


def read_articles(path: Path, limit: int | None):
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                return
            rec = json.loads(line)
            yield Article(str(rec["id"]), rec["text"], None)


def mine(path: Path, limit: int | None = None, batch: int = 32) -> tuple[dict, int]:
    from ..stages.cues import CueLexicon
    from ..nlp import load_pipeline

    nlp = load_pipeline({"components": TAGGING})
    comps = complementizers()
    stats: dict[str, dict] = defaultdict(lambda: {"count": 0, "speakers": set(), "name_word": 0, "word_name": 0})
    n = 0
    buf: list[Article] = []

    def flush():
        for doc in nlp.pipe(buf):
            seen = set()
            for word, spk, pattern in candidates(doc, comps):
                if (word, spk, pattern) in seen:
                    continue
                seen.add((word, spk, pattern))
                s = stats[word]
                s["count"] += 1
                s["speakers"].add(spk)
                s[pattern] += 1
        buf.clear()

    for art in read_articles(path, limit):
        buf.append(art)
        n += 1
        if len(buf) >= batch:
            flush()
    flush()
    lex = CueLexicon.load(lexicon_path("cues.json"))
    for word, s in stats.items():
        info = lex.forms.get(word)
        s["lemma"] = info.lemma if info else ""
        s["sense"] = info.sense if info else ""
    return stats, n


def write_tsv(stats: dict, out: Path, min_count: int = 2) -> int:
    rows = [(len(s["speakers"]), s["count"], w, s) for w, s in stats.items() if s["count"] >= min_count]
    rows.sort(key=lambda r: (-r[0], -r[1], r[2]))
    with out.open("w", encoding="utf-8") as f:
        f.write("word\tspeakers\tcount\tname_word\tword_name\tknown_lemma\tsense\n")
        for spk, cnt, w, s in rows:
            f.write(f"{w}\t{spk}\t{cnt}\t{s['name_word']}\t{s['word_name']}\t{s['lemma']}\t{s['sense']}\n")
    return len(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="JSON Lines of {id, text} (the ANT corpus)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=None, help="read only the first N articles")
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    stats, n = mine(args.corpus, args.limit)
    rows = write_tsv(stats, args.out, args.min_count)
    print(f"{n} articles, {rows} candidate words in {time.perf_counter() - t:.0f} s → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
