"""Arabic temporal expressions: find them in news text and resolve them to ISO 8601 values.

Matching runs on the normalised text (``pipeline.stages.normalize``) with a handful of precompiled
``regex`` rules built from the lexicon ``models/lexicons/dates.json``; each rule's match is
read into a ``Spec`` (what the words fix), and ``pipeline.stages.dates.resolve`` turns a spec into a
value against the reference date. Between the two, a few passes compose neighbouring matches
the way the language does: a part word before a period (مطلع العام), a range (من … الى …،
بين … و…), a date followed by a clock time, and value-neutral prefixes (في، منذ، حوالي).

Conventions (news first, Duckling's where news has none): a bare month or weekday takes the
nearest past occurrence (``prefer="past"``) or the next one (``"future"``, Duckling's reading);
range ends are inclusive; a week is ``YYYY-Www``; "N weeks ago" is a day.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import regex

from .resolve import UNIT_GRAIN, RangeSpec, Reference, Spec, Unresolvable, resolve, to_json
from ..normalize import normalize
from ...paths import lexicon_path

PREFER = ("past", "future")


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | dict | None  # ISO string, or {"start": ISO|None, "end": ISO|None}; None when unresolved
    grain: str | None
    resolved: bool  # True when the value needed the reference date (relative expression)

    def to_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value, "grain": self.grain}


# ---------------------------------------------------------------- lexicon


def canon(s: str) -> str:
    """Normalised spelling with single spaces: the form of every lexicon key and lookup."""
    return " ".join(normalize(s).text.split())


def canon_tree(obj):
    """The lexicon with every string normalised (comments, keys starting with _, dropped)."""
    if isinstance(obj, dict):
        return {canon(k): canon_tree(v) for k, v in obj.items() if not k.startswith("_")}
    if isinstance(obj, list):
        return [canon_tree(v) for v in obj]
    return canon(obj) if isinstance(obj, str) else obj


def alt(words) -> str:
    """A regex alternation of words, spaces matching any white space, built as a trie.

    The trie matches what a longest-first alternation matches, in the same order (the longest
    word first, shorter ones on backtracking), but fails after a character or two instead of
    trying every word at every position, which is where the tagger spent its time.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for tok in " ".join(w.split()):
            node = node.setdefault(tok, {})
        node[""] = {}
    return "(?:" + trie_pattern(trie) + ")" if trie else "(?!)"


def trie_pattern(node: dict) -> str:
    """Children first (longer words), then the end of a word; children in code-point order."""
    branches = [(r"\s+" if tok == " " else regex.escape(tok)) + trie_pattern(node[tok]) for tok in sorted(node) if tok]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ("|" if "" in node else "") + ")"


@dataclass(frozen=True)
class Lexicon:
    d: dict

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
        # original spellings are compared before normalisation, so they stay as written
        return cls(canon_tree(raw) | {"not_dates_original": raw.get("not_dates_original", [])})

    def __getattr__(self, name):
        try:
            return self.d[name]
        except KeyError:
            raise AttributeError(name) from None

    @cached_property
    def number_words(self) -> dict[str, int]:
        words = {**self.compound_units, **self.cardinals, **self.ordinals, **self.tens}
        return words | {t: 10 for t in self.teen}

    @cached_property
    def unit_forms(self) -> dict[str, tuple[str, str]]:
        """Every unit word → (unit, number form sg|du|pl)."""
        return {w: (unit, form) for unit, forms in self.units.items() for form, ws in forms.items() for w in ws}

    def number(self, s: str | None) -> int | None:
        """The value of digits or of number words (الخامس والعشرين → 25, ثمانيه عشره → 18)."""
        if not s:
            return None
        s = s.strip()
        if s.startswith("ال") and s[2:].strip().isdigit():  # ال24، الـ 24
            s = s[2:].strip()
        if s.isdigit():
            return int(s)
        total = 0
        for tok in s.split():
            for w in split_conjunction(tok, self.number_words):
                w = w[2:] if w.startswith("ال") and w[2:] in self.number_words else w
                if w not in self.number_words:
                    return None
                total += self.number_words[w]
        return total or None

    def weekday(self, s: str | None) -> int | None:
        if not s:
            return None
        s = canon(s)
        return self.weekdays.get(s, self.weekdays_bare.get(s))

    def relative(self, s: str | None) -> int | None:
        return None if not s else self.d["relative"].get(canon(s))


def split_conjunction(tok: str, words) -> list[str]:
    """و glued to a number word (وثمانيه، والعشرين) comes off; a lone و is dropped."""
    if tok == "و":
        return []
    bare = tok[2:] if tok.startswith("ال") else tok
    if tok in words or bare in words or not tok.startswith("و"):
        return [tok]
    return [tok[1:]]


# ---------------------------------------------------------------- grammar

# a word start, after optional proclitics (#طارق_رمضان is one word), or a number after the article
# written on it (الـ29 من أبريل، الساعة الـ11: ال29 once tatweel is gone)
BC = r"(?:(?<=(?:^|[^\p{L}\p{N}_])(?:[وف]?[بلك]?))|(?<=(?:^|[^\p{L}\p{N}_])[وف]?[بلك]?ال)(?=\d))"
E = r"(?![\p{L}\p{N}_])"  # a word end


def month_names_by_number(months: dict[str, int]) -> list[str]:
    """One alternation of names per month number, January first."""
    return [alt(w for w, n in months.items() if n == k) for k in sorted(set(months.values()))]


