"""Pipeline: batching, threads, ordering, pickling by reference."""
import itertools
import pickle

import pytest

import byline
from byline import _core

TEXTS = [f"Article {i}. Maria Santos visited Lisbon on day {i}.\n\nShe said it went well." for i in range(57)]


def _rows(doc):
    return doc.to_dict()


def test_pipe_yields_in_input_order_with_threads():
    nlp = byline.Pipeline()
    one = [d.to_dict() for d in nlp.pipe(TEXTS, n_threads=1, batch_size=5)]
    two = [d.to_dict() for d in nlp.pipe(TEXTS, n_threads=2, batch_size=4)]
    assert one == two
    assert [d["text"] for d in one] == TEXTS


def test_analyze_many_matches_analyze():
    got = [d.to_dict() for d in byline.analyze_many(TEXTS[:9], n_threads=2)]
    assert got == [byline.analyze(t).to_dict() for t in TEXTS[:9]]


def test_pipe_streams_lazily_from_endless_iterator():
    nlp = byline.Pipeline()
    endless = (f"text {i}" for i in itertools.count())
    first = list(itertools.islice(nlp.pipe(endless, batch_size=8, n_threads=2), 20))
    assert [d.text for d in first] == [f"text {i}" for i in range(20)]


def test_pipe_as_tuples_keeps_context():
    nlp = byline.Pipeline()
    out = list(nlp.pipe([("a b", 1), ("c", "x")], as_tuples=True))
    assert [(d.text, c) for d, c in out] == [("a b", 1), ("c", "x")]


def test_pipe_bad_item_raises():
    with pytest.raises(TypeError):
        list(byline.Pipeline().pipe(["ok", 7], n_threads=2, batch_size=1))
    with pytest.raises(ValueError, match="byte offset"):
        list(byline.Pipeline().pipe([b"ok", b"\xc3("], n_threads=1))
    with pytest.raises(ValueError):
        list(byline.Pipeline().pipe(["x"], batch_size=0))


def test_pipeline_pickles_small_and_equivalent():
    nlp = byline.Pipeline()
    blob = pickle.dumps(nlp)
    assert len(blob) < 2000  # KB/model travel as paths, not contents
    back = pickle.loads(blob)
    assert back("Maria Santos visited Lisbon.").to_dict() == nlp("Maria Santos visited Lisbon.").to_dict()


def test_stages_limit_the_work():
    doc = byline.Pipeline(stages=["tokens"])("One sentence. Two sentences.")
    assert len(doc) > 0 and doc.sentences == []
    with pytest.raises(ValueError, match="unknown stage"):
        byline.Pipeline(stages=["nope"])


def test_analyze_batch_checks_types():
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        _core.analyze_batch(["a", b"b"])
    with pytest.raises(TypeError):
        _core.analyze_batch("abc")
    assert _core.analyze_batch([]) == []


def test_dask_recipe_matches_single_process():
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    import byline.scale

    texts = [f"Report {i}. Maria Santos of the Rotterdam Port Authority visited Lisbon on Monday.\n\n"
             f"\u201cWe will be back,\u201d she said. Portugal welcomed her." for i in range(24)]
    df = pd.DataFrame({"text": texts}, index=pd.Index(range(500, 524), name="article"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        import dask

        ddf = dd.from_pandas(df, npartitions=4)
        whats = ("documents", "entities", "mentions", "quotes", "relations")
        results = dask.compute(*[byline.scale.dask_frame(ddf, w) for w in whats])
    for what, got in zip(whats, results):
        want = df["text"].byline._frame(what)
        pd.testing.assert_frame_equal(got, want, check_categorical=True)
        if what == "documents":
            assert len(got) == 24 and (got["n_tokens"] > 10).all()


def test_pipe_on_error_skips_only_the_bad_text():
    seen = []
    texts = ["one.", b"\xff bad", "three.", 4, "five."]
    for n in (1, 2):
        seen.clear()
        out = list(byline.Pipeline().pipe(texts, batch_size=2, n_threads=n,
                                          on_error=lambda e, i: seen.append((i, type(e).__name__))))
        assert [d.text for d in out] == ["one.", "three.", "five."]
        assert seen == [(1, "ValueError"), (3, "TypeError")]
    out = list(byline.Pipeline().pipe([("a", "x"), (None, "y")], as_tuples=True,
                                      on_error=lambda e, c: seen.append(c)))
    assert [c for _, c in out] == ["x"] and seen[-1] == "y"
