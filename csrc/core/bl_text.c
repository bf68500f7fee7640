/* bl_text.c -- hashing, UTF-8 helpers, normalisation of code points and
 * byte -> code point offsets. */
#include "bl_internal.h"

#include <utf8proc.h>

/* ------------------------------------------------------------------ */
/* Hashing                                                             */
/* ------------------------------------------------------------------ */
/* A 64-bit multiply-fold hash in the style of wyhash (16 bytes per round,
 * one 64x64->128 multiply each), written for byline.  Reads are
 * little-endian on every platform so the values may be stored in files. */
#define S_K0 0x9E3779B97F4A7C15ULL
#define S_K1 0xC2B2AE3D27D4EB4FULL
#define S_K2 0x165667B19E3779F9ULL
#define S_K3 0xD6E8FEB86659FD93ULL

BL_INLINE uint64_t S_mum(uint64_t a, uint64_t b) {
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

BL_INLINE uint64_t S_r64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

BL_INLINE uint64_t S_r32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap32(v);
#endif
  return v;
}

uint64_t bl_hash_bytes(const void *data, size_t n) {
  const unsigned char *p = data;
  uint64_t h = S_K0 ^ ((uint64_t)n * S_K1);
  uint64_t a, b;
  if (BL_LIKELY(n <= 16)) {
    if (n >= 8) {
      a = S_r64(p);
      b = S_r64(p + n - 8);
    } else if (n >= 4) {
      a = S_r32(p);
      b = S_r32(p + n - 4);
    } else if (n > 0) {
      a = ((uint64_t)p[0] << 16) | ((uint64_t)p[n >> 1] << 8) | p[n - 1];
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    size_t i = n;
    while (i > 16) {
      h = S_mum(S_r64(p) ^ S_K1, S_r64(p + 8) ^ h);
      p += 16;
      i -= 16;
    }
    a = S_r64(p + i - 16);
    b = S_r64(p + i - 8);
  }
  return bl_fmix64(S_mum(a ^ S_K2, b ^ h ^ S_K3) ^ n);
}

/* ------------------------------------------------------------------ */
/* UTF-8 and normalisation                                             */
/* ------------------------------------------------------------------ */
size_t bl__utf8_encode(int32_t cp, unsigned char *o) {
  uint32_t c = (uint32_t)cp;
  if (c < 0x80) {
    o[0] = (unsigned char)c;
    return 1;
  }
  if (c < 0x800) {
    o[0] = (unsigned char)(0xC0 | (c >> 6));
    o[1] = (unsigned char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
  if (c < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (c >> 12));
    o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (c & 0x3F));
    return 3;
  }
  if (c > 0x10FFFF) return bl__utf8_encode(0xFFFD, o);
  o[0] = (unsigned char)(0xF0 | (c >> 18));
  o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (c & 0x3F));
  return 4;
}

/* Quote marks and dashes map to ASCII before utf8proc sees them (LUMP does
 * part of this, but not for guillemets or CJK brackets). */
static int S_norm_special(int32_t c) {
  switch (c) {
  case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039:
  case 0x203A: case 0x02BC: case 0x00B4: case 0xFF07: case 0x2032:
    return '\'';
  case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB:
  case 0x00BB: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
  case 0x301D: case 0x301E: case 0x301F: case 0xFF02: case 0x2033:
  case 0x2E42:
    return '"';
  case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
  case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
  case 0x2E3A: case 0x2E3B:
    return '-';
  default:
    return 0;
  }
}

size_t bl__norm_cp(int32_t c, unsigned char *out) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') c += 32;
    else if (c == '`') c = '\'';
    out[0] = (unsigned char)c;
    return 1;
  }
  int sp = S_norm_special(c);
  if (sp) {
    out[0] = (unsigned char)sp;
    return 1;
  }
  if (c == 0xFFFD || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF ||
      (c >= 0xAC00 && c <= 0xD7A3))
    return bl__utf8_encode(c, out);
  utf8proc_int32_t buf[24];
  int bc = 0;
  utf8proc_ssize_t n = utf8proc_decompose_char(
      c, buf, 24,
      (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                          UTF8PROC_IGNORE | UTF8PROC_LUMP),
      &bc);
  if (n < 0 || n > 24) return bl__utf8_encode(c, out);
  size_t w = 0;
  for (utf8proc_ssize_t k = 0; k < n; k++) {
    int32_t d = buf[k];
    if (d < 0x80 && d >= 'A' && d <= 'Z') d += 32;
    w += bl__utf8_encode(d, out + w);
  }
  return w;
}

/* ------------------------------------------------------------------ */
/* Byte -> code point offsets                                          */
/* ------------------------------------------------------------------ */
/* Non-continuation bytes in s[0..n): 8 bytes at a time (a continuation
 * byte has bit 7 set and bit 6 clear). */
static uint32_t S_count_leads(const unsigned char *s, size_t n) {
  size_t i = 0, cont = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    uint64_t m = x & ~(x << 1) & 0x8080808080808080ULL;
    cont += (size_t)(((m >> 7) * 0x0101010101010101ULL) >> 56);
  }
  for (; i < n; i++) cont += (s[i] & 0xC0u) == 0x80u;
  return (uint32_t)(n - cont);
}

size_t bl__count_cps(const char *s, size_t n) {
  size_t total = 0;
  while (n) {
    size_t k = n > ((size_t)1 << 30) ? ((size_t)1 << 30) : n;
    total += S_count_leads((const unsigned char *)s, k);
    s += k;
    n -= k;
  }
  return total;
}

int bl__cp_index_build(bl_doc *doc) {
  size_t nb = doc->len / BL_CP_BLOCK + 1;
  uint32_t *idx = bl_arena_alloc(&doc->arena, nb * sizeof(uint32_t));
  if (!idx) return BL_ENOMEM;
  const unsigned char *s = (const unsigned char *)doc->text;
  uint32_t acc = 0;
  for (size_t k = 0; k < nb; k++) {
    idx[k] = acc;
    size_t b0 = k * BL_CP_BLOCK;
    size_t n = doc->len - b0 < BL_CP_BLOCK ? doc->len - b0 : BL_CP_BLOCK;
    if (b0 < doc->len) acc += S_count_leads(s + b0, n);
  }
  doc->cp_index = idx;
  return BL_OK;
}

int32_t bl_doc_cp(const bl_doc *doc, size_t b) {
  const unsigned char *s = (const unsigned char *)doc->text;
  if (b > doc->len) b = doc->len;
  if (!doc->cp_index) return (int32_t)S_count_leads(s, b);
  size_t k = b / BL_CP_BLOCK;
  return (int32_t)(doc->cp_index[k] +
                   S_count_leads(s + k * BL_CP_BLOCK, b - k * BL_CP_BLOCK));
}
