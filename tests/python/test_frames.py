"""byline.frames and the Series accessor: columns, dtypes, joins, index handling."""
import pytest

pd = pytest.importorskip("pandas")

import byline
from byline.dataframes import frame_rows
from fakedoc import SEED_LIKE, make_doc, seed_like_doc

TEXTS = ["Maria Santos visited Lisbon. She said it was fine.",
         "",
         "Port talks resume.\n\nThe European Commission said it was following the talks."]


def test_frames_has_every_table_with_doc_id():
    fr = byline.frames(TEXTS)
    assert set(fr.keys()) == {"documents", "entities", "mentions", "quotes", "relations", "cooccurrences"}
    for name, df in fr.items():
        assert df.columns[0] == "doc_id", name
    assert fr.documents["doc_id"].tolist() == [0, 1, 2]
    assert fr.documents["n_chars"].tolist() == [len(t) for t in TEXTS]
    assert str(fr.documents["n_tokens"].dtype) == "int64"


def test_frames_columns_and_dtypes_from_known_tables():
    doc = seed_like_doc()
    fr = byline.frames([doc, doc], ids=["x", "y"])
    m = fr.mentions
    assert len(m) == 2 * len(doc.mentions)
    assert m["doc_id"].tolist()[:1] == ["x"] and m["doc_id"].tolist()[-1] == "y"
    assert str(m["start"].dtype) == "int64" and str(m["end"].dtype) == "int64"
    assert isinstance(m["label"].dtype, pd.CategoricalDtype)
    assert set(m["label"].cat.categories) >= {"PERSON", "GPE", "ORG"}
    for _, r in m.iterrows():
        assert SEED_LIKE[r.start:r.end] == r.text
    e = fr.entities[fr.entities.doc_id == "x"]
    assert e.set_index("entity").loc["E0", "name"] == "Maria Santos"
    assert e.set_index("entity").loc["E0", "count"] == 2
    assert e["salience"].dtype == "float64"
    q = fr.quotes
    assert q["speaker"].tolist() == ["E0", "E0"] and q["speaker_name"].tolist()[0] == "Maria Santos"
    assert q["kind"].astype(str).tolist() == ["direct", "direct"]
    r = fr.relations
    assert r[["subject_name", "object_name"]].values.tolist()[0] == ["Maria Santos", "Rotterdam Port Authority"]
    assert r["negated"].dtype == bool


def test_cooccurrences_count_shared_sentences():
    doc = make_doc("Ann met Bob. Ann and Bob left. Cy stayed.",
                   mentions=[("Ann", 0, "PERSON", 0), ("Bob", 0, "PERSON", 1), ("Ann", 1, "PERSON", 0),
                             ("Bob", 1, "PERSON", 1), ("Cy", 0, "PERSON", 2)],
                   entities=[("PERSON", 0), ("PERSON", 1), ("PERSON", 4)])
    co = byline.frames([doc]).cooccurrences
    assert co[["name_a", "name_b", "sentences"]].values.tolist() == [["Ann", "Bob", 2]]


def test_doc_cooccurrences_list_shared_sentences():
    doc = make_doc("Ann met Bob. Ann and Bob left. Cy stayed with Ann.",
                   mentions=[("Ann", 0, "PERSON", 0), ("Bob", 0, "PERSON", 1), ("Ann", 1, "PERSON", 0),
                             ("Bob", 1, "PERSON", 1), ("Cy", 0, "PERSON", 2), ("Ann", 2, "PERSON", 0)],
                   entities=[("PERSON", 0), ("PERSON", 1), ("PERSON", 4)])
    got = [(c.a.name, c.b.name, c.sentences, c.count) for c in doc.cooccurrences]
    assert got == [("Ann", "Bob", (0, 1), 2), ("Ann", "Cy", (2,), 1)]
    assert doc.cooccurrences[1].to_dict()["sentences"] == [2]
    # the frame and the graph helper agree with the Doc attribute
    co = byline.frames([doc]).cooccurrences
    assert co[["name_a", "name_b", "sentences"]].values.tolist() == [["Ann", "Bob", 2], ["Ann", "Cy", 1]]
    from byline.graph import cooccurrences
    assert [(a.name, b.name, n) for a, b, n in cooccurrences(doc)] == [("Ann", "Bob", 2), ("Ann", "Cy", 1)]


def test_frames_ids_must_match():
    with pytest.raises(ValueError, match="ids"):
        byline.frames(["a", "b"], ids=[1])
    with pytest.raises(ValueError, match="ids"):
        byline.frames(["a"], ids=[1, 2])


@pytest.mark.parametrize("as_docs", [False, True])
def test_accessor_keeps_non_default_index_and_joins(as_docs):
    texts = [SEED_LIKE, "Nothing here.", SEED_LIKE]
    col = [seed_like_doc(), byline.analyze(texts[1]), seed_like_doc()] if as_docs else texts
    df = pd.DataFrame({"text": col, "outlet": ["a", "b", "c"]},
                      index=pd.Index([205, 101, 999], name="article"))
    for name in ("entities", "mentions", "quotes", "relations", "cooccurrences"):
        out = getattr(df["text"].byline, name)()
        assert out.index.name == "article"
        assert set(out.index) <= set(df.index)
        assert "doc_id" not in out.columns
        joined = df.join(out.add_suffix("_r"), how="inner")
        assert len(joined) == len(out)
        if as_docs and name != "cooccurrences":
            assert set(out.index) == {205, 999}
    m = df["text"].byline.mentions()
    for idx, row in m.iterrows():
        assert texts[df.index.get_loc(idx)][row.start:row.end] == row.text
    if as_docs:
        assert len(m) == 2 * len(seed_like_doc().mentions)
    # the same rows as frames() with ids
    fr = byline.frames(df["text"]).mentions
    assert fr["doc_id"].tolist() == m.index.tolist()


def test_accessor_docs_series():
    s = pd.Series(["One. Two.", "Three."], index=["p", "q"])
    docs = s.byline.docs()
    assert docs.index.tolist() == ["p", "q"] and docs["q"].text == "Three."


def test_frame_rows_without_pandas_matches_frames():
    doc = seed_like_doc()
    header, rows = frame_rows(doc, "d", "mentions")
    df = byline.frames([doc], ids=["d"]).mentions
    assert header == list(df.columns)
    assert [r[3] for r in rows] == df["text"].tolist()
    assert [r[4] for r in rows] == df["label"].astype(str).tolist()
    with pytest.raises(ValueError):
        frame_rows(doc, "d", "nope")


def test_import_byline_does_not_import_pandas():
    import subprocess
    import sys

    code = "import sys, byline; byline.analyze('x y'); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    # ...and the accessor appears once pandas is imported afterwards.
    code = "import byline, pandas as pd; print(pd.Series(['a b']).byline.entities().shape[1] > 0)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
