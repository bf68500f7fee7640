/*
 * bl_kb_build.c -- compiles entries and aliases into a knowledge-base image
 * (layout in bl_kb_format.h).
 *
 * Each alias is tokenized with byline's own tokenizer (bl_analyze with
 * BL_STAGE_TOKENS), so that matching sees exactly the token hashes the
 * document will have.  The output depends only on the records and their
 * order: the same input gives the same bytes.
 */
#include "bl_internal.h"
#include "bl_kb_format.h"

#include <utf8proc.h>

typedef struct {
  bl_kbf_entry e;
} S_entry;

typedef struct {
  uint32_t entry, text, flags;
  uint32_t tok_off, ntok; /* into b->toks; ntok 0 = not matchable */
  uint64_t prekey;        /* bl_kbf_prekey of the first token's norm */
  uint64_t pairkey;       /* bl_kbf_pair_key of the first two tokens */
} S_alias;

struct bl_kb_builder {
  bl_vec strings; /* char */
  uint32_t *str_map; /* open addressing: offset + 1, 0 = empty */
  size_t str_map_cap, str_count;
  bl_vec entries; /* S_entry */
  bl_vec aliases; /* S_alias */
  bl_vec toks;    /* uint64_t token hashes */
};

/* ---- strings, deduplicated ---- */
static int S_str_map_grow(bl_kb_builder *b) {
  size_t cap = b->str_map_cap ? b->str_map_cap * 2 : 1024;
  uint32_t *m = bl_calloc(cap, sizeof(uint32_t));
  if (!m) return BL_ENOMEM;
  const char *base = b->strings.data;
  for (size_t i = 0; i < b->str_map_cap; i++) {
    uint32_t v = b->str_map[i];
    if (!v) continue;
    const char *s = base + (v - 1);
    size_t j = bl_hash_bytes(s, strlen(s)) & (cap - 1);
    while (m[j]) j = (j + 1) & (cap - 1);
    m[j] = v;
  }
  bl_free(b->str_map);
  b->str_map = m;
  b->str_map_cap = cap;
  return BL_OK;
}

/* Interns s[0..n) (no NUL inside); *off receives its offset. */
static int S_intern(bl_kb_builder *b, const char *s, size_t n, uint32_t *off) {
  if (n == 0) {
    *off = 0;
    return BL_OK;
  }
  if (memchr(s, '\0', n)) return BL_EINVAL;
  if ((b->str_count + 1) * 2 > b->str_map_cap && S_str_map_grow(b) < 0)
    return BL_ENOMEM;
  size_t mask = b->str_map_cap - 1;
  size_t j = bl_hash_bytes(s, n) & mask;
  const char *base = b->strings.data;
  while (b->str_map[j]) {
    const char *t = base + (b->str_map[j] - 1);
    if (strncmp(t, s, n) == 0 && t[n] == '\0') {
      *off = b->str_map[j] - 1;
      return BL_OK;
    }
    j = (j + 1) & mask;
  }
  size_t at = b->strings.len;
  if (at + n + 1 > UINT32_MAX) return BL_ETOOBIG;
  if (bl_vec_reserve(&b->strings, at + n + 1) < 0) return BL_ENOMEM;
  memcpy((char *)b->strings.data + at, s, n);
  ((char *)b->strings.data)[at + n] = '\0';
  b->strings.len = at + n + 1;
  b->str_map[j] = (uint32_t)at + 1;
  b->str_count++;
  *off = (uint32_t)at;
  return BL_OK;
}

static int S_valid_utf8(const char *s, size_t n) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) return 0;
    i += (size_t)k;
  }
  return 1;
}

static int S_str(bl_kb_builder *b, const char *s, uint32_t *off) {
  if (!s) {
    *off = 0;
    return BL_OK;
  }
  size_t n = strlen(s);
  if (!S_valid_utf8(s, n)) return BL_EINVAL;
  return S_intern(b, s, n, off);
}