def building_blocks(lex: Lexicon) -> dict[str, str]:
    """Named sub-patterns, each may use the ones defined before it as %(NAME)s."""
    P: dict[str, str] = {"BC": BC, "E": E}

    def add(name: str, pattern: str) -> None:
        P[name] = pattern % P

    unit_words = lex.unit_forms
    add("MONTHS", alt(lex.months))
    add("HMONTHS", alt(lex.hijri_months))
    add("WD", alt(lex.weekdays))
    add("WDB", alt(lex.weekdays_bare))
    add("REL", alt(lex.d["relative"]))
    add("RECENT", alt(lex.recent))
    add("FEW", alt(lex.few))
    add("THIS", alt(lex.this))
    add("ORDS", alt(lex.ordinals))
    add("CUNITS", alt({**lex.compound_units, **lex.ordinals}))
    add("CTEENU", alt({**lex.compound_units, **lex.cardinals}))
    add("CARDS", alt(lex.cardinals))
    add("TENS", alt(lex.tens))
    add("TEEN", alt(lex.teen))
    add("ORDW", r"(?:(?:ال)?%(CUNITS)s\s+%(TEEN)s|(?:ال)?%(CUNITS)s\s*و\s*(?:ال)?%(TENS)s|(?:ال)?%(ORDS)s|ال%(TENS)s)%(E)s")
    add("CARDW", r"(?:%(CTEENU)s\s+%(TEEN)s|%(CTEENU)s\s*و\s*%(TENS)s|%(TENS)s|%(CARDS)s)%(E)s")
    add("HOURW", r"(?:ال)?(?:%(CTEENU)s|%(ORDS)s)(?:\s+%(TEEN)s)?%(E)s")
    # an hour without الساعة is a feminine ordinal (الثالثة فجرا), never الاولى (الساعات الاولى)
    # a feminine ordinal after a weekday counts weekdays (الجمعة الخامسة: the fifth Friday)
    add("ORDFEM", r"ال(?:%s)" % alt([w for w in lex.ordinals if w.endswith("ه") or w == "اولي"]))
    add("HOURFEM", alt([w for w in lex.ordinals if w.endswith("ه")] + ["واحده"]))
    add("DAYNUM", r"(?<![\d.,:/])(?:0?[1-9]|[12]\d|3[01])(?!\d|[.,:/]\d)")
    add("YEAR4", r"(?<![\d.,])(?:1[3-9]|20)\d\d(?!\d|[.,]\d)")
    add("ERAS", alt(lex.eras))
    add("KINDS", alt(lex.year_kinds))
    add("SEASONW", alt(lex.season_words))
    # a year that starts a range of years (2017/2018، 2023-24) is not a year alone; a clock time
    # after a dash is not a range (19 أغسطس 2025 - 01:23 م)
    add("NORANGE", r"(?!\s*[-–/]\s*\d\d(?:\d\d)?(?![\d:.]))")
    add("CAL_YEAR_WORD", r"(?:[لب]?(?:ال)?(?:عام|سنه)|لل(?:عام|سنه))")
    # a year noun with a kind (السنة المالية 2024) names that year; as the year of a month, quarter
    # or season (الربع الأول من العام المالي 2025) it would need the fiscal start month, so YEARREF
    # takes only the calendar year nouns
    add("YEAR_WORD", r"%(CAL_YEAR_WORD)s(?:\s+(?:ال)?%(KINDS)s%(E)s)?")
    add("YEARREF", r"(?:%(CAL_YEAR_WORD)s\s*)?(?P<year>%(YEAR4)s)%(NORANGE)s(?:\s*(?P<era>%(ERAS)s)%(E)s)?"
        r"|(?:[لب]?ال|لل)(?:عام|سنه)\s+(?P<yrel>%(REL)s)%(E)s"
        r"|(?P<ythis>%(THIS)s)\s+(?:العام|السنه)%(E)s"
        # the year of the story's last date: من العام نفسه، في ذات العام
        r"|(?:[بل]?ال|لل)(?:عام|سنه)\s+(?P<ysame>نفسه|ذاته|نفسها|ذاتها)%(E)s|(?P<ysame>نفس|ذات)\s+(?:العام|السنه)%(E)s")
    # a year glued to a month name, a slip of the wires (تموز/يوليو2017، ديسمبر2014)
    add("GLUED_YEAR", r"(?=(?:19|20)\d\d(?!\d))")
    add("MEND", r"(?:%(E)s|%(GLUED_YEAR)s)")
    add("YEAR_TAIL", r"(?:(?:\s+(?:(?:من|في)\s+)?|(?<=\p{L})%(GLUED_YEAR)s)(?:%(YEARREF)s))?")
    # a month named twice (يوليو/تموز، أبريل (نيسان)، نوفمبر تشرين الثاني): both names of one month
    add("MPAIR", "|".join(r"(?P<mon>%s)%%(E)s(?:\s*\(\s*(?P<mon2>%s)%%(E)s\s*\)|(?:\s*[/\\]\s*|\s+)(?P<mon2>%s)%%(MEND)s)"
                          % (names, names, names)
                          for names in month_names_by_number(lex.months)))
    add("MREF", r"(?:(?P<monword>[بل]?(?:ال)?شهر)\s+)?(?=%(MONTHS)s)(?:%(MPAIR)s|(?P<mon>%(MONTHS)s)%(MEND)s)"
        r"|(?:(?P<hmonword>[بل]?(?:ال)?شهر)\s+)?(?P<hmon>%(HMONTHS)s)%(E)s"
        r"|[بل]?شهر\s+(?P<monnum>(?<![\d.])(?:0?[1-9]|1[0-2])(?!\d|[.,:/]\d)|%(CARDW)s)"
        r"|[بل]?الشهر\s+(?P<monord>%(ORDW)s)"
        r"|(?P<mthis>%(THIS)s)\s+الشهر%(E)s"
        r"|[بل]?الشهر\s+(?P<mrel>%(REL)s)%(E)s"
        # the story's month (الـ21 من الشهر ذاته، 30 من ذات الشهر)
        r"|[بل]?الشهر\s+(?P<msame>نفسه|ذاته)%(E)s|(?P<msame>نفس|ذات)\s+الشهر%(E)s")
    add("DAY", r"(?P<dnum>%(DAYNUM)s)|(?P<dyom>[بل]?(?:ال)?يوم\s+)?(?P<dord>%(ORDW)s)(?:\s+(?P<dyom>يوم)%(E)s)?")
    add("CONN", r"\s+(?:من\s+|ب(?=\p{L}))?")
    # a weekday and its date, also in parentheses: الثلاثاء (19 أغسطس)
    add("WDPART", r"(?:[بل]?يوم\s+)?(?P<wd>%(WD)s)%(E)s\s*(?:[،,]|(?P<paren>\())?\s*(?:(?:الموافق|في|يوم)\s+)?")
    add("NUMDATE", r"(?P<nd>(?<![\d.,/:-])(?:0?[1-9]|[12]\d|3[01]))(?P<sep>[/.-])(?P<nm>0?[1-9]|[12]\d|3[01])(?P=sep)"
        r"(?P<ny>\d\d\d\d|\d\d)(?!\d|[.,/:-]\d)"
        r"|(?P<ny>(?<![\d.,/:-])\d\d\d\d)(?P<sep>[/.-])(?P<nm>0?[1-9]|1[0-2])(?P=sep)(?P<nd>0?[1-9]|[12]\d|3[01])"
        r"(?:T(?P<th>[01]\d|2[0-3]):(?P<tmi>[0-5]\d)(?::(?P<ts>[0-5]\d))?(?:Z|[+-]\d\d:?\d\d)?)?(?!\d|[.,/:-]\d)"
        # slashes spaced as typed in Arabic text: 29/ 4/ 2025، 29 / 04 / 2025 (a four-digit year only)
        r"|(?P<nd>(?<![\d.,/:-]\s*)(?:0?[1-9]|[12]\d|3[01]))\s*/\s*(?P<nm>0?[1-9]|[12]\d|3[01])\s*/\s*"
        r"(?P<ny>(?:19|20)\d\d)(?!\d|[.,/:-]\d)")
    add("NUMDM", r"(?P<nd>(?<![\d.,/:-])(?:0?[1-9]|[12]\d|3[01]))/(?P<nm>0?[1-9]|1[0-2])(?!\d|[.,/:-]\d)")
    add("UNITS_SG", alt(w for w, (_, f) in unit_words.items() if f == "sg"))
    add("UNITS_ANY", alt(unit_words))
    add("UNITS_PLDU", alt(w for w, (_, f) in unit_words.items() if f != "sg"))
    add("UNITS_PL", alt(w for w, (_, f) in unit_words.items() if f == "pl"))
    add("DAYS", alt(lex.days))
    add("DAYS_NOT_TODAY", alt(w for w, k in lex.days.items() if k != 0))
    add("SHIFTS", alt(lex.day_before_after))
    add("HOLIDAYS", alt(lex.holidays))
    add("SEASONS", alt(lex.seasons))
    add("DECADES", alt(lex.decades))
    add("QORDS", alt(lex.quarters))
    add("HALVES", alt(lex.halves))
    add("NOW", alt(lex.now))
    add("EVENINGS", alt(lex.evenings))
    add("DAYPARTS", alt(lex.dayparts))
    add("PARTS", alt(lex.parts))
    add("FRACS", alt(lex.fractions))
    add("TZS", alt(lex.timezones))
    # ... nor ربع before a noun (ربع قرن، ربع ساعه: a fraction of it, not a quarter of a year)
    add("NOTAFTER", r"(?!\s*(?:\d|%(MONTHS)s|%(HMONTHS)s|%(REL)s|%(WD)s|ل|الي|الا)(?![\p{L}]))(?<!ربع(?=\s+[\u0621-\u064a]{3}))")
    # اليوم الاول، اليوم الذي، اليوم الوطني: "the first day", "the day when", "national day"
    add("NOT_ADJ", r"(?!\s+(?:%(ORDW)s|الذي|التي|نفسه|ذاته|ال\p{L}+ي%(E)s))")
    # the same for a feminine noun (الليلة الافتتاحية، الليلة التالية: a night of the story)
    add("NOT_ADJ_F", r"(?!\s+(?:%(ORDW)s|التي|نفسها|ذاتها|ال\p{L}+يه|%(REL)s)%(E)s)")
    add("MINPART", r"(?:\s*و\s*(?:(?P<frac>%(FRACS)s)|(?P<mins>\d\d?|%(CARDW)s)(?:\s*(?:دقيقه|دقايق))?)%(E)s"
        r"|\s+الا\s+(?:(?P<minus>%(FRACS)s)|(?P<minusn>\d\d?|%(CARDW)s)(?:\s*(?:دقيقه|دقايق))?)%(E)s)?")
    add("LTZS", alt(lex.latin_timezones))
    # ت غ / ت.غ: توقيت غرينتش as wire agencies abbreviate it
    add("TZ", r"(?:\s+(?:ب?ال|ب)?توقيت\s+(?P<tz>(?i:%(TZS)s))%(E)s|\s+(?P<ltz>(?i:%(LTZS)s))%(E)s"
        r"|\s+(?P<gmt>ت\s*\.?\s*غ)(?:\.|%(E)s))?")
    # Latin script inside Arabic text: month names (Apr. 29), weekdays, 12-hour markers (1:23 PM)
    add("LMONTHS", r"(?i:%s)(?:\.(?=\s*\d))?" % alt(lex.latin_months))
    add("LWD", r"(?i:%s)(?:\.(?=[\s,]))?" % alt(lex.latin_weekdays))
    add("LDP", r"(?i:%s)" % alt(lex.latin_dayparts))
    add("CLOCKAB", alt(lex.clock_abbrevs))
    add("HOURDP", alt(lex.hour_dayparts))
    add("LSUFFIX", r"(?i:st|nd|rd|th|er)?")
    add("DPART", r"(?:\s+(?P<dp>%(DAYPARTS)s)%(E)s|\s*(?P<ldp>%(LDP)s)%(E)s|(?<=\d:\d\d)\s+(?P<dpab>%(CLOCKAB)s)%(E)s)?")
    # a counted noun after a number makes it an amount (2025 دولار، 1500 موظفا، 2000 عام)
    counted = [*lex.counted_nouns, *lex.unit_forms]
    add("COUNTED", r"(?!\s+(?:%s(?:ا|ين|ون|ات)?|%s)%%(E)s)"  # كم، ين take no ending: كما is "as"
        % (alt(w for w in counted if len(w) > 2), alt(w for w in counted if len(w) <= 2)))
    # a year after any word: not after an amount word (نحو 2000، ارتفع الي 2050، رقم 1990) and only
    # before what does not make it a count (2018 بروسيا is left out with 2000 جندي)
    # about, more or less than a count (منذ ما يقرب من عامين، قبل ما يزيد على ثلاثه اشهر)
    add("ABOUT", alt(lex.count_hedges))
    # after N units: من الان، من الزمن count from the reference (قبل عامين من الان، خلال عقد من الزمان);
    # any other من or علي counts from an event (خلال ستة اشهر من بدء التشغيل، قبل يوم واحد من الانتخابات):
    # not a date; علي يد is "by" (تاسست قبل 10 سنوات علي يد). واحد after the unit is "one" (قبل عام
    # واحد), a length after خلال (خلال يوم واحد): the rules say which
    add("FROMNOW", r"(?:\s+من\s+(?:الان|(?P<era_of>ال?زما?ن))%(E)s|(?!\s+(?:فقط\s+)?(?:من|علي)\s(?!يد%(E)s)))")
    add("FROMNOW_WITHIN", r"(?:\s+من\s+(?:الان|ال?زما?ن)%(E)s|(?!\s+(?:فقط\s+)?من\s))")
    add("NOTAMOUNT", r"(?<!(?:^|[^\p{L}\p{N}])[وف]?[بل]?%s\s+)" % alt(lex.amount_words))
    # ... or any word, which the builder accepts only as a finite verb (vnext; ميزانيه 2018 رصدت)
    # an event or edition noun up to two words before a year (نهائيات كاس العالم 2018 بروسيا)
    # the event's name may be three words, Latin ones with / & . - inside (مؤتمر Google I/O 2025)
    add("EVENT", r"(?<=(?:^|[^\p{L}\p{N}])[وفبل]?(?:ال)?%s(?:\s+\p{L}(?:[\p{L}/&.\-]*\p{L})?){0,3}\s+)" % alt(lex.event_nouns))
    add("YFOLLOW", r"(?=\s*(?:$|[^\s\p{L}\p{N}]|[وفبلك]?ال\p{L}|%s%%(E)s|و(?=\d))|\s+(?P<vnext>[\u0621-\u064a]+)%%(E)s)"
        % alt(lex.year_followers))
    return P


