"""`arclaims evaluate` and pipeline.evaluation.claims: the gold matching rules on small records
written for these tests, and the same figures as the shared scorer on the seeds run."""
from __future__ import annotations

import copy
import importlib.util
import json
import random
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.evaluation import claims as ce
from pipeline.cli import main

REPO = Path(__file__).resolve().parents[2]
SHARED_EVAL = REPO.parent / "shared" / "eval"


# --------------------------------------------------------------------------- helpers

def gold_article(article="a1", entities=(), optional_entities=(), dates=(), claims=(), optional_claims=()):
    return {"article": article, "published": "2025-08-08", "entities": list(entities),
            "optional_entities": list(optional_entities), "dates": list(dates),
            "claims": list(claims), "optional_claims": list(optional_claims)}


def gold_claim(speaker, content, surfaces=(), affiliation=None, about=(), date=None, quote_type="indirect", cue="قال"):
    return {"speaker": speaker, "speaker_surfaces": list(surfaces), "affiliation": affiliation, "cue": cue,
            "content": content, "about": list(about), "date": date, "quote_type": quote_type}


def pred_claim(speaker, content, canonical=None, affiliation=None, about=(), date=None, quote_type="indirect",
               confidence=0.9, article="a1"):
    aff = {"canonical": affiliation, "text": affiliation} if affiliation else None
    return {"article_id": article, "speaker": {"text": speaker, "canonical": canonical or speaker, "affiliation": aff},
            "content": {"text": content}, "about": [{"canonical": a, "text": a} for a in about],
            "date": {"value": date} if date else None, "quote_type": quote_type, "confidence": confidence}


def mention(text, etype, canonical=None, value=None, article="a1"):
    rec = {"article_id": article, "type": etype, "text": text, "canonical": canonical or text}
    if etype == "DATE":
        rec["value"] = value
    return rec


def run_of(mentions=(), claims=()):
    return ce.Run(ce.group_by_article(mentions), ce.group_by_article(claims))


CONTENT = "الشركة ستطلق نموذجا جديدا للغة العربية في فصل الربيع المقبل"  # ten words


# --------------------------------------------------------------------------- normalisation

def test_normalise_drops_diacritics_tatweel_punctuation_and_folds_letters():
    assert ce.normalise("أَعلـنَ «إيلون» ماسك،") == "اعلن ايلون ماسك"
    assert ce.normalise("مؤسسة الذكاء") == ce.normalise("موسسه الذكاء")
    assert ce.normalise("OpenAI") == "openai"
    assert ce.normalise(None) == ""


def test_spellings_take_off_one_proclitic_and_the_article():
    assert ce.spellings("وألتمان") == {"والتمان", "التمان", "تمان"}
    assert "شركه" in ce.spellings("للشركة")
    assert ce.spellings("ولد") == {"ولد"}  # three letters: nothing comes off
    assert ce.spellings("وGPT") == {"وgpt"}  # a proclitic comes off only before an Arabic letter


# --------------------------------------------------------------------------- claims

def test_content_overlap_thresholds():
    gold = CONTENT
    half = " ".join(gold.split()[:5])
    assert ce.content_overlap(half, gold) == 0.5
    assert ce.content_overlap(" ".join(gold.split()[:4]), gold) == 0.0  # 40% of the gold words
    # all gold words, but only 10 of 34 prediction words are gold: under 30% precision
    assert ce.content_overlap(gold + " " + " ".join(f"كلمة{i}" for i in range(24)), gold) == 0.0
    assert ce.content_overlap(gold + " " + " ".join(f"كلمة{i}" for i in range(23)), gold) == 1.0
    assert ce.content_overlap("", gold) == 0.0


def test_a_claim_needs_its_speaker_and_its_content():
    g = gold_article(claims=[gold_claim("Sam Altman", CONTENT, ["سام ألتمان", "ألتمان"])])
    preds = [pred_claim("ماسك", CONTENT), pred_claim("وألتمان", "كلام آخر تماما لا علاقة له"), pred_claim("ألتمان", CONTENT)]
    [m] = ce.match_claims(g, preds)
    assert m.pred == 2 and m.speaker_seen


