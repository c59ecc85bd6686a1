"""Calendar side of the date tagger: what a matched expression means, and its ISO value.

The grammar (``pipeline.stages.dates.tagger``) turns a match into a ``Spec``: the calendar fields the
words fixed (year, month, day, weekday, hour...) and the relative ones (a shift from the
reference's day, week, month or year; "N units ago"; a strict direction from الماضي/المقبل).
``resolve`` fills in what the words left open from the reference date, with the preference
for underspecified expressions ("past" for news, "future" for Duckling's reading).

Values are naive local date-times (the reference's own clock); a value is a ``Moment`` (the
start of a period and its grain) or a ``Span`` of two moments, both ends inclusive.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from hijridate import Gregorian, Hijri

GRAINS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year")
UNIT_GRAIN = {"second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "day",
              "month": "month", "quarter": "quarter", "year": "year", "decade": "year", "century": "year"}
UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
UNIT_DAYS = {"day": 1, "week": 7}
UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600}


class NeedsReference(Exception):
    """The expression is relative and there is no reference date."""


class Unresolvable(Exception):
    """The fields do not make a calendar date (31 February, a Hijri year out of range)."""


@dataclass(frozen=True)
class Spec:
    """What an expression's words fix; ``None`` is "not said". Weekday 0 is Monday."""

    grain: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    minus: int = 0  # minutes before the hour (الثالثة الا ربع)
    daypart: str | None = None  # am | pm | noon | night
    explicit24: bool = False  # 09:00, 15:15: the hour is not a 12-hour one
    tz: float | None = None  # hours east of UTC of the written clock time
    year_shift: int | None = None
    month_shift: int | None = None
    week_shift: int | None = None
    day_shift: int | None = None
    direction: int | None = None  # -1 strictly past, +1 strictly future, 0 the current one
    ordinal_day: bool = False  # the day was an ordinal word: may be the nth weekday
    nth: int | None = None  # nth weekday/week/day of the month; -1 is the last
    nth_of: str | None = None  # weekday | week | day
    month_days: tuple[int, int] | None = None  # part of a month (اوائل = 1-10)
    period: tuple | None = None  # (quarter, q) (half, h) (season, m1, m2) (decade, yy) (century, c) (new_year,)
    hijri: bool = False  # month/day (and year when hijri_year) are Hijri
    hijri_year: bool = False
    holiday: tuple | None = None  # (gregorian, m, d) (hijri, m, d) (easter, offset)
    ago: tuple[str, int] | None = None  # (unit, signed count) from the reference
    shift: tuple[str, int] | None = None  # the unit's period k steps from the reference's (الربع الماضي)
    now: bool = False
    anchor: Spec | None = None  # "third Tuesday after Christmas": the day counted from
    story: str | None = None  # year | month | day taken from the story's last date (العام نفسه); the tagger fills it

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    @property
    def has_date(self) -> bool:
        return any(v is not None for v in (self.year, self.month, self.day, self.weekday, self.year_shift,
                                            self.month_shift, self.week_shift, self.day_shift, self.holiday,
                                            self.period, self.nth)) or self.hijri


@dataclass(frozen=True)
class RangeSpec:
    """Two specs read together (من … الى …); an open side is ``None``."""

    start: Spec | None
    end: Spec | None

    @property
    def grain(self) -> str:
        return finest(s.grain for s in (self.start, self.end) if s)


@dataclass(frozen=True)
class Reference:
    """The reference instant (naive local), whether it had a clock time, its UTC offset."""

    now: dt.datetime
    has_time: bool
    utc_offset: float | None
    prefer: str  # past | future
    tense: str | None = None  # future: the clause speaks of the future (سيعقد، من المقرر), a weekday may be today;
    # past: it cannot (منذ), the latest occurrence that has begun even when the next is nearer

    @classmethod
    def of(cls, ref: dt.date | dt.datetime | None, prefer: str) -> Reference | None:
        if ref is None:
            return None
        if isinstance(ref, dt.datetime):
            off = ref.utcoffset()
            hours = off.total_seconds() / 3600 if off is not None else None
            return cls(ref.replace(tzinfo=None), True, hours, prefer)
        return cls(dt.datetime(ref.year, ref.month, ref.day), False, None, prefer)

    @property
    def today(self) -> dt.date:
        return self.now.date()


