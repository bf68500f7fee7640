/* test_doc.c -- document lifecycle, tables and names. */
#include "byline.h"
#include "harness.h"

static void test_empty(void) {
  bl_config cfg = {{0}, 0, NULL, 0, 0};
  bl_doc *doc = NULL;
  INT_EQ(bl_analyze(&cfg, "", 0, 0, NULL, &doc), BL_OK, "empty ok");
  size_t n = 99;
  OK(bl_doc_table(doc, BL_TABLE_TOKENS, &n) == NULL, "no tokens");
  INT_EQ(n, 0, "zero rows");
  bl_doc_free(doc);
}

static void test_bad_utf8(void) {
  bl_config cfg = {{0}, 0, NULL, 0, 0};
  bl_doc *doc = NULL;
  size_t off = 0;
  char *s = T_exact("ab\xff", 3);
  INT_EQ(bl_analyze(&cfg, s, 3, 0, &off, &doc), BL_EUTF8, "bad utf8");
  INT_EQ(off, 2, "offset of bad byte");
  OK(doc == NULL, "no doc");
  free(s);
}

static void test_names(void) {
  size_t n = 0;
  const char *const *cols = bl_table_columns(BL_TABLE_ENTITIES, &n);
  OK(cols != NULL, "entity columns");
  INT_EQ(n, sizeof(bl_entity) / 4, "column count matches struct");
  STR_EQ(bl_table_name(BL_TABLE_QUOTES), "quotes", "table name");
  STR_EQ(bl_enum_name(BL_ENUM_LABEL, BL_LABEL_GPE), "GPE", "label name");
  OK(bl_enum_name(BL_ENUM_LABEL, BL_LABEL_COUNT) == NULL, "label end");
  OK(bl_table_columns(BL_TABLE_COUNT, &n) == NULL, "unknown table");
}

int main(void) {
  test_empty();
  test_bad_utf8();
  test_names();
  return T_summary("test_doc");
}
