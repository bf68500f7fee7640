#!/usr/bin/env python3
"""Sentence boundary precision/recall on UD English EWT, byline vs spaCy.

Each UD paragraph (# newpar) becomes one text: its sentences' `# text`
joined by single spaces (so paragraph and document breaks, which both
systems get for free from blank lines, are not counted).  A boundary is the
code-point offset where a sentence ends inside the paragraph; precision and
recall compare the predicted set with the gold set over all paragraphs.

  byline   _core.analyze(text, stages=STAGE_SENTENCES)
  spacy    spacy.blank("en") + the rule-based "sentencizer" (needs spacy)

Rules were written on news text and the EWT *train* split; report dev:

  python eval/eval_sentences.py                 # dev
  python eval/eval_sentences.py --split train
"""
import argparse
import os
import sys
import time

from byline import _core

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_paragraphs(path):
    paras, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# newdoc") or line.startswith("# newpar"):
                if cur:
                    paras.append(cur)
                cur = []
            elif line.startswith("# text = "):
                cur.append(line[len("# text = "):].rstrip("\n").strip())
    if cur:
        paras.append(cur)
    return [p for p in paras if p]


def gold_bounds(sents):
    out, pos = set(), 0
    for i, s in enumerate(sents):
        pos += len(s)
        if i < len(sents) - 1:
            out.add(pos)
        pos += 1
    return out


def byline_bounds(text):
    doc = _core.analyze(text, stages=_core.STAGE_SENTENCES)
    cols = _core.table_columns(_core.TABLE_SENTENCES)
    m = memoryview(doc.table(_core.TABLE_SENTENCES)).cast("i")
    n = len(cols)
    end = cols.index("end")
    ends = [m[i * n + end] for i in range(len(m) // n)]
    return {e for e in ends if e < len(text.rstrip())}


def score(pred, gold):
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--errors", type=int, default=0, help="print N byline errors")
    args = ap.parse_args()
    path = os.path.join(args.shared, "treebank", "ud_en_ewt", f"en_ewt-ud-{args.split}.conllu")
    paras = read_paragraphs(path)
    texts = [" ".join(p) for p in paras]
    golds = [gold_bounds(p) for p in paras]

    systems = [("byline", byline_bounds)]
    try:
        import spacy
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")

        def spacy_bounds(text):
            d = nlp(text)
            return {s.end_char for s in d.sents if s.end_char < len(text.rstrip())}
        systems.append(("spacy-sentencizer", spacy_bounds))
    except ImportError:
        print("spacy not installed: only byline is scored", file=sys.stderr)

    n_gold = sum(len(g) for g in golds)
    print(f"UD EWT {args.split}: {len(paras)} paragraphs, "
          f"{sum(len(p) for p in paras)} sentences, {n_gold} inner boundaries")
    print(f"{'system':20} {'P':>6} {'R':>6} {'F1':>6} {'cpu s':>7}")
    shown = 0
    for name, fn in systems:
        tp = fp = fn_ = 0
        t0 = time.process_time()
        preds = [fn(t) for t in texts]
        secs = time.process_time() - t0
        for text, pred, gold in zip(texts, preds, golds):
            tp += len(pred & gold)
            fp += len(pred - gold)
            fn_ += len(gold - pred)
            if name == "byline" and shown < args.errors and pred != gold:
                shown += 1
                for b in sorted(pred ^ gold):
                    tag = "FP" if b in pred else "FN"
                    print(f"  {tag}: ...{text[max(0, b - 50):b]}|{text[b:b + 40]}...")
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn_) if tp + fn_ else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:20} {p:6.3f} {r:6.3f} {f:6.3f} {secs:7.2f}")


if __name__ == "__main__":
    main()
