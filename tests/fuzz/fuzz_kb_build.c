/* fuzz_kb_build.c -- libFuzzer target for the KB builder.
 *
 * The input is a tiny TSV: one record per line,
 *   kb_id \t name \t label kind gender role (4 bytes) \t alias|alias|... \t
 *   country \t parent \t office
 * (missing fields are NULL).  Every record goes to bl_kb_builder_add (which
 * may refuse it with BL_EINVAL/BL_ETOOBIG), then:
 *   - bl_kb_builder_finish must give an image that bl_kb_from_buffer opens
 *     (whatever was added, the builder's output is always a valid KB);
 *   - every entry's kb_id is found again;
 *   - the input itself, analysed with the KB, passes the doc invariants.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline.h"
#include "doc_invariants.h"

#define MAX_INPUT (64 * 1024)
#define MAX_FIELDS 8
#define MAX_ALIASES 64

static void S_fail(const char *what, int rc) {
  fprintf(stderr, "fuzz_kb_build: %s (%d: %s)\n", what, rc, bl_strerror(rc));
  __builtin_trap();
}

static void S_add_line(bl_kb_builder *b, char *line) {
  char *f[MAX_FIELDS] = {0};
  int nf = 0;
  f[nf++] = line;
  for (char *p = line; *p && nf < MAX_FIELDS; p++)
    if (*p == '\t') {
      *p = 0;
      f[nf++] = p + 1;
    }
  const char *aliases[MAX_ALIASES];
  uint32_t aflags[MAX_ALIASES];
  size_t na = 0;
  if (nf > 3 && f[3]) {
    char *a = f[3];
    aliases[na] = a;
    aflags[na++] = 0;
    for (char *p = a; *p && na < MAX_ALIASES; p++)
      if (*p == '|') {
        *p = 0;
        aliases[na] = p + 1;
        aflags[na++] = (uint32_t)(unsigned char)p[1] & 0x7u;
      }
  }
  bl_kb_record r;
  memset(&r, 0, sizeof r);
  r.kb_id = f[0];
  r.name = nf > 1 ? f[1] : NULL;
  const unsigned char *enums = (const unsigned char *)(nf > 2 ? f[2] : "");
  size_t ne = strlen((const char *)enums);
  r.label = ne > 0 ? enums[0] % (BL_LABEL_COUNT + 1) : BL_LABEL_GPE;
  r.kind = ne > 1 ? enums[1] % 16 : 0;
  r.gender = ne > 2 ? enums[2] % (BL_GENDER_COUNT + 1) : 0;
  r.role = ne > 3 ? enums[3] % 16 : 0;
  r.flags = ne > 4 ? enums[4] & 3u : 0;
  r.name_flags = ne > 5 ? enums[5] & 7u : 0;
  r.prominence = (uint32_t)ne * 1000u;
  r.aliases = aliases;
  r.alias_flags = aflags;
  r.n_aliases = na;
  r.country = nf > 4 ? f[4] : NULL;
  r.parent = nf > 5 ? f[5] : NULL;
  r.office = nf > 6 ? f[6] : NULL;
  r.attrs = nf > 7 ? f[7] : NULL;
  int rc = bl_kb_builder_add(b, &r);
  if (rc < 0 && rc != BL_EINVAL && rc != BL_ETOOBIG && rc != BL_EUTF8)
    S_fail("builder_add", rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > MAX_INPUT) return 0;
  char *buf = malloc(size + 1);
  memcpy(buf, data, size);
  buf[size] = 0;
  bl_kb_builder *b = bl_kb_builder_new();
  if (!b) S_fail("builder_new", BL_ENOMEM);
  char *line = buf;
  for (size_t i = 0; i <= size; i++) {
    if (buf[i] == '\n' || i == size) {
      buf[i] = 0;
      if (line < buf + i) S_add_line(b, line);
      line = buf + i + 1;
    }
  }
  void *img = NULL;
  size_t len = 0;
  int rc = bl_kb_builder_finish(b, &img, &len);
  if (rc == BL_OK) {
    bl_kb *kb = NULL;
    rc = bl_kb_from_buffer(img, len, 1, &kb);
    if (rc != BL_OK) S_fail("the builder's own image does not load", rc);
    size_t ne = bl_kb_n_entries(kb);
    for (size_t i = 0; i < ne; i++) {
      bl_kb_entry e;
      if (bl_kb_entry_get(kb, i, &e) < 0) S_fail("entry_get", -1);
      if (bl_kb_find(kb, e.kb_id) != (int32_t)i) S_fail("kb_id not found back", 0);
    }
    /* The input's bytes as text (when valid UTF-8), matched with the KB. */
    bl_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.kbs[0] = kb;
    cfg.n_kbs = 1;
    bl_doc *doc = NULL;
    char *text = malloc(size ? size : 1);
    memcpy(text, data, size);
    if (bl_analyze(&cfg, text, size, 0, NULL, &doc) == BL_OK) {
      char why[256];
      const char *err = bl_check_doc(doc, 0, 1, why, sizeof why);
      if (err) {
        fprintf(stderr, "invariant: %s\n", err);
        S_fail("invariant", 0);
      }
      bl_doc_free(doc);
    }
    free(text);
    bl_kb_free(kb);
    bl_free(img);
  } else if (rc != BL_ETOOBIG && rc != BL_EINVAL && rc != BL_ENOMEM) {
    S_fail("builder_finish", rc);
  }
  bl_kb_builder_free(b);
  free(buf);
  return 0;
}
