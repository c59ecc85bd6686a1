"""Batch runs: incremental state, atomic batch commits, a worker pool, deterministic order.

An output folder holds the outputs and, under ``.arclaims/``, the run state::

    entities.jsonl claims.jsonl articles.jsonl manifest.json   the outputs ("views")
    .arclaims/index.jsonl       one line per article in the views: fingerprint, byte sizes
    .arclaims/segments/N.jsonl  a committed batch, not yet merged into the views
    .arclaims/swap.json         a redo log, present only while new views replace the old
    .arclaims/lock              held by the run that writes the folder

A batch is committed when its segment is renamed into place (temp file + fsync + rename):
from then on it survives any crash. At the end of a run the views are rebuilt from the
old views and the segments, in a fixed order (articles already in the views keep their
place, new ones follow in commit order, i.e. input order), and swapped in through
swap.json. So a run killed at any moment and re-run skips what was committed, processes
the rest, and writes the very bytes a clean run writes.

An article is skipped when its fingerprint is the one recorded: its text's sha256, date,
title and url, and the run's config, code, models and versions (``run_hash``). Errors
that may pass on a retry (a pipeline exception, a crashed or hung worker, an unreadable
file) are always retried.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import logging
import os
import signal
import threading
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol

import jsonlines

from . import __version__
from .doc import Article
from .inputs import DEFAULT_MAX_CHARS, InputRef, ReadFailure, find_inputs, one_line, read_ref
from .schema import OUTPUT_FILES, SCHEMA_VERSION, article_record, document_records, sha256_text, validate

log = logging.getLogger(__name__)

STATE_DIR = ".arclaims"
KINDS = ("article", "entity", "claim")  # the order of an article's parts in a segment
RETRY_KINDS = frozenset({"pipeline", "schema", "worker_crash", "timeout", "unreadable", "too_long"})
DEFAULT_TIMEOUT = 120.0  # seconds an article may take; the 1M-character limit takes ~20 s
MANIFEST = "manifest.json"


class RunError(Exception):
    """The run cannot start or go on (not a bad article): one line for the user."""


class PipelineLoadError(RunError):
    """The pipeline could not be built in a worker: every article would fail the same way."""


class ArticleTimeout(BaseException):
    """Raised into a component that ran past --timeout (a BaseException, so that a
    component's own ``except Exception`` cannot swallow it)."""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after ``seconds`` with ArticleTimeout (main thread only: a Dask
    worker thread goes without; the driver's batch limit still ends a hung pool worker)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --------------------------------------------------------------------------- fingerprints


def config_hash(config: dict) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def files_stamp(config: dict) -> str:
    """Changes whenever the pipeline's code, data or models, or a file the config names (a
    user KB), change: (path, size, mtime) of each, so that no stale record is ever skipped."""
    from .paths import PACKAGE_DIR, models_dir

    def config_files(value: Any) -> Iterator[Path]:
        if isinstance(value, dict):
            for v in value.values():
                yield from config_files(v)
        elif isinstance(value, list):
            for v in value:
                yield from config_files(v)
        elif isinstance(value, str) and os.path.isfile(value):
            yield Path(value)

    roots = [PACKAGE_DIR, models_dir()]
    files = [f for root in roots if root.is_dir() for f in root.rglob("*") if "__pycache__" not in f.parts]
    h = hashlib.sha256()
    for f in sorted({*files, *config_files(config)}):
        with contextlib.suppress(OSError):
            st = f.stat()
            if f.is_file():
                h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def run_hash(config: dict) -> str:
    """What the records depend on besides the article: config, code, models, versions."""
    key = json.dumps([config_hash(config), files_stamp(config), __version__, SCHEMA_VERSION])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def fingerprint(rhash: str, *parts: Any) -> str:
    return hashlib.sha256(json.dumps([rhash, *parts], default=str, ensure_ascii=False).encode()).hexdigest()[:32]


def article_fingerprint(rhash: str, article: Article) -> str:
    return fingerprint(rhash, sha256_text(article.text), article.published, article.title, article.url)


def failure_fingerprint(rhash: str, failure: ReadFailure) -> str | None:
    """None (always retried) unless the failure is a property of the input's bytes."""
    if failure.raw_sha256 is None or failure.kind in RETRY_KINDS:
        return None
    return fingerprint(rhash, "raw", failure.raw_sha256, failure.published)


# --------------------------------------------------------------------------- outcomes


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


@dataclass(frozen=True)
class Outcome:
    """One input's result: an entry and its serialized lines, or a skip (entry None)."""

    article_id: str
    entry: Entry | None = None
    payload: bytes = b""  # article line, then entity lines, then claim lines
    error_kind: str | None = None

    @property
    def skipped(self) -> bool:
        return self.entry is None


def encode_lines(records: Iterable[dict]) -> bytes:
    buf = io.BytesIO()
    with jsonlines.Writer(buf, compact=True) as writer:
        writer.write_all(records)
        return buf.getvalue()


def make_outcome(rhash: str, fp: str | None, article: dict, entities: list[dict], claims: list[dict]) -> Outcome:
    parts = [encode_lines([article]), encode_lines(entities), encode_lines(claims)]
    error = article["error"]
    retry = fp is None or (error is not None and error["kind"] in RETRY_KINDS)
    entry = Entry(article["article_id"], fp, article["status"], retry, rhash,
                  tuple(len(p) for p in parts), (len(entities), len(claims)))
    return Outcome(entry.article_id, entry, b"".join(parts), error and error["kind"])


def error_outcome(rhash: str, fp: str | None, article_id: str, source: str, kind: str, message: str, *,
                  sha256: str | None = None, published: date | None = None, title=None, url=None) -> Outcome:
    rec = article_record(article_id, source, sha256, published.isoformat() if published else None, status="error",
                         error={"kind": kind, "message": one_line(message)}, counts={}, title=title, url=url)
    validate("article", rec)
    return make_outcome(rhash, fp, rec, [], [])


def failure_outcome(rhash: str, failure: ReadFailure) -> Outcome:
    return error_outcome(rhash, failure_fingerprint(rhash, failure), failure.article_id, failure.source,
                         failure.kind, failure.message, published=failure.published)


CRASH_MESSAGES = {
    "worker_crash": "the worker process died while processing this article",
    "timeout": "the worker process hung on this article and was killed (--timeout)",
}


def crash_outcome(rhash: str, ref: InputRef, max_chars: int, kind: str = "worker_crash") -> Outcome:
    """The record of an article whose worker died (segfault, out of memory) or hung."""
    item = read_ref(ref, max_chars)
    if isinstance(item, ReadFailure):
        return failure_outcome(rhash, item)
    return error_outcome(rhash, None, item.id, item.source, kind, CRASH_MESSAGES[kind], sha256=sha256_text(item.text),
                         published=item.published, title=item.title, url=item.url)


# --------------------------------------------------------------------------- workers


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs, sent once to each worker process."""

    config: dict
    run_hash: str  # computed once, by the driver
    known: dict[str, str] = field(default_factory=dict)  # article_id -> fingerprint to skip
    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float | None = DEFAULT_TIMEOUT  # per article


class Worker:
    """Turns input references into outcomes; the pipeline is loaded once, on first use."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.rhash = settings.run_hash
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            from .nlp import load_pipeline

            try:
                self._nlp = load_pipeline(self.settings.config)
            except Exception as e:  # noqa: BLE001 - reported once for the whole run
                raise PipelineLoadError(f"could not load the pipeline: {type(e).__name__}: {one_line(str(e))}") from None
        return self._nlp

    def process(self, refs: list[InputRef]) -> list[Outcome]:
        return [self.process_one(ref) for ref in refs]

    def process_one(self, ref: InputRef) -> Outcome:
        item = read_ref(ref, self.settings.max_chars)
        if isinstance(item, ReadFailure):
            fp = failure_fingerprint(self.rhash, item)
            if fp is not None and self.settings.known.get(item.article_id) == fp:
                return Outcome(item.article_id)
            return failure_outcome(self.rhash, item)
        fp = article_fingerprint(self.rhash, item)
        if self.settings.known.get(item.id) == fp:
            return Outcome(item.id)
        return self.analyse(item, fp)

    def analyse(self, article: Article, fp: str) -> Outcome:
        sha = sha256_text(article.text)
        published = article.published.isoformat() if article.published else None
        nlp = self.nlp
        try:
            with deadline(self.settings.timeout):
                doc = nlp(article)
            entities, claims, counts = document_records(doc)
            rec = article_record(article.id, article.source, sha, published, counts=counts,
                                 title=article.title, url=article.url)
            for kind, records in (("entity", entities), ("claim", claims), ("article", [rec])):
                for r in records:
                    validate(kind, r)
        except ArticleTimeout:
            kind, message = "timeout", f"no result after {self.settings.timeout:g} s (--timeout)"
        except Exception as e:  # noqa: BLE001 - one bad article never stops a run
            from jsonschema import ValidationError

            kind = "schema" if isinstance(e, ValidationError) else "pipeline"
            message = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
        else:
            return make_outcome(self.rhash, fp, rec, entities, claims)
        return error_outcome(self.rhash, fp, article.id, article.source, kind, message, sha256=sha,
                             published=article.published, title=article.title, url=article.url)


# --------------------------------------------------------------------------- executors


class Executor(Protocol):
    """Runs batches somewhere; ``restart`` recovers from a crashed or hung worker.

    ``timeout`` (seconds an article may take) bounds the wait for a batch, None for no bound;
    ``startup_grace`` is added to it for starting a worker and loading its models.
    """

    window: int
    crash_errors: tuple[type[BaseException], ...]
    timeout: float | None
    startup_grace: float

    def submit(self, batch: list[InputRef]) -> Future: ...

    def restart(self) -> None: ...


class InlineExecutor:
    """One worker in this process: no start-up cost, the simplest to debug."""

    window = 1
    crash_errors: tuple[type[BaseException], ...] = ()
    timeout = None  # the work is done by the time the future exists
    startup_grace = 0.0

    def __init__(self, settings: Settings):
        self.worker = Worker(settings)

    def submit(self, batch: list[InputRef]) -> Future:
        fut: Future = Future()
        try:
            fut.set_result(self.worker.process(batch))
        except RunError as e:
            fut.set_exception(e)
        return fut

    def restart(self) -> None:
        pass

    def close(self) -> None:
        pass


# The worker process's one Worker: set by the pool initializer, as ProcessPoolExecutor requires.
_PROCESS_WORKER: list[Worker] = []


def _exit_with_parent(parent: int, every: float = 0.5) -> None:
    """A worker outliving a SIGKILLed parent would hold its models in memory for ever."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _init_process(settings: Settings) -> None:
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TORCH_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # N processes, not N x cores threads
    _PROCESS_WORKER[:] = [Worker(settings)]


def _process_in_worker(batch: list[InputRef]) -> list[Outcome]:
    return _PROCESS_WORKER[0].process(batch)


class PoolExecutor:
    """N worker processes (spawned: no inherited threads or locks), each loading models once."""

    crash_errors = (BrokenProcessPool,)
    startup_grace = 300.0  # spawning a worker and loading its models

    def __init__(self, settings: Settings, workers: int):
        self.settings, self.workers = settings, workers
        self.window = 2 * workers
        self.timeout = settings.timeout
        self.pool = self._make_pool()

    def _make_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                   initializer=_init_process, initargs=(self.settings,))

    def submit(self, batch: list[InputRef]) -> Future:
        return self.pool.submit(_process_in_worker, batch)

    def restart(self) -> None:
        """A new pool; the old one's workers are killed, as one of them may hang."""
        procs = list((self.pool._processes or {}).values())  # noqa: SLF001 - no public way to kill them
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            if proc.is_alive():
                proc.kill()
        self.pool = self._make_pool()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def local_executor(settings: Settings, workers: int):
    """``workers`` processes; 0 runs in this process (no isolation from crashes or hangs)."""
    return InlineExecutor(settings) if workers == 0 else PoolExecutor(settings, workers)


def batch_limit(ex: Executor, size: int) -> float | None:
    """How long a batch may take: every article using up its timeout, one more, and the
    start of a worker. Only hangs that no signal reaches (in C code) come to that: the
    worker's own deadline ends the others after ``timeout``."""
    return ex.timeout * (size + 1) + ex.startup_grace if ex.timeout else None


def lost_article(ex: Executor, ref: InputRef, rhash: str, max_chars: int, hung: bool) -> Outcome:
    log.warning("%s: the worker %s on this article; recorded as an error", ref.source, "hung" if hung else "died")
    return crash_outcome(rhash, ref, max_chars, "timeout" if hung else "worker_crash")


def isolate(ex: Executor, batch: list[InputRef], rhash: str, max_chars: int) -> list[Outcome]:
    """A batch whose worker died or hung, run one article at a time to find the culprit."""
    outcomes = []
    for ref in batch:
        try:
            outcomes.extend(ex.submit([ref]).result(timeout=batch_limit(ex, 1)))
        except (*ex.crash_errors, TimeoutError) as e:
            ex.restart()
            outcomes.append(lost_article(ex, ref, rhash, max_chars, isinstance(e, TimeoutError)))
    return outcomes


def ordered_outcomes(ex: Executor, batches: Iterable[list[InputRef]], rhash: str, max_chars: int
                     ) -> Iterator[tuple[list[InputRef], list[Outcome]]]:
    """(batch, outcomes) in input order, with at most ``ex.window`` batches in flight.

    When a worker dies or a batch overruns its time, the batch is re-run one article at a
    time (``isolate``) and the batches in flight with it are submitted again. (The batch
    waited on is the oldest in flight, so it was running: an overrun is its own.)
    """

    def submit(batch: list[InputRef]) -> Future:
        try:
            return ex.submit(batch)
        except ex.crash_errors:  # broke since the last result; those in flight fail too
            ex.restart()
            return ex.submit(batch)

    pending: deque[tuple[list[InputRef], Future]] = deque()
    batches = iter(batches)
    while True:
        while len(pending) < ex.window and (batch := next(batches, None)) is not None:
            pending.append((batch, submit(batch)))
        if not pending:
            return
        batch, fut = pending.popleft()
        try:
            outcomes = fut.result(timeout=batch_limit(ex, len(batch)))
        except (*ex.crash_errors, TimeoutError) as e:
            ex.restart()
            if isinstance(e, TimeoutError) and len(batch) == 1:
                outcomes = [lost_article(ex, batch[0], rhash, max_chars, hung=True)]
            else:
                outcomes = isolate(ex, batch, rhash, max_chars)
            pending = deque((b, submit(b)) for b, _ in pending)
        yield batch, outcomes


def chunked(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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


def commit_segment(layout: Layout, seq: int, outcomes: list[Outcome]) -> list[Location]:
    """Write one batch durably (temp + fsync + rename); returns where its articles are."""
    path = layout.segment(seq)
    tmp = path.with_name(path.name + ".tmp")
    locations = []
    with open(tmp, "wb") as fh:
        for o in outcomes:
            fh.write(json.dumps(o.entry.to_json(), ensure_ascii=False).encode() + b"\n")
            locations.append(Location(o.entry, path, (fh.tell(), 0, 0)))
            fh.write(o.payload)
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


def manifest(config: dict, counts: dict[str, int]) -> dict:
    return {
        "tool": "arclaims",
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "config_hash": config_hash(config),
        "components": list(config.get("components", [])),
        "files": dict(OUTPUT_FILES),
        "counts": counts,
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


def manifest_bytes(config: dict, counts: dict[str, int]) -> bytes:
    return json.dumps(manifest(config, counts), ensure_ascii=False, indent=2).encode() + b"\n"


def write_views(state: State, config: dict, rhash: str) -> dict[str, int]:
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
    write_atomic(layout.tmp / MANIFEST, manifest_bytes(config, result))
    fsync_dir(layout.tmp)
    tmp_rel = f"{STATE_DIR}/tmp"
    renames = [[f"{tmp_rel}/{OUTPUT_FILES[k]}", OUTPUT_FILES[k]] for k in KINDS]
    renames += [[f"{tmp_rel}/{layout.index.name}", f"{STATE_DIR}/{layout.index.name}"], [f"{tmp_rel}/{MANIFEST}", MANIFEST]]
    segments = [p.name for p in state.segments]  # only those merged: no other may be deleted
    write_atomic(layout.swap, json.dumps({"renames": renames, "segments": segments}).encode())
    apply_swap(layout)
    return result


# --------------------------------------------------------------------------- a run


@dataclass(frozen=True)
class RunOptions:
    inputs: list[Path]
    out: Path
    config: dict
    published: date | None = None
    workers: int = 0  # 0: in this process
    batch_size: int = 16
    force: bool = False
    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float | None = DEFAULT_TIMEOUT
    progress: bool = False


@dataclass
class RunStats:
    """What one run did; ``folder`` is what the output folder holds afterwards."""

    inputs: int = 0
    ok: int = 0
    errors: Counter = field(default_factory=Counter)  # by kind
    skipped_ok: int = 0
    skipped_error: int = 0
    duplicates: int = 0
    entities: int = 0
    claims: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    folder: dict[str, int] = field(default_factory=dict)

    @property
    def succeeded(self) -> int:
        return self.ok + self.skipped_ok

    def add(self, o: Outcome) -> None:
        if o.entry.status == "ok":
            self.ok += 1
            self.entities += o.entry.records[0]
            self.claims += o.entry.records[1]
        else:
            self.errors[o.error_kind] += 1


ExecutorFactory = Callable[[Settings], Any]


def progress_bar(enabled: bool, total: int | None):
    from tqdm import tqdm

    return tqdm(total=total, unit="art", disable=not enabled, dynamic_ncols=True, smoothing=0.05, leave=False)


def run(options: RunOptions, executor_factory: ExecutorFactory | None = None) -> RunStats:
    """Process ``options.inputs`` into ``options.out``; resumable, incremental, ordered."""
    started = time.monotonic()
    layout = Layout(Path(options.out))
    if layout.out.exists() and not layout.out.is_dir():
        raise RunError(f"--out {layout.out} is not a folder")
    make_executor = executor_factory or (lambda s: local_executor(s, options.workers))
    stats = RunStats()
    skip_dir = layout.out.resolve()
    if next(iter(find_inputs(options.inputs, skip=skip_dir)), None) is None:
        raise RunError("no articles in the input (.txt or .html files, folders of them, .jsonl files)")
    with locked(layout):
        recover(layout)
        state = load_state(layout)
        rhash = run_hash(options.config)
        settings = Settings(options.config, rhash, {} if options.force else state.skippable(), options.max_chars,
                            options.timeout)
        total = sum(1 for _ in find_inputs(options.inputs, skip=skip_dir)) if options.progress else None
        refs = find_inputs(options.inputs, options.published, skip=skip_dir)
        seen: set[str] = set()
        ex = make_executor(settings)
        bar = progress_bar(options.progress, total)
        try:
            for batch, outcomes in ordered_outcomes(ex, chunked(refs, options.batch_size), settings.run_hash, options.max_chars):
                fresh = []
                for o in outcomes:
                    stats.inputs += 1
                    if o.article_id in seen:
                        stats.duplicates += 1
                        log.warning("article_id %r appears again in the input; only its first occurrence is kept", o.article_id)
                    elif o.skipped:
                        seen.add(o.article_id)
                        before = state.latest(o.article_id)
                        if before is not None and before.status == "ok":
                            stats.skipped_ok += 1
                        else:
                            stats.skipped_error += 1
                    else:
                        seen.add(o.article_id)
                        stats.add(o)
                        fresh.append(o)
                if fresh:
                    for loc in commit_segment(layout, state.next_seq, fresh):
                        state.add(loc)
                    state.next_seq += 1
                bar.update(len(batch))
        except KeyboardInterrupt:
            stats.interrupted = True
        finally:
            bar.close()
            (getattr(ex, "close", None) or (lambda: None))()
        # What is on disk is the truth: an interrupt may have come between a segment's
        # rename and its bookkeeping here, and that batch must be kept.
        state = load_state(layout)
        if state.segments or not layout.index.exists():
            stats.folder = write_views(state, options.config, rhash)
        else:  # nothing new: the views stay, the manifest names this run's config
            stats.folder = folder_counts(state, rhash)
            write_atomic(layout.manifest, manifest_bytes(options.config, stats.folder))
    stats.seconds = time.monotonic() - started
    return stats


def summary(stats: RunStats, out: Path) -> str:
    """The one line a run ends with."""
    rate = stats.inputs / stats.seconds if stats.seconds else 0.0
    errors = sum(stats.errors.values())
    kinds = ", ".join(f"{k} {n}" for k, n in stats.errors.most_common())
    skipped = stats.skipped_ok + stats.skipped_error
    parts = [f"{stats.ok:,} ok"] if stats.ok or not (errors or skipped) else []
    parts += [f"{errors:,} errors ({kinds})"] if errors else []
    parts += [f"{skipped:,} unchanged (skipped)"] if skipped else []
    parts += [f"{stats.duplicates:,} duplicate ids ignored"] if stats.duplicates else []
    f = stats.folder
    line = (f"{stats.inputs:,} articles in {stats.seconds:.1f} s ({rate:.1f} articles/s): {', '.join(parts)}; "
            f"{out} holds {f.get('articles', 0):,} articles, {f.get('entities', 0):,} entities, {f.get('claims', 0):,} claims")
    return f"interrupted after {line}; run again to finish" if stats.interrupted else line
