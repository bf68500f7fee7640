/* bl_tokenize.c -- the news tokenizer.
 *
 * The text is cut into whitespace-separated chunks (Python's str.isspace()
 * characters); each chunk is decoded once into an array of (code point,
 * byte offset, class, case) and split into tokens by a left-to-right scanner
 * with bounded look-ahead, so the work is linear in the input.  Chunks
 * longer than S_CHUNK_MAX code points (only pathological input has them) are
 * cut into pieces, which bounds every look-ahead and the scratch memory.
 *
 * Token rules, in the order they are tried at a token start:
 *   URL (http:// https:// ftp:// www.), e-mail, "n't" and 's 'm 'd 'll 're
 *   've clitics, dotted abbreviations (U.S., e.g., Ph.D.), domains
 *   (bbc.co.uk), words (inner apostrophes O'Brien, AT&T, F-16), numbers
 *   (1,000.5  10:30  2024-01-15  1-0  with short unit/ordinal suffixes
 *   120m 5bn 1st 1990s), @handles, #hashtags, quotes (flanking rules, see
 *   byline.h), hyphens, dashes, ellipses, runs of ! and ?, emoji sequences
 *   (ZWJ, modifiers, flags), other punctuation and symbols one by one.
 * A word followed by a period takes the period when it is a listed
 * abbreviation (bl_tokdata.tsv) or a single capital initial.
 */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* madvise */
#endif
#include "bl_internal.h"

#include <stdlib.h>
#include <utf8proc.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "bl_tokdata.inc"
#include "bl_ascii.h"

/* Slot of a key in S_tokdata (tools/gen_tables.py mirrors this). */
BL_INLINE size_t S_tokdata_hash(uint64_t w0, uint64_t w1, size_t n) {
  uint64_t h = (w0 * 0x9E3779B97F4A7C15ULL) ^ (w1 * 0xC2B2AE3D27D4EB4FULL) ^ n;
  return (size_t)((h * 0xD6E8FEB86659FD93ULL) >> (64 - S_TOKDATA_BITS));
}

unsigned bl__tokdata_lookup(const char *key, size_t n) {
  if (n == 0 || n > 15) return 0;
  unsigned char buf[16] = {0};
  memcpy(buf, key, n);
  uint64_t w0 = bl__r64(buf), w1 = bl__r64(buf + 8);
  size_t mask = ((size_t)1 << S_TOKDATA_BITS) - 1;
  for (size_t h = S_tokdata_hash(w0, w1, n);; h = (h + 1) & mask) {
    if (!S_tokdata[h].len) return 0;
    if (S_tokdata[h].len == n && S_tokdata[h].w0 == w0 && S_tokdata[h].w1 == w1)
      return S_tokdata[h].cls;
  }
}

/* ------------------------------------------------------------------ */
/* Character classes                                                   */
/* ------------------------------------------------------------------ */
enum {
  C_SPACE = 0,
  C_LETTER,
  C_DIGIT,
  C_MARK,     /* combining marks, format chars, variation selectors,
                 emoji modifiers: extend the character before */
  C_ZWJ,
  C_APOS,     /* ' ’ ʼ ´ : apostrophe inside words, else a quote */
  C_QUOTE,
  C_HYPHEN,   /* - U+2010 U+2011 */
  C_DASH,     /* other Pd: – — ― ... */
  C_PERIOD,
  C_ELLIPSIS,
  C_TERM,     /* ! ? and other sentence-final marks */
  C_AT,
  C_HASH,
  C_AMP,
  C_CURRENCY,
  C_SYMBOL,
  C_RI,       /* regional indicator (flags) */
  C_OPEN,
  C_CLOSE,
  C_PUNCT,
  C_OTHER     /* control characters */
};

enum { CASE_NONE = 0, CASE_LOWER = 1, CASE_UPPER = 2 };

#define S_PUNCTISH(c) ((c) >= C_APOS && (c) <= C_PUNCT)
#define S_ALNUM(c) ((c) == C_LETTER || (c) == C_DIGIT)

/* ASCII classes (cmark cmark_ctype.c style table). */
#define O C_OTHER
#define W C_SPACE
#define L C_LETTER
#define D C_DIGIT
#define P C_PUNCT
#define Y C_SYMBOL
static const unsigned char S_ascii[128] = {
    O, O, O, O, O, O, O, O, O, W, W, W, W, W, O, O, /* 0x00 */
    O, O, O, O, O, O, O, O, O, O, O, O, W, W, W, W, /* 0x10 */
    W, C_TERM, C_QUOTE, C_HASH, C_CURRENCY, Y, C_AMP, C_APOS, /* 0x20 */
    C_OPEN, C_CLOSE, P, Y, P, C_HYPHEN, C_PERIOD, P,
    D, D, D, D, D, D, D, D, D, D, P, P, Y, Y, Y, C_TERM, /* 0x30 */
    C_AT, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* 0x40 */
    L, L, L, L, L, L, L, L, L, L, L, C_OPEN, P, C_CLOSE, Y, P, /* 0x50 */
    C_QUOTE, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* 0x60 */
    L, L, L, L, L, L, L, L, L, L, L, C_OPEN, Y, C_CLOSE, Y, O, /* 0x70 */
};
#undef O
#undef W
#undef L
#undef D
#undef P
#undef Y

/* ASCII case: 2 upper, 1 lower. */
static const unsigned char S_ascii_cas[128] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

