/*
 * bl_quotes.c -- quotes (direct, partial, reported speech) and their
 * speakers.  Owned by the quote stage.
 *
 * Three passes, each linear in the number of tokens with fixed look-back
 * caps (S_MAX_*), so a million quote marks cannot go quadratic:
 *
 *   1. Pairing.  Quote-mark tokens (BL_TOK_QUOTE) carry the tokenizer's
 *      BL_TF_QUOTE_OPEN / BL_TF_QUOTE_CLOSE flags, decided from the
 *      characters on either side as cmark's scan_delims does.  Openers go on
 *      a bounded delimiter stack; a closer pairs with the nearest compatible
 *      opener (double with double, single with single, guillemet with
 *      guillemet), cmark inlines.c process_emphasis style.  Only outermost
 *      pairs become quotes (a single-quoted phrase inside a double-quoted
 *      quote is part of it).  A paragraph that ends inside a quote continues
 *      in the next paragraph when that paragraph opens with a mark of the
 *      same family (the news convention); otherwise the quote is kept as
 *      BL_QF_UNCLOSED up to the end of its paragraph.
 *   2. Attribution of each pair: kind (direct when the marks hold a sentence
 *      or follow a cue and colon/comma, partial when they hold a fragment
 *      inside a sentence), cue and speaker.
 *   3. Reported speech: cue verbs not used by a quote, with a subject, give
 *      an indirect quote whose span is what was said.
 *
 * Quotes broken by their attribution ("We will go," he said, "and we will
 * win.") are TWO quotes with the same speaker and cue; the second carries
 * BL_QF_CONTINUED (see byline.h).
 */
#include "bl_internal.h"

#include <stdlib.h>

/* ------------------------------------------------------------------ */
/* Cue lemmas (BL_ENUM_CUE)                                            */
/* ------------------------------------------------------------------ */
enum {
  C_NONE = 0, C_SAY, C_TELL, C_ADD, C_STRESS, C_INSIST, C_WARN, C_CLAIM,
  C_ALLEGE, C_ARGUE, C_NOTE, C_DENY, C_DECLINE, C_ACCORDING, C_EXPLAIN,
  C_STATE, C_DECLARE, C_ANNOUNCE, C_REPORT, C_SUGGEST, C_ACKNOWLEDGE,
  C_ADMIT, C_CONFIRM, C_ASK, C_REPLY, C_RESPOND, C_COMMENT, C_WRITE,
  C_TWEET, C_PREDICT, C_PROMISE, C_VOW, C_URGE, C_COMPLAIN, C_CONTEND,
  C_ASSERT, C_RECALL, C_TESTIFY, C_CONCEDE, C_CAUTION, C_BOAST, C_DASH,
  C_CONTINUE, C_EXCLAIM, C_REMARK, C_OBSERVE, C_JOKE, C_SHOUT, C_WHISPER,
  C_READ, C_PLEDGE, C_CONCLUDE, C_QUOTE, C_COLON, C_PUT,
  C_COUNT
};

static const char *const S_cue_names[C_COUNT] = {
    "", "say", "tell", "add", "stress", "insist", "warn", "claim", "allege",
    "argue", "note", "deny", "decline to comment", "according to", "explain",
    "state", "declare", "announce", "report", "suggest", "acknowledge",
    "admit", "confirm", "ask", "reply", "respond", "comment", "write",
    "tweet", "predict", "promise", "vow", "urge", "complain", "contend",
    "assert", "recall", "testify", "concede", "caution", "boast", "dash",
    "continue", "exclaim", "remark", "observe", "joke", "shout", "whisper",
    "read", "pledge", "conclude", "quote", "colon", "put it"};

const char *bl__cue_name(int v) {
  return v >= 0 && v < C_COUNT ? S_cue_names[v] : NULL;
}

/* ------------------------------------------------------------------ */
/* Word lexicon                                                        */
/* ------------------------------------------------------------------ */
/* Word classes. */
enum {
  W_NONE = 0,
  W_CUE,       /* reporting verb; lemma = cue id */
  W_ACCORDING, /* "according" (+ "to") */
  W_PRON,      /* personal pronoun; lemma = P_* */
  W_DET,       /* determiner / possessive: starts a description */
  W_THAT,      /* complementiser */
  W_SKIP,      /* adverbs and auxiliaries between a subject and its verb */
  W_STOP,      /* clause words: a noun phrase never runs across them */
  W_TO,
  W_DECLINE,   /* declined / refused (+ to comment) */
  W_COMMENT,
  W_BE,        /* forms of be: passive "was told" is not a speech cue */
  W_PREP       /* of, for, at ...: may sit inside a description */
};

/* Word flags. */
enum {
  F_AMBIG = 1u << 0,  /* form is often a noun (claims, notes, reports) */
  F_ING = 1u << 1,    /* participle: ", saying ..." takes the clause subject */
  F_CLAUSE = 1u << 2, /* after a comma, ends the content of reported speech */
  F_OBJ = 1u << 3,    /* verb takes an addressee before the content (tell) */
  F_POST = 1u << 4,   /* a cue only right after a quote ("...," he continued) */
  F_SUB = 1u << 5,    /* subordinator opening a clause ("While X denies ..., ") */
  F_COORD = 1u << 6   /* and/but: "X ..., but told them" shares X */
};

/* Pronoun kinds (lemma of W_PRON). */
enum { P_NONE = 0, P_HE, P_SHE, P_THEY, P_IT, P_FIRST };

typedef struct {
  uint8_t cls, lemma, flags;
  const char *forms; /* space-separated, lower case ASCII */
} S_lexrow;

/* The cue lexicon.  Sources: the reporting-verb lists of PARC/PolNeAR
 * attribution guidelines and general English grammar (a hand-written data
 * table; no third-party text copied). */
static const S_lexrow S_lex[] = {
    {W_CUE, C_SAY, 0, "say says said"},
    {W_CUE, C_SAY, F_ING, "saying"},
    {W_CUE, C_TELL, F_OBJ, "tell tells told"},
    {W_CUE, C_TELL, F_OBJ | F_ING, "telling"},
    {W_CUE, C_ADD, 0, "add adds added"},
    {W_CUE, C_ADD, F_ING, "adding"},
    {W_CUE, C_STRESS, 0, "stressed"},
    {W_CUE, C_STRESS, F_AMBIG, "stress stresses"},
    {W_CUE, C_STRESS, F_ING, "stressing"},
    {W_CUE, C_INSIST, 0, "insist insists insisted"},
    {W_CUE, C_INSIST, F_ING, "insisting"},
    {W_CUE, C_WARN, 0, "warn warns warned"},
    {W_CUE, C_WARN, F_ING, "warning"},
    {W_CUE, C_CLAIM, 0, "claimed"},
    {W_CUE, C_CLAIM, F_AMBIG, "claim claims"},
    {W_CUE, C_CLAIM, F_ING, "claiming"},
    {W_CUE, C_ALLEGE, 0, "allege alleges alleged"},
    {W_CUE, C_ALLEGE, F_ING, "alleging"},
    {W_CUE, C_ARGUE, 0, "argue argues argued"},
    {W_CUE, C_ARGUE, F_ING, "arguing"},
    {W_CUE, C_NOTE, 0, "noted"},
    {W_CUE, C_NOTE, F_AMBIG, "note notes"},
    {W_CUE, C_NOTE, F_ING, "noting"},
    {W_CUE, C_DENY, 0, "deny denies denied"},
    {W_CUE, C_DENY, F_ING, "denying"},
    {W_CUE, C_EXPLAIN, 0, "explain explains explained"},
    {W_CUE, C_EXPLAIN, F_ING, "explaining"},
    {W_CUE, C_STATE, 0, "stated"},
    {W_CUE, C_STATE, F_AMBIG, "state states"},
    {W_CUE, C_DECLARE, 0, "declare declares declared"},
    {W_CUE, C_DECLARE, F_ING, "declaring"},
    {W_CUE, C_ANNOUNCE, 0, "announce announces announced"},
    {W_CUE, C_ANNOUNCE, F_ING, "announcing"},
    {W_CUE, C_REPORT, 0, "reported"},
    {W_CUE, C_REPORT, F_AMBIG, "report reports"},
    {W_CUE, C_SUGGEST, 0, "suggest suggests suggested"},
    {W_CUE, C_SUGGEST, F_ING, "suggesting"},
    {W_CUE, C_ACKNOWLEDGE, 0, "acknowledge acknowledges acknowledged"},
    {W_CUE, C_ACKNOWLEDGE, F_ING, "acknowledging"},
    {W_CUE, C_ADMIT, 0, "admit admits admitted"},
    {W_CUE, C_ADMIT, F_ING, "admitting"},
    {W_CUE, C_CONFIRM, 0, "confirm confirms confirmed"},
    {W_CUE, C_CONFIRM, F_ING, "confirming"},
    {W_CUE, C_ASK, 0, "asked"},
    {W_CUE, C_ASK, F_AMBIG, "ask asks"},
    {W_CUE, C_REPLY, 0, "replied"},
    {W_CUE, C_REPLY, F_AMBIG, "reply replies"},
    {W_CUE, C_REPLY, 0, "answered"},
    {W_CUE, C_REPLY, F_POST, "retorted"},
    {W_CUE, C_RESPOND, 0, "respond responds responded"},
    {W_CUE, C_COMMENT, 0, "commented"},
    {W_CUE, C_WRITE, 0, "write writes wrote"},
    {W_CUE, C_WRITE, F_ING, "writing"},
    {W_CUE, C_TWEET, 0, "tweeted"},
    {W_CUE, C_TWEET, F_AMBIG, "tweet tweets"},
    {W_CUE, C_PREDICT, 0, "predict predicts predicted"},
    {W_CUE, C_PROMISE, 0, "promised"},
    {W_CUE, C_PROMISE, F_AMBIG, "promise promises"},
    {W_CUE, C_VOW, 0, "vowed"},
    {W_CUE, C_VOW, F_AMBIG, "vow vows"},
    {W_CUE, C_URGE, 0, "urged"},
    {W_CUE, C_COMPLAIN, 0, "complain complains complained"},
    {W_CUE, C_CONTEND, 0, "contend contends contended"},
    {W_CUE, C_ASSERT, 0, "assert asserts asserted"},
    {W_CUE, C_RECALL, 0, "recalled"},
    {W_CUE, C_TESTIFY, 0, "testify testifies testified"},
    {W_CUE, C_CONCEDE, 0, "concede concedes conceded"},
    {W_CUE, C_CAUTION, 0, "cautioned"},
    {W_CUE, C_BOAST, 0, "boasted"},
    {W_CUE, C_CONTINUE, F_POST, "continued continues"},
    {W_CUE, C_EXCLAIM, 0, "exclaimed exclaims"},
    {W_CUE, C_REMARK, 0, "remarked"},
    {W_CUE, C_OBSERVE, 0, "observed"},
    {W_CUE, C_JOKE, F_POST, "joked quipped"},
    {W_CUE, C_SHOUT, F_POST, "shouted yelled screamed chanted cried"},
    {W_CUE, C_SHOUT, F_POST | F_ING, "shouting yelling screaming"},
    {W_CUE, C_WHISPER, F_POST, "whispered muttered"},
    {W_CUE, C_READ, F_POST, "read reads"},
    {W_CUE, C_PLEDGE, 0, "pledged"},
    {W_CUE, C_CONCLUDE, F_POST, "concluded"},
    {W_CUE, C_NOTE, F_POST, "pointed"},
    {W_CUE, C_SAY, F_POST, "posted"},
    {W_ACCORDING, C_ACCORDING, 0, "according"},
    {W_PRON, P_HE, 0, "he"},
    {W_PRON, P_SHE, 0, "she"},
    {W_PRON, P_THEY, 0, "they"},
    {W_PRON, P_IT, 0, "it"},
    {W_PRON, P_FIRST, 0, "i we"},
    {W_DET, 0, 0, "the a an this these those his her its their our my your "
                  "some many several two three four other another one no"},
    {W_THAT, 0, 0, "that"},
    {W_SKIP, 0, 0, "also has have had will would could should may might "
                   "must can did does do not never later then further "
                   "previously again repeatedly reportedly recently once "
                   "earlier first last often publicly privately separately "
                   "flatly simply already just still even only 'd 've 'll"},
    {W_BE, 0, 0, "is was were are be been being am"},
    {W_STOP, 0, F_CLAUSE | F_SUB, "while although though whereas because"},
    {W_STOP, 0, F_CLAUSE | F_COORD, "but"},
    {W_STOP, 0, F_CLAUSE, "yet"},
    {W_STOP, 0, F_COORD, "and"},
    {W_STOP, 0, F_SUB, "when if as after before since"},
    {W_STOP, 0, 0, "or nor who whom whose which where than so what how "
                   "why there here"},
    {W_TO, 0, 0, "to"},
    {W_DECLINE, C_DECLINE, 0, "declined refused declines refuses decline "
                              "refuse declining refusing"},
    {W_COMMENT, 0, 0, "comment"},
    {W_PREP, 0, 0, "of for at in on from with by about during via"},
};

