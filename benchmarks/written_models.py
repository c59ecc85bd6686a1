"""MODEL recall and precision on Arabic AI-news sentences written for the project (issue #12).

`benchmarks/data/written_model_news.jsonl` holds sentences written by the models helper in the styles
of Arabic news agencies, Gulf papers and tech sites about the models and products of 2023–2026, each
annotated with the MODEL spellings a careful reader following `../shared/eval/GUIDELINES.md` marks
(`models`; `optional` for partial names either way), annotated before the pipeline was run on them.
Negative sentences (`models: []`) hold names that look like models and are not (people, places,
companies, weapons, phones, viruses, adjectives). Half A was used to find and fix error classes and
half B to check them (its misses were read once, so it is no longer blind); half C was written after
the fixes, annotated, and only scored: report all three. Matching is the scorer's: a predicted MODEL matches a gold
spelling when its text or canonical equals it after the scorer's normalisation.

    python benchmarks/written_models.py [--show] [--half A|B|C]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.doc import Article  # noqa: E402
from pipeline.nlp import load_pipeline  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "written_model_news.jsonl"


def _scorer():
    """The shared scorer's normalisation (diacritics, alef forms, case, proclitic, article)."""
    path = ROOT.parent / "shared" / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.variants


def score(items, docs, variants, show=False):
    """Per half: gold found / gold, predicted MODEL spellings right / predicted, false MODELs on negatives."""
    out = {}
    for it, doc in zip(items, docs):
        h = out.setdefault(it["half"], {"gold": 0, "found": 0, "pred": 0, "right": 0, "neg_false": 0, "misses": [], "false": []})
        preds = {}
        for m in doc.mentions:
            if m.type == "MODEL":
                preds.setdefault(m.text, variants(m.text) | variants(m.canonical or ""))
        gold = {g: variants(g) for g in it["models"]}
        allowed = set().union(*gold.values(), *(variants(o) for o in it["optional"])) if gold or it["optional"] else set()
        for g, gv in gold.items():
            h["gold"] += 1
            if any(gv & pv for pv in preds.values()):
                h["found"] += 1
            else:
                h["misses"].append((it["id"], g, sorted(preds)))
        for p, pv in preds.items():
            opt = any(pv & variants(o) for o in it["optional"])
            if opt:
                continue
            h["pred"] += 1
            if pv & allowed:
                h["right"] += 1
            else:
                h["false"].append((it["id"], p))
                if not it["models"]:
                    h["neg_false"] += 1
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="print misses and false MODELs")
    ap.add_argument("--half", choices=["A", "B", "C", "D", "E", "F", "G"], default=None, help="only this half")
    args = ap.parse_args(argv)
    items = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    if args.half:
        items = [it for it in items if it["half"] == args.half]
    nlp = load_pipeline()
    docs = list(nlp.pipe([Article(id=it["id"], text=it["text"], published=date(2025, 10, 1)) for it in items]))
    res = score(items, docs, _scorer(), args.show)
    for half in sorted(res):
        h = res[half]
        n_pos = sum(1 for it in items if it["half"] == half and it["models"])
        n_neg = sum(1 for it in items if it["half"] == half and not it["models"] and not it["optional"])
        r = h["found"] / h["gold"] if h["gold"] else 0.0
        p = h["right"] / h["pred"] if h["pred"] else 0.0
        print(f"half {half}: {n_pos} sentences with models, {n_neg} negative; MODEL R {r:.3f} ({h['found']}/{h['gold']}) "
              f"P {p:.3f} ({h['right']}/{h['pred']}); false MODELs on negatives {h['neg_false']}")
        if args.show:
            for m in h["misses"]:
                print("  miss ", *m)
            for f in h["false"]:
                print("  false", *f)


if __name__ == "__main__":
    main()
