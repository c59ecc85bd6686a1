"""Validator for the built-in knowledge base, models/kb/entities.jsonl."""
from __future__ import annotations

import collections
import gzip
import json
import re
import unicodedata

import pytest

from pipeline.stages.normalize import normalize
from pipeline.paths import lexicon_path, models_dir

KB_PATH = models_dir() / "kb" / "entities.jsonl"
README_PATH = models_dir() / "kb" / "README.md"
SOURCES = {"MODEL": {"vendor announcement"}, "ORG": {"official site"}, "PERSON": {"Wikipedia"}, "LOC": {"Wikipedia"}}
REVIEW_SECTIONS = ("## Known ambiguous forms", "## Frequent forms reviewed as names")
TYPES = {"ORG": "org", "MODEL": "model", "PERSON": "person", "LOC": "loc"}
ID_RE = re.compile(r"^(org|model|person|loc)/[a-z0-9]+(?:[.\-][a-z0-9]+)*$")
MINIMUMS = {"ORG": 400, "MODEL": 400, "PERSON": 120, "LOC": 100}
ALLOWED_FIELDS = {"id", "type", "canonical", "aliases", "org", "parent", "family", "version_sep", "role", "description", "source"}
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


def test_every_entry_names_its_source_of_truth(rows):
    bad = [(r["id"], r.get("source")) for r in rows if r.get("source") not in SOURCES[r["type"]]]
    assert not bad


def word_counts() -> dict[str, int]:
    counts = {}
    with gzip.open(lexicon_path("word_counts.tsv.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            word, _, n = line.rstrip("\n").partition("\t")
            counts[word] = int(n)
    return counts


def ordinary_word_signals(word: str, counts: dict[str, int]) -> list[str]:
    """Why a normalised one-word alias may also be an ordinary word of news text, from the
    corpus counts: a short attested word, a word used both with and without the article, a
    word with a frequent feminine/plural form, or the accusative (-ًا) of an attested word."""
    c = counts.get
    out = []
    if len(word) <= 3 and c(word, 0) >= 1:
        out.append("short")
    if c(word, 0) >= 20 and c("ال" + word, 0) >= 5:
        out.append("article")
    if max(c(word + "ه", 0), c(word + "ات", 0), c("ال" + word + "ه", 0)) >= 30:
        out.append("inflects")
    if word.endswith("ا") and len(word) >= 4 and c(word[:-1], 0) >= 10:
        out.append("accusative")
    return out


def reviewed_forms(sections=REVIEW_SECTIONS) -> set[str]:
    """Normalised forms listed in the README's sections (bullets: forms، forms — why)."""
    forms: set[str] = set()
    section = None
    for line in README_PATH.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line.strip() if line.strip() in sections else None
        elif section and line.startswith("- ") and " — " in line:
            for form in line[2:].split(" — ", 1)[0].split("،"):
                forms.add(normalize(form.strip()).text)
    return forms


def test_ordinary_word_signals():
    counts = {"سيول": 47, "السيول": 15, "علامه": 114, "ميت": 16, "واس": 94, "غوغل": 505}
    assert ordinary_word_signals("سيول", counts) == ["article"]
    assert ordinary_word_signals("علام", counts) == ["inflects"]
    assert ordinary_word_signals("ميتا", counts) == ["accusative"]
    assert ordinary_word_signals("واس", counts) == ["short"]
    assert ordinary_word_signals("غوغل", counts) == []


def test_readme_lists_reviewed_forms():
    forms = reviewed_forms()
    assert {"ميتا", "مجلس الشيوخ", "فيسبوك"} <= forms


def test_forms_left_out_stay_out(rows):
    """The README's "Forms left out on purpose" are ordinary words or other names first."""
    left_out = reviewed_forms(("## Forms left out on purpose",))
    assert {"هايكو", "فيليبس", "وام"} <= left_out
    bad = [(r["id"], a) for r in rows if r["type"] in ("ORG", "MODEL") for a in r["aliases"] if normalize(a).text in left_out]
    assert not bad


def test_no_ordinary_word_alias_without_review(rows):
    """A one-word Arabic alias that may be an ordinary word creates false mentions everywhere;
    it is kept only where models/kb/README.md lists it (ambiguous, or reviewed as a name)."""
    counts = word_counts()
    reviewed = reviewed_forms()
    unlisted = []
    for r in rows:
        if r["type"] == "LOC":
            continue  # place names are the words themselves
        for alias in r["aliases"]:
            norm = normalize(alias).text
            if " " in norm or not ARABIC.search(norm) or LATIN.search(norm):
                continue
            word = norm[2:] if norm.startswith("ال") and len(norm) > 4 else norm
            if norm not in reviewed and ordinary_word_signals(word, counts):
                unlisted.append((r["id"], alias, ordinary_word_signals(word, counts)))
    assert not unlisted


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
    from pipeline.stages.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    assert len(kb) == len(rows)
    assert kb["org/openai"].canonical == "OpenAI"
    assert kb["model/qwen"].family and kb["model/qwen"].version_sep == ""
    assert "R1" in kb["model/deepseek-r1"].aliases
    assert kb["org/openai"].source == "official site" and kb["model/gpt-5"].source == "vendor announcement"
