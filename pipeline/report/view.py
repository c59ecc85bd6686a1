"""The researcher's report: one self-contained right-to-left HTML file of entities and claims.

Everything here is a pure function from records and texts to HTML strings; the page's
skeleton, CSS and JS are package data (``pipeline/data/report/``). Every string that comes
from an article or a record is escaped where it meets markup, data for the page's script
travels as JSON in a ``<script type="application/json">`` block, and a hash-based Content
Security Policy lets only the report's own style and script run and forbids any network load.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Iterable, Mapping

from ..batch.outdir import ArticleText
from .stats import RunCounts, claim_bounds, date_bounds, month_bounds  # noqa: F401  (date_bounds, month_bounds: part of this module's API)

ENTITY_TYPES = ("PERSON", "ORG", "MODEL", "DATE", "LOC")
TYPE_LABELS = {"PERSON": "شخص", "ORG": "مؤسسة", "MODEL": "نموذج", "DATE": "تاريخ", "LOC": "مكان", "GROUP": "جهة غير مسمّاة"}
QUOTE_LABELS = {"direct": "مباشر", "indirect": "غير مباشر", "mixed": "مختلط"}
PART_LABELS = {"speaker": "المتحدث", "cue": "فعل القول", "content": "مضمون الادعاء"}
# Outer spans first when they share a boundary: a claim's content holds its mentions.
RANK = {"content": 0, "speaker": 1, "cue": 1, "ent": 2}


def esc(value: object) -> str:
    """Text or attribute value made inert: the one way data enters markup."""
    return escape("" if value is None else str(value), quote=True)


def json_for_script(data: object) -> str:
    """JSON safe inside a <script> element: no '<' can close it or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def safe_url(url: str | None) -> str | None:
    """Only http(s) links survive: a javascript: URL from the data must not become a link."""
    if url and re.match(r"^https?://", url.strip(), re.I):
        return url.strip()
    return None


def csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


# ---------------------------------------------------------------- dates

def claim_date(claim: dict, published: str | None) -> tuple[str, tuple[str, str] | None]:
    """(what to show, day bounds) of a claim: its own resolved date, else the article's publication date."""
    d = claim.get("date") or {}
    bounds = date_bounds(d.get("value"))
    if bounds:
        span = bounds[0] if bounds[0] == bounds[1] else f"{bounds[0]} – {bounds[1]}"
        return f"{d.get('text') or ''} ({span})".strip(), bounds
    shown = d.get("text") or (f"نُشر {published}" if published else "")
    return shown, date_bounds(published)


# ---------------------------------------------------------------- highlighted text

def span_order(s: "Span") -> tuple:
    """A total order: two claims can mark the same words with the same kind, and a set's order (string
    hashes differ between processes) must never decide which is nested in which."""
    return s.start, -s.end, RANK[s.kind], s.cls, s.attrs, s.anchor or ""


@dataclass(frozen=True)
class Span:
    """One highlight over the text; ``anchor`` goes on its first piece only."""

    start: int
    end: int
    kind: str  # ent | speaker | cue | content
    cls: str
    attrs: tuple[tuple[str, str], ...] = ()
    anchor: str | None = None

    @property
    def tag(self) -> str:
        return "mark" if self.kind == "ent" else "span"


def entity_title(e: dict) -> str | None:
    """A mention's tooltip: what the text does not say (its resolved name, a date's value), or nothing.

    The type is the label after the mention (CSS), so a tooltip per mention would only repeat it;
    leaving it out is a fifth of a large report's size."""
    extra = []
    if e.get("canonical") and e["canonical"] != e["text"]:
        extra.append(e["canonical"])
    if e["type"] == "DATE" and isinstance(e.get("value"), str):
        extra.append(e["value"])
    return " · ".join(extra) or None


def entity_spans(entities: Iterable[dict]) -> list[Span]:
    spans = []
    for e in entities:
        title = entity_title(e)
        spans.append(Span(e["start"], e["end"], "ent", f"ent ent-{e['type']}", (("title", title),) if title else ()))
    return spans


