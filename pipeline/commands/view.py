"""``arclaims view OUTPUT_DIR``: the researcher's HTML report of a run's entities and claims."""
from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..report.export import iter_jsonl
from ..batch.outdir import ArticleText, find_texts
from ..schema import OUTPUT_FILES, sha256_text
from ..report.view import Selection, build_report, fold, select_records


LARGE_REPORT = 2_000  # articles one report serves (docs/view.md: 29 MB, seconds to open)


def register(subparsers) -> None:
    p = subparsers.add_parser("view", help="write a self-contained right-to-left HTML report of an output folder",
                              description="Write one self-contained HTML report (no network resources) of a run's "
                                          "articles, entity highlights and claims, with an overview, a filterable "
                                          "claims table and the articles. One report serves up to a few thousand "
                                          "articles; select a part of a larger run with the options below (claims "
                                          "must meet every condition given; articles without a selected claim are "
                                          "left out).")
    p.add_argument("output_dir", metavar="OUTPUT_DIR", type=Path, help="folder holding articles/entities/claims.jsonl")
    p.add_argument("--html", type=Path, default=None, help="report path (default: OUTPUT_DIR/report.html)")
    p.add_argument("--input", dest="inputs", nargs="+", type=Path, default=[], metavar="PATH",
                   help="article texts (.txt, .jsonl or folders) when the recorded sources moved")
    p.add_argument("--title", default="تقرير الادعاءات", help="report title")
    sel = p.add_argument_group("selection")
    sel.add_argument("--about", action="append", default=[], metavar="ENTITY",
                     help="claims about this entity: an entity id (org/openai) or a name or alias in registry.jsonl, "
                          "in any script, case and diacritics ignored (repeat for any of several)")
    sel.add_argument("--speaker", action="append", default=[], metavar="ENTITY",
                     help="claims by this speaker (id, name or alias; repeatable)")
    sel.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                     help="claims dated on or after this day (their own date, else their article's publication date)")
    sel.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="claims dated on or before this day")
    sel.add_argument("--article-ids", type=Path, metavar="FILE", help="only these articles (one id per line)")
    sel.add_argument("--limit", type=int, metavar="N", help="at most N articles (the first in articles.jsonl order)")
    p.set_defaults(handler=run)


def iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {value!r}") from None


def selection_of(args) -> Selection:
    ids = None
    if args.article_ids is not None:
        if not args.article_ids.is_file():
            raise UsageError(f"--article-ids: no such file: {args.article_ids}")
        ids = frozenset(line.strip() for line in args.article_ids.read_text(encoding="utf-8-sig").splitlines() if line.strip())
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if args.since and args.until and args.since > args.until:
        raise UsageError("--since is after --until")
    return Selection(about=frozenset(fold(x) for x in args.about), speaker=frozenset(fold(x) for x in args.speaker),
                     since=args.since, until=args.until, article_ids=ids, limit=args.limit)


def source_path(path_part: str, out_dir: Path) -> Path | None:
    """A recorded source path as given, else relative to the output folder or its parents (as outdir does)."""
    candidates = [Path(path_part)]
    if not Path(path_part).is_absolute():
        here = out_dir.resolve()
        candidates += [base / path_part for base in [here, *here.parents][:4]]
    return next((p for p in candidates if p.is_file()), None)


def texts_from_jsonl_sources(articles: list[dict], out_dir: Path) -> dict[str, ArticleText]:
    """The texts of articles read from ``file.jsonl:LINE``, each input file listed once.

    Finding them one by one rereads the whole input for every article (quadratic: most of
    the 22 s a 1,000-article report took). The text is read by the runner's own reader and
    kept only when its sha256 is the recorded one; the rest go through ``find_texts``."""
    try:
        from ..batch.inputs import Article, find_inputs, read_ref
    except ImportError:
        return {}
    wanted: dict[Path, dict[int, list[dict]]] = {}
    for art in articles:
        head, sep, tail = (art.get("source") or "").rpartition(":")
        if art.get("status") == "error" or not art.get("sha256") or not (sep and tail.isdigit()):
            continue
        path = source_path(head, out_dir)
        if path is not None:
            wanted.setdefault(path, {}).setdefault(int(tail), []).append(art)
    found: dict[str, ArticleText] = {}
    for path, lines in wanted.items():
        for ref in find_inputs([path]):
            arts = lines.get(ref.line)
            if not arts:
                continue
            got = read_ref(ref, 0)
            if isinstance(got, Article):
                sha = sha256_text(got.text)
                for art in arts:
                    if art["sha256"] == sha:
                        found[art["article_id"]] = ArticleText(got.text, ref.source, verified=True)
    return found


def run(args) -> int:
    started = time.perf_counter()
    out_dir: Path = args.output_dir
    files = {kind: out_dir / name for kind, name in OUTPUT_FILES.items()}
    if not files["article"].is_file():
        raise UsageError(f"{out_dir} has no articles.jsonl: is it an arclaims output folder?")
    sel = selection_of(args)
    articles = list(iter_jsonl(files["article"]))
    articles, entities, claims = select_records(articles, iter_jsonl(files["claim"]), iter_jsonl(files["entity"]), sel,
                                                iter_jsonl(out_dir / "registry.jsonl"))
    if not articles:
        print("arclaims view: warning: the selection holds no article", file=sys.stderr)
    elif len(articles) > LARGE_REPORT:
        print(f"arclaims view: warning: {len(articles):,} articles in one page (about {len(articles) * 12.5 / 1000:.0f} MB): "
              f"a browser opens up to about {LARGE_REPORT:,} comfortably; select a part with --about, --speaker, "
              "--since/--until, --article-ids or --limit", file=sys.stderr)
    texts = {} if args.inputs else texts_from_jsonl_sources(articles, out_dir)
    rest = [a for a in articles if a["article_id"] not in texts]
    if rest:
        texts.update(find_texts(rest, args.inputs, out_dir))
    html = build_report(articles, entities, claims, texts, title=args.title)
    dest: Path = args.html or out_dir / "report.html"
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(html, encoding="utf-8")
    for aid, found in texts.items():
        if found.note:
            print(f"arclaims view: warning: {aid}: {found.note}", file=sys.stderr)
    n_claims = sum(len(v) for v in claims.values())
    size = dest.stat().st_size / 1e6
    print(f"{dest} ({len(articles)} articles, {n_claims} claims, {size:.1f} MB, {time.perf_counter() - started:.1f} s)")
    return 0

