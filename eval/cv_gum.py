#!/usr/bin/env python3
"""Cross-validated entity scores on the GUM news TRAIN documents: byline vs spaCy.

GUM news dev is two documents (70 names): too small to tune on, and tuning
on it would make it useless as a test.  This harness gives a larger,
honest estimate from the 20 train documents: they are split into --folds
folds (deterministic: sorted names, document i in fold i mod K); for each
fold the tagger's NER is retrained with the GUM news train documents of the
OTHER folds only (train/gum2conll.py --exclude, bl_train --ner-extra; CoNLL
train as always), and the full pipeline (KB + rules + that model) is scored
on the held-out documents with eval/eval_entities.py's gold standard,
conventions and scorer, side by side with spaCy en_core_web_sm on the same
documents (spaCy's entities cached in --spacy-cache).  Scores are pooled
over the folds (micro-averaged over all 1181 names) and given per fold.

Caveat: the entity stage's rules (csrc/core/bl_entities.c) and the KB's
curated lists were partly written while looking at GUM train errors, so for
the rules this is an in-sample, optimistic estimate; only the tagger's GUM
training is held out.

By default NER is retrained with `bl_train --pos-from MODEL` (the built-in
model's lexicon and POS tables, which do not depend on the NER data; about
a third of a full run's time): the NER weights then differ from a full
`make model` run's by the shuffling seed only.  --full trains every fold
from scratch.  Fold models are cached in --work (keyed by the trainer
binary, its options and the fold's training data) and reused when unchanged.

    .venv/bin/python eval/cv_gum.py [--folds 5] [--jobs 1] [--errors 30]
        [--train-flags "--ner-epochs 10"] [--tag NAME] [--no-spacy]

--tag names a variant (its models go to --work/NAME); --in-sample also
scores the built-in model on the same documents (trained on all of them).

--tagger-alone scores the TAGGER ALONE instead of the pipeline, as
eval/eval_ner.py does on GUM dev (same functions): each fold's model tags
the held-out documents, on GUM's tokens and on the raw text, scored on
eval_ner's GUM gold (eval_entities' names on GUM's tokens, outermost names
only), spaCy beside it on the same input (its entities cached in
--ner-spacy-cache); pooled P/R/F1 and per fold.

    .venv/bin/python eval/cv_gum.py --tagger-alone [--per-type]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "eval"))
import eval_entities as ee  # noqa: E402

SHARED = ROOT / ".." / "shared"
TRAINER = ROOT / "build" / "c" / "bl_train"
BUILTIN = ROOT / "python" / "byline" / "data" / "tagger.blm"


def folds_of(names, k):
    return [names[i::k] for i in range(k)]


def file_hash(h, path):
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)


def train_fold(i, held, a, work):
    """Trains (or reuses) the NER model of fold i; returns its path."""
    short = ",".join(n[len("GUM_news_"):] for n in held)
    conll = work / f"fold{i}.conll"
    subprocess.run([sys.executable, str(ROOT / "train" / "gum2conll.py"), "--split", "train",
                    "--exclude", short, "--kb-sources", str(SHARED / "kb-sources"),
                    "--out", str(conll)], check=True, stderr=subprocess.DEVNULL)
    model = work / f"fold{i}.blm"
    cmd = [str(TRAINER), "--ewt", str(SHARED / "treebank" / "ud_en_ewt"),
           "--conll", str(SHARED / "ner" / "conll2003"), "--text", str(SHARED / "corpus"),
           "--gaz", str(SHARED / "kb-sources"), "--ner-extra", str(conll), "--out", str(model)]
    if not a.full:
        cmd += ["--pos-from", str(a.pos_from)]
    cmd += shlex.split(a.train_flags)
    h = hashlib.sha1(" ".join(cmd).encode())
    for p in [TRAINER, conll] + ([] if a.full else [a.pos_from]):
        file_hash(h, p)
    key = h.hexdigest()
    stamp = work / f"fold{i}.key"
    if model.exists() and stamp.exists() and stamp.read_text() == key:
        return model, 0.0
    t0 = time.time()
    log = work / f"fold{i}.log"
    with open(log, "w") as lf:
        r = subprocess.run(cmd, stdout=lf, stderr=subprocess.STDOUT)
    if r.returncode:
        raise SystemExit(f"cv_gum: training fold {i} failed, see {log}")
    stamp.write_text(key)
    return model, time.time() - t0


def score_docs(run, docs, name_span=True):
    sc = ee.Score()
    for text, gold, ignore in docs:
        pred = run(text, name_span, "ORG", True) if name_span is not None else run(text)
        pred = {p for p in ee.normalise(pred, text) if (p[0], p[1]) not in ignore}
        sc.add(gold, pred, text)
    return sc


def merge(into, sc):
    into.tp.update(sc.tp)
    into.fp.update(sc.fp)
    into.fn.update(sc.fn)
    into.errors += sc.errors


def row(name, sc):
    p, r, f = sc.row()
    f3 = sc.row(("PER", "ORG", "LOC"))[2]
    per = " | ".join(f"{sc.row((t,))[2] * 100:.1f}" for t in ee.TYPES)
    return f"| {name} | {p * 100:.1f} | {r * 100:.1f} | {f * 100:.1f} | {f3 * 100:.1f} | {per} |"


def tagger_alone(a, folds, models, train_s, all_s):
    """Each fold's tagger on its held-out documents, eval_ner.py's GUM measure."""
    import eval_ner as en
    import tagdata as td
    from byline import _core
    ner_names = _core.enum_names(_core.ENUM_NER)
    spacy = None if a.no_spacy else en.SpacyNER(a.ner_spacy_cache)
    if spacy is not None and not spacy.available:
        spacy = None
    print(f"# GUM news train, {a.folds}-fold cross-validation of the TAGGER ALONE "
          f"(variant '{a.tag}'{', flags ' + a.train_flags if a.train_flags else ''}"
          f"{', full training' if a.full else ', NER retrained on --pos-from ' + a.pos_from.name})")
    print(f"\ntraining: {train_s:.0f} s wall for the folds that were not cached "
          f"({all_s:.0f} s in all)\n")
    print("| fold | documents | gold names | byline P / R / F1 (tokens) | "
          "spaCy P / R / F1 (tokens) | byline F1 (raw) | spaCy F1 (raw) |")
    print("|---|---|---|---|---|---|---|")
    pooled = {}
    for i, held in enumerate(folds):
        docs = en.gum_docs(held)
        res = en.score_gum(docs, _core.Model.load(str(models[i])), ner_names, spacy)
        cells = {}
        for ds, sysname, sc, cpu in res:
            cells[ds, sysname] = sc.score()
            tot = pooled.setdefault((ds, sysname), [td.Scorer(), 0.0])
            for c in ("tp", "np", "ng"):
                getattr(tot[0], c).update(getattr(sc, c))
            tot[1] += cpu

        def prf(ds, sysname):
            v = cells.get((ds, sysname))
            return " / ".join(f"{x:.1f}" for x in v) if v else ""

        def f1(ds, sysname):
            v = cells.get((ds, sysname))
            return f"{v[2]:.1f}" if v else ""
        tok, raw = "GUM news (tokens)", "GUM news (raw text)"
        print(f"| {i} | {', '.join(n[9:] for n in held)} | {sum(len(d['gold']) for d in docs)} | "
              f"{prf(tok, 'byline')} | {prf(tok, 'spaCy sm')} | {f1(raw, 'byline')} | "
              f"{f1(raw, 'spaCy sm')} |")
    if spacy is not None:
        spacy.save()
    n_gold = sum(pooled["GUM news (tokens)", "byline"][0].ng.values())
    print(f"\n## pooled over the folds ({n_gold} gold names; exact span and type, micro)\n")
    en.print_results([(ds, sysname, sc, cpu) for (ds, sysname), (sc, cpu) in pooled.items()],
                     a.per_type)
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=1, help="folds trained in parallel")
    ap.add_argument("--work", default=str(ROOT / "build" / "cv"))
    ap.add_argument("--tag", default="base", help="variant name (subdirectory of --work)")
    ap.add_argument("--train-flags", default="", help="extra bl_train options")
    ap.add_argument("--full", action="store_true", help="train POS too (no --pos-from)")
    ap.add_argument("--pos-from", default=str(BUILTIN))
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--in-sample", action="store_true",
                    help="also score the built-in model (trained on all 20 documents)")
    ap.add_argument("--errors", type=int, default=0, help="show N frequent byline errors")
    ap.add_argument("--spacy-cache", default="/tmp/byline_eval_spacy_entities.pkl")
    ap.add_argument("--tagger-alone", action="store_true",
                    help="score each fold's tagger alone (eval_ner.py's measure), not the pipeline")
    ap.add_argument("--per-type", action="store_true", help="with --tagger-alone: per-type rows")
    ap.add_argument("--ner-spacy-cache", default="/tmp/byline_eval_ner_spacy.pkl",
                    help="with --tagger-alone: eval_ner.py's spaCy cache")
    a = ap.parse_args(argv)
    a.pos_from = Path(a.pos_from)
    if not TRAINER.exists():
        raise SystemExit("cv_gum: build the trainer first: make trainer")
    work = Path(a.work) / a.tag
    work.mkdir(parents=True, exist_ok=True)
    names = ee.gum_split("train")
    folds = folds_of(names, a.folds)

    t0 = time.time()
    with ThreadPoolExecutor(max(1, a.jobs)) as ex:
        trained = list(ex.map(lambda i: train_fold(i, folds[i], a, work), range(a.folds)))
    train_s = sum(t for _, t in trained)
    if a.tagger_alone:
        return tagger_alone(a, folds, [m for m, _ in trained], train_s, time.time() - t0)

    docs = {n: ee.read_gum(n) for n in names}
    srun = None
    if not a.no_spacy:
        sinfo, srun = ee.spacy_system(a.spacy_cache or None)
    total_b, total_s, total_in = ee.Score(), ee.Score(), ee.Score()
    print(f"# GUM news train, {a.folds}-fold cross-validation (variant '{a.tag}'"
          f"{', flags ' + a.train_flags if a.train_flags else ''}"
          f"{', full training' if a.full else ', NER retrained on --pos-from ' + a.pos_from.name})")
    print(f"\ntraining: {train_s:.0f} s wall for the folds that were not cached "
          f"({time.time() - t0:.0f} s in all)\n")
    print("| fold | documents | names | byline F1 | spaCy F1 |")
    print("|---|---|---|---|---|")
    for i, held in enumerate(folds):
        info, brun = ee.byline_system(str(trained[i][0]))
        fd = [docs[n] for n in held]
        sb = score_docs(brun, fd)
        merge(total_b, sb)
        sf = ""
        if srun:
            ss = score_docs(srun, fd, None)
            merge(total_s, ss)
            sf = f"{ss.row()[2] * 100:.1f}"
        print(f"| {i} | {', '.join(n[9:] for n in held)} | {sum(len(d[1]) for d in fd)} | "
              f"{sb.row()[2] * 100:.1f} | {sf} |")
    if a.in_sample:
        _, irun = ee.byline_system()
        merge(total_in, score_docs(irun, list(docs.values())))
    n_gold = sum(len(d[1]) for d in docs.values())
    print(f"\n## pooled over the folds ({n_gold} gold names; exact span and type, micro)\n")
    print("| system | P | R | F1 | F1 PER/ORG/LOC | " + " | ".join(f"F1 {t}" for t in ee.TYPES) + " |")
    print("|---|---|---|---|---|" + "---|" * len(ee.TYPES))
    print(row("byline, cross-validated NER", total_b))
    if a.in_sample:
        print(row("byline, built-in model (in-sample)", total_in))
    if srun:
        print(row(sinfo, total_s))
        srun.save()
    if a.errors:
        from collections import Counter
        print("\nmost frequent byline errors (held-out folds):")
        for (kind, lab, txt), k in Counter(total_b.errors).most_common(a.errors):
            print(f"  {kind} {lab:4} {k:3}  {txt!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
