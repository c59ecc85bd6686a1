"""Where the project's models and lexicons live.

``models/`` sits beside the package in the repository (the install is editable), and
``ARCLAIMS_MODELS`` points elsewhere for a deployment that keeps models apart from code.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def models_dir() -> Path:
    return Path(os.environ.get("ARCLAIMS_MODELS") or REPO_DIR / "models")


def lexicon_path(name: str) -> Path:
    return models_dir() / "lexicons" / name
