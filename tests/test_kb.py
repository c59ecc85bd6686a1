"""Validator for the built-in knowledge base, models/kb/entities.jsonl."""
from __future__ import annotations

import collections
import json
import re
import unicodedata

import pytest

from pipeline.paths import models_dir

KB_PATH = models_dir() / "kb" / "entities.jsonl"
TYPES = {"ORG": "org", "MODEL": "model", "PERSON": "person", "LOC": "loc"}
ID_RE = re.compile(r"^(org|model|person|loc)/[a-z0-9]+(?:[.\-][a-z0-9]+)*$")
MINIMUMS = {"ORG": 180, "MODEL": 180, "PERSON": 120, "LOC": 100}
ALLOWED_FIELDS = {"id", "type", "canonical", "aliases", "org", "parent", "family", "version_sep", "role", "description"}
PROCLITIC_SPACE = re.compile(r"^[وفبلك]\s")
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": None})


def fold(alias: str) -> str:
    """A matching key: no diacritics, folded alef/hamza/ta marbuta, case-folded, single spaces."""
    s = "".join(c for c in unicodedata.normalize("NFKC", alias) if not unicodedata.combining(c))
    return " ".join(s.translate(FOLD).casefold().split())


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    text = KB_PATH.read_text(encoding="utf-8")
    assert text.endswith("\n")
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        assert line.strip(), f"line {n} is blank"
        row = json.loads(line)
        assert isinstance(row, dict), f"line {n} is not an object"
        out.append(row)
    return out


def test_written_unescaped_and_sorted(rows):
    text = KB_PATH.read_text(encoding="utf-8")
    assert "\\u06" not in text, "write with ensure_ascii=False"
    ids = [r["id"] for r in rows]
    assert ids == sorted(ids)


def test_ids_unique_and_well_formed(rows):
    counts = collections.Counter(r["id"] for r in rows)
    assert not [i for i, c in counts.items() if c > 1]
    for r in rows:
        assert ID_RE.match(r["id"]), r["id"]
        assert r["type"] in TYPES, r
        assert r["id"].split("/", 1)[0] == TYPES[r["type"]], r["id"]


def test_fields(rows):
    for r in rows:
        assert set(r) <= ALLOWED_FIELDS, (r["id"], set(r) - ALLOWED_FIELDS)
        assert isinstance(r["canonical"], str) and r["canonical"].strip(), r["id"]
        assert isinstance(r["aliases"], list) and r["aliases"], r["id"]
        assert r["canonical"] in r["aliases"], r["id"]
        assert len(set(r["aliases"])) == len(r["aliases"]), r["id"]
        for a in r["aliases"]:
            assert isinstance(a, str) and a == a.strip() and "  " not in a and a, (r["id"], a)
        if r.get("family"):
            assert r["type"] == "MODEL" and r.get("version_sep") in ("", " ", "-"), r["id"]
        for key in ("description", "role"):
            assert key not in r or (isinstance(r[key], str) and r[key].strip()), (r["id"], key)


def test_counts_meet_minimums(rows):
    counts = collections.Counter(r["type"] for r in rows)
    for t, n in MINIMUMS.items():
        assert counts[t] >= n, (t, counts[t])


def test_references_resolve(rows):
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        if "org" in r:
            assert r["org"] in by_id and by_id[r["org"]]["type"] == "ORG", (r["id"], r["org"])
        if "parent" in r:
            assert r["type"] == "MODEL", r["id"]
            parent = by_id.get(r["parent"])
            assert parent is not None and parent["type"] == "MODEL" and parent.get("family"), (r["id"], r["parent"])
            assert r["parent"] != r["id"]


def test_no_alias_starts_with_proclitic_and_space(rows):
    bad = [(r["id"], a) for r in rows for a in r["aliases"] if PROCLITIC_SPACE.match(a)]
    assert not bad


def test_no_mixed_script_words(rows):
    bad = [
        (r["id"], a)
        for r in rows
        for a in r["aliases"]
        for w in re.split(r"[\s\-./]+", a)
        if ARABIC.search(w) and LATIN.search(w)
    ]
    assert not bad


def test_no_alias_shared_within_a_type(rows):
    exact: dict[tuple[str, str], str] = {}
    folded: dict[tuple[str, str], str] = {}
    clashes = []
    for r in rows:
        for a in r["aliases"]:
            for table, key in ((exact, (r["type"], a)), (folded, (r["type"], fold(a)))):
                other = table.setdefault(key, r["id"])
                if other != r["id"]:
                    clashes.append((a, other, r["id"]))
    assert not clashes


def test_loader_reads_it(rows):
    from pipeline.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    assert len(kb) == len(rows)
    assert kb["org/openai"].canonical == "OpenAI"
    assert kb["model/qwen"].family and kb["model/qwen"].version_sep == ""
    assert "R1" in kb["model/deepseek-r1"].aliases