RULES = {
    # order = priority between equally long matches
    "time": r"%(BC)s(?:تمام\s+)?[بل]?الساعه\s+(?:ال\s*(?=\d))?(?:(?P<h>\d\d?)(?:[:.](?P<mi>\d\d)(?::(?P<s>\d\d))?)?(?!\d|[.,]\d)|(?P<hw>%(HOURW)s)"
            # the wire agencies' 24-hour HHMM before a zone: الساعه 1947 بتوقيت جرينتش
            r"|(?P<h4>(?:[01]\d|2[0-3])[0-5]\d)(?=\s+(?:(?:ب?ال|ب)?توقيت|ت\s*\.?\s*غ)))"
            r"%(MINPART)s%(DPART)s%(TZ)s"
            r"|%(BC)s(?<![\d:.])(?P<h>\d\d?):(?P<mi>\d\d)(?::(?P<s>\d\d))?(?!\d|[:.,]\d)%(DPART)s%(TZ)s"
            # a bare hour (or h.mm) is a clock time only with a day-part adverb or am/pm: 10 صباحا، 8.30 مساء، 10am
            r"|%(BC)s(?<![\d:.,/-]|[-–]\s*)(?P<h>\d\d?)(?:[.:](?P<mi>\d\d))?(?P<bare>)(?:\s+(?P<dp>%(HOURDP)s)|\s*(?P<ldp>%(LDP)s))%(E)s%(TZ)s"
            r"|%(BC)s(?P<hw>ال%(HOURFEM)s(?:\s+%(TEEN)s)?)%(E)s%(MINPART)s\s+(?P<dp>%(DAYPARTS)s)%(E)s%(TZ)s",
    "latin": r"%(BC)s(?:(?P<lwd>%(LWD)s)\s*,?\s+)?"
             r"(?:(?P<lmon>%(LMONTHS)s)\s+(?P<dnum>%(DAYNUM)s)%(LSUFFIX)s(?:\s*,?\s+(?P<year>%(YEAR4)s))?"
             r"|(?P<dnum>%(DAYNUM)s)%(LSUFFIX)s(?:\s+(?:(?i:of|de)\s+)?|-)(?P<lmon>%(LMONTHS)s)(?:\s*,?\s+(?P<year>%(YEAR4)s)|-(?P<year>%(YEAR4)s))?"
             r"|(?P<lmon>%(LMONTHS)s)\s*,?\s+(?P<year>%(YEAR4)s))%(E)s",
    "dayrange": r"%(BC)s(?:(?P<from>من|بين)\s+)?(?P<d1>%(DAYNUM)s|%(ORDW)s)(?P<sep>\s*[-–]\s*|\s+(?:الي|حتي|وحتي|لغايه|و)\s*)"
                r"(?P<d2>%(DAYNUM)s|%(ORDW)s)%(CONN)s(?:%(MREF)s)(?:\s+(?P<rel>%(REL)s)%(E)s)?%(YEAR_TAIL)s"
                r"|%(BC)s(?:من\s+)?(?P<mon>%(MONTHS)s)%(E)s\s+(?P<d1>%(DAYNUM)s)(?P<sep>\s*[-–]\s*|\s+(?:الي|حتي)\s+)"
                r"(?P<d2>%(DAYNUM)s)%(YEAR_TAIL)s",
    "nth": r"%(BC)s(?:(?P<nth>%(ORDS)s|اخر)\s+(?:(?P<nday>يوم)(?:\s+(?P<wd>%(WDB)s))?|(?P<wd>%(WDB)s)|(?P<nweek>اسبوع))"
           r"|(?P<wd>%(WD)s)\s+(?P<nth>الاخير|الاخيره)|(?P<nweek>الاسبوع)\s+(?P<nth>%(ORDW)s|الاخير)"
           r"|(?P<nday>اليوم)\s+(?P<nth>الاخير))%(E)s\s+(?:(?:من|في)\s+|ب(?=\p{L}))(?:%(MREF)s)"
           r"(?:\s+(?P<rel>%(REL)s)%(E)s)?%(YEAR_TAIL)s",
    "nth_after": r"%(BC)s(?P<nth>%(ORDS)s)\s+(?:يوم\s+)?(?P<wd>%(WDB)s)\s+(?P<dir>بعد|قبل)\s+(?P<hol>%(HOLIDAYS)s)%(E)s%(YEAR_TAIL)s",
    "date": r"%(BC)s(?:%(WDPART)s)?(?:%(NUMDATE)s|%(NUMDM)s|(?:%(DAY)s)"
            r"(?:%(CONN)s(?:%(MREF)s)(?:\s+(?P<rel>%(REL)s)%(E)s)?%(YEAR_TAIL)s)?)(?(paren)\s*\))",
    "holiday": r"%(BC)s(?P<hol>%(HOLIDAYS)s)%(E)s%(YEAR_TAIL)s(?:\s+(?P<rel>%(REL)s)%(E)s)?",
    "month": r"%(BC)s(?:%(MREF)s)(?:\s+(?P<rel>%(REL)s)%(E)s)?%(YEAR_TAIL)s",
    "nummonth": r"%(BC)s(?P<nm>(?<![\d.,/:-])(?:0?[1-9]|1[0-2]))/(?P<ny>(?:19|20)\d\d)(?!\d|[.,/:-]\d)",
    "quarter": r"%(BC)s(?P<qw>[بل]?الربع|[بل]?النصف)\s+(?P<q>%(QORDS)s)%(E)s"
               r"(?:\s+(?:(?:من|في)\s+)?(?:%(YEARREF)s|(?P<impl>(?:ال)?(?:عام|سنه))%(E)s(?!\s+(?:ال)?%(KINDS)s)))?"
               # a quarter of nothing named (نتائج الربع الثالث): of the nearest year; not الربع الثالث من المباراه
               r"(?P<qfree>(?!\s+(?:من|في)\s))?"
               r"|%(BC)s(?P<qw>(?i:q))(?P<q>[1-4])\s*(?P<year>%(YEAR4)s)"
               r"|%(BC)s(?P<qw>(?i:h))(?P<q>[12])\s*(?P<year>%(YEAR4)s)",
    "season": r"%(BC)s(?:فصل\s+)?(?P<season>%(SEASONS)s)%(E)s(?:\s+(?:(?:من|في)\s+)?(?:%(YEARREF)s)|\s+(?P<rel>%(REL)s)%(E)s)"
              r"|%(BC)s(?P<this>%(THIS)s)\s+(?:فصل\s+)?(?P<season>%(SEASONS)s)%(E)s",
    # في الثمانينات من عمره is an age, not a decade
    "decade": r"%(BC)s(?:[بل]?(?:ال)?عقد\s+)?(?P<dec>%(DECADES)s)%(E)s(?!\s+(?:من\s+)?(?:ال)?عمر)"
              r"(?:\s+(?:من\s+)?[بل]?القرن\s+(?:(?P<crel>%(REL)s)|(?P<cord>%(ORDW)s)|(?P<cnum>\d\d?)%(E)s))?"
              r"|%(BC)s[بل]?القرن\s+(?:(?P<cord>%(ORDW)s)|(?P<cnum>\d\d?)%(E)s)",
    "yearrange": r"%(BC)s(?:(?P<from>من(?!\s+(?:ال)?(?:عام|سنه)\s+(?:ال)?%(KINDS)s)|بين|منذ)\s+)?(?:(?:ال)?(?:عام|عامي|العامين|سنه|سنتي|السنوات)(?:\s+(?:ال)?%(KINDS)s)?\s+"
                 r"|[بل]?%(SEASONW)s\s+|(?i:fy)\s*)?(?P<y1>%(YEAR4)s)"
                 r"(?P<sep>\s*[-–/]\s*|\s+(?:الي|حتي|وحتي|و)\s*)(?:(?:ال)?(?:عام|سنه)\s+)?"
                 r"(?P<y2>%(YEAR4)s|(?<=[-–/]\s*)\d\d(?!\d|[.,]\d))%(E)s%(COUNTED)s",
    "year": r"%(BC)s(?:(?P<yw>%(YEAR_WORD)s)\s*(?P<year>%(YEAR4)s)(?:\s*(?P<era>%(ERAS)s)%(E)s)?"
            r"|(?P<year>%(YEAR4)s)\s*(?P<era>%(ERAS)s)%(E)s"
            r"|(?i:fy)\s*(?P<year>%(YEAR4)s)%(NORANGE)s%(E)s"
            r"|(?i:fy)\s*['’]?(?P<yy>\d\d)(?![\d.,/-])%(E)s"  # FY25, FY'25: the fiscal year 2025
            r"|(?<=(?:^|[^\p{L}\p{N}])[وف]?[بل]?(?:%(YCTX)s)\s+|(?<![\d.,])(?:19|20)\d\d\s*[،,]?\s*(?:و|او)\s*)"
            r"(?P<year>(?:19|20)\d\d)(?!\d|[.,]\d)%(NORANGE)s(?!\s*%%)%(COUNTED)s"
            r"|(?<=\(\s*)(?<!(?:اكثر|اقل|نحو|حوالي|قرابه)\s+(?:من\s+)?\(\s*)(?P<year>(?:19|20)\d\d)(?=\s*\))"
            # after an event noun, whatever follows (مونديال 2014 وكاس اوروبا، كاس العالم 2018 بروسيا)
            r"|(?=(?:19|20)\d\d)%(EVENT)s%(NOTAMOUNT)s(?P<year>(?:19|20)\d\d)(?!\d|[.,]\d)%(NORANGE)s(?!\s*%%)%(COUNTED)s"
            # after any Arabic word (كاس العالم 2018، انتخابات 2012، رؤيه 2030) when nothing counted
            # follows: the next word is definite, a preposition, punctuation or the end
            # ... or after a Latin name (تقرير AI Index 2025 الصادر، تصنيف QS 2026 في), not a month's
            # (Mars 2020, the mission, is neither March nor a year here)
            r"|(?=(?:19|20)\d\d)(?<=(?:[\u0621-\u064a]|(?:^|[^\p{L}\p{N}])(?!%(LMONTHS)s\s)[A-Za-z]+)\s+)%(NOTAMOUNT)s(?P<year>(?:19|20)\d\d)(?!\d|[.,]\d)%(NORANGE)s(?!\s*%%)%(COUNTED)s%(YFOLLOW)s"
            # ... or a verb, also first in a sentence (2024 كان عاما صعبا): the builder reads the next word;
            # first in a line of a chronology, before a dash (1948 - الاطاحه بالرئيس)
            r"|(?=(?:19|20)\d\d)(?:^|(?<=[.!?؟\n]\s*))(?P<year>(?:19|20)\d\d)(?!\d|[.,]\d)%(NORANGE)s(?!\s*%%)%(COUNTED)s"
            r"(?=\s+(?P<vnext>[\u0621-\u064a]+)%(E)s|\s+[-–]\s+[\u0621-\u064a])"
            # the first of a list of years in parentheses ((2002 و2013 و2015))
            r"|(?<=\(\s*)(?P<year>(?:19|20)\d\d)(?=\s*[،,]?\s*(?:و|او)\s*(?:19|20)\d\d(?!\d)))"
            # في glued to the year, a typing slip of the wires (انضمت الي الوكاله في1985)
            r"|(?=(?:19|20)\d\d)(?<=(?:^|[^\p{L}\p{N}])[وف]?(?:في|منذ))(?P<year>(?:19|20)\d\d)(?!\d|[.,]\d)%(NORANGE)s(?!\s*%%)%(COUNTED)s",
    "span": r"%(BC)s[بل]?ال(?P<unit>%(UNITS_PLDU)s)\s+(?:(?P<n>(?:ال\s?)?\d+|(?:ال)?%(CARDW)s)\s+)?(?:(?P<few>%(FEW)s)\s+)?"
            r"(?P<rel>%(REL)s|%(RECENT)s)%(E)s"
            r"|%(BC)s(?P<n>(?:ال\s?)?\d+|ال%(CARDW)s)\s+(?P<unit>%(UNITS_ANY)s)\s+(?P<rel>%(REL)s|%(RECENT)s)%(E)s"
            # اخر 24 ساعه، اخر يومين: the last N units
            r"|%(BC)s(?P<last>اخر)\s+(?:(?P<n>\d+|%(CARDW)s)\s+)?(?P<unit>%(UNITS_ANY)s)ا?%(E)s",
    "ago": r"%(BC)s(?P<dir>منذ|قبل|من|بعد)\s+(?:%(ABOUT)s\s+)?(?:(?P<n>\d+|%(CARDW)s)\s*)?"
           r"(?P<unit>%(UNITS_ANY)s)%(E)s%(NOTAFTER)s(?:\s+واحده?%(E)s)?+%(FROMNOW)s",
    "within": r"%(BC)s(?:خلال|في\s+غضون|غضون|في\s+خلال)\s+(?:%(ABOUT)s\s+)?(?:(?P<n>\d+|%(CARDW)s)\s*)?(?P<unit>%(UNITS_ANY)s)%(E)s%(NOTAFTER)s(?!\s+واحده?%(E)s)%(FROMNOW_WITHIN)s",
    "relperiod": r"%(BC)s(?:(?P<this>%(THIS)s)\s+ال(?P<unit>%(UNITS_SG)s)"
                 r"|(?:[بل]?ال|لل)(?P<unit>%(UNITS_SG)s)\s+(?:(?P<twice>قبل|بعد)\s+)?(?P<rel>%(REL)s))%(E)s",
    "wdweek": r"%(BC)s(?:(?P<wd>%(WD)s)\s+(?:من\s+)?|(?P<wd>%(WDB)s)\s+)(?:(?P<this>%(THIS)s)\s+الاسبوع|الاسبوع\s+(?P<rel>%(REL)s))%(E)s",
    "weekday": r"%(BC)s(?:(?P<this>%(THIS)s)\s+|[بل]?يوم\s+)?(?P<wd>%(WD)s)%(E)s(?!\s+(?:%(TEEN)s|%(ORDFEM)s)%(E)s)(?:\s+(?P<rel>%(REL)s)%(E)s)?",
    "dayword": r"%(BC)s(?:[بل]?(?:ال)?يوم\s+(?:(?:الذي|الي|اللي)\s+)?)?(?:(?P<shift>%(SHIFTS)s)\s*(?P<dw>%(DAYS_NOT_TODAY)s)%(E)s|(?P<dw>%(DAYS)s)%(E)s%(NOT_ADJ)s(?:\s+(?P<wd>%(WD)s)%(E)s)?)"
               r"|%(BC)s(?P<dbefore>اول\s+(?:من\s+)?امس|امس\s+الاول)%(E)s",
    # العام الجديد (with or without a part word): the year that begins nearest the reference; not after a
    # definite noun, where العام is "general, public" (الامين العام الجديد، قطاع الاعمال العام الجديد)
    "partperiod": r"%(BC)s(?:(?P<part>%(PARTS)s)\s+|(?<!(?:^|[^\p{L}])[وفبلك]?ال\p{L}+\s+))[بل]?ال(?P<unit>عام|سنه)"
                  r"\s+(?P<new>الجديد|الجديده)%(E)s"
                  r"|%(BC)s(?P<part>%(PARTS)s)\s+(?:%(THIS)s\s+)?[بل]?ال(?P<unit>عام|سنه|شهر|اسبوع)%(E)s"
                  r"(?!\s*(?:\d|%(REL)s|%(MONTHS)s|%(HMONTHS)s|(?:ال)?%(KINDS)s%(E)s))",
    "now": r"%(BC)s(?P<now>%(NOW)s)%(E)s",
    # the story's year, month or day (في الشهر نفسه، في ذات اليوم), not the publication's
    # (a month or day of the story in another year: في الشهر نفسه من العام الماضي، بنفس اليوم من عام 2016)
    "same": r"%(BC)s(?:(?:[بل]?ال|لل)(?P<sunit>عام|سنه)\s+(?:نفسه|ذاته)|(?:نفس|ذات)\s+ال(?P<sunit>عام|سنه))%(E)s"
            r"|%(BC)s(?:(?:[بل]?ال|لل)(?P<sunit>شهر|يوم)\s+(?:نفسه|ذاته)|(?:نفس|ذات)\s+ال(?P<sunit>شهر|يوم))%(E)s%(YEAR_TAIL)s",
    "evening": r"%(BC)s(?P<eve>%(EVENINGS)s)%(E)s%(NOT_ADJ_F)s",
}


