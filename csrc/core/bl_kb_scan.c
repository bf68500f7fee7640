/*
 * bl_kb_scan.c -- the match-only scanner: KB hits straight from UTF-8 text,
 * without building a document's token tables.
 *
 * It gives exactly the hits of bl_analyze(BL_STAGE_TOKENS) + bl_kb_match
 * (same tokens, code-point offsets, token indices, flags and leftmost-
 * longest choices), faster:
 *
 *   - White space is skipped byte by byte (ASCII), counting line breaks for
 *     paragraph starts as the tokenizer does.
 *   - A plain chunk (an ASCII word or number with at most one trailing
 *     , ; : ) ! ? or period, see bl_ascii.h) is cut and lower-cased by the
 *     tokenizer's own plain-chunk scanner (bl__ascii_chunk), into a
 *     normalised copy of the text at the same byte offsets.  The word is
 *     not hashed: a cheap key of its normalised form is looked up in each
 *     KB's prefilter (a Bloom filter of all first tokens), and only a token
 *     that passes is hashed and walked through the tries.
 *   - Anything else -- non-ASCII bytes, quotes, apostrophes, hyphens,
 *     dotted forms, numbers with suffixes, "No." before a number... -- is
 *     handed to the tokenizer itself (bl__tokenize_range) for the stretch up
 *     to the next ASCII white space, so such tokens are the tokenizer's by
 *     construction, and their hashes come with them.
 *
 * Tokens live in a small window (the matcher looks at most
 * BL_KBF_MAX_TOKENS ahead), so memory stays proportional to the text copy,
 * not to the number of tokens.  No globals: re-entrant and thread-safe.
 *
 * All that runs only where a match can start.  Most of the text goes
 * through the skip mode (S_fast) instead: 64 bytes at a time it classifies
 * the bytes into bit masks (SSE2 where the compiler has it, a table
 * otherwise), keeps the stretch of plain chunks (letter/digit runs, each
 * with at most one , ; : ) ! ? or period before white space) up to the
 * first chunk that is anything else, and for each run computes the
 * prefilter key from one masked 8-byte load (OR 0x20 lower-cases letters
 * and leaves digits and the period alone), probes the first-token filter
 * and, for a token that passes, the pair filter with the token after it.
 * Tokens are only counted.  Where a token passes both filters, or a chunk
 * is not plain, the careful scanner above takes over at that chunk's
 * start (with the white-space state recomputed there) and hands back as
 * soon as its window holds no token that can still start a match.
 */
#include "bl_ascii.h"
#include "bl_kb_impl.h"

typedef struct {
  uint64_t key;         /* prefilter key of the normalised form */
  uint64_t nh, eh;      /* hashes (valid when `hashed`) */
  int32_t start, end;   /* code points */
  uint32_t bs, be;      /* bytes */
  uint8_t para;         /* starts a paragraph */
  uint8_t hashed;
  uint8_t pass;         /* some layer's prefilter admits it */
  uint8_t upper;        /* plain token with capitals: exact hash differs */
  uint8_t plain;        /* normalised form = lo[bs..be) */
} S_tk;

/* A layer's filters. */
typedef struct {
  const uint64_t *pre, *pairs;
  uint64_t pre_mask, pairs_mask;
} S_filt;

typedef struct {
  const bl_kb *const *kbs;
  int n_kbs;
  S_filt f[BL_MAX_KB_LAYERS]; /* of the non-NULL layers */
  int nf;
  int bmi2;                /* S_fast_bmi2 may run (checked per call) */
  const unsigned char *s;  /* the text, NUL-padded copy */
  const unsigned char *lo; /* plain tokens' normalised forms, same offsets */
  S_tk *tk;                /* the window */
  int32_t n, cap;
  int tk_heap;             /* tk was allocated (else it is on the stack) */
  int32_t i;               /* next start to try (window index) */
  uint64_t tail_key[128];  /* keys of the one-character tail tokens */
  uint8_t tail_pass[128];  /* ... and whether a prefilter admits them */
  int32_t base;            /* token index of tk[0] */
  int tail_any;            /* some tail_pass is set */
} S_scan;

#define S_PADB 80 /* the skip mode reads 64 + 8 bytes past a position < len */
/* The window and the text copy start on the stack (most calls are for one
 * article: no allocation then); larger ones go to the heap. */
#define S_STACK_TOKS 128
#define S_STACK_TEXT 8192 /* bytes: the text copy and its normalised forms */

/* Hashes a plain token on first use (its norm is lo[bs..be)). */
static uint64_t S_hash(void *v, int32_t j, int root) {
  S_scan *sc = v;
  S_tk *t = &sc->tk[j];
  if (!t->hashed) {
    size_t n = t->be - t->bs;
    t->nh = bl__hash_inline(sc->lo + t->bs, n);
    t->eh = t->upper ? bl__hash_inline(sc->s + t->bs, n) : t->nh;
    t->hashed = 1;
  }
  return root ? t->eh : t->nh;
}

static int S_para(void *v, int32_t j) { return ((S_scan *)v)->tk[j].para; }

/* Prefilter key of the normalised form p[0..n); with `padded`, p has 8
 * readable bytes. */
BL_INLINE uint64_t S_key(const unsigned char *p, size_t n, int padded) {
  if (!padded) return bl_kbf_prekey(p, n);
  uint64_t a = bl__ld8(p, 8, 8);
  if (n < 8) a &= ((uint64_t)1 << (8 * n)) - 1;
  return bl_kbf_prekey_a(a, n);
}

/* Does a layer after the first admit `key` as a first token? */
static int S_pass_more(const S_scan *sc, uint64_t key) {
  for (int L = 1; L < sc->nf; L++)
    if (bl__kb_bloom(sc->f[L].pre, sc->f[L].pre_mask, key)) return 1;
  return 0;
}