class Anchor:
    """Hands out the reference and remembers whether the value needed it."""

    def __init__(self, ref: Reference | None):
        self._ref = ref
        self.used = False

    def peek(self) -> Reference | None:
        """The reference without marking it used (a convention that only looks at it)."""
        return self._ref

    def get(self) -> Reference:
        self.used = True
        if self._ref is None:
            raise NeedsReference
        return self._ref


@dataclass(frozen=True)
class Moment:
    start: dt.datetime
    grain: str

    def iso(self) -> str:
        d, g = self.start, self.grain
        if g == "year":
            return f"{d.year:04d}"
        if g == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "week":
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}"
        if g == "day":
            return d.date().isoformat()
        if g == "second":
            return d.strftime("%Y-%m-%dT%H:%M:%S")
        return d.strftime("%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class Span:
    start: Moment | None
    end: Moment | None

    @property
    def grain(self) -> str:
        return finest(m.grain for m in (self.start, self.end) if m)


def finest(grains) -> str:
    """The finest of some grains (a range's grain is that of its finer end)."""
    return min(grains, key=GRAINS.index)


def to_json(value: Moment | Span | None) -> str | dict | None:
    if value is None:
        return None
    if isinstance(value, Span):
        return {"start": value.start.iso() if value.start else None, "end": value.end.iso() if value.end else None}
    return value.iso()


# ---------------------------------------------------------------- calendar helpers


def day_moment(d: dt.date) -> Moment:
    return Moment(dt.datetime(d.year, d.month, d.day), "day")


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def month_last(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def safe_date(y: int, m: int, d: int) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError as e:
        raise Unresolvable(str(e)) from None


def monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The nth (1-based; -1 last) given weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        d = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = dt.date(year, month, month_last(year, month))
        d = last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    if d.month != month:
        raise Unresolvable("no such weekday in the month")
    return d


def nth_week(year: int, month: int, n: int) -> dt.date:
    """Monday of the nth (or last, -1) Monday-to-Sunday week lying wholly inside the month."""
    first, last = dt.date(year, month, 1), dt.date(year, month, month_last(year, month))
    if n > 0:
        return first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7 * (n - 1))
    return last - dt.timedelta(days=(last.weekday() + 1) % 7 + 6)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def hijri_day(hy: int, hm: int, hd: int) -> dt.date:
    try:
        g = Hijri(hy, hm, hd).to_gregorian()
    except (ValueError, OverflowError) as e:
        raise Unresolvable(str(e)) from None
    return dt.date(g.year, g.month, g.day)


def hijri_month_span(hy: int, hm: int) -> tuple[dt.date, dt.date]:
    first = hijri_day(hy, hm, 1)
    try:
        length = Hijri(hy, hm, 1).month_length()
    except (ValueError, OverflowError) as e:
        raise Unresolvable(str(e)) from None
    return first, first + dt.timedelta(days=length - 1)


def hijri_year_of(d: dt.date) -> int:
    try:
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError) as e:
        raise Unresolvable(str(e)) from None


