"""Knowledge bases: compiled, memory-mapped gazetteers of entities and lexicons.

A KB holds entries (a country, a city, a person, an organisation, or a
lexicon word such as an honorific or a first name), each with a stable
``kb_id`` (a Wikidata QID where known), a canonical name, a label, a kind,
attributes, links to other entries (``country``, ``parent``) and aliases.
The C core matches aliases as token sequences, case- and diacritic-
insensitively (all-caps aliases such as "US" or "WHO" case-sensitively),
leftmost-longest, never inside a word.

    >>> kb = byline.KB.default()                       # the built-in KB
    >>> mine = byline.KB.from_records([
    ...     {"name": "Alexander Korolev", "label": "PERSON",
    ...      "kb_id": "my:korolev", "aliases": ["A. Korolev"]}])
    >>> nlp = byline.Pipeline(kb=kb.extend(mine))     # two layers
    >>> kb.lookup("North Korean")[0]["name"]
    'North Korea'

A compiled KB is immutable and shared by threads; it pickles by file path
(or, when it lives only in memory, by its compiled bytes).
"""
from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Union

from . import _core

__all__ = ["KB", "KBStack", "FormatError", "DEFAULT_PATH", "LABELS", "KINDS", "ROLES"]

FormatError = _core.FormatError
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "byline.blkb"

LABELS = tuple(_core.enum_names(_core.ENUM_LABEL))
GENDERS = tuple(_core.enum_names(_core.ENUM_GENDER))
KINDS = tuple(_core.KB_KINDS)
ROLES = tuple(_core.KB_ROLES)

ALIAS_FLAGS = {
    "case": _core.KBA_CASE,
    "nocase": _core.KBA_NOCASE,
    "demonym": _core.KBA_DEMONYM,
    "acronym": _core.KBA_ACRONYM,
    "plural": _core.KBA_PLURAL,
    "weak": _core.KBA_WEAK,
    "former": _core.KBA_FORMER,
}
_FLAG_NAMES = {**{v: k for k, v in ALIAS_FLAGS.items()}, _core.KBA_NAME: "name"}

# Kind used when a record gives a label but no kind.
_KIND_OF_LABEL = {"PERSON": "person", "ORG": "org", "GPE": "city", "LOC": "place",
                  "NORP": "group", "FAC": "place", "EVENT": "other", "MISC": "other", "": "other"}

_GENDER_ALIASES = {"m": "male", "f": "female", "male": "male", "female": "female",
                   "plural": "plural", "": "", "none": "", "unknown": ""}


def _flag_names(flags: int) -> List[str]:
    return [name for bit, name in sorted(_FLAG_NAMES.items()) if flags & bit]


def _enum(value: Any, names: Sequence[str], what: str, idx: int, default: str = "") -> int:
    if value is None or value == "":
        value = default
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < len(names):
            return value
        raise ValueError(f"KB record {idx}: {what} {value} out of range")
    if not isinstance(value, str):
        raise TypeError(f"KB record {idx}: {what} must be str, not {type(value).__name__}")
    v = value.strip()
    for i, n in enumerate(names):
        if n.lower() == v.lower():
            return i
    raise ValueError(f"KB record {idx}: unknown {what} {value!r}; expected one of "
                     f"{[n for n in names if n]}")


def _split_aliases(value: Any) -> List[Any]:
    if value is None:
        return []
    if isinstance(value, str):
        sep = "|" if "|" in value else ";"
        return [a.strip() for a in value.split(sep) if a.strip()]
    if isinstance(value, float):  # pandas NaN
        return []
    return list(value)


def _attrs_text(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, Mapping):
        return "\n".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, float):
        return None
    return str(value)


def _opt_str(value: Any) -> Optional[str]:
    if value is None or (isinstance(value, float) and value != value):
        return None
    s = str(value).strip()
    return s or None


