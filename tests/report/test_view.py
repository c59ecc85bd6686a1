"""The HTML report: escaping of every data string, RTL, links to claims, robust span nesting."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.batch.outdir import ArticleText, find_texts, load_output
from pipeline.report.view import Span, asset, build_report, date_bounds, render_spans
from view_fixtures import EVIL_ATTR, EVIL_TITLE, IMG, INJECT_TEXT, SCRIPT, make_output

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """What a browser would build from the page, as far as these tests care."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.ids: set[str] = set()
        self.stack: list[str] = []
        self.text_by_class: dict[str, list[str]] = {}
        self.title = ""
        self.svg_tags: set[str] = set()  # every element drawn inside an <svg>
        self._svg = 0
        self._script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "script":
            self._script, self._script_text = a, []
        if self._svg:
            self.svg_tags.add(tag)
        if tag == "svg":
            self._svg += 1
        if tag not in VOID:
            self.stack.append(tag + "." + (a.get("class") or "").split(" ")[0])

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg -= 1
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        while self.stack:
            if self.stack.pop().split(".")[0] == tag:
                break

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)
        if self.stack and self.stack[-1] == "title." and not self._svg:
            self.title += data
        for entry in self.stack:
            self.text_by_class.setdefault(entry, []).append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture()
def out_dir(tmp_path: Path) -> Path:
    return make_output(tmp_path)


@pytest.fixture()
def report(out_dir: Path) -> str:
    folder = load_output(out_dir)
    texts = find_texts(folder.articles, [], out_dir)
    return build_report(folder.articles, folder.entities, folder.claims, texts)


def test_injected_markup_stays_text(report: str) -> None:
    page = parse(report)
    # Only the report's own two scripts: the JSON data block and the page's code.
    assert [(a.get("type"), a.get("id")) for a, _ in page.scripts] == [("application/json", "claims-data"), (None, None)]
    assert page.scripts[1][1] == asset("report.js")
    assert not [t for t, a in page.elements if any(k.lower().startswith("on") for k in a)], "an on* attribute reached the page"
    assert not [t for t, a in page.elements if t in ("img", "iframe", "object", "embed", "link", "base")]
    # The overview's two charts are the only SVG, made of shapes and text: no script, link, image or foreign HTML.
    assert [a.get("class") for t, a in page.elements if t == "svg"] == ["chart", "chart"]
    assert page.svg_tags <= {"g", "title", "text", "rect", "line"}, page.svg_tags
    assert not [a for t, a in page.elements if re.match(r"\s*javascript:", a.get("href") or "", re.I)]
    assert "window.__pwned" not in "".join(s for _, s in page.scripts[1:])
    # The data shows as text, exactly as written.
    text = "".join(page.text_by_class["div.text"])
    assert SCRIPT in text and IMG in text
    assert INJECT_TEXT in text
    assert page.title.strip() == "تقرير الادعاءات"
    assert EVIL_TITLE in "".join(page.text_by_class["h2."])
    # A quote in a canonical name cannot break out of its attribute.
    assert any(EVIL_ATTR in (a.get("title") or "") for _, a in page.elements)


def test_json_block_cannot_close_its_script(report: str) -> None:
    page = parse(report)
    raw = page.scripts[0][1]
    assert "<" not in raw
    data = json.loads(raw)
    assert {c["id"] for c in data["claims"]} >= {"clm_00000000000000a2", "clm_00000000000000b2"}
    assert any(IMG in c["models"] for c in data["claims"]) and any(EVIL_ATTR in c["orgs"] for c in data["claims"])


