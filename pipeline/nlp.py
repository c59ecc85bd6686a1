"""Build the pipeline from its config and run it over articles.

Usage::

    nlp = load_pipeline()              # models and lexicons loaded once
    doc = nlp(Article(id="a1", text=..., published=date(2025, 8, 8)))
    entities, claims, counts = schema.document_records(doc)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from . import factories  # noqa: F401  (registers the built-in components)
from .component_registry import Component, component_names, get_factory  # noqa: F401
from .config import default_config, merge_config  # noqa: F401  (the builder's API)
from .doc import Article, Document


@dataclass
class Resources:
    """Models and lexicons shared by components; each is loaded on first use, once."""

    config: dict[str, Any]
    _cache: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, loader) -> Any:
        if key not in self._cache:
            self._cache[key] = loader()
        return self._cache[key]


@dataclass
class Pipeline:
    config: dict[str, Any]
    components: list[tuple[str, Component]]
    resources: Resources

    @property
    def component_names(self) -> list[str]:
        return [name for name, _ in self.components]

    def make_doc(self, article: Article) -> Document:
        meta = {"source": article.source, "title": article.title, "url": article.url}
        return Document(id=article.id, text=article.text, published=article.published, meta=meta)

    def __call__(self, article: Article | Document) -> Document:
        doc = article if isinstance(article, Document) else self.make_doc(article)
        for _name, component in self.components:
            doc = component(doc)
        return doc

    def pipe(self, articles: Iterable[Article | Document]) -> list[Document]:
        """The documents of a batch, each component run over the whole batch in turn; a component
        with a ``pipe`` method gets the batch at once (the statistical NER batches its matrices).
        Gives the same documents as calling the pipeline on each article."""
        docs = [a if isinstance(a, Document) else self.make_doc(a) for a in articles]
        for _name, component in self.components:
            batch = getattr(component, "pipe", None)
            docs = list(batch(docs)) if batch is not None else [component(doc) for doc in docs]
        return docs


def load_pipeline(config: dict[str, Any] | str | Path | None = None, **overrides: Any) -> Pipeline:
    """The configured pipeline; ``config`` is a dict or a JSON file merged over the default."""
    cfg = default_config()
    if isinstance(config, (str, Path)):
        cfg = merge_config(cfg, json.loads(Path(config).read_text(encoding="utf-8")))
    elif isinstance(config, dict):
        cfg = merge_config(cfg, config)
    if overrides:
        cfg = merge_config(cfg, overrides)
    res = Resources(cfg)
    comps = [(name, get_factory(name)(res, cfg.get(name, {}))) for name in cfg["components"]]
    return Pipeline(cfg, comps, res)
