/*
 * bl_entities.c -- the entity stage: mentions and in-article resolution.
 *
 * Input: tokens (flags, normalised forms), sentences, the knowledge-base
 * layers in doc->cfg (matched here with bl_kb_match), and, when a model ran,
 * the tagger's pos/ner columns.  Output: doc->mentions, doc->entities and
 * the `mention` column of tokens.
 *
 * Steps (each linear in the tokens, or n log n for one sort):
 *   1. per-token cues: closed-class cue words (bl_entities_cues.inc, from
 *      tools/entity_cues.tsv), KB lexicon hits (honorifics, titles, first
 *      names, org heads, legal forms, bodies, stop names), capitalisation,
 *      headline / all-caps / boilerplate lines, and two document-level
 *      facts per word: "seen capitalised mid-sentence" and "seen lower-case";
 *   2. candidates: KB entity hits (ambiguity settled by context), NER spans,
 *      government bodies (country/demonym + body noun), and capitalised
 *      chunks scored by their cues (honorific, title, first name, org head,
 *      legal form, apposition, cue verb);
 *   3. selection: strongest candidates claim their tokens first; weak
 *      chunks only fill what is left (and only without a model); first
 *      names the tagger called a place or an organisation, with person
 *      evidence in the article, become people (S_first_name_people);
 *   4. demonyms and metonyms (a capital or seat of government in political
 *      context stands for its state);
 *   5. resolution: KB entry, full name, acronyms defined in the text, then
 *      short forms (surname, family name first, honorific + surname), an
 *      ambiguous short form getting its own entity flagged ambiguous;
 *   6. gender, salience, canonical name; entities sorted most salient first.
 */
#include "bl_internal.h"

#include <stdlib.h>
#include <utf8proc.h>

#include "bl_entities_cues.inc"

/* Bits beyond the generated S_L_* classes (which use bits 0..25). */
#define S_L_FIRST (1u << 26)   /* a first name (KB lexicon) */
#define S_L_FIRST_M (1u << 27)
#define S_L_FIRST_F (1u << 28)
#define S_L_STOP (1u << 29)    /* KB stop name: capitalised but not a name */
#define S_L_BODY (1u << 30)    /* KB composable government body word */

/* Limits that keep every scan bounded per token. */
#define S_MAX_CHUNK 12   /* tokens in a capitalised chunk */
#define S_MAX_LOOK 4     /* tokens looked at around a mention for context */
#define S_MAX_ALTS 8     /* KB entries weighed for one ambiguous span */

enum { /* candidate evidence (internal) */
  C_HON = 1u << 0,      /* starts with an honorific */
  C_TITLE = 1u << 1,    /* preceded by a title */
  C_FIRST = 1u << 2,    /* starts with a first name */
  C_ORGHEAD = 1u << 3,  /* org head noun / legal form */
  C_KB = 1u << 4,
  C_NER = 1u << 5,
  C_BODY = 1u << 6,     /* country + government body */
  C_DEMONYM = 1u << 7,
  C_ACRONYM = 1u << 8,  /* defined in the text */
  C_WEAK = 1u << 9,
  C_APPOS = 1u << 10,   /* followed by a role apposition */
  C_SPEECH = 1u << 11,  /* next to a speech verb */
  C_POSS = 1u << 12,    /* followed by 's */
  C_AMBIG = 1u << 13,
  C_HEADLINE = 1u << 14 /* in the first line / a headline */
};

typedef struct {
  uint32_t cls;      /* S_L_* bits */
  uint8_t word;      /* a word-like token (WORD / ABBREV) */
  uint8_t cap;       /* first letter upper case */
  uint8_t upper;     /* all upper, >= 2 letters */
  uint8_t lower;     /* all lower */
  uint8_t init;      /* first word of a sentence or line */
  uint8_t noisy;     /* headline / all-caps line: case says nothing */
  uint8_t dead;      /* boilerplate line: nothing here is an entity */
  uint8_t headline;  /* in the document's first line */
  uint8_t capelse;   /* this word is capitalised mid-sentence somewhere */
  uint8_t lowelse;   /* this word appears in lower case somewhere */
  uint8_t kbent;     /* an entity KB alias starts here */
  uint8_t country;   /* a country KB alias covers this token */
} S_tok;

typedef struct {
  int32_t ts, te, layer, entry, kind, label, role, country, country_layer;
  uint32_t aflags, prominence;
  int32_t gender;
} S_hit;

typedef struct {
  int32_t ts, te;       /* token range (honorific included) */
  int32_t name_ts;      /* first token of the name proper */
  int32_t label;
  int32_t layer, entry; /* KB link or -1 */
  int32_t source;
  int32_t score;
  uint32_t ev;          /* C_* evidence */
  uint32_t mflags;      /* BL_MF_* */
  int32_t title_ts, title_te; /* title phrase before the name, or -1 */
  int32_t title_of;     /* candidate index of the state qualifying the title */
  int32_t gender;
  int32_t kbkind;       /* bl_kb_kind of the KB link */
  uint32_t aflags;      /* BL_KBA_* of the KB alias */
  int32_t ent;          /* entity (during resolution) */
} S_cand;

typedef struct {
  uint64_t *keys;
  int32_t *vals;
  size_t mask;
} S_map;

typedef struct {
  bl_doc *doc;
  const bl_config *cfg;
  bl_token *tk;
  bl_tokx *tx;
  S_tok *st;
  int32_t n;
  int has_model;
  S_hit *hits;       /* entity hits, sorted by ts then longest */
  size_t n_hits;
  int32_t *hit_at;   /* first hit index starting at token i, or -1 */
  S_map capset, lowset;
  S_map aloneset;    /* capitalised words seen standing alone ("Gloria was ...") */
  int sport;         /* a match report: two or more sport words (S_L_SPORT) */
  bl_vec cands;      /* S_cand */
  int32_t *owner;    /* selected candidate per token, or -1 */
} S_ctx;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */
static int S_map_init(bl_arena *a, S_map *m, size_t n) {
  size_t cap = 64;
  while (cap < 2 * n + 16) {
    if (cap > ((size_t)1 << 40)) return BL_ETOOBIG;
    cap <<= 1;
  }
  m->keys = bl_arena_alloc(a, cap * sizeof(uint64_t));
  m->vals = bl_arena_alloc(a, cap * sizeof(int32_t));
  if (!m->keys || !m->vals) return BL_ENOMEM;
  m->mask = cap - 1;
  return BL_OK;
}

/* Slot of `key` (never 0): returns the value pointer; creates the slot
 * (value -1) when `create`, else returns NULL when absent.  Callers size the
 * map for the number of keys they insert, so it never fills up. */
static int32_t *S_map_get(S_map *m, uint64_t key, int create) {
  if (!key) key = 1;
  size_t i = (size_t)bl_fmix64(key) & m->mask;
  for (;;) {
    if (m->keys[i] == key) return &m->vals[i];
    if (m->keys[i] == 0) {
      if (!create) return NULL;
      m->keys[i] = key;
      m->vals[i] = -1;
      return &m->vals[i];
    }
    i = (i + 1) & m->mask;
  }
}

/* Map key of a KB entry (layer, entry); callers add a small constant so
 * that entry 0 of layer 0 is no empty slot. */
static uint64_t S_kb_key(int32_t layer, int32_t entry) {
  return ((uint64_t)(uint32_t)layer << 32) | (uint32_t)entry;
}

static const char *S_norm(const S_ctx *c, int32_t i, size_t *len) {
  const bl_tokx *x = &c->tx[i];
  if (x->norm_len > 0 && (size_t)x->norm_off + x->norm_len <= c->doc->norm.len) {
    *len = x->norm_len;
    return (const char *)c->doc->norm.data + x->norm_off;
  }
  *len = (size_t)(x->bend - x->bstart);
  return c->doc->text + x->bstart;
}

static uint64_t S_nh(const S_ctx *c, int32_t i) {
  uint64_t h = c->tx[i].norm_hash;
  return h ? h : 1;
}

/* Cue bits of a token from the generated table (binary search on the
 * normalised form; forms that were not case-folded are folded for ASCII). */
