"""Probe the claim linker with every cue lemma of ``models/lexicons/cues.json`` in the word
orders Arabic news uses, in sentences written here (never taken from the dev set).

For each lemma the forms come from ``pipeline.stages.cues`` (3ms/3fs/3mp perfect, imperfect,
participle, verbal noun where it is a cue, with و); each form is put into frames: verb-subject
with a title and a person, subject-verb, an organisation as subject, a plural group, pro-drop
continuation, a participle after a first claim, a quotation after a colon, the cue's own
content preposition. The expected speaker, content (``../shared/eval/GUIDELINES.md``) and
quote type are written with the frame. A case is right when the probed cue gives exactly one
claim whose speaker span or canonical is the expected name and whose content matches the
expected one as ``score.py`` matches (covers half of its words, 30% of its own words in it);
``exact`` counts contents equal to the expected one. The precision side puts the same lemmas in
non-speech uses and expects no claim at the probed cue.

    python benchmarks/claim_contexts.py            # tables, then the failures by class
    python benchmarks/claim_contexts.py --quiet    # tables only
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from pipeline.stages.cues import _n  # noqa: E402
from pipeline.stages.normalize import normalize  # noqa: E402

# Speakers: (name, title before the name), kinds and agreement
MAN = ("ساتيا ناديلا", "الرئيس التنفيذي لشركة مايكروسوفت")
WOMAN = ("ليزا سو", "الرئيسة التنفيذية لشركة AMD")
NEW_MAN = ("سامر نبيل", "المدير التنفيذي لشركة نوفا للبرمجيات")  # a name no KB knows
ORG = "شركة مايكروسوفت"
ORG_NAME = "مايكروسوفت"
GROUP = "الخبراء"
CONTENT = "سوق الذكاء الاصطناعي سينمو بسرعة خلال السنوات المقبلة"
PREP_CONTENT = "مخاطر استخدام النماذج اللغوية في المدارس"
QUOTE = "هذه التقنية ستغير طريقة عملنا"
FIRST = "وقال {name} إن الطلب على الرقائق قوي"
_LINKING = json.loads((REPO / "models/lexicons/claims.json").read_text(encoding="utf-8"))["linking"]
ADDRESSEE = set(_LINKING["addressee_lemmas"])
QUOTE_SENSES = set(_LINKING["quote_intro_senses"])  # senses after which a bare quotation is the content


@dataclass
class Case:
    lemma: str
    order: str  # the frame's word order
    form: str  # the cue form probed
    text: str
    speaker: str  # expected speaker surface
    content: str  # expected content
    qtype: str  # expected quote type
    index: int = 0  # which claim of the text is probed (pro-drop and participle: the second)
    n_claims: int = 1


@dataclass
class Negative:
    lemma: str
    use: str
    text: str
    cue_word: str  # no claim may have this word as its cue


def forms(e: dict) -> dict[str, str]:
    """The probed cells of one lemma, normalised as ``pipeline.stages.cues`` generates them."""
    p, pc, pv = _n(e["perf"]), _n(e.get("perf_c")) or _n(e["perf"]), _n(e.get("perf_v")) or _n(e["perf"])
    out = {"3ms": p, "3fs": pv + "ت", "3mp": pv + "وا"}
    s = _n(e.get("imperf"))
    if s:
        sp = _n(e.get("imperf_pl")) or s
        out.update({"i3ms": "ي" + s, "i3fs": "ت" + s, "i3mp": "ي" + sp + "ون"})
    a = _n(e.get("part"))
    if a:
        out.update({"pms": a + "ا", "pfs": a + "ه"})
    m = _n(e.get("masdar"))
    if m and e.get("masdar_cue"):
        out["masdar"] = m
    exclude = {_n(x) for x in e.get("exclude", [])}
    return {k: v for k, v in out.items() if v not in exclude}


def intro(e: dict, form_key: str) -> tuple[str, str]:
    """The content introducer and content for this lemma: its own preposition where it has
    one, else the complementizer (إن after قال, أن otherwise)."""
    preps = e.get("content_preps") or []
    if e["sense"] == "tell" or e["lemma"] in ADDRESSEE:  # أخبر/أبلغ/طمأن الصحفيين بأن
        p = preps[0] if preps else ""
        return f"الصحفيين {p}أن {CONTENT}", CONTENT
    if preps and form_key == "clause":
        p = preps[0]
        return (p + "أن " if p == "ب" else p + " أن ") + CONTENT, CONTENT
    if preps:
        p = preps[0]
        return (p + PREP_CONTENT if p == "ب" else p + " " + PREP_CONTENT), PREP_CONTENT
    comp = "إن" if e["lemma"] == "قال" else "أن"
    return comp + " " + CONTENT, CONTENT


def cases_for(e: dict) -> list[Case]:
    f = forms(e)
    lem = e["lemma"]
    out: list[Case] = []
    body, content = intro(e, "")
    w = lambda x: "و" + x  # noqa: E731
    if "3ms" in f:
        out.append(Case(lem, "VS person+title", f["3ms"], f"{w(f['3ms'])} {MAN[1]} {MAN[0]} {body}.", MAN[0], content, "indirect"))
        out.append(Case(lem, "VS new name, title after", f["3ms"], f"{w(f['3ms'])} {NEW_MAN[0]}، {NEW_MAN[1]}، {body}.", NEW_MAN[0], content, "indirect"))
        out.append(Case(lem, "SV person", f["3ms"], f"و{MAN[0]}، {MAN[1]}، {f['3ms']} {body}.", MAN[0], content, "indirect"))
        out.append(Case(lem, "pro-drop", f["3ms"], f"{FIRST.format(name=MAN[0])}. {w(f['3ms'])} {body}.", MAN[0], content, "indirect", 1, 2))
        if not e.get("content_preps") and e["sense"] != "tell" and e["lemma"] not in ADDRESSEE:
            out.append(Case(lem, "colon quote", f["3ms"], f"{w(f['3ms'])} {MAN[0]}: «{QUOTE}».", MAN[0], QUOTE, "direct"))
    if "3fs" in f:
        out.append(Case(lem, "VS woman", f["3fs"], f"{w(f['3fs'])} {WOMAN[1]} {WOMAN[0]} {body}.", WOMAN[0], content, "indirect"))
        out.append(Case(lem, "VS organisation", f["3fs"], f"{w(f['3fs'])} {ORG} {body}.", ORG_NAME, content, "indirect"))
        out.append(Case(lem, "SV organisation", f["3fs"], f"و{ORG} {f['3fs']} {body}.", ORG_NAME, content, "indirect"))
    if "3ms" in f:  # a verb before its subject is singular: وقال الخبراء
        out.append(Case(lem, "VS plural group", f["3ms"], f"{w(f['3ms'])} {GROUP} {body}.", GROUP, content, "indirect"))
        out.append(Case(lem, "VS circumstance between", f["3ms"], f"{w(f['3ms'])} {MAN[0]}، في مؤتمر صحفي يوم الثلاثاء، {body}.",
                        MAN[0], content, "indirect"))
        out.append(Case(lem, "من جهته + VS", f["3ms"], f"من جهته، {f['3ms']} {MAN[0]} {body}.", MAN[0], content, "indirect"))
        out.append(Case(lem, "كان ... قد", f["3fs"] if "3fs" in f else f["3ms"],
                        f"وكانت {ORG} قد {f['3fs']} {body}." if "3fs" in f else f"وكان {MAN[0]} قد {f['3ms']} {body}.",
                        ORG_NAME if "3fs" in f else MAN[0], content, "indirect"))
        out.append(Case(lem, "surname anaphor", f["3ms"], f"{FIRST.format(name=MAN[0])}. {w(f['3ms'])} ناديلا {body}.",
                        MAN[0], content, "indirect", 1, 2))
        out.append(Case(lem, "same-sentence continuation", f["3ms"], f"{FIRST.format(name=MAN[0])}، {w(f['3ms'])} {body}.",
                        MAN[0], content, "indirect", 1, 2))
    if "3fs" in f:
        out.append(Case(lem, "organisation, relative with a person", f["3fs"],
                        f"و{f['3fs']} {ORG}، التي يقودها {MAN[0]}، {body}.", ORG_NAME, content, "indirect"))
        out.append(Case(lem, "feminine pro-drop after a company", f["3fs"],
                        f"وأعلنت {ORG} إطلاق نموذج جديد. {w(f['3fs'])} {body}.", ORG_NAME, content, "indirect", 1, 2))
    if "3mp" in f:
        out.append(Case(lem, "SV plural group", f["3mp"], f"و{GROUP} {f['3mp']} {body}.", GROUP, content, "indirect"))
    if "i3ms" in f:
        out.append(Case(lem, "imperfect VS", f["i3ms"], f"{w(f['i3ms'])} {MAN[0]} {body}.", MAN[0], content, "indirect"))
        out.append(Case(lem, "imperfect SV", f["i3ms"], f"{MAN[0]}، {MAN[1]}، {f['i3ms']} {body}.", MAN[0], content, "indirect"))
    if "i3fs" in f:
        out.append(Case(lem, "imperfect organisation", f["i3fs"], f"{w(f['i3fs'])} {ORG} {body}.", ORG_NAME, content, "indirect"))
    if "i3mp" in f:
        out.append(Case(lem, "imperfect plural SV", f["i3mp"], f"و{GROUP} {f['i3mp']} {body}.", GROUP, content, "indirect"))
    # a participle that is a cue only before its preposition (لافتًا إلى أن) is probed with it
    pbody = f"{e['part_before'][0]} {body}" if e.get("part_before") and not e.get("content_preps") else body
    if "pms" in f:
        out.append(Case(lem, "participle", f["pms"], f"{FIRST.format(name=MAN[0])}، {f['pms']} {pbody}.", MAN[0], content, "indirect", 1, 2))
    if "pfs" in f:
        out.append(Case(lem, "participle organisation", f["pfs"],
                        f"وأعلنت {ORG} إطلاق نموذج جديد، {f['pfs']} {pbody}.", ORG_NAME, content, "indirect", 1, 2))
    if e.get("content_preps") and not e.get("object") and "3ms" in f:
        b2, c2 = intro(e, "clause")
        out.append(Case(lem, "preposition + أن", f["3ms"], f"{w(f['3ms'])} {MAN[0]} {b2}.", MAN[0], c2, "indirect"))
        if "3fs" in f:
            out.append(Case(lem, "preposition + أن organisation", f["3fs"], f"{w(f['3fs'])} {ORG} {b2}.", ORG_NAME, c2, "indirect"))
    if "masdar" in f:
        out.append(Case(lem, "verbal noun", f["masdar"], f"وتأتي {f['masdar']} {MAN[0]} {body} بعد أسابيع من النقاش.",
                        MAN[0], content + " بعد أسابيع من النقاش", "indirect"))
    return out


def harder_cases(e: dict) -> list[Case]:
    """Orders with more between the cue and its parts: a title before the name with commas, a
    day or an interview between the name and the introducer, a fronted circumstance, a
    relative clause on the subject, an outlet as source, a pronoun on the complementizer, the
    quotation before its attribution, and a content with a continuation and a narrator's remark."""
    f = forms(e)
    lem = e["lemma"]
    body, content = intro(e, "")
    w = lambda x: "و" + x  # noqa: E731
    out: list[Case] = []
    if "3ms" in f:
        v = f["3ms"]
        out += [
            Case(lem, "title, name in commas", v, f"{w(v)} نائب رئيس قسم الأبحاث في {ORG}، {NEW_MAN[0]}، {body}.", NEW_MAN[0], content, "indirect"),
            Case(lem, "day between", v, f"{w(v)} {MAN[0]} يوم الثلاثاء الماضي {body}.", MAN[0], content, "indirect"),
            Case(lem, "interview between", v, f"{w(v)} {MAN[0]} في مقابلة مع شبكة CNBC {body}.", MAN[0], content, "indirect"),
            Case(lem, "statements to an outlet", v, f"{w(v)} {MAN[0]} في تصريحات لوكالة رويترز {body}.", MAN[0], content, "indirect"),
            Case(lem, "fronted circumstance", v, f"وفي مؤتمر صحفي عقده في سياتل، {v} {MAN[0]} {body}.", MAN[0], content, "indirect"),
            Case(lem, "relative on the subject", v, f"{MAN[0]}، الذي يقود {ORG} منذ سنوات، {v} {body}.", MAN[0], content, "indirect"),
            Case(lem, "content with a remark", v, f"{w(v)} {MAN[0]} {body}، وهو ما يراه المحللون متفائلًا.", MAN[0], content, "indirect"),
        ]
        if not e.get("content_preps") and e["sense"] != "tell" and lem not in ADDRESSEE:
            comp = "إنه" if lem == "قال" else "أنه"
            out.append(Case(lem, "pronoun on the complementizer", v, f"{w(v)} {MAN[0]} {comp} سيواصل الاستثمار في الرقائق.",
                            MAN[0], "سيواصل الاستثمار في الرقائق", "indirect"))
            out.append(Case(lem, "quotation before the cue", v, f"«{QUOTE}»، {v} {MAN[0]}.", MAN[0], QUOTE, "direct"))
            if e["sense"] in QUOTE_SENSES:  # a bare quotation (no colon) right after the name
                out.append(Case(lem, "quotation right after the name", v, f'{w(v)} {MAN[0]} "{QUOTE}".', MAN[0], QUOTE, "direct"))
            out.append(Case(lem, "mixed quotation", v, f"{w(v)} {MAN[0]} {'إن' if lem == 'قال' else 'أن'} التقنية «ستغير طريقة عملنا» في السنوات المقبلة.",
                            MAN[0], "التقنية «ستغير طريقة عملنا» في السنوات المقبلة", "mixed"))
        # classes found on ANT news (docs/claims.md, "ANT recall audit")
        out += [
            Case(lem, "title standing for the person", v,
                 f"وقال {MAN[1]} {MAN[0]} إن الطلب على الرقائق قوي. {w(v)} {MAN[1]} {body}.",
                 MAN[0], content, "indirect", 1, 2),
            Case(lem, "another title stays as written", v,
                 f"وقال {MAN[1]} {MAN[0]} إن الطلب على الرقائق قوي. {w(v)} المدير المالي للشركة {body}.",
                 "المدير المالي", content, "indirect", 1, 2),
            Case(lem, "statement as subject", v, f"وقالت {ORG} في بيان إن الطلب على الرقائق قوي. {w(v)} البيان {body}.",
                 ORG_NAME, content, "indirect", 1, 2),
            Case(lem, "unnamed spokesperson", v, f"{w(v)} متحدث باسم {ORG} {body}.", f"متحدث باسم {ORG}", content, "indirect"),
            Case(lem, "unnamed source before the cue", v, f"المصدر المطلع على المفاوضات {v} {body}.", "المصدر المطلع",
                 content, "indirect"),
        ]
    if "3fs" in f:
        v = f["3fs"]
        out += [
            Case(lem, "outlet as source", v, f"{w(v)} صحيفة نيويورك تايمز {body}.", "نيويورك تايمز", content, "indirect"),
            Case(lem, "woman, title in commas", v, f"{w(v)} {WOMAN[0]}، {WOMAN[1]}، {body}.", WOMAN[0], content, "indirect"),
        ]
    return out


