/*
 * bl_internal.h -- struct bodies and helpers shared by the core's stages.
 * Not installed, not seen by the binding.
 */
#ifndef BL_INTERNAL_H
#define BL_INTERNAL_H

#include "byline.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define BL_LIKELY(x) __builtin_expect(!!(x), 1)
#define BL_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define BL_INLINE static inline __attribute__((always_inline))
#else
#define BL_LIKELY(x) (x)
#define BL_UNLIKELY(x) (x)
#define BL_INLINE static inline
#endif

/* ------------------------------------------------------------------ */
/* Allocation (bl_arena.c).  All core allocation goes through these so
 * that a BL_FAILALLOC build can inject failures. */
/* ------------------------------------------------------------------ */
void *bl_malloc(size_t n);
void *bl_calloc(size_t n, size_t size);
void *bl_realloc(void *p, size_t n);
/* bl_free is public (byline.h). */

#ifdef BL_FAILALLOC
/* Fail the n-th allocation from now (1-based); 0 disables.  Test builds only. */
void bl_failalloc_set(long n);
long bl_failalloc_count(void);
#endif

/* Per-document bump allocator: many small allocations, freed at once. */
typedef struct bl_arena_block bl_arena_block;
typedef struct {
  bl_arena_block *head;
} bl_arena;

void bl_arena_init(bl_arena *a);
/* 16-byte aligned, zeroed memory, or NULL on OOM / overflow. */
void *bl_arena_alloc(bl_arena *a, size_t n);
void bl_arena_free(bl_arena *a);

/* Growable array of fixed-size items.  Grows by 1.5x with overflow checks. */
typedef struct {
  void *data;
  size_t len, cap, item;
} bl_vec;

void bl_vec_init(bl_vec *v, size_t item);
/* Appends one zeroed item; returns it, or NULL on OOM. */
void *bl_vec_push(bl_vec *v);
int bl_vec_reserve(bl_vec *v, size_t n);
void bl_vec_free(bl_vec *v);
#define BL_VEC_AT(v, T, i) (((T *)(v)->data)[i])

/* ------------------------------------------------------------------ */
/* Hashing (bl_text.c)                                                 */
/* ------------------------------------------------------------------ */
uint64_t bl_hash_bytes(const void *p, size_t n);
BL_INLINE uint64_t bl_fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}
/* A 64-bit multiply-fold hash in the style of wyhash (16 bytes per round,
 * one 64x64->128 multiply each), written for byline.  Reads are
 * little-endian on every platform so the values may be stored in files. */
#define BL__HK0 0x9E3779B97F4A7C15ULL
#define BL__HK1 0xC2B2AE3D27D4EB4FULL
#define BL__HK2 0x165667B19E3779F9ULL
#define BL__HK3 0xD6E8FEB86659FD93ULL

BL_INLINE uint64_t bl__mum(uint64_t a, uint64_t b) {
#if defined(__SIZEOF_INT128__)
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
#else
  uint64_t ha = a >> 32, la = (uint32_t)a, hb = b >> 32, lb = (uint32_t)b;
  uint64_t rh = ha * hb, rm0 = ha * lb, rm1 = hb * la, rl = la * lb;
  uint64_t t = rl + (rm0 << 32), c = t < rl;
  uint64_t lo = t + (rm1 << 32);
  c += lo < t;
  uint64_t hi = rh + (rm0 >> 32) + (rm1 >> 32) + c;
  return lo ^ hi;
#endif
}

BL_INLINE uint64_t bl__r64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

BL_INLINE uint64_t bl__r32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap32(v);
#endif
  return v;
}