WORD = regex.compile(r"[\p{L}\p{N}_]+")
PROCLITIC1, PROCLITIC2 = "وف", "بلك"  # what BC lets stand before a word start
# Rules with a lookbehind that must see words before the match (year: في 2023) cannot be
# probed on the word alone; they scan the whole text.
SCANNED = frozenset({"year"})
# Words are probed on their first characters: a match that begins with a word begins with its
# prefix, so a prefix no rule can go on from rules the word out (and prefixes repeat far more
# than words, so the probes are few).
PROBE_CHARS = 4


def word_starts(text: str):
    """(position, word from there) at every position where BC holds: a word's start and the
    starts after its proclitics (وبـ، ل)."""
    for m in WORD.finditer(text):
        s, w = m.start(), m.group()
        starts = [0]
        if len(w) > 1 and w[0] in PROCLITIC1:
            starts.append(1)
            if len(w) > 2 and w[1] in PROCLITIC2:
                starts.append(2)
        elif len(w) > 1 and w[0] in PROCLITIC2:
            starts.append(1)
        for k in list(starts):
            if w.startswith("ال", k) and w[k + 2:k + 3].isdigit():
                starts.append(k + 2)
        for k in starts:
            yield s + k, w[k:]


@dataclass(frozen=True)
class Cand:
    """A match in the normalised text and what it means."""

    start: int
    end: int
    spec: Spec | RangeSpec
    rank: int


def gd_text(gd: dict, name: str) -> str | None:
    v = gd.get(name)
    return canon(v) if v else v