#define S_LEX_SLOTS 1024u /* power of two, > 2x the number of forms */
#define S_WORD_MAX 15

typedef struct {
  uint64_t hash[S_LEX_SLOTS];
  uint16_t row[S_LEX_SLOTS]; /* S_lex index + 1; 0 = empty */
} S_lexmap;

BL_INLINE uint64_t S_whash(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
  return h | 1u; /* never 0 */
}

static void S_lexmap_build(S_lexmap *m) {
  memset(m->row, 0, sizeof(m->row));
  for (size_t r = 0; r < sizeof(S_lex) / sizeof(S_lex[0]); r++) {
    const char *p = S_lex[r].forms;
    while (*p) {
      while (*p == ' ') p++;
      const char *q = p;
      while (*q && *q != ' ') q++;
      if (q > p) {
        uint64_t h = S_whash(p, (size_t)(q - p));
        size_t s = (size_t)h & (S_LEX_SLOTS - 1);
        while (m->row[s] && m->hash[s] != h) s = (s + 1) & (S_LEX_SLOTS - 1);
        if (!m->row[s]) { /* first listing of a form wins */
          m->hash[s] = h;
          m->row[s] = (uint16_t)(r + 1);
        }
      }
      p = q;
    }
  }
}

/* Row of the lexicon for a token's text (ASCII, case-folded), or -1.  The
 * 64-bit hash stands in for the string: the ~300 forms are fixed and were
 * checked collision-free against each other by the test suite. */
static int S_lex_lookup(const S_lexmap *m, const char *s, size_t n) {
  char buf[S_WORD_MAX + 1];
  if (n == 0 || n > S_WORD_MAX) return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    else if (!((c >= 'a' && c <= 'z') || c == '\'')) return -1;
    buf[i] = (char)c;
  }
  uint64_t h = S_whash(buf, n);
  size_t sl = (size_t)h & (S_LEX_SLOTS - 1);
  while (m->row[sl]) {
    if (m->hash[sl] == h) return m->row[sl] - 1;
    sl = (sl + 1) & (S_LEX_SLOTS - 1);
  }
  return -1;
}

/* ------------------------------------------------------------------ */
/* Stage state                                                         */
/* ------------------------------------------------------------------ */
#define S_MAX_STACK 64   /* delimiter stack depth */
#define S_MAX_BACK 40    /* tokens scanned back for a cue */
#define S_MAX_FWD 30     /* tokens scanned after a closing mark */
#define S_MAX_NP 8       /* tokens in a description */
#define S_MAX_ANTE 60    /* mentions scanned back for a pronoun antecedent */
#define S_MAX_SENT_SCAN 80

/* Quote-mark families: marks pair only within a family. */
enum { Q_NONE = 0, Q_DOUBLE, Q_SINGLE, Q_GUIL, Q_SGUIL, Q_CJK, Q_CJK2 };

typedef struct {
  int32_t open, close; /* token indexes of the marks */
  int32_t flags;
} S_pair;

typedef struct {
  int32_t start, end; /* speaker token range [start, end), -1 if none */
  int32_t entity;
} S_spk;

typedef struct {
  bl_doc *doc;
  const bl_token *T;
  const bl_tokx *X;
  const bl_sentence *S;
  const bl_mention *M;
  const bl_entity *E;
  int32_t nt, ns, nm, ne;
  uint8_t *cls, *lem, *fl, *inq, *used; /* used: 1 taken, 2 cue of a partial quote */
  uint8_t reusable; /* pass 3: a partial quote's cue (used 2) may be taken again */
  S_lexmap lex;
} S_ctx;

BL_INLINE bool S_is_word(const S_ctx *c, int32_t i) {
  int k = c->T[i].kind;
  return k == BL_TOK_WORD || k == BL_TOK_ABBREV || k == BL_TOK_NUMBER ||
         k == BL_TOK_CLITIC || k == BL_TOK_HANDLE;
}

BL_INLINE bool S_is_punct(const S_ctx *c, int32_t i, char ch) {
  const bl_tokx *x = &c->X[i];
  return x->bend - x->bstart == 1 && c->doc->text[x->bstart] == ch;
}

BL_INLINE bool S_sent_final(const S_ctx *c, int32_t i) {
  return S_is_punct(c, i, '.') || S_is_punct(c, i, '!') ||
         S_is_punct(c, i, '?') || S_is_punct(c, i, ';');
}

BL_INLINE int32_t S_sent_of(const S_ctx *c, int32_t i) {
  int32_t s = c->T[i].sent;
  return s >= 0 && s < c->ns ? s : -1;
}

BL_INLINE int32_t S_sent_lo(const S_ctx *c, int32_t i) {
  int32_t s = S_sent_of(c, i);
  if (s < 0) return i;
  int32_t lo = c->S[s].tok_start;
  return lo >= 0 && lo <= i ? lo : i;
}

BL_INLINE int32_t S_sent_hi(const S_ctx *c, int32_t i) {
  int32_t s = S_sent_of(c, i);
  if (s < 0) return i + 1;
  int32_t hi = c->S[s].tok_end;
  return hi > i && hi <= c->nt ? hi : i + 1;
}

BL_INLINE int32_t S_para_of(const S_ctx *c, int32_t i) {
  int32_t s = S_sent_of(c, i);
  return s < 0 ? 0 : c->S[s].para;
}

BL_INLINE int32_t S_mention_of(const S_ctx *c, int32_t i) {
  int32_t m = c->T[i].mention;
  if (m < 0 || m >= c->nm) return -1;
  if (c->M[m].tok_start > i || c->M[m].tok_end <= i) return -1;
  return m;
}

BL_INLINE int32_t S_entity_of_mention(const S_ctx *c, int32_t m) {
  if (m < 0) return -1;
  int32_t e = c->M[m].entity;
  return e >= 0 && e < c->ne ? e : -1;
}

/* First byte of a token is an ASCII lower-case letter. */
BL_INLINE bool S_lower_initial(const S_ctx *c, int32_t i) {
  unsigned char ch = (unsigned char)c->doc->text[c->X[i].bstart];
  return ch >= 'a' && ch <= 'z';
}

BL_INLINE bool S_upper_initial(const S_ctx *c, int32_t i) {
  if (c->T[i].flags & (BL_TF_TITLE | BL_TF_UPPER)) return true;
  unsigned char ch = (unsigned char)c->doc->text[c->X[i].bstart];
  return (ch >= 'A' && ch <= 'Z') || ch >= 0xC0;
}

/* Family of a quote-mark token from its first code point. */
static int S_family(const S_ctx *c, int32_t i) {
  const unsigned char *s = (const unsigned char *)c->doc->text + c->X[i].bstart;
  int32_t n = c->X[i].bend - c->X[i].bstart;
  if (n <= 0) return Q_NONE;
  if (s[0] == '"') return Q_DOUBLE;
  if (s[0] == '\'' || s[0] == '`') return Q_SINGLE;
  if (n >= 2 && s[0] == 0xC2) {
    if (s[1] == 0xAB || s[1] == 0xBB) return Q_GUIL; /* « » */
  }
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80) {
    switch (s[2]) {
    case 0x9C: case 0x9D: case 0x9E: case 0x9F: return Q_DOUBLE; /* “ ” „ ‟ */
    case 0x98: case 0x99: case 0x9A: case 0x9B: return Q_SINGLE; /* ‘ ’ ‚ ‛ */
    case 0xB9: case 0xBA: return Q_SGUIL;                        /* ‹ › */
    default: break;
    }
  }
  if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80) {
    if (s[2] == 0x8C || s[2] == 0x8D) return Q_CJK;  /* 「 」 */
    if (s[2] == 0x8E || s[2] == 0x8F) return Q_CJK2; /* 『 』 */
  }
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x82) return Q_DOUBLE;
  return Q_DOUBLE; /* any other mark the tokenizer calls a quote */
}

