#!/usr/bin/env python3
"""Generate csrc/core/bl_rel_tables.inc from the relation stage's word lists.

    python tools/gen_rel_tables.py            # rewrite the .inc
    python tools/gen_rel_tables.py --check    # exit 1 if the .inc is stale

Inputs (hand-curated, tab-separated, documented in their headers):
    csrc/core/rel_words.tsv     closed-class words, titles, control/light verbs
    csrc/core/rel_triggers.tsv  event triggers -> kind + CAMEO code
Verbs are inflected here (base, 3sg, past, past participle, -ing) so the C
side only does exact lookups of lower-cased tokens.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORE = os.path.join(ROOT, "csrc", "core")
OUT = os.path.join(CORE, "bl_rel_tables.inc")

# Relation kinds, in enum order (the value is the index).  Never reorder:
# the values are part of the table format exported to Python by name only,
# but C tests use the enum.
KINDS = [
    ("", "none"),
    ("role", "holds an office of a state (title), e.g. Chinese President X"),
    ("affiliation", "works for / belongs to an organisation (title)"),
    ("statement", "CAMEO 01 make public statement (to a named actor)"),
    ("appeal", "CAMEO 02 appeal"),
    ("intend_cooperate", "CAMEO 03 express intent to cooperate"),
    ("consult", "CAMEO 04 consult: meet, visit, host, talks, negotiate"),
    ("cooperate", "CAMEO 05 engage in diplomatic cooperation: support, ally, agreement"),
    ("material_cooperation", "CAMEO 06 engage in material cooperation: trade, arms"),
    ("aid", "CAMEO 07 provide aid"),
    ("yield", "CAMEO 08 yield: release, withdraw, ease sanctions"),
    ("investigate", "CAMEO 09 investigate"),
    ("demand", "CAMEO 10 demand"),
    ("disapprove", "CAMEO 11 disapprove: criticise, condemn, accuse"),
    ("reject", "CAMEO 12 reject"),
    ("threaten", "CAMEO 13 threaten"),
    ("protest", "CAMEO 14 protest"),
    ("sanction", "CAMEO 163 impose embargo, boycott or sanctions"),
    ("coerce", "CAMEO 17 coerce (174 expel or deport)"),
    ("legal_action", "CAMEO 173 arrest, detain, charge; 115 bring lawsuit"),
    ("use_force", "CAMEO 18-20 assault, fight, mass violence"),
    ("acquire", "byline extension (no CAMEO code): acquire, take over, merge"),
]
KIND_INDEX = {k: i for i, (k, _) in enumerate(KINDS)}

WORD_CLASSES = [
    "det", "be", "aux", "neg", "mod_fut", "mod_pos", "mod_cond", "adv", "adj",
    "qual", "expect", "intend", "denial", "allege", "light", "lift", "speech",
    "pron_m", "pron_f", "pron_n", "pron_p", "title_o", "title_p", "title_m",
    "former", "subord", "aff_prep",
]
PREPS = ["d", "to", "with", "for", "on", "against", "of", "in", "from", "into",
         "at", "between"]
TFLAGS = {"s": 1, "p": 2, "q": 4, "a": 8}
MORPH = {"base": 1, "s3": 2, "past": 4, "pp": 8, "ing": 16, "sg": 32, "pl": 64}


def rows(name):
    with open(os.path.join(CORE, name), encoding="utf-8") as f:
        lines = [ln.rstrip("\n") for ln in f if not ln.startswith("#") and ln.strip()]
    header = lines[0].split("\t")
    out = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        if len(cells) < len(header) - 1:
            raise SystemExit(f"{name}: bad row {ln!r}")
        out.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return out


def c_str(s):
    assert all(32 <= ord(ch) < 127 for ch in s) and '"' not in s and "\\" not in s, s
    return '"' + s + '"'


VOWELS = "aeiou"


def inflect_verb(base):
    """base, 3sg, past, pp, ing for a regular verb."""
    if base.endswith("e"):
        s3, past, ing = base + "s", base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2] not in VOWELS:
        s3, past, ing = base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        s3, past, ing = base + "es", base + "ed", base + "ing"
    else:
        s3, past, ing = base + "s", base + "ed", base + "ing"
    return base, s3, past, past, ing


def plural(noun):
    if noun.endswith("y") and noun[-2] not in VOWELS:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun + "es"
    return noun + "s"


def expand(row):
    """Yields (first word, rest, morph bits) for every surface form."""
    words = row["phrase"].split()
    flags = row["flags"] if row["flags"] != "-" else ""
    forms = row["forms"] if row["forms"] not in ("-", "") else None
    out = {}
    if row["pos"] == "V":
        f = forms.split("|") if forms else inflect_verb(words[0])
        if len(f) != 5:
            raise SystemExit(f"bad forms {row}")
        for bit, form in zip(("base", "s3", "past", "pp", "ing"), f):
            key = (form, " ".join(words[1:]))
            out[key] = out.get(key, 0) | MORPH[bit]
    elif row["pos"] == "N":
        last = words[-1]
        if "p" in flags:
            variants = [(last, "pl")]
        else:
            pl = forms.split("|")[1] if forms else plural(last)
            variants = [(last, "sg"), (pl, "pl")]
        for form, bit in variants:
            ws = words[:-1] + [form]
            key = (ws[0], " ".join(ws[1:]))
            out[key] = out.get(key, 0) | MORPH[bit]
    else:
        raise SystemExit(f"bad pos {row}")
    return out


def main():
    words = {}
    for r in rows("rel_words.tsv"):
        w = r["word"].lower()
        for c in r["classes"].split(","):
            if c not in WORD_CLASSES:
                raise SystemExit(f"rel_words.tsv: unknown class {c!r} for {w!r}")
            words[w] = words.get(w, set()) | {c}
    trigs = []
    for r in rows("rel_triggers.tsv"):
        if r["kind"] not in KIND_INDEX:
            raise SystemExit(f"rel_triggers.tsv: unknown kind {r['kind']!r}")
        preps = 0
        for p in r["preps"].split(","):
            if p not in PREPS:
                raise SystemExit(f"rel_triggers.tsv: unknown prep {p!r}")
            preps |= 1 << PREPS.index(p)
        fl = 0
        for ch in r["flags"].replace("-", ""):
            fl |= TFLAGS[ch]
        for (w1, rest), morph in expand(r).items():
            trigs.append((w1, rest, r["pos"], KIND_INDEX[r["kind"]], int(r["cameo"]),
                          preps, fl, morph))
    # dedupe identical entries (e.g. travel listed with two spellings)
    merged = {}
    for t in trigs:
        key = t[:7]
        merged[key] = merged.get(key, 0) | t[7]
    trigs = [k + (m,) for k, m in merged.items()]
    # sorted by first word (bytewise, as strcmp), longer phrases first
    trigs.sort(key=lambda t: (t[0].encode(), -len(t[1].split()), t[1], t[2]))
    L = []
    L.append("/* GENERATED by tools/gen_rel_tables.py from rel_words.tsv and")
    L.append(" * rel_triggers.tsv -- do not edit by hand. */")
    L.append("")
    L.append("/* Relation kinds (values of the relations.kind column). */")
    L.append("enum {")
    for i, (k, doc) in enumerate(KINDS):
        name = "BL_RK_" + (k.upper() if k else "NONE")
        L.append(f"  {name} = {i}, /* {doc} */")
    L.append(f"  BL_RK_COUNT = {len(KINDS)}")
    L.append("};")
    L.append("static const char *const S_kind_names[] = {")
    L.append("    " + ", ".join(c_str(k) for k, _ in KINDS) + "};")
    L.append("")
    L.append("/* Word classes (bits of S_words[].cls). */")
    L.append("enum {")
    for i, c in enumerate(WORD_CLASSES):
        L.append(f"  W_{c.upper()} = 1u << {i},")
    L.append("};")
    L.append("/* Object attachment (bits of S_trigs[].preps). */")
    L.append("enum {")
    for i, p in enumerate(PREPS):
        nm = "DIRECT" if p == "d" else p.upper()
        L.append(f"  P_{nm} = 1u << {i},")
    L.append("};")
    L.append("static const char *const S_prep_words[] = {")
    L.append("    " + ", ".join(c_str("" if p == "d" else p) for p in PREPS) + "};")
    L.append("enum { TF_SYM = 1, TF_PLURAL_ONLY = 2, TF_QUAL = 4, TF_FORCE_STATES = 8 };")
    L.append("enum { M_BASE = 1, M_S3 = 2, M_PAST = 4, M_PP = 8, M_ING = 16, M_SG = 32, M_PL = 64 };")
    L.append("")
    L.append("typedef struct { const char *w; uint32_t cls; } S_word;")
    L.append("static const S_word S_words[] = {")
    for w in sorted(words, key=lambda s: s.encode()):
        bits = " | ".join(f"W_{c.upper()}" for c in WORD_CLASSES if c in words[w])
        L.append(f"    {{{c_str(w)}, {bits}}},")
    L.append("};")
    L.append("#define S_N_WORDS (sizeof(S_words) / sizeof(S_words[0]))")
    L.append("")
    L.append("typedef struct {")
    L.append("  const char *w1;   /* first word, lower case */")
    L.append("  const char *rest; /* following words, space-separated (\"\" if none) */")
    L.append("  char pos;         /* 'V' or 'N' */")
    L.append("  uint8_t kind;     /* BL_RK_* */")
    L.append("  uint8_t flags;    /* TF_* */")
    L.append("  uint8_t morph;    /* M_* */")
    L.append("  uint16_t preps;   /* P_* */")
    L.append("  int16_t cameo;    /* CAMEO code, 0 if none */")
    L.append("} S_trig;")
    L.append("static const S_trig S_trigs[] = {")
    for w1, rest, pos, kind, cameo, preps, fl, morph in trigs:
        L.append(f"    {{{c_str(w1)}, {c_str(rest)}, '{pos}', {kind}, {fl}, {morph}, {preps}, {cameo}}},")
    L.append("};")
    L.append("#define S_N_TRIGS (sizeof(S_trigs) / sizeof(S_trigs[0]))")
    text = "\n".join(L) + "\n"
    if "--check" in sys.argv:
        try:
            with open(OUT, encoding="utf-8") as f:
                old = f.read()
        except OSError:
            old = None
        if old != text:
            print(f"{OUT} is stale: run python tools/gen_rel_tables.py", file=sys.stderr)
            return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}: {len(words)} words, {len(trigs)} trigger forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
