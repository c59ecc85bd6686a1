"""Fit the claim confidence table (models/lexicons/claim_confidence.json) on annotated news.

Runs the pipeline in-process over the articles of each gold file, judges every predicted claim
with the matching of `arclaims evaluate` (pipeline.evaluation.claims), and fits the precision of
claims per evidence bucket (pipeline.stages.confidence.fit_table). The fit uses the seeds and the ODD
half of the dev set (gold lines 1, 3, 5…, as benchmarks/dev_halves.py splits it); the table is
then reported on both halves, so the even half shows how it holds on articles it never saw.

    python benchmarks/calibrate.py                 # fit, report, write the table
    python benchmarks/calibrate.py --dry-run       # fit and report only
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from pipeline.evaluation import claims as ce
from pipeline.stages import confidence
from pipeline import schema
from pipeline.batch.inputs import find_inputs, read_ref
from pipeline.nlp import load_pipeline
from pipeline.paths import lexicon_path

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"


def halves(gold: list[dict]) -> dict[str, list[dict]]:
    """Odd and even gold lines (1-based), as benchmarks/dev_halves.py splits a gold file."""
    return {"odd": gold[0::2], "even": gold[1::2]}


def run_articles(nlp, inputs: Path) -> tuple[dict[str, list[dict]], dict[str, list[dict]]]:
    """Claim records of each article in output order, and each record's evidence (by claim_id)."""
    records: dict[str, list[dict]] = {}
    evidence: dict[str, list[dict]] = defaultdict(list)
    for ref in find_inputs([inputs]):
        article = read_ref(ref)
        if not hasattr(article, "text"):
            print(f"warning: {article.source}: {article.message}", file=sys.stderr)
            continue
        doc = nlp(article)
        sha = schema.sha256_text(doc.text)
        for claim in doc.claims:
            evidence[schema.claim_record(doc, claim, sha)["claim_id"]].append(claim.evidence)
        records[doc.id] = schema.document_records(doc)[1]
    return records, evidence


def judge(gold: list[dict], records: dict[str, list[dict]], evidence: dict[str, list[dict]]) -> list[list[tuple[dict, bool]]]:
    """(evidence, right) of every predicted claim, one list per gold article."""
    by_id = {k: list(v) for k, v in evidence.items()}
    out = []
    for g in gold:
        run = ce.Run({}, {g["article"]: records.get(g["article"], [])})
        out.append([(by_id[rec["claim_id"]].pop(0), right) for rec, right in ce.judged_claims([g], run)])
    return out


def flat(groups: list[list[tuple[dict, bool]]]) -> list[tuple[dict, bool]]:
    return [c for g in groups for c in g]


def report(name: str, judged: list[tuple[dict, bool]], table: dict) -> str:
    rows = ce.calibration_table((confidence.claim_confidence(ev, table), right) for ev, right in judged)
    return f"== {name}\n" + ce.format_calibration(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds", help="seed articles (folder)")
    ap.add_argument("--seeds-gold", type=Path, default=SHARED_EVAL / "seeds_gold.jsonl")
    ap.add_argument("--dev", type=Path, default=SHARED_EVAL / "dev_articles.jsonl", help="dev articles (JSONL)")
    ap.add_argument("--dev-gold", type=Path, default=SHARED_EVAL / "dev_gold.jsonl")
    ap.add_argument("--features", help="evidence keys, coarsest first (default: the ordering of up to --depth "
                    "keys with the lowest leave-one-article-out log loss on the fitting claims)")
    ap.add_argument("--depth", type=int, default=3, help="most evidence keys a bucket combines (default: %(default)s)")
    ap.add_argument("--min-claims", type=int, default=confidence.DEFAULT_MIN_CLAIMS)
    ap.add_argument("--prior-weight", type=float, default=confidence.PRIOR_WEIGHT, help="with --features")
    ap.add_argument("--out", type=Path, default=lexicon_path(confidence.TABLE_FILE))
    ap.add_argument("--dry-run", action="store_true", help="report, do not write the table")
    a = ap.parse_args(argv)

    missing = [p for p in (a.seeds, a.seeds_gold, a.dev, a.dev_gold) if not p.exists()]
    if missing:
        ap.error("not found: " + ", ".join(map(str, missing)))
    nlp = load_pipeline()
    seeds_gold, dev_gold = ce.read_jsonl(a.seeds_gold), ce.read_jsonl(a.dev_gold)
    seeds = judge(seeds_gold, *run_articles(nlp, a.seeds))
    dev_records, dev_evidence = run_articles(nlp, a.dev)
    dev = {half: judge(gold, dev_records, dev_evidence) for half, gold in halves(dev_gold).items()}
    fitting = seeds + dev["odd"]
    if not any(ev for ev, _ in flat(fitting)):
        print("warning: no claim carries evidence (Claim.evidence is empty): every claim falls in one bucket",
              file=sys.stderr)

    if a.features:
        features, weight = tuple(f for f in a.features.split(",") if f), a.prior_weight
    else:
        ranking = confidence.select_features(fitting, confidence.CANDIDATE_FEATURES, a.depth, a.min_claims)
        print("leave-one-article-out log loss on the fitting claims (best 5, one bucket, the default features):")
        for loss, feats, w in ranking[:5] + [r for r in ranking[5:] if r[1] in ((), confidence.DEFAULT_FEATURES)]:
            print(f"  {loss:.4f}  {' > '.join(feats) or '(one bucket)'}  prior weight {w:g}")
        _, features, weight = ranking[0]
        print()
    seeds, dev = flat(seeds), {half: flat(groups) for half, groups in dev.items()}
    table = confidence.fit_table(seeds + dev["odd"], features, a.min_claims, weight)
    table = {"about": "Smoothed precision of claims per evidence bucket (pipeline/stages/confidence.py): Laplace's "
                      "rule over all claims, each finer bucket drawn towards its coarser one. Fitted by "
                      "benchmarks/calibrate.py on the seeds and the odd half of the dev set; regenerate, do not edit.",
             "fitted_on": {"seeds": len(seeds), "dev_odd": len(dev["odd"])}, **table}
    print(f"fitted on {len(seeds)} seed claims + {len(dev['odd'])} dev odd-half claims; "
          f"{len(table['buckets'])} buckets of >= {a.min_claims} claims over {', '.join(features)}, prior weight {weight:g}\n")
    for key, row in table["buckets"].items():
        print(f"  {key:<60} {row['right']:>3}/{row['claims']:<3} {row['precision']:.3f}")
    print()
    even_loss = {name: confidence.log_loss(dev["even"], t) for name, t in (
        ("this table", table), ("how > intro > speaker_type", confidence.fit_table(seeds + dev["odd"], confidence.DEFAULT_FEATURES, a.min_claims)),
        ("one bucket (overall precision)", confidence.fit_table(seeds + dev["odd"], (), a.min_claims)))}
    print("log loss on the dev even half (held out): " + "; ".join(f"{k} {v:.4f}" for k, v in even_loss.items()) + "\n")
    for name, judged in (("seeds", seeds), ("dev odd half (fitted on)", dev["odd"]),
                         ("dev even half (held out)", dev["even"]), ("dev, both halves", dev["odd"] + dev["even"])):
        print(report(name, judged, table) + "\n")
    if not a.dry_run:
        a.out.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"written to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
