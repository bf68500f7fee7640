/* test_tagger.c -- the tagger model format and the taggers.
 *
 * A tiny fixture model is built in memory (so the format tests need no
 * trained file); the trained model (python/byline/data/tagger.blm, made by
 * `make model`, or $BYLINE_MODEL) is used for the behaviour tests. */
#include "bl_tagger.h"
#include "harness.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static void put64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

/* Bucket of the bias feature (always the first feature). */
static uint32_t bias_key(int ner) {
  bl_tagtok t;
  uint64_t f[BL_TAG_MAXFEAT];
  bl__tt_fill(&t, "x", 1, 1);
  if (ner) bl__ner_feats(&t, 1, 0, 0, 0, 1, f);
  else bl__pos_feats(&t, 1, 0, 0, 0, 1, f);
  return (uint32_t)(f[0] & ((1u << BL_TAG_BITS) - 1)) + 1;
}

/* A model whose only feature is the bias: POS always `upos`, NER always
 * `ner` where allowed; with pos2 > 0 a second POS pass (always pos2) too.
 * Returns a malloc'd buffer; *len its size. */
static uint8_t *fixture2(int upos, int ner, int pos2, size_t *len) {
  const uint32_t N = 7, CP = BL_POS_NCLASS, CN = BL_NER_NCLASS;
  const int nw = pos2 > 0 ? 3 : 2, ns = nw + 1; /* weight tables + info */
  size_t offs[4], szs[4], off = 192;
  for (int k = 0; k < ns; k++) {
    offs[k] = off;
    szs[k] = k < nw ? (size_t)N * BL_WROW : 0;
    off = (off + szs[k] + 63) & ~(size_t)63;
  }
  const char *info = "fixture";
  szs[nw] = strlen(info) + 1;
  size_t total = offs[nw] + szs[nw];
  uint8_t *b = calloc(1, total);
  memcpy(b, BL_MODEL_MAGIC, 8);
  put32(b + 8, BL_MODEL_VERSION);
  put32(b + 12, BL_TAG_FEATSET);
  put64(b + 16, total);
  put32(b + 32, (uint32_t)ns);
  put32(b + 36, 0x01020304u);
  const uint32_t ids[3] = {BL_SEC_POS, BL_SEC_NER1, BL_SEC_POS2};
  for (int k = 0; k < ns; k++) {
    uint8_t *e = b + 64 + 32 * k;
    put32(e, k < nw ? ids[k] : BL_SEC_INFO);
    if (k < nw) {
      int isner = k == 1;
      uint32_t C = isner ? CN : CP, key = bias_key(isner);
      put32(e + 4, C);
      put32(e + 8, N);
      put32(e + 12, 1);
      uint8_t *r = b + offs[k] + (size_t)bl__wt_slot(key, N) * BL_WROW;
      put32(r, key);
      r[4] = 2; /* shift */
      r[5 + (k == 0 ? upos - 1 : k == 1 ? ner : pos2 - 1)] = 100;
    } else {
      memcpy(b + offs[k], info, szs[k]);
    }
    put64(e + 16, offs[k]);
    put64(e + 24, szs[k]);
  }
  put64(b + 24, bl__model_checksum(b + 64, total - 64));
  *len = total;
  return b;
}
static uint8_t *fixture(int upos, int ner, size_t *len) {
  return fixture2(upos, ner, 0, len);
}

static void reseal(uint8_t *b, size_t len) {
  put64(b + 24, bl__model_checksum(b + 64, len - 64));
}

static void test_names(void) {
  STR_EQ(bl_enum_name(BL_ENUM_UPOS, BL_UPOS_VERB), "VERB", "VERB name");
  STR_EQ(bl_enum_name(BL_ENUM_UPOS, BL_UPOS_X), "X", "last UPOS");
  OK(bl_enum_name(BL_ENUM_UPOS, BL_UPOS_COUNT) == NULL, "UPOS end");
  STR_EQ(bl_enum_name(BL_ENUM_NER, 0), "O", "O");
  STR_EQ(bl_enum_name(BL_ENUM_NER, BL_NER_TAG(BL_NER_PER, BL_BILOU_B)), "B-PER", "B-PER");
  STR_EQ(bl_enum_name(BL_ENUM_NER, BL_NER_TAG(BL_NER_MISC, BL_BILOU_U)), "U-MISC", "U-MISC");
  OK(bl_enum_name(BL_ENUM_NER, BL_NER_NTAGS) == NULL, "NER end");
}

