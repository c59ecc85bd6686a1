"""A small synthetic output folder for the view and export tests.

It stands in for a real run: three articles (one full of script injections and nested and
crossing spans, one plain, one whose text cannot be found), records that follow the output
schemas, and the input texts they were made from.
"""
from __future__ import annotations

import json
from pathlib import Path

from pipeline.schema import article_record, load_schema, sha256_text, validate

# cue.sense arrived with schema 1.1; records follow whichever contract the package ships.
CUE_SENSE = "sense" in load_schema("claim")["properties"]["cue"]["properties"]

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
EVIL_TITLE = "</title><script>window.__pwned=3</script>"
EVIL_ATTR = 'x" onmouseover="window.__pwned=5" data-x="'

INJECT_TEXT = (
    "أعلن سام ألتمان، الرئيس التنفيذي لشركة OpenAI، أن نموذج GPT-5 هو الأفضل في العالم.\n"
    f"وقال ألتمان إن مختبر GPT-5 للأبحاث {SCRIPT} سيواصل العمل في 6 أغسطس.\n"
    f"وأضاف مصدر أن الوسم {IMG} لا يعني شيئًا في سان فرانسيسكو.\n"
)
PLAIN_TEXT = (
    "وفقًا لراي وانغ، مدير الأبحاث في فوتوروم جروب، فإن Qwen يقلّص الفجوة مع الولايات المتحدة 🚀.\n"
    "وقال كاي فو لي إن \"DeepSeek-V3 نموذج مفتوح قوي\" في مارس 2025.\n"
)
MISSING_TEXT = "صرّح باحث مجهول بأن Gemini سيتفوق على الجميع."


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(start, end) of the nth occurrence of needle: offsets are found, never counted by hand."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def entity(aid: str, text: str, needle: str, type_: str, canonical: str | None = None, *, nth: int = 0,
           eid: str | None = None, sentence: int = 0, **extra) -> dict:
    s, e = at(text, needle, nth)
    rec = {"article_id": aid, "entity_id": eid if type_ != "DATE" else None, "type": type_, "text": needle,
           "start": s, "end": e, "canonical": canonical or needle, "confidence": 0.9, "source": "kb",
           "kb_id": None, "sentence": sentence}
    if type_ == "DATE":
        rec.update({"value": None, "grain": None, "resolved": False})
    rec.update(extra)
    return rec


def span(text: str, needle: str, nth: int = 0) -> dict:
    s, e = at(text, needle, nth)
    return {"text": needle, "start": s, "end": e}


def ref(ent: dict) -> dict:
    return {k: ent[k] for k in ("entity_id", "canonical", "type", "text", "start", "end")}


def sentence_of(text: str, start: int) -> dict:
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", start)
    e = len(text) if e < 0 else e
    return {"start": s, "end": e, "text": text[s:e]}


def claim(cid: str, aid: str, text: str, *, speaker: dict, speaker_ent: dict | None, role: str | None,
          affiliation: dict | None, cue: tuple[str, str, str], content: str, quote_type: str, about: list[dict],
          date: dict | None = None, confidence: float = 0.8) -> dict:
    c = span(text, cue[0])
    sense = {"sense": cue[2]} if CUE_SENSE else {}
    return {
        "claim_id": cid, "article_id": aid,
        "speaker": {**speaker, "entity_id": speaker_ent["entity_id"] if speaker_ent else None,
                    "canonical": speaker_ent["canonical"] if speaker_ent else speaker["text"],
                    "type": speaker_ent["type"] if speaker_ent else "GROUP", "role": role,
                    "affiliation": affiliation},
        "cue": {**c, "lemma": cue[1], **sense},
        "content": span(text, content),
        "quote_type": quote_type,
        "about": [ref(a) for a in about],
        "date": date,
        "sentence": sentence_of(text, c["start"]),
        "confidence": confidence,
    }