BL_INLINE int S_pass(const S_scan *sc, uint64_t key) {
  return bl__kb_bloom(sc->f[0].pre, sc->f[0].pre_mask, key) ||
         (sc->nf > 1 && S_pass_more(sc, key));
}

/* Prefilter key of token t's bytes as written (for case-sensitive
 * aliases); the text copy is NUL-padded. */
BL_INLINE uint64_t S_ekey(const S_scan *sc, const S_tk *t) {
  if (t->plain && !t->upper) return t->key;
  return S_key(sc->s + t->bs, t->be - t->bs, 1);
}

/* Second check of token i that passed: does some alias start with it alone
 * or with it and the token after it, by normalised forms, or (for
 * case-sensitive aliases) by the bytes as written? */
static int S_pair(const S_scan *sc, int32_t i, int32_t n) {
  const S_tk *t = &sc->tk[i], *nx = i + 1 < n ? t + 1 : NULL;
  uint64_t one = bl_kbf_pair_key(t->key, BL_KBF_PAIR_END);
  uint64_t two = nx ? bl_kbf_pair_key(t->key, nx->key) : 0;
  for (int L = 0; L < sc->nf; L++) {
    const S_filt *f = &sc->f[L];
    if (bl__kb_bloom(f->pairs, f->pairs_mask, one) ||
        (nx && bl__kb_bloom(f->pairs, f->pairs_mask, two)))
      return 1;
  }
  uint64_t e = S_ekey(sc, t);
  one = bl_kbf_pair_key(e, BL_KBF_PAIR_END) ^ BL_KBF_PAIR_EXACT;
  two = nx ? bl_kbf_pair_key(e, S_ekey(sc, nx)) ^ BL_KBF_PAIR_EXACT : 0;
  for (int L = 0; L < sc->nf; L++) {
    const S_filt *f = &sc->f[L];
    if (bl__kb_bloom(f->pairs, f->pairs_mask, one) ||
        (nx && bl__kb_bloom(f->pairs, f->pairs_mask, two)))
      return 1;
  }
  return 0;
}

static int S_reserve(S_scan *sc, size_t more) {
  if ((size_t)sc->n + more <= (size_t)sc->cap) return BL_OK;
  size_t want = (size_t)sc->n + more + (size_t)sc->cap / 2 + 64;
  if (want > (size_t)INT32_MAX / 2) return BL_ETOOBIG;
  S_tk *t = sc->tk_heap ? bl_realloc(sc->tk, want * sizeof(S_tk))
                        : bl_malloc(want * sizeof(S_tk));
  if (!t) return BL_ENOMEM;
  if (!sc->tk_heap && sc->n) memcpy(t, sc->tk, (size_t)sc->n * sizeof(S_tk));
  sc->tk_heap = 1;
  sc->tk = t;
  sc->cap = (int32_t)want;
  return BL_OK;
}

/* Runs the matcher over the window as far as it can decide: unless
 * `final` (the window ends the text), it stops at a token that passes the
 * first-token filter but has no next token yet (the pair check needs it),
 * or whose trie walk is still alive at the window's end.  Then drops the
 * tokens behind; the window is idle (empty) when everything was decided. */
static int S_consume(S_scan *sc, int all, int final, bl_vec *out) {
  bl__kb_cand cand[BL__KB_MAX_CANDS];
  int32_t i = sc->i, n = sc->n;
  const S_tk *tk = sc->tk;
  while (i < n) {
    if (BL_LIKELY(!tk[i].pass)) {
      i++;
      continue;
    }
    if (!final && i + 1 >= n) break;
    if (!S_pair(sc, i, n)) {
      i++;
      continue;
    }
    int32_t best = 0;
    int trunc = 0;
    size_t n_cand = bl__kb_cands(sc->kbs, sc->n_kbs, all, sc, S_hash, S_para,
                                 i, n, cand, &best, &trunc);
    if (trunc && !final) break;
    if (n_cand) {
      int rc = bl__kb_emit_cands(sc->kbs, cand, n_cand, all, i, sc->base,
                                 &tk[0].start, &tk[0].end,
                                 sizeof(S_tk) / sizeof(int32_t), out);
      if (rc < 0) return rc;
    }
    i += (!all && best > 0) ? best : 1;
  }
  if (i > 0) {
    int32_t keep = n > i ? n - i : 0;
    if (keep) memmove(sc->tk, sc->tk + i, (size_t)keep * sizeof(S_tk));
    sc->base += i < n ? i : n;
    sc->n = keep;
    sc->i = i > n ? i - n : 0;
  }
  return BL_OK;
}

/* Appends the tokens of doc (a stretch the tokenizer did) to the window. */
static int S_take(S_scan *sc, bl_doc *doc) {
  size_t k = doc->tokens.len;
  int rc = S_reserve(sc, k);
  if (rc < 0) return rc;
  const bl_token *t = doc->tokens.data;
  const bl_tokx *x = doc->tokx.data;
  /* room to read 8 bytes from any normalised form (S_key padded) */
  if (bl_vec_reserve(&doc->norm, doc->norm.len + 8) < 0)
    return BL_ENOMEM;
  const unsigned char *norm = doc->norm.data;
  for (size_t q = 0; q < k; q++) {
    S_tk *o = &sc->tk[sc->n++];
    o->nh = x[q].norm_hash;
    o->eh = x[q].exact_hash;
    o->start = t[q].start;
    o->end = t[q].end;
    o->bs = (uint32_t)x[q].bstart;
    o->be = (uint32_t)x[q].bend;
    o->para = (t[q].flags & BL_TF_PARA_START) != 0;
    o->hashed = 1;
    o->upper = 0;
    o->plain = 0;
    o->key = S_key(norm + x[q].norm_off, x[q].norm_len, 1);
    o->pass = (uint8_t)S_pass(sc, o->key);
  }
  return BL_OK;
}

BL_INLINE int S_ascii_linebreak(unsigned c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C ||
         c == 0x1D || c == 0x1E;
}

