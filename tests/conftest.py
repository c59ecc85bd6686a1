"""Shared fixtures: the pipeline is built once per test session (models load once)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def run_text(nlp):
    from datetime import date

    from pipeline.doc import Article

    def run(text: str, published: date | None = date(2025, 8, 8), article_id: str = "t"):
        return nlp(Article(article_id, text, published))

    return run
