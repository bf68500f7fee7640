"""The object model: a Doc owns the text and the C tables; everything else is a view.

The C core fills flat int32 tables (tokens, sentences, paragraphs, mentions,
entities, quotes, relations).  `Doc` keeps them as zero-copy memoryviews and
decodes columns by name on demand; `Token`, `Span`, `Mention`, `Entity`,
`Quote` and `Relation` are small views ``(doc, row)`` built only when asked
for.  Every offset is a Python ``str`` index (code points, half-open), so
``doc.text[x.start:x.end] == x.text`` always holds.
"""
from __future__ import annotations

from typing import (Any, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union,
                    overload)

from . import _core

__all__ = [
    "Doc", "Token", "Span", "Sentence", "Paragraph", "Mention", "Entity",
    "Quote", "Relation",
]

# ---------------------------------------------------------------------------
# Schema: table ids, column positions and enum names, read once from _core.
# ---------------------------------------------------------------------------
T_TOKENS = _core.TABLE_TOKENS
T_SENTENCES = _core.TABLE_SENTENCES
T_PARAGRAPHS = _core.TABLE_PARAGRAPHS
T_MENTIONS = _core.TABLE_MENTIONS
T_ENTITIES = _core.TABLE_ENTITIES
T_QUOTES = _core.TABLE_QUOTES
T_RELATIONS = _core.TABLE_RELATIONS

TABLE_IDS = {
    "tokens": T_TOKENS, "sentences": T_SENTENCES, "paragraphs": T_PARAGRAPHS,
    "mentions": T_MENTIONS, "entities": T_ENTITIES, "quotes": T_QUOTES,
    "relations": T_RELATIONS,
}
COLUMNS: Dict[int, Tuple[str, ...]] = {t: _core.table_columns(t) for t in TABLE_IDS.values()}
_CIDX: Dict[int, Dict[str, int]] = {
    t: {c: j for j, c in enumerate(cols)} for t, cols in COLUMNS.items()
}


def _enum(eid: int) -> Tuple[Optional[str], ...]:
    """Names of an enumeration indexed by value; value 0 ("none") maps to None."""
    try:
        names = _core.enum_names(eid)
    except ValueError:
        return ()
    return tuple(n if (i and n) else None for i, n in enumerate(names))


LABELS = _enum(_core.ENUM_LABEL)
TOKEN_KINDS = _enum(_core.ENUM_TOKEN_KIND)
QUOTE_KINDS = _enum(_core.ENUM_QUOTE_KIND)
GENDERS = _enum(_core.ENUM_GENDER)
SOURCES = _enum(_core.ENUM_SOURCE)
UPOS = _enum(_core.ENUM_UPOS)
NER_TAGS = _enum(_core.ENUM_NER)
REL_KINDS = _enum(_core.ENUM_REL_KIND)
CUES = _enum(_core.ENUM_CUE)
MODALITIES = _enum(_core.ENUM_MODALITY)


def _name(names: Tuple[Optional[str], ...], v: int) -> Optional[str]:
    return names[v] if 0 <= v < len(names) else None


# Token flags (byline.h BL_TF_*), mention flags (BL_MF_*), quote flags (BL_QF_*).
TF_SPACE_AFTER = 1 << 0
TF_NEWLINE_BEFORE = 1 << 1
TF_PARA_START = 1 << 2
TF_SENT_START = 1 << 3
TF_TITLE = 1 << 4
TF_UPPER = 1 << 5
TF_LOWER = 1 << 6
TF_QUOTE_OPEN = 1 << 7
TF_QUOTE_CLOSE = 1 << 8
TF_HAS_DIGIT = 1 << 9
TF_HYPHEN_INFIX = 1 << 10
TF_NO_SPACE_BEFORE = 1 << 11
MF_METONYM = 1 << 0
MF_DEMONYM = 1 << 1
MF_POSSESSIVE = 1 << 2
MF_TEAM = 1 << 6
MF_NESTED = 1 << 7
QF_CONTINUED = 1 << 0
QF_MULTIPARA = 1 << 1
QF_UNCLOSED = 1 << 2


