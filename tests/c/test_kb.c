/* test_kb.c -- knowledge-base builder, loader and matcher. */
#define _POSIX_C_SOURCE 200809L
#include "bl_internal.h"
#include "byline.h"
#include "harness.h"

#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

static int add(bl_kb_builder *b, const char *id, const char *name, int label,
               int kind, const char *country, int role,
               const char *const *aliases, const uint32_t *aflags,
               size_t n) {
  bl_kb_record r;
  memset(&r, 0, sizeof(r));
  r.kb_id = id;
  r.name = name;
  r.label = label;
  r.kind = kind;
  r.country = country;
  r.role = role;
  r.aliases = aliases;
  r.alias_flags = aflags;
  r.n_aliases = n;
  return bl_kb_builder_add(b, &r);
}

/* A small fixture KB image; caller frees with bl_free. */
static void *fixture(size_t *len) {
  bl_kb_builder *b = bl_kb_builder_new();
  static const char *const china[] = {"People's Republic of China", "Chinese",
                                      "chinese"};
  static const uint32_t china_f[] = {0, BL_KBA_DEMONYM, 0};
  static const char *const us[] = {"United States", "US", "U.S.",
                                   "United States of America"};
  static const char *const who[] = {"WHO"};
  static const char *const may[] = {"May"};
  static const uint32_t may_f[] = {BL_KBA_CASE};
  static const char *const sp[] = {"Sao Paulo"};
  int rc = 0;
  rc |= add(b, "Q148", "China", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, NULL, 0,
            china, china_f, 3) < 0;
  rc |= add(b, "Q159", "Russia", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, NULL, 0,
            NULL, NULL, 0) < 0;
  rc |= add(b, "Q649", "Moscow", BL_LABEL_GPE, BL_KB_KIND_CITY, "Q159",
            BL_KB_ROLE_CAPITAL, NULL, NULL, 0) < 0;
  rc |= add(b, "Q30", "United States", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, NULL,
            0, us, NULL, 4) < 0;
  rc |= add(b, "Q7817", "World Health Organization", BL_LABEL_ORG,
            BL_KB_KIND_ORG, NULL, 0, who, NULL, 1) < 0;
  rc |= add(b, "Q60", "New York City", BL_LABEL_GPE, BL_KB_KIND_CITY, "Q30",
            0, NULL, NULL, 0) < 0;
  rc |= add(b, "Q1384", "New York", BL_LABEL_GPE, BL_KB_KIND_REGION, "Q30",
            0, NULL, NULL, 0) < 0;
  rc |= add(b, "Q810", "Jordan", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, NULL, 0,
            NULL, NULL, 0) < 0;
  rc |= add(b, "bl:fn:jordan", "Jordan", BL_LABEL_NONE, BL_KB_KIND_FIRST_NAME,
            NULL, 0, NULL, NULL, 0) < 0;
  rc |= add(b, "Q95040", "Theresa May", BL_LABEL_PERSON, BL_KB_KIND_PERSON,
            NULL, 0, may, may_f, 1) < 0;
  rc |= add(b, "Q174", "S\xC3\xA3o Paulo", BL_LABEL_GPE, BL_KB_KIND_CITY,
            NULL, 0, sp, NULL, 1) < 0;
  void *img = NULL;
  if (!rc) rc = bl_kb_builder_finish(b, &img, len) < 0;
  bl_kb_builder_free(b);
  return rc ? NULL : img;
}

/* Whether the tokenizer folds case into norm_hash yet (the tokenizer is
 * another stage's; the case-insensitive checks need it). */
static int folds_case(void) {
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.stages = BL_STAGE_TOKENS;
  bl_doc *doc = NULL;
  if (bl_analyze(&cfg, "China china", 11, 0, NULL, &doc) < 0) return 0;
  const bl_tokx *x = doc->tokx.data;
  int r = doc->tokx.len == 2 && x[0].norm_hash == x[1].norm_hash;
  bl_doc_free(doc);
  return r;
}

typedef struct {
  bl_kb_hit *hits;
  size_t n;
} hits_t;

