"""Score a run's output folder against a gold file, as the project's gold files are scored.

The matching is the shared scorer's (``../shared/eval/score.py``), written again for the
project so a user who annotates their own news in the gold format (``docs/evaluation.md``)
can measure arclaims on it and get the figures the project reports:

- spellings are compared after :func:`normalise` (no diacritics, tatweel, punctuation or case;
  one alef, ya and ha form), with or without a one-letter proclitic and the article ال;
- entities: a predicted spelling (type + text) is right when it shares a spelling with a gold
  entity of its type; one that only matches an optional entity is not counted;
- dates: a gold date is found by a DATE mention whose text contains it or lies inside it;
- claims: same speaker (a spelling in common) and content overlap (the prediction holds at
  least half of the gold content's words, and at least 30% of its own words are in it); each
  prediction matches one gold claim at most, gold claims taking the best prediction in turn.

Every function here is pure: gold and predictions in, scores and misses out.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

# ----------------------------------------------------------------------------- normalisation

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # and tatweel
SEPARATORS = re.compile(r"[\s\"'“”«»‘’(),.،؛:!?؟\-–—/\\\[\]{}]+")
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
LETTER_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
PROCLITICS = ("و", "ف", "ب", "ل", "ك")

CONTENT_RECALL = 0.5  # share of the gold content's words the prediction must hold
CONTENT_PRECISION = 0.3  # share of the prediction's words that must be in the gold content
SCORED_ENTITY_TYPES = ("PERSON", "ORG", "MODEL")

MISS_KINDS = ("entity_fp", "entity_fn", "date_fn", "date_value", "claim_fp", "claim_fn",
              "affiliation", "about", "claim_date")


def normalise(text: str | None) -> str:
    """The comparison form of a spelling: NFKC, no diacritics or tatweel, folded letters,
    punctuation and spaces collapsed to one space, lower case."""
    if not text:
        return ""
    text = DIACRITICS.sub("", unicodedata.normalize("NFKC", text)).translate(LETTER_FOLDS)
    return SEPARATORS.sub(" ", text).strip().lower()


def spellings(text: str | None) -> set[str]:
    """The normalised text, and the same without a one-letter proclitic (before an Arabic
    letter, in words of over three letters) and without ال / لل (in words of over four)."""
    base = normalise(text)
    out = {base}
    if len(base) > 3 and base[0] in PROCLITICS and ARABIC_LETTER.match(base[1]):
        out.add(base[1:])
    for form in sorted(out):
        if len(form) > 4 and form.startswith(("ال", "لل")):
            out.add(form[2:])
    return out


def words(text: str | None) -> list[str]:
    return normalise(text).split()


def spellings_of(texts: Iterable[str | None]) -> set[str]:
    """Every spelling of the texts that are given (a missing one adds nothing)."""
    out: set[str] = set()
    for text in texts:
        if text:
            out |= spellings(text)
    return out


def gold_spellings(texts: Iterable[str | None]) -> set[str]:
    """Every spelling of gold strings; an empty gold string counts, as the empty spelling."""
    out: set[str] = set()
    for text in texts:
        out |= spellings(text)
    return out


def dig(record: Any, *keys: str) -> Any:
    """``record[k1][k2]…``, None where a level is missing or not an object."""
    for key in keys:
        if not isinstance(record, dict):
            return None
        record = record.get(key)
    return record


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, Any]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "pred": n_pred, "gold": n_gold}


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


# ----------------------------------------------------------------------------- reading

def read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSON Lines file (none when it is absent); a bad line is skipped with a warning."""
    rows: list[dict] = []
    if not path.exists():
        return rows
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                print(f"warning: {path}:{number}: not JSON ({e})", file=sys.stderr)
    return rows


@dataclass(frozen=True)
class Run:
    """A run's output records grouped by article id, in file order."""

    mentions: dict[str, list[dict]]
    claims: dict[str, list[dict]]


