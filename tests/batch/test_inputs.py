"""Finding and reading inputs: every bad input is a ReadFailure with a kind, never an exception."""
from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import time
from datetime import date
from pathlib import Path

import pytest

from pipeline.doc import Article
from pipeline.batch.inputs import (
    InputError,
    ReadFailure,
    check_inputs,
    decode_bytes,
    find_inputs,
    html_to_text,
    load_text,
    parse_published_tsv,
    read_ref,
)

ARABIC = "قال سام ألتمان، الرئيس التنفيذي لشركة أوبن إيه آي، إن النموذج الجديد متاح للجميع."


def read_one(path: Path, **kw) -> Article | ReadFailure:
    (ref,) = list(find_inputs([path]))
    return read_ref(ref, **kw)


def failure_kind(path: Path, **kw) -> str:
    result = read_one(path, **kw)
    assert isinstance(result, ReadFailure), result
    assert "\n" not in result.message and result.message
    return result.kind


def test_folder_order_ids_and_dates(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "published.tsv").write_text("article_id\tpublished\na\t2025-08-08\n", encoding="utf-8")
    refs = list(find_inputs([tmp_path], published=date(2024, 1, 2)))
    assert [r.article_id for r in refs] == ["a", "b", "d"]
    assert [r.published for r in refs] == [date(2025, 8, 8), date(2024, 1, 2), date(2024, 1, 2)]
    assert refs[0].source == str(tmp_path / "a.txt")


def test_output_folder_inside_an_input_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "x.txt").write_text(ARABIC, encoding="utf-8")
    refs = list(find_inputs([tmp_path], skip=(tmp_path / "out").resolve()))
    assert [r.article_id for r in refs] == ["a"]


def test_no_date_stays_none(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    assert read_one(tmp_path / "a.txt").published is None


def test_published_tsv_bad_lines_are_warned_about(caplog) -> None:
    with caplog.at_level(logging.WARNING):
        dates = parse_published_tsv("article_id\tpublished\na\t2025-08-08\nb\tyesterday\nc\n")
    assert dates == {"a": date(2025, 8, 8)}
    assert "yesterday" in caplog.text and ":3:" in caplog.text


def test_missing_input_is_reported_before_anything_runs(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="input not found"):
        check_inputs([tmp_path / "nope"])


def test_jsonl_lines_fields_and_sources(tmp_path: Path) -> None:
    path = tmp_path / "arts.jsonl"
    rows = [
        {"id": "x1", "text": ARABIC, "published": "2025-08-08T10:00:00Z", "title": "t", "url": "https://e.x/1"},
        {"id": 7, "text": ARABIC, "published": "not a date"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows[:1]) + "\n\n" + json.dumps(rows[1]), encoding="utf-8")
    refs = list(find_inputs([path], published=date(2020, 1, 1)))
    assert [r.line for r in refs] == [1, 3]
    a, b = (read_ref(r) for r in refs)
    assert (a.id, a.published, a.title, a.url, a.source) == ("x1", date(2025, 8, 8), "t", "https://e.x/1", f"{path}:1")
    assert (b.id, b.published) == ("7", date(2020, 1, 1))  # an unreadable date falls back to --published


@pytest.mark.parametrize(
    "line, kind",
    [
        ("{not json", "invalid_json"),
        ('["a list"]', "invalid_record"),
        ('{"text": "نص"}', "invalid_record"),
        ('{"id": "x", "text": 3}', "invalid_record"),
        ('{"id": "x", "text": "   "}', "empty"),
    ],
)
def test_bad_jsonl_lines(tmp_path: Path, line: str, kind: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": ARABIC}, ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    good, bad = (read_ref(r) for r in find_inputs([path]))
    assert isinstance(good, Article)
    assert isinstance(bad, ReadFailure) and bad.kind == kind and bad.source == f"{path}:2"
    assert bad.article_id == ("x" if '"id": "x"' in line else "bad-L2")


def test_lone_surrogates_in_jsonl_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"id": "s", "text": "قال \\ud800 باحث"}\n', encoding="utf-8")
    art = read_one(path)
    assert art.text == "قال \ufffd باحث"
    art.text.encode("utf-8")


# ---- one test per bad-input kind of issue 6


def test_invalid_utf8_windows_1256_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes((ARABIC + "\n\n" + ARABIC).encode("cp1256"))
    art = read_one(path)
    assert isinstance(art, Article) and art.text == ARABIC + "\n\n" + ARABIC


def test_mostly_utf8_with_a_stray_byte_is_repaired_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(ARABIC[:10].encode() + b"\xff" + ARABIC[10:].encode())
    art = read_one(path)
    assert art.text == ARABIC[:10] + "\ufffd" + ARABIC[10:]


def test_undecodable_bytes_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as e:
        decode_bytes(bytes(range(0x80, 0x100)) * 3 + b"\x81\x8d\x8f\x90\x9d" * 50)
    assert e.value.kind in {"decode", "binary"}


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(ARABIC.encode("utf-16"))
    assert read_one(path).text == ARABIC


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", "\u200f\u200e ... \n".encode()])
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert failure_kind(path) == "empty"


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n" + os.urandom(200), b"%PDF-1.7\n" + os.urandom(200), b"\x1f\x8b\x08" + os.urandom(200),
     ARABIC.encode() + b"\x00\x00\x00" + ARABIC.encode(), bytes(range(1, 9)) * 100],
)
def test_binary_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(content)
    assert failure_kind(path) == "binary"


PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title> خبر  تقني </title>
<script>var x = "لا تقرأني";</script><style>p { color: red }</style></head>
<body><nav><a href="/">الرئيسية</a></nav><header>شعار الموقع</header>
<article><h1>أوبن إيه آي تطلق نموذجاً</h1><p>قال سام ألتمان إن النموذج <b>متاح</b> للجميع.</p><p>وأضاف أن العمل مستمر.<br>سطر آخر</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_html_file_gives_its_main_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    art = read_one(path)
    assert art.text == "أوبن إيه آي تطلق نموذجاً\n\nقال سام ألتمان إن النموذج متاح للجميع.\n\nوأضاف أن العمل مستمر.\n\nسطر آخر"
    assert art.title == "خبر تقني" and art.id == "page"


def test_html_inside_txt_and_jsonl_is_detected(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "p.jsonl").write_text(json.dumps({"id": "h", "text": PAGE}, ensure_ascii=False) + "\n", encoding="utf-8")
    for path in (tmp_path / "p.txt", tmp_path / "p.jsonl"):
        art = read_one(path)
        assert "<" not in art.text and "سام ألتمان" in art.text and "الحقوق" not in art.text


def test_html_without_main_content_element_drops_navigation() -> None:
    text, title = html_to_text("<html><body><nav>قائمة</nav><div>نص الخبر</div><footer>تذييل</footer></body></html>")
    assert (text, title) == ("نص الخبر", None)


def test_html_with_no_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>x()</script></head><body><nav>x</nav></body></html>", encoding="utf-8")
    assert failure_kind(path) == "empty"


def test_very_long_article_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(("كلمة " * 560_000).encode())  # 5 MB
    assert path.stat().st_size >= 5_000_000
    assert failure_kind(path) == "too_long"
    result = read_one(path, max_chars=0)  # no limit: read in full
    assert isinstance(result, Article) and len(result.text) == 2_800_000


def test_ascii_escaped_jsonl_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "escaped.jsonl"
    path.write_text(json.dumps({"id": "e", "text": "كلمة " * 200}) + "\n", encoding="ascii")  # ~6 bytes a letter
    assert path.stat().st_size > 4 * 1000
    assert isinstance(read_one(path, max_chars=1000), Article)
    assert failure_kind(path, max_chars=900) == "too_long"


def test_bidi_controls_are_kept_so_offsets_match_the_file(tmp_path: Path) -> None:
    text = "\u202bقال سام ألتمان\u202c إن \u2067GPT-oss\u2069 \u200fمفتوح\u200f."
    path = tmp_path / "bidi.txt"
    path.write_text(text, encoding="utf-8")
    assert read_one(path).text == text


def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing")
    refs = list(find_inputs([tmp_path]))
    result = read_ref(refs[0])
    assert isinstance(result, ReadFailure) and result.kind == "unreadable" and result.article_id == "gone"


def test_load_text_reads_sources_the_way_the_run_did(tmp_path: Path) -> None:
    (tmp_path / "legacy.txt").write_bytes(ARABIC.encode("cp1256"))
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("\n" + json.dumps({"id": "j", "text": ARABIC}, ensure_ascii=False) + "\n", encoding="utf-8")
    for ref in find_inputs([tmp_path, jsonl]):
        assert load_text(ref.source) == read_ref(ref).text
    with pytest.raises(InputError):
        load_text(f"{jsonl}:9")


# ---- inputs that are not regular files, and files that are not inputs (issue 15)


