"""HTML rendering of Docs for notebooks and reports (no JavaScript, no network).

`byline.render(doc)` returns an HTML fragment: the article with entity
mentions highlighted by label (the tooltip gives the canonical name, label and
kb_id), quotations marked with their speaker, and tables of entities, quotes
and relations.  `Doc._repr_html_` shows the same in Jupyter.
"""
from __future__ import annotations

import re
from html import escape
from typing import Any, Iterable, List, Optional, Tuple, Union

__all__ = ["render", "LABEL_COLORS"]

# displaCy's palette, so spaCy users read the colours at a glance.
LABEL_COLORS = {
    "PERSON": "#aa9cfc", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561",
    "NORP": "#c887fb", "FAC": "#9cc9cc", "EVENT": "#ffeb80", "MISC": "#e4e7d2",
}
_DEFAULT_COLOR = "#ddd"
_SURR = re.compile("[\ud800-\udfff]")

_CSS = """
.byline-doc{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#222;
  max-width:60em;line-height:1.5;margin:0 0 1.5em 0}
.byline-doc h2.bl-title{font-size:1.45em;line-height:1.35;margin:.2em 0 .3em 0}
.byline-doc .bl-stats{color:#777;font-size:.85em;margin-bottom:.8em}
.byline-doc .bl-text{line-height:2.25;font-size:1.02em;border-top:1px solid #eee;padding-top:.4em}
.byline-doc .bl-text p{white-space:pre-wrap;margin:.2em 0 .55em 0}
.byline-doc mark.bl-ent{padding:.2em .35em;margin:0 .1em;border-radius:.35em;line-height:1;
  color:#111;-webkit-box-decoration-break:clone;box-decoration-break:clone}
.byline-doc mark.bl-ent .bl-lab{font-size:.58em;font-weight:700;letter-spacing:.02em;
  margin-left:.35em;vertical-align:middle;text-transform:uppercase;opacity:.8}
.byline-doc .bl-quote{background:#fff7d6;border-bottom:2px solid #f0c419;padding:.15em 0;
  -webkit-box-decoration-break:clone;box-decoration-break:clone}
.byline-doc .bl-quote.bl-partial{background:#fdf3e1;border-bottom-style:dashed}
.byline-doc .bl-quote.bl-indirect{background:#eef5ff;border-bottom:2px dotted #6b9be0}
.byline-doc .bl-who{display:inline-block;font-size:.66em;font-weight:700;color:#fff;
  background:#5c6f86;border-radius:.8em;padding:0 .55em;margin-right:.3em;line-height:1.6;
  vertical-align:middle;white-space:nowrap}
.byline-doc .bl-quote.bl-direct .bl-who{background:#b8860b}
.byline-doc .bl-quote.bl-partial .bl-who{background:#c77d2a}
.byline-doc .bl-quote.bl-indirect .bl-who{background:#3f6fb5}
.byline-doc .bl-legend{font-size:.8em;color:#555;margin:.4em 0}
.byline-doc .bl-legend span{display:inline-block;margin-right:.9em}
.byline-doc .bl-legend i{display:inline-block;width:.9em;height:.9em;border-radius:.2em;
  vertical-align:-.1em;margin-right:.3em}
.byline-doc h3{font-size:1.05em;margin:1.3em 0 .4em 0;color:#333}
.byline-doc table.bl-table{border-collapse:collapse;font-size:.88em;width:100%}
.byline-doc table.bl-table th{text-align:left;border-bottom:2px solid #ccc;padding:.3em .5em;
  color:#444;font-weight:600}
.byline-doc table.bl-table td{border-bottom:1px solid #eee;padding:.3em .5em;vertical-align:top}
.byline-doc table.bl-table tr:nth-child(even) td{background:#fafafa}
.byline-doc .bl-badge{display:inline-block;padding:0 .45em;border-radius:.3em;font-size:.8em;
  font-weight:700;color:#111}
.byline-doc .bl-muted{color:#999}
.byline-doc table.bl-table .bl-num{text-align:right;font-variant-numeric:tabular-nums}
"""


