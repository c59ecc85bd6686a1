"""``registry.jsonl``: one line per entity of an output folder, for counting across articles.

Built from a finished run's ``entities.jsonl`` (and ``claims.jsonl`` for claim counts)::

    {"entity_id", "type", "canonical", "aliases": [...], "kb_id", "mention_count",
     "article_ids": [...], "claim_count"}

sorted by ``entity_id``. Ids come from resolution (KB ids, or hashes of a name's phonetic
key), so they are the same on every run; the registry never renumbers. When the folder
already holds a registry it is merged: an entity keeps its earlier canonical label and
aliases (new spellings are added), and an entity no longer seen keeps its line with zero
counts, so an id once published never disappears.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

from camel_tools.utils.dediac import dediac_ar

from .schema import OUTPUT_FILES

REGISTRY_FILE = "registry.jsonl"
TYPE_ORDER = ("PERSON", "ORG", "MODEL", "LOC")


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def surface(text: str) -> str:
    """A mention's text as an alias: without diacritics, tatweel and doubled spaces."""
    return " ".join(dediac_ar(text).replace("\u0640", "").split())


def most_common(values: Iterable[str | None], tie_order: tuple[str, ...] = ()) -> str | None:
    """The most frequent non-empty value; ties go to ``tie_order``, then the longest, then the
    alphabetically first (so the choice never depends on input order)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    rank = {v: k for k, v in enumerate(tie_order)}
    return min(counts, key=lambda v: (-counts[v], rank.get(v, len(rank)), -len(v), v))


def registry_records(entities: list[dict], claims: list[dict]) -> dict[str, dict]:
    """One record per entity_id of the mentions (DATE and unresolved mentions have none)."""
    by_id: dict[str, list[dict]] = defaultdict(list)
    for rec in entities:
        if rec.get("entity_id"):
            by_id[rec["entity_id"]].append(rec)
    claim_counts = Counter(c["speaker"]["entity_id"] for c in claims if c.get("speaker", {}).get("entity_id"))
    out: dict[str, dict] = {}
    for eid, recs in by_id.items():
        aliases = Counter(surface(r["text"]) for r in recs)
        out[eid] = {
            "entity_id": eid,
            "type": most_common((r["type"] for r in recs), TYPE_ORDER),
            "canonical": most_common(r.get("canonical") for r in recs) or most_common(aliases.elements()),
            "aliases": sorted(aliases, key=lambda a: (-aliases[a], a)),
            "kb_id": most_common(r.get("kb_id") for r in recs),
            "mention_count": len(recs),
            "article_ids": sorted({r["article_id"] for r in recs}),
            "claim_count": claim_counts.get(eid, 0),
        }
    return out


def merge_registry(old: dict[str, dict], new: dict[str, dict]) -> dict[str, dict]:
    """The new records, keeping each known entity's earlier canonical and aliases; entities of
    the old registry that this run no longer has stay, with zero counts."""
    merged: dict[str, dict] = {}
    for eid in sorted(set(old) | set(new)):
        before, now = old.get(eid), new.get(eid)
        if now is None:
            merged[eid] = {**before, "mention_count": 0, "article_ids": [], "claim_count": 0}
            continue
        if before is not None:
            known = list(before.get("aliases", []))
            now = {**now, "canonical": before.get("canonical") or now["canonical"],
                   "aliases": known + [a for a in now["aliases"] if a not in known],
                   "kb_id": now["kb_id"] or before.get("kb_id")}
        merged[eid] = now
    return merged


def write_jsonl_atomic(path: Path, records: Iterable[dict]) -> None:
    """Write then rename, so a reader never sees half a registry."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def build_registry(output_dir: Path | str) -> Path:
    """Write ``registry.jsonl`` for the run in ``output_dir`` (merging an existing one); returns its path."""
    out = Path(output_dir)
    entities = read_jsonl(out / OUTPUT_FILES["entity"])
    claims = read_jsonl(out / OUTPUT_FILES["claim"])
    path = out / REGISTRY_FILE
    old = {r["entity_id"]: r for r in read_jsonl(path)}
    merged = merge_registry(old, registry_records(entities, claims))
    write_jsonl_atomic(path, (merged[eid] for eid in sorted(merged)))
    return path
