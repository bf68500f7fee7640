"""Tokenizer, sentence and paragraph splitter (issue 2, C part).

Drives byline._core directly: tokens/sentences/paragraphs come back as int32
tables whose columns are named by _core.table_columns.
"""
import glob
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline import _core

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))
if not os.path.isdir(SHARED):
    SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))
SEED = os.path.join(SHARED, "corpus", "seed-wang-yi-russia.txt")
BBC = os.path.join(SHARED, "corpus", "bbc")

KINDS = list(_core.enum_names(_core.ENUM_TOKEN_KIND))
F = {
    "SPACE_AFTER": 1 << 0, "NEWLINE_BEFORE": 1 << 1, "PARA_START": 1 << 2,
    "SENT_START": 1 << 3, "TITLE": 1 << 4, "UPPER": 1 << 5, "LOWER": 1 << 6,
    "QUOTE_OPEN": 1 << 7, "QUOTE_CLOSE": 1 << 8, "HAS_DIGIT": 1 << 9,
    "HYPHEN_INFIX": 1 << 10, "NO_SPACE_BEFORE": 1 << 11, "HEADLINE": 1 << 12,
}


def table(doc, tid):
    cols = _core.table_columns(tid)
    m = memoryview(doc.table(tid)).cast("i")
    n = len(cols)
    return [dict(zip(cols, m[i * n:(i + 1) * n])) for i in range(len(m) // n)]


def analyze(text, stages=None):
    doc = _core.analyze(text, stages=stages or _core.STAGE_SENTENCES)
    return (table(doc, _core.TABLE_TOKENS), table(doc, _core.TABLE_SENTENCES),
            table(doc, _core.TABLE_PARAGRAPHS))


def words(text):
    toks, _, _ = analyze(text, _core.STAGE_TOKENS)
    return [text[t["start"]:t["end"]] for t in toks]


def kinds(text):
    toks, _, _ = analyze(text, _core.STAGE_TOKENS)
    return [(text[t["start"]:t["end"]], KINDS[t["kind"]]) for t in toks]


def sentences(text):
    _, sents, _ = analyze(text)
    return [text[s["start"]:s["end"]] for s in sents]


def check_invariants(text):
    toks, sents, paras = analyze(text)
    n = len(text)
    prev = 0
    for t in toks:
        assert 0 <= prev <= t["start"] < t["end"] <= n
        gap = text[prev:t["start"]]
        assert gap == "" or gap.isspace(), (gap, t)
        piece = text[t["start"]:t["end"]]
        assert not any(c.isspace() for c in piece), piece
        prev = t["end"]
    assert text[prev:] == "" or text[prev:].isspace()
    # tokens plus the whitespace between them rebuild the text
    rebuilt, pos = [], 0
    for t in toks:
        rebuilt.append(text[pos:t["start"]])
        rebuilt.append(text[t["start"]:t["end"]])
        pos = t["end"]
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == text
    # every token in exactly one sentence, sentences contiguous
    nxt = 0
    for i, s in enumerate(sents):
        assert s["tok_start"] == nxt and s["tok_end"] > s["tok_start"]
        for j in range(s["tok_start"], s["tok_end"]):
            assert toks[j]["sent"] == i
        assert s["start"] == toks[s["tok_start"]]["start"]
        assert s["end"] == toks[s["tok_end"] - 1]["end"]
        assert toks[s["tok_start"]]["flags"] & F["SENT_START"]
        nxt = s["tok_end"]
    assert nxt == len(toks)
    ps = 0
    for p in paras:
        assert p["sent_start"] == ps and p["sent_end"] > ps
        ps = p["sent_end"]
    assert ps == len(sents)
    # quote tokens always say which way they can go
    for t in toks:
        if KINDS[t["kind"]] == "quote":
            assert t["flags"] & (F["QUOTE_OPEN"] | F["QUOTE_CLOSE"])
    return toks, sents, paras


# ---------------------------------------------------------------- cases

@pytest.mark.parametrize("text,expect", [
    ("Putin's aides don't know", ["Putin", "'s", "aides", "do", "n't", "know"]),
    ("Wang’s trip won’t", ["Wang", "’s", "trip", "wo", "n’t"]),
    ("the countries’ leaders", ["the", "countries", "’", "leaders"]),
    ("China-Russia and Asia-Pacific", ["China", "-", "Russia", "and", "Asia", "-", "Pacific"]),
    ("$120m, £65,000 and €5bn (3.5%)",
     ["$", "120m", ",", "£", "65,000", "and", "€", "5bn", "(", "3.5", "%", ")"]),
    ("Mr. Putin, Mrs. May, Dr. No, St. Paul, Gov. Newsom",
     ["Mr.", "Putin", ",", "Mrs.", "May", ",", "Dr.", "No", ",", "St.", "Paul", ",",
      "Gov.", "Newsom"]),
    ("U.S. and U.N. e.g. Jan. 5", ["U.S.", "and", "U.N.", "e.g.", "Jan.", "5"]),
    ("see https://example.com/a?b=1. Mail a.b@c.org @bbc #news",
     ["see", "https://example.com/a?b=1", ".", "Mail", "a.b@c.org", "@bbc", "#news"]),
    ("Wait… no... «Oui» „Ja“ 「はい」",
     ["Wait", "…", "no", "...", "«", "Oui", "»", "„", "Ja", "“", "「", "はい", "」"]),
    ("👍🏽 👨‍👩‍👧 🇬🇧🇫🇷", ["👍🏽", "👨‍👩‍👧", "🇬🇧", "🇫🇷"]),
    ("the 21st of May, 2024-01-15, 10:30", ["the", "21st", "of", "May", ",", "2024-01-15", ",", "10:30"]),
])
def test_token_cases(text, expect):
    assert words(text) == expect


def test_kinds():
    got = dict(kinds("U.S. 's - — “ 5 $ @x #y a@b.co http://x.io word ..."))
    assert got["U.S."] == "abbrev"
    assert got["5"] == "number"
    assert got["—"] == "dash"
    assert got["“"] == "quote"
    assert got["$"] == "symbol"
    assert got["@x"] == "handle"
    assert got["#y"] == "hashtag"
    assert got["a@b.co"] == "email"
    assert got["http://x.io"] == "url"
    assert got["..."] == "punct"
    assert dict(kinds("Putin's"))["'s"] == "clitic"


def test_quote_flags():
    text = 'He said "no." Then “yes”, and ‘maybe’ — « peut-être » " x'
    toks, _, _ = analyze(text, _core.STAGE_TOKENS)
    q = [(text[t["start"]:t["end"]], t["flags"] & (F["QUOTE_OPEN"] | F["QUOTE_CLOSE"]))
         for t in toks if KINDS[t["kind"]] == "quote"]
    O, C = F["QUOTE_OPEN"], F["QUOTE_CLOSE"]
    assert q == [('"', O), ('"', C), ("“", O), ("”", C), ("‘", O), ("’", C),
                 ("«", O), ("»", C), ('"', O | C)]


def test_infix_hyphen_flag_and_shape():
    text = "China-Russia ties - NATO iPhone 2024"
    toks, _, _ = analyze(text, _core.STAGE_TOKENS)
    by = {text[t["start"]:t["end"]] + str(i): t for i, t in enumerate(toks)}
    assert by["-1"]["flags"] & F["HYPHEN_INFIX"]
    assert not by["-4"]["flags"] & F["HYPHEN_INFIX"]
    assert by["China0"]["flags"] & F["TITLE"]
    assert by["NATO5"]["flags"] & F["UPPER"]
    assert by["ties3"]["flags"] & F["LOWER"]
    assert not by["iPhone6"]["flags"] & (F["TITLE"] | F["UPPER"] | F["LOWER"])
    assert by["20247"]["flags"] & F["HAS_DIGIT"]


def test_offsets_are_code_points():
    text = "Ça coûte 5 € — 😀 naïve Zoë’s"
    toks = check_invariants(text)[0]
    got = [text[t["start"]:t["end"]] for t in toks]
    assert got == ["Ça", "coûte", "5", "€", "—", "😀", "naïve", "Zoë", "’s"]


def test_lone_surrogates():
    text = "ab\ud800cd \udfff x\ud83d"
    toks = check_invariants(text)[0]
    assert toks[-1]["end"] == len(text)
    # a lone surrogate behaves like U+FFFD: a symbol of its own
    assert [text[t["start"]:t["end"]] for t in toks][-2:] == ["x", "\ud83d"]


def test_bytes_input_and_errors():
    doc = _core.analyze("Zoë left.".encode())
    assert len(table(doc, _core.TABLE_TOKENS)) == 3
    with pytest.raises(ValueError):
        _core.analyze(b"ab\xff")
    with pytest.raises(TypeError):
        _core.analyze(3)


def test_empty_and_space_only():
    for text in ["", " ", "\n\n\n", "\u3000\u2029"]:
        toks, sents, paras = analyze(text)
        assert toks == [] and sents == [] and paras == []


def test_every_code_point():
    # all code points (surrogates included) in one text: no crash, each
    # non-space one inside a token, whitespace exactly Python's isspace()
    chars = [chr(c) for c in range(0x110000)]
    text = " ".join(c for c in chars if not c.isspace())
    check_invariants(text)
    spaces = "".join(c for c in chars if c.isspace())
    assert words("a" + "a".join(spaces) + "a") == ["a"] * (len(spaces) + 1)


# ------------------------------------------------------------ sentences

@pytest.mark.parametrize("text,expect", [
    ("Mr Putin left. Mr. Kim stayed.", ["Mr Putin left.", "Mr. Kim stayed."]),
    ("U.S. officials met. They talked in the U.S. The end.",
     ["U.S. officials met.", "They talked in the U.S.", "The end."]),
    ('"It needs approval," said Korolev. He left.',
     ['"It needs approval," said Korolev.', "He left."]),
    ("“We are ready.” The talks began.", ["“We are ready.”", "The talks began."]),
    ('"Why?" he asked. "Because."', ['"Why?" he asked.', '"Because."']),
    ("It works, e.g. here. And there.", ["It works, e.g. here.", "And there."]),
    ("He left at 5 p.m. The end.", ["He left at 5 p.m.", "The end."]),
])
def test_sentence_cases(text, expect):
    assert sentences(text) == expect


def test_paragraphs_and_headline():
    text = "China sends envoy\n\nFirst para. Second sentence.\n\nSecond para."
    toks, sents, paras = analyze(text)
    assert [text[p["start"]:p["end"]] for p in paras] == [
        "China sends envoy", "First para. Second sentence.", "Second para."]
    assert [text[s["start"]:s["end"]] for s in sents] == [
        "China sends envoy", "First para.", "Second sentence.", "Second para."]
    assert all(t["flags"] & F["HEADLINE"] for t in toks[:3])
    assert not any(t["flags"] & F["HEADLINE"] for t in toks[3:])
    starts = [i for i, t in enumerate(toks) if t["flags"] & F["PARA_START"]]
    assert starts == [sents[p["sent_start"]]["tok_start"] for p in paras]


def test_wrapped_wire_text():
    text = ("Showers continued throughout the week in\nthe Bahia cocoa zone, "
            "alleviating the drought\nsince early January.\n\nNext paragraph.")
    assert sentences(text) == [text[:text.index("\n\n")], "Next paragraph."]


# ------------------------------------------------------- real articles

@pytest.mark.skipif(not os.path.exists(SEED), reason="needs ../shared")
def test_seed_article():
    text = open(SEED, encoding="utf-8").read()
    toks, sents, paras = check_invariants(text)
    ws = [text[t["start"]:t["end"]] for t in toks]
    # possessives and infix hyphens split so the matcher can reach the names
    i = ws.index("Wang", 10)
    assert ws[i + 1] == "’s" and KINDS[toks[i + 1]["kind"]] == "clitic"
    i = ws.index("Asia")
    assert ws[i + 1:i + 3] == ["-", "Pacific"]
    assert toks[i + 1]["flags"] & F["HYPHEN_INFIX"]
    # the headline is the first sentence and its own paragraph
    first_line = text.split("\n", 1)[0]
    assert text[sents[0]["start"]:sents[0]["end"]] == first_line
    assert paras[0]["sent_end"] == 1
    # "Mr Putin" never splits; the closing quote stays with its sentence
    for s in sents:
        st_text = text[s["start"]:s["end"]]
        assert not st_text.endswith(" Mr")
        assert not st_text.startswith("”")
    # every curly quote is a quote token with the glyph's direction
    for t, w in zip(toks, ws):
        if w == "“":
            assert t["flags"] & F["QUOTE_OPEN"]
        if w == "”":
            assert t["flags"] & F["QUOTE_CLOSE"]


@pytest.mark.skipif(not os.path.isdir(BBC), reason="needs ../shared")
def test_bbc_corpus():
    files = sorted(glob.glob(os.path.join(BBC, "*", "*.txt")))[::10]
    assert len(files) > 100
    headlines = 0
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        toks, sents, paras = check_invariants(text)
        title = text.lstrip().split("\n", 1)[0].strip()
        if text[sents[0]["start"]:sents[0]["end"]] == title:
            headlines += 1
        # no sentence ends on a title abbreviation
        for s in sents:
            last = text[toks[s["tok_end"] - 1]["start"]:toks[s["tok_end"] - 1]["end"]]
            assert last not in ("Mr.", "Mrs.", "Dr.", "Mr", "Mrs", "Dr")
    assert headlines >= 0.95 * len(files)


# -------------------------------------------------------- hypothesis

ANY_CHAR = st.characters(blacklist_categories=())
NEWSY = st.sampled_from(list(" \n\n\t.,;:!?'\"“”‘’«»„-–—…()$£€%@#&/") +
                        ["Mr.", "U.S.", "don't", "Putin's", "e.g.", "http://x.y/z", "a@b.cd",
                         "\u0301", "\u200d", "\ud800", "\x00", "שלום", "مرحبا", "1,000.5",
                         "👍🏽", "🇬🇧", "\r\n", "\u2029", "A", "b", "7"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=ANY_CHAR, max_size=60))
def test_property_any_text(text):
    check_invariants(text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(NEWSY, max_size=40).map("".join))
def test_property_newsy_text(text):
    check_invariants(text)


# ------------------------------------------------------ pathological

def _cpu(text, reps=3):
    best = float("inf")
    for _ in range(reps):
        t0 = time.process_time()
        _core.analyze(text, stages=_core.STAGE_SENTENCES)
        best = min(best, time.process_time() - t0)
    return best


_PROSE = ("Mr Putin said the U.S. had \u201cno right\u201d to act, and China\u2019s "
          "envoy agreed. \n\nOfficials met on Jan. 5 in Moscow-Beijing talks. ")


@pytest.mark.parametrize("unit", [
    '"', "\u201c", "a", "\n", "a.", "-", "'a", "a'", "@a.", "x\u0301", ".a", "U.S.", "ab.cd.",
    "#", "http://", "(", "a-", "a@", "1,",
])
def test_linear_scaling(unit):
    small = unit * (250_000 // len(unit))
    big = unit * (1_000_000 // len(unit))
    t_small, t_big = _cpu(small), _cpu(big)
    # 4x the input: a linear tokenizer takes ~4x; allow generous noise on a
    # shared machine (page faults of the growing tables), but a quadratic one
    # would take ~16x.
    assert t_big <= max(12 * t_small, 0.05), (unit, t_small, t_big)
    # and no pathological unit costs much more per byte than news prose
    prose = (_PROSE * (len(big) // len(_PROSE) + 1))[:len(big)]
    t_prose = _cpu(prose)
    assert t_big <= max(30 * t_prose, 0.05), (unit, t_prose, t_big)


def test_huge_inputs_finish():
    for text in ["x" * 10_000_000, '"' * 50_000, "\n" * 1_000_000]:
        toks, sents, _ = analyze(text)
        if text.strip():
            assert toks and toks[-1]["end"] == len(text)


def test_generated_tables_up_to_date():
    import subprocess
    import sys
    root = os.path.normpath(os.path.join(HERE, "..", ".."))
    r = subprocess.run([sys.executable, os.path.join(root, "tools", "gen_tables.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
