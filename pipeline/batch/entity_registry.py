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
import secrets
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from camel_tools.utils.dediac import dediac_ar

from ..schema import OUTPUT_FILES

REGISTRY_FILE = "registry.jsonl"
TYPE_ORDER = ("PERSON", "ORG", "MODEL", "LOC")


def read_jsonl(path: Path) -> Iterator[dict]:
    """The records of a JSON Lines file, one at a time (an output folder can be larger than memory)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def surface(text: str) -> str:
    """A mention's text as an alias: without diacritics, tatweel and doubled spaces."""
    return " ".join(dediac_ar(text).replace("\u0640", "").split())


def most_common(values: Iterable[str | None] | Counter, tie_order: tuple[str, ...] = ()) -> str | None:
    """The most frequent non-empty value (of an iterable, or of a Counter of values); ties go to
    ``tie_order``, then the longest, then the alphabetically first (so the choice never depends
    on input order)."""
    counts = {v: n for v, n in (values if isinstance(values, Counter) else Counter(values)).items() if v}
    if not counts:
        return None
    rank = {v: k for k, v in enumerate(tie_order)}
    return min(counts, key=lambda v: (-counts[v], rank.get(v, len(rank)), -len(v), v))


class _Tally:
    """What the registry keeps of one entity's mentions: counts, not the mentions themselves."""

    __slots__ = ("types", "canonicals", "aliases", "kb_ids", "mentions", "articles")

    def __init__(self) -> None:
        self.types: Counter = Counter()
        self.canonicals: Counter = Counter()
        self.aliases: Counter = Counter()
        self.kb_ids: Counter = Counter()
        self.mentions = 0
        self.articles: set[str] = set()

    def add(self, rec: dict) -> None:
        self.types[rec["type"]] += 1
        self.canonicals[rec.get("canonical")] += 1
        self.aliases[surface(rec["text"])] += 1
        self.kb_ids[rec.get("kb_id")] += 1
        self.mentions += 1
        self.articles.add(rec["article_id"])


def registry_records(entities: Iterable[dict], claims: Iterable[dict]) -> dict[str, dict]:
    """One record per entity_id of the mentions (DATE and unresolved mentions have none).

    Both inputs are streamed: memory grows with the number of entities, not of mentions, so
    the registry of a 10,000-article folder costs no more than the run's workers."""
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for rec in entities:
        if rec.get("entity_id"):
            tallies[rec["entity_id"]].add(rec)
    claim_counts = Counter(c["speaker"]["entity_id"] for c in claims if (c.get("speaker") or {}).get("entity_id"))
    out: dict[str, dict] = {}
    for eid, t in tallies.items():
        out[eid] = {
            "entity_id": eid,
            "type": most_common(t.types, TYPE_ORDER),
            "canonical": most_common(t.canonicals) or most_common(t.aliases),
            "aliases": sorted(t.aliases, key=lambda a: (-t.aliases[a], a)),
            "kb_id": most_common(t.kb_ids),
            "mention_count": t.mentions,
            "article_ids": sorted(t.articles),
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
    """Write then rename, so a reader never sees half a registry. (Not ``mkstemp``: its file is
    private to the owner, while the registry should be as readable as the run's other outputs.)"""
    tmp = str(path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "x", encoding="utf-8") as fh:
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
    path = out / REGISTRY_FILE
    old = {r["entity_id"]: r for r in read_jsonl(path)}
    new = registry_records(read_jsonl(out / OUTPUT_FILES["entity"]), read_jsonl(out / OUTPUT_FILES["claim"]))
    merged = merge_registry(old, new)
    write_jsonl_atomic(path, (merged[eid] for eid in sorted(merged)))
    return path