/* ------------------------------------------------------------------ */
/* Pass 0: classify tokens                                             */
/* ------------------------------------------------------------------ */
static void S_classify(S_ctx *c) {
  for (int32_t i = 0; i < c->nt; i++) {
    c->cls[i] = W_NONE;
    if (!S_is_word(c, i)) continue;
    const bl_tokx *x = &c->X[i];
    int r = S_lex_lookup(&c->lex, c->doc->text + x->bstart,
                         (size_t)(x->bend - x->bstart));
    if (r < 0) continue;
    c->cls[i] = S_lex[r].cls;
    c->lem[i] = S_lex[r].lemma;
    c->fl[i] = S_lex[r].flags;
  }
  /* "as X put it:" -- "put" is a cue only with "it" */
  for (int32_t i = 0; i + 1 < c->nt; i++) {
    const bl_tokx *x = &c->X[i];
    const char *t = c->doc->text + x->bstart;
    if (x->bend - x->bstart == 3 && memcmp(t, "put", 3) == 0 &&
        c->cls[i + 1] == W_PRON && c->lem[i + 1] == P_IT && i + 2 < c->nt &&
        (S_is_punct(c, i + 2, ':') || S_is_punct(c, i + 2, ',') ||
         S_sent_final(c, i + 2) || c->cls[i + 2] == W_PREP)) {
      c->cls[i] = W_CUE;
      c->lem[i] = C_PUT;
      c->fl[i] = 0;
      c->cls[i + 1] = W_SKIP; /* "it" is part of the cue */
    }
  }
}

/* Token i is part of an attribution already taken. */
BL_INLINE bool S_taken(const S_ctx *c, int32_t i) {
  return c->used[i] && !(c->reusable && c->used[i] == 2);
}

/* Is token i usable as a speech cue verb here? */
static bool S_cue_ok2(const S_ctx *c, int32_t i, bool post) {
  if (c->cls[i] != W_CUE || c->inq[i] || S_taken(c, i)) return false;
  if ((c->fl[i] & F_POST) && !post) return false;
  /* Cue verbs are written in lower case except at a sentence start
   * ("Said Mr Lee: ..."); "States", "Note" in names are not cues. */
  if (!S_lower_initial(c, i) && (S_sent_lo(c, i) != i || c->lem[i] != C_SAY ||
                                  (c->fl[i] & F_ING)))
    return false; /* only "Said Mr Lee: ..." -- not "Asked whether ..." */
  int pos = c->T[i].pos;
  if (pos == BL_UPOS_PROPN) return false;
  if ((c->fl[i] & F_AMBIG) && pos && pos != BL_UPOS_VERB) return false;
  if (i > 0) {
    uint8_t pc = c->cls[i - 1];
    /* "the claims", "his notes": a noun after a determiner. */
    if ((c->fl[i] & F_AMBIG) && pc == W_DET) return false;
    /* Passive "was told", "is said to": not the speaker's verb. */
    if (pc == W_BE && !(c->fl[i] & F_ING)) return false;
  }
  return true;
}

static bool S_cue_ok(const S_ctx *c, int32_t i) { return S_cue_ok2(c, i, false); }

/* One past the last token of the cue at i ("put it" is two tokens). */
BL_INLINE int32_t S_cue_end(const S_ctx *c, int32_t i) {
  return c->lem[i] == C_PUT && i + 1 < c->nt ? i + 2 : i + 1;
}

/* A punctuation token that may sit inside a name or an attribution:
 * an infix hyphen (Mark-Viverito, co-founder), parentheses ((D-N.Y.)), &. */
BL_INLINE bool S_np_punct(const S_ctx *c, int32_t i) {
  if (c->T[i].kind != BL_TOK_PUNCT && c->T[i].kind != BL_TOK_DASH) return false;
  if (c->T[i].flags & BL_TF_HYPHEN_INFIX) return true;
  return S_is_punct(c, i, '(') || S_is_punct(c, i, ')') || S_is_punct(c, i, '&');
}

/* The token before a parenthesised group ending at e (")"), or e itself
 * when e is not a closing parenthesis or the group is not short. */
static int32_t S_skip_parens_back(const S_ctx *c, int32_t e, int32_t lo) {
  if (e < lo || !S_is_punct(c, e, ')')) return e;
  for (int32_t j = e - 1; j >= lo && e - j <= 10; j--) {
    if (S_is_punct(c, j, '(')) return j - 1;
    if (c->T[j].kind == BL_TOK_QUOTE || S_sent_final(c, j)) break;
  }
  return e;
}

/* ------------------------------------------------------------------ */
/* Speakers                                                            */
/* ------------------------------------------------------------------ */
static S_spk S_nospk(void) {
  S_spk s = {-1, -1, -1};
  return s;
}

/* Entity of a description [a, b): the mention covering its head b-1, if
 * any. */
static int32_t S_np_entity(const S_ctx *c, int32_t a, int32_t b) {
  (void)a;
  return S_entity_of_mention(c, S_mention_of(c, b - 1));
}

/* Closest preceding entity for a pronoun at token p. */
static int32_t S_antecedent(const S_ctx *c, int32_t p, int kind) {
  if (c->nm == 0) return -1;
  /* binary search: last mention with tok_start < p */
  int32_t lo = 0, hi = c->nm;
  while (lo < hi) {
    int32_t mid = lo + (hi - lo) / 2;
    if (c->M[mid].tok_start < p) lo = mid + 1;
    else hi = mid;
  }
  int32_t seen = 0;
  for (int32_t m = lo - 1; m >= 0 && seen < S_MAX_ANTE; m--, seen++) {
    const bl_mention *mm = &c->M[m];
    if (mm->tok_end > p || mm->tok_start < 0 || mm->tok_start >= c->nt) continue;
    if (mm->flags & BL_MF_NESTED) continue; /* "Andy Warhol" in "the Andy Warhol Foundation" */
    if (c->inq[mm->tok_start]) continue; /* named inside someone's words */
    int32_t e = S_entity_of_mention(c, m);
    if (e < 0) continue;
    int lab = c->E[e].label, g = c->E[e].gender;
    switch (kind) {
    case P_HE:
      if (lab == BL_LABEL_PERSON && g != BL_GENDER_FEMALE && g != BL_GENDER_PLURAL)
        return e;
      break;
    case P_SHE:
      if (lab == BL_LABEL_PERSON && g != BL_GENDER_MALE && g != BL_GENDER_PLURAL)
        return e;
      break;
    case P_THEY:
      if (lab == BL_LABEL_ORG || lab == BL_LABEL_NORP || g == BL_GENDER_PLURAL)
        return e;
      break;
    case P_IT:
      if (lab == BL_LABEL_ORG || lab == BL_LABEL_GPE) return e;
      break;
    default: return -1;
    }
  }
  return -1;
}

static S_spk S_spk_from_mention(const S_ctx *c, int32_t m, int32_t lo) {
  S_spk s;
  s.start = c->M[m].tok_start;
  s.end = c->M[m].tok_end;
  /* "the Chinese foreign ministry": take the determiner along. */
  if (s.start - 1 >= lo && c->cls[s.start - 1] == W_DET) s.start--;
  s.entity = S_entity_of_mention(c, m);
  return s;
}

static S_spk S_spk_pron(const S_ctx *c, int32_t i) {
  S_spk s = {i, i + 1, -1};
  s.entity = S_antecedent(c, i, c->lem[i]);
  return s;
}

/* May token i sit inside a description ("a spokesman for the ministry")? */
static bool S_np_word(const S_ctx *c, int32_t i) {
  if (!S_is_word(c, i) || c->inq[i]) return false;
  /* a capitalised lexicon word inside a clause is a name ("Will", "Read") */
  if ((c->cls[i] == W_CUE || c->cls[i] == W_SKIP || c->cls[i] == W_BE) &&
      !S_lower_initial(c, i) && S_sent_lo(c, i) != i && !(c->T[i].flags & BL_TF_UPPER))
    return true;
  /* "the state records", "news reports": a cue form used as a noun */
  if (c->cls[i] == W_CUE && (c->fl[i] & F_AMBIG) && c->T[i].pos &&
      c->T[i].pos != BL_UPOS_VERB)
    return true;
  switch (c->cls[i]) {
  case W_CUE: case W_ACCORDING: case W_THAT: case W_STOP: case W_TO:
  case W_BE: case W_DECLINE: case W_SKIP: case W_PRON:
    return false;
  default: break;
  }
  int pos = c->T[i].pos;
  /* a capitalised word inside a clause is a name whatever the tagger says
   * ("O'Donnell" tagged AUX) */
  if ((pos == BL_UPOS_VERB || pos == BL_UPOS_AUX || pos == BL_UPOS_ADV ||
       pos == BL_UPOS_SCONJ || pos == BL_UPOS_CCONJ) &&
      (S_lower_initial(c, i) || S_sent_lo(c, i) == i))
    return false;
  return true;
}

/* A modifier inside a description: also participles the tagger calls VERB
 * ("another leading advocate"), when a description word follows. */
static bool S_np_mod(const S_ctx *c, int32_t i, int32_t hi) {
  if (S_np_word(c, i)) return true;
  if (i + 1 >= hi || c->T[i].pos != BL_UPOS_VERB || !S_is_word(c, i) || c->inq[i] ||
      c->cls[i] != W_NONE)
    return false;
  return S_np_word(c, i + 1);
}

/* Speaker ending at token e (inclusive), not before lo: a mention, a
 * pronoun, or a description. */
