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
from .doc import Cooccurrence, Doc, Entity, Mention, Paragraph, Quote, Relation, Sentence, Span, Token
from .pipeline import Pipeline, analyze, analyze_many, default_pipeline

__version__ = _core.VERSION
backend = "c"
__backend__ = f"c (byline._core {_core.VERSION}, {_core.__file__})"

__all__ = [
    "analyze", "analyze_many", "Pipeline", "default_pipeline", "Doc", "Token", "Span",
    "Sentence", "Paragraph", "Mention", "Entity", "Quote", "Relation", "Cooccurrence", "frames", "render",
    "read", "KB", "backend", "__version__",
]

# Heavier or optional pieces load on first use, so `import byline` stays fast
# and works without pandas.
_LAZY = {
    "frames": ("dataframes", "frames"),
    "render": ("display", "render"),
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


# The pandas accessor (Series.byline) is registered when pandas is (or gets)
# imported, without importing pandas here.
def _register_accessor() -> None:
    try:
        from .dataframes import register_accessor

        register_accessor()
    except Exception:  # never break the user's pandas import
        pass


class _PandasImportHook:
    """A meta-path finder that registers Series.byline right after pandas loads."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != "pandas":
            return None
        import sys
        from importlib.util import find_spec

        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass
        spec = find_spec("pandas")
        loader = getattr(spec, "loader", None)
        exec_module = getattr(loader, "exec_module", None)
        if exec_module is None:
            return spec

        def exec_and_register(module: Any) -> None:
            exec_module(module)
            _register_accessor()

        loader.exec_module = exec_and_register  # type: ignore[union-attr]
        return spec


def _install_pandas_hook() -> None:
    import sys

    if "pandas" in sys.modules:
        _register_accessor()
    elif not any(isinstance(f, _PandasImportHook) for f in sys.meta_path):
        sys.meta_path.insert(0, _PandasImportHook())


_install_pandas_hook()
