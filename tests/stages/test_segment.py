import pytest

from pipeline.stages.normalize import normalize
from pipeline.paths import lexicon_path
from pipeline.stages.segment import Vocabulary, segment, split_sentences, tokenize


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary.load(lexicon_path("word_counts.tsv.gz"), protected=frozenset({"وصف"}))


def norms(text, vocab):
    return [t.norm for t in tokenize(normalize(text), vocab)]


def test_proclitics_come_off_common_words(vocab):
    assert norms("لشركة", vocab) == ["ل", "شركه"]
    assert norms("وأضاف", vocab) == ["و", "اضاف"]


def test_names_that_start_like_a_proclitic_stay_whole(vocab):
    assert norms("وانغ", vocab) == ["وانغ"]
    assert norms("فوتوروم", vocab) == ["فوتوروم"]
    assert norms("كوران", vocab) == ["كوران"]


def test_protected_words_are_never_split(vocab):
    assert norms("وصف", vocab) == ["وصف"]


def test_proclitic_before_latin_always_comes_off(vocab):
    assert norms("وGoogle بـ GPT-oss لـOpenAI", vocab) == ["و", "Google", "ب", "GPT-oss", "ل", "OpenAI"]


def test_lam_alef_lam_restores_the_article(vocab):
    toks = tokenize(normalize("للذكاء"), vocab)
    assert [t.norm for t in toks] == ["ل", "الذكاء"]
    assert "".join(t.text for t in toks) == "للذكاء"


def test_latin_names_with_versions_are_one_token(vocab):
    assert norms("gpt-oss-120b وZ.ai وERNIE 4.5", vocab) == ["gpt-oss-120b", "و", "Z.ai", "و", "ERNIE", "4.5"]


def test_sentences_end_at_punctuation_and_closing_quotes():
    text = "قال: “النموذج جيد.” وأضاف أنه سريع. هل هو كذلك؟ نعم\nسطر جديد"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["قال: “النموذج جيد.”", "وأضاف أنه سريع.", "هل هو كذلك؟", "نعم", "سطر جديد"]


def test_decimal_points_and_dotted_names_do_not_end_sentences():
    text = "أطلقت Z.ai نموذج GLM-4.5 اليوم."
    assert split_sentences(text) == [(0, len(text))]


def test_token_offsets_point_into_the_original(vocab):
    text = "وَقالَ المُدِيرُ لِشَرِكَةِ OpenAI ــ إنّ"
    _, sentences, toks = segment(text, vocab)
    for t in toks:
        assert text[t.start:t.end] == t.text


def test_variant_punctuation_does_not_split_a_sentence():
    # the Arabic decimal separator used as a comma, and a spaced en dash used as a clause dash
    text = "وناقش الجانبان رؤية 2030م\u066b كما بحثا التعاون \u2013 بحسب الوكالة \u2013 في مجالات عدة."
    _, sentences, _ = segment(text)
    assert sentences == [(0, len(text))]
    _, sentences, _ = segment("بلغت النسبة \u0662\u066b\u0665 بالمئة. وارتفعت الأسعار.")
    assert len(sentences) == 2



def test_organisation_head_nouns_are_protected_in_the_pipeline_vocabulary(run_text):
    doc = run_text("وقالت كلية لندن للتصميم إن البحث جديد.")
    assert [t.norm for t in doc.tokens][2:4] == ["كليه", "لندن"]  # a college, not ك + لية
    doc = run_text("وعمل كمستشار للشركة.")
    assert [t.norm for t in doc.tokens][2:4] == ["ك", "مستشار"]  # ك ("as") still comes off


def test_a_one_letter_abbreviation_is_one_token_and_no_sentence_end(vocab):
    text = "وقالت د. هالة إن الخطة جاهزة. وأضاف أ.د. سامر أن العمل مستمر."
    assert [text[s:e] for s, e in split_sentences(text)] == ["وقالت د. هالة إن الخطة جاهزة.",
                                                            "وأضاف أ.د. سامر أن العمل مستمر."]
    assert "د." in norms("وقالت د. هالة", vocab) and "ا.د." in norms("وأضاف أ.د. سامر", vocab)
    # letters spelled with spaces (an agency's initials) end a sentence as before
    text = "ونقل الخبر بحسب أ ش أ. ثم تأكد لاحقا."
    assert [text[s:e] for s, e in split_sentences(text)] == ["ونقل الخبر بحسب أ ش أ.", "ثم تأكد لاحقا."]
