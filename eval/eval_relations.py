#!/usr/bin/env python3
"""Precision / recall / F1 of byline's relations against hand annotations.

    python eval/eval_relations.py                 # test split (the reported figures)
    python eval/eval_relations.py --split tune    # the split rules were adjusted on
    python eval/eval_relations.py --split all -v  # both, with every miss and false alarm

Gold: eval/relations/annotations.tsv (guide: eval/relations/GUIDE.md), 25 BBC News
articles read from ../shared/corpus/bbc.  Scoring is per document over distinct
(subject, kind, object) triples; ends match by canonical name or any mention text
(names of people also when one is a word-boundary suffix of the other).
"""
import argparse
import collections
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
GOLD = os.path.join(ROOT, "eval", "relations", "annotations.tsv")
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "bbc")
SYMMETRIC = {"consult", "cooperate", "material_cooperation"}


def load_gold(split):
    docs = collections.OrderedDict()
    with open(GOLD, encoding="utf-8") as f:
        rows = [ln for ln in f if not ln.startswith("#")]
    for r in csv.DictReader(rows, delimiter="\t"):
        if split != "all" and r["split"] != split:
            continue
        g = docs.setdefault(r["doc"], [])
        if r["kind"] == "-":
            continue
        alt = lambda s: {a.strip().lower() for a in s.split("|") if a.strip()}
        g.append((alt(r["subject"]), alt(r["kind"]), alt(r["object"]), r["evidence"]))
    return docs


def names_of(ent):
    out = {ent.name.lower()}
    for m in ent.mentions:
        out.add(m.text.lower())
    return out


RF_KB = 1 << 7  # byline.h BL_RF_KB: office holder known to the KB, not in the text
N_KB = [0]


def predicted(doc, with_kb):
    seen = {}
    for r in doc.relations:
        if r.subject is None or r.object is None:
            continue
        if r._g("flags") & RF_KB:
            N_KB[0] += 1
            if not with_kb:
                continue
        key = (r.subject.id, r.kind, r.object.id)
        if key not in seen:
            seen[key] = (names_of(r.subject), r.kind, names_of(r.object), r)
    return list(seen.values())


HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "baroness", "dame"}


def _bare(name):
    ws = name.split()
    while ws and ws[0].rstrip(".") in HONORIFICS:
        ws = ws[1:]
    return " ".join(ws)


def ends_match(pred_names, gold_names):
    """Equal names, or (people) one name a word-boundary suffix of the other
    after honorifics: "Glyn Thomas" ~ "Rhodri Glyn Thomas", "Ms Druyun" ~ "Druyun"."""
    if pred_names & gold_names:
        return True
    for p in pred_names:
        bp = _bare(p)
        for g in gold_names:
            bg = _bare(g)
            if bp and bg and (bp == bg or bp.endswith(" " + bg) or bg.endswith(" " + bp)):
                return True
    return False


def match(p, g):
    ps, pk, po, _ = p
    gs, gk, go, _ = g
    if pk not in gk:
        return False
    if ends_match(ps, gs) and ends_match(po, go):
        return True
    return pk in SYMMETRIC and ends_match(ps, go) and ends_match(po, gs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=("test", "tune", "all"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--kb", action="store_true",
                    help="also score roles known to the KB but not stated in the text")
    a = ap.parse_args()
    import byline

    gold = load_gold(a.split)
    tp = collections.Counter()
    fp = collections.Counter()
    fn = collections.Counter()
    for path, gs in gold.items():
        with open(os.path.join(CORPUS, path), encoding="utf-8") as f:
            doc = byline.analyze(f.read())
        ps = predicted(doc, a.kb)
        used = set()
        for p in ps:
            hit = next((i for i, g in enumerate(gs) if i not in used and match(p, g)), None)
            if hit is None:
                fp[p[1]] += 1
                if a.verbose:
                    r = p[3]
                    print(f"FP {path}: {r.subject.name} -{r.kind}-> {r.object.name}  "
                          f"[{doc.text[r.start:r.end]!r}]")
            else:
                used.add(hit)
                tp[p[1]] += 1
        for i, g in enumerate(gs):
            if i not in used:
                k = sorted(g[1])[0]
                fn[k] += 1
                if a.verbose:
                    print(f"FN {path}: {'|'.join(sorted(g[0]))} -{k}-> "
                          f"{'|'.join(sorted(g[2]))}  [{g[3]}]")
    kinds = sorted(set(tp) | set(fp) | set(fn))
    print(f"split={a.split} documents={len(gold)} gold={sum(len(g) for g in gold.values())} "
          f"kb_roles={N_KB[0]} ({'scored' if a.kb else 'not scored'})")
    print(f"{'kind':22s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'P':>6s} {'R':>6s} {'F1':>6s}")

    def line(name, t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:22s} {t:4d} {f_p:4d} {f_n:4d} {p:6.3f} {r:6.3f} {f1:6.3f}")

    for k in kinds:
        line(k, tp[k], fp[k], fn[k])
    line("ALL", sum(tp.values()), sum(fp.values()), sum(fn.values()))


if __name__ == "__main__":
    main()
