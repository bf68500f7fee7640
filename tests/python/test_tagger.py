"""The tagger model: loading, error handling, and that it tags sensibly.

The built-in model (byline/data/tagger.blm) is made by `make model` from
UD English EWT and CoNLL-2003; `make test` builds it first.  The sentences
here are generic news English, not taken from any seed article.
"""
import os
import shutil
import threading

import pytest

import byline
from byline import _core

DATA = os.path.join(os.path.dirname(byline.__file__), "data")
MODEL_PATH = os.path.join(DATA, "tagger.blm")
UPOS = _core.enum_names(_core.ENUM_UPOS)
NER = _core.enum_names(_core.ENUM_NER)


@pytest.fixture(scope="module")
def model():
    assert os.path.exists(MODEL_PATH), "no tagger model: run `make model`"
    return _core.Model.load(MODEL_PATH)


def tag(model, sentence):
    toks = sentence.split()
    u, n = model.tag(toks)
    return toks, [UPOS[x] for x in u], [NER[x] for x in n]


def spans(toks, ner):
    """(text, type) of BILOU spans."""
    out, start = [], None
    for i, t in enumerate(ner):
        if t[0] in "BU":
            start = i
        if t[0] in "LU":
            out.append((" ".join(toks[start:i + 1]), t[2:]))
    return out


def test_enum_names():
    assert UPOS[0] == "" and "VERB" in UPOS and "PROPN" in UPOS and len(UPOS) == 18
    assert NER[0] == "O" and "B-PER" in NER and "U-MISC" in NER and len(NER) == 17


def test_model_info(model):
    assert "EWT" in model.info and "CoNLL-2003" in model.info
    assert model.path == MODEL_PATH
    assert MODEL_PATH in repr(model)


@pytest.mark.parametrize("sentence,verbs", [
    ("The minister signed the agreement after officials negotiated for weeks .",
     ["signed", "negotiated"]),
    ("Police arrested two men who tried to rob a bank in the city .",
     ["arrested", "tried", "rob"]),
    ("She told reporters that the company would expand its factory .",
     ["told", "expand"]),
])
def test_verbs(model, sentence, verbs):
    toks, pos, _ = tag(model, sentence)
    for v in verbs:
        assert pos[toks.index(v)] == "VERB", (v, list(zip(toks, pos)))
    assert pos[-1] == "PUNCT"
    assert pos[0] in ("DET", "PROPN", "NOUN", "PRON")


@pytest.mark.parametrize("sentence,expected", [
    ("Maria Gonzalez , a teacher from Texas , said the school would reopen .",
     [("Maria Gonzalez", "PER"), ("Texas", "LOC")]),
    ("The talks were led by Thomas Becker , the head of the German delegation .",
     [("Thomas Becker", "PER")]),
    ("Shares of Microsoft rose after the company reported strong profits .",
     [("Microsoft", "ORG")]),
    ("Officials in Kenya and Uganda met on Friday to discuss the border .",
     [("Kenya", "LOC"), ("Uganda", "LOC")]),
])
def test_entities(model, sentence, expected):
    toks, _, ner = tag(model, sentence)
    found = spans(toks, ner)
    for e in expected:
        assert e in found, (e, found)


def test_bilou_valid(model):
    text = ("United Nations Secretary General Antonio Guterres visited New York "
            "and London last week , the UN said .")
    _, _, ner = tag(model, text)
    prev = "O"
    for t in ner + ["O"]:
        if prev[0] in "BI":
            assert t[0] in "IL" and t[2:] == prev[2:], ner
        else:
            assert t[0] in "OBU", ner
        prev = t


def test_document_evidence_consistent(model):
    # A name tagged in full once is recognised again alone later in the text.
    toks = ("Anna Kowalski won the race . Kowalski said she was happy . "
            "Later Kowalski thanked her coach .").split()
    starts = [i == 0 or toks[i - 1] == "." for i in range(len(toks))]
    u, n = model.tag(toks, starts)
    tags = [NER[x] for x in n]
    for i, t in enumerate(toks):
        if t == "Kowalski":
            assert tags[i].endswith("PER"), list(zip(toks, tags))


