#!/usr/bin/env python3
"""Gazetteer matching: byline's compiled KB matcher against pyahocorasick,
flashtext and spaCy's PhraseMatcher, side by side in one process, on the same
alias lists and the same corpus.

    python bench/bench_matcher.py [--sizes 10000,100000,1000000] [--corpus-mb 2]
                                  [--slow-max 100000] [--repeat 3] [--json out.json]

Alias lists (generated, never written into the repository): GeoNames city
names (name, ASCII name, Latin alternate names; most populous first) plus
synthetic person names (SSA first names x surnames drawn from GeoNames/Moby
tokens), deterministic (seeded).  Corpus: BBC News articles from
../shared/corpus/bbc (first --corpus-mb MB, categories interleaved).

What each engine does (all case-insensitive):
  byline-match   the same matcher over documents tokenized beforehand: its
               marginal cost inside the pipeline, where tokens exist anyway.
  byline       tokenizes with byline's tokenizer, normalises (case, diacritics,
               apostrophes), matches token sequences leftmost-longest; offsets
               are code points of the original text.
  pyahocorasick  automaton over text.lower(), iter_long (leftmost-longest),
               character level: no token boundaries, no normalisation.
  flashtext    KeywordProcessor(case_sensitive=False).extract_keywords(span_info=True).
  PhraseMatcher  spaCy blank English tokenizer + PhraseMatcher(attr="LOWER").

Speed is CPU time (time.process_time) of the matching loop over the corpus,
best of --repeat runs (build, compile and load times are CPU time too); ratios are relative to byline in the same process.
flashtext and PhraseMatcher are run up to --slow-max aliases (their builds
take minutes and gigabytes beyond that).  Memory is the growth of the
process's resident set while building (approximate).  The machine is shared
(2 cores, 8 developers): compare ratios, not absolute figures.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "tools"))
from build_kb import is_latin  # noqa: E402  (the KB builder's own script filter)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------
def geonames_names() -> List[str]:
    rows = []
    with open(SHARED / "kb-sources" / "geonames" / "cities15000.txt", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            rows.append((-int(c[14] or 0), c[1], c[2], c[3]))
    rows.sort()
    seen, out = set(), []
    for _, name, asc, alts in rows:
        for n in [name, asc] + alts.split(","):
            n = n.strip()
            if len(n) >= 3 and is_latin(n) and n[:1].isupper() and n.lower() not in seen:
                seen.add(n.lower())
                out.append(n)
    return out


def person_names(n: int, taken: set) -> List[str]:
    first = []
    with open(SHARED / "kb-sources" / "ssa_first_names" / "ssa_names_1930_2024.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            first.append(line.split("\t")[0].capitalize())
    sur = sorted({w for w in (x.split()[0] for x in geonames_names()) if w.isalpha() and len(w) >= 4})
    rng = random.Random(20260101)
    out = []
    while len(out) < n:
        s = f"{rng.choice(first)} {rng.choice(sur)}"
        if s.lower() not in taken:
            taken.add(s.lower())
            out.append(s)
    return out


def alias_lists(sizes: List[int]) -> Dict[int, List[str]]:
    geo = geonames_names()
    taken = {g.lower() for g in geo}
    biggest = max(sizes)
    persons = person_names(max(0, biggest - min(len(geo), biggest // 2)), taken)
    out = {}
    for n in sizes:
        g = geo[: min(len(geo), n // 2)]
        out[n] = g + persons[: n - len(g)]
    return out


def corpus(mb: float) -> List[str]:
    cats = sorted((SHARED / "corpus" / "bbc").iterdir())
    files = [sorted(c.glob("*.txt")) for c in cats if c.is_dir()]
    docs, total, i = [], 0, 0
    limit = int(mb * 1e6)
    while total < limit and any(i < len(f) for f in files):
        for f in files:
            if i < len(f) and total < limit:
                t = f[i].read_text(encoding="utf-8", errors="replace")
                docs.append(t)
                total += len(t.encode("utf-8"))
        i += 1
    return docs


# ---------------------------------------------------------------------------
# Engines: build(aliases) -> state; run(state, docs) -> n matches;
# spans(state, text) -> [(start, end)] in code points
# ---------------------------------------------------------------------------
class Byline:
    name = "byline"

    def build(self, aliases: List[str]) -> Any:
        from byline import _core

        recs = [(f"a{i}", a, 0, 0, 0, 0, 0, 0, None, None, None, None, (), None, 0)
                for i, a in enumerate(aliases)]
        t0 = time.process_time()
        img = _core.kb_build(recs)
        self.compile_s = time.process_time() - t0
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"bench_{len(aliases)}.blkb"
        path.write_bytes(img)
        self.file_bytes = len(img)
        del img, recs
        loads = []
        for _ in range(5):
            t0 = time.process_time()
            kb = _core.kb_load(str(path))
            loads.append(time.process_time() - t0)
            del kb
        self.load_s = min(loads)
        self.kb = _core.kb_load(str(path))
        self.kbs = [self.kb]
        return self

    def run(self, docs: List[str]) -> int:
        from byline import _core

        n = 0
        m = _core.kb_match
        kbs = self.kbs
        for d in docs:
            n += len(m(d, kbs))
        return n // (4 * _core.KB_HIT_FIELDS)

    def spans(self, text: str) -> List[Tuple[int, int]]:
        import array

        from byline import _core

        a = array.array("i")
        a.frombytes(_core.kb_match(text, self.kbs))
        f = _core.KB_HIT_FIELDS
        return sorted({(a[i], a[i + 1]) for i in range(0, len(a), f)})


class BylineMatchOnly(Byline):
    """The matcher's own cost: the same KB over documents tokenized
    beforehand (in the pipeline the tokens exist anyway)."""
    name = "byline-match"

    def prepare(self, docs: List[str]) -> None:
        from byline import _core

        self.cdocs = [_core.analyze(d, stages=_core.STAGE_TOKENS) for d in docs]

    def run(self, docs: List[str]) -> int:
        from byline import _core

        n = 0
        m = _core.kb_match_doc
        kbs = self.kbs
        for c in self.cdocs:
            n += len(m(c, kbs))
        return n // (4 * _core.KB_HIT_FIELDS)


class AhoCorasick:
    name = "pyahocorasick"

    def build(self, aliases: List[str]) -> Any:
        import ahocorasick

        A = ahocorasick.Automaton()
        for i, a in enumerate(aliases):
            A.add_word(a.lower(), (i, len(a.lower())))
        A.make_automaton()
        self.A = A
        return self

    def run(self, docs: List[str]) -> int:
        n = 0
        A = self.A
        for d in docs:
            for _ in A.iter_long(d.lower()):
                n += 1
        return n

    def spans(self, text: str) -> List[Tuple[int, int]]:
        # end index is inclusive; offsets are in text.lower(), which can be
        # longer than text ("İ".lower() is two code points)
        return sorted({(end - ln + 1, end + 1) for end, (_, ln) in self.A.iter_long(text.lower())})


class FlashText:
    name = "flashtext"

    def build(self, aliases: List[str]) -> Any:
        from flashtext import KeywordProcessor

        kp = KeywordProcessor(case_sensitive=False)
        for a in aliases:
            kp.add_keyword(a)
        self.kp = kp
        return self

    def run(self, docs: List[str]) -> int:
        n = 0
        for d in docs:
            n += len(self.kp.extract_keywords(d, span_info=True))
        return n

    def spans(self, text: str) -> List[Tuple[int, int]]:
        return sorted({(s, e) for _, s, e in self.kp.extract_keywords(text, span_info=True)})


class PhraseMatcherEngine:
    name = "PhraseMatcher"

    def build(self, aliases: List[str]) -> Any:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("en")
        self.pm = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        pats = list(self.nlp.tokenizer.pipe(aliases, batch_size=10000))
        for i in range(0, len(pats), 10000):
            self.pm.add("A", pats[i:i + 10000])
        return self

    def run(self, docs: List[str]) -> int:
        n = 0
        for d in self.nlp.tokenizer.pipe(docs, batch_size=64):
            n += len(self.pm(d))
        return n

    def spans(self, text: str) -> List[Tuple[int, int]]:
        d = self.nlp.make_doc(text)
        return sorted({(d[s].idx, d[e - 1].idx + len(d[e - 1].text)) for _, s, e in self.pm(d)})


ENGINES = [Byline, BylineMatchOnly, AhoCorasick, FlashText, PhraseMatcherEngine]

# ---------------------------------------------------------------------------
# Unicode offset correctness
# ---------------------------------------------------------------------------
UNICODE_ALIASES = ["İstanbul", "Straße", "Café Central", "Korea", "São Paulo", "Zoë Baird"]
UNICODE_CASES = [
    # (text, expected surface strings, in order)
    ("From İstanbul to Ankara", ["İstanbul"]),
    ("İİİ then İstanbul again", ["İstanbul"]),
    ("an der Straße entlang", ["Straße"]),
    ("Cafe\u0301 Central opened", ["Cafe\u0301 Central"]),
    ("Korea’s leader", ["Korea"]),
    ("North Korea's missiles", ["Korea"]),
    ("🇰🇷 Korea 🎉 and Sa\u0303o Paulo", ["Korea", "Sa\u0303o Paulo"]),
    ("Zoe\u0308 Baird and Zoë Baird", ["Zoe\u0308 Baird", "Zoë Baird"]),
    ("Koreans are not Korea-based?", ["Korea"]),
    ("Istanbulite", []),
]


def unicode_check(engine: Any) -> Tuple[int, int, List[str]]:
    ok, fails = 0, []
    for text, expected in UNICODE_CASES:
        try:
            got = [text[s:e] for s, e in engine.spans(text)]
        except Exception as ex:  # an engine that cannot even run counts as wrong
            got = [f"<{type(ex).__name__}>"]
        if got == expected:
            ok += 1
        else:
            fails.append(f"{text!r}: {got!r} (want {expected!r})")
    return ok, len(UNICODE_CASES), fails


# ---------------------------------------------------------------------------
def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--corpus-mb", type=float, default=2.0)
    ap.add_argument("--slow-max", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--engines", default=",".join(e.name for e in ENGINES))
    ap.add_argument("--json")
    ap.add_argument("--export-corpus", metavar="PATH",
                    help="also write the corpus as <uint32 LE length><UTF-8> records "
                         "(for the C driver bench/kbscan.c)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    wanted = set(args.engines.split(","))
    docs = corpus(args.corpus_mb)
    if args.export_corpus:
        with open(args.export_corpus, "wb") as f:
            for d in docs:
                b = d.encode("utf-8")
                f.write(len(b).to_bytes(4, "little") + b)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} BBC articles, {mb:.2f} MB; alias lists: {sizes}; "
          f"CPU time, best of {args.repeat}; machine shared (2 cores, 8 developers)")
    lists = alias_lists(sizes)
    results = []

    print("\nUnicode offsets (text[start:end] must be the name as written):")
    for E in ENGINES:
        if E.name not in wanted or E is BylineMatchOnly:
            continue
        try:
            eng = E().build(UNICODE_ALIASES)
        except ImportError as ex:
            print(f"  {E.name:14s} not installed ({ex})")
            continue
        ok, n, fails = unicode_check(eng)
        print(f"  {E.name:14s} {ok}/{n} correct" + ("" if not fails else "; e.g. " + fails[0]))
        results.append({"engine": E.name, "unicode_ok": ok, "unicode_cases": n, "unicode_fails": fails})

    print(f"\n{'aliases':>8} {'engine':14s} {'build s':>8} {'load ms':>8} {'file MB':>8} {'mem MB':>8} "
          f"{'matches':>9} {'CPU s':>7} {'MB/s':>8} {'matches/s':>11} {'byline x':>9}")
    for n in sizes:
        aliases = lists[n]
        base = None
        for E in ENGINES:
            if E.name not in wanted:
                continue
            if E.name in ("flashtext", "PhraseMatcher") and n > args.slow_max:
                print(f"{n:>8} {E.name:14s} skipped (> --slow-max {args.slow_max})")
                continue
            gc.collect()
            r0 = rss_mb()
            t0 = time.process_time()
            try:
                eng = E().build(aliases)
            except ImportError:
                continue
            build_s = time.process_time() - t0
            mem = rss_mb() - r0
            if hasattr(eng, "prepare"):
                eng.prepare(docs)
            best, count = None, 0
            for _ in range(args.repeat):
                c0 = time.process_time()
                count = eng.run(docs)
                dt = time.process_time() - c0
                best = dt if best is None else min(best, dt)
            if E.name == "byline":
                base = best
            rec = {"aliases": n, "engine": E.name, "build_s": round(build_s, 3),
                   "mem_mb": round(mem, 1), "matches": count, "cpu_s": round(best, 4),
                   "mb_per_s": round(mb / best, 2) if best else None,
                   "matches_per_s": round(count / best) if best else None,
                   "byline_speedup": round(best / base, 2) if base and best else None}
            if E.name == "byline":
                rec.update(compile_s=round(eng.compile_s, 3), load_ms=round(eng.load_s * 1e3, 2),
                           file_mb=round(eng.file_bytes / 1e6, 2))
            results.append(rec)
            load = f"{rec['load_ms']:.1f}" if "load_ms" in rec else "-"
            fmb = f"{rec['file_mb']:.1f}" if "file_mb" in rec else "-"
            print(f"{n:>8} {E.name:14s} {build_s:8.2f} {load:>8} {fmb:>8} {mem:8.0f} "
                  f"{count:>9} {best:7.3f} {mb / best:8.2f} {count / best:11.0f} "
                  f"{(rec['byline_speedup'] or 0):9.1f}")
            del eng
            gc.collect()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
