"""Exports for re-annotation: reloading an export gives back the same spans, offsets and claims."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.export import (Annotated, Span, annotated, brat_ann, load_brat, load_label_studio, parse_brat,
                             write_brat, write_label_studio)
from pipeline.outdir import find_texts, load_output
from view_fixtures import TEXTS, make_output


def expected_docs(out: Path) -> dict[str, Annotated]:
    """What the records say, as spans: the reference every reload is compared with."""
    folder = load_output(out)
    texts = find_texts(folder.articles, [], out)
    return {a["article_id"]: annotated(a["article_id"], texts[a["article_id"]].text, folder.entities.get(a["article_id"], []),
                                       folder.claims.get(a["article_id"], []), a["sha256"])
            for a in folder.articles if texts[a["article_id"]].verified}


def assert_same(reloaded: list[Annotated], expected: dict[str, Annotated], *, claim_ids: bool) -> None:
    assert {d.article_id for d in reloaded} == set(expected)
    for doc in reloaded:
        want = expected[doc.article_id]
        assert doc.text == want.text == TEXTS[doc.article_id]
        assert doc.spans == want.spans
        assert all(doc.text[s.start:s.end] == s.text for s in doc.spans)
        assert doc.claim_triples() == want.claim_triples()
        if claim_ids:
            assert {c.claim_id for c in doc.claims} == {c.claim_id for c in want.claims}


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    return make_output(tmp_path)


def test_label_studio_round_trip(out: Path, tmp_path: Path) -> None:
    expected = expected_docs(out)
    write_label_studio(expected.values(), tmp_path / "ls")
    assert_same(load_label_studio(tmp_path / "ls" / "tasks.json"), expected, claim_ids=False)


def test_brat_round_trip(out: Path, tmp_path: Path) -> None:
    expected = expected_docs(out)
    write_brat(expected.values(), tmp_path / "brat")
    assert_same(load_brat(tmp_path / "brat"), expected, claim_ids=True)


@pytest.mark.parametrize("fmt,loader", [("label-studio", load_label_studio), ("brat", load_brat)])
def test_cli_export_round_trip(out: Path, tmp_path: Path, fmt, loader) -> None:
    dest = tmp_path / fmt
    assert main(["export", "--format", fmt, str(out), "--out", str(dest)]) == 0
    expected = expected_docs(out)
    assert set(expected) == {"art_inject", "art_plain"}  # the third article's text is gone
    assert_same(loader(dest), expected, claim_ids=fmt == "brat")


def test_label_studio_task_shape(out: Path, tmp_path: Path) -> None:
    write_label_studio(expected_docs(out).values(), tmp_path / "ls")
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text(encoding="utf-8"))
    result = tasks[0]["predictions"][0]["result"]
    regions = [r for r in result if r["type"] == "labels"]
    assert all(set(r["value"]) == {"start", "end", "text", "labels"} for r in regions)
    assert all(r["from_name"] == "label" and r["to_name"] == "text" for r in regions)
    rels = [r for r in result if r["type"] == "relation"]
    assert {r["labels"][0] for r in rels} == {"speaker", "content"}
    config = (tmp_path / "ls" / "label_config.xml").read_text(encoding="utf-8")
    assert all(f'value="{label}"' in config for label in ("PERSON", "ORG", "MODEL", "DATE", "LOC", "SPEAKER", "CUE", "CONTENT"))


def test_corrected_annotations_win_over_predictions(out: Path, tmp_path: Path) -> None:
    write_label_studio(expected_docs(out).values(), tmp_path / "ls")
    path = tmp_path / "ls" / "tasks.json"
    tasks = json.loads(path.read_text(encoding="utf-8"))
    text = tasks[1]["data"]["text"]
    start = text.index("Qwen")
    tasks[1]["annotations"] = [{"result": [{"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
                                            "value": {"start": start, "end": start + 4, "text": "Qwen", "labels": ["ORG"]}}]}]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    doc = load_label_studio(path)[1]
    assert doc.spans == (Span(start, start + 4, "ORG", "Qwen"),)


def test_brat_splits_spans_at_newlines_and_reloads_them_whole() -> None:
    text = "قال باحث:\r\nإن النموذج\nمفتوح 🚀 تمامًا"
    start, end = text.index("إن"), len(text)
    doc = Annotated("x", text, (Span(0, 3, "CUE", "قال"), Span(4, 8, "SPEAKER", "باحث"), Span(start, end, "CONTENT", text[start:end])))
    ann = brat_ann(doc)
    content_line = next(line for line in ann.splitlines() if line.startswith("T3"))
    assert ";" in content_line and "\n" not in content_line.split("\t")[2]
    assert parse_brat("x", text, ann).spans == doc.spans


def test_brat_keeps_the_text_byte_for_byte(tmp_path: Path) -> None:
    text = "سطر أول\r\nسطر ثانٍ 🚀 وفيه OpenAI\n"
    start = text.index("OpenAI")
    doc = Annotated("a/b c", text, (Span(start, start + 6, "ORG", "OpenAI"),))
    write_brat([doc], tmp_path)
    (reloaded,) = load_brat(tmp_path)
    assert reloaded.article_id == "a/b c" and reloaded.text == text and reloaded.spans == doc.spans
    assert (tmp_path / "annotation.conf").exists() and (tmp_path / "visual.conf").exists()


def test_export_without_any_text_is_a_usage_error(out: Path, tmp_path: Path) -> None:
    (tmp_path / "inputs").rename(tmp_path / "elsewhere")
    assert main(["export", "--format", "brat", str(out)]) == 2
    assert main(["export", "--format", "brat", str(out), "--input", str(tmp_path / "elsewhere"), "--out", str(tmp_path / "b")]) == 0
    assert len(load_brat(tmp_path / "b")) == 2
