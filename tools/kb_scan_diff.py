#!/usr/bin/env python3
"""Differential check of the match-only scanner (``_core.kb_match``, C
``bl_kb_match_text``) against the general path (tokenize the whole text with
``_core.analyze(stages=STAGE_TOKENS)``, then ``_core.kb_match_doc``): every
hit row (code-point offsets, token indices, layer, entry, alias, flags) must
be identical, for every file of the corpus, with both match options, with
str and bytes input, and with several KBs (the built-in one, the benchmark's
GeoNames + person-name alias lists, and the two stacked).

    python tools/kb_scan_diff.py [--corpus ../shared/corpus] [--sizes 10000,100000]
                                 [--limit N]

Exit status 1 on any difference (the first few are printed).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tools"))


def corpus_files(root: Path, limit: int):
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return files[:limit] if limit else files


def general(text, kbs, opt):
    from byline import _core

    doc = _core.analyze(text, stages=_core.STAGE_TOKENS)
    return _core.kb_match_doc(doc, kbs, opt)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--sizes", default="10000,100000",
                    help="benchmark alias-list sizes to build KBs from ('' for none)")
    ap.add_argument("--limit", type=int, default=0, help="first N files only")
    args = ap.parse_args(argv)

    from byline import _core
    from byline.kb import KB

    kbsets = {}
    try:
        kbsets["built-in"] = [KB.default()._c]
    except Exception as ex:  # the built-in KB is made by `make kb`
        print(f"built-in KB not available ({ex})")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if sizes:
        import bench_matcher as bm

        lists = bm.alias_lists(sizes)
        for n in sizes:
            recs = [(f"a{i}", a, 0, 0, 0, 0, 0, 0, None, None, None, None, (), None, 0)
                    for i, a in enumerate(lists[n])]
            kbsets[f"{n} aliases"] = [_core.kb_from_bytes(_core.kb_build(recs))]
        if "built-in" in kbsets:
            kbsets["built-in + %d" % sizes[0]] = kbsets["built-in"] + kbsets[f"{sizes[0]} aliases"]

    files = corpus_files(Path(args.corpus), args.limit)
    texts = []
    for f in files:
        raw = f.read_bytes()
        texts.append(raw.decode("utf-8", errors="replace"))
    mb = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
    print(f"{len(texts)} files, {mb:.1f} MB from {args.corpus}")
    bad = 0
    for name, kbs in kbsets.items():
        for opt in (0, _core.KBM_ALL):
            t0 = time.process_time()
            hits = 0
            for path, text in zip(files, texts):
                want = general(text, kbs, opt)
                got = _core.kb_match(text, kbs, opt)
                got_b = _core.kb_match(text.encode("utf-8"), kbs, opt)
                hits += len(want) // (4 * _core.KB_HIT_FIELDS)
                if got != want or got_b != want:
                    bad += 1
                    if bad <= 5:
                        print(f"  DIFFERENT: {path} ({name}, options {opt}): "
                              f"{len(got)} / {len(got_b)} bytes vs {len(want)}")
            print(f"  {name:22s} options {opt}: {hits:8d} hits, "
                  f"{'identical' if not bad else f'{bad} files differ'} "
                  f"({time.process_time() - t0:.1f} s)")
    print("OK: identical on every file" if not bad else f"FAIL: {bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