class Builders:
    """Read a rule's match into a spec; ``None`` rejects the match."""

    def __init__(self, lex: Lexicon, context_re, verbs: frozenset[str] = frozenset(),
                 past_stems: frozenset[str] = frozenset(), unit_before_re=None):
        self.lex = lex
        self.unit_before_re = unit_before_re  # a plural period noun and its count end here (الايام العشره)
        self.context_re = context_re
        # imperfect verbs (imperfect_verbs) and the past auxiliaries (كان، تم), to know a verb after a year
        self.verbs = verbs | frozenset(lex.past_markers)
        self.past_stems = past_stems  # ya_stems: a past form's imperfect is a corpus word

    def has_context(self, text: str, start: int, strict: bool = False) -> bool:
        """An ambiguous name (مارس، صفر) counts as a date after a preposition or part word; a
        strict one (اب "father") not after من/الي/بين, which take nouns as readily (من أب)."""
        m = self.context_re.search(text, max(0, start - 30), start)
        return m is not None and not (strict and canon(m.group("w")) in ("من", "الي", "بين"))

    # -- shared readers

    def month_fields(self, gd: dict) -> dict | None:
        lex = self.lex
        if gd.get("mon"):
            return {"month": lex.months[gd_text(gd, "mon")]}
        if gd.get("hmon"):
            return {"month": lex.hijri_months[gd_text(gd, "hmon")], "hijri": True}
        if gd.get("monnum"):
            n = lex.number(gd_text(gd, "monnum"))
            small_word = not gd["monnum"].strip().isdigit() and (n or 0) <= 2  # شهر واحد is a duration
            return {"month": n} if n and 1 <= n <= 12 and not small_word else None
        if gd.get("monord"):
            n = lex.number(gd_text(gd, "monord"))
            return {"month": n} if n and 1 <= n <= 12 else None
        if gd.get("mthis"):
            return {"month_shift": 0}
        if gd.get("mrel"):
            return {"month_shift": lex.relative(gd["mrel"])}
        if gd.get("msame"):
            return {"story": "month"}
        return None

    def year_fields(self, gd: dict) -> dict:
        if gd.get("year"):
            y, era = int(gd["year"]), self.lex.eras.get(gd_text(gd, "era") or "", None)
            hijri = era == "hijri" or (era is None and 1300 <= y <= 1500)
            return {"year": y, "hijri_year": hijri}
        if gd.get("yrel"):
            return {"year_shift": self.lex.relative(gd["yrel"])}
        if gd.get("ythis"):
            return {"year_shift": 0}
        if gd.get("ysame"):
            return {"story": "year"}
        return {}

    def ambiguous(self, gd: dict, text: str, start: int) -> bool:
        """A bare ambiguous month name with nothing around it that makes it a date."""
        name = gd_text(gd, "mon") or gd_text(gd, "hmon")
        listed = name in self.lex.ambiguous_months or name in self.lex.ambiguous_hijri_months
        supported = gd.get("monword") or gd.get("hmonword") or gd.get("mon2") or gd.get("rel") or gd.get("year") \
            or gd.get("yrel") or gd.get("ythis")
        return bool(listed and not supported and not self.has_context(text, start, name in self.lex.strict_ambiguous_months))

    # -- rules

    def date(self, gd, text, start):
        lex = self.lex
        wd = lex.weekday(gd.get("wd"))
        if gd.get("nd"):
            day, month = int(gd["nd"]), int(gd["nm"])
            if month > 12:  # day first (the Arab press's order) unless only month first is a date: 04/29/2025
                if day > 12 or not gd.get("ny"):
                    return None
                day, month = month, day
            if not gd.get("ny"):  # 29/4: a date after a weekday or a date word (في، يوم، بتاريخ), else a fraction
                return Spec("day", month=month, day=day, weekday=wd) \
                    if wd is not None or self.has_context(text, start, strict=True) else None
            year = int(gd["ny"]) + (0 if len(gd["ny"]) == 4 else 2000 if int(gd["ny"]) < 50 else 1900)
            if gd.get("th"):  # ISO 8601 date and time: 2025-08-19T13:23
                second = int(gd["ts"]) if gd.get("ts") else None
                return Spec("second" if second is not None else "minute", year=year, month=month, day=day,
                            hour=int(gd["th"]), minute=int(gd["tmi"]), second=second, explicit24=True)
            return Spec("day", year=year, month=month, day=day)
        day = lex.number(gd_text(gd, "dnum") or gd_text(gd, "dord"))
        if not day or day > 31 or not self.day_word_ok(gd):
            return None
        ordinal = bool(gd.get("dord"))
        if ordinal and self.unit_before_re and self.unit_before_re.search(text, max(0, start - 40), start):
            return None  # الايام الاولي من رمضان: the first days, not the first of the month
        mf = self.month_fields(gd)
        if wd is not None and ordinal and feminine_ordinal(gd_text(gd, "dord")):
            # الجمعة الثالثة من مايو: the ordinal agrees with the weekday, so it counts Fridays (the
            # day of the month would be masculine, agreeing with يوم: الجمعة الثالث من مايو);
            # without a month (الجمعة الخامسة من الاحتجاجات) it counts something else
            if mf is None or mf.get("hijri") or day > 5:
                return None
            return Spec("day", weekday=wd, nth=day, nth_of="weekday", direction=lex.relative(gd.get("rel")),
                        **mf, **self.year_fields(gd))
        if mf is None:
            return Spec("day", day=day, weekday=wd, ordinal_day=True) if wd is not None and ordinal else None
        yf = self.year_fields(gd)
        if yf.get("hijri_year") and not mf.get("hijri"):
            return None
        direction = lex.relative(gd.get("rel"))
        return Spec("day", day=day, weekday=wd, ordinal_day=ordinal, direction=direction, **mf, **yf)

    @staticmethod
    def day_word_ok(gd: dict) -> bool:
        """An ordinal without ال is a day only as اول or beside يوم (ثالث يوم من): ثالثة في آذار
        is "a third (woman) in March"."""
        word = gd_text(gd, "dord")
        return not word or word.startswith("ال") or word == "اول" or bool(gd.get("dyom"))

    def dayrange(self, gd, text, start):
        if gd["sep"].strip() == "و" and gd.get("from") != "بين":
            return None
        d1, d2 = self.lex.number(gd_text(gd, "d1")), self.lex.number(gd_text(gd, "d2"))
        mf = self.month_fields(gd)
        if not d1 or not d2 or d1 >= d2 or d2 > 31 or mf is None:
            return None
        yf = self.year_fields(gd)
        direction = self.lex.relative(gd.get("rel"))  # من 21 الى 27 مايو الماضي
        if direction is not None and (yf or "month_shift" in mf):
            return None
        return RangeSpec(Spec("day", day=d1, direction=direction, **mf, **yf),
                         Spec("day", day=d2, direction=direction, **mf, **yf))

    def nth(self, gd, text, start):
        word = gd_text(gd, "nth")
        n = -1 if word in ("اخر", "الاخير", "الاخيره") else self.lex.number(word)
        kind = "week" if gd.get("nweek") else "weekday" if gd.get("wd") else "day"
        mf = self.month_fields(gd)
        if not n or mf is None or mf.get("hijri") or n > (31 if kind == "day" else 5):
            return None
        yf = self.year_fields(gd)
        direction = self.lex.relative(gd.get("rel"))  # الاسبوع الثاني من ابريل الماضي
        if direction is not None and (yf or "month_shift" in mf):
            return None
        return Spec("week" if kind == "week" else "day", weekday=self.lex.weekday(gd.get("wd")), nth=n, nth_of=kind,
                    direction=direction, **mf, **yf)

    def nth_after(self, gd, text, start):
        n = self.lex.number(gd_text(gd, "nth"))
        holiday = self.holiday(gd, text, start)
        if not n or holiday is None:
            return None
        return Spec("day", weekday=self.lex.weekday(gd["wd"]), nth=n if gd["dir"] == "بعد" else -n, anchor=holiday)

    def holiday(self, gd, text, start):
        h = self.lex.holidays[gd_text(gd, "hol")]
        kind = next(iter(h))
        data = h[kind] if isinstance(h[kind], list) else [h[kind]]
        yf = self.year_fields(gd)
        if yf.get("hijri_year") and kind != "hijri":
            return None
        if yf.get("hijri_year"):  # عيد الفطر 1446 هـ
            return Spec("day", hijri=True, hijri_year=True, year=yf["year"], month=data[0], day=data[1])
        return Spec("day", holiday=(kind, *data), direction=self.lex.relative(gd.get("rel")), **yf)

    def month(self, gd, text, start):
        mf = self.month_fields(gd)
        if mf is None or self.ambiguous(gd, text, start):
            return None
        direction = self.lex.relative(gd.get("rel"))
        yf = self.year_fields(gd)
        if "month_shift" in mf:
            return Spec("month", **mf) if direction is None and not yf else None
        if mf.get("hijri"):
            return Spec("day", direction=direction, **mf, **yf)
        if yf.get("hijri_year"):
            return None
        return Spec("month", direction=direction, **mf, **yf)

    def nummonth(self, gd, text, start):
        return Spec("month", year=int(gd["ny"]), month=int(gd["nm"]))

    def quarter(self, gd, text, start):
        half = "النصف" in gd["qw"] or gd["qw"] in "Hh"
        table = self.lex.halves if half else self.lex.quarters
        q = int(gd["q"]) if gd["q"].isdigit() else table.get(gd_text(gd, "q"))
        yf = self.year_fields(gd) or ({"year_shift": 0} if gd.get("impl") else {})
        if q and not yf and not half and gd.get("qfree") is not None:
            return Spec("quarter", period=("quarter", q))
        if not q or not yf or yf.get("hijri_year"):
            return None
        if half:
            return Spec("month", period=("half", q), **yf)
        return Spec("quarter", period=("quarter", q), **yf)

    def season(self, gd, text, start):
        m1, m2 = self.lex.seasons[gd_text(gd, "season")]
        direction = 0 if gd.get("this") else self.lex.relative(gd.get("rel"))
        yf = self.year_fields(gd)
        if yf.get("hijri_year"):
            return None
        return Spec("month", period=("season", m1, m2), direction=direction, **yf)

    def decade(self, gd, text, start):
        lex = self.lex
        century = lex.number(gd_text(gd, "cord") or gd.get("cnum"))
        if not gd.get("dec"):
            return Spec("year", period=("century", century)) if century and 1 <= century <= 30 else None
        dd = lex.decades[gd_text(gd, "dec")]
        if century:
            return Spec("year", period=("decade", (century - 1) * 100 + dd))
        if gd.get("crel"):
            return Spec("year", period=("decade", dd, lex.relative(gd["crel"])))
        return Spec("year", period=("decade", dd))

    def yearrange(self, gd, text, start):
        y1, y2 = int(gd["y1"]), int(gd["y2"])
        if len(gd["y2"]) == 2:  # 2023-24, a season or fiscal year: only the next year
            y2 += y1 // 100 * 100
            if y2 != y1 + 1:
                return None
        if y2 <= y1 or (gd["sep"].strip() == "و" and gd.get("from") != "بين"):
            return None
        return RangeSpec(Spec("year", year=y1), Spec("year", year=y2))

    def year(self, gd, text, start):
        if gd.get("vnext") and not finite_verb(gd["vnext"], self.verbs, self.past_stems):
            return None
        if gd.get("yy"):
            return Spec("year", year=2000 + int(gd["yy"]))
        yf = self.year_fields(gd)
        if yf.get("hijri_year"):
            return Spec("day", hijri=True, **yf)
        return Spec("year", year=yf["year"])

    def period_spec(self, unit: str, k: int) -> Spec:
        field = {"day": "day_shift", "week": "week_shift", "month": "month_shift", "year": "year_shift"}.get(unit)
        if field:
            return Spec(unit, **{field: k})
        return Spec(UNIT_GRAIN[unit], shift=(unit, k))

    def unit_of(self, word: str) -> tuple[str, str]:
        return self.lex.unit_forms[canon(word)]

    def span(self, gd, text, start):
        unit, form = self.unit_of(gd["unit"])
        word = gd_text(gd, "rel")
        sign = -1 if gd.get("last") or word in self.lex.recent else self.lex.relative(word)
        n = self.lex.number(gd_text(gd, "n")) or (2 if form == "du" else None)
        if not sign or (form == "sg" and not gd.get("n")) or unit in ("minute", "second"):
            return None  # الدقائق الاخيره: the last minutes of a match, not of the reference
        if n is None:
            return RangeSpec(None, self.period_spec(unit, -1)) if sign < 0 else RangeSpec(self.period_spec(unit, 1), None)
        if sign < 0:
            return RangeSpec(self.period_spec(unit, -n), self.period_spec(unit, -1))
        return RangeSpec(self.period_spec(unit, 1), self.period_spec(unit, n))

    def count(self, gd) -> tuple[str, int] | None:
        """(unit, n) of a duration: explicit number, a dual (2) or a singular (1)."""
        unit, form = self.unit_of(gd["unit"])
        n = self.lex.number(gd_text(gd, "n")) if gd.get("n") else {"sg": 1, "du": 2}.get(form)
        if not n or (gd.get("n") and form == "du"):
            return None
        return unit, n

    def ago(self, gd, text, start):
        c = self.count(gd)
        if c is None:
            return None
        unit, n = c
        if gd["dir"] == "من" and (unit not in ("week", "month") or self.after_comparative(text, start)):
            return None
        if gd["dir"] == "بعد" and (unit in ("second", "minute", "hour") or self.after_unit(text, start) or gd.get("era_of")):
            return None  # بعد ساعة، بعد عقدين من الزمن are the story's; يوما بعد يوم is "day after day"
        sign = 1 if gd["dir"] == "بعد" else -1
        return Spec(UNIT_GRAIN[unit], ago=(unit, sign * n))

    @staticmethod
    def indefinite_after(text: str, end: int) -> bool:
        """The next word is an Arabic word without the article (a noun's adjective or complement)."""
        words = text[end:end + 20].split()
        return bool(words) and regex.match(r"\p{Arabic}", words[0]) is not None and not words[0].startswith("ال")

    def after_unit(self, text: str, start: int) -> bool:
        """The word before is a period noun (عاما بعد عام، يوما بعد يوم)."""
        before = text[max(0, start - 12):start].split()
        w = before[-1] if before else ""
        return any(w in (u, u + "ا", "ال" + u) for u in self.lex.unit_forms)

    @staticmethod
    def after_word(text: str, start: int, words) -> bool:
        """The word (or two) before ``start``, proclitics و/ف aside, is one of ``words``."""
        before = text[max(0, start - 20):start].split()
        last = before[-1] if before else ""
        last = last[1:] if len(last) > 2 and last[0] in "وف" else last
        return last in words or " ".join(before[-2:]) in words

    def after_comparative(self, text: str, start: int) -> bool:
        words = text[max(0, start - 12):start].split()
        return bool(words) and words[-1] in self.lex.comparatives

    def after_superlative(self, text: str, start: int) -> bool:
        """An elative up to four words before, in the same clause (اشد الاوقات برودة خلال)."""
        return regex.search(r"(?:^|[^\p{L}])[وفبل]?(?:ال)?(?:%s)(?:\s+[^\s،,.؛:]+){0,4}\s+$"
                            % "|".join(self.lex.d.get("superlatives", ())), text[max(0, start - 60):start]) is not None

    def within(self, gd, text, start):
        c = self.count(gd)
        if c is None:
            return None
        unit, n = c
        if self.after_superlative(text, start):  # اعلي مستوي خلال 7 سنوات: the last seven years
            if unit in ("second", "minute", "hour"):
                return None
            if unit in ("decade", "century"):  # الاعنف خلال قرن: the last hundred years, not the 1900s
                unit, n = "year", n * (10 if unit == "decade" else 100)
            return RangeSpec(self.period_spec(unit, -n), self.period_spec(unit, -1))
        end = Spec("day", day_shift=n * {"day": 1, "week": 7}[unit] - 1) if unit in ("day", "week") \
            else Spec(UNIT_GRAIN[unit], ago=(unit, n))
        return RangeSpec(Spec("second", now=True), end)

    def relperiod(self, gd, text, start):
        unit, _ = self.unit_of(gd["unit"])
        k = 0 if gd.get("this") else self.lex.relative(gd["rel"])
        if gd.get("twice"):  # العام قبل الماضي، الاسبوع بعد المقبل
            if k != (-1 if gd["twice"] == "قبل" else 1):
                return None
            k *= 2
        return self.period_spec(unit, k)

    def wdweek(self, gd, text, start):
        k = 0 if gd.get("this") else self.lex.relative(gd["rel"])
        return Spec("day", weekday=self.lex.weekday(gd["wd"]), week_shift=k)

    def weekday(self, gd, text, start):
        before = text[max(0, start - 6):start].split()
        if before and before[-1] in ("بين", "كلا"):  # بين الاثنين: "between the two"
            return None
        return Spec("day", weekday=self.lex.weekday(gd["wd"]), direction=self.lex.relative(gd.get("rel")))

    def dayword(self, gd, text, start):
        before = text[max(0, start - 8):start].split()
        if before and before[-1] in self.lex.demonstratives:  # ذلك اليوم: "that day"
            return None
        if not gd.get("shift") and gd_text(gd, "dw") in self.lex.shift_only_days \
                and not (before and before[-1].lstrip("وف") in self.lex.day_prefixes):
            return None  # قائد الغد is figurative; صباح الغد is tomorrow morning
        if gd_text(gd, "dw") in self.lex.noun_like_days and not gd.get("shift") \
                and self.indefinite_after(text, text.index(gd["dw"], start) + len(gd["dw"])):
            return None
        if gd.get("dbefore"):
            return Spec("day", day_shift=-2)
        shift = self.lex.day_before_after.get(gd_text(gd, "shift") or "", 0)
        return Spec("day", day_shift=self.lex.days[gd_text(gd, "dw")] + shift)

    def partperiod(self, gd, text, start):
        """نهاية العام: the current period (the part word keeps its value, as elsewhere). A fraction
        word (نصف العام) is a duration (سبعة أعوام ونصف العام) unless a preposition makes it a time."""
        if gd.get("part") and gd_text(gd, "part") in self.lex.fraction_parts and not self.has_context(text, start, strict=True):
            return None
        if gd.get("new"):
            return Spec("year", period=("new_year",))
        return self.period_spec(self.unit_of(gd["unit"])[0], 0)

    def now(self, gd, text, start):
        before = text[max(0, start - 8):start].split()
        if before and before[-1] in self.lex.not_now_after:
            return None
        return Spec("second", now=True)

    def same(self, gd, text, start):
        unit = {"سنه": "year", "عام": "year", "شهر": "month", "يوم": "day"}[gd["sunit"]]
        yf = self.year_fields(gd)
        if yf.get("hijri_year") or yf.get("story"):
            return None
        return Spec(unit, story=unit, **yf)

    def evening(self, gd, text, start):
        before = text[max(0, start - 8):start].split()
        if before and before[-1] in self.lex.demonstratives:  # تلك الليلة، نفس الليلة: a night of the story
            return None
        h1, h2 = self.lex.evenings[gd_text(gd, "eve")]
        return RangeSpec(Spec("hour", hour=h1, explicit24=True), Spec("hour", hour=h2, explicit24=True))

    def latin(self, gd, text, start):
        """A date in Latin script: April 29, 2025; 29 April 2025; Apr. 29; April 2025."""
        month = self.lex.latin_months[gd["lmon"].rstrip(".").lower()]
        year = int(gd["year"]) if gd.get("year") else None
        wd = self.lex.latin_weekdays[gd["lwd"].rstrip(".").lower()] if gd.get("lwd") else None
        if not gd.get("dnum"):
            name = gd["lmon"].rstrip(".").lower()
            return Spec("month", month=month, year=year) if wd is None and name not in self.lex.latin_day_only_months \
                else None
        return Spec("day", day=int(gd["dnum"]), month=month, year=year, weekday=wd)

    def daypart(self, gd) -> str | None:
        """am | pm | noon | night from an Arabic day-part word, am/pm, or ص/م after h:mm."""
        if gd.get("ldp"):
            return self.lex.latin_dayparts[gd["ldp"].lower()]
        if gd.get("dpab"):
            return self.lex.clock_abbrevs[gd["dpab"]]
        return self.lex.dayparts.get(gd_text(gd, "dp") or "")

    def time(self, gd, text, start):
        lex = self.lex
        if gd.get("h4"):
            gd = gd | {"h": gd["h4"][:2], "mi": gd["h4"][2:]}
        h = int(gd["h"]) if gd.get("h") else lex.number(gd_text(gd, "hw"))
        if h is None or h > 23 or ((gd.get("hw") or gd.get("ldp") or gd.get("bare") is not None) and not 1 <= h <= 12):
            return None
        minute = int(gd["mi"]) if gd.get("mi") else lex.number(gd_text(gd, "mins")) if gd.get("mins") \
            else lex.fractions.get(gd_text(gd, "frac") or "")
        minus = lex.fractions.get(gd_text(gd, "minus") or "") or lex.number(gd_text(gd, "minusn")) or 0
        second = int(gd["s"]) if gd.get("s") else None
        if (minute or 0) >= 60 or (second or 0) >= 60 or minus >= 60:
            return None
        if gd_text(gd, "hw") == "الواحده" and minute is None and not minus and not (gd.get("dp") or gd.get("ldp")) \
                and not (gd.get("tz") or gd.get("ltz") or gd.get("gmt")) and not self.after_word(text, start, lex.per_hour_unless_after):
            return None  # تكلفة الساعة الواحدة: per hour
        explicit24 = bool(gd.get("h")) and (h == 0 or h > 12 or gd["h"].startswith("0"))
        grain = "second" if second is not None else "minute" if (minute is not None or minus) else "hour"
        tz = 0 if gd.get("gmt") else lex.timezones.get(gd["tz"].lower()) if gd.get("tz") else \
            lex.latin_timezones.get(gd["ltz"].lower()) if gd.get("ltz") else None
        return Spec(grain, hour=h, minute=minute, second=second, minus=minus,
                    daypart=self.daypart(gd), explicit24=explicit24, tz=tz)