def pick(keys, span_of, today: dt.date, prefer: str, direction: int | None, nearest: bool = True):
    """Among cyclic candidates (years, Hijri years) pick the one the reading wants.

    Without a direction word: "future" takes the earliest not yet over (Duckling reads "Feb 1st"
    in February as this Feb); "past" (news) the latest that has begun, unless (``nearest``) the next
    one begins less than a third as far ahead as that one ended behind (في 15 يوليو in early June is
    next month's, not last year's: news names a date that far back with its year). With الماضي/المقبل the
    candidate must lie wholly before/after; with الحالي it contains the reference or, failing that,
    follows the preference.
    """
    spans = []
    for k in keys:
        try:
            spans.append((k, span_of(k)))
        except Unresolvable:
            continue
    if direction == 0 and spans:  # الحالي/الجاري: the one containing the reference, else the nearest
        return min(spans, key=lambda ks: max((ks[1][0] - today).days, (today - ks[1][1]).days, 0))[0]
    if direction == -1 or (direction is None and prefer == "past"):
        ok = [(a, k, b) for k, (a, b) in spans if (b < today if direction == -1 else a <= today)]
        if ok:
            a, k, b = max(ok)
            if direction is None and nearest:
                ahead = [(a2, k2) for k2, (a2, _) in spans if a2 > today]
                if ahead and 3 * (min(ahead)[0] - today).days < max(0, (today - b).days):
                    return min(ahead)[1]
            return k
    else:
        ok = [k for k, (a, b) in spans if (a > today if direction == 1 else b >= today)]
        if ok:
            return min(ok, key=lambda k: dict(spans)[k][0])
    raise Unresolvable("no candidate")


def preferred_order(keys, span_of, today, prefer, direction, nearest=True):
    """All candidate keys, the picked one first, then the others nearest to it."""
    best = pick(keys, span_of, today, prefer, direction, nearest)
    return sorted(keys, key=lambda k: (abs(k - best), k < best if prefer == "future" else k > best))


# ---------------------------------------------------------------- resolution


def resolve(spec: Spec | RangeSpec, ref: Reference | None) -> tuple[Moment | Span | None, bool]:
    """The value of a spec and whether the reference was needed (``None``: there is none).

    Raises ``Unresolvable`` when the words do not make a date even with a reference.
    """
    anchor = Anchor(ref)
    try:
        if isinstance(spec, RangeSpec):
            value = Span(*(resolve_one(s, anchor) if s else None for s in (spec.start, spec.end)))
            value = Span(as_moment(value.start, "start"), as_moment(value.end, "end"))
            if value.start and value.end and value.end.start < value.start.start and lone_weekday(spec.end):
                # من الاثنين حتى الخميس read on a Wednesday: the Thursday after that Monday
                value = Span(value.start, Moment(value.end.start + dt.timedelta(days=7), value.end.grain))
            if value.start and value.end and value.end.start < value.start.start and floating_month(spec.start):
                # بين يناير ومارس الماضيين read in November: the start is the last January before that March
                y = value.end.start.year
                start = as_moment(resolve_one(replace(spec.start, year=y), anchor), "start")
                if start.start > value.end.start:
                    start = as_moment(resolve_one(replace(spec.start, year=y - 1), anchor), "start")
                value = Span(start, value.end)
        else:
            value = resolve_one(spec, anchor)
    except NeedsReference:
        return None, True
    except (ValueError, OverflowError) as e:  # a calendar out of range (القرن الاول = year 0)
        raise Unresolvable(str(e)) from None
    return value, anchor.used


def lone_weekday(s: Spec | None) -> bool:
    """A weekday with nothing else to place it (no date, shift or direction)."""
    return s is not None and s.weekday is not None and s.day is None and s.month is None and s.week_shift is None \
        and s.day_shift is None and s.direction is None and s.year is None


def floating_month(s: Spec | None) -> bool:
    """A Gregorian month (with or without a day) that no year, shift or direction places."""
    return s is not None and s.month is not None and not s.hijri and s.year is None and s.year_shift is None \
        and s.month_shift is None and s.direction is None


def as_moment(v: Moment | Span | None, side: str) -> Moment | None:
    """A range side that is itself a span (أوائل مارس الى …) contributes its own end."""
    if isinstance(v, Span):
        return v.start if side == "start" else v.end
    return v


