"""byline.KB: compiling, loading, looking up and matching knowledge bases."""
import os
import pickle

import pytest

import byline
from byline import _core
from byline.kb import KB, KBStack, FormatError

RECORDS = [
    {"kb_id": "Q148", "name": "China", "label": "GPE", "kind": "country",
     "aliases": ["People's Republic of China", "PRC"], "demonyms": ["Chinese"]},
    {"kb_id": "Q159", "name": "Russia", "label": "GPE", "kind": "country",
     "demonyms": "Russian|Russians"},
    {"kb_id": "Q649", "name": "Moscow", "label": "GPE", "kind": "city",
     "country": "Q159", "role": "capital", "population": 12_000_000},
    {"kb_id": "Q30", "name": "United States", "label": "GPE", "kind": "country",
     "aliases": ["US", "U.S.", "United States of America"]},
    {"kb_id": "Q7817", "name": "World Health Organization", "label": "ORG",
     "kind": "org", "aliases": ["WHO"]},
    {"kb_id": "Q95040", "name": "Theresa May", "label": "PERSON", "gender": "f",
     "aliases": [{"text": "May", "case": True}]},
    {"kb_id": "bl:hon:mr", "name": "Mr", "kind": "honorific", "gender": "male",
     "aliases": ["Mr.", "Mister"]},
]


def _n_tokens(text):
    return len(_core.analyze(text, stages=_core.STAGE_TOKENS).table(_core.TABLE_TOKENS)) // (
        4 * len(_core.table_columns(_core.TABLE_TOKENS)))


# The tokenizer is another stage's; until it splits punctuation and folds
# case, the checks that depend on it are skipped (they run once it does).
needs_real_tokenizer = pytest.mark.skipif(
    _n_tokens("Moscow,") != 2, reason="tokenizer does not split punctuation yet")


@pytest.fixture(scope="module")
def kb():
    return KB.from_records(RECORDS)


def test_entries_and_links(kb):
    assert len(kb) == len(RECORDS)
    moscow = kb.find("Q649")
    assert moscow["name"] == "Moscow"
    assert moscow["country"] == "Q159"
    assert moscow["country_index"] == kb.find("Q159")["index"]
    assert moscow["role"] == "capital"
    assert moscow["prominence"] == 12_000_000
    assert kb.find("Q95040")["gender"] == "female"
    assert kb.find("bl:hon:mr")["kind"] == "honorific"
    assert kb.find("nope") is None
    assert "Q30" in kb and "Q31" not in kb
    with pytest.raises(IndexError):
        kb.entry(len(kb))


def test_lookup(kb):
    [e] = kb.lookup("Chinese")
    assert e["kb_id"] == "Q148" and "demonym" in e["alias_flags"]
    assert [e["kb_id"] for e in kb.lookup("WHO")] == ["Q7817"]
    assert kb.lookup("who") == []  # all-caps alias: case-sensitive
    assert kb.lookup("may") == []
    assert [e["kb_id"] for e in kb.lookup("May")] == ["Q95040"]
    assert kb.lookup("Chin") == []


@needs_real_tokenizer
def test_normalisation(kb):
    assert [e["kb_id"] for e in kb.lookup("CHINA")] == ["Q148"]
    assert [h["kb_id"] for h in kb.match("Russia’s and China's")] == ["Q159", "Q148"]
    assert [h["kb_id"] for h in kb.match("China-Russia relations")] == ["Q148", "Q159"]
    assert [h["kb_id"] for h in kb.match("the United\nStates")] == ["Q30"]
    k = KB.from_records([{"kb_id": "Q174", "name": "São Paulo", "label": "GPE"}])
    assert [h["kb_id"] for h in k.match("Sao Paulo and SÃO PAULO")] == ["Q174", "Q174"]


@needs_real_tokenizer
def test_match_offsets(kb):
    text = "“Chinese” envoys met WHO officials in Moscow, not in the US."
    hits = kb.match(text)
    assert [h["kb_id"] for h in hits] == ["Q148", "Q7817", "Q649", "Q30"]
    for h in hits:
        assert text[h["start"]:h["end"]] == h["text"] == h["alias"]


def test_match_non_ascii_offsets(kb):
    text = "İstanbul straße e\u0301te\u0301 — Moscow 🇷🇺 Russia"
    hits = kb.match(text)
    assert [h["kb_id"] for h in hits] == ["Q649", "Q159"]
    for h in hits:
        assert text[h["start"]:h["end"]] == h["text"]