bl_kb_builder *bl_kb_builder_new(void) {
  bl_kb_builder *b = bl_calloc(1, sizeof(*b));
  if (!b) return NULL;
  bl_vec_init(&b->strings, 1);
  bl_vec_init(&b->entries, sizeof(S_entry));
  bl_vec_init(&b->aliases, sizeof(S_alias));
  bl_vec_init(&b->toks, sizeof(uint64_t));
  /* offset 0 is the empty string */
  if (!bl_vec_push(&b->strings) || S_str_map_grow(b) < 0) {
    bl_kb_builder_free(b);
    return NULL;
  }
  return b;
}

void bl_kb_builder_free(bl_kb_builder *b) {
  if (!b) return;
  bl_vec_free(&b->strings);
  bl_vec_free(&b->entries);
  bl_vec_free(&b->aliases);
  bl_vec_free(&b->toks);
  bl_free(b->str_map);
  bl_free(b);
}

/* All-caps rule: no lowercase letter, at least one uppercase letter, at most
 * BL_KB_AUTO_CASE_MAX letters ("US", "WHO", "G7", "U.S."). */
static int S_auto_case(const char *s, size_t n) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0;
  int letters = 0, upper = 0;
  while (i < n) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) return 0;
    i += (size_t)k;
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_LL) return 0;
    if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT) {
      upper++;
      letters++;
    } else if (c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO) {
      letters++;
    }
  }
  return upper > 0 && letters <= BL_KB_AUTO_CASE_MAX;
}

static int S_add_alias(bl_kb_builder *b, uint32_t entry, uint32_t first_alias,
                       const char *s, uint32_t flags) {
  if (!s) return BL_OK;
  size_t n = strlen(s);
  if (n == 0) return BL_OK;
  if (!S_valid_utf8(s, n)) return BL_EINVAL;
  uint32_t text;
  int rc = S_intern(b, s, n, &text);
  if (rc < 0) return rc;
  /* the same text twice for one entry: keep the first, merge flags */
  for (size_t k = first_alias; k < b->aliases.len; k++) {
    S_alias *o = &BL_VEC_AT(&b->aliases, S_alias, k);
    if (o->text == text) {
      o->flags |= flags & ~(uint32_t)(BL_KBA_CASE | BL_KBA_NOCASE);
      return BL_OK;
    }
  }
  if (!(flags & (BL_KBA_CASE | BL_KBA_NOCASE)) && S_auto_case(s, n))
    flags |= BL_KBA_CASE;
  if ((flags & BL_KBA_CASE) && (flags & BL_KBA_NOCASE)) flags &= ~(uint32_t)BL_KBA_NOCASE;

  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.stages = BL_STAGE_TOKENS;
  bl_doc *doc = NULL;
  rc = bl_analyze(&cfg, s, n, 1, NULL, &doc);
  if (rc < 0) return rc;
  size_t nt = doc->tokx.len;
  S_alias *a = bl_vec_push(&b->aliases);
  if (!a) {
    bl_doc_free(doc);
    return BL_ENOMEM;
  }
  a->entry = entry;
  a->text = text;
  a->flags = flags;
  a->tok_off = (uint32_t)b->toks.len;
  a->ntok = 0;
  if (nt > 0 && nt <= BL_KBF_MAX_TOKENS) {
    if (b->toks.len + nt > UINT32_MAX ||
        bl_vec_reserve(&b->toks, b->toks.len + nt) < 0) {
      b->aliases.len--;
      bl_doc_free(doc);
      return BL_ENOMEM;
    }
    const bl_tokx *x = doc->tokx.data;
    uint64_t *t = (uint64_t *)b->toks.data + b->toks.len;
    for (size_t i = 0; i < nt; i++)
      t[i] = (flags & BL_KBA_CASE) ? x[i].exact_hash : x[i].norm_hash;
    b->toks.len += nt;
    const unsigned char *nm = doc->norm.data, *tx = (const unsigned char *)doc->text;
    a->prekey = bl_kbf_prekey(nm + x[0].norm_off, x[0].norm_len);
    if (flags & BL_KBA_CASE) { /* keys of the bytes as written */
      uint64_t k1 = bl_kbf_prekey(tx + x[0].bstart, (size_t)(x[0].bend - x[0].bstart));
      uint64_t k2 = nt > 1 ? bl_kbf_prekey(tx + x[1].bstart,
                                           (size_t)(x[1].bend - x[1].bstart))
                           : BL_KBF_PAIR_END;
      a->pairkey = bl_kbf_pair_key(k1, k2) ^ BL_KBF_PAIR_EXACT;
    } else {
      a->pairkey = bl_kbf_pair_key(
          a->prekey, nt > 1 ? bl_kbf_prekey(nm + x[1].norm_off, x[1].norm_len)
                            : BL_KBF_PAIR_END);
    }
    a->ntok = (uint32_t)nt;
  }
  bl_doc_free(doc);
  return BL_OK;
}

