"""A stand-in for _core.CDoc built from Python rows, so the object model,
frames and rendering can be tested on known tables independent of the stages."""
from array import array
import re

import byline
from byline import _core
from byline.doc import COLUMNS, TABLE_IDS, LABELS, QUOTE_KINDS

LABEL = {n: i for i, n in enumerate(LABELS) if n}
QKIND = {n: i for i, n in enumerate(QUOTE_KINDS) if n}


class FakeCDoc:
    def __init__(self, text, **tables):
        self.rows = {}
        for name, tid in TABLE_IDS.items():
            cols = COLUMNS[tid]
            a = array("i")
            for row in tables.get(name, []):
                a.extend(int(row.get(c, -1)) for c in cols)
            self.rows[tid] = a
        self.text = text

    def table_view(self, tid):
        return memoryview(self.rows[tid]).toreadonly()

    def norm(self, i):
        t = self.table_view(_core.TABLE_TOKENS)
        nc = len(COLUMNS[_core.TABLE_TOKENS])
        return self.text[t[i * nc]:t[i * nc + 1]].casefold()

    def norms(self):
        return [self.norm(i) for i in range(len(self.rows[_core.TABLE_TOKENS]) // len(COLUMNS[_core.TABLE_TOKENS]))]


def find(text, sub, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def make_doc(text, mentions, entities, quotes=(), relations=()):
    """mentions: (surface, nth, label, entity); entities: (label, name_mention);
    quotes: (surface, kind, speaker_entity, speaker_surface); relations:
    (subject, object, predicate_surface)."""
    toks = [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]
    sents, s0 = [], 0
    for i, (a, b) in enumerate(toks):
        if text[a:b] == "." or i == len(toks) - 1:
            sents.append((s0, i + 1))
            s0 = i + 1
    tok_rows = []
    sent_of = {}
    for si, (ta, tb) in enumerate(sents):
        for k in range(ta, tb):
            sent_of[k] = si
    for k, (a, b) in enumerate(toks):
        tok_rows.append(dict(start=a, end=b, kind=1, flags=1, sent=sent_of[k], pos=0, ner=0, mention=-1))
    sent_rows = [dict(start=toks[a][0], end=toks[b - 1][1], tok_start=a, tok_end=b, para=0) for a, b in sents]
    para_rows = [dict(start=0, end=len(text), sent_start=0, sent_end=len(sents))]
    men_rows = []
    for surface, nth, label, ent in mentions:
        a, b = find(text, surface, nth)
        ts = next(k for k, (x, y) in enumerate(toks) if x == a)
        te = next(k for k, (x, y) in enumerate(toks) if y == b) + 1
        men_rows.append(dict(start=a, end=b, tok_start=ts, tok_end=te, label=LABEL[label], entity=ent,
                             kb_layer=-1, kb_entry=-1, source=2, flags=0))
    ent_rows = []
    for i, (label, nm) in enumerate(entities):
        ms = [m for m in men_rows if m["entity"] == i]
        ent_rows.append(dict(label=LABEL[label], kb_layer=-1, kb_entry=-1, name_mention=nm, count=len(ms),
                             first=min(m["start"] for m in ms), salience=1000 // (i + 1), gender=0, flags=0))
    q_rows = []
    for surface, kind, spk, spk_surface in quotes:
        a, b = find(text, surface)
        sa, sb = find(text, spk_surface) if spk_surface else (-1, -1)
        q_rows.append(dict(start=a, end=b, kind=QKIND[kind], speaker=spk, speaker_start=sa, speaker_end=sb,
                           cue=0, cue_start=-1, cue_end=-1, sentence=0, flags=0))
    r_rows = []
    for subj, obj, pred in relations:
        a, b = find(text, pred)
        r_rows.append(dict(subject=subj, object=obj, kind=0, pred_start=a, pred_end=b, title_start=-1,
                           title_end=-1, negated=0, modality=0, sentence=0, start=a, end=b, flags=0))
    cd = FakeCDoc(text, tokens=tok_rows, sentences=sent_rows, paragraphs=para_rows, mentions=men_rows,
                  entities=ent_rows, quotes=q_rows, relations=r_rows)
    return byline.Doc(text, cd, None)


SEED_LIKE = (
    "Envoy <b>visits</b> Lisbon for port talks\n\n"
    "Maria Santos, head of the Rotterdam Port Authority, arrived in Lisbon on Monday. "
    "\"We cannot let the backlog grow into another winter,\" Santos said. "
    "Portugal welcomed the visit <script>alert(1)</script>.\n"
)


def seed_like_doc():
    return make_doc(
        SEED_LIKE,
        mentions=[("Lisbon", 0, "GPE", 1), ("Maria Santos", 0, "PERSON", 0),
                  ("Rotterdam Port Authority", 0, "ORG", 2), ("Lisbon", 1, "GPE", 1),
                  ("Santos", 1, "PERSON", 0), ("Portugal", 0, "GPE", 3)],
        entities=[("PERSON", 1), ("GPE", 0), ("ORG", 2), ("GPE", 5)],
        quotes=[("\"We cannot let the backlog grow into another winter,\"", "direct", 0, "Santos")],
        relations=[(0, 2, "head")],
    )
