"""Arabic date tagging and resolution (pipeline.stages.dates.tagger): expression families, offsets, corpora, CLI."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.stages.dates.tagger import DateTagger, canon
from pipeline.evaluation.dates import (duckling_form, load_jsonl, score_duckling, score_gold_dates,
                                 seed_articles)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DATES_DATA = SHARED / "data" / "dates"
NEWS_DAY = dt.date(2025, 8, 8)  # a Friday
DUCKLING_REF = dt.datetime.fromisoformat("2013-02-12T04:30:00-02:00")  # a Tuesday


@pytest.fixture(scope="module")
def tagger() -> DateTagger:
    return DateTagger.load()


def only(tagger, text, ref=NEWS_DAY, prefer="past"):
    """The single mention in ``text`` as (text, value, grain)."""
    ms = tagger.find(text, ref, prefer)
    assert len(ms) == 1, [(m.text, m.value) for m in ms]
    return ms[0].text, ms[0].value, ms[0].grain


# (text, expected value, grain) against NEWS_DAY, prefer past
CASES = {
    "gregorian months": [
        ("في 6 أغسطس", "2025-08-06", "day"),
        ("31 مارس", "2025-03-31", "day"),
        ("يناير/كانون الثاني", "2025-01", "month"),
        ("يوليو/تموز 2023", "2023-07", "month"),
        ("في أبريل (نيسان) 2024", "2024-04", "month"),
        ("الرابع من يوليو/تموز", "2025-07-04", "day"),
        ("السادس عشر من مارس", "2025-03-16", "day"),
        ("الحادي والثلاثين من ديسمبر 2024", "2024-12-31", "day"),
        ("29 من أبريل الماضي", "2025-04-29", "day"),  # also after الـ (see test_article_on_a_number)
        ("14 شباط 2020", "2020-02-14", "day"),
        # the coming October 1st begins 54 days ahead, the last one ended 312 days back: the coming one
        ("في الأول من تشرين الأول", "2025-10-01", "day"),
        ("في الأول من تشرين الأول الماضي", "2024-10-01", "day"),
        ("جانفي 2021", "2021-01", "month"),
        ("الشهر التاسع من عام 2014", "2014-09", "month"),
    ],
    "arabic-indic and numeric dates": [
        ("١٩ أغسطس ٢٠٢٥", "2025-08-19", "day"),
        ("19-08-2025", "2025-08-19", "day"),
        ("11/12/2025", "2025-12-11", "day"),
        ("2025-08-19", "2025-08-19", "day"),
        ("29/ 4/ 2025", "2025-04-29", "day"),
        ("29 / 04 / 2025", "2025-04-29", "day"),
        ("الأحد 03/08", "2025-08-03", "day"),
        ("٢٠٢٥/٣", None, None),  # year/month is not a form we read
    ],
    "years, decades, centuries": [
        ("عام 2019", "2019", "year"),
        ("العام 2025", "2025", "year"),
        ("في 2023", "2023", "year"),
        ("منذ 2020", "2020", "year"),
        ("2015م", "2015", "year"),
        ("التسعينيات", {"start": "1990", "end": "1999"}, "year"),
        ("ثمانينيات القرن الماضي", {"start": "1980", "end": "1989"}, "year"),
        ("القرن الحادي والعشرين", {"start": "2000", "end": "2099"}, "year"),
        ("العقد الماضي", {"start": "2010", "end": "2019"}, "year"),
    ],
    "quarters, halves, seasons": [
        ("الربع الأول من 2026", "2026-Q1", "quarter"),
        ("الربع الثالث من العام الحالي", "2025-Q3", "quarter"),
        ("الربع الماضي", "2025-Q2", "quarter"),
        ("النصف الثاني من 2024", {"start": "2024-07", "end": "2024-12"}, "month"),
        ("صيف 2024", {"start": "2024-06", "end": "2024-08"}, "month"),
        ("الشتاء الماضي", {"start": "2024-12", "end": "2025-02"}, "month"),
    ],
    "hijri": [
        ("رمضان 1446 هـ", {"start": "2025-03-01", "end": "2025-03-29"}, "day"),
        ("15 شعبان 1446هـ", "2025-02-14", "day"),
        ("عام 1446 هـ", {"start": "2024-07-07", "end": "2025-06-25"}, "day"),
        ("رمضان 2019", {"start": "2019-05-06", "end": "2019-06-03"}, "day"),
        ("عيد الأضحى", "2025-06-06", "day"),
        ("عيد الفطر 2024", "2024-04-10", "day"),
    ],
    "weekdays": [
        ("الجمعة", "2025-08-08", "day"),
        ("يوم الاثنين", "2025-08-04", "day"),
        ("الأحد الماضي", "2025-08-03", "day"),
        ("الجمعة الماضية", "2025-08-01", "day"),
        ("الثلاثاء المقبل", "2025-08-12", "day"),
        ("اليوم الجمعة", "2025-08-08", "day"),
        ("مساء الخميس", "2025-08-07", "day"),
        ("ليلة الجمعة", "2025-08-08", "day"),
        ("الخميس 7 أغسطس", "2025-08-07", "day"),
        ("يوم الاثنين (28 يوليو)", "2025-07-28", "day"),
        ("أول ثلاثاء من شهر أكتوبر 2014", "2014-10-07", "day"),
        ("آخر جمعة من يوليو", "2025-07-25", "day"),
    ],
    "relative days, weeks, months, years": [
        ("اليوم", "2025-08-08", "day"),
        ("أمس", "2025-08-07", "day"),
        ("غدًا", "2025-08-09", "day"),
        ("أول أمس", "2025-08-06", "day"),
        ("بعد غد", "2025-08-10", "day"),
        ("بكرة", "2025-08-09", "day"),  # but not before an indefinite word: سدد بكرة خلفية
        ("بعد بكرة", "2025-08-10", "day"),
        ("الليلة الماضية", "2025-08-07", "day"),
        ("الخامس من أغسطس الجاري", "2025-08-05", "day"),
        ("بحلول نهاية العام", "2025", "year"),
        ("الأسبوع الماضي", "2025-W31", "week"),
        ("الأسبوع المقبل", "2025-W33", "week"),
        ("الشهر الماضي", "2025-07", "month"),
        ("الشهر الجاري", "2025-08", "month"),
        ("هذا الشهر", "2025-08", "month"),
        ("هذا العام", "2025", "year"),
        ("العام المقبل", "2026", "year"),
        ("السنة الماضية", "2024", "year"),
        ("يناير الماضي", "2025-01", "month"),
        ("يونيو القادم", "2026-06", "month"),
        ("ديسمبر المقبل", "2025-12", "month"),
        ("في يناير", "2025-01", "month"),
        ("في ديسمبر", "2024-12", "month"),
    ],
    "ago and within": [
        ("منذ 2 أيام", "2025-08-06", "day"),
        ("قبل أسبوع", "2025-08-01", "day"),
        ("قبل يومين", "2025-08-06", "day"),
        ("منذ ثلاثة أشهر", "2025-05", "month"),
        ("قبل عامين", "2023", "year"),
        ("خلال أسبوعين", {"start": "2025-08-08", "end": "2025-08-21"}, "day"),
        ("الأيام الثلاثة الماضية", {"start": "2025-08-05", "end": "2025-08-07"}, "day"),
        ("الأشهر المقبلة", {"start": "2025-09", "end": None}, "month"),
        ("السنوات الأخيرة", {"start": None, "end": "2024"}, "year"),
    ],
    "parts of periods": [
        ("مطلع العام الحالي", "2025", "year"),
        ("نهاية شهر يونيو القادم", "2026-06", "month"),
        ("منتصف العقد الماضي", {"start": "2010", "end": "2019"}, "year"),
        ("أواخر مارس", {"start": "2025-03-21", "end": "2025-03-31"}, "day"),
        ("أوائل فبراير 2024", {"start": "2024-02-01", "end": "2024-02-10"}, "day"),
    ],
    "ranges": [
        ("من 13 إلى 15 يوليو", {"start": "2025-07-13", "end": "2025-07-15"}, "day"),
        ("بين 2019 و2023", {"start": "2019", "end": "2023"}, "year"),
        ("من يناير إلى مارس 2024", {"start": "2024-01", "end": "2024-03"}, "month"),
        ("من ديسمبر إلى فبراير 2025", {"start": "2024-12", "end": "2025-02"}, "month"),
        ("بين عامي 2010 و2012", {"start": "2010", "end": "2012"}, "year"),
    ],
    "clock times": [
        ("الساعة الثالثة عصرا", "2025-08-08T15:00", "hour"),
        ("13:59", "2025-08-08T13:59", "minute"),
        ("الساعة 11:45 صباحًا", "2025-08-08T11:45", "minute"),
        ("الساعة الخامسة إلا ربعا مساء", "2025-08-08T16:45", "minute"),
        ("الساعة التاسعة والنصف مساء أمس", "2025-08-07T21:30", "minute"),
        ("يوم السبت 21/09 الساعة 1:30 بعد الظهر", "2024-09-21T13:30", "minute"),
        ("الحادية عشرة ليلا", "2025-08-08T23:00", "hour"),
        ("الساعات الأولى من صباح اليوم", None, None),  # "the first hours": no clock time
    ],
    "latin script inside arabic": [
        ("في April 29, 2025", "2025-04-29", "day"),
        ("في 29 April 2025", "2025-04-29", "day"),
        ("في Apr. 29", "2025-04-29", "day"),
        ("بتاريخ Sept 3rd, 2024", "2024-09-03", "day"),
        ("في 1 of march 2025", "2025-03-01", "day"),
        ("في Dec 2024", "2024-12", "month"),
        ("Tuesday, April 29, 2025", "2025-04-29", "day"),
        ("في 04/29/2025", "2025-04-29", "day"),  # only month first makes a date
        ("في 05/04/2025", "2025-04-05", "day"),  # both do: day first, the Arab press's order
    ],
    "12-hour clock": [
        ("عند 1:23 PM", "2025-08-08T13:23", "minute"),
        ("الساعة 1:23 مساءً", "2025-08-08T13:23", "minute"),
        ("الساعة 12:40 a.m.", "2025-08-08T00:40", "minute"),
        ("عند 7:13pm", "2025-08-08T19:13", "minute"),
        ("الساعة 5:11 م", "2025-08-08T17:11", "minute"),
        ("الساعة 9:05 ص", "2025-08-08T09:05", "minute"),
        ("الساعة 8.30 صباحًا", "2025-08-08T08:30", "minute"),
        ("في 10 صباحًا", "2025-08-08T10:00", "hour"),
        ("عند 4 بعد الظهر", "2025-08-08T16:00", "hour"),
        ("الساعة 12:10 ظهرًا", "2025-08-08T12:10", "minute"),
        ("الساعة 11:15 ليلًا", "2025-08-08T23:15", "minute"),
        ("الواحدة والنصف بعد الظهر", "2025-08-08T13:30", "minute"),
        ("يوم 19 أغسطس 2025 الساعة 1:23 مساءً", "2025-08-19T13:23", "minute"),
        ("في August 19, 2025 at 1:23 PM", "2025-08-19T13:23", "minute"),
        ("1:23 PM · Aug 19, 2025", "2025-08-19T13:23", "minute"),  # a social-media embed
        ("الساعة 1:23 مساءً من يوم الثلاثاء 19 أغسطس", "2025-08-19T13:23", "minute"),
        ("الساعة الثالثة من بعد ظهر يوم الأحد", "2025-08-03T15:00", "hour"),
        ("عند الساعة 18:35 يوم 9 أكتوبر 2024", "2024-10-09T18:35", "minute"),
        ("الثلاثاء الساعة 04:01 ت غ", "2025-08-05T04:01", "minute"),
        # bylines: a day, a dash or bar, a 12-hour time (Egyptian sites write 01:23 م)
        ("الثلاثاء 19 أغسطس 2025 - 01:23 م", "2025-08-19T13:23", "minute"),
        ("19/08/2025 - 01:23 م", "2025-08-19T13:23", "minute"),
        ("الثلاثاء 19 أغسطس 2025 | 1:23 مساءً", "2025-08-19T13:23", "minute"),
        ("2025-08-19T13:23", "2025-08-19T13:23", "minute"),
        ("الساعة 8.58 صباحا بالتوقيت المحلي", "2025-08-08T08:58", "minute"),
        ("بتاريخ 29-Apr-2025", "2025-04-29", "day"),
        ("في 1er mai 2025", "2025-05-01", "day"),
        ("في 29 avril 2025", "2025-04-29", "day"),
        ("الثلاثاء على الساعة 3:31 صباحا", "2025-08-05T03:31", "minute"),
        ("من 8 صباحا حتى 4 مساء", {"start": "2025-08-08T08:00", "end": "2025-08-08T16:00"}, "hour"),
    ],
    "bare, fiscal and season years": [
        ("بحلول 2030", "2030", "year"),
        ("سنة 2024", "2024", "year"),
        ("في مستهل 2011", "2011", "year"),
        ("السنة المالية 2024", "2024", "year"),
        ("العام المالي 2024-2025", {"start": "2024", "end": "2025"}, "year"),
        ("في السنة المالية 2024/2025", {"start": "2024", "end": "2025"}, "year"),
        ("العام الدراسي 2024/25", {"start": "2024", "end": "2025"}, "year"),
        ("في موسم 2023-24", {"start": "2023", "end": "2024"}, "year"),
        ("في FY2025", "2025", "year"),
        ("FY 2024/25", {"start": "2024", "end": "2025"}, "year"),
        ("2023-2024", {"start": "2023", "end": "2024"}, "year"),
        ("من 2020 إلى 2025", {"start": "2020", "end": "2025"}, "year"),
        ("منذ 2020", "2020", "year"),  # the seed gold's reading: the year, not 2020/..
        ("H1 2025", {"start": "2025-01", "end": "2025-06"}, "month"),
    ],
}


@pytest.mark.parametrize("text,value,grain", [c for cases in CASES.values() for c in cases],
                         ids=[f"{fam}:{c[0]}" for fam, cases in CASES.items() for c in cases])
def test_expression_families(tagger, text, value, grain):
    ms = tagger.find(text, NEWS_DAY)
    if value is None:
        assert not ms or ms[0].text != text
        return
    assert [(m.text, m.value, m.grain) for m in ms] == [(text, value, grain)]


def test_prefer_future_is_duckling_reading(tagger):
    assert only(tagger, "في يناير", NEWS_DAY, "future")[1] == "2026-01"
    assert only(tagger, "الاثنين", DUCKLING_REF, "future")[1] == "2013-02-18"
    assert only(tagger, "الثلاثاء", DUCKLING_REF, "future")[1] == "2013-02-19"  # not the reference day
    assert only(tagger, "الثلاثاء", DUCKLING_REF, "past")[1] == "2013-02-12"
    assert only(tagger, "الاول من شباط", DUCKLING_REF, "future")[1] == "2013-02-01"  # this February


def test_bare_clock_time_follows_preference(tagger):
    assert only(tagger, "حوالي الساعة 3", DUCKLING_REF, "future")[1] == "2013-02-12T15:00"
    assert only(tagger, "حوالي الساعة 3", DUCKLING_REF, "past")[1] == "2013-02-12T03:00"


def test_time_zone_converted_to_reference_offset(tagger):
    assert only(tagger, "الخميس الساعة 8 بتوقيت غرينتش", DUCKLING_REF, "future")[1:] == ("2013-02-14T06:00", "minute")


def test_without_reference_relative_values_are_null(tagger):
    got = {m.text: (m.value, m.resolved) for m in tagger.find("عام 2019 و6 أغسطس 2025 وأمس وفي يناير", None)}
    assert got == {"عام 2019": ("2019", False), "6 أغسطس 2025": ("2025-08-06", False),
                   "أمس": (None, False), "في يناير": (None, False)}


def test_resolved_flag_marks_relative_mentions(tagger):
    flags = {m.text: m.resolved for m in tagger.find("عام 2019 وأمس", NEWS_DAY)}
    assert flags == {"عام 2019": False, "أمس": True}


def test_diacritics_and_tatweel_keep_original_offsets(tagger):
    text = "وفي السّادسَ عشرَ من مــارسَ، أعلنت"
    (m,) = tagger.find(text, dt.date(2025, 3, 20))
    assert m.value == "2025-03-16" and m.text == text[m.start:m.end] and m.text.startswith("في")


def test_mentions_are_sorted_and_disjoint(tagger):
    text = "أعلنت الشركة أمس، الخميس 7 أغسطس، نموذجها الجديد بعد إطلاق نموذج سابق في يناير الماضي وعام 2019."
    ms = tagger.find(text, NEWS_DAY)
    assert [m.text for m in ms] == ["أمس", "الخميس 7 أغسطس", "في يناير الماضي", "عام 2019"]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))


NOT_DATES = [
    "حب", "اياب", "ابحث",  # Duckling's negatives
    "مارس الضغط على الحكومة",  # مارس = practised
    "صفر من الأهداف",  # صفر = zero
    "أكثر من 2000 شخص",
    "بين الاثنين اتفاق",  # "between the two"
    "منذ اليوم الأول",  # "since the first day"
    "في ذلك اليوم",
    "قائد الغد",
    "سدد بكرة خلفية",  # ب + كرة, not colloquial "tomorrow"
    "ماذا تتصور من أب مفجوع",  # أب = father
    "كانت تطاردها تلك الليلة",  # a night of the story
    "في الليلة الافتتاحية للموسم",
    "بالسجن سبعة أعوام ونصف العام",  # a duration
    "أفضل حالا من قبل",
    "قبل يومين من الانتخابات",
    "الربيع العربي",
    "نسبة 3/4 من الأصوات",
    "الساعة الحاسمة",
    "المهاجم آلان شيرر",  # Alan normalises onto الان
    "المفكر طارق رمضان",  # a surname
    "في الدقائق الأخيرة من المباراة",
    "انضمت إليهن ثالثة",
    # four-digit amounts and counts are not years
    "دفعت 2025 دولار",
    "يعمل فيها 1500 موظف",
    "في 2000 حالة",
    "بلغت 2025 دولارا",
    "بين 2000 و2500 شخص",
    "نحو 2019 مستخدما",
    "من 2010 إلى 2015 ميغاواط",
    # Latin month names need a day or a year; a 12-hour marker needs an hour of 1-12
    "سيصدر في May",
    "March of the Penguins",
    "مهمة Mars 2020 التابعة لناسا",
    "فاز 15 PM",
    # a score before a day part is not a clock time (صفر - 5 مساء الأحد: the day stays)
    # a fiscal year's quarter has no calendar value without the fiscal start month
    "2023-27",
    "13/13/2025",
]


def test_score_before_daypart_is_not_a_time(tagger):
    assert [(m.text, m.value) for m in tagger.find("فاز صفر - 5 مساء الأحد", NEWS_DAY)] == [("مساء الأحد", "2025-08-03")]


@pytest.mark.parametrize("text,fiscal,value", [
    ("الربع الأول من العام المالي 2024/2025", "العام المالي 2024/2025", {"start": "2024", "end": "2025"}),
    ("النصف الثاني من السنة المالية 2025", "السنة المالية 2025", "2025"),
])
def test_part_of_fiscal_year_keeps_only_the_fiscal_year(tagger, text, fiscal, value):
    assert [(m.text, m.value) for m in tagger.find(text, NEWS_DAY)] == [(fiscal, value)]


@pytest.mark.parametrize("text,value", [
    # the sentence names whose fiscal year it is: its months
    ("نما اقتصاد مصر 4% في العام المالي 2024/2025 وفق البيانات", {"start": "2024-07", "end": "2025-06"}),
    ("قالت إنفيديا إن إيراداتها في السنة المالية 2026 ستتجاوز التوقعات", {"start": "2025-02", "end": "2026-01"}),
    ("أعلنت Microsoft نتائج FY2025.", {"start": "2024-07", "end": "2025-06"}),
    ("قالت الحكومة اليابانية إن ميزانية السنة المالية 2025 ستبلغ", {"start": "2025-04", "end": "2026-03"}),
    # no name, a calendar-year company nearer than a country, or the name in another sentence: the years
    ("في السنة المالية 2024 ارتفعت الأرباح.", "2024"),
    ("قالت أمازون المنافسة لشركات مصر إن إيرادات السنة المالية 2024 ارتفعت", "2024"),
    ("سجلت الشركة نموا في مصر. وفي السنة المالية 2024/2025 نمت", {"start": "2024", "end": "2025"}),
    ("نما اقتصاد مصر في عام 2024", "2024"),  # not a fiscal year
])
def test_fiscal_year_months_come_from_whose_year_it_is(tagger, text, value):
    (m,) = [m for m in tagger.find(text, NEWS_DAY) if m.grain in ("year", "month")]
    assert m.value == value


def test_article_on_a_number(tagger):
    """الـ29 من أبريل، الساعة الـ11: the article written on a number does not hide it."""
    assert [(m.text, m.value) for m in tagger.find("وصل في الـ29 من أبريل الماضي", NEWS_DAY)] == \
        [("29 من أبريل الماضي", "2025-04-29")]
    assert [(m.text, m.value) for m in tagger.find("عند الساعة الـ11 صباحا", NEWS_DAY)] == \
        [("عند الساعة الـ11 صباحا", "2025-08-08T11:00")]
    assert tagger.find("وظفت الـ2000 شركة", NEWS_DAY) == []


def test_year_lists_and_parenthesised_years(tagger):
    assert [m.value for m in tagger.find("سيصدر عام 2027 أو 2028 وفق الخطة", NEWS_DAY)] == ["2027", "2028"]
    assert [m.text for m in tagger.find("فيلم \"الطريق\" (1968) للمخرج", NEWS_DAY)] == ["1968"]
    assert tagger.find("شملت أكثر من (2000) موقع", NEWS_DAY) == []


def test_pm_time_is_24_hour(tagger):
    for text in ("الساعة 1:23 PM", "الساعة 1:23 مساء", "1:23 p.m.", "1:23pm"):
        assert only(tagger, text)[1] == "2025-08-08T13:23", text
    assert only(tagger, "1:23 AM")[1] == "2025-08-08T01:23"


def test_year_before_verb_or_punctuation_is_a_year_before_a_counted_noun_is_not(tagger):
    assert [m.value for m in tagger.find("قبل 2011، وبعد 2024 سيتغير", NEWS_DAY)] == ["2011", "2024"]
    assert tagger.find("قبل 2011 كيلومترا", NEWS_DAY) == []


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(tagger, text):
    assert tagger.find(text, NEWS_DAY) == []


@pytest.mark.parametrize("text", ["31 فبراير 2025", "القرن الأول", "رمضان 1300 هـ", "29/02/2023"])
def test_impossible_calendar_dates_are_dropped(tagger, text):
    assert tagger.find(text, NEWS_DAY) == []


def word_probed_and_scanned(tagger, text):
    from pipeline.stages.normalize import normalize
    norm = normalize(text).text
    key = lambda c: (c.start, c.end, c.rank)  # noqa: E731
    return sorted(tagger.candidates(norm), key=key), sorted(tagger.candidates_scanned(norm), key=key)


@pytest.mark.parametrize("text", [c[0] for cases in CASES.values() for c in cases] + NOT_DATES)
def test_word_probing_finds_what_a_full_scan_finds(tagger, text):
    probed, scanned = word_probed_and_scanned(tagger, "نص " + text + " نص")
    assert probed == scanned


def test_prefer_is_checked(tagger):
    with pytest.raises(ValueError):
        tagger.find("أمس", NEWS_DAY, prefer="nearest")


PIECES = ["في April 29, 2025", "1:23 PM", "الساعة 5:11 م", "العام المالي 2024/25", "2025 دولار", "في 10 صباحا",
          "في 6 أغسطس", "منذ 2 أيام", "الساعة 3 عصرا", "يناير/كانون الثاني", "١٩-٠٨-٢٠٢٥", "أمس", "رمضان 1446 هـ",
          "من 13 إلى 15 تموز", "مطلع العام الحالي", "bonjour 12:30", "GPT-2 عام 2019", "القرن الأول",
          "الساعة 25:70", "99/99/9999", "الربع الخامس", "منذ 9999 عام", "الثلاثاء الخامس من فبراير"]
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640\u200f"


@st.composite
def noisy_text(draw):
    """Arabic, Latin, digits, diacritics, tatweel and bidi marks around real date phrases."""
    parts = draw(st.lists(st.one_of(
        st.sampled_from(PIECES),
        st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويةىءأإآؤئ ٠١٢٣٤٥٦٧٨٩0123456789abcXYZ:/-،." + MARKS,
                max_size=20)), max_size=8))
    text = " ".join(parts)
    positions = draw(st.lists(st.integers(0, max(len(text), 1)), max_size=5))
    for p in sorted(positions, reverse=True):
        text = text[:p] + draw(st.sampled_from(MARKS)) + text[p:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=noisy_text(), prefer=st.sampled_from(["past", "future"]), with_ref=st.booleans())
def test_offsets_point_into_original(tagger, text, prefer, with_ref):
    ms = tagger.find(text, NEWS_DAY if with_ref else None, prefer)
    for m in ms:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.grain in ("second", "minute", "hour", "day", "week", "month", "quarter", "year")
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=noisy_text())
def test_word_probing_equals_full_scan_on_noisy_text(tagger, text):
    probed, scanned = word_probed_and_scanned(tagger, text)
    assert probed == scanned


def test_duckling_form_states_ranges_with_exclusive_end():
    assert duckling_form({"start": "2013-07-13", "end": "2013-07-15"}, "day", "-02:00") == \
        {"start": "2013-07-13T00:00:00-02:00", "end": "2013-07-16T00:00:00-02:00"}
    assert duckling_form("2013-W06", "week", "-02:00") == "2013-02-04T00:00:00-02:00"


# ---------------------------------------------------------------- shared corpora (skipped without ../shared)

needs_dates_data = pytest.mark.skipif(not DATES_DATA.is_dir(), reason=f"{DATES_DATA} is absent (shared data)")


@needs_dates_data
def test_duckling_time_corpus_at_least_95_percent(tagger):
    rows = load_jsonl(DATES_DATA / "duckling_ar_time.jsonl")
    score = score_duckling(tagger.find, rows, prefer="future")
    assert score.total == 177
    assert score.rate >= 0.95, "\n".join(score.misses)


@needs_dates_data
def test_duckling_negative_corpus_untagged(tagger):
    for row in load_jsonl(DATES_DATA / "duckling_ar_time_negative.jsonl"):
        assert tagger.find(row["text"], DUCKLING_REF, "future") == [], row["text"]


@needs_dates_data
def test_duckling_ordinals(tagger):
    for row in load_jsonl(DATES_DATA / "duckling_ar_ordinal.jsonl"):
        assert tagger.lex.number(canon(row["text"])) == row["value"], row["text"]


@pytest.mark.skipif(not (SHARED / "eval" / "seeds_gold.jsonl").is_file(), reason="seed gold (shared data) is absent")
def test_seed_gold_dates(tagger):
    score = score_gold_dates(tagger.find, seed_articles(SHARED))
    assert (score.right, score.total) == (22, 22), "\n".join(score.misses)


# ---------------------------------------------------------------- CLI


def run_cli(argv, stdin, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out = capsys.readouterr()
    return code, [json.loads(line) for line in out.out.splitlines()], out.err


def test_cli_reads_stdin_lines(monkeypatch, capsys):
    code, rows, _ = run_cli(["dates", "--reference", "2025-08-08"], "منذ 2 أيام\nلا شيء\n", monkeypatch, capsys)
    assert code == 0
    assert rows == [{"text": "منذ 2 أيام", "mentions": [{"text": "منذ 2 أيام", "start": 0, "end": 10,
                                                          "value": "2025-08-06", "grain": "day"}]},
                    {"text": "لا شيء", "mentions": []}]


def test_cli_jsonl_with_per_line_reference(tmp_path, monkeypatch, capsys):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"text": "الاثنين", "reference": "2013-02-12T04:30:00-02:00"}, ensure_ascii=False) + "\n"
                 + json.dumps({"text": "أمس"}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, rows, _ = run_cli(["dates", "--jsonl", str(f), "--prefer", "future"], "", monkeypatch, capsys)
    assert code == 0
    assert [r["mentions"][0]["value"] for r in rows] == ["2013-02-18", None]


@pytest.mark.parametrize("argv", [["dates", "--reference", "2025-13-01"], ["dates", "--jsonl", "/no/such/file"]])
def test_cli_bad_arguments_exit_2(argv, monkeypatch, capsys):
    code, _, err = run_cli(argv, "", monkeypatch, capsys)
    assert code == 2 and "error" in err


# News reading of underspecified dates: the clause's tense and the nearer occurrence (sentences written
# for these tests; NEWS_DAY is Friday 2025-08-08)
@pytest.mark.parametrize("text,mention,value", [
    # a future marker or a verb with سـ in the clause: the coming weekday, today included
    ("ستعقد اللجنة اجتماعها الثلاثاء لبحث الميزانية", "الثلاثاء", "2025-08-12"),
    ("ومن المقرر أن يصل الوفد إلى العاصمة الأحد", "الأحد", "2025-08-10"),
    ("سيعلن الفريق تشكيلته الجمعة", "الجمعة", "2025-08-08"),
    ("يلتقي الوزيران الاثنين في جنيف", "الاثنين", "2025-08-11"),
    ("بحلول الخميس", "بحلول الخميس", "2025-08-14"),
    # a past clause, منذ, a subjunctive or كان: the last one
    ("قال الوزير الثلاثاء إن المحادثات مستمرة", "الثلاثاء", "2025-08-05"),
    ("تتواصل الاشتباكات منذ الأحد", "منذ الأحد", "2025-08-03"),
    ("قبل أن يعلن الوزير الأربعاء استقالته", "الأربعاء", "2025-08-06"),
    ("وكان المجلس يبحث الاثنين مشروع القانون", "الاثنين", "2025-08-04"),
    ("الذي سيغادر منصبه، قال الخميس إنه راض", "الخميس", "2025-08-07"),
    ("ويرى المراقبون أن الاتفاق الذي وقع الاثنين صامد", "الاثنين", "2025-08-04"),  # a relative clause is the date's
    ("ويتوقع المحللون أن القمة التي ستعقد الاثنين حاسمة", "الاثنين", "2025-08-11"),
    # a future verb makes a bare month the coming one
    ("ستطلق الشركة هاتفها الجديد في يوليو", "في يوليو", "2026-07"),
    # without a tense word, a date much nearer ahead than behind is the coming one
    ("تقام المباراة النهائية في 20 سبتمبر", "في 20 سبتمبر", "2025-09-20"),
    ("وفي يناير، خفضت الشركة توقعاتها", "في يناير", "2025-01"),
    ("تراجعت المبيعات في نوفمبر", "في نوفمبر", "2024-11"),
    ("بدأ الإضراب منذ سبتمبر", "منذ سبتمبر", "2024-09"),
    # a day with الماضي earlier in the current month is this month's
    ("أجريت الانتخابات في 2 أغسطس الماضي", "في 2 أغسطس الماضي", "2025-08-02"),
])
def test_news_reading_follows_tense_and_nearness(tagger, text, mention, value):
    got = {m.text: m.value for m in tagger.find(text, NEWS_DAY)}
    assert got.get(mention) == value, got


def test_imperfect_verb_set_is_verbs(tagger):
    assert {"يعقد", "تطلق", "يلتقي", "يكون"} <= tagger.verbs
    assert not {"يارة", "ياسه", "نوات", "ته", "ساهم"} & tagger.verbs


@pytest.mark.parametrize("text,value", [
    ("فاز المنتخب بكأس العالم 2018 في روسيا", "2018"),
    ("تستعد المملكة لاستضافة معرض إكسبو 2030.", "2030"),
    ("شارك في انتخابات 2012 الرئاسية", "2012"),
])
def test_year_after_any_word(tagger, text, value):
    assert [m.value for m in tagger.find(text, NEWS_DAY)] == [value]


@pytest.mark.parametrize("text", [
    "نشر الجيش 2000 جندي في المنطقة",
    "وصل المؤشر إلى 2050 في ختام التداولات",
    "بلغ عدد الزوار نحو 2000 خلال اليوم",
    "سجلت الشركة 1998 براءة اختراع",
    "فازت القائمة بـ2019 مقعدا",
])
def test_amounts_are_not_years(tagger, text):
    assert not [m for m in tagger.find(text, NEWS_DAY) if m.value and m.value[:2] in ("19", "20") and len(m.value) == 4]


@pytest.mark.parametrize("text,value", [
    ("بدأ الاجتماع مساء الثلاثاء الساعة 8", "2025-08-05T20:00"),  # the day part before the day is the time's
    ("صباح الأحد الساعة 9", "2025-08-03T09:00"),
    ("انطلقت الجلسة الساعة 3:15", "2025-08-08T15:15"),  # no day part, a date reference: the working day
    ("يوم 19 أغسطس 2025 الساعة 1:23", "2025-08-19T13:23"),
    ("عند الساعة 10", "2025-08-08T10:00"),
    ("الساعة 4 فجرا", "2025-08-08T04:00"),
])
def test_twelve_hour_clock_on_a_news_day(tagger, text, value):
    assert [m.value for m in tagger.find(text, NEWS_DAY)] == [value]


@pytest.mark.parametrize("text,value", [
    ("في يناير/كانون ثاني الماضي", "2025-01"),
    ("في تشرين أول 2024", "2024-10"),
    ("في جانفي 2025", "2025-01"),
    ("في ١٥ نيسان ٢٠٢٥", "2025-04-15"),
])
def test_regional_month_names_and_eastern_digits(tagger, text, value):
    assert [m.value for m in tagger.find(text, NEWS_DAY)] == [value]


def test_age_in_decades_is_not_a_date(tagger):
    assert tagger.find("اعتقل رجل في الثمانينات من عمره", NEWS_DAY) == []


@pytest.mark.parametrize("text", ["أطلقت OpenAI نموذج gpt-4o-2024-08-06 للمطورين",
                                  "يتوفر claude-3-5-sonnet-20241022 عبر الواجهة",
                                  "وجربنا o1-2024-12-17 وgpt-4o-mini-2024-07-18"])
def test_dates_inside_model_names_are_not_dates(tagger, text):
    assert tagger.find(text, NEWS_DAY) == []


@pytest.mark.parametrize("text,mention,value", [
    ("أعلنت الشركة نتائج الربع الثاني أمس", "الربع الثاني", "2025-Q2"),  # the nearest second quarter
    ("سجل الفريق 20 نقطة في الربع الثالث من المباراة", None, None),  # a quarter of a match
    ("تراجعت الأسعار الشهر قبل الماضي", "الشهر قبل الماضي", "2025-06"),
    ("يصدر التقرير الأسبوع بعد المقبل", "الأسبوع بعد المقبل", "2025-W34"),
    ("تبلغ تكلفة الساعة الواحدة 300 دولار", None, None),  # per hour
    ("حطت الطائرة الساعة 2:30 بعد منتصف الليل", "الساعة 2:30 بعد منتصف الليل", "2025-08-08T02:30"),
    ("أدين رجل يبلغ 40 عاما الثلاثاء بالاحتيال", "الثلاثاء", "2025-08-05"),  # a state, not a schedule
])
def test_quarters_periods_and_clock_words(tagger, text, mention, value):
    got = {m.text: m.value for m in tagger.find(text, NEWS_DAY)}
    if mention is None:
        assert got == {}
    else:
        assert got.get(mention) == value, got


@pytest.mark.parametrize("text,mention,value", [
    ("في الفترة من 21 إلى 27 مايو الماضي", "من 21 إلى 27 مايو الماضي", {"start": "2025-05-21", "end": "2025-05-27"}),
    ("تجرى الانتخابات بين 26 و28 مارس المقبل", "بين 26 و28 مارس المقبل", {"start": "2026-03-26", "end": "2026-03-28"}),
    ("عقد الاجتماع في الأسبوع الثاني من ديسمبر الماضي", "في الأسبوع الثاني من ديسمبر الماضي", "2024-W50"),
    ("ارتفعت الصادرات في يوليو وأغسطس 2020", "في يوليو", "2020-07"),  # one year for both months
    ("أقيمت البطولة في يونيو ويوليو الماضيين", "في يونيو", "2025-06"),
    ("ستقام البطولة في يونيو ويوليو المقبلين", "في يونيو", "2026-06"),
    ("يصل النموذج إلى الأسواق بعد عامين", "بعد عامين", "2027"),
])
def test_ranges_and_shared_tails(tagger, text, mention, value):
    got = {m.text: m.value for m in tagger.find(text, NEWS_DAY)}
    assert got.get(mention) == value, got


@pytest.mark.parametrize("text", ["بعد عامين على إطلاق التطبيق", "بعد ثلاثة أشهر من الإعلان",
                                  "تتحسن النماذج يوما بعد يوم", "بعد ساعة من الحادث"])
def test_after_n_units_of_an_event_is_not_tagged(tagger, text):
    assert tagger.find(text, NEWS_DAY) == []


def test_day_slash_month_after_a_date_word(tagger):
    assert [(m.text, m.value) for m in tagger.find("وفي 29/4 أعلنت الشركة", NEWS_DAY)] == [("في 29/4", "2025-04-29")]
    assert tagger.find("حصل على نسبة 3/4 من الأصوات", NEWS_DAY) == []


@pytest.mark.parametrize("text,value", [
    ("ارتفعت الأسعار خلال الـ 24 ساعة الماضية", {"start": "2025-08-08", "end": "2025-08-08"}),
    ("تضاعفت المبيعات خلال الأشهر الـ 12 الماضية", {"start": "2024-08", "end": "2025-07"}),
    ("تراجع السهم في آخر يومين", {"start": "2025-08-06", "end": "2025-08-07"}),
    ("نما السوق في آخر 10 سنوات", {"start": "2015", "end": "2024"}),
])
def test_last_n_units(tagger, text, value):
    assert [m.value for m in tagger.find(text, NEWS_DAY)] == [value]


def test_two_digit_fiscal_year(tagger):
    assert [m.value for m in tagger.find("توقعات الشركة لـ FY25", NEWS_DAY)] == ["2025"]
    assert [m.value for m in tagger.find("قالت مايكروسوفت إن إيرادات FY25 ارتفعت", NEWS_DAY)] == \
        [{"start": "2024-07", "end": "2025-06"}]


def test_wire_clock_and_glued_year(tagger):
    assert [m.value for m in tagger.find("بحلول الساعة 1947 بتوقيت غرينتش", dt.date(2025, 8, 8))] == ["2025-08-08T19:47"]
    assert [m.value for m in tagger.find("انضمت إلى الوكالة في1985 وخدمت", NEWS_DAY)] == ["1985"]
    assert tagger.find("قالت في2000 حالة", NEWS_DAY) == []


@pytest.mark.parametrize("text,value", [
    ("أطلقت الشركة النموذج منذ ما يقرب من عامين", "2023"),
    ("وقع الاتفاق قبل ما يزيد على ثلاثة أشهر", "2025-05"),
    ("تأسس المختبر منذ زهاء عقد", "2015"),
])
def test_hedged_counts(tagger, text, value):
    assert [m.value for m in tagger.find(text, NEWS_DAY)] == [value]


@pytest.mark.parametrize("text,mention,value", [
    # NEWS_DAY is a Friday: the Thursday of a range that starts on Monday is that week's
    ("يستمر الإضراب من الاثنين حتى الخميس", "من الاثنين حتى الخميس", {"start": "2025-08-04", "end": "2025-08-07"}),
    ("تغلق الطرق اعتبارا من مساء الاثنين وحتى صباح الخميس", "من مساء الاثنين وحتى صباح الخميس",
     {"start": "2025-08-04", "end": "2025-08-07"}),
])
def test_weekday_ranges_end_after_they_start(tagger, text, mention, value):
    got = {m.text: m.value for m in tagger.find(text, NEWS_DAY)}
    assert got.get(mention) == value, got


@pytest.mark.parametrize("text,mention,value", [
    # a past marker keeps the last occurrence even when the next is much nearer (NEWS_DAY: 8 August)
    ("الاتفاق الذي تم التوصل إليه في سبتمبر", "في سبتمبر", "2024-09"),
    ("إذ سبق والتقى الرئيسان في أكتوبر", "في أكتوبر", "2024-10"),
    ("تنطلق البطولة في سبتمبر", "في سبتمبر", "2025-09"),
])
def test_past_markers_keep_the_past(tagger, text, mention, value):
    got = {m.text: m.value for m in tagger.find(text, NEWS_DAY)}
    assert got.get(mention) == value, got


@pytest.mark.parametrize("text,values", [
    # days listed before one month are dates of their own in that month (two dates, as يونيو ويوليو)
    ("عقدت القمة في 5 و6 يوليو بحضور الوزراء", {"في 5": "2025-07-05", "6 يوليو": "2025-07-06"}),
    ("أدلى الناخبون بأصواتهم أيام 3 و4 و5 مايو 2024", {"3": "2024-05-03", "4": "2024-05-04", "5 مايو 2024": "2024-05-05"}),
    ("جرت المباراتان في الخامس والسادس من يونيو", {"في الخامس": "2025-06-05", "السادس من يونيو": "2025-06-06"}),
    ("تقام الجولة يومي 11 و12 سبتمبر المقبلين", {"11": "2025-09-11", "12 سبتمبر المقبلين": "2025-09-12"}),
    # بين keeps the interval; a count before و is no date; a later day first is not a list
    ("تستمر الزيارة بين 5 و6 يوليو", {"بين 5 و6 يوليو": {"start": "2025-07-05", "end": "2025-07-06"}}),
    ("سجل اللاعب 2 و3 أهداف في 5 يوليو", {"في 5 يوليو": "2025-07-05"}),
    ("ارتفع المؤشر 10 و6 يوليو", {"6 يوليو": "2025-07-06"}),
])
def test_days_listed_before_a_month(tagger, text, values):
    assert {m.text: m.value for m in tagger.find(text, NEWS_DAY)} == values


@pytest.mark.parametrize("text,values", [
    ("وكانت ميزانية 2018 شهدت زيادة في الإنفاق", {"2018": "2018"}),  # a past verb of a known imperfect (يشهد)
    ("وقالت اللجنة إن انتخابات 2012 سجلت تراجعا", {"2012": "2012"}),
    ("وكان مؤتمر 2019 يشهد حضورا واسعا", {"2019": "2019"}),  # an imperfect
    ("وكانت ميزانية 2020 رصدت مبالغ للتعليم", {"2020": "2020"}),  # رصدت: يرصد is a corpus word
    ("خرج المنتخب من بطولة 2016 حين خسر أمام فرنسا", {"2016": "2016"}),  # a conjunction of time
    ("غاب اللاعب عن دورة 2012 بسبب الإصابة", {"2012": "2012"}),
    ("نشر الفريق 2000 بحث في المجلات", {}),  # a noun after the number: a count
    ("سجل المرشح 2000 صوت في الدائرة", {}),
    ("وظفت الشركة 2000 مهندس", {}),
])
def test_year_before_a_verb(tagger, text, values):
    assert {m.text: m.value for m in tagger.find(text, NEWS_DAY)} == values


@pytest.mark.parametrize("text,values", [
    # a feminine ordinal agrees with the weekday: it counts the weekdays of the month
    ("خرج المتظاهرون في الجمعة الثالثة من مايو 2024", {"في الجمعة الثالثة من مايو 2024": "2024-05-17"}),
    ("يعقد المجلس اجتماعه الاثنين الأول من سبتمبر 2025", {"الاثنين الأول من سبتمبر 2025": "2025-09-01"}),
    ("انطلقت المسيرات الجمعة الأولى من مارس 2024", {"الجمعة الأولى من مارس 2024": "2024-03-01"}),
    # a masculine one agrees with يوم: the day of the month, the weekday picks the year
    ("وصل الوفد الخميس الخامس من سبتمبر", {"الخميس الخامس من سبتمبر": "2024-09-05"}),
    # of a series that is not a month: no date
    ("تظاهر الآلاف في الجمعة الخامسة من الاحتجاجات", {}),
])
def test_weekday_and_ordinal(tagger, text, values):
    assert {m.text: m.value for m in tagger.find(text, NEWS_DAY)} == values


@pytest.mark.parametrize("text,mention,value", [
    ("وقعت الاتفاقية في مارس 2021، ثم أعلنت الشركة في أبريل من العام نفسه عن توسعها",
     "في أبريل من العام نفسه", "2021-04"),
    ("ولد الكاتب عام 1990، وفي العام نفسه هاجرت أسرته", "في العام نفسه", "1990"),
    ("أطلقت الشركة المنصة في 2 مارس 2021، وفي الشهر ذاته أعلنت منافستها", "في الشهر ذاته", "2021-03"),
    ("بدأ التسجيل في 2 مارس 2021 وانتهى في العشرين من الشهر ذاته", "في العشرين من الشهر ذاته", "2021-03-20"),
    ("بدأ التسجيل في 2 مارس 2021 وتوقف من 15 إلى 18 من الشهر نفسه",
     "من 15 إلى 18 من الشهر نفسه", {"start": "2021-03-15", "end": "2021-03-18"}),
    ("وقع الحادث في 3 مارس 2017، وفي نفس اليوم من عام 2016 سقطت طائرة", "في نفس اليوم من عام 2016", "2016-03-03"),
    # a relative year counts from the story's: a year-on-year comparison
    ("ارتفعت الصادرات في مايو 2025 بنسبة 5% مقارنة بالشهر نفسه من العام الماضي", "بالشهر نفسه من العام الماضي", "2024-05"),
    ("ثم انتقل في ذات العام إلى باريس بعد أن تخرج في يونيو 2010", "في ذات العام", None),  # no date before it
    # the day from the last date with a day, the year from a year written after it
    ("في 2 سبتمبر، وقعت الحكومة الاتفاق عام 1951، وفي اليوم نفسه انسحبت القوات", "في اليوم نفسه", "1951-09-02"),
    # a relative date (قبل عام) gives no story year: the month's date does
    ("ارتفعت الطلبات من 13 يوليو 2025 إلى 11 أغسطس بنسبة 5% عن الفترة نفسها قبل عام، وبنسبة 2% عن الشهر نفسه "
     "من العام الماضي", "الشهر نفسه من العام الماضي", "2024-07"),
    ("نما الإنتاج في 2023، وكان قد تراجع في الربع الأول من العام ذاته", "في الربع الأول من العام ذاته", "2023-Q1"),
    ("وقال إن 2024 كان عاما صعبا", "2024", "2024"),
])
def test_story_relative_dates(tagger, text, mention, value):
    got = {m.text: m.value for m in tagger.find(text, NEWS_DAY)}
    if value is None:
        assert mention not in got and not any(mention in t for t in got), got
    else:
        assert got.get(mention) == value, got


@pytest.mark.parametrize("text,values", [
    # an event or edition noun up to two words before a year: a year whatever follows
    ("خرج المنتخب من مونديال 2014 وكأس أوروبا 2016 مبكرا", {"2014": "2014", "2016": "2016"}),
    ("استعد الفريق لنهائيات كأس العالم 2018 بروسيا", {"2018": "2018"}),
    ("شارك في نسخة 1998 بفرنسا", {"1998": "1998"}),
    # still not after an amount word or before a counted noun
    ("شارك في المهرجان نحو 2000 شخص", {}),
    ("حضر المؤتمر 2000 مشارك", {}),
    # a chronology line, the first year of a list in parentheses, منذ glued to the year
    ("تشكلت الحكومة. 1948 - الإطاحة بالرئيس", {"1948": "1948"}),
    ("فاز باللقب ثلاث مرات (2002 و2013 و2015).", {"2002": "2002", "2013": "2013", "2015": "2015"}),
    ("وعثر المسبار منذ2014 على آثار", {"2014": "2014"}),
    # a year glued to a month name (a slip of the wires)
    ("وفي العاشر من تموز/يوليو2017 أعلنت القوات", {"في العاشر من تموز/يوليو2017": "2017-07-10"}),
    ("صدر التقرير في ديسمبر2014 كاملا", {"في ديسمبر2014": "2014-12"}),
])
def test_years_after_events_in_lists_and_chronologies(tagger, text, values):
    assert {m.text: m.value for m in tagger.find(text, NEWS_DAY)} == values


# round 8: forms from sentences written for benchmarks/written_dates.py
@pytest.mark.parametrize("text,ref,mention,value", [
    # a range whose direction or year is written after its end only: the start is the last one before the end
    ("وتراجعت الأسعار بين يناير ومارس الماضيين", dt.date(2025, 11, 14), "بين يناير ومارس الماضيين",
     {"start": "2025-01", "end": "2025-03"}),
    ("وارتفعت المبيعات من أكتوبر إلى مارس الماضي", dt.date(2025, 11, 14), "من أكتوبر إلى مارس الماضي",
     {"start": "2024-10", "end": "2025-03"}),
    ("وتباطأ الطلب من 28 ديسمبر إلى 3 يناير الماضي", dt.date(2025, 11, 14), "من 28 ديسمبر إلى 3 يناير الماضي",
     {"start": "2024-12-28", "end": "2025-01-03"}),
])
def test_range_start_before_its_end(tagger, text, ref, mention, value):
    assert {m.text: m.value for m in tagger.find(text, ref)}.get(mention) == value


@pytest.mark.parametrize("text,mention,value", [
    # the first or last N months of a year, the first N days of a month (results for nine months)
    ("وارتفعت الإيرادات خلال الأشهر التسعة الأولى من 2025", "خلال الأشهر التسعة الأولى من 2025",
     {"start": "2025-01", "end": "2025-09"}),
    ("وتراجعت المبيعات في الأشهر الثلاثة الأخيرة من العام الماضي", "في الأشهر الثلاثة الأخيرة من العام الماضي",
     {"start": "2024-10", "end": "2024-12"}),
    ("وبلغ العجز في الأشهر الـ 6 الأولى من العام الجاري مليار دولار", "في الأشهر الـ 6 الأولى من العام الجاري",
     {"start": "2025-01", "end": "2025-06"}),
    ("وارتفعت الحجوزات خلال الأيام العشرة الأولى من مارس", "خلال الأيام العشرة الأولى من مارس",
     {"start": "2025-03-01", "end": "2025-03-10"}),
    # without a count the period keeps its value, as a part word keeps it; الأولى is not the first day
    ("وتراجعت الحركة في الأيام الأولى من شهر رمضان", "في الأيام الأولى من شهر رمضان",
     {"start": "2025-03-01", "end": "2025-03-29"}),
])
def test_first_or_last_units_of_a_period(tagger, text, mention, value):
    assert {m.text: m.value for m in tagger.find(text, NEWS_DAY)} == {mention: value}


UNITS_FROM_NOW_OR_AN_EVENT = [
    # N units from now count from the reference; from an event, or one unit's length, are no date
    ("وقال إن الشبكة ستكتمل بعد ثلاثة أشهر من الآن", {"بعد ثلاثة أشهر من الآن": "2025-11"}),
    ("وأسس الشركة قبل عامين من الآن مهندسان", {"قبل عامين من الآن": "2023"}),
    ("وتأسست المنصة قبل 10 سنوات على يد مهندسين", {"قبل 10 سنوات": "2015"}),
    ("وطور الفريق النموذج خلال 48 ساعة من المنافسة", {}),
    ("وخسرت الشركة 40% من قيمتها خلال أسبوع واحد", {}),
    # a year before an approximate amount (مبيعات 2024 نحو 3 مليارات)
    ("وبلغت مبيعات 2024 نحو 3 مليارات دولار", {"2024": "2024"}),
    ("وارتفعت إيرادات 2023 بنسبة 12%", {"2023": "2023"}),
]


ONE_UNIT_RECENT_UNITS_FISCAL_PARTS = [
    # واحد after the unit: one unit ago is a date, one unit's length after خلال is not, before من an event
    ("وكانت الشركة حتى قبل عام واحد لا تملك أي نموذج", {"حتى قبل عام واحد": "2024"}),
    ("وأعلنت الحكومة قبل يوم واحد من الانتخابات خطتها", {}),
    ("وجاء القرار بعد يومين فقط من فرض العقوبات", {}),
    # من الزمن after the count: "of time", from the reference before it, the story's after بعد
    ("وأطلقت الشركة أول منتج لها قبل عقد من الزمن", {"قبل عقد من الزمن": "2015"}),
    ("وبعد عقدين من الزمن عاد إلى الشركة", {}),
    ("وقالت إن الطائرات ستحلق فوق المدن خلال عقد من الزمان", {"خلال عقد من الزمان": {"start": "2025-08-08", "end": "2035"}}),
    ("وتصدر النتائج خلال 48 ساعة على أن تعلن رسميا بعد ذلك", {"خلال 48 ساعة": {"start": "2025-08-08", "end": "2025-08-10"}}),
    # recent units followed by من and no date are the recent ones; before a date, that date's last units
    ("وارتفعت الأسعار خلال السنوات الأخيرة من 28 إلى 40 دولارا", {"خلال السنوات الأخيرة": {"start": None, "end": "2024"}}),
    ("وارتفعت الصادرات للأشهر الخمسة الأولى من 2025", {"للأشهر الخمسة الأولى من 2025": {"start": "2025-01", "end": "2025-05"}}),
    # a fiscal year's months are not the calendar's: only the fiscal year is tagged
    ("وبلغ العجز في الأشهر الأربعة الأولى من السنة المالية 2025 نحو مليار دولار", {"السنة المالية 2025": "2025"}),
]


TOMORROW_AND_LONG_EVENT_NAMES = [
    # الغد after a day part is tomorrow (صباح الغد), alone still figurative (قادة الغد)
    ("وينطلق البث الساعة 11 صباح الغد", {"الساعة 11 صباح الغد": "2025-08-09T11:00"}),
    ("ويجتمع المجلس مساء الغد لمناقشة الميزانية", {"مساء الغد": "2025-08-09"}),
    ("وقال إن الشباب هم قادة الغد", {}),
    # an event's name of up to three words before its year, Latin ones with a slash (Google I/O)
    ("وكشفت الشركة عن النظام خلال مؤتمر Google I/O 2025 في كاليفورنيا", {"2025": "2025"}),
    ("وعرضت الشركة هاتفها في معرض Mobile World Congress 2024 ببرشلونة", {"2024": "2024"}),
    # العام الجديد is the year that begins nearest the publication: the coming one from July (NEWS_DAY is August)
    ("وتطرح الشركة هاتفها مع بداية العام الجديد", {"مع بداية العام الجديد": "2026"}),
    ("وتستعد الأسواق لاستقبال السنة الجديدة", {"السنة الجديدة": "2026"}),
    ("وعين المجلس الأمين العام الجديد للمنظمة", {}),
]


@pytest.mark.parametrize("text,value", [
    # منتصف الليل after 12 o'clock is midnight (00:00), as ليلا makes it
    ("وتوقفت الخوادم عند الساعة 12 منتصف الليل", "2025-08-08T00:00"),
    ("ويبدأ البيع الساعة الثانية عشرة منتصف الليل", "2025-08-08T00:00"),
])
def test_twelve_at_midnight(tagger, text, value):
    assert [m.value for m in tagger.find(text, NEWS_DAY)] == [value]


YEAR_AFTER_A_LATIN_NAME = [
    # a year after a Latin name, with the same followers as after an Arabic word
    ("وبحسب تقرير AI Index 2025 الصادر عن جامعة ستانفورد", {"2025": "2025"}),
    ("وتقدمت الجامعة في تصنيف QS 2026 في آسيا", {"2026": "2026"}),
    # still not before a counted noun or after a version with digits
    ("وباعت الشركة من iPhone 2000 وحدة", {}),
    ("وقارن الباحثون GPT-4 2025 في", {}),
]


WITHIN_AFTER_A_SUPERLATIVE = [
    # after a superlative, خلال N units are the last N units, not the coming ones
    ("وشهدت المدينة أشد الأوقات برودة خلال 7 سنوات", {"خلال 7 سنوات": {"start": "2018", "end": "2024"}}),
    ("وسجلت العملة أدنى مستوى لها خلال ثلاثة أشهر", {"خلال ثلاثة أشهر": {"start": "2025-05", "end": "2025-07"}}),
    ("وقالت الشركة إن المصنع سيكتمل خلال ثلاثة أشهر", {"خلال ثلاثة أشهر": {"start": "2025-08-08", "end": "2025-11"}}),
    ("وسجل السهم أكبر هبوط خلال 24 ساعة", {}),
    ("وضربت البلاد فيضانات هي الأعنف خلال قرن", {"خلال قرن": {"start": "1925", "end": "2024"}}),
]


@pytest.mark.parametrize("text", [
    # ربع before a noun is a fraction of it (a quarter century, a quarter hour), not a quarter ago
    "وسجل الاقتصاد أدنى نسبة نمو خلال ربع قرن",
    "وتأسست الجمعية منذ ربع قرن",
    "ووصل الوفد منذ ربع ساعة",
])
def test_quarter_of_a_noun_is_no_quarter(tagger, text):
    assert [(m.text, m.value) for m in tagger.find(text, NEWS_DAY)] == []


@pytest.mark.parametrize("text,values", UNITS_FROM_NOW_OR_AN_EVENT + ONE_UNIT_RECENT_UNITS_FISCAL_PARTS
                         + TOMORROW_AND_LONG_EVENT_NAMES + YEAR_AFTER_A_LATIN_NAME + WITHIN_AFTER_A_SUPERLATIVE)
def test_round8_written_forms(tagger, text, values):
    """The round-8 forms (counts from now or from an event, first/last units, superlatives, years after
    Latin names, tomorrow after a day part) on sentences written for them."""
    assert {m.text: m.value for m in tagger.find(text, NEWS_DAY)} == values