def claim_spans(claims: Iterable[dict]) -> list[Span]:
    spans = []
    for c in claims:
        cid = c["claim_id"]
        for part in ("content", "speaker", "cue"):
            s = c[part]
            spans.append(Span(s["start"], s["end"], part, f"cl cl-{part}", (("data-claim", cid),),
                              anchor=text_anchor(cid) if part == "content" else None))
    return spans


def text_anchor(claim_id: str) -> str:
    return f"t-{claim_id}"


def card_anchor(claim_id: str) -> str:
    return f"card-{claim_id}"


def valid_spans(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans that fit the text; offsets from a mismatched text must not crash the report."""
    return [s for s in spans if 0 <= s.start < s.end <= len(text)]


def open_tag(span: Span, first: bool, last: bool) -> str:
    classes = span.cls + ("" if first else " cont") + (" last" if last else "")
    attrs = "".join(f' {k}="{esc(v)}"' for k, v in span.attrs)
    anchor = f' id="{esc(span.anchor)}"' if first and span.anchor else ""
    return f'<{span.tag} class="{esc(classes)}"{anchor}{attrs}>'


def render_spans(text: str, spans: Iterable[Span]) -> str:
    """Escaped text with properly nested highlights, splitting a span where another crosses it.

    Between every two span boundaries the set of covering spans is known; the open stack is
    closed down to the first span that no longer covers, and the missing ones are opened
    outermost (longest) first. Open tags are written when the piece closes, so a piece knows
    whether it is its span's first (anchor) and last (type label).
    """
    spans = sorted(set(valid_spans(text, spans)), key=span_order)
    bounds = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[str] = []
    stack: list[tuple[Span, int, bool]] = []  # (span, index of its open-tag slot in out, first piece?)
    seen: set[Span] = set()
    active: list[Span] = []  # spans covering the current piece: started at or before it, not yet ended
    nxt = 0

    def close(upto: int, at: int) -> None:
        while len(stack) > upto:
            span, slot, first = stack.pop()
            out[slot] = open_tag(span, first, last=at == span.end)
            out.append(f"</{span.tag}>")

    for a, b in zip(bounds, bounds[1:]):
        # Every start and end is a bound, so a span covers [a, b) exactly when start <= a < end.
        active = [s for s in active if s.end > a]
        while nxt < len(spans) and spans[nxt].start <= a:
            active.append(spans[nxt])
            nxt += 1
        covering = set(active)
        keep = next((i for i, (s, _, _) in enumerate(stack) if s not in covering), len(stack))
        close(keep, a)
        if len(stack) < len(covering):
            open_now = {s for s, _, _ in stack}
            for s in sorted((s for s in covering if s not in open_now), key=lambda s: (-s.end, RANK[s.kind], s.start, s.cls, s.attrs, s.anchor or "")):
                stack.append((s, len(out), s not in seen))
                seen.add(s)
                out.append("")
        out.append(esc(text[a:b]))
    close(0, len(text))
    return "".join(out)


def span_mismatches(text: str, entities: list[dict], claims: list[dict]) -> int:
    """How many recorded spans do not read the same in this text (a sign of the wrong text)."""
    recs = list(entities) + [c[p] for c in claims for p in ("speaker", "cue", "content")]
    return sum(1 for r in recs if text[r["start"]:r["end"]] != r["text"])


# ---------------------------------------------------------------- article section

ARABIC_WORD = re.compile(r"[\u0600-\u06FF]{2,}")


def headline(text: str | None, max_chars: int = 160) -> str | None:
    """A readable name for an article without a title: its first line that reads like an Arabic headline.

    Scraped texts start with site names and menu lines ("Back to Headlines"), so a line
    needs three Arabic words to count.
    """
    for line in (text or "").splitlines()[:20]:
        line = line.strip()
        if line and len(line) <= max_chars and len(ARABIC_WORD.findall(line)) >= 3:
            return line
    return None


def title_of(article: dict) -> str:
    return article.get("display_title") or article.get("title") or article["article_id"]


def article_anchor(article_id: str) -> str:
    return f"a-{article_id}"


def chip(text: str, cls: str, title: str | None = None) -> str:
    # dir="auto": a Latin name keeps its own direction ("Alexa+", not "+Alexa") inside the RTL page.
    t = f' title="{esc(title)}"' if title else ""
    return f'<span class="chip {esc(cls)}" dir="auto"{t}>{esc(text)}</span>'


def speaker_line(c: dict) -> str:
    sp = c["speaker"]
    name = sp.get("canonical") or sp["text"]
    parts = [f'<span class="speaker-name">{esc(name)}</span>']
    if sp.get("role"):
        parts.append(f'<span class="role">{esc(sp["role"])}</span>')
    aff = sp.get("affiliation")
    if aff:
        parts.append(f'<span class="aff">{esc(aff.get("canonical") or aff.get("text"))}</span>')
    return "<span class=\"sep\">·</span>".join(parts)


def claim_card(c: dict, published: str | None, has_text: bool) -> str:
    """A claim as a card: who, in what role, said what (cue), about whom, when, how sure."""
    cid = c["claim_id"]
    shown_date, _ = claim_date(c, published)
    about = " ".join(chip(a.get("canonical") or a["text"], f"t-{a['type']}", TYPE_LABELS.get(a["type"])) for a in c.get("about") or [])
    cue = c["cue"]
    cue_text = esc(cue["text"]) + (f' <span class="muted">({esc(cue["lemma"])})</span>' if cue.get("lemma") and cue["lemma"] != cue["text"] else "")
    rows = [("فعل القول", cue_text)]
    if about:
        rows.append(("عن", about))
    if shown_date:
        rows.append(("التاريخ", esc(shown_date)))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    qt = c.get("quote_type", "")
    link = f'<a class="jump" href="#{esc(text_anchor(cid))}">في النص ↖</a>' if has_text else ""
    return (
        f'<article class="card" id="{esc(card_anchor(cid))}" data-claim="{esc(cid)}">'
        f'<header><span class="who">{speaker_line(c)}</span>'
        f'<span class="qt qt-{esc(qt)}">{esc(QUOTE_LABELS.get(qt, qt))}</span></header>'
        f'<blockquote class="content">{esc(c["content"]["text"])}</blockquote>'
        f"<dl>{dl}</dl>"
        f'<footer><span class="conf" title="الثقة">{confidence_bar(c.get("confidence"))}</span>{link}</footer>'
        "</article>"
    )


def confidence_bar(conf: float | None) -> str:
    if conf is None:
        return ""
    pct = max(0, min(100, round(float(conf) * 100)))
    # A <meter> needs no style attribute, which the CSP would refuse.
    return f'<meter min="0" max="100" value="{pct}"></meter> <span class="num">{pct}٪</span>'


def entity_list(entities: list[dict]) -> str:
    """Mentions grouped by type and canonical name: the fallback when the text is missing."""
    groups: dict[str, dict[str, int]] = {}
    for e in entities:
        name = e.get("canonical") or e["text"]
        groups.setdefault(e["type"], {}).setdefault(name, 0)
        groups[e["type"]][name] += 1
    items = []
    for t in [t for t in ENTITY_TYPES if t in groups] + sorted(set(groups) - set(ENTITY_TYPES)):
        chips = " ".join(chip(f"{n} ×{k}" if k > 1 else n, f"t-{t}") for n, k in sorted(groups[t].items(), key=lambda x: (-x[1], x[0])))
        items.append(f'<div class="ent-group"><span class="ent-type t-{esc(t)}">{esc(TYPE_LABELS.get(t, t))}</span> {chips}</div>')
    return f'<details class="entities"><summary>الكيانات ({len(entities)})</summary>{"".join(items)}</details>'


def article_section(article: dict, entities: list[dict], claims: list[dict], found: ArticleText | None) -> str:
    aid = article["article_id"]
    title = title_of(article)
    meta = [f'<span class="aid">{esc(aid)}</span>']
    if article.get("published"):
        meta.append(f'<span>نُشر في {esc(article["published"])}</span>')
    url = safe_url(article.get("url"))
    if url:
        meta.append(f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">المصدر</a>')
    counts = " ".join(chip(f"{TYPE_LABELS.get(t, t)} {n}", f"t-{t}") for t, n in sorted((article.get("counts") or {}).items()) if t in TYPE_LABELS)
    notes = []
    if article.get("status") == "error":
        err = article.get("error") or {}
        notes.append(f'<p class="warn error">تعذّرت معالجة المقال: {esc(err.get("kind"))} — {esc(err.get("message"))}</p>')
    text = found.text if found else None
    if text is not None and not found.verified:
        notes.append('<p class="warn">لم يُتحقَّق من نص المقال: بصمته (sha256) لا تطابق المسجّلة في articles.jsonl، '
                     f'فقد تقع الإبرازات في غير موضعها. <span class="aid">{esc(found.origin)}</span> '
                     f'<span class="muted" dir="ltr">{esc(found.note)}</span></p>')
    if text is not None:
        bad = span_mismatches(text, entities, claims)
        if bad:
            notes.append(f'<p class="warn">{bad} من المقاطع لا تطابق النص: قد تكون الإزاحات خاطئة.</p>')
        body = f'<div class="text" lang="ar" dir="rtl">{render_spans(text, entity_spans(entities) + claim_spans(claims))}</div>'
    else:
        body = ('<p class="warn">نص المقال غير متاح: تُعرض الادعاءات والكيانات فقط '
                '(مرّر ملفات المدخلات عبر <code dir="ltr">--input</code>).</p>')
    cards = "".join(claim_card(c, article.get("published"), text is not None) for c in claims) or '<p class="muted">لا ادعاءات.</p>'
    return (
        f'<section class="article" id="{esc(article_anchor(aid))}" data-article="{esc(aid)}">'
        f'<h2 dir="auto">{esc(title)}</h2><div class="meta">{" · ".join(meta)} {counts}</div>{"".join(notes)}'
        f'<div class="cols"><div class="col-text">{body}{entity_list(entities)}</div>'
        f'<div class="col-claims"><h3>الادعاءات ({len(claims)})</h3>{cards}</div></div></section>'
    )


# ---------------------------------------------------------------- claims table

def claim_orgs(c: dict) -> list[str]:
    """Organisations a claim involves: the speaker's affiliation and any ORG it is about."""
    names = []
    aff = c["speaker"].get("affiliation")
    if aff:
        names.append(aff.get("canonical") or aff.get("text"))
    if c["speaker"].get("type") == "ORG":
        names.append(c["speaker"].get("canonical") or c["speaker"]["text"])
    names += [a.get("canonical") or a["text"] for a in c.get("about") or [] if a["type"] == "ORG"]
    return sorted({n for n in names if n})


def claim_models(c: dict) -> list[str]:
    return sorted({a.get("canonical") or a["text"] for a in c.get("about") or [] if a["type"] == "MODEL"})


def claim_facets(c: dict, article: dict) -> dict:
    """What the page's filters look at, per claim."""
    _, bounds = claim_date(c, article.get("published"))
    sp = c["speaker"]
    # No search text here: the page searches each row's own text (title, speaker, role, cue,
    # content, about, date) plus ``also``, so the content is not written into the page twice.
    also = " ".join(x for x in (sp["text"] if sp["text"] != sp.get("canonical") else None, article["article_id"]) if x)
    return {"id": c["claim_id"], "speaker": sp.get("canonical") or sp["text"], "orgs": claim_orgs(c),
            "models": claim_models(c), "qt": c.get("quote_type"), "lo": bounds[0] if bounds else None,
            "hi": bounds[1] if bounds else None, "also": also}


def claim_row(c: dict, article: dict, has_text: bool) -> str:
    cid = c["claim_id"]
    target = text_anchor(cid) if has_text else card_anchor(cid)
    shown_date, _ = claim_date(c, article.get("published"))
    sp = c["speaker"]
    who = esc(sp.get("canonical") or sp["text"])
    role = " · ".join(esc(x) for x in (sp.get("role"), (sp.get("affiliation") or {}).get("canonical") or (sp.get("affiliation") or {}).get("text")) if x)
    about = " ".join(chip(a.get("canonical") or a["text"], f"t-{a['type']}") for a in c.get("about") or [])
    qt = c.get("quote_type", "")
    conf = c.get("confidence")
    return (
        f'<tr data-claim="{esc(cid)}">'
        f'<td><a class="row-link" href="#{esc(target)}" title="{esc(title_of(article))}">{esc(title_of(article))}</a></td>'
        f'<td class="who">{who}</td><td class="muted role-cell">{role}</td><td>{esc(c["cue"]["text"])}</td>'
        f'<td class="content-cell"><a href="#{esc(target)}">{esc(c["content"]["text"])}</a></td>'
        f'<td class="about-cell">{about}</td><td class="nowrap">{esc(shown_date)}</td>'
        f'<td><span class="qt qt-{esc(qt)}">{esc(QUOTE_LABELS.get(qt, qt))}</span></td>'
        f'<td class="num">{"" if conf is None else esc(f"{float(conf):.2f}")}</td></tr>'
    )


def options(values: Iterable[str]) -> str:
    return "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in sorted(set(values)))


def filters_html(facets: list[dict]) -> str:
    def select(fid: str, label: str, values: Iterable[str]) -> str:
        return (f'<label>{label}<select id="{fid}"><option value="">الكل</option>{options(values)}</select></label>')

    qts = "".join(f'<option value="{k}">{v}</option>' for k, v in QUOTE_LABELS.items())
    return (
        '<form class="filters" id="filters" autocomplete="off">'
        '<label class="grow">بحث<input type="search" id="f-q" placeholder="ابحث في الادعاءات…"></label>'
        + select("f-speaker", "المتحدث", (f["speaker"] for f in facets))
        + select("f-org", "المؤسسة", (o for f in facets for o in f["orgs"]))
        + select("f-model", "النموذج", (m for f in facets for m in f["models"]))
        + f'<label>نوع الاقتباس<select id="f-qt"><option value="">الكل</option>{qts}</select></label>'
        '<label>من<input type="date" id="f-from"></label><label>إلى<input type="date" id="f-to"></label>'
        '<button type="reset" id="f-reset">مسح</button>'
        '<output id="f-count" aria-live="polite"></output></form>'
    )


def legend_html() -> str:
    ents = "".join(f'<span class="lg"><mark class="ent ent-{t} last">{esc(TYPE_LABELS[t])}</mark></span>' for t in ENTITY_TYPES)
    parts = "".join(f'<span class="lg"><span class="cl cl-{p}">{esc(label)}</span></span>' for p, label in PART_LABELS.items())
    return f'<div class="legend" aria-label="مفتاح الألوان">{ents}<span class="lg-sep"></span>{parts}</div>'


# ---------------------------------------------------------------- overview charts (inline SVG)

# Drawn here, as SVG markup with classes (no style attribute, no script): the CSP stays as it
# is, the charts need no library, and every name in them goes through esc() like any text.
# Both charts read right to left: names on the right, months from oldest (right) to newest
# (left), bars growing leftwards.
CHART_W = 660  # about one unit per CSS pixel in half of a 1400 px page
MAX_MONTHS = 36
TOP_ENTITIES = 5
TOP_PAIRS = 10


def clip(name: str, limit: int) -> str:
    """A name cut to fit its column (the whole name stays in the element's <title>), isolated so that
    its own first letter sets its direction: "Alexa+" must not read "+Alexa" in a right-to-left chart."""
    short = name if len(name) <= limit else name[: limit - 1].rstrip() + "…"
    return f"\u2068{short}\u2069"


def svg_text(x: float, y: float, text: str, cls: str, anchor: str = "start") -> str:
    # In a right-to-left page an SVG text's "start" is its right end.
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}">{esc(text)}</text>'