def inject_records(aid: str = "art_inject") -> tuple[list[dict], list[dict]]:
    t = INJECT_TEXT
    altman = entity(aid, t, "سام ألتمان", "PERSON", "سام ألتمان", eid="per_altman")
    altman2 = entity(aid, t, "ألتمان", "PERSON", "سام ألتمان", nth=1, eid="per_altman", sentence=1)
    openai = entity(aid, t, "OpenAI", "ORG", EVIL_ATTR, eid="org_openai")
    gpt5 = entity(aid, t, "GPT-5", "MODEL", "GPT-5", eid="mdl_gpt5")
    lab = entity(aid, t, "مختبر GPT-5 للأبحاث", "ORG", "مختبر GPT-5", eid="org_lab", sentence=1)
    gpt5b = entity(aid, t, "GPT-5", "MODEL", "GPT-5", nth=1, eid="mdl_gpt5", sentence=1)  # nested in the lab
    evil = entity(aid, t, SCRIPT, "ORG", SCRIPT, eid="org_evil", sentence=1)
    # Crosses the content span of the second claim: starts inside it, ends after it.
    crossing = entity(aid, t, "العمل في 6 أغسطس", "LOC", "العمل", eid="loc_cross", sentence=1)
    date = entity(aid, t, "6 أغسطس", "DATE", sentence=1, value="2025-08-06", grain="day", resolved=True)
    img = entity(aid, t, IMG, "MODEL", IMG, eid="mdl_img", sentence=2)
    sf = entity(aid, t, "سان فرانسيسكو", "LOC", "سان فرانسيسكو", eid="loc_sf", sentence=2)
    ents = sorted([altman, altman2, openai, gpt5, lab, gpt5b, evil, crossing, date, img, sf], key=lambda e: (e["start"], e["end"]))
    aff = {"entity_id": "org_openai", "canonical": EVIL_ATTR, "text": "OpenAI", "start": openai["start"], "end": openai["end"]}
    claims = [
        claim("clm_00000000000000a1", aid, t, speaker=span(t, "سام ألتمان"), speaker_ent=altman, role=IMG,
              affiliation=aff, cue=("أعلن", "أعلن", "announce"), content="أن نموذج GPT-5 هو الأفضل في العالم", quote_type="indirect",
              about=[gpt5], confidence=0.91),
        claim("clm_00000000000000a2", aid, t, speaker=span(t, "ألتمان", 1), speaker_ent=altman2, role=None,
              affiliation=None, cue=("وقال", "قال", "say"), content=f"مختبر GPT-5 للأبحاث {SCRIPT} سيواصل العمل",
              quote_type="indirect", about=[lab, gpt5b],
              date={"text": "6 أغسطس", "start": date["start"], "end": date["end"], "value": "2025-08-06", "grain": "day"}),
        claim("clm_00000000000000a3", aid, t, speaker=span(t, "مصدر"), speaker_ent=None, role=None, affiliation=None,
              cue=("وأضاف", "أضاف", "add"), content=f"الوسم {IMG} لا يعني شيئًا", quote_type="mixed", about=[img], confidence=0.4),
    ]
    return ents, claims


