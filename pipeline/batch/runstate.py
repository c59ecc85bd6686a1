"""The run state of an output folder: atomic batch commits and the swap of the outputs.

An output folder holds the outputs and, under ``.arclaims/``, the state a run resumes from::

    entities.jsonl claims.jsonl articles.jsonl manifest.json   the outputs ("views")
    .arclaims/index.jsonl       one line per article in the views: fingerprint, byte sizes
    .arclaims/segments/N.jsonl  a committed batch, not yet merged into the views
    .arclaims/swap.json         a redo log, present only while new views replace the old
    .arclaims/lock              held by the run that writes the folder

A batch is committed when its segment is renamed into place (temp file + fsync + rename):
from then on it survives any crash. The views are rebuilt from the old views and the
segments, in a fixed order (articles already in the views keep their place, new ones
follow in commit order, i.e. input order), written to temp files, and swapped in through
swap.json, which any later run finishes first. So whatever moment a run is killed at, the
next run finds every committed batch and nothing twice.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from .. import __version__
from ..schema import OUTPUT_FILES, SCHEMA_VERSION

STATE_DIR = ".arclaims"
KINDS = ("article", "entity", "claim")  # the order of an article's parts in a segment
MANIFEST = "manifest.json"


class RunError(Exception):
    """The run cannot start or go on (not a bad article): one line for the user."""


def config_hash(config: dict) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Entry:
    """What the state keeps of one article: enough to skip it or to copy its records."""

    article_id: str
    fingerprint: str | None
    status: str  # ok | error
    retry: bool
    run: str  # run_hash of the run that wrote it
    sizes: tuple[int, int, int]  # bytes of its article, entity and claim lines
    records: tuple[int, int]  # number of entity and claim lines

    def to_json(self) -> dict:
        return {"id": self.article_id, "fp": self.fingerprint, "status": self.status, "retry": self.retry,
                "run": self.run, "sizes": list(self.sizes), "records": list(self.records)}

    @classmethod
    def from_json(cls, d: dict) -> "Entry":
        return cls(d["id"], d["fp"], d["status"], d["retry"], d["run"], tuple(d["sizes"]), tuple(d["records"]))

    @property
    def skippable(self) -> bool:
        return self.fingerprint is not None and not self.retry


# --------------------------------------------------------------------------- durable files


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


@dataclass(frozen=True)
class Layout:
    """The paths of an output folder."""

    out: Path

    @property
    def state(self) -> Path:
        return self.out / STATE_DIR

    @property
    def segments(self) -> Path:
        return self.state / "segments"

    @property
    def tmp(self) -> Path:
        return self.state / "tmp"

    @property
    def index(self) -> Path:
        return self.state / "index.jsonl"

    @property
    def swap(self) -> Path:
        return self.state / "swap.json"

    @property
    def manifest(self) -> Path:
        return self.out / MANIFEST

    def view(self, kind: str) -> Path:
        return self.out / OUTPUT_FILES[kind]

    def segment(self, seq: int) -> Path:
        return self.segments / f"{seq:08d}.jsonl"


@contextlib.contextmanager
def locked(layout: Layout) -> Iterator[None]:
    """Only one run writes a folder at a time; the lock dies with its process, even on SIGKILL."""
    layout.segments.mkdir(parents=True, exist_ok=True)
    with open(layout.state / "lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunError(f"{layout.out} is being written by another arclaims run") from None
        yield


def apply_swap(layout: Layout) -> None:
    """Finish the swap that swap.json describes: renames, then the merged segments' removal.

    Every step may be repeated, so a swap killed half-way is finished by the next run.
    """
    plan = json.loads(layout.swap.read_text(encoding="utf-8"))
    for tmp_name, final_name in plan["renames"]:
        tmp = layout.out / tmp_name
        if tmp.exists():
            os.replace(tmp, layout.out / final_name)
    fsync_dir(layout.out)
    fsync_dir(layout.state)
    for name in plan["segments"]:
        (layout.segments / name).unlink(missing_ok=True)
    fsync_dir(layout.segments)
    layout.swap.unlink()
    fsync_dir(layout.state)


def recover(layout: Layout) -> None:
    """Bring a folder left by a killed run back to a committed state."""
    if layout.swap.exists():
        apply_swap(layout)
    for leftover in [*layout.segments.glob("*.tmp"), *layout.state.glob("*.tmp"),
                     *(layout.tmp.iterdir() if layout.tmp.exists() else [])]:
        leftover.unlink()


# --------------------------------------------------------------------------- state


@dataclass(frozen=True)
class Location:
    """Where an article's bytes are: a segment (one payload) or the views (three offsets)."""

    entry: Entry
    segment: Path | None
    offsets: tuple[int, int, int]