/* Counts the line breaks of one ASCII white-space byte: CR LF is one break. */
BL_INLINE void S_count_break(unsigned c, unsigned *lines, unsigned *last_cr) {
  if (S_ascii_linebreak(c)) {
    if (!(c == '\n' && *last_cr)) (*lines)++;
    *last_cr = c == '\r';
  } else {
    *last_cr = 0;
  }
}

/* ------------------------------------------------------------------ */
/* Common ASCII chunks that are not plain, done without the tokenizer   */
/* ------------------------------------------------------------------ */
/* A chunk of the form  [P] W (- W)* [C] [T] [Q]  followed by white space
 * or the end of the text, where P is " or (, W a letter/digit run (all
 * digits when it starts with a digit; a letter after a hyphen), C a clitic
 * ('s 'm 'd 'll 're 've, or n't split off the word), T one of
 * , ; : ) ! ? . and Q a closing ".  For these the tokenizer (S_chunk) gives
 * one token per piece: P and Q are one-character QUOTE/PUNCT tokens (no
 * mark can extend them), a hyphen between letters joins nothing (only a
 * letter-digit hyphen does: F-16), an apostrophe before a clitic ends the
 * word, T is a one-character token, no URL/e-mail/dotted rule can apply (no
 * ':' '/' '@' or '.' before a letter), and a period right after the last W
 * is taken by it when it is an abbreviation (single capital, or listed;
 * "No." before a number depends on the next chunk: left to the tokenizer).
 * Those S_chunk rules are restated here; tests/c/test_kb_scan.c and
 * tests/fuzz/fuzz_kb_scan.c compare the result with the tokenizer's.
 * Fills tok[] with byte ranges and lower-cases the chunk into lo (unless
 * NULL; it gets 8-byte stores); returns the number of tokens (0: not such a
 * chunk).  s must be readable 8 bytes past len (the NUL-padded copy). */
#define S_EXT_MAX 64 /* longest chunk done here (bytes) */
#define S_EXT_TOKS 24