def group_by_article(records: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        out[str(rec.get("article_id"))].append(rec)
    return dict(out)


def load_run(folder: Path) -> Run:
    return Run(group_by_article(read_jsonl(folder / "entities.jsonl")), group_by_article(read_jsonl(folder / "claims.jsonl")))


# ----------------------------------------------------------------------------- entities

def gold_entity_spellings(entity: dict) -> set[str]:
    return gold_spellings([*entity["surfaces"], entity["canonical"]])


def predicted_entities(mentions: Iterable[dict]) -> dict[tuple[str, str], set[str]]:
    """Distinct predicted spellings of an article, (type, normalised text) → every spelling
    of its mentions (text and canonical). Dates are scored apart."""
    out: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        if m.get("type") == "DATE" or not (m.get("text") or m.get("canonical")):
            continue
        key = (m.get("type"), normalise(m.get("text") or m.get("canonical")))
        out.setdefault(key, set()).update(spellings_of([m.get("text"), m.get("canonical")]))
    return out


def score_article_entities(gold: dict, mentions: list[dict]) -> tuple[dict[str, list[int]], dict[str, list[str]]]:
    """Per type [right predictions, predictions, gold found, gold], and the misses.

    A prediction that matches no gold entity of its type is wrong, unless it only shares a
    spelling with an optional entity (then it is not counted); right text with the wrong type
    is wrong even when an optional entity has that text."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    preds = predicted_entities(mentions)
    golds = [(e["type"], gold_entity_spellings(e), e) for e in gold["entities"]]
    optional = gold_spellings(s for e in gold.get("optional_entities", []) for s in [*e["surfaces"], e["canonical"]])
    for (ptype, _), pkeys in preds.items():
        if ptype not in SCORED_ENTITY_TYPES:
            continue
        hit = any(ptype == gtype and pkeys & gkeys for gtype, gkeys, _ in golds)
        if not hit and pkeys & optional and not any(pkeys & gkeys for _, gkeys, _ in golds):
            continue
        counts[ptype][1] += 1
        if hit:
            counts[ptype][0] += 1
        else:
            misses["entity_fp"].append(f"{gold['article']}: {ptype} {min(pkeys)}")
    for gtype, gkeys, entity in golds:
        counts[gtype][3] += 1
        if any(ptype == gtype and pkeys & gkeys for (ptype, _), pkeys in preds.items()):
            counts[gtype][2] += 1
        else:
            misses["entity_fn"].append(f"{gold['article']}: {gtype} {entity['canonical']}")
    return counts, misses


def score_entities(gold: list[dict], run: Run) -> tuple[dict[str, Any], dict[str, list[str]]]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        counts, article_misses = score_article_entities(g, run.mentions.get(g["article"], []))
        for etype, row in counts.items():
            totals[etype] = [a + b for a, b in zip(totals[etype], row)]
        merge_misses(misses, article_misses)
    overall = [sum(row[k] for row in totals.values()) for k in range(4)]
    out = prf(*overall)
    out["by_type"] = {etype: prf(*row) for etype, row in sorted(totals.items())}
    return out, misses


# ----------------------------------------------------------------------------- dates

def date_value(value: Any) -> str:
    """A predicted value as a string; an interval {start, end} as ISO 8601 START/END ('..' = open)."""
    if isinstance(value, dict) and ("start" in value or "end" in value):
        return f"{value.get('start') or '..'}/{value.get('end') or '..'}"
    return str(value or "")


def date_found_by(gold_text: str, mention: dict) -> bool:
    """A DATE mention finds a gold date when either text contains the other (normalised)."""
    text = normalise(mention.get("text"))
    return bool(text) and (text in gold_text or gold_text in text)


def score_dates(gold: list[dict], run: Run) -> tuple[dict[str, Any], dict[str, list[str]]]:
    found = right = total = 0
    misses: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        dates = [m for m in run.mentions.get(g["article"], []) if m.get("type") == "DATE"]
        for d in g["dates"]:
            total += 1
            gold_text = normalise(d["text"])
            candidates = [m for m in dates if date_found_by(gold_text, m)]
            if not candidates:
                misses["date_fn"].append(f"{g['article']}: {d['text']}")
                continue
            found += 1
            values = {date_value(m.get("value") or dig(m, "date", "value")) for m in candidates}
            wanted = d["value"] if isinstance(d["value"], list) else [d["value"]]
            if any((w or "") in values for w in wanted):  # a gold null: left unresolved
                right += 1
            else:
                misses["date_value"].append(f"{g['article']}: {d['text']} want {d['value']} got {sorted(values)}")
    return {"found": found, "value_right": right, "gold": total,
            "recall": ratio(found, total) or 0.0, "value_accuracy": ratio(right, total) or 0.0}, misses


# ----------------------------------------------------------------------------- claims

def content_overlap(pred_text: str, gold_text: str) -> float:
    """The share of the gold content's distinct words the prediction holds, when it holds at
    least CONTENT_RECALL of them and CONTENT_PRECISION of its own words are gold; else 0."""
    pred, gold = set(words(pred_text)), set(words(gold_text))
    if not pred or not gold:
        return 0.0
    common = len(pred & gold)
    recall, precision = common / len(gold), common / len(pred)
    return recall if recall >= CONTENT_RECALL and precision >= CONTENT_PRECISION else 0.0


def gold_speaker_spellings(claim: dict) -> set[str]:
    return gold_spellings([*claim["speaker_surfaces"], claim["speaker"]])


def predicted_speaker_spellings(pred: dict) -> set[str]:
    return spellings_of([dig(pred, "speaker", "text"), dig(pred, "speaker", "canonical")])


@dataclass(frozen=True)
class ClaimMatch:
    """A gold claim and the index of the prediction matched to it (None: not found)."""

    gold: dict
    optional: bool
    pred: int | None
    speaker_seen: bool  # some prediction of the article has this speaker


def match_claims(gold: dict, preds: list[dict]) -> list[ClaimMatch]:
    """Each gold claim (required ones first, in gold order) takes the unused prediction with
    its speaker and the highest content overlap; the first such prediction wins a tie."""
    used: set[int] = set()
    matches = []
    items = [(c, False) for c in gold["claims"]] + [(c, True) for c in gold.get("optional_claims", [])]
    speakers = [predicted_speaker_spellings(p) for p in preds]
    for claim, optional in items:
        keys = gold_speaker_spellings(claim)
        best, best_i = 0.0, None
        for i, pred in enumerate(preds):
            if i in used or not speakers[i] & keys:
                continue
            overlap = content_overlap(dig(pred, "content", "text") or "", claim["content"])
            if overlap > best:
                best, best_i = overlap, i
        if best_i is not None:
            used.add(best_i)
        matches.append(ClaimMatch(claim, optional, best_i, any(s & keys for s in speakers)))
    return matches


def entity_spellings(name: str, entities: list[dict]) -> set[str]:
    """A gold canonical name (as normalised) and the spellings of the article's gold entities
    of that canonical name (required or optional)."""
    out = {normalise(name)}
    for e in entities:
        if e["canonical"] == name:
            out |= gold_spellings(e["surfaces"])
    return out


@dataclass
class ClaimTally:
    matched_pred: int = 0
    preds: int = 0
    matched_gold: int = 0
    gold: int = 0
    speaker_seen: int = 0
    affiliation: list[int] = field(default_factory=lambda: [0, 0])  # [right, total]
    about: list[int] = field(default_factory=lambda: [0, 0])
    date: list[int] = field(default_factory=lambda: [0, 0])
    quote_type_right: int = 0


def check_matched_claim(article: str, claim: dict, pred: dict, entities: list[dict], tally: ClaimTally,
                        misses: dict[str, list[str]]) -> None:
    """The sub-scores of one matched required claim: affiliation, about, date, quote type."""
    who = claim["speaker"]
    if claim.get("affiliation"):
        tally.affiliation[1] += 1
        got = spellings_of([dig(pred, "speaker", "affiliation", "canonical"), dig(pred, "speaker", "affiliation", "text")])
        if got & entity_spellings(claim["affiliation"], entities):
            tally.affiliation[0] += 1
        else:
            misses["affiliation"].append(f"{article}: {who} want {claim['affiliation']} got {sorted(got)}")
    got_about = spellings_of(t for x in pred.get("about") or [] for t in (dig(x, "canonical"), dig(x, "text")))
    for name in claim.get("about", []):
        tally.about[1] += 1
        if got_about & entity_spellings(name, entities):
            tally.about[0] += 1
        else:
            misses["about"].append(f"{article}: {who} about {name}")
    if claim.get("date"):
        tally.date[1] += 1
        if str(dig(pred, "date", "value") or "") == claim["date"]:
            tally.date[0] += 1
        else:
            misses["claim_date"].append(f"{article}: {who} want {claim['date']} got {dig(pred, 'date', 'value')}")
    if pred.get("quote_type") == claim.get("quote_type"):
        tally.quote_type_right += 1


def score_claims(gold: list[dict], run: Run) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Claim P/R/F1 and sub-scores. A prediction matched to an optional claim counts as right;
    an optional claim is never missed; sub-scores are over matched required claims."""
    tally = ClaimTally()
    misses: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        article = g["article"]
        preds = run.claims.get(article, [])
        entities = g["entities"] + g.get("optional_entities", [])
        matches = match_claims(g, preds)
        for m in matches:
            if m.optional:
                continue
            tally.gold += 1
            tally.speaker_seen += m.speaker_seen
            c = m.gold
            if m.pred is None:
                misses["claim_fn"].append(f"{article}: {c['speaker']} {c['cue']}: {c['content'][:50]}")
                continue
            tally.matched_gold += 1
            check_matched_claim(article, c, preds[m.pred], entities, tally, misses)
        matched = {m.pred for m in matches if m.pred is not None}
        tally.preds += len(preds)
        tally.matched_pred += len(matched)
        for i, p in enumerate(preds):
            if i not in matched:
                misses["claim_fp"].append(f"{article}: {dig(p, 'speaker', 'text')}: {(dig(p, 'content', 'text') or '')[:50]}")
    out = prf(tally.matched_pred, tally.preds, tally.matched_gold, tally.gold)
    out.update({
        "speaker_recall": ratio(tally.speaker_seen, tally.gold) or 0.0,
        "affiliation_accuracy": ratio(*tally.affiliation),
        "about_recall": ratio(*tally.about),
        "date_accuracy": ratio(*tally.date),
        "quote_type_accuracy": ratio(tally.quote_type_right, tally.matched_gold),
    })
    return out, misses


# ----------------------------------------------------------------------------- the whole score

def merge_misses(into: dict[str, list[str]], other: dict[str, list[str]]) -> None:
    for kind, lines in other.items():
        into.setdefault(kind, []).extend(lines)


@dataclass(frozen=True)
class Evaluation:
    scores: dict[str, Any]  # the shared scorer's --json object
    misses: dict[str, list[str]]  # kind (MISS_KINDS) → one line per miss


def evaluate(gold: list[dict], run: Run) -> Evaluation:
    """Scores of a run's records against gold articles (predictions of other articles are ignored)."""
    ids = {g["article"] for g in gold}
    entities, m_entities = score_entities(gold, run)
    dates, m_dates = score_dates(gold, run)
    claims, m_claims = score_claims(gold, run)
    misses: dict[str, list[str]] = {}
    for part in (m_entities, m_dates, m_claims):
        merge_misses(misses, part)
    scores = {
        "articles": len(gold),
        "articles_without_output": sorted(ids - set(run.mentions) - set(run.claims)),
        "entities": entities,
        "dates": dates,
        "claims": claims,
    }
    return Evaluation(scores, {k: misses[k] for k in MISS_KINDS if misses.get(k)})


def format_scores(scores: dict[str, Any]) -> str:
    """The shared scorer's text report of the figures."""
    e, d, c = scores["entities"], scores["dates"], scores["claims"]
    lines = [
        f"articles: {scores['articles']} (without output: {len(scores['articles_without_output'])})",
        f"entities  P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  (pred {e['pred']}, gold {e['gold']})",
        *(f"  {t:<7} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}" for t, v in e["by_type"].items()),
        f"dates     found {d['found']}/{d['gold']}  value right {d['value_right']}/{d['gold']}",
        f"claims    P {c['precision']:.3f}  R {c['recall']:.3f}  F1 {c['f1']:.3f}  (pred {c['pred']}, gold {c['gold']})",
        f"  speaker recall {c['speaker_recall']}  affiliation {c['affiliation_accuracy']}  about {c['about_recall']}  "
        f"date {c['date_accuracy']}  quote type {c['quote_type_accuracy']}",
    ]
    return "\n".join(lines)


def format_misses(misses: dict[str, list[str]]) -> str:
    return "\n".join(f"\n[{kind}] {len(lines)}\n" + "\n".join("  " + x for x in lines) for kind, lines in misses.items())


# ----------------------------------------------------------------------------- calibration

CONFIDENCE_BINS: tuple[tuple[float, float, str], ...] = (
    (0.0, 0.5, "< 0.5"), (0.5, 0.7, "0.5–0.7"), (0.7, 0.8, "0.7–0.8"), (0.8, 0.9, "0.8–0.9"), (0.9, float("inf"), "≥ 0.9"),
)
HIGH_CONFIDENCE = 0.8  # the promise: claims above it are right at least 90% of the time


def judged_claims(gold: list[dict], run: Run) -> list[tuple[dict, bool]]:
    """Every predicted claim of the gold articles, and whether it matches a gold claim
    (required or optional, as precision counts it)."""
    out = []
    for g in gold:
        preds = run.claims.get(g["article"], [])
        matched = {m.pred for m in match_claims(g, preds) if m.pred is not None}
        out.extend((p, i in matched) for i, p in enumerate(preds))
    return out


def confidence_bin(confidence: float) -> str:
    """The label of the bin holding a confidence (bins are closed below, open above)."""
    return next((label for _, high, label in CONFIDENCE_BINS if confidence < high), CONFIDENCE_BINS[-1][2])


def calibration_table(judged: Iterable[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Claims, correct ones and precision per confidence bin, then a row for the claims above
    HIGH_CONFIDENCE and one for all."""
    rows = {label: [0, 0] for _, _, label in CONFIDENCE_BINS}
    high, total = [0, 0], [0, 0]
    for confidence, correct in judged:
        for counts in (rows[confidence_bin(confidence)], total) + ((high,) if confidence > HIGH_CONFIDENCE else ()):
            counts[0] += 1
            counts[1] += bool(correct)
    named = [*rows.items(), (f"> {HIGH_CONFIDENCE}", high), ("all", total)]
    return [{"bin": label, "claims": n, "correct": k, "precision": ratio(k, n)} for label, (n, k) in named]


def run_calibration(gold: list[dict], run: Run) -> list[dict[str, Any]]:
    """The calibration table of a run's claims (their ``confidence`` field)."""
    return calibration_table((float(p.get("confidence") or 0.0), ok) for p, ok in judged_claims(gold, run))


def format_calibration(rows: list[dict[str, Any]]) -> str:
    lines = ["confidence   claims  correct  precision"]
    for r in rows:
        precision = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        lines.append(f"{r['bin']:<11} {r['claims']:>7} {r['correct']:>8} {precision:>10}")
    return "\n".join(lines)