def test_longest_and_all():
    kb = KB.from_records([
        {"kb_id": "a", "name": "New York", "label": "GPE"},
        {"kb_id": "b", "name": "New York City", "label": "GPE"},
    ])
    assert [h["kb_id"] for h in kb.match("in New York City today")] == ["b"]
    assert [h["kb_id"] for h in kb.match("in New York City today", all=True)] == ["b", "a"]
    assert [h["kb_id"] for h in kb.match("New York New York City")] == ["a", "b"]


def test_ambiguous_alias_gives_every_candidate():
    kb = KB.from_records([
        {"kb_id": "Q810", "name": "Jordan", "label": "GPE", "kind": "country"},
        {"kb_id": "fn:jordan", "name": "Jordan", "kind": "first_name"},
    ])
    assert sorted(h["kb_id"] for h in kb.match("Jordan")) == ["Q810", "fn:jordan"]


def test_save_load_pickle(kb, tmp_path):
    p = tmp_path / "t.blkb"
    kb.save(p)
    k2 = KB.load(p)
    assert k2.path == str(p) and len(k2) == len(kb)
    assert open(p, "rb").read() == kb._c.image()
    k3 = pickle.loads(pickle.dumps(k2))
    assert k3.path == k2.path
    # a KB that lives in memory pickles by value
    k4 = pickle.loads(pickle.dumps(kb))
    assert k4.find("Q148")["name"] == "China"


def test_deterministic():
    assert KB.from_records(RECORDS)._c.image() == KB.from_records(RECORDS)._c.image()


def test_corrupt_files(kb, tmp_path):
    img = kb._c.image()
    p = tmp_path / "bad.blkb"
    p.write_bytes(img[: len(img) // 2])
    with pytest.raises(FormatError, match="truncated"):
        KB.load(p)
    flipped = bytearray(img)
    flipped[len(img) // 3] ^= 0x10
    p.write_bytes(bytes(flipped))
    with pytest.raises(FormatError, match="checksum"):
        KB.load(p)
    p.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(FormatError, match="not a byline file"):
        KB.load(p)
    p.write_bytes(b"")
    with pytest.raises(FormatError):
        KB.load(p)
    with pytest.raises(OSError):
        KB.load(tmp_path / "missing.blkb")
    assert issubclass(FormatError, ValueError)


def test_bad_records():
    with pytest.raises(ValueError, match="name"):
        KB.from_records([{"kb_id": "x"}])
    with pytest.raises(ValueError, match="label"):
        KB.from_records([{"name": "x", "label": "PLANET"}])
    with pytest.raises(ValueError, match="duplicate kb_id"):
        KB.from_records([{"name": "x", "kb_id": "a"}, {"name": "y", "kb_id": "a"}])
    with pytest.raises(TypeError):
        KB.from_records([{"name": "x", "aliases": [3]}])
    with pytest.raises(ValueError, match="NUL"):
        KB.from_records([{"name": "x\0y"}])
    with pytest.raises(TypeError):
        KB.from_records(["China"])
    with pytest.raises(TypeError):
        _core.kb_build([("a",)])


def test_csv_and_dataframe(tmp_path):
    p = tmp_path / "people.csv"
    p.write_text("name,label,kb_id,aliases\nAlexander Korolev,PERSON,my:ak,A. Korolev|Korolev\n",
                 encoding="utf-8")
    kb = KB.from_csv(p)
    assert kb.lookup("Korolev")[0]["kb_id"] == "my:ak"
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([{"name": "Acme Widgets", "label": "ORG", "kb_id": "my:acme",
                        "aliases": None}])
    assert KB.from_dataframe(df).find("my:acme")["kind"] == "org"


def test_layers_and_pipeline(kb):
    user = [{"kb_id": "my:ak", "name": "Alexander Korolev", "label": "PERSON"}]
    stack = kb.extend(user)
    assert isinstance(stack, KBStack) and len(stack) == 2
    hits = stack.match("Alexander Korolev said Russia")
    assert [(h["layer"], h["kb_id"]) for h in hits] == [(1, "my:ak"), (0, "Q159")]
    nlp = byline.Pipeline(kb=stack)
    assert len(nlp.kbs) == 2
    nlp("Alexander Korolev said Russia")  # runs with both layers wired in
    with pytest.raises(TypeError, match="kbs"):
        _core.analyze("x", kbs=("not a kb",))
    with pytest.raises(ValueError, match="layers"):
        kb.extend(kb, kb, kb, kb)
