"""Side by side: arclaims' date tagger vs dateparser vs Duckling, on the same Arabic data.

    pip install -c constraints.txt pyduckling-native-phihos dateparser   # benchmark only, not package deps
    python benchmarks/dates_compare.py [--shared ../shared] [--misses arclaims|dateparser|duckling]

Two sets:
- Duckling's Arabic time corpus (``data/dates/duckling_ar_time.jsonl``, 177 lines): each line
  with its reference time and the future reading (``--prefer future``, Duckling's); right when
  one mention spans the whole line with Duckling's value and grain. Plus the 3 negatives.
- The seeds' gold dates (``eval/seeds_gold.jsonl``, 22): found in the article (text contains or
  is contained, as ``eval/score.py`` matches) with the gold value, against the publication date
  with the past reading (dateparser: PREFER_DATES_FROM past; Duckling has no such setting).

Every system's output is first restated in arclaims' value format (ISO at the grain, inclusive
range ends) and scored by ``pipeline.evaluation.dates``, so all three are counted the same way.
dateparser is a parser, not a tagger: on the corpus it parses the whole line, on the seeds
``search_dates`` finds the spans; it reports no hour/minute/second grain, so a clock time counts
when the time matches (lenient), and its value is taken at the start of its period.
Prints a Markdown table; the figures are in docs/dates.md.

``--articles N`` also times arclaims' tagger on the first N articles of the ANT corpus
(``data/corpus/ant_multisource/articles.jsonl``): CPU ms per article, a first pass (the word-probe
cache empty, as in a fresh worker) and a second, and the same articles tagged with the plain
every-rule scan (``DateTagger.candidates_scanned``) for comparison.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.stages.dates.tagger import DateTagger  # noqa: E402
from pipeline.evaluation.dates import (load_jsonl, reference_of, score_duckling, score_gold_dates,  # noqa: E402
                                 seed_articles)
from pipeline.stages.dates.resolve import Moment, Span, to_json  # noqa: E402

TIME_GRAINS = ("hour", "minute", "second")


@dataclass(frozen=True)
class Found:
    text: str
    start: int
    end: int
    value: str | dict | None
    grain: str | None


def period_start(d: dt.datetime, grain: str) -> dt.datetime:
    """The start of the period of a grain that contains d."""
    if grain == "year":
        return dt.datetime(d.year, 1, 1)
    if grain == "quarter":
        return dt.datetime(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    if grain == "month":
        return dt.datetime(d.year, d.month, 1)
    if grain == "week":
        day = d.date() - dt.timedelta(days=d.weekday())
        return dt.datetime(day.year, day.month, day.day)
    if grain == "day":
        return dt.datetime(d.year, d.month, d.day)
    keep = {"hour": dict(minute=0, second=0), "minute": dict(second=0), "second": {}}[grain]
    return d.replace(microsecond=0, **keep)


def iso(d: dt.datetime, grain: str) -> str:
    return Moment(period_start(d, grain), grain).iso()


# ---------------------------------------------------------------- systems


def arclaims_system():
    tagger = DateTagger.load()
    return tagger.find


def dateparser_system():
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def parser(reference, prefer):
        base = reference if isinstance(reference, dt.datetime) else dt.datetime.combine(reference, dt.time())
        return DateDataParser(languages=["ar"], settings={
            "RELATIVE_BASE": base.replace(tzinfo=None), "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True})

    def as_found(text, start, data) -> Found | None:
        if data.date_obj is None:
            return None
        grain = "minute" if data.period == "time" else data.period
        return Found(text, start, start + len(text), iso(data.date_obj, grain), grain)

    def find(text, reference, prefer):
        if len(text.split("\n")) == 1 and len(text) < 80:  # a corpus line: parse it whole
            f = as_found(text, 0, parser(reference, prefer).get_date_data(text))
            return [f] if f else []
        base = reference if isinstance(reference, dt.datetime) else dt.datetime.combine(reference, dt.time())
        hits = search_dates(text, languages=["ar"], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True}) or []
        out, pos, p = [], 0, parser(reference, prefer)
        for span, _ in hits:
            start = text.find(span, pos)
            pos = max(pos, start + len(span))
            f = as_found(span, start, p.get_date_data(span))
            if f:
                out.append(f)
        return out

    return find


def duckling_system():
    import duckling

    duckling.init()
    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    lang = duckling.parse_lang("AR")
    locale = duckling.default_locale_lang(lang)
    dims = duckling.parse_dimensions(["time"])
    contexts = {}

    def context(reference):
        if reference not in contexts:
            if isinstance(reference, dt.datetime) and reference.utcoffset() is not None:
                hours = int(reference.utcoffset().total_seconds() // 3600)
                zone = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"
                stamp = int(reference.timestamp())
            else:
                zone, stamp = "UTC", int(dt.datetime.combine(reference, dt.time(), dt.timezone.utc).timestamp())
            contexts[reference] = duckling.Context(duckling.parse_ref_time(zones, zone, stamp), locale)
        return contexts[reference]

    def local(s: str) -> dt.datetime:
        return dt.datetime.fromisoformat(s).replace(tzinfo=None)

    def value_of(v: dict):
        """Duckling's value restated: an interval's exclusive end becomes an inclusive one."""
        if v.get("type") == "interval":
            frm, to = v.get("from"), v.get("to")
            start = Moment(period_start(local(frm["value"]), frm["grain"]), frm["grain"]) if frm else None
            end = None
            if to:
                end = Moment(period_start(step_back(local(to["value"]), to["grain"]), to["grain"]), to["grain"])
            span = Span(start, end)
            return to_json(span), span.grain
        return iso(local(v["value"]), v["grain"]), v["grain"]

    def find(text, reference, prefer):
        raw = duckling.parse_text(text, context(reference), dims, False)
        out = []
        for e in json.loads(raw):
            value, grain = value_of(e["value"])
            out.append(Found(text[e["start"]:e["end"]], e["start"], e["end"], value, grain))
        return out

    return find


def step_back(d: dt.datetime, grain: str) -> dt.datetime:
    """One unit of a grain before d (an exclusive end made inclusive)."""
    if grain in ("second", "minute", "hour", "day", "week"):
        return d - dt.timedelta(**{grain + "s": 1})
    months = {"month": 1, "quarter": 3, "year": 12}[grain]
    k = d.year * 12 + d.month - 1 - months
    return d.replace(year=k // 12, month=k % 12 + 1)


SYSTEMS = {"arclaims": arclaims_system, "dateparser": dateparser_system, "duckling": duckling_system}


# ---------------------------------------------------------------- scoring


def run_system(name, make, corpus, negatives, seeds):
    try:
        find = make()
    except ImportError as e:
        return {"name": name, "error": f"not installed ({e.name})"}
    corpus_find = time_lenient(find, corpus) if name == "dateparser" else find
    t = time.perf_counter()
    duck = score_duckling(corpus_find, corpus, prefer="future")
    ms = (time.perf_counter() - t) / len(corpus) * 1000
    neg = sum(1 for r in negatives if find(r["text"], reference_of(r), "future"))
    gold = score_gold_dates(find, seeds, prefer="past")
    return {"name": name, "duck": duck, "ms": ms, "neg": neg, "gold": gold}


def time_lenient(find, corpus):
    """Wrap dateparser for the corpus: a time-of-day answer takes the line's expected grain."""
    expected = {r["text"]: r["grain"] for r in corpus}

    def wrapped(text, reference, prefer):
        out = []
        for f in find(text, reference, prefer):
            want = expected.get(text)
            if f.grain == "minute" and want in TIME_GRAINS and isinstance(f.value, str):
                d = dt.datetime.fromisoformat(f.value)
                f = Found(f.text, f.start, f.end, iso(d, want), want)
            out.append(f)
        return out
    return wrapped