def _record_tuple(rec: Mapping[str, Any], idx: int) -> tuple:
    """Validates one record (a dict) and converts it to kb_build's tuple."""
    if not isinstance(rec, Mapping):
        raise TypeError(f"KB record {idx} must be a dict, not {type(rec).__name__}")
    name = _opt_str(rec.get("name"))
    if not name:
        raise ValueError(f"KB record {idx}: 'name' is required")
    kb_id = _opt_str(rec.get("kb_id") or rec.get("id")) or f"user:{name}"
    label_name = rec.get("label") or ""
    label = _enum(label_name, LABELS, "label", idx)
    kind = _enum(rec.get("kind"), KINDS, "kind", idx,
                 default=_KIND_OF_LABEL.get(LABELS[label], "other"))
    g = rec.get("gender")
    g = _GENDER_ALIASES.get(str(g).strip().lower(), g) if isinstance(g, str) else g
    gender = _enum(g, GENDERS, "gender", idx)
    role = _enum(rec.get("role"), ROLES, "role", idx)
    prom = rec.get("prominence", rec.get("population")) or 0
    try:
        prom = int(float(prom)) if not (isinstance(prom, float) and prom != prom) else 0
    except (TypeError, ValueError):
        raise ValueError(f"KB record {idx}: prominence must be a number, not {prom!r}") from None
    prom = max(0, min(prom, 2**32 - 1))
    flags = _core.KBE_FORMER if rec.get("former") else 0
    aliases, aflags = [], []
    for a in _split_aliases(rec.get("aliases")):
        f = 0
        if isinstance(a, Mapping):
            text = a.get("text")
            for k, bit in ALIAS_FLAGS.items():
                if a.get(k):
                    f |= bit
        elif isinstance(a, (tuple, list)) and len(a) == 2:
            text, fl = a
            if isinstance(fl, int):
                f = fl
            else:
                for k in ([fl] if isinstance(fl, str) else fl):
                    try:
                        f |= ALIAS_FLAGS[k]
                    except KeyError:
                        raise ValueError(f"KB record {idx}: unknown alias flag {k!r}") from None
        else:
            text = a
        if not isinstance(text, str):
            raise TypeError(f"KB record {idx}: alias must be str, not {type(text).__name__}")
        if text.strip():
            aliases.append(text.strip())
            aflags.append(f)
    for k in ("demonyms", "adjectives"):
        for a in _split_aliases(rec.get(k)):
            aliases.append(str(a).strip())
            aflags.append(_core.KBA_DEMONYM)
    name_flags = 0
    cs = rec.get("case_sensitive")
    if cs is True:
        name_flags |= _core.KBA_CASE
        aflags = [f | _core.KBA_CASE if not f & _core.KBA_NOCASE else f for f in aflags]
    elif cs is False:
        name_flags |= _core.KBA_NOCASE
        aflags = [f | _core.KBA_NOCASE if not f & _core.KBA_CASE else f for f in aflags]
    return (kb_id, name, label, kind, gender, role, prom, flags,
            _opt_str(rec.get("country")), _opt_str(rec.get("parent")),
            _opt_str(rec.get("office")), _attrs_text(rec.get("attrs")),
            aliases, aflags, name_flags)


def compile_records(records: Iterable[Mapping[str, Any]]) -> bytes:
    """Compiles records (dicts) into a KB image (bytes).

    records (iterable of dict): keys name (required), kb_id, label, kind,
        gender, role, prominence/population, country, parent, office, attrs
        (dict or str), aliases (list of str, of {"text":..., "case": True,
        "demonym": True, ...} or of (text, flags); or one "a|b" string),
        demonyms, case_sensitive (bool), former (bool).
    RETURNS (bytes): the compiled image.
    """
    tuples = []
    seen: Dict[str, int] = {}
    for i, rec in enumerate(records):
        t = _record_tuple(rec, i)
        if t[0] in seen:
            raise ValueError(f"KB record {i}: duplicate kb_id {t[0]!r} (first at record {seen[t[0]]})")
        seen[t[0]] = i
        tuples.append(t)
    return _core.kb_build(tuples)


