"""Optional NER and morphology backends: CAMeL Tools and Stanza, when their models are installed.

Importing this package only registers loaders in ``pipeline.stages.ner.NER_BACKENDS`` (``camel``,
``stanza``, ``ensemble``); each loader checks that its data is installed, from the file system
alone, before it imports camel_tools, stanza, transformers or torch, and raises a one-line
``UsageError`` with the install command when it is not. ``status`` answers ``arclaims doctor``.
"""
from __future__ import annotations

from pathlib import Path

from ..stages.ner import NER_BACKENDS


def load_camel(model: Path | str | None = None):
    from .camel_ner import load_camel as load

    return load(model)


def load_stanza(model: Path | str | None = None):
    from .stanza_ner import load_stanza as load

    return load(model)


def load_ensemble(model: Path | str | None = None):
    from .ensemble import load_ensemble as load

    return load(model)


def register() -> None:
    NER_BACKENDS.setdefault("camel", load_camel)
    NER_BACKENDS.setdefault("stanza", load_stanza)
    NER_BACKENDS.setdefault("ensemble", load_ensemble)


def with_options(config: dict, ner: str | None = None, morph: str | None = None) -> dict:
    """``config`` with the ``--ner``/``--morph`` options of ``arclaims run`` applied, checked.

    ``--ner NAME`` sets ``ner.backend`` and adds the ``ner`` component before ``merge`` (so KB
    and rule mentions win overlaps) when the config has none; ``--morph camel`` sets
    ``segment.morph``. A backend that is not installed is a one-line ``UsageError`` here.
    """
    from ..config import merge_config

    if ner:
        components = list(config.get("components", []))
        if "ner" not in components:
            components.insert(components.index("merge") if "merge" in components else len(components), "ner")
        config = merge_config(config, {"components": components, "ner": {"backend": ner}})
    if morph:
        config = merge_config(config, {"segment": {"morph": morph}})
    check_config(config)
    return config


def check_config(config: dict) -> None:
    """Raise the one-line ``UsageError`` now if ``config`` asks for a backend that is not
    installed, before a run sets up its outputs and workers (no heavy import here)."""
    from ..errors import UsageError
    from .status import builtin_status, camel_morph_status, camel_ner_status, stanza_status

    ner = config.get("ner", {})
    if "ner" in config.get("components", []):
        backend, model = ner.get("backend", "builtin"), ner.get("model")
        checks = {"builtin": builtin_status, "camel": camel_ner_status, "stanza": stanza_status,
                  "ensemble": builtin_status}
        if backend not in NER_BACKENDS:
            raise UsageError(f"unknown NER backend {backend!r}; known: {', '.join(sorted(NER_BACKENDS))}")
        status = checks[backend](model) if backend in checks else None
        if status is not None and not status.ok:
            raise UsageError(status.error())
    morph = config.get("segment", {}).get("morph")
    if morph not in (None, "", "camel"):
        raise UsageError(f"unknown segment.morph {morph!r}; known: camel")
    if morph == "camel":
        status = camel_morph_status(config["segment"].get("morph_db"), config["segment"].get("morph_mle"))
        if not status.ok:
            raise UsageError(status.error())


register()