static hits_t match(const bl_kb *kb, const char *text, unsigned opts) {
  hits_t h = {NULL, 0};
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.stages = BL_STAGE_TOKENS;
  bl_doc *doc = NULL;
  if (bl_analyze(&cfg, text, strlen(text), 0, NULL, &doc) < 0) return h;
  const bl_kb *kbs[1] = {kb};
  if (bl_kb_match(kbs, 1, doc, opts, &h.hits, &h.n) < 0) h.n = 0;
  bl_doc_free(doc);
  return h;
}

static const char *hit_id(const bl_kb *kb, const bl_kb_hit *h) {
  bl_kb_entry e;
  if (bl_kb_entry_get(kb, (size_t)h->entry, &e) < 0) return "?";
  return e.kb_id;
}

static void test_build_and_match(void) {
  size_t len = 0;
  void *img = fixture(&len);
  OK(img != NULL, "fixture builds");
  if (!img) return;
  bl_kb *kb = NULL;
  INT_EQ(bl_kb_from_buffer(img, len, 1, &kb), BL_OK, "opens");
  INT_EQ(bl_kb_n_entries(kb), 11, "entries");

  int32_t al[8];
  hits_t h = match(kb, "talks in the United States and China today", 0);
  INT_EQ(h.n, 2, "two hits");
  if (h.n == 2) {
    STR_EQ(hit_id(kb, &h.hits[0]), "Q30", "United States");
    INT_EQ(h.hits[0].start, 13, "start cp");
    INT_EQ(h.hits[0].end, 26, "end cp");
    INT_EQ(h.hits[0].tok_end - h.hits[0].tok_start, 2, "two tokens");
    STR_EQ(hit_id(kb, &h.hits[1]), "Q148", "China");
    OK(h.hits[1].flags & BL_KBA_NAME, "canonical name alias");
  }
  bl_free(h.hits);

  /* leftmost-longest: the longer alias wins */
  h = match(kb, "in New York City now", 0);
  INT_EQ(h.n, 1, "one hit");
  if (h.n) STR_EQ(hit_id(kb, &h.hits[0]), "Q60", "New York City");
  bl_free(h.hits);
  h = match(kb, "in New York City now", BL_KBM_ALL);
  INT_EQ(h.n, 2, "all: nested hit too");
  if (h.n == 2) {
    STR_EQ(hit_id(kb, &h.hits[0]), "Q60", "longest first");
    STR_EQ(hit_id(kb, &h.hits[1]), "Q1384", "then New York");
  }
  bl_free(h.hits);

  /* case: all-caps aliases are case-sensitive automatically */
  h = match(kb, "who knows what the WHO said about us and the US", 0);
  INT_EQ(h.n, 2, "WHO and US only");
  if (h.n == 2) {
    STR_EQ(hit_id(kb, &h.hits[0]), "Q7817", "WHO");
    OK(h.hits[0].flags & BL_KBA_CASE, "WHO alias is case-sensitive");
    STR_EQ(hit_id(kb, &h.hits[1]), "Q30", "US");
  }
  bl_free(h.hits);
  h = match(kb, "in may she met May", 0);
  INT_EQ(h.n, 1, "only capitalised May");
  if (h.n) INT_EQ(h.hits[0].start, 15, "May offset");
  bl_free(h.hits);
  /* ...while ordinary aliases are case-insensitive */
  if (folds_case()) {
    h = match(kb, "CHINA and china", 0);
    INT_EQ(h.n, 2, "case-insensitive by default");
    bl_free(h.hits);
    INT_EQ(bl_kb_lookup(kb, "SAO PAULO", 9, al, 8), 2,
           "both Sao Paulo aliases");
    /* "Chinese" and "chinese" normalise alike: one hit, flags merged */
    h = match(kb, "a Chinese envoy", 0);
    INT_EQ(h.n, 1, "one hit per entry and span");
    if (h.n) OK(h.hits[0].flags & BL_KBA_DEMONYM, "demonym flag merged");
    bl_free(h.hits);
  }

  /* ambiguous alias: one hit per candidate entry */
  h = match(kb, "Jordan", 0);
  INT_EQ(h.n, 2, "two candidates");
  if (h.n == 2) {
    STR_EQ(hit_id(kb, &h.hits[0]), "Q810", "country");
    STR_EQ(hit_id(kb, &h.hits[1]), "bl:fn:jordan", "first name");
  }
  bl_free(h.hits);

  /* never inside a token, never across a partial token */
  h = match(kb, "Chinatown Russian NewYork", 0);
  INT_EQ(h.n, 0, "no mid-word hits");
  bl_free(h.hits);

  /* code points, not bytes */
  h = match(kb, "\xC3\xA9t\xC3\xA9 \xE2\x80\x94 Russia", 0);
  INT_EQ(h.n, 1, "Russia after non-ASCII");
  if (h.n) {
    INT_EQ(h.hits[0].start, 6, "cp start");
    INT_EQ(h.hits[0].end, 12, "cp end");
  }
  bl_free(h.hits);

  /* lookup and find */
  int n = bl_kb_lookup(kb, "China", 5, al, 8);
  INT_EQ(n, 1, "lookup china");
  int32_t ent = -1;
  const char *text = NULL;
  uint32_t fl = 0;
  if (n == 1) {
    INT_EQ(bl_kb_alias_get(kb, (size_t)al[0], &text, &fl, &ent), BL_OK, "alias");
    STR_EQ(text, "China", "alias text");
    INT_EQ(ent, bl_kb_find(kb, "Q148"), "alias entry");
  }
  INT_EQ(bl_kb_lookup(kb, "who", 3, al, 8), 0, "lowercase who: none");
  INT_EQ(bl_kb_lookup(kb, "WHO", 3, al, 8), 1, "WHO");
  /* "Chinese", and "chinese" too when the tokenizer folds case */
  INT_EQ(bl_kb_lookup(kb, "Chinese", 7, al, 8), folds_case() ? 2 : 1,
         "demonym");
  bl_kb_alias_get(kb, (size_t)al[0], NULL, &fl, NULL);
  OK(fl & BL_KBA_DEMONYM, "demonym flag");
  INT_EQ(bl_kb_find(kb, "nope"), -1, "unknown id");

  /* links */
  bl_kb_entry e;
  int32_t moscow = bl_kb_find(kb, "Q649");
  OK(moscow >= 0, "Moscow found");
  INT_EQ(bl_kb_entry_get(kb, (size_t)moscow, &e), BL_OK, "entry");
  INT_EQ(e.country, bl_kb_find(kb, "Q159"), "capital of Russia");
  INT_EQ(e.role, BL_KB_ROLE_CAPITAL, "role");
  STR_EQ(e.country_id, "Q159", "country id");
  STR_EQ(bl_kb_kind_name(e.kind), "city", "kind name");
  INT_EQ(bl_kb_entry_get(kb, 99, &e), BL_EINVAL, "out of range");
  int32_t cn = bl_kb_find(kb, "Q148");
  bl_kb_entry_get(kb, (size_t)cn, &e);
  INT_EQ(e.n_aliases, 4, "China: name + 3 aliases");
  INT_EQ(e.country, -1, "no link");

  bl_kb_free(kb);
  bl_free(img);
}