int bl_kb_builder_add(bl_kb_builder *b, const bl_kb_record *r) {
  if (!b || !r || !r->kb_id || !*r->kb_id) return BL_EINVAL;
  if (r->label < 0 || r->label >= BL_LABEL_COUNT || r->kind < 0 ||
      r->kind >= BL_KB_KIND_COUNT || r->gender < 0 ||
      r->gender >= BL_GENDER_COUNT || r->role < 0 ||
      r->role >= BL_KB_ROLE_COUNT || (r->n_aliases && !r->aliases))
    return BL_EINVAL;
  if (b->entries.len >= INT32_MAX - 1 || r->n_aliases > UINT32_MAX / 2)
    return BL_ETOOBIG;
  size_t mark_ali = b->aliases.len, mark_tok = b->toks.len;
  bl_kbf_entry e;
  memset(&e, 0, sizeof(e));
  int rc;
  if ((rc = S_str(b, r->kb_id, &e.kb_id)) < 0 ||
      (rc = S_str(b, r->name, &e.name)) < 0 ||
      (rc = S_str(b, r->office, &e.office)) < 0 ||
      (rc = S_str(b, r->attrs, &e.attrs)) < 0 ||
      (rc = S_str(b, r->country, &e.country_id)) < 0 ||
      (rc = S_str(b, r->parent, &e.parent_id)) < 0)
    return rc;
  e.country = e.parent = -1;
  e.label = (uint8_t)r->label;
  e.kind = (uint8_t)r->kind;
  e.gender = (uint8_t)r->gender;
  e.role = (uint8_t)r->role;
  e.prominence = r->prominence;
  e.flags = r->flags & ~(uint32_t)BL_KBE_NO_NAME;
  uint32_t idx = (uint32_t)b->entries.len;
  uint32_t first = (uint32_t)b->aliases.len;
  if (!(r->flags & BL_KBE_NO_NAME) && r->name)
    rc = S_add_alias(b, idx, first, r->name, r->name_flags | BL_KBA_NAME);
  for (size_t i = 0; rc >= 0 && i < r->n_aliases; i++)
    rc = S_add_alias(b, idx, first, r->aliases[i],
                     r->alias_flags ? r->alias_flags[i] & ~(uint32_t)BL_KBA_NAME
                                    : 0);
  if (rc >= 0) {
    S_entry *se = bl_vec_push(&b->entries);
    if (!se) rc = BL_ENOMEM;
    else {
      e.alias_start = first;
      e.n_aliases = (uint32_t)b->aliases.len - first;
      se->e = e;
    }
  }
  if (rc < 0) { /* roll back this record's aliases (strings may stay) */
    b->aliases.len = mark_ali;
    b->toks.len = mark_tok;
    return rc;
  }
  return (int)idx;
}

/* ---- compile ---- */
static uint64_t S_next_pow2(uint64_t x) {
  uint64_t p = 1;
  while (p < x) p <<= 1;
  return p;
}

typedef struct {
  bl_kbf_edge *slots;
  uint64_t cap, used;
} S_edges;

static int S_edges_grow(S_edges *t) {
  uint64_t cap = t->cap ? t->cap * 2 : 1024;
  bl_kbf_edge *s = bl_calloc((size_t)cap, sizeof(bl_kbf_edge));
  if (!s) return BL_ENOMEM;
  for (uint64_t i = 0; i < t->cap; i++) {
    bl_kbf_edge *e = &t->slots[i];
    if (!e->child) continue;
    uint64_t j = bl_kbf_edge_mix(e->parent, e->hash) & (cap - 1);
    while (s[j].child) j = (j + 1) & (cap - 1);
    s[j] = *e;
  }
  bl_free(t->slots);
  t->slots = s;
  t->cap = cap;
  return BL_OK;
}