def agreement_cases(e: dict) -> list[Case]:
    """A cue without a subject continues the previous speaker that agrees with it: a feminine
    cue the company or the woman, a plural cue the group, past a later speaker of another
    gender or number."""
    f = forms(e)
    lem = e["lemma"]
    body, content = intro(e, "")
    w = lambda x: "و" + x  # noqa: E731
    out: list[Case] = []
    if "3mp" in f:
        out.append(Case(lem, "agreement: plural after a person", f["3mp"],
                        f"وقال {GROUP} إن الطلب على الرقائق قوي. وقال {MAN[0]} إن الأسعار سترتفع. {w(f['3mp'])} {body}.",
                        GROUP, content, "indirect", 2, 3))
    if "3fs" in f:
        out.append(Case(lem, "agreement: feminine after a man", f["3fs"],
                        f"وأعلنت {ORG} إطلاق نموذج جديد. وقال {MAN[0]} إن الأسعار سترتفع. {w(f['3fs'])} {body}.",
                        ORG_NAME, content, "indirect", 2, 3))
    if "3ms" in f:
        out.append(Case(lem, "agreement: masculine after a company", f["3ms"],
                        f"وقال {MAN[0]} إن الطلب على الرقائق قوي. وأعلنت {ORG} إطلاق نموذج جديد. {w(f['3ms'])} {body}.",
                        MAN[0], content, "indirect", 2, 3))
    return out


