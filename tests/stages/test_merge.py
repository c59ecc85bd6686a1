"""The merge stage: overlaps, one type per name (KB > rule > model), names propagated."""
from __future__ import annotations


def test_a_name_tagged_once_is_tagged_where_it_recurs(run_text):
    doc = run_text("استثمرت شركة سنابتك في المنطقة. وأعلنت سنابتك أن وسنابتك ستتوسع، بحسب المحللة جيسي دواير. "
                   "وتتوقع جيسي دواير نموا كبيرا.")
    snaptech = [m for m in doc.mentions if m.text == "سنابتك"]
    assert len(snaptech) == 3 and {m.type for m in snaptech} == {"ORG"}
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == ["جيسي دواير", "جيسي دواير"]
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text


def test_type_conflicts_are_resolved_by_the_strongest_evidence():
    from pipeline.doc import Mention
    from pipeline.stages.merge import resolve_type_conflicts

    text = "فيرانو فيرانو فيرانو DeepSeek DeepSeek"
    ms = [Mention(0, 6, "فيرانو", "PERSON", "ner"), Mention(7, 13, "فيرانو", "ORG", "rule", canonical="Verano"),
          Mention(14, 20, "فيرانو", "PERSON", "ner"),
          Mention(21, 29, "DeepSeek", "ORG", "kb", kb_id="org/deepseek"), Mention(30, 38, "DeepSeek", "MODEL", "kb")]
    assert text[21:29] == "DeepSeek"
    out = resolve_type_conflicts(ms)
    assert [m.type for m in out[:3]] == ["ORG", "ORG", "ORG"] and out[0].canonical == "Verano"
    assert [m.type for m in out[3:]] == ["ORG", "MODEL"]  # the KB typed the lab and its model by context


def test_type_conflict_resolution_properties():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline.doc import Mention
    from pipeline.stages.merge import SOURCE_STRENGTH, resolve_type_conflicts

    kinds = st.tuples(st.sampled_from(["PERSON", "ORG", "MODEL"]), st.sampled_from(["kb", "rule", "ner", "coref"]))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(kinds, min_size=1, max_size=6))
    def check(tags):
        ms = [Mention(7 * k, 7 * k + 6, "فيرانو", t, src) for k, (t, src) in enumerate(tags)]
        out = resolve_type_conflicts(ms)
        assert [(m.start, m.end, m.text, m.source) for m in out] == [(m.start, m.end, m.text, m.source) for m in ms]
        assert [m.type for m in resolve_type_conflicts(out)] == [m.type for m in out]  # idempotent
        best = max(SOURCE_STRENGTH[s] for _, s in tags)
        strongest = {t for t, s in tags if SOURCE_STRENGTH[s] == best}
        if len(strongest) == 1:
            assert {m.type for m in out} == strongest  # the strongest evidence wins everywhere

    check()


def test_a_persons_surname_typed_org_by_the_model_is_the_person():
    from pipeline.doc import Mention
    from pipeline.stages.merge import surnames_as_people

    ms = [Mention(0, 16, "كريستالينا جورجيفا", "PERSON", "ner"), Mention(30, 37, "جورجيفا", "ORG", "ner"),
          Mention(40, 47, "جورجيفا", "ORG", "kb", kb_id="org/x"), Mention(50, 55, "بلغاريا", "LOC", "ner")]
    out = surnames_as_people(ms)
    assert [m.type for m in out] == ["PERSON", "PERSON", "ORG", "LOC"]  # the KB's own decision stays


def test_a_one_word_guess_its_adjective_describes_is_a_common_noun():
    from pipeline.doc import Document, Mention
    from pipeline.nlp import load_pipeline
    from pipeline.factories import _person_names, _rule_lexicon, _vocab
    from pipeline.stages.segment import segment
    from pipeline.stages.merge import filter_model_mentions

    res = load_pipeline().resources
    vocab, lex, names = _vocab(res), _rule_lexicon(res), _person_names(res)
    text = "انسحبت واشنطن من الاتفاق النووي، وفاز الهلال السعودي على الاتفاق."
    doc = Document(id="t", text=text)
    doc.norm, doc.sentences, doc.tokens = segment(text, vocab)
    guesses = [Mention(text.index(w, k), text.index(w, k) + len(w), w, "ORG", "ner") for w, k in
               (("الاتفاق", 0), ("الهلال", 0), ("الاتفاق", text.index("على")))]
    kept = [(m.text, m.start) for m in filter_model_mentions(doc, guesses, lex, vocab, names)]
    assert ("الاتفاق", text.index("الاتفاق")) not in kept  # النووي describes it
    assert ("الهلال", text.index("الهلال")) in kept  # a place's adjective after a club's name
    assert ("الاتفاق", text.index("الاتفاق", text.index("على"))) in kept