static void test_fixture(void) {
  size_t len;
  uint8_t *b = fixture(BL_UPOS_NOUN, BL_NER_TAG(BL_NER_ORG, BL_BILOU_U), &len);
  char *exact = T_exact((const char *)b, len);
  bl_model *m = NULL;
  INT_EQ(bl_model_from_buffer(exact, len, &m), BL_OK, "fixture loads");
  free(exact);
  STR_EQ(bl_model_info(m), "fixture", "info");
  const char *toks[] = {"Alpha", "beta", "."};
  size_t lens[] = {5, 4, 1};
  int32_t upos[3] = {0}, ner[3] = {0};
  INT_EQ(bl_model_tag(m, toks, lens, 3, NULL, upos, ner), BL_OK, "tag ok");
  for (int i = 0; i < 3; i++) {
    INT_EQ(upos[i], BL_UPOS_NOUN, "bias POS");
    INT_EQ(ner[i], BL_NER_TAG(BL_NER_ORG, BL_BILOU_U), "bias NER");
  }
  INT_EQ(bl_model_tag(m, NULL, NULL, 0, NULL, upos, ner), BL_OK, "empty input");
  INT_EQ(bl_model_tag(NULL, toks, lens, 3, NULL, upos, ner), BL_EINVAL, "no model");

  /* Through the pipeline: every token gets the fixture's tags. */
  bl_config cfg = {{0}, 0, m, BL_STAGE_TAGS, 0};
  bl_doc *doc = NULL;
  const char *text = "Gamma delta epsilon";
  INT_EQ(bl_analyze(&cfg, text, strlen(text), 0, NULL, &doc), BL_OK, "analyze");
  size_t n = 0;
  const bl_token *t = (const bl_token *)bl_doc_table(doc, BL_TABLE_TOKENS, &n);
  OK(n >= 1, "tokens");
  for (size_t i = 0; i < n; i++) {
    INT_EQ(t[i].pos, BL_UPOS_NOUN, "pipeline POS");
    INT_EQ(t[i].ner, BL_NER_TAG(BL_NER_ORG, BL_BILOU_U), "pipeline NER");
  }
  bl_doc_free(doc);
  bl_model_free(m);

  /* A B- bias must still yield valid BILOU: B-x then I/L, never B at the end. */
  b = (free(b), fixture(BL_UPOS_NOUN, BL_NER_TAG(BL_NER_PER, BL_BILOU_B), &len));
  INT_EQ(bl_model_from_buffer(b, len, &m), BL_OK, "B fixture loads");
  INT_EQ(bl_model_tag(m, toks, lens, 3, NULL, upos, ner), BL_OK, "tag B");
  INT_EQ(ner[0], BL_NER_TAG(BL_NER_PER, BL_BILOU_B), "B first");
  OK(ner[1] == BL_NER_TAG(BL_NER_PER, BL_BILOU_I) ||
         ner[1] == BL_NER_TAG(BL_NER_PER, BL_BILOU_L), "inside");
  OK(bl__ner_can_end(ner[2]), "sentence ends closed");
  for (int i = 1; i < 3; i++) OK(bl__ner_allowed(ner[i - 1], ner[i]), "valid transition");
  bl_model_free(m);
  free(b);
}

static void expect_bad(uint8_t *b, size_t len, int want, const char *msg);

/* The second POS pass: its table decides, and its features read the first
 * pass's tags of the token and its right neighbours (the trainer calls the
 * same function, so this is what it learnt from). */
