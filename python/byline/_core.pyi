"""Type stub for byline._core, the C extension (internal; use the byline package).

Every public attribute of the extension is named here; tests/python/test_doc.py
checks that against the compiled module.  Sections below the marked lines are
kept by the owners of the KB and Model parts of the binding.
"""
from typing import Any, Final, List, Optional, Sequence, Tuple, Union

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

# ---- Model section (owned by the tagger stage) ----
