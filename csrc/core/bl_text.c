/* bl_text.c -- hashing, UTF-8 helpers, normalisation of code points and
 * byte -> code point offsets. */
#include "bl_internal.h"

#include <utf8proc.h>

/* ------------------------------------------------------------------ */
/* Hashing                                                             */
/* ------------------------------------------------------------------ */
/* The hash itself is bl__hash_inline (bl_internal.h), inlined by the
 * tokenizer's hot path. */
uint64_t bl_hash_bytes(const void *data, size_t n) {
  return bl__hash_inline(data, n);
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
  /* No continuation bytes (ASCII text): code point offsets are byte
   * offsets, bl_doc_cp needs no index. */
  if (doc->n_chars == doc->len) return BL_OK;
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
  if (doc->n_chars == doc->len) return (int32_t)b;
  if (!doc->cp_index) return (int32_t)S_count_leads(s, b);
  size_t k = b / BL_CP_BLOCK;
  return (int32_t)(doc->cp_index[k] +
                   S_count_leads(s + k * BL_CP_BLOCK, b - k * BL_CP_BLOCK));
}
