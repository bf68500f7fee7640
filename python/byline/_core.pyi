"""Type stub for byline._core, the C extension (internal; use the byline package).

Every public attribute of the extension is named here; tests/python/test_doc.py
checks that against the compiled module.  Sections below the marked lines are
kept by the owners of the KB and Model parts of the binding.
"""
from typing import Any, Dict, Final, List, Optional, Sequence, Tuple, Union

VERSION: Final[str]
MAX_TEXT_BYTES: Final[int]

TABLE_TOKENS: Final[int]
TABLE_SENTENCES: Final[int]
TABLE_PARAGRAPHS: Final[int]
TABLE_MENTIONS: Final[int]
TABLE_ENTITIES: Final[int]
TABLE_QUOTES: Final[int]
TABLE_RELATIONS: Final[int]

ENUM_LABEL: Final[int]
ENUM_TOKEN_KIND: Final[int]
ENUM_QUOTE_KIND: Final[int]
ENUM_GENDER: Final[int]
ENUM_SOURCE: Final[int]
ENUM_UPOS: Final[int]
ENUM_NER: Final[int]
ENUM_REL_KIND: Final[int]
ENUM_CUE: Final[int]
ENUM_MODALITY: Final[int]

STAGE_TOKENS: Final[int]
STAGE_SENTENCES: Final[int]
STAGE_TAGS: Final[int]
STAGE_ENTITIES: Final[int]
STAGE_QUOTES: Final[int]
STAGE_RELATIONS: Final[int]
STAGE_ALL: Final[int]

class FormatError(ValueError):
    """A KB or model file is not a byline file, is corrupt, truncated, or from another version."""

class CDoc:
    """A document analysed by the C core; owns the tables."""
    def table(self, id: int, /) -> bytes:
        """Rows of table `id` as native int32 values, row major (a copy)."""
    def table_view(self, id: int, /) -> memoryview:
        """Rows of table `id` as a read-only memoryview of format "i", without a copy."""
    def norm(self, i: int, /) -> str:
        """Normalised form of token `i`."""
    def norms(self) -> List[str]:
        """Normalised form of every token."""
    def length(self) -> int:
        """Number of code points analysed."""

_Text = Union[str, bytes, bytearray, memoryview]

def analyze(text: _Text, kbs: Sequence[Any] = ..., model: Optional[Any] = ..., stages: int = ...) -> CDoc:
    """Analyses one text (str, or bytes-like UTF-8); releases the GIL for large inputs."""
def analyze_batch(texts: Union[List[str], Tuple[str, ...]], kbs: Sequence[Any] = ...,
                  model: Optional[Any] = ..., stages: int = ...) -> List[CDoc]:
    """Analyses a list of str in one call, releasing the GIL once for the batch."""
def table_columns(id: int, /) -> Tuple[str, ...]:
    """Column names of table `id`, in row order."""
def enum_names(id: int, /) -> Tuple[str, ...]:
    """Names of enumeration `id`, indexed by value."""

# ---- KB section (owned by the knowledge-base stage) ----
KB_KINDS: Tuple[str, ...]
KB_ROLES: Tuple[str, ...]
KBA_CASE: int
KBA_NOCASE: int
KBA_NAME: int
KBA_DEMONYM: int
KBA_ACRONYM: int
KBA_PLURAL: int
KBA_WEAK: int
KBA_FORMER: int
KBE_FORMER: int
KBE_NO_NAME: int
KBM_ALL: int
KB_HIT_FIELDS: int

class KB:
    """A compiled, immutable knowledge base (use byline.KB)."""
    n_aliases: int
    nbytes: int
    path: Optional[str]
    def __len__(self) -> int: ...
    def entry(self, i: int, /) -> Dict[str, Any]:
        """Entry i as a dict."""
    def entry_id(self, i: int, /) -> Optional[str]: ...
    def entry_name(self, i: int, /) -> Optional[str]: ...
    def alias(self, a: int, /) -> Tuple[str, int, int]:
        """(text, flags, entry) of alias a."""
    def find(self, kb_id: str, /) -> int:
        """Entry index of kb_id, or -1."""
    def lookup(self, text: _Text, /) -> List[int]:
        """Alias indices whose tokens equal text's."""
    def image(self) -> bytes:
        """The compiled file's bytes."""

def kb_load(path: Any, /) -> KB:
    """Opens a compiled KB file with mmap."""
def kb_from_bytes(data: _Text, /) -> KB:
    """Opens a compiled KB image held in memory."""
def kb_build(records: Sequence[Tuple[Any, ...]], /) -> bytes:
    """Compiles 15-tuples (see byline.kb) into a KB image."""
def kb_match(text: _Text, kbs: Sequence[Any], options: int = ..., /) -> bytes:
    """int32 rows (start, end, tok_start, tok_end, layer, entry, alias, flags)."""
def kb_match_doc(cdoc: CDoc, kbs: Sequence[Any], options: int = ..., /) -> bytes:
    """As kb_match, over an analysed document (no tokenizing)."""

# ---- Model section (owned by the tagger stage) ----
import os as _os

class Model:
    """A POS + NER tagger model (a .blm file), immutable and shareable between threads."""
    def __init__(self, path: Union[str, "_os.PathLike[str]"]) -> None: ...
    @classmethod
    def load(cls, path: Union[str, "_os.PathLike[str]"], /) -> "Model":
        """Memory-maps a model file; FormatError if it is corrupt, OSError if unreadable."""
    @classmethod
    def from_bytes(cls, data: bytes, /) -> "Model":
        """A model from bytes (copied)."""
    def tag(self, tokens: Sequence[str], sent_starts: Optional[Sequence[bool]] = ...) -> Tuple[List[int], List[int]]:
        """Tags pre-tokenized text (one document): (UPOS values, BILOU NER values)."""
    @property
    def info(self) -> str: ...
    @property
    def path(self) -> Optional[str]: ...
