"""The Doc object model: views, offsets, input handling, the stable dict shape."""
import json
import pickle

import pytest
from hypothesis import given, settings, strategies as st

import byline
from byline import _core
from byline.doc import COLUMNS, T_TOKENS

SAMPLE = (
    "Port talks resume in Lisbon\n\n"
    "Maria Santos arrived in Lisbon on Monday. \"We cannot wait,\" she said.\n\n"
    "The European Commission said it was following the talks."
)


def test_analyze_returns_doc_owning_text():
    doc = byline.analyze(SAMPLE)
    assert isinstance(doc, byline.Doc)
    assert doc.text is SAMPLE
    assert len(doc) == len(doc.tokens) > 10


def test_token_views_slice_the_text():
    doc = byline.analyze(SAMPLE)
    for t in doc.tokens:
        assert doc.text[t.start:t.end] == t.text
        assert t.start < t.end
        assert isinstance(t.kind, str)
        assert isinstance(t.norm, str)
    assert doc.tokens[-1] == doc[len(doc) - 1]
    assert [t.text for t in doc.tokens[:2]] == doc.tokens.texts()[:2]
    with pytest.raises(IndexError):
        doc.tokens[len(doc)]


def test_token_columns_match_views():
    doc = byline.analyze(SAMPLE)
    starts = doc.tokens.column("start")
    assert starts == [t.start for t in doc.tokens]
    assert len(doc.tokens.norms()) == len(doc)
    assert set(doc.table("tokens")) == set(COLUMNS[T_TOKENS])


def test_table_view_is_zero_copy_and_keeps_doc_alive():
    cd = _core.analyze("one two three")
    mv = cd.table_view(_core.TABLE_TOKENS)
    assert mv.format == "i" and mv.readonly
    ncols = len(_core.table_columns(_core.TABLE_TOKENS))
    assert len(mv) == 3 * ncols
    assert bytes(mv) == cd.table(_core.TABLE_TOKENS)
    del cd
    assert mv[ncols] == 4  # start of "two" still readable after the CDoc is gone
    with pytest.raises(ValueError):
        _core.analyze("x").table_view(99)


def test_sentences_and_paragraphs_are_spans():
    doc = byline.analyze(SAMPLE)
    assert doc.sentences and doc.paragraphs
    for s in doc.sentences + doc.paragraphs:
        assert doc.text[s.start:s.end] == s.text
    for s in doc.sentences:
        for t in s.tokens:
            assert s.start <= t.start and t.end <= s.end


def test_title_is_first_line_when_headline():
    assert byline.analyze(SAMPLE).title == "Port talks resume in Lisbon"
    # A first line that is a sentence of the body, or has no blank line after it, is not a title.
    assert byline.analyze("He said it was over. Then he left.\n\nMore.").title is None
    assert byline.analyze("Port talks resume\nMaria Santos arrived.").title is None
    assert byline.analyze("Only one line").title is None


def test_empty_text_gives_empty_doc():
    doc = byline.analyze("")
    assert len(doc) == 0
    assert doc.sentences == [] and doc.entities == [] and doc.quotes == []
    assert doc.title is None
    assert doc.to_dict()["text"] == ""


def test_bytes_strict_names_byte_offset():
    with pytest.raises(ValueError, match="byte offset 6"):
        byline.analyze("Lisbon".encode() + b"\xff rest")
    doc = byline.analyze("Lisbon".encode() + b"\xff rest", errors="replace")
    assert doc.text == "Lisbon\ufffd rest"
    assert byline.analyze("café".encode()).text == "café"


@pytest.mark.parametrize("bad", [None, 3, 1.5, ["text"], object()])
def test_other_types_raise_type_error(bad):
    with pytest.raises(TypeError, match="str or bytes"):
        byline.analyze(bad)


def test_lone_surrogates_keep_offsets():
    text = "Ab\ud800c d\udfff “e” f"
    doc = byline.analyze(text)
    assert [t.text for t in doc.tokens] == [text[t.start:t.end] for t in doc.tokens]
    assert doc.tokens[-1].end <= len(text)
    # the real tokenizer treats a lone surrogate like U+FFFD (a symbol)
    assert any(t.text == "\ud800" for t in doc.tokens)
    json.loads(doc.to_json())


