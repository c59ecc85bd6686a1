"""The pipeline config: the default (``pipeline/data/config.json``) and how overrides merge into it."""
from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any


def default_config() -> dict[str, Any]:
    return json.loads(resources.files("pipeline").joinpath("data/config.json").read_text(encoding="utf-8"))


def merge_config(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``override`` into a copy of ``base`` (lists are replaced, not merged)."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_config(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