def test_devices_and_systems_are_no_entities(run_text):
    doc = run_text("وتخطط آبل لتوسيع مجموعة ماك بوك بجهاز جديد، وقالت مجموعة \"جالاكسي\" إن المبيعات ارتفعت.")
    assert [(m.text, m.type) for m in doc.mentions if m.type in ("ORG", "PERSON", "MODEL")] == [("آبل", "ORG")]
    doc = run_text("وتخطط آبل لتوسيع مجموعة زنتركس بشركة جديدة، وقالت مجموعة \"كالاكسو\" إن المبيعات ارتفعت.")
    assert [m.text for m in doc.mentions if m.type == "ORG"] == ["آبل", "زنتركس", "كالاكسو"]  # names, not products
    # connection technologies and calling apps are no organisations or people either
    doc = run_text('ويتصل الجهاز عبر شبكة "واي فاي" وتقنية بلوتوث، ويجري المكالمات عبر فايس تايم.')
    assert [m.text for m in doc.mentions if m.type in ("ORG", "PERSON", "MODEL")] == []


def test_product_spellings_are_generated_and_found_behind_a_proclitic(nlp):
    from pipeline.doc import Article
    from pipeline.factories import _rule_lexicon
    from pipeline.stages.merge import product_spans
    from pipeline.stages.tagger import product_spellings

    keys = product_spellings(["آي فون", "غالاكسي", "iPhone"])
    assert {("ايفون",), ("اي", "فون"), ("جالاكسي",), ("غالاكسي",), ("iphone",)} <= keys
    doc = nlp(Article("t", "يبيع المتجر وآيفون وجالاكسي وIPHONE وهاتف نوكيا.", None))
    spans = product_spans(doc, _rule_lexicon(nlp.resources))
    assert [doc.text[s:e] for s, e in spans] == ["آيفون", "جالاكسي", "IPHONE"]


def test_a_quoted_name_after_a_device_word_is_a_product(nlp):
    from pipeline.doc import Article, Mention
    from pipeline.factories import _person_names, _rule_lexicon, _vocab
    from pipeline.stages.merge import filter_model_mentions

    res = nlp.resources
    for text, kept in (("وقالت الشرطة إن جهاز \"غراي كي\" يخترق الهواتف.", False),
                       ("وقالت الشرطة إن شركة \"غراي كي\" تبيع الأجهزة.", True)):
        doc = nlp(Article("t", text, None))
        s = text.index("غراي كي")
        guess = Mention(s, s + len("غراي كي"), "غراي كي", "PERSON", "ner")
        out = filter_model_mentions(doc, [guess], _rule_lexicon(res), _vocab(res), _person_names(res))
        assert (guess in out) == kept


def test_a_latin_name_with_a_version_beside_a_model_is_a_model(run_text):
    doc = run_text("وفي مقارنة بين Gemini وZorva 2 تفوق الأول، وطرحت الشركة Zorva-3 Pro وGPT-5 للمطورين.")
    assert [m.text for m in doc.mentions if m.type == "MODEL"] == ["Gemini", "Zorva 2", "Zorva-3 Pro", "GPT-5"]
    doc = run_text("وقال إن Claude وWindows 11 يعملان معا، وزار Berlin 2 وParis.")  # a product; no model beside
    assert [m.text for m in doc.mentions if m.type == "MODEL"] == ["Claude"]


def test_an_unseen_arabic_name_in_a_list_of_models_is_a_model(run_text):
    doc = run_text("وتتنافس نماذج مثل Gemini وزورفيكس على المستخدمين.")
    assert [m.text for m in doc.mentions if m.type == "MODEL"] == ["Gemini", "زورفيكس"]
    doc = run_text("ويستخدم Gemini وزورفيكس الطلاب، وتتنافس نماذج مثل Gemini والسيارات على السوق.")  # no model word; a common word
    assert [m.text for m in doc.mentions if m.type == "MODEL"] == ["Gemini", "Gemini"]


def test_a_product_head_that_is_also_a_given_name_keeps_the_model(run_text):
    # مساعد is an assistant and a given name; after it a KB model alias is the assistant, whatever the NER says
    for text in ("وقال إن مساعد كوبايلوت سيصبح رفيقا للمستخدمين.", "وأضاف أن مساعد جيميني يجيب بالعربية."):
        doc = run_text(text)
        assert [m.type for m in doc.mentions if m.text in ("كوبايلوت", "جيميني")] == ["MODEL"]
    # after a given name that is no product word the alias is still part of a person's name
    doc = run_text("وقال جان كلود إن المشروع تأخر.")
    assert [m.type for m in doc.mentions if "كلود" in m.text] == ["PERSON"]


def test_person_names_lose_a_glued_proclitic_and_keep_letters_taken_for_one(run_text):
    doc = run_text("وفي تصريحات لإليوت هاريس، مستشار الصندوق، قال إن النمو مستمر. وحضر الاجتماع وليد شمعون "
                   "ورافقه سامر الحلو وعزيزة منصور وتامر الصافي.")
    people = [m.text for m in doc.mentions if m.type == "PERSON"]
    assert "إليوت هاريس" in people and "لإليوت هاريس" not in people
    assert not any(p.startswith(("ل", "و")) and p[1:] in people for p in people)
    assert not any(p.startswith(("يد ", "ليد ", "وتامر")) for p in people)  # و + a rare name stays the conjunction