static void test_pos2(void) {
  size_t len;
  uint8_t *b = fixture2(BL_UPOS_NOUN, 0, BL_UPOS_VERB, &len);
  bl_model *m = NULL;
  INT_EQ(bl_model_from_buffer(b, len, &m), BL_OK, "two-pass fixture loads");
  OK(bl__model_table(m, BL_SEC_POS2) != NULL, "second POS table");
  const char *toks[] = {"Alpha", "beta", "."};
  size_t lens[] = {5, 4, 1};
  int32_t upos[3] = {0}, ner[3] = {0};
  INT_EQ(bl_model_tag(m, toks, lens, 3, NULL, upos, ner), BL_OK, "tag ok");
  for (int i = 0; i < 3; i++) INT_EQ(upos[i], BL_UPOS_VERB, "pass 2 decides");
  bl_tagtok tt[3];
  for (int i = 0; i < 3; i++) bl__tt_fill(&tt[i], toks[i], lens[i], i == 0);
  bl__pos_decode(bl__model_table(m, BL_SEC_POS), tt, 3, 1);
  for (int i = 0; i < 3; i++)
    OK(tt[i].pos1 == BL_UPOS_NOUN && tt[i].pos == BL_UPOS_NOUN, "pass 1 keeps pos1");
  bl__pos_decode(bl__model_table(m, BL_SEC_POS2), tt, 3, 2);
  for (int i = 0; i < 3; i++)
    OK(tt[i].pos1 == BL_UPOS_NOUN && tt[i].pos == BL_UPOS_VERB, "pass 2 decides, leaves pos1");
  bl_model_free(m);
  /* A second POS2 section is a format error. */
  uint8_t *c = malloc(len);
  memcpy(c, b, len);
  put32(c + 64 + 32, BL_SEC_POS2); /* NER1 renamed: NER1 missing, POS2 twice */
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "duplicate POS2");
  free(c);
  free(b);

  uint64_t f1[BL_TAG_MAXFEAT], f2[BL_TAG_MAXFEAT];
  bl_tagtok a[3];
  for (int i = 0; i < 3; i++) bl__tt_fill(&a[i], toks[i], lens[i], i == 0);
  a[1].pos1 = BL_UPOS_NOUN;
  int n1 = bl__pos_feats(a, 3, 0, 0, 0, 1, f1);
  int n2 = bl__pos_feats(a, 3, 0, 0, 0, 2, f2);
  OK(n2 > n1 && n1 > 0, "pass 2 has more features");
  a[1].pos1 = BL_UPOS_VERB;
  uint64_t g1[BL_TAG_MAXFEAT], g2[BL_TAG_MAXFEAT];
  OK(bl__pos_feats(a, 3, 0, 0, 0, 1, g1) == n1 &&
         memcmp(f1, g1, (size_t)n1 * sizeof(uint64_t)) == 0,
     "pass 1 ignores pos1");
  OK(bl__pos_feats(a, 3, 0, 0, 0, 2, g2) == n2 &&
         memcmp(f2, g2, (size_t)n2 * sizeof(uint64_t)) != 0,
     "pass 2 reads the next token's pos1");
}

/* NER pass 2 leaves O unscored only for an uncapitalised token pass 1 tagged
 * O, outside an open entity; the decoder and the trainer share the rule. */
static void test_ner2_skip(void) {
  bl_tagtok t[4];
  const char *w[] = {"said", "Paris", "1996", "of"};
  for (int i = 0; i < 4; i++) bl__tt_fill(&t[i], w[i], strlen(w[i]), 0);
  const int bper = BL_NER_TAG(BL_NER_PER, BL_BILOU_B), uloc = BL_NER_TAG(BL_NER_LOC, BL_BILOU_U);
  OK(bl__ner2_skip(&t[0], 0), "lower-case O word skipped");
  OK(bl__ner2_skip(&t[0], uloc), "after a closed entity");
  OK(!bl__ner2_skip(&t[0], bper), "not inside an open entity");
  OK(!bl__ner2_skip(&t[1], 0), "capitalised word scored");
  OK(bl__ner2_skip(&t[2], 0), "number skipped");
  t[3].ner1 = (uint8_t)BL_NER_TAG(BL_NER_ORG, BL_BILOU_I);
  OK(!bl__ner2_skip(&t[3], 0), "pass-1 entity token scored");
}

