#!/usr/bin/env python3
"""What the relation stage adds to the pipeline, as a same-process ratio.

    python bench/bench_relations.py [--docs 400] [--rounds 3]

Runs the full pipeline (default KB and model when built) over BBC politics and
business articles from ../shared/corpus/bbc twice per round, interleaved: with
every stage, and with every stage except relations.  Reports process CPU time
per configuration (best round) and the ratio; the difference is the relation
stage's cost.  The machine is shared (2 cores, 8 developers): CPU time and the
ratio are the figures to quote, not wall time.
"""
import argparse
import glob
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "bbc")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    import byline

    files = sorted(glob.glob(os.path.join(CORPUS, "politics", "*.txt")) +
                   glob.glob(os.path.join(CORPUS, "business", "*.txt")))[: a.docs]
    texts = [open(f, encoding="utf-8").read() for f in files]
    full = byline.Pipeline()
    without = byline.Pipeline(stages=["tokens", "sentences", "tags", "entities", "quotes"])
    n_rel = sum(len(full(t).relations) for t in texts)
    n_ent = sum(len(full(t).entities) for t in texts)
    best = {"all": float("inf"), "no_rel": float("inf")}
    for _ in range(a.rounds):
        for name, nlp in (("all", full), ("no_rel", without)):
            t0 = time.process_time()
            for t in texts:
                nlp(t)
            best[name] = min(best[name], time.process_time() - t0)
    words = sum(len(t.split()) for t in texts)
    print(f"docs={len(texts)} words={words} entities={n_ent} relations={n_rel} "
          f"kb={bool(full.kbs)} model={full.model is not None}")
    for k, v in best.items():
        print(f"{k:7s} cpu={v:.3f}s  {words / v / 1000:.0f}k words/s")
    extra = best["all"] / best["no_rel"] - 1
    print(f"relations add {100 * extra:.1f}% to the pipeline's CPU time "
          f"(target <= 20%; 2 shared cores, best of {a.rounds} rounds)")


if __name__ == "__main__":
    main()
