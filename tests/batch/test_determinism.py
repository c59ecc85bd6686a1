"""Same input, same output (issue 15): no record may depend on the hash seed, the batch an
article is in, the number of workers, or where a run was resumed."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.tagger import PhraseSet, match_phrase

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "data" / "corpus" / "ant_multisource" / "articles.jsonl"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]


def test_phrase_set_runs_longest_first_then_in_code_point_order() -> None:
    """Whatever order a set of phrases comes in, iteration is by rule, so the first title a
    caller meets before a name is the longest (نائب الرئيس, not الرئيس)."""
    phrases = [("الرئيس",), ("نائب", "الرئيس"), ("الرئيس", "التنفيذي"), ("المدير",), ("نائب", "المدير", "العام"), ("الرئيس",)]
    expected = [("نائب", "المدير", "العام"), ("الرئيس", "التنفيذي"), ("نائب", "الرئيس"), ("الرئيس",), ("المدير",)]
    for seed in range(20):
        shuffled = phrases[:]
        random.Random(seed).shuffle(shuffled)
        ps = PhraseSet.of(shuffled)
        assert list(ps) == expected
        assert ps.by_first["الرئيس"] == (("الرئيس", "التنفيذي"), ("الرئيس",))
        assert ps.by_first["نائب"] == (("نائب", "المدير", "العام"), ("نائب", "الرئيس"))
    norms = "قال نائب الرئيس التنفيذي".split()
    assert [match_phrase(norms, i, PhraseSet.of(phrases)) for i in range(4)] == [0, 2, 2, 0]
    title_before_name = next(t for t in PhraseSet.of(phrases) if tuple(norms[3 - len(t):3]) == t)
    assert title_before_name == ("نائب", "الرئيس")


WORDS = ["الرئيس", "نائب", "التنفيذي", "المدير", "العام", "a", "b"]
PHRASES = st.lists(st.lists(st.sampled_from(WORDS), max_size=3).map(tuple), max_size=12)


@given(PHRASES, st.randoms(use_true_random=False))
def test_phrase_set_order_is_a_function_of_the_phrases_alone(phrases, rnd) -> None:
    shuffled = phrases[:]
    rnd.shuffle(shuffled)
    ps, again = PhraseSet.of(phrases), PhraseSet.of(shuffled)
    assert list(ps) == list(again) == sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    assert ps.by_first == again.by_first
    norms = [rnd.choice(WORDS) for _ in range(6)]
    for i in range(len(norms) + 1):  # match_phrase: the longest phrase starting at i
        best = max((len(p) for p in ps if tuple(norms[i:i + len(p)]) == p), default=0)
        assert match_phrase(norms, i, ps) == best


@pytest.fixture(scope="module")
def ner_inputs():
    from pipeline.doc import Article
    from pipeline.stages.ner import NerModel
    from pipeline.nlp import load_pipeline

    segment = load_pipeline({"components": ["segment"]})
    model = NerModel.load()
    token_lists = [segment(Article(f"s{i}", t)).tokens for i, t in enumerate(TEXTS * 3)]
    return model, token_lists


def test_ner_floats_of_a_document_do_not_depend_on_its_batch(ner_inputs) -> None:
    """The statistical NER decides by argmax over floats. Each layer's rows must come out
    bit for bit the same whatever else is in the batch (matrix shapes differ with the batch),
    so a near tie cannot flip between --batch-size 1 and 16. Checked on the model's own
    layers: the shared tok2vec, the NER's projection, the precomputed lower layer, the upper one."""
    model, token_lists = ner_inputs
    docs = [model._doc(tokens) for tokens in token_lists]
    tok2vec = model.nlp.get_pipe("tok2vec")
    alone = [tok2vec.predict([d])[0] for d in docs]
    together = tok2vec.predict(docs)
    assert all(np.array_equal(a, b) for a, b in zip(alone, together))
    ner = model.nlp.get_pipe("ner").model
    linear, lower, upper = ner.layers[0].layers[-1], ner.get_ref("lower"), ner.get_ref("upper")
    rows = np.vstack(together)
    projected = linear.predict(rows)
    precomputed = lower.predict(projected)  # row 0 is the padding row
    start = 0
    for a in alone:
        end = start + len(a)
        assert np.array_equal(linear.predict(a), projected[start:end])
        own = lower.predict(projected[start:end])
        assert np.array_equal(own[1:], precomputed[1 + start:1 + end]) and np.array_equal(own[0], precomputed[0])
        start = end
    hidden = np.random.default_rng(0).standard_normal((300, upper.get_dim("nI"))).astype("f")
    scores = upper.predict(hidden)
    rng = random.Random(0)
    for n in (1, 2, 3, 7, 16, 64, 299):
        pick = sorted(rng.sample(range(300), n))
        assert np.array_equal(upper.predict(hidden[pick]), scores[pick])


def test_ner_spans_are_the_same_for_any_batch_size_and_order(ner_inputs) -> None:
    model, token_lists = ner_inputs
    single = [model.predict(tokens) for tokens in token_lists]
    assert sum(map(len, single)) > 30  # the comparison is not between empty predictions
    for size in (2, 5, 64):
        assert list(model.pipe(token_lists, batch_size=size)) == single
    order = list(range(len(token_lists)))
    random.Random(3).shuffle(order)
    shuffled = list(model.pipe([token_lists[k] for k in order], batch_size=4))
    assert [shuffled[order.index(k)] for k in range(len(order))] == single


@pytest.mark.skipif(not CORPUS.is_file(), reason="the shared ANT corpus (../shared) is not here")
def test_300_corpus_articles_give_the_same_bytes_whatever_workers_batch_size_and_hash_seed(tmp_path: Path) -> None:
    """benchmarks/identity.py on 300 articles: --workers 0 and 2, --batch-size 1, 7 and 16,
    each under another PYTHONHASHSEED; the output folders must be byte-identical."""
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "identity.py"), "--articles", "300",
                           "--keep", str(tmp_path / "identity")], capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all four output folders byte-identical" in proc.stdout
    assert "300 articles: 300 ok" in proc.stdout
