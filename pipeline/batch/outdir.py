"""Reading an arclaims output folder back, with the article texts it does not hold.

The view and the exports need each article's original text, which the output folder leaves
out: it is found again from ``articles.jsonl``'s ``source`` (a ``.txt`` path or
``path.jsonl:LINE``) or from inputs named on the command line, and trusted only when its
sha256 matches the one the run recorded, since every offset points into that exact text.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..schema import OUTPUT_FILES, sha256_text

TEXT_KEYS = ("text", "body", "content", "article")
ID_KEYS = ("article_id", "id")


@dataclass(frozen=True)
class ArticleText:
    """An article's text as found on disk; ``text`` is None when nothing was found."""

    text: str | None
    origin: str | None = None
    verified: bool = False  # sha256 equals the one in articles.jsonl
    note: str | None = None  # why the text is missing or not trusted


@dataclass(frozen=True)
class OutputFolder:
    articles: list[dict]
    entities: dict[str, list[dict]] = field(default_factory=dict)
    claims: dict[str, list[dict]] = field(default_factory=dict)


def read_jsonl(path: Path) -> list[dict]:
    """Records of a JSON Lines file; a missing file is an empty list (a run may write none)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def group_by_article(records: Iterable[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for rec in records:
        grouped.setdefault(rec["article_id"], []).append(rec)
    return grouped


def load_output(out_dir: Path) -> OutputFolder:
    """The three record files of a run, entities and claims grouped by article."""
    out_dir = Path(out_dir)
    articles = read_jsonl(out_dir / OUTPUT_FILES["article"])
    entities = group_by_article(read_jsonl(out_dir / OUTPUT_FILES["entity"]))
    claims = group_by_article(read_jsonl(out_dir / OUTPUT_FILES["claim"]))
    known = {a["article_id"] for a in articles}
    # Records whose article line is missing still deserve a place in the report.
    for aid in sorted((set(entities) | set(claims)) - known):
        articles.append({"article_id": aid, "source": "", "sha256": None, "published": None, "title": None,
                         "url": None, "status": "ok", "error": None, "counts": {}})
    return OutputFolder(articles, entities, claims)


def text_variants(raw: bytes) -> list[str]:
    """Plausible readings of a text file, most literal first.

    A reader may or may not strip a BOM or translate CRLF; the recorded sha256 tells which
    reading the run used, so each is tried.
    """
    text = raw.decode("utf-8", errors="replace")
    variants = [text]
    for candidate in (text.lstrip("\ufeff"), text.replace("\r\n", "\n"), text.lstrip("\ufeff").replace("\r\n", "\n")):
        if candidate not in variants:
            variants.append(candidate)
    return variants


def jsonl_texts(path: Path) -> Iterator[tuple[int, str | None, str]]:
    """(1-based line, id or None, text) of every record of a JSONL input that carries a text."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(rec, dict):
                continue
            text = next((rec[k] for k in TEXT_KEYS if isinstance(rec.get(k), str)), None)
            if text is None:
                continue
            rid = next((str(rec[k]) for k in ID_KEYS if rec.get(k) is not None), None)
            yield lineno, rid, text


@dataclass(frozen=True)
class Candidate:
    text: str
    origin: str
    ident: str | None  # article id the input gives it (file stem or JSONL id)


def file_candidates(path: Path) -> list[Candidate]:
    """Every text a single input file offers (several readings of a .txt, every JSONL record)."""
    if path.suffix == ".jsonl":
        return [Candidate(t, f"{path}:{n}", rid) for n, rid, t in jsonl_texts(path)]
    return [Candidate(t, str(path), path.stem) for t in text_variants(path.read_bytes())]