static uint32_t S_cue_bits(const S_ctx *c, int32_t i) {
  size_t len;
  const char *s = S_norm(c, i, &len);
  char buf[48];
  if (len == 0 || len >= sizeof(buf)) return 0;
  for (size_t k = 0; k < len; k++) {
    char ch = s[k];
    buf[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
  }
  size_t lo = 0, hi = sizeof(S_cues) / sizeof(S_cues[0]);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    size_t ml = S_cues[mid].len;
    int r = memcmp(S_cues[mid].s, buf, ml < len ? ml : len);
    if (r == 0) r = (ml > len) - (ml < len);
    if (r == 0) return S_cues[mid].bits;
    if (r < 0) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

static int S_is_word(const bl_token *t) {
  return t->kind == BL_TOK_WORD || t->kind == BL_TOK_ABBREV;
}

/* Case shape of a token from its text. */
static void S_case(const S_ctx *c, int32_t i, uint8_t *cap, uint8_t *upper,
                   uint8_t *lower) {
  const unsigned char *p = (const unsigned char *)c->doc->text + c->tx[i].bstart;
  const unsigned char *e = (const unsigned char *)c->doc->text + c->tx[i].bend;
  int n_up = 0, n_low = 0, first = -1;
  while (p < e) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;
    if (*p < 0x80) {
      cp = *p;
      k = 1;
    } else {
      k = utf8proc_iterate(p, e - p, &cp);
      if (k <= 0) {
        p++;
        continue;
      }
    }
    int up = 0, lo = 0;
    if (cp < 0x80) {
      up = cp >= 'A' && cp <= 'Z';
      lo = cp >= 'a' && cp <= 'z';
    } else {
      utf8proc_category_t cat = utf8proc_category(cp);
      up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
      lo = cat == UTF8PROC_CATEGORY_LL;
    }
    if (first < 0 && (up || lo)) first = up;
    n_up += up;
    n_low += lo;
    p += k;
  }
  *cap = first == 1;
  *upper = n_up >= 2 && n_low == 0;
  *lower = n_low > 0 && n_up == 0;
}

static int S_possessive_at(const S_ctx *c, int32_t i) {
  if (i >= c->n || c->tk[i].kind != BL_TOK_CLITIC) return 0;
  const bl_tokx *x = &c->tx[i];
  char last = c->doc->text[x->bend - 1];
  return last == 's' || last == 'S' || x->bend - x->bstart == 1;
}

static int S_is_punct(const S_ctx *c, int32_t i, char ch) {
  if (i < 0 || i >= c->n) return 0;
  const bl_tokx *x = &c->tx[i];
  return x->bend - x->bstart == 1 && c->doc->text[x->bstart] == ch;
}

static int S_norm_is(const S_ctx *c, int32_t i, const char *w) {
  if (i < 0 || i >= c->n) return 0;
  size_t len;
  const char *s = S_norm(c, i, &len);
  size_t wl = strlen(w);
  if (len != wl) return 0;
  for (size_t k = 0; k < wl; k++) {
    char ch = s[k];
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
    if (ch != w[k]) return 0;
  }
  return 1;
}

/* ------------------------------------------------------------------ */
/* 1. Per-token cues                                                   */
/* ------------------------------------------------------------------ */
static int S_collect_hits(S_ctx *c) {
  const bl_config *cfg = c->cfg;
  c->hit_at = bl_arena_alloc(&c->doc->arena, (size_t)c->n * sizeof(int32_t));
  if (!c->hit_at) return BL_ENOMEM;
  for (int32_t i = 0; i < c->n; i++) c->hit_at[i] = -1;
  if (!cfg || cfg->n_kbs <= 0) return BL_OK;
  bl_vec rawv;
  bl_vec_init(&rawv, sizeof(bl_kb_hit));
  int rc = bl__kb_match(c->doc, &rawv, BL_KBM_ALL);
  if (rc < 0) {
    bl_vec_free(&rawv);
    return rc;
  }
  bl_kb_hit *raw = rawv.data;
  size_t n_raw = rawv.len;
  c->hits = n_raw ? bl_arena_alloc(&c->doc->arena, n_raw * sizeof(S_hit)) : NULL;
  if (n_raw && !c->hits) {
    bl_vec_free(&rawv);
    return BL_ENOMEM;
  }
  for (size_t k = 0; k < n_raw; k++) {
    const bl_kb_hit *h = &raw[k];
    if (h->layer < 0 || h->layer >= cfg->n_kbs || h->tok_start < 0 ||
        h->tok_end > c->n || h->tok_start >= h->tok_end)
      continue;
    bl_kb_entry e;
    if (bl_kb_entry_get(cfg->kbs[h->layer], (size_t)h->entry, &e) < 0) continue;
    if (BL_KB_KIND_IS_LEXICON(e.kind)) {
      uint32_t bits = 0;
      switch (e.kind) {
      case BL_KB_KIND_HONORIFIC:
        bits = S_L_HON | (e.gender == BL_GENDER_MALE ? S_L_HON_M : 0) |
               (e.gender == BL_GENDER_FEMALE ? S_L_HON_F : 0);
        break;
      case BL_KB_KIND_TITLE: bits = S_L_TITLE; break;
      case BL_KB_KIND_FIRST_NAME:
        bits = S_L_FIRST | (e.gender == BL_GENDER_MALE ? S_L_FIRST_M : 0) |
               (e.gender == BL_GENDER_FEMALE ? S_L_FIRST_F : 0);
        break;
      case BL_KB_KIND_ORG_HEAD: bits = S_L_ORGHEAD; break;
      case BL_KB_KIND_LEGAL_FORM: bits = S_L_LEGAL; break;
      case BL_KB_KIND_BODY: bits = S_L_BODY; break;
      case BL_KB_KIND_STOP_NAME: bits = S_L_STOP; break;
      default: break;
      }
      if (e.kind == BL_KB_KIND_TITLE && h->tok_end - h->tok_start > 1) {
        /* "Prime Minister": every word but the last modifies the title. */
        for (int32_t i = h->tok_start; i < h->tok_end - 1; i++)
          c->st[i].cls |= S_L_TITLE_MOD;
        c->st[h->tok_end - 1].cls |= S_L_TITLE;
        continue;
      }
      if (e.kind == BL_KB_KIND_HONORIFIC || e.kind == BL_KB_KIND_FIRST_NAME) {
        /* first-name / honorific cues only make sense one token at a time;
         * a one-letter honorific ("M." for Monsieur) is, in English text,
         * far more often an initial ("M. Gatting") */
        if (h->tok_end - h->tok_start == 1 &&
            !(e.kind == BL_KB_KIND_HONORIFIC &&
              c->tx[h->tok_start].bend - c->tx[h->tok_start].bstart <= 2))
          c->st[h->tok_start].cls |= bits;
        continue;
      }
      for (int32_t i = h->tok_start; i < h->tok_end; i++) c->st[i].cls |= bits;
      continue;
    }
    S_hit *o = &c->hits[c->n_hits++];
    o->ts = h->tok_start;
    o->te = h->tok_end;
    o->layer = h->layer;
    o->entry = h->entry;
    o->kind = e.kind;
    o->label = e.label;
    o->role = e.role;
    o->country = e.country;
    o->country_layer = h->layer;
    if (e.country < 0 && e.country_id[0]) {
      int lay = -1;
      int32_t ce = bl__kb_find_any(c->doc, e.country_id, &lay);
      if (ce >= 0) {
        o->country = ce;
        o->country_layer = lay;
      }
    }
    o->aflags = h->flags;
    o->prominence = e.prominence;
    o->gender = e.gender;
  }
  bl_vec_free(&rawv);
  /* bl_kb_match sorts by start then longest first; keep that order and
   * index the first hit of each start token. */
  for (size_t k = c->n_hits; k-- > 0;) {
    c->hit_at[c->hits[k].ts] = (int32_t)k;
    c->st[c->hits[k].ts].kbent = 1;
    if (c->hits[k].kind == BL_KB_KIND_COUNTRY)
      for (int32_t i = c->hits[k].ts; i < c->hits[k].te; i++) c->st[i].country = 1;
  }
  return BL_OK;
}

static int S_token_cues(S_ctx *c) {
  int32_t n = c->n;
  for (int32_t i = 0; i < n; i++) {
    S_tok *s = &c->st[i];
    s->word = (uint8_t)S_is_word(&c->tk[i]);
    if (!s->word) continue;
    S_case(c, i, &s->cap, &s->upper, &s->lower);
    s->cls |= S_cue_bits(c, i);
  }
  /* sentence / line starts: the first word after a start (quotes and
   * punctuation in between are skipped). */
  int pending = 1;
  for (int32_t i = 0; i < n; i++) {
    uint32_t f = (uint32_t)c->tk[i].flags;
    if (i == 0 || (f & (BL_TF_SENT_START | BL_TF_PARA_START | BL_TF_NEWLINE_BEFORE)))
      pending = 1;
    /* also after sentence-final punctuation, whatever the segmenter said
     * (abbreviations such as "Mr." are single tokens) */
    if (i > 0 && (S_is_punct(c, i - 1, '.') || S_is_punct(c, i - 1, '!') ||
                  S_is_punct(c, i - 1, '?') || S_is_punct(c, i - 1, ':')))
      pending = 1;
    if (pending && c->st[i].word) {
      c->st[i].init = 1;
      pending = 0;
    }
  }
  /* lines: headlines (title case), all-caps lines and boilerplate. */
  int32_t ls = 0;
  int first_line = 1;
  for (int32_t i = 1; i <= n; i++) {
    if (i < n && !(c->tk[i].flags & (BL_TF_NEWLINE_BEFORE | BL_TF_PARA_START)))
      continue;
    int32_t le = i;
    int words = 0, content = 0, capc = 0, upc = 0, lowc = 0;
    for (int32_t j = ls; j < le; j++) {
      const S_tok *s = &c->st[j];
      if (!s->word) continue;
      words++;
      upc += s->upper;
      if (s->cls & S_L_FUNC) continue;
      content++;
      capc += s->cap;
      lowc += s->lower;
    }
    int last_punct = le > ls && (S_is_punct(c, le - 1, '.') ||
                                 S_is_punct(c, le - 1, '!') ||
                                 S_is_punct(c, le - 1, '?'));
    uint8_t noisy = 0, dead = 0;
    if (words >= 3 && upc * 10 >= words * 6) noisy = 1;
    if (content >= 4 && lowc == 0 && capc * 10 >= content * 9) noisy = 1;
    if (words > 0 && words <= 6 && !last_punct) {
      int32_t fw = ls;
      while (fw < le && !c->st[fw].word) fw++;
      if (fw < le && (c->st[fw].cls & S_L_BOILER)) dead = 1;
    }
    for (int32_t j = ls; j < le; j++) {
      c->st[j].noisy = noisy;
      c->st[j].dead = dead;
      c->st[j].headline = (uint8_t)first_line;
    }
    if (words > 0) first_line = 0;
    ls = le;
  }
  /* a match report? (teams, scores: S_teams, S_products) */
  for (int32_t i = 0, k = 0; i < n && !c->sport; i++)
    if (c->st[i].word && (c->st[i].cls & S_L_SPORT) && ++k >= 2) c->sport = 1;
  /* document-level facts per normalised word */
  int rc;
  if ((rc = S_map_init(&c->doc->arena, &c->capset, (size_t)n)) < 0) return rc;
  if ((rc = S_map_init(&c->doc->arena, &c->lowset, (size_t)n)) < 0) return rc;
  for (int32_t i = 0; i < n; i++) {
    const S_tok *s = &c->st[i];
    if (!s->word || s->dead) continue;
    if (s->cap && !s->init && !s->noisy) *S_map_get(&c->capset, S_nh(c, i), 1) = 1;
    if (s->lower) *S_map_get(&c->lowset, S_nh(c, i), 1) = 1;
  }
  for (int32_t i = 0; i < n; i++) {
    S_tok *s = &c->st[i];
    if (!s->word) continue;
    s->capelse = S_map_get(&c->capset, S_nh(c, i), 0) != NULL;
    s->lowelse = S_map_get(&c->lowset, S_nh(c, i), 0) != NULL;
  }
  /* words written alone, capitalised, in running text: people are called
   * by their first name or their surname, teams and firms named after one
   * rarely by a part of the name */
  if ((rc = S_map_init(&c->doc->arena, &c->aloneset, (size_t)n)) < 0) return rc;
  for (int32_t i = 0; i < n; i++) {
    const S_tok *s = &c->st[i];
    if (!s->word || !s->cap || s->upper || s->noisy || s->dead) continue;
    if (i + 1 < n && c->st[i + 1].word && c->st[i + 1].cap) continue;
    if (i + 1 < n && (S_is_punct(c, i + 1, '-') || S_is_punct(c, i + 1, '.'))) continue;
    int prev_cap = i > 0 && c->st[i - 1].word && c->st[i - 1].cap;
    int32_t bits = 0;
    /* 1: a first name (a sentence-initial word before it is no name) */
    if ((s->cls & S_L_FIRST) && !(prev_cap && !c->st[i - 1].init)) bits |= 1;
    /* 2: any word, mid-sentence, between lower-case words or punctuation
     * ("..., Thomas said"), not in a table row ("Villa 2") */
    if (!prev_cap &&
        (!s->init || (!s->lowelse && !(s->cls & (S_L_FUNC | S_L_TEMPORAL | S_L_STOP |
                                                  S_L_BOILER | S_L_TITLE | S_L_TITLE_MOD)))) &&
        !(i + 1 < n && c->tk[i + 1].kind == BL_TOK_NUMBER) &&
        !(i > 0 && (c->tk[i - 1].flags & BL_TF_HYPHEN_INFIX)))
      bits |= 2;
    if (!bits) continue;
    int32_t *slot = S_map_get(&c->aloneset, S_nh(c, i), 1);
    *slot = (*slot < 0 ? 0 : *slot) | bits;
  }
  return BL_OK;
}

/* Does token i carry name evidence from its case?  (Capitalised, not in a
 * headline or all-caps line unless seen capitalised elsewhere.) */
static int S_capish(const S_ctx *c, int32_t i) {
  const S_tok *s = &c->st[i];
  if (!s->word || s->dead || !s->cap) return 0;
  if (s->noisy && !s->capelse) return 0;
  return 1;
}

/* A sentence-initial capitalised word that is probably just a common word. */
static int S_initial_common(const S_ctx *c, int32_t i) {
  const S_tok *s = &c->st[i];
  if (!s->init) return 0;
  if (s->cls & (S_L_FUNC | S_L_TEMPORAL | S_L_STOP | S_L_BOILER)) return 1;
  if (s->capelse || (s->cls & (S_L_FIRST | S_L_HON)) || s->kbent) return 0;
  if (c->has_model && c->tk[i].pos == BL_UPOS_PROPN) return 0;
  return 1;
}

/* After "the", "a", "this" ...: "the West" is no person called West. */
static int S_after_det(const S_ctx *c, int32_t i) {
  if (i <= 0) return 0;
  if (c->has_model && c->tk[i - 1].pos == BL_UPOS_DET) return 1;
  return S_norm_is(c, i - 1, "the") || S_norm_is(c, i - 1, "a") ||
         S_norm_is(c, i - 1, "an") || S_norm_is(c, i - 1, "this") ||
         S_norm_is(c, i - 1, "that");
}

/* Is the word at i, alone, a listed country, demonym, city, region or
 * place?  ("Barcelona Olympics", "Swiss Grand Prix": a place and an event,
 * two names.) */
static int S_place_word(const S_ctx *c, int32_t i) {
  if (c->st[i].country) return 1;
  for (int32_t h = c->hit_at[i]; h >= 0 && (size_t)h < c->n_hits && c->hits[h].ts == i; h++) {
    int k = c->hits[h].kind;
    if (c->hits[h].te == i + 1 && (k == BL_KB_KIND_COUNTRY || k == BL_KB_KIND_CITY ||
                                   k == BL_KB_KIND_REGION || k == BL_KB_KIND_PLACE))
      return 1;
  }
  return 0;
}

/* The end of a capitalised "of"/"for" complement after an organisation
 * head noun ending at te ("Ministry | of Culture", "Institute | for Fiscal
 * Studies"), or te when there is none: capitalised words (at most 4), not a
 * person cue, not across a sentence start. */
static int32_t S_of_complement_end(const S_ctx *c, int32_t te) {
  const uint32_t stop = S_L_HON | S_L_TITLE | S_L_TITLE_MOD | S_L_TEMPORAL | S_L_FIRST;
  if (te + 1 >= c->n || !(c->st[te - 1].cls & S_L_ORGHEAD)) return te;
  int32_t end = te;
  /* "Association for the Democracy of Elections": at most two links */
  for (int link = 0; link < 2; link++) {
    int32_t e = end;
    if (e + 1 >= c->n || !(S_norm_is(c, e, "of") || S_norm_is(c, e, "for")) || !c->st[e].lower)
      break;
    e++;
    if (e < c->n && S_norm_is(c, e, "the") && c->st[e].lower) e++;
    int32_t s0 = e;
    while (e < c->n && e - s0 < 4 && S_capish(c, e) && !c->st[e].upper &&
           !(c->st[e].cls & stop) &&
           !(c->tk[e].flags & (BL_TF_SENT_START | BL_TF_PARA_START | BL_TF_NEWLINE_BEFORE)))
      e++;
    if (e == s0) break;
    /* ... and "and" between two capitalised words: "of Arts and Sciences" */
    if (e + 1 < c->n && S_norm_is(c, e, "and") && c->st[e].lower && S_capish(c, e + 1) &&
        !(c->st[e + 1].cls & stop) && !(e + 2 < c->n && c->st[e + 2].word && c->st[e + 2].cap))
      e += 2;
    end = e;
  }
  return end;
}

/* ------------------------------------------------------------------ */
/* 2. Candidates                                                       */
/* ------------------------------------------------------------------ */
static S_cand *S_add(S_ctx *c, int32_t ts, int32_t te, int32_t label,
                     int32_t source, uint32_t ev, int32_t score) {
  S_cand *k = bl_vec_push(&c->cands);
  if (!k) return NULL;
  k->ts = k->name_ts = ts;
  k->te = te;
  k->label = label;
  k->layer = k->entry = -1;
  k->source = source;
  k->ev = ev;
  k->score = score;
  k->title_ts = k->title_te = k->title_of = -1;
  k->ent = -1;
  return k;
}

static int S_kind_label(int kind, int label) {
  if (label > BL_LABEL_NONE && label < BL_LABEL_COUNT) return label;
  switch (kind) {
  case BL_KB_KIND_COUNTRY:
  case BL_KB_KIND_CITY:
  case BL_KB_KIND_REGION: return BL_LABEL_GPE;
  case BL_KB_KIND_PLACE: return BL_LABEL_LOC;
  case BL_KB_KIND_SEAT: return BL_LABEL_FAC;
  case BL_KB_KIND_ORG:
  case BL_KB_KIND_GOV_BODY: return BL_LABEL_ORG;
  case BL_KB_KIND_PERSON: return BL_LABEL_PERSON;
  case BL_KB_KIND_GROUP: return BL_LABEL_NORP;
  default: return BL_LABEL_MISC;
  }
}

/* Score of one KB entry for an ambiguous span, given its context. */
static int64_t S_entry_score(const S_ctx *c, const S_hit *h, S_map *countries,
                             int person_ctx) {
  int64_t s = 0;
  int lab = S_kind_label(h->kind, h->label);
  if (person_ctx) s += lab == BL_LABEL_PERSON ? 4000000 : -4000000;
  if (h->kind == BL_KB_KIND_COUNTRY) s += 2000000;
  if (h->role == BL_KB_ROLE_CAPITAL) s += 1000000;
  if (h->aflags & BL_KBA_NAME) s += 500000;
  if (h->country >= 0 && countries) {
    uint64_t key = S_kb_key(h->country_layer, h->country);
    if (S_map_get(countries, key + 7, 0)) s += 1500000;
  }
  if (h->aflags & BL_KBA_FORMER) s -= 300000;
  /* prominence (population): logarithmic */
  uint32_t p = h->prominence;
  int lg = 0;
  while (p) {
    lg++;
    p >>= 1;
  }
  s += lg * 10000;
  (void)c;
  return s;
}

/* Is the token at i (the first of a name) preceded by an honorific or
 * title?  Used to steer ambiguous KB hits to people. */
static int S_person_ctx(const S_ctx *c, int32_t i) {
  int32_t j = i - 1;
  if (j >= 0 && S_is_punct(c, j, '.')) j--;
  return j >= 0 && (c->st[j].cls & (S_L_HON | S_L_TITLE));
}

static int S_kb_candidates(S_ctx *c) {
  if (!c->n_hits) return BL_OK;
  S_map countries;
  int rc = S_map_init(&c->doc->arena, &countries, c->n_hits);
  if (rc < 0) return rc;
  /* countries named unambiguously in the document steer other hits */
  for (size_t k = 0; k < c->n_hits; k++) {
    const S_hit *h = &c->hits[k];
    int alone = (k == 0 || c->hits[k - 1].ts != h->ts || c->hits[k - 1].te != h->te) &&
                (k + 1 == c->n_hits || c->hits[k + 1].ts != h->ts ||
                 c->hits[k + 1].te != h->te);
    if (alone && h->kind == BL_KB_KIND_COUNTRY) {
      uint64_t key = S_kb_key(h->layer, h->entry);
      *S_map_get(&countries, key + 7, 1) = 1;
    }
  }
  for (size_t k = 0; k < c->n_hits;) {
    /* group hits with the same span */
    size_t g = k + 1;
    while (g < c->n_hits && c->hits[g].ts == c->hits[k].ts &&
           c->hits[g].te == c->hits[k].te)
      g++;
    const S_hit *h0 = &c->hits[k];
    int32_t ts = h0->ts, te = h0->te;
    size_t next = g;
    k = next;
    /* case evidence: some token capitalised (or an exact-case alias), never
     * only lower-case words ("china", "turkey") */
    int any_cap = 0, all_lower = 1;
    for (int32_t i = ts; i < te; i++) {
      if (c->st[i].cap || c->st[i].upper) any_cap = 1;
      if (c->st[i].word && !c->st[i].lower) all_lower = 0;
    }
    if (c->st[ts].dead) continue;
    if (!(h0->aflags & BL_KBA_CASE) && (!any_cap || all_lower)) continue;
    /* weak aliases (also common words) need mid-sentence capitals */
    int weak = 1;
    for (size_t q = (size_t)(h0 - c->hits); q < next; q++)
      if (!(c->hits[q].aflags & BL_KBA_WEAK)) weak = 0;
    if (weak && (c->st[ts].init || c->st[ts].noisy) && !c->st[ts].capelse) continue;
    if (te - ts == 1 && c->st[ts].init && !c->st[ts].cap && !c->st[ts].upper) continue;
    /* choose the entry */
    int pctx = S_person_ctx(c, ts);
    const S_hit *best = h0;
    int64_t bs = INT64_MIN;
    size_t first = (size_t)(h0 - c->hits);
    for (size_t q = first; q < next && q < first + S_MAX_ALTS; q++) {
      int64_t s = S_entry_score(c, &c->hits[q], &countries, pctx);
      if (s > bs) {
        bs = s;
        best = &c->hits[q];
      }
    }
    int32_t label = S_kind_label(best->kind, best->label);
    /* a leading lower-case "the" of an alias stays outside the mention */
    int32_t mts = ts;
    while (mts < te - 1 && c->st[mts].lower && (c->st[mts].cls & S_L_FUNC)) mts++;
    S_cand *k2 = S_add(c, mts, te, label, BL_SRC_KB, C_KB, 50 + 10 * (te - mts));
    if (!k2) return BL_ENOMEM;
    k2->layer = best->layer;
    k2->entry = best->entry;
    k2->gender = best->gender;
    k2->kbkind = best->kind;
    k2->aflags = best->aflags;
    if ((best->aflags & BL_KBA_DEMONYM) && !(best->aflags & BL_KBA_NAME)) {
      k2->ev |= C_DEMONYM;
      k2->mflags |= BL_MF_DEMONYM;
    }
    if (S_possessive_at(c, te)) k2->mflags |= BL_MF_POSSESSIVE;
  }
  return BL_OK;
}

/* The end of a title phrase starting at i ("President", "Prime Minister",
 * "Secretary of State", "top envoy"), or -1 when i starts none. */
static int32_t S_title_phrase(const S_ctx *c, int32_t i) {
  int32_t j = i, last = -1;
  while (j < c->n && j - i < 5 && c->st[j].word) {
    uint32_t cl = c->st[j].cls;
    if (cl & S_L_TITLE) {
      last = j;
    } else if (cl & S_L_TITLE_MOD) {
      /* Prime, Foreign, Deputy, former, top ... */
    } else if (last >= 0 && (S_norm_is(c, j, "of") || S_norm_is(c, j, "for")) &&
               j + 1 < c->n && (c->st[j + 1].cls & (S_L_TITLE | S_L_TITLE_MOD))) {
      /* Secretary of State, Minister for Foreign Affairs */
    } else {
      break;
    }
    j++;
  }
  if (last < 0) return -1;
  int32_t e = last + 1;
  if (S_norm_is(c, e, "of") && e + 1 < c->n && (c->st[e + 1].cls & S_L_TITLE_MOD) &&
      c->st[e + 1].cap)
    e += 2;
  return e;
}

static int S_connector(const S_ctx *c, int32_t i) {
  static const char *const w[] = {"of", "for", "and", "&", "de", "van", "von",
                                  "der", "den", "da", "di", "du", "la", "le",
                                  "bin", "al", "el", "del", "dos", "y"};
  for (size_t k = 0; k < sizeof(w) / sizeof(w[0]); k++)
    if (S_norm_is(c, i, w[k])) return (int)k + 1;
  return 0;
}

static int S_coarse(int label);

/* Is the word at i the second part of a compound rather than of a name
 * ("Scientology-related", "Saudi-led", "Booker Prize-winner")? */
static int S_compound_part(const S_ctx *c, int32_t i) {
  static const char *const w[] = {"led", "run", "born", "based", "owned", "backed", "style",
                                  "like", "era", "free", "made", "type", "ish", "esque",
                                  "wide", "funded", "linked", "bound", "held", "ruled"};
  for (size_t k = 0; k < sizeof(w) / sizeof(w[0]); k++)
    if (S_norm_is(c, i, w[k])) return 1;
  size_t len;
  const char *s = S_norm(c, i, &len);
  if (len >= 5 && (memcmp(s + len - 2, "ed", 2) == 0 || memcmp(s + len - 2, "er", 2) == 0 ||
                   memcmp(s + len - 3, "ers", 3) == 0 || memcmp(s + len - 3, "ism", 3) == 0 ||
                   memcmp(s + len - 3, "ist", 3) == 0))
    return 1;
  return len >= 6 && memcmp(s + len - 3, "ing", 3) == 0;
}

/* The label of each tagger NER type (BL_NER_PER, ORG, LOC, MISC). */
static const int32_t S_ner_label[BL_NER_TYPES] = {BL_LABEL_PERSON, BL_LABEL_ORG, BL_LABEL_GPE,
                                                  BL_LABEL_MISC};

/* A separator of conjuncts inside a tagger span: ',' (1), lower-case "and"
 * or "or" (2), '&' (3); 0 for anything else. */
static int S_coord_sep(const S_ctx *c, int32_t i) {
  if (S_is_punct(c, i, ',')) return 1;
  if (S_is_punct(c, i, '&')) return 3;
  if (c->st[i].lower && (S_norm_is(c, i, "and") || S_norm_is(c, i, "or"))) return 2;
  return 0;
}

/* The label of the knowledge-base candidate spanning exactly [a, b), or 0.
 * kbc_at[a] is the first KB candidate starting at token a (KB candidates
 * come first in c->cands, in text order). */
static int32_t S_kb_label_of(const S_ctx *c, const int32_t *kbc_at, int32_t a, int32_t b) {
  if (!kbc_at || kbc_at[a] < 0) return BL_LABEL_NONE;
  const S_cand *v = c->cands.data;
  size_t k0 = (size_t)kbc_at[a];
  for (size_t k = k0; k < c->cands.len && k < k0 + 4 * S_MAX_ALTS; k++)
    if ((v[k].ev & C_KB) && v[k].ts == a && v[k].te == b) return v[k].label;
  return BL_LABEL_NONE;
}

/* A tagger span that joins two or more knowledge-base names with "and",
 * "or", "&" or commas ("Muslims and Kurds", "China and Russia", "Britain,
 * France and Germany") and is not itself a listed name ("Bosnia and
 * Herzegovina", "Trinidad and Tobago" are one KB alias and stay whole) is
 * a coordination of names, not one name: its conjuncts become mentions of
 * their own.  The span is cut leftmost-longest into listed names (a listed
 * name may contain "and") and the runs between separators.  Writes the
 * conjuncts to pa/pb with pl = the KB candidate's label (a listed
 * conjunct), 0 (keep the tagger's label) or -1 (drop), and returns their
 * number; 0 leaves the span whole.
 *   - at least one conjunct must be listed; with '&' (a company's favourite
 *     joiner: "Procter & Gamble", "Marks & Spencer") every one must be;
 *   - the same name twice ("Johnson & Johnson") is one name;
 *   - an unlisted conjunct ending in an organisation, place, facility or
 *     event head noun ("Texas and Pacific Railway") means the "and" is
 *     inside a name: the span stays whole;
 *   - an unlisted conjunct is kept, with the tagger's label, only when the
 *     list confirms that label on a listed sibling (coordinated names are
 *     of one kind: "China and Narnia" tagged as places); when the list
 *     contradicts the tagger ("Muslims and Yazidis" tagged ORG, Muslims a
 *     group) nothing says what the unlisted one is, and it is dropped. */
#define S_MAX_CONJ 8
static int S_coordination(const S_ctx *c, const int32_t *kbc_at, int32_t ts, int32_t te,
                          int type, int32_t *pa, int32_t *pb, int32_t *pl) {
  int np = 0, listed = 0, amp = 0;
  int32_t i = ts;
  while (i < te) {
    if (np == S_MAX_CONJ) return 0;
    int32_t a = i;
    if (a + 1 < te && c->st[a].lower && S_norm_is(c, a, "the")) a++;
    if (!c->st[a].word || !(c->st[a].cap || c->st[a].upper)) return 0;
    /* the longest listed name here that ends the span or a conjunct */
    int32_t b = -1, lab = BL_LABEL_NONE;
    for (int32_t h = c->hit_at[a]; h >= 0 && (size_t)h < c->n_hits && c->hits[h].ts == a;
         h++) {
      int32_t e = c->hits[h].te;
      if (e > te || e <= b || (e < te && !S_coord_sep(c, e))) continue;
      int32_t l = S_kb_label_of(c, kbc_at, a, e);
      if (l > BL_LABEL_NONE) {
        b = e;
        lab = l;
      }
    }
    if (b < 0) {
      b = a;
      while (b < te && !S_coord_sep(c, b)) b++;
    }
    if (b <= a) return 0;
    pa[np] = a;
    pb[np] = b;
    pl[np] = lab;
    np++;
    listed += lab > BL_LABEL_NONE;
    i = b;
    if (i < te) { /* ", " or " and " or ", and " */
      int k = 0;
      while (i < te && S_coord_sep(c, i) && k < 2) {
        amp |= S_coord_sep(c, i) == 3;
        if (k == 1 && S_coord_sep(c, i - 1) != 1) return 0;
        i++;
        k++;
      }
      if (i >= te || S_coord_sep(c, i)) return 0;
    }
  }
  if (np < 2 || !listed || (amp && listed < np)) return 0;
  int same = 1;
  for (int q = 1; q < np && same; q++) {
    if (pb[q] - pa[q] != pb[0] - pa[0]) same = 0;
    for (int32_t k = 0; same && k < pb[0] - pa[0]; k++)
      if (S_nh(c, pa[q] + k) != S_nh(c, pa[0] + k)) same = 0;
  }
  if (same) return 0;
  int agree = 0;
  for (int q = 0; q < np; q++) {
    if (pl[q] > BL_LABEL_NONE) {
      agree |= S_coarse(pl[q]) == S_coarse(S_ner_label[type]);
      continue;
    }
    if (c->st[pb[q] - 1].cls & (S_L_ORGHEAD | S_L_LEGAL | S_L_LOCHEAD | S_L_FACHEAD |
                                S_L_EVENTHEAD))
      return 0;
  }
  for (int q = 0; q < np; q++) {
    if (pl[q] > BL_LABEL_NONE) {
      /* a first name the list also holds as a place or group, in a span
       * the tagger calls people ("Jordan and Chad" as two men): the
       * tagger's class, weighed later against the list as usual */
      if (S_ner_label[type] == BL_LABEL_PERSON && pl[q] != BL_LABEL_PERSON &&
          (c->st[pa[q]].cls & S_L_FIRST) && !c->st[pa[q]].country)
        pl[q] = BL_LABEL_NONE;
    } else {
      pl[q] = agree ? BL_LABEL_NONE : -1;
    }
  }
  return np;
}

/* One span [ts, te) the tagger labelled `type`: clean its edges, take a
 * title out, and add it as a candidate.  `forced` (a label, or 0) is the
 * label a knowledge-base entry gives the span when it is one conjunct of a
 * coordination the tagger swept into one span (see S_coordination). */
/* Organisation heads that also name a building or a place, which CoNLL
 * types LOC ("Johns Hopkins Hospital", "the Islamic Museum", "Stadium
 * Court"), or a union of states ("Croat Federation"). */
static int S_building_org(const S_ctx *c, int32_t i) {
  static const char *const w[] = {"hospital", "museum", "court", "trust", "church",
                                  "school", "library", "gallery", "theatre", "theater",
                                  "clinic", "cathedral", "mosque", "temple", "zoo", "prison",
                                  "federation", "union", "community", "press", "academy",
                                  "market", "exchange", "centre", "center"};
  for (size_t k = 0; k < sizeof(w) / sizeof(w[0]); k++)
    if (S_norm_is(c, i, w[k])) return 1;
  return 0;
}

static int S_ner_span(S_ctx *c, const int32_t *kbc_at, int32_t ts, int32_t te, int type,
                      int32_t forced) {
  const int32_t *map = S_ner_label;
  /* a span across ':' ',' '(' or quotes keeps only its last part */
  for (int32_t q = te - 1; q > ts; q--) {
    if (S_is_punct(c, q, ':') || S_is_punct(c, q, ',') || S_is_punct(c, q, '(') ||
        S_is_punct(c, q, ')') || c->tk[q].kind == BL_TOK_QUOTE) {
      ts = q + 1;
      break;
    }
  }
  /* trim function words and punctuation at the edges */
  while (ts < te && (!c->st[ts].word || (c->st[ts].lower && (c->st[ts].cls & S_L_FUNC))))
    ts++;
  /* ... and a verb the tagger swept in before a name ("contacted
   * Thailand's foreign minister"): no name starts with one */
  while (te - ts >= 2 && c->st[ts].word && c->st[ts].lower && !S_connector(c, ts) &&
         (c->tk[ts].pos == BL_UPOS_VERB || c->tk[ts].pos == BL_UPOS_AUX) && c->st[ts + 1].cap)
    ts++;
  /* (a capitalised function word the tagger put in a person's name
   * mid-sentence is a surname: "James To", "Wilson Or") */
  while (te > ts && ((!c->st[te - 1].word && c->tk[te - 1].kind != BL_TOK_NUMBER) ||
                     (te - 1 > ts && (c->st[te - 1].cls & S_L_FUNC) && !c->st[te - 1].upper &&
                      !S_connector(c, te - 1) &&
                      !(type == BL_NER_PER && c->st[te - 1].cap && !c->st[te - 1].init &&
                        !c->st[te - 1].noisy))))
    te--;
  if (ts >= te || c->st[ts].dead || !c->st[ts].word) return BL_OK;
  /* a person's name that ends in a first name runs on over the surname the
   * tagger left out: "L. Ron Hubbard" */
  if (type == BL_NER_PER && forced <= BL_LABEL_NONE && te < c->n &&
      (c->st[te - 1].cls & S_L_FIRST) && c->tk[te].ner == 0 && S_capish(c, te) &&
      !c->st[te].init && !c->st[te].upper && !c->st[te].kbent && !c->st[te].noisy &&
      !(c->tk[te].flags & (BL_TF_NEWLINE_BEFORE | BL_TF_SENT_START | BL_TF_PARA_START)) &&
      !(c->st[te].cls & (S_L_FUNC | S_L_TEMPORAL | S_L_TITLE | S_L_TITLE_MOD | S_L_STOP |
                         S_L_HON | S_L_ORGHEAD | S_L_LEGAL | S_L_LOCHEAD | S_L_FACHEAD |
                         S_L_EVENTHEAD | S_L_CAPTION)) &&
      !(te + 1 < c->n && c->st[te + 1].word && c->st[te + 1].cap))
    te++;
  /* an organisation the tagger cut after its head noun: "the Greek
   * Ministry | of Culture" (only over words the tagger left untagged) */
  if (type == BL_NER_ORG && forced <= BL_LABEL_NONE && c->st[te - 1].cap) {
    int32_t e = S_of_complement_end(c, te);
    for (int32_t q = te; q < e; q++)
      if (c->tk[q].ner != 0) e = te;
    te = e;
  }
  /* initials the tagger left off a person's name: "a paper by AS Heagle" */
  if (type == BL_NER_PER && forced <= BL_LABEL_NONE && ts > 0 && c->st[ts - 1].upper &&
      c->tk[ts - 1].ner == 0 && !c->st[ts - 1].kbent && !c->st[ts - 1].init &&
      !c->st[ts - 1].noisy && c->tx[ts - 1].bend - c->tx[ts - 1].bstart <= 3 &&
      !(c->st[ts - 1].cls & (S_L_FUNC | S_L_HON | S_L_TITLE | S_L_TITLE_MOD | S_L_STOP)) &&
      ts - 1 > 0 && c->st[ts - 2].word && c->st[ts - 2].lower)
    ts--;
  /* a person's name runs on over a hyphenated given name the tagger left
   * out: "Wong Pik-wan", "Park Joo-ho" */
  if (type == BL_NER_PER && te + 2 < c->n && c->st[te].cap && !c->st[te].upper &&
      !c->st[te].kbent && !(c->st[te].cls & (S_L_FUNC | S_L_TITLE)) &&
      (c->tk[te + 1].flags & BL_TF_HYPHEN_INFIX) && !S_is_word(&c->tk[te + 1]) &&
      c->st[te + 2].lower && !S_compound_part(c, te + 2) &&
      !(te + 3 < c->n && (c->tk[te + 3].flags & BL_TF_HYPHEN_INFIX)))
    te += 3;
  int32_t ts1 = ts, te1 = te;
  /* "Ahmed Mohamed Image: Twitter": a caption label is no part of a name */
  if (te - ts >= 2 && (c->st[te - 1].cls & S_L_CAPTION) && S_is_punct(c, te, ':')) te--;
  /* a name does not run on through a common word ("Barack Obama tweet",
   * "the Tom Cruise video"; not a head noun: "Liberal Democratic party"),
   * nor through a place preposition after a head noun or before a date or
   * a common word ("Lantern Festival in Taipei", "the Solent on February
   * 8"; "Organisation for Security and Cooperation in Europe" stays whole),
   * nor a person's name through "of" / "for" / "from" ("Frederick Fung of
   * ADPL"); short lower-case particles and the inner parts of hyphenated
   * words stay ("Suleiman al-Amr", "Lee Cheuk-yan") */
  const uint32_t heads = S_L_ORGHEAD | S_L_LOCHEAD | S_L_FACHEAD | S_L_EVENTHEAD | S_L_LEGAL |
                         S_L_GOVBODY | S_L_BODY | S_L_TITLE | S_L_TITLE_MOD;
  int32_t tcut = te;
  for (int32_t q = ts + 1; q < te; q++) {
    const S_tok *s = &c->st[q];
    if (!s->word || !s->lower) continue;
    if ((c->tk[q - 1].flags & BL_TF_HYPHEN_INFIX) && !S_is_word(&c->tk[q - 1])) continue;
    if (q + 1 < c->n && (c->tk[q + 1].flags & BL_TF_HYPHEN_INFIX) && !S_is_word(&c->tk[q + 1]))
      continue;
    int cut = 0;
    if (S_connector(c, q)) {
      cut = type == BL_NER_PER && forced <= BL_LABEL_NONE && q + 1 < te && c->st[q + 1].cap &&
            (S_norm_is(c, q, "of") || S_norm_is(c, q, "for"));
    } else if (S_norm_is(c, q, "in") || S_norm_is(c, q, "at") || S_norm_is(c, q, "on") ||
               S_norm_is(c, q, "near")) {
      cut = (!S_norm_is(c, q, "on") &&
             (c->st[q - 1].cls & (heads & ~(uint32_t)(S_L_TITLE | S_L_TITLE_MOD)))) ||
            q + 1 >= te || c->st[q + 1].lower || (c->st[q + 1].cls & S_L_TEMPORAL) ||
            c->tk[q + 1].kind == BL_TOK_NUMBER;
    } else if (S_norm_is(c, q, "from")) {
      cut = type == BL_NER_PER;
    } else if (!(s->cls & (S_L_FUNC | heads))) {
      /* a verb, adjective ... ("tweet to", "lights up", "anonymous
       * posters") or a caption noun; other nouns may head the name in
       * lower case ("the Department of Humanitarian affairs") */
      int pos = c->tk[q].pos;
      size_t len;
      (void)S_norm(c, q, &len);
      cut = len >= 4 && ((s->cls & S_L_CAPTION) ||
                         (pos != BL_UPOS_NOUN && pos != BL_UPOS_PROPN && pos != BL_UPOS_NUM &&
                          pos != BL_UPOS_X && pos != BL_UPOS_SYM));
      for (int32_t r = q + 1; r < te && cut; r++)
        if (c->st[r].cap || c->st[r].upper) cut = 0;
    }
    if (cut) {
      te = q;
      break;
    }
  }
  if (te != tcut)
    while (te - 1 > ts && ((!c->st[te - 1].word && c->tk[te - 1].kind != BL_TOK_NUMBER) ||
                           (c->st[te - 1].lower &&
                                                   (S_connector(c, te - 1) ||
                                                    (c->st[te - 1].cls & S_L_FUNC)))))
      te--;
  /* a name never ends in a lower-case connector: the tagger's "Fernando
   * Cheung of" (before "the Labour Party") is Fernando Cheung */
  while (te - 1 > ts && c->st[te - 1].word && c->st[te - 1].lower && S_connector(c, te - 1))
    te--;
  /* an office after a listed organisation or place is a role, not part of
   * its name: "the State Department Spokesperson", "the LA Sheriff's office" */
  if (type != BL_NER_PER && te - ts >= 2 && (c->st[te - 1].cls & S_L_TITLE) &&
      c->st[te - 1].cap) {
    int32_t q = te - 1;
    while (q > ts && (c->st[q - 1].cls & (S_L_TITLE | S_L_TITLE_MOD)) && c->st[q - 1].cap) q--;
    if (q > ts && (q - ts >= 2 || c->st[ts].upper) &&
        (S_kb_label_of(c, kbc_at, ts, q) > BL_LABEL_NONE ||
         (c->st[q - 1].cls & (S_L_ORGHEAD | S_L_GOVBODY))))
      te = q;
  }
  /* a span that is nothing but an office, not tagged as a person ("the
   * Secretary of State" as a place; "the Dalai Lama" as a person stays) */
  if (type != BL_NER_PER && te - ts >= 2 && S_title_phrase(c, ts) == te) return BL_OK;
  /* cut down to a listed name: the list's class ("Los Angeles Sheriff") */
  if ((ts != ts1 || te != te1) && forced <= BL_LABEL_NONE) {
    int32_t l = S_kb_label_of(c, kbc_at, ts, te);
    if (l > BL_LABEL_NONE) forced = l;
  }
  if (te - ts == 1) {
    const S_tok *s = &c->st[ts];
    if (s->cls & (S_L_TEMPORAL | S_L_STOP | S_L_HON)) return BL_OK;
    /* a title word is a name only when no name follows ("King said") */
    if ((s->cls & S_L_TITLE) && (type != BL_NER_PER || (te < c->n && S_capish(c, te))))
      return BL_OK;
    if ((s->cls & S_L_FUNC) && !s->upper) return BL_OK;
    if (s->init && !s->kbent && !s->capelse && s->lowelse) return BL_OK;
  }
  int32_t label = forced > BL_LABEL_NONE ? forced : map[type];
  if (label == BL_LABEL_GPE && (c->st[te - 1].cls & S_L_LOCHEAD)) label = BL_LABEL_LOC;
  /* a name ending in an organisation's head noun ("Skidmore College", "the
   * Home Office") or in a newspaper's ("the Saudi Gazette", "The
   * Huffington Post") that the tagger called a place is the organisation
   * (not a listed place; not a head that also names places: "centre") */
  if (forced <= BL_LABEL_NONE && (label == BL_LABEL_GPE || label == BL_LABEL_LOC) &&
      te - ts >= 2 && c->st[te - 1].cap && !c->st[te - 1].upper &&
      (c->st[te - 1].cls & (S_L_ORGHEAD | S_L_PAPERHEAD)) &&
      !(c->st[te - 1].cls & (S_L_LOCHEAD | S_L_FACHEAD | S_L_CITYNOUN)) &&
      !S_building_org(c, te - 1) && S_kb_label_of(c, kbc_at, ts, te) <= BL_LABEL_NONE)
    label = BL_LABEL_ORG;
  /* a name ending in a building's head noun is the building, not who runs
   * it ("Chiang Kai Shek Memorial Hall Station", "Century City Towers");
   * not in match reports, where clubs are named so ("Crystal Palace") */
  if (forced <= BL_LABEL_NONE && label == BL_LABEL_ORG && te - ts >= 2 && !c->sport &&
      (c->st[te - 1].cls & S_L_FACHEAD) && !(c->st[te - 1].cls & S_L_ORGHEAD) &&
      c->st[te - 1].cap && !c->st[te - 1].upper)
    label = BL_LABEL_FAC;
  /* an acronym of 3-4 letters no list knows is an organisation rather than
   * a place ("Ann Chiang of DAB"): places written so are listed (UAE, USA);
   * two-letter codes are left alone (NZ, WA: states and countries) */
  if (forced <= BL_LABEL_NONE && (label == BL_LABEL_GPE || label == BL_LABEL_LOC) &&
      te - ts == 1 && c->st[ts].upper && !c->st[ts].kbent && !c->st[ts].country &&
      !c->st[ts].noisy && !c->st[ts].headline && !c->st[ts].init &&
      c->tk[ts].kind == BL_TOK_WORD && c->tx[ts].bend - c->tx[ts].bstart >= 3 &&
      c->tx[ts].bend - c->tx[ts].bstart <= 4 &&
      !(te < c->n && (S_is_punct(c, te, '$') || c->tk[te].kind == BL_TOK_SYMBOL)))
    label = BL_LABEL_ORG;
  /* a noun naming the kind of thing the name is: "the film Easy Rider",
   * "the novel Angel Catbird" (a work), "the journal Nature Climate
   * Change", "the daily El Mundo" (an organisation) */
  if (forced <= BL_LABEL_NONE && ts > 0 && c->st[ts - 1].lower &&
      (c->st[ts - 1].cls & (S_L_WORKNOUN | S_L_MEDIANOUN)) &&
      !(c->st[ts].cls & (S_L_HON | S_L_TITLE | S_L_TITLE_MOD))) {
    int pos = c->tk[ts - 1].pos, media = (c->st[ts - 1].cls & S_L_MEDIANOUN) != 0;
    if (pos == BL_UPOS_NOUN || (media && pos == BL_UPOS_ADJ))
      label = media ? BL_LABEL_ORG : BL_LABEL_MISC;
  }
  /* "Google Science Fair", "World Cup": a name ending in an event noun;
   * also after a place the tagger put in the name ("the Atlanta Games",
   * one name to CoNLL too) */
  if (label != BL_LABEL_PERSON && te - ts >= 2 && (c->st[te - 1].cls & S_L_EVENTHEAD) &&
      c->st[te - 1].cap && forced <= BL_LABEL_NONE)
    label = BL_LABEL_EVENT;
  /* titles are attributes: "Professor Eastman" -> Eastman, a person */
  int32_t title_ts = -1, title_te = -1;
  /* ... also after a qualifier the tagger swept in: "US President Barack
   * Obama", "Shadow Home Secretary Yvette Cooper" (the qualifier is left
   * to the other candidates) */
  if (te - ts >= 3 && !(c->st[te - 1].cls & (S_L_ORGHEAD | S_L_LEGAL | S_L_TITLE))) {
    for (int32_t j = ts + 1; j < te - 1; j++) {
      if (!(c->st[j].cls & (S_L_TITLE | S_L_TITLE_MOD))) continue;
      int32_t e = S_title_phrase(c, j);
      if (e > j && e < te && c->st[e].cap && !(c->st[e].cls & (S_L_TITLE | S_L_FUNC))) {
        int orgish = 0;
        for (int32_t q = ts; q < j; q++)
          if (c->st[q].cls & (S_L_ORGHEAD | S_L_LEGAL)) orgish = 1;
        if (orgish) break;
        title_ts = j;
        title_te = e;
        ts = e;
        label = BL_LABEL_PERSON;
      }
      break;
    }
  }
  if (title_ts < 0 && te - ts >= 2 && (c->st[ts].cls & (S_L_TITLE | S_L_TITLE_MOD)) &&
      !(c->st[te - 1].cls & (S_L_ORGHEAD | S_L_LEGAL))) {
    int32_t e = S_title_phrase(c, ts);
    if (e > ts && e < te && c->st[e].cap) {
      title_ts = ts;
      title_te = e;
      ts = e;
      label = BL_LABEL_PERSON;
    }
  }
  int32_t name_ts = ts;
  uint32_t ev = C_NER;
  if (c->st[ts].cls & S_L_HON) {
    name_ts = ts + 1;
    while (name_ts < te && S_is_punct(c, name_ts, '.')) name_ts++;
    if (name_ts >= te) return BL_OK;
    label = BL_LABEL_PERSON;
    ev |= C_HON;
  }
  /* a lone first name the model calls a place: "Gloria said" */
  if (te - ts == 1 && (c->st[ts].cls & S_L_FIRST) && !c->st[ts].kbent &&
      !S_after_det(c, ts) && (label == BL_LABEL_GPE || label == BL_LABEL_LOC) &&
      !(c->st[ts].cls & S_L_STOP)) {
    label = BL_LABEL_PERSON;
    ev |= C_FIRST;
  }
  S_cand *k = S_add(c, ts, te, label, BL_SRC_NER, ev, 55 + 10 * (te - ts));
  if (!k) return BL_ENOMEM;
  k->name_ts = name_ts;
  k->title_ts = title_ts;
  k->title_te = title_te;
  if (ev & C_HON)
    k->gender = (c->st[ts].cls & S_L_HON_M) ? BL_GENDER_MALE
              : (c->st[ts].cls & S_L_HON_F) ? BL_GENDER_FEMALE : BL_GENDER_NONE;
  return BL_OK;
}

/* NER spans from the tagger's BILOU column. */
static int S_ner_candidates(S_ctx *c) {
  int rc;
  int32_t *kbc_at = NULL; /* first KB candidate starting at a token, or -1 */
  if (c->n_hits) {
    kbc_at = bl_arena_alloc(&c->doc->arena, (size_t)c->n * sizeof(int32_t));
    if (!kbc_at) return BL_ENOMEM;
    for (int32_t q = 0; q < c->n; q++) kbc_at[q] = -1;
    const S_cand *v = c->cands.data;
    for (size_t k = c->cands.len; k-- > 0;)
      if (v[k].ev & C_KB) kbc_at[v[k].ts] = (int32_t)k;
  }
  int32_t i = 0;
  while (i < c->n) {
    int32_t tag = c->tk[i].ner;
    if (tag <= 0 || tag >= BL_NER_NTAGS) {
      i++;
      continue;
    }
    int type = BL_NER_TYPE(tag);
    int32_t j = i + 1;
    int b = BL_NER_BILOU(tag);
    if (b != BL_BILOU_U && b != BL_BILOU_L) {
      while (j < c->n && j - i < S_MAX_CHUNK) {
        int32_t t2 = c->tk[j].ner;
        if (t2 <= 0 || t2 >= BL_NER_NTAGS || BL_NER_TYPE(t2) != type) break;
        int b2 = BL_NER_BILOU(t2);
        if (b2 == BL_BILOU_B || b2 == BL_BILOU_U) break;
        j++;
        if (b2 == BL_BILOU_L) break;
      }
    }
    int32_t ts = i, te = j;
    i = j;
    /* a coordination of listed names: each conjunct on its own */
    int has_sep = 0;
    for (int32_t q = ts + 1; q < te - 1 && !has_sep; q++) has_sep = S_coord_sep(c, q) != 0;
    if (has_sep && kbc_at) {
      int32_t pa[S_MAX_CONJ], pb[S_MAX_CONJ], pl[S_MAX_CONJ];
      int np = S_coordination(c, kbc_at, ts, te, type, pa, pb, pl);
      if (np > 0) {
        for (int q = 0; q < np; q++)
          if (pl[q] >= 0 && (rc = S_ner_span(c, kbc_at, pa[q], pb[q], type, pl[q])) < 0) return rc;
        continue;
      }
    }
    if ((rc = S_ner_span(c, kbc_at, ts, te, type, BL_LABEL_NONE)) < 0) return rc;
  }
  return BL_OK;
}

/* A capitalised chunk [ts, te): score it by its cues and add it. */
/* Is the word at i, alone, a demonym of a listed country ("Australian")? */
static int S_demonym_word(const S_ctx *c, int32_t i) {
  for (int32_t h = c->hit_at[i]; h >= 0 && (size_t)h < c->n_hits && c->hits[h].ts == i; h++)
    if (c->hits[h].te == i + 1 && (c->hits[h].aflags & BL_KBA_DEMONYM) &&
        !(c->hits[h].aflags & BL_KBA_NAME))
      return 1;
  return 0;
}

static int S_chunk(S_ctx *c, int32_t ts, int32_t te, int32_t title_ts,
                   int32_t title_te, int place_compound) {
  /* "Australian Tom Moody": a demonym before a person's first name is no
   * part of the name (its own KB candidate covers it) */
  if (title_ts < 0 && te - ts >= 3 && S_demonym_word(c, ts) &&
      (c->st[ts + 1].cls & (S_L_FIRST_M | S_L_FIRST_F)) && !c->st[ts + 1].kbent)
    ts++;
  /* strip sentence-initial common words and leading function words; an
   * unknown first word stays when the chunk ends in an org head or legal
   * form ("Acme Widgets Ltd declined") */
  int org_end = te - ts >= 2 && (c->st[te - 1].cls & (S_L_ORGHEAD | S_L_LEGAL)) &&
                c->st[te - 1].cap;
  while (ts < te &&
         ((S_initial_common(c, ts) &&
           !(org_end && !(c->st[ts].cls & (S_L_FUNC | S_L_TEMPORAL | S_L_STOP)))) ||
          (!c->st[ts].upper && (c->st[ts].cls & (S_L_FUNC | S_L_TEMPORAL)))))
    ts++;
  while (te > ts && (!c->st[te - 1].word || S_connector(c, te - 1) ||
                     (c->st[te - 1].cls & (S_L_TEMPORAL | S_L_FUNC))))
    te--;
  if (ts >= te) return BL_OK;
  uint32_t ev = 0;
  int32_t name_ts = ts;
  int32_t label = BL_LABEL_NONE;
  int32_t len = te - ts;
  const S_tok *f = &c->st[ts], *l = &c->st[te - 1];
  if (f->cls & S_L_HON) {
    name_ts = ts + 1;
    while (name_ts < te && S_is_punct(c, name_ts, '.')) name_ts++;
    if (name_ts >= te) return BL_OK; /* a lone honorific */
    ev |= C_HON;
    label = BL_LABEL_PERSON;
  }
  int compound = len == 3 && (c->tk[ts + 1].flags & BL_TF_HYPHEN_INFIX) &&
                 !S_is_word(&c->tk[ts + 1]);
  if (compound && !(f->cls & S_L_HON) && title_ts < 0)
    label = place_compound ? BL_LABEL_LOC : BL_LABEL_MISC; /* Asia-Pacific */
  if (!label && len >= 2 && (l->cls & S_L_EVENTHEAD) && l->cap && !compound &&
      !S_place_word(c, ts)) {
    ev |= C_ORGHEAD;
    label = BL_LABEL_EVENT;
  }
  if (!label && title_ts >= 0 && !(l->cls & (S_L_ORGHEAD | S_L_LEGAL))) {
    ev |= C_TITLE;
    label = BL_LABEL_PERSON;
  }
  if (!label && len >= 2 && (l->cls & S_L_LEGAL)) {
    ev |= C_ORGHEAD;
    label = BL_LABEL_ORG;
  }
  if (!label && len >= 2 && (l->cls & S_L_ORGHEAD) && l->cap) {
    ev |= C_ORGHEAD;
    label = BL_LABEL_ORG;
  }
  if (!label && len >= 3 && (f->cls & S_L_ORGHEAD) &&
      (S_norm_is(c, ts + 1, "of") || S_norm_is(c, ts + 1, "for"))) {
    ev |= C_ORGHEAD;
    label = BL_LABEL_ORG;
  }
  if (!label && len >= 2 && (f->cls & S_L_FIRST) && !f->country &&
      !(l->cls & (S_L_ORGHEAD | S_L_LOCHEAD | S_L_FACHEAD)) && !f->upper) {
    ev |= C_FIRST;
    label = BL_LABEL_PERSON;
  }
  /* context: "X, an expert on ...", "said X", "X said" */
  int32_t a = te;
  if (S_possessive_at(c, a)) a++;
  if (S_is_punct(c, te, ',')) {
    for (int32_t j = te + 1; j < c->n && j <= te + S_MAX_LOOK; j++) {
      if (c->st[j].cls & S_L_ROLE) {
        ev |= C_APPOS;
        break;
      }
      if (!c->st[j].word || c->st[j].cap) break;
    }
  }
  if ((a < c->n && (c->st[a].cls & S_L_SPEECH)) ||
      (ts > 0 && (c->st[ts - 1].cls & S_L_SPEECH)))
    ev |= C_SPEECH;
  int strong = label != BL_LABEL_NONE;
  if (!label) {
    if (ev & (C_APPOS | C_SPEECH)) {
      label = BL_LABEL_PERSON;
    } else if (l->cls & S_L_LOCHEAD) {
      label = BL_LABEL_LOC;
    } else if (l->cls & S_L_FACHEAD) {
      label = BL_LABEL_FAC;
    } else if (len == 1 && f->upper) {
      label = BL_LABEL_ORG;
    } else if (len == 1 && (f->cls & S_L_FIRST) && !f->kbent && !S_after_det(c, ts)) {
      label = BL_LABEL_PERSON; /* "Gloria said" */
    } else if (ts > 0 && (c->st[ts - 1].cls & S_L_LOCPREP)) {
      label = BL_LABEL_GPE;
    } else if (len >= 2 && len <= 3) {
      int titles = 1;
      for (int32_t j = ts; j < te; j++)
        if (!c->st[j].cap || c->st[j].upper || S_connector(c, j)) titles = 0;
      label = titles ? BL_LABEL_PERSON : BL_LABEL_MISC;
    } else {
      label = BL_LABEL_MISC;
    }
    ev |= C_WEAK;
    if (ev & (C_APPOS | C_SPEECH)) strong = len >= 2;
  }
  if (!strong) {
    /* single common words capitalised only by position or as nouns */
    if (len == 1 && (f->lowelse || (f->cls & (S_L_FUNC | S_L_STOP | S_L_TITLE |
                                              S_L_ORGHEAD | S_L_BOILER))))
      return BL_OK;
  }
  S_cand *k = S_add(c, ts, te, label, BL_SRC_RULE, ev,
                    (strong ? 60 : 20) + 10 * (te - ts));
  if (!k) return BL_ENOMEM;
  k->name_ts = name_ts;
  k->title_ts = title_ts;
  k->title_te = title_te;
  if (ev & C_HON)
    k->gender = (f->cls & S_L_HON_M) ? BL_GENDER_MALE
              : (f->cls & S_L_HON_F) ? BL_GENDER_FEMALE : BL_GENDER_NONE;
  if (S_possessive_at(c, te)) k->mflags |= BL_MF_POSSESSIVE;
  return BL_OK;
}

static int S_rule_candidates(S_ctx *c) {
  int32_t i = 0;
  int rc;
  while (i < c->n) {
    const S_tok *s = &c->st[i];
    if (!s->word || s->dead) {
      i++;
      continue;
    }
    /* title phrase: the capitalised words after it are a person */
    int32_t title_ts = -1, title_te = -1;
    int32_t te_title = (s->cls & (S_L_TITLE | S_L_TITLE_MOD)) ? S_title_phrase(c, i) : -1;
    if (te_title > i && te_title < c->n && S_capish(c, te_title) &&
        !(c->st[te_title].cls & (S_L_TITLE | S_L_FUNC))) {
      /* "General Motors": a capitalised title word before an org head is a
       * name, not a title */
      int32_t e = te_title;
      while (e < c->n && e - te_title < S_MAX_CHUNK && S_capish(c, e)) e++;
      if (!(c->st[e - 1].cls & (S_L_ORGHEAD | S_L_LEGAL))) {
        title_ts = i;
        title_te = te_title;
        i = te_title;
        s = &c->st[i];
      }
    }
    if (!S_capish(c, i) && !(title_ts >= 0)) {
      i++;
      continue;
    }
    /* extend over capitalised words and inner connectors */
    int32_t ts = i, te = i + 1;
    int has_orghead = (c->st[i].cls & S_L_ORGHEAD) != 0;
    int place_compound = 0;
    if ((c->st[i].cls & S_L_HON) && S_is_punct(c, te, '.') && te + 1 < c->n &&
        S_capish(c, te + 1))
      te++; /* "Mr . Smith" when the tokenizer split the period */
    while (te < c->n && te - ts < S_MAX_CHUNK) {
      if (S_capish(c, te) && !(c->st[te].cls & S_L_HON) &&
          !(c->tk[te].flags & (BL_TF_SENT_START | BL_TF_PARA_START))) {
        /* a title inside a run ("Chinese President Xi") ends the chunk */
        if ((c->st[te].cls & (S_L_TITLE | S_L_TITLE_MOD)) && !has_orghead) {
          int32_t tp = S_title_phrase(c, te);
          if (tp > te && tp < c->n && S_capish(c, tp) &&
              !(c->st[ts].cls & S_L_HON))
            break;
        }
        has_orghead |= (c->st[te].cls & S_L_ORGHEAD) != 0;
        te++;
        continue;
      }
      /* hyphen compound of capitalised words: Asia-Pacific, but not two
       * KB names (China-Russia) */
      if ((c->tk[te].flags & BL_TF_HYPHEN_INFIX) && te + 1 < c->n &&
          S_capish(c, te + 1) && !(c->st[te - 1].kbent && c->st[te + 1].kbent) &&
          !(c->st[te - 1].country || c->st[te + 1].country)) {
        place_compound |= c->st[te - 1].kbent || c->st[te + 1].kbent;
        te += 2;
        continue;
      }
      int conn = S_connector(c, te);
      if (conn && te + 1 < c->n && S_capish(c, te + 1) && !c->st[te].cap) {
        int ok = 0;
        if (conn <= 2) ok = has_orghead; /* of, for */
        else if (conn == 3 || conn == 4) { /* and, &: only inside org names */
          int32_t e = te + 1;
          while (e < c->n && e - te < 6 && S_capish(c, e)) e++;
          ok = conn == 4 || (c->st[e - 1].cls & S_L_ORGHEAD);
        } else {
          ok = 1; /* name particles: de, van, bin ... */
        }
        if (ok) {
          te += 1;
          continue;
        }
      }
      break;
    }
    /* an honorific alone, followed by a name after a period (Mr. Smith) */
    if ((rc = S_chunk(c, ts, te, title_ts, title_te, place_compound)) < 0) return rc;
    i = te;
  }
  return BL_OK;
}

/* Government bodies: a country or demonym followed by a body phrase (the
 * Chinese foreign ministry, Russia's defence ministry, the US State
 * Department).  The KB lexicon BODY words and the cue table's govbody
 * nouns both count. */
/* A hashtag with a capital letter names a campaign or a slogan
 * ("#IStandWithAhmed", "#MeToo"): MISC.  ("#breaking" is a tag.) */
static int S_hashtag_candidates(S_ctx *c) {
  for (int32_t i = 0; i < c->n; i++) {
    if (c->tk[i].kind != BL_TOK_HASHTAG || c->st[i].dead) continue;
    const bl_tokx *x = &c->tx[i];
    int caps = 0, letters = 0;
    for (int32_t b = x->bstart + 1; b < x->bend; b++) {
      char ch = c->doc->text[b];
      caps += ch >= 'A' && ch <= 'Z';
      letters += (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
    }
    if (letters < 3 || !caps) continue;
    if (!S_add(c, i, i + 1, BL_LABEL_MISC, BL_SRC_RULE, 0, 45)) return BL_ENOMEM;
  }
  return BL_OK;
}

static int S_body_candidates(S_ctx *c) {
  size_t n0 = c->cands.len;
  for (size_t k = 0; k < n0; k++) {
    S_cand *kb = &BL_VEC_AT(&c->cands, S_cand, k);
    if (!(kb->ev & C_KB) || kb->layer < 0) continue;
    int country_like = (kb->ev & C_DEMONYM) || kb->label == BL_LABEL_GPE;
    if (!country_like) continue;
    int32_t j = kb->te;
    if (S_possessive_at(c, j)) j++;
    int32_t e = j, body_end = -1;
    /* a specific body (ministry, department, embassy, central bank), not a
     * generic group noun (government, police, troops): "the Iraqi
     * government" stays a demonym before a noun */
    while (e < c->n && e - j < 4 && c->st[e].word) {
      uint32_t cl = c->st[e].cls;
      if ((cl & S_L_GOVBODY) && (cl & S_L_ORGHEAD))
        body_end = e + 1;
      else if ((cl & S_L_BODY) && (cl & S_L_ORGHEAD) && e > j && (c->st[e - 1].cls & S_L_BODY))
        body_end = e + 1;
      else if (!(cl & (S_L_TITLE_MOD | S_L_BODY)))
        break;
      e++;
    }
    if (body_end < 0) continue;
    /* "the Greek Ministry of Culture": the body's own "of"-complement, when
     * capitalised, is part of its name */
    if (c->st[body_end - 1].cap) body_end = S_of_complement_end(c, body_end);
    /* a capitalised run "State Department" is handled by chunks too */
    S_cand *b = S_add(c, kb->ts, body_end, BL_LABEL_ORG, BL_SRC_RULE, C_BODY,
                      70 + 10 * (body_end - kb->ts));
    if (!b) return BL_ENOMEM;
    b->title_of = (int32_t)k; /* the state this body belongs to */
  }
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* 3. Selection                                                        */
/* ------------------------------------------------------------------ */
static int S_cand_cmp(const void *pa, const void *pb) {
  const S_cand *a = pa, *b = pb;
  if (a->score != b->score) return a->score > b->score ? -1 : 1;
  int32_t la = a->te - a->ts, lb = b->te - b->ts;
  if (la != lb) return la > lb ? -1 : 1;
  if (a->ts != b->ts) return a->ts < b->ts ? -1 : 1;
  return (int)a->source - (int)b->source;
}

/* Merge the evidence of candidate o (same span) into the kept one k. */
static int S_coarse(int label) {
  switch (label) {
  case BL_LABEL_PERSON: return 1;
  case BL_LABEL_ORG: return 2;
  case BL_LABEL_GPE:
  case BL_LABEL_LOC:
  case BL_LABEL_FAC: return 3;
  default: return 4;
  }
}

/* "Gloria Okafor", a first name and a surname, is a person whatever class
 * the tagger gave it when the first name or the surname also stands alone
 * elsewhere in the article ("Gloria was 24 years old", "Okafor said")
 * and nothing else the lists
 * know sits in the name ("Aston Villa", "Gloria Bistrita", "Davis Cup"
 * have no lone "Aston", or a listed place or event word). */
static int S_person_by_first_name(const S_ctx *c, const S_cand *k) {
  if (k->te - k->ts != 2 || !(k->ev & C_FIRST)) return 0;
  const S_tok *f = &c->st[k->ts], *l = &c->st[k->te - 1];
  if (!(f->cls & (S_L_FIRST_M | S_L_FIRST_F)) || f->kbent || f->country || f->lowelse ||
      f->upper || l->upper || l->kbent || l->country || l->lowelse ||
      (f->cls & (S_L_STOP | S_L_FUNC | S_L_TITLE | S_L_TITLE_MOD)) ||
      (l->cls & (S_L_ORGHEAD | S_L_LEGAL | S_L_LOCHEAD | S_L_FACHEAD | S_L_EVENTHEAD |
                 S_L_STOP | S_L_FUNC)))
    return 0;
  if (c->tk[k->ts + 1].flags & (BL_TF_NEWLINE_BEFORE | BL_TF_SENT_START | BL_TF_PARA_START))
    return 0;
  /* ... or the name is said to speak or is described as someone ("Jane
   * Doe, a professor at ...", "said Jane Doe") */
  if (k->ev & (C_APPOS | C_SPEECH)) return 1;
  const int32_t *a = S_map_get((S_map *)&c->aloneset, S_nh(c, k->ts), 0);
  const int32_t *b = S_map_get((S_map *)&c->aloneset, S_nh(c, k->te - 1), 0);
  return (a && (*a & 1)) || (b && (*b & 2));
}

static void S_merge(const S_ctx *c, S_cand *k, const S_cand *o) {
  int link = 0;
  int noisy = 1, first_name = k->te - k->ts == 1 && (c->st[k->ts].cls & S_L_FIRST);
  /* a first name that is also the listed place: the place when the context
   * says so ("in Nairobi") or the place is a big city nobody is named after
   * in the news (a million people or more) */
  if (first_name && k->ts > 0 && (c->st[k->ts - 1].cls & S_L_LOCPREP)) first_name = 0;
  if (first_name && o->layer >= 0 && o->kbkind == BL_KB_KIND_CITY && c->cfg &&
      o->layer < c->cfg->n_kbs) {
    bl_kb_entry e;
    if (bl_kb_entry_get(c->cfg->kbs[o->layer], (size_t)o->entry, &e) >= 0 &&
        e.prominence >= 1000000)
      first_name = 0;
  }
  for (int32_t i = k->ts; i < k->te; i++)
    if (c->st[i].word && !c->st[i].noisy && !c->st[i].headline) noisy = 0;
  if (k->layer < 0 && o->layer >= 0) {
    if (k->source == BL_SRC_NER) { /* the tagger's class, the KB's entry */
      link = S_coarse(k->label) == S_coarse(o->label) ||
             ((o->ev & C_DEMONYM) && S_coarse(k->label) == 4);
      /* in the headline or a title-case line the tagger (trained on running
       * text) guesses classes; the list's entry wins ("... visits Lisbon") */
      if (!link && noisy) link = 1;
      /* the tagger calls a known place a person with no person cue in
       * sight ("Pyongyang's"): the list knows the word, the tagger guessed
       * (not when the word is also a first name: "Victoria said") */
      if (!link && k->label == BL_LABEL_PERSON && o->label != BL_LABEL_PERSON &&
          !(k->ev & (C_HON | C_TITLE | C_FIRST)) && !first_name &&
          (o->kbkind == BL_KB_KIND_COUNTRY || o->kbkind == BL_KB_KIND_CITY ||
           o->kbkind == BL_KB_KIND_REGION))
        link = 1;
      /* likewise a listed organisation (company, agency, international
       * body) or group of people the tagger calls a person or a place:
       * "outreach from Google", "a minority of Muslims" */
      if (!link && (o->kbkind == BL_KB_KIND_ORG || o->kbkind == BL_KB_KIND_GOV_BODY ||
                    o->kbkind == BL_KB_KIND_GROUP) &&
          k->label != o->label &&
          !(k->ev & (C_HON | C_TITLE | C_FIRST)) && !first_name)
        link = 1;
      /* a listed geographic place (ocean, continent, region) the tagger
       * calls MISC as a modifier: "Atlantic shipping routes" */
      if (!link && o->kbkind == BL_KB_KIND_PLACE && S_coarse(k->label) == 4 &&
          !(o->ev & C_DEMONYM))
        link = 1;
      /* an adjective the tagger calls MISC over a country's other alias
       * ("Russian"): a demonym even when the list did not flag it */
      if (!link && S_coarse(k->label) == 4 && o->kbkind == BL_KB_KIND_COUNTRY &&
          !(o->aflags & BL_KBA_NAME) && k->te - k->ts == 1) {
        link = 1;
        k->ev |= C_DEMONYM;
        k->mflags |= BL_MF_DEMONYM;
      }
    } else {
      link = k->label == o->label || (k->ev & C_WEAK);
    }
    if (link) {
      k->layer = o->layer;
      k->entry = o->entry;
      k->label = o->label;
      k->kbkind = o->kbkind;
      k->aflags = o->aflags;
      if (!k->gender) k->gender = o->gender;
    }
  }
  k->ev |= link || o->layer < 0 ? o->ev : (o->ev & ~(uint32_t)(C_KB | C_DEMONYM));
  k->mflags |= link || o->layer < 0 ? o->mflags : (o->mflags & BL_MF_POSSESSIVE);
  if (k->source == BL_SRC_NER && o->source == BL_SRC_RULE &&
      (o->ev & (C_HON | C_TITLE | C_FIRST)) && o->label == BL_LABEL_PERSON &&
      k->layer < 0)
    k->label = BL_LABEL_PERSON;
  if (k->source == BL_SRC_RULE && o->source == BL_SRC_NER && k->layer < 0 &&
      !(k->ev & (C_HON | C_TITLE | C_BODY | C_ACRONYM)) && k->label != BL_LABEL_EVENT &&
      !(k->label == BL_LABEL_PERSON && S_person_by_first_name(c, k)) &&

      !(o->label == BL_LABEL_PERSON && (k->ev & C_ORGHEAD)))
    k->label = o->label; /* "West Bank": the tagger knows better than "Bank" */
  if ((k->ev & C_WEAK) && o->source == BL_SRC_NER) {
    k->label = o->label;
    k->ev &= ~(uint32_t)C_WEAK;
  }
  if (k->title_ts < 0 && o->title_ts >= 0) {
    k->title_ts = o->title_ts;
    k->title_te = o->title_te;
  }
  if (!k->gender) k->gender = o->gender;
}

/* The end of a person's name ending at te, extended over the parts of a
 * hyphenated name the tagger cut ("Lee Cheuk-yan", "Suleiman al-Amr",
 * "Hwang Hee-Chan"): a hyphen inside the word, then a name part
 * (capitalised parts only for people). */
static int32_t S_hyphen_end(const S_ctx *c, int32_t te, int person) {
  int32_t e = te;
  while (e + 1 < c->n && e - te < 4 && (c->tk[e].flags & BL_TF_HYPHEN_INFIX) &&
         !S_is_word(&c->tk[e]) && c->st[e + 1].word && !c->st[e + 1].dead &&
         !c->st[e + 1].country && !c->st[e + 1].upper) {
    const S_tok *p = &c->st[e + 1];
    if (p->cap ? (p->kbent || !person) : (!p->lower || S_compound_part(c, e + 1))) break;
    e += 2;
  }
  return e;
}

static int S_select(S_ctx *c, bl_vec *out) {
  size_t nc = c->cands.len;
  S_cand *cv = c->cands.data;
  if (nc > 1) qsort(cv, nc, sizeof(S_cand), S_cand_cmp);
  for (int32_t i = 0; i < c->n; i++) c->owner[i] = -1;
  /* title_of of body candidates named a candidate by its old index: bodies
   * keep the state as evidence through their own span instead. */
  for (size_t k = 0; k < nc; k++) {
    S_cand *x = &cv[k];
    if (x->ev & C_BODY) x->title_of = -1;
  }
  for (int pass = 0; pass < 2; pass++) {
    for (size_t k = 0; k < nc; k++) {
      S_cand *x = &cv[k];
      int weak = (x->ev & C_WEAK) && !(x->ev & (C_KB | C_NER));
      if ((pass == 0) == weak) continue;
      if (weak && c->has_model) {
        /* with a model, a chunk it did not tag needs proper-noun tags */
        int ok = x->te - x->ts >= 2;
        for (int32_t i = x->ts; i < x->te && ok; i++)
          if (c->st[i].word && !S_connector(c, i) && c->tk[i].pos != BL_UPOS_PROPN)
            ok = 0;
        if (!ok) continue;
      }
      /* "the pro-Beijing camp", "anti-American protests": a stance, an
       * adjective, not a mention of the place or people */
      if (x->ts >= 2 && (c->tk[x->ts - 1].flags & BL_TF_HYPHEN_INFIX) &&
          !S_is_word(&c->tk[x->ts - 1]) &&
          (S_norm_is(c, x->ts - 2, "pro") || S_norm_is(c, x->ts - 2, "anti")))
        continue;
      int32_t o = c->owner[x->ts];
      if (o >= 0) {
        S_cand *y = &BL_VEC_AT(out, S_cand, o);
        if (y->ts == x->ts && y->te == x->te) S_merge(c, y, x);
        continue;
      }
      /* a name never ends inside a hyphenated word ("Kwok Ka-ki", whatever
       * class the tagger gave it); a person's name also takes a capitalised
       * part ("Suleiman al-Amr") */
      if (x->te - x->ts >= 2 || x->label == BL_LABEL_PERSON) {
        int32_t e = S_hyphen_end(c, x->te, x->label == BL_LABEL_PERSON);
        for (int32_t i = x->te; i < e; i++)
          if (c->owner[i] >= 0) e = x->te;
        x->te = e;
      }
      int free_ = 1;
      for (int32_t i = x->ts; i < x->te; i++)
        if (c->owner[i] >= 0) {
          free_ = 0;
          break;
        }
      if (!free_) {
        /* weak chunks shrink to their longest free run of capitals */
        if (!weak) continue;
        int32_t ba = -1, bb = -1;
        for (int32_t i = x->ts; i < x->te;) {
          if (c->owner[i] >= 0 || !S_capish(c, i)) {
            i++;
            continue;
          }
          int32_t e = i;
          while (e < x->te && c->owner[e] < 0 && (S_capish(c, e) || S_connector(c, e))) e++;
          while (e > i && S_connector(c, e - 1)) e--;
          if (e - i > bb - ba) {
            ba = i;
            bb = e;
          }
          i = e > i ? e : i + 1;
        }
        if (ba < 0) continue;
        if (bb - ba == 1 && (c->st[ba].lowelse || c->st[ba].init || c->st[ba].kbent ||
                             (c->st[ba].cls & (S_L_FUNC | S_L_STOP | S_L_TITLE |
                                               S_L_TEMPORAL | S_L_ORGHEAD))))
          continue;
        x->ts = x->name_ts = ba;
        x->te = bb;
        if (x->label == BL_LABEL_PERSON && bb - ba == 1) x->label = BL_LABEL_MISC;
      }
      S_cand *y = bl_vec_push(out);
      if (!y) return BL_ENOMEM;
      *y = *x;
      for (int32_t i = x->ts; i < x->te; i++) c->owner[i] = (int32_t)(out->len - 1);
    }
  }
  return BL_OK;
}

/* One person per first name in an article (after Ratinov & Roth's
 * document-level consistency): a lone gendered first name the tagger calls
 * an organisation ("Maria" in a story where she speaks, when the training
 * data had a firm of that name) is the person when some occurrence of the
 * word in the article is said to speak ("Maria said", "said Maria") or is
 * followed by ", who" or soon by "she", "her", "he", "his" in the same
 * sentence, and no occurrence has an organisation's cue: a determiner
 * before it ("the Maria"), an organisation head noun or legal form after
 * it ("Maria Group", "Maria Inc"), an organisation or media noun before it
 * ("news agency Petra"), or a part of a longer non-person name ("Maria
 * Bistrita").  Words the lists know as an entity, all-caps words and words
 * also seen in lower case are left alone. */
static int S_first_name_people(S_ctx *c, bl_vec *sel) {
  S_cand *v = sel->data;
  size_t n = sel->len;
  const uint32_t bad = S_L_STOP | S_L_FUNC | S_L_TITLE | S_L_TITLE_MOD | S_L_ORGHEAD |
                       S_L_LEGAL | S_L_LOCHEAD | S_L_FACHEAD | S_L_EVENTHEAD | S_L_TEMPORAL |
                       S_L_HON;
  int any = 0;
  for (size_t k = 0; k < n && !any; k++) {
    const S_cand *m = &v[k];
    any = (m->ev & C_NER) && m->layer < 0 &&
          (c->st[m->ts].cls & (S_L_FIRST_M | S_L_FIRST_F)) &&
          (m->te - m->ts == 1 ? m->label == BL_LABEL_ORG
                              : m->label == BL_LABEL_GPE || m->label == BL_LABEL_LOC);
  }
  if (!any) return BL_OK;
  /* "FTU's Alice Mak", "Warren O'Connor": two or three words the tagger
   * calls a place, the first a gendered first name, the rest no word the
   * lists know (no place, no head noun of a place, building or
   * organisation): a person.  (Place names that start with a first name --
   * "Grace Road", "Santiago de Cuba", "Kansas City" -- end in a head noun
   * or are listed.) */
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (!(m->ev & C_NER) || m->layer >= 0 || m->te - m->ts < 2 || m->name_ts != m->ts ||
        (m->label != BL_LABEL_GPE && m->label != BL_LABEL_LOC) ||
        (m->ev & (C_KB | C_BODY | C_ACRONYM | C_DEMONYM | C_HON | C_TITLE)))
      continue;
    const S_tok *f = &c->st[m->ts];
    if (!(f->cls & (S_L_FIRST_M | S_L_FIRST_F)) || !f->cap || f->upper || f->noisy ||
        f->headline || f->lowelse || (f->cls & bad) || S_connector(c, m->ts) ||
        S_after_det(c, m->ts))
      continue; /* (a particle is no first name: "El Al"; "the Far East") */
    int words = 1, ok = 1;
    for (int32_t q = m->ts + 1; q < m->te && ok; q++) {
      const S_tok *s = &c->st[q];
      if (!s->word) {
        /* only the hyphen inside a written word: "Al-Maeena" */
        ok = (c->tk[q].flags & BL_TF_HYPHEN_INFIX) && q + 1 < m->te;
        continue;
      }
      if ((c->tk[q - 1].flags & BL_TF_HYPHEN_INFIX) && !S_is_word(&c->tk[q - 1])) {
        ok = !s->kbent && !s->country && !(s->cls & bad);
        continue;
      }
      words++;
      ok = s->cap && !s->upper && !s->kbent && !s->country && !s->lowelse &&
           !(s->cls & (bad | S_L_CITYNOUN | S_L_GOVBODY | S_L_BODY)) && !S_place_word(c, q);
    }
    if (!ok || words > 3) continue;
    /* where a place is: after "at", "in", "near" ..., after a place's
     * possessive ("Israel's Ben Gurion airport"), before a common noun it
     * modifies ("Ben Gurion airport", "Victor Babes hospital") */
    int32_t p = m->ts - 1;
    if (p >= 0 && c->st[p].lower &&
        ((c->st[p].cls & S_L_LOCPREP) || c->tk[p].pos == BL_UPOS_ADP))
      continue; /* (after any preposition: "village of", "between", "from") */
    if (m->te + 1 < c->n && S_is_punct(c, m->te, ',') && S_place_word(c, m->te + 1))
      continue; /* "Avalon Borough, N.J." */
    if (p >= 1 && S_possessive_at(c, p) && S_place_word(c, p - 1)) continue;
    if (p >= 2 && S_norm_is(c, p, "s") && !c->st[p - 1].word && !S_is_word(&c->tk[p - 1]) &&
        S_place_word(c, p - 2))
      continue; /* (written "Israel 's") */
    if (m->te < c->n && c->st[m->te].word && c->st[m->te].lower &&
        (c->tk[m->te].pos == BL_UPOS_NOUN || (c->st[m->te].cls & (S_L_FACHEAD | S_L_ORGHEAD))))
      continue;
    m->label = BL_LABEL_PERSON;
    m->ev |= C_FIRST;
  }
  any = 0;
  for (size_t k = 0; k < n && !any; k++) {
    const S_cand *m = &v[k];
    any = m->te - m->ts == 1 && m->label == BL_LABEL_ORG && (m->ev & C_NER) &&
          m->layer < 0 && (c->st[m->ts].cls & (S_L_FIRST_M | S_L_FIRST_F));
  }
  if (!any) return BL_OK;
  S_map st; /* word -> bit 1: person evidence, bit 2: organisation cue */
  int rc = S_map_init(&c->doc->arena, &st, (size_t)c->n);
  if (rc < 0) return rc;
  for (int32_t i = 0; i < c->n; i++) {
    const S_tok *s = &c->st[i];
    if (!s->word || !s->cap || s->upper || !(s->cls & (S_L_FIRST_M | S_L_FIRST_F))) continue;
    int32_t *slot = S_map_get(&st, S_nh(c, i), 1);
    if (*slot < 0) *slot = 0;
    if (S_after_det(c, i) ||
        (i + 1 < c->n && (c->st[i + 1].cls & (S_L_ORGHEAD | S_L_LEGAL))) ||
        (i > 0 && c->st[i - 1].lower &&
         (c->st[i - 1].cls & (S_L_ORGHEAD | S_L_MEDIANOUN | S_L_WORKNOUN))))
      *slot |= 2; /* ("news agency Petra") */
    if ((i + 1 < c->n && (c->st[i + 1].cls & S_L_SPEECH) && c->st[i + 1].lower) ||
        (i > 0 && (c->st[i - 1].cls & S_L_SPEECH) && c->st[i - 1].lower) ||
        (i + 2 < c->n && S_is_punct(c, i + 1, ',') && S_norm_is(c, i + 2, "who")))
      *slot |= 1;
    /* ... or a personal pronoun soon after it in the same sentence, no
     * other name in between: "Nancy, admitted in her biography", "Maria
     * told reporters she ..." (organisations are "it", teams "they") */
    for (int32_t q = i + 1; q < c->n && q <= i + 5; q++) {
      if (c->tk[q].flags & (BL_TF_SENT_START | BL_TF_PARA_START)) break;
      if (c->st[q].word && c->st[q].cap) break;
      if (c->st[q].lower &&
          (S_norm_is(c, q, "she") || S_norm_is(c, q, "her") || S_norm_is(c, q, "he") ||
           S_norm_is(c, q, "his") || S_norm_is(c, q, "him") || S_norm_is(c, q, "herself") ||
           S_norm_is(c, q, "himself"))) {
        *slot |= 1;
        break;
      }
    }
  }
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    if (m->te - m->ts < 2 || m->label == BL_LABEL_PERSON) continue;
    for (int32_t q = m->ts; q < m->te; q++) {
      int32_t *slot = S_map_get(&st, S_nh(c, q), 0);
      if (slot && *slot >= 0) *slot |= 2;
    }
  }
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (m->te - m->ts != 1 || m->label != BL_LABEL_ORG || !(m->ev & C_NER) ||
        m->layer >= 0 || (m->ev & (C_KB | C_BODY | C_ACRONYM | C_DEMONYM)))
      continue;
    const S_tok *s = &c->st[m->ts];
    if (!(s->cls & (S_L_FIRST_M | S_L_FIRST_F)) || (s->cls & bad) || s->kbent ||
        s->country || s->upper || s->lowelse || s->dead)
      continue;
    const int32_t *slot = S_map_get(&st, S_nh(c, m->ts), 0);
    if (!slot || *slot != 1) continue;
    m->label = BL_LABEL_PERSON;
    m->ev |= C_FIRST;
    if (!m->gender)
      m->gender = (s->cls & S_L_FIRST_F) && !(s->cls & S_L_FIRST_M) ? BL_GENDER_FEMALE
                : (s->cls & S_L_FIRST_M) && !(s->cls & S_L_FIRST_F) ? BL_GENDER_MALE
                                                                    : BL_GENDER_NONE;
  }
  return BL_OK;
}