class _Table:
    """One C table as a zero-copy int32 memoryview, decoded by column name."""

    __slots__ = ("mv", "nc", "n", "idx", "_cols")

    def __init__(self, cdoc: Any, tid: int) -> None:
        self.idx = _CIDX[tid]
        self.nc = len(self.idx)
        self.mv = cdoc.table_view(tid)
        self.n = len(self.mv) // self.nc
        self._cols: Dict[str, List[int]] = {}

    def __len__(self) -> int:
        return self.n

    def get(self, i: int, name: str) -> int:
        return self.mv[i * self.nc + self.idx[name]]

    def column(self, name: str) -> List[int]:
        """The whole column as a list of ints (cached)."""
        col = self._cols.get(name)
        if col is None:
            j = self.idx[name]
            col = self.mv[j::self.nc].tolist() if self.n else []
            self._cols[name] = col
        return col


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------
class Token:
    """A token: a cheap view ``(doc, i)`` onto the token table.

    Attributes (all read-only): text, start, end (str offsets, half-open),
    kind (str), norm (normalised form the matcher compares), flags (int),
    is_title, is_upper, is_lower, like_num, space_after, whitespace,
    is_sent_start, is_para_start, is_quote_open, is_quote_close, pos (UPOS
    name or None), ner (BILOU tag or None), sentence, mention.
    """

    __slots__ = ("doc", "i")

    def __init__(self, doc: "Doc", i: int) -> None:
        self.doc = doc
        self.i = i

    def _g(self, name: str) -> int:
        return self.doc._t(T_TOKENS).get(self.i, name)

    @property
    def start(self) -> int:
        return self._g("start")

    @property
    def end(self) -> int:
        return self._g("end")

    @property
    def text(self) -> str:
        t = self.doc._t(T_TOKENS)
        return self.doc.text[t.get(self.i, "start"):t.get(self.i, "end")]

    @property
    def kind(self) -> Optional[str]:
        return _name(TOKEN_KINDS, self._g("kind"))

    @property
    def norm(self) -> str:
        return self.doc._cdoc.norm(self.i)

    @property
    def flags(self) -> int:
        return self._g("flags")

    is_title = property(lambda self: bool(self._g("flags") & TF_TITLE))
    is_upper = property(lambda self: bool(self._g("flags") & TF_UPPER))
    is_lower = property(lambda self: bool(self._g("flags") & TF_LOWER))
    like_num = property(lambda self: bool(self._g("flags") & TF_HAS_DIGIT))
    space_after = property(lambda self: bool(self._g("flags") & TF_SPACE_AFTER))
    is_sent_start = property(lambda self: bool(self._g("flags") & TF_SENT_START))
    is_para_start = property(lambda self: bool(self._g("flags") & TF_PARA_START))
    is_quote_open = property(lambda self: bool(self._g("flags") & TF_QUOTE_OPEN))
    is_quote_close = property(lambda self: bool(self._g("flags") & TF_QUOTE_CLOSE))

    @property
    def whitespace(self) -> str:
        """The text between this token and the next (or the end of the text)."""
        t = self.doc._t(T_TOKENS)
        nxt = t.get(self.i + 1, "start") if self.i + 1 < t.n else len(self.doc.text)
        return self.doc.text[t.get(self.i, "end"):nxt]

    @property
    def pos(self) -> Optional[str]:
        return _name(UPOS, self._g("pos"))

    @property
    def ner(self) -> Optional[str]:
        return _name(NER_TAGS, self._g("ner"))

    @property
    def sentence(self) -> Optional["Sentence"]:
        s = self._g("sent")
        return Sentence(self.doc, s) if 0 <= s < len(self.doc._t(T_SENTENCES)) else None

    @property
    def mention(self) -> Optional["Mention"]:
        m = self._g("mention")
        return Mention(self.doc, m) if m >= 0 else None

    def __len__(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, {self.kind})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and other.doc is self.doc and other.i == self.i

    def __hash__(self) -> int:
        return hash((id(self.doc), "t", self.i))