def test_each_prediction_matches_one_gold_claim_and_the_best_overlap_wins():
    other = "الشركة ستطلق نموذجا جديدا للغة العربية"
    g = gold_article(claims=[gold_claim("Sam Altman", CONTENT, ["ألتمان"]), gold_claim("Sam Altman", other, ["ألتمان"])])
    preds = [pred_claim("ألتمان", other), pred_claim("ألتمان", CONTENT)]
    a, b = ce.match_claims(g, preds)
    assert (a.pred, b.pred) == (1, 0)
    scores = ce.evaluate([g], run_of(claims=preds)).scores["claims"]
    assert (scores["precision"], scores["recall"]) == (1.0, 1.0)
    # a duplicate prediction has no gold claim left: a false positive
    scores = ce.evaluate([g], run_of(claims=preds + [pred_claim("ألتمان", CONTENT)])).scores["claims"]
    assert scores["pred"] == 3 and scores["precision"] == round(2 / 3, 4)


def test_optional_claims_are_never_missed_and_their_match_is_not_wrong():
    opt = "تقارير تشير إلى صفقة كبيرة بين الشركتين قريبا"
    g = gold_article(claims=[gold_claim("Sam Altman", CONTENT, ["ألتمان"])],
                     optional_claims=[gold_claim("تقارير", opt, ["تقارير"])])
    only_required = ce.evaluate([g], run_of(claims=[pred_claim("ألتمان", CONTENT)])).scores["claims"]
    assert (only_required["precision"], only_required["recall"], only_required["gold"]) == (1.0, 1.0, 1)
    both = ce.evaluate([g], run_of(claims=[pred_claim("ألتمان", CONTENT), pred_claim("تقارير", opt)]))
    assert (both.scores["claims"]["precision"], both.scores["claims"]["pred"]) == (1.0, 2)
    assert "claim_fn" not in both.misses and "claim_fp" not in both.misses


def test_sub_scores_of_a_matched_claim():
    entities = [{"type": "ORG", "canonical": "OpenAI", "surfaces": ["أوبن إيه آي"]},
                {"type": "MODEL", "canonical": "GPT-5", "surfaces": ["جي بي تي 5"]}]
    g = gold_article(entities=entities, claims=[
        gold_claim("Sam Altman", CONTENT, ["ألتمان"], affiliation="OpenAI", about=["GPT-5", "OpenAI"], date="2025-08-07"),
    ])
    right = pred_claim("ألتمان", CONTENT, affiliation="لأوبن إيه آي", about=["جي بي تي 5"], date="2025-08-07")
    c = ce.evaluate([g], run_of(claims=[right])).scores["claims"]
    assert c["affiliation_accuracy"] == 1.0 and c["about_recall"] == 0.5 and c["date_accuracy"] == 1.0
    assert c["quote_type_accuracy"] == 1.0
    wrong = pred_claim("ألتمان", CONTENT, affiliation="Microsoft", date="2025-08", quote_type="direct")
    ev = ce.evaluate([g], run_of(claims=[wrong]))
    c = ev.scores["claims"]
    assert (c["affiliation_accuracy"], c["about_recall"], c["date_accuracy"], c["quote_type_accuracy"]) == (0.0, 0.0, 0.0, 0.0)
    assert ev.misses["affiliation"] == ["a1: Sam Altman want OpenAI got ['microsoft']"]
    assert ev.misses["claim_date"] == ["a1: Sam Altman want 2025-08-07 got 2025-08"]
    assert len(ev.misses["about"]) == 2


def test_speaker_recall_counts_a_speaker_found_with_the_wrong_content():
    g = gold_article(claims=[gold_claim("Sam Altman", CONTENT, ["ألتمان"])])
    c = ce.evaluate([g], run_of(claims=[pred_claim("ألتمان", "جملة أخرى لا تشبه المحتوى")])).scores["claims"]
    assert (c["recall"], c["speaker_recall"], c["affiliation_accuracy"], c["quote_type_accuracy"]) == (0.0, 1.0, None, None)


# --------------------------------------------------------------------------- entities and dates

