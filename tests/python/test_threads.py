"""Threads (issue 8): eight threads sharing one Pipeline over 10,000 documents
give exactly the results of one thread.

The documents are generated (so the test needs no corpus) with sizes on both
sides of the binding's GIL threshold (2 KiB), so most calls really run in
parallel with the GIL released.  Results are compared as a digest of every
table's bytes, which is stricter than comparing Python objects.
"""
import hashlib
import random
import threading

import pytest

from byline import _core
from reliability_util import HAVE_PIPELINE, SANITIZED, core_kwargs, fingerprint, pipeline

N_DOCS = 2_000 if SANITIZED else 10_000
N_THREADS = 8

PEOPLE = ["Wang Yi", "Sergei Lavrov", "Antony Blinken", "Olaf Scholz", "Ursula von der Leyen",
          "Narendra Modi", "Emmanuel Macron", "Maria Gonz\u00e1lez", "Li Qiang", "Kim Jong Un"]
PLACES = ["Beijing", "Moscow", "Washington", "Berlin", "Brussels", "New Delhi", "Paris",
          "Kyiv", "Tokyo", "S\u00e3o Paulo"]
ORGS = ["the United Nations", "NATO", "the European Union", "Reuters", "the Kremlin",
        "the State Department", "Acme Corp.", "the World Bank"]
SENTS = [
    "{p} met {q} in {c} on Monday, {o} said.",
    "\u201cWe will not accept this,\u201d {p} told reporters in {c}.",
    "\"The talks were useful,\" said {q}, adding that {o} would respond.",
    "{p} said {c} and {d} were \u2018close partners\u2019 \u2014 a claim {q} rejected.",
    "According to {o}, {p}'s visit to {c} was postponed.",
    "{q}, the foreign minister, warned that sanctions would \"backfire\".",
    "Prices rose 3.5% to $1,200 in {c}, {o} reported on Jan. 5.",
]


def make_docs(n, seed=8):
    rnd = random.Random(seed)
    docs = []
    for _ in range(n):
        k = rnd.choice([2, 5, 12, 30, 60])
        paras = []
        for _ in range(max(1, k // 4)):
            sents = []
            for _ in range(4):
                t = rnd.choice(SENTS)
                sents.append(t.format(p=rnd.choice(PEOPLE), q=rnd.choice(PEOPLE),
                                      c=rnd.choice(PLACES), d=rnd.choice(PLACES),
                                      o=rnd.choice(ORGS)))
            paras.append(" ".join(sents))
        docs.append("\n\n".join(paras))
    return docs


def digest(cdoc):
    h = hashlib.blake2b(digest_size=16)
    for b in fingerprint(cdoc):
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.digest()


@pytest.fixture(scope="module")
def docs():
    d = make_docs(N_DOCS)
    assert sum(len(t.encode()) >= 2048 for t in d) > len(d) // 3  # GIL really released
    return d


@pytest.fixture(scope="module")
def reference(docs):
    kw = core_kwargs()
    return [digest(_core.analyze(t, **kw)) for t in docs]


def test_eight_threads_match_one_thread(docs, reference):
    kw = core_kwargs()  # one shared KB/model set: the Pipeline's
    results = [None] * len(docs)
    errors = []
    next_i = iter(range(len(docs)))
    lock = threading.Lock()
    start = threading.Barrier(N_THREADS)

    def worker():
        try:
            start.wait()
            while True:
                with lock:
                    i = next(next_i, None)
                if i is None:
                    return
                results[i] = digest(_core.analyze(docs[i], **kw))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker) for _ in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    mismatches = [i for i, (a, b) in enumerate(zip(results, reference)) if a != b]
    assert mismatches == []


def test_eight_threads_on_the_same_document(docs):
    kw = core_kwargs()
    text = max(docs, key=len) * 4
    ref = digest(_core.analyze(text, **kw))
    out, errors = [], []
    barrier = threading.Barrier(N_THREADS)

    def worker():
        try:
            barrier.wait()
            for _ in range(25):
                out.append(digest(_core.analyze(text, **kw)))
        except Exception as e:  # pragma: no cover
            errors.append(repr(e))

    threads = [threading.Thread(target=worker) for _ in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(out) == 25 * N_THREADS and set(out) == {ref}


@pytest.mark.skipif(not HAVE_PIPELINE, reason="byline.Pipeline not available")
def test_pipeline_objects_shared_by_threads(docs):
    """The user-facing path: one Pipeline called from 8 threads, and pipe()."""
    nlp = pipeline()
    subset = docs[:1000]

    def summary(doc):
        return (
            len(doc.tokens),
            tuple((e.name, e.label) for e in doc.entities),
            tuple((q.text, q.kind, q.speaker.name if q.speaker else None) for q in doc.quotes),
            len(doc.relations),
        )

    ref = [summary(nlp(t)) for t in subset]
    results = [None] * len(subset)
    errors = []

    def worker(k):
        try:
            for i in range(k, len(subset), N_THREADS):
                results[i] = summary(nlp(subset[i]))
        except Exception as e:  # pragma: no cover
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == ref
    if hasattr(nlp, "pipe"):
        piped = [summary(d) for d in nlp.pipe(subset, n_threads=N_THREADS, batch_size=16)]
        assert piped == ref
