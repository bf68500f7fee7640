/* kbscan.c -- the match-only KB scanner alone (bl_kb_match_text), without
 * Python: CPU time of one call per document, best of --repeat runs, and a
 * checksum of every hit row (a change that must not change the hits keeps
 * the checksum).
 *
 * The KB files are the ones bench/bench_matcher.py writes
 * (bench/out/bench_<N>.blkb); the corpus is the same 2 MB of BBC articles,
 * exported as <uint32 little-endian length><UTF-8 bytes> records:
 *
 *   .venv/bin/python bench/bench_matcher.py --sizes 10000,100000 \
 *       --engines byline --export-corpus build/bbc2mb.bin
 *   make kbscan
 *   build/c/kbscan [--repeat N] [--portable] bench/out/bench_10000.blkb build/bbc2mb.bin
 *
 * --portable runs the skip mode compiled for any CPU (BL__KBM_PORTABLE).
 */
#define _POSIX_C_SOURCE 199309L
#include "bl_internal.h"
#include "bl_kb_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double S_cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int repeat = 20, a = 1;
  unsigned opt = 0;
  for (; a < argc && argv[a][0] == '-'; a++) {
    if (!strcmp(argv[a], "--repeat") && a + 1 < argc) repeat = atoi(argv[++a]);
    else if (!strcmp(argv[a], "--portable")) opt |= BL__KBM_PORTABLE;
    else break;
  }
  if (argc - a != 2 || repeat < 1) {
    fprintf(stderr, "usage: kbscan [--repeat N] [--portable] KB CORPUS\n");
    return 2;
  }
  bl_kb *kb = NULL;
  int rc = bl_kb_load(argv[a], &kb);
  if (rc < 0) {
    fprintf(stderr, "kbscan: cannot load %s (status %d)\n", argv[a], rc);
    return 1;
  }
  FILE *f = fopen(argv[a + 1], "rb");
  if (!f) {
    perror(argv[a + 1]);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  long sz = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *data = malloc(sz > 0 ? (size_t)sz : 1);
  if (!data || fread(data, 1, (size_t)sz, f) != (size_t)sz) {
    fprintf(stderr, "kbscan: cannot read %s\n", argv[a + 1]);
    return 1;
  }
  fclose(f);
  size_t cap = 1024, nd = 0, p = 0, total = 0;
  size_t *off = malloc(cap * sizeof *off), *len = malloc(cap * sizeof *len);
  while (off && len && p + 4 <= (size_t)sz) {
    size_t n = (size_t)data[p] | (size_t)data[p + 1] << 8 |
               (size_t)data[p + 2] << 16 | (size_t)data[p + 3] << 24;
    if (n > (size_t)sz - p - 4) break;
    if (nd == cap) {
      cap *= 2;
      off = realloc(off, cap * sizeof *off);
      len = realloc(len, cap * sizeof *len);
      if (!off || !len) break;
    }
    off[nd] = p + 4;
    len[nd] = n;
    nd++;
    total += n;
    p += 4 + n;
  }
  if (!off || !len) return 1;
  const bl_kb *kbs[1] = {kb};
  double best = 1e30;
  unsigned long long sum = 0, hits = 0;
  bl_vec v;
  bl_vec_init(&v, sizeof(bl_kb_hit));
  for (int r = 0; r < repeat; r++) {
    double t0 = S_cpu();
    sum = hits = 0;
    for (size_t i = 0; i < nd; i++) {
      v.len = 0;
      rc = bl__kb_match_text(kbs, 1, (const char *)data + off[i], len[i], 1,
                             NULL, opt, &v);
      if (rc < 0) {
        fprintf(stderr, "kbscan: document %zu: status %d\n", i, rc);
        return 1;
      }
      const int32_t *h = v.data;
      for (size_t k = 0; k < v.len * (sizeof(bl_kb_hit) / 4); k++)
        sum = sum * 31 + (uint32_t)h[k];
      hits += v.len;
    }
    double dt = S_cpu() - t0;
    if (dt < best) best = dt;
  }
  printf("%zu docs, %.2f MB, %llu hits, checksum %016llx, best of %d: %.3f ms "
         "CPU, %.1f MB/s\n",
         nd, (double)total / 1e6, hits, sum, repeat, best * 1e3,
         (double)total / 1e6 / best);
  bl_vec_free(&v);
  free(off);
  free(len);
  free(data);
  bl_kb_free(kb);
  return 0;
}
