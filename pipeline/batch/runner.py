"""Batch runs: workers, ordering, incremental skipping, and the run's course.

Workers read their articles (``pipeline.batch.inputs``), skip those whose fingerprint the output
folder already holds, run the pipeline (loaded once per worker) and return each article's
lines serialized; the driver commits the batches in input order through ``pipeline.batch.runstate``
(atomic, crash-safe) and rebuilds the outputs at the end of the run.

An article is skipped when its fingerprint is the one recorded: its text's sha256, date,
title and url, and the run's config, code, models and versions (``run_hash``). Errors
that may pass on a retry (a pipeline exception, a crashed or hung worker, an unreadable
file) are always retried.
"""
from __future__ import annotations

import contextlib
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

from .. import __version__
from ..doc import Article
from .inputs import DEFAULT_MAX_CHARS, InputRef, ReadFailure, find_inputs, one_line, read_ref
from .runstate import (
    Entry,
    Layout,
    RunError,
    State,
    commit_segment,
    config_hash,
    folder_counts,
    load_state,
    locked,
    manifest_bytes,
    recover,
    write_atomic,
    write_views,
)
from ..schema import SCHEMA_VERSION, article_record, document_records, sha256_text, validate

log = logging.getLogger(__name__)

RETRY_KINDS = frozenset({"pipeline", "schema", "worker_crash", "timeout", "unreadable", "too_long"})
DEFAULT_TIMEOUT = 120.0  # seconds an article may take; the 1M-character limit takes ~20 s


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


def files_stamp(config: dict) -> str:
    """Changes whenever the pipeline's code, data or models, or a file the config names (a
    user KB), change: (path, size, mtime) of each, so that no stale record is ever skipped."""
    from ..paths import PACKAGE_DIR, models_dir

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
            from ..nlp import load_pipeline

            from ..errors import UsageError

            try:
                self._nlp = load_pipeline(self.settings.config)
            except UsageError as e:  # a backend that is not installed: its one-line message as it is
                raise PipelineLoadError(str(e)) from None
            except Exception as e:  # noqa: BLE001 - reported once for the whole run
                raise PipelineLoadError(f"could not load the pipeline: {type(e).__name__}: {one_line(str(e))}") from None
        return self._nlp

    def process(self, refs: list[InputRef]) -> list[Outcome]:
        """Outcomes in the order of ``refs``. The articles to analyse go through the pipeline as
        one batch; if anything in the batch fails or overruns, each is redone on its own, so one
        bad article still costs only its own record."""
        read = [self.read(ref) for ref in refs]
        analysed = iter(self.analyse_batch([item for item in read if not isinstance(item, Outcome)]))
        return [item if isinstance(item, Outcome) else next(analysed) for item in read]

    def process_one(self, ref: InputRef) -> Outcome:
        item = self.read(ref)
        return item if isinstance(item, Outcome) else self.analyse(*item)

    def read(self, ref: InputRef) -> Outcome | tuple[Article, str]:
        """The article and its fingerprint, or the outcome already decided (unreadable, or unchanged)."""
        item = read_ref(ref, self.settings.max_chars)
        if isinstance(item, ReadFailure):
            fp = failure_fingerprint(self.rhash, item)
            if fp is not None and self.settings.known.get(item.article_id) == fp:
                return Outcome(item.article_id)
            return failure_outcome(self.rhash, item)
        fp = article_fingerprint(self.rhash, item)
        if self.settings.known.get(item.id) == fp:
            return Outcome(item.id)
        return item, fp

    def analyse_batch(self, items: list[tuple[Article, str]]) -> list[Outcome]:
        if len(items) <= 1:
            return [self.analyse(*item) for item in items]
        nlp = self.nlp
        try:
            with deadline(self.settings.timeout and self.settings.timeout * len(items)):
                docs = nlp.pipe(article for article, _ in items)
        except (ArticleTimeout, Exception):  # noqa: BLE001 - find the culprit one article at a time
            return [self.analyse(*item) for item in items]
        return [self.outcome(article, fp, doc) for (article, fp), doc in zip(items, docs, strict=True)]

    def analyse(self, article: Article, fp: str) -> Outcome:
        nlp = self.nlp
        try:
            with deadline(self.settings.timeout):
                doc = nlp(article)
        except ArticleTimeout:
            return self.error(article, fp, "timeout", f"no result after {self.settings.timeout:g} s (--timeout)")
        except Exception as e:  # noqa: BLE001 - one bad article never stops a run
            return self.error(article, fp, "pipeline", f"{type(e).__name__}: {first_line(e)}")
        return self.outcome(article, fp, doc)

    def outcome(self, article: Article, fp: str, doc) -> Outcome:
        """The records of an analysed article, each checked against the output schema."""
        from jsonschema import ValidationError

        try:
            entities, claims, counts = document_records(doc)
            rec = article_record(article.id, article.source, sha256_text(article.text),
                                 article.published.isoformat() if article.published else None,
                                 counts=counts, title=article.title, url=article.url)
            for kind, records in (("entity", entities), ("claim", claims), ("article", [rec])):
                for r in records:
                    validate(kind, r)
        except Exception as e:  # noqa: BLE001
            kind = "schema" if isinstance(e, ValidationError) else "pipeline"
            return self.error(article, fp, kind, f"{type(e).__name__}: {first_line(e)}")
        return make_outcome(self.rhash, fp, rec, entities, claims)

    def error(self, article: Article, fp: str, kind: str, message: str) -> Outcome:
        return error_outcome(self.rhash, fp, article.id, article.source, kind, message,
                             sha256=sha256_text(article.text), published=article.published,
                             title=article.title, url=article.url)


