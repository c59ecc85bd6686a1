"""Exports for re-annotation (Label Studio tasks, brat standoff) and loaders that read them back.

Researchers correct the pipeline's output in an annotation tool, so an export must put every
span at exactly the character it came from and a corrected file must load back into spans.
Offsets everywhere are Python string indices (Unicode code points) into the original text,
end exclusive: Label Studio stores code-point offsets and brat counts characters of its
UTF-8 ``.txt`` the same way, so none are converted. The loaders are the round-trip check.

The analytics tables (Parquet or CSV) are the other kind of export: the nested records made
flat, one row per thing, with typed columns named in ``TABLES`` (documented in
``docs/analytics.md``), streamed chunk by chunk so a large run never sits in memory.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from operator import itemgetter
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..batch.entity_registry import read_jsonl as iter_jsonl
from ..schema import OUTPUT_FILES, SCHEMA_VERSION
from .stats import claim_month, date_bounds

ENTITY_LABELS = ("PERSON", "ORG", "MODEL", "DATE", "LOC")
PART_LABELS = {"speaker": "SPEAKER", "cue": "CUE", "content": "CONTENT"}
# brat's names: the cue is the trigger of a Claim event whose arguments are Speaker and Content.
BRAT_NAMES = {"SPEAKER": "Speaker", "CUE": "Claim", "CONTENT": "Content"}
BRAT_LABELS = {v: k for k, v in BRAT_NAMES.items()}
LS_FROM, LS_TO = "label", "text"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class ClaimLink:
    """The three spans of one claim (ids survive in brat's notes; Label Studio keeps none)."""

    speaker: Span
    cue: Span
    content: Span
    claim_id: str | None = None


@dataclass(frozen=True)
class Annotated:
    """One article as an annotation tool sees it: text, labelled spans, claims linking them."""

    article_id: str
    text: str
    spans: tuple[Span, ...]
    claims: tuple[ClaimLink, ...] = ()
    sha256: str | None = None

    def claim_triples(self) -> set[tuple[Span, Span, Span]]:
        return {(c.speaker, c.cue, c.content) for c in self.claims}


def part_span(claim: dict, part: str) -> Span:
    s = claim[part]
    return Span(s["start"], s["end"], PART_LABELS[part], s["text"])


def annotated(article_id: str, text: str, entities: Iterable[dict], claims: Iterable[dict], sha256: str | None = None) -> Annotated:
    """An article's records as spans: one per mention (by type) and per claim part."""
    claims = list(claims)
    links = tuple(ClaimLink(part_span(c, "speaker"), part_span(c, "cue"), part_span(c, "content"), c.get("claim_id")) for c in claims)
    spans = {Span(e["start"], e["end"], e["type"], e["text"]) for e in entities}
    spans |= {s for link in links for s in (link.speaker, link.cue, link.content)}
    return Annotated(article_id, text, tuple(sorted(spans)), links, sha256)


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files("pipeline").joinpath(f"data/export/{name}").read_text(encoding="utf-8")


def check_spans(doc: Annotated) -> list[Span]:
    """Spans that do not read the same in the text: an export must not carry misplaced ones."""
    return [s for s in doc.spans if doc.text[s.start:s.end] != s.text]


# ---------------------------------------------------------------- Label Studio

def ls_region(rid: str, span: Span) -> dict:
    return {"id": rid, "from_name": LS_FROM, "to_name": LS_TO, "type": "labels",
            "value": {"start": span.start, "end": span.end, "text": span.text, "labels": [span.label]}}


def ls_relation(src: str, dst: str, label: str) -> dict:
    return {"type": "relation", "from_id": src, "to_id": dst, "direction": "right", "labels": [label]}


def label_studio_task(doc: Annotated, *, meta: Mapping[str, object] | None = None, model_version: str = "arclaims") -> dict:
    """A task whose prediction pre-labels every span; each claim's cue links to its speaker and content.

    Regions are shared between claims that name the same span, except the cue, which stays one
    region per claim so that each claim can be read back from its cue's two relations.
    """
    ids: dict[Span, str] = {}
    result: list[dict] = []

    def region(span: Span, own: bool = False) -> str:
        if own or span not in ids:
            rid = f"r{len(result)}"
            result.append(ls_region(rid, span))
            if not own:
                ids[span] = rid
            return rid
        return ids[span]

    for span in doc.spans:
        if span.label in ENTITY_LABELS:
            region(span)
    relations = []
    for link in doc.claims:
        cue = region(link.cue, own=True)
        relations.append(ls_relation(cue, region(link.speaker), "speaker"))
        relations.append(ls_relation(cue, region(link.content), "content"))
    data = {"text": doc.text, "article_id": doc.article_id, "sha256": doc.sha256, **(meta or {})}
    return {"data": data, "predictions": [{"model_version": model_version, "result": result + relations}]}


def ls_result(task: dict) -> list[dict]:
    """A task's labels: a human's annotation when there is one (a corrected export), else the prediction."""
    for key in ("annotations", "predictions"):
        for entry in task.get(key) or []:
            if not entry.get("was_cancelled"):
                return entry.get("result") or []
    return []


def from_label_studio_task(task: dict) -> Annotated:
    data = task["data"]
    text = data["text"]
    regions: dict[str, Span] = {}
    relations: dict[str, dict[str, str]] = {}
    for item in ls_result(task):
        if item.get("type") == "relation":
            relations.setdefault(item["from_id"], {})[(item.get("labels") or [""])[0]] = item["to_id"]
        elif item.get("type") == "labels":
            v = item["value"]
            regions[item["id"]] = Span(v["start"], v["end"], v["labels"][0], v.get("text", text[v["start"]:v["end"]]))
    links = []
    for rid, rel in relations.items():
        if rid in regions and {"speaker", "content"} <= rel.keys():
            links.append(ClaimLink(regions[rel["speaker"]], regions[rid], regions[rel["content"]]))
    return Annotated(str(data.get("article_id", "")), text, tuple(sorted(set(regions.values()))), tuple(links), data.get("sha256"))


def write_label_studio(docs: Iterable[Annotated], dest: Path, meta: Mapping[str, Mapping] | None = None) -> Path:
    """tasks.json (import it into a project) and label_config.xml (its labelling interface)."""
    dest.mkdir(parents=True, exist_ok=True)
    tasks = [label_studio_task(d, meta=(meta or {}).get(d.article_id)) for d in docs]
    path = dest / "tasks.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    (dest / "label_config.xml").write_text(asset("label_studio_config.xml"), encoding="utf-8")
    return path


def load_label_studio(path: Path) -> list[Annotated]:
    """Tasks from our export or from Label Studio's JSON export (annotations win over predictions)."""
    path = Path(path)
    if path.is_dir():
        path = path / "tasks.json"
    tasks = json.loads(path.read_text(encoding="utf-8"))
    return [from_label_studio_task(t) for t in (tasks if isinstance(tasks, list) else [tasks])]


# ---------------------------------------------------------------- brat standoff

def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """brat wants no newline inside a fragment: a span across lines becomes one fragment per line."""
    frags, s = [], start
    for m in re.finditer(r"\n", text[start:end]):
        nl = start + m.start()
        if nl > s:
            frags.append((s, nl))
        s = nl + 1
    if end > s or not frags:
        frags.append((s, end))
    return frags


def brat_ann(doc: Annotated) -> str:
    """T lines for spans, an E line per claim (cue as trigger), notes carrying claim ids."""
    lines, tid = [], {}
    for span in doc.spans:
        tid[span] = f"T{len(tid) + 1}"
        frags = fragments(doc.text, span.start, span.end)
        loc = ";".join(f"{s} {e}" for s, e in frags)
        shown = " ".join(doc.text[s:e] for s, e in frags)
        lines.append(f"{tid[span]}\t{BRAT_NAMES.get(span.label, span.label)} {loc}\t{shown}")
    for n, link in enumerate(doc.claims, start=1):
        lines.append(f"E{n}\tClaim:{tid[link.cue]} Speaker:{tid[link.speaker]} Content:{tid[link.content]}")
        if link.claim_id:
            lines.append(f"#{n}\tAnnotatorNotes E{n}\t{link.claim_id}")
    return "".join(line + "\n" for line in lines)


def parse_brat(article_id: str, text: str, ann: str, sha256: str | None = None) -> Annotated:
    """Spans and claims of a .ann file; a span's extent is its first to its last fragment."""
    spans: dict[str, Span] = {}
    events: dict[str, dict[str, str]] = {}
    notes: dict[str, str] = {}
    for line in ann.splitlines():
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            head, _, _shown = rest.partition("\t")
            label, _, locs = head.partition(" ")
            frags = [tuple(int(x) for x in f.split()) for f in locs.split(";")]
            start, end = frags[0][0], frags[-1][1]
            spans[ident] = Span(start, end, BRAT_LABELS.get(label, label), text[start:end])
        elif ident.startswith("E"):
            args = dict(a.split(":", 1) for a in rest.split())
            events[ident] = args
        elif ident.startswith("#"):
            head, _, note = rest.partition("\t")
            kind, _, target = head.partition(" ")
            if kind == "AnnotatorNotes":
                notes[target] = note.strip()
    links = tuple(ClaimLink(spans[a["Speaker"]], spans[a["Claim"]], spans[a["Content"]], notes.get(e))
                  for e, a in events.items() if {"Claim", "Speaker", "Content"} <= a.keys())
    return Annotated(article_id, text, tuple(sorted(set(spans.values()))), links, sha256)


def safe_stem(article_id: str, taken: set[str]) -> str:
    """A file name for an article id; the manifest maps it back."""
    stem = re.sub(r"[^\w.-]", "_", article_id).strip(".") or "article"
    base, n = stem, 1
    while stem in taken:
        n += 1
        stem = f"{base}_{n}"
    return stem


def write_brat(docs: Iterable[Annotated], dest: Path) -> list[Path]:
    """One .txt and .ann per article plus the collection's annotation.conf, visual.conf and manifest.json."""
    dest.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict] = {}
    written = []
    for doc in docs:
        stem = safe_stem(doc.article_id, set(manifest))
        manifest[stem] = {"article_id": doc.article_id, "sha256": doc.sha256}
        # newline="" keeps the text byte for byte: a translated newline would shift every offset after it.
        (dest / f"{stem}.txt").write_text(doc.text, encoding="utf-8", newline="")
        (dest / f"{stem}.ann").write_text(brat_ann(doc), encoding="utf-8", newline="")
        written.append(dest / f"{stem}.ann")
    (dest / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    for conf in ("annotation.conf", "visual.conf"):
        (dest / conf).write_text(asset(conf), encoding="utf-8")
    return written


def load_brat(src: Path) -> list[Annotated]:
    """Every .ann/.txt pair of a folder, named back to article ids through manifest.json when present."""
    src = Path(src)
    manifest_path = src / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    docs = []
    for ann in sorted(src.glob("*.ann")):
        txt = ann.with_suffix(".txt")
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        info = manifest.get(ann.stem, {})
        docs.append(parse_brat(info.get("article_id", ann.stem), text, ann.read_text(encoding="utf-8"), info.get("sha256")))
    return docs


# ---------------------------------------------------------------- analytics tables

# Column kinds: str, int, float, bool, date (a calendar day), list (of strings). Names are
# stable: a column is added, never renamed or retyped, without a TABLES_VERSION bump.
TABLES_VERSION = "1.0"
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("article_id", "str"), ("published", "date"), ("title", "str"), ("url", "str"), ("source", "str"),
        ("sha256", "str"), ("status", "str"), ("error_kind", "str"), ("error_message", "str"),
        ("n_claims", "int"), ("n_person", "int"), ("n_org", "int"), ("n_model", "int"), ("n_date", "int"),
        ("n_loc", "int"), ("schema_version", "str"),
    ),
    "claims": (
        ("claim_id", "str"), ("article_id", "str"), ("published", "date"), ("month", "date"),
        ("speaker_text", "str"), ("speaker_entity_id", "str"), ("speaker_canonical", "str"), ("speaker_type", "str"),
        ("role", "str"), ("affiliation_entity_id", "str"), ("affiliation_canonical", "str"), ("affiliation_text", "str"),
        ("cue_text", "str"), ("cue_lemma", "str"), ("cue_sense", "str"), ("quote_type", "str"), ("content", "str"),
        ("about_count", "int"), ("date_text", "str"), ("date_value", "str"), ("date_grain", "str"),
        ("date_first_day", "date"), ("date_last_day", "date"), ("confidence", "float"), ("sentence", "str"),
        ("speaker_start", "int"), ("speaker_end", "int"), ("cue_start", "int"), ("cue_end", "int"),
        ("content_start", "int"), ("content_end", "int"), ("affiliation_start", "int"), ("affiliation_end", "int"),
        ("date_start", "int"), ("date_end", "int"), ("sentence_start", "int"), ("sentence_end", "int"),
    ),
    "claim_about": (
        ("claim_id", "str"), ("article_id", "str"), ("entity_id", "str"), ("canonical", "str"), ("type", "str"),
        ("text", "str"), ("start", "int"), ("end", "int"),
    ),
    "mentions": (
        ("article_id", "str"), ("entity_id", "str"), ("type", "str"), ("text", "str"), ("canonical", "str"),
        ("start", "int"), ("end", "int"), ("sentence", "int"), ("confidence", "float"), ("source", "str"),
        ("kb_id", "str"), ("date_value", "str"), ("date_grain", "str"), ("date_resolved", "bool"),
        ("date_first_day", "date"), ("date_last_day", "date"),
    ),
    "entities": (
        ("entity_id", "str"), ("type", "str"), ("canonical", "str"), ("kb_id", "str"), ("mention_count", "int"),
        ("claim_count", "int"), ("article_count", "int"), ("aliases", "list"), ("article_ids", "list"),
    ),
}
CHUNK_ROWS = 50_000  # rows per Parquet row group / per batch converted to columns