# ---------------------------------------------------------------- composition passes

TIME_FIELDS = ("hour", "minute", "second", "minus", "daypart", "explicit24", "tz")
DATE_FIELDS = ("year", "month", "day", "weekday", "year_shift", "month_shift", "week_shift", "day_shift",
               "hijri", "hijri_year", "ordinal_day", "nth", "nth_of", "holiday", "direction")


def is_time_only(s) -> bool:
    if isinstance(s, RangeSpec):
        return all(x is not None and is_time_only(x) for x in (s.start, s.end))
    return s.has_time and not s.has_date and not s.now


def is_day(s) -> bool:
    return isinstance(s, Spec) and s.grain == "day" and s.has_date and not s.has_time and not s.month_days \
        and s.anchor is None


def with_time(date: Spec, time):
    """A day spec and a clock time (or a range of them) read together."""
    if isinstance(time, RangeSpec):
        return RangeSpec(with_time(date, time.start), with_time(date, time.end))
    return replace(date, grain=time.grain, **{f: getattr(time, f) for f in TIME_FIELDS})


def inherit(a: Spec, b: Spec) -> Spec:
    """Fill what one end of a range leaves unsaid from the other end (بين يناير ومارس 2025)."""
    changes = {}
    if a.has_time and b.has_time and a.daypart is None and b.daypart is not None:
        changes["daypart"] = b.daypart
    if a.has_time and not a.has_date and b.has_date:
        changes.update({f: getattr(b, f) for f in DATE_FIELDS})
    if a.day is not None and a.month is None and a.month_shift is None and b.month is not None:
        changes.update(month=b.month, hijri=b.hijri)
    if a.year is None and a.year_shift is None and (a.month is not None or "month" in changes) \
            and (b.year is not None or b.year_shift is not None):
        changes.update(year=b.year, year_shift=b.year_shift, hijri_year=b.hijri_year)
    return replace(a, **changes) if changes else a


