/* bl_relations.c -- (STUB) relations; owned by the relation stage. */
#include "bl_internal.h"

int bl__relations(bl_doc *doc) {
  (void)doc;
  return BL_OK;
}
const char *bl__rel_kind_name(int v) { return v == 0 ? "" : NULL; }
const char *bl__modality_name(int v) { return v == 0 ? "" : NULL; }