@lru_cache(maxsize=8192)
def iso_day(value: str | None) -> date | None:
    """A record's YYYY-MM-DD (or the day part of a longer ISO value) as a date; None when it is not one."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_value_text(value: object) -> str | None:
    """A DATE value as one string: ISO as written, a range as ISO 8601's ``start/end`` (an open end stays empty)."""
    if isinstance(value, dict):
        return f"{value.get('start') or ''}/{value.get('end') or ''}"
    return value if isinstance(value, str) else None


def day_bounds(value: object) -> tuple[date | None, date | None]:
    b = date_bounds(value)
    return (iso_day(b[0]), iso_day(b[1])) if b else (None, None)


def article_row(a: dict) -> dict:
    counts = a.get("counts") or {}
    err = a.get("error") or {}
    return {"article_id": a["article_id"], "published": iso_day(a.get("published")), "title": a.get("title"),
            "url": a.get("url"), "source": a.get("source"), "sha256": a.get("sha256"), "status": a.get("status"),
            "error_kind": err.get("kind"), "error_message": err.get("message"),
            "n_claims": counts.get("claims", 0), "n_person": counts.get("PERSON", 0), "n_org": counts.get("ORG", 0),
            "n_model": counts.get("MODEL", 0), "n_date": counts.get("DATE", 0), "n_loc": counts.get("LOC", 0),
            "schema_version": a.get("schema_version")}


