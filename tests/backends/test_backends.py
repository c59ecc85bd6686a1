"""Optional backends (CAMeL Tools NER and morphology, Stanza NER, ensemble) on tiny local models.

The models are built offline in a session folder (tests/backend_models.py), loaded through the
libraries' own loaders (``NERecognizer(path)``, ``stanza.Pipeline(dir=...)``, ``MorphologyDB``),
so adapters, label mapping and offset mapping run real library code. Nothing is downloaded.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from pipeline import backends  # noqa: E402,F401  (registers camel, stanza, ensemble)
from pipeline.doc import Document  # noqa: E402
from pipeline.stages.ner import NER_BACKENDS, default_vocabulary, ner_mentions  # noqa: E402
from pipeline.stages.segment import Vocabulary, segment, tokenize  # noqa: E402

from backend_models import camel_data, stanza_resources  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "transformers", "stanza", "camel_tools.ner", "camel_tools.data")


@pytest.fixture(scope="session")
def camel_dir(tmp_path_factory):
    """A CAMELTOOLS_DATA folder with the tiny NER model and morphology database, set for the
    session before camel_tools.data is first imported (it reads the variable once)."""
    root = camel_data(tmp_path_factory.mktemp("camel_tools"))
    old = os.environ.get("CAMELTOOLS_DATA")
    os.environ["CAMELTOOLS_DATA"] = str(root)
    yield root
    if old is None:
        os.environ.pop("CAMELTOOLS_DATA", None)
    else:
        os.environ["CAMELTOOLS_DATA"] = old


@pytest.fixture(scope="session")
def stanza_dir(tmp_path_factory):
    return stanza_resources(tmp_path_factory.mktemp("stanza_resources"))


@pytest.fixture(scope="session")
def camel(camel_dir):
    return NER_BACKENDS["camel"](None)


@pytest.fixture(scope="session")
def stanza_ner(stanza_dir):
    return NER_BACKENDS["stanza"](stanza_dir)


def doc_of(text: str) -> Document:
    doc = Document(id="t", text=text)
    doc.norm, doc.sentences, doc.tokens = segment(text, default_vocabulary())
    return doc


def mentions(doc, model):
    return [(m.text, m.type, m.start, m.end) for m in ner_mentions(doc, model)]


# --------------------------------------------------------------------------- camel NER


def test_camel_mentions_have_original_offsets(camel):
    text = "قال مُحَمَّد بن سلمــان إن شركة جوجل في والصين عربي."
    doc = doc_of(text)
    assert [t.text for t in doc.tokens if t.clitic] == ["و"]  # segmented: و + الصين
    expected = [("مُحَمَّد بن سلمــان", "PERSON"), ("جوجل", "ORG"), ("الصين", "LOC")]
    assert mentions(doc, camel) == [(m, k, text.index(m), text.index(m) + len(m)) for m, k in expected]


def test_camel_labels_mapped_and_misc_kept_for_eval(camel):
    spans = camel.predict(doc_of("محمد بن سلمان عربي").tokens)
    assert spans == [(0, 3, "PERSON", 0.8), (3, 4, "MISC", 0.8)]


def test_camel_reads_eval_ner_strings(camel):
    # eval-ner passes the tokens' normalised strings: و + الصين and ل + الشركه are glued back.
    tokens = ["قال", "محمد", "بن", "سلمان", "في", "و", "الصين", "ل", "الشركه"]
    assert camel.predict(tokens) == [(1, 4, "PERSON", 0.8), (6, 7, "LOC", 0.8), (8, 9, "ORG", 0.8)]


def test_camel_words_without_word_pieces_do_not_shift_labels(camel):
    # BERT's tokenizer turns a lone control character into nothing; NERecognizer would then
    # return one label fewer than words, and every later label would move one word left.
    assert camel.predict(["قال", "\u200f", "محمد", "بن", "سلمان"]) == [(2, 5, "PERSON", 0.8)]


def test_camel_sentences_and_batches(camel):
    long = " ".join(["قال"] * 300) + " محمد. جوجل"
    tokens = doc_of(long).tokens
    assert camel.predict(tokens) == [(300, 301, "PERSON", 0.8), (302, 303, "ORG", 0.8)]
    assert list(camel.pipe([[], tokens[-3:]])) == [[], [(0, 1, "PERSON", 0.8), (2, 3, "ORG", 0.8)]]


def test_eval_ner_cli_with_camel(camel_dir, tmp_path, capsys):
    from pipeline.cli import main

    conll = tmp_path / "tiny.conll"
    conll.write_text("قال O\nمحمد B-PERS\nبن I-PERS\nسلمان I-PERS\nفي O\nوالصين B-LOC\n\n", encoding="utf-8")
    assert main(["eval-ner", "--ner", "camel", "--data", str(conll), "--predictions", str(tmp_path / "p.tsv")]) == 0
    out = capsys.readouterr().out
    assert "precision 100.00 recall 100.00 F1 100.00" in out
    assert (tmp_path / "p.tsv").read_text(encoding="utf-8").splitlines()[5].split("\t") == ["والصين", "B-LOC", "B-LOC"]


# --------------------------------------------------------------------------- stanza NER


def test_stanza_mentions_have_original_offsets(stanza_ner):
    text = "\n  قال محمد سلمان في والصين."
    got = mentions(doc_of(text), stanza_ner)
    assert got == [("محمد سلمان", "PERSON", 7, 17), ("الصين", "LOC", 22, 27)]


def test_stanza_offsets_follow_its_own_entities(stanza_ner):
    """Whatever the tiny model tags, each entity maps to the tokens its characters cover."""
    from pipeline.backends import align

    doc = doc_of("زار محمد الصين مع جوجل. وقال جوجل في الصين.")
    text, spans = align.surface(doc.tokens)
    ents = stanza_ner.nlp(text).ents
    assert ents, "the tiny stanza model tags something"
    got = stanza_ner.predict(doc.tokens)
    assert len(got) == len(ents)
    for (s, e, label, _), ent in zip(got, ents):
        assert spans[s][0] >= ent.start_char and spans[e - 1][1] == ent.end_char
        assert label == align.public_label(ent.type)


def test_stanza_reads_eval_ner_strings(stanza_ner):
    assert stanza_ner.predict(["قال", "محمد", "سلمان", "في", "و", "الصين", "."]) == [
        (1, 3, "PERSON", 0.8), (5, 6, "LOC", 0.8)]
    assert list(stanza_ner.pipe([[], ["."]])) == [[], []]


# --------------------------------------------------------------------------- ensemble


def test_vote_majority_and_overlaps():
    from pipeline.backends.ensemble import vote

    a = [(0, 2, "PERSON", 0.9), (5, 6, "LOC", 0.8)]
    b = [(0, 2, "PERSON", 0.8), (4, 6, "ORG", 0.8)]
    c = [(5, 6, "LOC", 0.7), (8, 9, "ORG", 0.8)]
    assert vote({"builtin": a, "camel": b, "stanza": c}, 2) == [(0, 2, "PERSON", 0.9 * 2 / 3), (5, 6, "LOC", 0.8 * 2 / 3)]
    # two members: the union; an overlap goes to the builtin model's span
    assert vote({"builtin": a, "camel": b}, 1) == [(0, 2, "PERSON", 0.9), (5, 6, "LOC", 0.4)]


def test_ensemble_of_real_backends(camel, stanza_ner):
    from pipeline.backends.ensemble import EnsembleNer

    ens = EnsembleNer({"camel": camel, "stanza": stanza_ner})
    tokens = doc_of("قال محمد سلمان في والصين.").tokens
    # both members tag محمد سلمان and الصين (والصين less its proclitic): two votes of two
    assert ens.predict(tokens) == [(1, 3, "PERSON", 0.8), (5, 6, "LOC", 0.8)]


# --------------------------------------------------------------------------- camel morphology


def test_camel_morphology_splits_and_lemmas(camel_dir):
    from pipeline.backends.camel_morph import load_camel_morph

    morph = load_camel_morph()
    assert morph.split("وكتاب") == ("و", "كتاب")
    assert morph.split("بالكتاب") == ("ب", "الكتاب")  # the article stays on the stem
    assert morph.split("وبكتاب") == ("وب", "كتاب")
    assert morph.split("وسكتب") == ("و", "سكتب")  # the future marker is no pipeline proclitic
    assert morph.split("وزير") == ("", "وزير")  # the MLE model says noun, not و + زير
    assert morph.split("وكاله") == ("", "وكاله")  # MLE key وكالة, normalised to ours
    assert morph.split("وانغ") is None  # unknown: left to the corpus counts
    assert morph.lemma("بالكتاب") == "كتاب"


def test_camel_morphology_without_mle_prefers_log_probabilities(camel_dir, tmp_path):
    from pipeline.backends.camel_morph import load_camel_morph

    empty = tmp_path / "model.json"
    empty.write_text("{}", encoding="utf-8")
    assert load_camel_morph(mle=empty).split("وزير") == ("و", "زير")


def test_camel_vocabulary_in_the_segmenter(camel_dir):
    from pipeline.backends.camel_morph import camel_vocabulary
    from pipeline.stages.normalize import normalize

    base = Vocabulary(counts={"الكتاب": 100, "انغ": 50}, protected=frozenset({"وكتاب"}))
    vocab = camel_vocabulary(base)
    toks = tokenize(normalize("للكتاب وزير وانغ وكتاب بالكتاب"), vocab)
    assert [(t.norm, t.clitic) for t in toks] == [
        ("ل", True), ("الكتاب", False),  # ل + ال: the segmenter restores the alef from the counts
        ("وزير", False),
        ("و", True), ("انغ", False),  # unknown to CAMeL: the counts decide (انغ is frequent here)
        ("وكتاب", False),  # protected words are never split
        ("ب", True), ("الكتاب", False)]
    assert vocab.count("الكتاب") == 100 and vocab.lemma("بالكتاب") == "كتاب"


# --------------------------------------------------------------------------- errors, doctor, imports


def run_cli(args, env_extra, cwd):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **env_extra}
    code = ("import sys; from pipeline.cli import main; rc = main(sys.argv[1:]); "
            f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules)); sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300)


@pytest.mark.parametrize("backend,needle", [("camel", "camel_data -i ner-arabert"),
                                            ("stanza", "stanza.download('ar', processors='tokenize,mwt,ner')")])
def test_missing_backend_is_a_one_line_error(tmp_path, backend, needle):
    conll = tmp_path / "x.conll"
    conll.write_text("محمد B-PERS\n\n", encoding="utf-8")
    empty = {"CAMELTOOLS_DATA": str(tmp_path / "no-camel"), "STANZA_RESOURCES_DIR": str(tmp_path / "no-stanza")}
    r = run_cli(["eval-ner", "--ner", backend, "--data", str(conll)], empty, tmp_path)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert r.stderr.startswith(f"arclaims eval-ner: error: {backend} ") and needle in r.stderr
    assert "HEAVY []" in r.stdout  # found missing before importing anything heavy


def test_missing_backend_in_load_pipeline_is_a_usage_error(tmp_path, monkeypatch):
    from pipeline.cli import UsageError
    from pipeline.nlp import load_pipeline

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(UsageError, match="stanza Arabic NER not installed"):
        load_pipeline({"components": ["segment", "ner"], "ner": {"backend": "stanza"}})
    with pytest.raises(UsageError, match="stanza Arabic NER not installed"):
        backends.check_config({"components": ["segment", "ner"], "ner": {"backend": "stanza"}})
    backends.check_config({"components": ["segment"], "ner": {"backend": "stanza"}})  # ner not used


def test_doctor(camel_dir, stanza_dir, tmp_path):
    r = run_cli(["doctor"], {"CAMELTOOLS_DATA": str(camel_dir), "STANZA_RESOURCES_DIR": str(stanza_dir)}, tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    row = {name: next(line for line in lines if line.startswith(name)) for name in
           ("camel NER model", "camel morphology", "stanza Arabic NER", "builtin NER model")}
    assert " ok " in row["camel NER model"] and " ok " in row["camel morphology"] and " ok " in row["stanza Arabic NER"]
    assert "ensemble (--ner ensemble): builtin + camel, stanza" in r.stdout
    assert "HEAVY []" in r.stdout
    r = run_cli(["doctor"], {"CAMELTOOLS_DATA": str(tmp_path / "a"), "STANZA_RESOURCES_DIR": str(tmp_path / "b")}, tmp_path)
    assert "install: camel_data -i ner-arabert" in r.stdout and "install: camel_data -i disambig-mle-calima-msa-r13" in r.stdout


def test_default_run_on_seeds_imports_no_torch(tmp_path):
    """``arclaims run``'s code path (in-process worker) on the seeds with the default config."""
    code = f"""
import sys
from pathlib import Path
import pipeline.backends
from pipeline.commands.run import load_config
from pipeline.batch.inputs import check_inputs
from pipeline.batch.runner import RunOptions, run
stats = run(RunOptions(inputs=check_inputs([{str(REPO / 'seeds')!r}]), out=Path({str(tmp_path / 'out')!r}),
                       config=load_config(None), workers=0))
assert stats.ok >= 5, stats
print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules))
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "HEAVY []" in r.stdout


def test_with_options_adds_ner_before_merge(camel_dir):
    from pipeline.nlp import default_config

    config = backends.with_options(default_config(), ner="camel", morph="camel")
    comps = config["components"]
    assert comps.index("ner") == comps.index("merge") - 1 and comps.count("ner") == 1
    assert config["ner"]["backend"] == "camel" and config["segment"]["morph"] == "camel"
    assert backends.with_options(config, ner="camel")["components"] == comps
    from pipeline.cli import UsageError

    with pytest.raises(UsageError, match="unknown segment.morph 'farasa'"):
        backends.with_options(default_config(), morph="farasa")


def test_word_tokens_match_segment_words():
    from pipeline.backends.align import word_tokens, words
    from pipeline.stages.ner import segment_words

    raw = ["قال", "مُحمّد", "للشركة", "وGoogle", "،", "والصين", "."]
    tokens = word_tokens(raw)
    texts, _, clitic = segment_words(raw)
    assert [t.norm for t in tokens] == texts and [t.clitic for t in tokens] == clitic
    assert [w.text for w in words(tokens)] == raw  # camel and stanza read the corpus' spelling