/* Child of (parent, h), creating node *n_nodes if absent. */
static int S_edge_get(S_edges *t, uint32_t parent, uint64_t h, uint32_t *n_nodes,
                      uint32_t *child) {
  if ((t->used + 1) * 10 > t->cap * 6 && S_edges_grow(t) < 0) return BL_ENOMEM;
  uint64_t mask = t->cap - 1, j = bl_kbf_edge_mix(parent, h) & mask;
  while (t->slots[j].child) {
    if (t->slots[j].hash == h && t->slots[j].parent == parent) {
      *child = t->slots[j].child;
      return BL_OK;
    }
    j = (j + 1) & mask;
  }
  if (*n_nodes == UINT32_MAX) return BL_ETOOBIG;
  t->slots[j].hash = h;
  t->slots[j].parent = parent;
  t->slots[j].child = *n_nodes;
  *child = (*n_nodes)++;
  t->used++;
  return BL_OK;
}

/* A blocked Bloom filter of the aliases' prefilter keys (pair keys with
 * `pairs`), sized for n_keys, into *out (*words words). */
static int S_bloom(const S_alias *alis, size_t n_ali, uint64_t n_keys,
                   int pairs, uint64_t **out, uint64_t *words) {
  uint64_t w = S_next_pow2((n_keys + 3) / 4);
  if (w < 8) w = 8;
  if (w > ((uint64_t)1 << 22)) w = (uint64_t)1 << 22;
  uint64_t *f = bl_calloc((size_t)w, sizeof(uint64_t));
  if (!f) return BL_ENOMEM;
  for (size_t a = 0; a < n_ali; a++) {
    if (!alis[a].ntok) continue;
    uint64_t key = pairs ? alis[a].pairkey : alis[a].prekey;
    f[bl_kbf_pre_word(key, w - 1)] |= bl_kbf_pre_bits(key);
  }
  *out = f;
  *words = w;
  return BL_OK;
}

typedef struct {
  uint32_t id, item;
  const void *data;
  size_t size;
} S_sec;

static size_t S_align8(size_t x) { return (x + 7) & ~(size_t)7; }

