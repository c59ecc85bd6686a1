"""`arclaims run`: outputs, incremental runs, crash safety, worker pool and bad inputs.

Most runs use the segment-only pipeline (fast); the seeds test uses the default one.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from pipeline.batch import runner
from pipeline.cli import main
from pipeline.batch.inputs import find_inputs, load_text
from pipeline.nlp import default_config, merge_config
from pipeline.batch.runner import PoolExecutor, RunOptions, Settings, Worker, run
from pipeline.batch.runstate import Layout, RunError, locked
from pipeline.schema import OUTPUT_FILES, sha256_text, validate

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SEGMENT_ONLY = merge_config(default_config(), {"components": ["segment"]})
OUTPUTS = [OUTPUT_FILES["entity"], OUTPUT_FILES["claim"], OUTPUT_FILES["article"], "manifest.json"]
WORDS = ("قال الباحث إن النموذج الجديد مفتوح المصدر وأضاف أن الشركة ستطلق نسخة أكبر العام المقبل في مؤتمر "
         "صحفي بالرياض وأكد المدير التنفيذي لشركة ميتا أن لاما تتفوق على").split()


@pytest.fixture(autouse=True)
def stable_code_stamp(monkeypatch):
    """Others may save files in pipeline/ while these tests run: that must not count as a
    code change between two runs of one test (subprocess runs keep the real stamp)."""
    monkeypatch.setattr(runner, "files_stamp", lambda config: "tests")


def synthetic_text(rng: random.Random, sentences: int = 6) -> str:
    return " ".join(" ".join(rng.choices(WORDS, k=rng.randint(6, 14))) + "." for _ in range(sentences))


def write_corpus(folder: Path, n: int, seed: int = 1, bad: bool = True) -> Path:
    """n .txt articles with a published.tsv, plus (with ``bad``) an empty and a binary file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    tsv = ["article_id\tpublished"]
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(synthetic_text(rng), encoding="utf-8")
        if i % 3:
            tsv.append(f"a{i:04d}\t2025-0{1 + i % 9}-1{i % 10}")
    (folder / "published.tsv").write_text("\n".join(tsv) + "\n", encoding="utf-8")
    if bad:
        (folder / "a0002_empty.txt").write_bytes(b"")
        (folder / "a0005_blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return folder


def write_jsonl(path: Path, n: int, seed: int = 2) -> Path:
    rng = random.Random(seed)
    rows = [{"id": f"j{i:04d}", "text": synthetic_text(rng), "published": "2025-08-08" if i % 2 else None} for i in range(n)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def options(inputs: list[Path], out: Path, **kw) -> RunOptions:
    return RunOptions(inputs=inputs, out=out, config=kw.pop("config", SEGMENT_ONLY), **kw)


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def lines(out: Path, kind: str) -> list[dict]:
    return [json.loads(line) for line in (out / OUTPUT_FILES[kind]).read_text(encoding="utf-8").splitlines()]


def check_folder(out: Path) -> None:
    """Every line validates; records of an article are contiguous, in article order; spans slice the text."""
    articles = lines(out, "article")
    order = [a["article_id"] for a in articles]
    assert len(set(order)) == len(order)
    texts = {a["article_id"]: load_text(a["source"], max_chars=0) for a in articles if a["status"] == "ok"}
    for a in articles:
        validate("article", a)
        if a["status"] == "ok":
            assert sha256_text(texts[a["article_id"]]) == a["sha256"]
    for kind in ("entity", "claim"):
        recs = lines(out, kind)
        seen = [r["article_id"] for r in recs]
        grouped = list(dict.fromkeys(seen))
        assert grouped == [aid for aid in order if aid in set(seen)], f"{kind} records out of article order"
        for r in recs:
            validate(kind, r)
            text = texts[r["article_id"]]
            spans = [r] if kind == "entity" else [r["speaker"], r["cue"], r["content"]]
            for s in spans:
                assert text[s["start"]:s["end"]] == s["text"]


# --------------------------------------------------------------------------- outputs


def test_seeds_with_the_default_pipeline(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stats = run(RunOptions([SEEDS], out, default_config()))
    assert (stats.ok, stats.inputs) == (5, 5)
    check_folder(out)
    articles = lines(out, "article")
    assert [a["article_id"] for a in articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert articles[0]["published"] == "2025-08-08"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["articles"] == 5 and manifest["schema_version"] == "1.1"
    assert manifest["counts"]["entities"] == len(lines(out, "entity"))
    assert len(manifest["config_hash"]) == 64


@pytest.mark.parametrize(
    "name, content, status, kind",
    [
        ("legacy.txt", "قال الباحث إن النموذج مفتوح.".encode("cp1256"), "ok", None),
        ("empty.txt", b"", "error", "empty"),
        ("blob.txt", b"%PDF-1.4\n" + bytes(range(256)), "error", "binary"),
        ("page.html", "<html><body><nav>قائمة</nav><p>قال الباحث إن النموذج مفتوح.</p></body></html>".encode(), "ok", None),
        ("long.txt", ("كلمة " * 560_000).encode(), "error", "too_long"),
        ("bidi.txt", "\u202bقال الباحث\u202c إن \u2067لاما\u2069 \u200fمفتوح\u200f.".encode(), "ok", None),
        ("gone.txt", None, "error", "unreadable"),
    ],
)
def test_each_bad_input_gives_a_record_and_the_run_goes_on(tmp_path: Path, name, content, status, kind, capsys) -> None:
    folder = write_corpus(tmp_path / "in", 2, bad=False)
    if content is None:
        (folder / name).symlink_to(tmp_path / "missing")
    else:
        (folder / name).write_bytes(content)
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"components": ["segment"]}), encoding="utf-8")
    assert main(["run", str(folder), "--out", str(tmp_path / "out"), "--config", str(cfg), "--workers", "0"]) == 0
    records = {a["article_id"]: a for a in lines(tmp_path / "out", "article")}
    assert len(records) == 3
    rec = records[Path(name).stem]
    assert rec["status"] == status and (rec["error"] or {}).get("kind") == kind
    check_folder(tmp_path / "out")
    assert "3 articles" in capsys.readouterr().err


def test_special_files_are_error_records_and_other_files_are_named_and_counted(tmp_path: Path, monkeypatch, capsys) -> None:
    """A FIFO, a socket and a link loop in an input folder: an error record each, at once; a
    .jsonl beside the .txt files is read; a file of another kind is warned about and counted."""
    import socket

    folder = write_corpus(tmp_path / "in", 2, bad=False)
    write_jsonl(folder / "more.jsonl", 2)
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    monkeypatch.chdir(folder)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind("s.sock")
    sock.close()
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"components": ["segment"]}), encoding="utf-8")

    def expire(signum, frame):
        raise TimeoutError("the run hung on a special file")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        assert main(["run", str(folder), "--out", str(tmp_path / "out"), "--config", str(cfg), "--workers", "0"]) == 0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    records = {a["article_id"]: a for a in lines(tmp_path / "out", "article")}
    assert list(records) == ["a0000", "a0001", "loop", "j0000", "j0001", "pipe", "s"]
    assert {k: (r["error"] or {}).get("kind") for k, r in records.items() if r["status"] == "error"} == \
        {"loop": "not_a_file", "pipe": "not_a_file", "s": "not_a_file"}
    err = capsys.readouterr().err
    assert f"{folder / 'notes.md'}: not read" in err and "1 file not read" in err and "not_a_file 3" in err
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["input"] == {"skipped_files": 1}
    check_folder(tmp_path / "out")


