"""Entity networks from analysed documents (networkx, optional).

    >>> import byline
    >>> from byline.graph import graph
    >>> g = graph(byline.analyze_many(texts))      # networkx.MultiDiGraph
    >>> g.nodes["Q15031"]                           # entity attributes
    >>> [d for _, _, d in g.edges(data=True) if d["kind"] == "consult"]

Nodes are entities, keyed by knowledge-base id when they have one (so the same
person or country in two articles is one node) and by ``label:name`` otherwise.
Node attributes: name, label, kb_id, count (mentions over all documents), docs
(number of documents).  Each relation is one directed edge subject -> object,
keyed by its kind, with attributes kind, predicate, label (title), negated,
modality, cameo, symmetric, doc (index of the document in the input), sentence,
start, end, evidence (the text of the evidence span).  With
``cooccurrence=True`` every pair of entities named in the same sentence also
gets one undirected-in-spirit edge a -> b (a < b by key) of kind
"cooccurrence" per document, with weight = number of sentences.
networkx is imported only when graph() is called.
"""
from __future__ import annotations

from typing import Any, Iterable, List, Tuple, Union

__all__ = ["graph", "cooccurrences", "node_key"]

_RF_SYMMETRIC = 1


def node_key(ent: Any) -> str:
    """The node key of an entity: its KB id, else ``LABEL:name``."""
    kb = ent.kb_id
    return kb if kb else f"{ent.label}:{ent.name}"


def cooccurrences(doc: Any) -> List[Tuple[Any, Any, int]]:
    """Pairs of entities named in the same sentence, with the number of such
    sentences: [(entity_a, entity_b, n)], a before b in entity order (from
    ``Doc.cooccurrences``)."""
    return [(c.a, c.b, c.count) for c in doc.cooccurrences]


def graph(docs: Union[Any, Iterable[Any]], cooccurrence: bool = False,
          negated: bool = True) -> Any:
    """A networkx.MultiDiGraph of the entities and relations of `docs`.

    docs (Doc or iterable of Doc): analysed documents.
    cooccurrence (bool): also add "cooccurrence" edges (weight = sentences).
    negated (bool): keep relations flagged negated (with negated=True).
    RETURNS (networkx.MultiDiGraph)
    """
    try:
        import networkx as nx
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("byline.graph needs networkx: pip install 'byline[graph]'") from e
    if hasattr(docs, "relations") and hasattr(docs, "entities"):
        docs = [docs]
    g = nx.MultiDiGraph()
    for di, doc in enumerate(docs):
        if not (hasattr(doc, "relations") and hasattr(doc, "entities")):
            raise TypeError(f"graph() expects byline Doc objects, got {type(doc).__name__}")
        seen = set()
        for e in doc.entities:
            k = node_key(e)
            if k in g:
                attrs = g.nodes[k]
                attrs["count"] += e.count
                if k not in seen:
                    attrs["docs"] += 1
            else:
                g.add_node(k, name=e.name, label=e.label, kb_id=e.kb_id, count=e.count, docs=1)
            seen.add(k)
        for r in doc.relations:
            s, o = r.subject, r.object
            if s is None or o is None or (r.negated and not negated):
                continue
            g.add_edge(
                node_key(s), node_key(o), key=r.kind, kind=r.kind, predicate=r.predicate,
                label=r.label, negated=r.negated, modality=r.modality or None,
                cameo=_col(doc, r, "cameo"), symmetric=bool(_col(doc, r, "flags") & _RF_SYMMETRIC),
                doc=di, sentence=r.sentence, start=r.start, end=r.end,
                evidence=doc.text[r.start:r.end])
        if cooccurrence:
            for a, b, n in cooccurrences(doc):
                ka, kb = node_key(a), node_key(b)
                if ka > kb:
                    ka, kb = kb, ka
                g.add_edge(ka, kb, key="cooccurrence", kind="cooccurrence", weight=n, doc=di)
    return g


def _col(doc: Any, r: Any, name: str) -> int:
    """A raw relation column (cameo, flags) through the Relation view."""
    g = getattr(r, "_g", None)
    if g is not None:
        try:
            return int(g(name))
        except (KeyError, IndexError):
            return 0
    return int(getattr(r, name, 0) or 0)


# `byline.graph` is this module (loaded lazily by byline/__init__.py); making the
# module callable lets `byline.graph(docs)` work as the README promises while
# `from byline.graph import graph` keeps working too.
import sys as _sys
import types as _types


class _CallableModule(_types.ModuleType):
    def __call__(self, docs: Any, cooccurrence: bool = False, negated: bool = True) -> Any:
        return graph(docs, cooccurrence=cooccurrence, negated=negated)


_sys.modules[__name__].__class__ = _CallableModule