def busiest_window(totals: list[int], size: int) -> int:
    """Start of the ``size`` consecutive months holding the most claims (the latest on a tie):
    one stray date decades away must not stretch the axis or push the busy months off it."""
    best, best_sum = 0, -1
    window = sum(totals[:size])
    for start in range(len(totals) - size + 1):
        if start:
            window += totals[start + size - 1] - totals[start - 1]
        if window >= best_sum:
            best, best_sum = start, window
    return best


def months_chart(counts: RunCounts, keys: list[str]) -> str:
    """Claims per month about each entity: one row of bars per entity, one shared scale."""
    axis, per = counts.months_of(keys)
    if not keys:
        return '<p class="muted">لا ادعاءات عن كيانات.</p>'
    if not axis:
        return '<p class="muted">لا تواريخ للادعاءات عن هذه الكيانات.</p>'
    hidden = 0
    if len(axis) > MAX_MONTHS:
        totals = [sum(per[k][m] for k in keys) for m in axis]
        first = busiest_window(totals, MAX_MONTHS)
        hidden = sum(totals) - sum(totals[first:first + MAX_MONTHS])
        axis = axis[first:first + MAX_MONTHS]
    top = max([per[k][m] for k in keys for m in axis] + [1])
    undated = sum(counts.about[k] for k in keys) - sum(per[k][m] for k in keys for m in per[k])
    label_w, row_h, bar_max, pad = 150, 44, 34, 4
    plot_right, plot_left = CHART_W - label_w, 4
    step = (plot_right - plot_left) / len(axis)
    bar_w = max(1.0, min(28.0, step * 0.72))
    height = len(keys) * row_h + 34
    parts = [f'<svg class="chart" viewBox="0 0 {CHART_W} {height}" role="img" aria-labelledby="ov-months-title" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for i, key in enumerate(keys):
        who = counts.entities.describe(key)
        base = (i + 1) * row_h
        total = counts.about[key]
        parts.append(f'<g class="series s{i}"><title>{esc(who["name"])} · عدد الادعاءات: {total}</title>')
        parts.append(svg_text(CHART_W - pad, base - 20, clip(who["name"], 18), "lbl"))
        parts.append(svg_text(CHART_W - pad, base - 4, f"{TYPE_LABELS.get(who['type'], who['type'])} · {total}", "sub"))
        parts.append(f'<line x1="{plot_left}" x2="{plot_right}" y1="{base}" y2="{base}" class="base"></line>')
        for j, m in enumerate(axis):
            n = per[key][m]
            if not n:
                continue
            h = max(2.0, bar_max * n / top)
            x = plot_right - (j + 0.5) * step - bar_w / 2
            parts.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
                         f'<title>{esc(who["name"])} · {m}: {n}</title></rect>')
        parts.append("</g>")
    every = max(1, int(-(-54 // step)))  # a label needs about 54 units
    y = len(keys) * row_h + 20
    for j, m in enumerate(axis):
        if j % every == 0:
            parts.append(svg_text(plot_right - (j + 0.5) * step, y, m, "tick", "middle"))
    parts.append("</svg>")
    note = (f'<p class="muted small">الأشهر من {esc(axis[0])} إلى {esc(axis[-1])}؛ أطول عمود: {top} (عدد الادعاءات).'
            + (f" لا تظهر ادعاءات خارج هذه الأشهر (عددها {hidden})." if hidden else "")
            + (f" ولا تظهر الادعاءات التي لا تاريخ لها ولا لمقالها (عددها {undated})." if undated else "") + "</p>")
    return "".join(parts) + note


def pairs_chart(counts: RunCounts, pairs: list[tuple[str, str]]) -> str:
    """The most frequent speaker → entity pairs as bars: speaker, arrow, entity, bar, count."""
    if not pairs:
        return '<p class="muted">لا أزواج بعد.</p>'
    row_h, pad = 26, 4
    sp_right, arrow_x, ent_right, bar_right, bar_max = CHART_W - pad, 478, 466, 300, 264
    top = max(counts.pairs[p] for p in pairs)
    height = len(pairs) * row_h + 8
    parts = [f'<svg class="chart" viewBox="0 0 {CHART_W} {height}" role="img" aria-labelledby="ov-pairs-title" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for i, (skey, akey) in enumerate(pairs):
        sp, ab = counts.entities.describe(skey), counts.entities.describe(akey)
        n = counts.pairs[skey, akey]
        y = (i + 1) * row_h - 8
        w = max(2.0, bar_max * n / top)
        parts.append(f'<g class="pair"><title>{esc(sp["name"])} ← {esc(ab["name"])}: {n}</title>')
        parts.append(svg_text(sp_right, y, clip(sp["name"], 21), f"lbl t-{esc(sp['type'])}"))
        parts.append(svg_text(arrow_x, y, "←", "arrow", "middle"))
        parts.append(svg_text(ent_right, y, clip(ab["name"], 19), f"lbl t-{esc(ab['type'])}"))
        parts.append(f'<rect class="bar t-{esc(ab["type"])}" x="{bar_right - w:.1f}" y="{y - 12:.1f}" width="{w:.1f}" height="15"></rect>')
        parts.append(svg_text(bar_right - w - 6, y, str(n), "num"))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def overview_html(counts: RunCounts) -> str:
    """The report's overview: claims per month about the most-discussed entities, and who talks about whom."""
    keys = counts.ranked(counts.about, TOP_ENTITIES)
    pairs = counts.ranked(counts.pairs, TOP_PAIRS)
    return (
        '<section class="panel overview" id="overview" aria-label="نظرة عامة">'
        '<h2>نظرة عامة</h2><div class="ov-grid">'
        '<figure class="ov" id="ov-months"><figcaption id="ov-months-title">الادعاءات شهريًا عن أكثر '
        f'{len(keys)} كيانات تناولًا</figcaption>{months_chart(counts, keys)}</figure>'
        '<figure class="ov" id="ov-pairs"><figcaption id="ov-pairs-title">أكثر أزواج المتحدث ← الكيان تكرارًا</figcaption>'
        f"{pairs_chart(counts, pairs)}</figure></div></section>"
    )


# ---------------------------------------------------------------- selection at build time

# One report serves a few thousand articles (docs/view.md); a larger run is read through a
# selection made before any text is looked up or any HTML written.
ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
LETTER_FOLDS = str.maketrans({"\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
                              "\u0649": "\u064A", "\u0629": "\u0647"})


def fold(name: str | None) -> str:
    """A name as the selection compares it: case, diacritics, tatweel and alef/ya/ta-marbuta variants
    ignored (the same folding as the report's search box)."""
    text = ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", name or "").casefold())
    return " ".join(text.translate(LETTER_FOLDS).split())


@dataclass(frozen=True)
class Selection:
    """Which claims and articles a report shows. ``about``/``speaker`` hold folded names or ids."""

    about: frozenset[str] = frozenset()
    speaker: frozenset[str] = frozenset()
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    article_ids: frozenset[str] | None = None
    limit: int | None = None  # articles

    @property
    def by_claim(self) -> bool:
        return bool(self.about or self.speaker or self.since or self.until)


def entity_ids_named(names: frozenset[str], registry: Iterable[dict]) -> frozenset[str]:
    """Ids of the registry's entities called by any of ``names`` (id, canonical name or alias, folded)."""
    ids = set()
    for r in registry:
        called = {fold(r.get("entity_id")), fold(r.get("canonical"))} | {fold(a) for a in r.get("aliases") or []}
        if called & names:
            ids.add(r["entity_id"])
    return frozenset(ids)


def ref_named(ref: dict, names: frozenset[str], ids: frozenset[str]) -> bool:
    if ref.get("entity_id") and (ref["entity_id"] in ids or fold(ref["entity_id"]) in names):
        return True
    return fold(ref.get("canonical")) in names or fold(ref.get("text")) in names


def claim_selected(c: dict, published: str | None, sel: Selection, about_ids: frozenset[str] = frozenset(),
                   speaker_ids: frozenset[str] = frozenset()) -> bool:
    """A claim is shown when it meets every given condition: about one of the named entities, said by
    one of the named speakers, dated (its own date, else its article's) in the range."""
    if sel.about and not any(ref_named(a, sel.about, about_ids) for a in c.get("about") or []):
        return False
    if sel.speaker and not ref_named(c["speaker"], sel.speaker, speaker_ids):
        return False
    if sel.since or sel.until:
        bounds = claim_bounds(c, published)
        if not bounds or (sel.since and bounds[1] < sel.since) or (sel.until and bounds[0] > sel.until):
            return False
    return True


def placeholder_article(article_id: str) -> dict:
    return {"article_id": article_id, "source": "", "sha256": None, "published": None, "title": None,
            "url": None, "status": "ok", "error": None, "counts": {}}


def select_records(articles: list[dict], claims: Iterable[dict], entities: Iterable[dict], sel: Selection,
                   registry: Iterable[dict] = ()) -> tuple[list[dict], dict[str, list[dict]], dict[str, list[dict]]]:
    """(articles, entities by article, claims by article) of a selection; claims and entities are
    streamed and only the selected ones kept, so the report's memory follows its size, not the run's.

    With a claim condition only the matching claims are shown, in the articles that have one;
    ``limit`` then keeps the first articles in ``articles.jsonl`` order. Claims whose article
    line is missing (a run cut short) get a placeholder article at the end."""
    reg = list(registry) if sel.by_claim else []
    about_ids = entity_ids_named(sel.about, reg) if sel.about else frozenset()
    speaker_ids = entity_ids_named(sel.speaker, reg) if sel.speaker else frozenset()
    known = {a["article_id"] for a in articles}
    arts = [a for a in articles if sel.article_ids is None or a["article_id"] in sel.article_ids]
    published = {a["article_id"]: a.get("published") for a in arts}
    kept: dict[str, list[dict]] = {}
    orphans: list[dict] = []
    for c in claims:
        aid = c["article_id"]
        if aid not in known:
            known.add(aid)
            orphans.append(placeholder_article(aid))
            if sel.article_ids is None or aid in sel.article_ids:
                published[aid] = None
        if aid in published and (not sel.by_claim or claim_selected(c, published[aid], sel, about_ids, speaker_ids)):
            kept.setdefault(aid, []).append(c)
    arts += [o for o in orphans if o["article_id"] in published]
    if sel.by_claim:
        arts = [a for a in arts if a["article_id"] in kept]
    if sel.limit is not None:
        arts = arts[: sel.limit]
    chosen = {a["article_id"] for a in arts}
    ents: dict[str, list[dict]] = {}
    for e in entities:
        if e["article_id"] in chosen:
            ents.setdefault(e["article_id"], []).append(e)
    return arts, ents, {aid: cs for aid, cs in kept.items() if aid in chosen}


# ---------------------------------------------------------------- whole page

@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files("pipeline").joinpath(f"data/report/{name}").read_text(encoding="utf-8")


def fill(template: str, parts: Mapping[str, str]) -> str:
    """One-pass placeholder substitution: a '{{X}}' inside data is never substituted again."""
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)


def build_report(articles: list[dict], entities: Mapping[str, list[dict]], claims: Mapping[str, list[dict]],
                 texts: Mapping[str, ArticleText], *, title: str = "تقرير الادعاءات") -> str:
    """The whole report as one HTML string (no network resource, RTL, filters in inline JS)."""
    css, js = asset("report.css"), asset("report.js")
    facets, rows, sections, nav = [], [], [], []
    counts = RunCounts()
    for art in articles:
        aid = art["article_id"]
        a_claims = claims.get(aid, [])
        counts.add_article(art)
        for c in a_claims:
            counts.add_claim(c, art.get("published"))
        a_ents = entities.get(aid, [])
        found = texts.get(aid)
        art = {**art, "display_title": art.get("title") or headline(found.text if found else None)}
        has_text = bool(found and found.text is not None)
        sections.append(article_section(art, a_ents, a_claims, found))
        nav.append(f'<li><a href="#{esc(article_anchor(aid))}">{esc(title_of(art))}</a> <span class="muted">({len(a_claims)})</span></li>')
        for c in a_claims:
            facets.append(claim_facets(c, art))
            rows.append(claim_row(c, art, has_text))
    n_claims = len(facets)
    type_counts = {t: sum(1 for es in entities.values() for e in es if e["type"] == t) for t in ENTITY_TYPES}
    summary = (f'<span class="stat"><b>{len(articles)}</b> مقالات</span><span class="stat"><b>{n_claims}</b> ادعاءات</span>'
               + "".join(f'<span class="stat t-{t}"><b>{n}</b> {esc(TYPE_LABELS[t])}</span>' for t, n in type_counts.items()))
    csp = (f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; img-src 'none'; "
           "font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")
    return fill(asset("report.html"), {
        "TITLE": esc(title),
        "CSP": esc(csp),
        "CSS": css,
        "JS": js,
        "SUMMARY": summary,
        "OVERVIEW": overview_html(counts),
        "LEGEND": legend_html(),
        "NAV": "".join(nav),
        "FILTERS": filters_html(facets),
        "ROWS": "".join(rows) or '<tr class="empty"><td colspan="9">لا ادعاءات.</td></tr>',
        "TOTAL": str(n_claims),
        "ARTICLES": "".join(sections),
        "DATA": json_for_script({"claims": facets}),
    })
