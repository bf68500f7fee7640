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

/* ---- knowledge base: build, load, analyse ---- */
static const char *const S_aliases_cn[] = {"PRC", "People's Republic of China"};
static const char *const S_aliases_wy[] = {"Wang"};

/* Builds a small KB image; returns a status, *img on success. */
static int S_build_kb(void **img, size_t *len) {
  int rc = BL_OK;
  bl_kb_builder *b = bl_kb_builder_new();
  if (!b) return BL_ENOMEM;
  bl_kb_record r;
  memset(&r, 0, sizeof r);
  r.kb_id = "Q148";
  r.name = "China";
  r.label = BL_LABEL_GPE;
  r.aliases = S_aliases_cn;
  r.n_aliases = 2;
  if ((rc = bl_kb_builder_add(b, &r)) < 0) goto cleanup;
  memset(&r, 0, sizeof r);
  r.kb_id = "Q1";
  r.name = "Wang Yi";
  r.label = BL_LABEL_PERSON;
  r.country = "Q148";
  r.office = "Foreign Minister";
  r.aliases = S_aliases_wy;
  r.n_aliases = 1;
  if ((rc = bl_kb_builder_add(b, &r)) < 0) goto cleanup;
  memset(&r, 0, sizeof r);
  r.kb_id = "Q2";
  r.name = "Moscow";
  r.label = BL_LABEL_GPE;
  if ((rc = bl_kb_builder_add(b, &r)) < 0) goto cleanup;
  rc = bl_kb_builder_finish(b, img, len);
cleanup:
  bl_kb_builder_free(b);
  return rc < 0 ? rc : BL_OK;
}

static void test_kb_build_and_load(S_stats *st) {
  void *ref = NULL;
  size_t ref_len = 0;
  bl_failalloc_set(0);
  long c0 = bl_failalloc_count();
  INT_EQ(S_build_kb(&ref, &ref_len), BL_OK, "clean KB build");
  long total = bl_failalloc_count() - c0;
  int bad = 0;
  for (long i = 1; i <= total; i++) {
    void *img = NULL;
    size_t len = 0;
    bl_failalloc_set(i);
    int rc = S_build_kb(&img, &len);
    bl_failalloc_set(0);
    st->total_runs++;
    if (rc == BL_ENOMEM && img == NULL) {
      st->enomem++;
    } else if (rc == BL_OK && len == ref_len && memcmp(img, ref, len) == 0) {
      st->ok_same++;
    } else if (!bad++) {
      fprintf(stderr, "FAIL kb build: alloc %ld of %ld gave rc=%d\n", i, total, rc);
    }
    bl_free(img);
  }
  INT_EQ(bad, 0, "KB build under allocation failures");

  /* Loading the image (copying and not), then analysing with it. */
  for (int copy = 0; copy <= 1; copy++) {
    bl_kb *kb = NULL;
    bl_failalloc_set(0);
    c0 = bl_failalloc_count();
    INT_EQ(bl_kb_from_buffer(ref, ref_len, copy, &kb), BL_OK, "clean KB load");
    total = bl_failalloc_count() - c0;
    bl_kb_free(kb);
    bad = 0;
    for (long i = 1; i <= total; i++) {
      kb = NULL;
      bl_failalloc_set(i);
      int rc = bl_kb_from_buffer(ref, ref_len, copy, &kb);
      bl_failalloc_set(0);
      st->total_runs++;
      if (rc == BL_ENOMEM && !kb) st->enomem++;
      else if (rc == BL_OK && kb) st->ok_same++;
      else if (!bad++) fprintf(stderr, "FAIL kb load: alloc %ld rc=%d\n", i, rc);
      bl_kb_free(kb);
    }
    INT_EQ(bad, 0, "KB load under allocation failures");
  }
  bl_kb *kb = NULL;
  INT_EQ(bl_kb_from_buffer(ref, ref_len, 1, &kb), BL_OK, "KB for analysis");
  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.kbs[0] = kb;
  cfg.kbs[1] = kb;
  cfg.n_kbs = 2;
  size_t n = sizeof S_text - 1;
  char *text = T_exact(S_text, n);
  S_sweep_analyze("analyze(with KB layers)", &cfg, text, n, st);
  free(text);
  bl_kb_free(kb);
  bl_free(ref);
}

/* ---- the shipped KB and tagger model, when built ---- */
static void test_shipped_files(S_stats *st) {
  const char *kb_path = "python/byline/data/byline.blkb";
  const char *m_path = "python/byline/data/tagger.blm";
  bl_kb *kb = NULL;
  bl_model *m = NULL;
  for (int which = 0; which < 2; which++) {
    const char *path = which ? m_path : kb_path;
    FILE *f = fopen(path, "rb");
    if (!f) {
      printf("test_failalloc: %s not built, skipped its sweep\n", path);
      continue;
    }
    fclose(f);
    bl_failalloc_set(0);
    long c0 = bl_failalloc_count();
    int rc = which ? bl_model_load(path, &m) : bl_kb_load(path, &kb);
    INT_EQ(rc, BL_OK, "clean load of a shipped file");
    long total = bl_failalloc_count() - c0;
    int bad = 0;
    for (long i = 1; i <= total; i++) {
      bl_kb *k2 = NULL;
      bl_model *m2 = NULL;
      bl_failalloc_set(i);
      rc = which ? bl_model_load(path, &m2) : bl_kb_load(path, &k2);
      bl_failalloc_set(0);
      st->total_runs++;
      if (rc == BL_ENOMEM && !k2 && !m2) st->enomem++;
      else if (rc == BL_OK) st->ok_same++;
      else if (!bad++) fprintf(stderr, "FAIL load %s: alloc %ld rc=%d\n", path, i, rc);
      bl_kb_free(k2);
      bl_model_free(m2);
    }
    INT_EQ(bad, 0, "shipped file load under allocation failures");
  }
  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  if (kb) cfg.kbs[cfg.n_kbs++] = kb;
  cfg.model = m;
  size_t n = sizeof S_text - 1;
  char *text = T_exact(S_text, n);
  S_sweep_analyze("analyze(shipped KB + model)", &cfg, text, n, st);
  free(text);
  bl_kb_free(kb);
  bl_model_free(m);
}

int main(void) {
  S_stats st = {0, 0, 0, 0};
  test_vec_overflow();
  test_analyze_all_stages(&st);
  test_analyze_seed(&st);
  test_kb_build_and_load(&st);
  test_shipped_files(&st);
  printf("test_failalloc: %d injected failures (%d ENOMEM, %d recovered "
         "with identical output), max %ld allocations in one analysis\n",
         st.total_runs, st.enomem, st.ok_same, st.max_allocs);
  return T_summary("test_failalloc");
}
#endif
