/* fuzz_kb.c -- libFuzzer target for the compiled-KB loader
 * (bl_kb_from_buffer) and everything that reads a loaded KB.
 *
 * Input: byte 0 = options, the rest = a KB image.
 *   bit 0  fix up the header first (file_size, tokenizer fingerprint and
 *          checksum), so mutations reach the structural validation behind
 *          the checksum instead of all stopping at BL_ECHECKSUM
 *   bit 1  open without copying (caller-owned, 8-byte aligned buffer)
 * A KB that loads must then survive: every entry and alias read back, every
 * kb_id found again, look-ups, matching over a fixed article, and a whole
 * bl_analyze with the KB as two layers (invariants of doc_invariants.h).
 * Seeds (tests/fuzz/seeds_kb.py) are small images compiled by byline.KB.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bl_internal.h"
#include "bl_kb_format.h"
#include "doc_invariants.h"

#define MAX_INPUT (1 << 20)

uint64_t bl__kb_checksum(const void *p, size_t n, uint64_t seed);
uint64_t bl__kb_tok_fingerprint(void);

static const char S_text[] =
    "Chinese Foreign Minister Wang Yi met Sergei Lavrov in Moscow. "
    "\"We oppose sanctions,\" Wang said. The U.S. State Department and the "
    "United Nations said Russia, China and Ukraine would talk in Geneva.\n\n"
    "President Xi Jinping's envoy visited Kyiv on Monday.";

static void S_fail(const char *what) {
  fprintf(stderr, "fuzz_kb: %s\n", what);
  __builtin_trap();
}

static void S_fixup(unsigned char *b, size_t n) {
  if (n < sizeof(bl_kbf_header)) return;
  bl_kbf_header h;
  memcpy(&h, b, sizeof h);
  h.file_size = n;
  h.tok_fingerprint = bl__kb_tok_fingerprint();
  h.checksum = 0;
  memcpy(b, &h, sizeof h);
  uint64_t c = bl__kb_checksum(b, sizeof h, 0);
  c = bl__kb_checksum(b + sizeof h, n - sizeof h, c);
  h.checksum = c;
  memcpy(b, &h, sizeof h);
}

static void S_exercise(const bl_kb *kb) {
  size_t ne = bl_kb_n_entries(kb), na = bl_kb_n_aliases(kb);
  volatile size_t sink = 0;
  for (size_t i = 0; i < ne; i++) {
    bl_kb_entry e;
    if (bl_kb_entry_get(kb, i, &e) != BL_OK) S_fail("entry_get in range failed");
    sink += strlen(e.kb_id) + strlen(e.name) + strlen(e.office) +
            strlen(e.attrs) + strlen(e.country_id) + strlen(e.parent_id);
    if (e.country < -1 || e.country >= (int32_t)ne) S_fail("entry country");
    if (e.parent < -1 || e.parent >= (int32_t)ne) S_fail("entry parent");
    if ((size_t)e.alias_start + e.n_aliases > na) S_fail("entry alias range");
    /* A fixed-up (checksum-bypassing) image may have an inconsistent id
     * index, so only the range is checked; fuzz_kb_build checks that ids
     * are found back in images the builder made. */
    int32_t f = bl_kb_find(kb, e.kb_id);
    if (f < -1 || f >= (int32_t)ne) S_fail("bl_kb_find out of range");
    if (!bl_kb_kind_name(e.kind) || !bl_kb_role_name(e.role))
      S_fail("entry kind/role has no name");
    if (e.label < 0 || e.label >= BL_LABEL_COUNT) S_fail("entry label");
  }
  bl_kb_entry e;
  if (bl_kb_entry_get(kb, ne, &e) != BL_EINVAL) S_fail("entry_get past end");
  for (size_t a = 0; a < na; a++) {
    const char *text = NULL;
    uint32_t fl = 0;
    int32_t ent = -1;
    if (bl_kb_alias_get(kb, a, &text, &fl, &ent) != BL_OK) S_fail("alias_get");
    if (!text || ent < 0 || ent >= (int32_t)ne) S_fail("alias entry");
    sink += strlen(text);
    int32_t out[4];
    /* Alias strings of a corrupted image need not be UTF-8: refusing them
     * is fine, anything else is not. */
    int lr = bl_kb_lookup(kb, text, strlen(text), out, 4);
    if (lr < 0 && lr != BL_EUTF8 && lr != BL_EINVAL && lr != BL_ETOOBIG)
      S_fail("lookup");
  }
  (void)sink;
  bl_kb_find(kb, "");
  bl_kb_find(kb, "Q148");
  int32_t out[8];
  bl_kb_lookup(kb, "China", 5, out, 8);
  bl_kb_lookup(kb, "", 0, out, 8);

  /* Matching and the full pipeline with this KB as two layers. */
  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.kbs[0] = kb;
  cfg.kbs[1] = kb;
  cfg.n_kbs = 2;
  bl_doc *doc = NULL;
  int rc = bl_analyze(&cfg, S_text, sizeof S_text - 1, 0, NULL, &doc);
  if (rc < 0) S_fail("analyze with a loaded KB failed");
  char why[256];
  const char *err = bl_check_doc(doc, 0, 2, why, sizeof why);
  if (err) {
    fprintf(stderr, "invariant: %s\n", err);
    S_fail("invariant");
  }
  const bl_kb *const kbs[2] = {kb, kb};
  for (unsigned opt = 0; opt <= BL_KBM_ALL; opt += BL_KBM_ALL) {
    bl_kb_hit *hits = NULL;
    size_t nh = 0;
    if (bl_kb_match(kbs, 2, doc, opt, &hits, &nh) < 0) S_fail("match");
    for (size_t i = 0; i < nh; i++) {
      if (hits[i].start < 0 || hits[i].start >= hits[i].end ||
          hits[i].end > (int32_t)bl_doc_length(doc) || hits[i].layer < 0 ||
          hits[i].layer > 1 || hits[i].entry < 0 ||
          hits[i].entry >= (int32_t)ne || hits[i].alias < 0 ||
          hits[i].alias >= (int32_t)na)
        S_fail("hit out of range");
    }
    bl_free(hits);
  }
  bl_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > MAX_INPUT) return 0;
  uint8_t opt = data[0];
  size_t n = size - 1;
  /* malloc'd: 16-byte aligned, exactly sized for ASan. */
  unsigned char *img = malloc(n ? n : 1);
  memcpy(img, data + 1, n);
  if (opt & 1) S_fixup(img, n);
  bl_kb *kb = NULL;
  int rc = bl_kb_from_buffer(img, n, !(opt & 2), &kb);
  if (rc == BL_OK) {
    if (!kb) S_fail("OK without a KB");
    if (!(opt & 2)) memset(img, 0xA5, n); /* a copy must not need the input */
    S_exercise(kb);
    bl_kb_free(kb);
  } else {
    if (kb) S_fail("KB returned with an error");
    if (rc != BL_EFORMAT && rc != BL_ETRUNCATED && rc != BL_EVERSION &&
        rc != BL_ECHECKSUM && rc != BL_ENOMEM && rc != BL_EINVAL)
      S_fail("unexpected status");
  }
  free(img);
  return 0;
}
