"""Speed of byline's POS + NER tagger (tokens per CPU second, one thread),
side by side with spaCy en_core_web_sm's tagger + NER in the same process.

    python bench/bench_tagger.py [--articles N] [--spacy-articles N] [--repeat R]

Text: BBC News articles (../shared/corpus/bbc).  byline's tagger time is the
CPU time of _core.analyze(text, model=m, stages=STAGE_TAGS) minus that of
stages=STAGE_SENTENCES on the same texts (tokenizer and sentence splitter
alone), so it counts exactly POS + both NER passes, feature extraction
included.  spaCy runs tok2vec + tagger + attribute_ruler + ner (parser and
lemmatizer disabled) with nlp.pipe.  CPU time (time.process_time), best of R
runs: the machine's 2 cores are shared with other developers, so wall time is
noisy; the ratio between the two systems measured here is the figure to keep.
"""
from __future__ import annotations

import argparse
import array
import glob
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "eval"))
SHARED = os.environ.get("BYLINE_SHARED", os.path.join(ROOT, "..", "shared"))


def cpu(f, repeat):
    best = None
    for _ in range(repeat):
        t0 = time.process_time()
        r = f()
        t = time.process_time() - t0
        best = t if best is None or t < best else best
    return best, r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2225)
    ap.add_argument("--spacy-articles", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-spacy", action="store_true")
    a = ap.parse_args()
    from byline import _core
    import tagdata as td

    paths = sorted(glob.glob(os.path.join(SHARED, "corpus", "bbc", "*", "*.txt")))[: a.articles]
    texts = [open(p, encoding="utf-8", errors="replace").read() for p in paths]
    model = td.default_model()
    ncols = len(_core.table_columns(_core.TABLE_TOKENS))

    def run(stages):
        n = 0
        for t in texts:
            d = _core.analyze(t, model=model, stages=stages)
            n += len(d.table(_core.TABLE_TOKENS)) // (4 * ncols)
        return n

    t_tok, ntok = cpu(lambda: run(_core.STAGE_SENTENCES), a.repeat)
    t_tag, _ = cpu(lambda: run(_core.STAGE_TAGS), a.repeat)
    tagger = t_tag - t_tok
    print(f"BBC: {len(texts)} articles, {ntok} byline tokens; CPU seconds, best of {a.repeat} "
          "(2 shared cores on this machine)")
    print(f"  byline tokenize+sentences      {t_tok:7.3f} s")
    print(f"  byline tokenize+sentences+tags {t_tag:7.3f} s")
    print(f"  byline POS+NER alone           {tagger:7.3f} s  -> {ntok / tagger:,.0f} tokens/s")

    # Pre-tokenized path (Model.tag), including building Python lists.
    toks = []
    for t in texts[:500]:
        d = _core.analyze(t, stages=_core.STAGE_TOKENS)
        b = array.array("i")
        b.frombytes(d.table(_core.TABLE_TOKENS))
        toks.append([t[b[i * ncols]:b[i * ncols + 1]] for i in range(len(b) // ncols)])
    nt = sum(map(len, toks))
    t_m, _ = cpu(lambda: [model.tag(x) for x in toks], a.repeat)
    print(f"  Model.tag on token lists       {t_m:7.3f} s  -> {nt / t_m:,.0f} tokens/s "
          f"({len(toks)} articles, Python list conversion included)")

    if a.no_spacy:
        return
    nlp = td.load_spacy()
    if nlp is None:
        return
    sub = texts[: a.spacy_articles]
    sub_ntok = sum(len(x) for x in (nlp.make_doc(t) for t in sub))
    with nlp.select_pipes(disable=[p for p in ("parser", "lemmatizer") if p in nlp.pipe_names]):
        t_sp, _ = cpu(lambda: list(nlp.pipe(sub)), 1)
    sp_rate = sub_ntok / t_sp
    print(f"  spaCy sm tok2vec+tagger+ner    {t_sp:7.3f} s  -> {sp_rate:,.0f} tokens/s "
          f"({len(sub)} articles, {sub_ntok} spaCy tokens)")
    print(f"  byline POS+NER / spaCy tagger+NER speed ratio: {ntok / tagger / sp_rate:,.1f}x")


if __name__ == "__main__":
    main()