def claim_table_row(c: dict, published: str | None) -> dict:
    """One claim, flat: speaker, affiliation, cue, content, its date and every offset as columns."""
    sp = c["speaker"]
    aff = sp.get("affiliation") or {}
    cue = c["cue"]
    d = c.get("date") or {}
    sent = c.get("sentence") or {}
    first, last = day_bounds(d.get("value"))
    month = claim_month(c, published)
    return {
        "claim_id": c["claim_id"], "article_id": c["article_id"], "published": iso_day(published),
        "month": date(int(month[:4]), int(month[5:7]), 1) if month else None,
        "speaker_text": sp.get("text"), "speaker_entity_id": sp.get("entity_id"), "speaker_canonical": sp.get("canonical"),
        "speaker_type": sp.get("type"), "role": sp.get("role"), "affiliation_entity_id": aff.get("entity_id"),
        "affiliation_canonical": aff.get("canonical"), "affiliation_text": aff.get("text"),
        "cue_text": cue.get("text"), "cue_lemma": cue.get("lemma"), "cue_sense": cue.get("sense"),
        "quote_type": c.get("quote_type"), "content": c["content"]["text"], "about_count": len(c.get("about") or []),
        "date_text": d.get("text"), "date_value": date_value_text(d.get("value")), "date_grain": d.get("grain"),
        "date_first_day": first, "date_last_day": last, "confidence": c.get("confidence"), "sentence": sent.get("text"),
        "speaker_start": sp.get("start"), "speaker_end": sp.get("end"), "cue_start": cue.get("start"), "cue_end": cue.get("end"),
        "content_start": c["content"].get("start"), "content_end": c["content"].get("end"),
        "affiliation_start": aff.get("start"), "affiliation_end": aff.get("end"),
        "date_start": d.get("start"), "date_end": d.get("end"),
        "sentence_start": sent.get("start"), "sentence_end": sent.get("end"),
    }