class KB:
    """One compiled knowledge base (one layer).

    Create with KB.default(), KB.load(path), KB.from_records(records),
    KB.from_csv(path) or KB.from_dataframe(df).  Immutable; thread-safe.
    """

    __slots__ = ("_c", "_path")

    def __init__(self, path: Union[str, os.PathLike, None] = None, *, _c: Any = None) -> None:
        if _c is None:
            if path is None:
                raise TypeError("KB(path): give a path, or use KB.from_records / KB.default")
            _c = _core.kb_load(os.fspath(path))
        self._c = _c
        self._path = os.fspath(path) if path is not None else None

    # -- construction --------------------------------------------------------
    @classmethod
    def load(cls, path: Union[str, os.PathLike]) -> "KB":
        """Opens a compiled KB file (memory-mapped).

        RAISES: OSError if unreadable; byline.kb.FormatError (a ValueError) if
        it is not a byline KB, is truncated/corrupt, or from another format
        or tokenizer version.
        """
        return cls(os.path.abspath(os.fspath(path)))

    open = load

    @classmethod
    def from_bytes(cls, data: Union[bytes, bytearray, memoryview]) -> "KB":
        """Opens a compiled KB image held in memory."""
        return cls(_c=_core.kb_from_bytes(data))

    @classmethod
    def default(cls) -> "KB":
        """The built-in KB shipped in the package (``byline/data/byline.blkb``)."""
        if not DEFAULT_PATH.exists():
            raise FileNotFoundError(
                f"the built-in knowledge base {DEFAULT_PATH} is missing; build it with `make kb`")
        return cls.load(DEFAULT_PATH)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]],
                     path: Union[str, os.PathLike, None] = None) -> "KB":
        """Compiles records (see compile_records); saved to `path` if given."""
        img = compile_records(records)
        if path is not None:
            _atomic_write(path, img)
            return cls.load(path)
        return cls.from_bytes(img)

    @classmethod
    def from_csv(cls, path: Union[str, os.PathLike], path_out: Union[str, os.PathLike, None] = None,
                 delimiter: Optional[str] = None, encoding: str = "utf-8") -> "KB":
        """Compiles a CSV/TSV file with a header row (columns as the record keys;
        aliases separated by '|' or ';')."""
        p = os.fspath(path)
        if delimiter is None:
            delimiter = "\t" if p.endswith((".tsv", ".tab")) else ","
        with open(p, newline="", encoding=encoding) as f:
            rows = [r for r in csv.DictReader(f, delimiter=delimiter)]
        return cls.from_records(rows, path_out)

    @classmethod
    def from_dataframe(cls, df: Any, path: Union[str, os.PathLike, None] = None) -> "KB":
        """Compiles a pandas DataFrame with one row per entry (columns as the
        record keys)."""
        if not hasattr(df, "to_dict"):
            raise TypeError(f"from_dataframe needs a pandas DataFrame, not {type(df).__name__}")
        return cls.from_records(df.to_dict("records"), path)

    @classmethod
    def coerce(cls, obj: Any) -> "KB":
        """A KB from a KB, a path to a .blkb, .csv or .tsv, a DataFrame or records."""
        if isinstance(obj, KB):
            return obj
        if isinstance(obj, (str, os.PathLike)):
            p = os.fspath(obj)
            if p.endswith((".csv", ".tsv", ".tab")):
                return cls.from_csv(p)
            return cls.load(p)
        if hasattr(obj, "to_dict") and hasattr(obj, "columns"):
            return cls.from_dataframe(obj)
        if isinstance(obj, (list, tuple)):
            return cls.from_records(obj)
        raise TypeError(f"cannot make a KB from {type(obj).__name__}")

    def extend(self, *others: Any) -> "KBStack":
        """This KB plus user layers (KBs, paths, CSV files, DataFrames or
        record lists), each compiled into its own layer; at most 4 layers."""
        return KBStack([self] + [KB.coerce(o) for o in others])

    def save(self, path: Union[str, os.PathLike]) -> None:
        """Writes the compiled image to `path`."""
        _atomic_write(path, self._c.image())

    # -- access --------------------------------------------------------------
    @property
    def path(self) -> Optional[str]:
        return self._path

    @property
    def nbytes(self) -> int:
        return self._c.nbytes

    @property
    def n_aliases(self) -> int:
        return self._c.n_aliases

    def __len__(self) -> int:
        return len(self._c)

    def entry(self, i: int) -> Dict[str, Any]:
        """Entry i as a dict (kb_id, name, label, kind, gender, role, prominence,
        country, parent, office, attrs, aliases, ...)."""
        return self._c.entry(i)

    def entry_id(self, i: int) -> Optional[str]:
        return self._c.entry_id(i)

    def entry_name(self, i: int) -> Optional[str]:
        return self._c.entry_name(i)

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        for i in range(len(self)):
            yield self._c.entry(i)

    def find(self, kb_id: str) -> Optional[Dict[str, Any]]:
        """The entry with this kb_id, or None."""
        i = self._c.find(kb_id)
        return self._c.entry(i) if i >= 0 else None

    def __contains__(self, kb_id: object) -> bool:
        return isinstance(kb_id, str) and self._c.find(kb_id) >= 0

    def lookup(self, text: str) -> List[Dict[str, Any]]:
        """Entries one of whose aliases equals `text` (after normalisation),
        each with "alias" and "alias_flags" added."""
        out, seen = [], set()
        for a in self._c.lookup(text):
            atext, flags, e = self._c.alias(a)
            if e in seen:
                continue
            seen.add(e)
            d = self._c.entry(e)
            d["alias"] = atext
            d["alias_flags"] = _flag_names(flags)
            out.append(d)
        return out

    def match(self, text: str, all: bool = False) -> List[Dict[str, Any]]:
        """Alias matches in `text`: dicts with start, end (code points),
        text, layer, entry, kb_id, name, alias, alias_flags.  all=True gives every
        overlapping match, else leftmost-longest."""
        return _match([self], text, all)

    def __repr__(self) -> str:
        where = self._path or "<memory>"
        return f"<byline.KB {len(self)} entries, {self.n_aliases} aliases, {where}>"

    def __reduce__(self) -> Any:
        if self._path is not None:
            return (KB.load, (self._path,))
        return (KB.from_bytes, (self._c.image(),))