BL_INLINE int S_lcb(unsigned c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* End of the letter/digit run from s[j] (a letter or digit), at most lim;
 * ORs 1 into *seen when the run has a letter, 2 when it has a digit.
 * Eight bytes at a time (s readable 8 bytes past lim). */
BL_INLINE size_t S_run_end(const unsigned char *s, size_t j, size_t lim,
                           unsigned *seen) {
  while (j < lim) {
    uint64_t x = bl__ld8(s + j, 8, 8), asc = ~x & BL__H8, x7 = x & ~BL__H8;
    uint64_t y7 = x7 | (0x20 * BL__L8);
    uint64_t let = BL__GE(y7, 'a') & ~BL__GE(y7, 'z' + 1) & asc;
    uint64_t dig = BL__GE(x7, '0') & ~BL__GE(x7, '9' + 1) & asc;
    uint64_t non = ~(let | dig) & BL__H8;
    uint64_t in = non ? ((non & (0 - non)) - 1) & BL__H8 : BL__H8;
    size_t left = lim - j;
    if (left < 8) in &= ((uint64_t)1 << (8 * left)) - 1; /* lanes < lim */
    *seen |= ((let & in) ? 1u : 0u) | ((dig & in) ? 2u : 0u);
    if (non) {
      j += bl__ctz64(non) >> 3;
      return j < lim ? j : lim;
    }
    j += 8;
  }
  return lim;
}

/* lo[i..j) = s[i..j) with A-Z lower-cased, 8 bytes at a time (may store
 * up to 7 bytes past j; s readable 8 bytes past j). */
BL_INLINE void S_lower(const unsigned char *s, size_t i, size_t j,
                       unsigned char *lo) {
  for (; i < j; i += 8) {
    uint64_t x = bl__ld8(s + i, 8, 8), asc = ~x & BL__H8, x7 = x & ~BL__H8;
    uint64_t up = BL__GE(x7, 'A') & ~BL__GE(x7, 'Z' + 1) & asc;
    bl__st8(lo + i, x + (up >> 2));
  }
}

static size_t S_ext(const unsigned char *s, size_t i, size_t len,
                    unsigned char *lo, uint32_t tok[][2], size_t *endp) {
  size_t j = i, n = 0, lim = len - i > S_EXT_MAX ? i + S_EXT_MAX : len;
  if (s[j] == '-' && (j + 1 == len || bl__fcls[s[j + 1]] == 4u)) {
    if (lo) lo[j] = '-'; /* a lone hyphen: one token */
    tok[0][0] = (uint32_t)j, tok[0][1] = (uint32_t)j + 1;
    *endp = j + 1;
    return 1;
  }
  if (s[j] == '"' || s[j] == '(') {
    tok[n][0] = (uint32_t)j, tok[n][1] = (uint32_t)j + 1, n++;
    j++;
  }
  size_t w0, w1;
  for (;;) { /* W (- W)* */
    w0 = j;
    unsigned t0 = bl__fcls[s[j]], seen = 0;
    if (!(t0 & 3u) || (n > 0 && s[j - 1] == '-' && !(t0 & 1u))) return 0;
    j = S_run_end(s, j, lim, &seen);
    if (j >= lim && j < len) return 0;
    if ((t0 & 2u) && (seen & 1u)) return 0; /* digits then letters */
    w1 = j;
    if (s[j] == '-' && j + 1 < lim && (bl__fcls[s[j + 1]] & 1u)) {
      if (n + 3 > S_EXT_TOKS) return 0;
      tok[n][0] = (uint32_t)w0, tok[n][1] = (uint32_t)w1, n++;
      tok[n][0] = (uint32_t)j, tok[n][1] = (uint32_t)j + 1, n++;
      j++;
      continue;
    }
    break;
  }
  int abbr = 0, clitic = 0;
  size_t c0 = j, c1 = j;
  if (s[j] == '\'' && j + 1 < len) {
    int a = S_lcb(s[j + 1]), b = j + 2 < len ? S_lcb(s[j + 2]) : 0;
    if (a == 's' || a == 'm' || a == 'd') {
      c1 = j + 2;
    } else if ((a == 'l' && b == 'l') || (a == 'r' && b == 'e') ||
               (a == 'v' && b == 'e')) {
      c1 = j + 3;
    } else if (a == 't' && w1 - w0 >= 2 && S_lcb(s[j - 1]) == 'n' &&
               (bl__fcls[s[w0]] & 1u)) {
      c0 = j - 1; /* n't */
      w1 = j - 1;
      c1 = j + 2;
    } else {
      return 0;
    }
    if (c1 > len || (c1 < len && (bl__fcls[s[c1]] & 3u))) return 0;
    clitic = 1;
    j = c1;
  } else if (s[j] == '.' && (bl__fcls[s[w0]] & 1u)) {
    /* the period after a word: an abbreviation's? */
    size_t wl = w1 - w0;
    unsigned after = j + 1 < len ? s[j + 1] : ' ';
    if (after != '"' && bl__fcls[after] != 4u) return 0; /* not this form */
    if (wl == 1 && s[w0] >= 'A' && s[w0] <= 'Z') {
      abbr = 1;
    } else if (wl <= BL__KB_ABBR_MAX) {
      char key[16];
      int letters = 1;
      for (size_t k = 0; k < wl; k++) {
        letters &= (bl__fcls[s[w0 + k]] & 1u) != 0;
        key[k] = (char)S_lcb(s[w0 + k]);
      }
      unsigned bits = letters ? bl__tokdata_lookup(key, wl) : 0;
      if ((bits & BL_ABBR_CAP) && !(s[w0] >= 'A' && s[w0] <= 'Z')) bits = 0;
      if (bits & (BL_ABBR_INNER | BL_ABBR_END | BL_ABBR_MONTH)) abbr = 1;
      else if ((bits & BL_ABBR_NUM) && after != '"')
        return 0; /* depends on the next chunk */
    }
    if (abbr) {
      w1 = j + 1;
      j++;
    }
  }
  if (n + 5 > S_EXT_TOKS) return 0;
  tok[n][0] = (uint32_t)w0, tok[n][1] = (uint32_t)w1, n++;
  if (clitic) tok[n][0] = (uint32_t)c0, tok[n][1] = (uint32_t)c1, n++;
  if (!abbr && j < len && (bl__fcls[s[j]] & 24u) && s[j] != 0) {
    tok[n][0] = (uint32_t)j, tok[n][1] = (uint32_t)j + 1, n++;
    j++;
  }
  if (j < len && s[j] == '"') {
    tok[n][0] = (uint32_t)j, tok[n][1] = (uint32_t)j + 1, n++;
    j++;
  }
  if (j < len && bl__fcls[s[j]] != 4u) return 0;
  if (lo) S_lower(s, i, j, lo);
  *endp = j;
  return n;
}

/* ------------------------------------------------------------------ */
/* The skip mode                                                        */
/* ------------------------------------------------------------------ */
/* Where the scan stands at a chunk start (or in white space): byte, code
 * point, the white space's line breaks so far, whether a chunk came yet,
 * and the index of the next token. */
typedef struct {
  size_t pos;
  int32_t cpos;
  unsigned lines, last_cr;
  int first;
  int32_t tok;
} S_at;

/* Bit k of each mask is about byte q[k]: letter, digit, ASCII white space
 * (bl__fcls class 4), or one of , ; : ) ! ? . (classes 8 and 16). */
typedef struct {
  uint64_t l, d, w, t;
} S_masks;

#if defined(__SSE2__) && !defined(BL_KB_SCAN_NO_SIMD)
#include <emmintrin.h>
BL_INLINE uint64_t S_mm(__m128i v, int k) {
  return (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * k);
}
/* q[0..64) readable.  Signed compares: bytes >= 0x80 are negative and
 * fall in no class. */
BL_INLINE void S_classify64(const unsigned char *q, S_masks *m) {
  const __m128i c20 = _mm_set1_epi8(0x20), ca = _mm_set1_epi8('a' - 1),
                cz = _mm_set1_epi8('z' + 1), c0 = _mm_set1_epi8('0' - 1),
                c9 = _mm_set1_epi8('9' + 1), c8 = _mm_set1_epi8(8),
                c14 = _mm_set1_epi8(14), c1b = _mm_set1_epi8(0x1B),
                c21 = _mm_set1_epi8(0x21);
  m->l = m->d = m->w = m->t = 0;
  for (int k = 0; k < 4; k++) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(q + 16 * k));
    __m128i y = _mm_or_si128(x, c20);
    __m128i L = _mm_and_si128(_mm_cmpgt_epi8(y, ca), _mm_cmplt_epi8(y, cz));
    __m128i D = _mm_and_si128(_mm_cmpgt_epi8(x, c0), _mm_cmplt_epi8(x, c9));
    __m128i W = _mm_or_si128(
        _mm_and_si128(_mm_cmpgt_epi8(x, c8), _mm_cmplt_epi8(x, c14)),
        _mm_and_si128(_mm_cmpgt_epi8(x, c1b), _mm_cmplt_epi8(x, c21)));
    __m128i T = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')),
                                  _mm_cmpeq_epi8(x, _mm_set1_epi8(';'))),
                     _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(':')),
                                  _mm_cmpeq_epi8(x, _mm_set1_epi8(')')))),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('!')),
                                  _mm_cmpeq_epi8(x, _mm_set1_epi8('?'))),
                     _mm_cmpeq_epi8(x, _mm_set1_epi8('.'))));
    m->l |= S_mm(L, k);
    m->d |= S_mm(D, k);
    m->w |= S_mm(W, k);
    m->t |= S_mm(T, k);
  }
}
#else
BL_INLINE void S_classify64(const unsigned char *q, S_masks *m) {
  uint64_t l = 0, d = 0, w = 0, t = 0;
  for (unsigned k = 0; k < 64; k++) {
    unsigned c = bl__fcls[q[k]];
    l |= (uint64_t)(c & 1u) << k;
    d |= (uint64_t)((c >> 1) & 1u) << k;
    w |= (uint64_t)((c >> 2) & 1u) << k;
    t |= (uint64_t)((c & 24u) != 0) << k;
  }
  m->l = l;
  m->d = d;
  m->w = w;
  m->t = t;
}
#endif

