#!/usr/bin/env python3
"""Dumps what byline finds in a corpus sample, to compare two checkouts.

    .venv/bin/python tools/dump_mentions.py OUT.json [--bbc 600] [--with-nested]
    .venv/bin/python tools/dump_mentions.py --compare OLD.json NEW.json

For each file (the first --bbc BBC articles of ../shared/corpus/bbc plus the
.txt files in ../shared/corpus): every mention that is not nested (start,
end, label, its entity's name and label; with --with-nested the nested ones
too), every quote's speaker name and the number of relations.  Run it with
each checkout's own interpreter (the editable install imports that
checkout), then --compare lists the files that differ.  Used to check that
a change meant to add nested mentions leaves everything else alone.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def dump(out: str, n_bbc: int, with_nested: bool) -> None:
    import byline

    nlp = byline.Pipeline()
    files = sorted(CORPUS.glob("bbc/*/*.txt"))[:n_bbc] + sorted(CORPUS.glob("*.txt"))
    res = {}
    for f in files:
        d = nlp(f.read_text(encoding="utf-8"))
        ms = [(m.start, m.end, m.label, m.entity.name if m.entity else None,
               m.entity.label if m.entity else None)
              for m in d.mentions if with_nested or not getattr(m, "is_nested", False)]
        sp = [q.speaker.name if q.speaker else None for q in d.quotes]
        res[str(f.relative_to(CORPUS))] = [ms, sp, len(d.relations)]
    Path(out).write_text(json.dumps(res), encoding="utf-8")
    print(f"{len(res)} files -> {out}")


def compare(a_path: str, b_path: str) -> int:
    a = json.loads(Path(a_path).read_text(encoding="utf-8"))
    b = json.loads(Path(b_path).read_text(encoding="utf-8"))
    diff = 0
    for f in sorted(set(a) | set(b)):
        if a.get(f) == b.get(f):
            continue
        diff += 1
        if diff <= 10:
            A = {tuple(x) for x in (a.get(f) or [[]])[0]}
            B = {tuple(x) for x in (b.get(f) or [[]])[0]}
            print(f"{f}: only in {a_path}: {sorted(A - B)[:5]}; only in {b_path}: {sorted(B - A)[:5]}")
    print(f"{len(set(a) | set(b))} files, {diff} differ")
    return 1 if diff else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?")
    ap.add_argument("--bbc", type=int, default=600)
    ap.add_argument("--with-nested", action="store_true")
    ap.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"))
    a = ap.parse_args()
    if a.compare:
        return compare(*a.compare)
    if not a.out:
        ap.error("OUT.json or --compare OLD NEW")
    dump(a.out, a.bbc, a.with_nested)
    return 0


if __name__ == "__main__":
    sys.exit(main())