def general_cases() -> list[Case]:
    """Lemma-independent orders: attribution after or before the content, outlets, verbal
    noun with its speaker before it."""
    c = CONTENT
    return [
        Case("بحسب", "trailing attribution", "بحسب", f"{c}، بحسب {MAN[0]}.", MAN[0], c, "indirect"),
        Case("وفق", "trailing attribution", "وفق", f"{c}، وفق {ORG}.", ORG_NAME, c, "indirect"),
        Case("وفقًا لـ", "leading attribution", "وفقا", f"ووفقًا لـ{MAN[0]}، فإن {c}.", MAN[0], c, "indirect"),
        Case("بحسب", "leading attribution", "بحسب", f"وبحسب {ORG}، فإن {c}.", ORG_NAME, c, "indirect"),
        Case("نقلًا عن", "trailing attribution", "نقلا", f"{c}، نقلًا عن {MAN[0]}.", MAN[0], c, "indirect"),
        Case("قال", "verbal noun قوله", "قوله", f"ونقلت وكالة رويترز عن {MAN[0]} قوله إن {c}.", MAN[0], c, "indirect"),
        Case("قال", "verbal noun قوله", "قوله", f"وفي قوله إن {c}، أشار {MAN[0]} إلى التحديات.", MAN[0], c, "indirect"),
        Case("قال", "verbal noun قولها", "قولها", f"ونقلت صحيفة الغارديان عن {WOMAN[0]} قولها إن {c}.", WOMAN[0], c, "indirect"),
        Case("في بيان", "noun phrase", "بيان", f"وقالت {ORG} في بيان إن {c}.", ORG_NAME, c, "indirect"),
        Case("في بيان", "noun phrase", "بيان", f"وفي بيان لها، أكدت {ORG} أن {c}.", ORG_NAME, c, "indirect"),
        # trailing attributions found on ANT news: ما + a verb with its pronoun, an unnamed source
        Case("ذكر", "trailing ما + verb", "ذكرته", f"{c}، وفقًا لما ذكرته صحيفة نيويورك تايمز.", "نيويورك تايمز", c, "indirect"),
        Case("نقل", "trailing ما + verb", "نقلته", f"{c}، حسبما نقلته وكالة رويترز.", "رويترز", c, "indirect"),
        Case("أفاد", "trailing unnamed source", "أفاد", f"{c}، بحسب ما أفاد مصدر مطلع على المفاوضات.", "مصدر مطلع", c, "indirect"),
        Case("وفقًا لـ", "trailing untagged outlet", "وفقا", f"{c}، وفقًا لموقع تك داتا المتخصص.", "تك داتا", c, "indirect"),
    ]