def claim_about_rows(c: dict) -> list[dict]:
    return [{"claim_id": c["claim_id"], "article_id": c["article_id"], "entity_id": a.get("entity_id"),
             "canonical": a.get("canonical"), "type": a.get("type"), "text": a.get("text"),
             "start": a.get("start"), "end": a.get("end")} for a in c.get("about") or []]


def mention_row(e: dict) -> dict:
    is_date = e.get("type") == "DATE"
    first, last = day_bounds(e.get("value")) if is_date else (None, None)
    return {"article_id": e["article_id"], "entity_id": e.get("entity_id"), "type": e.get("type"), "text": e.get("text"),
            "canonical": e.get("canonical"), "start": e.get("start"), "end": e.get("end"), "sentence": e.get("sentence"),
            "confidence": e.get("confidence"), "source": e.get("source"), "kb_id": e.get("kb_id"),
            "date_value": date_value_text(e.get("value")) if is_date else None, "date_grain": e.get("grain") if is_date else None,
            "date_resolved": e.get("resolved") if is_date else None, "date_first_day": first, "date_last_day": last}


def entity_table_row(r: dict) -> dict:
    ids = list(r.get("article_ids") or [])
    return {"entity_id": r["entity_id"], "type": r.get("type"), "canonical": r.get("canonical"), "kb_id": r.get("kb_id"),
            "mention_count": r.get("mention_count", 0), "claim_count": r.get("claim_count", 0), "article_count": len(ids),
            "aliases": list(r.get("aliases") or []), "article_ids": ids}


