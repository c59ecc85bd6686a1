"""The shipped NER model (models/ner-ar), its token alignment, scoring and ``eval-ner``."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from pipeline.cli import main
from pipeline.doc import Document, Mention
from pipeline.stages.ner import (
    NER_BACKENDS,
    NerModel,
    default_vocabulary,
    merge_mentions,
    ner_mentions,
    segment_words,
    token_spans_to_word_tags,
    word_tags_to_token_tags,
)
from pipeline.evaluation.ner import chunks, entity_strings, read_conll, recall_by_novelty, score
from pipeline.stages.normalize import normalize
from pipeline.paths import models_dir
from pipeline.stages.segment import tokenize


@pytest.fixture(scope="module")
def model() -> NerModel:
    return NerModel.load()


def doc_of(text: str) -> Document:
    return Document(id="t", text=text, tokens=tokenize(normalize(text), default_vocabulary()))


def test_model_is_small_and_offline():
    path = models_dir() / "ner-ar"
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size <= 40 * 1024 * 1024
    assert (path / "README.md").is_file()
    assert not list(path.rglob("*.spacy")), "no training data in the model folder"


def test_load_does_not_import_torch():
    code = "import sys; from pipeline.stages.ner import NerModel; NerModel.load(); assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_load_is_cached(model):
    assert NerModel.load() is model
    assert NER_BACKENDS["builtin"]() is model


def test_person_after_qala(model):
    doc = doc_of("وقال الرئيس الفرنسي إيمانويل ماكرون إن باريس ستدعم الاتفاق.")
    mentions = ner_mentions(doc, model)
    persons = [m for m in mentions if m.type == "PERSON"]
    assert any("ماكرون" in m.text for m in persons), mentions


def test_mentions_have_pipeline_types_and_offsets(model):
    text = "أعلنت شركة مايكروسوفت في واشنطن أمس أن ساتيا ناديلا سيزور القاهرة، وقال المتحدث باسم الأمم المتحدة إن الاجتماع مهم."
    doc = doc_of(text)
    mentions = ner_mentions(doc, model)
    assert mentions
    for m in mentions:
        assert m.type in {"PERSON", "ORG", "LOC"}
        assert m.source == "ner"
        assert 0 < m.confidence <= 1
        assert doc.text[m.start : m.end] == m.text
    assert any(m.type == "LOC" and m.text == "القاهرة" for m in mentions), mentions


def test_predict_and_pipe_agree(model):
    sents = [doc_of("قال وزير الخارجية الأمريكي أنتوني بلينكن إن واشنطن تراقب الوضع.").tokens, doc_of("").tokens]
    assert list(model.pipe(sents)) == [model.predict(t) for t in sents]
    for s, e, label, conf in model.predict(sents[0]):
        assert 0 <= s < e <= len(sents[0])
        assert label in {"PERSON", "ORG", "LOC", "MISC"}


def test_offsets_survive_diacritics_and_clitics(model):
    text = "وقالَ مُحمّدٌ بنُ سلمانَ لـ«رويترز» إنَّ الرياضَ مستعدة."
    doc = doc_of(text)
    for m in ner_mentions(doc, model):
        assert doc.text[m.start : m.end] == m.text


def test_kb_mentions_win_over_model():
    kb = [Mention(10, 20, "x" * 10, "ORG", "kb")]
    model_mentions = [Mention(12, 18, "x" * 6, "PERSON", "ner"), Mention(30, 35, "y" * 5, "PERSON", "ner")]
    merged = merge_mentions(kb, model_mentions)
    assert [(m.start, m.source) for m in merged] == [(10, "kb"), (30, "ner")]


def test_proclitics_are_outside_entities():
    texts, word_of, clitic = segment_words(["وبرلين", "عاصمة", "ألمانيا"])
    tags = word_tags_to_token_tags(["B-LOC", "O", "B-LOC"], word_of, clitic)
    assert texts[:2] == ["و", "برلين"]
    assert tags[:2] == ["O", "B-LOC"]
    # Inside an entity the proclitic continues it: وزارة الخارجية والتجارة is one ORG.
    texts, word_of, clitic = segment_words(["وزارة", "الخارجية", "والتجارة"])
    tags = word_tags_to_token_tags(["B-ORG", "I-ORG", "I-ORG"], word_of, clitic)
    assert chunks(tags) == [(0, len(texts), "ORG")]
    # Back to words: an entity on the stem covers the whole word.
    texts, word_of, _ = segment_words(["وبرلين", "كبيرة"])
    assert token_spans_to_word_tags(2, [(1, 2, "LOC")], word_of) == ["B-LOC", "O"]


def test_chunks_follow_conlleval():
    assert chunks(["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PERS"),
        (3, 5, "LOC"),
        (5, 6, "LOC"),
        (6, 7, "ORG"),
    ]


def test_partial_span_is_a_miss():
    gold = ["B-PERS", "I-PERS", "O", "B-LOC"]
    s = score([(gold, ["B-PERS", "O", "O", "B-LOC"])])  # PERS cut short, LOC exact
    assert s.prf("PERS") == (0.0, 0.0, 0.0)
    assert s.prf("LOC")[2] == 100.0
    p, r, f = s.prf()
    assert (p, r) == (50.0, 50.0)
    s = score([(gold, ["B-ORG", "I-ORG", "O", "O"])])  # right span, wrong type
    assert s.prf() == (0.0, 0.0, 0.0)


def test_eval_ner_command(tmp_path, capsys):
    data = tmp_path / "gold.txt"
    data.write_text(
        "قال O\nالرئيس O\nالأمريكي O\nجو B-PER\nبايدن I-PER\nفي O\nواشنطن B-LOC\n. O\n\n"
        "وزارة B-ORG\nالخارجية I-ORG\nالمصرية I-ORG\n. O\n",
        encoding="utf-8",
    )
    out = tmp_path / "pred.tsv"
    assert main(["eval-ner", "--data", str(data), "--predictions", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "micro" in printed and "F1" in printed
    blocks = out.read_text(encoding="utf-8").split("\n\n")
    rows = [line.split("\t") for line in blocks[0].splitlines()]
    assert [r[0] for r in rows] == [w for w, _ in next(read_conll(data))]
    assert rows[3][1] == "B-PERS"  # gold types unified (PER -> PERS)
    assert all(len(r) == 3 for r in rows)


def test_recall_by_novelty_splits_seen_from_unseen_names():
    train = [[("جو", "B-PER"), ("بايدن", "I-PER"), ("قال", "O")], [("واشنطن", "B-LOC")]]
    known = entity_strings(train)
    assert known == {"جو بايدن", "واشنطن"}
    rows = [[("جو", "B-PERS", "B-PERS"), ("بايدن", "I-PERS", "I-PERS"), ("و", "O", "O"),
             ("سارة", "B-PERS", "O"), ("ميلر", "I-PERS", "O"), ("في", "O", "O"), ("واشنطن", "B-LOC", "B-ORG")]]
    assert recall_by_novelty(rows, known) == {"seen": (1, 2), "unseen": (0, 1)}


def test_eval_ner_reports_seen_and_unseen_recall(tmp_path, capsys):
    data = tmp_path / "gold.txt"
    data.write_text("قال O\nسام B-PER\nألتمان I-PER\nو O\nكريم B-PER\nنجار I-PER\n. O\n", encoding="utf-8")
    train = tmp_path / "train.txt"
    train.write_text("سام B-PER\nألتمان I-PER\n. O\n", encoding="utf-8")
    assert main(["eval-ner", "--data", str(data), "--seen", str(train)]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"recall on seen entities: [\d.]+ \([01]/1\)", printed)
    assert re.search(r"recall on unseen entities: [\d.]+ \([01]/1\)", printed)


def test_eval_ner_missing_file(tmp_path, capsys):
    assert main(["eval-ner", "--data", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_ner_component_fills_in_names_the_kb_lacks():
    from pipeline.doc import Article
    from pipeline.nlp import load_pipeline

    nlp = load_pipeline({"components": ["segment", "kb_tagger", "rule_tagger", "ner", "merge"]})
    text = "وقال الباحث الأردني خالد العتوم، الأستاذ في جامعة اليرموك، إن النموذج الجديد مفيد."
    doc = nlp(Article(id="t", text=text))
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
    starts = [m.start for m in doc.mentions]
    assert len(starts) == len(set(starts)), "merge leaves no overlapping mentions"
    assert any(m.source == "ner" and m.type == "PERSON" and "العتوم" in m.text for m in doc.mentions), doc.mentions