def test_tag_argument_errors(model):
    with pytest.raises(TypeError):
        model.tag("not a list")
    with pytest.raises(TypeError):
        model.tag(["ok", 3])
    with pytest.raises(ValueError):
        model.tag(["a", "b"], [True])
    assert model.tag([]) == ([], [])
    u, n = model.tag(["", "x" * 10000])
    assert len(u) == 2 and all(0 < x < len(UPOS) for x in u)


def test_lone_surrogate_token(model):
    with pytest.raises(ValueError):
        model.tag(["abc\ud800"])


def test_analyze_uses_model(model):
    doc = _core.analyze("Reporters said the minister resigned", model=model)
    cols = _core.table_columns(_core.TABLE_TOKENS)
    rows = doc.table(_core.TABLE_TOKENS)
    import array
    a = array.array("i")
    a.frombytes(rows)
    n = len(a) // len(cols)
    pos = [UPOS[a[i * len(cols) + cols.index("pos")]] for i in range(n)]
    assert all(pos), pos
    assert "VERB" in pos
    with pytest.raises(TypeError):
        _core.analyze("text", model="tagger.blm")
    with pytest.raises(TypeError):
        _core.analyze("text", model=object())


def test_doc_token_names(model):
    if not hasattr(byline, "Pipeline"):
        pytest.skip("no Pipeline in this build")
    doc = byline.Pipeline(model=model)("The committee approved the budget on Tuesday")
    assert [t.pos for t in doc.tokens][:3] == ["DET", "NOUN", "VERB"]


def test_load_errors(tmp_path):
    with pytest.raises(OSError):
        _core.Model.load(str(tmp_path / "missing.blm"))
    with pytest.raises(OSError):
        _core.Model.load(str(tmp_path))
    foreign = tmp_path / "foreign.blm"
    foreign.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    with pytest.raises(_core.FormatError):
        _core.Model.load(str(foreign))
    assert issubclass(_core.FormatError, ValueError)
    data = open(MODEL_PATH, "rb").read()
    trunc = tmp_path / "trunc.blm"
    trunc.write_bytes(data[: len(data) // 3])
    with pytest.raises(_core.FormatError, match="truncated"):
        _core.Model.load(str(trunc))
    bad = bytearray(data)
    bad[len(bad) // 2] ^= 0xFF
    with pytest.raises(_core.FormatError, match="checksum"):
        _core.Model.from_bytes(bytes(bad))
    with pytest.raises(_core.FormatError):
        _core.Model.from_bytes(b"")
    # Header bytes 40..63 are reserved and outside the checksum: any non-zero
    # byte there makes the file malformed, not silently accepted.
    assert _core.Model.from_bytes(data).info == _core.Model.load(MODEL_PATH).info
    for i in (40, 51, 63):
        pad = bytearray(data)
        pad[i] = 1
        with pytest.raises(_core.FormatError):
            _core.Model.from_bytes(bytes(pad))
    with pytest.raises(TypeError):
        _core.Model.load(42)


def test_from_bytes_and_pathlike(tmp_path):
    p = tmp_path / "copy.blm"
    shutil.copyfile(MODEL_PATH, p)
    m1 = _core.Model(p)  # os.PathLike
    m2 = _core.Model.from_bytes(p.read_bytes())
    assert m2.path is None
    toks = "Prime Minister Jacinda Ardern spoke in Wellington .".split()
    assert m1.tag(toks) == m2.tag(toks)


def test_shared_between_threads(model):
    toks = ("Germany and France signed a treaty in Paris , Chancellor Olaf Scholz said . " * 50).split()
    want = model.tag(toks)
    out = []

    def run():
        out.append(model.tag(toks))

    ts = [threading.Thread(target=run) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert out == [want] * 4
