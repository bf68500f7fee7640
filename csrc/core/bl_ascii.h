/*
 * bl_ascii.h -- the tokenizer's plain-chunk scanner, shared by the
 * tokenizer's fast path (bl_tokenize.c S_fast) and the KB's match-only
 * scanner (bl_kb_scan.c), so that both cut and normalise plain ASCII words
 * with one piece of code.
 *
 * A plain chunk is an ASCII run of letters/digits (a word, or a number when
 * it is all digits), optionally followed by one of , ; : ) ! ? . and then
 * white space or the end of the text.  For such chunks the general scanner
 * (S_chunk) gives: the run as one token (with the period when it is an
 * abbreviation: a single capital or a listed one), then the mark as a
 * one-character PUNCT token.  No URL, e-mail, clitic, dotted-form or
 * number-suffix rule can apply (digits followed by letters are not plain).
 */
#ifndef BL_ASCII_H
#define BL_ASCII_H

#include "bl_internal.h"

/* Longest chunk the tokenizer decodes at once (code points). */
#define BL_TOK_CHUNK_MAX 4096

/* Loads up to 8 bytes of p[0..n) (n >= 1) as a little-endian word, zero
 * above n; reads 8 bytes at once when `room` (readable bytes from p) allows. */
BL_INLINE uint64_t bl__ld8(const unsigned char *p, size_t n, size_t room) {
  uint64_t x = 0;
  if (BL_LIKELY(room >= 8)) {
    memcpy(&x, p, 8);
  } else {
    memcpy(&x, p, n < 8 ? n : 8);
  }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  return x;
}

BL_INLINE void bl__st8(unsigned char *p, uint64_t x) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  memcpy(p, &x, 8);
}

/* Index of the lowest set bit (x != 0). */
BL_INLINE unsigned bl__ctz64(uint64_t x) {
#if defined(__GNUC__)
  return (unsigned)__builtin_ctzll(x);
#else
  unsigned n = 0;
  while (!(x & 1u)) {
    x >>= 1;
    n++;
  }
  return n;
#endif
}

#define BL__H8 0x8080808080808080ULL
#define BL__L8 0x0101010101010101ULL
/* High bit of each byte lane that is >= lo (lanes must be < 0x80). */
#define BL__GE(x, lo) ((x) + (0x80u - (lo)) * BL__L8)

/* Byte classes of the plain-chunk scanner: 1 letter, 2 digit, 4 white
 * space (the ASCII C_SPACE bytes), 8 a mark that is its own one-character
 * PUNCT token after a word or number (, ; : ) ! ?), 16 period; 0 anything
 * else, including NUL and every byte >= 0x80.  Letters add 32 (upper case)
 * or 64 (lower case). */
#define U_ (1 | 32)
#define L_ (1 | 64)
static const unsigned char bl__fcls[256] = {
    ['\t'] = 4, ['\n'] = 4, [0x0B] = 4, [0x0C] = 4, ['\r'] = 4,
    [0x1C] = 4, [0x1D] = 4, [0x1E] = 4, [0x1F] = 4, [' '] = 4,
    [','] = 8, [';'] = 8, [':'] = 8, [')'] = 8, ['!'] = 8, ['?'] = 8,
    ['.'] = 16,
    ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2,
    ['5'] = 2, ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
    ['A'] = U_, ['B'] = U_, ['C'] = U_, ['D'] = U_, ['E'] = U_, ['F'] = U_,
    ['G'] = U_, ['H'] = U_, ['I'] = U_, ['J'] = U_, ['K'] = U_, ['L'] = U_,
    ['M'] = U_, ['N'] = U_, ['O'] = U_, ['P'] = U_, ['Q'] = U_, ['R'] = U_,
    ['S'] = U_, ['T'] = U_, ['U'] = U_, ['V'] = U_, ['W'] = U_, ['X'] = U_,
    ['Y'] = U_, ['Z'] = U_,
    ['a'] = L_, ['b'] = L_, ['c'] = L_, ['d'] = L_, ['e'] = L_, ['f'] = L_,
    ['g'] = L_, ['h'] = L_, ['i'] = L_, ['j'] = L_, ['k'] = L_, ['l'] = L_,
    ['m'] = L_, ['n'] = L_, ['o'] = L_, ['p'] = L_, ['q'] = L_, ['r'] = L_,
    ['s'] = L_, ['t'] = L_, ['u'] = L_, ['v'] = L_, ['w'] = L_, ['x'] = L_,
    ['y'] = L_, ['z'] = L_,
};
#undef U_
#undef L_