class KBStack(tuple):
    """Several KB layers (layer 0 first); what KB.extend returns.  A Pipeline
    takes it as its kb argument."""

    def __new__(cls, layers: Iterable[Any]) -> "KBStack":
        layers = [KB.coerce(k) for k in layers]
        if len(layers) > 4:
            raise ValueError("at most 4 knowledge-base layers")
        return super().__new__(cls, layers)

    def extend(self, *others: Any) -> "KBStack":
        return KBStack(list(self) + [KB.coerce(o) for o in others])

    def lookup(self, text: str) -> List[Dict[str, Any]]:
        out = []
        for layer, kb in enumerate(self):
            for d in kb.lookup(text):
                d["layer"] = layer
                out.append(d)
        return out

    def find(self, kb_id: str) -> Optional[Dict[str, Any]]:
        for kb in reversed(self):
            d = kb.find(kb_id)
            if d is not None:
                return d
        return None

    def match(self, text: str, all: bool = False) -> List[Dict[str, Any]]:
        return _match(list(self), text, all)

    def __reduce__(self) -> Any:
        return (KBStack, (list(self),))


def _match(kbs: List[KB], text: str, all: bool) -> List[Dict[str, Any]]:
    import array

    raw = _core.kb_match(text, [k._c for k in kbs], _core.KBM_ALL if all else 0)
    a = array.array("i")
    a.frombytes(raw)
    nf = _core.KB_HIT_FIELDS
    out = []
    for r in range(len(a) // nf):
        start, end, _ts, _te, layer, entry, alias, flags = a[r * nf:(r + 1) * nf]
        c = kbs[layer]._c
        out.append({
            "start": start, "end": end, "text": text[start:end] if isinstance(text, str) else None,
            "layer": layer, "entry": entry, "kb_id": c.entry_id(entry), "name": c.entry_name(entry),
            "alias": c.alias(alias)[0], "alias_flags": _flag_names(flags),
        })
    return out


def _atomic_write(path: Union[str, os.PathLike], data: bytes) -> None:
    p = Path(path)
    tmp = p.with_name(p.name + f".tmp{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, p)