static S_spk S_np_back(const S_ctx *c, int32_t e, int32_t lo) {
  if (e < lo || e < 0) return S_nospk();
  int32_t m = S_mention_of(c, e);
  if (m >= 0 && c->M[m].tok_start >= lo) return S_spk_from_mention(c, m, lo);
  if (c->cls[e] == W_PRON && c->lem[e] != P_FIRST) return S_spk_pron(c, e);
  if (!S_np_word(c, e) || c->cls[e] == W_DET || c->cls[e] == W_PREP)
    return S_nospk();
  int32_t a = e, n = 0;
  while (a - 1 >= lo && n < S_MAX_NP) {
    int32_t p = a - 1;
    if (c->cls[p] == W_DET) {
      a = p;
      break;
    }
    if (!S_np_word(c, p)) break;
    a = p;
    n++;
  }
  while (a < e && c->cls[a] == W_PREP) a++;
  S_spk s = {a, e + 1, -1};
  s.entity = S_np_entity(c, a, e + 1);
  return s;
}

/* Speaker starting at token b, before hi. */
static S_spk S_np_fwd(const S_ctx *c, int32_t b, int32_t hi) {
  if (b >= hi || b >= c->nt) return S_nospk();
  int32_t m = S_mention_of(c, b);
  if (m >= 0 && c->M[m].tok_end <= hi) return S_spk_from_mention(c, m, b);
  if (c->cls[b] == W_PRON && c->lem[b] != P_FIRST) return S_spk_pron(c, b);
  int32_t a = b;
  if (c->cls[a] == W_DET) a++;
  if (a >= hi) return S_nospk();
  m = S_mention_of(c, a);
  if (m >= 0 && c->M[m].tok_end <= hi && c->M[m].tok_start == a) {
    S_spk s = S_spk_from_mention(c, m, b);
    return s;
  }
  int32_t e = a;
  while (e < hi && e - a < S_MAX_NP && S_np_mod(c, e, hi) &&
         c->cls[e] != W_PREP && c->cls[e] != W_DET) {
    /* a mention further in ("the Chinese foreign ministry") */
    int32_t mm = S_mention_of(c, e);
    if (mm >= 0 && c->M[mm].tok_end > e + 1) e = c->M[mm].tok_end - 1;
    e++;
  }
  if (e == a) return S_nospk();
  if (e > hi) e = hi;
  S_spk s = {b, e, -1};
  s.entity = S_np_entity(c, b, e);
  return s;
}

/* A named subject at token b (a mention, a pronoun, or a capitalised noun
 * phrase), used for elided subjects: "Carson ..., but told them", ",
 * writing ...", "Cruz called them on it:". */
static S_spk S_named_at(const S_ctx *c, int32_t b, int32_t hi) {
  if (b >= hi) return S_nospk();
  int32_t m = S_mention_of(c, b);
  if (m >= 0 && c->M[m].tok_end <= hi) return S_spk_from_mention(c, m, b);
  /* "It" opening a sentence is rarely a speaker ("It was ...") */
  if (c->cls[b] == W_PRON && c->lem[b] != P_FIRST && c->lem[b] != P_IT)
    return S_spk_pron(c, b);
  if (c->cls[b] == W_PRON) return S_nospk();
  /* a run of capitalised words: a name ("President Clinton") */
  int32_t e = b;
  while (e < hi && e - b < 6 &&
         (c->T[e].kind == BL_TOK_WORD || c->T[e].kind == BL_TOK_ABBREV) && !c->inq[e] &&
         S_upper_initial(c, e) && c->cls[e] != W_DET && c->cls[e] != W_PRON &&
         c->cls[e] != W_STOP && c->cls[e] != W_CUE && c->cls[e] != W_THAT &&
         c->cls[e] != W_PREP && c->cls[e] != W_SKIP && c->cls[e] != W_BE &&
         c->cls[e] != W_TO && c->cls[e] != W_ACCORDING)
    e++;
  if (e > b) {
    S_spk s = {b, e, -1};
    s.entity = S_np_entity(c, b, e);
    /* a lone capitalised word opening a sentence ("Later", "Friday") is
     * a name only when the entity stage says so */
    bool first = S_sent_lo(c, b) == b;
    if (e - b == 1 && first && s.entity < 0) return S_nospk();
    return s;
  }
  /* a short description: "The judge", "a spokesman" */
  if (c->cls[b] == W_DET && b + 1 < hi) {
    S_spk s = S_np_fwd(c, b, hi);
    if (s.start >= 0 && s.end - s.start <= 4) return s;
  }
  return S_nospk();
}

/* The subject of the clause [lo, e): past quoted words, a leading "And" /
 * "But" and a leading adverbial up to its comma ("On Tuesday, Mr. Lee
 * ...", "Later on Sunday, Carson ..."), a named subject (S_named_at). */
static S_spk S_clause_subject(const S_ctx *c, int32_t lo, int32_t e) {
  int32_t b = lo;
  while (b < e && (c->inq[b] || !S_is_word(c, b))) b++;
  if (b < e && c->cls[b] == W_STOP && (c->fl[b] & F_COORD)) b++;
  if (b < e && (c->cls[b] == W_PREP || (c->cls[b] == W_STOP && (c->fl[b] & F_SUB)) ||
                c->T[b].pos == BL_UPOS_ADV || c->T[b].pos == BL_UPOS_ADP ||
                c->T[b].pos == BL_UPOS_SCONJ)) {
    int32_t j = b + 1;
    while (j < e && j - b < 16 && !S_is_punct(c, j, ',') && !c->inq[j]) j++;
    if (j >= e || !S_is_punct(c, j, ',')) return S_nospk();
    b = j + 1;
  }
  return S_named_at(c, b, e);
}

/* ", adding ..." after an attribution: the cue before the comma at e
 * ("Cruz said, adding:", "said Cruz, adding", "Trump told Newsmax that
 * ... \"...,\" adding"), quoted words skipped; -1 if none.  *inv gets the
 * speaker when the cue is inverted ("said Cruz, adding"). */
static int32_t S_prev_cue(const S_ctx *c, int32_t e, int32_t lo, S_spk *inv) {
  *inv = S_nospk();
  for (int32_t j = e - 1; j >= lo && e - j < 40; j--) {
    if (c->inq[j] || c->cls[j] != W_CUE || (c->fl[j] & F_ING)) continue;
    if (!S_lower_initial(c, j) && S_sent_lo(c, j) != j) continue;
    if (j + 1 < e) {
      S_spk s = S_np_fwd(c, j + 1, e);
      if (s.start >= 0 && s.end == e && (s.entity >= 0 || S_upper_initial(c, s.start)))
        *inv = s;
    }
    return j;
  }
  return -1;
}

/* Subject of the cue verb at v: skip adverbs/auxiliaries, then a noun
 * phrase; an appositive ("Korolev, an expert at X, said") is skipped to
 * the name before it. */
static S_spk S_subject(const S_ctx *c, int32_t v, int32_t lo) {
  int32_t e = v - 1, skipped = 0;
  e = S_skip_parens_back(c, e, lo); /* "Rep. Jim Lee (D-Wash.) said" */
  while (e >= lo && skipped < 4) {
    uint8_t k = c->cls[e];
    int pos = c->T[e].pos;
    bool ly = false;
    if (S_is_word(c, e) && S_lower_initial(c, e)) {
      int32_t n = c->X[e].bend - c->X[e].bstart;
      const char *t = c->doc->text + c->X[e].bstart;
      ly = n > 4 && t[n - 2] == 'l' && t[n - 1] == 'y';
    }
    /* "Will wrote", "Read said": a capitalised word inside the clause is a
     * name, not an auxiliary */
    bool name = !S_lower_initial(c, e) && S_sent_lo(c, e) != e && S_is_word(c, e);
    if (((k == W_SKIP || k == W_BE) && !name) || ly ||
        (k != W_PRON && S_lower_initial(c, e) &&
         (pos == BL_UPOS_ADV || pos == BL_UPOS_AUX || pos == BL_UPOS_PART))) {
      e--;
      skipped++;
      continue;
    }
    /* "went on to say", "wanted to add": skip "to" and one or two verbs */
    if (k == W_TO && e - 1 >= lo && S_lower_initial(c, e - 1) &&
        c->cls[e - 1] != W_PRON && c->cls[e - 1] != W_DET) {
      e -= 2;
      if (e >= lo && (c->cls[e + 1] == W_PREP || c->cls[e + 1] == W_NONE) &&
          S_lower_initial(c, e) && c->cls[e] == W_NONE && c->cls[e + 1] == W_PREP)
        e--; /* "went on" */
      skipped += 2;
      continue;
    }
    break;
  }
  if (e < lo) return S_nospk();
  /* ", writing ..." / "..., but told": the subject of the clause */
  bool ing_comma = S_is_punct(c, e, ',') && (c->fl[v] & F_ING);
  /* "Mr. Lee deflected questions before saying", "after telling" */
  bool ing_sub = (c->fl[v] & F_ING) && c->cls[e] == W_STOP && (c->fl[e] & F_SUB) &&
                 e == v - 1;
  if (ing_comma || ing_sub || (c->cls[e] == W_STOP && (c->fl[e] & F_COORD))) {
    S_spk s = S_nospk();
    if (c->cls[e] == W_STOP && !ing_sub) { /* "..., Ms. Sherry smiled and said" */
      int32_t b = e - 1;
      while (b > lo && !S_is_punct(c, b - 1, ',') && !S_is_punct(c, b - 1, ';') && e - b < 12)
        b--;
      if (b > lo) s = S_named_at(c, b, e);
    }
    if (s.start < 0 && (ing_comma || (c->cls[e] == W_STOP && !ing_sub))) {
      /* "Lee said, adding", "Lee said it was early but added" */
      S_spk inv;
      int32_t j = S_prev_cue(c, e, lo, &inv);
      if (j >= 0) s = inv.start >= 0 ? inv : S_subject(c, j, lo); /* j is no -ing cue */
    }
    if (s.start < 0) s = S_clause_subject(c, lo, e);
    if (s.start >= 0 || c->cls[e] == W_STOP) return s;
  }
  if (S_is_punct(c, e, ',')) {
    /* appositive: nearest named mention to the left, within the clause */
    int32_t stop = e - 30 > lo ? e - 30 : lo;
    for (int32_t j = e - 1; j >= stop; j--) {
      if (c->inq[j] || c->T[j].kind == BL_TOK_QUOTE) break;
      int32_t m = S_mention_of(c, j);
      if (m >= 0) {
        int32_t ms = c->M[m].tok_start;
        int32_t before = ms - 1;
        while (before >= lo && ms - before <= 3 && !c->inq[before] &&
               (c->T[before].kind == BL_TOK_ABBREV ||
                (c->T[before].kind == BL_TOK_WORD && S_upper_initial(c, before) &&
                 c->cls[before] == W_NONE)))
          before--; /* titles: "Sen. Richard Durbin" */
        if (before < lo || S_is_punct(c, before, ',') || c->cls[before] == W_STOP ||
            c->cls[before] == W_THAT || c->T[before].kind == BL_TOK_QUOTE)
          return S_spk_from_mention(c, m, lo);
        j = ms; /* skip the rest of this mention */
      }
      if (S_sent_final(c, j)) break;
    }
    /* no named mention: the noun phrase before the appositive's comma
     * ("Graham, a former candidate, said") */
    int32_t commas = 0, j = e - 1;
    for (; j >= stop; j--) {
      if (c->inq[j] || c->T[j].kind == BL_TOK_QUOTE || S_sent_final(c, j)) break;
      if (S_is_punct(c, j, ',') && ++commas == 1) break;
    }
    if (commas == 1 && j - 1 >= lo) {
      S_spk s = S_np_back(c, j - 1, lo);
      if (s.start >= 0) return s;
    }
    return S_nospk();
  }
  return S_np_back(c, e, lo);
}

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */
typedef struct {
  int32_t a, b;       /* content token range [a, b) */
  int32_t kind, cue, cue_a, cue_b, sent, flags;
  S_spk spk;
} S_q;