def registry_rows(out_dir: Path) -> Iterator[dict]:
    """The entities table's records: registry.jsonl, else counted from the mentions as ``arclaims registry`` would."""
    registry = Path(out_dir) / "registry.jsonl"
    if registry.exists():
        yield from iter_jsonl(registry)
        return
    # Imported here: entity_registry pulls in CAMeL Tools' charsets, seconds of start-up.
    from ..batch.entity_registry import registry_records

    built = registry_records(iter_jsonl(Path(out_dir) / OUTPUT_FILES["entity"]), iter_jsonl(Path(out_dir) / OUTPUT_FILES["claim"]))
    yield from (built[k] for k in sorted(built))


def record_schema_version(out_dir: Path) -> str | None:
    """The output contract the run's records follow (articles.jsonl; the newest when a folder mixes runs)."""
    versions = {a.get("schema_version") for a in iter_jsonl(Path(out_dir) / OUTPUT_FILES["article"])} - {None}
    return max(versions, key=lambda v: tuple(int(x) for x in re.findall(r"\d+", v))) if versions else None


def arrow_schema(name: str, metadata: Mapping[str, str]):
    import pyarrow as pa

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32(),
             "list": pa.list_(pa.string())}
    return pa.schema([pa.field(col, kinds[kind]) for col, kind in TABLES[name]], metadata=dict(metadata))