static void expect_bad(uint8_t *b, size_t len, int want, const char *msg) {
  bl_model *m = (bl_model *)1;
  char *exact = T_exact((const char *)b, len);
  INT_EQ(bl_model_from_buffer(exact, len, &m), want, msg);
  OK(m == NULL, "no model on error");
  free(exact);
}

static void test_corrupt(void) {
  size_t len;
  uint8_t *b = fixture(BL_UPOS_NOUN, 0, &len);
  uint8_t *c = malloc(len);

  memcpy(c, b, len);
  c[0] = 'X';
  expect_bad(c, len, BL_EFORMAT, "bad magic");
  expect_bad((uint8_t *)"hello, world", 12, BL_EFORMAT, "foreign bytes");
  expect_bad(b, 0, BL_EFORMAT, "empty");
  expect_bad(b, 40, BL_ETRUNCATED, "cut inside the header");
  expect_bad(b, len - 1, BL_ETRUNCATED, "cut at the end");
  expect_bad(b, len / 2, BL_ETRUNCATED, "cut in half");

  memcpy(c, b, len);
  put32(c + 8, 99);
  expect_bad(c, len, BL_EVERSION, "format version");
  memcpy(c, b, len);
  put32(c + 12, BL_TAG_FEATSET + 1);
  expect_bad(c, len, BL_EVERSION, "feature-set version");

  memcpy(c, b, len);
  c[len - 3] ^= 0x40;
  expect_bad(c, len, BL_ECHECKSUM, "flipped byte");

  /* Structural damage with a valid checksum must still be caught. */
  memcpy(c, b, len);
  put32(c + 64 + 12, get32(c + 64 + 8)); /* n_feat == n_slots: no empty slot */
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "full table");
  memcpy(c, b, len);
  put64(c + 64 + 16, len + 64); /* section offset past the end */
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "offset out of bounds");
  memcpy(c, b, len);
  put64(c + 64 + 24, (uint64_t)-64); /* huge size */
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "size out of bounds");
  memcpy(c, b, len);
  put32(c + 32, 1000); /* section count */
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "section count");
  memcpy(c, b, len);
  put32(c + 64 + 4, 3); /* class count */
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "class count");
  memcpy(c, b, len);
  put32(c + 64, 77); /* unknown section id */
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "unknown section");
  memcpy(c, b, len);
  c[len - 1] = 'x'; /* info not NUL-terminated */
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "info terminator");
  memcpy(c, b, len);
  for (uint32_t s = 0; s < 7; s++) /* every key out of range */
    if (get32(c + 192 + BL_WROW * s)) put32(c + 192 + BL_WROW * s, 0xFFFFFFFFu);
  reseal(c, len);
  expect_bad(c, len, BL_EFORMAT, "key out of range");

  /* Every single-byte change in the header or section table, resealed,
   * either loads or fails cleanly (ASan/valgrind builds check the reads). */
  for (size_t i = 8; i < 224; i++) {
    if (i >= 24 && i < 32) continue; /* the checksum itself */
    memcpy(c, b, len);
    c[i] ^= 0x5a;
    reseal(c, len);
    bl_model *m = NULL;
    int rc = bl_model_from_buffer(c, len, &m);
    if (rc == BL_OK) {
      const char *toks[] = {"a"};
      size_t lens[] = {1};
      int32_t u, nr;
      OK(bl_model_tag(m, toks, lens, 1, NULL, &u, &nr) == BL_OK, "tags after mutation");
      bl_model_free(m);
    } else {
      OK(rc < 0 && m == NULL, "clean failure");
    }
  }
  free(c);
  free(b);

  bl_model *m = NULL;
  INT_EQ(bl_model_load("/nonexistent/tagger.blm", &m), BL_EIO, "missing file");
  INT_EQ(bl_model_load(".", &m), BL_EIO, "directory");
  INT_EQ(bl_model_load(NULL, &m), BL_EINVAL, "NULL path");
  const char *tmp = "build/c/test_tagger_foreign.tmp";
  FILE *fp = fopen(tmp, "wb");
  if (fp) {
    fputs("#!/bin/sh\necho this is not a model, but it is long enough to have a header\n", fp);
    fclose(fp);
    INT_EQ(bl_model_load(tmp, &m), BL_EFORMAT, "foreign file");
    remove(tmp);
  }
}

