/* bl_tokenize.c -- (STUB) whitespace tokenizer; owned by the tokenizer stage. */
#include "bl_internal.h"

int bl__tokenize(bl_doc *doc) {
  size_t i = 0, cp = 0;
  const unsigned char *s = (const unsigned char *)doc->text;
  while (i < doc->len) {
    while (i < doc->len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) {
      i++;
      cp++;
    }
    if (i >= doc->len) break;
    size_t b0 = i, c0 = cp;
    while (i < doc->len && !(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) {
      cp += (s[i] & 0xC0) != 0x80;
      i++;
    }
    bl_token *t = bl_vec_push(&doc->tokens);
    bl_tokx *x = bl_vec_push(&doc->tokx);
    if (!t || !x) return BL_ENOMEM;
    t->start = (int32_t)c0;
    t->end = (int32_t)cp;
    t->kind = BL_TOK_WORD;
    t->sent = 0;
    t->mention = -1;
    x->bstart = (int32_t)b0;
    x->bend = (int32_t)i;
    x->exact_hash = x->norm_hash = bl_hash_bytes(s + b0, i - b0);
  }
  return BL_OK;
}
