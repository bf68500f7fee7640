"""Tidy pandas DataFrames from Docs, built column by column.

    >>> fr = byline.frames(df["text"])            # or a list of Docs / str
    >>> fr.entities.head()
    >>> ents = df["text"].byline.entities()        # indexed by df's index

pandas is imported only here, on first use (`import byline` does not need it).
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from . import doc as D
from .doc import Doc

__all__ = ["frames", "Frames", "FRAME_NAMES", "register_accessor"]

FRAME_NAMES = ("documents", "entities", "mentions", "quotes", "relations", "cooccurrences")


def _pd() -> Any:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - exercised without pandas only
        raise ImportError(
            "byline.frames needs pandas: pip install 'byline[pandas]' (or pip install pandas)"
        ) from None
    return pd


class Frames:
    """The DataFrames of a batch: documents, entities, mentions, quotes,
    relations and cooccurrences (attributes, or ``frames["entities"]``)."""

    def __init__(self, tables: Dict[str, Any]) -> None:
        self._tables = tables

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_tables"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def keys(self) -> Iterable[str]:
        return self._tables.keys()

    def items(self) -> Iterable[Tuple[str, Any]]:
        return self._tables.items()

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={len(v)}" for k, v in self._tables.items())
        return f"<byline.Frames {sizes}>"


class _Cols:
    """Column accumulators for every frame (plain lists, extended per doc)."""

    def __init__(self) -> None:
        self.c: Dict[str, Dict[str, list]] = {name: {} for name in FRAME_NAMES}

    def ext(self, frame: str, col: str, values: Iterable[Any]) -> None:
        self.c[frame].setdefault(col, []).extend(values)


def _codes(values: List[int]) -> List[int]:
    # Enum value 0 means "none" -> categorical code -1 (NaN); v -> v - 1.
    return [v - 1 for v in values]


def _add_doc(cols: _Cols, doc: Doc, did: Any) -> None:
    text = doc.text
    tt, mt, et, qt, rt = (doc._t(D.T_TOKENS), doc._t(D.T_MENTIONS), doc._t(D.T_ENTITIES),
                          doc._t(D.T_QUOTES), doc._t(D.T_RELATIONS))
    nent = et.n
    eid = [doc._entity_id(i) for i in range(nent)]
    ename = [doc._entity_name(i) for i in range(nent)]

    def ref(col: List[int]) -> Tuple[List[Optional[str]], List[Optional[str]]]:
        return ([eid[i] if 0 <= i < nent else None for i in col],
                [ename[i] if 0 <= i < nent else None for i in col])

    def span(a: List[int], b: List[int]) -> List[Optional[str]]:
        return [text[x:y] if 0 <= x <= y else None for x, y in zip(a, b)]

    # documents
    cols.ext("documents", "doc_id", [did])
    cols.ext("documents", "title", [doc.title])
    cols.ext("documents", "n_chars", [len(text)])
    cols.ext("documents", "n_tokens", [tt.n])
    cols.ext("documents", "n_sentences", [len(doc._t(D.T_SENTENCES))])
    cols.ext("documents", "n_entities", [nent])
    cols.ext("documents", "n_quotes", [qt.n])
    cols.ext("documents", "n_relations", [rt.n])

    # entities (table order; salience ranks within the doc are a groupby away)
    if nent:
        kb = [doc._kb_id(la, en) for la, en in zip(et.column("kb_layer"), et.column("kb_entry"))]
        cols.ext("entities", "doc_id", [did] * nent)
        cols.ext("entities", "entity", eid)
        cols.ext("entities", "name", ename)
        cols.ext("entities", "label", _codes(et.column("label")))
        cols.ext("entities", "kb_id", kb)
        cols.ext("entities", "count", et.column("count"))
        cols.ext("entities", "salience", [s / 1000.0 for s in et.column("salience")])
        cols.ext("entities", "first", et.column("first"))
        cols.ext("entities", "gender", _codes(et.column("gender")))

    # mentions
    n = mt.n
    if n:
        st, en = mt.column("start"), mt.column("end")
        e_ids, e_names = ref(mt.column("entity"))
        toks = mt.column("tok_start")
        sent_col = tt.column("sent") if tt.n else []
        cols.ext("mentions", "doc_id", [did] * n)
        cols.ext("mentions", "start", st)
        cols.ext("mentions", "end", en)
        cols.ext("mentions", "text", [text[a:b] for a, b in zip(st, en)])
        cols.ext("mentions", "label", _codes(mt.column("label")))
        cols.ext("mentions", "entity", e_ids)
        cols.ext("mentions", "name", e_names)
        cols.ext("mentions", "kb_id", [doc._kb_id(la, e) for la, e in
                                       zip(mt.column("kb_layer"), mt.column("kb_entry"))])
        cols.ext("mentions", "source", _codes(mt.column("source")))
        cols.ext("mentions", "sentence", [sent_col[k] if 0 <= k < len(sent_col) else -1 for k in toks])
        cols.ext("mentions", "nested", [bool(f & D.MF_NESTED) for f in mt.column("flags")])

    # quotes
    n = qt.n
    if n:
        st, en = qt.column("start"), qt.column("end")
        s_ids, s_names = ref(qt.column("speaker"))
        cols.ext("quotes", "doc_id", [did] * n)
        cols.ext("quotes", "start", st)
        cols.ext("quotes", "end", en)
        cols.ext("quotes", "text", [text[a:b] for a, b in zip(st, en)])
        cols.ext("quotes", "kind", _codes(qt.column("kind")))
        cols.ext("quotes", "speaker", s_ids)
        cols.ext("quotes", "speaker_name", s_names)
        cols.ext("quotes", "speaker_text", span(qt.column("speaker_start"), qt.column("speaker_end")))
        cols.ext("quotes", "cue", _codes(qt.column("cue")))
        cols.ext("quotes", "cue_text", span(qt.column("cue_start"), qt.column("cue_end")))
        cols.ext("quotes", "sentence", qt.column("sentence"))

    # relations
    n = rt.n
    if n:
        s_ids, s_names = ref(rt.column("subject"))
        o_ids, o_names = ref(rt.column("object"))
        cols.ext("relations", "doc_id", [did] * n)
        cols.ext("relations", "subject", s_ids)
        cols.ext("relations", "subject_name", s_names)
        cols.ext("relations", "kind", _codes(rt.column("kind")))
        cols.ext("relations", "object", o_ids)
        cols.ext("relations", "object_name", o_names)
        cols.ext("relations", "predicate", span(rt.column("pred_start"), rt.column("pred_end")))
        cols.ext("relations", "label", span(rt.column("title_start"), rt.column("title_end")))
        cols.ext("relations", "negated", [bool(x) for x in rt.column("negated")])
        cols.ext("relations", "modality", _codes(rt.column("modality")))
        cols.ext("relations", "sentence", rt.column("sentence"))
        cols.ext("relations", "start", rt.column("start"))
        cols.ext("relations", "end", rt.column("end"))

    # co-occurrences: entity pairs sharing a sentence, with the number of
    # such sentences (pairs ordered by entity index, so each appears once).
    if nent > 1:
        ks = D.cooccurrence_pairs(doc)
        if ks:
            cols.ext("cooccurrences", "doc_id", [did] * len(ks))
            cols.ext("cooccurrences", "entity_a", [eid[a] for a, _, _ in ks])
            cols.ext("cooccurrences", "name_a", [ename[a] for a, _, _ in ks])
            cols.ext("cooccurrences", "entity_b", [eid[b] for _, b, _ in ks])
            cols.ext("cooccurrences", "name_b", [ename[b] for _, b, _ in ks])
            cols.ext("cooccurrences", "sentences", [len(ss) for _, _, ss in ks])


# Frame schemas: column -> kind ("id", "int", "float", "bool", "str", or an enum tuple).
def _schemas() -> Dict[str, List[Tuple[str, Any]]]:
    return {
        "documents": [("doc_id", "id"), ("title", "str"), ("n_chars", "int"), ("n_tokens", "int"),
                      ("n_sentences", "int"), ("n_entities", "int"), ("n_quotes", "int"),
                      ("n_relations", "int")],
        "entities": [("doc_id", "id"), ("entity", "str"), ("name", "str"), ("label", D.LABELS),
                     ("kb_id", "str"), ("count", "int"), ("salience", "float"), ("first", "int"),
                     ("gender", D.GENDERS)],
        "mentions": [("doc_id", "id"), ("start", "int"), ("end", "int"), ("text", "str"),
                     ("label", D.LABELS), ("entity", "str"), ("name", "str"), ("kb_id", "str"),
                     ("source", D.SOURCES), ("sentence", "int"), ("nested", "bool")],
        "quotes": [("doc_id", "id"), ("start", "int"), ("end", "int"), ("text", "str"),
                   ("kind", D.QUOTE_KINDS), ("speaker", "str"), ("speaker_name", "str"),
                   ("speaker_text", "str"), ("cue", D.CUES), ("cue_text", "str"), ("sentence", "int")],
        "relations": [("doc_id", "id"), ("subject", "str"), ("subject_name", "str"),
                      ("kind", D.REL_KINDS), ("object", "str"), ("object_name", "str"),
                      ("predicate", "str"), ("label", "str"), ("negated", "bool"),
                      ("modality", D.MODALITIES), ("sentence", "int"), ("start", "int"),
                      ("end", "int")],
        "cooccurrences": [("doc_id", "id"), ("entity_a", "str"), ("name_a", "str"),
                          ("entity_b", "str"), ("name_b", "str"), ("sentences", "int")],
    }


def _build(pd: Any, cols: _Cols, id_dtype: Any) -> Dict[str, Any]:
    out = {}
    for name, schema in _schemas().items():
        data = cols.c[name]
        series = {}
        for col, kind in schema:
            vals = data.get(col, [])
            if kind == "id":
                series[col] = pd.Series(vals, dtype=id_dtype) if id_dtype is not None \
                    else pd.Series(vals, dtype="int64" if not vals else None)
            elif kind == "int":
                series[col] = pd.Series(vals, dtype="int64")
            elif kind == "float":
                series[col] = pd.Series(vals, dtype="float64")
            elif kind == "bool":
                series[col] = pd.Series(vals, dtype="bool")
            elif kind == "str":
                series[col] = pd.Series(vals, dtype="object")
            else:  # enum -> categorical from codes (-1 = missing)
                cats = [c for c in kind[1:] if c]
                series[col] = pd.Series(pd.Categorical.from_codes(vals, categories=cats)
                                        if cats else pd.Categorical([None] * len(vals)))
        out[name] = pd.DataFrame(series)
    return out


def _docs(items: Iterable[Any], pipeline: Any, n_threads: Optional[int]) -> Iterator[Doc]:
    """Docs for a mixed stream of Docs and texts; texts go through pipeline.pipe in order."""
    from .pipeline import default_pipeline

    nlp = pipeline or default_pipeline()
    pending: List[Any] = []

    def flush() -> Iterator[Doc]:
        if pending:
            yield from nlp.pipe(list(pending), n_threads=n_threads)
            pending.clear()

    for it in items:
        if isinstance(it, Doc):
            yield from flush()
            yield it
        else:
            pending.append(it)
            if len(pending) >= 4096:
                yield from flush()
    yield from flush()


def frames(docs_or_texts: Iterable[Any], ids: Optional[Sequence[Any]] = None, *,
           pipeline: Any = None, n_threads: Optional[int] = None,
           which: Optional[Sequence[str]] = None) -> Frames:
    """Tidy DataFrames for a batch of documents, one row per item.

    docs_or_texts (iterable): Docs, or texts (str/bytes) analysed here with
        `pipeline` (default pipeline) in `n_threads` threads.  A pandas
        Series supplies its index as ids unless ids are given.
    ids (sequence): one document id per input (default 0..n-1).
    which (sequence of str): limit the result to these frames.
    RETURNS (Frames): ``documents``, ``entities``, ``mentions``, ``quotes``,
        ``relations`` and ``cooccurrences`` DataFrames; each has a ``doc_id``
        column, int64 offsets and categorical labels.
    """
    pd = _pd()
    id_dtype = None
    if ids is None and isinstance(docs_or_texts, pd.Series):
        ids = docs_or_texts.index
    if ids is not None:
        if isinstance(ids, pd.Index):
            id_dtype = ids.dtype
        ids = list(ids)
    if isinstance(docs_or_texts, pd.Series):
        docs_or_texts = docs_or_texts.tolist()
    cols = _Cols()
    n = 0
    for i, d in enumerate(_docs(docs_or_texts, pipeline, n_threads)):
        if ids is not None:
            if i >= len(ids):
                raise ValueError(f"got more documents than ids ({len(ids)})")
            did = ids[i]
        else:
            did = i
        _add_doc(cols, d, did)
        n = i + 1
    if ids is not None and n != len(ids):
        raise ValueError(f"got {n} documents for {len(ids)} ids")
    if id_dtype is None and ids is not None:
        id_dtype = pd.Index(ids).dtype if ids else None
    tables = _build(pd, cols, id_dtype)
    if which is not None:
        bad = set(which) - set(FRAME_NAMES)
        if bad:
            raise ValueError(f"unknown frames {sorted(bad)}; expected some of {FRAME_NAMES}")
        tables = {k: v for k, v in tables.items() if k in which}
    return Frames(tables)


# ---------------------------------------------------------------------------
# Series accessor: df["text"].byline.entities() etc.
# ---------------------------------------------------------------------------
class BylineAccessor:
    """``series.byline``: byline frames indexed by the Series' own index.

    Each method analyses the Series' texts (threads, GIL released) and
    returns one DataFrame whose index is the Series' index (repeated once
    per item), so ``df.join(df["text"].byline.entities())`` lines results
    up with their rows.
    """

    def __init__(self, series: Any) -> None:
        self._s = series

    def _frame(self, name: str, pipeline: Any = None, n_threads: Optional[int] = None) -> Any:
        pd = _pd()
        s = self._s
        fr = frames(s.tolist(), ids=list(range(len(s))), pipeline=pipeline, n_threads=n_threads,
                    which=[name])[name]
        idx = s.index.take(fr["doc_id"].to_numpy())
        out = fr.drop(columns=["doc_id"])
        out.index = idx if isinstance(idx, pd.MultiIndex) else pd.Index(idx, name=s.index.name)
        return out

    def docs(self, pipeline: Any = None, n_threads: Optional[int] = None) -> Any:
        """A Series of Docs with the same index."""
        pd = _pd()
        from .pipeline import default_pipeline

        nlp = pipeline or default_pipeline()
        return pd.Series(list(nlp.pipe(self._s.tolist(), n_threads=n_threads)),
                         index=self._s.index, name=self._s.name, dtype=object)

    def entities(self, **kw: Any) -> Any:
        """Entities DataFrame indexed by the Series' index."""
        return self._frame("entities", **kw)

    def mentions(self, **kw: Any) -> Any:
        """Mentions DataFrame indexed by the Series' index."""
        return self._frame("mentions", **kw)

    def quotes(self, **kw: Any) -> Any:
        """Quotes DataFrame indexed by the Series' index."""
        return self._frame("quotes", **kw)

    def relations(self, **kw: Any) -> Any:
        """Relations DataFrame indexed by the Series' index."""
        return self._frame("relations", **kw)

    def cooccurrences(self, **kw: Any) -> Any:
        """Entity co-occurrence DataFrame indexed by the Series' index."""
        return self._frame("cooccurrences", **kw)


_registered = False


def register_accessor() -> None:
    """Registers ``Series.byline`` with pandas (idempotent)."""
    global _registered
    if _registered:
        return
    pd = _pd()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # re-registration warning on reload
        pd.api.extensions.register_series_accessor("byline")(BylineAccessor)
    _registered = True


def frame_rows(doc: Doc, doc_id: Any, name: str) -> Tuple[List[str], List[tuple]]:
    """One frame's header and rows for one Doc, without pandas (enums as names)."""
    if name not in FRAME_NAMES:
        raise ValueError(f"unknown frame {name!r}; expected one of {FRAME_NAMES}")
    cols = _Cols()
    _add_doc(cols, doc, doc_id)
    schema = _schemas()[name]
    data = cols.c[name]
    header = [c for c, _ in schema]
    out_cols = []
    for col, kind in schema:
        vals = data.get(col, [])
        if isinstance(kind, tuple):
            vals = [kind[v + 1] if 0 <= v + 1 < len(kind) else None for v in vals]
        out_cols.append(vals)
    n = len(out_cols[0]) if out_cols else 0
    return header, [tuple(c[i] for c in out_cols) for i in range(n)]