NEGATIVES = [  # (lemma, use, text, cue word): uses that are not attributions by GUIDELINES
    ("أعلن", "declared a state", "وأعلنت الحكومة حالة الطوارئ في ثلاث مدن بعد الفيضانات.", "وأعلنت"),
    ("أعلن", "declared a state", "وأعلن الرئيس الحداد العام لمدة ثلاثة أيام.", "وأعلن"),
    ("أقرّ", "approved a law", "وأقرّ البرلمان قانونًا جديدًا ينظم استخدام الذكاء الاصطناعي.", "وأقرّ"),
    ("أقرّ", "approved a law", "وأقر مجلس الوزراء الميزانية العامة للدولة بعد نقاش طويل.", "وأقر"),
    ("أقرّ", "approved a law", "وأقرت الحكومة خطة تلزم الشركات بالإفصاح عن بياناتها.", "وأقرت"),
    ("أقرّ", "approved a law", "وأقر البرلمان الأوروبي بأغلبية كبيرة قانون الذكاء الاصطناعي.", "وأقر"),
    ("كشف", "medical examination", "وخضع اللاعب لكشف طبي قبل توقيع العقد.", "لكشف"),
    ("أشار", "pointed with a hand", "وأشار اللاعب بيده إلى الجمهور بعد الهدف.", "وأشار"),
    ("لفت", "remarkable", "وقال المدير إن المبيعات جيدة، وسجلت الشركة نموا لافتا في الأرباح.", "لافتا"),
    ("لفت", "a banner", "وقال المدير إن المبيعات جيدة. ورفع العمال لافتة كتب عليها شعار الإضراب.", "لافتة"),
    ("وصف", "described as, passive", "وقال المدير إن المبيعات جيدة. وعقد الطرفان مفاوضات وصفت بأنها مصيرية.", "وصفت"),
    ("نشر", "deployed", "ونشرت الشركة خوادم جديدة في أوروبا.", "ونشرت"),
    ("كتب", "wrote one's name", "وكتب الفريق اسمه في تاريخ البطولة.", "وكتب"),
    ("وصف", "prescribed", "ووصف الطبيب الدواء للمريض.", "ووصف"),
    ("أظهر", "showed a picture", "وأظهرت الصور الدخان يتصاعد من المبنى.", "وأظهرت"),
    ("أجاب", "answered questions", "وأجاب الطالب عن أسئلة الامتحان كلها.", "وأجاب"),
    ("دعا", "invited to an event", "ودعت الجامعة الطلاب إلى حفل التخرج.", "ودعت"),
    ("طالب", "student", "وحصل طالب في جامعة القاهرة على جائزة.", "طالب"),
    ("ذكر", "mention as a noun", "ويأتي ذكر الشركة في التقرير للمرة الأولى.", "ذكر"),
    ("أكّد", "confirmed a booking", "وأكد المسافر حجزه عبر التطبيق.", "وأكد"),
    ("عبّر", "crossed", "وعبر الفريق إلى الدور النهائي.", "وعبر"),
]


