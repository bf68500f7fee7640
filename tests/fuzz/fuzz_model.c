/* fuzz_model.c -- libFuzzer target for the tagger-model loader
 * (bl_model_from_buffer) and the tagger running on whatever loads.
 *
 * Input: byte 0 = options, the rest = a model image.
 *   bit 0  fix up size and checksum first, so mutations reach the section
 *          validation behind the checksum
 * A model that loads must then tag pre-tokenized text (every tag in range)
 * and run the whole pipeline (doc invariants).  Seeds: tests/fuzz/seeds_model.py.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bl_internal.h"
#include "bl_tagger.h"
#include "doc_invariants.h"

#define MAX_INPUT (1 << 20)

static const char S_text[] =
    "Chinese Foreign Minister Wang Yi met Sergei Lavrov in Moscow on Monday. "
    "\"We oppose sanctions,\" Wang said.\n\nThe U.N. said 3.5% of 1,200 "
    "people in S\xc3\xa3o Paulo -- and Kyiv -- agreed.";

static void S_fail(const char *what) {
  fprintf(stderr, "fuzz_model: %s\n", what);
  __builtin_trap();
}

static void S_put64(unsigned char *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static void S_exercise(const bl_model *m) {
  const char *info = bl_model_info(m);
  if (info) (void)strlen(info);
  static const char *const toks[] = {"Wang", "Yi", "said", "\"", "hello",
                                     "\xe2\x80\x9d", "in", "Moscow", ".", ""};
  size_t lens[10];
  for (int i = 0; i < 10; i++) lens[i] = strlen(toks[i]);
  int32_t upos[10], ner[10];
  unsigned char ss[10] = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0};
  if (bl_model_tag(m, toks, lens, 10, ss, upos, ner) != BL_OK) S_fail("tag");
  for (int i = 0; i < 10; i++) {
    if (upos[i] < 0 || upos[i] >= BL_UPOS_COUNT) S_fail("upos out of range");
    if (ner[i] < 0 || ner[i] >= BL_NER_NTAGS) S_fail("ner out of range");
  }
  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.model = m;
  bl_doc *doc = NULL;
  if (bl_analyze(&cfg, S_text, sizeof S_text - 1, 0, NULL, &doc) != BL_OK)
    S_fail("analyze with a loaded model failed");
  char why[256];
  const char *err = bl_check_doc(doc, 0, 0, why, sizeof why);
  if (err) {
    fprintf(stderr, "invariant: %s\n", err);
    S_fail("invariant");
  }
  bl_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > MAX_INPUT) return 0;
  uint8_t opt = data[0];
  size_t n = size - 1;
  unsigned char *img = malloc(n ? n : 1);
  memcpy(img, data + 1, n);
  if ((opt & 1) && n >= 64) {
    S_put64(img + 16, n);
    S_put64(img + 24, bl__model_checksum(img + 64, n - 64));
  }
  bl_model *m = NULL;
  int rc = bl_model_from_buffer(img, n, &m);
  memset(img, 0x5A, n); /* the model holds its own copy */
  if (rc == BL_OK) {
    if (!m) S_fail("OK without a model");
    S_exercise(m);
    bl_model_free(m);
  } else {
    if (m) S_fail("model returned with an error");
    if (rc != BL_EFORMAT && rc != BL_ETRUNCATED && rc != BL_EVERSION &&
        rc != BL_ECHECKSUM && rc != BL_ENOMEM && rc != BL_EINVAL)
      S_fail("unexpected status");
  }
  free(img);
  return 0;
}
