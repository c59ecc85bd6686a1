"""Exports for re-annotation: reloading an export gives back the same spans, offsets and claims."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.report.export import (Annotated, Span, annotated, brat_ann, load_brat, load_label_studio, parse_brat,
                             write_brat, write_label_studio)
from pipeline.batch.outdir import find_texts, load_output
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


# ---------------------------------------------------------------- analytics tables (Parquet, CSV)

from pipeline.report.export import TABLES, write_tables  # noqa: E402
from view_fixtures import CUE_SENSE, EVIL_ATTR, PLAIN_TEXT  # noqa: E402

try:
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:  # the label-studio and brat tests above still run
    duckdb = pa = pq = None
analytics = pytest.mark.skipif(pa is None or duckdb is None, reason="pyarrow and duckdb are in the test extra: pip install -e '.[test]'")


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture()
def parquet(out: Path, tmp_path: Path) -> Path:
    assert main(["export", "--format", "parquet", str(out), "--to", str(tmp_path / "pq")]) == 0
    return tmp_path / "pq"


@analytics
def test_parquet_tables_have_the_documented_columns_and_types(parquet: Path) -> None:
    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32(),
             "list": pa.list_(pa.string())}
    for name, spec in TABLES.items():
        schema = pq.read_schema(parquet / f"{name}.parquet")
        assert [(f.name, f.type) for f in schema] == [(col, kinds[kind]) for col, kind in spec], name
        meta = {k.decode(): v.decode() for k, v in schema.metadata.items()}
        assert meta["schema_version"] == jsonl(parquet.parent / "out" / "articles.jsonl")[0]["schema_version"]
        assert meta["table"] == name and meta["tables_version"]


@analytics
def test_parquet_rows_match_the_records(out: Path, parquet: Path) -> None:
    claims = jsonl(out / "claims.jsonl")
    table = pq.read_table(parquet / "claims.parquet").to_pylist()
    assert [r["claim_id"] for r in table] == [c["claim_id"] for c in claims]
    by_id = {r["claim_id"]: r for r in table}
    b1 = by_id["clm_00000000000000b1"]
    # Arabic, emoji and a quote-breaking name come back exactly.
    assert b1["content"] == "Qwen يقلّص الفجوة مع الولايات المتحدة 🚀" and b1["role"] == "مدير الأبحاث"
    assert PLAIN_TEXT[b1["content_start"]:b1["content_end"]] == b1["content"]
    assert b1["affiliation_canonical"] == "فوتوروم جروب" and b1["published"] == date(2025, 4, 3)
    assert by_id["clm_00000000000000a1"]["affiliation_canonical"] == EVIL_ATTR
    # Nulls stay null, not "" or 0: a group speaker has no id, no role, no affiliation, no date.
    a3 = by_id["clm_00000000000000a3"]
    assert a3["speaker_entity_id"] is None and a3["speaker_type"] == "GROUP" and a3["role"] is None
    assert a3["affiliation_start"] is None and a3["date_value"] is None and a3["date_first_day"] is None
    # A month-grain date gives day bounds; the claim's month is its own date's, not the publication's.
    b2 = by_id["clm_00000000000000b2"]
    assert (b2["date_value"], b2["date_first_day"], b2["date_last_day"]) == ("2025-03", date(2025, 3, 1), date(2025, 3, 31))
    assert b2["month"] == date(2025, 3, 1) and b1["month"] == date(2025, 4, 1)
    assert b2["cue_sense"] == ("say" if CUE_SENSE else None)
    about = pq.read_table(parquet / "claim_about.parquet").to_pylist()
    assert len(about) == sum(len(c["about"]) for c in claims)
    assert {(r["claim_id"], r["entity_id"]) for r in about} >= {("clm_00000000000000b1", "mdl_qwen"), ("clm_00000000000000b1", "loc_us")}
    mentions = pq.read_table(parquet / "mentions.parquet").to_pylist()
    assert len(mentions) == len(jsonl(out / "entities.jsonl"))
    dates = [m for m in mentions if m["type"] == "DATE"]
    assert {(m["date_value"], m["date_grain"], m["date_resolved"]) for m in dates} == {("2025-08-06", "day", True), ("2025-03", "month", True)}
    assert all(m["date_value"] is None and m["date_resolved"] is None for m in mentions if m["type"] != "DATE")
    articles = pq.read_table(parquet / "articles.parquet").to_pylist()
    assert [a["article_id"] for a in articles] == ["art_inject", "art_plain", "art_missing"]
    assert articles[1]["n_claims"] == 2 and articles[1]["n_person"] == 2 and articles[1]["error_kind"] is None


@analytics
def test_entities_table_without_a_registry_is_counted_from_the_mentions(out: Path, parquet: Path) -> None:
    assert not (out / "registry.jsonl").exists()
    ents = {r["entity_id"]: r for r in pq.read_table(parquet / "entities.parquet").to_pylist()}
    assert ents["mdl_gpt5"]["mention_count"] == 2 and ents["mdl_gpt5"]["article_ids"] == ["art_inject"]
    assert ents["per_altman"]["claim_count"] == 2 and ents["per_altman"]["aliases"] == ["ألتمان", "سام ألتمان"]
    # With a registry, the registry is the table.
    (out / "registry.jsonl").write_text(json.dumps({"entity_id": "org/x", "type": "ORG", "canonical": "إكس", "aliases": [],
                                                    "kb_id": None, "mention_count": 0, "article_ids": [], "claim_count": 0},
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    write_tables(out, parquet)
    assert pq.read_table(parquet / "entities.parquet").to_pylist() == [
        {"entity_id": "org/x", "type": "ORG", "canonical": "إكس", "kb_id": None, "mention_count": 0, "claim_count": 0,
         "article_count": 0, "aliases": [], "article_ids": []}]


@analytics
def test_duckdb_answers_questions_over_the_parquet(parquet: Path) -> None:
    con = duckdb.connect()
    for name in TABLES:
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{parquet / (name + '.parquet')}')")
    # Who speaks about which model, most first (Arabic names as they were written).
    rows = con.execute("""
        SELECT c.speaker_canonical, a.canonical, count(*) AS n FROM claims c JOIN claim_about a USING (claim_id)
        WHERE a.type = 'MODEL' GROUP BY ALL ORDER BY n DESC, 1, 2""").fetchall()
    assert rows[0] == ("سام ألتمان", "GPT-5", 2)
    assert ("كاي فو لي", "DeepSeek-V3", 1) in rows
    assert con.execute("SELECT count(*) FROM claims WHERE speaker_entity_id IS NULL").fetchone() == (2,)
    assert con.execute("SELECT count(*) FROM claims WHERE month = DATE '2025-08-01'").fetchone() == (3,)
    if CUE_SENSE:
        assert con.execute("SELECT list(claim_id) FROM claims WHERE cue_sense = 'warn'").fetchone() == (["clm_00000000000000c1"],)
    assert con.execute("SELECT aliases FROM entities WHERE entity_id = 'per_altman'").fetchone() == (["ألتمان", "سام ألتمان"],)


@analytics
def test_csv_tables_read_back_with_duckdb(out: Path, tmp_path: Path) -> None:
    assert main(["export", "--format", "csv", str(out), "--to", str(tmp_path / "csv")]) == 0
    for name, spec in TABLES.items():
        raw = (tmp_path / "csv" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets then read the Arabic as UTF-8
        assert raw[3:].decode("utf-8").splitlines()[0] == ",".join(col for col, _ in spec)
    claims = duckdb.sql(f"SELECT * FROM read_csv('{tmp_path / 'csv' / 'claims.csv'}')").fetchall()
    cols = [col for col, _ in TABLES["claims"]]
    rows = {r[0]: dict(zip(cols, r)) for r in claims}
    assert rows["clm_00000000000000b1"]["content"] == "Qwen يقلّص الفجوة مع الولايات المتحدة 🚀"
    assert rows["clm_00000000000000a1"]["affiliation_canonical"] == EVIL_ATTR
    assert rows["clm_00000000000000a3"]["role"] is None and rows["clm_00000000000000b2"]["date_first_day"] == date(2025, 3, 1)
    ents = duckdb.sql(f"SELECT entity_id, aliases FROM read_csv('{tmp_path / 'csv' / 'entities.csv'}')").fetchall()
    assert json.loads(dict(ents)["per_altman"]) == ["ألتمان", "سام ألتمان"]


@analytics
def test_parquet_streams_in_row_groups(out: Path, tmp_path: Path) -> None:
    counts = write_tables(out, tmp_path / "pq", chunk_rows=4)
    meta = pq.ParquetFile(tmp_path / "pq" / "mentions.parquet").metadata
    n = counts["mentions"]
    assert n == meta.num_rows == len(jsonl(out / "entities.jsonl")) and meta.num_row_groups == -(-n // 4)
    whole = pq.read_table(tmp_path / "pq" / "mentions.parquet").to_pylist()
    write_tables(out, tmp_path / "one")
    assert pq.read_table(tmp_path / "one" / "mentions.parquet").to_pylist() == whole


@analytics
def test_empty_run_gives_empty_typed_tables(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "articles.jsonl").write_text("", encoding="utf-8")
    assert main(["export", "--format", "parquet", str(tmp_path / "run"), "--to", str(tmp_path / "pq")]) == 0
    table = pq.read_table(tmp_path / "pq" / "claims.parquet")
    assert table.num_rows == 0 and table.schema.field("published").type == pa.date32()
    assert main(["export", "--format", "parquet", str(tmp_path / "nowhere")]) == 2


@analytics
def test_readme_queries_run_on_the_tables(parquet: Path) -> None:
    """The README's DuckDB queries name real columns: they run on any export."""
    from pipeline.paths import REPO_DIR

    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Analysing the output", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    queries = [q.strip() for q in block.split(";") if q.strip()]
    assert len(queries) == 3
    con = duckdb.connect()
    con.execute(f"SET file_search_path = '{parquet}'")
    for q in queries:
        con.execute(q).fetchall()
    deepseek = con.execute(queries[1]).fetchall()
    assert deepseek == [("كاي فو لي", None, 1)]


def test_every_table_column_is_documented() -> None:
    from pipeline.paths import REPO_DIR

    doc = (REPO_DIR / "docs" / "analytics.md").read_text(encoding="utf-8")
    missing = [f"{name}.{col}" for name, spec in TABLES.items() for col, _ in spec if f"`{col}`" not in doc]
    assert not missing, missing