int bl_kb_builder_finish(bl_kb_builder *b, void **out, size_t *out_len) {
  if (!b || !out || !out_len) return BL_EINVAL;
  *out = NULL;
  *out_len = 0;
  int rc = BL_OK;
  S_edges et = {0};
  uint32_t *term = NULL, *nodes = NULL, *payload = NULL, *fill = NULL,
           *idx = NULL;
  uint64_t *filter = NULL, *pre = NULL, *pairs = NULL;
  unsigned char *img = NULL;
  size_t n_ent = b->entries.len, n_ali = b->aliases.len;
  S_entry *ents = b->entries.data;
  const S_alias *alis = b->aliases.data;
  const uint64_t *toks = b->toks.data;
  const char *strs = b->strings.data;

  /* id index; duplicates are an error */
  uint64_t id_cap = S_next_pow2((4 * (uint64_t)n_ent) / 3 + 2);
  idx = bl_calloc((size_t)id_cap, sizeof(uint32_t));
  if (!idx) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  for (size_t i = 0; i < n_ent; i++) {
    const char *id = strs + ents[i].e.kb_id;
    uint64_t j = bl_hash_bytes(id, strlen(id)) & (id_cap - 1);
    while (idx[j]) {
      if (strcmp(strs + ents[idx[j] - 1].e.kb_id, id) == 0) {
        rc = BL_EINVAL; /* duplicate kb_id */
        goto cleanup;
      }
      j = (j + 1) & (id_cap - 1);
    }
    idx[j] = (uint32_t)i + 1;
  }
  /* resolve links within this KB */
  for (size_t i = 0; i < n_ent; i++) {
    bl_kbf_entry *e = &ents[i].e;
    for (int k = 0; k < 2; k++) {
      uint32_t sid = k ? e->parent_id : e->country_id;
      int32_t found = -1;
      if (sid) {
        const char *id = strs + sid;
        uint64_t j = bl_hash_bytes(id, strlen(id)) & (id_cap - 1);
        while (idx[j]) {
          if (strcmp(strs + ents[idx[j] - 1].e.kb_id, id) == 0) {
            found = (int32_t)idx[j] - 1;
            break;
          }
          j = (j + 1) & (id_cap - 1);
        }
      }
      if (k) e->parent = found;
      else e->country = found;
    }
  }

  /* trie */
  uint32_t n_nodes = 2;
  term = bl_calloc(n_ali ? n_ali : 1, sizeof(uint32_t));
  if (!term || S_edges_grow(&et) < 0) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  for (size_t a = 0; a < n_ali; a++) {
    if (!alis[a].ntok) continue;
    uint32_t node = (alis[a].flags & BL_KBA_CASE) ? 1 : 0;
    for (uint32_t k = 0; k < alis[a].ntok; k++)
      if ((rc = S_edge_get(&et, node, toks[alis[a].tok_off + k], &n_nodes,
                           &node)) < 0)
        goto cleanup;
    term[a] = node;
  }
  nodes = bl_calloc((size_t)n_nodes + 1, sizeof(uint32_t));
  fill = bl_calloc((size_t)n_nodes + 1, sizeof(uint32_t));
  if (!nodes || !fill) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  size_t n_pay = 0;
  for (size_t a = 0; a < n_ali; a++)
    if (term[a]) {
      nodes[term[a] + 1]++;
      n_pay++;
    }
  for (uint32_t i = 0; i < n_nodes; i++) nodes[i + 1] += nodes[i];
  payload = bl_calloc(n_pay ? n_pay : 1, sizeof(uint32_t));
  if (!payload) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  for (size_t a = 0; a < n_ali; a++)
    if (term[a]) payload[nodes[term[a]] + fill[term[a]]++] = (uint32_t)a;

  /* shrink the edge table to a load factor of at most 3/4 */
  {
    uint64_t cap = S_next_pow2((et.used * 4) / 3 + 1);
    if (cap < 16) cap = 16;
    if (cap < et.cap) {
      bl_kbf_edge *sl = bl_calloc((size_t)cap, sizeof(bl_kbf_edge));
      if (!sl) {
        rc = BL_ENOMEM;
        goto cleanup;
      }
      for (uint64_t i = 0; i < et.cap; i++) {
        const bl_kbf_edge *e = &et.slots[i];
        if (!e->child) continue;
        uint64_t j = bl_kbf_edge_mix(e->parent, e->hash) & (cap - 1);
        while (sl[j].child) j = (j + 1) & (cap - 1);
        sl[j] = *e;
      }
      bl_free(et.slots);
      et.slots = sl;
      et.cap = cap;
    }
  }

  /* first-token filter */
  uint64_t n_root = 0;
  for (uint64_t i = 0; i < et.cap; i++)
    if (et.slots[i].child && et.slots[i].parent < 2) n_root++;
  uint64_t fbits = S_next_pow2(n_root * 8);
  if (fbits < 1024) fbits = 1024;
  if (fbits > ((uint64_t)1 << 23)) fbits = (uint64_t)1 << 23;
  filter = bl_calloc((size_t)(fbits / 32), sizeof(uint64_t));
  if (!filter) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  for (uint64_t i = 0; i < et.cap; i++) {
    const bl_kbf_edge *e = &et.slots[i];
    if (!e->child || e->parent >= 2) continue;
    uint64_t bit = (e->hash >> 20) & (fbits - 1);
    filter[(e->parent ? fbits / 64 : 0) + (bit >> 6)] |= (uint64_t)1 << (bit & 63);
  }

  /* prefilter and pair filter (bl_kb_format.h): 16 to 32 bits per key
   * (distinct first tokens; matchable aliases, an upper bound of the
   * distinct pairs), two bits each: a false-positive rate of 0.5-1.5%;
   * larger filters lose more to cache misses than they save (1M aliases) */
  uint64_t n_match = 0;
  for (size_t a = 0; a < n_ali; a++) n_match += alis[a].ntok != 0;
  uint64_t pwords = 0, qwords = 0;
  if ((rc = S_bloom(alis, n_ali, n_root, 0, &pre, &pwords)) < 0 ||
      (rc = S_bloom(alis, n_ali, n_match, 1, &pairs, &qwords)) < 0)
    goto cleanup;

  /* layout */
  S_sec secs[BL_KBS_COUNT - 1];
  bl_kbf_alias *fal = NULL;
  bl_kbf_entry *fen = NULL;
  size_t k = 0;
  secs[k++] = (S_sec){BL_KBS_STRINGS, 1, strs, b->strings.len};
  secs[k++] = (S_sec){BL_KBS_ENTRIES, sizeof(bl_kbf_entry), NULL,
                                n_ent * sizeof(bl_kbf_entry)};
  secs[k++] = (S_sec){BL_KBS_ALIASES, sizeof(bl_kbf_alias), NULL,
                                n_ali * sizeof(bl_kbf_alias)};
  secs[k++] = (S_sec){BL_KBS_NODES, 4, nodes,
                                ((size_t)n_nodes + 1) * 4};
  secs[k++] = (S_sec){BL_KBS_PAYLOAD, 4, payload, n_pay * 4};
  secs[k++] = (S_sec){BL_KBS_EDGES, sizeof(bl_kbf_edge), et.slots,
                                (size_t)et.cap * sizeof(bl_kbf_edge)};
  secs[k++] = (S_sec){BL_KBS_IDINDEX, 4, idx, (size_t)id_cap * 4};
  secs[k++] = (S_sec){BL_KBS_FILTER, 8, filter, (size_t)fbits / 4};
  secs[k++] = (S_sec){BL_KBS_PREFILTER, 8, pre, (size_t)pwords * 8};
  secs[k++] = (S_sec){BL_KBS_PAIRS, 8, pairs, (size_t)qwords * 8};
  size_t off = sizeof(bl_kbf_header) + k * sizeof(bl_kbf_section);
  size_t offs[BL_KBS_COUNT - 1];
  for (size_t i = 0; i < k; i++) {
    off = S_align8(off);
    offs[i] = off;
    off += secs[i].size;
  }
  size_t total = S_align8(off);
  img = bl_calloc(total, 1);
  if (!img) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  bl_kbf_header *h = (bl_kbf_header *)img;
  memcpy(h->magic, BL_KBF_MAGIC, 8);
  h->version = BL_KBF_VERSION;
  h->endian = BL_KBF_ENDIAN;
  h->file_size = total;
  h->tok_fingerprint = bl__kb_tok_fingerprint();
  if (h->tok_fingerprint == 0) { /* its canary analysis ran out of memory */
    rc = BL_ENOMEM;
    goto cleanup;
  }
  h->header_size = sizeof(bl_kbf_header);
  h->n_sections = (uint32_t)k;
  h->n_entries = (uint32_t)n_ent;
  h->n_aliases = (uint32_t)n_ali;
  h->n_nodes = n_nodes;
  h->filter_bits = (uint32_t)fbits;
  bl_kbf_section *st = (bl_kbf_section *)(img + sizeof(*h));
  for (size_t i = 0; i < k; i++) {
    st[i].id = secs[i].id;
    st[i].item_size = secs[i].item;
    st[i].offset = offs[i];
    st[i].size = secs[i].size;
    if (secs[i].data && secs[i].size)
      memcpy(img + offs[i], secs[i].data, secs[i].size);
  }
  fen = (bl_kbf_entry *)(img + offs[1]);
  for (size_t i = 0; i < n_ent; i++) fen[i] = ents[i].e;
  fal = (bl_kbf_alias *)(img + offs[2]);
  for (size_t i = 0; i < n_ali; i++) {
    fal[i].entry = alis[i].entry;
    fal[i].text = alis[i].text;
    fal[i].flags = alis[i].flags;
  }
  uint64_t c = bl__kb_checksum(h, sizeof(*h), 0);
  h->checksum = bl__kb_checksum(img + sizeof(*h), total - sizeof(*h), c);
  *out = img;
  *out_len = total;
  img = NULL;

cleanup:
  bl_free(img);
  bl_free(et.slots);
  bl_free(term);
  bl_free(nodes);
  bl_free(fill);
  bl_free(payload);
  bl_free(idx);
  bl_free(filter);
  bl_free(pre);
  bl_free(pairs);
  return rc;
}
