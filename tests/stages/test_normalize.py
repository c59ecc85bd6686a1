from hypothesis import given
from hypothesis import strategies as st

from pipeline.stages.normalize import normalize, normalize_key


def test_folds_arabic_letter_variants_and_diacritics():
    n = normalize("أعلنَ إيلون ماسك عنْ مُبادرةٍ جديدة ـــ في الدوحة ٢٠٢٥ على")
    assert n.text == "اعلن ايلون ماسك عن مبادره جديده  في الدوحه 2025 علي"


def test_drops_bidi_controls_and_tatweel_but_keeps_the_map():
    original = "بـ\u200fGPT"
    n = normalize(original)
    assert n.text == "بGPT"
    s, e = n.to_original(1, 4)
    assert original[s:e] == "GPT"


def test_span_keeps_trailing_diacritics_of_its_last_letter():
    original = "قالَ غداً"
    n = normalize(original)
    start = n.text.index("غدا")
    s, e = n.to_original(start, start + 3)
    assert original[s:e] == "غداً"


def test_ligature_expands_without_breaking_offsets():
    original = "ﻻ شيء"
    n = normalize(original)
    assert n.text.startswith("لا")
    s, e = n.to_original(0, 2)
    assert original[s:e] == "ﻻ"


def test_normalize_key_casefolds_and_collapses_space():
    assert normalize_key("  OpenAi   أوبن ") == "openai اوبن"


TEXT = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآؤئءـ ًٌٍَُِّْٰ،؛؟.\"“”«»\u200f\u200e ٠١٢abcXYZ-019\n")),
    max_size=80,
)


@given(TEXT, st.data())
def test_every_normalised_span_maps_back_inside_the_original(text, data):
    n = normalize(text)
    assert len(n.offsets) == len(n.text) + 1
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    s, e = n.to_original(a, b)
    assert 0 <= s < e <= len(text)
    # the normalised form of the original slice contains the normalised span
    assert n.text[a:b].strip() in normalize(text[s:e]).text or not n.text[a:b].strip()
