"""``arclaims dates``: tag and resolve Arabic dates alone, one JSON object per input line."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from ..errors import UsageError
from ..stages.dates.tagger import PREFER, DateTagger


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "dates",
        help="find Arabic dates and times and resolve them against a reference date",
        description="Reads one text per line on stdin (or --jsonl lines {\"text\", \"reference\"}) and prints "
                    "{\"text\", \"mentions\": [{\"text\", \"start\", \"end\", \"value\", \"grain\"}]} per line. "
                    "Without a reference, relative expressions get value null.",
    )
    p.add_argument("--reference", metavar="YYYY-MM-DD[THH:MM:SS]",
                   help="the date (or date-time, optionally with a UTC offset) relative expressions resolve against")
    p.add_argument("--prefer", choices=PREFER, default="past",
                   help="reading of a bare month or weekday: nearest past (news, default) or next (Duckling)")
    p.add_argument("--jsonl", metavar="FILE",
                   help="read JSON lines {\"text\", \"reference\"} (a line's reference overrides --reference; "
                        "\"reference_time\" is read too)")
    p.set_defaults(handler=run)


def parse_reference(s: str | None, where: str = "--reference") -> dt.date | dt.datetime | None:
    """A date, or a date-time with an optional offset; a clear error otherwise."""
    if not s:
        return None
    try:
        return dt.datetime.fromisoformat(s) if "T" in s or " " in s.strip() else dt.date.fromisoformat(s)
    except ValueError:
        raise UsageError(f"{where}: {s!r} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[+HH:MM]") from None


def jsonl_inputs(path: str, default):
    """(text, reference) per line of a JSON Lines file."""
    try:
        f = open(path, encoding="utf-8") if path != "-" else sys.stdin
    except OSError as e:
        raise UsageError(f"--jsonl: cannot read {path}: {e.strerror}") from None
    with f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise UsageError(f"{path}:{i}: not a JSON object with a \"text\" field") from None
            ref = row.get("reference") or row.get("reference_time")
            yield text, parse_reference(ref, f"{path}:{i}") if ref else default


def text_inputs(default):
    for line in sys.stdin:
        yield line.rstrip("\r\n"), default


def run(args) -> int:
    default = parse_reference(args.reference)
    if args.jsonl and not (args.jsonl == "-" or Path(args.jsonl).is_file()):
        raise UsageError(f"--jsonl: no such file: {args.jsonl}")
    tagger = DateTagger.load()
    inputs = jsonl_inputs(args.jsonl, default) if args.jsonl else text_inputs(default)
    try:
        for text, ref in inputs:
            mentions = [m.to_json() for m in tagger.find(text, ref, args.prefer)]
            sys.stdout.write(json.dumps({"text": text, "mentions": mentions}, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `arclaims dates ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