class Tokens(Sequence[Token]):
    """The document's tokens: a lazy sequence; a Token exists only once indexed."""

    __slots__ = ("doc",)

    def __init__(self, doc: "Doc") -> None:
        self.doc = doc

    def __len__(self) -> int:
        return self.doc._t(T_TOKENS).n

    @overload
    def __getitem__(self, i: int) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> List[Token]: ...

    def __getitem__(self, i: Union[int, slice]) -> Union[Token, List[Token]]:
        n = len(self)
        if isinstance(i, slice):
            return [Token(self.doc, j) for j in range(*i.indices(n))]
        i = i.__index__()
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("token index out of range")
        return Token(self.doc, i)

    def __iter__(self) -> Iterator[Token]:
        doc = self.doc
        return (Token(doc, j) for j in range(len(self)))

    def __repr__(self) -> str:
        return f"<{len(self)} tokens>"

    # Column access without building Token objects.
    def column(self, name: str) -> List[int]:
        """A whole token column (``start``, ``end``, ``kind``, ``flags``, ...) as ints."""
        return self.doc._t(T_TOKENS).column(name)

    def texts(self) -> List[str]:
        """Every token's text, in order."""
        t = self.doc._t(T_TOKENS)
        s = self.doc.text
        return [s[a:b] for a, b in zip(t.column("start"), t.column("end"))]

    def norms(self) -> List[str]:
        """Every token's normalised form, in order."""
        return self.doc._cdoc.norms()


class Span:
    """A slice of the text: ``start``, ``end`` (str offsets), ``text``, ``label``."""

    __slots__ = ("doc", "start", "end", "label")

    def __init__(self, doc: "Doc", start: int, end: int, label: Optional[str] = None) -> None:
        self.doc = doc
        self.start = start
        self.end = end
        self.label = label

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        t = self.text
        if len(t) > 60:
            t = t[:57] + "..."
        return f"{type(self).__name__}({t!r}, {self.start}, {self.end})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Span) and other.doc is self.doc and type(other) is type(self)
                and (other.start, other.end, other.label) == (self.start, self.end, self.label))

    def __hash__(self) -> int:
        return hash((id(self.doc), self.start, self.end, self.label))


class Sentence(Span):
    """A sentence: a Span with its row index ``i``, ``tokens`` and ``paragraph``."""

    __slots__ = ("i",)

    def __init__(self, doc: "Doc", i: int) -> None:
        t = doc._t(T_SENTENCES)
        super().__init__(doc, t.get(i, "start"), t.get(i, "end"))
        self.i = i

    @property
    def tokens(self) -> List[Token]:
        t = self.doc._t(T_SENTENCES)
        return [Token(self.doc, j) for j in range(t.get(self.i, "tok_start"), t.get(self.i, "tok_end"))]

    @property
    def paragraph(self) -> Optional["Paragraph"]:
        p = self.doc._t(T_SENTENCES).get(self.i, "para")
        return Paragraph(self.doc, p) if 0 <= p < len(self.doc._t(T_PARAGRAPHS)) else None


class Paragraph(Span):
    """A paragraph: a Span with its row index ``i`` and its ``sentences``."""

    __slots__ = ("i",)

    def __init__(self, doc: "Doc", i: int) -> None:
        t = doc._t(T_PARAGRAPHS)
        super().__init__(doc, t.get(i, "start"), t.get(i, "end"))
        self.i = i

    @property
    def sentences(self) -> List[Sentence]:
        t = self.doc._t(T_PARAGRAPHS)
        return [Sentence(self.doc, j) for j in range(t.get(self.i, "sent_start"), t.get(self.i, "sent_end"))]