def _e(s: Any) -> str:
    """Escapes text for HTML (quotes too); lone surrogates become U+FFFD."""
    if s is None:
        return ""
    s = str(s)
    if _SURR.search(s):
        s = _SURR.sub("\ufffd", s)
    return escape(s, quote=True)


def _color(label: Optional[str]) -> str:
    return LABEL_COLORS.get(label or "", _DEFAULT_COLOR)


def _badge(label: Optional[str]) -> str:
    if not label:
        return '<span class="bl-muted">-</span>'
    return f'<span class="bl-badge" style="background:{_color(label)}">{_e(label)}</span>'


# A span to draw: (start, end, order, open_html, close_html); order breaks ties
# so that quotes (outer) open before mentions (inner).
_Span = Tuple[int, int, int, str, str]


def _spans(doc: Any) -> List[_Span]:
    out: List[_Span] = []
    for q in doc.quotes:
        if q.end <= q.start:
            continue
        sp = q.speaker
        who = sp.name if sp is not None else (q.speaker_text or "?")
        kind = q.kind or "quote"
        tip = f"{kind} quote" + (f" · speaker: {who}" if who else "") + (f" · cue: {q.cue}" if q.cue else "")
        out.append((q.start, q.end, 0,
                    f'<span class="bl-quote bl-{_e(kind)}" title="{_e(tip)}">'
                    f'<span class="bl-who">{_e(who)} \u25b8</span>',
                    "</span>"))
    for m in doc.mentions:
        if m.end <= m.start:
            continue
        ent = m.entity
        label = m.label or (ent.label if ent is not None else None)
        name = ent.name if ent is not None else m.text
        kb = m.kb_id or (ent.kb_id if ent is not None else None)
        tip = " · ".join(x for x in (name, label, kb) if x)
        out.append((m.start, m.end, 1,
                    f'<mark class="bl-ent" style="background:{_color(label)}" title="{_e(tip)}">',
                    f'<span class="bl-lab">{_e(label or "")}</span></mark>'))
    return out


def _markup(text: str, spans: List[_Span], lo: int, hi: int) -> str:
    """HTML for text[lo:hi] with properly nested spans (crossing ones dropped)."""
    inside = [s for s in spans if s[0] < hi and s[1] > lo]
    inside.sort(key=lambda s: (s[0], -s[1], s[2]))
    parts: List[str] = []
    stack: List[_Span] = []
    pos = lo
    for sp in inside:
        a, b = max(sp[0], lo), min(sp[1], hi)
        while stack and min(stack[-1][1], hi) <= a:  # close finished spans
            top = stack.pop()
            end = min(top[1], hi)
            parts.append(_e(text[pos:end]))
            parts.append(top[4])
            pos = end
        if stack and b > min(stack[-1][1], hi):
            continue  # would cross its parent: skip
        parts.append(_e(text[pos:a]))
        parts.append(sp[3])
        pos = a
        stack.append(sp)
    while stack:
        top = stack.pop()
        end = min(top[1], hi)
        parts.append(_e(text[pos:end]))
        parts.append(top[4])
        pos = end
    parts.append(_e(text[pos:hi]))
    return "".join(parts)


def _table(head: List[str], rows: Iterable[List[str]], num: Tuple[int, ...] = ()) -> str:
    h = "".join(f'<th{" class=bl-num" if i in num else ""}>{_e(c)}</th>' for i, c in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=bl-num" if i in num else ""}>{c}</td>' for i, c in enumerate(r))
        + "</tr>" for r in rows)
    return f'<table class="bl-table"><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>'


