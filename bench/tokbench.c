/* tokbench.c -- the C tokenizer alone: throughput in CPU time and a
 * checksum of every per-token output, without Python.
 *
 * Input files hold documents as <uint32 little-endian length><UTF-8 bytes>,
 * as written by `bench/bench_tokenize.py --export DIR`.  For each file it
 * prints the checksum of all token tables (start, end, kind, flags, byte
 * offsets, normalised form, norm_hash, exact_hash; with --sentences also
 * the sentence and paragraph tables) and the best CPU time of --repeat runs,
 * one bl_analyze per document and the whole file as one document.  A
 * tokenizer change that must not change the output keeps the checksums.
 *
 *   make build/c/tokbench
 *   build/c/tokbench [--repeat N] [--sentences] [--no-1doc|--only-1doc]
 *                    [--validate] FILE...
 */
#define _POSIX_C_SOURCE 199309L
#include "bl_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  char *data;
  size_t len;
  size_t *off, *n;
  size_t ndocs;
} S_corpus;

static int S_load(const char *path, S_corpus *c) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  c->data = malloc((size_t)sz + 1);
  if (!c->data || fread(c->data, 1, (size_t)sz, f) != (size_t)sz) {
    fclose(f);
    return -1;
  }
  fclose(f);
  size_t cap = 1024, p = 0;
  c->off = malloc(cap * sizeof(size_t));
  c->n = malloc(cap * sizeof(size_t));
  c->ndocs = 0;
  c->len = 0;
  while (p + 4 <= (size_t)sz) {
    const unsigned char *h = (const unsigned char *)c->data + p;
    size_t n = (size_t)h[0] | (size_t)h[1] << 8 | (size_t)h[2] << 16 |
               (size_t)h[3] << 24;
    p += 4;
    if (p + n > (size_t)sz) return -1;
    if (c->ndocs == cap) {
      cap *= 2;
      c->off = realloc(c->off, cap * sizeof(size_t));
      c->n = realloc(c->n, cap * sizeof(size_t));
    }
    c->off[c->ndocs] = p;
    c->n[c->ndocs] = n;
    c->ndocs++;
    c->len += n;
    p += n;
  }
  return 0;
}

static double S_cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Order-dependent running checksum. */
static uint64_t S_mix(uint64_t h, const void *p, size_t n) {
  return bl_fmix64(h ^ bl_hash_bytes(p, n)) + 0x9E3779B97F4A7C15ULL;
}

static uint64_t S_doc_sum(uint64_t h, const bl_doc *d, int sentences) {
  h = S_mix(h, d->tokens.data, d->tokens.len * sizeof(bl_token));
  for (size_t i = 0; i < d->tokx.len; i++) {
    const bl_tokx *x = &BL_VEC_AT(&d->tokx, bl_tokx, i);
    uint64_t v[4] = {(uint64_t)(uint32_t)x->bstart | (uint64_t)(uint32_t)x->bend << 32,
                     x->norm_len, x->norm_hash, x->exact_hash};
    h = S_mix(h, v, sizeof v);
    h = S_mix(h, (const char *)d->norm.data + x->norm_off, x->norm_len);
  }
  if (sentences) {
    h = S_mix(h, d->sentences.data, d->sentences.len * sizeof(bl_sentence));
    h = S_mix(h, d->paragraphs.data, d->paragraphs.len * sizeof(bl_paragraph));
  }
  return h;
}

int main(int argc, char **argv) {
  int repeat = 3, sentences = 0, one = 1, trusted = 1, per_doc = 1;
  int a = 1;
  for (; a < argc && argv[a][0] == '-'; a++) {
    if (!strcmp(argv[a], "--repeat") && a + 1 < argc) repeat = atoi(argv[++a]);
    else if (!strcmp(argv[a], "--sentences")) sentences = 1;
    else if (!strcmp(argv[a], "--no-1doc")) one = 0;
    else if (!strcmp(argv[a], "--only-1doc")) per_doc = 0;
    else if (!strcmp(argv[a], "--validate")) trusted = 0;
    else {
      fprintf(stderr, "usage: %s [--repeat N] [--sentences] [--no-1doc|--only-1doc] [--validate] FILE...\n",
              argv[0]);
      return 2;
    }
  }
  bl_config cfg = {{0}, 0, NULL,
                   sentences ? BL_STAGE_TOKENS | BL_STAGE_SENTENCES : BL_STAGE_TOKENS, 0};
  for (; a < argc; a++) {
    S_corpus c;
    if (S_load(argv[a], &c) < 0) {
      fprintf(stderr, "cannot read %s\n", argv[a]);
      return 1;
    }
    /* checksum, per document */
    uint64_t h = 0;
    size_t ntok = 0;
    for (size_t i = 0; i < c.ndocs; i++) {
      bl_doc *d = NULL;
      if (bl_analyze(&cfg, c.data + c.off[i], c.n[i], trusted, NULL, &d) < 0) {
        fprintf(stderr, "analyze failed on doc %zu\n", i);
        return 1;
      }
      h = S_doc_sum(h, d, sentences);
      ntok += d->tokens.len;
      bl_doc_free(d);
    }
    double best = 1e30;
    for (int r = 0; r < (per_doc ? repeat : 0); r++) {
      double t0 = S_cpu();
      for (size_t i = 0; i < c.ndocs; i++) {
        bl_doc *d = NULL;
        bl_analyze(&cfg, c.data + c.off[i], c.n[i], trusted, NULL, &d);
        bl_doc_free(d);
      }
      double t = S_cpu() - t0;
      if (t < best) best = t;
    }
    printf("%-28s docs %6zu  MB %6.2f  tokens %8zu  checksum %016llx  per-doc %7.1f MB/s",
           argv[a], c.ndocs, c.len / 1e6, ntok, (unsigned long long)h, c.len / 1e6 / best);
    if (one) {
      /* the whole file as one document, documents joined by blank lines */
      char *all = malloc(c.len + 2 * c.ndocs + 1);
      size_t w = 0;
      for (size_t i = 0; i < c.ndocs; i++) {
        if (i) {
          all[w++] = '\n';
          all[w++] = '\n';
        }
        memcpy(all + w, c.data + c.off[i], c.n[i]);
        w += c.n[i];
      }
      double best1 = 1e30;
      for (int r = 0; r < repeat; r++) {
        double t0 = S_cpu();
        bl_doc *d = NULL;
        bl_analyze(&cfg, all, w, trusted, NULL, &d);
        bl_doc_free(d);
        double t = S_cpu() - t0;
        if (t < best1) best1 = t;
      }
      printf("  1doc %7.1f MB/s", w / 1e6 / best1);
      free(all);
    }
    printf("\n");
    free(c.data);
    free(c.off);
    free(c.n);
  }
  return 0;
}
