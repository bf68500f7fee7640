"""Hostile and pathological input (issue 8; after cmark's pathological_tests
and spaCy's naughty-strings tests).

Every case must give either a clear Python exception (TypeError/ValueError
naming the problem) or an analysis whose tables pass every invariant
(reliability_util.check_core) -- never a crash, hang or wrong offset.  Big
inputs are built once per test and only the int32 tables are inspected (no
Python object per token), so the suite stays fast: the 100 MB case takes a
few seconds with the C pipeline.  A faulthandler watchdog turns a hang into a
traceback instead of a stuck CI job (it is not a speed assertion).
"""
import faulthandler
import mmap
import sys
import unicodedata

import pytest

import byline
from byline import _core
from reliability_util import (
    HAVE_PIPELINE,
    SANITIZED,
    analyze_checked,
    check_core,
    core_analyze,
    pipeline,
    table,
)

MB = 1 << 20


@pytest.fixture(autouse=True)
def watchdog():
    # A hang shows as a traceback on stderr after 20 minutes; the process is
    # not killed (on a loaded machine a slow run must not fail the suite).
    faulthandler.dump_traceback_later(1200, exit=False)
    yield
    faulthandler.cancel_dump_traceback_later()


# ---------------------------------------------------------------- encodings
@pytest.mark.parametrize(
    "data, offset",
    [
        (b"ab\xff", 2),
        (b"\x80", 0),
        (b"caf\xc3", 3),  # truncated 2-byte sequence at the end
        (b"x \xe2\x82 y", 2),  # truncated 3-byte sequence
        (b"\xc0\xaf", 0),  # overlong '/'
        (b"\xe0\x80\xaf", 0),  # overlong, 3 bytes
        (b"ok \xed\xa0\x80", 3),  # UTF-8 encoded surrogate (CESU) is invalid
        (b"\xf4\x90\x80\x80", 0),  # above U+10FFFF
        (b"\xf8\x88\x80\x80\x80", 0),  # 5-byte form
        (b"Wang Yi said \xfe\xff", 13),
    ],
)
def test_invalid_utf8_bytes_raise_valueerror_with_offset(data, offset):
    with pytest.raises(ValueError, match=f"offset {offset}"):
        _core.analyze(data)
    if HAVE_PIPELINE:
        with pytest.raises(ValueError, match=str(offset)):
            pipeline()(data)


def test_valid_bytes_equal_str():
    text = "Zürich: \u201cNaïve café\u201d \u2014 said Ms. Øster\u00f8.\n\nNext \U0001F600 line."
    for obj in (text.encode(), bytearray(text.encode()), memoryview(text.encode())):
        a = _core.analyze(obj)
        b = _core.analyze(text)
        assert a.length() == len(text)
        for t in range(1, 8):
            assert a.table(t) == b.table(t)


@pytest.mark.parametrize("obj", [None, 123, 1.5, ["text"], object(), {"a": 1}])
def test_wrong_types_raise_typeerror(obj):
    with pytest.raises(TypeError):
        _core.analyze(obj)
    if HAVE_PIPELINE:
        with pytest.raises(TypeError):
            pipeline()(obj)


@pytest.mark.parametrize(
    "text",
    [
        "a \ud800 b",
        "\udfff",
        "\udc00\ud800 reversed pair",
        "Wang\ud83d said \u201c\udc00\u201d",
        "\ud800" * 1000,
        "x\ud800\U0001F600\udfffy",
    ],
)
def test_lone_surrogates(text):
    counts = analyze_checked(text)
    assert counts["tokens"] >= 1


def test_nul_is_an_ordinary_character():
    text = "Wang\x00Yi said \x00\"hello\x00\" in \x00Moscow.\x00"
    analyze_checked(text)
    analyze_checked("\x00" * 10000)
    assert _core.analyze(b"a\x00b").length() == 3


def test_empty_and_whitespace_only():
    for text in ["", " ", "\n\n\n", "\t \r\n \u00a0 \u2003 \u3000", "\u200b\u200b"]:
        analyze_checked(text)