/* Token i: a syllable of lo..hi ASCII letters, first upper (cap) or all
 * lower (!cap) case. */
static int S_syllable(const S_ctx *c, int32_t i, int cap, int lo, int hi) {
  if (i < 0 || i >= c->n || c->tk[i].kind != BL_TOK_WORD) return 0;
  const bl_tokx *x = &c->tx[i];
  int32_t len = x->bend - x->bstart;
  if (len < lo || len > hi) return 0;
  for (int32_t k = 0; k < len; k++) {
    char ch = c->doc->text[x->bstart + k];
    int up = ch >= 'A' && ch <= 'Z', low = ch >= 'a' && ch <= 'z';
    if (!(k == 0 && cap ? up : low)) return 0;
  }
  return 1;
}

/* "Hui Chi-fung", "Kwok Wai-keung", "Ban Ki-moon": a one-syllable family
 * name and a hyphenated two-syllable given name (Cantonese, Korean and
 * older Mandarin romanisation) is a person, whatever the tagger said.  The
 * shape is exact: two short capitalised syllables, a hyphen inside the
 * word, a short lower-case syllable; no listed word, no English prefix
 * ("Anti-war") or suffix ("Tokyo-based"), not after a place preposition. */
static void S_hyphen_given_names(S_ctx *c, bl_vec *sel) {
  static const char *const prefix[] = {"anti", "pro", "non", "pre", "post", "co", "ex",
                                       "self", "semi", "multi", "well", "inter", "mid",
                                       "neo", "re", "sub", "vice", "over", "under", "all"};
  static const char *const suffix[] = {"based", "born", "led", "run", "made", "owned",
                                       "backed", "style", "old", "like", "wide", "free",
                                       "up", "in", "out", "off", "on", "era", "day", "year",
                                       "long", "term", "class", "level", "scale", "size"};
  const uint32_t bad = S_L_STOP | S_L_FUNC | S_L_TITLE | S_L_TITLE_MOD | S_L_ORGHEAD |
                       S_L_LEGAL | S_L_LOCHEAD | S_L_FACHEAD | S_L_EVENTHEAD | S_L_TEMPORAL |
                       S_L_HON | S_L_CITYNOUN | S_L_GOVBODY | S_L_BODY;
  S_cand *v = sel->data;
  for (size_t k = 0; k < sel->len; k++) {
    S_cand *m = &v[k];
    int32_t a = m->name_ts;
    if (m->label == BL_LABEL_PERSON || m->layer >= 0 || m->te - a != 4 ||
        (m->ev & (C_KB | C_BODY | C_ACRONYM | C_DEMONYM)))
      continue;
    if (!S_syllable(c, a, 1, 2, 6) || !S_syllable(c, a + 1, 1, 2, 6) ||
        !(c->tk[a + 2].flags & BL_TF_HYPHEN_INFIX) || !S_is_punct(c, a + 2, '-') ||
        !S_syllable(c, a + 3, 0, 2, 6))
      continue;
    int ok = 1; /* (the syllable after the hyphen is no word of its own: "yu") */
    for (int32_t q = a; q < a + 2 && ok; q++)
      if ((c->st[q].cls & bad) || c->st[q].country || c->st[q].noisy) ok = 0;
    for (size_t w = 0; w < sizeof(prefix) / sizeof(prefix[0]) && ok; w++)
      if (S_norm_is(c, a + 1, prefix[w])) ok = 0;
    for (size_t w = 0; w < sizeof(suffix) / sizeof(suffix[0]) && ok; w++)
      if (S_norm_is(c, a + 3, suffix[w])) ok = 0;
    int32_t p = m->ts - 1;
    if (p >= 0 && c->st[p].word && c->st[p].lower && (c->st[p].cls & S_L_LOCPREP)) ok = 0;
    if (!ok) continue;
    m->label = BL_LABEL_PERSON;
  }
}