static unsigned S_uclass(int32_t c, unsigned *cas) {
  *cas = CASE_NONE;
  switch (c) {
  case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
  case 0x205F: case 0x3000:
    return C_SPACE;
  case 0x2019: case 0x02BC: case 0x00B4:
    return C_APOS;
  case 0x2018: case 0x201A: case 0x201B: case 0x201C: case 0x201D:
  case 0x201E: case 0x201F: case 0xAB: case 0xBB: case 0x2039: case 0x203A:
  case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x301D:
  case 0x301E: case 0x301F: case 0xFF02: case 0xFF07: case 0x2E42:
    return C_QUOTE;
  case 0x2010: case 0x2011:
    return C_HYPHEN;
  case 0x2026:
    return C_ELLIPSIS;
  case 0x200D:
    return C_ZWJ;
  case 0x203C: case 0x2047: case 0x2048: case 0x2049: case 0xFF01:
  case 0xFF1F: case 0x3002: case 0xFF0E: case 0xFF61: case 0x0964:
  case 0x0965: case 0x061F: case 0x06D4: case 0x037E: case 0x0589:
    return C_TERM;
  case 0xFFFD:
    return C_SYMBOL;
  default:
    break;
  }
  if (c >= 0x2000 && c <= 0x200A) return C_SPACE;
  if (c >= 0x1F3FB && c <= 0x1F3FF) return C_MARK; /* skin tones */
  if (c >= 0xE0020 && c <= 0xE007F) return C_MARK; /* emoji tags */
  if (c >= 0x1F1E6 && c <= 0x1F1FF) return C_RI;
  if (c >= 0xD800 && c <= 0xDFFF) return C_SYMBOL;
  const utf8proc_property_t *pr = utf8proc_get_property(c);
  switch (pr->category) {
  case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
    *cas = CASE_UPPER;
    return C_LETTER;
  case UTF8PROC_CATEGORY_LL:
    *cas = CASE_LOWER;
    return C_LETTER;
  case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
    return C_LETTER;
  case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_CF:
    return C_MARK;
  case UTF8PROC_CATEGORY_ND:
    return C_DIGIT;
  case UTF8PROC_CATEGORY_PD:
    return C_DASH;
  case UTF8PROC_CATEGORY_PS:
    return C_OPEN;
  case UTF8PROC_CATEGORY_PE:
    return C_CLOSE;
  case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    return C_QUOTE;
  case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PO:
    return C_PUNCT;
  case UTF8PROC_CATEGORY_SC:
    return C_CURRENCY;
  case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SK:
  case UTF8PROC_CATEGORY_SO:
    return C_SYMBOL;
  case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
    return C_SPACE;
  case UTF8PROC_CATEGORY_CC:
    return C_OTHER;
  default: /* Co, Cs, Cn */
    return C_SYMBOL;
  }
}