@dataclass
class State:
    """The views' articles in order, and the newer versions committed in segments."""

    layout: Layout
    view: list[Location] = field(default_factory=list)
    view_ids: dict[str, Location] = field(default_factory=dict)
    committed: dict[str, Location] = field(default_factory=dict)  # latest per id; key order = first commit
    segments: list[Path] = field(default_factory=list)  # the segment files read into ``committed``
    next_seq: int = 1

    def latest(self, article_id: str) -> Entry | None:
        loc = self.committed.get(article_id) or self.view_ids.get(article_id)
        return loc.entry if loc else None

    def skippable(self) -> dict[str, str]:
        """article_id -> fingerprint of every article a run may skip."""
        latest = {**self.view_ids, **self.committed}
        return {aid: loc.entry.fingerprint for aid, loc in latest.items() if loc.entry.skippable}

    def add(self, loc: Location) -> None:
        """A newer version keeps the place of the first one, so re-runs do not reorder."""
        self.committed[loc.entry.article_id] = loc

    def order(self) -> Iterator[Location]:
        """The views' order: old articles keep their place (newest version), new ones follow."""
        for loc in self.view:
            yield self.committed.get(loc.entry.article_id, loc)
        for aid, loc in self.committed.items():
            if aid not in self.view_ids:
                yield loc


def read_segment(path: Path) -> Iterator[Location]:
    with open(path, "rb") as fh:
        while header := fh.readline():
            entry = Entry.from_json(json.loads(header))
            yield Location(entry, path, (fh.tell(), 0, 0))
            fh.seek(sum(entry.sizes), os.SEEK_CUR)


def check_views(layout: Layout, view: list[Location]) -> None:
    """The views must be the ones the index describes: a run only appends to what it knows."""
    for i, kind in enumerate(KINDS):
        path = layout.view(kind)
        expected = sum(loc.entry.sizes[i] for loc in view)
        size = path.stat().st_size if path.exists() else None
        if size != expected and (size is not None or expected):
            raise RunError(f"{path} was changed after the run that wrote it ({size} bytes, expected {expected}); "
                           f"delete {layout.state} (or the whole folder) to start afresh")


def load_state(layout: Layout) -> State:
    state = State(layout)
    if layout.index.exists():
        offsets = [0, 0, 0]
        with open(layout.index, "rb") as fh:
            for line in fh:
                entry = Entry.from_json(json.loads(line))
                state.view.append(Location(entry, None, tuple(offsets)))
                state.view_ids[entry.article_id] = state.view[-1]
                offsets = [o + s for o, s in zip(offsets, entry.sizes)]
    elif any(layout.view(k).exists() for k in KINDS):
        raise RunError(f"{layout.out} holds outputs that no `arclaims run` state describes; use an empty folder")
    check_views(layout, state.view)
    state.segments = sorted(layout.segments.glob("*.jsonl"))
    for path in state.segments:
        for loc in read_segment(path):
            state.add(loc)
    state.next_seq = int(state.segments[-1].stem) + 1 if state.segments else 1
    return state


def commit_segment(layout: Layout, seq: int, items: list[tuple[Entry, bytes]]) -> list[Location]:
    """Write one batch, (entry, payload) per article, durably (temp + fsync + rename)."""
    path = layout.segment(seq)
    tmp = path.with_name(path.name + ".tmp")
    locations = []
    with open(tmp, "wb") as fh:
        for entry, payload in items:
            fh.write(json.dumps(entry.to_json(), ensure_ascii=False).encode() + b"\n")
            locations.append(Location(entry, path, (fh.tell(), 0, 0)))
            fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)
    return locations