class ParquetSink:
    """Rows into a Parquet file, one row group (zstd) per ``chunk_rows``; written to a temporary name, then renamed."""

    def __init__(self, path: Path, name: str, metadata: Mapping[str, str], chunk_rows: int = CHUNK_ROWS) -> None:
        import pyarrow.parquet as pq

        self.path, self.tmp = path, path.with_name(f".{path.name}.tmp")
        self.schema = arrow_schema(name, metadata)
        self.row = itemgetter(*(col for col, _ in TABLES[name]))
        self.chunk_rows, self.batch, self.rows = chunk_rows, [], 0
        self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")

    def add(self, row: dict) -> None:
        self.batch.append(self.row(row))  # a tuple in column order: columns are then one zip away
        if len(self.batch) >= self.chunk_rows:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.batch:
            columns = [pa.array(col, type=field.type) for col, field in zip(zip(*self.batch), self.schema)]
            self.writer.write_table(pa.Table.from_arrays(columns, schema=self.schema))
            self.rows += len(self.batch)
            self.batch = []

    def close(self) -> int:
        self.flush()
        if self.rows == 0:
            self.writer.write_table(self.schema.empty_table())
        self.writer.close()
        self.tmp.replace(self.path)
        return self.rows


def csv_cell(value: object, kind: str) -> str:
    """Empty for null; ISO days; lists as JSON arrays; booleans as true/false."""
    if value is None:
        return ""
    if kind == "list":
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat()
    return str(value)


class CsvSink:
    """Rows into a UTF-8 CSV with a byte-order mark (spreadsheets need it to read Arabic), header first."""

    def __init__(self, path: Path, name: str) -> None:
        self.path, self.tmp = path, path.with_name(f".{path.name}.tmp")
        self.spec = TABLES[name]
        self.fh = self.tmp.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.fh)
        self.writer.writerow([col for col, _ in self.spec])
        self.rows = 0

    def add(self, row: dict) -> None:
        self.writer.writerow([csv_cell(row[col], kind) for col, kind in self.spec])
        self.rows += 1

    def close(self) -> int:
        self.fh.close()
        self.tmp.replace(self.path)
        return self.rows


def write_tables(out_dir: Path, dest: Path, fmt: str = "parquet", chunk_rows: int = CHUNK_ROWS) -> dict[str, int]:
    """Every analytics table of an output folder as ``dest/NAME.parquet`` or ``dest/NAME.csv``; rows per table.

    Each record file is read once, line by line: claims.jsonl feeds both ``claims`` and
    ``claim_about``. Only the articles' publication dates are held in memory."""
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ImportError("Parquet needs pyarrow: pip install 'arclaims[analytics]' (or pyarrow)") from None
    from .. import __version__

    out_dir, dest = Path(out_dir), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    files = {kind: out_dir / name for kind, name in OUTPUT_FILES.items()}
    meta = {"schema_version": record_schema_version(out_dir) or SCHEMA_VERSION, "tables_version": TABLES_VERSION,
            "generator": f"arclaims {__version__}"}

    def sink(name: str):
        if fmt == "parquet":
            return ParquetSink(dest / f"{name}.parquet", name, {**meta, "table": name}, chunk_rows)
        return CsvSink(dest / f"{name}.csv", name)

    counts: dict[str, int] = {}
    published: dict[str, str | None] = {}
    articles = sink("articles")
    for a in iter_jsonl(files["article"]):
        published[a["article_id"]] = a.get("published")
        articles.add(article_row(a))
    counts["articles"] = articles.close()
    claims, about = sink("claims"), sink("claim_about")
    for c in iter_jsonl(files["claim"]):
        claims.add(claim_table_row(c, published.get(c["article_id"])))
        for row in claim_about_rows(c):
            about.add(row)
    counts["claims"], counts["claim_about"] = claims.close(), about.close()
    mentions = sink("mentions")
    for e in iter_jsonl(files["entity"]):
        mentions.add(mention_row(e))
    counts["mentions"] = mentions.close()
    entities = sink("entities")
    for r in registry_rows(out_dir):
        entities.add(entity_table_row(r))
    counts["entities"] = entities.close()
    return counts
