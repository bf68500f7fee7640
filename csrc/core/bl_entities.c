/* bl_entities.c -- (STUB) mentions and entity resolution; owned by the entity stage. */
#include "bl_internal.h"

int bl__entities(bl_doc *doc) {
  (void)doc;
  return BL_OK;
}