/* A selected name without a KB link takes the entry of a KB alias that
 * spans exactly its name part ("Mr Putin" -> the entry of "Putin"). */
static void S_link_names(S_ctx *c, bl_vec *sel) {
  S_cand *v = sel->data;
  for (size_t k = 0; k < sel->len; k++) {
    S_cand *m = &v[k];
    if (m->layer >= 0 || (m->ev & (C_BODY | C_ACRONYM)) || m->name_ts >= m->te) continue;
    int32_t h = c->hit_at[m->name_ts];
    if (h < 0) continue;
    const S_hit *best = NULL;
    for (size_t q = (size_t)h; q < c->n_hits && c->hits[q].ts == m->name_ts &&
                               q < (size_t)h + 4 * S_MAX_ALTS; q++) {
      const S_hit *x = &c->hits[q];
      if (x->te != m->te) continue;
      int lab = S_kind_label(x->kind, x->label);
      int ok = lab == m->label || ((m->ev & C_WEAK) && m->label == BL_LABEL_MISC) ||
               (m->source == BL_SRC_NER && S_coarse(lab) == S_coarse(m->label));
      if (!ok) continue;
      if (!best || x->prominence > best->prominence) best = x;
    }
    if (!best) continue;
    m->layer = best->layer;
    m->entry = best->entry;
    m->kbkind = best->kind;
    if (S_coarse(m->label) != S_coarse(S_kind_label(best->kind, best->label)) ||
        m->source != BL_SRC_NER)
      m->label = S_kind_label(best->kind, best->label);
    if (!m->gender) m->gender = best->gender;
  }
}