@contextlib.contextmanager
def within(seconds: float):
    """Fail (instead of hanging the test run) when the block takes longer than ``seconds``."""

    def expire(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s: something opened a FIFO or followed a loop")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def special_files(folder: Path, monkeypatch) -> None:
    """A FIFO named like an input and one that is not, a socket, a link loop, a folder loop."""
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "feed")
    monkeypatch.chdir(folder)  # a socket's path must be short: bind it relative to its folder
    sock = socket.socket(socket.AF_UNIX)
    sock.bind("s.sock")
    sock.close()
    (folder / "x.txt").symlink_to(folder / "y.txt")
    (folder / "y.txt").symlink_to(folder / "x.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)


def test_fifo_socket_and_loops_in_a_folder_are_error_records_found_without_opening(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    special_files(tmp_path, monkeypatch)
    with within(1.0):
        results = {r.source: read_ref(r) for r in find_inputs([tmp_path])}
    kinds = {Path(src).name: (r.kind if isinstance(r, ReadFailure) else "ok") for src, r in results.items()}
    assert kinds == {"a.txt": "ok", "feed": "not_a_file", "pipe.txt": "not_a_file", "s.sock": "not_a_file",
                     "x.txt": "not_a_file", "y.txt": "not_a_file", "up": "not_a_file"}
    messages = {Path(src).name: r.message for src, r in results.items() if isinstance(r, ReadFailure)}
    assert "FIFO" in messages["pipe.txt"] and "socket" in messages["s.sock"]
    assert "loop" in messages["x.txt"] and "loop" in messages["up"]
    assert results[str(tmp_path / "pipe.txt")].article_id == "pipe"


@pytest.mark.parametrize("name", ["direct.txt", "direct.jsonl", "direct"])
def test_a_fifo_given_as_an_input_is_never_opened(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    with within(1.0):
        (result,) = [read_ref(r) for r in find_inputs([tmp_path / name])]
    assert isinstance(result, ReadFailure) and result.kind == "not_a_file"


def test_a_link_loop_given_as_an_input_exists_and_is_an_error_record(tmp_path: Path) -> None:
    (tmp_path / "x.txt").symlink_to(tmp_path / "y.txt")
    (tmp_path / "y.txt").symlink_to(tmp_path / "x.txt")
    assert check_inputs([tmp_path / "x.txt"]) == [tmp_path / "x.txt"]
    assert failure_kind(tmp_path / "x.txt") == "not_a_file"


def test_a_folder_of_txt_and_jsonl_files_reads_both_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("".join(json.dumps({"id": f"b{i}", "text": ARABIC}, ensure_ascii=False) + "\n"
                                              for i in range(2)), encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "aa").mkdir()  # a folder's files come before its subfolders, as they always did
    (tmp_path / "aa" / "d.ndjson").write_text(json.dumps({"id": "d", "text": ARABIC}, ensure_ascii=False), encoding="utf-8")
    ids = [read_ref(r).id for r in find_inputs([tmp_path])]
    assert ids == ["a", "b0", "b1", "c", "d"]


def test_every_file_of_a_folder_that_is_not_read_is_reported_with_why(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "published.tsv").write_text("article_id\tpublished\na\t2025-08-08\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "old_run" / ".arclaims").mkdir(parents=True)  # an earlier run's output folder
    (tmp_path / "old_run" / "articles.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "out").mkdir()  # this run's own output folder: left out, silently
    (tmp_path / "out" / "y.txt").write_text(ARABIC, encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    refs = list(find_inputs([tmp_path], skip=(tmp_path / "out").resolve(),
                            on_skip=lambda path, why: skipped.append((path.name, why))))
    assert [(r.article_id, r.published) for r in refs] == [("a", date(2025, 8, 8))]
    assert [name for name, _ in skipped] == [".DS_Store", ".git", "notes.md", "old_run", "scan.pdf"]
    reasons = dict(skipped)
    assert "hidden" in reasons[".git"] and "output folder" in reasons["old_run"] and ".txt" in reasons["notes.md"]


@pytest.mark.parametrize(
    "written, day",
    [
        ("2025-08-08", date(2025, 8, 8)),
        ("2025-08-08T23:30:00-05:00", date(2025, 8, 8)),  # the publisher's own day, not UTC's
        ("2025/08/08", date(2025, 8, 8)),
        ("Sun, 18 Feb 2018 03:31:01 GMT", date(2018, 2, 18)),  # RSS feeds, the ANT corpus
        ("18 Feb 2018 03:31:01 +0300", date(2018, 2, 18)),
        ("08/09/2025", None),  # day-first or month-first: not guessed
        ("أمس", None),
        ("", None),
    ],
)
def test_published_dates_feeds_write_are_read(tmp_path: Path, written: str, day: date | None) -> None:
    path = tmp_path / "arts.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARABIC, "published": written}, ensure_ascii=False) + "\n", encoding="utf-8")
    (ref,) = find_inputs([path])
    assert read_ref(ref).published == day


def test_an_unreadable_published_date_is_warned_about(tmp_path: Path, caplog) -> None:
    path = tmp_path / "arts.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARABIC, "published": "08/09/2025"}) + "\n", encoding="utf-8")
    (ref,) = find_inputs([path])
    with caplog.at_level(logging.WARNING, logger="pipeline.batch.inputs"):
        assert read_ref(ref).published is None
    assert "'a'" in caplog.text and "08/09/2025" in caplog.text