def test_offsets_are_code_points_whatever_the_plane():
    text = "\U0001F600 \u00e9 \u4e2d\u6587 \U00010348 end"
    cdoc = core_analyze(text)
    check_core(text, cdoc)
    tok, nt = table(cdoc, "tokens")
    words = [text[s:e] for s, e in zip(tok["start"], tok["end"])]
    assert words[-1] == "end"
    assert "".join(words) == text.replace(" ", "")


# ---------------------------------------------------------------- sizes
def _article_block():
    return (
        "WASHINGTON (Reuters) - Secretary of State Antony Blinken met Chinese Foreign "
        "Minister Wang Yi in Beijing on Tuesday, the State Department said. \u201cWe had "
        "candid talks,\u201d Blinken told reporters. Wang said China \"firmly opposes\" "
        "new sanctions on Russia.\n\n"
    )


@pytest.mark.slow
def test_100_mb_of_text():
    # 100 MB through the tokenizer and segmenter; the full pipeline on 16 MB
    # (its tables for 100 MB take several GB on a machine shared by many).
    size = (16 if SANITIZED else 100) * MB
    block = _article_block()
    text = block * (size // len(block) + 1)
    counts = analyze_checked(text, stages=_core.STAGE_SENTENCES)
    assert counts["sentences"] >= size // len(block)
    del text
    small = block * (16 * MB // len(block) + 1)
    counts = analyze_checked(small)
    assert counts["tokens"] > len(small) // 10


@pytest.mark.parametrize(
    "unit",
    ["a", "\u00e9", "7", "!", "\u4e2d", "\U0001F600", "\u0301", "-", "'", "."],
    ids=["ascii", "latin1", "digit", "bang", "cjk", "astral", "combining", "hyphen", "apos", "dot"],
)
def test_one_10_mb_token(unit):
    n = (10 * MB) // len(unit.encode())
    text = unit * n
    counts = analyze_checked(text)
    assert counts["tokens"] >= 1


def test_10_mb_token_inside_text():
    text = "He said " + "x" * (10 * MB) + " loudly. http://" + "a" * MB + ".com @" + "b" * MB
    analyze_checked(text)


@pytest.mark.parametrize(
    "text",
    [
        '"' * 1_000_000,
        "\u201c" * 1_000_000,
        "\u201d" * 1_000_000,
        "'" * 1_000_000,
        '" ' * 1_000_000,
        '"a' * 500_000,
        "\u201cWang said \u201d" * 100_000,
        "\u00ab \u00bb " * 500_000,
        "``" * 500_000,
    ],
    ids=["ascii", "open", "close", "apos", "spaced", "alt", "pairs", "guillemets", "backticks"],
)
def test_a_million_quotation_marks(text):
    analyze_checked(text)


@pytest.mark.parametrize(
    "open_, close",
    [("(", ")"), ("[", "]"), ("{", "}"), ("\u00ab", "\u00bb"), ("\u201c", "\u201d"), ("<", ">")],
)
def test_a_million_nested_brackets(open_, close):
    analyze_checked(open_ * 1_000_000 + close * 1_000_000)
    analyze_checked(open_ * 1_000_000)  # never closed
    analyze_checked((open_ + "Wang ") * 200_000)


def test_one_name_repeated_a_million_times():
    text = "Wang Yi " * 1_000_000
    counts = analyze_checked(text)
    assert counts["tokens"] == 2_000_000
    # one person, however often named: the entity table must not blow up
    assert counts["entities"] <= 10
    analyze_checked("Wang Yi said. " * 300_000)
    analyze_checked("Russia, " * 1_000_000)


def test_many_short_sentences_and_paragraphs():
    analyze_checked("A.\n\n" * 500_000)
    analyze_checked("\n" * 1_000_000)
    analyze_checked(". " * 1_000_000)


# ---------------------------------------------------------------- scripts
@pytest.mark.parametrize(
    "text",
    [
        "\u0648\u0627\u0646\u063a \u064a\u064a \u0642\u0627\u0644: \u00ab\u0645\u0631\u062d\u0628\u0627\u00bb \u0641\u064a \u0645\u0648\u0633\u0643\u0648.",
        "\u05d5\u05d0\u05e0\u05d2 \u05d9\u05d9 \u05d0\u05de\u05e8 \"\u05e9\u05dc\u05d5\u05dd\" \u05d1\u05de\u05d5\u05e1\u05e7\u05d1\u05d4.",
        "Wang \u202eYi\u202c said \u200f\"hi\"\u200e in \u2067Moscow\u2069.",
        "Zu\u0308rich Mu\u0308ller said \u201cne\u0301e\u0301\u201d to Jose\u0301.",
        "a" + "\u0301" * 10000 + " b",
        "\U0001F469\u200d\U0001F469\u200d\U0001F467 family, \U0001F1FA\U0001F1F8 flag, 1\ufe0f\u20e3",
        "\u0928\u092e\u0938\u094d\u0924\u0947 \u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35 \u4f60\u597d\u3002\u201c\u4e60\u8fd1\u5e73\u201d\u8bf4\u3002",
        "\ufeffBOM first. \ufffe\uffff non-characters.",
        "Ⅻ ﬁnance ﬀ \u2126 \u212b \uff37\uff41\uff4e\uff47 \uff39\uff49",
    ],
    ids=["arabic", "hebrew", "bidi-controls", "combining", "many-combining", "zwj", "scripts", "bom", "compat"],
)
def test_rtl_combining_and_other_scripts(text):
    analyze_checked(text)


def _all_quotes_and_dashes():
    qs, ds = [], []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat in ("Pi", "Pf") or "QUOTATION" in unicodedata.name(c, "") or "APOSTROPHE" in unicodedata.name(c, ""):
            qs.append(c)
        elif cat == "Pd" or "DASH" in unicodedata.name(c, "") or c in "\u2212\u2043":
            ds.append(c)
    qs += ['"', "'", "`", "\u00b4"]
    return qs, ds


QUOTES, DASHES = _all_quotes_and_dashes()


def test_every_unicode_quote_and_dash():
    assert len(QUOTES) > 30 and len(DASHES) > 20
    parts = []
    for q in QUOTES:
        for q2 in QUOTES[:8]:
            parts.append(f"Wang said {q}We oppose it{q2}, he added. {q}unclosed ")
    for d in DASHES:
        parts.append(f"Moscow {d} Beijing{d}Kyiv {d}{d} 2020{d}2023 {d}quote{d} ")
    text = "".join(parts)
    analyze_checked(text)
    for q in QUOTES:
        analyze_checked(q)
        analyze_checked(q * 3 + "x" + q)
    for d in DASHES:
        analyze_checked(d)
        analyze_checked("a" + d + "b " + d * 5)


def test_control_characters_and_line_separators():
    text = "".join(chr(c) for c in range(0, 32)) + "\x7f\x85\u2028\u2029\u000b\u000c" * 3
    analyze_checked(text + " Wang Yi said \"yes\".\u2029Next.\u2028Line.")


# ---------------------------------------------------------------- limits
def test_max_text_bytes_is_documented_and_enforced():
    assert _core.MAX_TEXT_BYTES == 512 * MB
    # A bytes-like object one byte over the limit, without committing memory:
    # an anonymous mapping is reserved, not touched.
    m = mmap.mmap(-1, _core.MAX_TEXT_BYTES + 1)
    try:
        with pytest.raises(ValueError, match="limit"):
            _core.analyze(m)
    finally:
        m.close()


@pytest.mark.parametrize("bad", [-1, 2**32, 2**32 + _core.STAGE_TOKENS, 2**64 + 1])
def test_stage_mask_out_of_range(bad):
    # never truncated to 32 bits (2**32 + STAGE_TOKENS must not read as STAGE_TOKENS)
    with pytest.raises(ValueError, match="out of range"):
        _core.analyze("x", stages=bad)
    with pytest.raises(ValueError, match="out of range"):
        _core.analyze_batch(["x"], stages=bad)
    with pytest.raises(ValueError, match="out of range"):
        _core.kb_match("x", (), bad)


def test_stage_mask_must_be_an_int():
    with pytest.raises(TypeError, match="int"):
        _core.analyze("x", stages=1.0)
    with pytest.raises(TypeError, match="int"):
        _core.analyze("x", stages="1")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))


