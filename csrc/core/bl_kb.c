/* bl_kb.c -- (STUB) compiled knowledge base and matcher; owned by the matcher stage. */
#include "bl_internal.h"