class _Row:
    __slots__ = ("doc", "i")
    _TABLE = 0

    def __init__(self, doc: "Doc", i: int) -> None:
        self.doc = doc
        self.i = i

    def _g(self, name: str) -> int:
        return self.doc._t(self._TABLE).get(self.i, name)

    def _text(self, a: str, b: str) -> Optional[str]:
        s, e = self._g(a), self._g(b)
        return self.doc.text[s:e] if 0 <= s <= e else None

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.doc is self.doc and other.i == self.i  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((id(self.doc), self._TABLE, self.i))


class Mention(_Row):
    """One occurrence of an entity in the text.

    Attributes: start, end, text, label, entity (Entity or None), kb_id,
    source ("kb", "ner", "rule", "alias", "pronoun"), is_metonym,
    is_demonym, is_possessive, is_team (a country named for its national
    team in a match report), is_nested (a name inside another mention:
    "Andy Warhol" in "the Andy Warhol Foundation"), sentence (index), tokens.
    """

    __slots__ = ()
    _TABLE = T_MENTIONS

    start = property(lambda self: self._g("start"))
    end = property(lambda self: self._g("end"))

    @property
    def text(self) -> str:
        return self.doc.text[self._g("start"):self._g("end")]

    @property
    def label(self) -> Optional[str]:
        return _name(LABELS, self._g("label"))

    @property
    def entity(self) -> Optional["Entity"]:
        e = self._g("entity")
        return self.doc._entity(e) if e >= 0 else None

    @property
    def kb_id(self) -> Optional[str]:
        return self.doc._kb_id(self._g("kb_layer"), self._g("kb_entry"))

    @property
    def source(self) -> Optional[str]:
        return _name(SOURCES, self._g("source"))

    is_metonym = property(lambda self: bool(self._g("flags") & MF_METONYM))
    is_demonym = property(lambda self: bool(self._g("flags") & MF_DEMONYM))
    is_possessive = property(lambda self: bool(self._g("flags") & MF_POSSESSIVE))
    # a country named for its national team in a match report ("Sweden beat
    # Korea 1-0"); label and KB link stay the country's
    is_team = property(lambda self: bool(self._g("flags") & MF_TEAM))
    # a name inside another mention ("US" in "US State Department"); it
    # follows that mention in Doc.mentions
    is_nested = property(lambda self: bool(self._g("flags") & MF_NESTED))

    @property
    def tokens(self) -> List[Token]:
        return [Token(self.doc, j) for j in range(self._g("tok_start"), self._g("tok_end"))]

    @property
    def sentence(self) -> Optional[int]:
        a = self._g("tok_start")
        if 0 <= a < len(self.doc._t(T_TOKENS)):
            return self.doc._t(T_TOKENS).get(a, "sent")
        return None

    def to_dict(self) -> Dict[str, Any]:
        e = self._g("entity")
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "entity": self.doc._entity_id(e) if e >= 0 else None}

    def __repr__(self) -> str:
        return f"Mention({self.text!r}, {self.start}, {self.end}, {self.label})"


class Entity(_Row):
    """One real-world thing (a person, country, organisation ...) and all its mentions.

    Attributes: id (stable string: the kb_id for knowledge-base entries, else
    "E<n>"), name (canonical), label, kb_id, mentions (list of Mention),
    count, first (str offset of the first mention), salience (0..1), gender
    ("male", "female", "plural" or None).
    """

    __slots__ = ()
    _TABLE = T_ENTITIES

    @property
    def id(self) -> str:
        return self.doc._entity_id(self.i)

    @property
    def name(self) -> str:
        return self.doc._entity_name(self.i)

    @property
    def label(self) -> Optional[str]:
        return _name(LABELS, self._g("label"))

    @property
    def kb_id(self) -> Optional[str]:
        return self.doc._kb_id(self._g("kb_layer"), self._g("kb_entry"))

    @property
    def mentions(self) -> List[Mention]:
        ments = self.doc._mentions_of().get(self.i, ())
        return [Mention(self.doc, m) for m in ments]

    count = property(lambda self: self._g("count"))
    first = property(lambda self: self._g("first"))

    @property
    def salience(self) -> float:
        return self._g("salience") / 1000.0

    @property
    def gender(self) -> Optional[str]:
        return _name(GENDERS, self._g("gender"))

    def to_dict(self) -> Dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "label": self.label, "kb_id": self.kb_id,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text, "label": m.label}
                         for m in self.mentions],
            "count": self.count, "salience": self.salience,
        }

    def __repr__(self) -> str:
        return f"Entity({self.id!r}, {self.name!r}, {self.label}, count={self.count})"


