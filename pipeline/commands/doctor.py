"""``arclaims doctor``: which optional backends and test tools are installed, and how to install the rest.

Everything is read from the file system and package metadata: nothing heavy is imported and
nothing is downloaded, so doctor answers in well under a second on a machine without internet.
"""
from __future__ import annotations

from importlib import metadata


def register(subparsers) -> None:
    from .. import backends  # noqa: F401  (registers the camel, stanza and ensemble NER backends)

    p = subparsers.add_parser(
        "doctor",
        help="list the NER/morphology backends and test tools, whether installed, and the install commands",
        description="One row per backend: builtin NER (models/ner-ar), CAMeL Tools NER and morphology, "
        "Stanza's Arabic NER, and Chromium for the report's browser test. Exit code 0; "
        "a backend used while missing fails with a one-line error and exit code 2.",
    )
    p.set_defaults(handler=run)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def rows() -> list[tuple[str, str, str, str]]:
    """(backend, status, where or what is missing, install command)."""
    from ..backends.status import (builtin_status, camel_morph_status, camel_ner_status, chromium_status,
                                   stanza_status)

    usage = {"builtin NER model": "--ner builtin", "camel NER model": "--ner camel",
             "camel morphology": "--morph camel", "stanza Arabic NER": "--ner stanza"}
    out = []
    for s in (builtin_status(), camel_ner_status(), camel_morph_status(), stanza_status(), chromium_status()):
        name = f"{s.name} ({usage[s.name]})" if s.name in usage else s.name
        out.append((name, "ok" if s.ok else "missing", s.detail, "" if s.ok else s.install))
    return out


def run(args) -> int:
    print("packages: " + ", ".join(f"{d} {_version(d)}" for d in ("camel-tools", "stanza", "transformers", "torch", "spacy")))
    table = rows()
    width = max(len(r[0]) for r in table)
    for name, status, detail, install in table:
        print(f"{name:<{width}}  {status:<7}  {detail}")
        if install:
            print(f"{'':<{width}}  {'':<7}  install: {install}")
    others = [name for name, row in (("camel", table[1]), ("stanza", table[3])) if row[1] == "ok"]
    print(f"ensemble (--ner ensemble): builtin + {', '.join(others) or 'no other backend installed'}")
    return 0
