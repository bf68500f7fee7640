"""Pipeline: the compiled knowledge base(s) and tagger model, applied to texts.

A Pipeline is immutable once made, so one instance serves any number of
threads.  It pickles by reference: the KB and model travel as file paths and
each process maps each file once (see `_load_cached`).
"""
from __future__ import annotations

import os
import threading
from collections import deque
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from . import _core
from .doc import Doc

__all__ = ["Pipeline", "analyze", "analyze_many", "default_pipeline", "DATA_DIR"]

# Internally plain str paths: importing pathlib would double `import byline`'s
# time.  DATA_DIR, DEFAULT_KB and DEFAULT_MODEL (pathlib.Path) are made on
# first access by the module __getattr__ below.
_DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
_DEFAULT_KB = os.path.join(_DATA_DIR, "byline.blkb")
_DEFAULT_MODEL = os.path.join(_DATA_DIR, "tagger.blm")
_PATHS = {"DATA_DIR": _DATA_DIR, "DEFAULT_KB": _DEFAULT_KB, "DEFAULT_MODEL": _DEFAULT_MODEL}


def __getattr__(name: str) -> Any:
    if name in _PATHS:
        from pathlib import Path

        return Path(_PATHS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

STAGES = {
    "tokens": _core.STAGE_TOKENS,
    "sentences": _core.STAGE_SENTENCES,
    "tags": _core.STAGE_TAGS,
    "entities": _core.STAGE_ENTITIES,
    "quotes": _core.STAGE_QUOTES,
    "relations": _core.STAGE_RELATIONS,
    "all": _core.STAGE_ALL,
}

PathLike = Union[str, "os.PathLike[str]"]


# ---------------------------------------------------------------------------
# Text input
# ---------------------------------------------------------------------------
def as_text(text: Any, errors: str = "strict") -> str:
    """Returns `text` as str: bytes-like input is decoded as UTF-8.

    errors (str): "strict" (default) raises ValueError naming the byte
        offset of the first invalid byte; "replace" substitutes U+FFFD.
    RAISES: TypeError for anything but str or bytes-like.
    """
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        if errors not in ("strict", "replace"):
            raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
        try:
            return bytes(text).decode("utf-8", errors)
        except UnicodeDecodeError as e:
            raise ValueError(
                f"text is not valid UTF-8: {e.reason} at byte offset {e.start} "
                f"(byte 0x{e.object[e.start]:02x}); pass errors='replace' to substitute U+FFFD"
            ) from None
    raise TypeError(f"text must be str or bytes (UTF-8), not {type(text).__name__}")


# ---------------------------------------------------------------------------
# KB / model loading (by path, cached per process)
# ---------------------------------------------------------------------------
_LOADED: dict = {}
_LOAD_LOCK = threading.Lock()


def _load_kb_file(path: str) -> Any:
    from . import kb as kbmod  # owned by the KB stage

    KB = getattr(kbmod, "KB")
    for name in ("load", "open", "from_file"):
        f = getattr(KB, name, None)
        if f is not None:
            return f(path)
    return KB(path)


def _load_model_file(path: str) -> Any:
    Model = getattr(_core, "Model", None)
    if Model is None:
        load = getattr(_core, "load_model", None)
        if load is None:
            raise RuntimeError("this build of byline._core has no tagger model support")
        return load(path)
    for name in ("load", "open", "from_file"):
        f = getattr(Model, name, None)
        if f is not None:
            return f(path)
    return Model(path)


def _load_cached(kind: str, path: str) -> Any:
    """Loads a KB or model file once per process (keyed by path and mtime)."""
    p = os.path.abspath(path)
    st = os.stat(p)
    key = (kind, p, st.st_mtime_ns, st.st_size)
    with _LOAD_LOCK:
        obj = _LOADED.get(key)
        if obj is None:
            obj = _load_kb_file(p) if kind == "kb" else _load_model_file(p)
            _LOADED[key] = obj
    return obj


def _path_of(obj: Any) -> Optional[str]:
    p = getattr(obj, "path", None)
    if callable(p):
        try:
            p = p()
        except Exception:
            p = None
    return os.fspath(p) if isinstance(p, (str, os.PathLike)) else None


# Entry look-ups used by Doc (one place to follow the KB's API).
def kb_entry_id(kb: Any, entry: int) -> Optional[str]:
    """The stable id (e.g. a Wikidata QID) of KB entry `entry`, or None."""
    f = getattr(kb, "entry_id", None)
    if f is not None:
        return f(entry) or None
    e = kb.entry(entry) if hasattr(kb, "entry") else None
    if e is None:
        return None
    if isinstance(e, dict):
        return e.get("kb_id") or e.get("id")
    return getattr(e, "kb_id", None) or getattr(e, "id", None)


def kb_entry_name(kb: Any, entry: int) -> Optional[str]:
    """The canonical name of KB entry `entry`, or None."""
    f = getattr(kb, "entry_name", None)
    if f is not None:
        return f(entry) or None
    e = kb.entry(entry) if hasattr(kb, "entry") else None
    if e is None:
        return None
    if isinstance(e, dict):
        return e.get("name")
    return getattr(e, "name", None)


# ---------------------------------------------------------------------------
# Pipeline
# ---------------------------------------------------------------------------
def _stages_value(stages: Any) -> int:
    if stages is None:
        return 0
    if isinstance(stages, int):
        return stages
    if isinstance(stages, str):
        stages = [stages]
    v = 0
    for s in stages:
        try:
            v |= STAGES[s]
        except KeyError:
            raise ValueError(f"unknown stage {s!r}; expected one of {sorted(STAGES)}") from None
    return v


def _default_threads() -> int:
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 1
    return max(1, min(n, 8))


class Pipeline:
    """The analysis pipeline: knowledge base(s) + tagger model + C stages.

    kb: None for the built-in KB (``byline/data/byline.blkb``, when built),
        False for none, a path, a KB object, or a list of those (layer 0
        first; later layers are user additions).
    model: None for the built-in tagger model (``byline/data/tagger.blm``,
        when built), False for none, a path or a Model object.
    stages: None for all, or stage names ("tokens", "sentences", "tags",
        "entities", "quotes", "relations"); each stage runs those it needs.

    A Pipeline is immutable and thread-safe; it pickles by file reference.

    EXAMPLE:
        >>> nlp = byline.Pipeline()
        >>> doc = nlp("Mr Putin met Xi Jinping in Beijing.")
        >>> for doc in nlp.pipe(texts, n_threads=2): ...
    """

    def __init__(self, kb: Any = None, model: Any = None, stages: Any = None) -> None:
        self._kb_spec, self.kbs = self._resolve_kbs(kb)
        self._model_spec, self.model = self._resolve_model(model)
        self.stages = _stages_value(stages)
        self._kbs_arg = tuple(self.kbs)

    # -- construction ----------------------------------------------------
    @staticmethod
    def _resolve_kbs(kb: Any) -> Tuple[List[Any], List[Any]]:
        if kb is False:
            return [], []
        if kb is None:
            if os.path.exists(_DEFAULT_KB):
                try:
                    return [_DEFAULT_KB], [_load_cached("kb", _DEFAULT_KB)]
                except (ImportError, AttributeError):
                    return [], []  # KB support not built yet
            return [], []
        items = list(kb) if isinstance(kb, (list, tuple)) else [kb]
        if len(items) > 4:
            raise ValueError("at most 4 knowledge-base layers")
        specs, objs = [], []
        for it in items:
            if isinstance(it, (str, os.PathLike)):
                p = os.fspath(it)
                specs.append(p)
                objs.append(_load_cached("kb", p))
            else:
                specs.append(_path_of(it) or it)
                objs.append(it)
        return specs, objs

    @staticmethod
    def _resolve_model(model: Any) -> Tuple[Any, Any]:
        if model is False:
            return None, None
        if model is None:
            if os.path.exists(_DEFAULT_MODEL) and (hasattr(_core, "Model") or hasattr(_core, "load_model")):
                return _DEFAULT_MODEL, _load_cached("model", _DEFAULT_MODEL)
            return None, None
        if isinstance(model, (str, os.PathLike)):
            p = os.fspath(model)
            return p, _load_cached("model", p)
        return _path_of(model) or model, model

    def __reduce__(self) -> Any:
        return (_rebuild, (self._kb_spec, self._model_spec, self.stages))

    def __repr__(self) -> str:
        kbs = [s if isinstance(s, str) else type(s).__name__ for s in self._kb_spec]
        m = self._model_spec if isinstance(self._model_spec, str) or self._model_spec is None \
            else type(self._model_spec).__name__
        return f"Pipeline(kb={kbs!r}, model={m!r})"

    # -- running ---------------------------------------------------------
    def __call__(self, text: Union[str, bytes], errors: str = "strict") -> Doc:
        """Analyses one text.

        text (str or bytes): the article; bytes are decoded as UTF-8.
        errors (str): "strict" or "replace", for bytes input.
        RETURNS (Doc): the analysed document.
        """
        s = as_text(text, errors)
        return Doc(s, _core.analyze(s, stages=self.stages, **self._kw()), self)

    analyze = __call__

    def _kw(self) -> dict:
        kw: dict = {}
        if self._kbs_arg:
            kw["kbs"] = self._kbs_arg
        if self.model is not None:
            kw["model"] = self.model
        return kw

    def _run_batch(self, texts: Sequence[Any], errors: str,
                   on_error: Optional[Callable[[Exception, int], None]] = None) -> List[Optional[Doc]]:
        kw = self._kw()
        if on_error is None:
            strs = [as_text(t, errors) for t in texts]
            cdocs = _core.analyze_batch(strs, stages=self.stages, **kw)
            return [Doc(s, c, self) for s, c in zip(strs, cdocs)]
        out: List[Optional[Doc]] = []
        for i, t in enumerate(texts):
            try:
                s = as_text(t, errors)
                out.append(Doc(s, _core.analyze(s, stages=self.stages, **kw), self))
            except (ValueError, TypeError, MemoryError) as e:
                on_error(e, i)
                out.append(None)
        return out

    def pipe(self, texts: Iterable[Any], batch_size: int = 32, n_threads: Optional[int] = None,
             errors: str = "strict", as_tuples: bool = False,
             on_error: Optional[Callable[[Exception, Any], None]] = None) -> Iterator[Any]:
        """Analyses a stream of texts, yielding Docs in input order.

        texts (iterable): str or bytes; with as_tuples, (text, context) pairs.
        batch_size (int): texts per C call (the GIL is released once per batch).
        n_threads (int): worker threads; None uses the available cores (max 8).
        errors (str): "strict" or "replace", for bytes input.
        as_tuples (bool): yield (Doc, context) for (text, context) input.
        on_error (callable): if given, a text that fails (bad type, invalid
            UTF-8, too large) is skipped and ``on_error(exception, context)``
            is called (context is the input index without as_tuples);
            otherwise the first failure raises.
        YIELDS (Doc): one per text, in input order.  At most ~2 * n_threads
            batches are in flight, so memory stays flat on endless streams.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        n = _default_threads() if n_threads is None else int(n_threads)
        if n < 1:
            raise ValueError("n_threads must be >= 1")
        it = iter(texts)
        counter = [0]

        def batches() -> Iterator[Tuple[List[Any], List[Any]]]:
            while True:
                chunk = list(islice(it, batch_size))
                if not chunk:
                    return
                if as_tuples:
                    yield [c[0] for c in chunk], [c[1] for c in chunk]
                else:
                    base = counter[0]
                    counter[0] += len(chunk)
                    yield chunk, list(range(base, base + len(chunk)))

        def run(chunk: List[Any], ctx: List[Any]) -> List[Optional[Doc]]:
            if on_error is None:
                return self._run_batch(chunk, errors)
            try:
                return self._run_batch(chunk, errors)
            except (ValueError, TypeError, MemoryError):
                # Find the culprit(s): redo this batch one text at a time.
                return self._run_batch(chunk, errors, lambda e, i: on_error(e, ctx[i]))

        def emit(docs: List[Optional[Doc]], ctx: List[Any]) -> Iterator[Any]:
            for d, c in zip(docs, ctx):
                if d is not None:
                    yield (d, c) if as_tuples else d

        if n == 1:
            for chunk, ctx in batches():
                yield from emit(run(chunk, ctx), ctx)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=n, thread_name_prefix="byline") as ex:
            window: deque = deque()
            try:
                for chunk, ctx in batches():
                    window.append((ex.submit(run, chunk, ctx), ctx))
                    if len(window) >= 2 * n:
                        fut, c = window.popleft()
                        yield from emit(fut.result(), c)
                while window:
                    fut, c = window.popleft()
                    yield from emit(fut.result(), c)
            finally:
                for fut, _ in window:
                    fut.cancel()


def _rebuild(kb_spec: List[Any], model_spec: Any, stages: int) -> Pipeline:
    return Pipeline(kb=kb_spec if kb_spec else False,
                    model=model_spec if model_spec is not None else False, stages=stages)


def _redo(pipeline: Optional[Pipeline], text: str) -> Doc:
    return (pipeline or default_pipeline())(text)


_DEFAULT: Optional[Pipeline] = None
_DEFAULT_LOCK = threading.Lock()


def default_pipeline() -> Pipeline:
    """The shared default Pipeline (built-in KB and model), made on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Pipeline()
    return _DEFAULT


def analyze(text: Union[str, bytes], errors: str = "strict") -> Doc:
    """Analyses one article with the default pipeline.

    text (str or bytes): the article; bytes are decoded as UTF-8.
    errors (str): "strict" (ValueError naming the bad byte offset) or "replace".
    RETURNS (Doc): tokens, sentences, entities, quotes and relations.

    EXAMPLE:
        >>> doc = byline.analyze("Mr Putin met Xi Jinping in Beijing.")
        >>> [(e.name, e.label) for e in doc.entities]
    """
    return default_pipeline()(text, errors)


def analyze_many(texts: Iterable[Any], n_threads: Optional[int] = None, batch_size: int = 32,
                 errors: str = "strict") -> Iterator[Doc]:
    """Analyses many texts in parallel threads (GIL released), yielding Docs in input order.

    texts (iterable): str or bytes.
    n_threads (int): None uses the available cores.
    YIELDS (Doc): one per text, in order; memory stays bounded when streaming.
    """
    return default_pipeline().pipe(texts, batch_size=batch_size, n_threads=n_threads,
                                   errors=errors)
