#!/usr/bin/env python3
"""Tokenizer throughput: byline vs spaCy's tokenizer vs a regex, one process.

Corpora: ../shared/corpus/bbc (2,225 articles) and ../shared/corpus/
reuters21578 (the text inside <BODY>).  Every tokenizer runs over the same
list of documents, one call per document, timed in CPU seconds
(time.process_time; the machine is shared, so wall time is noisier).  Each
figure is the best of --repeat runs.  Ratios are byline's speed over the
anchor's speed, measured in the same run.

  byline      _core.analyze(text, stages=STAGE_TOKENS): UTF-8 view of the
              str, C tokenizer (tokens + normalised forms + 2 hashes per
              token), tables; GIL released.
  byline-1doc the whole corpus as one document: the C tokenizer without the
              per-call Python overhead.
  spacy       spacy.blank("en").tokenizer(text) (needs `pip install spacy`;
              skipped when missing)
  regex       re.findall(r"\\w+|[^\\w\\s]", text)

Usage: python bench/bench_tokenize.py [--repeat 3] [--limit N] [--shared DIR]
       python bench/bench_tokenize.py --export DIR   # corpora for build/c/tokbench

`--export DIR` writes DIR/bbc.bin and DIR/reuters.bin (each document as a
little-endian uint32 byte length + UTF-8) for the C-only harness
bench/tokbench.c (`make tokbench`), which prints a checksum of every token
table (offsets, kinds, flags, normalised forms, hashes) and the tokenizer's
CPU throughput without Python:

  build/c/tokbench --repeat 10 DIR/bbc.bin DIR/reuters.bin
"""
import argparse
import glob
import html
import os
import re
import struct
import sys
import time

from byline import _core

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_bbc(shared):
    out = []
    for path in sorted(glob.glob(os.path.join(shared, "corpus", "bbc", "*", "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            out.append(f.read())
    return out


def load_reuters(shared):
    out = []
    body = re.compile(r"<BODY>(.*?)</BODY>", re.S)
    for path in sorted(glob.glob(os.path.join(shared, "corpus", "reuters21578", "*.sgm"))):
        with open(path, encoding="latin-1") as f:
            for m in body.finditer(f.read()):
                out.append(html.unescape(m.group(1)).replace("\x03", ""))
    return out


def cpu(fn, docs, repeat):
    best, count = float("inf"), 0
    for _ in range(repeat):
        t0 = time.process_time()
        count = fn(docs)
        best = min(best, time.process_time() - t0)
    return best, count


def run_byline(docs):
    n = 0
    st = _core.STAGE_TOKENS
    tid = _core.TABLE_TOKENS
    ncols = len(_core.table_columns(tid))
    for d in docs:
        n += len(_core.analyze(d, stages=st).table(tid)) // (4 * ncols)
    return n


_WORD = re.compile(r"\w+|[^\w\s]")


def run_regex(docs):
    n = 0
    for d in docs:
        n += len(_WORD.findall(d))
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="first N docs per corpus")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--export", metavar="DIR",
                    help="write the corpora for bench/tokbench.c and exit")
    args = ap.parse_args()

    if args.export:
        os.makedirs(args.export, exist_ok=True)
        for name, docs in (("bbc", load_bbc(args.shared)), ("reuters", load_reuters(args.shared))):
            path = os.path.join(args.export, name + ".bin")
            with open(path, "wb") as f:
                for d in docs:
                    e = d.encode("utf-8", "surrogatepass")
                    f.write(struct.pack("<I", len(e)))
                    f.write(e)
            print(f"{path}: {len(docs)} documents")
        return

    try:
        import spacy
        nlp = spacy.blank("en")
        tok = nlp.tokenizer

        def run_spacy(docs):
            n = 0
            for d in docs:
                n += len(tok(d))
            return n
    except ImportError:
        run_spacy = None
        print("spacy not installed: `pip install spacy` for the anchor", file=sys.stderr)

    corpora = [("bbc", load_bbc(args.shared)), ("reuters", load_reuters(args.shared))]
    print("CPU time, best of %d; machine: 2 cores shared with other jobs; one core used."
          % args.repeat)
    print(f"{'corpus':9} {'tokenizer':12} {'MB':>7} {'docs':>6} {'tokens':>9} "
          f"{'cpu s':>7} {'MB/s':>8} {'Ktok/s':>8} {'byline x':>9}")
    for name, docs in corpora:
        if args.limit:
            docs = docs[:args.limit]
        if not docs:
            print(f"{name}: no documents found under {args.shared}", file=sys.stderr)
            continue
        mb = sum(len(d.encode("utf-8", "surrogatepass")) for d in docs) / 1e6
        rows = []
        rows.append(("byline",) + cpu(run_byline, docs, args.repeat))
        one = ["\n\n".join(docs)]
        rows.append(("byline-1doc",) + cpu(run_byline, one, args.repeat))
        if run_spacy:
            rows.append(("spacy",) + cpu(run_spacy, docs, args.repeat))
        rows.append(("regex",) + cpu(run_regex, docs, args.repeat))
        base = rows[0][1]
        for label, secs, count in rows:
            ndocs = 1 if label == "byline-1doc" else len(docs)
            ratio = secs / base if base > 0 else float("nan")
            print(f"{name:9} {label:12} {mb:7.2f} {ndocs:6d} {count:9d} {secs:7.3f} "
                  f"{mb / secs:8.1f} {count / secs / 1e3:8.0f} {ratio:9.1f}")


if __name__ == "__main__":
    main()