class Quote(_Row):
    """A quotation and its speaker.

    Attributes: text, start, end, kind ("direct", "partial", "indirect"),
    speaker (Entity or None), speaker_text (as written, or None),
    speaker_start, speaker_end, cue (cue lemma such as "say", or None),
    cue_text, cue_start, cue_end, sentence (index), is_continued,
    is_multipara, is_unclosed.
    """

    __slots__ = ()
    _TABLE = T_QUOTES

    start = property(lambda self: self._g("start"))
    end = property(lambda self: self._g("end"))
    speaker_start = property(lambda self: self._g("speaker_start"))
    speaker_end = property(lambda self: self._g("speaker_end"))
    cue_start = property(lambda self: self._g("cue_start"))
    cue_end = property(lambda self: self._g("cue_end"))
    sentence = property(lambda self: self._g("sentence"))

    @property
    def text(self) -> str:
        return self.doc.text[self._g("start"):self._g("end")]

    @property
    def kind(self) -> Optional[str]:
        return _name(QUOTE_KINDS, self._g("kind"))

    @property
    def speaker(self) -> Optional[Entity]:
        s = self._g("speaker")
        return self.doc._entity(s) if s >= 0 else None

    @property
    def speaker_text(self) -> Optional[str]:
        return self._text("speaker_start", "speaker_end")

    @property
    def cue(self) -> Optional[str]:
        return _name(CUES, self._g("cue"))

    @property
    def cue_text(self) -> Optional[str]:
        return self._text("cue_start", "cue_end")

    is_continued = property(lambda self: bool(self._g("flags") & QF_CONTINUED))
    is_multipara = property(lambda self: bool(self._g("flags") & QF_MULTIPARA))
    is_unclosed = property(lambda self: bool(self._g("flags") & QF_UNCLOSED))

    def to_dict(self) -> Dict[str, Any]:
        s = self._g("speaker")
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind,
                "speaker": self.doc._entity_id(s) if s >= 0 else None,
                "speaker_text": self.speaker_text, "cue": self.cue}

    def __repr__(self) -> str:
        sp = self.speaker
        who = sp.name if sp is not None else self.speaker_text
        t = self.text if len(self.text) <= 50 else self.text[:47] + "..."
        return f"Quote({self.kind}, {who!r}, {t!r})"


class Relation(_Row):
    """A relation between two entities.

    Attributes: subject, object (Entity or None), kind (e.g. "role",
    "affiliation", or an event code), predicate (trigger as written), label
    (a title such as "President", when the relation has one), negated (bool),
    modality, sentence (index), start, end (evidence span).
    """

    __slots__ = ()
    _TABLE = T_RELATIONS

    start = property(lambda self: self._g("start"))
    end = property(lambda self: self._g("end"))
    sentence = property(lambda self: self._g("sentence"))

    @property
    def subject(self) -> Optional[Entity]:
        s = self._g("subject")
        return self.doc._entity(s) if s >= 0 else None

    @property
    def object(self) -> Optional[Entity]:
        o = self._g("object")
        return self.doc._entity(o) if o >= 0 else None

    @property
    def kind(self) -> Optional[str]:
        return _name(REL_KINDS, self._g("kind"))

    @property
    def predicate(self) -> Optional[str]:
        return self._text("pred_start", "pred_end")

    @property
    def label(self) -> Optional[str]:
        return self._text("title_start", "title_end")

    @property
    def negated(self) -> bool:
        return bool(self._g("negated"))

    @property
    def modality(self) -> Optional[str]:
        return _name(MODALITIES, self._g("modality"))

    @property
    def text(self) -> str:
        return self.doc.text[self._g("start"):self._g("end")]

    def to_dict(self) -> Dict[str, Any]:
        s, o = self._g("subject"), self._g("object")
        return {"subject": self.doc._entity_id(s) if s >= 0 else None,
                "object": self.doc._entity_id(o) if o >= 0 else None,
                "kind": self.kind, "predicate": self.predicate, "label": self.label,
                "negated": self.negated, "modality": self.modality,
                "sentence": self.sentence, "start": self.start, "end": self.end}

    def __repr__(self) -> str:
        s, o = self.subject, self.object
        return (f"Relation({s.name if s else None!r} -{self.kind}-> "
                f"{o.name if o else None!r}, {self.predicate!r})")


