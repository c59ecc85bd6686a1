from hypothesis import given
from hypothesis import strategies as st

import regex

from pipeline.stages.normalize import normalize, normalize_key, visible


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


def test_dashes_separators_and_persian_letters_fold_one_for_one():
    original = "GPT\u20114o و\u0662\u066b\u0665 و2020\u20132024 و\u06a9\u0644\u0648\u062f \u06cc\u062a\u0641\u0648\u0642 ٪"
    n = normalize(original)
    assert n.text == "GPT-4o و2.5 و2020-2024 وكلود يتفوق %"
    assert len(n.text) == len(original)  # one character for one: the offset map stays the identity
    for dash in "\u2010\u2012\u2212\ufe63\uff0d":
        assert normalize(f"Claude Opus{dash}4").text == "Claude Opus-4"


def test_the_arabic_decimal_separator_is_a_point_only_between_digits():
    assert normalize("\u0662\u066b\u0665 و2\u066b5").text == "2.5 و2.5"
    # writers also use it as a comma: no full stop (and no sentence end) there
    assert normalize("رؤية 2030م\u066b كما تم").text == "رويه 2030م\u060c كما تم"
    assert normalize("\u066b").text == "\u060c"


def test_em_dash_and_hyphen_minus_are_left_alone():
    assert normalize("قال \u2014 وأضاف - ثم").text == "قال \u2014 واضاف - ثم"


def test_every_format_control_is_dropped():
    n = normalize("Gem\u2060ini\u200d \u061cX")
    assert n.text == "Gemini X"


def test_a_span_never_ends_on_a_bidi_mark_or_joiner():
    for mark in ("\u200f", "\u200e", "\u200d", "\u2069", "\u202c", "\ufeff"):
        original = f"نموذج {mark}Gemini 2.5 Pro{mark} للمطورين"
        n = normalize(original)
        a = n.text.index("Gemini")
        s, e = n.to_original(a, a + len("Gemini 2.5 Pro") + 1)  # up to the space after the name
        assert original[s:e] == "Gemini 2.5 Pro"


def test_a_span_keeps_a_diacritic_before_a_control():
    original = "قالَ\u200f غداً"
    n = normalize(original)
    s, e = n.to_original(0, 4)
    assert original[s:e] == "قالَ"


def test_patterns_run_on_the_normalised_text_and_map_back():
    original = "Gemini\u00a0\u0662\u066b\u0665\u200f Pro و\u200fClaude"
    n = normalize(original)
    version = regex.compile(r"\s(?P<v>\d+(?:\.\d+)?(?:\sPro)?)")
    m, end = n.match_at(version, original.index("\u00a0"))
    assert m.group("v") == "2.5 Pro" and original[:end] == "Gemini\u00a0\u0662\u066b\u0665\u200f Pro"
    assert n.match_at(version, 0) == (None, 0)
    assert n.fullmatch_between(regex.compile(r"\s*و\s*"), original.index(" و"), original.index("Claude"))
    hits = [(x.group(), original[s:e]) for x, s, e in n.finditer(regex.compile(r"\d\.\d"))]
    assert hits == [("2.5", "\u0662\u066b\u0665")]


def test_visible_drops_marks_and_plain_spaces_every_space():
    assert visible("على\u00a0\u200fأمامَ") == "على أمام"


def test_normalize_key_casefolds_and_collapses_space():
    assert normalize_key("  OpenAi   أوبن ") == "openai اوبن"


TEXT = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآؤئءـ ًٌٍَُِّْٰ،؛؟.\"“”«»\u200f\u200e\u200d\u00a0 ٠١٢٫یک\u2011\u2013abcXYZ-019\n")),
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


@given(TEXT, st.data())
def test_a_mapped_span_never_starts_or_ends_on_space_or_a_control(text, data):
    n = normalize(text)
    if not n.text.strip():
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    if not n.text[a].strip() or not n.text[b - 1].strip():
        return  # the span itself starts or ends on a space
    s, e = n.to_original(a, b)
    for c in (text[s], text[e - 1]):
        assert not c.isspace() and c not in "\u200f\u200e\u200d"
