/* test_failalloc.c -- allocation-failure injection (after pyahocorasick's
 * MEMORY_DEBUG build and runtest.sh sweep).
 *
 * Needs a core built with -DBL_FAILALLOC (`make asan` does so); in the normal
 * build it only reports that it was skipped.  For each operation it first
 * counts the allocations of a clean run, then fails each one in turn: the
 * operation must return BL_ENOMEM (or, if the failed allocation was optional,
 * succeed with exactly the clean result), must hand back no object, and must
 * leak nothing (LeakSanitizer checks at exit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bl_internal.h"
#include "doc_invariants.h"
#include "harness.h"

#ifndef BL_FAILALLOC
int main(void) {
  printf("test_failalloc: skipped (build with -DBL_FAILALLOC: make asan)\n");
  (void)T_exact;
  return T_summary("test_failalloc");
}
#else

/* A text that reaches every stage: names, titles, quotes of several styles,
 * a partial quote, reported speech, relations, abbreviations, numbers, a
 * second paragraph, non-ASCII letters and marks. */
static const char S_text[] =
    "BEIJING (Reuters) - Chinese Foreign Minister Wang Yi met his Russian "
    "counterpart Sergei Lavrov in Moscow on Monday, the U.S. State "
    "Department said.\n\n"
    "\"We will never accept unilateral sanctions,\" Wang said. Lavrov told "
    "reporters that Russia and China were \u201cclose partners\u201d and "
    "that the talks would continue. \u2018It is a good day,\u2019 said "
    "Dr. Maria Gonz\u00e1lez, a spokeswoman for the United Nations in "
    "Gen\u00e8ve.\n\n"
    "President Joe Biden's envoy, who visited Kyiv on Jan. 5, 2023, said "
    "sales rose 3.5% to $1,200 \u2014 \u00ab a record \u00bb \u2013 "
    "according to Acme Corp. He added: \"We are ready.\"\n";

typedef struct {
  int total_runs;
  int enomem;
  int ok_same;
  long max_allocs;
} S_stats;

static char *S_load(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  if (sz < 0) {
    fclose(f);
    return NULL;
  }
  char *buf = malloc((size_t)sz + 1);
  size_t k = fread(buf, 1, (size_t)sz, f);
  fclose(f);
  *n = k;
  return buf;
}

/* Sweeps every allocation of one bl_analyze call. */
static void S_sweep_analyze(const char *name, const bl_config *cfg,
                            const char *text, size_t len, S_stats *st) {
  bl_doc *ref = NULL;
  bl_failalloc_set(0);
  long before = bl_failalloc_count();
  INT_EQ(bl_analyze(cfg, text, len, 0, NULL, &ref), BL_OK, name);
  long total = bl_failalloc_count() - before;
  OK(total > 0, "clean run allocates");
  if (total > st->max_allocs) st->max_allocs = total;
  int bad = 0;
  for (long i = 1; i <= total; i++) {
    bl_doc *doc = NULL;
    bl_failalloc_set(i);
    int rc = bl_analyze(cfg, text, len, 0, NULL, &doc);
    bl_failalloc_set(0);
    st->total_runs++;
    if (rc == BL_ENOMEM) {
      st->enomem++;
      if (doc != NULL && !bad++)
        fprintf(stderr, "FAIL %s: alloc %ld: doc returned with ENOMEM\n",
                name, i);
    } else if (rc == BL_OK && doc && bl_docs_equal(doc, ref)) {
      st->ok_same++;
      bl_doc_free(doc);
    } else {
      if (!bad++)
        fprintf(stderr,
                "FAIL %s: failing alloc %ld of %ld gave rc=%d (%s), doc=%p\n",
                name, i, total, rc, bl_strerror(rc), (void *)doc);
      bl_doc_free(doc);
    }
  }
  INT_EQ(bad, 0, name);
  bl_doc_free(ref);
}

static void test_analyze_all_stages(S_stats *st) {
  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  size_t n = sizeof S_text - 1;
  char *text = T_exact(S_text, n);
  S_sweep_analyze("analyze(all stages)", &cfg, text, n, st);
  for (uint32_t stages = 1; stages < BL_STAGE_ALL; stages = stages * 2 + 1) {
    cfg.stages = stages;
    S_sweep_analyze("analyze(stage prefix)", &cfg, text, n, st);
  }
  free(text);
}

static void test_analyze_seed(S_stats *st) {
  size_t n = 0;
  char *text = S_load("../shared/corpus/seed-wang-yi-russia.txt", &n);
  if (!text) {
    printf("test_failalloc: seed article not found, skipped that sweep\n");
    return;
  }
  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  char *exact = T_exact(text, n);
  S_sweep_analyze("analyze(seed article)", &cfg, exact, n, st);
  free(exact);
  free(text);
}

static void test_vec_overflow(void) {
  bl_vec v;
  bl_vec_init(&v, 8);
  INT_EQ(bl_vec_reserve(&v, SIZE_MAX / 2), BL_ETOOBIG, "vec size overflow");
  bl_vec_free(&v);
  bl_arena a;
  bl_arena_init(&a);
  OK(bl_arena_alloc(&a, SIZE_MAX - 8) == NULL, "arena size overflow");
  bl_arena_free(&a);
}

int main(void) {
  S_stats st = {0, 0, 0, 0};
  test_vec_overflow();
  test_analyze_all_stages(&st);
  test_analyze_seed(&st);
  printf("test_failalloc: %d injected failures (%d ENOMEM, %d recovered "
         "with identical output), max %ld allocations in one analysis\n",
         st.total_runs, st.enomem, st.ok_same, st.max_allocs);
  return T_summary("test_failalloc");
}
#endif