def _render_one(doc: Any, tables: bool, max_chars: Optional[int]) -> str:
    text = doc.text
    spans = _spans(doc)
    out = ['<div class="byline-doc">']
    title = doc.title_span
    body_start = 0
    if title is not None:
        out.append(f'<h2 class="bl-title">{_markup(text, spans, title.start, title.end)}</h2>')
        body_start = title.end
        while body_start < len(text) and text[body_start] in "\r\n":
            body_start += 1
    ents = doc.entities
    quotes = doc.quotes
    rels = doc.relations
    out.append(f'<div class="bl-stats">{len(doc)} tokens · {len(doc.sentences)} sentences · '
               f'{len(ents)} entities · {len(quotes)} quotes · {len(rels)} relations</div>')
    labels = sorted({m.label for m in doc.mentions if m.label})
    if labels:
        out.append('<div class="bl-legend">' + "".join(
            f'<span><i style="background:{_color(lab)}"></i>{_e(lab)}</span>' for lab in labels)
            + '<span><i style="background:#fff7d6;border:1px solid #f0c419"></i>quote</span></div>')
    end = len(text)
    cut = ""
    if max_chars is not None and end - body_start > max_chars:
        end = body_start + max_chars
        cut = f'<span class="bl-muted"> … ({len(text) - end} more characters)</span>'
    # One <p> per paragraph (a span that runs across paragraphs is drawn in
    # each); text with no paragraph table is one block.
    paras = [(max(p.start, body_start), min(p.end, end)) for p in doc.paragraphs
             if p.end > body_start and p.start < end]
    paras = [(a, b) for a, b in paras if a < b]
    if not paras and body_start < end:
        paras = [(body_start, end)]
    body = "".join(f"<p>{_markup(text, spans, a, b)}</p>" for a, b in paras)
    out.append(f'<div class="bl-text">{body}{cut}</div>')
    if tables:
        if ents:
            out.append(f"<h3>Entities ({len(ents)})</h3>")
            rows = []
            for e in ents:
                forms = sorted({m.text for m in e.mentions})
                rows.append([_e(e.name), _badge(e.label), _e(e.kb_id) or '<span class="bl-muted">-</span>',
                             str(e.count), f"{e.salience:.2f}", _e(", ".join(forms))])
            out.append(_table(["name", "label", "kb_id", "count", "salience", "mentions"], rows, (3, 4)))
        if quotes:
            out.append(f"<h3>Quotes ({len(quotes)})</h3>")
            rows = []
            for q in quotes:
                sp = q.speaker
                who = _e(sp.name) if sp is not None else (
                    f'<span class="bl-muted">{_e(q.speaker_text)}</span>' if q.speaker_text else
                    '<span class="bl-muted">unknown</span>')
                rows.append([_e(q.kind), who, _e(q.cue_text or q.cue or ""), _e(q.text)])
            out.append(_table(["kind", "speaker", "cue", "text"], rows))
        if rels:
            out.append(f"<h3>Relations ({len(rels)})</h3>")
            rows = []
            for r in rels:
                s, o = r.subject, r.object
                rows.append([_e(s.name) if s is not None else "-", _e(r.kind) + (" (negated)" if r.negated else ""),
                             _e(o.name) if o is not None else "-", _e(r.label or ""), _e(r.predicate or "")])
            out.append(_table(["subject", "relation", "object", "title", "predicate"], rows))
    out.append("</div>")
    return "".join(out)


def render(docs: Union[Any, Iterable[Any]], *, page: bool = False, tables: bool = True,
           max_chars: Optional[int] = None) -> str:
    """HTML for one Doc or several: highlighted article plus tables.

    docs (Doc or iterable of Doc): what to render.
    page (bool): a complete HTML page (with <html>, <head>, charset) instead
        of a fragment.
    tables (bool): add the entity, quote and relation tables.
    max_chars (int): cut each article's body after this many characters.
    RETURNS (str): HTML with every piece of text escaped; no JavaScript.
    """
    from .doc import Doc

    items = [docs] if isinstance(docs, Doc) else list(docs)
    body = f"<style>{_CSS}</style>" + "".join(_render_one(d, tables, max_chars) for d in items)
    if not page:
        return body
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>byline</title></head><body style=\"margin:2em\">{body}</body></html>")