static int S_sel_cmp(const void *pa, const void *pb) {
  const S_cand *a = pa, *b = pb;
  if (a->ts != b->ts) return (a->ts > b->ts) - (a->ts < b->ts);
  return (a->te < b->te) - (a->te > b->te); /* an outer mention first */
}

/* Is token i a plural whose singular is written capitalised in the
 * article and is no first name ("Polaroids" / "the Polaroid camera")? */
static int S_plural_of_name(const S_ctx *c, int32_t i, S_map *stems, int need_org) {
  if (c->tk[i].kind != BL_TOK_WORD || !c->st[i].cap || c->st[i].upper) return 0;
  const char *text = c->doc->text;
  const bl_tokx *x = &c->tx[i];
  int32_t len = x->bend - x->bstart;
  if (len < 4 || text[x->bend - 1] != 's' || text[x->bend - 2] == 's' ||
      text[x->bend - 2] == '\'')
    return 0;
  int32_t *slot = S_map_get(stems, bl_hash_bytes(text + x->bstart, (size_t)(len - 1)), 0);
  if (!slot || *slot < 0) return 0;
  int32_t j = *slot >> 1; /* a token with the singular's bytes */
  const bl_tokx *y = &c->tx[j];
  if (y->bend - y->bstart != len - 1 ||
      memcmp(text + y->bstart, text + x->bstart, (size_t)(len - 1)) != 0)
    return 0;
  return need_org ? (*slot & 1) : 1;
}

/* A plural of a name is no person's name: "100 Polaroids", "Warhol's
 * Polaroids" -- a capitalised word ending in "s" whose singular is written
 * capitalised in the article ("the Polaroid camera") and is no first name.
 * Alone, a name only the tagger found (as a person, as an organisation
 * outside match reports -- "Yankees" / "Yankee Stadium" -- or as a MISC
 * whose singular is an organisation's name) with no cue, it is dropped;
 * at the end of a tagger's person span ("Warhol Polaroids", not after a
 * first name: "Tyra Banks") it is cut off.  A word
 * that is part of the name of someone named with a first name or a title
 * stays ("Serena Williams ... Williams"). */
static int S_plural_names(S_ctx *c, bl_vec *sel) {
  S_cand *v = sel->data;
  size_t n = sel->len, w = 0;
  if (!n) return BL_OK;
  int32_t *own = bl_arena_alloc(&c->doc->arena, (size_t)c->n * sizeof(int32_t));
  if (!own) return BL_ENOMEM;
  for (int32_t i = 0; i < c->n; i++) own[i] = -1;
  for (size_t k = 0; k < n; k++)
    for (int32_t i = v[k].ts; i < v[k].te; i++) own[i] = (int32_t)k;
  /* capitalised words that are no first name, by their bytes: a token
   * index << 1 | 1 when one of them ends an organisation's name; and the
   * words of people named with a first name or a title */
  S_map stems, named;
  int rc;
  if ((rc = S_map_init(&c->doc->arena, &stems, (size_t)c->n)) < 0) return rc;
  if ((rc = S_map_init(&c->doc->arena, &named, (size_t)c->n)) < 0) return rc;
  for (int32_t j = 0; j < c->n; j++) {
    if (c->tk[j].kind != BL_TOK_WORD || !c->st[j].cap || (c->st[j].cls & S_L_FIRST)) continue;
    const bl_tokx *y = &c->tx[j];
    int32_t *slot = S_map_get(&stems, bl_hash_bytes(c->doc->text + y->bstart,
                                                     (size_t)(y->bend - y->bstart)), 1);
    int org = own[j] >= 0 && v[own[j]].label == BL_LABEL_ORG && v[own[j]].te == j + 1;
    if (*slot < 0 || (org && !(*slot & 1))) *slot = (j << 1) | org;
  }
  for (size_t o = 0; o < n; o++) {
    if (v[o].label != BL_LABEL_PERSON || v[o].te - v[o].name_ts < 2 ||
        !((c->st[v[o].name_ts].cls & S_L_FIRST) || (v[o].ev & (C_HON | C_TITLE | C_FIRST | C_KB))))
      continue;
    for (int32_t q = v[o].name_ts; q < v[o].te; q++) *S_map_get(&named, S_nh(c, q), 1) = (int32_t)o;
  }
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    int drop = 0;
    int32_t a = m->name_ts, last = m->te - 1;
    /* (a tagger's span may end in "of": "Polaroids of fashion designer") */
    while (last > a && c->st[last].lower && S_connector(c, last)) last--;
    int weak = m->layer < 0 && (m->ev & C_NER) &&
               !(m->ev & (C_HON | C_TITLE | C_FIRST | C_APPOS | C_SPEECH | C_KB | C_ORGHEAD)) &&
               (m->label == BL_LABEL_PERSON || m->label == BL_LABEL_MISC ||
                (m->label == BL_LABEL_ORG && !c->sport));
    /* (a MISC plural must have an organisation's name ending in its
     * singular: "the Polaroid camera"; "Chechens" / "Chechen rebels",
     * "Republicans" / "Republican Party" are groups) */
    if (weak && S_plural_of_name(c, last, &stems, m->label == BL_LABEL_MISC)) {
      /* part of the name of someone named with a first name or a title */
      const int32_t *ns = S_map_get(&named, S_nh(c, last), 0);
      int other = ns && *ns >= 0 && (size_t)*ns != k;
      if (!other && last == a) {
        drop = 1;
      } else if (!other && m->label == BL_LABEL_PERSON && m->te - a == 2 && c->st[a].cap &&
                 !c->st[a].upper && !(c->st[a].cls & S_L_FIRST)) {
        m->te = last; /* "Warhol Polaroids" -> Warhol */
      }
    }
    if (!drop) v[w++] = v[k];
  }
  sel->len = w;
  return BL_OK;
}

/* One sense per article: a name found somewhere ("Elizabeth Quat of DAB",
 * tagged) is a name wherever the same words recur and nothing found them
 * ("DAB 's Ben Chan", missed): each such repeat, not inside another name
 * nor next to a capitalised word, becomes a mention with the same label
 * (and KB link), unless the words were found with two labels, or a
 * one-word name is also written in lower case ("Hope" / "hope"), or is a
 * function, date, title or stop word. */
