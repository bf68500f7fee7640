/* bl_tagger.c -- (STUB) POS and NER taggers; owned by the tagger stage. */
#include "bl_internal.h"

int bl__tag(bl_doc *doc, const bl_model *m) {
  (void)doc;
  (void)m;
  return BL_OK;
}
const char *bl__upos_name(int v) { return v == 0 ? "" : NULL; }
const char *bl__ner_name(int v) { return v == 0 ? "O" : NULL; }