def first_line(e: BaseException) -> str:
    return str(e).splitlines()[0] if str(e) else ""


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

    def close(self) -> None: ...


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
    skipped_files: int = 0  # files in input folders that are not inputs (named in warnings)
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


ExecutorFactory = Callable[[Settings], Executor]


def progress_bar(enabled: bool, total: int | None):
    from tqdm import tqdm

    return tqdm(total=total, unit="art", disable=not enabled, dynamic_ncols=True, smoothing=0.05, leave=False)


def tally(outcomes: list[Outcome], seen: set[str], state: State, stats: RunStats) -> list[Outcome]:
    """Count a batch's outcomes into ``stats``; the ones to commit (processed, first of their id)."""
    fresh = []
    for o in outcomes:
        stats.inputs += 1
        if o.article_id in seen:
            stats.duplicates += 1
            log.warning("article_id %r appears again in the input; only its first occurrence is kept", o.article_id)
            continue
        seen.add(o.article_id)
        if o.skipped:
            before = state.latest(o.article_id)
            if before is not None and before.status == "ok":
                stats.skipped_ok += 1
            else:
                stats.skipped_error += 1
        else:
            stats.add(o)
            fresh.append(o)
    return fresh


def run(options: RunOptions, executor_factory: ExecutorFactory | None = None) -> RunStats:
    """Process ``options.inputs`` into ``options.out``; resumable, incremental, ordered."""
    started = time.monotonic()
    layout = Layout(Path(options.out))
    if layout.out.exists() and not layout.out.is_dir():
        raise RunError(f"--out {layout.out} is not a folder")
    make_executor = executor_factory or (lambda s: local_executor(s, options.workers))
    stats = RunStats()
    skip_dir = layout.out.resolve()
    not_read: list[str] = []
    if next(iter(find_inputs(options.inputs, skip=skip_dir, on_skip=lambda p, why: not_read.append(str(p)))), None) is None:
        also = f"; not read: {', '.join(not_read[:10])}{' …' if len(not_read) > 10 else ''}" if not_read else ""
        raise RunError(f"no articles in the input (.txt or .html files, .jsonl files, folders of them){also}")

    def skipped_file(path: Path, why: str) -> None:
        stats.skipped_files += 1
        log.warning("%s: not read (%s)", path, why)
    with locked(layout):
        recover(layout)
        state = load_state(layout)
        rhash = run_hash(options.config)
        settings = Settings(options.config, rhash, {} if options.force else state.skippable(), options.max_chars,
                            options.timeout)
        total = sum(1 for _ in find_inputs(options.inputs, skip=skip_dir)) if options.progress else None
        refs = find_inputs(options.inputs, options.published, skip=skip_dir, on_skip=skipped_file)
        seen: set[str] = set()
        ex = make_executor(settings)
        bar = progress_bar(options.progress, total)
        try:
            for batch, outcomes in ordered_outcomes(ex, chunked(refs, options.batch_size), settings.run_hash, options.max_chars):
                fresh = tally(outcomes, seen, state, stats)
                if fresh:
                    for loc in commit_segment(layout, state.next_seq, [(o.entry, o.payload) for o in fresh]):
                        state.add(loc)
                    state.next_seq += 1
                bar.update(len(batch))
        except KeyboardInterrupt:
            stats.interrupted = True
        finally:
            bar.close()
            ex.close()
        # What is on disk is the truth: an interrupt may have come between a segment's
        # rename and its bookkeeping here, and that batch must be kept.
        state = load_state(layout)
        run_input = {"skipped_files": stats.skipped_files}
        if state.segments or not layout.index.exists():
            stats.folder = write_views(state, options.config, rhash, run_input)
        else:  # nothing new: the views stay, the manifest names this run's config and input
            stats.folder = folder_counts(state, rhash)
            write_atomic(layout.manifest, manifest_bytes(options.config, stats.folder, run_input))
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
    parts += [f"{stats.skipped_files:,} file{'s' * (stats.skipped_files != 1)} not read (see the warnings)"] if stats.skipped_files else []
    f = stats.folder
    line = (f"{stats.inputs:,} articles in {stats.seconds:.1f} s ({rate:.1f} articles/s): {', '.join(parts)}; "
            f"{out} holds {f.get('articles', 0):,} articles, {f.get('entities', 0):,} entities, {f.get('claims', 0):,} claims")
    return f"interrupted after {line}; run again to finish" if stats.interrupted else line
