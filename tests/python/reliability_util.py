"""Helpers for the reliability tests (test_hostile, test_threads, test_leaks).

`check_core` is the Python twin of tests/c/doc_invariants.h: it checks the
raw int32 tables of a CDoc with numpy, so it stays fast on 100 MB inputs.
`check_doc` checks the user-facing objects (text[x.start:x.end] == x.text for
every span-like object) when the byline object model is present.
"""
from __future__ import annotations

import os

import numpy as np

import byline
from byline import _core

SANITIZED = os.environ.get("BYLINE_SANITIZED", "") not in ("", "0")
TABLES = {
    "tokens": _core.TABLE_TOKENS,
    "sentences": _core.TABLE_SENTENCES,
    "paragraphs": _core.TABLE_PARAGRAPHS,
    "mentions": _core.TABLE_MENTIONS,
    "entities": _core.TABLE_ENTITIES,
    "quotes": _core.TABLE_QUOTES,
    "relations": _core.TABLE_RELATIONS,
}
HAVE_PIPELINE = hasattr(byline, "Pipeline")


def table(cdoc, name):
    """The table as a dict of numpy int32 columns."""
    tid = TABLES[name]
    cols = _core.table_columns(tid)
    a = np.frombuffer(cdoc.table(tid), dtype=np.int32).reshape(-1, len(cols))
    return {c: a[:, i] for i, c in enumerate(cols)}, a.shape[0]


def fingerprint(cdoc):
    """Every table's bytes: equal fingerprints mean identical analyses."""
    return tuple(cdoc.table(t) for t in TABLES.values())


_PIPELINE = None


def pipeline():
    """One shared Pipeline with the built-in KB and model (when built)."""
    global _PIPELINE
    if _PIPELINE is None:
        _PIPELINE = byline.Pipeline() if HAVE_PIPELINE else None
    return _PIPELINE


def core_kwargs():
    p = pipeline()
    kw = {}
    if p is not None:
        if getattr(p, "_kbs_arg", None):
            kw["kbs"] = p._kbs_arg
        if getattr(p, "model", None) is not None:
            kw["model"] = p.model
    return kw


def core_analyze(text, stages=0):
    """_core.analyze with the pipeline's KB and model."""
    return _core.analyze(text, stages=stages, **core_kwargs())


def _span_ok(s, e, n):
    absent = (s == -1) & (e == -1)
    return bool(np.all(absent | ((s >= 0) & (s <= e) & (e <= n))))


