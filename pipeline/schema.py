"""The output contract: record builders for entities/claims/articles and their JSON Schemas.

This module is the only place that decides what a line of entities.jsonl, claims.jsonl or
articles.jsonl looks like. The schemas ship in ``pipeline/schemas`` with a ``schema_version``.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from .doc import Claim, Document, Mention

SCHEMA_VERSION = "1.1"
RECORD_KINDS = ("entity", "claim", "article")
OUTPUT_FILES = {"entity": "entities.jsonl", "claim": "claims.jsonl", "article": "articles.jsonl"}


@lru_cache(maxsize=None)
def load_schema(kind: str) -> dict:
    text = resources.files("pipeline").joinpath(f"schemas/{kind}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def validator(kind: str):
    import jsonschema

    schema = load_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def validate(kind: str, record: dict) -> None:
    """Raise jsonschema.ValidationError when ``record`` breaks the contract."""
    validator(kind).validate(record)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_id(article_sha256: str, claim: Claim) -> str:
    """Stable for the same article text: a hash of the text and the claim's spans."""
    key = f"{article_sha256}:{claim.cue.start}:{claim.content.start}:{claim.content.end}:{claim.speaker_span.start}"
    return "clm_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def entity_record(doc: Document, m: Mention) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "article_id": doc.id,
        "entity_id": m.entity_id,
        "type": m.type,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "canonical": m.canonical,
        "confidence": round(float(m.confidence), 4),
        "source": m.source,
        "kb_id": m.kb_id,
        "sentence": doc.sentence_of(m.start),
    }
    if m.type == "DATE":
        rec["value"] = m.value
        rec["grain"] = m.grain
        rec["resolved"] = m.resolved
    return rec


def _ref(m: Mention) -> dict[str, Any]:
    return {"entity_id": m.entity_id, "canonical": m.canonical, "type": m.type, "text": m.text, "start": m.start, "end": m.end}


def claim_record(doc: Document, c: Claim, article_sha256: str) -> dict[str, Any]:
    sp = c.speaker
    aff = None
    if c.affiliation is not None:
        a = c.affiliation
        aff = {"entity_id": a.entity_id, "canonical": a.canonical, "text": a.text}
        if a.end > a.start:  # an employer known from the KB, not named in the text, has no offsets
            aff.update(start=a.start, end=a.end)
    date = None
    if c.date is not None:
        d = c.date
        date = {"text": d.text, "start": d.start, "end": d.end, "value": d.value, "grain": d.grain}
    s_start, s_end = c.sentence
    return {
        "claim_id": claim_id(article_sha256, c),
        "article_id": doc.id,
        "speaker": {
            "text": c.speaker_span.text,
            "start": c.speaker_span.start,
            "end": c.speaker_span.end,
            "entity_id": sp.entity_id if sp else None,
            "canonical": (sp.canonical if sp else None) or c.speaker_span.text,
            "type": sp.type if sp else "GROUP",
            "role": c.role,
            "affiliation": aff,
        },
        "cue": {"text": c.cue.text, "start": c.cue.start, "end": c.cue.end, "lemma": c.cue_lemma, "sense": c.cue_sense},
        "content": {"text": c.content.text, "start": c.content.start, "end": c.content.end},
        "quote_type": c.quote_type,
        "about": [_ref(m) for m in c.about],
        "date": date,
        "sentence": {"start": s_start, "end": s_end, "text": doc.text[s_start:s_end]},
        "confidence": round(float(c.confidence), 4),
    }


def article_record(
    article_id: str,
    source: str,
    sha256: str | None,
    published: str | None,
    *,
    status: str = "ok",
    error: dict | None = None,
    counts: dict[str, int] | None = None,
    title: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "source": source,
        "sha256": sha256,
        "published": published,
        "title": title,
        "url": url,
        "status": status,
        "error": error,
        "counts": counts or {},
        "schema_version": SCHEMA_VERSION,
    }


def document_records(doc: Document) -> tuple[list[dict], list[dict], dict[str, int]]:
    """(entity records, claim records, counts) of a processed document, in text order."""
    sha = sha256_text(doc.text)
    mentions = sorted(doc.mentions, key=lambda m: (m.start, m.end, m.type))
    entities = [entity_record(doc, m) for m in mentions]
    claims = [claim_record(doc, c, sha) for c in sorted(doc.claims, key=lambda c: (c.cue.start, c.content.start))]
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.type] = counts.get(m.type, 0) + 1
    counts["claims"] = len(claims)
    return entities, claims, counts


def iter_spans(record: dict, kind: str) -> Iterable[dict]:
    """Every {text, start, end} span a record carries (for offset checks)."""
    if kind == "entity":
        yield record
    elif kind == "claim":
        for key in ("speaker", "cue", "content"):
            yield record[key]
        aff = record["speaker"]["affiliation"]
        if aff and "start" in aff:
            yield aff
        yield from record["about"]
        if record["date"]:
            yield record["date"]
        if "text" in record["sentence"]:
            yield record["sentence"]
