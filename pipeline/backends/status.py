"""Is each optional backend's data installed? Answered from the file system alone.

Nothing here imports camel_tools.data, stanza or torch: importing ``camel_tools.data``
without its catalogue file downloads one, and torch costs seconds. Each check says what is
missing and the exact command that installs it, so ``arclaims doctor`` and the loaders give
the same one-line answer.
"""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

CAMEL_NER_PACKAGE = "ner-arabert"
CAMEL_MORPH_PACKAGE = "disambig-mle-calima-msa-r13"  # depends on morphology-db-msa-r13
CAMEL_NER_INSTALL = f"camel_data -i {CAMEL_NER_PACKAGE}"
CAMEL_MORPH_INSTALL = f"camel_data -i {CAMEL_MORPH_PACKAGE}"
STANZA_PROCESSORS = ("tokenize", "mwt", "ner")
STANZA_INSTALL = "python -c \"import stanza; stanza.download('ar', processors='tokenize,mwt,ner')\""
BUILTIN_INSTALL = "arclaims train-ner"
CHROMIUM_INSTALL = "apt-get install chromium chromium-driver fonts-noto-core"


@dataclass(frozen=True)
class Status:
    """One backend: installed or not, where it looked, and how to install it."""

    name: str
    ok: bool
    detail: str
    install: str
    online: bool = True  # the install command downloads

    def error(self) -> str:
        """The one-line error a loader raises when this backend is missing."""
        return f"{self.name} not installed ({self.detail}): run `{self.install}`" + (" (needs internet)" if self.online else "")


def camel_data_dir() -> Path:
    """CAMeL Tools' data folder, as camel_tools itself resolves it."""
    loaded = sys.modules.get("camel_tools.data.catalogue")
    if loaded is not None:
        return Path(loaded.CT_DATA_DIR)
    env = os.environ.get("CAMELTOOLS_DATA")
    return Path(env).expanduser().absolute() if env else Path.home() / ".camel_tools"


def stanza_resources_dir() -> Path:
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env).expanduser() if env else Path.home() / "stanza_resources"


def _camel_catalogue() -> Status | None:
    """camel_tools downloads its catalogue on first import; offline that import fails."""
    cat = camel_data_dir() / "catalogue.json"
    if cat.is_file():
        return None
    return Status("CAMeL Tools data", False, f"no {cat}", CAMEL_NER_INSTALL)


def camel_ner_status(model: Path | str | None = None) -> Status:
    name = "camel NER model"
    path = Path(model) if model else camel_data_dir() / "data" / "ner" / "arabert"
    missing = _camel_catalogue()
    if missing is not None:
        return Status(name, False, missing.detail, CAMEL_NER_INSTALL)
    if not (path / "config.json").is_file():
        return Status(name, False, f"no {path / 'config.json'}", CAMEL_NER_INSTALL)
    return Status(name, True, str(path), CAMEL_NER_INSTALL)


def camel_morph_paths(db: Path | str | None = None, mle: Path | str | None = None) -> tuple[Path, Path]:
    """The calima-msa-r13 morphology database and its MLE disambiguation model."""
    data = camel_data_dir() / "data"
    return (Path(db) if db else data / "morphology_db" / "calima-msa-r13" / "morphology.db",
            Path(mle) if mle else data / "disambig_mle" / "calima-msa-r13" / "model.json")


def camel_morph_status(db: Path | str | None = None, mle: Path | str | None = None) -> Status:
    name = "camel morphology"
    missing = _camel_catalogue()
    if missing is not None:
        return Status(name, False, missing.detail, CAMEL_MORPH_INSTALL)
    for path in camel_morph_paths(db, mle):
        if not path.is_file():
            return Status(name, False, f"no {path}", CAMEL_MORPH_INSTALL)
    return Status(name, True, str(camel_morph_paths(db, mle)[0].parent), CAMEL_MORPH_INSTALL)


def stanza_status(resources: Path | str | None = None) -> Status:
    """Stanza's Arabic tokenize, mwt and ner models under its resources folder."""
    name = "stanza Arabic NER"
    root = Path(resources) if resources else stanza_resources_dir()
    if not (root / "resources.json").is_file():
        return Status(name, False, f"no {root / 'resources.json'}", STANZA_INSTALL)
    for proc in STANZA_PROCESSORS:
        folder = root / "ar" / proc
        if not any(folder.glob("*.pt")):
            return Status(name, False, f"no model in {folder}", STANZA_INSTALL)
    return Status(name, True, str(root / "ar"), STANZA_INSTALL)


def builtin_status(model: Path | str | None = None) -> Status:
    from ..stages.ner import MODEL_NAME
    from ..paths import models_dir

    path = Path(model) if model else models_dir() / MODEL_NAME
    ok = (path / "config.cfg").is_file()
    return Status("builtin NER model", ok, str(path) if ok else f"no {path / 'config.cfg'}", BUILTIN_INSTALL, online=False)


def chromium_status() -> Status:
    """The report's browser test needs Debian's Chromium and its driver (never downloaded)."""
    found = {n: os.environ.get(env) or next((p for p in map(shutil.which, names) if p), None)
             for n, env, names in (("chromium", "ARCLAIMS_CHROMIUM", ("chromium", "chromium-browser")),
                                   ("chromedriver", "ARCLAIMS_CHROMEDRIVER", ("chromedriver",)))}
    missing = [n for n, p in found.items() if not p]
    detail = f"{', '.join(missing)} not on PATH" if missing else ", ".join(str(p) for p in found.values())
    return Status("Chromium (report browser test)", not missing, detail, CHROMIUM_INSTALL)
