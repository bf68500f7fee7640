"""byline: entities, quotes and relations from news articles, with a C core.

    >>> import byline
    >>> doc = byline.analyze(text)
    >>> doc.entities, doc.quotes, doc.relations
    >>> byline.frames(texts)["entities"]        # pandas (optional)

`byline.backend` names the active backend ("c": the compiled byline._core
extension; there is no silent pure-Python fallback).
"""
from __future__ import annotations

from typing import Any

from . import _core
from .doc import Doc, Entity, Mention, Paragraph, Quote, Relation, Sentence, Span, Token
from .pipeline import Pipeline, analyze, analyze_many, default_pipeline

__version__ = _core.VERSION
backend = "c"
__backend__ = f"c (byline._core {_core.VERSION}, {_core.__file__})"

__all__ = [
    "analyze", "analyze_many", "Pipeline", "default_pipeline", "Doc", "Token", "Span",
    "Sentence", "Paragraph", "Mention", "Entity", "Quote", "Relation", "frames", "render",
    "read", "KB", "backend", "__version__",
]

# Heavier or optional pieces load on first use, so `import byline` stays fast
# and works without pandas.
_LAZY = {
    "frames": ("frames", "frames"),
    "render": ("render", "render"),
    "read": ("io", "read"),
    "KB": ("kb", "KB"),
    "graph": ("graph", None),
}


def __getattr__(name: str) -> Any:
    spec = _LAZY.get(name)
    if spec is None:
        raise AttributeError(f"module 'byline' has no attribute {name!r}")
    import importlib

    mod = importlib.import_module(f".{spec[0]}", __name__)
    value = mod if spec[1] is None else getattr(mod, spec[1])
    globals()[name] = value
    return value


def __dir__() -> list:
    return sorted(set(globals()) | set(_LAZY))
