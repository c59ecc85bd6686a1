"""``arclaims export --format label-studio|brat|parquet|csv OUTPUT_DIR``: a run's spans for
re-annotation, or its records as flat tables for analytics."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..errors import UsageError
from ..report.export import annotated, check_spans, write_brat, write_label_studio, write_tables
from ..batch.outdir import open_output

FORMATS = ("label-studio", "brat", "parquet", "csv")
TABLE_FORMATS = ("parquet", "csv")


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="export entities and claims for an annotation tool (Label Studio, brat) "
                                             "or as flat tables (Parquet, CSV)",
                              description="Export each article's text with its entity and claim spans at their "
                                          "original character offsets, for correction in Label Studio or brat; or "
                                          "the run's records as flat typed tables (claims, claim_about, mentions, "
                                          "entities, articles) for pandas, DuckDB or a spreadsheet.")
    p.add_argument("--format", required=True, choices=FORMATS, help="label-studio: tasks.json with predictions; "
                   "brat: .txt/.ann standoff per article; parquet / csv: one file per table (docs/analytics.md)")
    p.add_argument("output_dir", metavar="OUTPUT_DIR", type=Path, help="folder holding articles/entities/claims.jsonl")
    p.add_argument("--out", "--to", dest="out", type=Path, default=None,
                   help="destination folder (default: OUTPUT_DIR/export/FORMAT)")
    p.add_argument("--input", dest="inputs", nargs="+", type=Path, default=[], metavar="PATH",
                   help="article texts (.txt, .jsonl or folders) when the recorded sources moved")
    p.set_defaults(handler=run)


def run(args) -> int:
    if args.format in TABLE_FORMATS:
        return run_tables(args)
    out_dir: Path = args.output_dir
    folder, texts = open_output(out_dir, args.inputs)
    docs, meta, skipped = [], {}, 0
    for art in folder.articles:
        aid = art["article_id"]
        found = texts[aid]
        if found.text is None or not found.verified:
            # Offsets into another text would put every label on the wrong characters.
            print(f"arclaims export: skipped {aid}: {found.note or 'text not verified'}", file=sys.stderr)
            skipped += 1
            continue
        doc = annotated(aid, found.text, folder.entities.get(aid, []), folder.claims.get(aid, []), art.get("sha256"))
        bad = check_spans(doc)
        if bad:
            print(f"arclaims export: warning: {aid}: {len(bad)} spans do not match the text", file=sys.stderr)
        docs.append(doc)
        meta[aid] = {k: art.get(k) for k in ("title", "published", "url")}
    if not docs:
        raise UsageError("no article text could be found and verified: pass the inputs with --input")
    dest: Path = args.out or out_dir / "export" / args.format
    if args.format == "label-studio":
        write_label_studio(docs, dest, meta)
    else:
        write_brat(docs, dest)
    print(f"{dest} ({len(docs)} articles, {sum(len(d.spans) for d in docs)} spans, {skipped} skipped)")
    return 0


def run_tables(args) -> int:
    """Flat tables need no article text: the records alone are streamed into them."""
    out_dir: Path = args.output_dir
    if not (out_dir / "articles.jsonl").is_file():
        raise UsageError(f"{out_dir} has no articles.jsonl: is it an arclaims output folder?")
    dest: Path = args.out or out_dir / "export" / args.format
    started = time.perf_counter()
    try:
        counts = write_tables(out_dir, dest, args.format)
    except ImportError as e:
        raise UsageError(str(e)) from None
    rows = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"{dest} ({rows} rows; {time.perf_counter() - started:.1f} s)")
    return 0