def test_exit_code_is_nonzero_when_no_article_succeeds(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "blob.txt").write_bytes(b"\x00\x01")
    assert main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "0"]) == 1
    err = capsys.readouterr().err
    assert "2 errors (" in err and "no article succeeded" in err
    assert [a["status"] for a in lines(tmp_path / "out", "article")] == ["error", "error"]


def test_usage_errors(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert main(["run", str(tmp_path / "empty"), "--out", str(tmp_path / "o")]) == 2
    bad_cfg = tmp_path / "c.json"
    bad_cfg.write_text('{"components": ["no_such_component"]}', encoding="utf-8")
    assert main(["run", str(SEEDS), "--out", str(tmp_path / "o"), "--config", str(bad_cfg)]) == 2
    err = capsys.readouterr().err
    assert "input not found" in err and "no articles" in err and "no_such_component" in err
    assert not (tmp_path / "o").exists()


def test_jsonl_and_folders_keep_input_order_and_duplicates_keep_the_first(tmp_path: Path, caplog) -> None:
    folder = write_corpus(tmp_path / "in", 3, bad=False)
    jsonl = write_jsonl(tmp_path / "arts.jsonl", 3)
    with jsonl.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a0001", "text": "نص مكرر المعرف."}, ensure_ascii=False) + "\n")
    stats = run(options([folder, jsonl], tmp_path / "out", published=date(2024, 5, 6)))
    assert stats.duplicates == 1 and "a0001" in caplog.text
    articles = lines(tmp_path / "out", "article")
    assert [a["article_id"] for a in articles] == ["a0000", "a0001", "a0002", "j0000", "j0001", "j0002"]
    assert articles[3]["published"] == "2024-05-06" and articles[4]["published"] == "2025-08-08"
    assert articles[1]["source"] == str(folder / "a0001.txt")  # the first occurrence won
    assert articles[4]["source"] == f"{jsonl}:2"


def test_worker_count_does_not_change_the_outputs(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 20)
    run(options([folder], tmp_path / "inline", workers=0, batch_size=3))
    run(options([folder], tmp_path / "two", workers=2, batch_size=3))
    assert snapshot(tmp_path / "inline") == snapshot(tmp_path / "two")


# --------------------------------------------------------------------------- incremental runs


def test_unchanged_articles_are_skipped_and_changed_ones_replaced_in_place(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 6)
    out = tmp_path / "out"
    first = run(options([folder], out))
    before = snapshot(out)
    again = run(options([folder], out))
    assert (again.ok, again.skipped_ok, again.skipped_error) == (0, first.ok, 2)
    assert snapshot(out) == before

    (folder / "a0003.txt").write_text("قال المدير إن النموذج تغير.", encoding="utf-8")
    (folder / "a0009.txt").write_text("مقال جديد تماما.", encoding="utf-8")
    third = run(options([folder], out))
    assert third.ok == 2 and third.skipped_ok == first.ok - 1
    articles = lines(out, "article")
    assert [a["article_id"] for a in articles][-1] == "a0009"
    assert articles[[a["article_id"] for a in articles].index("a0003")]["sha256"] == sha256_text("قال المدير إن النموذج تغير.")
    run(options([folder], tmp_path / "clean"))
    assert snapshot(out) == snapshot(tmp_path / "clean")  # the same bytes as a clean run
    check_folder(out)


def test_force_config_and_date_changes_reprocess(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 4, bad=False)
    out = tmp_path / "out"
    run(options([folder], out))
    assert run(options([folder], out, force=True)).ok == 4
    assert run(options([folder], out, config=merge_config(SEGMENT_ONLY, {"segment": {"x": 1}}))).ok == 4
    tsv = (folder / "published.tsv").read_text(encoding="utf-8").replace("a0001\t", "a0001\t2019-01-01\t#")
    (folder / "published.tsv").write_text(tsv, encoding="utf-8")
    stats = run(options([folder], out, config=merge_config(SEGMENT_ONLY, {"segment": {"x": 1}})))
    assert stats.ok == 1
    assert {a["article_id"]: a["published"] for a in lines(out, "article")}["a0001"] == "2019-01-01"


def test_articles_of_earlier_runs_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(options([write_corpus(tmp_path / "x", 2, bad=False)], out))
    stats = run(options([write_jsonl(tmp_path / "y.jsonl", 2)], out))
    assert [a["article_id"] for a in lines(out, "article")] == ["a0000", "a0001", "j0000", "j0001"]
    assert stats.folder["articles"] == 4


def test_a_folder_in_use_or_not_written_by_a_run_is_refused(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 2, bad=False)
    out = tmp_path / "out"
    with locked(Layout(out)):
        with pytest.raises(RunError, match="another arclaims run"):
            run(options([folder], out))
    run(options([folder], out))
    with (out / "entities.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{}\n")
    with pytest.raises(RunError, match="changed after the run"):
        run(options([folder], out))
    shutil.rmtree(out / ".arclaims")
    with pytest.raises(RunError, match="no `arclaims run` state"):
        run(options([folder], out))


# --------------------------------------------------------------------------- crash safety


class Crash(BaseException):
    """Stands for the process dying: nothing catches it."""


def test_a_crash_at_every_rename_is_recovered_by_the_next_run(tmp_path: Path, monkeypatch) -> None:
    """Every commit point (segment, manifest, swap log, each view) is a rename: die at each one."""
    folder = write_corpus(tmp_path / "in", 7)
    run(options([folder], tmp_path / "clean", batch_size=2))
    clean = snapshot(tmp_path / "clean")
    real_replace, calls = os.replace, []
    monkeypatch.setattr(os, "replace", lambda a, b: calls.append(1) or real_replace(a, b))
    run(options([folder], tmp_path / "count", batch_size=2))
    total = len(calls)
    assert total >= 8
    for k in range(1, total + 1):
        out = tmp_path / f"k{k}"
        calls.clear()

        def dying_replace(a, b, k=k):
            calls.append(1)
            if len(calls) == k:
                raise Crash
            return real_replace(a, b)

        monkeypatch.setattr(os, "replace", dying_replace)
        with pytest.raises(Crash):
            run(options([folder], out, batch_size=2))
        monkeypatch.setattr(os, "replace", real_replace)
        run(options([folder], out, batch_size=2))
        assert snapshot(out) == clean, f"crash at rename {k} of {total}"
        assert not list((out / ".arclaims" / "segments").iterdir())


def poisoned(batch, how: str):
    """Runs in a pool worker: on an article named poison, dies like a segfault ("crash")
    or hangs where no signal reaches it, as inside C code ("hang")."""
    if any("poison" in ref.path for ref in batch):
        if how == "crash":
            os._exit(3)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(600)
    return runner._process_in_worker(batch)


class PoisonPool(PoolExecutor):
    startup_grace = 5.0  # enough to restart a worker on a busy machine; keeps the test short

    def __init__(self, settings, workers: int, how: str):
        self.how = how
        super().__init__(settings, workers)

    def submit(self, batch):
        return self.pool.submit(poisoned, batch, self.how)


def test_a_worker_dying_on_an_article_costs_only_that_article(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 8, bad=False)
    (folder / "a0004_poison.txt").write_text("نص يقتل العامل.", encoding="utf-8")
    out = tmp_path / "out"
    stats = run(options([folder], out, batch_size=3), executor_factory=lambda s: PoisonPool(s, 2, "crash"))
    assert stats.errors == {"worker_crash": 1} and stats.ok == 8
    articles = lines(out, "article")
    assert [a["article_id"] for a in articles] == sorted(p.stem for p in folder.glob("*.txt"))
    poison = next(a for a in articles if a["article_id"] == "a0004_poison")
    assert poison["error"]["kind"] == "worker_crash" and poison["sha256"] == sha256_text("نص يقتل العامل.")
    run(options([folder], tmp_path / "clean", batch_size=3))
    assert [a for a in lines(out, "entity")] == lines(tmp_path / "clean", "entity")


def test_an_article_running_past_the_timeout_gets_an_error_record(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 3, bad=False)
    (folder / "a0001_loops.txt").write_text("نص يدور بلا نهاية.", encoding="utf-8")
    worker = Worker(Settings(SEGMENT_ONLY, "h", timeout=0.3))
    pipeline = worker.nlp

    class LoopingPipeline:
        def __call__(self, article):
            while "loops" in article.id:
                pass
            return pipeline(article)

        def pipe(self, articles):  # the batch overruns first, then each article runs on its own
            return [self(a) for a in articles]

    worker._nlp = LoopingPipeline()
    outcomes = worker.process(list(find_inputs([folder])))
    assert [o.error_kind for o in outcomes] == [None, None, "timeout", None]
    assert outcomes[2].entry.retry


def test_an_article_failing_inside_a_batch_costs_only_its_own_record(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 4, bad=False)
    (folder / "a0002_fails.txt").write_text("نص يكسر المكون.", encoding="utf-8")
    worker = Worker(Settings(SEGMENT_ONLY, "h"))
    pipeline = worker.nlp
    batches = []

    class FailingPipeline:
        def __call__(self, article):
            if "fails" in article.id:
                raise ValueError("a component broke\nsecond line")
            return pipeline(article)

        def pipe(self, articles):
            articles = list(articles)
            batches.append(len(articles))
            return [self(a) for a in articles]

    worker._nlp = FailingPipeline()
    refs = list(find_inputs([folder]))
    outcomes = worker.process(refs)
    assert batches == [5]  # tried as one batch, then article by article
    assert [o.error_kind for o in outcomes] == [None, None, None, "pipeline", None]
    assert "ValueError: a component broke" in outcomes[3].payload.decode()
    worker._nlp = pipeline
    one_by_one = [worker.process_one(ref) for ref in refs]
    assert [o.payload for o in outcomes[:3] + outcomes[4:]] == [o.payload for o in one_by_one[:3] + one_by_one[4:]]


def test_a_worker_hung_beyond_the_timeout_is_killed_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 5, bad=False)
    (folder / "a0002_poison.txt").write_text("نص يعلق العامل.", encoding="utf-8")
    stats = run(options([folder], tmp_path / "out", batch_size=1, timeout=2.0),
                executor_factory=lambda s: PoisonPool(s, 2, "hang"))
    assert stats.errors == {"timeout": 1} and stats.ok == 5
    assert [a["article_id"] for a in lines(tmp_path / "out", "article")] == sorted(p.stem for p in folder.glob("*.txt"))


