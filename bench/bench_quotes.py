#!/usr/bin/env python3
"""What the quote stage adds to the entity pipeline, as a same-process ratio.

    python bench/bench_quotes.py [--docs 400] [--rounds 3] [--stress]

Runs the pipeline (default KB and model when built) over BBC politics and
business articles from ../shared/corpus/bbc, interleaved per round: up to
entities (tokens, sentences, tags, entities), and up to quotes (the same plus
the quote stage).  Reports process CPU time per configuration (best round)
and the ratio; the difference is the quote stage's cost (issue 5 target: at
most +20%).  The machine is shared (2 cores, 8 developers): CPU time and the
ratio are the figures to quote, not wall time.

--stress also times the quote stage on texts made of 10^5 and 10^6 quotation
marks of mixed styles (unbalanced), to show the cost stays linear: the
ratio of the two times should be near 10.
"""
import argparse
import glob
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "bbc")

ENT = ["tokens", "sentences", "tags", "entities"]


def stress(byline):
    rnd = random.Random(5)
    marks = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "said", "he"]
    res = {}
    for n in (100_000, 1_000_000):
        text = " ".join(rnd.choice(marks) + "a" if rnd.random() < 0.5 else "a" + rnd.choice(marks)
                        for _ in range(n))
        nq = byline.Pipeline(stages=ENT + ["quotes"])
        ne = byline.Pipeline(stages=ENT)
        t0 = time.process_time()
        d = nq(text)
        t1 = time.process_time()
        ne(text)
        t2 = time.process_time()
        res[n] = (t1 - t0) - (t2 - t1)
        print(f"stress n={n:>8} marks: with quotes {t1 - t0:.2f}s, without {t2 - t1:.2f}s, "
              f"quote stage ~{res[n]:.2f}s, quotes={len(d.quotes)}")
    if res[100_000] > 0:
        print(f"stress growth x10 input -> x{res[1_000_000] / max(res[100_000], 1e-9):.1f} time")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--stress", action="store_true")
    a = ap.parse_args()
    import byline

    files = sorted(glob.glob(os.path.join(CORPUS, "politics", "*.txt")) +
                   glob.glob(os.path.join(CORPUS, "business", "*.txt")))[: a.docs]
    texts = [open(f, encoding="utf-8").read() for f in files]
    with_q = byline.Pipeline(stages=ENT + ["quotes"])
    without = byline.Pipeline(stages=ENT)
    n_q = sum(len(with_q(t).quotes) for t in texts)
    n_e = sum(len(with_q(t).entities) for t in texts)
    best = {"entities": float("inf"), "+quotes": float("inf")}
    for _ in range(a.rounds):
        for name, nlp in (("entities", without), ("+quotes", with_q)):
            t0 = time.process_time()
            for t in texts:
                nlp(t)
            best[name] = min(best[name], time.process_time() - t0)
    words = sum(len(t.split()) for t in texts)
    print(f"docs={len(texts)} words={words} entities={n_e} quotes={n_q} "
          f"kb={bool(with_q.kbs)} model={with_q.model is not None}")
    for k, v in best.items():
        print(f"{k:9s} cpu={v:.3f}s  {words / v / 1000:.0f}k words/s")
    extra = best["+quotes"] / best["entities"] - 1
    print(f"quotes add {100 * extra:.1f}% to the entity pipeline's CPU time "
          f"(target <= 20%; 2 shared cores, best of {a.rounds} rounds)")
    if a.stress:
        stress(byline)


if __name__ == "__main__":
    main()