def test_a_verb_in_the_future_and_a_stock_index_are_no_names(run_text):
    doc = run_text("وقال المتحدث إن الرئيسين سيلتقيان الشهر المقبل، وأكد المسؤول أن المكان والموعد سيعلنان في "
                   "الأيام المقبلة، فيما تراجع مؤشر \"كاوا سينغ\" في البورصة.")
    assert [m.text for m in doc.mentions if m.type in ("PERSON", "ORG")] == []


def test_a_kb_organisation_gives_way_to_the_chain_that_joins_a_field_to_it():
    from pipeline.doc import Mention
    from pipeline.stages.merge import merge_mentions

    text = "قال مكتب الحوسبة والأمن السيبراني إن مكتب الحوسبة يتوسع."
    short, long_ = "مكتب الحوسبة", "مكتب الحوسبة والأمن السيبراني"
    a, b = text.index(long_), text.rindex(short)
    ms = [Mention(a, a + len(short), short, "ORG", "kb", kb_id="org/x"), Mention(a, a + len(long_), long_, "ORG", "rule"),
          Mention(b, b + len(short), short, "ORG", "kb", kb_id="org/x"),
          Mention(b, b + len(short) + 6, text[b:b + len(short) + 6], "ORG", "rule")]
    out = merge_mentions(ms)
    assert [(m.text, m.source) for m in out] == [(long_, "rule"), (short, "kb")]  # no و after the KB name: the KB's stays


def test_a_month_name_inside_a_date_and_a_preposition_before_the_article_are_no_names(run_text):
    doc = run_text("وكانت الحكومة قد أعلنت في التاسع من نيسان/أبريل خطة جديدة، وقال المسؤول إن الخطة موجهة للمتقاعدين "
                   "والعمال.")
    assert [m.text for m in doc.mentions if m.type in ("PERSON", "ORG")] == []


def test_the_other_side_of_a_comparison_with_a_model_is_a_model(run_text):
    doc = run_text("وفي مقارنة بين Gemini وTarvo Pro تفوق الأول، وتشتد المنافسة بين ChatGPT وكاليبسو على المستخدمين.")
    assert [m.text for m in doc.mentions if m.type == "MODEL"] == ["Gemini", "Tarvo Pro", "ChatGPT", "كاليبسو"]
    doc = run_text("مقارنة بين ChatGPT والبشر، ومقارنة بين ChatGPT وiPhone، ومقارنة بين Apple وSamsung.")
    assert [m.text for m in doc.mentions if m.type == "MODEL"] == ["ChatGPT", "ChatGPT"]  # a noun, a device, two companies
    doc = run_text("مقارنة بين Gemini وبرق في كتابة النصوص.")  # a short word the counts list only as البرق
    assert [m.text for m in doc.mentions if m.type == "MODEL"] == ["Gemini"]


def test_an_unseen_word_in_a_list_of_models_is_a_model_whatever_the_ner_model_guessed(run_text):
    doc = run_text("وتتنافس نماذج مثل نيمبرا وGemini على المستخدمين.")  # the NER model reads نيمبرا as a person
    assert [(m.text, m.type) for m in doc.mentions] == [("نيمبرا", "MODEL"), ("Gemini", "MODEL")]


def _ner_persons(nlp, text, spans):
    """filter_model_mentions over statistical-NER PERSON guesses given by their text."""
    from pipeline.doc import Article, Mention
    from pipeline.factories import _person_names, _rule_lexicon, _vocab
    from pipeline.stages.merge import filter_model_mentions

    res = nlp.resources
    doc = nlp(Article("t", text, None))
    guesses = [Mention(text.index(w), text.index(w) + len(w), w, "PERSON", "ner") for w in spans]
    return [m.text for m in filter_model_mentions(doc, guesses, _rule_lexicon(res), _vocab(res), _person_names(res))]


def test_a_model_person_loses_the_grammar_at_its_edges(nlp):
    # a verb after or before the name, a preposition, an accusative of a common word, ل + a common noun
    assert _ner_persons(nlp, "وأعلن الحزب أن سمير داوودي قاد الوفد إلى المؤتمر.", ["سمير داوودي قاد"]) == ["سمير داوودي"]
    assert _ner_persons(nlp, "وقالت الوكالة إنه وصل كريم زنتاري إلى العاصمة مساء أمس.", ["وصل كريم زنتاري"]) == ["كريم زنتاري"]
    assert _ner_persons(nlp, "وأعلنت الحكومة تعيين سليم بورقيبي وزيرا للمالية.", ["سليم بورقيبي وزيرا"]) == ["سليم بورقيبي"]
    assert _ner_persons(nlp, "وتحدث نادر قسنطيني عن الأزمة في مقابلة.", ["نادر قسنطيني عن"]) == ["نادر قسنطيني"]
    assert _ner_persons(nlp, "وقال هشام زعتري لقناة محلية إن الأمور تحسنت.", ["هشام زعتري لقناة"]) == ["هشام زعتري"]
    assert _ner_persons(nlp, "وأعلن سمير داوودي تراجعه عن الترشح.", ["سمير داوودي تراجعه"]) == ["سمير داوودي"]
    assert _ner_persons(nlp, "وفي محاولة لإثبات سمير داوودي نواياها الحسنة.", ["سمير داوودي نواياها"]) == ["سمير داوودي"]
    assert _ner_persons(nlp, "وقال رامز قديري المدير التنفيذي للشركة إن الأرباح ارتفعت.",
                        ["رامز قديري المدير التنفيذي"]) == ["رامز قديري"]