#define S_MAX_REPEAT 6
/* Hash of the words of tokens ts..te (punctuation skipped). */
static uint64_t S_span_key(const S_ctx *c, int32_t ts, int32_t te) {
  uint64_t h = 0x9ae16a3b2f90404fULL;
  for (int32_t i = ts; i < te; i++)
    if (c->st[i].word) h = bl_fmix64(h ^ S_nh(c, i)) + 0x9E3779B97F4A7C15ULL;
  return h ? h : 2;
}

static int S_repeats(S_ctx *c, bl_vec *sel) {
  size_t n0 = sel->len;
  if (!n0) return BL_OK;
  S_map keys;
  int rc;
  if ((rc = S_map_init(&c->doc->arena, &keys, n0)) < 0) return rc;
  int32_t *own = bl_arena_alloc(&c->doc->arena, (size_t)c->n * sizeof(int32_t));
  if (!own) return BL_ENOMEM;
  for (int32_t i = 0; i < c->n; i++) own[i] = -1;
  uint32_t lens = 0; /* bit L: some key has L tokens */
  const uint32_t bad = S_L_FUNC | S_L_TEMPORAL | S_L_TITLE | S_L_TITLE_MOD | S_L_STOP |
                       S_L_HON | S_L_BOILER | S_L_CAPTION;
  for (size_t k = 0; k < n0; k++) {
    const S_cand *m = &((S_cand *)sel->data)[k];
    for (int32_t i = m->ts; i < m->te; i++) own[i] = (int32_t)k;
    int32_t a = m->name_ts, L = m->te - a;
    if (L < 1 || L > S_MAX_REPEAT || (m->ev & (C_WEAK | C_DEMONYM | C_ACRONYM | C_BODY)) ||
        (m->mflags & (BL_MF_DEMONYM | BL_MF_METONYM)) || c->st[a].dead ||
        !c->st[a].word || !(c->st[a].cap || c->st[a].upper))
      continue;
    if (L == 1 && ((c->st[a].cls & bad) || (c->st[a].lowelse && !c->st[a].upper))) continue;
    int32_t *slot = S_map_get(&keys, S_span_key(c, a, m->te), 1);
    if (*slot == -1) *slot = (int32_t)k;
    else if (*slot >= 0 && ((S_cand *)sel->data)[*slot].label != m->label) *slot = -2;
    lens |= 1u << L;
  }
  for (int32_t i = 0; i < c->n; i++) {
    if (own[i] >= 0 || !c->st[i].word || !(c->st[i].cap || c->st[i].upper) || c->st[i].dead ||
        c->st[i].noisy)
      continue; /* (in headlines and all-caps lines case says nothing) */
    if (i > 0 && own[i - 1] < 0 && c->st[i - 1].word && c->st[i - 1].cap && !c->st[i - 1].init &&
        !c->st[i - 1].noisy)
      continue; /* the tail of a longer capitalised run */
    for (int32_t L = S_MAX_REPEAT; L >= 1; L--) {
      if (!(lens & (1u << L)) || i + L > c->n) continue;
      int free_ = 1;
      for (int32_t q = i; q < i + L && free_; q++) free_ = own[q] < 0;
      if (!free_) continue;
      int32_t e = i + L;
      if (e < c->n && c->st[e].word && c->st[e].cap && !c->st[e].noisy) continue;
      int32_t *slot = S_map_get(&keys, S_span_key(c, i, e), 0);
      if (!slot || *slot < 0) continue;
      const S_cand *src = &((S_cand *)sel->data)[*slot];
      /* the same words, token by token (not only the same key) */
      int same = src->te - src->name_ts == L;
      for (int32_t q = 0; q < L && same; q++)
        same = S_nh(c, i + q) == S_nh(c, src->name_ts + q) &&
               c->st[i + q].word == c->st[src->name_ts + q].word;
      if (!same) continue;
      /* a sentence-initial one-word repeat that is no acronym: only if the
       * word is seen capitalised mid-sentence ("Scientology ...") */
      if (L == 1 && c->st[i].init && !c->st[i].upper && !c->st[i].capelse) continue;
      S_cand *k = bl_vec_push(sel);
      if (!k) return BL_ENOMEM;
      src = &((S_cand *)sel->data)[*slot]; /* (the vector may have moved) */
      memset(k, 0, sizeof(*k));
      k->ts = k->name_ts = i;
      k->te = e;
      k->label = src->label;
      k->layer = src->layer;
      k->entry = src->entry;
      k->kbkind = src->kbkind;
      k->aflags = src->aflags;
      k->gender = src->gender;
      k->source = BL_SRC_ALIAS;
      k->ev = src->ev & (C_KB | C_NER);
      k->title_ts = k->title_te = k->title_of = -1;
      k->ent = -1;
      for (int32_t q = i; q < e; q++) own[q] = (int32_t)(sel->len - 1);
      i = e - 1;
      break;
    }
  }
  if (sel->len > n0) qsort(sel->data, sel->len, sizeof(S_cand), S_sel_cmp);
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* 4. Demonyms, metonyms, titles, acronyms                              */
/* ------------------------------------------------------------------ */
static int S_political_context(const S_ctx *c, const S_cand *m) {
  int32_t ts = m->ts, te = m->te;
  /* "ally of X", "according to X", "talks with X", "trade with X" */
  int32_t p = ts - 1;
  if (p >= 0 && (S_norm_is(c, p, "of") || S_norm_is(c, p, "to") ||
                 S_norm_is(c, p, "with") || S_norm_is(c, p, "from") ||
                 S_norm_is(c, p, "against") || S_norm_is(c, p, "on") ||
                 S_norm_is(c, p, "by"))) {
    for (int32_t q = p - 1; q >= 0 && q >= p - 2; q--)
      if (c->st[q].cls & S_L_POLGOV) return 1;
  }
  /* "X's approval" (unless the mayor, the suburbs ...) */
  if (S_possessive_at(c, te)) {
    for (int32_t q = te + 1; q < c->n && q <= te + 3; q++) {
      if (c->st[q].cls & S_L_CITYNOUN) return 0;
      if (!c->st[q].word) break;
    }
    return 1;
  }
  /* subject of a political or speech verb: "Beijing denies", "Moscow has
   * warned"; never after a preposition ("a drone hit Moscow") */
  if (p >= 0 && c->st[p].word && (c->st[p].cls & S_L_LOCPREP)) return 0;
  /* the subject of a clause ("..., Beijing has long been Pyongyang's
   * lifeline"; "while Moscow insists") acts, so it is the state; a passive
   * ("Moscow was hit"), a place verb ("Beijing hosted", "Moscow has 12
   * million people") or a copula before a city noun keeps the city */
  int subject = c->st[ts].init ||
                (p >= 0 && (S_is_punct(c, p, ',') || S_is_punct(c, p, ';') ||
                            (c->has_model && (c->tk[p].pos == BL_UPOS_CCONJ ||
                                              c->tk[p].pos == BL_UPOS_SCONJ))));
  if (subject && c->has_model) {
    int be = 0;
    for (int32_t q = te; q < c->n && q < te + S_MAX_LOOK + 1; q++) {
      int pos = c->tk[q].pos;
      int is_be = S_norm_is(c, q, "is") || S_norm_is(c, q, "was") || S_norm_is(c, q, "are") ||
                  S_norm_is(c, q, "were") || S_norm_is(c, q, "be") || S_norm_is(c, q, "been") ||
                  S_norm_is(c, q, "being");
      if (c->st[q].cls & (S_L_POLVERB | S_L_SPEECH)) return 1;
      if (is_be) {
        be = 1;
        continue;
      }
      if (pos == BL_UPOS_AUX || pos == BL_UPOS_ADV || pos == BL_UPOS_PART) continue;
      if (pos == BL_UPOS_VERB) {
        static const char *const place_verbs[] = {
            "lies", "lie", "sits", "borders", "hosts", "host", "hosted", "hosting", "has",
            "have", "had", "saw", "sees", "experienced", "suffered", "recorded", "got", "gets"};
        if (be) return 0; /* passive */
        for (size_t w = 0; w < sizeof(place_verbs) / sizeof(place_verbs[0]); w++)
          if (S_norm_is(c, q, place_verbs[w])) return 0;
        return 1;
      }
      if (!be || pos == BL_UPOS_NUM || pos == BL_UPOS_ADP || pos == BL_UPOS_ADJ ||
          !c->st[q].word)
        return 0;
      /* a copula: "Beijing has long been Pyongyang's lifeline" */
      for (int32_t r = q; r < c->n && r < q + S_MAX_LOOK; r++) {
        if (c->st[r].cls & S_L_CITYNOUN) return 0;
        if (S_norm_is(c, r, "city") || S_norm_is(c, r, "capital") || S_norm_is(c, r, "home"))
          return 0;
      }
      return 1;
    }
  }
  for (int32_t q = te; q < c->n && q < te + S_MAX_LOOK; q++) {
    uint32_t cl = c->st[q].cls;
    if (cl & (S_L_POLVERB | S_L_SPEECH)) return 1;
    int aux = c->has_model ? (c->tk[q].pos == BL_UPOS_AUX || c->tk[q].pos == BL_UPOS_ADV ||
                              c->tk[q].pos == BL_UPOS_PART)
                           : 0;
    if (!aux)
      aux = S_norm_is(c, q, "has") || S_norm_is(c, q, "have") || S_norm_is(c, q, "had") ||
            S_norm_is(c, q, "will") || S_norm_is(c, q, "would") || S_norm_is(c, q, "not") ||
            S_norm_is(c, q, "also") || S_norm_is(c, q, "has") || S_norm_is(c, q, "is") ||
            S_norm_is(c, q, "was") || S_norm_is(c, q, "did") || S_norm_is(c, q, "does") ||
            S_norm_is(c, q, "could") || S_norm_is(c, q, "may") || S_norm_is(c, q, "quickly") ||
            S_norm_is(c, q, "repeatedly");
    if (!aux) break;
  }
  return 0;
}

static void S_roles(S_ctx *c, bl_vec *sel) {
  size_t n = sel->len;
  S_cand *v = sel->data;
  const bl_config *cfg = c->cfg;
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    for (int32_t i = m->ts; i < m->te; i++) c->owner[i] = (int32_t)k;
  }
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    /* capitals and seats of government as metonyms */
    if (m->layer >= 0 && m->layer < cfg->n_kbs) {
      bl_kb_entry e;
      if (bl_kb_entry_get(cfg->kbs[m->layer], (size_t)m->entry, &e) >= 0 &&
          (e.role == BL_KB_ROLE_CAPITAL || e.role == BL_KB_ROLE_SEAT ||
           e.kind == BL_KB_KIND_SEAT) &&
          !(m->ev & C_BODY) && S_political_context(c, m)) {
        int lay = m->layer;
        int32_t ce = e.country;
        if (ce < 0 && e.country_id[0]) ce = bl__kb_find_any(c->doc, e.country_id, &lay);
        if (ce >= 0) {
          m->layer = lay;
          m->entry = ce;
          m->kbkind = BL_KB_KIND_COUNTRY;
          m->label = BL_LABEL_GPE;
          m->mflags |= BL_MF_METONYM;
        }
      }
    }
    /* demonyms: GPE before a title or a person, NORP otherwise */
    if ((m->ev & C_DEMONYM) && !(m->ev & C_BODY)) {
      int32_t j = m->te;
      int gpe = 0;
      if (j < c->n && (c->st[j].cls & (S_L_TITLE | S_L_TITLE_MOD)) &&
          S_title_phrase(c, j) > j)
        gpe = 1;
      if (j < c->n && c->owner[j] >= 0 && v[c->owner[j]].label == BL_LABEL_PERSON) gpe = 1;
      m->label = gpe ? BL_LABEL_GPE : BL_LABEL_NORP;
    }
    /* a title before a person: the state that qualifies it */
    if (m->title_ts >= 0) {
      int32_t q = m->title_ts - 1;
      if (q >= 0 && S_possessive_at(c, q)) q--;
      if (q >= 0 && c->owner[q] >= 0) {
        const S_cand *s = &v[c->owner[q]];
        if (s->label == BL_LABEL_GPE || (s->ev & C_DEMONYM)) m->title_of = c->owner[q];
      }
    }
  }
}

/* Initials of a mention's capitalised words, lower-case ASCII. */
static size_t S_initials(const S_ctx *c, const S_cand *m, char *buf, size_t cap) {
  size_t n = 0;
  for (int32_t i = m->name_ts; i < m->te && n < cap; i++) {
    if (!c->st[i].word || !c->st[i].cap) continue;
    char ch = c->doc->text[c->tx[i].bstart];
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
    buf[n++] = ch;
  }
  return n;
}

static int S_acronym_match(const S_ctx *c, const S_cand *m, int32_t a) {
  if (!c->st[a].upper) return 0;
  char ini[S_MAX_CHUNK];
  size_t ni = S_initials(c, m, ini, sizeof(ini));
  size_t len;
  const char *s = S_norm(c, a, &len);
  if (ni < 2 || len != ni) return 0;
  for (size_t k = 0; k < len; k++) {
    char ch = s[k];
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
    if (ch != ini[k]) return 0;
  }
  return 1;
}

/* "International Criminal Court (ICC)": the acronym becomes a mention of
 * the same thing (marked; resolution links it and later uses). */
static int S_acronyms(S_ctx *c, bl_vec *sel) {
  size_t n0 = sel->len;
  for (size_t k = 0; k < n0; k++) {
    S_cand *m = &BL_VEC_AT(sel, S_cand, k);
    if (m->te - m->name_ts < 2) continue;
    int32_t p = m->te;
    if (S_possessive_at(c, p)) continue;
    if (!S_is_punct(c, p, '(') || p + 2 >= c->n || !S_is_punct(c, p + 2, ')')) continue;
    int32_t a = p + 1;
    if (!S_acronym_match(c, m, a)) continue;
    int32_t o = c->owner[a];
    if (o >= 0) {
      S_cand *x = &BL_VEC_AT(sel, S_cand, o);
      m = &BL_VEC_AT(sel, S_cand, k);
      x->ev |= C_ACRONYM;
      x->title_of = (int32_t)k; /* defined by mention k */
      x->label = m->label;
      continue;
    }
    S_cand *x = bl_vec_push(sel);
    if (!x) return BL_ENOMEM;
    m = &BL_VEC_AT(sel, S_cand, k);
    memset(x, 0, sizeof(*x));
    x->ts = x->name_ts = a;
    x->te = a + 1;
    x->label = m->label;
    x->layer = x->entry = -1;
    x->source = BL_SRC_RULE;
    x->ev = C_ACRONYM;
    x->title_ts = x->title_te = -1;
    x->title_of = (int32_t)k;
    x->ent = -1;
    c->owner[a] = (int32_t)(sel->len - 1);
  }
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* 5. Resolution                                                       */
/* ------------------------------------------------------------------ */
typedef struct {
  int32_t label, layer, entry, first_tok, count, gender, flags;
  int32_t best_mention, best_len, headline;
  int32_t person_votes, gm, gf;
  int32_t nested; /* mentions inside other names (no say in the label) */
  int32_t votes[5], vote_label[5]; /* mentions per coarse class, a label of each */
  int64_t salience;
} S_ent;

static int S_new_entity(bl_vec *ents, const S_cand *m) {
  S_ent *e = bl_vec_push(ents);
  if (!e) return BL_ENOMEM;
  e->label = m->label;
  e->layer = m->layer;
  e->entry = m->entry;
  e->first_tok = m->ts;
  e->best_mention = -1;
  return (int)(ents->len - 1);
}

#define S_AMBIG (-2)
#define S_SURE 0x40000000 /* partkey: the full name is surely a person */

static int S_resolve(S_ctx *c, bl_vec *sel, bl_vec *ents) {
  size_t n = sel->len;
  S_cand *v = sel->data;
  S_map kbkey, namekey, partkey, acrokey;
  int rc;
  if ((rc = S_map_init(&c->doc->arena, &acrokey, n)) < 0) return rc;
  if ((rc = S_map_init(&c->doc->arena, &kbkey, n)) < 0) return rc;
  if ((rc = S_map_init(&c->doc->arena, &namekey, n)) < 0) return rc;
  if ((rc = S_map_init(&c->doc->arena, &partkey, 2 * n)) < 0) return rc;
  /* one sense per article: a name the list linked somewhere is that entry
   * wherever the same words recur unlinked (the headline's "Lisbon" that the
   * tagger called an organisation is the body's Lisbon), unless a person cue
   * says otherwise or the words were linked to two different entries.
   * Metonyms and demonyms are special senses and lend nothing. */
  S_map kbspan;
  if ((rc = S_map_init(&c->doc->arena, &kbspan, n)) < 0) return rc;
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    if (m->layer < 0 || (m->ev & C_ACRONYM) || (m->mflags & (BL_MF_METONYM | BL_MF_DEMONYM)))
      continue;
    int32_t *slot = S_map_get(&kbspan, S_span_key(c, m->name_ts, m->te), 1);
    if (*slot == -1) *slot = (int32_t)k;
    else if (*slot >= 0 && (v[*slot].layer != m->layer || v[*slot].entry != m->entry))
      *slot = S_AMBIG;
  }
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (m->layer >= 0 || (m->ev & (C_ACRONYM | C_BODY))) continue;
    int32_t *slot = S_map_get(&kbspan, S_span_key(c, m->name_ts, m->te), 0);
    if (!slot || *slot < 0) continue;
    const S_cand *src = &v[*slot];
    if (src->label != BL_LABEL_PERSON && (m->ev & (C_HON | C_TITLE | C_FIRST | C_APPOS)))
      continue;
    /* a person to the tagger in running text may be someone's surname
     * ("Jordan"); only the headline's guesses give way */
    if (m->label == BL_LABEL_PERSON && src->label != BL_LABEL_PERSON &&
        !c->st[m->name_ts].noisy && !c->st[m->name_ts].headline)
      continue;
    m->layer = src->layer;
    m->entry = src->entry;
    m->kbkind = src->kbkind;
    m->label = src->label;
    if (!m->gender) m->gender = src->gender;
  }
  /* pass A: KB-linked mentions and multi-word names */
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (m->ev & C_ACRONYM) continue;
    int32_t *slot;
    if (m->layer >= 0) {
      uint64_t key = S_kb_key(m->layer, m->entry) + 11;
      slot = S_map_get(&kbkey, key, 1);
    } else if (m->te - m->name_ts >= 2) {
      slot = S_map_get(&namekey, S_span_key(c, m->name_ts, m->te), 1);
    } else {
      continue;
    }
    if (*slot < 0) {
      int e = S_new_entity(ents, m);
      if (e < 0) return e;
      *slot = e;
    }
    m->ent = *slot;
    /* organisations' initials: a later "USI" is the University of
     * Southern Indiana even without "(USI)" */
    if (m->label == BL_LABEL_ORG && m->te - m->name_ts >= 2) {
      char ini[S_MAX_CHUNK];
      size_t ni = S_initials(c, m, ini, sizeof(ini));
      if (ni >= 2) {
        int32_t *as = S_map_get(&acrokey, bl_hash_bytes(ini, ni), 1);
        if (*as < 0) *as = m->ent;
        else if (*as != m->ent) *as = S_AMBIG;
      }
    }
    /* register the parts of people's names: first and last word */
    /* (only names known to be people: a KB person, the tagger, or a cue;
     * a guess would spread to every use of the word) */
    int sure = m->layer >= 0 || (m->ev & (C_NER | C_HON | C_TITLE | C_FIRST | C_APPOS));
    for (int32_t q = m->name_ts; q < m->te && sure; q++)
      if (!c->st[q].cap && !(c->st[q].word && S_connector(c, q) > 4)) sure = 0;
    if (m->label == BL_LABEL_PERSON && m->te - m->name_ts >= 2 &&
        m->te - m->name_ts <= 4) {
      int32_t parts[2] = {m->name_ts, m->te - 1};
      for (int q = 0; q < 2; q++) {
        if (!c->st[parts[q]].word || S_connector(c, parts[q])) continue;
        int32_t *ps = S_map_get(&partkey, S_nh(c, parts[q]), 1);
        int32_t val = m->ent | (sure ? S_SURE : 0);
        if (*ps == -1) *ps = val;
        else if (*ps >= 0 && (*ps & ~S_SURE) == m->ent) *ps |= val;
        else *ps = S_AMBIG;
      }
    }
  }
  /* people named by a single word after an honorific or a title ("Mr
   * Dole", "Senator Dole"): the word is that person elsewhere in the
   * article too, unless a full name already claimed it */
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (m->ent >= 0 || m->label != BL_LABEL_PERSON || m->te - m->name_ts != 1 ||
        !c->st[m->name_ts].word || !c->st[m->name_ts].cap || c->st[m->name_ts].upper ||
        (m->ev & C_DEMONYM))
      continue;
    /* (not a modifier of a noun: "fellow KNP member", "official Jerusalem
     * residence") */
    if (!(m->ev & (C_HON | C_TITLE)) ||
        (m->te < c->n && c->st[m->te].lower && c->has_model && c->tk[m->te].pos == BL_UPOS_NOUN))
      continue;
    int32_t *ps = S_map_get(&partkey, S_nh(c, m->name_ts), 1);
    if (*ps != -1) continue;
    int32_t *slot = S_map_get(&namekey, S_span_key(c, m->name_ts, m->te), 1);
    if (*slot < 0) {
      int e = S_new_entity(ents, m);
      if (e < 0) return e;
      *slot = e;
    }
    m->ent = *slot;
    *ps = m->ent | S_SURE;
  }
  /* pass B: acronyms defined in the text, then short forms */
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (!(m->ev & C_ACRONYM) || m->title_of < 0) continue;
    const S_cand *def = &v[m->title_of];
    if (def->ent < 0) continue;
    m->ent = def->ent;
    m->label = def->label;
    m->source = BL_SRC_ALIAS;
    *S_map_get(&namekey, S_span_key(c, m->name_ts, m->te), 1) = def->ent;
    m->title_of = -1;
  }
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (m->ent >= 0) {
      /* a single-word KB hit that is really someone's surname (also when
       * it acts: "Paris claims ..." after "Valeska Paris said") */
      if (m->te - m->name_ts == 1 && m->layer >= 0 && m->label != BL_LABEL_PERSON &&
          (m->kbkind != BL_KB_KIND_COUNTRY || (m->mflags & BL_MF_METONYM)) &&
          !(m->ev & C_DEMONYM) &&

          !(m->ts > 0 && (c->st[m->ts - 1].cls & S_L_LOCPREP))) {
        int32_t *ps = S_map_get(&partkey, S_nh(c, m->name_ts), 0);
        if (ps && *ps >= 0 && (*ps & S_SURE) && (*ps & ~S_SURE) != m->ent) {
          m->ent = *ps & ~S_SURE;
          m->layer = m->entry = -1;
          m->label = BL_LABEL_PERSON;
          m->source = BL_SRC_ALIAS;
          m->mflags &= ~(uint32_t)BL_MF_METONYM;
        }
      }
      continue;
    }
    uint64_t key = S_span_key(c, m->name_ts, m->te);
    int32_t *ns = S_map_get(&namekey, key, 0);
    if (ns && *ns >= 0) { /* an acronym defined earlier or later */
      m->ent = *ns;
      m->source = BL_SRC_ALIAS;
      continue;
    }
    if (m->te - m->name_ts == 1 && c->st[m->name_ts].upper) {
      size_t len;
      const char *s = S_norm(c, m->name_ts, &len);
      char low[S_MAX_CHUNK];
      int ok = len >= 2 && len <= sizeof(low);
      for (size_t q = 0; ok && q < len; q++) {
        char ch = s[q];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        if (ch < 'a' || ch > 'z') ok = 0;
        else low[q] = ch;
      }
      int32_t *as = ok ? S_map_get(&acrokey, bl_hash_bytes(low, len), 0) : NULL;
      if (as && *as >= 0) {
        m->ent = *as;
        m->label = BL_LABEL_ORG;
        m->source = BL_SRC_ALIAS;
        continue;
      }
    }
    int locative = m->ts > 0 && (c->st[m->ts - 1].cls & S_L_LOCPREP);
    /* a place only the tagger guessed ("interest in Warhol's legacy") is
     * the person when the article surely named one so */
    int place_guess = (m->label == BL_LABEL_GPE || m->label == BL_LABEL_LOC) && locative;
    if (m->te - m->name_ts == 1 && m->label != BL_LABEL_NORP) {
      int32_t *ps = S_map_get(&partkey, S_nh(c, m->name_ts), 0);
      if (ps && *ps >= 0 && (!place_guess || (*ps & S_SURE)) &&
          ((*ps & S_SURE) || m->label == BL_LABEL_PERSON || (m->ev & (C_HON | C_TITLE)))) {
        m->ent = *ps & ~S_SURE;
        m->label = BL_LABEL_PERSON;
        m->source = BL_SRC_ALIAS;
        continue;
      }
      if (ps && *ps == S_AMBIG && !place_guess) {
        m->ev |= C_AMBIG;
        m->label = BL_LABEL_PERSON;
      }
    }
    int32_t *slot = S_map_get(&namekey, key, 1);
    if (*slot < 0) {
      int e = S_new_entity(ents, m);
      if (e < 0) return e;
      *slot = e;
    }
    m->ent = *slot;
  }
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* 5b. National teams                                                  */
/* ------------------------------------------------------------------ */
/* A small number: one or two digits, nothing else. */
static int S_small_num(const S_ctx *c, int32_t i) {
  if (i < 0 || i >= c->n || c->tk[i].kind != BL_TOK_NUMBER) return 0;
  const bl_tokx *x = &c->tx[i];
  int32_t len = x->bend - x->bstart;
  if (len < 1 || len > 2) return 0;
  for (int32_t k = 0; k < len; k++) {
    char ch = c->doc->text[x->bstart + k];
    if (ch < '0' || ch > '9') return 0;
  }
  return 1;
}

