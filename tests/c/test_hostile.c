/* test_hostile.c -- hostile input and API misuse at the C level (issue 8).
 *
 * Every input is copied into an exactly sized heap buffer (T_exact) so the
 * ASan build (tools/ci_reliability.sh asan-c) catches any over-read; every
 * successful analysis is checked with tests/c/doc_invariants.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline.h"
#include "doc_invariants.h"
#include "harness.h"

static bl_config S_cfg(uint32_t stages) {
  bl_config c;
  memset(&c, 0, sizeof c);
  c.stages = stages;
  return c;
}

/* Analyses n bytes (validated, then trusted when valid) and checks every
 * invariant.  Returns the token count, or -1 on an error status. */
static long S_check(const char *what, const char *s, size_t n, int trusted) {
  bl_config cfg = S_cfg(0);
  char *buf = T_exact(s, n);
  bl_doc *doc = NULL;
  int rc = bl_analyze(&cfg, buf, n, trusted, NULL, &doc);
  long ntok = -1;
  if (rc == BL_OK) {
    char why[256];
    const char *err = bl_check_doc(doc, 0, 0, why, sizeof why);
    if (err) fprintf(stderr, "  %s: %s\n", what, err);
    OK(err == NULL, what);
    size_t nt = 0;
    bl_doc_table(doc, BL_TABLE_TOKENS, &nt);
    ntok = (long)nt;
    if (!trusted) {
      bl_doc *doc2 = NULL;
      INT_EQ(bl_analyze(&cfg, buf, n, 1, NULL, &doc2), BL_OK, what);
      OK(doc2 && bl_docs_equal(doc, doc2), "trusted path agrees");
      bl_doc_free(doc2);
    }
  } else {
    OK(doc == NULL, "no doc on error");
  }
  bl_doc_free(doc);
  free(buf);
  return ntok;
}

/* A string of `unit` repeated `times`. */
static char *S_repeat(const char *unit, size_t times, size_t *len) {
  size_t u = strlen(unit);
  char *s = malloc(u * times + 1);
  for (size_t i = 0; i < times; i++) memcpy(s + i * u, unit, u);
  s[u * times] = 0;
  *len = u * times;
  return s;
}

static void test_api_misuse(void) {
  bl_config cfg = S_cfg(0);
  bl_doc *doc = (bl_doc *)&cfg; /* must be overwritten with NULL */
  char one = 'x';
  INT_EQ(bl_analyze(NULL, "x", 1, 0, NULL, &doc), BL_EINVAL, "NULL cfg");
  INT_EQ(bl_analyze(&cfg, "x", 1, 0, NULL, NULL), BL_EINVAL, "NULL out");
  INT_EQ(bl_analyze(&cfg, NULL, 5, 0, NULL, &doc), BL_EINVAL, "NULL text");
  doc = NULL;
  INT_EQ(bl_analyze(&cfg, NULL, 0, 0, NULL, &doc), BL_OK, "NULL empty text");
  bl_doc_free(doc);
  /* Over the limit: refused before a single byte is read. */
  INT_EQ(bl_analyze(&cfg, &one, BL_MAX_TEXT_BYTES + 1, 0, NULL, &doc),
         BL_ETOOBIG, "over BL_MAX_TEXT_BYTES");
  OK(doc == NULL, "no doc when too big");
  INT_EQ(bl_analyze(&cfg, &one, SIZE_MAX, 1, NULL, &doc), BL_ETOOBIG,
         "SIZE_MAX");
  cfg.options = 1;
  INT_EQ(bl_analyze(&cfg, "x", 1, 0, NULL, &doc), BL_EINVAL, "options != 0");
  cfg = S_cfg(0);
  cfg.n_kbs = BL_MAX_KB_LAYERS + 1;
  INT_EQ(bl_analyze(&cfg, "x", 1, 0, NULL, &doc), BL_EINVAL, "too many kbs");
  cfg.n_kbs = -1;
  INT_EQ(bl_analyze(&cfg, "x", 1, 0, NULL, &doc), BL_EINVAL, "negative kbs");
  cfg.n_kbs = 1; /* kbs[0] is NULL */
  INT_EQ(bl_analyze(&cfg, "x", 1, 0, NULL, &doc), BL_EINVAL, "NULL kb layer");
  cfg = S_cfg(0xffffffffu);
  INT_EQ(bl_analyze(&cfg, "x", 1, 0, NULL, &doc), BL_EINVAL, "unknown stages");
  OK(doc == NULL, "no doc on misuse");

  bl_doc_free(NULL);
  size_t n = 7;
  OK(bl_doc_table(NULL, BL_TABLE_TOKENS, &n) == NULL && n == 0, "NULL doc");
  OK(bl_doc_length(NULL) == 0, "NULL doc length");
  OK(bl_table_name(-1) == NULL && bl_table_name(BL_TABLE_COUNT) == NULL,
     "bad table id");
  OK(bl_table_columns(-5, NULL) == NULL, "bad table id, NULL count");
  for (int e = -2; e <= BL_ENUM_COUNT + 1; e++) {
    OK(bl_enum_name(e, -1) == NULL, "negative enum value");
    OK(bl_enum_name(e, 1 << 30) == NULL, "huge enum value");
  }
  OK(bl_strerror(12345) != NULL && bl_strerror(-12345) != NULL, "strerror");
}

