"""Entity resolution: the pair set's merge precision/recall, stable ids, KB matching, the
user KB, the registry across runs, and one id per entity on the seed articles."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pipeline.doc import Document, Mention
from pipeline.batch.entity_registry import REGISTRY_FILE, build_registry, registry_records
from pipeline.stages.kb import KnowledgeBase
from pipeline.stages.name_match import DEFAULT_THRESHOLD, coarse_key, default_phonetics, name_similarity, new_entity_id
from pipeline.evaluation.pairs import load_pairs, merge_metrics, score_pairs, split_pairs, tune_threshold
from pipeline.stages.resolve import AliasIndex, match_kb, resolve_document, resolve_name

REPO = Path(__file__).resolve().parents[2]
PAIRS = REPO / "tests" / "data" / "entity_pairs.jsonl"
SEEDS = sorted((REPO / "seeds").glob("0*.txt"))


@pytest.fixture(scope="module")
def pairs():
    return load_pairs(PAIRS)


@pytest.fixture(scope="module")
def ph():
    return default_phonetics()


# --- the labelled pair set -------------------------------------------------------------


def test_pair_set_shape(pairs):
    assert len(pairs) >= 200
    assert sum(1 for p in pairs if not p["same"]) >= 50
    assert {p["type"] for p in pairs} == {"PERSON", "ORG", "MODEL"}
    assert len({(p["a"], p["b"], p["type"]) for p in pairs}) == len(pairs)


def test_merge_precision_and_recall(pairs):
    tune, held = split_pairs(pairs)
    for scored in (score_pairs(pairs), score_pairs(held)):
        m = merge_metrics(scored, DEFAULT_THRESHOLD)
        assert m.precision >= 0.98, m.line("pairs")
        assert m.recall >= 0.90, m.line("pairs")


def test_shipped_threshold_is_the_tuned_one(pairs):
    tune, _ = split_pairs(pairs)
    assert abs(tune_threshold(score_pairs(tune)) - DEFAULT_THRESHOLD) <= 0.01


def test_ids_alone_merge_variants_across_articles(pairs):
    """Without any KB entry, the ids of new entities already merge variant spellings."""
    from pipeline.evaluation.pairs import resolver_pairs

    m = merge_metrics(resolver_pairs(pairs, AliasIndex.build(KnowledgeBase())), 0.5)
    assert m.precision >= 0.98 and m.recall >= 0.90, m.line("no-KB ids")


@pytest.mark.parametrize("a,b,etype", [
    ("علي فرهادي", "علي بابا", "PERSON"),
    ("Google", "Google DeepMind", "ORG"),
    ("Meta", "Metaculus", "ORG"),
    ("GPT-4", "GPT-4o", "MODEL"),
])
def test_issue_negatives_never_merge(a, b, etype, pairs):
    assert any({p["a"], p["b"]} == {a, b} and not p["same"] for p in pairs)
    assert name_similarity(a, b, etype) < DEFAULT_THRESHOLD


@pytest.mark.parametrize("a,b,etype", [
    ("زوكربيرغ", "زوكربيرج", "PERSON"),
    ("وِي سون", "وي صن", "PERSON"),
    ("معهد Allen", "معهد ألين", "ORG"),
    ("OpenAI", "openAI", "ORG"),
    ("Baidu", "بaidu", "ORG"),
    ("DeepSeek", "ديب سيك", "ORG"),
    ("Llama", "اللاما", "MODEL"),
])
def test_issue_variants_merge(a, b, etype):
    assert name_similarity(a, b, etype) >= DEFAULT_THRESHOLD


# --- ids of new entities ------------------------------------------------------------------


def test_new_entity_ids_are_deterministic_and_spelling_tolerant(ph):
    assert new_entity_id("PERSON", "زوكربيرغ", ph) == new_entity_id("PERSON", "زوكربيرج", ph)
    assert new_entity_id("PERSON", "وِي سون", ph) == new_entity_id("PERSON", "وي صن", ph) == new_entity_id("PERSON", "Wei Sun", ph)
    assert new_entity_id("ORG", "ATOM", ph) == new_entity_id("ORG", "أتوم", ph)
    # Pinned: a change of this value renames every entity outside the KB in existing outputs.
    assert new_entity_id("PERSON", "وي سون", ph) == "person:fa61be773232"


def test_new_entity_ids_keep_versions_and_types_apart(ph):
    assert coarse_key("GPT-4", "MODEL", ph) != coarse_key("GPT-4o", "MODEL", ph)
    assert new_entity_id("MODEL", "GPT-4", ph) != new_entity_id("MODEL", "GPT-4o", ph)
    assert new_entity_id("ORG", "Wei Sun", ph) != new_entity_id("PERSON", "Wei Sun", ph)


# --- resolution against a KB -----------------------------------------------------------------

KB_ROWS = [
    {"id": "person/mark-zuckerberg", "type": "PERSON", "canonical": "Mark Zuckerberg", "aliases": ["مارك زوكربيرغ"]},
    {"id": "person/mark-chen", "type": "PERSON", "canonical": "Mark Chen", "aliases": ["مارك تشين"]},
    {"id": "person/sam-altman", "type": "PERSON", "canonical": "Sam Altman", "aliases": ["سام ألتمان"]},
    {"id": "org/openai", "type": "ORG", "canonical": "OpenAI", "aliases": ["أوبن إيه آي"]},
    {"id": "org/baidu", "type": "ORG", "canonical": "Baidu", "aliases": ["بايدو"]},
    {"id": "org/deepseek", "type": "ORG", "canonical": "DeepSeek", "aliases": ["ديب سيك"]},
    {"id": "org/google", "type": "ORG", "canonical": "Google", "aliases": ["غوغل", "جوجل"]},
    {"id": "org/google-deepmind", "type": "ORG", "canonical": "Google DeepMind", "aliases": ["غوغل ديب مايند"]},
    {"id": "model/llama", "type": "MODEL", "canonical": "Llama", "aliases": ["لاما"]},
    {"id": "model/gpt-4", "type": "MODEL", "canonical": "GPT-4", "aliases": []},
    {"id": "model/gpt-4o", "type": "MODEL", "canonical": "GPT-4o", "aliases": []},
]


def small_kb(extra: list[dict] | None = None) -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.update(KB_ROWS + (extra or []))
    return kb


@pytest.fixture(scope="module")
def index():
    return AliasIndex.build(small_kb())


@pytest.mark.parametrize("text,etype,expected,how", [
    ("OpenAi", "ORG", "org/openai", "exact"),
    ("Open AI", "ORG", "org/openai", "exact"),
    ("اوبن ايه اي", "ORG", "org/openai", "exact"),
    ("قوقل", "ORG", "org/google", "fuzzy"),
    ("جوجل ديب مايند", "ORG", "org/google-deepmind", "fuzzy"),
    ("اللاما", "MODEL", "model/llama", "fuzzy"),
    ("مارك زوكربرج", "PERSON", "person/mark-zuckerberg", "fuzzy"),
    ("زوكربيرج", "PERSON", "person/mark-zuckerberg", "surname"),
    ("DeepSeek", "MODEL", "org/deepseek", "sibling"),
    ("GPT 4o", "MODEL", "model/gpt-4o", "exact"),
])
def test_match_kb(index, ph, text, etype, expected, how):
    hit = match_kb(text, etype, index, ph)
    assert hit is not None and (hit.entry_id, hit.how) == (expected, how)


@pytest.mark.parametrize("text,etype", [
    ("Mark Chan", "PERSON"),  # not Mark Chen
    ("مارك", "PERSON"),  # a first name is no surname
    ("Metaculus", "ORG"),
    ("GPT-4.5", "MODEL"),
    ("Sam Bankman-Fried", "PERSON"),
])
def test_match_kb_rejects_near_misses(index, ph, text, etype):
    assert match_kb(text, etype, index, ph) is None


def mention(text: str, doc_text: str, etype: str, start: int | None = None, **kw) -> Mention:
    s = doc_text.index(text) if start is None else start
    return Mention(s, s + len(text), text, etype, kw.pop("source", "rule"), **kw)


def test_resolve_document(index, ph):
    text = "قال سام ألتمان إن بaidu و وي صن في 6 أغسطس، وأضاف وِي سون أن ألتمان محق."
    ms = [
        mention("سام ألتمان", text, "PERSON", source="kb", kb_id="person/sam-altman", canonical="Sam Altman"),
        mention("aidu", text, "ORG"),
        mention("وي صن", text, "PERSON"),
        mention("6 أغسطس", text, "DATE", source="dates"),
        mention("وِي سون", text, "PERSON"),
        mention("ألتمان", text, "PERSON", start=text.rindex("ألتمان"), antecedent=0, canonical="Sam Altman"),
    ]
    spans = [(m.start, m.end, m.text) for m in ms]
    doc = resolve_document(Document(id="a", text=text, mentions=ms), index, ph)
    altman, baidu, wei1, date, wei2, surname = doc.mentions
    assert (altman.entity_id, altman.canonical) == ("person/sam-altman", "Sam Altman")
    assert (baidu.entity_id, baidu.canonical, baidu.kb_id) == ("org/baidu", "Baidu", "org/baidu")  # بaidu
    assert wei1.entity_id == wei2.entity_id == new_entity_id("PERSON", "وي صن", ph)
    assert wei1.canonical == wei2.canonical and wei1.kb_id is None
    assert date.entity_id is None
    assert (surname.entity_id, surname.canonical) == ("person/sam-altman", "Sam Altman")
    assert [(m.start, m.end, m.text) for m in doc.mentions] == spans


def test_new_person_canonical_is_the_fullest_name(index, ph):
    text = "قال روان كوران، المحلل، إن كوران يرى ذلك."
    full = mention("روان كوران", text, "PERSON")
    short = mention("كوران", text, "PERSON", start=text.rindex("كوران"), antecedent=0)
    doc = resolve_document(Document(id="a", text=text, mentions=[full, short]), index, ph)
    assert doc.mentions[0].canonical == doc.mentions[1].canonical == "روان كوران"
    assert doc.mentions[0].entity_id == doc.mentions[1].entity_id == new_entity_id("PERSON", "روان كوران", ph)


def test_user_kb_adds_and_extends_entities(tmp_path, ph):
    user = tmp_path / "my_entities.jsonl"
    rows = [
        {"id": "person/wei-sun", "type": "PERSON", "canonical": "Wei Sun", "aliases": ["Sun Wei"]},
        {"id": "org/openai", "type": "ORG", "canonical": "OpenAI", "aliases": ["أوبن-أيه-آي للأبحاث"]},
    ]
    user.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    base = tmp_path / "kb.jsonl"
    base.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in KB_ROWS), encoding="utf-8")
    kb = KnowledgeBase()
    for path in (base, user):
        kb.update(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    idx = AliasIndex.build(kb, ph)
    assert resolve_name("وي صن", "PERSON", idx, ph) == "person/wei-sun"
    assert resolve_name("أوبن-أيه-آي للأبحاث", "ORG", idx, ph) == "org/openai"
    assert resolve_name("وي صن", "PERSON", AliasIndex.build(small_kb(), ph), ph) == new_entity_id("PERSON", "وي صن", ph)


def test_resolve_component_reads_the_user_kb_of_the_run(tmp_path):
    from pipeline.nlp import Resources
    from pipeline.stages.resolve import make_resolver

    user = tmp_path / "user.jsonl"
    user.write_text(json.dumps({"id": "person/wei-sun", "type": "PERSON", "canonical": "Wei Sun", "aliases": []}) + "\n",
                    encoding="utf-8")
    res = Resources({"kb_tagger": {"user_kb": [str(user)]}})
    component = make_resolver(res, {})
    text = "قالت وي صن ذلك"
    doc = component(Document(id="a", text=text, mentions=[mention("وي صن", text, "PERSON")]))
    assert doc.mentions[0].entity_id == "person/wei-sun"


# --- the registry ---------------------------------------------------------------------------------


def entity_rec(article: str, eid: str | None, text: str, etype: str = "PERSON", canonical: str | None = None,
               kb_id: str | None = None, start: int = 0) -> dict:
    return {"article_id": article, "entity_id": eid, "type": etype, "text": text, "start": start,
            "end": start + len(text), "canonical": canonical or text, "confidence": 0.9, "source": "rule",
            "kb_id": kb_id, "sentence": 0}


def claim_rec(article: str, eid: str | None) -> dict:
    return {"claim_id": f"clm_{article}_{eid}", "article_id": article, "speaker": {"entity_id": eid, "text": "x"}}


def write_run(folder: Path, entities: list[dict], claims: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, recs in (("entities.jsonl", entities), ("claims.jsonl", claims)):
        (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return folder


def run_records(articles: list[str], ph) -> tuple[list[dict], list[dict]]:
    """What a run writes for these synthetic articles: ids come from resolution, as in the pipeline."""
    idx = AliasIndex.build(small_kb(), ph)
    texts = {
        "a1": [("مارك زوكربيرغ", "PERSON"), ("وِي سون", "PERSON"), ("OpenAI", "ORG"), ("6 أغسطس", "DATE")],
        "a2": [("زوكربيرج", "PERSON"), ("وي صن", "PERSON"), ("ATOM", "ORG")],
        "a3": [("Mark Zuckerberg", "PERSON"), ("Wei Sun", "PERSON"), ("أتوم", "ORG"), ("روان كوران", "PERSON")],
    }
    entities, claims = [], []
    for aid in articles:
        for k, (text, etype) in enumerate(texts[aid]):
            if etype == "DATE":
                entities.append(entity_rec(aid, None, text, "DATE", start=100 * k))
                continue
            doc = resolve_document(Document(id=aid, text=text, mentions=[Mention(0, len(text), text, etype, "rule")]), idx, ph)
            m = doc.mentions[0]
            entities.append(entity_rec(aid, m.entity_id, text, etype, m.canonical, m.kb_id, start=100 * k))
            if etype == "PERSON":
                claims.append(claim_rec(aid, m.entity_id))
    return entities, claims


def read_registry(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / REGISTRY_FILE).read_text(encoding="utf-8").splitlines()]


def test_registry_fields_and_counts(tmp_path, ph):
    folder = write_run(tmp_path / "run", *run_records(["a1", "a2"], ph))
    build_registry(folder)
    reg = {r["entity_id"]: r for r in read_registry(folder)}
    assert list(reg) == sorted(reg)
    zuck = reg["person/mark-zuckerberg"]
    assert zuck == {"entity_id": "person/mark-zuckerberg", "type": "PERSON", "canonical": "Mark Zuckerberg",
                    "aliases": ["زوكربيرج", "مارك زوكربيرغ"], "kb_id": "person/mark-zuckerberg",
                    "mention_count": 2, "article_ids": ["a1", "a2"], "claim_count": 2}
    wei = reg[new_entity_id("PERSON", "وي سون", ph)]
    assert wei["kb_id"] is None and wei["article_ids"] == ["a1", "a2"] and set(wei["aliases"]) == {"وي سون", "وي صن"}
    assert all(r["entity_id"] for r in reg.values())  # DATE mentions have no entity


def test_registry_is_stable_across_runs_and_growing_input(tmp_path, ph):
    first = write_run(tmp_path / "first", *run_records(["a1", "a2"], ph))
    build_registry(first)
    again = write_run(tmp_path / "again", *run_records(["a1", "a2"], ph))
    build_registry(again)
    assert (first / REGISTRY_FILE).read_bytes() == (again / REGISTRY_FILE).read_bytes()
    build_registry(first)  # rebuilt over its own registry: nothing changes
    assert (first / REGISTRY_FILE).read_bytes() == (again / REGISTRY_FILE).read_bytes()

    before = {r["entity_id"]: r for r in read_registry(first)}
    write_run(first, *run_records(["a1", "a2", "a3"], ph))  # the same folder, more articles
    build_registry(first)
    after = {r["entity_id"]: r for r in read_registry(first)}
    grown = write_run(tmp_path / "grown", *run_records(["a1", "a2", "a3"], ph))  # a fresh folder
    build_registry(grown)
    fresh = {r["entity_id"]: r for r in read_registry(grown)}
    assert set(before) <= set(after) and set(after) == set(fresh)
    for eid, rec in before.items():
        assert after[eid]["canonical"] == rec["canonical"]
        assert after[eid]["aliases"][:len(rec["aliases"])] == rec["aliases"]
    wei = new_entity_id("PERSON", "وي سون", ph)
    assert after[wei]["article_ids"] == ["a1", "a2", "a3"] and "Wei Sun" in after[wei]["aliases"]
    assert after["person/mark-zuckerberg"]["mention_count"] == 3


def test_registry_keeps_ids_no_longer_seen(tmp_path, ph):
    folder = write_run(tmp_path / "run", *run_records(["a1", "a2", "a3"], ph))
    build_registry(folder)
    write_run(folder, *run_records(["a1"], ph))
    build_registry(folder)
    reg = {r["entity_id"]: r for r in read_registry(folder)}
    atom = new_entity_id("ORG", "ATOM", ph)
    assert reg[atom]["mention_count"] == 0 and reg[atom]["article_ids"] == []


def test_registry_is_as_readable_as_the_other_outputs(tmp_path, ph):
    folder = write_run(tmp_path / "run", *run_records(["a1"], ph))
    old = os.umask(0o022)
    try:
        build_registry(folder)
    finally:
        os.umask(old)
    assert stat.S_IMODE((folder / REGISTRY_FILE).stat().st_mode) == 0o644
    assert not list(folder.glob(".*.tmp"))


def test_registry_streams_its_inputs(tmp_path, ph):
    """Generators in, the same records out: the builder never needs the mentions in a list."""
    entities, claims = run_records(["a1", "a2"], ph)
    assert registry_records(iter(entities), iter(claims)) == registry_records(list(entities), list(claims))


# --- the seed articles ------------------------------------------------------------------------

SEED_TARGETS = {
    "Nathan Lambert": ["ناثان لامبرت", "لامبرت"],
    "Wei Sun": ["وِي سون", "وي صن"],
    "Sam Altman": ["سام ألتمان", "ألتمان"],
    "Mark Zuckerberg": ["مارك زوكربيرغ", "زوكربيرج"],
    "OpenAI": ["OpenAI", "OpenAi", "openAI"],
    "Allen Institute for AI": ["معهد Allen للذكاء الاصطناعي", "معهد ألن للذكاء الاصطناعي", "معهد ألين للذكاء الاصطناعي", "Ai2"],
    "Alibaba": ["علي بابا", "Alibaba"],
    "DeepSeek": ["DeepSeek", "Deepseek", "ديب سيك"],
    "Meta": ["Meta", "ميتا"],
    "Llama": ["Llama", "لاما", "اللاما"],
}


@pytest.fixture(scope="module")
def seed_docs():
    from pipeline.doc import Article
    from pipeline.nlp import default_config, load_pipeline

    comps = [c for c in default_config()["components"] if c not in ("coref", "resolve")]
    k = comps.index("claims") if "claims" in comps else len(comps)
    nlp = load_pipeline({"components": comps[:k] + ["coref", "resolve"] + comps[k:]})
    return [nlp(Article(p.stem, p.read_text(encoding="utf-8"))) for p in SEEDS]


@pytest.mark.skipif(len(SEEDS) < 5, reason="seed articles not present")
@pytest.mark.parametrize("name", sorted(SEED_TARGETS))
def test_seed_entities_have_one_id(seed_docs, name):
    from pipeline.schema import document_records

    forms = {" ".join(f.split()) for f in SEED_TARGETS[name]}
    ids, articles = set(), set()
    for doc in seed_docs:
        entities, claims, _ = document_records(doc)
        for rec in entities:
            if rec["text"] in forms:
                ids.add(rec["entity_id"])
                articles.add(doc.id)
        for c in claims:
            refs = [c["speaker"]] + c["about"] + ([c["speaker"]["affiliation"]] if c["speaker"]["affiliation"] else [])
            for ref in refs:
                if ref.get("text") in forms and ref.get("start") is not None:
                    ids.add(ref["entity_id"])
    assert len(ids) == 1 and None not in ids, (name, ids)
    assert articles


@pytest.mark.skipif(len(SEEDS) < 5, reason="seed articles not present")
def test_seed_ids_are_the_same_when_run_again_and_with_more_articles(seed_docs):
    from pipeline.doc import Article
    from pipeline.nlp import default_config, load_pipeline

    comps = [c for c in default_config()["components"] if c not in ("coref", "resolve")]
    k = comps.index("claims") if "claims" in comps else len(comps)
    nlp = load_pipeline({"components": comps[:k] + ["coref", "resolve"] + comps[k:]})
    extra = Article("extra", "قال مارك زوكربيرج إن ميتا ستطلق لاما 5، وأضاف وي سون من Counterpoint أن OpenAi تتأخر.")
    docs = [nlp(Article(p.stem, p.read_text(encoding="utf-8"))) for p in SEEDS[::-1]] + [nlp(extra)]
    again = {d.id: [(m.start, m.entity_id) for m in d.mentions] for d in docs}
    for doc in seed_docs:
        assert again[doc.id] == [(m.start, m.entity_id) for m in doc.mentions]
    extra_ids = {m.entity_id for m in docs[-1].mentions}
    assert {"person/mark-zuckerberg", "org/meta", "org/openai"} <= extra_ids
    wei = {m.entity_id for d in seed_docs for m in d.mentions if m.text in ("وِي سون", "وي صن")}
    assert {m.entity_id for m in docs[-1].mentions if m.text == "وي سون"} <= wei
