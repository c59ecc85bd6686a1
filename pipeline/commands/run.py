"""``arclaims run INPUT... --out DIR``: the pipeline over many articles, resumable and parallel."""
from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..batch.inputs import DEFAULT_MAX_CHARS, check_inputs
from ..batch.runner import DEFAULT_TIMEOUT

DESCRIPTION = """\
Run the pipeline over .txt (or .html) files, folders of them, and .jsonl files of
{"id", "text", "published"?, "title"?, "url"?}, writing entities.jsonl, claims.jsonl,
articles.jsonl and manifest.json to --out. Publication dates of .txt files come from a
published.tsv beside them (article_id TAB YYYY-MM-DD), else from --published.

Runs are incremental: articles already in --out with the same text, date and config are
skipped, changed ones replace their old records. A run that was killed is resumed by
running it again. Bad inputs become error records in articles.jsonl; the exit code is 0
when at least one article succeeded."""


def date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None


def count_arg(minimum: int):
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = minimum - 1
        if n < minimum:
            raise argparse.ArgumentTypeError(f"expected an integer >= {minimum}, got {value!r}")
        return n

    return parse


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def register(subparsers) -> None:
    p = subparsers.add_parser("run", help="run the pipeline over articles into an output folder",
                              description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.html file, folder of them, or .jsonl file")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder (created if missing)")
    p.add_argument("--published", type=date_arg, metavar="YYYY-MM-DD",
                   help="publication date of articles that have none of their own")
    p.add_argument("--workers", type=count_arg(0), default=None, metavar="N",
                   help=f"worker processes (default: the number of cores, {default_workers()} here); "
                        "0 runs in this process, without isolation from crashing or hanging articles")
    p.add_argument("--force", action="store_true", help="reprocess articles even when unchanged")
    p.add_argument("--config", type=Path, metavar="FILE", help="JSON merged over the default pipeline config")
    p.add_argument("--kb", type=Path, action="append", metavar="FILE",
                   help="extra knowledge-base entries (JSON Lines, the built-in KB's format); repeatable, later files win")
    p.add_argument("--batch-size", type=count_arg(1), default=16, metavar="N",
                   help="articles per batch, the unit of work and of commit (default: 16)")
    p.add_argument("--max-chars", type=count_arg(0), default=DEFAULT_MAX_CHARS, metavar="N",
                   help=f"longer articles get an error record, 0 for no limit (default: {DEFAULT_MAX_CHARS:,})")
    p.add_argument("--timeout", type=count_arg(0), default=int(DEFAULT_TIMEOUT), metavar="SECONDS",
                   help=f"an article taking longer gets an error record, 0 for no limit (default: {DEFAULT_TIMEOUT:g})")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster: a scheduler address, or 'local' for a local cluster of --workers")
    p.add_argument("--ner", choices=("builtin", "camel", "stanza", "ensemble"), metavar="NAME",
                   help="add the ner component with this backend: builtin, camel, stanza or ensemble (see `arclaims doctor`)")
    p.add_argument("--morph", choices=("camel",), help="clitic splits from CAMeL Tools' morphological analyser")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar, no summary line")
    p.set_defaults(handler=handle)


def load_config(path: Path | None, kb: list[Path] | None = None) -> dict:
    """The default config with --config and --kb merged over it; bad files and names are usage errors."""
    from ..nlp import default_config, merge_config
    from ..nlp import component_names

    config = default_config()
    if path is not None:
        try:
            override = json.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise UsageError(f"--config {path}: {e.strerror or e}") from None
        except ValueError as e:
            raise UsageError(f"--config {path}: not valid JSON ({e})") from None
        if not isinstance(override, dict):
            raise UsageError(f"--config {path}: expected a JSON object")
        config = merge_config(config, override)
    for f in kb or []:
        if not f.is_file():
            raise UsageError(f"--kb {f}: no such file")
    if kb:
        config = merge_config(config, {"kb_tagger": {"user_kb": [str(f.resolve()) for f in kb]}})
    unknown = [c for c in config.get("components", []) if c not in component_names()]
    if unknown:
        raise UsageError(f"unknown pipeline component(s) {', '.join(unknown)}; known: {', '.join(component_names())}")
    return config


class StderrHandler(logging.Handler):
    """Warnings as 'arclaims run: warning: ...' on the stderr of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"arclaims run: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def setup_logging(quiet: bool) -> None:
    logger = logging.getLogger("pipeline")
    if not any(isinstance(h, StderrHandler) for h in logger.handlers):
        logger.addHandler(StderrHandler())
    logger.setLevel(logging.ERROR if quiet else logging.WARNING)


def sigterm_as_interrupt(signum, frame):
    raise KeyboardInterrupt


def handle(args: argparse.Namespace) -> int:
    from ..batch.runner import RunError, RunOptions, run, summary

    try:
        inputs = check_inputs(args.inputs)
    except ValueError as e:
        raise UsageError(str(e)) from None
    from ..backends import with_options

    setup_logging(args.quiet)
    config = with_options(load_config(args.config, args.kb), args.ner, args.morph)  # missing backend: one line, exit 2
    options = RunOptions(
        inputs=inputs, out=args.out, config=config, published=args.published,
        workers=default_workers() if args.workers is None else args.workers, batch_size=args.batch_size,
        force=args.force, max_chars=args.max_chars, timeout=args.timeout or None,
        progress=not args.quiet and sys.stderr.isatty(),
    )
    signal.signal(signal.SIGTERM, sigterm_as_interrupt)  # finish writing the outputs, then stop
    try:
        if args.scheduler:
            from ..batch.distributed import run_on_dask

            stats = run_on_dask(options, args.scheduler)
        else:
            stats = run(options)
    except RunError as e:
        raise UsageError(str(e)) from None
    if not stats.interrupted:
        from ..batch.entity_registry import build_registry

        build_registry(args.out)  # registry.jsonl: one line per entity, ids stable across runs
    if not args.quiet or not stats.succeeded:
        print(f"arclaims run: {summary(stats, args.out)}", file=sys.stderr)
    if stats.interrupted:
        return 130
    if not stats.succeeded:
        print("arclaims run: error: no article succeeded; see the error records in "
              f"{args.out / 'articles.jsonl'}", file=sys.stderr)
        return 1
    return 0