class ByteSource:
    """Reads article parts from the views and segments, one open file per path."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.files: dict[Path, Any] = {}

    def read(self, path: Path, offset: int, size: int) -> bytes:
        if path not in self.files:
            if len(self.files) > 16:
                self.close()
            self.files[path] = open(path, "rb")
        fh = self.files[path]
        fh.seek(offset)
        return fh.read(size)

    def parts(self, loc: Location) -> list[bytes]:
        sizes = loc.entry.sizes
        if loc.segment is not None:
            payload = self.read(loc.segment, loc.offsets[0], sum(sizes))
            return [payload[: sizes[0]], payload[sizes[0]: sizes[0] + sizes[1]], payload[sizes[0] + sizes[1]:]]
        return [self.read(self.layout.view(k), loc.offsets[i], sizes[i]) for i, k in enumerate(KINDS)]

    def close(self) -> None:
        for fh in self.files.values():
            fh.close()
        self.files.clear()


def manifest(config: dict, counts: dict[str, int], run_input: dict[str, int] | None = None) -> dict:
    """No timing or host fields: the same input gives the same bytes (``input``: what the last
    run's listing found, e.g. ``skipped_files``, the files of input folders it did not read)."""
    return {
        "tool": "arclaims",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "config_hash": config_hash(config),
        "components": list(config.get("components", [])),
        "files": dict(OUTPUT_FILES),
        "counts": counts,
        "input": dict(run_input or {"skipped_files": 0}),
    }


def folder_counts(state: State, rhash: str) -> dict[str, int]:
    """What the folder holds once the views are written; ``other_config`` counts articles
    kept from runs with another config, code or models (not in this run's input)."""
    counts = Counter({"articles": 0, "ok": 0, "error": 0, "entities": 0, "claims": 0, "other_config": 0})
    for loc in state.order():
        e = loc.entry
        counts.update({"articles": 1, e.status: 1, "entities": e.records[0], "claims": e.records[1],
                       "other_config": int(e.run != rhash)})
    return dict(counts)


def manifest_bytes(config: dict, counts: dict[str, int], run_input: dict[str, int] | None = None) -> bytes:
    return json.dumps(manifest(config, counts, run_input), ensure_ascii=False, indent=2).encode() + b"\n"


def write_views(state: State, config: dict, rhash: str, run_input: dict[str, int] | None = None) -> dict[str, int]:
    """Rebuild the views from the old views and the segments, then swap them in atomically."""
    layout = state.layout
    layout.tmp.mkdir(exist_ok=True)
    source = ByteSource(layout)
    outs = {k: open(layout.tmp / OUTPUT_FILES[k], "wb") for k in KINDS}
    index = open(layout.tmp / layout.index.name, "wb")
    try:
        for loc in state.order():
            for kind, part in zip(KINDS, source.parts(loc)):
                outs[kind].write(part)
            index.write(json.dumps(loc.entry.to_json(), ensure_ascii=False).encode() + b"\n")
        for fh in [*outs.values(), index]:
            fh.flush()
            os.fsync(fh.fileno())
    finally:
        source.close()
        for fh in [*outs.values(), index]:
            fh.close()
    result = folder_counts(state, rhash)
    write_atomic(layout.tmp / MANIFEST, manifest_bytes(config, result, run_input))
    fsync_dir(layout.tmp)
    tmp_rel = f"{STATE_DIR}/tmp"
    renames = [[f"{tmp_rel}/{OUTPUT_FILES[k]}", OUTPUT_FILES[k]] for k in KINDS]
    renames += [[f"{tmp_rel}/{layout.index.name}", f"{STATE_DIR}/{layout.index.name}"], [f"{tmp_rel}/{MANIFEST}", MANIFEST]]
    segments = [p.name for p in state.segments]  # only those merged: no other may be deleted
    write_atomic(layout.swap, json.dumps({"renames": renames, "segments": segments}).encode())
    apply_swap(layout)
    return result
