"""Component registry: names in the pipeline config map to factories.

A factory takes the shared ``Resources`` (models loaded once) and the component's own
config, and returns a callable ``component(doc) -> doc``.
"""
from __future__ import annotations

from typing import Callable

from .doc import Document

Component = Callable[[Document], Document]
Factory = Callable[..., Component]

_FACTORIES: dict[str, Factory] = {}


def register_component(name: str) -> Callable[[Factory], Factory]:
    def deco(factory: Factory) -> Factory:
        if name in _FACTORIES and _FACTORIES[name] is not factory:
            raise ValueError(f"component {name!r} registered twice")
        _FACTORIES[name] = factory
        return factory

    return deco


def get_factory(name: str) -> Factory:
    try:
        return _FACTORIES[name]
    except KeyError:
        raise KeyError(f"unknown pipeline component {name!r}; known: {', '.join(sorted(_FACTORIES))}") from None


def component_names() -> list[str]:
    return sorted(_FACTORIES)