def test_entities_match_by_type_and_spelling_and_optional_ones_do_not_count():
    g = gold_article(entities=[{"type": "ORG", "canonical": "OpenAI", "surfaces": ["أوبن إيه آي"]}],
                     optional_entities=[{"type": "ORG", "canonical": "X", "surfaces": ["منصة إكس"]},
                                        {"type": "PERSON", "canonical": "OpenAI board", "surfaces": ["OpenAI"]}])
    mentions = [mention("وأوبن إيه آي", "ORG", "OpenAI"), mention("أوبن إيه آي", "ORG"), mention("منصة إكس", "ORG"),
                mention("OpenAI", "MODEL"), mention("القاهرة", "LOC")]
    ev = ce.evaluate([g], run_of(mentions=mentions))
    e = ev.scores["entities"]
    # two distinct right ORG spellings; the optional one is not counted; the right text with the
    # wrong type is wrong even though an optional entity has that text; LOC is not scored
    assert (e["pred"], e["precision"], e["recall"]) == (3, round(2 / 3, 4), 1.0)
    assert ev.misses["entity_fp"] == ["a1: MODEL openai"]
    assert e["by_type"]["MODEL"]["precision"] == 0.0


def test_dates_are_found_by_containment_and_right_by_value():
    g = gold_article(dates=[{"text": "6 أغسطس", "value": "2025-08-06"},
                            {"text": "الربع الأول من 2026", "value": ["2026-Q1", "2026-01/2026-03"]},
                            {"text": "أمس", "value": None},
                            {"text": "عام 2019", "value": "2019"}])
    mentions = [mention("في 6 أغسطس", "DATE", value="2025-08-06"),
                mention("الربع الأول من 2026", "DATE", value={"start": "2026-01", "end": "2026-03"}),
                mention("أمس", "DATE", value=None),
                mention("2019", "DATE", value="2018")]
    ev = ce.evaluate([g], run_of(mentions=mentions))
    assert ev.scores["dates"] == {"found": 4, "value_right": 3, "gold": 4, "recall": 1.0, "value_accuracy": 0.75}
    assert ev.misses == {"date_value": ["a1: عام 2019 want 2019 got ['2018']"]}


# --------------------------------------------------------------------------- the command

def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def small_case(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        gold_article(entities=[{"type": "PERSON", "canonical": "Sam Altman", "surfaces": ["ألتمان"]}],
                     claims=[gold_claim("Sam Altman", CONTENT, ["ألتمان"]),
                             gold_claim("Sam Altman", "المنافسة ستشتد خلال العام المقبل بين المختبرات", ["ألتمان"])]),
        gold_article("a2"),
    ])
    out = tmp_path / "run"
    out.mkdir()
    write_jsonl(out / "entities.jsonl", [mention("ألتمان", "PERSON", "Sam Altman")])
    write_jsonl(out / "claims.jsonl", [pred_claim("ألتمان", CONTENT, confidence=0.95),
                                       pred_claim("الخبراء", "الأسواق ستتراجع", confidence=0.4),
                                       pred_claim("ألتمان", CONTENT, article="elsewhere")])
    return gold, out


def test_command_prints_figures_and_misses(small_case, capsys):
    gold, out = small_case
    assert main(["evaluate", "--gold", str(gold), str(out), "--show-misses"]) == 0
    text = capsys.readouterr().out
    assert "articles: 2 (without output: 1)" in text
    assert "claims    P 0.500  R 0.500  F1 0.500  (pred 2, gold 2)" in text
    assert "[claim_fn] 1\n  a1: Sam Altman قال: المنافسة" in text
    assert "[claim_fp] 1\n  a1: الخبراء: الأسواق ستتراجع" in text


