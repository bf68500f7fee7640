#!/usr/bin/env python3
"""Writes GUM news documents as CoNLL-2003-style NER training data.

    python3 train/gum2conll.py --split train --out build/gum_news_train.conll
        [--exclude korea,soccer | --docs korea,soccer]

Reads ../shared/gum/news/dep/GUM_news_*.conllu (documents of --split in
../shared/gum/splits.md; the trainer uses the train split only, never dev)
and writes one "token POS chunk tag" line per word (POS and chunk are "-",
tags IOB2 over PER/ORG/LOC/MISC), a blank line after each sentence and a
"-DOCSTART- -X- -X- O" line before each document.

The names are eval/eval_entities.py's GUM gold standard (read_gum: named
mentions -- proper-noun heads -- of GUM's entity annotation, person ->
PER, organization -> ORG, place -> LOC, other types -> MISC, titles and
leading articles outside the name), so the tagger learns the conventions it
is scored by.  Two CoNLL conventions GUM lacks are applied.  GUM types a
place by its role ("England" fielding a team, "Korea" negotiating are
organizations); CoNLL-2003 and byline's entity stage call a country or city
a place whatever it does, so an ORG name that is exactly a country,
subdivision or city name of the KB sources (CLDR, GeoNames cities15000) is
written LOC.  And GUM annotates the
noun phrase a nationality adjective modifies, never the adjective, while
CoNLL-2003 tags the adjective itself MISC ("Afghan"); a capitalised word
GUM tags ADJ, not sentence-initial and outside any name, is written MISC.
Output goes to the build directory, never into the repository (Wikinews
text CC BY 2.5, GUM annotations CC BY 4.0; the text stays in ../shared).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
import eval_entities as ee  # noqa: E402  (GUM gold spans, one implementation)


def doc_tokens(name):
    """Sentences of (start, end, form, upos) with the offsets of the text
    read_gum builds (same joining rules: sentences by " ", paragraphs by a
    blank line, tokens by a space unless SpaceAfter=No)."""
    sents = ee.gum_sentences(name)
    out, pos, parts = [], 0, []
    for si, s in enumerate(sents):
        if si:
            sep = "\n\n" if s["newpar"] else " "
            parts.append(sep)
            pos += len(sep)
        row = []
        for j, f in enumerate(s["toks"]):
            row.append((pos, pos + len(f[1]), f[1], f[3]))
            parts.append(f[1])
            pos += len(f[1])
            if "SpaceAfter=No" not in f[9] and j + 1 < len(s["toks"]):
                parts.append(" ")
                pos += 1
        out.append(row)
    return "".join(parts), out


def place_names(kb_sources):
    """Country, subdivision and city names (CLDR, GeoNames cities15000)."""
    out = set()
    src = Path(kb_sources)
    for rel, col in (("cldr/en_territories.tsv", 2), ("cldr/en_subdivisions.tsv", 1)):
        with open(src / rel, encoding="utf-8") as f:
            next(f)
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) > col and cols[col]:
                    out.add(cols[col])
    with open(src / "geonames" / "cities15000.txt", encoding="utf-8") as f:
        for line in f:
            cols = line.split("\t")
            if len(cols) > 2:
                out.update(c for c in cols[1:3] if c)
    return out


def convert(name, places):
    text, gold, _ignore = ee.read_gum(name)
    n_role = sum(1 for s, e, lab in gold if lab == "ORG" and text[s:e] in places)
    gold = {(s, e, "LOC" if lab == "ORG" and text[s:e] in places else lab)
            for s, e, lab in gold}
    text2, sents = doc_tokens(name)
    if text2 != text:
        raise SystemExit(f"gum2conll: {name}: text differs from eval_entities.read_gum's")
    start_at = {}
    for s in sents:
        for k, t in enumerate(s):
            start_at[t[0]] = t
    tags = {}  # token start -> tag
    dropped = nested = 0
    # outermost names first: a name inside a longer one ("Washington" in
    # "Washington D.C.") is part of it, as in CoNLL-2003
    # (ties -- one span GUM gives two types -- go to the more specific type,
    # PER > ORG > LOC > MISC: deterministic whatever PYTHONHASHSEED)
    rank = {"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}
    for s, e, lab in sorted(gold, key=lambda g: (g[0] - g[1], g[0], rank[g[2]])):
        toks = [t for row in sents for t in row if t[0] >= s and t[1] <= e]
        if not toks or toks[0][0] != s or toks[-1][1] != e:
            dropped += 1
            continue
        if any(t[0] in tags for t in toks):
            nested += 1
            continue
        for k, t in enumerate(toks):
            tags[t[0]] = ("B-" if k == 0 else "I-") + lab
    n_adj = 0
    for row in sents:
        for k, t in enumerate(row):
            if (k > 0 and t[3] == "ADJ" and t[2][:1].isupper() and t[0] not in tags
                    and t[2][1:].islower()):
                tags[t[0]] = "B-MISC"
                n_adj += 1
    lines = ["-DOCSTART- -X- -X- O", ""]
    for row in sents:
        for t in row:
            form = t[2].replace(" ", "_")
            lines.append(f"{form} - - {tags.get(t[0], 'O')}")
        lines.append("")
    return lines, len(gold), dropped, nested, n_adj, n_role


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="train", choices=["train", "dev"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--kb-sources", default=str(ROOT / ".." / "shared" / "kb-sources"))
    ap.add_argument("--exclude", default="",
                    help="comma-separated documents of the split to leave out (short names "
                         "like 'korea' or full GUM_news_korea); for cross-validation")
    ap.add_argument("--docs", default="",
                    help="comma-separated documents of the split to keep (default: all)")
    a = ap.parse_args()
    names = ee.gum_split(a.split)

    def picked(arg):
        want = {w if w.startswith("GUM_news_") else "GUM_news_" + w
                for w in arg.split(",") if w}
        unknown = want - set(names)
        if unknown:
            raise SystemExit(f"gum2conll: not in split {a.split}: {', '.join(sorted(unknown))}")
        return want

    if a.docs:
        keep = picked(a.docs)
        names = [n for n in names if n in keep]
    if a.exclude:
        drop = picked(a.exclude)
        names = [n for n in names if n not in drop]
    if not names:
        raise SystemExit(f"gum2conll: no GUM news documents in split {a.split}")
    places = place_names(a.kb_sources)
    allines, ng, nd, nn, na, nr = [], 0, 0, 0, 0, 0
    for n in names:
        lines, g, d, nest, adj, role = convert(n, places)
        allines += lines
        ng, nd, nn, na, nr = ng + g, nd + d, nn + nest, na + adj, nr + role
    tmp = a.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as fp:
        fp.write("\n".join(allines) + "\n")
    os.replace(tmp, a.out)
    print(f"gum2conll: {len(names)} GUM news {a.split} documents, {ng} names "
          f"({nn} inside longer ones, {nd} not on token boundaries), {nr} places typed ORG as LOC, "
          f"{na} nationality adjectives as MISC "
          f"-> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