def test_a_preposition_with_its_hamza_ends_a_model_person(nlp):
    # إلى is normalised to الي, like an ال-word, but its hamza shows the preposition
    assert _ner_persons(nlp, "وأشار رامي عبد الرحمن إلى أن القصف استمر.", ["رامي عبد الرحمن إلى"]) == ["رامي عبد الرحمن"]


def test_a_model_person_that_was_a_preposition_and_a_description_is_dropped(nlp):
    assert _ner_persons(nlp, "وحكمت المحكمة على الناشط البحريني بالسجن.", ["على الناشط البحريني"]) == []
    assert _ner_persons(nlp, "وفرضت واشنطن رسوما على الصلب والألمنيوم.", ["على الصلب"]) == []


def test_names_that_look_like_edge_grammar_stay_whole(nlp):
    # a ب/ل word that is rarer alone than with the letter, an accusative-looking name, a known name
    # that is also a verb, علي the name (not على), an ال-family name that looks like a participle
    for text, span in (("وقالت مارين لوبان إن الحزب سيغير اسمه.", "مارين لوبان"),
                       ("وفاز الرئيس إبراهيم أبو بكر كيتا بولاية ثانية.", "إبراهيم أبو بكر كيتا"),
                       ("وقال محمد علي إن الاتفاق قريب.", "محمد علي"),
                       ("وقال سامي يزيد إن الاتفاق قريب.", "سامي يزيد"),
                       ("وقال عبد العزيز المقبل إن الأسعار سترتفع.", "عبد العزيز المقبل"),
                       ("وقال المراسل سمير حميده إن الاعتقالات توسعت.", "سمير حميده"),  # ه ends names too
                       ("وقال ماركو فان إن الاتفاق قريب.", "ماركو فان"),  # Van, not فإن without its hamza
                       ("وسجل للفريق أدين زوركوفيتش هدفين.", "أدين زوركوفيتش")):  # a perfect verb as a first name
        assert _ner_persons(nlp, text, [span]) == [span]


def test_a_kb_body_takes_the_country_adjective_written_after_it(run_text):
    doc = run_text("وقالت لجنة التجارة الفيدرالية الأمريكية إنها تراقب السوق، وقالت مايكروسوفت الأمريكية إن أرباحها ارتفعت.")
    orgs = [(m.text, m.kb_id) for m in doc.mentions if m.type == "ORG"]
    assert orgs == [("لجنة التجارة الفيدرالية الأمريكية", "org/ftc"), ("مايكروسوفت", "org/microsoft")]  # a company is described
    doc = run_text("وصوت مجلس الشيوخ النيجيري على القانون.")  # the KB's Senate is the American one: another body
    assert [(m.text, m.kb_id) for m in doc.mentions if m.type == "ORG"] == [("مجلس الشيوخ النيجيري", None)]


def test_a_name_read_as_proclitic_and_name_is_joined_back_to_the_more_frequent_name(run_text):
    # فريد and ريد are both name words; ف + ريد is the segmenter's split, فريد the name news writes more
    doc = run_text("وأجرى الزميل فريد زكريا مقابلة مع الوزير، وحكم على المهندس كريم باراتوف بالسجن.")
    people = [m.text for m in doc.mentions if m.type == "PERSON"]
    assert "فريد زكريا" in people and "كريم باراتوف" in people


def test_a_given_name_before_a_kb_persons_surname_names_a_relative(run_text):
    doc = run_text("وأحرزت إيفانكا ترامب مداخيل كبيرة، وقال دونالد ترامب إن ابنته ناجحة.")
    people = [(m.text, m.kb_id) for m in doc.mentions if m.type == "PERSON"]
    assert ("إيفانكا ترامب", None) in people
    assert ("دونالد ترامب", "person/donald-trump") in people