def test_command_json_output(small_case, capsys):
    gold, out = small_case
    assert main(["evaluate", "--gold", str(gold), str(out), "--json", "--show-misses", "--calibration"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles_without_output"] == ["a2"]
    assert result["entities"]["f1"] == 1.0 and result["claims"]["f1"] == 0.5
    assert set(result["misses"]) == {"claim_fn", "claim_fp"}
    rows = {r["bin"]: r for r in result["calibration"]}
    assert rows["≥ 0.9"] == {"bin": "≥ 0.9", "claims": 1, "correct": 1, "precision": 1.0}
    assert rows["< 0.5"]["correct"] == 0 and rows["all"]["claims"] == 2


def test_command_refuses_missing_inputs(tmp_path, capsys):
    assert main(["evaluate", "--gold", str(tmp_path / "none.jsonl"), str(tmp_path)]) == 2
    gold = write_jsonl(tmp_path / "gold.jsonl", [gold_article()])
    assert main(["evaluate", "--gold", str(gold), str(tmp_path)]) == 2
    assert "no entities.jsonl or claims.jsonl" in capsys.readouterr().err


# --------------------------------------------------------------------------- calibration

@pytest.mark.parametrize("confidence, label", [
    (0.0, "< 0.5"), (0.49, "< 0.5"), (0.5, "0.5–0.7"), (0.7, "0.7–0.8"), (0.8, "0.8–0.9"), (0.9, "≥ 0.9"), (1.0, "≥ 0.9"),
    (-0.1, "< 0.5"),
])
def test_confidence_bins_are_closed_below(confidence, label):
    assert ce.confidence_bin(confidence) == label


def test_calibration_table_counts_each_claim_once_per_bin():
    rows = {r["bin"]: r for r in ce.calibration_table([(0.3, False), (0.8, True), (0.85, False), (0.95, True), (0.95, True)])}
    assert [rows[b]["claims"] for b in ("< 0.5", "0.5–0.7", "0.7–0.8", "0.8–0.9", "≥ 0.9")] == [1, 0, 0, 2, 2]
    assert rows["0.5–0.7"]["precision"] is None
    assert rows["> 0.8"] == {"bin": "> 0.8", "claims": 3, "correct": 2, "precision": 0.6667}  # 0.8 itself is not above
    assert rows["all"]["claims"] == 5 and rows["all"]["correct"] == 3


# --------------------------------------------------------------------------- the shared scorer

def load_shared_scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shared_scores(score, gold, mentions, claims) -> tuple[dict, dict]:
    ents, cls = defaultdict(list), defaultdict(list)
    for m in mentions:
        ents[str(m.get("article_id"))].append(m)
    for c in claims:
        cls[str(c.get("article_id"))].append(c)
    misses = defaultdict(list)
    by_gold = {g["article"]: g["entities"] + g.get("optional_entities", []) for g in gold}
    scores = {"articles": len(gold), "articles_without_output": sorted({g["article"] for g in gold} - set(ents) - set(cls)),
              "entities": score.score_entities(gold, ents, misses), "dates": score.score_dates(gold, ents, misses),
              "claims": score.score_claims(gold, cls, by_gold, misses)}
    return scores, {k: v for k, v in misses.items() if v}


def perturb(rng: random.Random, records: list[dict]) -> list[dict]:
    """Drop, duplicate and damage records the way a weaker pipeline would."""
    out = []
    for rec in records:
        if rng.random() < 0.15:
            continue
        rec = copy.deepcopy(rec)
        x = rng.random()
        if "content" in rec:
            if x < 0.15:
                rec["speaker"]["text"] = rng.choice(["", "الخبراء", rec["speaker"]["text"][1:]])
            elif x < 0.3:
                rec["content"]["text"] = rec["content"]["text"][: rng.randrange(len(rec["content"]["text"]) + 1)]
            elif x < 0.4:
                rec["speaker"]["affiliation"] = None
            elif x < 0.5:
                rec["date"] = rng.choice([None, {"value": "2025"}])
            if rng.random() < 0.1:
                out.append(copy.deepcopy(rec))
        elif x < 0.15:
            rec["type"] = rng.choice(["ORG", "PERSON", "MODEL", "LOC", "DATE"])
        elif x < 0.3:
            rec["text"] = rng.choice(["", rec["text"][1:], "و" + rec["text"]])
        out.append(rec)
    return out


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").is_file() or not (REPO / "seeds").is_dir(),
                    reason="../shared/eval (the shared scorer and seed gold) is absent")
def test_same_figures_and_misses_as_the_shared_scorer_on_the_seeds(nlp):
    from pipeline import schema
    from pipeline.batch.inputs import find_inputs, read_ref

    score = load_shared_scorer()
    gold = ce.read_jsonl(SHARED_EVAL / "seeds_gold.jsonl")
    mentions, claims = [], []
    for ref in find_inputs([REPO / "seeds"]):
        ents, cls, _ = schema.document_records(nlp(read_ref(ref)))
        mentions += ents
        claims += cls
    for trial in range(25):  # the run itself, then damaged copies of it, so every miss kind occurs
        rng = random.Random(trial)
        m, c = (mentions, claims) if trial == 0 else (perturb(rng, mentions), perturb(rng, claims))
        theirs, their_misses = shared_scores(score, gold, m, c)
        ours = ce.evaluate(gold, run_of(m, c))
        assert ours.scores == theirs
        assert ours.misses == {k: their_misses[k] for k in ce.MISS_KINDS if k in their_misses}
