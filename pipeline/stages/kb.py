"""The knowledge base of AI organisations, models, people and places (models/kb/entities.jsonl).

Users extend or override it with files in the same format (``--kb my_entities.jsonl``): an
entry with a known id replaces the built-in one's fields it sets (aliases are added); a new
id adds an entity.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import jsonlines

from ..paths import models_dir

TYPES = ("ORG", "MODEL", "PERSON", "LOC")


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    canonical: str
    aliases: tuple[str, ...]
    org: str | None = None
    parent: str | None = None
    family: bool = False
    version_sep: str = " "
    role: str | None = None
    description: str | None = None
    source: str | None = None  # where the canonical name and facts are checked (see models/kb/README.md)


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, paths: Iterable[Path | str] | None = None) -> "KnowledgeBase":
        """The built-in KB, then each user file in order (later files win)."""
        kb = cls()
        for path in [models_dir() / "kb" / "entities.jsonl", *(paths or [])]:
            kb.update(read_entries(Path(path)))
        return kb

    def update(self, rows: Iterable[dict]) -> None:
        for row in rows:
            old = self.entries.get(row["id"])
            if old is not None:
                aliases = tuple(dict.fromkeys([*old.aliases, *row.get("aliases", [])]))
                merged = {**old.__dict__, **{k: v for k, v in row.items() if k in Entry.__dataclass_fields__}}
                merged["aliases"] = aliases
                self.entries[row["id"]] = Entry(**merged)
            else:
                self.entries[row["id"]] = entry_from_row(row)

    def __getitem__(self, entity_id: str) -> Entry:
        return self.entries[entity_id]

    def __contains__(self, entity_id: str) -> bool:
        return entity_id in self.entries

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)


def entry_from_row(row: dict) -> Entry:
    if row.get("type") not in TYPES:
        raise ValueError(f"KB entry {row.get('id')!r}: type must be one of {TYPES}")
    fields = {k: v for k, v in row.items() if k in Entry.__dataclass_fields__}
    aliases = list(dict.fromkeys([row["canonical"], *row.get("aliases", [])]))
    fields["aliases"] = tuple(aliases)
    return Entry(**fields)


def read_entries(path: Path) -> list[dict]:
    if not path.exists():
        raise FileNotFoundError(f"knowledge base file not found: {path}")
    with jsonlines.open(path) as reader:
        rows = [row for row in reader if row]
    for i, row in enumerate(rows, 1):
        missing = {"id", "type", "canonical"} - set(row)
        if missing:
            raise ValueError(f"{path}:{i}: KB entry lacks {', '.join(sorted(missing))}")
    return rows