def words(s: str) -> list[str]:
    return [w for w in re.findall(r"\w+", normalize(s).text) if w]


def content_match(pred: str, gold: str) -> bool:
    """score.py's rule: the prediction covers half of the gold words, 30% of its own are gold."""
    p, g = words(pred), words(gold)
    if not p or not g:
        return False
    gs, ps = set(g), set(p)
    return sum(w in ps for w in g) >= 0.5 * len(g) and sum(w in gs for w in p) >= 0.3 * len(p)


def same_name(claim, name: str) -> bool:
    target = normalize(name).text
    spans = [claim.speaker_span.text] + ([claim.speaker.text, claim.speaker.canonical or ""] if claim.speaker else [])
    for s in spans:
        n = normalize(s or "").text
        n = re.sub(r"^(و|ف)(?=.{3})", "", n) if n != target else n
        if n == target or n.removeprefix("ال") == target.removeprefix("ال") or (n and target.endswith(n) and len(n) > 3):
            return True
    return False


def check(case: Case, doc) -> str | None:
    """None when right, else the failure class."""
    claims = sorted(doc.claims, key=lambda c: c.cue.start)
    if len(claims) < case.n_claims:
        return "no claim" if len(claims) <= case.index else "missing first claim"
    if len(claims) > case.n_claims:
        return "extra claim"
    c = claims[case.index]
    if not same_name(c, case.speaker):
        return "wrong speaker"
    if not content_match(c.content.text, case.content):
        return "wrong content"
    if c.quote_type != case.qtype:
        return "wrong quote type"
    return None