static void test_deterministic(void) {
  size_t l1 = 0, l2 = 0;
  void *a = fixture(&l1), *b = fixture(&l2);
  OK(a && b && l1 == l2 && memcmp(a, b, l1) == 0, "same bytes twice");
  bl_free(a);
  bl_free(b);
}

static void test_corrupt(void) {
  size_t len = 0;
  unsigned char *img = fixture(&len);
  if (!img) return;
  bl_kb *kb = NULL;
  /* every truncation fails cleanly */
  int bad = 0;
  for (size_t n = 0; n < len; n++) {
    char *cut = T_exact((const char *)img, n);
    int rc = bl_kb_from_buffer(cut, n, 1, &kb);
    if (rc >= 0 || kb) bad++;
    if (n >= 64 && rc != BL_ETRUNCATED) bad++;
    free(cut);
  }
  INT_EQ(bad, 0, "truncations rejected");
  /* every single-bit flip is rejected */
  bad = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char *c = (unsigned char *)T_exact((const char *)img, len);
    c[i] ^= (unsigned char)(1u << (i % 8));
    int rc = bl_kb_from_buffer(c, len, 0, &kb);
    if (rc >= 0) {
      bad++;
      bl_kb_free(kb);
    }
    free(c);
  }
  INT_EQ(bad, 0, "bit flips rejected");
  /* foreign file, version */
  INT_EQ(bl_kb_from_buffer("GIF89a.............................................................",
                           66, 1, &kb),
         BL_EFORMAT, "foreign");
  unsigned char *v = (unsigned char *)T_exact((const char *)img, len);
  v[8] ^= 0x7f; /* version field */
  INT_EQ(bl_kb_from_buffer(v, len, 1, &kb), BL_EVERSION, "version");
  free(v);
  /* trailing bytes */
  unsigned char *longer = calloc(len + 8, 1);
  memcpy(longer, img, len);
  INT_EQ(bl_kb_from_buffer(longer, len + 8, 1, &kb), BL_EFORMAT, "trailing");
  free(longer);
  bl_free(img);
}