def resolve_one(s: Spec, a: Anchor) -> Moment | Span:
    if s.now:
        r = a.get()
        return Moment(r.now, "second") if r.has_time else day_moment(r.today)
    if s.ago:
        return resolve_ago(*s.ago, a)
    if s.shift:
        return period_at(*s.shift, a)
    if s.period:
        return resolve_period(s, a)
    if s.anchor is not None:
        return resolve_after(s, a)
    date = resolve_date(s, a) if s.has_date else None
    if s.has_time:
        return resolve_time(s, date, a)
    if date is None:
        raise Unresolvable("empty spec")
    return date


def resolve_ago(unit: str, n: int, a: Anchor) -> Moment:
    r = a.get()
    if unit in UNIT_SECONDS:
        delta = dt.timedelta(seconds=UNIT_SECONDS[unit] * n)
        if not r.has_time:  # only whole days move a date (خلال 48 ساعة: two days on)
            return day_moment(r.today + dt.timedelta(days=int(delta / dt.timedelta(days=1))))
        return Moment(r.now + delta, unit)
    if unit in UNIT_DAYS:
        return day_moment(r.today + dt.timedelta(days=UNIT_DAYS[unit] * n))
    y, m = add_months(r.now.year, r.now.month, UNIT_MONTHS[unit] * n)
    grain = UNIT_GRAIN[unit]
    return Moment(dt.datetime(y, 1 if grain == "year" else m, 1), grain)


def period_at(unit: str, k: int, a: Anchor) -> Moment | Span:
    """The period of a unit k steps from the reference's (الاسبوع الماضي = week, -1)."""
    r = a.get()
    if unit in UNIT_SECONDS:
        if not r.has_time:
            return day_moment(r.today)
        base = r.now.replace(second=0, microsecond=0) if unit != "second" else r.now
        if unit == "hour":
            base = base.replace(minute=0)
        return Moment(base + dt.timedelta(seconds=UNIT_SECONDS[unit] * k), unit)
    if unit == "day":
        return day_moment(r.today + dt.timedelta(days=k))
    if unit == "week":
        d = monday(r.today) + dt.timedelta(days=7 * k)
        return Moment(dt.datetime(d.year, d.month, d.day), "week")
    if unit in ("decade", "century"):
        size = 10 if unit == "decade" else 100
        y0 = r.now.year // size * size + size * k
        return Span(Moment(dt.datetime(y0, 1, 1), "year"), Moment(dt.datetime(y0 + size - 1, 1, 1), "year"))
    y, m = r.now.year, r.now.month
    if unit == "quarter":
        m = (m - 1) // 3 * 3 + 1
    elif unit == "year":
        m = 1
    y, m = add_months(y, m, UNIT_MONTHS[unit] * k)
    return Moment(dt.datetime(y, m, 1), UNIT_GRAIN[unit])


def resolve_year(s: Spec, a: Anchor) -> int | None:
    if s.year is not None and not s.hijri_year:
        return s.year
    if s.year_shift is not None:
        return a.get().now.year + s.year_shift
    return None


def resolve_period(s: Spec, a: Anchor) -> Moment | Span:
    kind = s.period[0]
    if kind == "new_year":  # العام الجديد: the coming year from July on, the current one before
        today = a.get().today
        return Moment(dt.datetime(today.year + (today.month >= 7), 1, 1), "year")
    if kind in ("decade", "century"):
        return resolve_long_period(s, a)
    year = resolve_year(s, a)
    if kind == "quarter":
        q = s.period[1]
        if year is None:
            today = a.get().today
            year = pick(range(today.year - 2, today.year + 3), lambda y: quarter_span(y, q), today,
                        a.get().prefer, s.direction, a.get().tense != "past")
        return Moment(dt.datetime(year, 3 * q - 2, 1), "quarter")
    if kind == "half":
        if year is None:
            raise Unresolvable("half without a year")
        first = 1 if s.period[1] == 1 else 7
        return Span(Moment(dt.datetime(year, first, 1), "month"), Moment(dt.datetime(year, first + 5, 1), "month"))
    m1, m2 = s.period[1], s.period[2]
    if year is None:
        today = a.get().today
        year = pick(range(today.year - 2, today.year + 3), lambda y: season_span(y, m1, m2), today,
                    a.get().prefer, s.direction, a.get().tense != "past")
    a_, b_ = season_span(year, m1, m2)
    return Span(Moment(dt.datetime(a_.year, a_.month, 1), "month"), Moment(dt.datetime(b_.year, b_.month, 1), "month"))