def run(quiet: bool) -> dict:
    from pipeline.doc import Article
    from pipeline.nlp import load_pipeline

    data = json.loads((REPO / "models/lexicons/cues.json").read_text(encoding="utf-8"))
    cases = [c for e in data["lemmas"] for c in cases_for(e) + harder_cases(e) + agreement_cases(e)] + general_cases()
    t0 = time.time()
    nlp = load_pipeline()
    import datetime as dt
    pub = dt.date(2025, 8, 8)
    docs = list(nlp.pipe(Article(f"c{i}", c.text, pub) for i, c in enumerate(cases)))
    negs = [Negative(*n) for n in NEGATIVES]
    ndocs = list(nlp.pipe(Article(f"n{i}", n.text, pub) for i, n in enumerate(negs)))
    elapsed = time.time() - t0

    by_lemma, by_order, fails = defaultdict(Counter), defaultdict(Counter), defaultdict(list)
    exact = 0
    for case, doc in zip(cases, docs):
        why = check(case, doc)
        by_lemma[case.lemma]["n"] += 1
        by_order[case.order]["n"] += 1
        if why is None:
            by_lemma[case.lemma]["ok"] += 1
            by_order[case.order]["ok"] += 1
            c = sorted(doc.claims, key=lambda c: c.cue.start)[case.index]
            exact += normalize(c.content.text).text == normalize(case.content).text
        else:
            got = [(c.speaker_span.text, c.content.text, c.quote_type) for c in doc.claims]
            fails[why].append((case, got))
    # generated: every imperfect cue after a modal (من المتوقع أن تعلن، قد يكشف): intended, not said
    for e in data["lemmas"]:
        f = forms(e)
        body, _ = intro(e, "")
        if "i3fs" in f:
            negs.append(Negative(e["lemma"], "expected (أن + imperfect)", f"ومن المتوقع أن {f['i3fs']} {ORG} {body} الأسبوع المقبل.", f["i3fs"]))
        if "i3ms" in f:
            negs.append(Negative(e["lemma"], "possible (قد + imperfect)", f"وقد {f['i3ms']} {MAN[0]} {body} في المؤتمر.", f["i3ms"]))
    ndocs += list(nlp.pipe(Article(f"m{i}", n.text, pub) for i, n in enumerate(negs[len(ndocs):])))
    neg_fail = []
    for n, doc in zip(negs, ndocs):
        bad = [c for c in doc.claims if normalize(c.cue.text).text.endswith(normalize(n.cue_word).text.lstrip("و"))]
        if bad:
            neg_fail.append((n, [(c.speaker_span.text, c.content.text) for c in bad]))

    ok = sum(v["ok"] for v in by_order.values())
    print(f"claim_contexts: {ok}/{len(cases)} cases right ({ok / len(cases):.3f}), {exact} with the exact content; "
          f"negatives {len(negs) - len(neg_fail)}/{len(negs)} without a claim; {elapsed:.0f} s")
    print("\nper word order:")
    for order, v in sorted(by_order.items(), key=lambda kv: kv[1]["ok"] / kv[1]["n"]):
        print(f"  {order:28s} {v['ok']:4d}/{v['n']:<4d} {v['ok'] / v['n']:.3f}")
    print("\nper lemma (below 1.0):")
    for lem, v in sorted(by_lemma.items(), key=lambda kv: (kv[1]["ok"] / kv[1]["n"], kv[0])):
        if v["ok"] < v["n"]:
            print(f"  {lem:10s} {v['ok']:3d}/{v['n']:<3d} {v['ok'] / v['n']:.3f}")
    print("\nfailures per class:", {k: len(v) for k, v in sorted(fails.items())})
    if not quiet:
        for why, items in sorted(fails.items()):
            print(f"\n== {why} ({len(items)})")
            for case, got in items:
                print(f"  [{case.lemma} | {case.order} | {case.form}] {case.text}\n      want {case.speaker} | {case.content}"
                      f" | {case.qtype}\n      got  {got}")
        print("\n== negatives with a claim")
        for n, got in neg_fail:
            print(f"  [{n.lemma} | {n.use}] {n.text}\n      got {got}")
    return {"cases": len(cases), "right": ok, "exact": exact, "negatives": len(negs), "negatives_right": len(negs) - len(neg_fail)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quiet", action="store_true")
    run(ap.parse_args().quiet)


if __name__ == "__main__":
    main()
