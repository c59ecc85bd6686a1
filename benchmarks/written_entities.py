"""ORG and PERSON probe on sentences written for issue #12 (round 8): Arabic AI/tech news shapes.

`benchmarks/data/written_org_news.jsonl` holds 203 sentences dense in organisations and people
(Gulf and Arab AI bodies, ministries, regulators, parliaments, outlets cited as sources, labs,
chip makers, people after long titles, Latin names, short forms after a full name) and 54
negative ones (common-noun phrases shaped like names: مجلس الإدارة، فريق البحث، مركز بيانات ضخم).
They were written, and their ORG/PERSON spans annotated (alternatives joined by |), before the
pipeline was run on them; no dev or corpus sentence is in the file. Each line is one article.
Half A (odd-numbered lines of each batch, and a last development batch) was used to develop rules,
half B only to check them; half C was written late in round 8, after most rules, and only checked.

    python benchmarks/written_entities.py [--half A|B|C] [--show]

Matching is the scorer's: a predicted mention is right when its text or canonical, in any
spelling the scorer accepts (proclitic and article dropped, letters folded), equals an
alternative of an expected entity of its type. Precision counts distinct predicted spellings
per sentence (optional items are neither right nor wrong); recall counts expected entities.
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.doc import Article  # noqa: E402
from pipeline.evaluation.claims import spellings  # noqa: E402
from pipeline.nlp import load_pipeline  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "written_org_news.jsonl"
TYPES = ("ORG", "PERSON")


def mention_spellings(mention) -> set[str]:
    return spellings(mention.text) | spellings(mention.canonical)


def score_row(row: dict, mentions: list) -> dict[str, dict[str, list[str]]]:
    """Per type: right and wrong predicted texts, found and missed expected entities."""
    out = {}
    optional = [set().union(*(spellings(a) for a in alts)) for alts in row.get("optional", [])]
    for kind in TYPES:
        expected = [set().union(*(spellings(a) for a in alts)) for alts in row[kind]]
        predicted = {}
        for m in mentions:
            if m.type == kind:
                predicted.setdefault(m.text, set()).update(mention_spellings(m))
        right, wrong, found = [], [], set()
        for text in sorted(predicted):
            forms = predicted[text]
            hits = [i for i, e in enumerate(expected) if forms & e]
            if hits:
                right.append(text)
                found.update(hits)
            elif not any(forms & o for o in optional):
                wrong.append(text)
        missed = ["|".join(row[kind][i]) for i in range(len(expected)) if i not in found]
        out[kind] = {"right": right, "wrong": wrong, "found": len(found), "missed": missed,
                     "gold": len(expected)}
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("A", "B", "C"))
    parser.add_argument("--show", action="store_true", help="print wrong and missed mentions")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = [args.half] if args.half else ["A", "B", "C"]
    nlp = load_pipeline()
    for half in halves:
        tally = {k: [0, 0, 0, 0] for k in TYPES}  # right, predicted, found, gold
        for row in rows:
            if row["half"] != half:
                continue
            doc = nlp(Article(id=row["id"], text=row["text"], published=datetime.date(2025, 10, 1)))
            scored = score_row(row, doc.mentions)
            for kind in TYPES:
                s = scored[kind]
                t = tally[kind]
                t[0] += len(s["right"])
                t[1] += len(s["right"]) + len(s["wrong"])
                t[2] += s["found"]
                t[3] += s["gold"]
                if args.show and (s["wrong"] or s["missed"]):
                    print(f"{row['id']} {kind} wrong={s['wrong']} missed={s['missed']}")
        print(f"== half {half}")
        all_t = [sum(tally[k][i] for k in TYPES) for i in range(4)]
        for kind, t in [*tally.items(), ("ORG+PERSON", all_t)]:
            p = t[0] / t[1] if t[1] else 1.0
            r = t[2] / t[3] if t[3] else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"  {kind:10s} P {p:.3f} ({t[0]}/{t[1]})  R {r:.3f} ({t[2]}/{t[3]})  F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
