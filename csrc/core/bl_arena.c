/* bl_arena.c -- allocation wrappers, the per-document arena, growable vectors. */
#include "bl_internal.h"

#include <stdlib.h>

#ifdef BL_FAILALLOC
/* Test builds only: a countdown that makes the n-th allocation fail.  This
 * global is the one piece of mutable state in the core and exists only in
 * the allocation-failure test build, which is single-threaded. */
static long S_fail_at = 0;
static long S_count = 0;
void bl_failalloc_set(long n) {
  S_fail_at = n;
  S_count = 0;
}
long bl_failalloc_count(void) { return S_count; }
static int S_should_fail(void) {
  S_count++;
  return S_fail_at > 0 && S_count == S_fail_at;
}
#else
#define S_should_fail() 0
#endif

void *bl_malloc(size_t n) {
  if (S_should_fail()) return NULL;
  return malloc(n ? n : 1);
}

void *bl_calloc(size_t n, size_t size) {
  if (S_should_fail()) return NULL;
  return calloc(n ? n : 1, size ? size : 1);
}

void *bl_realloc(void *p, size_t n) {
  if (S_should_fail()) return NULL;
  return realloc(p, n ? n : 1);
}

void bl_free(void *p) { free(p); }

/* ---- arena ---- */
struct bl_arena_block {
  bl_arena_block *next;
  size_t used, cap;
  /* payload follows, 16-byte aligned */
};

#define BL_ARENA_HDR ((sizeof(bl_arena_block) + 15u) & ~(size_t)15u)
#define BL_ARENA_MIN (64u * 1024u)

void bl_arena_init(bl_arena *a) { a->head = NULL; }

void *bl_arena_alloc(bl_arena *a, size_t n) {
  if (n > ((size_t)1 << 40)) return NULL;
  n = (n + 15u) & ~(size_t)15u;
  bl_arena_block *b = a->head;
  if (!b || b->cap - b->used < n) {
    size_t cap = n > BL_ARENA_MIN ? n : BL_ARENA_MIN;
    bl_arena_block *nb = bl_malloc(BL_ARENA_HDR + cap);
    if (!nb) return NULL;
    nb->next = a->head;
    nb->used = 0;
    nb->cap = cap;
    a->head = nb;
    b = nb;
  }
  void *p = (char *)b + BL_ARENA_HDR + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

void bl_arena_free(bl_arena *a) {
  bl_arena_block *b = a->head;
  while (b) {
    bl_arena_block *next = b->next;
    bl_free(b);
    b = next;
  }
  a->head = NULL;
}

/* ---- vectors ---- */
void bl_vec_init(bl_vec *v, size_t item) {
  v->data = NULL;
  v->len = v->cap = 0;
  v->item = item;
}

int bl_vec_reserve(bl_vec *v, size_t n) {
  if (n <= v->cap) return BL_OK;
  size_t cap = v->cap ? v->cap : 16;
  while (cap < n) {
    if (cap > SIZE_MAX / 3) return BL_ETOOBIG;
    cap = cap + cap / 2;
  }
  if (cap > SIZE_MAX / v->item) return BL_ETOOBIG;
  void *d = bl_realloc(v->data, cap * v->item);
  if (!d) return BL_ENOMEM;
  v->data = d;
  v->cap = cap;
  return BL_OK;
}

void *bl_vec_push(bl_vec *v) {
  if (BL_UNLIKELY(v->len == v->cap) && bl_vec_reserve(v, v->len + 1) < 0)
    return NULL;
  void *p = (char *)v->data + v->len * v->item;
  memset(p, 0, v->item);
  v->len++;
  return p;
}

void bl_vec_free(bl_vec *v) {
  bl_free(v->data);
  v->data = NULL;
  v->len = v->cap = 0;
}
