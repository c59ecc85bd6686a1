"""The output contract: every record validates against the shipped JSON Schemas, and every
span it carries is an exact slice of the original text (a hypothesis property)."""
from datetime import date

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import schema
from pipeline.doc import Article

SAMPLE = (
    "أعلن سامُ ألتمانُ، الرئيس التنفيذي لِشركة OpenAI، عن إطلاق نموذج gpt-oss-120b في 6 أغسطس. "
    "ووصفه بأنه “أفضل نموذج مفتوح”. وقالت الخبيرة وي صن من Counterpoint Research إن الصين تتقدم، "
    "وأضافت أن ERNIE 4.5 وQwen3 \"ينافسان بقوة\" منذ 2 أيام."
)


def test_schemas_carry_a_version():
    for kind in schema.RECORD_KINDS:
        assert schema.load_schema(kind)["schema_version"] == schema.SCHEMA_VERSION


def test_every_record_validates_and_every_span_is_exact(nlp):
    doc = nlp(Article("a1", SAMPLE, date(2025, 8, 8)))
    entities, claims, counts = schema.document_records(doc)
    assert entities and claims
    for kind, records in (("entity", entities), ("claim", claims)):
        for rec in records:
            schema.validate(kind, rec)
            for span in schema.iter_spans(rec, kind):
                assert SAMPLE[span["start"]:span["end"]] == span["text"]
    art = schema.article_record("a1", "x.txt", schema.sha256_text(SAMPLE), "2025-08-08", counts=counts)
    schema.validate("article", art)


def test_claim_ids_are_stable_for_the_same_text(nlp):
    a = schema.document_records(nlp(Article("a1", SAMPLE, date(2025, 8, 8))))[1]
    b = schema.document_records(nlp(Article("a1", SAMPLE, date(2025, 8, 8))))[1]
    assert [c["claim_id"] for c in a] == [c["claim_id"] for c in b]
    assert len({c["claim_id"] for c in a}) == len(a)


def test_a_broken_record_is_rejected():
    with pytest.raises(jsonschema.ValidationError):
        schema.validate("entity", {"article_id": "a", "type": "PERSON"})


WORDS = ["قال", "أكد", "وأضاف", "إن", "أن", "سام", "ألتمان", "لشركة", "OpenAI", "Meta", "ميتا", "نموذج", "GPT-5",
         "الرئيس", "التنفيذي", "في", "يناير", "2025", "منذ", "3", "أيام", "“", "”", "«", "»", "\"", "،", ".", ":",
         "وِي", "سون", "مِن", "بـ", "ــ", "Qwen3", "ERNIE", "4.5", "الخبيرة", "معهد", "ألن", "للذكاء", "الاصطناعي", "\n",
         "\u200f", "ﻻ", "٢٠٢٥", "غداً", "الماضي", "أمس"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.lists(st.sampled_from(["", " ", "  ", "ً", "ّ", "ـ"]), max_size=40))
def test_property_every_emitted_span_is_a_slice_of_the_original(nlp, words, glue):
    text = "".join(w + (glue[i] if i < len(glue) else " ") for i, w in enumerate(words))
    doc = nlp(Article("p", text, date(2025, 8, 8)))
    entities, claims, _ = schema.document_records(doc)
    for kind, records in (("entity", entities), ("claim", claims)):
        for rec in records:
            schema.validate(kind, rec)
            for span in schema.iter_spans(rec, kind):
                assert text[span["start"]:span["end"]] == span["text"]


RANDOM_TEXT = st.text(
    alphabet=st.sampled_from(list("ابتجحدرزسشصطعغفقكلمنهويىةأإآؤئءـ ًٌٍَُِّْ،؛؟.:\"“”«»\u200f ٠١٢abcGPTXYZ-019\n")),
    max_size=200,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(RANDOM_TEXT)
def test_property_random_arabic_latin_diacritised_text(nlp, text):
    doc = nlp(Article("r", text, date(2025, 8, 8)))
    entities, claims, _ = schema.document_records(doc)
    for kind, records in (("entity", entities), ("claim", claims)):
        for rec in records:
            for span in schema.iter_spans(rec, kind):
                assert text[span["start"]:span["end"]] == span["text"]


def test_an_employer_from_the_kb_has_no_offsets(nlp):
    doc = nlp(Article("k", "وقال سام ألتمان إن النموذج جاهز.", date(2025, 8, 8)))
    claims = schema.document_records(doc)[1]
    aff = claims[0]["speaker"]["affiliation"]
    assert aff["canonical"] == "OpenAI" and "start" not in aff
    schema.validate("claim", claims[0])