def table(results, n_corpus, n_neg, n_gold) -> str:
    lines = [f"| system | Duckling AR time corpus, value+grain (of {n_corpus}) | negatives tagged (of {n_neg}) "
             f"| seeds' gold dates, value right (of {n_gold}) | ms per corpus line |",
             "|---|---|---|---|---|"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['name']} | {r['error']} | | | |")
            continue
        d, g = r["duck"], r["gold"]
        lines.append(f"| {r['name']} | {d.right} ({d.rate:.1%}) | {r['neg']} | {g.right} ({g.rate:.0%}) | {r['ms']:.2f} |")
    return "\n".join(lines)


def article_speed(shared: Path, n: int) -> str:
    """CPU ms per article of ``DateTagger.find`` on the first n ANT articles (see the docstring)."""
    arts = []
    with open(shared / "data" / "corpus" / "ant_multisource" / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            if len(arts) >= n:
                break
            arts.append(json.loads(line)["text"])
    reference = dt.date(2025, 8, 8)

    def ms_per_article(tagger) -> float:
        t = time.process_time()
        for text in arts:
            tagger.find(text, reference)
        return (time.process_time() - t) / len(arts) * 1000

    tagger = DateTagger.load()
    first, second = ms_per_article(tagger), ms_per_article(tagger)
    scanning = DateTagger.load()
    scanning.candidates = scanning.candidates_scanned
    scanned = ms_per_article(scanning)
    chars = sum(map(len, arts)) / len(arts)
    return (f"{len(arts)} ANT articles ({chars:.0f} characters on average), CPU ms per article: "
            f"{first:.2f} first pass, {second:.2f} second pass; every rule scanning the whole text: {scanned:.2f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared data folder")
    ap.add_argument("--systems", default="arclaims,dateparser,duckling")
    ap.add_argument("--misses", choices=list(SYSTEMS), help="also list one system's misses")
    ap.add_argument("--articles", type=int, default=0, help="also time arclaims on this many ANT articles")
    args = ap.parse_args(argv)
    data = args.shared / "data" / "dates"
    corpus = load_jsonl(data / "duckling_ar_time.jsonl")
    negatives = load_jsonl(data / "duckling_ar_time_negative.jsonl")
    seeds = seed_articles(args.shared)
    n_gold = sum(len(g) for _, _, g in seeds)
    results = [run_system(n, SYSTEMS[n], corpus, negatives, seeds) for n in args.systems.split(",")]
    print(table(results, len(corpus), len(negatives), n_gold))
    for r in results:
        if r["name"] == args.misses and "error" not in r:
            print(f"\n{r['name']} misses on the Duckling corpus:")
            print("\n".join("- " + m for m in r["duck"].misses))
            print(f"\n{r['name']} misses on the seeds' gold dates:")
            print("\n".join("- " + m for m in r["gold"].misses))
    if args.articles:
        print("\n" + article_speed(args.shared, args.articles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