/* A match score starting at token i: "2-1" or "0:0" (one token) or
 * "1 – 0" (three); returns the token after it, or -1. */
static int32_t S_score_end(const S_ctx *c, int32_t i) {
  if (i < 0 || i >= c->n || c->tk[i].kind != BL_TOK_NUMBER) return -1;
  const bl_tokx *x = &c->tx[i];
  const char *t = c->doc->text + x->bstart;
  int32_t len = x->bend - x->bstart, a = 0, b = 0, k = 0;
  while (k < len && t[k] >= '0' && t[k] <= '9') k++, a++;
  if (a >= 1 && a <= 2 && k < len && (t[k] == '-' || t[k] == ':')) {
    k++;
    while (k < len && t[k] >= '0' && t[k] <= '9') k++, b++;
    if (b >= 1 && b <= 2 && k == len) return i + 1;
    return -1;
  }
  if (S_small_num(c, i) && i + 2 < c->n &&
      (c->tk[i + 1].kind == BL_TOK_DASH || S_is_punct(c, i + 1, '-') ||
       S_is_punct(c, i + 1, ':')) &&
      S_small_num(c, i + 2))
    return i + 3;
  return -1;
}

static int S_score_before(const S_ctx *c, int32_t ts) {
  return (ts >= 1 && S_score_end(c, ts - 1) == ts) || (ts >= 3 && S_score_end(c, ts - 3) == ts);
}

/* A country, or a nation within one (England, Scotland), by its KB link. */
static int S_is_country(const S_cand *m) {
  return m->label == BL_LABEL_GPE && m->ent >= 0 &&
         (m->kbkind == BL_KB_KIND_COUNTRY || m->kbkind == BL_KB_KIND_REGION) &&
         !(m->mflags & (BL_MF_DEMONYM | BL_MF_METONYM));
}

/* Does the country mention m name a place here rather than its team
 * ("a match in Brazil", "players from Spain", "travelled to Russia")? */
static int S_place_use(const S_ctx *c, const S_cand *m) {
  int32_t p = m->ts - 1;
  if (p >= 0 && S_norm_is(c, p, "the")) p--;
  /* a player's country in brackets: "Marcelo Rios (Chile)" */
  if (S_is_punct(c, p, '(')) return 1;
  if (p < 0 || !c->st[p].word) return 0;
  if (c->st[p].cls & S_L_LOCPREP) return 1;
  /* "Olympiakos of Greece", "players from Spain", "travelled into Russia" */
  if (S_norm_is(c, p, "of") || S_norm_is(c, p, "from") || S_norm_is(c, p, "into") ||
      S_norm_is(c, p, "toward") ||
      S_norm_is(c, p, "towards") || S_norm_is(c, p, "via"))
    return 1;
  /* "lost 1-2 to England", "lost to England" name the winner */
  if (S_norm_is(c, p, "to"))
    return !(S_score_before(c, p) || S_norm_is(c, p - 1, "lost") ||
             S_norm_is(c, p - 1, "lose") || S_norm_is(c, p - 1, "loses") ||
             S_norm_is(c, p - 1, "losing") || S_norm_is(c, p - 1, "defeat"));
  return 0;
}

/* In an article about matches (two or more sport words), a country that
 * plays one -- next to a score ("Sweden 1 – 0 Korea Republic") or on
 * either side of a match verb with a score or another country ("Belgium
 * defeated debutants Panama", "Tunisia lost 1 – 2 to England") -- is its
 * national team, and so is every other mention of it that does not name
 * a place ("the lead for Belgium", "Panama coach"); those get BL_MF_TEAM. */
static int S_teams(S_ctx *c, bl_vec *sel, size_t n_ents) {
  size_t n = sel->len;
  S_cand *v = sel->data;
  if (!n || !n_ents || !c->sport) return BL_OK;
  uint8_t *team = bl_arena_alloc(&c->doc->arena, n_ents);
  if (!team) return BL_ENOMEM;
  memset(team, 0, n_ents);
  for (int32_t i = 0; i < c->n; i++) c->owner[i] = -1;
  for (size_t k = 0; k < n; k++)
    for (int32_t i = v[k].ts; i < v[k].te; i++) c->owner[i] = (int32_t)k;
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    if (!S_is_country(m) || (size_t)m->ent >= n_ents) continue;
    if (S_score_end(c, m->te) > 0 || S_score_before(c, m->ts)) {
      team[m->ent] = 1;
      continue;
    }
    /* subject of a match verb (auxiliaries and adverbs skipped) */
    int32_t j = m->te, stop = m->te + 3;
    while (j < c->n && j < stop && c->has_model &&
           (c->tk[j].pos == BL_UPOS_AUX || c->tk[j].pos == BL_UPOS_ADV))
      j++;
    if (j >= c->n || !c->st[j].word || !(c->st[j].cls & S_L_MATCHVERB)) continue;
    int found = 0;
    for (int32_t q = j + 1; q < c->n && q <= j + 6; q++) {
      if (S_is_punct(c, q, '.') || S_is_punct(c, q, ';') || S_is_punct(c, q, '?') ||
          S_is_punct(c, q, '!'))
        break;
      if (S_score_end(c, q) > 0) found = 1;
      int32_t o = c->owner[q];
      if (o >= 0 && (size_t)o != k) {
        const S_cand *w = &v[o];
        if (S_is_country(w) && (size_t)w->ent < n_ents && !S_place_use(c, w)) {
          team[w->ent] = 1;
          found = 1;
        }
        break; /* the first name after the verb is its object */
      }
    }
    if (found) team[m->ent] = 1;
  }
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (S_is_country(m) && (size_t)m->ent < n_ents && team[m->ent] && !S_place_use(c, m))
      m->mflags |= BL_MF_TEAM;
  }
  return BL_OK;
}

/* Products named with a version number: "Internet Explorer 9 (IE9)",
 * "Windows 10 is ...": an unlisted name the tagger called an organisation,
 * directly followed by a one- or two-digit number and then by no name,
 * figure, score or unit ("Fortuna Sittard 2 Heerenveen 4" is a result
 * table; "Channel 4", "Group 7" end in a head noun), is a product (MISC),
 * and so is every other unlisted mention of the same name.  Not in match
 * reports (two or more sport words), where a name and a number are a score. */
static int S_products(S_ctx *c, bl_vec *sel, size_t n_ents) {
  static const char *const stop[] = {"channel", "formula", "ligue", "serie", "chapter",
                                     "article", "section", "route", "highway", "interstate",
                                     "terminal", "gate", "platform", "pier", "area", "radio",
                                     "tv", "division", "group", "studio", "apollo"};
  /* a number and its unit or quantity: a time, a score, a count */
  static const char *const unit[] = {
      "hour", "hours", "minute", "minutes", "min", "mins", "second", "seconds", "sec", "secs",
      "lap", "laps", "point", "points", "pts", "run", "runs", "goal", "goals", "vote", "votes",
      "seat", "seats", "year", "years", "day", "days", "week", "weeks", "month", "months",
      "km", "miles", "metres", "meters", "kg", "per", "percent", "pct", "times", "wins",
      "games", "matches", "places", "shots", "strokes", "of", "to", "and", "or", "behind",
      "all", "same", "million", "billion", "people", "members"};
  size_t n = sel->len;
  S_cand *v = sel->data;
  if (!n || !n_ents || c->sport) return BL_OK;
  uint8_t *prod = NULL;
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    int32_t j = m->te;
    if (m->label != BL_LABEL_ORG || m->layer >= 0 || m->ent < 0 || (size_t)m->ent >= n_ents ||
        !(m->ev & C_NER) || (m->ev & (C_BODY | C_ACRONYM | C_ORGHEAD | C_KB)) ||
        !S_small_num(c, j) || (c->tk[j].flags & BL_TF_NEWLINE_BEFORE) ||
        S_score_end(c, j) > 0)
      continue;
    const S_tok *l = &c->st[m->te - 1];
    if (l->cls & (S_L_ORGHEAD | S_L_MEDIANOUN | S_L_GOVBODY | S_L_LOCHEAD | S_L_FACHEAD |
                  S_L_LEGAL | S_L_EVENTHEAD))
      continue;
    int bad = 0;
    for (size_t w = 0; w < sizeof(stop) / sizeof(stop[0]) && !bad; w++)
      if (S_norm_is(c, m->te - 1, stop[w])) bad = 1;
    if (bad) continue;
    /* what follows the number: a lower-case word ("9 is"), or "(" "," ")" */
    int32_t q = j + 1;
    if (q >= c->n || (c->tk[q].flags & (BL_TF_NEWLINE_BEFORE | BL_TF_PARA_START))) continue;
    int ok = (c->st[q].word && c->st[q].lower && !(c->st[q].cls & S_L_TEMPORAL)) ||
             S_is_punct(c, q, '(') || S_is_punct(c, q, ')');
    for (size_t w = 0; w < sizeof(unit) / sizeof(unit[0]) && ok; w++)
      if (S_norm_is(c, q, unit[w])) ok = 0; /* "Motorola 4 hours 39 minutes" */
    if (!ok) continue;
    if (!prod) {
      prod = bl_arena_alloc(&c->doc->arena, n_ents);
      if (!prod) return BL_ENOMEM;
      memset(prod, 0, n_ents);
    }
    prod[m->ent] = 1;
  }
  if (!prod) return BL_OK;
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (m->ent >= 0 && (size_t)m->ent < n_ents && prod[m->ent] && m->layer < 0 &&
        m->label == BL_LABEL_ORG && !(m->ev & (C_BODY | C_ACRONYM | C_ORGHEAD | C_KB)))
      m->label = BL_LABEL_MISC;
  }
  return BL_OK;
}

/* A name the tagger alone called a person, with no person cue of its own
 * (no first name, honorific, title, apposition or speech verb) and never
 * written longer in the article, that owns a person ("Youngspiration's
 * Baggio Leung") or that a person is "of" ("Nathan Law of Demosisto") is
 * the organisation the person belongs to, at every mention. */
static int S_weak_person(const S_ctx *c, const S_cand *m) {
  return m->label == BL_LABEL_PERSON && m->layer < 0 && (m->ev & C_NER) &&
         !(m->ev & (C_HON | C_TITLE | C_FIRST | C_APPOS | C_SPEECH | C_KB | C_ACRONYM)) &&
         !(c->st[m->name_ts].cls & (S_L_FIRST | S_L_HON | S_L_TITLE)) && m->ent >= 0;
}

static int S_full_person(const S_ctx *c, const S_cand *m) {
  return m->label == BL_LABEL_PERSON && m->te - m->name_ts >= 2 && c->st[m->name_ts].cap;
}

static int S_member_orgs(S_ctx *c, bl_vec *sel, size_t n_ents) {
  size_t n = sel->len;
  S_cand *v = sel->data;
  if (!n || !n_ents) return BL_OK;
  uint8_t *org = NULL;
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    if (!S_weak_person(c, m) || (size_t)m->ent >= n_ents) continue;
    int hit = 0;
    /* X 's Person (a clitic, or GUM-style " 's" as quote + s) */
    int32_t q = -1;
    if (S_possessive_at(c, m->te)) q = m->te + 1;
    else if (m->te + 1 < c->n && c->tk[m->te].kind == BL_TOK_QUOTE &&
             S_norm_is(c, m->te + 1, "s"))
      q = m->te + 2;
    if (q >= 0 && q < c->n && k + 1 < n && v[k + 1].ts == q && S_full_person(c, &v[k + 1]))
      hit = 1;
    /* Person of [the] X */
    int32_t p = m->ts - 1;
    if (p >= 0 && S_norm_is(c, p, "the")) p--;
    if (!hit && p >= 1 && S_norm_is(c, p, "of") && k > 0 && v[k - 1].te == p &&
        S_full_person(c, &v[k - 1]))
      hit = 1;
    if (!hit) continue;
    if (!org) {
      org = bl_arena_alloc(&c->doc->arena, n_ents);
      if (!org) return BL_ENOMEM;
      memset(org, 0, n_ents);
    }
    org[m->ent] = 1;
  }
  if (!org) return BL_OK;
  /* never written longer ("Trump's" after "Donald Trump"), and no mention
   * with a person cue */
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    if (m->ent < 0 || (size_t)m->ent >= n_ents || !org[m->ent]) continue;
    if (m->label == BL_LABEL_PERSON && !S_weak_person(c, m)) org[m->ent] = 0;
  }
  for (size_t k = 0; k < n; k++) {
    S_cand *m = &v[k];
    if (m->ent >= 0 && (size_t)m->ent < n_ents && org[m->ent] && S_weak_person(c, m)) {
      m->label = BL_LABEL_ORG;
      m->gender = BL_GENDER_NONE;
    }
  }
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* Names inside names                                                   */
/* ------------------------------------------------------------------ */
/* A name written inside a longer mention is a mention of its own, flagged
 * BL_MF_NESTED: "Andy Warhol" in "the Andy Warhol Foundation" (a name the
 * article uses on its own elsewhere), "US" in "US State Department",
 * "Sheffield" in "University of Sheffield", "FIFA" in "FIFA World Cup" (a
 * listed country, city, region, place or organisation, capitalised as
 * written).  Never inside a person's name, a demonym or metonym, or a
 * mention that is itself a listed place ("Mexico City", "North Korea");
 * inside a place name not from the KB only when it ends in an organisation
 * or facility head ("Volgograd Arena", but not "Southern Indiana").
 * Nested mentions are appended to sel (S_resort puts sel back in text
 * order: an outer mention before the names inside it). */

static int S_nest_outer(const S_ctx *c, const S_cand *m) {
  if (m->te - m->name_ts < 2 || m->ent < 0) return 0;
  if (m->mflags & (BL_MF_DEMONYM | BL_MF_METONYM | BL_MF_NESTED)) return 0;
  switch (m->label) {
  case BL_LABEL_ORG:
  case BL_LABEL_FAC:
  case BL_LABEL_EVENT:
  case BL_LABEL_MISC: break;
  case BL_LABEL_GPE:
  case BL_LABEL_LOC:
    /* a listed place: its words are its name ("North Korea"), but for a
     * city or island named after a place ("Mexico City", "Hong Kong
     * Island") */
    if (m->layer >= 0)
      return S_norm_is(c, m->te - 1, "city") || S_norm_is(c, m->te - 1, "island");
    if (!((c->st[m->te - 1].cls & (S_L_ORGHEAD | S_L_LEGAL | S_L_LOCHEAD | S_L_FACHEAD)) ||
          S_building_org(c, m->te - 1)))
      return 0;
    break;
  default: return 0;
  }
  return 1;
}

/* Every word of [a, b) capitalised (or all upper) and not boilerplate. */
static int S_nest_caps(const S_ctx *c, int32_t a, int32_t b) {
  int words = 0;
  for (int32_t i = a; i < b; i++) {
    const S_tok *s = &c->st[i];
    if (!s->word) continue;
    if (s->dead || !(s->cap || s->upper)) return 0;
    words++;
  }
  return words > 0 && c->st[a].word && c->st[b - 1].word;
}

/* Words that are no name alone (head nouns, titles, function words ...). */
#define S_NEST_NOT_NAME                                                               \
  (S_L_ORGHEAD | S_L_LEGAL | S_L_LOCHEAD | S_L_FACHEAD | S_L_GOVBODY | S_L_TITLE |    \
   S_L_TITLE_MOD | S_L_HON | S_L_STOP | S_L_FUNC | S_L_TEMPORAL | S_L_ROLE |          \
   S_L_EVENTHEAD | S_L_WORKNOUN | S_L_MEDIANOUN | S_L_PAPERHEAD | S_L_CITYNOUN | S_L_BODY)

#define S_NEST_SMALL_CITY 100000 /* population */

/* The longest listed name inside m starting at token i: a hit's index, or
 * -1.  places: countries, cities, regions and places only. */
static int32_t S_nest_hit(const S_ctx *c, const S_cand *m, int32_t i, int places,
                          S_map *kbents) {
  int32_t best = -1;
  for (int32_t h = c->hit_at[i]; h >= 0 && (size_t)h < c->n_hits && c->hits[h].ts == i; h++) {
    const S_hit *x = &c->hits[h];
    if (x->te > m->te || (x->ts == m->name_ts && x->te == m->te)) continue;
    if (best >= 0 && x->te < c->hits[best].te) break; /* longest first */
    switch (x->kind) {
    case BL_KB_KIND_COUNTRY:
    case BL_KB_KIND_CITY:
    case BL_KB_KIND_REGION:
    case BL_KB_KIND_PLACE: break;
    case BL_KB_KIND_ORG:
    case BL_KB_KIND_GOV_BODY: /* "FIFA World Cup"; GUM seldom nests
                                 an organisation in another */
      if (places || m->label == BL_LABEL_ORG) continue;
      break;
    default: continue;
    }
    if ((x->aflags & BL_KBA_WEAK) || ((x->aflags & BL_KBA_DEMONYM) && !(x->aflags & BL_KBA_NAME)))
      continue;
    if (!(x->aflags & BL_KBA_CASE) && !S_nest_caps(c, x->ts, x->te)) continue;
    /* a populated place named like an institution ("University of Texas") */
    int head = 0;
    for (int32_t k = x->ts; k < x->te; k++) head |= (c->st[k].cls & S_L_ORGHEAD) != 0;
    if (head) continue;
    /* nor one word that is a head noun or common word ("Island"), unless
     * matched case-sensitively ("US" is not "us") */
    if (x->te - x->ts == 1 && !(x->aflags & BL_KBA_CASE) &&
        (c->st[x->ts].cls & S_NEST_NOT_NAME))
      continue;
    /* a small town named by one word ("Metro", "Republic") only when the
     * article names it on its own too */
    if (x->kind == BL_KB_KIND_CITY && x->te - x->ts == 1 &&
        x->prominence < S_NEST_SMALL_CITY) {
      uint64_t key = S_kb_key(x->layer, x->entry);
      int32_t *p = S_map_get(kbents, key + 7, 0);
      if (!p || *p < 0) continue;
    }
    if (best < 0 || x->prominence > c->hits[best].prominence) best = h;
  }
  return best;
}

