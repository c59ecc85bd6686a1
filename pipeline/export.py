"""Exports for re-annotation (Label Studio tasks, brat standoff) and loaders that read them back.

Researchers correct the pipeline's output in an annotation tool, so an export must put every
span at exactly the character it came from and a corrected file must load back into spans.
Offsets everywhere are Python string indices (Unicode code points) into the original text,
end exclusive: Label Studio stores code-point offsets and brat counts characters of its
UTF-8 ``.txt`` the same way, so none are converted. The loaders are the round-trip check.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping

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