def plain_records(aid: str = "art_plain") -> tuple[list[dict], list[dict]]:
    t = PLAIN_TEXT
    wang = entity(aid, t, "راي وانغ", "PERSON", "راي وانغ", eid="per_wang")
    fut = entity(aid, t, "فوتوروم جروب", "ORG", "فوتوروم جروب", eid="org_futurum")
    qwen = entity(aid, t, "Qwen", "MODEL", "Qwen", eid="mdl_qwen")
    us = entity(aid, t, "الولايات المتحدة", "LOC", "الولايات المتحدة", eid="loc_us")
    lee = entity(aid, t, "كاي فو لي", "PERSON", "كاي فو لي", eid="per_lee", sentence=1)
    ds = entity(aid, t, "DeepSeek-V3", "MODEL", "DeepSeek-V3", eid="mdl_dsv3", sentence=1)
    march = entity(aid, t, "مارس 2025", "DATE", sentence=1, value="2025-03", grain="month", resolved=True)
    ents = sorted([wang, fut, qwen, us, lee, ds, march], key=lambda e: (e["start"], e["end"]))
    claims = [
        claim("clm_00000000000000b1", aid, t, speaker=span(t, "راي وانغ"), speaker_ent=wang, role="مدير الأبحاث",
              affiliation={k: fut[k] for k in ("entity_id", "canonical", "text", "start", "end")},
              cue=("وفقًا", "وفقا", "say"), content="Qwen يقلّص الفجوة مع الولايات المتحدة 🚀", quote_type="indirect",
              about=[qwen, us]),
        claim("clm_00000000000000b2", aid, t, speaker=span(t, "كاي فو لي"), speaker_ent=lee, role=None, affiliation=None,
              cue=("وقال", "قال", "say"), content='"DeepSeek-V3 نموذج مفتوح قوي"', quote_type="direct", about=[ds],
              date={"text": "مارس 2025", "start": march["start"], "end": march["end"], "value": "2025-03", "grain": "month"},
              confidence=0.95),
    ]
    return ents, claims


def missing_records(aid: str = "art_missing") -> tuple[list[dict], list[dict]]:
    t = MISSING_TEXT
    gem = entity(aid, t, "Gemini", "MODEL", "Gemini", eid="mdl_gemini")
    claims = [claim("clm_00000000000000c1", aid, t, speaker=span(t, "باحث مجهول"), speaker_ent=None, role=None,
                    affiliation=None, cue=("صرّح", "صرح", "warn"), content="Gemini سيتفوق على الجميع", quote_type="indirect",
                    about=[gem])]
    return [gem], claims


def write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def make_output(root: Path, *, jsonl_input: bool = True) -> Path:
    """Inputs under root/inputs, a run's output under root/out; returns the output folder.

    The plain article comes from a JSONL input (``path.jsonl:LINE`` source), the injection
    one from a .txt file, and the third's source does not exist.
    """
    inputs = root / "inputs"
    out = root / "out"
    inputs.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    (inputs / "art_inject.txt").write_text(INJECT_TEXT, encoding="utf-8", newline="")
    if jsonl_input:
        write_jsonl(inputs / "batch.jsonl", [{"id": "other", "text": "نص آخر"}, {"id": "art_plain", "text": PLAIN_TEXT}])
        plain_source = f"{inputs / 'batch.jsonl'}:2"
    else:
        (inputs / "art_plain.txt").write_text(PLAIN_TEXT, encoding="utf-8", newline="")
        plain_source = str(inputs / "art_plain.txt")
    parts = [("art_inject", INJECT_TEXT, str(inputs / "art_inject.txt"), "2025-08-08", EVIL_TITLE, "javascript:window.__pwned=4", inject_records()),
             ("art_plain", PLAIN_TEXT, plain_source, "2025-04-03", "الصين والنماذج المفتوحة", "https://example.org/a?x=1&y=<2>", plain_records()),
             ("art_missing", MISSING_TEXT, str(root / "gone" / "art_missing.txt"), "2025-03-20", None, None, missing_records())]
    articles, entities, claims = [], [], []
    for aid, text, source, published, title, url, (ents, cls) in parts:
        counts: dict[str, int] = {}
        for e in ents:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
        counts["claims"] = len(cls)
        articles.append(article_record(aid, source, sha256_text(text), published, counts=counts, title=title, url=url))
        entities += ents
        claims += cls
    for kind, recs in (("article", articles), ("entity", entities), ("claim", claims)):
        for r in recs:
            validate(kind, r)
    write_jsonl(out / "articles.jsonl", articles)
    write_jsonl(out / "entities.jsonl", entities)
    write_jsonl(out / "claims.jsonl", claims)
    return out


TEXTS = {"art_inject": INJECT_TEXT, "art_plain": PLAIN_TEXT, "art_missing": MISSING_TEXT}
