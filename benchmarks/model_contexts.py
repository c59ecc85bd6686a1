"""Recall probe for MODEL names: every KB model alias in typical news contexts, through the real pipeline.

The dev set names few models and the ANT corpus is 2018 news, so this probe measures how the
pipeline finds the models it knows in the sentence shapes Arabic AI news uses (a release, a claim,
a comparison, an app, a version, a proclitic, a quotation ...), and, on the precision side, that
common words, people's names and organisation-only names in the same shapes give no MODEL. The contexts are
written for the probe; no dev or corpus sentence is in it. It is a benchmark, not a test.

    python benchmarks/model_contexts.py [--limit N] [--show 8] [--out /tmp/x/probe.json]

A hit is a MODEL mention with exactly the expected span (the alias, with its version in the version
contexts, without the proclitic). Aliases the KB also lists as an organisation (DeepSeek, Mistral)
are namesakes: reported apart, since a bare claim about them is read as the company.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.doc import Article  # noqa: E402
from pipeline.nlp import load_pipeline  # noqa: E402

# {m}: the alias; {p}: the proclitic form of the alias ("و" + Arabic alias, "وـ" is not used:
# Latin names take و glued, ب/ل written بـ/لـ as Arabic news writes them). {m2}: another model.
CONTEXTS: dict[str, str] = {
    "release": "أطلقت الشركة نموذج {m} الجديد.",
    "claim": "وقال إن {m} يتفوق على منافسيه.",
    "claim_ai": "وقال الباحث إن {m} يتفوق على منافسيه في اختبارات الذكاء الاصطناعي.",
    "compare": "مقارنة بين {m} و{m2} في كتابة النصوص.",
    "compare_2nd": "مقارنة بين {m2} و{m} في كتابة النصوص.",
    "app": "ويمكن للمستخدمين الوصول إليه عبر تطبيق {m} على الهواتف.",
    "start": "{m} يحصل على تحديث جديد يتيح تحليل الصور.",
    "quoted": "كشفت الشركة عن «{m}» خلال مؤتمرها السنوي.",
    "its_llm": "وقدمت الشركة نموذجها اللغوي {m} للمطورين.",
    "wa": "واستخدم الباحثون نماذج عدة، و{m} من بينها.",
    "bi": "استعان الطلاب {bi}{m} في كتابة الواجبات المدرسية.",
    "li": "وقدمت الشركة تحديثا {li}{m} هذا الأسبوع.",
}
# Version forms, only for KB families (entries with "family": true): {v} is the version written
# as news writes it for that script.
VERSION_CONTEXTS: dict[str, str] = {
    "version_space": "أطلقت الشركة {m} 5 يوم الخميس.",
    "version_hyphen": "أطلقت الشركة {m}-5 يوم الخميس.",
    "version_glued": "وأعلنت الشركة عن {m}3 الذي يتفوق في البرمجة.",
    "version_claim": "وقال إن {m} 4 يتفوق على منافسيه.",
    "version_tier": "أطلقت الشركة {m} 4.5 {pro} يوم الخميس.",
    "version_tier_claim": "وقال إن {m} 3 {flash} يتفوق على منافسيه.",
}
EXPECTED_VERSION = {"version_space": " 5", "version_hyphen": "-5", "version_glued": "3", "version_claim": " 4",
                    "version_tier": " 4.5 {pro}", "version_tier_claim": " 3 {flash}"}

# A listed model (no "family" in the KB) whose name ends in a letter takes a whole-number version too: a model
# line goes on numbering past what the KB lists (Nemotron 7, Mistral Large 9).
LISTED_VERSION_CONTEXTS: dict[str, str] = {
    "listed_version": "أطلقت الشركة {m} 7 يوم الخميس.",
    "listed_version_tier": "وقال إن {m} 8 {pro} يتفوق على منافسيه.",
}
EXPECTED_LISTED_VERSION = {"listed_version": " 7", "listed_version_tier": " 8 {pro}"}
# A number that counts what follows is no version, after any model (expected: the alias alone).
COUNT_CONTEXTS: dict[str, str] = {"count_after": "ويستخدم تطبيق {m} 5 ملايين شخص يوميا."}

# Precision side: common nouns and adjectives (written for the probe: words a model name could look
# like, or words that follow a model word in ordinary prose) in the same contexts.
COMMON_WORDS = [
    "نور", "أمل", "سلام", "الأمل", "رؤية", "برق", "فجر", "الجديد", "المتطور", "ذكي", "الذكي", "حديث",
    "الحديث", "التقليدي", "الأول", "الثاني", "مفتوح", "المفتوح", "الصيني", "الأمريكي", "العربي",
    "الهاتف", "الحاسوب", "الإنترنت", "البيانات", "الشبكة", "المستقبل", "النجاح", "التعليم", "الصحة",
    "البرنامج", "النظام", "المشروع", "التطبيق", "الموقع", "الكتاب", "المدرسة", "السيارة", "الطائرة",
    "القمر", "الشمس", "النجم", "الوطن", "الحياة", "الإبداع", "التعاون", "الحوار", "السوق", "الاقتصاد",
    "الرياضة", "الفريق", "المباراة", "اللاعب", "المدرب", "الفيلم", "الأغنية", "الرواية", "القصيدة",
    "جديد", "كبير", "صغير", "سريع", "قوي", "ضعيف", "أخضر", "أبيض", "هادئ",
]
# Names no KB lists (invented for the probe, shaped like Latin and Arabic model names) in the contexts the
# rules read: a model the KB has never seen must come from the context alone.
UNKNOWN_NAMES = ["Zorvex", "Kalypso-2", "Nimbra 3", "Quilla 2.5", "Vexa-R1", "Tarvo Pro", "زورفيكس", "نيمبرا", "كاليبسو",
                 "نيمبرا-2", "كاليبسو آر 1"]
UNKNOWN_CONTEXTS: dict[str, str] = {
    "u_its_new": "أطلقت الشركة نموذجها الجديد {u} للمطورين.",
    "u_ai_model": "وكشفت الشركة عن نموذج الذكاء الاصطناعي {u} أمس.",
    "u_its_llm_q": "وقدمت الشركة نموذجها اللغوي «{u}» للباحثين.",
    "u_list": "وتتنافس نماذج مثل Gemini و{u} على المستخدمين.",
    "u_list_2nd": "وتتنافس نماذج مثل {u} وGemini على المستخدمين.",
    "u_assistant": "ويمكن التحدث إلى مساعدها الذكي «{u}» بالعربية.",
    "u_chatbot": "وأتاحت الشركة روبوت الدردشة {u} للمستخدمين.",
    "u_named": "وأطلقت الشركة على نموذجها الجديد اسم «{u}».",
    "u_compare": "مقارنة بين Gemini و{u} في كتابة النصوص.",
    "u_named_clause": "وطورت الجامعة نموذجا لغويا عربيا أطلقت عليه اسم «{u}».",
    "u_chatbot_named": "وأطلقت الشركة روبوت محادثة اسمه «{u}» لخدمة العملاء.",
}
# People's given names and foreign names in Arabic script, in the contexts that have no model word.
PERSON_NAMES = ["أحمد", "سارة", "يوسف", "ليلى", "خالد", "ميرا", "كريم", "سلمى", "جان", "ماريا", "بيتر", "لينا",
                "توماس", "إيلينا", "روبرت", "ناتاليا"]
PERSON_CONTEXTS = ("claim", "start", "quoted", "wa", "bi", "li")
ORG_CONTEXTS: dict[str, str] = {
    "org_announce": "أعلنت شركة {o} عن نتائجها الفصلية.",
    "org_release": "أطلقت {o} نموذجا جديدا للذكاء الاصطناعي.",
    "org_said": "وقالت {o} في بيان إن أرباحها ارتفعت.",
}


def is_arabic(s: str) -> bool:
    return bool(re.search(r"[\u0600-\u06FF]", s))


def load_kb(path: Path):
    models, org_aliases, orgs = [], set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        e = json.loads(line)
        if e["type"] == "MODEL":
            models.append(e)
        elif e["type"] == "ORG":
            orgs.append(e)
            org_aliases.update(a.casefold() for a in e["aliases"])
    return models, org_aliases, orgs


def other_model(alias: str, entry: dict) -> str:
    """A second model of another family in the same script, for the comparison contexts."""
    if is_arabic(alias):
        return "جيميني" if entry["id"] not in ("model/gemini",) and "gemini" not in entry["id"] else "شات جي بي تي"
    return "Gemini" if "gemini" not in entry["id"] else "ChatGPT"


def fill(template: str, alias: str, entry: dict) -> tuple[str, int, int]:
    """The sentence and the expected (start, end) of the name in it."""
    ar = is_arabic(alias)
    values = {"m2": other_model(alias, entry), "bi": "ب" if ar else "بـ", "li": "ل" if ar else "لـ",
              "pro": "برو" if ar else "Pro", "flash": "فلاش" if ar else "Flash"}
    marker = "\x00"
    text = template.replace("{m}", marker)
    for k, v in values.items():
        text = text.replace("{" + k + "}", v)
    start = text.index(marker)
    return text.replace(marker, alias), start, start + len(alias)


def probe_items(models, org_aliases, limit: int | None):
    items = []  # (kind, context, alias, entry id, text, start, end, namesake)
    for e in sorted(models, key=lambda e: e["id"]):
        aliases = sorted(set(e["aliases"]))
        for a in aliases:
            namesake = a.casefold() in org_aliases
            for ctx, t in CONTEXTS.items():
                text, s, end = fill(t, a, e)
                items.append(("recall", ctx, a, e["id"], text, s, end, namesake))
            if e.get("family"):
                for ctx, t in VERSION_CONTEXTS.items():
                    if ctx == "version_glued" and not is_arabic(a):
                        continue  # Latin glued versions (Qwen3) are KB aliases or token rules already
                    text, s, end = fill(t, a, e)
                    tail = EXPECTED_VERSION[ctx].replace("{pro}", "برو" if is_arabic(a) else "Pro")
                    tail = tail.replace("{flash}", "فلاش" if is_arabic(a) else "Flash")
                    items.append(("recall", ctx, a, e["id"], text, s, end + len(tail), namesake))
            ends_in_letter = a[-1:].isalpha()
            if not e.get("family") and ends_in_letter and not namesake:
                for ctx, t in LISTED_VERSION_CONTEXTS.items():
                    text, s, end = fill(t, a, e)
                    tail = EXPECTED_LISTED_VERSION[ctx].replace("{pro}", "برو" if is_arabic(a) else "Pro")
                    items.append(("recall", ctx, a, e["id"], text, s, end + len(tail), namesake))
            if ends_in_letter:
                for ctx, t in COUNT_CONTEXTS.items():
                    text, s, end = fill(t, a, e)
                    items.append(("recall", ctx, a, e["id"], text, s, end, namesake))
    if limit:
        items = items[::max(1, len(items) // limit)]
    for u in UNKNOWN_NAMES:
        for ctx, t in UNKNOWN_CONTEXTS.items():
            text, s, end = fill(t.replace("{u}", "{m}"), u, {"id": "unknown"})
            items.append(("recall", ctx, u, "unknown", text, s, end, False))
    return items


def precision_items(orgs, model_aliases):
    items = []
    for w in COMMON_WORDS:
        for ctx, t in CONTEXTS.items():
            if ctx.startswith("compare"):
                continue  # a common word beside a model is not a claim that it is one
            text = t.replace("{m}", w).replace("{bi}", "ب").replace("{li}", "ل")
            items.append(("common", ctx, w, text))
    for w in COMMON_WORDS:  # a quoted noun after a product or naming word is a name: only the bare contexts
        for ctx in ("u_its_new", "u_ai_model", "u_list", "u_list_2nd", "u_chatbot", "u_compare"):
            items.append(("common", ctx, w, UNKNOWN_CONTEXTS[ctx].replace("{u}", w)))
    for w in PERSON_NAMES:
        for ctx in PERSON_CONTEXTS:
            items.append(("person", ctx, w, CONTEXTS[ctx].replace("{m}", w).replace("{bi}", "ب").replace("{li}", "ل")))
    for o in sorted(orgs, key=lambda e: e["id"]):
        names = [a for a in sorted(set(o["aliases"])) if a.casefold() not in model_aliases]
        for a in names[:2]:
            for ctx, t in ORG_CONTEXTS.items():
                items.append(("org", ctx, a, t.replace("{o}", a)))
    return items


def outcome(doc, start: int, end: int) -> str:
    ms = [m for m in doc.mentions if m.type != "DATE"]
    if any(m.type == "MODEL" and m.start == start and m.end == end for m in ms):
        return "hit"
    over = [m for m in ms if m.start < end and start < m.end]
    if any(m.type == "MODEL" for m in over):
        return "partial"
    if over:
        return "as_" + sorted({m.type for m in over})[0]
    return "missed"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=Path, default=ROOT / "models/kb/entities.jsonl")
    ap.add_argument("--limit", type=int, default=None, help="every k-th recall item, about N in all")
    ap.add_argument("--show", type=int, default=6, help="examples printed per failure class")
    ap.add_argument("--out", type=Path, default=None, help="write every failure as JSON here")
    args = ap.parse_args(argv)

    models, org_aliases, orgs = load_kb(args.kb)
    model_aliases = {a.casefold() for e in models for a in e["aliases"]}
    rec = probe_items(models, org_aliases, args.limit)
    prec = precision_items(orgs, model_aliases)
    nlp = load_pipeline()
    arts = [Article(id=f"r{i}", text=it[4]) for i, it in enumerate(rec)]
    arts += [Article(id=f"p{i}", text=it[3]) for i, it in enumerate(prec)]
    docs = []
    for k in range(0, len(arts), 256):
        docs.extend(nlp.pipe(arts[k:k + 256]))
    rdocs, pdocs = docs[:len(rec)], docs[len(rec):]

    table: dict[tuple[str, str], Counter] = defaultdict(Counter)
    failures = defaultdict(list)
    for it, doc in zip(rec, rdocs):
        kind, ctx, alias, eid, text, s, e, namesake = it
        script = "ar" if is_arabic(alias) else "latin"
        group = "namesake" if namesake else script
        res = outcome(doc, s, e)
        table[(ctx, group)][res] += 1
        if res != "hit":
            got = [(m.text, m.type) for m in doc.mentions if m.type != "DATE"]
            failures[(ctx, group, res)].append({"alias": alias, "id": eid, "text": text, "got": got})

    print(f"MODEL recall probe: {len(rec)} sentences, {len(models)} KB models\n")
    print(f"{'context':16} {'group':9} {'n':>6} {'recall':>7}  partial  other-type  missed")
    tot = Counter()
    for (ctx, group) in sorted(table, key=lambda k: (list(CONTEXTS) + list(VERSION_CONTEXTS) + list(LISTED_VERSION_CONTEXTS) + list(COUNT_CONTEXTS) + list(UNKNOWN_CONTEXTS)).index(k[0]) * 3 + ["ar", "latin", "namesake"].index(k[1])):
        c = table[(ctx, group)]
        n = sum(c.values())
        other = sum(v for k, v in c.items() if k.startswith("as_"))
        print(f"{ctx:16} {group:9} {n:6d} {c['hit'] / n:7.3f}  {c['partial']:7d}  {other:10d}  {c['missed']:6d}")
        if group != "namesake" and not ctx.startswith("u_"):
            tot.update(c)
    n = sum(tot.values())
    print(f"{'ALL KB (no namesakes)':26} {n:6d} {tot['hit'] / n:7.3f}  {tot['partial']:7d}  "
          f"{sum(v for k, v in tot.items() if k.startswith('as_')):10d}  {tot['missed']:6d}")
    unk = Counter()
    for (ctx, group), c in table.items():
        if ctx.startswith("u_"):
            unk.update(c)
    n = sum(unk.values())
    if n:
        print(f"{'ALL unknown names':26} {n:6d} {unk['hit'] / n:7.3f}  {unk['partial']:7d}  "
              f"{sum(v for k, v in unk.items() if k.startswith('as_')):10d}  {unk['missed']:6d}")

    fp = Counter()
    fp_examples = defaultdict(list)
    for it, doc in zip(prec, pdocs):
        kind, ctx, word, text = it
        s = text.find(word)  # only a MODEL on the word itself counts (Gemini beside it is one)
        bad = [m.text for m in doc.mentions if m.type == "MODEL" and m.start < s + len(word) and s < m.end]
        fp[(kind, ctx, "n")] += 1
        if bad:
            fp[(kind, ctx, "fp")] += 1
            fp_examples[kind].append({"text": text, "models": bad})
    print("\nPrecision side: sentences with a false MODEL")
    for kind in ("common", "person", "org"):
        n = sum(v for k, v in fp.items() if k[0] == kind and k[2] == "n")
        bad = sum(v for k, v in fp.items() if k[0] == kind and k[2] == "fp")
        print(f"  {kind:7} {bad:4d} / {n}")
        for x in fp_examples[kind][:args.show]:
            print(f"      {x['models']}  ← {x['text']}")

    print("\nFailures by class (context, group, outcome): count, examples")
    for key in sorted(failures, key=lambda k: -len(failures[k])):
        rows = failures[key]
        print(f"- {key[0]} / {key[1]} / {key[2]}: {len(rows)}")
        for r in rows[:args.show]:
            print(f"      {r['alias']!r} → {r['got']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        out = {"failures": {" / ".join(k): v for k, v in failures.items()}, "false_models": fp_examples}
        args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