/* One plain chunk, as bl__ascii_chunk found it. */
typedef struct {
  size_t r;      /* end of the first token (an abbreviation's period in) */
  size_t end;    /* end of the chunk (r, or r + 1 with a tail token) */
  size_t w;      /* length of the first token's normalised form in nb */
  unsigned kind; /* BL_TOK_WORD, BL_TOK_NUMBER or BL_TOK_ABBREV */
  unsigned tail; /* byte of the one-character PUNCT token at r, or 0 */
  unsigned seen; /* OR of the bl__fcls classes of the run */
  unsigned n_up; /* upper-case letters in the run */
} bl_ascii_chunk;

/* Scans the chunk at s[i] (s[i] a letter or digit; white space or the start
 * of the text before it, not a cut piece).  s[len] must be readable and NUL
 * (the scanner reads 8 bytes at a time up to there).  Writes the first
 * token's normalised form (A-Z lower-cased) to nb[0..c->w), with 8-byte
 * stores: nb needs room for the run plus 8 bytes.  Returns 1 and fills *c
 * when the chunk is plain, 0 when the general scanner must take it. */
BL_INLINE int bl__ascii_chunk(const unsigned char *s, size_t i, size_t len,
                              unsigned char *nb, bl_ascii_chunk *c) {
  unsigned t0 = bl__fcls[s[i]];
  /* the run, lower-cased into nb, 8 bytes at a time (no data-dependent
   * branch for words up to 7 letters); s[len] is NUL and stops it */
  size_t r = i;
  unsigned seen = t0, n_up = 0, t;
  for (;;) {
    if (BL_UNLIKELY(r + 8 > len + 1)) { /* the last bytes of the text */
      for (t = bl__fcls[s[r]]; t & 3u; t = bl__fcls[s[++r]]) {
        nb[r - i] = (unsigned char)(s[r] | (t & 32u));
        seen |= t;
        n_up += (t >> 5) & 1u;
      }
      break;
    }
    uint64_t x = bl__ld8(s + r, 8, 8), asc = ~x & BL__H8, x7 = x & ~BL__H8;
    uint64_t y7 = x7 | (0x20 * BL__L8);
    uint64_t let = BL__GE(y7, 'a') & ~BL__GE(y7, 'z' + 1) & asc;
    uint64_t dig = BL__GE(x7, '0') & ~BL__GE(x7, '9' + 1) & asc;
    uint64_t non = ~(let | dig) & BL__H8;
    uint64_t in = non ? ((non & (0 - non)) - 1) & BL__H8 : BL__H8; /* run lanes */
    uint64_t up = BL__GE(x7, 'A') & ~BL__GE(x7, 'Z' + 1) & asc & in;
    unsigned nu = (unsigned)(((up >> 7) * BL__L8) >> 56);
    n_up += nu;
    seen |= (nu ? 32u | 1u : 0) | ((let & ~up & in) ? 64u | 1u : 0) |
            ((dig & in) ? 2u : 0);
    bl__st8(nb + (r - i), x + (up >> 2));
    if (non) {
      r += bl__ctz64(non) >> 3;
      break;
    }
    r += 8;
  }
  t = bl__fcls[s[r]];
  size_t wl = r - i;
  if (BL_UNLIKELY(wl >= BL_TOK_CHUNK_MAX - 8)) return 0;
  if ((t0 & 2u) && (seen & 1u))
    return 0; /* digits then letters: suffix rules (1990s, 120m) */
  unsigned kind = (t0 & 1u) ? BL_TOK_WORD : BL_TOK_NUMBER;
  unsigned tail = 0; /* the byte of a one-character token after the run */
  size_t end = r, w = wl;
  if (r < len) {
    if (t == 4u) {
      /* white space: the run is the chunk */
    } else if ((t & 24u) && (r + 1 == len || bl__fcls[s[r + 1]] == 4u)) {
      tail = s[r];
      end = r + 1;
    } else {
      return 0;
    }
  }
  if (tail == '.' && kind == BL_TOK_WORD) {
    int abbr = 0;
    if (wl == 1 && (t0 & 32u)) {
      abbr = 1;
    } else if (wl <= 15 && !(seen & 2u)) {
      unsigned bits = bl__tokdata_lookup((const char *)nb, wl);
      if ((bits & BL_ABBR_CAP) && !(t0 & 32u)) bits = 0;
      if (bits & (BL_ABBR_INNER | BL_ABBR_END | BL_ABBR_MONTH)) abbr = 1;
      else if (bits & BL_ABBR_NUM) return 0; /* depends on what follows */
    }
    if (abbr) {
      kind = BL_TOK_ABBREV;
      tail = 0;
      nb[w++] = '.';
      r = end;
    }
  }
  c->r = r;
  c->end = end;
  c->w = w;
  c->kind = kind;
  c->tail = tail;
  c->seen = seen;
  c->n_up = n_up;
  return 1;
}

#endif /* BL_ASCII_H */
