"""``arclaims evaluate --gold FILE DIR``: score a run against hand-made gold (docs/evaluation.md)."""
from __future__ import annotations

import json
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "evaluate",
        help="score an output folder against a gold file: entities, dates, claims (docs/evaluation.md)",
        description="Score a run's entities.jsonl and claims.jsonl against a gold file in the project's gold "
        "format, with the matching of the project's evaluation: entity and speaker spellings compared after "
        "normalisation, claim contents by word overlap. Only the gold file's articles are scored.",
    )
    p.add_argument("output_dir", metavar="DIR", type=Path, help="an arclaims run output folder")
    p.add_argument("--gold", required=True, type=Path, help="gold JSON Lines file, one article a line")
    p.add_argument("--show-misses", action="store_true", help="list every missed and every wrong item")
    p.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    p.add_argument("--calibration", action="store_true",
                   help="also print claims, correct claims and precision per confidence bin")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..evaluation.claims import evaluate, format_calibration, format_misses, format_scores, load_run, read_jsonl, run_calibration
    from ..errors import UsageError

    if not args.gold.is_file():
        raise UsageError(f"no such gold file: {args.gold}")
    if not args.output_dir.is_dir():
        raise UsageError(f"no such output folder: {args.output_dir}")
    if not any((args.output_dir / name).is_file() for name in ("entities.jsonl", "claims.jsonl")):
        raise UsageError(f"no entities.jsonl or claims.jsonl in {args.output_dir}")
    gold = read_jsonl(args.gold)
    try:
        run_ = load_run(args.output_dir)
        result = evaluate(gold, run_)
    except (KeyError, TypeError) as e:
        raise UsageError(f"{args.gold}: not in the gold format (docs/evaluation.md): missing or bad field {e}") from None
    table = run_calibration(gold, run_) if args.calibration else None
    if args.json:
        out = dict(result.scores)
        if args.show_misses:
            out["misses"] = result.misses
        if table is not None:
            out["calibration"] = table
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(format_scores(result.scores))
    if table is not None:
        print("\n" + format_calibration(table))
    if args.show_misses:
        print(format_misses(result.misses))
    return 0