class DateTagger:
    """Finds Arabic date and time mentions and resolves them (see the module docstring)."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.not_dates = frozenset(lex.d.get("not_dates_original", ()))
        P = building_blocks(lex)
        P["YCTX"] = alt(lex.year_context)
        self.rules = [(name, regex.compile(pat % P)) for name, pat in RULES.items()]
        # each rule without its word-start lookbehind, to probe which words it may begin with
        self.bodies = [regex.compile(pat % (P | {"BC": ""})) for pat in RULES.values()]
        self.any_body = regex.compile("|".join(f"(?:{pat % (P | {'BC': ''})})" for pat in RULES.values()))
        self.probed: dict[str, tuple[int, ...]] = {}
        ctx_words = alt([*lex.prefixes, *lex.year_context, *lex.parts, "شهر", "من", "الي", "بين"])
        counts = word_counts(lexicon_path("word_counts.tsv.gz"))
        self.verbs = imperfect_verbs(counts)
        # the first or last units of a period (الاشهر التسعه الاولي من 2025، الايام الاولي من رمضان)
        self.edge_body = r"(?:ال|ل)(?P<unit>%(UNITS_PL)s)\s+(?:(?P<n>(?:ال\s?)?\d+|(?:ال)?%(CARDW)s)\s+)?(?P<edge>الاولي|الاخيره)" % P
        self.edge_re = regex.compile(r"(?:^|(?<=[^\p{L}\p{N}]))[وف]?(?:[بل](?=ال))?(?P<w>[بل]?" + self.edge_body + r")\s+من\s+$")
        self.edge_before_re = regex.compile(r"(?:^|(?<=[^\p{L}\p{N}]))[وف]?(?:[بل]?ال|لل)(?:%(UNITS_PL)s)\s+(?:(?:ال\s?)?\d+\s+|(?:ال)?%(CARDW)s\s+)?$" % P)
        self.builders = Builders(lex, regex.compile(r"(?:^|(?<=[^\p{L}\p{N}]))[وف]?[بل]?(?P<w>" + ctx_words + r")\s+$"),
                                 self.verbs, ya_stems(counts), self.edge_before_re)
        self.part_re = regex.compile(r"(?:^|(?<=[^\p{L}\p{N}]))[وف]?[بل]?(?P<w>" + alt(lex.parts) + r")\s+(?:من\s+)?$")
        self.prefix_re = regex.compile(r"(?:^|(?<=[^\p{L}\p{N}]))[وف]?(?P<w>" + alt(lex.prefixes) + r")\s+$")
        self.day_prefix_re = regex.compile(r"(?:^|(?<=[^\p{L}\p{N}]))[وف]?(?P<w>" + alt(lex.day_prefixes) + r")\s+$")
        to_words = alt(lex.range_to)
        # a day part may stand before either end (من مساء الاثنين وحتى صباح الخميس)
        day_parts = r"(?:" + alt(lex.day_prefixes) + r")\s+"
        self.range_gap_re = regex.compile(r"\s*(?:" + to_words + r")\s*(?:" + day_parts + r")?")
        self.and_gap_re = regex.compile(r"\s*و\s*")
        # a day number or ordinal before و (or a comma) and the next day of a list: 5 و6، الخامس والسادس
        day_or_ord = r"(?<![\d.,/:\-])(?:0?[1-9]|[12]\d|3[01])(?![\d.,/:])|%(ORDW)s" % P
        self.day_list_re = regex.compile(r"(?:^|(?<=[^\p{L}\p{N}])|(?<=(?:^|[^\p{L}\p{N}])و))(?P<d>" + day_or_ord + r")\s*(?:[،,]\s*|و\s*)(?:[،,]?\s*و\s*)?$")
        self.from_re = regex.compile(r"(?:^|(?<=[^\p{L}\p{N}]))[وف]?(?P<w>" + alt(lex.range_from) + r")\s+(?:" + day_parts + r")?$")
        # a day and its time: a comma, a joiner word, or the middle dot of social-media embeds (1:23 PM · Aug 19, 2025)
        # (a dash or bar too, as in bylines: الثلاثاء 19 أغسطس 2025 - 01:23 م; a range is never a day and a time)
        self.fiscal_re = regex.compile(r"(?:ال)?" + alt(lex.fiscal_kinds) + E + r"|(?i:fy)")
        self.fiscal_names_re = regex.compile(BC + r"(?P<w>(?i:" + alt(lex.fiscal_calendars) + r"))" + E)
        self.join_gap_re = regex.compile(r"\s*[،,·|\-–]?\s*(?:(?i:" + alt(lex.time_joiners) + r")\s+)?")
        self.future_words = frozenset(lex.future_markers)
        self.past_words = frozenset(lex.past_prefixes)
        self.past_markers = frozenset(lex.past_markers)
        self.scheduled = self.verbs - frozenset(lex.stative_imperfects)  # يلتقي، ينطلق; not يبلغ

    @classmethod
    def load(cls, path: str | Path | None = None) -> DateTagger:
        return cls(Lexicon.load(Path(path) if path else lexicon_path("dates.json")))

    def not_date_spelling(self, original: str) -> bool:
        """Spellings that normalise onto a date word but are not one (آلان, Alan → الان)."""
        bare = "".join(ch for ch in original if not ("\u064b" <= ch <= "\u0652" or ch == "\u0640"))
        return bare in self.not_dates

    # -- finding

    def rules_from(self, word: str) -> tuple[int, ...]:
        """The rules a match of which may begin with ``word`` (partial matching: could a match
        go on from this word?). Most words begin none; answers are cached per tagger."""
        word = word[:PROBE_CHARS]
        hit = self.probed.get(word)
        if hit is None:
            if self.any_body.match(word, partial=True) is None:
                hit = ()
            else:
                hit = tuple(i for i, (name, body) in enumerate(zip(RULES, self.bodies))
                            if name not in SCANNED and body.match(word, partial=True) is not None)
            if len(self.probed) >= 200_000:
                self.probed.clear()
            self.probed[word] = hit
        return hit

    def candidates(self, text: str) -> list[Cand]:
        """Every rule's match at every start (the overlapped matches of each rule). A rule is
        tried only where the word there may begin it: the regex engine would otherwise try
        every rule at every word, which was most of the tagger's time."""
        starts: dict[int, list[int]] = {}
        for pos, word in word_starts(text):
            for i in self.rules_from(word):
                starts.setdefault(i, []).append(pos)
        out = []
        for rank, (name, rx) in enumerate(self.rules):
            build = getattr(self.builders, name)
            found = rx.finditer(text, overlapped=True) if name in SCANNED else \
                filter(None, (rx.match(text, pos) for pos in starts.get(rank, ())))
            for m in found:
                if m.end() == m.start():
                    continue
                spec = build(m.groupdict(), text, m.start())
                if spec is not None:
                    out.append(Cand(m.start(), m.end(), spec, rank))
        return out

    def candidates_scanned(self, text: str) -> list[Cand]:
        """``candidates`` by scanning the whole text with every rule (the reference the
        word-probing one is tested against)."""
        out = []
        for rank, (name, rx) in enumerate(self.rules):
            build = getattr(self.builders, name)
            for m in rx.finditer(text, overlapped=True):
                if m.end() == m.start():
                    continue
                spec = build(m.groupdict(), text, m.start())
                if spec is not None:
                    out.append(Cand(m.start(), m.end(), spec, rank))
        return out

    @staticmethod
    def select(cands: list[Cand]) -> list[Cand]:
        """Longest first (then rule order), never overlapping; sorted by start."""
        chosen: list[Cand] = []
        for c in sorted(cands, key=lambda c: (c.start - c.end, c.rank, c.start)):
            if all(c.end <= o.start or o.end <= c.start for o in chosen):
                chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def extend_left(self, text: str, cands: list[Cand], rx, accept) -> list[Cand]:
        """Absorb a word before each mention when ``accept(spec, word)`` gives the new spec."""
        out: list[Cand] = []
        for c in cands:
            floor = out[-1].end if out else 0
            m = rx.search(text, max(floor, c.start - 40), c.start)
            spec = accept(c.spec, canon(m.group("w"))) if m else None
            if spec is not None:
                c = Cand(m.start("w"), c.end, spec, c.rank)
            out.append(c)
        return out

    def apply_part(self, spec, word):
        """A part word before a period (مطلع العام، اواخر مارس); a day or a time has no parts here."""
        if not isinstance(spec, Spec) or (spec.grain in ("second", "minute", "hour", "day") and not spec.hijri):
            return None
        part = self.lex.parts.get(word, {})
        if "month_days" in part and spec.grain == "month" and spec.period is None:
            return replace(spec, grain="day", month_days=tuple(part["month_days"]))
        return spec

    def first_or_last(self, text: str, cands: list[Cand]) -> list[Cand]:
        """The first or last units of a period written before it (الاشهر التسعه الاولي من 2025): the
        words before the period, or a mention of the last units (الاشهر الثلاثه الاخيره, read alone as the
        months before the reference) followed by من and the period, become one mention. A fiscal year
        keeps its own value (its months are not the calendar's)."""
        out: list[Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if self.fiscal_re.search(text, c.start, c.end):
                out.append(c)
                continue
            if prev and regex.fullmatch(r"\s+من\s+", text[prev.end:c.start]) \
                    and regex.fullmatch(r"[بل]?" + self.edge_body, text[prev.start:prev.end]):
                spec = self.apply_edge(c.spec, regex.sub(r"^[بل](?=ال|ل)", "", text[prev.start:prev.end]))
                if spec is not None:
                    out[-1] = Cand(prev.start, c.end, spec, prev.rank)
                    continue
            m = self.edge_re.search(text, max(prev.end if prev else 0, c.start - 50), c.start)
            spec = self.apply_edge(c.spec, regex.sub(r"^[بل](?=ل)", "", m.group("w"))) if m else None
            out.append(Cand(m.start("w"), c.end, spec, c.rank) if spec is not None else c)
        return out

    def apply_edge(self, spec, words):
        """The first or last N units of a period: months of a year (الاشهر التسعه الاولي من 2025 →
        January to September), days of a month (الايام العشره الاولي من مارس); without a count, or in
        units the period is not made of, the period's value, as a part word keeps it (الايام الاولي
        من رمضان → Ramadan)."""
        if not isinstance(spec, Spec) or (spec.grain in ("second", "minute", "hour", "day") and not spec.hijri):
            return None
        m = regex.fullmatch(self.edge_body, words)
        unit, _ = self.lex.unit_forms[m.group("unit")]
        n = self.lex.number(regex.sub(r"^ال\s?", "", m.group("n"))) if m.group("n") else None
        first = m.group("edge") == "الاولي"
        plain = spec.period is None and spec.holiday is None and not spec.hijri and spec.story is None
        if n and unit == "month" and spec.grain == "year" and plain and spec.month is None and n < 12:
            a, b = (1, n) if first else (13 - n, 12)
            return RangeSpec(replace(spec, grain="month", month=a), replace(spec, grain="month", month=b))
        if n and unit == "day" and spec.grain == "month" and plain and spec.month_days is None and first and n < 28:
            return RangeSpec(replace(spec, grain="day", day=1), replace(spec, grain="day", day=n))
        return None if n else spec

    def apply_prefix(self, spec, word):
        """في، منذ، حوالي… belong to the mention and leave its value as it is."""
        return spec

    def apply_day_prefix(self, spec, word):
        """مساء أمس، صباح الأحد: the day's value, the day part absorbed; before a day with a clock
        time (مساء الثلاثاء الساعة 8) the day part is the time's (20:00)."""
        if is_day(spec):
            return spec
        part = self.lex.day_prefix_parts.get(word)
        if part and isinstance(spec, Spec) and spec.has_date and spec.has_time and spec.daypart is None \
                and not spec.explicit24:
            return replace(spec, daypart=part)
        return None

    def join_time(self, text: str, cands: list[Cand]) -> list[Cand]:
        """A day followed (or preceded) by a clock time is one mention: الخميس الساعة 8."""
        out: list[Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if prev and self.join_gap_re.fullmatch(text, prev.end, c.start):
                if is_day(prev.spec) and is_time_only(c.spec):
                    out[-1] = Cand(prev.start, c.end, with_time(prev.spec, c.spec), prev.rank)
                    continue
                if is_time_only(prev.spec) and is_day(c.spec) and isinstance(prev.spec, Spec):
                    out[-1] = Cand(prev.start, c.end, with_time(c.spec, prev.spec), prev.rank)
                    continue
            out.append(c)
        return out

    def join_ranges(self, text: str, cands: list[Cand]) -> list[Cand]:
        """من X الى Y، بين X و Y، X - Y: one range mention, each end completed by the other."""
        out: list[Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if prev and isinstance(prev.spec, Spec) and isinstance(c.spec, Spec):
                before = self.from_re.search(text, max(0, prev.start - 30), prev.start)
                between = before is not None and canon(before.group("w")) == "بين"
                gap_ok = self.range_gap_re.fullmatch(text, prev.end, c.start) or \
                    (between and self.and_gap_re.fullmatch(text, prev.end, c.start))
                if gap_ok and comparable(prev.spec, c.spec):
                    start = before.start("w") if before and (not out[:-1] or out[-2].end <= before.start("w")) \
                        else prev.start
                    a, b = prev.spec, c.spec
                    own_year = a.year is not None or a.year_shift is not None
                    spec = RangeSpec(ordered(inherit(a, b), b, own_year), inherit(b, a))
                    out[-1] = Cand(start, c.end, spec, prev.rank)
                    continue
            out.append(c)
        return out

    def share_tail(self, text: str, cands: list[Cand]) -> list[Cand]:
        """Two dates joined by و with one year or direction after the second (يوليو واغسطس 2020،
        حزيران وتموز الماضيين، الجمعة والثلاثاء الماضيين): the first has it too."""
        out = list(cands)
        for i in range(len(out) - 2, -1, -1):
            a, b = out[i], out[i + 1]
            if not (isinstance(a.spec, Spec) and isinstance(b.spec, Spec) and self.and_gap_re.fullmatch(text, a.end, b.start)):
                continue
            sa, sb = a.spec, b.spec
            if any(v is not None for v in (sa.year, sa.year_shift, sa.direction, sa.month_shift, sa.week_shift, sa.day_shift)) \
                    or sa.has_time or sb.has_time or (sa.month is None) != (sb.month is None) \
                    or (sa.weekday is None) != (sb.weekday is None) or sa.hijri != sb.hijri:
                continue
            if sb.year is not None or sb.year_shift is not None or sb.direction is not None:
                spec = replace(sa, year=sb.year, year_shift=sb.year_shift, hijri_year=sb.hijri_year, direction=sb.direction)
                out[i] = Cand(a.start, a.end, spec, a.rank)
        return out

    def coordinated_days(self, text: str, cands: list[Cand]) -> list[Cand]:
        """Days listed before a date (في 5 و6 اغسطس، 3 و4 و5 مايو، الخامس والسادس من يوليو):
        each is a date of its own, in the month (and year) written after the last one."""
        out: list[Cand] = []
        for c in cands:
            s = c.spec
            days = []
            if isinstance(s, Spec) and s.day is not None and s.month is not None and s.nth is None \
                    and s.weekday is None and not s.has_time and not s.hijri:
                floor, pos, last = (out[-1].end if out else 0), c.start, s.day
                while True:
                    m = self.day_list_re.search(text, max(floor, pos - 30), pos)
                    n = self.lex.number(canon(m.group("d"))) if m else None
                    if not n or n >= last:
                        break
                    days.append(Cand(m.start("d"), m.end("d"), replace(s, day=n, ordinal_day=False), c.rank))
                    pos, last = m.start("d"), n
            out.extend(reversed(days))
            out.append(c)
        return out

    def mentions_in(self, norm_text: str) -> list[Cand]:
        cands = self.select(self.candidates(norm_text))
        cands = self.extend_left(norm_text, cands, self.part_re, self.apply_part)
        cands = self.first_or_last(norm_text, cands)
        cands = self.join_time(norm_text, cands)
        cands = self.join_ranges(norm_text, cands)
        cands = self.coordinated_days(norm_text, cands)
        cands = self.share_tail(norm_text, cands)
        cands = self.join_time(norm_text, cands)
        cands = self.extend_left(norm_text, cands, self.day_prefix_re, self.apply_day_prefix)
        for _ in range(2):
            cands = self.extend_left(norm_text, cands, self.prefix_re, self.apply_prefix)
        return cands

    def fiscal_year(self, text: str, c: Cand) -> RangeSpec | None:
        """A fiscal year as months when its sentence names whose it is (العام المالي 2024/2025 of
        Egypt → July 2024 to June 2025; Nvidia's السنة المالية 2026 → February 2025 to January 2026),
        from the lexicon's ``fiscal_calendars``. The first name before it in the sentence decides (the
        subject: قالت أمازون … إن إيرادات السنة المالية), else the nearest after it. None: the years."""
        years = year_values(c.spec)
        if years is None or not self.fiscal_re.search(text, c.start, c.end):
            return None
        lo, hi = sentence_bounds(text, c.start, c.end)
        names = [m for m in self.fiscal_names_re.finditer(text, lo, hi) if m.end() <= c.start or m.start() >= c.end]
        if not names:
            return None
        owner = names[0]  # names are in text order: the first before the mention, or the first after it
        month, naming = self.lex.fiscal_calendars[canon(owner.group("w")).lower()]
        if month == 1 or (len(years) == 2 and years[1] != years[0] + 1):
            return None
        first = years[0] if len(years) == 2 or naming == "start" else years[0] - 1
        return RangeSpec(Spec("month", year=first, month=month), Spec("month", year=first + 1, month=month - 1))

    def find(self, text: str, reference: dt.date | dt.datetime | None, prefer: str = "past") -> list[DateMention]:
        """Date mentions in ``text``, resolved against ``reference`` (None: relative ones stay None)."""
        if prefer not in PREFER:
            raise ValueError(f"prefer must be one of {PREFER}, not {prefer!r}")
        norm = normalize(text)
        ref = Reference.of(reference, prefer)
        out = []
        for c in self.mentions_in(norm.text):
            if story_bound(c.spec):
                spec = story_spec(c.spec, out)
                if spec is None:
                    continue  # في العام نفسه with no date before it
                c = Cand(c.start, c.end, spec, c.rank)
            r = ref if ref is None or ref.prefer != "past" or not cyclic(c.spec) else self.with_tense(ref, norm.text, c)
            try:
                value, used = resolve(self.fiscal_year(norm.text, c) or c.spec, r)
            except Unresolvable:
                continue  # 31 February, a Hijri year out of range: not a date
            s, e = norm.to_original(c.start, c.end)
            if self.not_date_spelling(text[s:e]):
                continue
            grain = value.grain if value is not None else c.spec.grain
            out.append(DateMention(text[s:e], s, e, to_json(value), grain, used and value is not None))
        return out


    def with_tense(self, ref: Reference, text: str, c: Cand) -> Reference:
        """The news (past) reading of one mention: the future one when its clause speaks of the
        future, the strict past after منذ, else the past with the nearer next occurrence allowed."""
        first = text[c.start:c.end].split(maxsplit=1)[0]  # the text is normalised already
        if first in self.past_words or first[1:] in self.past_words:
            return replace(ref, tense="past")
        tense = "future" if first in self.future_words else self.clause_tense(text, c)
        if tense == "future":
            return replace(ref, prefer="future", tense="future")
        return replace(ref, tense="past") if tense == "past" else ref

    def clause_tense(self, text: str, c: Cand, reach: int = 6) -> str | None:
        """future when the mention's clause is about the future: a future marker (سوف، من المقرر)
        or a verb with the future prefix (سيعقد، ستطلق) among the ``reach`` words before it, in its
        sentence, not across a comma that has words after it (الذي سيغادر، قال الاحد is past), nor past a
        relative pronoun (ويقول الخبراء ان الاجتماع الذي عقد الثلاثاء: the relative clause is the date's). A
        bare imperfect verb (يلتقي الرئيس … الثلاثاء) counts for a lone weekday only, in the
        persons that no past verb shares a spelling with (يـ، نـ: تـ is also the past of تبنى،
        تراجع), and not after ان، لم، قبل or with كان in the clause (قبل ان يعلن الوزير الاربعاء،
        وكان المجلس يبحث الاحد are past). past when the nearest marker is one of the past
        (`past_markers`: تم، كان، سبق: الذي تم التوصل اليه في مايو is last May even in March)."""
        lo, _ = sentence_bounds(text, c.start, c.end, reach=80)
        toks = CLAUSE_TOKEN.findall(text, lo, c.start)
        words = 0
        lone_weekday = weekday_only(c.spec)
        for i in range(len(toks) - 1, -1, -1):
            tok = toks[i]
            if not tok[0].isalnum():
                if words:
                    return None
                continue
            words += 1
            if words > reach:
                return None
            w = tok[1:] if len(tok) > 3 and tok[0] in "وف" else tok
            if w in RELATIVE_PRONOUNS:
                return None  # the relative clause is the date's, and its verb came right after the pronoun
            if w in self.future_words or (w[:2] in ("سي", "ست", "سن") and w[1:] in self.verbs):
                return "future"
            if w in self.past_markers:
                return "past"
            if lone_weekday and w[0] in "ين" and w in self.scheduled \
                    and not (i and toks[i - 1] in SUBJUNCTIVE) and not PAST_AUX.intersection(toks[:i]):
                return "future"
        return None


RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي"})
SUBJUNCTIVE = frozenset({"ان", "لم", "قبل", "بعد", "وان", "ولم"})  # an imperfect after them is not future
PAST_AUX = frozenset({"كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا", "فكان", "فكانت"})
CLAUSE_TOKEN = regex.compile(r"[\p{L}\p{N}_]+|[،,:;؛]")


STORY_DATE = regex.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def story_bound(spec) -> bool:
    if isinstance(spec, RangeSpec):
        return any(story_bound(s) for s in (spec.start, spec.end))
    return isinstance(spec, Spec) and spec.story is not None


def story_spec(spec, before: list[DateMention]):
    """A story-relative spec (في ابريل من العام نفسه، في الشهر نفسه، 21 من الشهر ذاته) with the
    year, month or day of the dates the text gave before it: a narrative's "same year" is that
    of the event just told, not the publication's. A month or day is the last date's that has
    one, the year that date's or a later written one's (في 2 سبتمبر … عام 1945، وفي اليوم نفسه: 2
    September 1945; a relative date's year, قبل عام, is the publication's, not the story's). A year
    the words give stays (الشهر نفسه من عام 2015); a relative one counts from the story's (الشهر
    نفسه من العام الماضي: the year before). None when no date before it has the field."""
    if isinstance(spec, RangeSpec):
        ends = [story_spec(s, before) if story_bound(s) else s for s in (spec.start, spec.end)]
        return None if any(e is None for e, s in zip(ends, (spec.start, spec.end)) if s is not None) \
            else RangeSpec(*ends)
    y = None
    for m in reversed(before):
        value = m.value["start"] if isinstance(m.value, dict) else m.value
        parts = STORY_DATE.match(value or "")
        if parts is None or "W" in value or "Q" in value:
            continue
        y0, mo, d = (int(g) if g else None for g in parts.groups())
        has_field = spec.story == "year" or (spec.story == "month" and mo) or (spec.story == "day" and d)
        if y is None and (has_field or not m.resolved):  # a year written, or the date that gives the field
            y = y0
        if not has_field:
            continue
        # a relative year counts from the story's (الشهر نفسه من العام الماضي: a year before it)
        year = {} if spec.year is not None else {"year": y + (spec.year_shift or 0), "year_shift": None}
        if spec.story == "year":
            return replace(spec, story=None, **year)
        if spec.story == "month" and mo:
            return replace(spec, month=mo, story=None, **year)
        if spec.story == "day" and d:
            return replace(spec, month=mo, day=d, story=None, **year)
    return None


def finite_verb(word: str, verbs: frozenset[str], ya_stems: frozenset[str]) -> bool:
    """A finite verb after a year: an imperfect the corpus knows (``imperfect_verbs``: يشهد،
    تشهد), or a past in the third person feminine or plural whose imperfect is a corpus word
    (رصدت of يرصد، تصدرت of يتصدر، أظهروا of يظهر; ``ya_stems``): the forms no counted noun shares
    (2000 بحث is a count; بحثت is not). Normalised spelling."""
    w = word[1:] if len(word) > 3 and word[0] in "وف" else word
    if w in verbs:
        return True
    for suffix in ("ت", "وا"):
        stem = w.removesuffix(suffix)
        if stem != w and len(stem) >= 3 and (stem in ya_stems or (stem[0] == "ا" and stem[1:] in ya_stems)):
            return True
    return False


def feminine_ordinal(word: str | None) -> bool:
    """An ordinal in the feminine (الثالثه، الاولي; normalised spelling)."""
    stem = (word or "").split()[0].removeprefix("ال")
    return stem.endswith("ه") or stem == "اولي"


def cyclic(spec) -> bool:
    """Whether the reading (past, coming) can change the value: an end without its year or shift."""
    if isinstance(spec, RangeSpec):
        return any(x is not None and cyclic(x) for x in (spec.start, spec.end))
    fixed = (spec.year, spec.year_shift, spec.month_shift, spec.week_shift, spec.day_shift, spec.ago, spec.shift)
    return all(v is None for v in fixed) and not spec.now


def weekday_only(spec) -> bool:
    return isinstance(spec, Spec) and spec.weekday is not None and spec.day is None and spec.month is None \
        and spec.week_shift is None and spec.direction is None


def word_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            word, _, n = line.rstrip("\n").partition("\t")
            if n:
                counts[word] = int(n)
    return counts


def imperfect_verbs(counts: dict[str, int], floor: int = 5) -> frozenset[str]:
    """Imperfect verbs (يعقد، تطلق، نعمل), known from the corpus word counts as the words that
    also occur with the future prefix سـ and are at least as common without it (سيارة is not
    سـ + يارة; ساهم, past, is left out with every سا)."""
    return frozenset(w[1:] for w, n in counts.items()
                     if len(w) >= 4 and w[:2] in ("سي", "ست", "سن") and counts.get(w[1:], 0) >= max(floor, n))


def ya_stems(counts: dict[str, int], floor: int = 5) -> frozenset[str]:
    """What follows يـ in the corpus words that begin with it (يرصد → رصد): the stems of
    imperfects, against which a past form is checked (``finite_verb``)."""
    return frozenset(w[1:] for w, n in counts.items() if len(w) >= 4 and w[0] == "ي" and n >= floor)


SENTENCE_END = regex.compile(r"[!?؟\n]|\.(?=\s|$)")


def sentence_bounds(text: str, start: int, end: int, reach: int = 300) -> tuple[int, int]:
    """The sentence around [start, end), at most ``reach`` characters to each side."""
    lo = max(0, start - reach)
    for m in SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    m = SENTENCE_END.search(text, end, min(len(text), end + reach))
    return lo, m.start() if m else min(len(text), end + reach)


def year_values(spec) -> tuple[int, ...] | None:
    """(year,) for a plain Gregorian year, (first, last) for a range of them, else None."""
    def plain(s):
        return isinstance(s, Spec) and s.grain == "year" and s.year is not None and not s.hijri_year \
            and s.month is None and s.period is None
    if plain(spec):
        return (spec.year,)
    if isinstance(spec, RangeSpec) and plain(spec.start) and plain(spec.end):
        return spec.start.year, spec.end.year
    return None


def comparable(a: Spec, b: Spec) -> bool:
    """Two ends that can make a range: both clock times (one may carry the day), or both dates;
    not a bare story date (بين مايو 2013 والشهر نفسه من عام 2015: two dates)."""
    bare_story = (a.story and a.story == a.grain) or (b.story and b.story == b.grain)
    return a.has_time == b.has_time and not a.now and not b.now and not bare_story


def ordered(start: Spec, end: Spec, start_own_year: bool) -> Spec:
    """A start that took its year from the end (من ديسمبر الى فبراير 2025) and falls after the
    end's month belongs to the year before."""
    if not start_own_year and start.year is not None and start.month and end.month and start.month > end.month:
        return replace(start, year=start.year - 1)
    return start
