"""``arclaims stats`` and the counting rules it shares with the report's overview."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.report.stats import RunCounts, claim_month, count_run, entity_key, month_range
from view_fixtures import CUE_SENSE, make_output


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    return make_output(tmp_path)


def ref(eid: str | None, name: str, type_: str = "ORG") -> dict:
    return {"entity_id": eid, "canonical": name, "type": type_, "text": name}


def claim(speaker: dict, about: list[dict], *, date: dict | None = None, sense: str | None = None, qt: str = "indirect",
          article: str = "a") -> dict:
    return {"article_id": article, "speaker": speaker, "cue": {"lemma": "قال", **({"sense": sense} if sense else {})},
            "about": about, "date": date, "quote_type": qt}


def test_claim_month_prefers_its_own_date_within_one_month() -> None:
    c = claim(ref(None, "الخبراء", "GROUP"), [])
    assert claim_month(c, "2025-08-08") == "2025-08"
    assert claim_month({**c, "date": {"value": "2025-03-14"}}, "2025-08-08") == "2025-03"
    assert claim_month({**c, "date": {"value": "2025-W10"}}, "2025-08-08") == "2025-03"
    # A year or a quarter is no month: the publication month stands in.
    assert claim_month({**c, "date": {"value": "2024"}}, "2025-08-08") == "2025-08"
    assert claim_month({**c, "date": {"value": "2025-Q1"}}, None) is None
    assert claim_month({**c, "date": {"value": None}}, "no date") is None


def test_counts_claims_not_mentions_and_ranks_ties_by_name() -> None:
    openai, meta, expert = ref("org/openai", "OpenAI"), ref("org/meta", "Meta"), ref(None, "الخبراء", "GROUP")
    altman = {**ref("person/altman", "Sam Altman", "PERSON"), "affiliation": {"canonical": "OpenAI", "text": "OpenAI"}}
    claims = [
        claim(altman, [openai, openai], sense="announce", date={"value": "2025-07-02"}),  # OpenAI twice: one claim
        claim(altman, [meta], sense="warn"),
        claim(expert, [openai], sense="warn", qt="direct"),
        claim(expert, [meta], article="b"),
    ]
    counts = count_run([{"article_id": "a", "published": "2025-08-08", "status": "ok"},
                        {"article_id": "b", "published": None, "status": "error"}], claims)
    s = counts.summary(top=5)
    assert s["articles"] == {"total": 2, "by_status": {"error": 1, "ok": 1}}
    assert s["claims"]["total"] == 4
    assert s["claims"]["by_quote_type"] == {"indirect": 3, "direct": 1}
    assert s["claims"]["by_cue_sense"] == {"warn": 2, "announce": 1, "unknown": 1}
    assert [(x["name"], x["claims"]) for x in s["top_about"]] == [("Meta", 2), ("OpenAI", 2)]
    assert [(x["name"], x["type"], x["claims"]) for x in s["top_speakers"]] == [("Sam Altman", "PERSON", 2), ("الخبراء", "GROUP", 2)]
    assert s["top_speakers"][0]["affiliation"] == "OpenAI"
    assert [(p["speaker"]["name"], p["about"]["name"], p["claims"]) for p in s["top_pairs"]][:2] == [
        ("Sam Altman", "Meta", 1), ("Sam Altman", "OpenAI", 1)]
    assert s["claims_per_month"] == [{"month": "2025-07", "claims": 1}, {"month": "2025-08", "claims": 2},
                                     {"month": None, "claims": 1}]
    axis, per = counts.months_of(["org/openai", "org/meta"])
    assert axis == ["2025-07", "2025-08"] and per["org/openai"] == {"2025-07": 1, "2025-08": 1}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["p1", "p2", None]), st.lists(st.sampled_from(["o1", "o2", "m1"]), max_size=3)),
                max_size=25))
def test_counts_do_not_depend_on_claim_order(raw) -> None:
    claims = [claim(ref(s, s or "مصدر", "PERSON" if s else "GROUP"), [ref(a, a.upper()) for a in about]) for s, about in raw]
    first = count_run([], claims).summary(top=3)
    assert count_run([], list(reversed(claims))).summary(top=3) == first
    assert sum(p["claims"] for p in first["top_pairs"]) <= sum(len(set(a)) for _, a in raw)


def test_entity_key_and_month_range() -> None:
    assert entity_key(ref("org/x", "X")) == "org/x"
    assert entity_key(ref(None, "الخبراء", "GROUP")) == "GROUP:الخبراء"
    assert month_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]


def test_stats_json_on_an_output_folder(out: Path, capsys) -> None:
    assert main(["stats", str(out), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    claims = jsonl(out / "claims.jsonl")
    assert s["articles"]["total"] == 3 and s["claims"]["total"] == len(claims)
    assert sum(s["claims"]["by_quote_type"].values()) == len(claims)
    assert sum(m["claims"] for m in s["claims_per_month"]) == len(claims)
    senses = s["claims"]["by_cue_sense"]
    assert senses == ({"say": 3, "add": 1, "announce": 1, "warn": 1} if CUE_SENSE else {"unknown": len(claims)})
    assert s["top_about"][0] == {"key": "mdl_gpt5", "name": "GPT-5", "type": "MODEL", "claims": 2}
    assert s["top_pairs"][0]["speaker"]["name"] == "سام ألتمان" and s["top_pairs"][0]["claims"] == 2


def test_stats_tables_in_the_terminal(out: Path, capsys) -> None:
    assert main(["stats", str(out), "--top", "3"]) == 0
    text = capsys.readouterr().out
    for heading in ("Articles by status", "Claims by quote type", "Claims by cue sense", "Top speakers",
                    "Top entities talked about", "Top speaker → entity pairs", "Claims per month"):
        assert heading in text
    assert "سام ألتمان" in text and "GPT-5 (model)" in text and "2025-08" in text
    assert main(["stats", str(out.parent / "nowhere")]) == 2


def test_run_counts_start_empty() -> None:
    s = RunCounts().summary()
    assert s["claims"]["total"] == 0 and s["top_pairs"] == [] and s["claims_per_month"] == []