def test_self_contained_with_a_strict_policy(report: str) -> None:
    page = parse(report)
    assert not [a for _, a in page.elements if a.get("src")]
    csp = next(a["content"] for t, a in page.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(page.scripts[1][1].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_rtl_arabic(report: str) -> None:
    page = parse(report)
    html_attrs = next(a for t, a in page.elements if t == "html")
    assert html_attrs["dir"] == "rtl" and html_attrs["lang"] == "ar"
    assert all(a.get("dir") == "rtl" for t, a in page.elements if (a.get("class") or "") == "text")
    assert "Noto Naskh Arabic" in asset("report.css")


def test_every_claim_row_links_to_an_existing_anchor(report: str, out_dir: Path) -> None:
    page = parse(report)
    rows = [a["data-claim"] for t, a in page.elements if t == "tr" and a.get("data-claim")]
    claims = [json.loads(line)["claim_id"] for line in (out_dir / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(rows) == sorted(claims)
    links = [a["href"] for t, a in page.elements if t == "a" and (a.get("class") or "") == "row-link"]
    assert len(links) == len(rows)
    for href in links:
        assert href.startswith("#") and href[1:] in page.ids, href
    # With text, a row goes to the claim in the text; without it, to the claim's card.
    assert "#t-clm_00000000000000a1" in links and "#card-clm_00000000000000c1" in links


def test_missing_text_still_shows_claims_and_entities(report: str) -> None:
    page = parse(report)
    assert "card-clm_00000000000000c1" in page.ids
    section = report[report.index('id="a-art_missing"'):]
    assert "نص المقال غير متاح" in section and "Gemini" in section


def test_wrong_text_is_flagged(tmp_path: Path) -> None:
    out = make_output(tmp_path, jsonl_input=False)
    (tmp_path / "inputs" / "art_plain.txt").write_text("نص مختلف تمامًا", encoding="utf-8")
    folder = load_output(out)
    texts = find_texts(folder.articles, [], out)
    assert texts["art_plain"].text == "نص مختلف تمامًا" and not texts["art_plain"].verified
    html = build_report(folder.articles, folder.entities, folder.claims, texts)
    section = html[html.index('id="a-art_plain"'):html.index('id="a-art_missing"')]
    assert "sha256 differs" in section and "لم يُتحقَّق" in section and "لا تطابق النص" in section


def test_inputs_found_by_sha_when_sources_moved(tmp_path: Path) -> None:
    out = make_output(tmp_path)
    moved = tmp_path / "moved"
    (tmp_path / "inputs").rename(moved)
    folder = load_output(out)
    assert find_texts(folder.articles, [], out)["art_inject"].text is None
    texts = find_texts(folder.articles, [moved], out)
    assert texts["art_inject"].verified and texts["art_plain"].verified
    assert texts["art_plain"].origin.endswith("batch.jsonl:2")


def test_cli_writes_the_report(out_dir: Path, tmp_path: Path) -> None:
    dest = tmp_path / "r" / "report.html"
    assert main(["view", str(out_dir), "--html", str(dest)]) == 0
    assert dest.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert main(["view", str(tmp_path / "nowhere")]) == 2


def test_placeholders_in_data_are_not_substituted() -> None:
    art = {"article_id": "a", "title": "{{JS}} {{CSS}}", "published": None, "status": "ok", "counts": {}}
    html = build_report([art], {}, {}, {"a": ArticleText("{{DATA}}", verified=True)})
    assert "{{JS}} {{CSS}}" in html and "{{DATA}}" in html


@pytest.mark.parametrize("value,bounds", [
    ("2025-08-06", ("2025-08-06", "2025-08-06")),
    ("2025-02", ("2025-02-01", "2025-02-28")),
    ("2025", ("2025-01-01", "2025-12-31")),
    ("2025-Q3", ("2025-07-01", "2025-09-30")),
    ("2025-W32", ("2025-08-04", "2025-08-10")),
    ({"start": "2025-03", "end": "2025-04-10"}, ("2025-03-01", "2025-04-10")),
    (None, None), ("قريبًا", None), ("2025-13", None),
])
def test_date_bounds(value, bounds) -> None:
    assert date_bounds(value) == bounds


# ---------------------------------------------------------------- span nesting

class Pieces(HTMLParser):
    """Offsets each highlight piece covers in the rendered text, and whether tags nest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pos = 0
        self.text: list[str] = []
        self.open: list[tuple[str, str, int]] = []
        self.covered: dict[str, list[tuple[int, int]]] = {}
        self.firsts: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.open.append((tag, a["data-k"], self.pos))
        if a.get("id"):
            self.firsts[a["data-k"]] = self.pos

    def handle_endtag(self, tag):
        t, k, start = self.open.pop()
        assert t == tag, "tags do not nest"
        self.covered.setdefault(k, []).append((start, self.pos))

    def handle_data(self, data):
        self.text.append(data)
        self.pos += len(data)


def spans_strategy():
    return st.text(alphabet="اب <>&\"'\nx🚀", min_size=1, max_size=40).flatmap(
        lambda text: st.tuples(st.just(text), st.lists(
            st.tuples(st.integers(0, len(text)), st.integers(0, len(text)), st.sampled_from(["ent", "content", "cue", "speaker"])),
            max_size=12)))


@settings(max_examples=200, deadline=None)
@given(spans_strategy())
def test_render_spans_nests_and_covers_exactly(case) -> None:
    text, raw = case
    spans = [Span(min(a, b), max(a, b), kind, f"x{kind}", (("data-k", str(i)),), anchor=f"k{i}")
             for i, (a, b, kind) in enumerate(raw)]
    parser = Pieces()
    parser.feed(render_spans(text, spans))
    parser.close()
    assert not parser.open
    assert "".join(parser.text) == text
    for i, s in enumerate(spans):
        pieces = sorted(parser.covered.get(str(i), []))
        if s.start == s.end:
            assert not pieces
            continue
        merged = [pieces[0]]
        for a, b in pieces[1:]:
            assert a == merged[-1][1], "a span's pieces must be contiguous"
            merged[-1] = (merged[-1][0], b)
        assert merged == [(s.start, s.end)]
        assert parser.firsts[str(i)] == s.start, "the anchor goes on the first piece"


def test_out_of_range_spans_are_dropped() -> None:
    html = render_spans("نص", [Span(0, 99, "ent", "ent"), Span(1, 2, "ent", "ent ent-LOC")])
    assert html == 'ن<mark class="ent ent-LOC last">ص</mark>'


def test_text_read_the_way_the_run_read_it(tmp_path: Path) -> None:
    """A UTF-16 input: only the runner's own reader (pipeline.batch.inputs) gives the recorded text back."""
    inputs = pytest.importorskip("pipeline.batch.inputs", reason="pipeline.batch.inputs (the runner's reader) is not there yet")
    path = tmp_path / "utf16.txt"
    path.write_bytes("قال باحث إن Qwen مفتوح.".encode("utf-16"))
    text = inputs.load_text(str(path))
    from pipeline.schema import sha256_text

    art = {"article_id": "utf16", "source": str(path), "sha256": sha256_text(text)}
    found = find_texts([art], [], tmp_path)["utf16"]
    assert found.verified and found.text == text
    moved = {**art, "source": "gone.txt"}
    assert find_texts([moved], [tmp_path], tmp_path)["utf16"].verified


def test_failed_article_shows_its_error_and_no_text(tmp_path: Path) -> None:
    pdf = tmp_path / "broken.txt"
    pdf.write_bytes(b"%PDF-1.7 <script>")
    art = {"article_id": "broken", "source": str(pdf), "sha256": None, "published": None, "status": "error",
           "error": {"kind": "binary", "message": "binary data (PDF), not text <b>"}, "counts": {}}
    texts = find_texts([art], [], tmp_path)
    assert texts["broken"].text is None
    html = build_report([art], {}, {}, texts)
    assert "تعذّرت معالجة المقال" in html and "not text &lt;b&gt;" in html and "%PDF" not in html


def test_relative_sources_resolve_from_the_output_folder(tmp_path: Path, monkeypatch) -> None:
    """`arclaims run seeds --out outputs/seeds` records seeds/x.txt: the view must find it from anywhere."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "x.txt").write_text("قال باحث إن Qwen مفتوح.", encoding="utf-8")
    from pipeline.schema import sha256_text

    art = {"article_id": "x", "source": "seeds/x.txt", "sha256": sha256_text("قال باحث إن Qwen مفتوح.")}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert find_texts([art], [], tmp_path / "outputs" / "seeds")["x"].verified


def test_untitled_articles_are_named_by_their_headline() -> None:
    from pipeline.report.view import headline

    assert headline("HyperAIHyperAI\nBack to Headlines\n\nالصين يجب أن تنتبه لنموذج OpenAI\n\nمنذ 2 أيام") == "الصين يجب أن تنتبه لنموذج OpenAI"
    assert headline("Only English here\nو") is None and headline(None) is None


# ---------------------------------------------------------------- overview and selection

def test_overview_draws_both_charts_from_the_claims(report: str) -> None:
    page = parse(report)
    assert report.index('id="overview"') < report.index('id="claims"')
    svgs = report[report.index('id="overview"'):report.index('id="claims"')]
    # Top entities by claims about them: GPT-5 (2 claims) first; every (entity, month) with claims is one bar.
    months = svgs[svgs.index('id="ov-months"'):svgs.index('id="ov-pairs"')]
    assert months.index("GPT-5") < months.index("Qwen")
    assert months.count("<rect") == 5  # GPT-5 08, the <img> model 08, DeepSeek-V3 03, Gemini 03, Qwen 04
    assert "2025-03" in months and "2025-08" in months
    pairs = svgs[svgs.index('id="ov-pairs"'):]
    assert pairs.count('<g class="pair">') == 7 and "سام ألتمان ← GPT-5: 2" in pairs
    # A name from the data is text in the chart, never markup.
    assert "&lt;img src=x onerror=" in svgs and "<img" not in svgs
    assert {"ov-months-title", "ov-pairs-title"} <= page.ids


def test_overview_without_dated_claims_says_so() -> None:
    art = {"article_id": "a", "title": "t", "published": None, "status": "ok", "counts": {}}
    c = {"claim_id": "clm_0000000000000001", "article_id": "a",
         "speaker": {"text": "باحث", "start": 0, "end": 4, "entity_id": None, "canonical": "باحث", "type": "GROUP",
                     "role": None, "affiliation": None},
         "cue": {"text": "قال", "start": 5, "end": 8, "lemma": "قال"}, "content": {"text": "x", "start": 9, "end": 10},
         "quote_type": "indirect", "about": [{"entity_id": "org/x", "canonical": "X", "type": "ORG", "text": "X", "start": 9, "end": 10}],
         "date": None, "sentence": {"start": 0, "end": 10}, "confidence": 0.5}
    html = build_report([art], {}, {"a": [c]}, {})
    assert "لا تواريخ للادعاءات" in html and html.count('<svg class="chart"') == 1


def test_fold_ignores_case_marks_and_letter_variants() -> None:
    from pipeline.report.view import fold

    assert fold("DeepSeek") == fold("deepseek") == "deepseek"
    assert fold("أُوبِن إيه آي") == fold("اوبن ايه اي")
    assert fold("مكتبة  المدرسة") == fold("مكتبه المدرسه")


def report_rows(html: str) -> list[str]:
    return sorted(a["data-claim"] for t, a in parse(html).elements if t == "tr" and a.get("data-claim"))


@pytest.mark.parametrize("args,rows", [
    (["--about", "gpt-5"], ["clm_00000000000000a1", "clm_00000000000000a2"]),
    (["--about", "mdl_qwen", "--about", "Gemini"], ["clm_00000000000000b1", "clm_00000000000000c1"]),
    (["--speaker", "كاي فو لي"], ["clm_00000000000000b2"]),
    (["--speaker", "per_altman", "--about", "مختبر GPT-5"], ["clm_00000000000000a2"]),
    # The claim's own date (March 2025), else its article's publication date (2025-04-03, 2025-03-20).
    (["--since", "2025-03-01", "--until", "2025-03-31"], ["clm_00000000000000b2", "clm_00000000000000c1"]),
    (["--since", "2025-08-07"], ["clm_00000000000000a1", "clm_00000000000000a3"]),
    (["--limit", "1"], ["clm_00000000000000a1", "clm_00000000000000a2", "clm_00000000000000a3"]),
    (["--about", "nobody"], []),
])
def test_selection_at_build_time(out_dir: Path, tmp_path: Path, args, rows) -> None:
    dest = tmp_path / "r.html"
    assert main(["view", str(out_dir), "--html", str(dest), *args]) == 0
    html = dest.read_text(encoding="utf-8")
    assert report_rows(html) == rows
    # Only the articles holding a selected claim are in the report, with only those claims.
    shown = {a["data-article"] for t, a in parse(html).elements if t == "section" and a.get("data-article")}
    article_of = {"a": "art_inject", "b": "art_plain", "c": "art_missing"}
    assert shown == {article_of[r[-2]] for r in rows}
    cards = sorted(a["data-claim"] for t, a in parse(html).elements if t == "article" and a.get("data-claim"))
    assert cards == rows


def test_selection_by_article_ids_and_registry_aliases(out_dir: Path, tmp_path: Path) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("art_plain\n\nart_missing\n", encoding="utf-8")
    dest = tmp_path / "r.html"
    assert main(["view", str(out_dir), "--html", str(dest), "--article-ids", str(ids)]) == 0
    html = dest.read_text(encoding="utf-8")
    assert [a["data-article"] for t, a in parse(html).elements if t == "section" and a.get("data-article")] == ["art_plain", "art_missing"]
    # An alias from registry.jsonl names the entity in any script.
    (out_dir / "registry.jsonl").write_text(json.dumps({"entity_id": "mdl_qwen", "type": "MODEL", "canonical": "Qwen",
                                                        "aliases": ["كوين"], "kb_id": None, "mention_count": 1,
                                                        "article_ids": ["art_plain"], "claim_count": 0}, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    assert main(["view", str(out_dir), "--html", str(dest), "--about", "كوين"]) == 0
    assert report_rows(dest.read_text(encoding="utf-8")) == ["clm_00000000000000b1"]
    assert main(["view", str(out_dir), "--html", str(dest), "--limit", "0"]) == 2
    assert main(["view", str(out_dir), "--html", str(dest), "--since", "2025-09-01", "--until", "2025-01-01"]) == 2
    assert main(["view", str(out_dir), "--html", str(dest), "--article-ids", str(tmp_path / "none.txt")]) == 2


def test_cli_finds_jsonl_texts_in_one_pass(out_dir: Path, tmp_path: Path) -> None:
    """Texts read from file.jsonl:LINE sources are found by listing each input once, and verified."""
    from pipeline.commands.view import texts_from_jsonl_sources

    folder = load_output(out_dir)
    found = texts_from_jsonl_sources(folder.articles, out_dir)
    assert set(found) == {"art_plain"} and found["art_plain"].verified and found["art_plain"].origin.endswith("batch.jsonl:2")
    assert found["art_plain"].text == find_texts(folder.articles, [], out_dir)["art_plain"].text
    dest = tmp_path / "r.html"
    assert main(["view", str(out_dir), "--html", str(dest)]) == 0
    section = dest.read_text(encoding="utf-8").split('id="a-art_plain"')[1].split('id="a-art_missing"')[0]
    assert 'class="text"' in section and "لم يُتحقَّق" not in section


def test_month_axis_keeps_the_busiest_months() -> None:
    from pipeline.report.view import busiest_window

    assert busiest_window([1, 0, 0, 5, 6, 0, 1], 3) == 3  # [0, 5, 6] and [5, 6, 0] tie at 11: the later
    assert busiest_window([9, 0, 0, 1, 1, 1], 2) == 0
    assert busiest_window([2, 2], 2) == 0


def test_a_large_report_warns_and_says_how_to_select(out_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    import pipeline.commands.view as view_cmd

    monkeypatch.setattr(view_cmd, "LARGE_REPORT", 2)
    assert main(["view", str(out_dir), "--html", str(tmp_path / "r.html")]) == 0
    assert "3 articles in one page" in capsys.readouterr().err
    assert main(["view", str(out_dir), "--html", str(tmp_path / "r.html"), "--limit", "2"]) == 0
    assert "in one page" not in capsys.readouterr().err


def test_two_claims_on_the_same_words_nest_the_same_way_in_every_process(tmp_path: Path) -> None:
    """Two claims can mark the same speaker span; string hashes differ between processes, so the
    nesting must come from a total order, never from a set's order."""
    import subprocess
    import sys

    script = (
        "from pipeline.report.view import Span, render_spans\n"
        "spans = [Span(0, 4, 'speaker', 'cl cl-speaker', (('data-claim', c),)) for c in ('clm_b', 'clm_a', 'clm_c')]\n"
        "print(render_spans('سارة قالت', spans))\n"
    )
    outs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3", "4")}
    assert len(outs) == 1
    html = outs.pop()
    assert html.index("clm_a") < html.index("clm_b") < html.index("clm_c")