def input_files(paths: Iterable[Path]) -> list[Path]:
    """Input paths expanded: directories give their .txt and .jsonl files, recursively."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.suffix in (".txt", ".jsonl") and q.is_file()))
        elif p.is_file():
            files.append(p)
    return files


def runner_candidates(source: str, ident: str | None) -> list[Candidate]:
    """The text exactly as a run reads it (its decoding, HTML extraction, JSONL line), via pipeline.batch.inputs."""
    try:
        from .inputs import InputError, load_text
    except ImportError:  # the runner's reader is optional here: the plain readings below remain
        return []
    try:
        return [Candidate(load_text(source), source, ident)]
    except (InputError, OSError, ValueError):
        return []


def runner_pool(paths: Iterable[Path]) -> list[Candidate] | None:
    """Every article the runner would read from ``paths``; None without pipeline.batch.inputs."""
    try:
        from .inputs import Article, find_inputs, read_ref
    except ImportError:
        return None
    pool = []
    for ref in find_inputs([Path(p) for p in paths]):
        found = read_ref(ref, 0)
        if isinstance(found, Article):
            pool.append(Candidate(found.text, ref.source, found.id))
    return pool


def source_candidates(source: str, out_dir: Path | None) -> list[Candidate]:
    """Texts at an article's recorded ``source``, tried as given and relative to the output folder and its parents."""
    if not source:
        return []
    path_part, line = source, None
    head, sep, tail = source.rpartition(":")
    if sep and tail.isdigit():
        path_part, line = head, int(tail)
    roots = [Path(path_part)]
    if out_dir is not None and not Path(path_part).is_absolute():
        # A relative source is relative to where the run was started, most often the output
        # folder's parent or grandparent (arclaims run seeds --out outputs/seeds).
        here = Path(out_dir).resolve()
        roots += [base / path_part for base in [here, *here.parents][:4]]
    for path in roots:
        if not path.is_file():
            continue
        exact = str(path) if line is None else f"{path}:{line}"
        found = file_candidates(path)
        if line is not None:
            # The recorded line first; the others still count when the sha says so.
            found.sort(key=lambda c: c.origin != exact)
        return runner_candidates(exact, path.stem if line is None else None) + found
    return []


def pick_text(article: dict, candidates: list[Candidate]) -> ArticleText:
    """The candidate whose sha256 matches; else the one named like the article, flagged as unverified."""
    sha = article.get("sha256")
    aid = article["article_id"]
    if sha:
        for c in candidates:
            if sha256_text(c.text) == sha:
                return ArticleText(c.text, c.origin, verified=True)
    named = [c for c in candidates if c.ident == aid] or candidates[:1]
    if not named:
        return ArticleText(None, note="text not found: pass the inputs with --input")
    c = named[0]
    why = "no sha256 recorded" if not sha else "sha256 differs from the one recorded: offsets may be off"
    return ArticleText(c.text, c.origin, verified=False, note=f"{why} ({c.origin})")


def find_texts(articles: list[dict], inputs: Iterable[Path] = (), out_dir: Path | None = None) -> dict[str, ArticleText]:
    """Each article's text: explicit inputs first (matched by sha256, then by id), then its source."""
    inputs = list(inputs)
    # The runner's reading first (same decoding and extraction as the run); the plain readings
    # after it also find texts the runner's reading would not match (another decoding of a .txt).
    pool = (runner_pool(inputs) or []) if inputs else []
    pool += [c for f in input_files(inputs) for c in file_candidates(f)]
    by_sha: dict[str, Candidate] = {}
    for c in pool:
        by_sha.setdefault(sha256_text(c.text), c)
    texts: dict[str, ArticleText] = {}
    for art in articles:
        aid = art["article_id"]
        if art.get("status") == "error":
            # The run could not read it: whatever is at its source would only be misleading.
            texts[aid] = ArticleText(None, note="the run could not read this article")
            continue
        hit = by_sha.get(art.get("sha256") or "")
        if hit is not None:
            texts[aid] = ArticleText(hit.text, hit.origin, verified=True)
            continue
        local = source_candidates(art.get("source") or "", out_dir)
        texts[aid] = pick_text(art, local + [c for c in pool if c.ident == aid])
    return texts


def open_output(out_dir: Path, inputs: Iterable[Path] = ()) -> tuple[OutputFolder, dict[str, ArticleText]]:
    """An output folder and its articles' texts, or a one-line error when it is none."""
    from ..errors import UsageError

    if not (out_dir / "articles.jsonl").is_file():
        raise UsageError(f"{out_dir} has no articles.jsonl: is it an arclaims output folder?")
    folder = load_output(out_dir)
    return folder, find_texts(folder.articles, inputs, out_dir)
