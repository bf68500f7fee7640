/* fuzz_kb_scan.c -- libFuzzer target for the match-only KB scanner
 * (bl_kb_match_text): on any input it must give exactly the hits of the
 * general path (bl_analyze tokens + bl_kb_match), or the same error.
 *
 * Input: byte 0 = options
 *   bit 0  BL_KBM_ALL
 *   bit 1  pass the bytes as trusted (generalised UTF-8, as from a str;
 *          ill-formed bytes must still give identical results), else they
 *          are validated (invalid UTF-8: the same error and offset)
 *   bit 2  two layers (a second, smaller KB under the first)
 * rest = the text (capped at 64 KiB), copied into an exactly sized buffer.
 * The KBs are compiled once from aliases that need every tokenizer rule.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bl_internal.h"

#define MAX_INPUT (64 * 1024)

static void S_fail(const char *what) {
  fprintf(stderr, "fuzz_kb_scan: %s\n", what);
  __builtin_trap();
}

static const char *const S_aliases[] = {
    "China", "New York", "New York City", "Sao Paulo", "U.S.", "US", "WHO",
    "May", "Mr Putin", "Putin", "North Korea", "China-Russia", "O'Brien",
    "AT&T", "F-16", "Mr.", "No. 10", "The Hague", "\xC4\xB0stanbul",
    ("Stra\xC3\x9F" "e"), "Caf\xC3\xA9 Central", "don't", "1990s", "G7", "the",
    "a b c", ",", "Ph.D.", "x", "abcdefghijklmnop", "St. Louis", "co-op",
    "3.5", "1,000", "Korea \xE2\x80\x99s", "\xE2\x80\x9CQuote\xE2\x80\x9D"};

static bl_kb *S_build(size_t step) {
  bl_kb_builder *b = bl_kb_builder_new();
  if (!b) return NULL;
  size_t n = sizeof(S_aliases) / sizeof(S_aliases[0]);
  int rc = 0;
  for (size_t k = 0; k < n; k += step) {
    char id[16];
    snprintf(id, sizeof id, "f%zu", k);
    static const uint32_t case_fl[] = {BL_KBA_CASE};
    const char *const al[] = {S_aliases[k]};
    bl_kb_record r;
    memset(&r, 0, sizeof r);
    r.kb_id = id;
    r.name = S_aliases[k];
    r.label = BL_LABEL_GPE;
    r.aliases = al;
    r.alias_flags = case_fl;
    r.n_aliases = k % 3 == 0;
    rc |= bl_kb_builder_add(b, &r) < 0;
  }
  void *img = NULL;
  size_t len = 0;
  if (!rc) rc = bl_kb_builder_finish(b, &img, &len) < 0;
  bl_kb_builder_free(b);
  bl_kb *kb = NULL;
  if (!rc && bl_kb_from_buffer(img, len, 1, &kb) < 0) kb = NULL;
  bl_free(img);
  return kb;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static bl_kb *k1, *k2;
  if (!k1) {
    k1 = S_build(1);
    k2 = S_build(2);
    if (!k1 || !k2) S_fail("cannot build the KBs");
  }
  if (size < 1) return 0;
  unsigned opt = data[0] & 1u ? BL_KBM_ALL : 0;
  int trusted = (data[0] >> 1) & 1;
  const bl_kb *kbs[2] = {k1, k2};
  int nk = (data[0] & 4u) ? 2 : 1;
  size_t len = size - 1 > MAX_INPUT ? MAX_INPUT : size - 1;
  char *text = malloc(len ? len : 1);
  if (!text) return 0;
  if (len) memcpy(text, data + 1, len);

  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.stages = BL_STAGE_TOKENS;
  bl_doc *doc = NULL;
  size_t bad1 = 0, bad2 = 0;
  bl_kb_hit *h1 = NULL, *h2 = NULL;
  size_t n1 = 0, n2 = 0;
  int rc1 = bl_analyze(&cfg, text, len, trusted, &bad1, &doc);
  if (rc1 >= 0) rc1 = bl_kb_match(kbs, nk, doc, opt, &h1, &n1);
  bl_doc_free(doc);
  int rc2 = bl_kb_match_text(kbs, nk, text, len, trusted, &bad2, opt, &h2, &n2);
  if (rc1 == BL_ENOMEM || rc2 == BL_ENOMEM) goto done;
  if (rc1 != rc2) S_fail("different status");
  if (rc1 == BL_EUTF8 && bad1 != bad2) S_fail("different error offset");
  if (n1 != n2) S_fail("different number of hits");
  if (n1 && memcmp(h1, h2, n1 * sizeof(bl_kb_hit)) != 0) S_fail("different hits");
done:
  bl_free(h1);
  bl_free(h2);
  free(text);
  return 0;
}