class Cooccurrence(NamedTuple):
    """Two entities named in the same sentence(s): ``a`` comes before ``b`` in
    the document's entity table; ``sentences`` are the indices of the shared
    sentences (``count`` is their number)."""

    a: "Entity"
    b: "Entity"
    sentences: Tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.sentences)

    def to_dict(self) -> Dict[str, Any]:
        return {"entity_a": self.a.id, "name_a": self.a.name, "entity_b": self.b.id,
                "name_b": self.b.name, "sentences": list(self.sentences)}


def cooccurrence_pairs(doc: "Doc") -> List[Tuple[int, int, Tuple[int, ...]]]:
    """(entity a, entity b, shared sentence indices) for every pair of entities
    with mentions in a common sentence; a < b (entity table indices), sorted."""
    mt, tt = doc._t(T_MENTIONS), doc._t(T_TOKENS)
    if mt.n < 2 or tt.n == 0:
        return []
    sent_col = tt.column("sent")
    by_sent: Dict[int, set] = {}
    for e, k in zip(mt.column("entity"), mt.column("tok_start")):
        if e >= 0 and 0 <= k < len(sent_col):
            by_sent.setdefault(sent_col[k], set()).add(e)
    pairs: Dict[Tuple[int, int], List[int]] = {}
    for si in sorted(by_sent):
        es = sorted(by_sent[si])
        for x in range(len(es)):
            for y in range(x + 1, len(es)):
                pairs.setdefault((es[x], es[y]), []).append(si)
    return [(a, b, tuple(v)) for (a, b), v in sorted(pairs.items())]


# ---------------------------------------------------------------------------
# Doc
# ---------------------------------------------------------------------------
_HEADLINE_END = (".", ",", ";", ":")


