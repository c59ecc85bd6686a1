"""Finding and reading input articles: .txt (or .html) files, folders of them, JSONL files.

Reading is split in two so that the costly half runs in the workers: ``find_inputs`` lists
cheap references in input order (a file, or one line of a JSONL file as a byte range), and
``read_ref`` turns one reference into an ``Article`` or a ``ReadFailure``. A failure is data,
not an exception: every bad input becomes one error record and the run goes on.
"""
from __future__ import annotations

import codecs
import email.utils
import errno
import hashlib
import json
import logging
import os
import re
import stat
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..doc import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PUBLISHED_TSV = "published.tsv"
STATE_DIR = ".arclaims"  # a folder holding this is an arclaims output folder, not an input
DEFAULT_MAX_CHARS = 1_000_000  # ~5,000 times the corpus's median article
UTF8_REPAIR_RATE = 0.01  # at most this share of bad sequences is repaired as UTF-8
MAX_CONTROL_RATE = 0.01

BINARY_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x7fELF", "ELF"),
    (b"\xd0\xcf\x11\xe0", "OLE/Office"),
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HTML_START = re.compile(r"\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)", re.I)
HTML_CLOSING = re.compile(r"</(p|div|html|body|article|span|h[1-6]|section|li|td|a|br)\s*>", re.I)
SURROGATES = re.compile("[\ud800-\udfff]")
CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class InputError(Exception):
    """A bad input: ``kind`` names the problem, the message is one line for articles.jsonl."""

    def __init__(self, kind: str, message: str, article_id: str | None = None, published: date | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.article_id = article_id  # when known before the problem was found (a JSONL id)
        self.published = published


@dataclass(frozen=True)
class InputRef:
    """Where one article is, cheap to list and to send to a worker.

    ``article_id`` is known up front for files (the stem) and only after reading for JSONL
    lines; ``published`` is the date known before reading (published.tsv or --published).
    ``offset``/``length`` delimit a JSONL line; ``line`` is 1-based; -1 reads the whole file.
    """

    path: str
    article_id: str | None = None
    published: date | None = None
    line: int | None = None
    offset: int = 0
    length: int = -1
    not_a_file: str | None = None  # what the listing found instead of a regular file (a FIFO, a loop)

    @property
    def source(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    @property
    def fallback_id(self) -> str:
        """The id an unreadable input is reported under."""
        if self.article_id:
            return self.article_id
        stem = Path(self.path).stem
        return stem if self.line is None else f"{stem}-L{self.line}"


@dataclass(frozen=True)
class ReadFailure:
    """An input that gives no article; ``raw_sha256`` (of its bytes) lets a re-run skip it."""

    article_id: str
    source: str
    kind: str
    message: str
    published: date | None = None
    raw_sha256: str | None = None


# --------------------------------------------------------------------------- finding inputs


def parse_date(value: object) -> date | None:
    """The calendar day a feed wrote: ISO 8601 (a datetime's own date part, its zone kept as written),
    YYYY/MM/DD, or an RSS/e-mail RFC 2822 date; None for anything else.

    Feeds write RFC 2822 (``Sun, 18 Feb 2018 03:31:01 GMT``) as often as ISO, and a day lost here
    leaves every relative date of the article unresolved. Day-first forms (08/09/2025) are not
    guessed: they read both ways.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10].replace("/", "-"))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def parse_published_tsv(text: str, origin: str = PUBLISHED_TSV) -> dict[str, date]:
    """article_id -> date from a published.tsv; bad lines are warned about and ignored."""
    dates: dict[str, date] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or (n == 1 and line.strip().lower().startswith("article_id")):
            continue
        parts = line.split("\t")
        day = parse_date(parts[1]) if len(parts) >= 2 else None
        if day is None or not parts[0].strip():
            log.warning("%s:%d: expected 'article_id<TAB>YYYY-MM-DD', got %r; line ignored", origin, n, line[:80])
            continue
        dates[parts[0].strip()] = day
    return dates


def load_published_tsv(folder: Path) -> dict[str, date]:
    path = folder / PUBLISHED_TSV
    if not path.is_file():
        return {}
    try:
        return parse_published_tsv(path.read_text(encoding="utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError) as e:
        log.warning("%s: unreadable (%s); its dates are ignored", path, e)
        return {}


def check_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The INPUT arguments, or a ValueError naming the first one that does not exist (a
    symbolic link loop exists: it becomes a ``not_a_file`` error record)."""
    out = []
    for p in paths:
        path = Path(p)
        if not os.path.lexists(path):
            raise ValueError(f"input not found: {p}")
        out.append(path)
    return out


SkipHandler = Callable[[Path, str], None]


def describe_mode(mode: int) -> str:
    """What a non-regular file is, for its error record."""
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return f"{name}, not a regular file"
    return "not a regular file"


def stat_input(path: Path | str) -> os.stat_result:
    """``os.stat`` of an input, or InputError(not_a_file|unreadable). Never opens the file, so
    a FIFO or a device cannot block the run."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError("not_a_file", "a symbolic link loop, not a regular file") from None
        raise InputError("unreadable", f"{type(e).__name__}: {e.strerror or e}") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not_a_file", describe_mode(st.st_mode))
    return st


def folder_entries(folder: Path, skip: Path | None = None, on_skip: SkipHandler | None = None,
                   ancestors: frozenset[tuple[int, int]] = frozenset()) -> Iterator[tuple[Path, str | None]]:
    """Every entry below ``folder`` that is an input, a folder's files by name before its
    subfolders by name: (path, None) for a text or JSONL file, (path, what it is) for a
    non-regular file (FIFO, socket, device, a link loop), which becomes an error record.
    Found with ``os.stat`` alone: nothing is opened here.

    Everything else is handed to ``on_skip`` with the reason, so nothing is left out without
    a word: hidden entries, files of other kinds, an arclaims output folder. ``published.tsv``
    is read for the dates; ``skip`` (the run's own output folder) is left out silently.
    Symbolic links to folders are followed; one leading back to a folder being read is a loop.
    """
    on_skip = on_skip or (lambda path, why: None)
    try:
        st = os.stat(folder)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        on_skip(folder, f"folder not readable ({e.strerror or e})")
        return
    ancestors = ancestors | {(st.st_dev, st.st_ino)}
    subfolders: list[Path] = []
    for entry in entries:
        path = Path(entry.path)
        try:
            st = os.stat(path)
        except OSError as e:
            if entry.name.startswith("."):
                on_skip(path, "a hidden entry")
            elif e.errno == errno.ELOOP:
                yield path, "a symbolic link loop, not a regular file"
            elif Path(entry.name).suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                yield path, None  # read_ref reports why it cannot be read (a broken link)
            else:
                on_skip(path, f"cannot be examined ({e.strerror or e})")
            continue
        if stat.S_ISDIR(st.st_mode) and skip is not None and path.resolve() == skip:
            continue
        if entry.name.startswith("."):
            on_skip(path, "a hidden entry")
        elif stat.S_ISDIR(st.st_mode):
            if (st.st_dev, st.st_ino) in ancestors:
                yield path, "a symbolic link to a folder that contains it (a loop), not a regular file"
            elif (path / STATE_DIR).is_dir():
                on_skip(path, "an arclaims output folder")
            else:
                subfolders.append(path)
        elif not stat.S_ISREG(st.st_mode):
            yield path, describe_mode(st.st_mode)
        elif path.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
            yield path, None
        elif entry.name != PUBLISHED_TSV:
            on_skip(path, "not a .txt, .html, .htm, .jsonl or .ndjson file")
    for sub in subfolders:
        yield from folder_entries(sub, skip, on_skip, ancestors)


def folder_files(folder: Path, skip: Path | None = None) -> Iterator[Path]:
    """The text and JSONL files below ``folder``, in the order they are read."""
    return (path for path, special in folder_entries(folder, skip) if special is None)


def jsonl_line_spans(fh, chunk: int = 1 << 20) -> Iterator[tuple[int, int, int]]:
    """(1-based line, byte offset, byte length) of every non-blank line of a binary file."""
    with fh:
        lineno, carry_start, carry = 0, 0, b""
        while True:
            block = fh.read(chunk)
            if not block:
                break
            data = carry + block
            start = 0
            while (nl := data.find(b"\n", start)) >= 0:
                lineno += 1
                if data[start:nl].strip():
                    yield lineno, carry_start + start, nl - start
                start = nl + 1
            carry, carry_start = data[start:], carry_start + start
        if carry.strip():
            yield lineno + 1, carry_start, len(carry)


def jsonl_refs(path: Path, published: date | None) -> Iterator[InputRef]:
    """One reference per line of a JSONL file; a file that cannot be listed gives one
    reference, which ``read_ref`` turns into its error record."""
    try:
        stat_input(path)
        fh = path.open("rb")
    except (InputError, OSError):
        yield InputRef(str(path), published=published)  # read_ref reports why
        return
    for line, offset, length in jsonl_line_spans(fh):
        yield InputRef(str(path), published=published, line=line, offset=offset, length=length)


def find_inputs(paths: Iterable[Path], published: date | None = None, skip: Path | None = None,
                on_skip: SkipHandler | None = None) -> Iterator[InputRef]:
    """Every article reference under ``paths``, in input order (folders sorted by name).

    ``published`` is the fallback date for articles with none of their own; ``skip`` is a
    folder never to descend into (the output folder, when it sits inside an input);
    ``on_skip(path, reason)`` hears of every file in a folder that is not read.
    """
    tsv_cache: dict[Path, dict[str, date]] = {}

    def file_ref(path: Path) -> InputRef:
        folder = path.parent
        if folder not in tsv_cache:
            tsv_cache[folder] = load_published_tsv(folder)
        return InputRef(str(path), article_id=path.stem, published=tsv_cache[folder].get(path.stem, published))

    def refs(path: Path) -> Iterator[InputRef]:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from jsonl_refs(path, published)
        else:
            yield file_ref(path)

    for path in paths:
        if path.is_dir():
            for found, special in folder_entries(path, skip, on_skip):
                if special is None:
                    yield from refs(found)
                else:
                    yield InputRef(str(found), article_id=found.stem, published=published, not_a_file=special)
        else:
            yield from refs(path)


# --------------------------------------------------------------------------- decoding


def binary_kind(data: bytes) -> str | None:
    """A name for data that is not text (a known magic number or NUL bytes), else None."""
    for magic, name in BINARY_MAGIC:
        if data.startswith(magic):
            return name
    return "NUL bytes" if b"\x00" in data[:65536] else None


def count_controls(text: str) -> int:
    """C0/C1 control characters other than whitespace: rare in text, common in binary data."""
    return len(CONTROLS.findall(text))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) of an input's bytes, or InputError(binary|decode).

    UTF-8 first (a BOM wins); a few bad sequences in otherwise valid UTF-8 are replaced
    by U+FFFD rather than read as another encoding, which would garble every Arabic letter;
    anything else goes to charset-normalizer, which finds windows-1256, the legacy Arabic
    encoding, among others.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise InputError("decode", f"invalid {encoding} after a byte-order mark: {e.reason} at byte {e.start}") from None
    kind = binary_kind(data)
    if kind:
        raise InputError("binary", f"binary data ({kind}), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        first_bad = e.start
    repaired = data.decode("utf-8", errors="replace")
    bad = repaired.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= max(1, len(repaired) * UTF8_REPAIR_RATE):
        return repaired, "utf-8 (repaired)"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("decode", f"not UTF-8 (byte 0x{data[first_bad]:02x} at {first_bad}) and no known encoding fits")
    return str(best), best.encoding


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(HTML_START.match(head)) or (head.lstrip().startswith("<") and len(HTML_CLOSING.findall(head)) >= 2)


# --------------------------------------------------------------------------- HTML

HTML_DROP = "script, style, noscript, template, iframe, svg, canvas, form, button, select, nav, aside"
HTML_DROP_OUTSIDE_MAIN = "header, footer"
HTML_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li "
    "main ol p pre section table tbody td th thead tr ul".split()
)


def html_to_text(html: str) -> tuple[str, str | None]:
    """(text, title) of an HTML page: the main content's blocks as paragraphs.

    The main content is the longest <article>, else <main>, else <body>; navigation, scripts
    and the like are dropped. Paragraphs are separated by a blank line, as in the .txt inputs.
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node else None
    candidates = tree.css("article") or tree.css("main") or tree.css('[role="main"]')
    root = max(candidates, key=lambda n: len(n.text())) if candidates else (tree.body or tree.root)
    if root is None:
        return "", title
    drop = HTML_DROP if candidates else f"{HTML_DROP}, {HTML_DROP_OUTSIDE_MAIN}"
    for node in root.css(drop):
        node.decompose()
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in HTML_BLOCKS:
            parts.append("\n")
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n\n".join(line for line in lines if line), title or None


# --------------------------------------------------------------------------- reading


def clean_text(text: str, max_chars: int) -> str:
    """The text as the pipeline gets it, or InputError(empty|binary|too_long).

    Bidi and zero-width controls are kept: offsets point into the text as read, and the
    normaliser skips them when matching.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = SURROGATES.sub("\ufffd", text)
    if count_controls(text) > max(1, len(text) * MAX_CONTROL_RATE):
        raise InputError("binary", "too many control characters for text")
    if not any(ch.isalnum() for ch in text):
        raise InputError("empty", "no text (only whitespace, punctuation or invisible characters)" if text else "empty input")
    if max_chars and len(text) > max_chars:
        raise InputError("too_long", f"{len(text):,} characters, over the limit of {max_chars:,} (--max-chars)")
    return text


def text_of(data: bytes, html: bool, max_chars: int) -> tuple[str, str | None]:
    """(text, title from HTML) of a file's bytes."""
    text, _encoding = decode_bytes(data)
    title = None
    if html or looks_like_html(text):
        text, title = html_to_text(text)
    return clean_text(text, max_chars), title


def read_bytes(ref: InputRef, max_chars: int) -> bytes:
    """The raw bytes of a reference, refusing early what cannot fit in ``max_chars``."""
    # No encoding takes more than 4 bytes a character, nor JSON more than 6 (a \uXXXX escape).
    limit = (4 if ref.line is None else 6) * max_chars + 4096 if max_chars else None
    stat_input(ref.path)  # a FIFO, socket, device or loop is refused before any open
    try:
        # O_NONBLOCK: a file swapped for a FIFO since the stat still cannot block the open.
        with open(os.open(ref.path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError("not_a_file", describe_mode(st.st_mode))
            size = st.st_size if ref.length < 0 else ref.length
            if limit is not None and size > limit:
                raise InputError("too_long", f"{size:,} bytes, over the limit of {max_chars:,} characters (--max-chars)")
            fh.seek(ref.offset)
            return fh.read(size if ref.length >= 0 else -1)
    except OSError as e:
        raise InputError("unreadable", f"{type(e).__name__}: {e.strerror or e}") from None


def article_from_json(ref: InputRef, data: bytes, max_chars: int) -> Article:
    """One JSONL line: {"id", "text", "published"?, "title"?, "url"?}."""
    line, _encoding = decode_bytes(data)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError("invalid_json", f"not a JSON object: {e.msg} at column {e.colno}") from None
    if not isinstance(rec, dict):
        raise InputError("invalid_record", f"expected a JSON object, got {type(rec).__name__}")
    rid = rec.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        rid = str(rid)
    if not isinstance(rid, str) or not rid.strip():
        raise InputError("invalid_record", 'no "id" (a non-empty string)')
    text = rec.get("text")
    if not isinstance(text, str):
        raise InputError("invalid_record", 'no "text" (a string)', rid)
    title = rec.get("title") if isinstance(rec.get("title"), str) else None
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    published = parse_date(rec.get("published"))
    if published is None and isinstance(rec.get("published"), str) and rec["published"].strip():
        log.warning("%s: article %r: published %r is no date this reads (YYYY-MM-DD or RFC 2822); %s",
                    ref.source, rid, rec["published"][:40],
                    f"--published {ref.published} is used" if ref.published else "relative dates stay unresolved")
    published = published or ref.published
    try:
        html_title = None
        if looks_like_html(text):
            text, html_title = html_to_text(text)
        text = clean_text(text, max_chars)
    except InputError as e:
        raise InputError(e.kind, e.message, rid, published) from None
    return Article(id=rid, text=text, published=published, source=ref.source, title=title or html_title, url=url)


def read_ref(ref: InputRef, max_chars: int = DEFAULT_MAX_CHARS) -> Article | ReadFailure:
    """The article a reference points to, or why there is none. Never raises for bad input."""
    raw_sha = None
    suffix = Path(ref.path).suffix.lower()
    try:
        if ref.not_a_file:
            raise InputError("not_a_file", ref.not_a_file)
        if ref.line is None and suffix in JSONL_SUFFIXES:  # listing it failed
            read_bytes(replace(ref, length=0), max_chars)  # raises with the reason
            raise InputError("unreadable", "could not be read as JSON Lines")
        data = read_bytes(ref, max_chars)
        raw_sha = hashlib.sha256(data).hexdigest()
        if ref.line is not None:
            return article_from_json(ref, data, max_chars)
        text, title = text_of(data, suffix in HTML_SUFFIXES, max_chars)
        return Article(id=ref.article_id or ref.fallback_id, text=text, published=ref.published, source=ref.source, title=title)
    except InputError as e:
        published = e.published or ref.published
        return ReadFailure(e.article_id or ref.fallback_id, ref.source, e.kind, one_line(e.message), published, raw_sha)


def one_line(message: str, limit: int = 300) -> str:
    line = " ".join(str(message).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def load_text(source: str, max_chars: int = 0) -> str:
    """The text a run read for ``source`` (an articles.jsonl ``source``), decoded and
    extracted the same way, so that its sha256 matches the recorded one."""
    path, line = source, None
    head, sep, tail = source.rpartition(":")
    if sep and tail.isdigit() and Path(head).suffix.lower() in JSONL_SUFFIXES:
        path, line = head, int(tail)
    if line is None:
        ref = InputRef(path, article_id=Path(path).stem)
    else:
        ref = next((r for r in find_inputs([Path(path)]) if r.line == line), None)
        if ref is None:
            raise InputError("unreadable", f"{path} has no line {line}")
    result = read_ref(ref, max_chars)
    if isinstance(result, ReadFailure):
        raise InputError(result.kind, result.message)
    return result.text
