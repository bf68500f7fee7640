/*
 * bl_kb_impl.h -- the loaded KB and the matcher's inner loop, shared by the
 * token-table matcher (bl_kb.c) and the match-only text scanner
 * (bl_kb_scan.c).  Private to the KB files.
 */
#ifndef BL_KB_IMPL_H
#define BL_KB_IMPL_H

#include "bl_internal.h"
#include "bl_kb_format.h"

/* A loaded, validated image (read-only; shared by threads). */
struct bl_kb {
  const unsigned char *base; /* the image */
  size_t size;
  void *map;     /* mmap'ed region (munmap on free), or NULL */
  void *owned;   /* heap copy (bl_free on free), or NULL */
  const bl_kbf_header *hdr;
  const char *strings;
  size_t strings_size;
  const bl_kbf_entry *entries;
  const bl_kbf_alias *aliases;
  const uint32_t *nodes;
  const uint32_t *payload;
  size_t n_payload;
  const bl_kbf_edge *edges;
  uint64_t edge_mask;
  const uint32_t *idindex;
  uint64_t id_mask;
  const uint64_t *filter; /* 2 * filter_bits bits */
  uint64_t filter_mask;
  const uint64_t *pre;    /* prefilter words */
  uint64_t pre_mask;
  const uint64_t *pairs;  /* pair filter words */
  uint64_t pairs_mask;
};

/* Child of `node` along token hash h, or 0. */
BL_INLINE uint32_t bl__kb_child(const bl_kb *kb, uint32_t node, uint64_t h) {
  uint64_t i = bl_kbf_edge_mix(node, h) & kb->edge_mask;
  for (;;) {
    const bl_kbf_edge *e = &kb->edges[i];
    if (e->child == 0) return 0;
    if (e->hash == h && e->parent == node) return e->child;
    i = (i + 1) & kb->edge_mask;
  }
}

BL_INLINE int bl__kb_filter_has(const bl_kb *kb, int root, uint64_t h) {
  uint64_t bit = (h >> 20) & kb->filter_mask;
  const uint64_t *f = kb->filter + (root ? (kb->filter_mask + 1) / 64 : 0);
  return (f[bit >> 6] >> (bit & 63)) & 1;
}

/* Blocked Bloom filter probe (PREFILTER, PAIRS). */
BL_INLINE int bl__kb_bloom(const uint64_t *f, uint64_t mask, uint64_t key) {
  uint64_t m = bl_kbf_pre_bits(key);
  return (f[bl_kbf_pre_word(key, mask)] & m) == m;
}

/* A candidate match at a token: layer, terminal node, length in tokens. */
typedef struct {
  int32_t layer;
  uint32_t node;
  int32_t len;
} bl__kb_cand;
#define BL__KB_MAX_CANDS (BL_MAX_KB_LAYERS * 2 * BL_KBF_MAX_TOKENS)

/* The longest letters-only abbreviation of the tokenizer's table
 * (bl_tokdata.inc: "approx", "messrs"): the match-only scanner looks up
 * only words up to this long before a period.  tests/c/test_kb_scan.c
 * checks the table against it. */
#define BL__KB_ABBR_MAX 6

/* bl_kb_match_text's work, into a bl_vec of bl_kb_hit (bl_kb_scan.c).
 * `options`: BL_KBM_* and, for tests, BL__KBM_PORTABLE (the skip mode
 * compiled for any CPU even where the CPU-specific one could run). */
#define BL__KBM_PORTABLE (1u << 30)
int bl__kb_match_text(const bl_kb *const *kbs, int n_kbs, const char *utf8,
                      size_t len, int trusted_utf8, size_t *err_offset,
                      unsigned options, bl_vec *out);

/* Collects the candidate matches that start at token i of n, walking each
 * layer's two tries (norm hashes from root 0, exact hashes from root 1);
 * hash(v, j, root) gives token j's hash, para(v, j) whether token j starts
 * a paragraph (a match never crosses one).  Without `all` only the longest
 * are kept.  Returns the number of candidates; *bestp is the longest
 * length (0 when none).  With `truncp`, *truncp is set to 1 when a walk
 * was still alive at token n (more tokens could make a longer match: the
 * caller must not decide yet unless n is the end of the text), else 0.
 * Inlined into each caller with its own accessors. */
BL_INLINE size_t bl__kb_cands(const bl_kb *const *kbs, int n_kbs, int all,
                              void *v,
                              uint64_t (*hash)(void *, int32_t, int),
                              int (*para)(void *, int32_t), int32_t i,
                              int32_t n, bl__kb_cand *cand, int32_t *bestp,
                              int *truncp) {
  size_t n_cand = 0;
  int32_t best = 0;
  int trunc = 0;
  for (int L = 0; L < n_kbs; L++) {
    const bl_kb *kb = kbs[L];
    if (!kb) continue;
    for (int root = 0; root < 2; root++) {
      if (!bl__kb_filter_has(kb, root, hash(v, i, root))) continue;
      uint32_t node = (uint32_t)root;
      for (int32_t j = i;; j++) {
        if (j - i >= BL_KBF_MAX_TOKENS) break;
        if (j >= n) {
          trunc = 1; /* alive at the end of the tokens seen */
          break;
        }
        if (j > i && para(v, j)) break;
        node = bl__kb_child(kb, node, hash(v, j, root));
        if (!node) break;
        if (kb->nodes[node + 1] == kb->nodes[node]) continue; /* no payload */
        int32_t len = j + 1 - i;
        if (!all) {
          if (len < best) continue;
          if (len > best) {
            best = len;
            n_cand = 0;
          }
        }
        cand[n_cand].layer = L;
        cand[n_cand].node = node;
        cand[n_cand].len = len;
        n_cand++;
      }
    }
  }
  *bestp = best;
  if (truncp) *truncp = trunc;
  return n_cand;
}

/* Emits the hits of the candidates at token i (longest first with `all`):
 * token indices are tok_base + i..., code points start_of[i * stride] and
 * end_of[(last token) * stride].  Returns a bl_status. */
int bl__kb_emit_cands(const bl_kb *const *kbs, bl__kb_cand *cand,
                      size_t n_cand, int all, int32_t i, int32_t tok_base,
                      const int32_t *start_of, const int32_t *end_of,
                      size_t stride, bl_vec *out);

#endif /* BL_KB_IMPL_H */
