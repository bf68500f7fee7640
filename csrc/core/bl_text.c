/* bl_text.c -- hashing and offset helpers.  (STUB: owned by the tokenizer stage.) */
#include "bl_internal.h"

uint64_t bl_hash_bytes(const void *p, size_t n) {
  /* FNV-1a then a finaliser; replaced by a faster hash later. */
  const unsigned char *s = p;
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 0x100000001b3ULL;
  return bl_fmix64(h);
}

int32_t bl_doc_cp(const bl_doc *doc, size_t b) {
  size_t n = 0;
  for (size_t i = 0; i < b && i < doc->len; i++)
    n += ((unsigned char)doc->text[i] & 0xC0) != 0x80;
  return (int32_t)n;
}