def test_a_people_the_statistical_model_takes_for_a_person_is_dropped(run_text):
    doc = run_text("شعر الأكراد بالخيانة بعد الهجوم على المدينة. وحصل الأتراك على نسبة كبيرة من الأصوات.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == []


def test_people_plural_tells_peoples_from_family_names(nlp):
    from pipeline.factories import _vocab
    from pipeline.stages.tagger import people_plural

    vocab = _vocab(nlp.resources)
    assert all(people_plural(w, vocab) for w in ("الاتراك", "الهنود", "اليهود", "الشيعه"))
    assert not any(people_plural(w, vocab) for w in ("الحريري", "الاسد", "الحسن", "المالكي"))


def test_a_participle_governing_a_preposition_is_no_family_name(run_text):
    doc = run_text("وقال محمد المقيم في لندن إن الأمر صعب. وأكد النائب السابق سامي الحداد المنتمي للحزب أن "
                   "الانتخابات ستجري. وقال وليد المعلم في مؤتمر صحفي إن الأمر صعب.")
    people = [m.text for m in doc.mentions if m.type == "PERSON"]
    assert "سامي الحداد" in people and "وليد المعلم" in people
    assert not any(p.endswith(("المقيم", "المنتمي")) for p in people)


def test_a_given_name_tagged_alone_does_not_cut_the_full_name(run_text):
    doc = run_text("التقت نورا حسين بالوزير أمس في المدينة. وقالت نورا إن الأمر صعب.")
    people = [m.text for m in doc.mentions if m.type == "PERSON"]
    assert people[0] == "نورا حسين"


def test_a_formula_of_blessing_is_no_name_and_ends_the_one_before_it(run_text):
    doc = run_text("وقال إن الملك فهد بن عبد العزيز رحمه الله أسس المشروع. وشكر القيادة حفظهم الله على دعمها.")
    texts = [m.text for m in doc.mentions if m.type in ("PERSON", "ORG")]
    assert not any("الله" in t and "عبد" not in t for t in texts), texts
    assert not any("رحمه" in t or "حفظهم" in t for t in texts), texts
    # a name with الله and no pronoun before it stays whole
    doc = run_text("وقال حسن نصر الله إن الحزب جاهز.")
    assert "حسن نصر الله" in [m.text for m in doc.mentions if m.type == "PERSON"]


def test_an_adjective_of_bodies_ends_no_persons_name(run_text):
    doc = run_text("وأحبط جمرك مطار الملك عبدالعزيز الدولي بجدة محاولة تهريب.")
    assert not any(m.type == "PERSON" and m.text.endswith("الدولي") for m in doc.mentions)


def test_a_people_ending_a_wrong_person_is_not_spread_as_a_surname():
    from pipeline.stages.merge import propagate_names
    from pipeline.stages.segment import Vocabulary, segment
    from pipeline.doc import Document, Mention
    from pipeline.paths import lexicon_path

    vocab = Vocabulary.load(lexicon_path("word_counts.tsv.gz"))
    text = "وقال الشاعر إن ديوان العرب سيعود. وكان الشعر ديوان العرب دائما، وأحب العرب الشعر."
    doc = Document(id="t", text=text)
    doc.norm, doc.sentences, doc.tokens = segment(text, vocab)
    wrong = Mention(text.index("ديوان"), text.index("ديوان") + len("ديوان العرب"), "ديوان العرب", "PERSON", "ner", 0.7)
    assert propagate_names(doc, [wrong], vocab) == []
    # a rare surname still spreads (لامبرت after ناثان لامبرت)
    text = "وقال ناثان لامبرت إن الخطة جاهزة. وأضاف لامبرت أن العمل مستمر."
    doc = Document(id="t", text=text)
    doc.norm, doc.sentences, doc.tokens = segment(text, vocab)
    m = Mention(text.index("ناثان"), text.index("ناثان") + len("ناثان لامبرت"), "ناثان لامبرت", "PERSON", "rule", 0.7)
    assert [x.text for x in propagate_names(doc, [m], vocab)] == ["لامبرت"]


def test_a_kb_name_behind_a_glued_proclitic_is_written_once(run_text):
    # لهيوماين: the KB finds the name inside the token; spreading the name must not tag it again
    doc = run_text("وأعلنت هيوماين عن خطة جديدة، وقال الرئيس التنفيذي لهيوماين إن الخطة تبدأ قريبا.")
    spans = [(m.start, m.end) for m in doc.mentions if m.type != "DATE"]
    assert len(spans) == len(set(spans))
    assert [m.text for m in doc.mentions if m.type == "ORG"] == ["هيوماين", "هيوماين"]


def test_a_rule_company_name_the_model_reads_one_word_longer():
    from pipeline.doc import Mention
    from pipeline.stages.merge import rule_name_the_model_goes_on_past

    text = "بحصول شركة زورفيكس أناليتيكا على بيانات."
    s = text.index("زورفيكس")
    rule = Mention(s, s + len("زورفيكس"), "زورفيكس", "ORG", "rule", 0.7)
    ner = Mention(s, s + len("زورفيكس أناليتيكا"), "زورفيكس أناليتيكا", "ORG", "ner", 0.8)
    assert rule_name_the_model_goes_on_past(rule, [rule, ner], lambda w: True).text == "زورفيكس أناليتيكا"
    # the word is no name word (a given name after a company: its chief's)
    assert rule_name_the_model_goes_on_past(rule, [rule, ner], lambda w: False).text == "زورفيكس"


def test_a_quoted_name_after_a_thing_word_is_no_person(run_text):
    def people(sentence):
        return [m.text for m in run_text(sentence).mentions if m.type == "PERSON"]

    # the model reads a given name in quotation marks as a person; after تطبيق or مسلسل it names the thing
    assert people("وأطلقت الشركة تطبيق «رفيق» للدردشة مع العملاء.") == []
    assert people("وعرضت القناة مسلسل «سلمى» في رمضان.") == []
    # a person in quotation marks elsewhere stays one
    assert people("وقال «رفيق» الحريري إن الاتفاق صامد.") != []


def _context_persons(nlp, text, spans, source="ner"):
    """persons_in_context over PERSON guesses of the statistical NER (or a rule) given by their text."""
    from pipeline.doc import Article, Mention
    from pipeline.factories import _person_names, _rule_lexicon, _vocab
    from pipeline.paths import lexicon_path
    from pipeline.stages.merge import PersonContext, persons_in_context

    res = nlp.resources
    doc = nlp(Article("t", text, None))
    guesses, pos = [], 0
    for w in spans:  # in text order
        pos = text.index(w, pos)
        guesses.append(Mention(pos, pos + len(w), w, "PERSON", source))
        pos += len(w)
    ctx = PersonContext.load(lexicon_path("person_context.json"))
    return [m.text for m in persons_in_context(doc, guesses, ctx, _rule_lexicon(res), _vocab(res), _person_names(res))]


def test_a_name_after_a_place_head_noun_is_the_place(nlp):
    assert _context_persons(nlp, "وانفجرت عبوة قرب مدينة ليون مساء الأحد.", ["ليون"]) == []
    assert _context_persons(nlp, "وغرق قارب قبالة جزيرة مايوركا الإسبانية.", ["مايوركا"]) == []
    assert _context_persons(nlp, "وفر السكان من قرية كازينوفا بعد الفيضان.", ["كازينوفا"]) == []
    # a person stays: not after a head noun, or after ولاية "term of office" when its words are names
    assert _context_persons(nlp, "وقال ليون ماركوفيتش إن المدينة آمنة.", ["ليون ماركوفيتش"]) == ["ليون ماركوفيتش"]
    assert _context_persons(nlp, "وألغيت القرارات التي اتخذت في ولاية فرانسوا هولاند.",
                            ["فرانسوا هولاند"]) == ["فرانسوا هولاند"]


def test_a_quantifier_before_its_partitive_is_no_person(nlp):
    assert _context_persons(nlp, "ويقول كثير من المحللين إن الأسواق ستتعافى.", ["كثير"], "rule") == []
    assert _context_persons(nlp, "وأشار قليل من الخبراء إلى تحسن الأوضاع.", ["قليل"], "rule") == []
    # a name before the من its verb takes stays
    assert _context_persons(nlp, "وحذر ظريف من أي تصعيد في الخليج.", ["ظريف"], "rule") == ["ظريف"]
    assert _context_persons(nlp, "وخرج سعيد من المستشفى أمس.", ["سعيد"]) == ["سعيد"]


def test_the_dual_of_a_common_noun_is_no_person(nlp):
    assert _context_persons(nlp, "ووقع هجومان في العاصمة خلال الأسبوع الماضي.", ["هجومان"]) == []
    assert _context_persons(nlp, "وكان العالمان حذرين في إعلان النتائج.", ["العالمان"]) == []
    assert _context_persons(nlp, "ووجدت دراستان أن النوم يحسن الذاكرة.", ["دراستان"], "rule") == []
    assert _context_persons(nlp, "وقال المحاميان بيتر كرونين وفرانس مون إنهما وجدا أدلة.",
                            ["المحاميان بيتر كرونين"]) == ["بيتر كرونين"]
    # names in ان stay
    for name in ("سلمان", "عثمان", "عمران", "مروان", "رمضان", "عدنان"):
        assert _context_persons(nlp, f"وقال {name} إن الاتفاق قريب.", [name]) == [name]


def test_an_indefinite_accusative_is_no_person(nlp):
    assert _context_persons(nlp, "وقال المخرج إن الفيلم يحمل طابعا رومانسيا واضحا.", ["رومانسيا"]) == []
    assert _context_persons(nlp, "وطالب المحامي بتعويض المتضررين تعويضا عادلا.", ["تعويضا عادلا"], "rule") == []
    assert _context_persons(nlp, "وأظهرت البيانات انخفاضا مفاجئا في المخزونات.", ["انخفاضا مفاجئا"], "rule") == []
    assert _context_persons(nlp, "وأضاف الوزير مازحاً إن الطقس حار.", ["مازحاً"]) == []
    assert _context_persons(nlp, "وانتقد الرئيس رجب أردوغان مراراً البنك المركزي.",
                            ["رجب أردوغان مراراً"]) == ["رجب أردوغان"]
    # names in ا stay, and a surname the article writes in a full name
    assert _context_persons(nlp, "وقالت صوفيا إن الروبوتات ستساعد البشر.", ["صوفيا"]) == ["صوفيا"]
    assert _context_persons(nlp, "وتعرض سكريبال وابنته يوليا للتسميم.", ["يوليا"]) == ["يوليا"]
    assert _context_persons(nlp, "وفاز رافاييل كوريا بالانتخابات. وقال كوريا إن الفوز للشعب.",
                            ["رافاييل كوريا", "كوريا"]) == ["رافاييل كوريا", "كوريا"]


def test_a_person_cut_on_a_name_particle_goes_on_to_the_name(nlp):
    assert _context_persons(nlp, "وقالت المتحدثة أنييس فون در مول في بيان إن باريس تدين الهجوم.",
                            ["أنييس فون در"]) == ["أنييس فون در مول"]
    assert _context_persons(nlp, "وقال وزير الخارجية لويجي دي مايو إن الحكومة مستقرة.",
                            ["لويجي دي"]) == ["لويجي دي مايو"]
    assert _context_persons(nlp, "وقال لويجي دي مايو إن الحكومة مستقرة. وأعلن دي مايو تجميد المشروع.",
                            ["لويجي دي مايو", "دي"]) == ["لويجي دي مايو", "دي مايو"]
    # a particle-like name word before a function word or a common noun ends the name
    assert _context_persons(nlp, "وقال السفير وانغ دي إن الزيارة مهمة.", ["وانغ دي"]) == ["وانغ دي"]
    assert _context_persons(nlp, "وقال جيس فان أستاذ الطب النفسي إن النتائج مقلقة.", ["جيس فان"]) == ["جيس فان"]


def test_a_common_noun_before_a_name_is_not_the_name(nlp):
    assert _context_persons(nlp, "وقرر المجلس تعيين ماركوس سوينغ رئيسا للبنك.", ["تعيين ماركوس سوينغ"]) == ["ماركوس سوينغ"]
    assert _context_persons(nlp, "لكن محاميه تشارلز هاردر قال في بيان إن الدعوى باطلة.",
                            ["محاميه تشارلز هاردر"]) == ["تشارلز هاردر"]
    # a given name that is also a common word stays
    assert _context_persons(nlp, "وقال رائد صالح إن فرق الإنقاذ وصلت.", ["رائد صالح"]) == ["رائد صالح"]
    assert _context_persons(nlp, "وقال تامر حسني إن الحفل ألغي.", ["تامر حسني"]) == ["تامر حسني"]
    # a common noun before another common word is one phrase: nothing to cut out
    assert _context_persons(nlp, "وقال ذات مرة إن الحياة صعبة.", ["ذات مرة"], "rule") == ["ذات مرة"]


def test_a_letter_glued_to_a_person_the_article_names_is_a_proclitic(nlp):
    assert _context_persons(nlp, "وكان هربرت ماكماستر مستشارا. وقال الرئيس لماكماستر إن الخبر كاذب.",
                            ["هربرت ماكماستر", "لماكماستر"]) == ["هربرت ماكماستر", "ماكماستر"]
    # a name that starts with the letter stays whole, also one the article writes whole again
    assert _context_persons(nlp, "وكانت ريم العلي حاضرة. وقال كريم بنزيمة إن الفريق جاهز.",
                            ["ريم العلي", "كريم بنزيمة"]) == ["ريم العلي", "كريم بنزيمة"]
    assert _context_persons(nlp, "وكان ويليامسون يقول إن القوات تقدمت. واعتذر ويليامسون عن الموقف.",
                            ["ويليامسون", "ويليامسون"]) == ["ويليامسون", "ويليامسون"]
    # a common noun behind the letter stays out, even where a wrong person holds it
    assert _context_persons(nlp, "وأطلقت الشركة ماسنجر كيدز للأطفال. وقال إنها تسوق بقوة لماسنجر بين الصغار.",
                            ["ماسنجر كيدز", "لماسنجر"]) == ["ماسنجر كيدز", "لماسنجر"]


def test_persons_checked_against_the_grammar_around_them_end_to_end(run_text):
    cases = (("وانفجرت عبوة قرب مدينة ليون مساء الأحد.", []),
             ("ويقول كثير من المحللين إن الأسواق ستتعافى.", []),
             ("ووقع هجومان في العاصمة خلال الأسبوع الماضي.", []),
             ("وقال المخرج إن الفيلم يحمل طابعا رومانسيا واضحا.", []),
             ("وأضاف الوزير مازحاً إن الطقس حار.", []),
             ("وقالت المتحدثة أنييس فون در مول في بيان إن باريس تدين الهجوم.", ["أنييس فون در مول"]),
             ("لكن محاميه تشارلز هاردر قال في بيان إن الدعوى باطلة.", ["تشارلز هاردر"]),
             ("وكان هربرت ماكماستر مستشارا. وقال الرئيس لماكماستر إن الخبر كاذب.", ["هربرت ماكماستر", "ماكماستر"]),
             ("وقال الرئيس سلمان إن المملكة ستدعم الاتفاق.", ["سلمان"]))
    for text, people in cases:
        assert [m.text for m in run_text(text).mentions if m.type == "PERSON"] == people, text


def test_the_second_half_of_a_compound_given_name_is_no_surname(run_text):
    doc = run_text("وقال مدير المرصد رامي عبد الرحمن إن القصف استمر. وتدور اشتباكات مع فصيل \"فيلق الرحمن\" قرب البلدة.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == ["رامي عبد الرحمن"]
    # a surname still spreads
    doc = run_text("وقال رامي زنتاري إن القصف استمر. وأضاف زنتاري أن المدنيين نزحوا.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == ["رامي زنتاري", "زنتاري"]


def test_a_quoted_name_after_a_naming_word_may_be_a_person(run_text):
    doc = run_text("وتوفي بائع سمك يدعى «سليم فكري» داخل شاحنة.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == ["سليم فكري"]
    # one quoted word after a naming word names a thing: a light in the sky, a frog, a missile
    doc = run_text("ورصد العلماء ضوءا غامضا أطلقوا عليه اسم «ستيف» في سماء كندا.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == []


def test_a_name_after_a_place_head_an_office_governs_is_the_office_holder(run_text):
    doc = run_text("وحضر الاجتماع محافظ العاصمة سالم أبو زيد وعدد من المسؤولين.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == ["سالم أبو زيد"]


def test_a_name_tagged_alone_does_not_spread_into_a_longer_name_behind_a_proclitic(run_text):
    doc = run_text("وأطلقت الشركة نموذج «نوفا» الجديد، ثم نوفا لايت ونوفا برو.")
    spans = sorted((m.start, m.end) for m in doc.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans
    assert [m.text for m in doc.mentions if m.type == "MODEL"] == ["نوفا", "نوفا لايت", "نوفا برو"]


def test_a_one_word_model_alias_that_titles_a_song_or_an_album_is_no_model(run_text):
    def models(sentence):
        return [m.text for m in run_text(sentence).mentions if m.type == "MODEL"]

    assert models("وأطلقت الفرقة ألبومها الجديد «أوبوس» في بيروت.") == []
    assert models("وستطلق المطربة أغنية جديدة بعنوان «سونيت» الشهر المقبل.") == []
    # after a model word the same name is the model
    assert models("وأطلقت الشركة نموذجها الجديد «أوبوس» للمطورين.") == ["أوبوس"]


def test_a_one_word_model_alias_that_titles_a_film_is_no_model(run_text):
    def models(sentence):
        return [m.text for m in run_text(sentence).mentions if m.type == "MODEL"]

    assert models("وعرض المهرجان فيلم «سورا» للمخرج الياباني.") == []
    assert models("وتستخدم الشركة سورا لإنتاج فيلم قصير بالذكاء الاصطناعي.") == ["سورا"]


def test_a_model_alias_the_segmenter_split_after_a_noun_of_a_person(run_text):
    # لاما is read ل + اما; after اللاعب it is still the player's name
    assert [m.text for m in run_text("وشارك اللاعب لاما في التدريبات الجماعية للفريق.").mentions if m.type == "MODEL"] == []
    assert [m.text for m in run_text("وقال الباحث إن لاما 4 يتفوق على منافسيه.").mentions if m.type == "MODEL"] == ["لاما 4"]


def test_a_persons_title_with_its_adjectives_is_no_organisation(run_text):
    doc = run_text("وقالت المفوضة الأوروبية للشؤون الرقمية إن القواعد ستطبق على الجميع.")
    assert [m.text for m in doc.mentions if m.type == "ORG"] == []
    # the commission itself is one
    doc = run_text("وقالت المفوضية الأوروبية إن القواعد ستطبق على الجميع.")
    assert [m.text for m in doc.mentions if m.type == "ORG"] == ["المفوضية الأوروبية"]


def test_a_group_before_a_persons_name_is_cut_off(run_text):
    doc = run_text("وقال زعيم الحوثيين عبد الملك الحوثي في خطاب متلفز إن الهجمات ستستمر.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == ["عبد الملك الحوثي"]


def test_a_kinship_noun_ends_a_persons_name(run_text):
    doc = run_text("وحضر الحفل خالد شقيق الأمير وعدد من المسؤولين.")
    assert [m.text for m in doc.mentions if m.type == "PERSON"] == ["خالد"]
    doc = run_text("وشملت القائمة عصام سلطان، وباسم عودة، وأسامة نجل الرئيس المعزول محمد مرسي.")
    assert all("نجل" not in m.text for m in doc.mentions if m.type == "PERSON")


def test_a_kb_company_keeps_the_suffix_written_after_it(run_text):
    doc = run_text("وذكرت وكالة بلومبرغ نيوز أن الصفقة قريبة، وأعلنت شركة سامبانوفا سيستمز عن شريحة جديدة.")
    orgs = [(m.text, m.kb_id) for m in doc.mentions if m.type == "ORG"]
    assert [t for t, _ in orgs] == ["بلومبرغ نيوز", "سامبانوفا سيستمز"] and all(k for _, k in orgs)
    doc = run_text("وقالت بلومبرغ إن الصفقة قريبة.")  # alone, the KB name as written
    assert [m.text for m in doc.mentions if m.type == "ORG"] == ["بلومبرغ"]