class Doc:
    """An analysed article.  Create with `byline.analyze` or `Pipeline.__call__`.

    text (str): the text as given (a bytes input is decoded first).
    title (str or None): the headline, when the first line looks like one.
    tokens (Tokens): lazy sequence of Token views.
    sentences, paragraphs (list of Span views).
    mentions (list of Mention), entities (list of Entity, most salient first),
    quotes (list of Quote), relations (list of Relation).
    """

    __slots__ = ("text", "_cdoc", "_pipeline", "_tables", "_ents", "_ments_of", "_names",
                 "_dups", "__weakref__")

    def __init__(self, text: str, cdoc: Any, pipeline: Any = None) -> None:
        self.text = text
        self._cdoc = cdoc
        self._pipeline = pipeline
        self._tables: Dict[int, _Table] = {}
        self._ents: Dict[int, Entity] = {}
        self._ments_of: Optional[Dict[int, List[int]]] = None
        self._names: Dict[int, str] = {}
        self._dups: Optional[Dict[int, int]] = None

    # -- tables ----------------------------------------------------------
    def _t(self, tid: int) -> _Table:
        t = self._tables.get(tid)
        if t is None:
            t = self._tables[tid] = _Table(self._cdoc, tid)
        return t

    def table(self, name: str) -> Dict[str, List[int]]:
        """A raw table (``"tokens"``, ``"mentions"`` ...) as a dict of int columns."""
        t = self._t(TABLE_IDS[name])
        return {c: t.column(c) for c in t.idx}

    # -- knowledge-base look-ups ----------------------------------------
    def _kb(self, layer: int) -> Any:
        kbs = getattr(self._pipeline, "kbs", ())
        return kbs[layer] if 0 <= layer < len(kbs) else None

    def _kb_id(self, layer: int, entry: int) -> Optional[str]:
        if entry < 0:
            return None
        kb = self._kb(layer)
        if kb is None:
            return None
        from .pipeline import kb_entry_id
        return kb_entry_id(kb, entry)

    def _entity(self, i: int) -> Optional[Entity]:
        if not 0 <= i < len(self._t(T_ENTITIES)):
            return None
        e = self._ents.get(i)
        if e is None:
            e = self._ents[i] = Entity(self, i)
        return e

    def _entity_id(self, i: int) -> Optional[str]:
        if not 0 <= i < len(self._t(T_ENTITIES)):
            return None
        t = self._t(T_ENTITIES)
        kid = self._kb_id(t.get(i, "kb_layer"), t.get(i, "kb_entry"))
        if kid:
            # Two entities may share an entry when the core keeps them apart;
            # keep the id unique within the doc.
            dup = self._kb_dups().get(i, 0)
            return kid if dup == 0 else f"{kid}#{dup}"
        return f"E{i}"

    def _kb_dups(self) -> Dict[int, int]:
        if self._dups is None:
            t = self._t(T_ENTITIES)
            seen: Dict[Tuple[int, int], int] = {}
            dups: Dict[int, int] = {}
            for i, (la, en) in enumerate(zip(t.column("kb_layer"), t.column("kb_entry"))):
                if en >= 0:
                    k = seen.get((la, en), 0)
                    seen[(la, en)] = k + 1
                    if k:
                        dups[i] = k
            self._dups = dups
        return self._dups

    def _entity_name(self, i: int) -> str:
        name = self._names.get(i)
        if name is not None:
            return name
        t = self._t(T_ENTITIES)
        name = None
        layer, entry = t.get(i, "kb_layer"), t.get(i, "kb_entry")
        if entry >= 0:
            kb = self._kb(layer)
            if kb is not None:
                from .pipeline import kb_entry_name
                name = kb_entry_name(kb, entry)
        if not name:
            m = t.get(i, "name_mention")
            mt = self._t(T_MENTIONS)
            if not 0 <= m < mt.n:
                ms = self._mentions_of().get(i)
                m = ms[0] if ms else -1
            name = self.text[mt.get(m, "start"):mt.get(m, "end")] if m >= 0 else ""
        self._names[i] = name
        return name

    def _mentions_of(self) -> Dict[int, List[int]]:
        if self._ments_of is None:
            d: Dict[int, List[int]] = {}
            for j, e in enumerate(self._t(T_MENTIONS).column("entity")):
                if e >= 0:
                    d.setdefault(e, []).append(j)
            self._ments_of = d
        return self._ments_of

    # -- public views ----------------------------------------------------
    @property
    def tokens(self) -> Tokens:
        return Tokens(self)

    @property
    def sentences(self) -> List[Sentence]:
        return [Sentence(self, i) for i in range(len(self._t(T_SENTENCES)))]

    @property
    def paragraphs(self) -> List[Paragraph]:
        return [Paragraph(self, i) for i in range(len(self._t(T_PARAGRAPHS)))]

    @property
    def mentions(self) -> List[Mention]:
        return [Mention(self, i) for i in range(len(self._t(T_MENTIONS)))]

    @property
    def entities(self) -> List[Entity]:
        """Entities, most salient first (ties: earliest first)."""
        t = self._t(T_ENTITIES)
        sal, first = t.column("salience"), t.column("first")
        order = sorted(range(t.n), key=lambda i: (-sal[i], first[i], i))
        return [self._entity(i) for i in order]  # type: ignore[misc]

    @property
    def quotes(self) -> List[Quote]:
        return [Quote(self, i) for i in range(len(self._t(T_QUOTES)))]

    @property
    def relations(self) -> List[Relation]:
        return [Relation(self, i) for i in range(len(self._t(T_RELATIONS)))]

    @property
    def cooccurrences(self) -> List[Cooccurrence]:
        """Pairs of entities named in the same sentence, with those sentences
        (one Cooccurrence per pair; ``a`` before ``b`` in entity-table order)."""
        return [Cooccurrence(self._entity(a), self._entity(b), ss)  # type: ignore[arg-type]
                for a, b, ss in cooccurrence_pairs(self)]

    @property
    def title(self) -> Optional[str]:
        """The headline: the first line, when a blank line follows it and it reads like one."""
        span = self.title_span
        return span.text if span is not None else None

    @property
    def title_span(self) -> Optional[Span]:
        """The headline as a Span (label "TITLE"), or None.

        The first line is the headline when it reads like one (at most 30
        words, not ending like a sentence with . , ; :) and a blank line
        follows it, possibly after a few more short non-sentence lines such
        as a byline, a dateline or a share-button label ("Spread the love").
        """
        text = self.text
        n = len(text)
        s = 0
        while s < n and text[s].isspace():
            s += 1
        e = text.find("\n", s)
        if e < 0:
            return None
        line = text[s:e].rstrip()
        if not line or len(line) > 250 or len(line.split()) > 30:
            return None
        if line.endswith(_HEADLINE_END) and not line.endswith("..."):
            return None
        if not any(c.isalpha() for c in line):
            return None
        # Up to 3 short extra lines (byline, dateline, share label), then a blank line.
        pos = e + 1
        for _ in range(4):
            nl = text.find("\n", pos)
            nxt = text[pos:nl if nl >= 0 else n]
            if not nxt.strip():
                return Span(self, s, s + len(line), "TITLE") if text[pos:].strip() else None
            if nl < 0 or len(nxt.split()) > 8 or nxt.rstrip().endswith((".", "!", "?", ";", ":", ",")) \
                    or any(q in nxt for q in "\"\u201c\u201d"):
                return None
            pos = nl + 1
        return None

    # -- containers ------------------------------------------------------
    def __len__(self) -> int:
        return len(self._t(T_TOKENS))

    def __getitem__(self, i: int) -> Token:
        return self.tokens[i]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __repr__(self) -> str:
        head = self.title or self.text[:40]
        return (f"<byline.Doc {head!r}: {len(self)} tokens, {len(self._t(T_SENTENCES))} sentences, "
                f"{len(self._t(T_ENTITIES))} entities, {len(self._t(T_QUOTES))} quotes, "
                f"{len(self._t(T_RELATIONS))} relations>")

    def __reduce__(self) -> Any:
        # A Doc travels as its text and its pipeline (which pickles by file
        # reference); the receiver re-runs the deterministic analysis.
        from .pipeline import _redo
        return (_redo, (self._pipeline, self.text))

    # -- export ----------------------------------------------------------
    def to_dict(self) -> Dict[str, Any]:
        """The stable JSON-able shape (see README, "Output shape")."""
        st = self._t(T_SENTENCES)
        return {
            "text": self.text,
            "title": self.title,
            "sentences": [{"start": a, "end": b} for a, b in zip(st.column("start"), st.column("end"))],
            "entities": [e.to_dict() for e in self.entities],
            "mentions": [m.to_dict() for m in self.mentions],
            "quotes": [q.to_dict() for q in self.quotes],
            "relations": [r.to_dict() for r in self.relations],
        }

    def to_json(self, **kwargs: Any) -> str:
        """`to_dict` as a JSON string; keyword arguments go to `json.dumps`.

        Lone surrogates in the text are written as JSON ``\\udXXX`` escapes.
        """
        import json

        kwargs.setdefault("ensure_ascii", False)
        try:
            return json.dumps(self.to_dict(), **kwargs)
        except UnicodeEncodeError:  # pragma: no cover - json.dumps does not encode
            kwargs["ensure_ascii"] = True
            return json.dumps(self.to_dict(), **kwargs)

    def _repr_html_(self) -> str:
        from .display import render
        return render(self)