def test_to_dict_has_the_stable_shape():
    d = byline.analyze(SAMPLE).to_dict()
    assert list(d) == ["text", "title", "sentences", "entities", "mentions", "quotes", "relations"]
    assert all(set(s) == {"start", "end"} for s in d["sentences"])
    for e in d["entities"]:
        assert set(e) == {"id", "name", "label", "kb_id", "mentions", "count", "salience"}
        for m in e["mentions"]:
            assert set(m) == {"start", "end", "text", "label"}
    ids = {e["id"] for e in d["entities"]}
    for m in d["mentions"]:
        assert set(m) == {"start", "end", "text", "label", "entity"}
        assert m["entity"] is None or m["entity"] in ids
        assert SAMPLE[m["start"]:m["end"]] == m["text"]
    for q in d["quotes"]:
        assert set(q) == {"text", "start", "end", "kind", "speaker", "speaker_text", "cue"}
        assert q["speaker"] is None or q["speaker"] in ids
    for r in d["relations"]:
        assert set(r) == {"subject", "object", "kind", "predicate", "label", "negated", "modality",
                          "sentence", "start", "end"}
    assert json.loads(byline.analyze(SAMPLE).to_json()) == d


def test_views_are_consistent_with_tables():
    doc = byline.analyze(SAMPLE)
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text
        if m.entity is not None:
            assert m in m.entity.mentions
    for e in doc.entities:
        assert e.count >= 1 or not e.mentions
        assert 0.0 <= e.salience <= 1.0
    for q in doc.quotes:
        assert doc.text[q.start:q.end] == q.text


def test_doc_pickles_by_text_and_pipeline():
    doc = byline.analyze(SAMPLE)
    back = pickle.loads(pickle.dumps(doc))
    assert back.text == doc.text
    assert back.to_dict() == doc.to_dict()


def test_backend_is_reported():
    assert byline.backend == "c"
    assert "byline._core" in byline.__backend__


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_str_offsets_slice_back(text):
    doc = byline.analyze(text)
    prev = 0
    for t in doc.tokens:
        assert prev <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        prev = t.end
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= len(text)
    json.loads(doc.to_json())


def test_stub_names_every_public_attribute_of_the_extension():
    import ast
    import pathlib

    stub = pathlib.Path(byline.__file__).with_name("_core.pyi")
    tree = ast.parse(stub.read_text())
    named = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            named.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            named.add(node.target.id)
        elif isinstance(node, ast.Assign):
            named.update(t.id for t in node.targets if isinstance(t, ast.Name))
    public = {a for a in dir(_core) if not a.startswith("_")}
    missing = public - named
    assert not missing, f"_core.pyi does not name: {sorted(missing)}"
    cdoc_stub = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "CDoc")
    stub_methods = {n.name for n in cdoc_stub.body if isinstance(n, ast.FunctionDef)}
    assert {a for a in dir(_core.CDoc) if not a.startswith("_")} <= stub_methods


def test_title_survives_short_lines_before_the_body():
    text = "Envoy heads to Lisbon for talks\nBy Ana Reis\nSpread the love\n\nThe envoy left on Monday."
    assert byline.analyze(text).title == "Envoy heads to Lisbon for talks"
    # ...but not a second line that is a sentence of its own.
    assert byline.analyze("Envoy heads to Lisbon\nThe envoy left on Monday.\n\nMore.").title is None


def test_title_of_real_articles():
    import pathlib

    shared = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    if not shared.exists():
        pytest.skip("../shared not available")
    seed = (shared / "seed-wang-yi-russia.txt").read_text(encoding="utf-8")
    assert byline.analyze(seed).title == seed.split("\n", 1)[0]
    bbc = sorted((shared / "bbc" / "politics").glob("*.txt"))[:40]
    titled = 0
    for p in bbc:
        t = p.read_text(encoding="utf-8", errors="replace")
        title = byline.analyze(t).title
        if title is not None:
            assert title == t.split("\n", 1)[0].strip()
            titled += 1
    assert titled >= 36  # BBC files start with a title line and a blank line
