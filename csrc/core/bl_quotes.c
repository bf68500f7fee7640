/* bl_quotes.c -- (STUB) quotes and speakers; owned by the quote stage. */
#include "bl_internal.h"

int bl__quotes(bl_doc *doc) {
  (void)doc;
  return BL_OK;
}
const char *bl__cue_name(int v) { return v == 0 ? "" : NULL; }