BL_INLINE unsigned S_clz64(uint64_t x) { /* x != 0 */
#if defined(__GNUC__)
  return (unsigned)__builtin_clzll(x);
#else
  unsigned n = 0;
  while (!(x >> 63)) {
    x <<= 1;
    n++;
  }
  return n;
#endif
}

/* (no __builtin_popcountll: without -mpopcnt it is a library call) */
BL_INLINE unsigned bl__popcount64(uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ULL;
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

#define S_LO20 0x2020202020202020ULL

/* Is the period after the letter run q[0..wl) an abbreviation's (1), a
 * separate token (0), or does that depend on the next chunk (-1)?  The
 * rule of bl__ascii_chunk. */
static int S_fast_abbr(const unsigned char *q, unsigned wl, int digits) {
  int cap = q[0] >= 'A' && q[0] <= 'Z';
  if (wl == 1 && cap) return 1;
  if (wl > BL__KB_ABBR_MAX || digits) return 0;
  char key[16];
  for (unsigned k = 0; k < wl; k++) key[k] = (char)(q[k] | 0x20);
  unsigned bits = bl__tokdata_lookup(key, wl);
  if ((bits & BL_ABBR_CAP) && !cap) bits = 0;
  if (bits & (BL_ABBR_INNER | BL_ABBR_END | BL_ABBR_MONTH)) return 1;
  return (bits & BL_ABBR_NUM) ? -1 : 0;
}

/* Does some layer's pair filter admit a first token (keys k1 normalised,
 * e1 as written) followed by a token (k2, e2)?  S_pair with keys. */
static int S_pair_keys(const S_scan *sc, uint64_t k1, uint64_t e1, uint64_t k2,
                       uint64_t e2) {
  uint64_t one = bl_kbf_pair_key(k1, BL_KBF_PAIR_END);
  uint64_t two = bl_kbf_pair_key(k1, k2);
  for (int L = 0; L < sc->nf; L++) {
    const S_filt *f = &sc->f[L];
    if (bl__kb_bloom(f->pairs, f->pairs_mask, one) ||
        bl__kb_bloom(f->pairs, f->pairs_mask, two))
      return 1;
  }
  one = bl_kbf_pair_key(e1, BL_KBF_PAIR_END) ^ BL_KBF_PAIR_EXACT;
  two = bl_kbf_pair_key(e1, e2) ^ BL_KBF_PAIR_EXACT;
  for (int L = 0; L < sc->nf; L++) {
    const S_filt *f = &sc->f[L];
    if (bl__kb_bloom(f->pairs, f->pairs_mask, one) ||
        bl__kb_bloom(f->pairs, f->pairs_mask, two))
      return 1;
  }
  return 0;
}

/* The state at chunk start c (token index ct) of a stretch the skip mode
 * began at e: the white space right before c is rescanned (back to the
 * previous chunk, or to e and e's state). */
static void S_fast_at(const unsigned char *s, const S_at *e, size_t c,
                      int32_t ct, S_at *at) {
  size_t k = c;
  while (k > e->pos && bl__fcls[s[k - 1]] == 4u) k--;
  unsigned lines = 0, last_cr = 0;
  if (k == e->pos) {
    lines = e->lines;
    last_cr = e->last_cr;
  }
  for (; k < c; k++) S_count_break(s[k], &lines, &last_cr);
  at->pos = c;
  at->cpos = e->cpos + (int32_t)(c - e->pos);
  at->lines = lines;
  at->last_cr = last_cr;
  at->first = e->first && ct == e->tok;
  at->tok = ct;
}

/* Prefilter key of a run q[0..n) (n >= 1; q + 8 readable), lower-cased
 * (lc = S_LO20) or as written (lc = 0), without data-dependent branches
 * (bl_kbf_prekey of the same bytes). */
BL_INLINE uint64_t S_fkey_bl(const unsigned char *q, unsigned n, uint64_t lc) {
  unsigned m8 = n < 8 ? n : 8;
  uint64_t a = (bl__ld8(q, 8, 8) | lc) & (~(uint64_t)0 >> (64 - 8 * m8));
  return bl_kbf_prekey_a(a, n);
}

/* The skip mode, from *at (a chunk start or white space; no token before
 * it can still start a match) to the start of the first chunk where a
 * match may start or that is not plain, or to the end of the text; *at is
 * updated for that point.  Per 64 bytes: the runs' keys and first-token
 * filter bits without branches, then the pair check of the few tokens that
 * passed. */
BL_INLINE void S_fast_impl(const S_scan *sc, size_t len, S_at *at) {
  const unsigned char *s = sc->s;
  const S_at e = *at;
  const uint64_t *pre0 = sc->f[0].pre;
  const uint64_t pm0 = sc->f[0].pre_mask;
  const int nf = sc->nf, tail_any = sc->tail_any;
  int32_t tok = e.tok;
  size_t p = e.pos, hand = len;
  /* a token that passed the first-token filter, waiting for the next one:
   * its keys, chunk start and the chunk's first token index */
  int pend = 0;
  uint64_t pk = 0, pe = 0;
  size_t pcs = 0;
  int32_t pct = 0;
  uint64_t key[32];
  uint8_t kpos[32], klen[32];
  uint32_t ext[S_EXT_TOKS][2];
  /* the masks of the 64 bytes at p; with `same`, still those of p and
   * lanes before st are done (st is white space) */
  S_masks m = {0, 0, 0, 0};
  uint64_t A = 0, T = 0, W = 0, bad = 0, LIM = 0;
  unsigned lim = 0, st = 0;
  int same = 0;
  while (p < len) {
    if (!same) {
      size_t avail = len - p;
      S_classify64(s + p, &m);
      uint64_t valid = avail >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << avail) - 1;
      A = (m.l | m.d) & valid;
      T = m.t & valid;
      W = m.w | ~valid;
      uint64_t w64 = avail > 64 ? bl__fcls[s[p + 64]] == 4u : 1u;
      /* not plain: other bytes; a mark not right after a letter/digit or
       * not right before white space; a digit followed by a letter */
      bad = ~(A | W | T) | (T & ~(A << 1)) | (T & ~((W >> 1) | (w64 << 63))) |
            (m.l & (m.d << 1));
      lim = 64;         /* lanes [0, lim) hold whole chunks */
      if (!(W >> 63)) { /* the last chunk goes on past these 64 bytes */
        if (!W) {       /* one chunk of 64 bytes or more */
          hand = p;
          break;
        }
        lim = 64 - S_clz64(W);
      }
      LIM = lim == 64 ? ~(uint64_t)0 : ((uint64_t)1 << lim) - 1;
      st = 0;
    }
    same = 0;
    uint64_t R = LIM & (~(uint64_t)0 << st);
    unsigned end = lim;
    int stop = 0;
    if (bad & R) { /* stop at the start of the first chunk that is not plain */
      unsigned fb = bl__ctz64(bad & R);
      uint64_t below = W & (((uint64_t)1 << fb) - 1);
      end = below ? 64 - S_clz64(below) : 0;
      if (end < st) end = st;
      R &= ((uint64_t)1 << end) - 1;
      stop = 1;
    }
    /* 1: each run (= chunk, its first token): key, filter bit, tail */
    /* run starts (= chunk starts) and their last lanes: every run in R
     * ends inside R (before white space or a mark) */
    uint64_t RS = A & ~(A << 1) & R, RE = A & ~(A >> 1) & R;
    uint64_t passm = 0, tailm = 0;
    unsigned nr = 0, ntail = 0;
    while (RS) {
      unsigned k = bl__ctz64(RS);
      unsigned wl = bl__ctz64(RE) + 1 - k;
      RS &= RS - 1;
      RE &= RE - 1;
      unsigned n = wl;
      const unsigned char *q = s + p + k;
      uint64_t tail = (T >> (k + wl)) & 1u;
      if (BL_UNLIKELY(tail && (q[wl] == '.' || tail_any))) {
        int ab = 0;
        if (q[wl] == '.' && ((m.l >> k) & 1u))
          ab = S_fast_abbr(q, wl, ((m.d >> k) & (((uint64_t)1 << wl) - 1)) != 0);
        /* "No." and the like (depends on the next chunk), or a mark some
         * alias starts with: the careful scanner takes this chunk */
        if (ab < 0 || (!ab && sc->tail_pass[q[wl] & 127])) {
          end = k;
          stop = 1;
          break;
        }
        if (ab) {
          n = wl + 1;
          tail = 0;
        }
      }
      uint64_t kk = S_fkey_bl(q, n, S_LO20);
      uint64_t bits = bl_kbf_pre_bits(kk);
      uint64_t pass = (pre0[bl_kbf_pre_word(kk, pm0)] & bits) == bits;
      for (int L = 1; L < nf; L++)
        pass |= (sc->f[L].pre[bl_kbf_pre_word(kk, sc->f[L].pre_mask)] & bits) == bits;
      key[nr] = kk;
      kpos[nr] = (uint8_t)k;
      klen[nr] = (uint8_t)n;
      passm |= pass << nr;
      tailm |= tail << nr;
      ntail += (unsigned)tail;
      nr++;
    }
    /* 2: the pair check of the tokens that passed */
    if (pend && nr) {
      const unsigned char *q = s + p + kpos[0];
      if (S_pair_keys(sc, pk, pe, key[0], S_fkey_bl(q, klen[0], 0)))
        goto done_pend;
      pend = 0;
    }
    while (passm) {
      unsigned j = bl__ctz64(passm);
      passm &= passm - 1;
      const unsigned char *q = s + p + kpos[j];
      uint64_t ej = S_fkey_bl(q, klen[j], 0);
      int32_t tj = tok + (int32_t)j +
                   (int32_t)bl__popcount64(tailm & (((uint64_t)1 << j) - 1));
      int hit;
      if ((tailm >> j) & 1u) {
        uint64_t tkey = sc->tail_key[q[klen[j]] & 127];
        hit = S_pair_keys(sc, key[j], ej, tkey, tkey);
      } else if (j + 1 < nr) {
        const unsigned char *q2 = s + p + kpos[j + 1];
        hit = S_pair_keys(sc, key[j], ej, key[j + 1], S_fkey_bl(q2, klen[j + 1], 0));
      } else { /* the next token is further on */
        pend = 1;
        pk = key[j];
        pe = ej;
        pcs = p + kpos[j];
        pct = tj;
        break;
      }
      if (hit) {
        pend = 1;
        pcs = p + kpos[j];
        pct = tj;
        goto done_pend;
      }
    }
    tok += (int32_t)(nr + ntail);
    if (stop) {
      /* a chunk that is not plain: common ASCII forms (quotes, clitics,
       * hyphens...) are cut here by S_ext, the rest by the tokenizer */
      size_t c = p + end, ee, k = S_ext(s, c, len, NULL, ext, &ee);
      if (!k) {
        hand = c;
        break;
      }
      int32_t ct = tok;
      for (size_t q = 0; q < k; q++) {
        size_t b0 = ext[q][0], bn = ext[q][1] - b0;
        /* (its pieces are letters, digits and marks in 0x21..0x3F: OR 0x20
         * lower-cases them all) */
        uint64_t kk = S_fkey_bl(s + b0, (unsigned)bn, S_LO20);
        uint64_t ek = S_fkey_bl(s + b0, (unsigned)bn, 0);
        if (pend) {
          if (S_pair_keys(sc, pk, pe, kk, ek)) goto done_pend;
          pend = 0;
        }
        if (S_pass(sc, kk)) {
          pend = 1;
          pk = kk;
          pe = ek;
          pcs = c;
          pct = ct;
        }
        tok++;
      }
      if (ee - p < lim) { /* go on in these 64 bytes */
        st = (unsigned)(ee - p);
        same = 1;
        continue;
      }
      p = ee;
      continue;
    }
    p += lim;
  }
  if (pend) goto done_pend;
  if (hand >= len) {
    at->pos = len;
    at->tok = tok;
    return;
  }
  S_fast_at(s, &e, hand, tok, at);
  return;
done_pend:
  S_fast_at(s, &e, pcs, pct, at);
}

