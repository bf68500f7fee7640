/* fuzz_common.h -- resources shared by the fuzz targets: the built-in KB and
 * tagger model, loaded once per process when their files exist (paths from
 * BYLINE_FUZZ_KB / BYLINE_FUZZ_MODEL, defaulting to the generated files in
 * python/byline/data/).  The targets then run with and without them. */
#ifndef BL_FUZZ_COMMON_H
#define BL_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "byline.h"

static const bl_kb *S_fuzz_kb = NULL;
static const bl_model *S_fuzz_model = NULL;

/* Reads a whole file into a malloc'd buffer; NULL if it cannot. */
static inline unsigned char *bl_fuzz_read_file(const char *path, size_t *len) {
  FILE *f = path ? fopen(path, "rb") : NULL;
  if (!f) return NULL;
  unsigned char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n == cap) {
      cap = cap ? cap * 2 : 1 << 16;
      unsigned char *nb = realloc(buf, cap);
      if (!nb) break;
      buf = nb;
    }
    size_t k = fread(buf + n, 1, cap - n, f);
    if (k == 0) break;
    n += k;
  }
  fclose(f);
  *len = n;
  return buf;
}

static void bl_fuzz_load_resources(void) {
  const char *kb_path = getenv("BYLINE_FUZZ_KB");
  bl_kb *kb = NULL;
  if (kb_path && *kb_path && bl_kb_load(kb_path, &kb) == BL_OK) S_fuzz_kb = kb;
  fprintf(stderr, "fuzz: KB %s\n", S_fuzz_kb ? kb_path : "(none)");
  const char *m_path = getenv("BYLINE_FUZZ_MODEL");
  bl_model *m = NULL;
  if (m_path && *m_path && bl_model_load(m_path, &m) == BL_OK) S_fuzz_model = m;
  fprintf(stderr, "fuzz: model %s\n", S_fuzz_model ? m_path : "(none)");
}

static void bl_fuzz_config(bl_config *cfg) {
  if (S_fuzz_kb) cfg->kbs[cfg->n_kbs++] = S_fuzz_kb;
  cfg->model = S_fuzz_model;
}

#endif