/* Line breaks as str.splitlines() counts them (\r\n is one). */
BL_INLINE int S_is_linebreak(int32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C ||
         c == 0x1D || c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* ------------------------------------------------------------------ */
/* Scanner state                                                       */
/* ------------------------------------------------------------------ */
#define S_CHUNK_MAX BL_TOK_CHUNK_MAX
#define S_PAD 4 /* sentinels after the chunk (look-ahead reach: j+3) */

typedef struct {
  int32_t cp;
  uint32_t b;     /* absolute byte offset */
  uint8_t cls;
  uint8_t cas;
} S_ch;

typedef struct {
  bl_doc *doc;
  const unsigned char *s;
  size_t len;
  S_ch *ch;          /* ch[0] = sentinel, ch[1..n] chunk, then S_PAD */
  size_t n;
  int32_t cp0;       /* code point offset of ch[1] */
  unsigned prev_real, next_real; /* true classes around the chunk */
  int cont_before;   /* chunk continues a cut piece (no space before) */
  int cont_after;    /* chunk is cut (no space after) */
  size_t next_at;    /* index of the next '@' at or after the cursor, or 0 */
  uint32_t gap_flags; /* NEWLINE_BEFORE / PARA_START for the chunk's first token */
  size_t nofast;     /* a chunk start S_fast gave up on */
} S_state;

BL_INLINE int S_lc(int32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Class of the character before ch[j] (j >= 1) for flanking purposes. */
BL_INLINE unsigned S_prev_cls(const S_state *st, size_t j) {
  return j > 1 ? st->ch[j - 1].cls : st->prev_real;
}
BL_INLINE unsigned S_next_cls(const S_state *st, size_t j) {
  return j <= st->n ? st->ch[j].cls : st->next_real;
}

/* ------------------------------------------------------------------ */
/* Token emission                                                      */
/* ------------------------------------------------------------------ */
/* Writes one token row and its byte-level extras (every path ends here). */
BL_INLINE void S_put_row(bl_token *t, bl_tokx *x, int32_t cps, int32_t cpe,
                         unsigned kind, uint32_t flags, size_t bs, size_t be,
                         size_t noff, size_t w, uint64_t hn, uint64_t he) {
  t->start = cps;
  t->end = cpe;
  t->kind = (int32_t)kind;
  t->flags = (int32_t)flags;
  t->sent = -1;
  t->pos = 0;
  t->ner = 0;
  t->mention = -1;
  x->bstart = (int32_t)bs;
  x->bend = (int32_t)be;
  x->norm_off = (uint32_t)noff;
  x->norm_len = (uint32_t)w;
  x->norm_hash = hn;
  x->exact_hash = he;
}

/* Appends one token: byte range [bs, be), code points [cps, cpe), kind and
 * the context flags.  Computes the shape flags, the normalised form and the
 * hashes.  `chj` is ch + j0 of a scanned chunk (code points, classes and
 * cases, needed when the token is not ASCII), or NULL when the caller knows
 * the bytes are ASCII. */
static int S_put(bl_doc *doc, uint32_t bs, uint32_t be, int32_t cps,
                 int32_t cpe, unsigned kind, uint32_t flags, const S_ch *chj) {
  /* Locals only: stores through the byte pointers below may alias doc. */
  size_t tn = doc->tokens.len, nlen = doc->norm.len, blen = be - bs;
  if (BL_UNLIKELY(tn == doc->tokens.cap)) {
    size_t want = tn + tn / 2 + 64;
    if (bl_vec_reserve(&doc->tokens, want) < 0 ||
        bl_vec_reserve(&doc->tokx, want) < 0)
      return BL_ENOMEM;
  }
  /* Worst case growth of the normalised form (it also covers the 8-byte
   * stores of the ASCII path). */
  size_t need = nlen + blen * 3 + BL_NORM_MAX_CP;
  if (BL_UNLIKELY(need > doc->norm.cap) &&
      bl_vec_reserve(&doc->norm, need + need / 2) < 0)
    return BL_ENOMEM;
  bl_token *t = (bl_token *)doc->tokens.data + tn;
  bl_tokx *x = (bl_tokx *)doc->tokx.data + tn;
  unsigned char *nb = (unsigned char *)doc->norm.data + nlen;
  const unsigned char *src = (const unsigned char *)doc->text + bs;
  size_t w = 0, room = doc->len + 1 - bs; /* text is NUL-terminated */
  unsigned n_up = 0, n_lo = 0, first = CASE_NONE;
  int digit = 0, same = 1;
  int ascii = blen == (size_t)(cpe - cps);
  if (BL_LIKELY(ascii)) {
    /* all ASCII: 8 bytes at a time, lower-case A-Z, ` -> ', shape bits */
    uint64_t lo_acc = 0, dg_acc = 0, bt_acc = 0, na_acc = 0;
    for (size_t k = 0; k < blen; k += 8) {
      size_t r = blen - k;
      uint64_t v = bl__ld8(src + k, r, room - k);
      uint64_t m = r >= 8 ? BL__H8 : BL__H8 & ((1ULL << (8 * r)) - 1);
      uint64_t up = BL__GE(v, 'A') & ~BL__GE(v, 'Z' + 1) & m;
      uint64_t lo = BL__GE(v, 'a') & ~BL__GE(v, 'z' + 1) & m;
      uint64_t bt = BL__GE(v, '`') & ~BL__GE(v, 'a') & m;
      dg_acc |= BL__GE(v, '0') & ~BL__GE(v, '9' + 1) & m;
      na_acc |= v & m;
      if (!first && (up | lo)) {
        uint64_t f = (up | lo) & (0 - (up | lo)); /* lowest cased lane */
        first = (up & f) ? CASE_UPPER : CASE_LOWER;
      }
      n_up += (unsigned)(((up >> 7) * BL__L8) >> 56);
      lo_acc |= lo;
      bt_acc |= bt;
      bl__st8(nb + k, v + (up >> 2) - (bt >> 7) * ('`' - '\''));
    }
    if (BL_UNLIKELY(na_acc)) { /* not ASCII after all (lying trusted input) */
      ascii = 0;
      n_up = 0;
      first = CASE_NONE;
    } else {
      n_lo = lo_acc != 0;
      digit = dg_acc != 0;
      w = blen;
      same = n_up == 0 && !bt_acc;
    }
  }
  if (BL_UNLIKELY(!ascii)) {
    same = 0;
    for (size_t q = 0, nq = (size_t)(cpe - cps); q < nq; q++) {
      int32_t c = chj[q].cp;
      unsigned cs = chj[q].cas;
      if (cs) {
        if (cs == CASE_UPPER) n_up++;
        else n_lo++;
        if (!first) first = cs;
      }
      digit |= chj[q].cls == C_DIGIT;
      if (c < 0x80) {
        nb[w++] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : (c == '`' ? '\'' : c));
      } else {
        /* Per-cp expansion can exceed 3 bytes per input byte only for
         * rare compatibility characters: re-check room. */
        if (BL_UNLIKELY(nlen + w + BL_NORM_MAX_CP > doc->norm.cap)) {
          size_t cap2 = nlen + w + BL_NORM_MAX_CP + blen * 3 + BL_NORM_MAX_CP;
          if (bl_vec_reserve(&doc->norm, cap2 + cap2 / 2) < 0) return BL_ENOMEM;
          nb = (unsigned char *)doc->norm.data + nlen;
        }
        w += bl__norm_cp(c, nb + w);
      }
    }
    if (w == 0) { /* marks / ignorables only: keep the bytes */
      memcpy(nb, src, blen);
      w = blen;
      same = 1;
    }
  }
  int later_up = first == CASE_UPPER ? n_up > 1 : n_up > 0;
  if (first == CASE_UPPER && !later_up) flags |= BL_TF_TITLE;
  if (n_up >= 2 && n_lo == 0) flags |= BL_TF_UPPER;
  if (n_lo && !n_up) flags |= BL_TF_LOWER;
  if (digit) flags |= BL_TF_HAS_DIGIT;

  uint64_t hn = bl__hash_inline(nb, w);
  uint64_t he = same ? hn : bl__hash_inline(src, blen);
  S_put_row(t, x, cps, cpe, kind, flags, bs, be, nlen, w, hn, he);
  doc->tokens.len = tn + 1;
  doc->tokx.len = tn + 1;
  doc->norm.len = nlen + w;
  return BL_OK;
}

/* Emits ch[j0..j1) of the current chunk as one token. */
static int S_emit(S_state *st, size_t j0, size_t j1, unsigned kind,
                  uint32_t flags) {
  const S_ch *ch = st->ch;
  if (j1 > st->n && !st->cont_after && ch[j1].b < st->len) flags |= BL_TF_SPACE_AFTER;
  if (j0 > 1 || st->cont_before) flags |= BL_TF_NO_SPACE_BEFORE;
  if (j0 == 1) {
    flags |= st->gap_flags;
    st->gap_flags = 0;
  }
  if (kind == BL_TOK_PUNCT && j1 == j0 + 1 && ch[j0].cls == C_HYPHEN &&
      S_prev_cls(st, j0) != C_SPACE && S_next_cls(st, j1) != C_SPACE)
    flags |= BL_TF_HYPHEN_INFIX;
  return S_put(st->doc, ch[j0].b, ch[j1].b, st->cp0 + (int32_t)(j0 - 1),
               st->cp0 + (int32_t)(j1 - 1), kind, flags, ch + j0);
}

/* ------------------------------------------------------------------ */
/* Scanners: each returns the end index (exclusive) of a token at j     */
/* ------------------------------------------------------------------ */
/* Absorbs extending characters (marks, ZWJ + next char) after j. */
static size_t S_extend(const S_state *st, size_t j) {
  const S_ch *ch = st->ch;
  for (;;) {
    if (ch[j].cls == C_MARK) j++;
    else if (ch[j].cls == C_ZWJ) {
      j++;
      if (ch[j].cls != C_SPACE && ch[j].cls != C_ZWJ) j++;
    } else return j;
  }
}

/* Length of a clitic starting with the apostrophe at j ('s 'm 'd 'll 're
 * 've), 0 if none.  The letter(s) must end the alphanumeric run. */
static size_t S_clitic_len(const S_ch *ch, size_t j) {
  if (ch[j].cls != C_APOS || ch[j].cp == 0xB4) return 0;
  int a = S_lc(ch[j + 1].cp), b = S_lc(ch[j + 2].cp);
  unsigned c2 = ch[j + 2].cls, c3 = ch[j + 3].cls;
  if ((a == 's' || a == 'm' || a == 'd') && ch[j + 1].cls == C_LETTER &&
      !S_ALNUM(c2) && c2 != C_MARK)
    return 2;
  if (((a == 'l' && b == 'l') || (a == 'r' && b == 'e') ||
       (a == 'v' && b == 'e')) &&
      !S_ALNUM(c3) && c3 != C_MARK)
    return 3;
  return 0;
}

/* "n't" at j: n, apostrophe, t, then no letter. */
static int S_is_nt(const S_ch *ch, size_t j) {
  return (ch[j].cp == 'n' || ch[j].cp == 'N') && ch[j + 1].cls == C_APOS &&
         ch[j + 1].cp != 0xB4 && (ch[j + 2].cp == 't' || ch[j + 2].cp == 'T') &&
         !S_ALNUM(ch[j + 3].cls) && ch[j + 3].cls != C_MARK;
}

/* Case-insensitive ASCII prefix match at j (within the chunk). */
static int S_prefix(const S_state *st, size_t j, const char *p) {
  size_t k = 0;
  for (; p[k]; k++) {
    if (j + k > st->n) return 0;
    if (S_lc(st->ch[j + k].cp) != p[k]) return 0;
  }
  return 1;
}

/* URL from j to the end of the chunk, stopping at quotes and angle
 * brackets, then dropping trailing punctuation and unbalanced ')'. */
static size_t S_url_end(const S_state *st, size_t j) {
  const S_ch *ch = st->ch;
  size_t e = j;
  while (e <= st->n) {
    unsigned c = ch[e].cls;
    int32_t cp = ch[e].cp;
    if ((c == C_QUOTE && cp != '\'') || cp == '<' || cp == '>' ||
        (c == C_APOS && cp != '\''))
      break;
    e++;
  }
  int open = 0, close = 0;
  for (size_t k = j; k < e; k++) {
    open += ch[k].cp == '(';
    close += ch[k].cp == ')';
  }
  while (e > j + 1) {
    int32_t cp = ch[e - 1].cp;
    if (cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' ||
        cp == '?' || cp == '\'' || cp == '*') {
      e--;
    } else if (cp == ')' && close > open) {
      close--;
      e--;
    } else {
      break;
    }
  }
  return e;
}

static int S_email_local(int32_t c, unsigned cls) {
  return (c < 0x80 && S_ALNUM(cls)) || c == '.' || c == '_' || c == '%' ||
         c == '+' || c == '-';
}

/* E-mail address starting at j, or 0. */
static size_t S_email_end(S_state *st, size_t j) {
  const S_ch *ch = st->ch;
  if (!st->next_at) return 0;
  if (st->next_at < j) {
    size_t k = j > st->next_at + 1 ? j : st->next_at + 1;
    while (k <= st->n && ch[k].cp != '@') k++;
    st->next_at = k <= st->n ? k : 0;
    if (!st->next_at) return 0;
  }
  size_t at = st->next_at;
  if (at == j || at - j > 64) return 0;
  for (size_t k = j; k < at; k++)
    if (!S_email_local(ch[k].cp, ch[k].cls)) return 0;
  /* domain: labels of [A-Za-z0-9-] separated by single dots */
  size_t k = at + 1, seg_start = k, last_letters = 0, nseg = 0, end = 0;
  while (k <= st->n && k - at < 254) {
    size_t s0 = k, letters = 0;
    while (k <= st->n && ch[k].cp < 0x80 &&
           (S_ALNUM(ch[k].cls) || ch[k].cp == '-')) {
      letters += ch[k].cls == C_LETTER;
      k++;
    }
    if (k == s0) break;
    nseg++;
    seg_start = s0;
    last_letters = (letters == k - s0) ? letters : 0;
    end = k;
    if (ch[k].cp == '.' && k + 1 <= st->n && S_ALNUM(ch[k + 1].cls) &&
        ch[k + 1].cp < 0x80)
      k++;
    else
      break;
  }
  (void)seg_start;
  if (nseg < 2 || last_letters < 2) return 0;
  return end;
}

/* Numbers: digits with inner , . : / and - between digits, then a short
 * alphabetic suffix (1st, 120m, 5bn, 1990s, 10km). */
static size_t S_number_end(const S_state *st, size_t j) {
  const S_ch *ch = st->ch;
  size_t e = j;
  for (;;) {
    unsigned c = ch[e].cls;
    int32_t cp = ch[e].cp;
    if (c == C_DIGIT || c == C_MARK) {
      e++;
    } else if ((cp == ',' || cp == '.' || cp == ':' || cp == '/' ||
                cp == '-') &&
               ch[e + 1].cls == C_DIGIT && e > j &&
               ch[e - 1].cls == C_DIGIT) {
      e++;
    } else {
      break;
    }
  }
  if (ch[e].cls == C_LETTER) {
    size_t k = e, letters = 0;
    while (k - e < 12 && (S_ALNUM(ch[k].cls) || ch[k].cls == C_MARK)) {
      letters += ch[k].cls == C_LETTER;
      k++;
    }
    if (letters <= 3 && k - e <= 8 && !S_ALNUM(ch[k].cls)) e = k;
  }
  return e;
}

/* Dotted forms from j: segments of letters/digits joined by single
 * periods.  Returns the number of segments (capped), sets *end to the end
 * of the last segment and *kind to ABBREV (all segments 1-2 letters),
 * URL (a domain: last segment >= 2 lower-case letters) or 0. */
static size_t S_dotted(const S_state *st, size_t j, size_t *end,
                       unsigned *kind) {
  const S_ch *ch = st->ch;
  size_t k = j, nseg = 0;
  int all_short = 1, last_lower = 0;
  *kind = 0;
  for (;;) {
    size_t s0 = k, letters = 0, lowers = 0;
    while (k - j <= 64 && (S_ALNUM(ch[k].cls) || ch[k].cls == C_MARK)) {
      letters += ch[k].cls == C_LETTER;
      lowers += ch[k].cas == CASE_LOWER;
      k++;
    }
    if (k == s0 || k - j > 64) return 0; /* bounded: keeps rescans linear */
    nseg++;
    size_t seglen = k - s0;
    if (letters != seglen || letters > 1) all_short = 0;
    last_lower = letters == seglen && lowers == seglen && seglen >= 2;
    if (ch[k].cls == C_PERIOD && S_ALNUM(ch[k + 1].cls) && nseg < 10) {
      k++;
      continue;
    }
    break;
  }
  *end = k;
  if (nseg < 2) return nseg;
  if (all_short) {
    *kind = BL_TOK_ABBREV; /* U.S  e.g  a.m */
    return nseg;
  }
  if (k - j <= 15) { /* listed dotted forms: Ph.D  M.Sc */
    char key[16];
    size_t q = 0;
    for (; j + q < k && ch[j + q].cp < 0x80; q++) key[q] = (char)S_lc(ch[j + q].cp);
    if (j + q == k && bl__tokdata_lookup(key, q)) {
      *kind = BL_TOK_ABBREV;
      return nseg;
    }
  }
  if (last_lower) *kind = BL_TOK_URL;
  return nseg;
}

/* A plain word from j (a letter). */
static size_t S_word_end(const S_state *st, size_t j, size_t from) {
  const S_ch *ch = st->ch;
  size_t e = from;
  for (;;) {
    unsigned c = ch[e].cls;
    if (c == C_LETTER || c == C_DIGIT || c == C_MARK) {
      e++;
    } else if (c == C_ZWJ && (ch[e + 1].cls == C_LETTER || ch[e + 1].cls == C_MARK)) {
      e++;
    } else if (c == C_APOS && ch[e + 1].cls == C_LETTER && ch[e].cp != 0xB4) {
      if (S_clitic_len(ch, e)) return e;
      if ((ch[e + 1].cp == 't' || ch[e + 1].cp == 'T') && e - 1 > j &&
          S_is_nt(ch, e - 1))
        return e - 1;
      e++;
    } else if (c == C_HYPHEN && ch[e + 1].cls == C_DIGIT &&
               ch[e - 1].cls == C_LETTER && e > j) {
      e++; /* F-16, COVID-19 */
    } else if (c == C_AMP && e > j && ch[e - 1].cas == CASE_UPPER &&
               ch[e + 1].cas == CASE_UPPER) {
      e++; /* AT&T, S&P */
    } else {
      return e;
    }
  }
}

/* Next character class after the chunk's whitespace (for "No. 5" and
 * possessive "s' "): skips up to 4 spaces/tabs in the raw text. */
static unsigned S_peek_after_space(const S_state *st, size_t e, int32_t *cpo) {
  const S_ch *ch = st->ch;
  *cpo = 0;
  if (e <= st->n) return ch[e].cls;
  size_t b = ch[st->n + 1].b, k = 0;
  while (b < st->len && k < 4 && (st->s[b] == ' ' || st->s[b] == '\t')) {
    b++;
    k++;
  }
  if (b >= st->len || k == 0) return C_SPACE;
  int32_t c;
  bl_utf8_decode(st->s, st->len, b, &c);
  *cpo = c;
  unsigned cas;
  return c < 0x80 ? S_ascii[c] : S_uclass(c, &cas);
}

/* Quote flags (cmark scan_delims): left-flanking -> can open,
 * right-flanking -> can close; a directional glyph breaks ties. */
static uint32_t S_quote_flags(const S_state *st, size_t j0, size_t j1) {
  unsigned pv = S_prev_cls(st, j0), nx = S_next_cls(st, j1);
  int pws = pv == C_SPACE, nws = nx == C_SPACE;
  int ppu = S_PUNCTISH(pv), npu = S_PUNCTISH(nx);
  int left = !nws && (!npu || pws || ppu);
  int right = !pws && (!ppu || nws || npu);
  if (left && !right) return BL_TF_QUOTE_OPEN;
  if (right && !left) return BL_TF_QUOTE_CLOSE;
  switch (st->ch[j0].cp) {
  case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0xAB:
  case 0x2039: case 0x300C: case 0x300E: case 0x301D:
    return BL_TF_QUOTE_OPEN;
  case 0x201D: case 0x2019: case 0xBB: case 0x203A: case 0x300D:
  case 0x300F: case 0x301E: case 0x301F:
    return BL_TF_QUOTE_CLOSE;
  default:
    return BL_TF_QUOTE_OPEN | BL_TF_QUOTE_CLOSE;
  }
}

/* Tokenizes ch[1..n]. */
static int S_chunk(S_state *st) {
  const S_ch *ch = st->ch;
  size_t n = st->n, j = 1;
  int rc;
  while (j <= n) {
    size_t j0 = j, p = j, e;
    unsigned kind = BL_TOK_PUNCT;
    uint32_t fl = 0;
    /* leading marks/joiners attach to what follows */
    while (p <= n && (ch[p].cls == C_MARK || ch[p].cls == C_ZWJ)) p++;
    if (p > n) {
      if ((rc = S_emit(st, j0, n + 1, BL_TOK_SYMBOL, 0)) < 0) return rc;
      break;
    }
    unsigned c = ch[p].cls;
    int32_t cp = ch[p].cp;
    switch (c) {
    case C_LETTER: {
      unsigned pc = S_prev_cls(st, p);
      if (S_is_nt(ch, p) && p > 1 && S_ALNUM(pc)) {
        e = p + 3;
        kind = BL_TOK_CLITIC;
        break;
      }
      int lc0 = S_lc(cp);
      if ((lc0 == 'h' || lc0 == 'f' || lc0 == 'w') &&
          (S_prefix(st, p, "http://") || S_prefix(st, p, "https://") ||
           S_prefix(st, p, "ftp://") ||
           (S_prefix(st, p, "www.") && p + 4 <= n && S_ALNUM(ch[p + 4].cls)))) {
        e = S_url_end(st, p);
        kind = BL_TOK_URL;
        break;
      }
      if (st->next_at && (e = S_email_end(st, p)) != 0) {
        kind = BL_TOK_EMAIL;
        break;
      }
      unsigned dk = 0;
      size_t dend = p, nseg = 1;
      while (S_ALNUM(ch[dend].cls) || ch[dend].cls == C_MARK) dend++;
      if (ch[dend].cls == C_PERIOD && S_ALNUM(ch[dend + 1].cls))
        nseg = S_dotted(st, p, &dend, &dk);
      if (nseg >= 2 && dk == BL_TOK_ABBREV) {
        e = dend + (ch[dend].cls == C_PERIOD ? 1 : 0);
        kind = BL_TOK_ABBREV;
        break;
      }
      if (nseg >= 2 && dk == BL_TOK_URL) {
        e = dend;
        if (ch[e].cp == '/') e = S_url_end(st, p);
        kind = BL_TOK_URL;
        break;
      }
      /* the dotted scan already passed the first alphanumeric run */
      e = S_word_end(st, p, nseg == 1 ? dend : p);
      kind = BL_TOK_WORD;
      if (ch[e].cls == C_PERIOD && ch[e + 1].cls != C_PERIOD) {
        size_t len = e - p;
        if (len == 1 && ch[p].cas == CASE_UPPER) {
          e++;
          kind = BL_TOK_ABBREV;
        } else if (len <= 15) {
          char key[16];
          size_t k = 0;
          for (; k < len && ch[p + k].cp < 0x80 && ch[p + k].cls == C_LETTER; k++)
            key[k] = (char)S_lc(ch[p + k].cp);
          unsigned bits = k == len ? bl__tokdata_lookup(key, len) : 0;
          if ((bits & BL_ABBR_CAP) && ch[p].cas != CASE_UPPER) bits = 0;
          if (bits & (BL_ABBR_INNER | BL_ABBR_END | BL_ABBR_MONTH)) {
            e++;
            kind = BL_TOK_ABBREV;
          } else if (bits & BL_ABBR_NUM) {
            int32_t nc;
            if (S_peek_after_space(st, e + 1, &nc) == C_DIGIT) {
              e++;
              kind = BL_TOK_ABBREV;
            }
          }
        }
      }
      break;
    }
    case C_DIGIT:
      if (st->next_at && (e = S_email_end(st, p)) != 0) {
        kind = BL_TOK_EMAIL;
        break;
      }
      e = S_number_end(st, p);
      kind = BL_TOK_NUMBER;
      break;
    case C_APOS: {
      size_t cl = S_ALNUM(S_prev_cls(st, p)) ? S_clitic_len(ch, p) : 0;
      if (cl) {
        e = p + cl;
        kind = BL_TOK_CLITIC;
        break;
      }
      e = S_extend(st, p + 1);
      if (cp == 0x02BC || cp == 0xB4) {
        kind = BL_TOK_PUNCT;
        break;
      }
      /* possessive s' before a word: "the countries' leaders" */
      if (p > 1 && (ch[p - 1].cp == 's' || ch[p - 1].cp == 'S') &&
          !S_ALNUM(ch[e].cls)) {
        int32_t nc;
        unsigned nx = S_peek_after_space(st, e, &nc);
        if (e > n && S_ALNUM(nx)) {
          kind = BL_TOK_CLITIC;
          break;
        }
      }
      kind = BL_TOK_QUOTE;
      fl = S_quote_flags(st, j0, e);
      break;
    }
    case C_QUOTE:
      e = S_extend(st, p + 1);
      kind = BL_TOK_QUOTE;
      fl = S_quote_flags(st, j0, e);
      break;
    case C_HYPHEN: {
      e = p + 1;
      while (ch[e].cls == C_HYPHEN) e++;
      if (e - p >= 2) kind = BL_TOK_DASH;
      else if (S_prev_cls(st, j0) == C_SPACE && S_next_cls(st, e) == C_SPACE)
        kind = BL_TOK_DASH;
      else
        kind = BL_TOK_PUNCT;
      break;
    }
    case C_DASH:
      e = p + 1;
      while (ch[e].cp == cp) e++;
      kind = BL_TOK_DASH;
      break;
    case C_PERIOD:
      if (ch[p + 1].cls == C_DIGIT && !S_ALNUM(S_prev_cls(st, j0))) {
        e = S_number_end(st, p + 1);
        kind = BL_TOK_NUMBER;
        break;
      }
      e = p + 1;
      while (ch[e].cls == C_PERIOD) e++;
      break;
    case C_ELLIPSIS:
    case C_TERM:
      e = p + 1;
      while (ch[e].cls == C_TERM || ch[e].cls == C_ELLIPSIS ||
             (c == C_ELLIPSIS && ch[e].cls == C_PERIOD))
        e++;
      break;
    case C_AT:
      if (!S_ALNUM(S_prev_cls(st, j0)) &&
          (S_ALNUM(ch[p + 1].cls) || ch[p + 1].cp == '_')) {
        e = p + 1;
        while (e - p < 64 &&
               (S_ALNUM(ch[e].cls) || ch[e].cls == C_MARK || ch[e].cp == '_'))
          e++;
        kind = BL_TOK_HANDLE;
        break;
      }
      e = p + 1;
      break;
    case C_HASH: {
      e = p + 1;
      if (!S_ALNUM(S_prev_cls(st, j0))) {
        size_t k = p + 1;
        int letter = 0;
        while (k - p < 140 &&
               (S_ALNUM(ch[k].cls) || ch[k].cls == C_MARK || ch[k].cp == '_')) {
          letter |= ch[k].cls == C_LETTER;
          k++;
        }
        if (letter) {
          e = k;
          kind = BL_TOK_HASHTAG;
          break;
        }
      }
      kind = BL_TOK_SYMBOL;
      break;
    }
    case C_RI:
      e = p + 1;
      if (ch[e].cls == C_RI) e++;
      e = S_extend(st, e);
      kind = BL_TOK_SYMBOL;
      break;
    case C_CURRENCY:
    case C_SYMBOL:
    case C_OTHER:
      e = S_extend(st, p + 1);
      kind = BL_TOK_SYMBOL;
      break;
    default: /* OPEN CLOSE PUNCT AMP */
      e = S_extend(st, p + 1);
      kind = BL_TOK_PUNCT;
      break;
    }
    if (e <= j0) e = j0 + 1; /* defensive: always progress */
    if (e > n + 1) e = n + 1;
    e = S_extend(st, e); /* never passes the sentinels at n+1 */
    if ((rc = S_emit(st, j0, e, kind, fl)) < 0) return rc;
    j = e;
  }
  return BL_OK;
}

/* ------------------------------------------------------------------ */
/* Fast path for plain chunks                                          */
/* ------------------------------------------------------------------ */
/* Tokenizes the chunk at byte i (code point *cpos; white space or the start
 * of the text before it, not a cut piece) without decoding it into S_ch,
 * when it is an ASCII run of letters/digits (a word, or a number when it
 * is all digits), optionally followed by one of , ; : ) ! ? . and then
 * white space or the end of the text; then goes on with the next chunk
 * while a single space separates them.  The tokens, flags and normalised
 * forms are exactly those of the general scanner (S_chunk, S_put) for such
 * chunks: no URL, e-mail, clitic, dotted-form or number-suffix rule can
 * apply; a word before a period takes it when it is a single capital or a
 * listed abbreviation.  Returns the byte where the caller goes on (i when
 * nothing was done: the chunk needs the general scanner; else the end of
 * the last chunk done, or the start of a chunk after a single space that
 * needs the general scanner) and advances *cpos to it; *rc < 0 on
 * failure. */
static size_t S_fast(S_state *st, size_t i, int32_t *cposp, int *rc) {
  bl_doc *doc = st->doc;
  const unsigned char *s = st->s;
  size_t len = st->len;
  unsigned t0 = bl__fcls[s[i]];
  if (!(t0 & 3u) || i == st->nofast) return i;
  size_t tn = doc->tokens.len, nlen = doc->norm.len;
  /* An ASCII norm as long as the rest of the text fits; each chunk adds at
   * most its own length, so this holds for all the chunks done here. */
  if (BL_UNLIKELY(nlen + (len - i) + 16 > doc->norm.cap) &&
      (*rc = bl_vec_reserve(&doc->norm, nlen + (len - i) + BL_NORM_MAX_CP)) < 0)
    return i;
  unsigned char *const nb0 = (unsigned char *)doc->norm.data;
  int32_t cpos = *cposp;
  uint32_t gap = st->gap_flags;
  for (;;) {
    /* room for two tokens */
    if (BL_UNLIKELY(tn + 2 > doc->tokens.cap)) {
      size_t want = tn + tn / 2 + 64;
      if ((*rc = bl_vec_reserve(&doc->tokens, want)) < 0 ||
          (*rc = bl_vec_reserve(&doc->tokx, want)) < 0)
        break;
    }
    unsigned char *nb = nb0 + nlen;
    bl_ascii_chunk c;
    if (!bl__ascii_chunk(s, i, len, nb, &c)) break;
    size_t r = c.r, end = c.end, w = c.w;
    unsigned kind = c.kind, tail = c.tail, seen = c.seen, n_up = c.n_up;
    uint32_t sp = end < len ? BL_TF_SPACE_AFTER : 0;
    uint32_t fl = gap | (tail ? 0 : sp);
    gap = 0;
    if (t0 & 1u) {
      if ((t0 & 32u) && n_up == 1) fl |= BL_TF_TITLE;
      if (n_up >= 2 && !(seen & 64u)) fl |= BL_TF_UPPER;
      if ((seen & 64u) && !n_up) fl |= BL_TF_LOWER;
    }
    if (seen & 2u) fl |= BL_TF_HAS_DIGIT;
    bl_token *tk = (bl_token *)doc->tokens.data + tn;
    bl_tokx *tx = (bl_tokx *)doc->tokx.data + tn;
    uint64_t hn = bl__hash_inline(nb, w);
    uint64_t he = n_up ? bl__hash_inline(s + i, r - i) : hn;
    int32_t cpr = cpos + (int32_t)(r - i);
    S_put_row(tk, tx, cpos, cpr, kind, fl, i, r, nlen, w, hn, he);
    tn++;
    if (tail) {
      nb[w] = (unsigned char)tail;
      hn = bl__hash_inline(nb + w, 1);
      S_put_row(tk + 1, tx + 1, cpr, cpr + 1, BL_TOK_PUNCT,
                BL_TF_NO_SPACE_BEFORE | sp, r, end, nlen + w, 1, hn, hn);
      w++;
      tn++;
    }
    nlen += w;
    cpos += (int32_t)(end - i);
    i = end;
    /* one space, then maybe another plain chunk */
    if (s[i] != ' ' || !((t0 = bl__fcls[s[i + 1]]) & 3u)) goto done;
    i++;
    cpos++;
  }
  st->nofast = i; /* the general scanner takes this chunk */
done:
  doc->tokens.len = tn;
  doc->tokx.len = tn;
  doc->norm.len = nlen;
  st->gap_flags = gap;
  *cposp = cpos;
  return i;
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */
BL_INLINE unsigned S_class_of(int32_t c, unsigned *cas) {
  if (BL_LIKELY(c < 0x80)) {
    *cas = S_ascii_cas[c];
    return S_ascii[c];
  }
  return S_uclass(c, cas);
}

/* Large tables (a long document) are written once, front to back: on Linux
 * ask for transparent huge pages, which cuts the page faults of the fresh
 * memory by 512x (they cost as much as the tokenizing otherwise).  Advice
 * only: failure is ignored. */
static void S_hugepages(const bl_vec *v) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  size_t bytes = v->cap * v->item;
  if (bytes < ((size_t)8 << 20)) return;
  uintptr_t a = (uintptr_t)v->data, e = a + bytes, pg = (uintptr_t)1 << 21;
  a = (a + pg - 1) & ~(pg - 1);
  e &= ~(pg - 1);
  if (e > a) (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
  (void)v;
#endif
}

/* The driver: white space and chunks of s[i..to), appending tokens to
 * st->doc.  `to` is the end of the text or a white-space byte; `ctx`
 * carries what the white space before i said (line breaks, whether a token
 * came yet) and the code point offset of i, and is updated for `to`. */
static int S_drive(S_state *st, size_t i, size_t to, int fast,
                   bl_tokrange *ctx) {
  int rc = BL_OK;
  const unsigned char *s = st->s;
  size_t len = st->len;
  int32_t cpos = ctx->cpos;
  unsigned lines = ctx->lines, last_cr = ctx->last_cr;
  int first = ctx->first, cut = 0;
  unsigned prev_cls = C_SPACE;
  while (i < to) {
    int32_t c;
    size_t k = bl_utf8_decode(s, len, i, &c);
    if (BL_UNLIKELY(c >= 0x80 && (s[i] & 0xC0u) == 0x80u)) {
      i += k; /* stray continuation bytes (lying trusted input): no code point */
      continue;
    }
    unsigned cas, cls = S_class_of(c, &cas);
    if (cls == C_SPACE) {
      if (S_is_linebreak(c)) {
        if (!(c == '\n' && last_cr)) lines += (c == 0x2029) ? 2 : 1;
        last_cr = c == '\r';
      } else {
        last_cr = 0;
      }
      i += k;
      cpos++;
      prev_cls = C_SPACE;
      cut = 0;
      continue;
    }
    /* a chunk */
    st->cp0 = cpos;
    st->prev_real = prev_cls;
    st->cont_before = cut;
    st->gap_flags = 0;
    if (first) st->gap_flags |= BL_TF_PARA_START;
    else if (!cut && lines >= 2) st->gap_flags |= BL_TF_PARA_START | BL_TF_NEWLINE_BEFORE;
    else if (!cut && lines >= 1) st->gap_flags |= BL_TF_NEWLINE_BEFORE;
    if (first && lines >= 1) st->gap_flags |= BL_TF_NEWLINE_BEFORE;
    first = 0;
    lines = 0;
    last_cr = 0;
    if (BL_LIKELY(!cut && fast)) {
      size_t end = S_fast(st, i, &cpos, &rc);
      if (rc < 0) return rc;
      if (end != i) {
        /* white space, the end of the text, or a chunk after a space */
        i = end;
        prev_cls = C_SPACE;
        continue;
      }
    }
    S_ch *ch = st->ch;
    size_t n = 0, at = 0;
    for (;;) {
      n++;
      ch[n].cp = c;
      ch[n].b = (uint32_t)i;
      ch[n].cls = (uint8_t)cls;
      ch[n].cas = (uint8_t)cas;
      if (c == '@' && !at) at = n;
      i += k;
      cpos++;
      if (i >= len) break;
      k = bl_utf8_decode(s, len, i, &c);
      while (BL_UNLIKELY(c >= 0x80 && (s[i] & 0xC0u) == 0x80u)) {
        i += k; /* stray continuation bytes: part of the chunk, no code point */
        if (i >= len) break;
        k = bl_utf8_decode(s, len, i, &c);
      }
      if (i >= len) break;
      cls = S_class_of(c, &cas);
      if (cls == C_SPACE || n == S_CHUNK_MAX) break;
    }
    st->n = n;
    st->next_at = at;
    st->cont_after = i < len && cls != C_SPACE;
    st->next_real = i < len ? cls : C_SPACE;
    ch[0].cp = ' ';
    ch[0].cls = C_SPACE;
    ch[0].cas = 0;
    ch[0].b = n ? ch[1].b : 0;
    for (size_t q = 1; q <= S_PAD; q++) {
      ch[n + q].cp = ' ';
      ch[n + q].cls = C_SPACE;
      ch[n + q].cas = 0;
      ch[n + q].b = (uint32_t)i;
    }
    if ((rc = S_chunk(st)) < 0) return rc;
    prev_cls = ch[n].cls;
    cut = st->cont_after;
  }
  ctx->cpos = cpos;
  ctx->lines = lines;
  ctx->last_cr = last_cr;
  ctx->first = first;
  return BL_OK;
}

static void S_state_init(S_state *st, bl_doc *doc) {
  memset(st, 0, sizeof *st);
  st->nofast = SIZE_MAX;
  st->doc = doc;
  st->s = (const unsigned char *)doc->text;
  st->len = doc->len;
}

static int S_tokenize(bl_doc *doc, int fast) {
  int rc = BL_OK;
  S_state st;
  S_state_init(&st, doc);
  if ((rc = bl__cp_index_build(doc)) < 0) return rc;
  if (doc->len == 0) return BL_OK;
  if (doc->len >= (size_t)INT32_MAX) return BL_ETOOBIG;
  st.ch = bl_malloc((S_CHUNK_MAX + 1 + S_PAD) * sizeof(S_ch));
  if (!st.ch) return BL_ENOMEM;
  size_t est = doc->len / 5 + 16;
  if (bl_vec_reserve(&doc->tokens, est) < 0 ||
      bl_vec_reserve(&doc->tokx, est) < 0 ||
      bl_vec_reserve(&doc->norm, doc->len + BL_NORM_MAX_CP) < 0) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  S_hugepages(&doc->tokens);
  S_hugepages(&doc->tokx);
  S_hugepages(&doc->norm);
  bl_tokrange ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.first = 1;
  rc = S_drive(&st, 0, doc->len, fast, &ctx);

cleanup:
  bl_free(st.ch);
  return rc;
}

int bl__tokenize_range(bl_doc *doc, size_t from, size_t to, bl_tokrange *ctx) {
  if (to > doc->len || from > to || doc->len >= (size_t)INT32_MAX)
    return BL_EINVAL;
  if (!ctx->ch) {
    ctx->ch = bl_malloc((S_CHUNK_MAX + 1 + S_PAD) * sizeof(S_ch));
    if (!ctx->ch) return BL_ENOMEM;
  }
  S_state st;
  S_state_init(&st, doc);
  st.ch = ctx->ch;
  /* the fast path chains chunks across single spaces, past `to`: off */
  return S_drive(&st, from, to, 0, ctx);
}

void bl__tokrange_free(bl_tokrange *ctx) {
  if (!ctx) return;
  bl_free(ctx->ch);
  ctx->ch = NULL;
}

int bl__tokenize(bl_doc *doc) { return S_tokenize(doc, 1); }

int bl__tokenize_general(bl_doc *doc) { return S_tokenize(doc, 0); }