static void test_trained(void) {
  const char *path = getenv("BYLINE_MODEL");
  if (!path) path = "python/byline/data/tagger.blm";
  bl_model *m = NULL;
  int rc = bl_model_load(path, &m);
  if (rc == BL_EIO) {
    printf("test_tagger: no trained model at %s (make model); skipped\n", path);
    return;
  }
  INT_EQ(rc, BL_OK, "trained model loads");
  if (rc < 0) return;
  OK(strstr(bl_model_info(m), "EWT") != NULL, "info names EWT");
  OK(strstr(bl_model_info(m), "CoNLL-2003") != NULL, "info names CoNLL-2003");
  const char *toks[] = {"The", "company", "said", "that", "John", "Smith",
                        "visited", "Paris", "on", "Monday", "."};
  size_t n = sizeof(toks) / sizeof(toks[0]), lens[16];
  for (size_t i = 0; i < n; i++) lens[i] = strlen(toks[i]);
  int32_t upos[16], ner[16];
  INT_EQ(bl_model_tag(m, toks, lens, n, NULL, upos, ner), BL_OK, "tag");
  INT_EQ(upos[0], BL_UPOS_DET, "The/DET");
  INT_EQ(upos[1], BL_UPOS_NOUN, "company/NOUN");
  INT_EQ(upos[2], BL_UPOS_VERB, "said/VERB");
  INT_EQ(upos[6], BL_UPOS_VERB, "visited/VERB");
  INT_EQ(upos[10], BL_UPOS_PUNCT, "./PUNCT");
  INT_EQ(ner[4], BL_NER_TAG(BL_NER_PER, BL_BILOU_B), "John B-PER");
  INT_EQ(ner[5], BL_NER_TAG(BL_NER_PER, BL_BILOU_L), "Smith L-PER");
  INT_EQ(ner[7], BL_NER_TAG(BL_NER_LOC, BL_BILOU_U), "Paris U-LOC");
  INT_EQ(ner[2], 0, "said O");
  for (size_t i = 1; i < n; i++) OK(bl__ner_allowed(ner[i - 1], ner[i]), "valid BILOU");

  /* Hostile tokens: empty, huge, invalid UTF-8 -- tagged, no crash. */
  static char big[5000];
  memset(big, 'A', sizeof big);
  const char *odd[] = {"", big, "\xff\xfe", "\xed\xa0\x80", "Z\xc3"};
  size_t olens[] = {0, sizeof big, 2, 3, 2};
  INT_EQ(bl_model_tag(m, odd, olens, 5, NULL, upos, ner), BL_OK, "odd tokens");
  for (int i = 0; i < 5; i++) OK(upos[i] > 0 && upos[i] < BL_UPOS_COUNT, "valid UPOS");

  /* The word-cluster lexicon: case-folded lookup, frequent words known,
   * nonsense unknown, punctuation never looked up. */
  const bl_lextable *L = bl__model_lex(m);
  OK(L != NULL, "trained model has a lexicon");
  OK(bl__model_table(m, BL_SEC_POS2) != NULL, "trained model has two POS passes");
  if (L) {
    const char *w[] = {"the", "The", "THE", "Monday", "Tuesday", "qzxjvw", ","};
    bl_tagtok tt[7];
    for (int i = 0; i < 7; i++) bl__tt_fill(&tt[i], w[i], strlen(w[i]), 0);
    bl__lex_apply(L, tt, 7);
    OK(tt[0].clus > 0 && tt[0].clus2 > 0, "the: clustered");
    OK(tt[1].clus == tt[0].clus && tt[2].clus == tt[0].clus, "case-folded");
    OK(tt[3].clus > 0 && tt[3].clus == tt[4].clus, "Monday ~ Tuesday");
    OK(tt[3].clus != tt[0].clus, "Monday !~ the");
    INT_EQ(tt[5].clus, 0, "nonsense: no cluster");
    INT_EQ(tt[6].clus, 0, "punctuation: no cluster");
    /* ambiguity classes from EWT train: "the" is a determiner; nonsense has none */
    OK(tt[0].amb & (1u << (BL_UPOS_DET - 1)), "the: DET class");
    OK(!(tt[0].amb & (1u << (BL_UPOS_VERB - 1))), "the: no VERB class");
    OK(tt[3].amb & (1u << (BL_UPOS_PROPN - 1)), "Monday: PROPN class");
    INT_EQ(tt[5].amb, 0, "nonsense: no classes");
    /* gazetteers: first names and places, case-folded */
    const char *g[] = {"Gloria", "MICHAEL", "Nairobi", "Zealand", "yesterday", "qzxjvw"};
    bl_tagtok gt[6];
    for (int i = 0; i < 6; i++) bl__tt_fill(&gt[i], g[i], strlen(g[i]), 0);
    bl__lex_apply(L, gt, 6);
    OK(gt[0].gaz & BL_GAZ_FIRST, "Gloria: first name");
    OK(gt[1].gaz & BL_GAZ_FIRST, "MICHAEL: first name");
    OK(gt[2].gaz & BL_GAZ_PLACE, "Nairobi: place");
    OK(gt[3].gaz & BL_GAZ_INPLACE, "Zealand: in a place name");
    INT_EQ(gt[4].gaz, 0, "yesterday: no list");
    INT_EQ(gt[5].gaz, 0, "nonsense: no list");
  }
  bl_model_free(m);

  /* Damage in the lexicon behind a valid checksum is a format error. */
  FILE *fp = fopen(path, "rb");
  if (!fp) return;
  fseek(fp, 0, SEEK_END);
  long flen = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  uint8_t *b = malloc((size_t)flen);
  OK(b && fread(b, 1, (size_t)flen, fp) == (size_t)flen, "read model");
  fclose(fp);
  uint32_t ns = get32(b + 32);
  for (uint32_t k = 0; k < ns; k++) {
    const uint8_t *e = b + 64 + 32 * k;
    if (get32(e) != BL_SEC_LEX) continue;
    uint64_t off = get32(e + 16) | (uint64_t)get32(e + 20) << 32;
    uint32_t N = get32(e + 8);
    uint8_t *r = NULL;
    for (uint32_t s = 0; s < N && !r; s++)
      if (get32(b + off + (size_t)s * BL_LROW)) r = b + off + (size_t)s * BL_LROW;
    OK(r != NULL, "an occupied lexicon row");
    if (!r) break;
    uint8_t save[BL_LROW];
    memcpy(save, r, BL_LROW);
    r[7] = 0x80; /* a gazetteer bit no list has */
    reseal(b, (size_t)flen);
    expect_bad(b, (size_t)flen, BL_EFORMAT, "lexicon gazetteer bits");
    memcpy(r, save, BL_LROW);
    put32(r, 0); /* one occupied slot fewer than declared */
    reseal(b, (size_t)flen);
    expect_bad(b, (size_t)flen, BL_EFORMAT, "lexicon count");
    memcpy(r, save, BL_LROW);
    r[4] = 0xFF; /* fine cluster id out of range */
    r[5] = 0xFF;
    reseal(b, (size_t)flen);
    expect_bad(b, (size_t)flen, BL_EFORMAT, "lexicon cluster id");
    memcpy(r, save, BL_LROW);
    r[11] = 0x80; /* POS class bit beyond the classes */
    reseal(b, (size_t)flen);
    expect_bad(b, (size_t)flen, BL_EFORMAT, "lexicon POS classes");
    memcpy(r, save, BL_LROW);
    reseal(b, (size_t)flen);
    bl_model *m2 = NULL;
    INT_EQ(bl_model_from_buffer(b, (size_t)flen, &m2), BL_OK, "restored loads");
    bl_model_free(m2);
  }
  free(b);
}

int main(void) {
  test_names();
  test_fixture();
  test_corrupt();
  test_pos2();
  test_ner2_skip();
  test_trained();
  return T_summary("test_tagger");
}