BL_INLINE uint64_t bl__hash_inline(const void *data, size_t n) {
  const unsigned char *p = data;
  uint64_t h = BL__HK0 ^ ((uint64_t)n * BL__HK1);
  uint64_t a, b;
  if (BL_LIKELY(n <= 16)) {
    if (n >= 8) {
      a = bl__r64(p);
      b = bl__r64(p + n - 8);
    } else if (n >= 4) {
      a = bl__r32(p);
      b = bl__r32(p + n - 4);
    } else if (n > 0) {
      a = ((uint64_t)p[0] << 16) | ((uint64_t)p[n >> 1] << 8) | p[n - 1];
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    size_t i = n;
    while (i > 16) {
      h = bl__mum(bl__r64(p) ^ BL__HK1, bl__r64(p + 8) ^ h);
      p += 16;
      i -= 16;
    }
    a = bl__r64(p + i - 16);
    b = bl__r64(p + i - 8);
  }
  return bl_fmix64(bl__mum(a ^ BL__HK2, b ^ h ^ BL__HK3) ^ n);
}


/* ------------------------------------------------------------------ */
/* UTF-8 and text helpers (bl_text.c)                                  */
/* ------------------------------------------------------------------ */
/* Decodes the code point that starts at s[i] (i < len) into *cp and returns
 * its length in bytes (>= 1).  Input is generalised UTF-8 as bl_analyze
 * accepts it: validated UTF-8, or "trusted" text that may hold CPython
 * surrogatepass sequences (ED A0..BF xx, a lone surrogate).  A surrogate or
 * any ill-formed sequence decodes to U+FFFD, and it consumes its lead byte
 * plus every continuation byte that follows, so the number of decoded code
 * points always equals the number of non-continuation bytes (the count that
 * bl_analyze and Python use).  Never reads s[len] or beyond. */
BL_INLINE size_t bl_utf8_decode(const unsigned char *s, size_t len, size_t i,
                                int32_t *cp) {
  unsigned c = s[i];
  if (BL_LIKELY(c < 0x80)) {
    *cp = (int32_t)c;
    return 1;
  }
  uint32_t v;
  unsigned need, got = 0;
  if (c >= 0xF0) { v = c & 0x07u; need = 3; }
  else if (c >= 0xE0) { v = c & 0x0Fu; need = 2; }
  else if (c >= 0xC0) { v = c & 0x1Fu; need = 1; }
  else { v = 0; need = 0; } /* stray continuation byte */
  size_t k = i + 1;
  while (k < len && (s[k] & 0xC0u) == 0x80u) {
    if (got < need) v = (v << 6) | (s[k] & 0x3Fu);
    got++;
    k++;
  }
  if (got != need || need == 0 || c >= 0xF8 || v > 0x10FFFF ||
      (v >= 0xD800 && v <= 0xDFFF) || (need == 1 && v < 0x80) ||
      (need == 2 && v < 0x800) || (need == 3 && v < 0x10000))
    v = 0xFFFD;
  *cp = (int32_t)v;
  return k - i;
}

/* Appends the normalised form of code point `cp` (see "normalised form"
 * below) to out[0..]; out must have room for BL_NORM_MAX_CP bytes.  Returns
 * the number of bytes written (0 for marks and default-ignorables). */
#define BL_NORM_MAX_CP 96
size_t bl__norm_cp(int32_t cp, unsigned char *out);

/* Number of code points in trusted (generalised) UTF-8: the number of
 * non-continuation bytes, counted 8 bytes at a time. */
size_t bl__count_cps(const char *s, size_t n);

/* Strict UTF-8 validation as bl_analyze does it for untrusted input:
 * returns the byte offset of the first bad sequence, or len; counts code
 * points into *n_chars.  bl_doc.c. */
size_t bl__utf8_check(const char *s, size_t len, size_t *n_chars);

/* Encodes cp as UTF-8 into out (4 bytes room); returns the length. */
size_t bl__utf8_encode(int32_t cp, unsigned char *out);

/* Builds doc->cp_index (checkpoints for bl_doc_cp).  Called by the
 * tokenizer; returns a bl_status. */
int bl__cp_index_build(bl_doc *doc);

/* ------------------------------------------------------------------ */
/* Tokenizer data (bl_tokenize.c, generated from bl_tokdata.tsv)        */
/* ------------------------------------------------------------------ */
/* Classes of the exception table, a bit set. */
enum {
  BL_ABBR_INNER = 1u << 0,   /* "Mr." "e.g.": the period is part of the
                                token and never ends a sentence */
  BL_ABBR_END = 1u << 1,     /* "Inc." "etc." "Calif.": may end a sentence
                                (when a sentence starter follows) */
  BL_ABBR_NUM = 1u << 2,     /* "No." "pp.": an abbreviation only before a
                                number */
  BL_ABBR_MONTH = 1u << 3,   /* "Jan." "Sept." */
  BL_ABBR_CAP = 1u << 4,     /* only when written with an initial capital */
  BL_WORD_STARTER = 1u << 5  /* "The" "He" "But": a capitalised word that
                                starts a sentence after an abbreviation */
};
/* Looks up a lower-case ASCII key (an abbreviation without its final
 * period, or a word) in the exception table; returns its class bits, 0 if
 * absent. */
unsigned bl__tokdata_lookup(const char *key, size_t n);

/* ------------------------------------------------------------------ */
/* Per-token internals (not exported)                                   */
/* ------------------------------------------------------------------ */
/* The normalised form of a token (tokx norm_off/norm_len into doc->norm,
 * hashed into norm_hash) is the token's text with, per code point:
 *   - ASCII: A-Z lower-cased; ` becomes '; everything else unchanged.
 *   - quotation marks and apostrophes of every style: single ones (’ ‘ ‚ ‛
 *     ‹ › ʼ ´ ＇ ` and ') become ', double ones (“ ” „ ‟ « » 「 」 『 』
 *     〝 〞 〟 ＂) become ".
 *   - hyphens and dashes (U+2010..2015, U+2212 minus, U+FE58, U+FE63,
 *     U+FF0D, U+2E3A, U+2E3B) become -.
 *   - lone surrogates (trusted input) and ill-formed sequences: U+FFFD.
 *   - Hangul syllables: unchanged.
 *   - anything else: utf8proc_decompose_char with DECOMPOSE | COMPAT |
 *     CASEFOLD | STRIPMARK | IGNORE | LUMP (NFKD, full case folding, marks
 *     and default-ignorables dropped, utf8proc's lumping), re-encoded as
 *     UTF-8.  So "Café" -> "cafe", "STRASSE"/"Straße" -> "strasse",
 *     "…" -> "...", "ﬁ" -> "fi", "co\u00ADop" -> "coop".
 * If that leaves nothing (a token of marks/ignorables only), the norm is the
 * token's bytes unchanged.  exact_hash = bl_hash_bytes(token bytes),
 * norm_hash = bl_hash_bytes(norm bytes); bl_hash_bytes is stable across
 * platforms (little-endian reads), so hashes may be stored in KB files.
 * The form depends on utf8proc's Unicode version for non-ASCII letters. */
typedef struct {
  int32_t bstart, bend;  /* byte offsets into doc->text */
  uint32_t norm_off;     /* offset of the normalised form in doc->norm */
  uint32_t norm_len;     /* its length in bytes */
  uint64_t norm_hash;    /* hash of the normalised form (case- and
                            diacritic-folded, apostrophes/dashes unified) */
  uint64_t exact_hash;   /* hash of the token's bytes as written */
} bl_tokx;

/* ------------------------------------------------------------------ */
/* The document                                                        */
/* ------------------------------------------------------------------ */
struct bl_doc {
  char *text;        /* owned copy, NUL-terminated */
  size_t len;        /* bytes */
  size_t n_chars;    /* code points */
  bl_arena arena;
  const bl_config *cfg; /* valid only during bl_analyze */

  bl_vec tokens;     /* bl_token */
  bl_vec tokx;       /* bl_tokx, parallel to tokens */
  bl_vec norm;       /* char: normalised token forms, back to back */
  bl_vec sentences;  /* bl_sentence */
  bl_vec paragraphs; /* bl_paragraph */
  bl_vec mentions;   /* bl_mention */
  bl_vec entities;   /* bl_entity */
  bl_vec quotes;     /* bl_quote */
  bl_vec relations;  /* bl_relation */
  uint32_t *cp_index; /* arena: code points before byte k*BL_CP_BLOCK, for
                         bl_doc_cp; built by the tokenizer (NULL for
                         ASCII text) */
};
#define BL_CP_BLOCK 64

/* Code-point offset of byte offset `b` (<= doc->len; normally a sequence
 * start, otherwise the offset of the code point containing it, plus one).
 * O(1): b itself when the text has no continuation bytes (n_chars == len,
 * no index then), else a checkpoint every BL_CP_BLOCK bytes built by the
 * tokenizer and a scan of at most BL_CP_BLOCK-1 bytes.  Works (linearly)
 * without the index too.  bl_text.c. */
int32_t bl_doc_cp(const bl_doc *doc, size_t b);

/* ------------------------------------------------------------------ */
/* Stages: each appends to the doc's tables and returns a bl_status.    */
/* ------------------------------------------------------------------ */
int bl__tokenize(bl_doc *doc);               /* bl_tokenize.c */
/* Test hook: the tokenizer without its fast path for plain ASCII chunks
 * (same output, only slower); tests compare the two. */
int bl__tokenize_general(bl_doc *doc);       /* bl_tokenize.c */
/* Tokenizes doc->text[from..to) as bl__tokenize tokenizes that part of the
 * whole text, appending its tokens to doc's tables: `from` is 0 or follows
 * white space (never inside a chunk), `to` is doc->len or a white-space
 * byte; doc->text is NUL-terminated.  ctx carries the state of the white
 * space before `from` and is updated for `to` (start with cpos 0, first 1,
 * the rest 0; ch is scratch, freed by bl__tokrange_free).  No code-point
 * index is built.  For the KB scanner (bl_kb_scan.c). */
typedef struct {
  int32_t cpos;      /* code point offset of `from` */
  unsigned lines;    /* line breaks in the white space before `from` */
  unsigned last_cr;  /* that white space ended with \r */
  int first;         /* no token before `from` */
  void *ch;          /* scratch */
} bl_tokrange;
int bl__tokenize_range(bl_doc *doc, size_t from, size_t to, bl_tokrange *ctx);
void bl__tokrange_free(bl_tokrange *ctx);
int bl__segment(bl_doc *doc);                /* bl_segment.c  */
int bl__tag(bl_doc *doc, const bl_model *m); /* bl_tagger.c   */
int bl__entities(bl_doc *doc);               /* bl_entities.c */
int bl__quotes(bl_doc *doc);                 /* bl_quotes.c   */
int bl__relations(bl_doc *doc);              /* bl_relations.c */

/* Enumeration names owned by stages (NULL when out of range). */
const char *bl__upos_name(int v);     /* bl_tagger.c */
const char *bl__ner_name(int v);      /* bl_tagger.c */
const char *bl__cue_name(int v);      /* bl_quotes.c */
const char *bl__rel_kind_name(int v); /* bl_relations.c */
const char *bl__modality_name(int v); /* bl_relations.c */


/* ------------------------------------------------------------------ */
/* Knowledge-base matcher (bl_kb.c), for the entity stage               */
/* ------------------------------------------------------------------ */
/* Matches the aliases of every KB layer of doc->cfg (kbs[0..n_kbs)) over
 * the doc's tokens and appends bl_kb_hit rows (byline.h) to `out` (a bl_vec
 * of bl_kb_hit the caller initialised and frees).  options: 0 for
 * leftmost-longest non-overlapping hits taken over all layers together
 * (one hit per candidate entry of the winning alias), or BL_KBM_ALL for
 * every alias occurrence at every start, longest first.  Hits are sorted by
 * tok_start.  Entry details: bl_kb_entry_get(doc->cfg->kbs[hit.layer],
 * hit.entry, &e); links (e.country, e.parent) are entry indices in the same
 * layer, or -1 -- then e.country_id names the target, which
 * bl__kb_find_any() looks up across layers. */
int bl__kb_match(const bl_doc *doc, bl_vec *out, unsigned options);

/* The KB of layer `layer` during bl_analyze, or NULL. */
BL_INLINE const bl_kb *bl__kb_layer(const bl_doc *doc, int layer) {
  if (!doc->cfg || layer < 0 || layer >= doc->cfg->n_kbs) return NULL;
  return doc->cfg->kbs[layer];
}

/* Finds kb_id in any layer, last layer first (user layers override the
 * built-in one); returns the entry index and stores its layer in *layer,
 * or returns -1. */
int32_t bl__kb_find_any(const bl_doc *doc, const char *kb_id, int *layer);


/* ------------------------------------------------------------------ */
/* Tagger output shared by later stages (values of the pos/ner columns) */
/* ------------------------------------------------------------------ */
/* Universal POS tags, in UD's documented order; 0 = untagged. */
enum {
  BL_UPOS_NONE = 0, BL_UPOS_ADJ, BL_UPOS_ADP, BL_UPOS_ADV, BL_UPOS_AUX,
  BL_UPOS_CCONJ, BL_UPOS_DET, BL_UPOS_INTJ, BL_UPOS_NOUN, BL_UPOS_NUM,
  BL_UPOS_PART, BL_UPOS_PRON, BL_UPOS_PROPN, BL_UPOS_PUNCT, BL_UPOS_SCONJ,
  BL_UPOS_SYM, BL_UPOS_VERB, BL_UPOS_X, BL_UPOS_COUNT
};

/* NER column: 0 = O (or untagged); otherwise
 *   1 + 4 * type + bilou, type in BL_NER_PER..BL_NER_MISC, bilou in B,I,L,U. */
enum { BL_NER_PER = 0, BL_NER_ORG, BL_NER_LOC, BL_NER_MISC, BL_NER_TYPES };
enum { BL_BILOU_B = 0, BL_BILOU_I, BL_BILOU_L, BL_BILOU_U };
#define BL_NER_TAG(type, bilou) (1 + 4 * (type) + (bilou))
#define BL_NER_TYPE(tag) (((tag) - 1) / 4)
#define BL_NER_BILOU(tag) (((tag) - 1) % 4)
#define BL_NER_NTAGS (1 + 4 * BL_NER_TYPES)

#endif /* BL_INTERNAL_H */