def quarter_span(year: int, q: int) -> tuple[dt.date, dt.date]:
    m = 3 * q
    return dt.date(year, m - 2, 1), dt.date(year, m, month_last(year, m))


def season_span(year: int, m1: int, m2: int) -> tuple[dt.date, dt.date]:
    """A season of a year; a winter (December to February) of YEAR starts in YEAR-1."""
    y1 = year - 1 if m1 > m2 else year
    return dt.date(y1, m1, 1), dt.date(year, m2, month_last(year, m2))


def resolve_long_period(s: Spec, a: Anchor) -> Span:
    kind, n = s.period[0], s.period[1]
    if kind == "century":
        y0 = (n - 1) * 100
        return Span(Moment(dt.datetime(y0, 1, 1), "year"), Moment(dt.datetime(y0 + 99, 1, 1), "year"))
    if n >= 100:  # a decade whose century is known
        y0 = n
    elif len(s.period) > 2:  # تسعينيات القرن الماضي: the century is relative
        y0 = (a.get().now.year // 100 + s.period[2]) * 100 + n
    else:  # التسعينيات: the latest such decade that has begun by the reference
        year = a.get().now.year
        y0 = year // 100 * 100 + n
        if y0 > year:
            y0 -= 100
    return Span(Moment(dt.datetime(y0, 1, 1), "year"), Moment(dt.datetime(y0 + 9, 1, 1), "year"))


def resolve_after(s: Spec, a: Anchor) -> Moment:
    """The nth weekday after (or before) an anchor day: ثالث ثلاثاء بعد كريسماس."""
    base = resolve_one(s.anchor, a)
    d = base.start.date() if isinstance(base, Moment) else base.start.start.date()
    step = 1 if s.nth > 0 else -1
    first = d + dt.timedelta(days=step * (((s.weekday - d.weekday()) * step - 1) % 7 + 1))
    return day_moment(first + dt.timedelta(days=7 * (s.nth - step)))


def resolve_date(s: Spec, a: Anchor) -> Moment | Span:
    if s.day_shift is not None:
        return day_moment(a.get().today + dt.timedelta(days=s.day_shift))
    if s.week_shift is not None:
        start = monday(a.get().today) + dt.timedelta(days=7 * s.week_shift)
        if s.weekday is None:
            return Moment(dt.datetime(start.year, start.month, start.day), "week")
        return day_moment(start + dt.timedelta(days=s.weekday))
    if s.holiday is not None:
        return resolve_holiday(s, a)
    if s.hijri:
        return resolve_hijri(s, a)
    if s.month is None and s.month_shift is None:
        return resolve_no_month(s, a)
    year, month = resolve_month(s, a)
    return within_month(s, year, month)


def resolve_no_month(s: Spec, a: Anchor) -> Moment:
    year = resolve_year(s, a)
    if year is not None and s.day is None and s.weekday is None:
        return Moment(dt.datetime(year, 1, 1), "year")
    if s.day is not None:
        return day_moment(search_day(s, a.get()))
    if s.weekday is not None:
        return day_moment(resolve_weekday(s.weekday, s.direction, a.get()))
    raise Unresolvable("no date fields")


def resolve_weekday(weekday: int, direction: int | None, r: Reference) -> dt.date:
    """Past reading: the latest such day up to the reference (today included), or, when the
    clause speaks of the future (``tense``), the first from the reference on; future
    reading (Duckling's): the next one after it; الماضي/القادم exclude the reference day."""
    back = (r.today.weekday() - weekday) % 7
    ahead = (weekday - r.today.weekday() - 1) % 7 + 1
    if direction is None and r.tense == "future":  # ستعقد الثلاثاء on a Tuesday: today
        return r.today + dt.timedelta(days=(weekday - r.today.weekday()) % 7)
    if direction == -1:
        return r.today - dt.timedelta(days=back or 7)
    if direction == 1 or (direction is None and r.prefer == "future"):
        return r.today + dt.timedelta(days=ahead)
    return r.today - dt.timedelta(days=back)


def search_day(s: Spec, r: Reference) -> dt.date:
    """A day of the month without a month (السبت السادس عشر): the nearest such date
    (and weekday) on the preferred side of the reference."""
    step = 1 if r.prefer == "future" else -1
    y, m = r.today.year, r.today.month
    for _ in range(24):
        if s.day <= month_last(y, m):
            d = dt.date(y, m, s.day)
            on_side = d >= r.today if step > 0 else d <= r.today
            if on_side and (s.weekday is None or d.weekday() == s.weekday):
                return d
        y, m = add_months(y, m, step)
    raise Unresolvable("no such day")


def resolve_month(s: Spec, a: Anchor) -> tuple[int, int]:
    if s.month_shift is not None:
        now = a.get().now
        return add_months(now.year, now.month, s.month_shift)
    year = resolve_year(s, a)
    if year is not None:
        return year, s.month
    today = a.get().today
    years = range(today.year - 3, today.year + 4)
    def span(y: int) -> tuple[dt.date, dt.date]:
        """The month; with الماضي/المقبل and a day, the day (6 مايو الماضي late in May is this May's)."""
        if s.direction in (-1, 1) and s.day is not None and s.day <= month_last(y, s.month):
            return dt.date(y, s.month, s.day), dt.date(y, s.month, s.day)
        return dt.date(y, s.month, 1), dt.date(y, s.month, month_last(y, s.month))
    order = preferred_order(years, span, today, a.get().prefer, s.direction, a.get().tense != "past")
    if s.weekday is not None and s.day is not None:  # الخميس 15 اغسطس: the year where it is a Thursday
        for y in order[:3]:
            if s.day <= month_last(y, s.month) and dt.date(y, s.month, s.day).weekday() == s.weekday:
                return y, s.month
    return order[0], s.month


def within_month(s: Spec, year: int, month: int) -> Moment | Span:
    if s.nth is not None:
        if s.nth_of == "weekday":
            return day_moment(nth_weekday(year, month, s.weekday, s.nth))
        if s.nth_of == "week":
            d = nth_week(year, month, s.nth)
            return Moment(dt.datetime(d.year, d.month, d.day), "week")
        day = month_last(year, month) if s.nth == -1 else s.nth
        return day_moment(safe_date(year, month, day))
    if s.day is not None:
        if s.weekday is not None and s.ordinal_day and s.day <= 5:
            d = safe_date(year, month, s.day)
            if d.weekday() != s.weekday:  # الثلاثاء الثالث من ايلول: the third Tuesday
                return day_moment(nth_weekday(year, month, s.weekday, s.day))
        return day_moment(safe_date(year, month, s.day))
    if s.month_days:
        last = month_last(year, month)
        return Span(day_moment(dt.date(year, month, min(s.month_days[0], last))),
                    day_moment(dt.date(year, month, min(s.month_days[1], last))))
    return Moment(dt.datetime(year, month, 1), "month")


def resolve_hijri(s: Spec, a: Anchor) -> Moment | Span:
    """A Hijri month (and day): its Gregorian day or span of days."""
    def span_of(hy: int) -> tuple[dt.date, dt.date]:
        if s.day is not None:
            d = hijri_day(hy, s.month, s.day)
            return d, d
        return hijri_month_span(hy, s.month)

    if s.month is None:  # a Hijri year (عام 1446 هـ)
        return Span(day_moment(hijri_day(s.year, 1, 1)), day_moment(hijri_month_span(s.year, 12)[1]))
    if s.hijri_year:
        hy = s.year
    elif s.year is not None or s.year_shift is not None:  # رمضان 2019: the one that begins in 2019
        gy = resolve_year(s, a)
        h0 = hijri_year_of(dt.date(gy, 1, 1))
        hy = next((h for h in (h0, h0 + 1) if span_of(h)[0].year == gy), None)
        if hy is None:
            raise Unresolvable("no such Hijri month in that year")
    else:
        today = a.get().today
        h0 = hijri_year_of(today)
        hy = pick(range(h0 - 2, h0 + 3), span_of, today, a.get().prefer, s.direction, a.get().tense != "past")
    first, last = span_of(hy)
    return day_moment(first) if s.day is not None else Span(day_moment(first), day_moment(last))


def resolve_holiday(s: Spec, a: Anchor) -> Moment:
    kind = s.holiday[0]
    if kind == "hijri":
        return resolve_hijri(replace(s, holiday=None, hijri=True, month=s.holiday[1], day=s.holiday[2]), a)

    def on(y: int) -> dt.date:
        if kind == "easter":
            return easter(y) + dt.timedelta(days=s.holiday[1])
        return safe_date(y, s.holiday[1], s.holiday[2])

    year = resolve_year(s, a)
    if year is None:
        today = a.get().today
        year = pick(range(today.year - 2, today.year + 3), lambda y: (on(y), on(y)), today, a.get().prefer,
                    s.direction, a.get().tense != "past")
    return day_moment(on(year))


# ---------------------------------------------------------------- clock times


# A 12-hour clock time without a day part, when the reference has no clock time to take the
# nearest occurrence from, is read as a news story's working day: 1-5 o'clock is the afternoon
# (الساعة 3:15 → 15:15), 6-12 stay as written.
AFTERNOON_LAST = 5


def apply_daypart(hour: int, daypart: str | None) -> int:
    if daypart == "am":
        return 0 if hour == 12 else hour
    if daypart == "pm":
        return hour + 12 if hour < 12 else hour
    if daypart == "noon":
        return hour + 12 if hour < 6 else hour
    if daypart == "night":
        return 0 if hour == 12 else hour + 12 if 6 <= hour < 12 else hour
    return hour


def resolve_time(s: Spec, date: Moment | Span | None, a: Anchor) -> Moment:
    hour, minute = s.hour, s.minute or 0
    if s.minus:
        hour, minute = (hour - 1) % 24, 60 - s.minus
    hour = apply_daypart(hour, s.daypart)
    grain = "second" if s.second is not None else "minute" if (s.minute is not None or s.minus) else "hour"
    ambiguous = s.daypart is None and not s.explicit24 and 1 <= hour <= 12
    ref = a.peek()
    if ambiguous and hour <= AFTERNOON_LAST and (ref is None or not ref.has_time):
        hour += 12  # الساعة 3:15 in a news story: the afternoon (1-5 at night is written فجرا)
    if isinstance(date, Span):
        raise Unresolvable("a time on a span")
    if date is not None:
        base = dt.datetime.combine(date.start.date(), dt.time(hour % 24, minute, s.second or 0))
    else:
        r = a.get()
        base = dt.datetime.combine(r.today, dt.time(hour % 24, minute, s.second or 0))
        if ambiguous and r.has_time:
            base = nearest_clock(base, r)
    if s.tz is not None:
        r = a.get()
        if r.utc_offset is not None:
            base += dt.timedelta(hours=r.utc_offset - s.tz)
            grain = finest((grain, "minute"))  # an offset may be fractional
    return Moment(base, grain)


def nearest_clock(base: dt.datetime, r: Reference) -> dt.datetime:
    """A 12-hour clock time with no day part: the occurrence the preference wants."""
    h = base.hour % 12
    options = [base.replace(hour=hh) + dt.timedelta(days=k) for k in (-1, 0, 1) for hh in (h, h + 12)]
    if r.prefer == "future":
        return min(o for o in options if o > r.now)
    return max(o for o in options if o <= r.now)
