"""``arclaims view OUTPUT_DIR``: the researcher's HTML report of a run's entities and claims."""
from __future__ import annotations

import sys
from pathlib import Path

from ..outdir import open_output
from ..view import build_report


def register(subparsers) -> None:
    p = subparsers.add_parser("view", help="write a self-contained right-to-left HTML report of an output folder",
                              description="Write one self-contained HTML report (no network resources) of a run's "
                                          "articles, entity highlights and claims, with a filterable claims table.")
    p.add_argument("output_dir", metavar="OUTPUT_DIR", type=Path, help="folder holding articles/entities/claims.jsonl")
    p.add_argument("--html", type=Path, default=None, help="report path (default: OUTPUT_DIR/report.html)")
    p.add_argument("--input", dest="inputs", nargs="+", type=Path, default=[], metavar="PATH",
                   help="article texts (.txt, .jsonl or folders) when the recorded sources moved")
    p.add_argument("--title", default="تقرير الادعاءات", help="report title")
    p.set_defaults(handler=run)


def run(args) -> int:
    out_dir: Path = args.output_dir
    folder, texts = open_output(out_dir, args.inputs)
    html = build_report(folder.articles, folder.entities, folder.claims, texts, title=args.title)
    dest: Path = args.html or out_dir / "report.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(html, encoding="utf-8")
    for aid, found in texts.items():
        if found.note:
            print(f"arclaims view: warning: {aid}: {found.note}", file=sys.stderr)
    n_claims = sum(len(v) for v in folder.claims.values())
    print(f"{dest} ({len(folder.articles)} articles, {n_claims} claims)")
    return 0
