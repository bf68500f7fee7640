/* fuzz_analyze.c -- libFuzzer target for the whole pipeline (bl_analyze).
 *
 * Input layout (after cmark's fuzz/cmark-fuzz.c, options from leading bytes):
 *   byte 0   bits 0-5: BL_STAGE_* mask (0 = all)
 *            bit 6   : also run with the built-in KB and model if available
 *            bit 7   : "str mode": decode the rest into arbitrary code points
 *                      (lone surrogates and NUL included) and pass them as
 *                      trusted generalised UTF-8, as the binding does for a
 *                      Python str; otherwise the rest is raw bytes, validated.
 *   rest     the text (capped at 64 KiB, as utf8proc's fuzzer does).
 *
 * Checks: no sanitizer report; every structural invariant of
 * tests/c/doc_invariants.h; an invalid-UTF-8 error offset inside the input;
 * and, for valid input, that the validated and trusted paths give identical
 * tables (determinism included).
 *
 *   make fuzz                      # builds build/fuzz/fuzz_* and runs each 60 s
 *   build/fuzz/fuzz_analyze -max_total_time=600 build/fuzz/corpus/analyze
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline.h"
#include "doc_invariants.h"
#include "fuzz_common.h"

#define MAX_INPUT (64 * 1024)

static void S_fail(const char *what, const char *why) {
  fprintf(stderr, "fuzz_analyze: %s: %s\n", what, why ? why : "");
  __builtin_trap();
}

/* Decodes bytes into code points (ASCII bytes stand for themselves; a byte
 * >= 0x80 and the two after it give any value below 0x110000, surrogates
 * included) and writes them as generalised UTF-8.  Returns the length. */
static size_t S_to_generalised(const uint8_t *in, size_t n, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    if (in[i] < 0x80) {
      cp = in[i++];
    } else {
      uint32_t v = (uint32_t)(in[i] & 0x7f) << 16;
      if (i + 1 < n) v |= (uint32_t)in[i + 1] << 8;
      if (i + 2 < n) v |= in[i + 2];
      i += 3;
      cp = v % 0x110000u;
    }
    if (cp < 0x80) {
      out[o++] = (char)cp;
    } else if (cp < 0x800) {
      out[o++] = (char)(0xC0 | (cp >> 6));
      out[o++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out[o++] = (char)(0xE0 | (cp >> 12));
      out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (char)(0x80 | (cp & 0x3F));
    } else {
      out[o++] = (char)(0xF0 | (cp >> 18));
      out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
      out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (char)(0x80 | (cp & 0x3F));
    }
  }
  return o;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  bl_fuzz_load_resources();
  return 0;
}

static void S_run(const bl_config *cfg, const char *text, size_t len,
                  int trusted) {
  char why[256];
  bl_doc *doc = NULL;
  size_t bad = (size_t)-1;
  int rc = bl_analyze(cfg, text, len, trusted, &bad, &doc);
  if (rc == BL_EUTF8) {
    if (trusted) S_fail("trusted input rejected as UTF-8", "");
    if (bad >= len) S_fail("EUTF8 offset out of range", "");
    if (doc) S_fail("doc returned with an error", "");
    return;
  }
  if (rc < 0) S_fail("bl_analyze failed", bl_strerror(rc));
  if (!doc) S_fail("no doc", "");
  const char *err = bl_check_doc(doc, cfg->stages, cfg->n_kbs, why, sizeof why);
  if (err) S_fail("invariant", err);
  if (!trusted) {
    /* Valid input: the trusted path must agree exactly. */
    bl_doc *doc2 = NULL;
    rc = bl_analyze(cfg, text, len, 1, NULL, &doc2);
    if (rc < 0 || !doc2) S_fail("trusted re-run failed", bl_strerror(rc));
    if (!bl_docs_equal(doc, doc2)) S_fail("trusted and validated differ", "");
    bl_doc_free(doc2);
  }
  bl_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > MAX_INPUT) return 0;
  uint8_t opt = data[0];
  data++;
  size--;
  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.stages = opt & 0x3f;
  if (opt & 0x40) bl_fuzz_config(&cfg);

  /* Exactly sized heap copies so ASan sees any over-read. */
  if (opt & 0x80) {
    char *buf = malloc(size * 4 + 1);
    size_t n = S_to_generalised(data, size, buf);
    char *text = malloc(n ? n : 1);
    memcpy(text, buf, n);
    free(buf);
    S_run(&cfg, text, n, 1);
    free(text);
  } else {
    char *text = malloc(size ? size : 1);
    memcpy(text, data, size);
    S_run(&cfg, text, size, 0);
    free(text);
  }
  return 0;
}