/* A capitalised compass direction ("Southern", "North", "Central"). */
static int S_direction(const S_ctx *c, int32_t i) {
  static const char *const w[] = {"north", "south", "east", "west", "northern", "southern",
                                  "eastern", "western", "central", "upper", "lower",
                                  "greater", "northeast", "northwest", "southeast",
                                  "southwest", "northeastern", "northwestern",
                                  "southeastern", "southwestern"};
  if (!c->st[i].cap) return 0;
  for (size_t k = 0; k < sizeof(w) / sizeof(w[0]); k++)
    if (S_norm_is(c, i, w[k])) return 1;
  return 0;
}

/* A nested candidate at token i (the caller sets the rest). */
static S_cand S_nest_cand(int32_t i) {
  S_cand x;
  memset(&x, 0, sizeof x);
  x.title_ts = x.title_te = x.title_of = -1;
  x.layer = x.entry = -1;
  x.mflags = BL_MF_NESTED;
  x.ts = x.name_ts = i;
  x.ent = -1;
  return x;
}

/* Appends the nested name [ts, te), no KB alias of its own, as a mention
 * of the entity that name already has in the article (names: span key ->
 * candidate), else of a new one; nothing when that is the outer mention's
 * entity. */
static int S_nest_unlisted(S_ctx *c, bl_vec *sel, bl_vec *ents, S_map *names, int32_t ts,
                           int32_t te, int32_t label, int32_t outer_ent) {
  S_cand x = S_nest_cand(ts);
  x.te = te;
  x.label = label;
  x.source = BL_SRC_RULE;
  x.ev = C_KB;
  int32_t *p = S_map_get(names, S_span_key(c, ts, te), 1);
  if (!p) return BL_ENOMEM;
  if (*p >= 0) {
    x.ent = ((S_cand *)sel->data)[*p].ent;
    if (x.ent == outer_ent) return BL_OK;
  } else {
    int e = S_new_entity(ents, &x);
    if (e < 0) return e;
    x.ent = e;
    *p = (int32_t)sel->len;
  }
  S_cand *slot = bl_vec_push(sel);
  if (!slot) return BL_ENOMEM;
  *slot = x;
  return BL_OK;
}

static int S_nested(S_ctx *c, bl_vec *sel, bl_vec *ents) {
  size_t n = sel->len;
  S_cand *v = sel->data;
  int any = 0;
  for (size_t k = 0; k < n && !any; k++) any = S_nest_outer(c, &v[k]);
  if (!any) return BL_OK;
  /* names the article uses on their own -> the mention that used one
   * (-2: two entities share it), and KB entries -> entities (-1: none) */
  S_map names, kbents;
  int rc = S_map_init(&c->doc->arena, &names, n + (size_t)c->n);
  if (rc < 0) return rc;
  /* (keys: the outer mentions' KB links, then the nested hits') */
  rc = S_map_init(&c->doc->arena, &kbents, n + c->n_hits + 1);
  if (rc < 0) return rc;
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    if (m->ent < 0) continue;
    if (m->layer >= 0) {
      uint64_t key = S_kb_key(m->layer, m->entry);
      int32_t *p = S_map_get(&kbents, key + 7, 1);
      if (!p) return BL_ENOMEM;
      if (*p < 0) *p = m->ent;
    }
    if (m->mflags & (BL_MF_DEMONYM | BL_MF_METONYM | BL_MF_AMBIGUOUS)) continue;
    /* people and places (GUM, like most annotation schemes, does not nest
     * one organisation in another: "Church of Scientology") */
    if (m->label != BL_LABEL_PERSON && m->label != BL_LABEL_GPE && m->label != BL_LABEL_LOC)
      continue;
    /* not a lone head noun or common word ("the University", "the Party") */
    if (m->te - m->name_ts == 1 &&
        ((c->st[m->name_ts].cls & S_NEST_NOT_NAME) || c->st[m->name_ts].lowelse))
      continue;
    int32_t *p = S_map_get(&names, S_span_key(c, m->name_ts, m->te), 1);
    if (!p) return BL_ENOMEM;
    if (*p == -1) *p = (int32_t)k;
    else if (*p >= 0 && v[*p].ent != m->ent) *p = -2;
  }
  for (size_t k = 0; k < n; k++) {
    if (!S_nest_outer(c, &((S_cand *)sel->data)[k])) continue;
    S_cand m = ((S_cand *)sel->data)[k];
    for (int32_t i = m.name_ts; i < m.te;) {
      if (!c->st[i].word || !(c->st[i].cap || c->st[i].upper)) {
        i++;
        continue;
      }
      /* a name of the article's (longest), else a listed one */
      int32_t j = -1, src = -1;
      int32_t lim = m.te - i > 6 ? i + 6 : m.te;
      for (int32_t b = lim; b > i && j < 0; b--) {
        if ((i == m.name_ts && b == m.te) || !S_nest_caps(c, i, b)) continue;
        int32_t *p = S_map_get(&names, S_span_key(c, i, b), 0);
        if (p && *p >= 0 && ((S_cand *)sel->data)[*p].ent != m.ent) {
          j = b;
          src = *p;
        }
      }
      int32_t h = S_nest_hit(c, &m, i, 0, &kbents);
      if (h >= 0 && (j < 0 || c->hits[h].te > j)) j = -1;
      else h = -1;
      /* names of their own, not the listed alias: a region named by a
       * direction and a listed place ("Southern Indiana" in "University of
       * Southern Indiana"), a city named with "City" ("Taipei City" in
       * "Taipei City Lantern Festival") */
      int32_t xe = -1, xl = BL_LABEL_LOC;
      if (j < 0 && h < 0 && i + 1 < m.te && S_direction(c, i)) {
        int32_t hd = S_nest_hit(c, &m, i + 1, 1, &kbents);
        if (hd >= 0) xe = c->hits[hd].te;
      } else if (h >= 0) {
        const S_hit *t = &c->hits[h];
        if (t->te < m.te && S_norm_is(c, t->te, "city") && c->st[t->te].cap &&
            (t->kind == BL_KB_KIND_CITY || t->kind == BL_KB_KIND_REGION) &&
            !(i == m.name_ts && t->te + 1 == m.te)) {
          xe = t->te + 1;
          xl = BL_LABEL_GPE;
        }
      }
      if (xe >= 0) {
        rc = S_nest_unlisted(c, sel, ents, &names, i, xe, xl, m.ent);
        if (rc < 0) return rc;
        i = xe;
        continue;
      }
      if (j < 0 && h < 0) {
        i++;
        continue;
      }
      S_cand x = S_nest_cand(i);
      if (h >= 0) {
        const S_hit *t = &c->hits[h];
        x.te = t->te;
        x.label = S_kind_label(t->kind, t->label);
        x.layer = t->layer;
        x.entry = t->entry;
        x.kbkind = t->kind;
        x.aflags = t->aflags;
        x.source = BL_SRC_KB;
        x.ev = C_KB;
        uint64_t key = S_kb_key(t->layer, t->entry);
        int32_t *p = S_map_get(&kbents, key + 7, 1);
        if (!p) return BL_ENOMEM;
        if (*p < 0) {
          int e = S_new_entity(ents, &x);
          if (e < 0) return e;
          *p = e;
        }
        x.ent = *p;
        if (x.ent == m.ent) {
          i = x.te;
          continue;
        }
      } else {
        const S_cand *o = &((S_cand *)sel->data)[src];
        x.te = j;
        x.label = o->label;
        x.layer = o->layer;
        x.entry = o->entry;
        x.kbkind = o->kbkind;
        x.source = o->source == BL_SRC_KB ? BL_SRC_KB : BL_SRC_ALIAS;
        x.ev = o->ev & (C_KB | C_NER);
        x.gender = o->gender;
        x.ent = o->ent;
      }
      S_cand *slot = bl_vec_push(sel);
      if (!slot) return BL_ENOMEM;
      *slot = x;
      i = x.te;
    }
  }
  return BL_OK;
}

/* Puts sel back in text order (an outer mention before the names inside
 * it) after mentions were appended, fixing the links between candidates
 * (title_of) through a position map. */
static int S_resort(S_ctx *c, bl_vec *sel) {
  size_t n = sel->len;
  if (n < 2) return BL_OK;
  S_cand *v = sel->data;
  for (size_t k = 0; k < n; k++) v[k].score = (int32_t)k; /* old index */
  qsort(v, n, sizeof(S_cand), S_sel_cmp);
  int32_t *pos = bl_arena_alloc(&c->doc->arena, n * sizeof(int32_t));
  if (!pos) return BL_ENOMEM;
  for (size_t k = 0; k < n; k++) pos[v[k].score] = (int32_t)k;
  for (size_t k = 0; k < n; k++)
    if (v[k].title_of >= 0) v[k].title_of = pos[v[k].title_of];
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* 6. Output                                                           */
/* ------------------------------------------------------------------ */
typedef struct {
  int32_t idx;
  int64_t sal;
  int32_t first;
} S_order;

static int S_order_cmp(const void *pa, const void *pb) {
  const S_order *a = pa, *b = pb;
  if (a->sal != b->sal) return a->sal > b->sal ? -1 : 1;
  return (a->first > b->first) - (a->first < b->first);
}

/* A mention's say in its entity's label, gender and flags. */
static void S_vote(const S_ctx *c, S_ent *e, const S_cand *m) {
  if (c->st[m->ts].headline) e->headline = 1;
  if (m->ev & C_AMBIG) e->flags |= BL_EF_AMBIGUOUS;
  if (m->label == BL_LABEL_PERSON) e->person_votes++;
  int cc = S_coarse(m->label);
  if (!e->votes[cc]++) e->vote_label[cc] = m->label;
  if (m->gender == BL_GENDER_MALE) e->gm++;
  if (m->gender == BL_GENDER_FEMALE) e->gf++;
  if (m->label == BL_LABEL_PERSON && m->te - m->name_ts >= 1) {
    uint32_t cl = c->st[m->name_ts].cls;
    if ((cl & S_L_FIRST_M) && !(cl & S_L_FIRST_F)) e->gm++;
    if ((cl & S_L_FIRST_F) && !(cl & S_L_FIRST_M)) e->gf++;
  }
}

static int S_output(S_ctx *c, bl_vec *sel, bl_vec *ents) {
  size_t n = sel->len, ne = ents->len;
  S_cand *v = sel->data;
  S_ent *E = ents->data;
  bl_doc *doc = c->doc;
  /* entity aggregates */
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    if (m->ent < 0) continue;
    S_ent *e = &E[m->ent];
    e->count++;
    if (m->ts < e->first_tok) e->first_tok = m->ts;
    if (m->mflags & BL_MF_NESTED) e->nested++;
    else S_vote(c, e, m);
    /* canonical name: the longest mention without an honorific, not a
     * demonym or metonym, nor inside another name unless all are */
    int32_t len = (m->te - m->name_ts) * 4 + (m->name_ts == m->ts ? 2 : 0) +
                  ((m->mflags & (BL_MF_DEMONYM | BL_MF_METONYM)) ? -100 : 0) +
                  ((m->mflags & BL_MF_NESTED) ? -1000 : 0) +
                  ((m->ev & C_ACRONYM) ? -1 : 0);
    if (e->best_mention < 0 || len > e->best_len) {
      e->best_mention = (int32_t)k;
      e->best_len = len;
    }
  }
  S_order *ord = ne ? bl_arena_alloc(&doc->arena, ne * sizeof(S_order)) : NULL;
  int32_t *remap = ne ? bl_arena_alloc(&doc->arena, ne * sizeof(int32_t)) : NULL;
  if (ne && (!ord || !remap)) return BL_ENOMEM;
  int64_t ntok = c->n > 0 ? c->n : 1;
  for (size_t k = 0; k < ne; k++) {
    S_ent *e = &E[k];
    /* salience: mentions, earliness, the headline */
    int64_t s = (int64_t)e->count * 1000 + (ntok - e->first_tok) * 1000 / ntok +
                (e->headline ? 1500 : 0);
    if (e->label == BL_LABEL_NORP) s -= 500;
    e->salience = s;
    ord[k].idx = (int32_t)k;
    ord[k].sal = s;
    ord[k].first = e->first_tok;
  }
  if (ne > 1) qsort(ord, ne, sizeof(S_order), S_order_cmp);
  int64_t smax = ne ? ord[0].sal : 1;
  if (smax <= 0) smax = 1;
  for (size_t r = 0; r < ne; r++) remap[ord[r].idx] = (int32_t)r;
  /* mentions in text order */
  if (bl_vec_reserve(&doc->mentions, n) < 0) return BL_ENOMEM;
  for (size_t k = 0; k < n; k++) {
    const S_cand *m = &v[k];
    bl_mention *o = bl_vec_push(&doc->mentions);
    if (!o) return BL_ENOMEM;
    o->start = c->tk[m->ts].start;
    o->end = c->tk[m->te - 1].end;
    o->tok_start = m->ts;
    o->tok_end = m->te;
    o->name_start = c->tk[m->name_ts].start;
    o->label = m->label;
    o->entity = m->ent >= 0 ? remap[m->ent] : -1;
    o->kb_layer = m->layer;
    o->kb_entry = m->entry;
    o->source = m->source;
    o->flags = (int32_t)m->mflags | ((m->ev & C_AMBIG) ? BL_MF_AMBIGUOUS : 0) |
               ((m->ev & C_ACRONYM) ? BL_MF_ACRONYM : 0) |
               ((m->ev & C_HON) ? BL_MF_HONORIFIC : 0);
    o->title_start = m->title_ts >= 0 ? c->tk[m->title_ts].start : -1;
    o->title_end = m->title_ts >= 0 ? c->tk[m->title_te - 1].end : -1;
    o->title_of = (m->title_of >= 0 && (size_t)m->title_of < n && v[m->title_of].ent >= 0)
                      ? remap[v[m->title_of].ent] : -1;
    if (!(m->mflags & BL_MF_NESTED)) /* tokens point at the outer mention */
      for (int32_t i = m->ts; i < m->te; i++) c->tk[i].mention = (int32_t)k;
  }
  if (bl_vec_reserve(&doc->entities, ne) < 0) return BL_ENOMEM;
  for (size_t r = 0; r < ne; r++) {
    const S_ent *e = &E[ord[r].idx];
    bl_entity *o = bl_vec_push(&doc->entities);
    if (!o) return BL_ENOMEM;
    int32_t label = e->label;
    const S_cand *best = e->best_mention >= 0 ? &v[e->best_mention] : NULL;
    if (e->layer < 0 && best) label = best->label;
    int32_t own = e->count - e->nested; /* mentions not inside other names */
    if (e->layer < 0 && own > 0 && e->person_votes * 2 > own) label = BL_LABEL_PERSON;
    /* one sense per name in an article: most of its mentions' class
     * ("Suu Kyi" three times a person, once a place to the tagger) */
    for (int cc = 1; cc <= 4 && e->layer < 0; cc++)
      if (e->votes[cc] * 2 > own && own >= 3 && S_coarse(label) != cc)
        label = e->vote_label[cc];
    /* an entity reached only through demonyms is the state itself */
    if (label == BL_LABEL_NORP && e->layer >= 0) {
      bl_kb_entry ke;
      if (bl_kb_entry_get(c->cfg->kbs[e->layer], (size_t)e->entry, &ke) >= 0 &&
          ke.kind == BL_KB_KIND_COUNTRY)
        label = BL_LABEL_GPE;
    }
    o->label = label;
    o->kb_layer = e->layer;
    o->kb_entry = e->entry;
    o->name_mention = e->best_mention;
    o->count = e->count;
    o->first = e->best_mention >= 0 ? c->tk[e->first_tok].start : -1;
    o->salience = (int32_t)(e->salience * 1000 / smax);
    if (o->salience < 0) o->salience = 0;
    o->gender = label == BL_LABEL_PERSON
                    ? (e->gm > e->gf ? BL_GENDER_MALE
                       : e->gf > e->gm ? BL_GENDER_FEMALE : BL_GENDER_NONE)
                    : BL_GENDER_NONE;
    if (label == BL_LABEL_PERSON && o->gender == BL_GENDER_NONE && e->layer >= 0) {
      bl_kb_entry ke;
      if (bl_kb_entry_get(c->cfg->kbs[e->layer], (size_t)e->entry, &ke) >= 0)
        o->gender = ke.gender;
    }
    o->flags = e->flags;
  }
  /* mentions take their entity's label when they were only guesses */
  bl_mention *M = doc->mentions.data;
  bl_entity *EN = doc->entities.data;
  for (size_t k = 0; k < n; k++) {
    if (M[k].entity < 0) continue;
    int32_t el = EN[M[k].entity].label;
    if (M[k].label == BL_LABEL_MISC || (M[k].source == BL_SRC_ALIAS) ||
        (M[k].label == BL_LABEL_PERSON && el != BL_LABEL_PERSON && !(v[k].ev & (C_HON | C_TITLE))))
      M[k].label = el;
    /* ... and a tagger's minority guess gives way to the article's majority */
    else if (M[k].kb_layer < 0 && EN[M[k].entity].kb_layer < 0 &&
             S_coarse(M[k].label) != S_coarse(el) &&
             !(v[k].ev & (C_HON | C_TITLE | C_BODY | C_ACRONYM | C_DEMONYM)) &&
             !(M[k].flags & (BL_MF_DEMONYM | BL_MF_METONYM)) &&
             !c->st[v[k].name_ts].upper /* tables, datelines: each sense its own */) {
      const S_ent *e = &E[ord[M[k].entity].idx];
      int32_t own = e->count - e->nested;
      if (own >= 3 && e->votes[S_coarse(el)] * 2 > own) M[k].label = el;
    }
  }
  return BL_OK;
}

int bl__entities(bl_doc *doc) {
  if (!doc) return BL_EINVAL;
  S_ctx c;
  memset(&c, 0, sizeof(c));
  c.doc = doc;
  c.cfg = doc->cfg;
  c.n = (int32_t)doc->tokens.len;
  if (c.n == 0) return BL_OK;
  if (doc->tokx.len != doc->tokens.len) return BL_EINVAL;
  c.tk = doc->tokens.data;
  c.tx = doc->tokx.data;
  c.has_model = c.cfg && c.cfg->model != NULL;
  bl_vec sel, ents;
  bl_vec_init(&c.cands, sizeof(S_cand));
  bl_vec_init(&sel, sizeof(S_cand));
  bl_vec_init(&ents, sizeof(S_ent));
  int rc = BL_ENOMEM;
  c.st = bl_arena_alloc(&doc->arena, (size_t)c.n * sizeof(S_tok));
  c.owner = bl_arena_alloc(&doc->arena, (size_t)c.n * sizeof(int32_t));
  if (!c.st || !c.owner) goto cleanup;
  for (int32_t i = 0; i < c.n; i++) c.tk[i].mention = -1;
  if ((rc = S_collect_hits(&c)) < 0) goto cleanup;
  if ((rc = S_token_cues(&c)) < 0) goto cleanup;
  if ((rc = S_kb_candidates(&c)) < 0) goto cleanup;
  if ((rc = S_body_candidates(&c)) < 0) goto cleanup;
  if ((rc = S_hashtag_candidates(&c)) < 0) goto cleanup;
  if (c.has_model && (rc = S_ner_candidates(&c)) < 0) goto cleanup;
  if ((rc = S_rule_candidates(&c)) < 0) goto cleanup;
  if ((rc = S_select(&c, &sel)) < 0) goto cleanup;
  if (sel.len > 1) qsort(sel.data, sel.len, sizeof(S_cand), S_sel_cmp);
  S_link_names(&c, &sel);
  if ((rc = S_first_name_people(&c, &sel)) < 0) goto cleanup;
  S_hyphen_given_names(&c, &sel);
  if ((rc = S_plural_names(&c, &sel)) < 0) goto cleanup;
  if ((rc = S_repeats(&c, &sel)) < 0) goto cleanup;
  S_roles(&c, &sel);
  if ((rc = S_acronyms(&c, &sel)) < 0) goto cleanup;
  /* acronym mentions were appended */
  if ((rc = S_resort(&c, &sel)) < 0) goto cleanup;
  if ((rc = S_resolve(&c, &sel, &ents)) < 0) goto cleanup;
  if ((rc = S_teams(&c, &sel, ents.len)) < 0) goto cleanup;
  if ((rc = S_products(&c, &sel, ents.len)) < 0) goto cleanup;
  if ((rc = S_member_orgs(&c, &sel, ents.len)) < 0) goto cleanup;
  if ((rc = S_nested(&c, &sel, &ents)) < 0) goto cleanup;
  if ((rc = S_resort(&c, &sel)) < 0) goto cleanup;
  rc = S_output(&c, &sel, &ents);

cleanup:
  bl_vec_free(&c.cands);
  bl_vec_free(&sel);
  bl_vec_free(&ents);
  if (rc < 0) {
    doc->mentions.len = 0;
    doc->entities.len = 0;
    for (int32_t i = 0; i < c.n; i++) c.tk[i].mention = -1;
  }
  return rc < 0 ? rc : BL_OK;
}