# ---------------------------------------------------------------- KB files
def _small_kb_image():
    from byline import kb as kbmod

    return kbmod.compile_records([
        {"kb_id": "Q148", "name": "China", "label": "GPE", "aliases": ["PRC"], "demonyms": ["Chinese"]},
        {"kb_id": "Q1", "name": "Wang Yi", "label": "PERSON", "country": "Q148", "aliases": ["Wang"]},
        {"kb_id": "Q2", "name": "Moscow", "label": "GPE"},
    ])


def _kb_corruptions(img):
    """(name, bytes) pairs: truncations, bit flips, another version, garbage."""
    import random
    import struct

    rnd = random.Random(8)
    out = [("empty", b""), ("magic-only", img[:8]), ("header-only", img[:64]),
           ("half", img[: len(img) // 2]), ("minus-one", img[:-1]), ("plus-one", img + b"\0"),
           ("text", b"Wang Yi met Sergei Lavrov in Moscow.\n" * 20),
           ("zeros", bytes(len(img))), ("ones", b"\xff" * len(img)),
           ("model-magic", b"BYLINEML" + img[8:]), ("gzip", b"\x1f\x8b\x08\x00" + img[4:])]
    v = bytearray(img)
    struct.pack_into("<I", v, 8, struct.unpack_from("<I", img, 8)[0] + 1)
    out.append(("next-version", bytes(v)))
    v = bytearray(img)
    struct.pack_into("<I", v, 12, 0x04030201)
    out.append(("big-endian", bytes(v)))
    for k in range(60):
        v = bytearray(img)
        for _ in range(1 + k % 4):
            i = rnd.randrange(len(v))
            v[i] ^= 1 << rnd.randrange(8)
        out.append((f"bitflip-{k}", bytes(v)))
    for k in range(20):
        n = rnd.randrange(len(img))
        out.append((f"truncate-{n}", img[:n]))
    return out


def test_corrupt_kb_images_give_a_clear_error(tmp_path):
    from byline import kb as kbmod

    img = _small_kb_image()
    good = kbmod.KB.from_bytes(img)
    ok_doc = pipeline().__class__(kb=good, model=False)("Wang met officials in Moscow.")
    assert ok_doc.text
    for name, data in _kb_corruptions(img):
        with pytest.raises(ValueError) as ei:
            kbmod.KB.from_bytes(data)
        assert str(ei.value), name
        p = tmp_path / f"{name}.blkb"
        p.write_bytes(data)
        with pytest.raises((ValueError, OSError)):
            kbmod.KB.load(p)


def test_kb_load_missing_or_directory(tmp_path):
    from byline import kb as kbmod

    with pytest.raises(OSError):
        kbmod.KB.load(tmp_path / "missing.blkb")
    with pytest.raises((OSError, ValueError)):
        kbmod.KB.load(tmp_path)
    with pytest.raises(TypeError):
        kbmod.KB.from_bytes(12345)


def test_user_kb_hostile_entries():
    from byline import kb as kbmod

    base = {"kb_id": "u1", "name": "Ana Lima", "label": "PERSON"}
    with pytest.raises(ValueError, match="name"):
        kbmod.compile_records([{"kb_id": "u0", "name": "", "label": "PERSON"}])
    with pytest.raises(ValueError, match="name"):
        kbmod.compile_records([{"kb_id": "u0", "name": "   ", "label": "PERSON"}])
    with pytest.raises(ValueError, match="duplicate"):
        kbmod.compile_records([base, dict(base, name="Other")])
    long_alias = ("Very Long Name " * 700)[:10_000]
    img = kbmod.compile_records([dict(base, aliases=[long_alias, "x" * 10_000, "\u0301" * 10_000, ""])])
    kb = kbmod.KB.from_bytes(img)
    nlp = pipeline().__class__(kb=kb, model=False)
    for text in (long_alias + " said hello.", "Ana Lima met " + "x" * 10_000 + ".", "Ana Lima."):
        doc = nlp(text)
        check_core(text, doc._cdoc if hasattr(doc, "_cdoc") else core_analyze(text))
        for m in getattr(doc, "mentions", []):
            assert text[m.start:m.end] == m.text
    # many entries whose names are all the same string
    img = kbmod.compile_records([{"kb_id": f"u{i}", "name": "Same Name", "label": "PERSON"} for i in range(2000)])
    nlp = pipeline().__class__(kb=kbmod.KB.from_bytes(img), model=False)
    text = "Same Name said. " * 50
    doc = nlp(text)
    assert all(text[m.start:m.end] == m.text for m in doc.mentions)


# ---------------------------------------------------------------- model files
def _tiny_model_image():
    import importlib.util
    from pathlib import Path

    p = Path(__file__).resolve().parents[1] / "fuzz" / "seeds_model.py"
    spec = importlib.util.spec_from_file_location("seeds_model", p)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.model(1, [(64, 10), (32, 5)])


def _model_corruptions(img):
    import random
    import struct

    rnd = random.Random(6)
    out = [("empty", b""), ("magic-only", img[:8]), ("header-only", img[:64]),
           ("half", img[: len(img) // 2]), ("minus-one", img[:-1]), ("plus-one", img + b"\0"),
           ("text", b"not a model\n" * 100), ("zeros", bytes(len(img))),
           ("kb-magic", b"BYLINEKB" + img[8:])]
    for off, name in ((8, "format-version"), (12, "feature-set")):
        v = bytearray(img)
        struct.pack_into("<I", v, off, struct.unpack_from("<I", img, off)[0] + 1)
        out.append((name, bytes(v)))
    for k in range(60):
        v = bytearray(img)
        for _ in range(1 + k % 3):
            i = rnd.randrange(len(v))
            v[i] ^= 1 << rnd.randrange(8)
        out.append((f"bitflip-{k}", bytes(v)))
    for k in range(20):
        out.append((f"truncate-{k}", img[: rnd.randrange(len(img))]))
    return out


def test_corrupt_model_images_give_a_clear_error(tmp_path):
    if not hasattr(_core, "Model"):
        pytest.skip("no Model type")
    img = _tiny_model_image()
    m = _core.Model.from_bytes(img)  # the seed itself is a valid model
    cd = _core.analyze("Wang Yi met Lavrov in Moscow.", model=m)
    check_core("Wang Yi met Lavrov in Moscow.", cd)
    loaded = 0
    for name, data in _model_corruptions(img):
        if name.startswith("bitflip"):
            # header padding (bytes 40-63) is outside the checksum: a flip
            # there may load, and then the model must simply work
            try:
                mm = _core.Model.from_bytes(data)
            except ValueError as e:
                assert str(e), name
            else:
                loaded += 1
                text = "Wang Yi met Lavrov in Moscow."
                check_core(text, _core.analyze(text, model=mm))
            continue
        with pytest.raises(ValueError) as ei:
            _core.Model.from_bytes(data)
        assert str(ei.value), name
        p = tmp_path / f"{name}.blm"
        p.write_bytes(data)
        with pytest.raises((ValueError, OSError)):
            _core.Model.load(str(p))
    with pytest.raises(OSError):
        _core.Model.load(str(tmp_path / "missing.blm"))
    with pytest.raises((OSError, ValueError)):
        _core.Model.load(str(tmp_path))
    # a KB file is not a model, and a model is not a KB
    from byline import kb as kbmod

    with pytest.raises(ValueError):
        _core.Model.from_bytes(_small_kb_image())
    with pytest.raises(ValueError):
        kbmod.KB.from_bytes(img)
