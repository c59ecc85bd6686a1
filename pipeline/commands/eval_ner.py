"""``arclaims eval-ner``: entity-level P/R/F1 of an NER backend on a CoNLL BIO file."""
from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    from ..stages.ner import NER_BACKENDS

    try:  # optional backends (camel, stanza, ...) register themselves on import; no heavy import
        from .. import backends  # noqa: F401
    except ImportError:
        pass

    p = subparsers.add_parser(
        "eval-ner",
        help="score NER on a CoNLL-style BIO file (exact span match, conlleval semantics)",
        description="Predict on each sentence (words segmented as the pipeline segments them), print "
        "precision/recall/F1 per type and micro-averaged, and write token<TAB>gold<TAB>predicted lines. "
        "Type names are unified: PER/PERS -> PERS, MIS* -> MISC.",
    )
    p.add_argument("--data", required=True, type=Path, help="CoNLL file: WORD TAG per line, blank line between sentences")
    p.add_argument("--predictions", type=Path, help="write token<TAB>gold<TAB>predicted lines here")
    p.add_argument("--ner", default="builtin", choices=sorted(NER_BACKENDS), help="NER backend (default: builtin)")
    p.add_argument("--model", type=Path, help="model directory for the backend (default: models/ner-ar)")
    p.add_argument("--seen", type=Path, nargs="+", metavar="TRAIN",
                   help="training files: also print recall on gold entities seen as entities in them and on unseen ones")
    p.add_argument("--types", default="PERS,ORG,LOC,MISC", help="types in the micro average (default: %(default)s)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from ..errors import UsageError
    from ..stages.ner import NER_BACKENDS
    from ..training.ner import evaluate

    if not args.data.is_file():
        raise UsageError(f"no such file: {args.data}")
    try:
        model = NER_BACKENDS[args.ner](args.model)
    except FileNotFoundError as e:
        raise UsageError(str(e)) from None
    for path in args.seen or []:
        if not path.is_file():
            raise UsageError(f"no such file: {path}")
    scores, rows = evaluate(model, args.data, args.predictions)
    print(scores.report())
    types = [t for t in args.types.split(",") if t]
    p, r, f = scores.prf(types=types)
    print(f"micro over {','.join(types)}: precision {p:.2f} recall {r:.2f} F1 {f:.2f}")
    if args.seen:
        from ..evaluation.ner import entity_strings, read_conll, recall_by_novelty

        known = set().union(*(entity_strings(read_conll(path)) for path in args.seen))
        for bucket, (found, gold) in recall_by_novelty(rows, known).items():
            print(f"recall on {bucket} entities: {100 * found / max(gold, 1):.2f} ({found}/{gold})")
    if args.predictions:
        print(f"predictions written to {args.predictions}")
    return 0