def check_core(text, cdoc, stages=0):
    """Asserts the structural invariants of the tables of `cdoc` for `text`."""
    n = len(text)
    assert cdoc.length() == n, f"length {cdoc.length()} != len(text) {n}"
    tok, nt = table(cdoc, "tokens")
    sen, ns = table(cdoc, "sentences")
    par, np_ = table(cdoc, "paragraphs")
    men, nm = table(cdoc, "mentions")
    ent, ne = table(cdoc, "entities")
    quo, nq = table(cdoc, "quotes")
    rel, nr = table(cdoc, "relations")
    if nt:
        s, e = tok["start"], tok["end"]
        assert s.min() >= 0 and e.max() <= n, "token out of bounds"
        assert np.all(s < e), "empty or reversed token"
        assert np.all(s[1:] >= e[:-1]), "tokens unsorted or overlapping"
        assert np.all((tok["mention"] >= -1) & (tok["mention"] < nm)), "token.mention range"
        # tokens never start or end in ASCII whitespace (sampled on big docs)
        idx = range(nt) if nt <= 5000 else list(range(2000)) + list(range(nt - 2000, nt))
        for i in idx:
            t = text[s[i]:e[i]]
            assert t and t[0] not in " \t\r\n" and t[-1] not in " \t\r\n", (i, t)
    st = stages or _core.STAGE_ALL
    if st & ~(_core.STAGE_TOKENS) and nt:
        assert ns > 0, "tokens but no sentences"
        ts, te = sen["tok_start"], sen["tok_end"]
        assert ts[0] == 0 and te[-1] == nt and np.all(ts[1:] == te[:-1]), "sentences do not tile tokens"
        assert np.all(te > ts), "empty sentence"
        assert np.all(sen["start"] <= tok["start"][ts]) and np.all(sen["end"] >= tok["end"][te - 1])
        assert sen["start"].min() >= 0 and sen["end"].max() <= n
        owner = np.repeat(np.arange(ns, dtype=np.int32), te - ts)
        assert np.array_equal(owner, tok["sent"]), "token.sent disagrees with sentences"
        assert np_ > 0
        ss, se = par["sent_start"], par["sent_end"]
        assert ss[0] == 0 and se[-1] == ns and np.all(ss[1:] == se[:-1]) and np.all(se > ss)
        powner = np.repeat(np.arange(np_, dtype=np.int32), se - ss)
        assert np.array_equal(powner, sen["para"]), "sentence.para disagrees with paragraphs"
    if nm:
        s, e = men["start"], men["end"]
        assert s.min() >= 0 and e.max() <= n and np.all(s < e), "mention span"
        assert np.all(s[1:] >= s[:-1]), "mentions unsorted"
        a, b = men["tok_start"], men["tok_end"]
        assert a.min() >= 0 and b.max() <= nt and np.all(a < b), "mention token range"
        assert np.all(tok["start"][a] <= s) and np.all(tok["end"][b - 1] >= e), "mention outside its tokens"
        assert np.all((men["entity"] >= -1) & (men["entity"] < ne)), "mention.entity range"
        assert np.all((men["label"] > 0) & (men["label"] < len(_core.enum_names(_core.ENUM_LABEL))))
        # top-level mentions do not overlap; a nested one (BL_MF_NESTED, 1 << 7)
        # lies inside the last top-level mention before it; tokens point at
        # top-level mentions only
        nested = (men["flags"] & (1 << 7)) != 0
        top = np.flatnonzero(~nested)
        assert np.all(a[top][1:] >= b[top][:-1]), "top-level mentions overlap"
        if nested.any():
            outer = top[np.searchsorted(top, np.flatnonzero(nested)) - 1]
            assert np.all(outer >= 0) and not nested[0], "nested mention first"
            k = np.flatnonzero(nested)
            assert np.all((a[outer] <= a[k]) & (b[k] <= b[outer])), "nested mention outside its outer"
        tm = tok["mention"]
        assert not np.any(nested[tm[tm >= 0]]), "token points at a nested mention"
    if ne:
        assert np.all((ent["name_mention"] >= -1) & (ent["name_mention"] < nm))
        assert np.all((ent["kb_entry"] >= 0) | (ent["name_mention"] >= 0)), "entity without a name"
        assert np.all((ent["label"] > 0) & (ent["label"] < len(_core.enum_names(_core.ENUM_LABEL))))
    if nq:
        assert quo["start"].min() >= 0 and quo["end"].max() <= n and np.all(quo["start"] <= quo["end"])
        assert np.all((quo["speaker"] >= -1) & (quo["speaker"] < ne)), "quote.speaker range"
        assert _span_ok(quo["speaker_start"], quo["speaker_end"], n), "quote speaker span"
        assert _span_ok(quo["cue_start"], quo["cue_end"], n), "quote cue span"
        assert np.all((quo["sentence"] >= -1) & (quo["sentence"] < max(ns, 1)))
    if nr:
        assert np.all((rel["subject"] >= 0) & (rel["subject"] < ne)), "relation.subject range"
        assert np.all((rel["object"] >= -1) & (rel["object"] < ne)), "relation.object range"
        for a, b in (("pred_start", "pred_end"), ("title_start", "title_end"), ("start", "end")):
            assert _span_ok(rel[a], rel[b], n), f"relation {a}/{b}"
    return {"tokens": nt, "sentences": ns, "mentions": nm, "entities": ne, "quotes": nq, "relations": nr}


def check_doc(doc, limit=2000):
    """text[x.start:x.end] == x.text for every span-like object of a Doc."""
    text = doc.text
    groups = ("tokens", "sentences", "paragraphs", "mentions", "quotes")
    for g in groups:
        seq = getattr(doc, g, None)
        if seq is None:
            continue
        n = len(seq)
        idx = range(n) if n <= limit else list(range(limit // 2)) + list(range(n - limit // 2, n))
        for i in idx:
            x = seq[i]
            assert text[x.start:x.end] == x.text, (g, i, x.start, x.end)
    for q in doc.quotes[:limit]:
        if q.speaker_start >= 0:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
        if q.cue_start >= 0:
            assert text[q.cue_start:q.cue_end] == q.cue_text
    for e in doc.entities[:limit]:
        for m in e.mentions[:20]:
            assert text[m.start:m.end] == m.text
        assert isinstance(e.name, str)


def analyze_checked(text, stages=0):
    """Analyses `text` through the core (and the Doc model when present) and
    checks every invariant; returns the table sizes."""
    cdoc = core_analyze(text, stages)
    counts = check_core(text if isinstance(text, str) else bytes(text).decode("utf-8"), cdoc, stages)
    if HAVE_PIPELINE and isinstance(text, str) and len(text) < 2_000_000 and not stages:
        doc = pipeline()(text)
        check_doc(doc)
    return counts