/* S_fast_impl compiled twice: for any CPU, and for x86 CPUs with BMI1 and
 * BMI2 (one-uop variable shifts, tzcnt, blsr: the skip mode's bit work is
 * most of its instructions; about 4% less CPU time on the bench).  The
 * choice is made per call (S_scan.bmi2: no global state); both give the
 * same results (tests/c/test_kb_scan.c runs both: BL__KBM_PORTABLE). */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__)) && \
    !defined(BL_KB_SCAN_NO_SIMD) && !defined(BL_KB_SCAN_NO_BMI2)
#define S_BMI2 1
__attribute__((target("bmi,bmi2"))) static void
S_fast_bmi2(const S_scan *sc, size_t len, S_at *at) {
  S_fast_impl(sc, len, at);
}
#endif
static void S_fast_base(const S_scan *sc, size_t len, S_at *at) {
  S_fast_impl(sc, len, at);
}
static void S_fast(const S_scan *sc, size_t len, S_at *at) {
#ifdef S_BMI2
  if (sc->bmi2) {
    S_fast_bmi2(sc, len, at);
    return;
  }
#endif
  S_fast_base(sc, len, at);
}

static int S_scan_text(S_scan *sc, bl_doc *scratch, bl_tokrange *ctx,
                       size_t len, int all, bl_vec *out) {
  const unsigned char *s = sc->s;
  unsigned char *lo = (unsigned char *)sc->lo;
  /* hot state in locals: the stores into lo (unsigned char) may alias
   * anything reached through a pointer */
  S_tk *tk = sc->tk;
  int32_t n = sc->n, cap = sc->cap;
  const uint64_t *pre0 = sc->f[0].pre;
  const uint64_t pre0_mask = sc->f[0].pre_mask;
  const int more = sc->nf > 1;
  size_t i = 0, e, k;
  uint32_t ext[S_EXT_TOKS][2];
  int32_t cpos = 0;
  unsigned lines = 0, last_cr = 0;
  int first = 1, rc;
  while (i < len) {
    if (n == 0) { /* nothing pending: the skip mode */
      S_at at = {i, cpos, lines, last_cr, first, sc->base};
      S_fast(sc, len, &at);
      sc->base = at.tok;
      if (at.pos >= len) break;
      i = at.pos;
      cpos = at.cpos;
      lines = at.lines;
      last_cr = at.last_cr;
      first = at.first;
    }
    if (s[i] == ' ') {
      i++;
      cpos++;
      last_cr = 0;
      continue;
    }
    unsigned t = bl__fcls[s[i]];
    if (t == 4u) { /* ASCII white space */
      S_count_break(s[i], &lines, &last_cr);
      i++;
      cpos++;
      continue;
    }
    bl_ascii_chunk c;
    if ((t & 3u) && bl__ascii_chunk(s, i, len, lo + i, &c)) {
      S_tk *o = &tk[n++];
      o->key = S_key(lo + i, c.w, 1);
      o->start = cpos;
      o->end = cpos + (int32_t)(c.r - i);
      o->bs = (uint32_t)i;
      o->be = (uint32_t)c.r;
      o->para = first || lines >= 2;
      o->hashed = 0;
      o->plain = 1;
      o->upper = c.n_up != 0;
      o->pass = (uint8_t)(bl__kb_bloom(pre0, pre0_mask, o->key) ||
                          (more && S_pass_more(sc, o->key)));
      if (c.tail) {
        lo[c.r] = (unsigned char)c.tail;
        o = &tk[n++];
        o->key = sc->tail_key[c.tail & 127];
        o->start = cpos + (int32_t)(c.r - i);
        o->end = o->start + 1;
        o->bs = (uint32_t)c.r;
        o->be = (uint32_t)c.r + 1;
        o->para = 0;
        o->hashed = 0;
        o->plain = 1;
        o->upper = 0;
        o->pass = sc->tail_pass[c.tail & 127];
      }
      first = 0;
      lines = 0;
      last_cr = 0;
      cpos += (int32_t)(c.end - i);
      i = c.end;
    } else if ((k = S_ext(s, i, len, lo, ext, &e)) != 0) {
      if (BL_UNLIKELY(n + (int32_t)k > cap)) {
        sc->n = n;
        if ((rc = S_reserve(sc, k)) < 0) return rc;
        tk = sc->tk;
        cap = sc->cap;
      }
      for (size_t q = 0; q < k; q++) {
        S_tk *o = &tk[n++];
        size_t b0 = ext[q][0], b1 = ext[q][1];
        o->key = S_key(lo + b0, b1 - b0, 1);
        o->start = cpos + (int32_t)(b0 - i);
        o->end = cpos + (int32_t)(b1 - i);
        o->bs = (uint32_t)b0;
        o->be = (uint32_t)b1;
        o->para = q == 0 && (first || lines >= 2);
        o->hashed = 0;
        o->plain = 1;
        int up = 0;
        for (size_t b = b0; b < b1; b++) up |= s[b] != lo[b];
        o->upper = (uint8_t)up;
        o->pass = (uint8_t)(bl__kb_bloom(pre0, pre0_mask, o->key) ||
                            (more && S_pass_more(sc, o->key)));
      }
      first = 0;
      lines = 0;
      last_cr = 0;
      cpos += (int32_t)(e - i);
      i = e;
    } else {
      /* the tokenizer takes the stretch up to the next ASCII white space */
      e = i + 1;
      while (e < len && bl__fcls[s[e]] != 4u) e++;
      ctx->cpos = cpos;
      ctx->lines = lines;
      ctx->last_cr = last_cr;
      ctx->first = first;
      scratch->tokens.len = scratch->tokx.len = scratch->norm.len = 0;
      if ((rc = bl__tokenize_range(scratch, i, e, ctx)) < 0) return rc;
      sc->n = n;
      if ((rc = S_take(sc, scratch)) < 0) return rc;
      tk = sc->tk;
      n = sc->n;
      cap = sc->cap;
      cpos = ctx->cpos;
      lines = ctx->lines;
      last_cr = ctx->last_cr;
      first = ctx->first;
      i = e;
    }
    /* after a chunk: decide what can be decided */
    sc->n = n;
    if ((rc = S_consume(sc, all, 0, out)) < 0) return rc;
    if ((rc = S_reserve(sc, 2)) < 0) return rc;
    tk = sc->tk;
    n = sc->n;
    cap = sc->cap;
  }
  sc->n = n;
  return S_consume(sc, all, 1, out);
}