static int S_emit(S_ctx *c, bl_vec *out, const S_q *q) {
  if (q->a >= q->b) return BL_OK;
  bl_quote *r = bl_vec_push(out);
  if (!r) return BL_ENOMEM;
  r->start = c->T[q->a].start;
  r->end = c->T[q->b - 1].end;
  r->kind = q->kind;
  r->speaker = q->spk.entity;
  if (q->spk.start >= 0 && q->spk.end > q->spk.start) {
    r->speaker_start = c->T[q->spk.start].start;
    r->speaker_end = c->T[q->spk.end - 1].end;
  } else {
    r->speaker_start = r->speaker_end = -1;
  }
  r->cue = q->cue;
  if (q->cue_a >= 0 && q->cue_b > q->cue_a) {
    r->cue_start = c->T[q->cue_a].start;
    r->cue_end = c->T[q->cue_b - 1].end;
  } else {
    r->cue_start = r->cue_end = -1;
  }
  r->sentence = q->sent;
  r->flags = q->flags;
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* Pass 1: pairing                                                     */
/* ------------------------------------------------------------------ */
typedef struct {
  int32_t tok;
  int fam;

} S_open;

static int S_pair_marks(S_ctx *c, bl_vec *pairs) {
  S_open st[S_MAX_STACK];
  int n = 0;
  int32_t cur_para = -1;
  int32_t multipara = 0;
  for (int32_t i = 0; i < c->nt; i++) {
    int32_t para = S_para_of(c, i);
    if (para != cur_para) {
      /* Paragraph break.  An outermost opener still open continues only
       * when the new paragraph starts with a mark of its family. */
      if (cur_para >= 0 && n > 0) {
        S_open bottom = st[0];
        bool cont = c->T[i].kind == BL_TOK_QUOTE &&
                    (c->T[i].flags & BL_TF_QUOTE_OPEN) &&
                    S_family(c, i) == bottom.fam;
        if (cont) {
          n = 1;
          multipara = 1;
          cur_para = para;
          continue; /* the reopening mark is part of the quote */
        }
        /* unclosed: keep the outermost opener, up to the paragraph end */
        if (i - 1 > bottom.tok) {
          S_pair *p = bl_vec_push(pairs);
          if (!p) return BL_ENOMEM;
          p->open = bottom.tok;
          p->close = i; /* one past the last token */
          p->flags = BL_QF_UNCLOSED | (multipara ? BL_QF_MULTIPARA : 0);
        }
        n = 0;
      }
      multipara = 0;
      cur_para = para;
    }
    if (c->T[i].kind != BL_TOK_QUOTE) continue;
    uint32_t f = (uint32_t)c->T[i].flags;
    bool can_open = f & BL_TF_QUOTE_OPEN, can_close = f & BL_TF_QUOTE_CLOSE;
    if (!can_open && !can_close) continue;
    int fam = S_family(c, i);
    if (can_close) {
      int k = n - 1;
      for (; k >= 0; k--)
        if (st[k].fam == fam) break;
      if (k >= 0) {
        if (k == 0) {
          S_pair *p = bl_vec_push(pairs);
          if (!p) return BL_ENOMEM;
          p->open = st[0].tok;
          p->close = i;
          p->flags = multipara ? BL_QF_MULTIPARA : 0;
          multipara = 0;
        }
        n = k; /* pop it and anything opened after it */
        continue;
      }
    }
    if (can_open) {
      if (n < S_MAX_STACK) {
        st[n].tok = i;
        st[n].fam = fam;

        n++;
      }
    }
  }
  if (n > 0 && c->nt - 1 > st[0].tok) {
    S_pair *p = bl_vec_push(pairs);
    if (!p) return BL_ENOMEM;
    p->open = st[0].tok;
    p->close = c->nt;
    p->flags = BL_QF_UNCLOSED | (multipara ? BL_QF_MULTIPARA : 0);
  }
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* Pass 2: attribute pairs                                             */
/* ------------------------------------------------------------------ */

/* After a cue that opens a new sentence right after a quote ('"...!"
 * Trump said.'), does the rest of the sentence only say how/where/when it
 * was said ("in a statement", "as he left", ", adding", "Tuesday", "told
 * CNN's host on Monday"), with no reported clause of its own ("said he
 * would ...", "said that ...")?  obj: the cue takes an addressee (told). */
static bool S_tail_ok(const S_ctx *c, int32_t a, int32_t hi, bool obj) {
  if (a >= hi) return true;
  for (int32_t t = a; t < hi && t - a < 10; t++) {
    if (S_sent_final(c, t) || S_is_punct(c, t, ',') || S_is_punct(c, t, ':'))
      return true;
    if (c->T[t].kind == BL_TOK_QUOTE || c->inq[t]) return false;
    uint8_t k = c->cls[t];
    if (k == W_PREP || (k == W_STOP && (c->fl[t] & F_SUB))) return true;
    if (k == W_TO && !obj && t + 1 < hi &&
        (S_upper_initial(c, t + 1) || c->cls[t + 1] == W_DET))
      return true; /* "said to reporters", not "said to be" */
    if (k == W_THAT || k == W_BE || k == W_CUE || k == W_TO || k == W_PRON) return false;
    if (t == a && obj) continue; /* the addressee */
    if (S_upper_initial(c, t) || c->T[t].kind == BL_TOK_CLITIC ||
        c->T[t].kind == BL_TOK_NUMBER)
      continue; /* "Tuesday", "CNN's" */
    if (obj && k == W_NONE && c->T[t].pos != BL_UPOS_VERB) continue; /* "told the station" */
    if (obj && k == W_DET) continue;
    if (k == W_SKIP) continue; /* "said later" */
    if (S_lower_initial(c, t) && c->T[t].pos == BL_UPOS_ADV) continue;
    return false;
  }
  return false;
}

/* The attribution after a closing mark at k: ", he said", ", said X",
 * "X said", ", according to X", "— X".  Fills q and returns the last
 * token of the attribution, or -1. */
static int32_t S_attr_after_known(S_ctx *c, int32_t k, S_q *q) {
  int32_t i = k + 1;
  if (i >= c->nt) return -1;
  if (S_is_punct(c, i, ',')) i++;
  if (i >= c->nt || c->inq[i]) return -1;
  int32_t hi = S_sent_hi(c, i);
  /* after "...win." a new sentence must start in lower case (he said), or
   * be a bare attribution: '"...!" Trump said as he left.' */
  bool newsent = false;
  if (S_sent_of(c, i) != S_sent_of(c, k) && !S_lower_initial(c, i)) {
    if (c->T[i].kind != BL_TOK_DASH) {
      if (!S_upper_initial(c, i) || (c->T[i].flags & BL_TF_PARA_START) ||
          S_para_of(c, i) != S_para_of(c, k))
        return -1;
      newsent = true;
    }
  }
  if (c->T[i].kind == BL_TOK_DASH) {
    S_spk s = S_np_fwd(c, i + 1, hi);
    if (s.start < 0 || !(s.entity >= 0 || S_upper_initial(c, s.start)))
      return -1;
    q->spk = s;
    q->cue = C_DASH;
    q->cue_a = i;
    q->cue_b = i + 1;
    return s.end - 1;
  }
  int32_t lim = i + S_MAX_FWD < hi ? i + S_MAX_FWD : hi;
  for (int32_t j = i; j < lim; j++) {
    if (c->inq[j] || c->T[j].kind == BL_TOK_QUOTE) return -1;
    if (c->cls[j] == W_ACCORDING && j + 1 < hi && c->cls[j + 1] == W_TO) {
      if (j != i || newsent) return -1;
      S_spk s = S_np_fwd(c, j + 2, hi);
      if (s.start < 0) return -1;
      q->spk = s;
      q->cue = C_ACCORDING;
      q->cue_a = j;
      q->cue_b = j + 2;
      return s.end - 1;
    }
    if (S_cue_ok2(c, j, true)) {
      if (newsent) {
        if (j == i || !S_tail_ok(c, j + 1, hi, c->fl[j] & F_OBJ)) return -1;
        S_spk s = S_subject(c, j, i);
        if (s.start < 0 || s.start - i > 3) return -1;
        for (int32_t t = i; t < s.start; t++) /* "US Senator Jeff Sessions" */
          if (!(S_upper_initial(c, t) || c->cls[t] == W_DET)) return -1;
        q->spk = s;
        q->cue = c->lem[j];
        q->cue_a = j;
        q->cue_b = S_cue_end(c, j);
        return j;
      }
      if (j == i) { /* inversion: said X */
        S_spk s = S_np_fwd(c, j + 1, hi);
        if (s.start < 0) return -1;
        q->spk = s;
        q->cue = c->lem[j];
        q->cue_a = j;
        q->cue_b = S_cue_end(c, j);
        return s.end - 1;
      }
      S_spk s = S_subject(c, j, i);
      if (s.start < 0 && S_is_punct(c, j - 1, ',') && !(c->fl[j] & F_ING)) {
        /* '"...," since ..., said X.': the quote's own sentence goes on
         * after the mark, then the attribution is inverted */
        S_spk inv = S_np_fwd(c, j + 1, hi);
        if (inv.start >= 0 && (inv.end >= hi || S_sent_final(c, inv.end) ||
                               S_is_punct(c, inv.end, ','))) {
          q->spk = inv;
          q->cue = c->lem[j];
          q->cue_a = j;
          q->cue_b = S_cue_end(c, j);
          return inv.end - 1;
        }
      }
      if (s.start < 0) return -1;
      q->spk = s;
      q->cue = c->lem[j];
      q->cue_a = j;
      q->cue_b = S_cue_end(c, j);
      return j;
    }
    /* only a noun phrase (with apposition commas) may stand between */
    if (!(S_is_word(c, j) || S_is_punct(c, j, ',') || S_np_punct(c, j) ||
          c->T[j].kind == BL_TOK_CLITIC))
      return -1;
  }
  return -1;
}

/* A lower-case word ending in -ed/-s that the lexicon does not know:
 * a speech verb when it sits in the attribution slot ("beamed", "quipped"). */
static bool S_unknown_verb(const S_ctx *c, int32_t i) {
  if (i >= c->nt || c->T[i].kind != BL_TOK_WORD || c->cls[i] != W_NONE ||
      !S_lower_initial(c, i) || c->inq[i])
    return false;
  int pos = c->T[i].pos;
  if (pos && pos != BL_UPOS_VERB) return false;
  int32_t n = c->X[i].bend - c->X[i].bstart;
  const char *t = c->doc->text + c->X[i].bstart;
  return n >= 4 && ((t[n - 2] == 'e' && t[n - 1] == 'd') || t[n - 1] == 's');
}

static int32_t S_attr_after(S_ctx *c, int32_t k, S_q *q) {
  int32_t r = S_attr_after_known(c, k, q);
  if (r >= 0 || k + 1 >= c->nt || k < 1) return r;
  /* "...," VERBed X  /  "...!" X VERBed -- with a verb the lexicon lacks,
   * only right after a quote that ends in , ! or ? (the attribution slot) */
  int32_t i = k + 1, p = k - 1;
  while (p > 0 && c->T[p].kind == BL_TOK_QUOTE) p--;
  bool slot = S_is_punct(c, p, ',') || S_is_punct(c, p, '!') || S_is_punct(c, p, '?');
  if (!slot && S_is_punct(c, i, ',')) {
    slot = true;
    i++;
  }
  if (!slot || i >= c->nt || c->inq[i]) return -1;
  if (S_sent_of(c, i) != S_sent_of(c, k) && !S_lower_initial(c, i)) return -1;
  int32_t hi = S_sent_hi(c, i);
  if (S_unknown_verb(c, i)) {
    S_spk s = S_named_at(c, i + 1, hi);
    if (s.start < 0 || c->cls[s.start] == W_PRON || c->cls[s.start] == W_DET) return -1;
    q->spk = s;
    q->cue = C_NONE;
    q->cue_a = i;
    q->cue_b = i + 1;
    return s.end - 1;
  }
  S_spk s = S_named_at(c, i, hi);
  if (s.start < 0 || !S_unknown_verb(c, s.end)) return -1;
  q->spk = s;
  q->cue = C_NONE;
  q->cue_a = s.end;
  q->cue_b = s.end + 1;
  return s.end;
}

/* "And Mr. Lee gloated: "..."", "Lee shot back, "..."": a verb the
 * lexicon lacks (possibly with a particle or adverb) right before the colon
 * or comma that introduces a direct quote; its subject speaks. */
static bool S_attr_verb_before(S_ctx *c, int32_t o, int32_t lo, S_q *q) {
  int32_t p = o - 1;
  if (p - 1 < lo || !(S_is_punct(c, p, ':') || S_is_punct(c, p, ','))) return false;
  if (o + 1 >= c->nt || !S_upper_initial(c, o + 1)) return false;
  for (int32_t v = p - 1; v >= lo && p - v <= 3; v--) {
    if (c->inq[v] || !S_is_word(c, v) || !S_lower_initial(c, v)) return false;
    if (c->cls[v] != W_NONE && c->cls[v] != W_SKIP) return false;
    if (c->T[v].pos != BL_UPOS_VERB) continue;
    int32_t n = c->X[v].bend - c->X[v].bstart;
    const char *t = c->doc->text + c->X[v].bstart;
    if (n >= 3 && t[n - 3] == 'i' && t[n - 2] == 'n' && t[n - 1] == 'g') return false;
    S_spk s = S_subject(c, v, lo);
    if (s.start < 0 || c->cls[s.start] == W_DET || c->cls[s.start] == W_PREP) return false;
    if (!(s.entity >= 0 || c->cls[s.start] == W_PRON || S_upper_initial(c, s.start)))
      return false;
    if (s.entity >= 0 && c->E[s.entity].label != BL_LABEL_PERSON &&
        c->E[s.entity].label != BL_LABEL_ORG)
      return false;
    q->spk = s;
    q->cue = C_NONE;
    q->cue_a = v;
    q->cue_b = v + 1;
    return true;
  }
  return false;
}

/* A cue before the opening mark o in its sentence. For a direct quote the
 * cue must be close ("X said:", "X told the BBC:"); a partial quote takes
 * any earlier cue of its sentence. */
static bool S_attr_before(S_ctx *c, int32_t o, int32_t lo, bool near, S_q *q) {
  int32_t stop = o - S_MAX_BACK > lo ? o - S_MAX_BACK : lo;
  for (int32_t j = o - 1; j >= stop; j--) {
    if (c->inq[j]) return false;
    bool punct_before = o > 0 && (S_is_punct(c, o - 1, ':') || S_is_punct(c, o - 1, ','));
    if (near && o - j > (punct_before ? 25 : 10)) return false;
    if (c->cls[j] == W_ACCORDING && j + 1 < o && c->cls[j + 1] == W_TO) {
      S_spk s = S_np_fwd(c, j + 2, o);
      if (s.start < 0) return false;
      q->spk = s;
      q->cue = C_ACCORDING;
      q->cue_a = j;
      q->cue_b = j + 2;
      return true;
    }
    /* "He concluded, "..."", "a man yelled "..."": post cues right before */
    if (S_cue_ok2(c, j, o - j <= 2)) {
      S_spk s = S_subject(c, j, lo);
      if (s.start < 0 && (c->fl[j] & F_ING)) s = S_np_fwd(c, lo, j);
      if (s.start < 0 && j + 1 < o) s = S_named_at(c, j + 1, o); /* Stated Stone: */
      q->spk = s;
      q->cue = c->lem[j];
      q->cue_a = j;
      q->cue_b = S_cue_end(c, j);
      return true;
    }
  }
  return false;
}

/* A cue after the closing mark anywhere later in the sentence (partial
 * quotes: 'discuss "issues ...", according to Moscow'). */
static bool S_attr_later(S_ctx *c, int32_t k, S_q *q) {
  if (k + 1 >= c->nt) return false;
  int32_t hi = S_sent_hi(c, k);
  if (hi > k + S_MAX_SENT_SCAN) hi = k + S_MAX_SENT_SCAN;
  for (int32_t j = k + 1; j < hi; j++) {
    if (c->T[j].kind == BL_TOK_QUOTE) return false;
    if (c->cls[j] == W_ACCORDING && j + 1 < hi && c->cls[j + 1] == W_TO) {
      S_spk s = S_np_fwd(c, j + 2, hi);
      if (s.start < 0) return false;
      q->spk = s;
      q->cue = C_ACCORDING;
      q->cue_a = j;
      q->cue_b = j + 2;
      return true;
    }
    if (S_cue_ok(c, j)) {
      S_spk s = S_subject(c, j, k + 1);
      if (s.start < 0) return false;
      q->spk = s;
      q->cue = c->lem[j];
      q->cue_a = j;
      q->cue_b = S_cue_end(c, j);
      return true;
    }
  }
  return false;
}

/* A cue in the sentence before a quote that opens its sentence, when the
 * cue says nothing itself: "X said in a statement." / "X told reporters."
 * / "X said Tuesday." followed by the quote. */
static bool S_attr_prev_sentence(S_ctx *c, int32_t lo, S_q *q) {
  int32_t plo = S_sent_lo(c, lo - 1), hi = lo;
  while (hi > plo && (S_sent_final(c, hi - 1) || S_is_punct(c, hi - 1, ':'))) hi--;
  int32_t stop = hi - 30 > plo ? hi - 30 : plo;
  for (int32_t j = hi - 1; j >= stop; j--) {
    if (c->inq[j]) return false;
    if (!S_cue_ok(c, j)) continue;
    int32_t a = j + 1;
    if ((c->fl[j] & F_OBJ) && a < hi) {
      S_spk obj = S_np_fwd(c, a, hi);
      if (obj.start >= 0) a = obj.end;
    }
    bool ok = a >= hi || c->cls[a] == W_PREP ||
              (hi - a <= 2 && S_upper_initial(c, a));
    for (int32_t t = a; t < hi && ok; t++)
      if (c->cls[t] == W_THAT || c->cls[t] == W_BE || c->cls[t] == W_CUE ||
          c->T[t].kind == BL_TOK_QUOTE || t - a > 8)
        ok = false;
    if (!ok) return false;
    S_spk s = S_subject(c, j, plo);
    if (s.start < 0) return false;
    q->spk = s;
    q->cue = c->lem[j];
    q->cue_a = j;
    q->cue_b = S_cue_end(c, j);
    return true;
  }
  return false;
}

static void S_mark_used(S_ctx *c, const S_q *q) {
  /* the cue of a partial quote also introduces the reported clause around
   * it ('Lee said the plan was "a farce" and would fail'): pass 3 may
   * take it again */
  uint8_t v = q->kind == BL_QUOTE_PARTIAL ? 2 : 1;
  for (int32_t j = q->cue_a; j >= 0 && j < q->cue_b && j < c->nt; j++)
    if (!c->used[j] || c->used[j] > v) c->used[j] = v;
}

static int S_attribute_pairs(S_ctx *c, const bl_vec *pairs, bl_vec *out) {
  const S_pair *P = pairs->data;
  size_t np = pairs->len;
  /* mark quoted tokens first, so cues inside quotes are never used */
  for (size_t p = 0; p < np; p++) {
    int32_t last = (P[p].flags & BL_QF_UNCLOSED) ? P[p].close - 1 : P[p].close;
    for (int32_t j = P[p].open; j <= last && j < c->nt; j++) c->inq[j] = 1;
  }

  S_q prev;
  memset(&prev, 0, sizeof(prev));
  bool have_prev = false;
  int32_t prev_attr_end = -2, prev_para = -1, prev_close = -1;
  for (size_t p = 0; p < np; p++) {
    int32_t o = P[p].open, k = P[p].close;
    int32_t a = o + 1, b = k; /* content tokens */
    bool unclosed = P[p].flags & BL_QF_UNCLOSED;
    /* trailing ", " inside the marks belongs to the attribution */
    while (a < b && c->T[a].kind == BL_TOK_QUOTE) a++;
    while (b > a && (S_is_punct(c, b - 1, ',') || S_is_punct(c, b - 1, ':') ||
                     c->T[b - 1].kind == BL_TOK_QUOTE)) /* ,'' of ''...,'' */
      b--;
    if (a >= b) continue;

    S_q q;
    memset(&q, 0, sizeof(q));
    q.a = a;
    q.b = b;
    q.cue_a = q.cue_b = -1;
    q.spk = S_nospk();
    q.sent = S_sent_of(c, o);
    q.flags = P[p].flags;

    /* ---- kind ---- */
    int32_t lo = S_sent_lo(c, o);
    /* nothing but punctuation between the sentence start and the mark
     * (looked at over at most 32 tokens: linear on hostile input) */
    bool at_start = o - lo <= 32;
    for (int32_t j = o - 1; at_start && j >= lo; j--)
      if (S_is_word(c, j)) at_start = false;
    bool after_colon = o > lo && (S_is_punct(c, o - 1, ':') ||
                                  S_is_punct(c, o - 1, ','));
    bool after_cue = o > 0 && c->cls[o - 1] == W_CUE && !c->inq[o - 1] &&
                     S_upper_initial(c, a);
    bool multi = false, has_final = false;
    for (int32_t j = a; j < b && j < a + 400; j++) {
      if (S_sent_of(c, j) != S_sent_of(c, a)) multi = true;
      if (S_sent_final(c, j)) has_final = true;
    }
    int32_t nwords = 0;
    for (int32_t j = a; j < b && nwords < 8; j++) nwords += S_is_word(c, j);
    bool direct = at_start || after_colon || after_cue || multi ||
                  (P[p].flags & BL_QF_MULTIPARA) || unclosed;
    q.kind = direct ? BL_QUOTE_DIRECT : BL_QUOTE_PARTIAL;

    /* ---- broken quote: the piece after "...," he said, ---- */
    bool cont = false;
    if (have_prev && prev_attr_end >= 0 && o > prev_attr_end &&
        o - prev_attr_end <= 2) {
      cont = true;
      for (int32_t j = prev_attr_end + 1; j < o; j++)
        if (!(S_is_punct(c, j, ',') || S_is_punct(c, j, '.') ||
              S_is_punct(c, j, ':') || S_is_punct(c, j, ';')))
          cont = false;
    }
    /* "A," he said. "B." -- B opens the sentence right after the one
     * holding the attribution, in the same paragraph: the same quote goes on */
    if (!cont && have_prev && prev_attr_end >= 0 && o > prev_attr_end && at_start &&
        !(c->T[o].flags & BL_TF_PARA_START) && S_sent_hi(c, prev_attr_end) == lo &&
        S_para_of(c, o) == S_para_of(c, prev_attr_end))
      cont = true;

    /* ---- cue and speaker ---- */
    int32_t attr_end = -1;
    if (!unclosed) attr_end = S_attr_after(c, k, &q);
    if (attr_end < 0 && cont) {
      q.kind = prev.kind;
      q.spk = prev.spk;
      q.cue = prev.cue;
      q.cue_a = prev.cue_a;
      q.cue_b = prev.cue_b;
      q.flags |= BL_QF_CONTINUED;
    } else if (attr_end < 0) {
      bool found = direct && S_attr_verb_before(c, o, lo, &q);
      if (!found) found = S_attr_before(c, o, lo, direct, &q);
      if (!found && !direct && !unclosed) found = S_attr_later(c, k, &q);
      if (!found && direct && at_start && lo > 0 &&
          S_is_punct(c, lo - 1, ':')) {
        /* X said:\n "..." -- the cue ends the previous sentence */
        int32_t plo = S_sent_lo(c, lo - 1);
        found = S_attr_before(c, lo - 1, plo, false, &q);
        if (!found) {
          int32_t b = lo - 2;
          while (b > plo && !(S_is_punct(c, b - 1, ',') || S_is_punct(c, b - 1, ';') ||
                              c->T[b - 1].kind == BL_TOK_DASH))
            b--;
          S_spk s = S_named_at(c, b, lo - 1);
          if (s.start < 0 && b > plo) s = S_named_at(c, plo, lo - 1);
          if (s.start >= 0) {
            q.spk = s;
            q.cue = C_COLON;
            q.cue_a = lo - 1;
            q.cue_b = lo;
            found = true;
          }
        }
      }
      if (!found && direct && o - 1 > lo && S_is_punct(c, o - 1, ':')) {
        /* Trump: "..." (headlines, transcripts) */
        S_spk s = S_np_back(c, o - 2, lo);
        if (s.start >= 0 && !(s.entity >= 0 || S_upper_initial(c, s.end - 1)))
          s = S_nospk();
        if (s.start < 0) { /* "Cruz called them on it:" */
          int32_t b = o - 2;
          while (b > lo && !(S_is_punct(c, b - 1, ',') || S_is_punct(c, b - 1, ';') ||
                             c->T[b - 1].kind == BL_TOK_DASH))
            b--;
          s = S_named_at(c, b, o - 1);
          if (s.start < 0 && b > lo) s = S_named_at(c, lo, o - 1);
        }
        if (s.start >= 0) {
          q.spk = s;
          q.cue = C_COLON;
          q.cue_a = o - 1;
          q.cue_b = o;
          found = true;
        }
      }
      if (!found && direct && at_start && lo > 0)
        found = S_attr_prev_sentence(c, lo, &q);
      if (!found && direct && have_prev && prev.spk.start >= 0 &&
          S_para_of(c, o) - prev_para <= 1 && prev.kind == BL_QUOTE_DIRECT &&
          prev_close >= 0 && o - prev_close < 400) {
        /* a further quote paragraph with no cue: the last speaker goes on */
        q.spk = prev.spk;
      }
      if (!found && direct && q.spk.start < 0 && at_start && lo > 0 &&
          (c->T[o].flags & BL_TF_PARA_START) && !c->inq[lo - 1]) {
        /* a quote paragraph after a sentence about someone: "Viguerie is
         * upbeat about ...\n\n"Not only ..."" -- its subject speaks */
        int32_t plo = S_sent_lo(c, lo - 1);
        S_spk s = S_named_at(c, plo, lo);
        if (s.start >= 0 && s.end < lo && S_is_word(c, s.end) && S_lower_initial(c, s.end) &&
            (s.entity < 0 ? c->cls[s.start] != W_DET /* not "The vote" */
                          : (c->E[s.entity].label == BL_LABEL_PERSON ||
                             c->E[s.entity].label == BL_LABEL_ORG)))
          q.spk = s;
      }
      if (!found && direct && q.spk.start < 0 && !multi && !has_final &&
          nwords <= 4)
        q.kind = BL_QUOTE_PARTIAL; /* a title or a scare phrase */
    }
    if (q.cue_a >= 0 && !(q.flags & BL_QF_CONTINUED)) S_mark_used(c, &q);
    int rc = S_emit(c, out, &q);
    if (rc < 0) return rc;
    /* a partial quote inside the attribution that follows a quote ('"A,"
     * Lee said on ''Meet the Press.'' "B."') does not end that quote: the
     * next piece still continues it */
    if (q.kind == BL_QUOTE_PARTIAL && have_prev && prev_attr_end >= 0 && o > prev_attr_end &&
        S_sent_of(c, o) == S_sent_of(c, prev_attr_end))
      continue;
    prev = q;
    have_prev = true;
    prev_attr_end = attr_end >= 0 ? attr_end : -2;
    if (cont && attr_end < 0) prev_attr_end = -2;
    prev_para = S_para_of(c, unclosed ? (k - 1 < c->nt ? k - 1 : c->nt - 1) : k);
    prev_close = k;
  }
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* Pass 3: reported speech                                             */
/* ------------------------------------------------------------------ */

/* End (exclusive) of reported content starting at a, in sentence [.., hi). */
static int32_t S_content_end(const S_ctx *c, int32_t a, int32_t hi, bool sub) {
  int32_t j = a;
  if (hi - a > 512) hi = a + 512; /* no reported clause is longer */
  for (; j < hi; j++) {
    if (S_sent_final(c, j)) break;
    if (sub && S_is_punct(c, j, ',') && j > a + 1) break;
    if (S_is_punct(c, j, ',') && j + 1 < hi) {
      uint8_t n = c->cls[j + 1];
      if ((n == W_STOP && (c->fl[j + 1] & F_CLAUSE)) || n == W_ACCORDING ||
          (n == W_CUE && (c->fl[j + 1] & F_ING)))
        break;
    }
    if (c->T[j].kind == BL_TOK_DASH && j > a && !(c->T[j].flags & BL_TF_HYPHEN_INFIX))
      break;
    /* "... but added, "..."": the cue of another quote ends the clause */
    if (j > a && c->cls[j] == W_CUE && c->used[j] == 1) break;
  }
  while (j > a + 1 && c->cls[j - 1] == W_STOP && (c->fl[j - 1] & F_COORD)) j--;
  while (j > a && (S_is_punct(c, j - 1, ',') || c->T[j - 1].kind == BL_TOK_QUOTE)) {
    if (c->T[j - 1].kind == BL_TOK_QUOTE && j - 1 > a && c->inq[j - 2] &&
        !(c->T[j - 2].kind == BL_TOK_QUOTE))
      break; /* the closing mark of a quote inside the clause stays */
    j--;
  }
  return j;
}

static int32_t S_count_words(const S_ctx *c, int32_t a, int32_t b) {
  int32_t n = 0;
  for (int32_t j = a; j < b && n < 3; j++) n += S_is_word(c, j) || c->T[j].kind == BL_TOK_QUOTE;
  return n;
}

static int S_reported(S_ctx *c, bl_vec *out) {
  for (int32_t s = 0; s < c->ns; s++) {
    int32_t lo = c->S[s].tok_start, hi = c->S[s].tok_end;
    if (lo < 0 || hi > c->nt || lo >= hi) continue;
    /* "While Beijing denies X, it ...": the content ends at the comma */
    bool sub = c->cls[lo] == W_STOP && (c->fl[lo] & F_SUB);
    for (int32_t j = lo; j < hi; j++) {
      if (sub && j > lo && S_is_punct(c, j, ',')) sub = false;
      if (c->inq[j] || S_taken(c, j)) continue;
      S_q q;
      memset(&q, 0, sizeof(q));
      q.cue_a = q.cue_b = -1;
      q.spk = S_nospk();
      q.sent = s;
      q.kind = BL_QUOTE_INDIRECT;
      q.a = q.b = -1;

      if (c->cls[j] == W_ACCORDING && j + 1 < hi && c->cls[j + 1] == W_TO) {
        S_spk sp = S_np_fwd(c, j + 2, hi);
        if (sp.start < 0) continue;
        q.spk = sp;
        q.cue = C_ACCORDING;
        q.cue_a = j;
        q.cue_b = j + 2;
        /* "According to X, CONTENT." or "CONTENT, according to X." */
        int32_t after = sp.end;
        if (after < hi && S_is_punct(c, after, ',') &&
            S_count_words(c, lo, j) == 0) {
          q.a = after + 1;
          q.b = S_content_end(c, q.a, hi, false);
        } else if (j > lo && S_is_punct(c, j - 1, ',')) {
          q.a = lo;
          q.b = j - 1;
        }
      } else if (c->cls[j] == W_DECLINE && j + 2 < hi && c->cls[j + 1] == W_TO &&
                 c->cls[j + 2] == W_COMMENT) {
        S_spk sp = S_subject(c, j, lo);
        if (sp.start < 0) continue;
        q.spk = sp;
        q.cue = C_DECLINE;
        q.cue_a = j;
        q.cue_b = j + 3;
        q.a = j;
        q.b = S_content_end(c, j + 3, hi, sub);
        if (q.b <= j + 3) q.b = j + 3;
      } else if (S_cue_ok(c, j)) {
        S_spk sp = S_nospk();
        if (j > lo + 1 && S_is_punct(c, j - 1, ',') && !(c->fl[j] & F_ING) && j + 1 < hi) {
          /* "CONTENT, said Ann Lee, an analyst." -- before any subject to
           * the left of the comma */
          S_spk inv = S_np_fwd(c, j + 1, hi);
          if (inv.start >= 0 && (inv.entity >= 0 || S_upper_initial(c, inv.start) ||
                                 c->cls[inv.start] == W_DET) &&
              (inv.end >= hi || S_sent_final(c, inv.end) || S_is_punct(c, inv.end, ','))) {
            q.cue = c->lem[j];
            q.cue_a = j;
            q.cue_b = S_cue_end(c, j);
            q.spk = inv;
            q.a = lo;
            q.b = j - 1;
            goto done_clause;
          }
        }
        sp = S_subject(c, j, lo);
        if (sp.start < 0 && (c->fl[j] & F_ING) && j > lo &&
            S_is_punct(c, j - 1, ',')) {
          /* ", saying ..." takes the subject of its clause */
          sp = S_np_fwd(c, lo, j);
          if (sp.start >= 0 && c->cls[sp.start] == W_STOP) sp = S_nospk();
        }
        q.cue = c->lem[j];
        q.cue_a = j;
        q.cue_b = S_cue_end(c, j);
        int32_t a = q.cue_b;
        if (c->lem[j] == C_PUT && a < hi && S_is_punct(c, a, ',')) a++; /* "put it, ..." */
        if (sp.start < 0 && a < hi) {
          /* inversion at the end: "CONTENT, said X." */
          S_spk inv = S_np_fwd(c, a, hi);
          if (inv.start >= 0 && j > lo && S_is_punct(c, j - 1, ',') &&
              (inv.end >= hi || S_sent_final(c, inv.end) ||
               S_is_punct(c, inv.end, ','))) {
            q.spk = inv;
            q.a = lo;
            q.b = j - 1;
          }
        } else if (sp.start >= 0) {
          q.spk = sp;
          if ((c->fl[j] & F_OBJ) && a < hi) { /* told the BBC (that) */
            S_spk obj = S_np_fwd(c, a, hi);
            if (obj.start >= 0) a = obj.end;
          }
          if (a < hi && (c->cls[a] == W_THAT || S_is_punct(c, a, ':'))) {
            a++;
          } else {
            /* "said in an interview on Tuesday that ...": the clause
             * starts after a "that" past a few words of setting */
            for (int32_t t = a; t < hi && t - a < 12; t++) {
              if (c->cls[t] == W_THAT) {
                if (t > a) a = t + 1;
                break;
              }
              if (S_is_punct(c, t, ',') || S_sent_final(c, t) || c->inq[t] ||
                  c->T[t].kind == BL_TOK_QUOTE || c->cls[t] == W_PRON ||
                  c->cls[t] == W_CUE || c->cls[t] == W_BE || c->cls[t] == W_SKIP ||
                  c->cls[t] == W_STOP || (c->T[t].pos == BL_UPOS_VERB && S_lower_initial(c, t)))
                break;
            }
          }
          int32_t b = S_content_end(c, a, hi, sub);
          /* "CONTENT, Professor Lee said.": titles before the name */
          int32_t sa = sp.start;
          while (sa > lo + 1 && sp.start - sa < 3 && S_upper_initial(c, sa - 1) &&
                 S_is_word(c, sa - 1) && !S_is_punct(c, sa - 1, ','))
            sa--;
          if (S_count_words(c, a, b) >= 2 && c->T[a].kind != BL_TOK_QUOTE) {
            q.a = a;
            q.b = b;
          } else if (sa > lo && S_is_punct(c, sa - 1, ',') &&
                     (a >= hi || S_sent_final(c, a) || S_is_punct(c, a, ',') ||
                      c->cls[a] == W_PREP)) {
            /* "CONTENT, X said." / "CONTENT, X said in a statement." */
            q.a = lo;
            q.b = sa - 1;
          }
        }
      }
    done_clause:
      if (q.a < 0 || q.b <= q.a || S_count_words(c, q.a, q.b) < 2) continue;
      /* skip leading quote marks and trailing punctuation */
      while (q.b > q.a && (S_is_punct(c, q.b - 1, ',') || S_sent_final(c, q.b - 1)))
        q.b--;
      if (q.b <= q.a) continue;
      S_mark_used(c, &q);
      for (int32_t t = q.a; t < q.b; t++) c->used[t] = 1; /* no nested cues */
      int rc = S_emit(c, out, &q);
      if (rc < 0) return rc;
    }
  }
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */
static int S_cmp_quote(const void *x, const void *y) {
  const bl_quote *a = x, *b = y;
  if (a->start != b->start) return a->start < b->start ? -1 : 1;
  if (a->end != b->end) return a->end < b->end ? -1 : 1;
  return 0;
}

int bl__quotes(bl_doc *doc) {
  if (!doc) return BL_EINVAL;
  size_t nt = doc->tokens.len;
  if (nt == 0) return BL_OK;
  if (nt > (size_t)INT32_MAX / 8 || doc->tokx.len != nt) return BL_ETOOBIG;
  int rc = BL_OK;
  S_ctx *c = NULL;
  uint8_t *buf = NULL;
  bl_vec pairs;
  bl_vec_init(&pairs, sizeof(S_pair));

  c = bl_calloc(1, sizeof(*c)); /* the lexicon map is 10 KB: keep it off the stack */
  buf = bl_calloc(nt, 5);
  if (!c || !buf) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  c->doc = doc;
  c->T = doc->tokens.data;
  c->X = doc->tokx.data;
  c->S = doc->sentences.data;
  c->M = doc->mentions.data;
  c->E = doc->entities.data;
  c->nt = (int32_t)nt;
  c->ns = (int32_t)doc->sentences.len;
  c->nm = (int32_t)doc->mentions.len;
  c->ne = (int32_t)doc->entities.len;
  c->cls = buf;
  c->lem = buf + nt;
  c->fl = buf + 2 * nt;
  c->inq = buf + 3 * nt;
  c->used = buf + 4 * nt;
  S_lexmap_build(&c->lex);
  S_classify(c);

  size_t first = doc->quotes.len;
  if ((rc = S_pair_marks(c, &pairs)) < 0) goto cleanup;
  if ((rc = S_attribute_pairs(c, &pairs, &doc->quotes)) < 0) goto cleanup;
  c->reusable = 1;
  if ((rc = S_reported(c, &doc->quotes)) < 0) goto cleanup;
  if (doc->quotes.len > first + 1)
    qsort((bl_quote *)doc->quotes.data + first, doc->quotes.len - first,
          sizeof(bl_quote), S_cmp_quote);

cleanup:
  bl_vec_free(&pairs);
  bl_free(buf);
  bl_free(c);
  return rc;
}
