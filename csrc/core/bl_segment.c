/* bl_segment.c -- (STUB) one sentence, one paragraph; owned by the tokenizer stage. */
#include "bl_internal.h"

int bl__segment(bl_doc *doc) {
  if (doc->tokens.len == 0) return BL_OK;
  bl_sentence *s = bl_vec_push(&doc->sentences);
  bl_paragraph *p = bl_vec_push(&doc->paragraphs);
  if (!s || !p) return BL_ENOMEM;
  const bl_token *t = doc->tokens.data;
  s->start = t[0].start;
  s->end = t[doc->tokens.len - 1].end;
  s->tok_start = 0;
  s->tok_end = (int32_t)doc->tokens.len;
  s->para = 0;
  p->start = s->start;
  p->end = s->end;
  p->sent_start = 0;
  p->sent_end = 1;
  return BL_OK;
}
