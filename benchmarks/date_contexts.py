"""Probe the date tagger with every kind of expression its lexicon knows, composed into news
sentences written here, against a few publication dates.

The expected values are computed in this script with ``datetime`` arithmetic (and ``hijridate``
for the Hijri calendar), never with the pipeline's resolver, so a wrong rule shows up as a miss.
A case is right when one mention covers the expression (contains it or is contained in it, as
``../shared/eval/score.py`` matches) and has the expected value; a case that expects no date is
right when no mention overlaps the words. Conventions follow ``../shared/eval/GUIDELINES.md`` and
``docs/dates.md`` (news past reading, day-first numbers, intervals as ``{"start", "end"}``).

    python benchmarks/date_contexts.py            # table per family, then the misses
    python benchmarks/date_contexts.py --quiet    # table only
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from hijridate import Hijri

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.stages.dates.tagger import DateTagger  # noqa: E402

# Fri 8 Aug 2025, Thu 29 Feb 2024 (leap day), Sat 3 Jan 2026 (a year boundary), Mon 15 Dec 2025
PUBLISHED = [dt.date(2025, 8, 8), dt.date(2024, 2, 29), dt.date(2026, 1, 3), dt.date(2025, 12, 15)]

MONTHS = {  # the names a news article uses, per naming system, January first
    "msa": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "levant": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
               "تشرين الثاني", "كانون الأول"],
    "maghreb": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "english": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"],
}
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]  # Monday first
ORDINALS_M = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
              "الحادي عشر", "الثاني عشر"]
ORDINALS_F = ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة"]
HOURS_F = ["الواحدة", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة",
           "العاشرة", "الحادية عشرة", "الثانية عشرة"]
HIJRI = ["محرم", "صفر", "ربيع الأول", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان",
         "شوال", "ذو القعدة", "ذو الحجة"]
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# news frames: {D} is the expression; the verbs are past unless the frame is for the future
PAST_FRAMES = [
    "أعلنت الشركة {D} عن نموذج جديد للذكاء الاصطناعي.",
    "وقال وزير الاتصالات {D} إن الحكومة تدرس القانون.",
    "وكانت الهيئة قد نشرت تقريرها {D}، مشيرة إلى ارتفاع الاستثمارات.",
]
FUTURE_FRAMES = ["ومن المقرر أن تعقد اللجنة اجتماعها {D} لمناقشة المشروع."]


@dataclass
class Case:
    family: str
    expr: str  # the expression as it stands in the sentence
    expected: object  # ISO string, {"start", "end"}, a list of accepted values, or None: no date
    frames: tuple = tuple(PAST_FRAMES)


def iso_day(d: dt.date) -> str:
    return d.isoformat()


def iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + m - 1 + k
    return n // 12, n % 12 + 1


def interval(a, b) -> dict:
    return {"start": a, "end": b}


def last_weekday(pub: dt.date, wd: int, include_today: bool = True) -> dt.date:
    back = (pub.weekday() - wd) % 7
    return pub - dt.timedelta(days=back if back or include_today else 7)


def next_weekday(pub: dt.date, wd: int) -> dt.date:
    return pub + dt.timedelta(days=(wd - pub.weekday()) % 7)


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def hijri_month_interval(y: int, m: int) -> dict:
    h = Hijri(y, m, 1)
    start = h.to_gregorian()
    end = start + dt.timedelta(days=h.month_length() - 1)
    return interval(start.isoformat(), end.isoformat())


def cases_for(pub: dt.date) -> list[Case]:
    """Every family of expression, with the value a careful reader gives it on ``pub``."""
    out: list[Case] = []
    y = pub.year
    # -- day month year, every month in every naming system, digits and ordinal words
    for system, names in MONTHS.items():
        for m, name in enumerate(names, 1):
            d = 5 + m  # a different day per month
            if system == "english":
                out.append(Case("latin day month year", f"{name} {d}, 2023", iso_day(dt.date(2023, m, d))))
                out.append(Case("latin day month year", f"{d} {name} 2023", iso_day(dt.date(2023, m, d))))
                out.append(Case("latin month year", f"{name} 2022", iso_month(2022, m)))
                continue
            out.append(Case(f"day month year ({system})", f"في {d} {name} 2023", iso_day(dt.date(2023, m, d))))
            out.append(Case(f"month year ({system})", f"في {name} 2022", iso_month(2022, m)))
            out.append(Case(f"ordinal day month ({system})", f"في {ORDINALS_M[m - 1]} من {name} 2021",
                            iso_day(dt.date(2021, m, m))))
            # a month with الماضي is the latest one before the publication month
            ly = y if m < pub.month else y - 1
            out.append(Case(f"month + الماضي ({system})", f"في {name} الماضي", iso_month(ly, m)))
    for m, name in enumerate(MONTHS["msa"], 1):  # a month named twice, as the Levant press writes it
        out.append(Case("paired month names", f"في {name}/{MONTHS['levant'][m - 1]} 2024", iso_month(2024, m)))
    # the previous month, named bare: the latest one
    py, pm = add_month(y, pub.month, -1)
    out.append(Case("bare month (previous)", f"في {MONTHS['msa'][pm - 1]}", iso_month(py, pm)))
    # -- two days of one month: each a date
    py, pm = add_month(y, pub.month, -1)
    out.append(Case("two days, one month", f"في 5 و6 {MONTHS['msa'][pm - 1]} {py}",
                    [interval(iso_day(dt.date(py, pm, 5)), iso_day(dt.date(py, pm, 6))),
                     iso_day(dt.date(py, pm, 5))]))
    # -- numeric and Eastern-digit dates
    out.append(Case("numeric day first", "بتاريخ 19/08/2023", "2023-08-19"))
    out.append(Case("numeric day first", "بتاريخ 5-4-2022", "2022-04-05"))
    out.append(Case("ISO date", "في 2023-11-02", "2023-11-02"))
    out.append(Case("eastern digits", "في ٥ أغسطس ٢٠٢٣", "2023-08-05"))
    out.append(Case("eastern digits", "عام ٢٠١٩", "2019"))
    out.append(Case("eastern digits", "بتاريخ ١٩/٠٨/٢٠٢٣", "2023-08-19"))
    # -- weekdays: past frames take the latest (today included), future frames the coming one
    for wd, name in enumerate(WEEKDAYS):
        out.append(Case("weekday (past)", f"يوم {name}", iso_day(last_weekday(pub, wd))))
        out.append(Case("weekday (future)", f"يوم {name}", iso_day(next_weekday(pub, wd)), tuple(FUTURE_FRAMES)))
        out.append(Case("weekday + الماضي", f"يوم {name} الماضي", iso_day(last_weekday(pub, wd, include_today=False))))
    # a weekday with its date: the date decides (a masculine ordinal is the day of the month)
    d = dt.date(2024, 9, 5)
    out.append(Case("weekday + date", f"{WEEKDAYS[d.weekday()]} 5 سبتمبر 2024", iso_day(d)))
    out.append(Case("weekday + ordinal day", f"{WEEKDAYS[d.weekday()]} الخامس من سبتمبر 2024", iso_day(d)))
    # a feminine ordinal after a weekday counts the weekdays of the month: الجمعة الثانية من مايو
    for n in (1, 2, 3):
        first = dt.date(2024, 5, 1)
        friday = first + dt.timedelta(days=(4 - first.weekday()) % 7 + 7 * (n - 1))
        out.append(Case("nth weekday of a month", f"الجمعة {ORDINALS_F[n - 1]} من مايو 2024", iso_day(friday)))
    out.append(Case("nth weekday of a series (no date)", "في الجمعة الخامسة من الاحتجاجات", None))
    # -- relative days, weeks, months, years
    out += [
        Case("relative day", "أمس", iso_day(pub - dt.timedelta(days=1))),
        Case("relative day", "اليوم الأحد" if pub.weekday() == 6 else "أول أمس", iso_day(pub - dt.timedelta(days=0 if pub.weekday() == 6 else 2))),
        Case("relative day", "غدًا", iso_day(pub + dt.timedelta(days=1)), tuple(FUTURE_FRAMES)),
        Case("relative day", "بعد غد", iso_day(pub + dt.timedelta(days=2)), tuple(FUTURE_FRAMES)),
        Case("relative week", "الأسبوع الماضي", iso_week(pub - dt.timedelta(days=7))),
        Case("relative week", "الأسبوع المقبل", iso_week(pub + dt.timedelta(days=7)), tuple(FUTURE_FRAMES)),
        Case("relative month", "الشهر الماضي", iso_month(*add_month(y, pub.month, -1))),
        Case("relative month", "الشهر الجاري", iso_month(y, pub.month)),
        Case("relative year", "العام الماضي", str(y - 1)),
        Case("relative year", "العام المقبل", str(y + 1), tuple(FUTURE_FRAMES)),
        Case("relative year", "العام قبل الماضي", str(y - 2)),
        Case("ago", "منذ ثلاثة أيام", iso_day(pub - dt.timedelta(days=3))),
        Case("ago", "قبل أسبوعين", iso_day(pub - dt.timedelta(days=14))),
        Case("ago", "قبل شهرين", iso_month(*add_month(y, pub.month, -2))),
        Case("ago", "منذ عامين", str(y - 2)),
        Case("span", "خلال الأشهر الثلاثة الماضية",
             interval(iso_month(*add_month(y, pub.month, -3)), iso_month(*add_month(y, pub.month, -1)))),
    ]
    # -- ranges
    out += [
        Case("day range", "من 13 إلى 15 يوليو 2024", interval("2024-07-13", "2024-07-15")),
        Case("day range", "بين 3 و5 مارس 2023", interval("2023-03-03", "2023-03-05")),
        Case("month range", "من يناير إلى مارس 2025", interval("2025-01", "2025-03")),
        Case("year range", "بين عامي 2019 و2023", interval("2019", "2023")),
        Case("year range", "خلال الفترة 2020-2024", interval("2020", "2024")),
    ]
    # -- quarters, halves, seasons, decades
    for q, word in enumerate(["الأول", "الثاني", "الثالث", "الرابع"], 1):
        out.append(Case("quarter", f"في الربع {word} من عام 2024", f"2024-Q{q}"))
    out.append(Case("quarter", "في الربع الأول من العام الماضي", f"{y - 1}-Q1"))
    out.append(Case("half", "في النصف الأول من 2024", interval("2024-01", "2024-06")))
    out.append(Case("half", "في النصف الثاني من عام 2023", interval("2023-07", "2023-12")))
    out.append(Case("season", "في صيف 2024", interval("2024-06", "2024-08")))
    out.append(Case("season", "في شتاء 2024", interval("2023-12", "2024-02")))
    out.append(Case("season", "في ربيع 2022", interval("2022-03", "2022-05")))
    out.append(Case("decade", "في التسعينيات", interval("1990", "1999")))
    # -- bare years in the contexts news writes them
    out += [
        Case("year", "عام 2019", "2019"),
        Case("year", "في 2023", "2023"),
        Case("year", "منذ 2020", "2020"),
        Case("year", "بحلول 2030", "2030"),
        Case("year", "2015م", "2015"),
    ]
    # -- a year after a noun, followed by a verb or an indefinite word (ميزانية 2018 رصدت)
    out.append(Case("year after a noun, then a verb", "ميزانية 2018", "2018",
                    ("وكانت ميزانية 2018 شهدت زيادة كبيرة في الإنفاق على البحث العلمي.",)))
    out.append(Case("year after a noun, then a verb", "انتخابات 2012", "2012",
                    ("وقالت اللجنة إن انتخابات 2012 سجلت تراجعا في نسبة المشاركة.",)))
    out.append(Case("year after a noun, then a verb", "مؤتمر 2019", "2019",
                    ("وكان مؤتمر 2019 يشهد حضورا واسعا للشركات الناشئة.",)))
    out.append(Case("year after an event noun", "مونديال 2014", "2014",
                    ("وخرج المنتخب من مونديال 2014 وكأس أوروبا مبكرا.",)))
    out.append(Case("year after an event noun", "كأس العالم 2018", "2018",
                    ("واستعد الفريق لنهائيات كأس العالم 2018 بروسيا.",)))
    out.append(Case("year in a chronology line", "1948", "1948", ("تشكلت الحكومة.\n1948 - الإطاحة بالرئيس.",)))
    out.append(Case("first year of a list in parentheses", "2002", "2002",
                    ("وفاز الفريق باللقب ثلاث مرات (2002 و2013 و2015).",)))
    out.append(Case("count after an event noun (no date)", "2000 شخص", None,
                    ("وشارك في المهرجان 2000 شخص من عشرين دولة.",)))
    out.append(Case("count after a noun (no date)", "2000 موظف", None,
                    ("وأعلنت الشركة تسريح 2000 موظف من فروعها.",)))
    out.append(Case("amount before a verb (no date)", "نحو 2000", None,
                    ("وبلغ عدد المشاركين نحو 2000 شاركوا في المؤتمر.",)))
    # -- clock times: 12-hour with a day part, 24-hour, words
    for h in (1, 8, 11):
        out.append(Case("time h:mm مساء", f"الساعة {h}:15 مساءً", f"{iso_day(pub)}T{h + 12:02d}:15"))
        out.append(Case("time h:mm صباحا", f"الساعة {h}:40 صباحًا", f"{iso_day(pub)}T{h:02d}:40"))
        out.append(Case("time word مساء", f"الساعة {HOURS_F[h - 1]} مساءً", f"{iso_day(pub)}T{h + 12:02d}:00"))
    out.append(Case("time 24h", "الساعة 22:30", f"{iso_day(pub)}T22:30"))
    out.append(Case("time 24h", "الساعة 14:05", f"{iso_day(pub)}T14:05"))
    out.append(Case("time PM latin", "1:23 PM", f"{iso_day(pub)}T13:23"))
    out.append(Case("time eastern digits", "الساعة ٣:١٥ مساءً", f"{iso_day(pub)}T15:15"))
    out.append(Case("date + time", "يوم 19 أغسطس 2023 الساعة 1:23 مساءً", "2023-08-19T13:23"))
    yesterday = pub - dt.timedelta(days=1)
    out.append(Case("day part + day", "مساء أمس", iso_day(yesterday)))
    # -- Hijri
    out.append(Case("hijri month year", "في رمضان 1446 هـ", hijri_month_interval(1446, 9)))
    for m in (1, 3, 7, 10, 12):
        g = Hijri(1445, m, 10).to_gregorian()
        out.append(Case("hijri day month year", f"في 10 {HIJRI[m - 1]} 1445 هـ", iso_day(g)))
    # -- latin odds
    out.append(Case("latin abbreviation", "Apr. 29, 2025", "2025-04-29"))
    out.append(Case("latin french", "1er mai 2025", "2025-05-01"))
    # -- story-relative: the year of the story's last date (في أبريل من العام نفسه)
    out.append(Case("month of the same year", "في أبريل من العام نفسه", "2021-04",
                    ("وقعت الاتفاقية في مارس 2021، ثم أعلنت الشركة في أبريل من العام نفسه عن توسعها.",)))
    out.append(Case("the same month", "في الشهر نفسه", "2021-03",
                    ("وقعت الاتفاقية في مارس 2021، وأعلنت الشركة في الشهر نفسه عن توسعها.",)))
    # -- more forms: parts of periods, weeks, clock words, holidays, ranges of times, digits
    today = iso_day(pub)
    out += [
        Case("part of a month", "في أواخر مارس 2024", interval("2024-03-21", "2024-03-31")),
        Case("part of a month", "في أوائل يونيو 2023", interval("2023-06-01", "2023-06-10")),
        Case("part of a period", "في منتصف يونيو 2023", "2023-06"),
        Case("part of a period", "في مطلع العام الحالي", str(y)),
        Case("part of a period", "بنهاية 2024", "2024"),
        Case("part of a period", "حتى نهاية العام الماضي", str(y - 1)),
        # the nth week is the nth Monday-to-Sunday week wholly in the month (Duckling's reading)
        Case("nth week", "في الأسبوع الأول من مارس 2024", iso_week(dt.date(2024, 3, 1) + dt.timedelta(
            days=(7 - dt.date(2024, 3, 1).weekday()) % 7))),
        Case("weekday (date) in parentheses", "الثلاثاء (19 أغسطس 2025)", "2025-08-19"),
        Case("weekday + comma + date", "الثلاثاء، 19 أغسطس 2025", "2025-08-19"),
        Case("latin weekday date", "Tuesday, April 29, 2025", "2025-04-29"),
        Case("latin dashed", "29-Apr-2025", "2025-04-29"),
        Case("latin month abbreviation year", "Dec 2024", "2024-12"),
        Case("latin time", "7:13pm", f"{today}T19:13"),
        Case("numeric day/month after a date word", "بتاريخ 2/9/2024", "2024-09-02"),
        Case("relative period", "هذا الأسبوع", iso_week(pub)),
        Case("relative period", "العام الحالي", str(y)),
        Case("relative period", "الشهر المقبل", iso_month(*add_month(y, pub.month, 1)), tuple(FUTURE_FRAMES)),
        Case("ago", "قبل ثلاث سنوات", str(y - 3)),
        Case("span", "خلال السنوات الخمس الماضية", interval(str(y - 5), str(y - 1))),
        Case("day part + today", "صباح اليوم", today),
        Case("day part + today", "فجر اليوم", today),
        Case("year noun forms", "العام 2020", "2020"),
        Case("year noun forms", "لعام 2024", "2024"),
        Case("year range", "من 2020 حتى 2023", interval("2020", "2023")),
        Case("year range", "2019-2023", interval("2019", "2023")),
        Case("quarter latin", "Q3 2024", "2024-Q3"),
        Case("quarter", "في الربع الأخير من 2024", "2024-Q4"),
        Case("half", "في النصف الأول من العام الجاري", interval(f"{y}-01", f"{y}-06")),
        Case("decade + century", "في الثمانينيات من القرن الماضي", interval("1980", "1989")),
        Case("time word + fraction", "الساعة الثالثة والنصف عصرًا", f"{today}T15:30"),
        Case("time bare hour + day part", "10 صباحًا", f"{today}T10:00"),
        Case("time bare hour + day part", "الساعة 9 مساءً", f"{today}T21:00"),
        Case("time noon", "الساعة 12 ظهرًا", f"{today}T12:00"),
        Case("time range", "من الساعة 9 صباحًا حتى 5 مساءً", interval(f"{today}T09:00", f"{today}T17:00")),
        Case("time GMT", "الساعة 14:00 بتوقيت غرينتش", f"{today}T14:00"),
        Case("persian digits", "عام ۲۰۱۹", "2019"),
        Case("holiday + year", "عيد الميلاد 2023", "2023-12-25"),
        Case("hijri holiday + hijri year", "عيد الفطر 1445 هـ", iso_day(Hijri(1445, 10, 1).to_gregorian())),
        Case("weekday + المقبل", "يوم الأحد المقبل", iso_day(pub + dt.timedelta(days=(6 - pub.weekday()) % 7 or 7)),
             tuple(FUTURE_FRAMES)),
        Case("year at a sentence start", "2024", "2024", ("2024 كان عاما صعبا على شركات التقنية.",)),
    ]
    out.append(Case("day of the same month", "في العشرين من الشهر ذاته", "2021-03-20",
                    ("وقعت الاتفاقية في 2 مارس 2021، ودخلت حيز التنفيذ في العشرين من الشهر ذاته.",)))
    out.append(Case("the same day of another year", "في اليوم نفسه من عام 2019", "2019-03-02",
                    ("وقعت الاتفاقية في 2 مارس 2021، وكانت قد رفضت في اليوم نفسه من عام 2019.",)))
    out.append(Case("the same month of a relative year", "في الشهر نفسه من العام الماضي",
                    iso_month(y - 1, add_month(y, pub.month, -1)[1]) if pub.month > 1 else iso_month(y - 2, 12),
                    ("وارتفعت الصادرات الشهر الماضي مقارنة بالعجز في الشهر نفسه من العام الماضي.",)))
    out.append(Case("the same year, nothing before (no date)", "في العام نفسه", None,
                    ("وأعلنت الشركة في العام نفسه عن توسعها.",)))
    return out


def overlaps(m, s: int, e: int) -> bool:
    return m.start < e and s < m.end


def judge(tagger: DateTagger, sentence: str, case: Case, pub: dt.date) -> tuple[bool, str]:
    """(right, what was found) for one case in one sentence."""
    s = sentence.find(case.expr)
    if s < 0:
        raise ValueError(f"{case.expr!r} not in {sentence!r}")
    e = s + len(case.expr)
    mentions = tagger.find(sentence, pub)
    found = [m for m in mentions if overlaps(m, s, e)]
    shown = "; ".join(f"{m.text} → {m.value}" for m in found) or "nothing"
    if case.expected is None:
        return not found, shown
    accepted = case.expected if isinstance(case.expected, list) else [case.expected]
    covering = [m for m in found if (m.start <= s and e <= m.end) or (s <= m.start and m.end <= e)]
    return any(m.value in accepted for m in covering), shown


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quiet", action="store_true", help="the table only")
    args = ap.parse_args(argv)
    tagger = DateTagger.load()
    per_family: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    t0 = time.process_time()
    for pub in PUBLISHED:
        for case in cases_for(pub):
            for frame in case.frames:
                sentence = frame.replace("{D}", case.expr)
                ok, shown = judge(tagger, sentence, case, pub)
                per_family[case.family][0] += ok
                per_family[case.family][1] += 1
                if not ok:
                    misses.append((pub, case, sentence, shown))
    cpu = time.process_time() - t0
    total = sum(n for _, n in per_family.values())
    right = sum(k for k, _ in per_family.values())
    print(f"{'family':42s} right / cases")
    for fam in sorted(per_family):
        k, n = per_family[fam]
        print(f"{fam:42s} {k:4d} / {n:<4d}{'' if k == n else '  <--'}")
    print(f"{'all':42s} {right:4d} / {total} ({cpu:.2f} s CPU)")
    if not args.quiet and misses:
        print("\nmisses (published: sentence | expected | found)")
        for pub, case, sentence, shown in misses:
            print(f"{pub}: {sentence} | {case.expected} | {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