def test_sigterm_writes_what_was_committed_and_exits_130(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "in", 300, bad=False)
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"components": ["segment"]}), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out), "--config", str(cfg),
                             "--batch-size", "2", "--workers", "1"], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    segments = out / ".arclaims" / "segments"
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline and len(list(segments.glob("*.jsonl")) if segments.exists() else []) < 3:
        time.sleep(0.005)
    proc.terminate()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted after" in err and "run again to finish" in err
    done = lines(out, "article")
    assert 6 <= len(done) < 300
    check_folder(out)


def test_sigkill_at_random_points_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    """SIGKILL the `arclaims run` process at >= 5 random moments, each after it committed
    something of its own; re-run each time; the last run must end with a clean run's bytes."""
    folder = write_corpus(tmp_path / "in", 160)
    jsonl = write_jsonl(tmp_path / "more.jsonl", 120)
    cfg = tmp_path / "cfg.json"
    cfg.write_text(json.dumps({"components": ["segment"]}), encoding="utf-8")

    def command(out: Path, workers: int) -> list[str]:
        return [sys.executable, "-m", "pipeline", "run", str(folder), str(jsonl), "--out", str(out), "--config", str(cfg),
                "--batch-size", "4", "--workers", str(workers), "--quiet"]

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(command(tmp_path / "clean", 1), check=True, env=env, timeout=300)
    clean = snapshot(tmp_path / "clean")

    out = tmp_path / "out"
    segments = out / ".arclaims" / "segments"
    rng = random.Random(int(os.environ.get("ARCLAIMS_KILL_SEED", "6")))
    kills, points = 0, []
    for attempt in range(20):
        if kills >= 5:
            break
        proc = subprocess.Popen(command(out, rng.choice([1, 2])), env=env, start_new_session=True)
        before = set(segments.glob("*.jsonl")) if segments.exists() else set()
        wait_for = rng.randint(1, 6)  # new segments of this run's own before the kill
        delay = rng.uniform(0, 0.15)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            new = (set(segments.glob("*.jsonl")) if segments.exists() else set()) - before
            if len(new) >= wait_for:
                time.sleep(delay)
                break
            time.sleep(0.002)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
            points.append((wait_for, round(delay, 3)))
        proc.wait()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # workers the killed run left behind
        except ProcessLookupError:
            pass
        if proc.returncode == 0:  # finished before the kill: start again from nothing
            shutil.rmtree(out)
    assert kills >= 5, f"only {kills} kills landed"
    subprocess.run(command(out, 2), check=True, env=env, timeout=300)
    got = snapshot(out)
    for name in OUTPUTS:
        assert got[name].splitlines() == clean[name].splitlines(), f"{name} differs after kills at {points}"
    check_folder(out)