static void test_file(void) {
  size_t len = 0;
  void *img = fixture(&len);
  if (!img) return;
  char path[] = "/tmp/bl_test_kb_XXXXXX";
  int fd = mkstemp(path);
  OK(fd >= 0, "tmp file");
  if (fd < 0) return;
  OK(write(fd, img, len) == (ssize_t)len, "write");
  close(fd);
  bl_kb *kb = NULL;
  INT_EQ(bl_kb_load(path, &kb), BL_OK, "load");
  INT_EQ(bl_kb_find(kb, "Q30"), 3, "find after load");
  bl_kb_free(kb);
  INT_EQ(bl_kb_load("/nonexistent/x.blkb", &kb), BL_EIO, "missing file");
  INT_EQ(bl_kb_load("/tmp", &kb), BL_EIO, "directory");
  OK(truncate(path, 100) == 0, "truncate");
  INT_EQ(bl_kb_load(path, &kb), BL_ETRUNCATED, "truncated file");
  unlink(path);
  bl_free(img);
}

static void test_builder_errors(void) {
  bl_kb_builder *b = bl_kb_builder_new();
  INT_EQ(add(b, "", "x", 0, 0, NULL, 0, NULL, NULL, 0), BL_EINVAL, "empty id");
  INT_EQ(add(b, "a", "x", 99, 0, NULL, 0, NULL, NULL, 0), BL_EINVAL, "label");
  INT_EQ(add(b, "a", "bad\xff", 1, 0, NULL, 0, NULL, NULL, 0), BL_EINVAL,
         "utf8");
  INT_EQ(add(b, "a", "x", 1, 0, NULL, 0, NULL, NULL, 0), 0, "ok");
  INT_EQ(add(b, "a", "y", 1, 0, NULL, 0, NULL, NULL, 0), 1, "dup id added");
  void *img = NULL;
  size_t len = 0;
  INT_EQ(bl_kb_builder_finish(b, &img, &len), BL_EINVAL, "dup id at finish");
  bl_kb_builder_free(b);
  /* empty KB is valid */
  b = bl_kb_builder_new();
  INT_EQ(bl_kb_builder_finish(b, &img, &len), BL_OK, "empty kb");
  bl_kb *kb = NULL;
  INT_EQ(bl_kb_from_buffer(img, len, 0, &kb), BL_OK, "empty opens");
  INT_EQ(bl_kb_n_entries(kb), 0, "no entries");
  hits_t h = match(kb, "anything at all", 0);
  INT_EQ(h.n, 0, "no hits");
  bl_kb_free(kb);
  bl_free(img);
  bl_kb_builder_free(b);
}

int main(void) {
  test_build_and_match();
  test_deterministic();
  test_corrupt();
  test_file();
  test_builder_errors();
  return T_summary("test_kb");
}
