"""``arclaims stats OUTPUT_DIR [--json]``: what a run found, at a glance (rich tables, or JSON)."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from ..report.export import iter_jsonl
from ..schema import OUTPUT_FILES
from ..report.stats import count_run

MONTH_ROWS = 24  # the terminal table shows the last 24 months; --json has them all
TYPE_NAMES = {"PERSON": "person", "ORG": "org", "MODEL": "model", "LOC": "place", "GROUP": "group"}


def register(subparsers) -> None:
    p = subparsers.add_parser("stats", help="summarise a run: articles, claims by quote type and cue sense, "
                                            "top speakers and entities, claims per month",
                              description="A terminal summary of an output folder (read line by line, so any size "
                                          "of run): articles by status, claims by quote type and cue sense, top "
                                          "speakers, top entities talked about, top speaker → entity pairs, claims "
                                          "per month (a claim's own date when it falls in one month, else its "
                                          "article's publication month).")
    p.add_argument("output_dir", metavar="OUTPUT_DIR", type=Path, help="folder holding articles.jsonl and claims.jsonl")
    p.add_argument("--json", action="store_true", help="print the summary as one JSON object instead of tables")
    p.add_argument("--top", type=int, default=10, metavar="N", help="rows in each top list (default 10)")
    p.set_defaults(handler=run)


def run(args) -> int:
    out_dir: Path = args.output_dir
    if not (out_dir / OUTPUT_FILES["article"]).is_file():
        raise UsageError(f"{out_dir} has no articles.jsonl: is it an arclaims output folder?")
    if args.top < 1:
        raise UsageError("--top must be at least 1")
    counts = count_run(iter_jsonl(out_dir / OUTPUT_FILES["article"]), iter_jsonl(out_dir / OUTPUT_FILES["claim"]))
    summary = counts.summary(top=args.top)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print_tables(summary, str(out_dir))
    return 0


def who(entry: dict) -> str:
    kind = TYPE_NAMES.get(entry["type"], entry["type"].lower())
    return f"{entry['name']} ({kind})"


def print_tables(summary: dict, title: str) -> None:
    """The summary as rich tables; Arabic names are printed as they are (the terminal shapes them)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()

    def table(heading: str, columns: tuple[str, ...], rows: list[tuple], numeric: tuple[int, ...] = ()) -> None:
        console.print(f"[bold]{heading}[/bold]")
        t = Table(show_edge=False, pad_edge=False)
        for i, col in enumerate(columns):
            t.add_column(col, justify="right" if i in numeric else "left", overflow="fold")
        for row in rows:
            t.add_row(*(str(x) if x is not None else "—" for x in row))
        if not rows:
            t.add_row(*("—" for _ in columns))
        console.print(t)
        console.print()

    arts, claims = summary["articles"], summary["claims"]
    console.print(f"[bold]{title}[/bold]: {arts['total']} articles, {claims['total']} claims\n")
    table("Articles by status", ("status", "articles"), list(arts["by_status"].items()), (1,))
    table("Claims by quote type", ("quote type", "claims"), list(claims["by_quote_type"].items()), (1,))
    table("Claims by cue sense", ("cue sense", "claims"), list(claims["by_cue_sense"].items()), (1,))
    table("Top speakers", ("speaker", "affiliation", "claims"),
          [(who(s), s.get("affiliation"), s["claims"]) for s in summary["top_speakers"]], (2,))
    table("Top entities talked about", ("entity", "claims about it"),
          [(who(a), a["claims"]) for a in summary["top_about"]], (1,))
    table("Top speaker → entity pairs", ("speaker", "about", "claims"),
          [(who(p["speaker"]), who(p["about"]), p["claims"]) for p in summary["top_pairs"]], (2,))
    months = summary["claims_per_month"]
    dated = [m for m in months if m["month"]]
    rows = [(m["month"], m["claims"]) for m in dated[-MONTH_ROWS:]]
    if len(dated) > MONTH_ROWS:  # a stray old date should not push the recent months off the screen
        earlier = dated[:-MONTH_ROWS]
        rows.insert(0, (f"{earlier[0]['month']} – {earlier[-1]['month']}", sum(m["claims"] for m in earlier)))
    rows += [("no date", m["claims"]) for m in months if not m["month"]]
    table("Claims per month", ("month", "claims"), rows, (1,))