static void test_invalid_utf8(void) {
  static const struct {
    const char *s;
    size_t n, off;
  } cases[] = {
      {"ab\xff", 3, 2},          {"\x80", 1, 0},
      {"caf\xc3", 4, 3},         {"\xc0\xaf", 2, 0},
      {"ok \xed\xa0\x80", 6, 3}, {"\xf4\x90\x80\x80", 4, 0},
      {"\xe2\x82", 2, 0},        {"a\x00\xff", 3, 2},
  };
  bl_config cfg = S_cfg(0);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *buf = T_exact(cases[i].s, cases[i].n);
    bl_doc *doc = NULL;
    size_t off = 999;
    INT_EQ(bl_analyze(&cfg, buf, cases[i].n, 0, &off, &doc), BL_EUTF8,
           "invalid UTF-8 rejected");
    INT_EQ(off, cases[i].off, "offset of first bad byte");
    OK(doc == NULL, "no doc");
    free(buf);
  }
}

static void test_generalised_utf8(void) {
  /* What the binding passes for a Python str with lone surrogates. */
  const char s[] = "a \xed\xa0\x80 b \xed\xbf\xbf\xed\xa0\x80 \"\xed\xb0\x80\" c";
  long nt = S_check("lone surrogates (trusted)", s, sizeof s - 1, 1);
  OK(nt >= 3, "tokens around surrogates");
  const char nul[] = "Wang\0Yi said \0\"x\"\0";
  S_check("NULs", nul, sizeof nul - 1, 0);
}

static void test_pathological(void) {
  static const struct {
    const char *unit;
    size_t times;
  } cases[] = {
      {"\"", 1000000},          {"\xe2\x80\x9c", 1000000}, /* “ */
      {"\xe2\x80\x9d", 300000}, {"'", 1000000},
      {"\" ", 500000},          {"\"a", 500000},
      {"(", 1000000},           {"[", 500000},
      {"\xc2\xab", 500000},     {"Wang Yi ", 500000},
      {"Wang Yi said. ", 100000}, {"A.\n\n", 200000},
      {"\n", 1000000},          {"a", 10 * 1024 * 1024},
      {"\xcc\x81", 300000},      /* combining acute, no base */
      {"\xf0\x9f\x98\x80", 500000}, {"-", 1000000},
      {"\xe2\x80\x94", 300000}, /* em dash */
      {"Mr. ", 300000},         {"U.S. ", 300000},
  };
  char what[64];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t n = 0;
    char *s = S_repeat(cases[i].unit, cases[i].times, &n);
    snprintf(what, sizeof what, "pathological case %zu", i);
    OK(S_check(what, s, n, 0) >= 0, what);
    free(s);
  }
  /* Nested brackets, then closed. */
  size_t n = 0;
  char *open = S_repeat("(", 500000, &n);
  char *both = malloc(2 * n);
  memcpy(both, open, n);
  memset(both + n, ')', n);
  S_check("nested brackets", both, 2 * n, 0);
  free(both);
  free(open);
}

int main(void) {
  test_api_misuse();
  test_invalid_utf8();
  test_generalised_utf8();
  test_pathological();
  return T_summary("test_hostile");
}
