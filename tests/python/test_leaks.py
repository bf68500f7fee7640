"""Leaks and reference counts (issue 8; after markupsafe's tests/test_leak.py).

* 20,000 analyses: the C heap (glibc mallinfo2: bytes in use, which sees
  every allocation of the core directly), the Python heap (tracemalloc) and
  the RSS must stop growing after a warm-up.  Normal build only: under ASan
  the allocator quarantines freed memory, so the figures mean nothing there.
* Reference counts: analysing must not keep or drop references to its
  arguments; returned objects are owned only by the caller; buffers are
  released on success and on error.

`python tests/python/test_leaks.py` prints the memory figures quoted in
docs/reliability.md.
"""
import ctypes
import gc
import sys
import tracemalloc

import pytest

from byline import _core
from reliability_util import HAVE_PIPELINE, SANITIZED, core_kwargs, pipeline

TEXT = (
    "MOSCOW (Reuters) - Chinese Foreign Minister Wang Yi met Sergei Lavrov on Monday. "
    "\u201cWe oppose unilateral sanctions,\u201d Wang said, according to the ministry. "
    "Lavrov told reporters that Russia and China were \"close partners\".\n\n"
    "President Joe Biden's envoy said the talks in Beijing would continue."
)
TEXTS = [TEXT, TEXT * 12, "\ud800 lone " + TEXT, "", "x", TEXT.encode(), "\U0001F600" * 300]


class _MallInfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]


def _mallinfo():
    try:
        libc = ctypes.CDLL(None)
        f = libc.mallinfo2
    except (OSError, AttributeError):
        return None
    f.restype = _MallInfo2
    return f


MALLINFO = _mallinfo()


def c_heap_in_use():
    """Bytes malloc has handed out and not had back (heap + mmapped chunks)."""
    m = MALLINFO()
    return m.uordblks + m.hblkhd


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


def run_analyses(n, kw, keep_every=0):
    kept = []
    for i in range(n):
        d = _core.analyze(TEXTS[i % len(TEXTS)], **kw)
        d.table(_core.TABLE_TOKENS)
        if keep_every and i % keep_every == 0:
            kept.append(d)
    return len(kept)


def measure(total=20_000, warmup=2_000, step=3_000):
    """Runs `total` analyses; returns the series of (done, c_heap, py_heap, rss)."""
    kw = core_kwargs()
    gc.collect()
    tracemalloc.start()
    series = []
    done = 0
    run_analyses(warmup, kw)
    done += warmup
    while done < total:
        run_analyses(step, kw)
        done += step
        gc.collect()
        series.append((done, c_heap_in_use() if MALLINFO else 0,
                       tracemalloc.get_traced_memory()[0], rss()))
    tracemalloc.stop()
    return series


@pytest.mark.skipif(SANITIZED, reason="memory figures are meaningless under ASan")
@pytest.mark.skipif(MALLINFO is None, reason="needs glibc mallinfo2")
def test_20000_analyses_memory_stops_growing():
    series = measure()
    (n0, c0, p0, r0), (n1, c1, p1, r1) = series[0], series[-1]
    per_doc_c = (c1 - c0) / (n1 - n0)
    # A leak of even one small allocation per analysis (>= 16 bytes) would
    # show as >= 16 bytes per analysis here; allow a little allocator noise.
    assert per_doc_c < 8, f"C heap grows {per_doc_c:.1f} bytes/analysis: {series}"
    assert p1 - p0 < 64 * 1024, f"Python heap grew {p1 - p0} bytes: {series}"
    assert r1 - r0 < 8 * 1024 * 1024, f"RSS grew {r1 - r0} bytes: {series}"


@pytest.mark.skipif(SANITIZED, reason="memory figures are meaningless under ASan")
@pytest.mark.skipif(MALLINFO is None, reason="needs glibc mallinfo2")
def test_error_paths_do_not_leak():
    kw = core_kwargs()

    def burst(n):
        for i in range(n):
            for bad in (b"ok \xff", bytearray(b"\xc0\xaf"), 17, None):
                try:
                    _core.analyze(bad, **kw)
                except (ValueError, TypeError):
                    pass

    burst(500)
    gc.collect()
    c0 = c_heap_in_use()
    burst(5000)
    gc.collect()
    assert c_heap_in_use() - c0 < 64 * 1024


def test_analyze_keeps_no_reference_to_its_arguments():
    kw = core_kwargs()
    for text in TEXTS:
        before = sys.getrefcount(text)
        for _ in range(100):
            d = _core.analyze(text, **kw)
        del d
        assert sys.getrefcount(text) == before
    for v in kw.values():
        before = sys.getrefcount(v)
        for _ in range(100):
            _core.analyze(TEXT, **kw)
        assert sys.getrefcount(v) == before


def test_returned_objects_are_owned_by_the_caller():
    d = _core.analyze(TEXT, **core_kwargs())
    assert sys.getrefcount(d) == 2  # `d` + getrefcount's argument
    t = d.table(_core.TABLE_TOKENS)
    assert sys.getrefcount(d) == 2
    assert sys.getrefcount(t) == 2
    cols = _core.table_columns(_core.TABLE_TOKENS)
    assert all(isinstance(c, str) for c in cols)
    names = _core.enum_names(_core.ENUM_LABEL)
    assert sys.getrefcount(names) == 2


def test_buffers_are_released_on_success_and_error():
    ba = bytearray(TEXT.encode())
    _core.analyze(ba)
    ba.extend(b" more")  # raises BufferError if the export was kept
    bad = bytearray(b"abc \xff")
    with pytest.raises(ValueError):
        _core.analyze(bad)
    bad.extend(b"x")
    mv = memoryview(bytearray(b"hello world"))
    _core.analyze(mv)
    mv.release()


def test_no_python_objects_accumulate():
    kw = core_kwargs()
    run_analyses(500, kw)
    gc.collect()
    n0 = len(gc.get_objects())
    run_analyses(3000, kw)
    gc.collect()
    assert len(gc.get_objects()) - n0 < 50


@pytest.mark.skipif(not HAVE_PIPELINE, reason="byline.Pipeline not available")
def test_doc_objects_are_freed():
    nlp = pipeline()
    d = nlp(TEXT)
    _ = [e.name for e in d.entities], [q.text for q in d.quotes], list(d.tokens)
    gc.collect()
    n0 = len(gc.get_objects())
    for _ in range(500):
        d = nlp(TEXT)
        _ = [e.name for e in d.entities], [q.text for q in d.quotes], list(d.tokens)
    del d, _
    gc.collect()
    assert len(gc.get_objects()) - n0 < 50


if __name__ == "__main__":  # pragma: no cover
    s = measure()
    print("analyses  c_heap_bytes  py_heap_bytes  rss_bytes")
    for row in s:
        print("%8d  %12d  %13d  %9d" % row)
    (n0, c0, p0, r0), (n1, c1, p1, r1) = s[0], s[-1]
    print(f"C heap growth after warm-up: {(c1 - c0) / (n1 - n0):+.2f} bytes/analysis "
          f"({c1 - c0:+d} bytes over {n1 - n0} analyses); Python heap {p1 - p0:+d} bytes; "
          f"RSS {r1 - r0:+d} bytes")
