"""Encoding-variant probe: the same sentence written the ways web news writes it must give the same
entities and dates.

Sentences written by us are clean; news scraped from the web is not: no-break spaces, bidi marks
around Latin names, zero-width joiners, tatweel, Unicode dashes in versions, Arabic-Indic digits and
the Arabic decimal separator, curly or angled quotes, a few diacritics, Persian letter forms. This
probe takes the sentences of the two written probes (``benchmarks/model_contexts.py`` and
``benchmarks/date_contexts.py``; their generators are imported, not copied), applies one variant at a
time, runs the real pipeline on the plain and the varied sentence, and checks

* agreement: the same entities (type and text, compared after undoing the variant with ``canon``)
  and, for dates, the same values;
* offsets: ``original[start:end] == text`` for every mention and claim span, and no span starts or
  ends on whitespace or an invisible control.

    python benchmarks/text_variants.py [--limit 700] [--show 5] [--out /tmp/x/variants.json]

It is a benchmark, not a test: a variant that changes an entity shows up as a disagreement.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import date_contexts  # noqa: E402
import model_contexts  # noqa: E402
from pipeline.doc import Article  # noqa: E402
from pipeline.nlp import load_pipeline  # noqa: E402

NBSP, NNBSP = "\u00a0", "\u202f"
RLM, LRM, ZWNJ, ZWJ, TATWEEL = "\u200f", "\u200e", "\u200c", "\u200d", "\u0640"
INVISIBLE_OR_SPACE = regex.compile(r"[\p{Cf}\p{Z}\s]")
# One word of Latin letters and digits with its inner punctuation (GPT-4o, 2.5, Z.ai), and runs of them.
LATIN_RUN = regex.compile(r"[\p{Latin}\p{N}]+(?:[-.'’ ][\p{Latin}\p{N}]+)*")
HYPHEN_BETWEEN = regex.compile(r"(?<=\S)-(?=\S)")
ARABIC_WORD = regex.compile(r"[\p{Arabic}&&\p{L}]{3,}", regex.V1)
# Letters that join the next one (a tatweel may follow them); ا د ذ ر ز و ة ى ء and hamza forms do not.
NON_JOINING = set("اأإآدذرزوؤةىء")
DASHES = {"u2010": "\u2010", "u2011": "\u2011", "u2012": "\u2012", "u2013": "\u2013", "u2212": "\u2212",
          "ufe63": "\ufe63", "uff0d": "\uff0d"}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
EXTENDED_INDIC = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _each_arabic_word(text: str, fn) -> str:
    return ARABIC_WORD.sub(lambda m: fn(m.group()), text)


def _tatweel(word: str) -> str:
    """A kashida after the first letter that joins the next (news titles stretch words so)."""
    for i in range(len(word) - 1):
        if word[i] not in NON_JOINING:
            return word[:i + 1] + TATWEEL + word[i + 1:]
    return word


def _diacritic(word: str) -> str:
    """A fatha or damma on the first letter of every other word, a shadda on a few: partial vocalisation."""
    mark = "\u064e" if len(word) % 2 else "\u064f"
    out = word[0] + mark + word[1:]
    if len(word) >= 5:
        out = out[:4] + "\u0651" + out[4:]
    return out


def _around_latin(text: str, left: str, right: str) -> str:
    return LATIN_RUN.sub(lambda m: left + m.group() + right, text)


def _quotes(text: str, mapping: dict[str, str]) -> str:
    return "".join(mapping.get(c, c) for c in text)


def _straight_pairs(text: str, open_q: str, close_q: str) -> str:
    """Straight double quotes as an opening/closing pair."""
    out, opening = [], True
    for c in text:
        if c == '"':
            out.append(open_q if opening else close_q)
            opening = not opening
        else:
            out.append(c)
    return "".join(out)


# name → function from the plain sentence to its variant (the same sentence when the variant does not apply)
VARIANTS = {
    "nbsp": lambda t: t.replace(" ", NBSP),
    "narrow_nbsp": lambda t: regex.sub(r" (?=[\p{N}«»\"“”])|(?<=[\p{N}«»\"“”]) ", NNBSP, t),
    "rlm_latin": lambda t: _around_latin(t, RLM, RLM),
    "lrm_latin": lambda t: _around_latin(t, LRM, LRM),
    "embedding_latin": lambda t: _around_latin(t, "\u202a", "\u202c"),
    "isolate_latin": lambda t: _around_latin(t, "\u2066", "\u2069"),
    "zwnj": lambda t: _each_arabic_word(t, lambda w: w[:2] + ZWNJ + w[2:]),
    "zwj_end": lambda t: _each_arabic_word(t, lambda w: w + ZWJ),
    "tatweel": lambda t: _each_arabic_word(t, _tatweel),
    "diacritics": lambda t: _each_arabic_word(t, _diacritic),
    **{f"dash_{k}": (lambda d: lambda t: HYPHEN_BETWEEN.sub(d, t))(v) for k, v in DASHES.items()},
    "arabic_indic": lambda t: t.translate(ARABIC_INDIC),
    "extended_indic": lambda t: t.translate(EXTENDED_INDIC),
    "arabic_decimal": lambda t: regex.sub(r"(?<=\d)\.(?=\d)", "\u066b", t.translate(ARABIC_INDIC)),
    "decimal_sep_only": lambda t: regex.sub(r"(?<=\d)\.(?=\d)", "\u066b", t),
    "curly_quotes": lambda t: _straight_pairs(_quotes(t, {"«": "“", "»": "”"}), "“", "”"),
    "straight_quotes": lambda t: _quotes(t, {"«": '"', "»": '"', "“": '"', "”": '"'}),
    "reversed_curly": lambda t: _quotes(t, {"«": "”", "»": "“"}),  # right-to-left sites swap the pair
    "persian_letters": lambda t: t.translate(str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})),
}

# canon: undo every variant, for comparing mention texts (applied to the plain side too).
_CANON = {NBSP: " ", NNBSP: " ", "\u066b": ".", "\u066c": ",", "ی": "ي", "ک": "ك",
          "«": '"', "»": '"', "“": '"', "”": '"'} | {d: "-" for d in DASHES.values()}


def canon(text: str) -> str:
    out = []
    for c in text:
        c = _CANON.get(c, c)
        if c.isdigit():
            c = str(unicodedata.digit(c, c))
        if unicodedata.category(c) in ("Cf", "Mn") or c == TATWEEL:
            continue
        out.append(c)
    s = "".join(out).replace("ى", "ي")
    return " ".join(s.split())


def mention_keys(doc) -> Counter:
    keys = Counter()
    for m in doc.mentions:
        value = json.dumps(m.value, sort_keys=True) if m.type == "DATE" else None
        keys[(m.type, canon(m.text), value)] += 1
    return keys


def claim_keys(doc) -> Counter:
    return Counter((c.quote_type, canon(c.speaker_span.text) if c.speaker_span else "", canon(c.cue.text),
                    canon(c.content.text)) for c in doc.claims)


def bad_spans(doc) -> list[str]:
    """Spans whose text is not the original slice, or that start or end on whitespace or a control."""
    spans = [(m.text, m.start, m.end, m.type) for m in doc.mentions]
    for c in doc.claims:
        for name, s in (("speaker", c.speaker_span), ("cue", c.cue), ("content", c.content)):
            if s is not None and s.end > s.start:
                spans.append((s.text, s.start, s.end, name))
    out = []
    for text, s, e, kind in spans:
        if doc.text[s:e] != text:
            out.append(f"{kind} slice {text!r} != {doc.text[s:e]!r}")
        elif text and (INVISIBLE_OR_SPACE.match(text[0]) or INVISIBLE_OR_SPACE.match(text[-1])):
            out.append(f"{kind} edge {text!r}")
    return out


def base_sentences(limit: int, seed: int) -> list[tuple[str, str, dt.date | None]]:
    """(group, sentence, published): model-probe recall and precision sentences, date-probe sentences."""
    models, org_aliases, orgs = model_contexts.load_kb(ROOT / "models/kb/entities.jsonl")
    model_aliases = {a.casefold() for e in models for a in e["aliases"]}
    rng = random.Random(seed)
    rec = model_contexts.probe_items(models, org_aliases, None)
    kb_items = [it for it in rec if it[3] != "unknown"]
    out = [("model_kb", it[4], None) for it in rng.sample(kb_items, min(limit, len(kb_items)))]
    out += [("model_unknown", it[4], None) for it in rec if it[3] == "unknown"]
    prec = model_contexts.precision_items(orgs, model_aliases)
    out += [("model_negative", it[3], None) for it in rng.sample(prec, min(limit // 3, len(prec)))]
    pub = date_contexts.PUBLISHED[0]
    seen = set()
    for case in date_contexts.cases_for(pub):
        for frame in case.frames:
            s = frame.replace("{D}", case.expr)
            if s not in seen:
                seen.add(s)
                out.append(("dates", s, pub))
    return out


def run(nlp, texts: list[tuple[str, dt.date | None]]):
    arts = [Article(id=f"v{i}", text=t, published=p) for i, (t, p) in enumerate(texts)]
    docs = []
    for k in range(0, len(arts), 256):
        docs.extend(nlp.pipe(arts[k:k + 256]))
    return docs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=700, help="KB-model sentences sampled from the model probe")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--show", type=int, default=4, help="disagreements printed per variant")
    ap.add_argument("--only", default=None, help="comma-separated variant names")
    ap.add_argument("--out", type=Path, default=None, help="write every disagreement as JSON here")
    args = ap.parse_args(argv)

    base = base_sentences(args.limit, args.seed)
    variants = {k: v for k, v in VARIANTS.items() if not args.only or k in args.only.split(",")}
    nlp = load_pipeline()
    plain_docs = run(nlp, [(s, p) for _, s, p in base])
    jobs = []  # (variant, base index, varied text)
    for name, fn in variants.items():
        for i, (_, s, _) in enumerate(base):
            v = fn(s)
            if v != s:
                jobs.append((name, i, v))
    var_docs = run(nlp, [(v, base[i][2]) for _, i, v in jobs])

    plain_bad = sum(1 for d in plain_docs if bad_spans(d))
    stats: dict[str, Counter] = defaultdict(Counter)
    failures = defaultdict(list)
    for (name, i, v), doc in zip(jobs, var_docs):
        group = base[i][0]
        want, got = mention_keys(plain_docs[i]), mention_keys(doc)
        bad = bad_spans(doc)
        same = want == got
        claims_same = claim_keys(doc) == claim_keys(plain_docs[i])
        st = stats[name]
        st["n"] += 1
        st[f"n_{group}"] += 1
        st["agree"] += same
        st[f"agree_{group}"] += same
        st["offsets_ok"] += not bad
        st["claims_same"] += claims_same
        if not same or bad or not claims_same:
            failures[name].append({"group": group, "plain": base[i][1], "variant": v,
                                   "lost": sorted(map(str, (want - got).elements())),
                                   "gained": sorted(map(str, (got - want).elements())),
                                   "bad_spans": bad,
                                   "claims": [sorted(map(str, claim_keys(plain_docs[i]))), sorted(map(str, claim_keys(doc)))]
                                   if not claims_same else []})

    groups = ["model_kb", "model_unknown", "model_negative", "dates"]
    print(f"Text-variant probe: {len(base)} plain sentences ({', '.join(f'{g} {sum(1 for b in base if b[0] == g)}' for g in groups)}); "
          f"plain sentences with a bad span: {plain_bad}\n")
    print(f"{'variant':18} {'n':>6} {'agree':>7} {'offsets':>8} {'claims':>7}  " + "  ".join(f"{g:>14}" for g in groups))
    total = Counter()
    for name in variants:
        st = stats[name]
        if not st["n"]:
            print(f"{name:18} {0:6d}   (never applies)")
            continue
        total.update(st)
        per = "  ".join(f"{st[f'agree_{g}'] / st[f'n_{g}']:14.3f}" if st[f"n_{g}"] else f"{'-':>14}" for g in groups)
        print(f"{name:18} {st['n']:6d} {st['agree'] / st['n']:7.3f} {st['offsets_ok'] / st['n']:8.3f} "
              f"{st['claims_same'] / st['n']:7.3f}  {per}")
    n = total["n"]
    print(f"{'ALL':18} {n:6d} {total['agree'] / n:7.3f} {total['offsets_ok'] / n:8.3f} {total['claims_same'] / n:7.3f}")

    if args.show:
        print("\nDisagreements (lost | gained | bad spans)")
        for name in variants:
            rows = failures.get(name, [])
            if not rows:
                continue
            print(f"- {name}: {len(rows)}")
            for r in rows[:args.show]:
                print(f"    {r['variant']!r}\n      lost {r['lost']} gained {r['gained']} {r['bad_spans'][:2]} {r['claims'] or ''}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(failures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
