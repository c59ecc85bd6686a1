"""The pipeline object: a batch through ``pipe`` gives the documents of one call per article."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.doc import Article
from pipeline.nlp import load_pipeline
from pipeline.schema import document_records

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
PROBE = Path(__file__).parent / "data" / "probe_cerebras.txt"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def articles() -> list[Article]:
    texts = [p.read_text(encoding="utf-8") for p in [*SEEDS, PROBE]]
    return [Article(f"a{i}", t) for i, t in enumerate(texts + ["", "   ", "نص قصير."])]


def test_pipe_equals_one_call_per_article(nlp):
    batch = nlp.pipe(articles())
    single = [nlp(a) for a in articles()]
    assert [d.id for d in batch] == [a.id for a in articles()]
    assert [document_records(d) for d in batch] == [document_records(d) for d in single]
    assert sum(len(d.mentions) for d in batch) > 50  # the comparison is not between empty documents


def test_components_without_pipe_are_mapped(nlp):
    seen = []

    def spy(doc):
        seen.append(doc.id)
        return doc

    nlp.components.append(("spy", spy))
    try:
        nlp.pipe(articles()[:3])
    finally:
        nlp.components.pop()
    assert seen == ["a0", "a1", "a2"]


def test_a_document_does_not_depend_on_the_batch_it_is_in(nlp):
    """Resuming a run or another --batch-size puts an article in another batch, beside other
    articles, at another position: its records must stay the same."""
    arts = articles()
    single = [document_records(nlp(a)) for a in arts]
    for size in (2, 3):
        chunks = [arts[k:k + size] for k in range(0, len(arts), size)]
        assert [document_records(d) for chunk in chunks for d in nlp.pipe(chunk)] == single
    backwards = [document_records(d) for d in nlp.pipe(reversed(arts))]
    assert backwards[::-1] == single