int bl__kb_match_text(const bl_kb *const *kbs, int n_kbs, const char *utf8,
                      size_t len, int trusted_utf8, size_t *err_offset,
                      unsigned options, bl_vec *out) {
  if (len > BL_MAX_TEXT_BYTES) return BL_ETOOBIG;
  if (!trusted_utf8) {
    size_t n_chars, bad = bl__utf8_check(utf8, len, &n_chars);
    if (bad != len) {
      if (err_offset) *err_offset = bad;
      return BL_EUTF8;
    }
  }
  int any = 0;
  for (int L = 0; L < n_kbs; L++) any |= kbs[L] != NULL;
  if (!any || len == 0) return BL_OK;
  if (len >= (size_t)INT32_MAX) return BL_ETOOBIG;

  S_scan sc;
  memset(&sc, 0, sizeof sc);
  sc.kbs = kbs;
  sc.n_kbs = n_kbs;
  for (int L = 0; L < n_kbs; L++) {
    if (!kbs[L]) continue;
    S_filt *f = &sc.f[sc.nf++];
    f->pre = kbs[L]->pre;
    f->pre_mask = kbs[L]->pre_mask;
    f->pairs = kbs[L]->pairs;
    f->pairs_mask = kbs[L]->pairs_mask;
  }
#ifdef S_BMI2
  sc.bmi2 = !(options & BL__KBM_PORTABLE) && __builtin_cpu_supports("bmi") &&
            __builtin_cpu_supports("bmi2");
#endif
  bl_doc scratch;
  memset(&scratch, 0, sizeof scratch);
  bl_vec_init(&scratch.tokens, sizeof(bl_token));
  bl_vec_init(&scratch.tokx, sizeof(bl_tokx));
  bl_vec_init(&scratch.norm, 1);
  bl_tokrange ctx;
  memset(&ctx, 0, sizeof ctx);
  int rc = BL_ENOMEM;
  /* the text (NUL-padded: the plain-chunk scanner reads 8 bytes at a time
   * up to s[len]) and the normalised forms of plain tokens */
  unsigned char buf0[S_STACK_TEXT];
  S_tk tk0[S_STACK_TOKS];
  sc.tk = tk0;
  sc.cap = S_STACK_TOKS;
  unsigned char *buf = 2 * (len + S_PADB) <= sizeof buf0
                           ? buf0
                           : bl_malloc(2 * (len + S_PADB));
  if (!buf) goto cleanup;
  memcpy(buf, utf8, len);
  memset(buf + len, 0, S_PADB);
  sc.s = buf;
  sc.lo = buf + len + S_PADB;
  scratch.text = (char *)buf;
  scratch.len = len;
  for (const char *p = ",;:)!?."; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    sc.tail_key[ch] = bl_kbf_prekey(&ch, 1);
    sc.tail_pass[ch] = (uint8_t)S_pass(&sc, sc.tail_key[ch]);
    sc.tail_any |= sc.tail_pass[ch];
  }
  rc = S_scan_text(&sc, &scratch, &ctx, len, (options & BL_KBM_ALL) != 0, out);

cleanup:
  bl__tokrange_free(&ctx);
  bl_vec_free(&scratch.tokens);
  bl_vec_free(&scratch.tokx);
  bl_vec_free(&scratch.norm);
  if (sc.tk_heap) bl_free(sc.tk);
  if (buf != buf0) bl_free(buf);
  return rc;
}

int bl_kb_match_text(const bl_kb *const *kbs, int n_kbs, const char *utf8,
                     size_t len, int trusted_utf8, size_t *err_offset,
                     unsigned options, bl_kb_hit **out, size_t *n_out) {
  if (!out || !n_out || (!utf8 && len) || n_kbs < 0 ||
      n_kbs > BL_MAX_KB_LAYERS || (n_kbs && !kbs) ||
      (options & ~(unsigned)BL_KBM_ALL))
    return BL_EINVAL;
  *out = NULL;
  *n_out = 0;
  bl_vec v;
  bl_vec_init(&v, sizeof(bl_kb_hit));
  int rc = bl__kb_match_text(kbs, n_kbs, utf8, len, trusted_utf8, err_offset,
                             options, &v);
  if (rc < 0) {
    bl_vec_free(&v);
    return rc;
  }
  *out = v.len ? v.data : NULL;
  *n_out = v.len;
  if (!v.len) bl_vec_free(&v);
  return BL_OK;
}
