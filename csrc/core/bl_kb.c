/*
 * bl_kb.c -- loading, validating and matching a compiled knowledge base.
 *
 * The file layout is in bl_kb_format.h; the builder is bl_kb_build.c.
 * Loading checks the header, the checksum and then every index in every
 * section once, so that the matcher and accessors can trust the image
 * without further checks (the image is read-only and never changes).
 */
#define _POSIX_C_SOURCE 200809L
#include "bl_internal.h"
#include "bl_kb_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>


/* ------------------------------------------------------------------ */
/* Checksum: a Fletcher-style pair of sums (sum of 64-bit words, and sum
 * of the running sums) in four lanes, finished with a 64-bit mixer.  Any
 * single-bit flip changes the first sum, swapped words change the second;
 * two adds per word keep it at memory speed (a 100 MB image verifies in a
 * few tens of milliseconds).  Not a defence against deliberate forgery: the
 * structural checks below are. */
/* ------------------------------------------------------------------ */
uint64_t bl__kb_checksum(const void *p, size_t n, uint64_t seed) {
  const unsigned char *s = p;
  uint64_t a0 = seed, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    uint64_t w[4];
    memcpy(w, s + i, 32);
    a0 += w[0];
    a1 += w[1];
    a2 += w[2];
    a3 += w[3];
    b0 += a0;
    b1 += a1;
    b2 += a2;
    b3 += a3;
  }
  uint64_t h = bl_fmix64(seed ^ (uint64_t)n);
  h = bl_fmix64(h ^ a0) + b0;
  h = bl_fmix64(h ^ a1) + b1;
  h = bl_fmix64(h ^ a2) + b2;
  h = bl_fmix64(h ^ a3) + b3;
  for (; i < n; i++) h = bl_fmix64(h ^ s[i]) + i;
  return bl_fmix64(h);
}

/* A fingerprint of the tokenizer: KBs store the hashes of their aliases'
 * tokens, so a KB compiled with a tokenizer that normalises differently
 * would silently stop matching.  Loading compares fingerprints. */
uint64_t bl__kb_tok_fingerprint(void) {
  static const char canary[] =
      "S\xC3\xA3o Paulo's KOREA\xE2\x80\x99S U.S. China-Russia "
      "\xC4\xB0stanbul stra\xC3\x9F" "e Mr. Kim Jong\nUn, don't 1,000.5 "
      "\xE2\x80\x9CWho?\xE2\x80\x9D e\xCC\x81t\xC3\xA9 @who #tag";
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.stages = BL_STAGE_TOKENS;
  bl_doc *doc = NULL;
  if (bl_analyze(&cfg, canary, sizeof(canary) - 1, 0, NULL, &doc) < 0)
    return 0;
  uint64_t h = 0x62796c696e65ULL;
  const bl_tokx *x = doc->tokx.data;
  for (size_t i = 0; i < doc->tokx.len; i++) {
    h = bl_fmix64(h ^ x[i].norm_hash) + (uint64_t)x[i].bstart;
    h = bl_fmix64(h ^ x[i].exact_hash) + (uint64_t)x[i].bend;
  }
  h ^= doc->tokx.len;
  bl_doc_free(doc);
  h = bl_fmix64(h);
  return h ? h : 1; /* 0 is reserved for "could not compute" */
}

/* ------------------------------------------------------------------ */
/* Loading and validation                                              */
/* ------------------------------------------------------------------ */
static int S_str_ok(const bl_kb *kb, uint32_t off) {
  return off < kb->strings_size;
}

static int S_is_pow2(uint64_t x) { return x && !(x & (x - 1)); }

/* Validates the image at kb->base/size and fills the section pointers. */
static int S_open(bl_kb *kb) {
  const unsigned char *b = kb->base;
  size_t n = kb->size;
  if (n < 8) return memcmp(b, BL_KBF_MAGIC, n) == 0 && n ? BL_ETRUNCATED
                                                          : BL_EFORMAT;
  if (memcmp(b, BL_KBF_MAGIC, 8) != 0) return BL_EFORMAT;
  if (n < sizeof(bl_kbf_header)) return BL_ETRUNCATED;
  const bl_kbf_header *h = (const bl_kbf_header *)b;
  if (h->endian != BL_KBF_ENDIAN) return BL_EFORMAT;
  if (h->version != BL_KBF_VERSION) return BL_EVERSION;
  if (h->header_size != sizeof(bl_kbf_header)) return BL_EFORMAT;
  if (h->file_size > n) return BL_ETRUNCATED;
  if (h->file_size < n) return BL_EFORMAT; /* trailing garbage */
  {
    bl_kbf_header tmp = *h;
    tmp.checksum = 0;
    uint64_t c = bl__kb_checksum(&tmp, sizeof(tmp), 0);
    c = bl__kb_checksum(b + sizeof(tmp), n - sizeof(tmp), c);
    if (c != h->checksum) return BL_ECHECKSUM;
  }
  {
    uint64_t fp = bl__kb_tok_fingerprint();
    if (fp == 0) return BL_ENOMEM; /* its canary analysis failed */
    if (h->tok_fingerprint != fp) return BL_EVERSION;
  }
  kb->hdr = h;
  if (h->n_sections > 64) return BL_EFORMAT;
  size_t tab_end = sizeof(*h) + (size_t)h->n_sections * sizeof(bl_kbf_section);
  if (tab_end > n) return BL_EFORMAT;
  const bl_kbf_section *sec = (const bl_kbf_section *)(b + sizeof(*h));
  const bl_kbf_section *by_id[BL_KBS_COUNT] = {0};
  for (uint32_t i = 0; i < h->n_sections; i++) {
    const bl_kbf_section *s = &sec[i];
    if (s->offset % 8 || s->offset < tab_end || s->offset > n ||
        s->size > n - s->offset)
      return BL_EFORMAT;
    if (s->id > 0 && s->id < BL_KBS_COUNT) {
      if (by_id[s->id]) return BL_EFORMAT;
      by_id[s->id] = s;
    }
  }
  for (int id = 1; id < BL_KBS_COUNT; id++)
    if (!by_id[id]) return BL_EFORMAT;
#define SEC(id, T, count_expr)                                          \
  (by_id[id]->item_size == sizeof(T) && by_id[id]->size % sizeof(T) == 0 && \
   by_id[id]->size / sizeof(T) == (uint64_t)(count_expr))
  const uint64_t n_ent = h->n_entries, n_ali = h->n_aliases,
                 n_nodes = h->n_nodes;
  if (n_nodes < 2) return BL_EFORMAT;
  if (!SEC(BL_KBS_ENTRIES, bl_kbf_entry, n_ent)) return BL_EFORMAT;
  if (!SEC(BL_KBS_ALIASES, bl_kbf_alias, n_ali)) return BL_EFORMAT;
  if (!SEC(BL_KBS_NODES, uint32_t, n_nodes + 1)) return BL_EFORMAT;
  if (by_id[BL_KBS_STRINGS]->item_size != 1 ||
      by_id[BL_KBS_PAYLOAD]->item_size != 4 ||
      by_id[BL_KBS_PAYLOAD]->size % 4 ||
      by_id[BL_KBS_EDGES]->item_size != sizeof(bl_kbf_edge) ||
      by_id[BL_KBS_EDGES]->size % sizeof(bl_kbf_edge) ||
      by_id[BL_KBS_IDINDEX]->item_size != 4 || by_id[BL_KBS_IDINDEX]->size % 4 ||
      by_id[BL_KBS_FILTER]->item_size != 8 ||
      by_id[BL_KBS_PREFILTER]->item_size != 8 ||
      by_id[BL_KBS_PREFILTER]->size % 8 ||
      !S_is_pow2(by_id[BL_KBS_PREFILTER]->size / 8) ||
      by_id[BL_KBS_PAIRS]->item_size != 8 || by_id[BL_KBS_PAIRS]->size % 8 ||
      !S_is_pow2(by_id[BL_KBS_PAIRS]->size / 8))
    return BL_EFORMAT;
#undef SEC
  kb->strings = (const char *)(b + by_id[BL_KBS_STRINGS]->offset);
  kb->strings_size = by_id[BL_KBS_STRINGS]->size;
  if (kb->strings_size == 0 || kb->strings[kb->strings_size - 1] != '\0' ||
      kb->strings_size > UINT32_MAX)
    return BL_EFORMAT;
  kb->entries = (const bl_kbf_entry *)(b + by_id[BL_KBS_ENTRIES]->offset);
  kb->aliases = (const bl_kbf_alias *)(b + by_id[BL_KBS_ALIASES]->offset);
  kb->nodes = (const uint32_t *)(b + by_id[BL_KBS_NODES]->offset);
  kb->payload = (const uint32_t *)(b + by_id[BL_KBS_PAYLOAD]->offset);
  kb->n_payload = by_id[BL_KBS_PAYLOAD]->size / 4;
  kb->edges = (const bl_kbf_edge *)(b + by_id[BL_KBS_EDGES]->offset);
  uint64_t n_edges = by_id[BL_KBS_EDGES]->size / sizeof(bl_kbf_edge);
  if (!S_is_pow2(n_edges)) return BL_EFORMAT;
  kb->edge_mask = n_edges - 1;
  kb->idindex = (const uint32_t *)(b + by_id[BL_KBS_IDINDEX]->offset);
  uint64_t n_id = by_id[BL_KBS_IDINDEX]->size / 4;
  if (!S_is_pow2(n_id) || n_id <= n_ent) return BL_EFORMAT;
  kb->id_mask = n_id - 1;
  kb->filter = (const uint64_t *)(b + by_id[BL_KBS_FILTER]->offset);
  if (!S_is_pow2(h->filter_bits) || h->filter_bits < 64 ||
      by_id[BL_KBS_FILTER]->size != (uint64_t)h->filter_bits / 4)
    return BL_EFORMAT;
  kb->filter_mask = h->filter_bits - 1;
  kb->pre = (const uint64_t *)(b + by_id[BL_KBS_PREFILTER]->offset);
  kb->pre_mask = by_id[BL_KBS_PREFILTER]->size / 8 - 1;
  kb->pairs = (const uint64_t *)(b + by_id[BL_KBS_PAIRS]->offset);
  kb->pairs_mask = by_id[BL_KBS_PAIRS]->size / 8 - 1;

  /* Every index, once. */
  for (uint64_t i = 0; i < n_ent; i++) {
    const bl_kbf_entry *e = &kb->entries[i];
    if (!S_str_ok(kb, e->kb_id) || !S_str_ok(kb, e->name) ||
        !S_str_ok(kb, e->office) || !S_str_ok(kb, e->attrs) ||
        !S_str_ok(kb, e->country_id) || !S_str_ok(kb, e->parent_id))
      return BL_EFORMAT;
    if (e->country < -1 || (e->country >= 0 && (uint64_t)e->country >= n_ent) ||
        e->parent < -1 || (e->parent >= 0 && (uint64_t)e->parent >= n_ent))
      return BL_EFORMAT;
    if (e->alias_start > n_ali || e->n_aliases > n_ali - e->alias_start)
      return BL_EFORMAT;
    if (e->label >= BL_LABEL_COUNT || e->kind >= BL_KB_KIND_COUNT ||
        e->gender >= BL_GENDER_COUNT || e->role >= BL_KB_ROLE_COUNT)
      return BL_EFORMAT;
  }
  for (uint64_t i = 0; i < n_ali; i++) {
    const bl_kbf_alias *a = &kb->aliases[i];
    if (a->entry >= n_ent || !S_str_ok(kb, a->text)) return BL_EFORMAT;
  }
  if (kb->nodes[0] != 0 || kb->nodes[n_nodes] != kb->n_payload)
    return BL_EFORMAT;
  for (uint64_t i = 0; i < n_nodes; i++)
    if (kb->nodes[i] > kb->nodes[i + 1]) return BL_EFORMAT;
  for (size_t i = 0; i < kb->n_payload; i++)
    if (kb->payload[i] >= n_ali) return BL_EFORMAT;
  uint64_t used = 0;
  for (uint64_t i = 0; i < n_edges; i++) {
    const bl_kbf_edge *e = &kb->edges[i];
    if (e->child == 0) continue;
    used++;
    if (e->child < 2 || e->child >= n_nodes || e->parent >= n_nodes)
      return BL_EFORMAT;
  }
  if (used == n_edges) return BL_EFORMAT; /* lookups need an empty slot */
  for (uint64_t i = 0; i < n_id; i++)
    if (kb->idindex[i] > n_ent) return BL_EFORMAT;
  return BL_OK;
}

static int S_finish_open(bl_kb *kb, bl_kb **out) {
  int rc = S_open(kb);
  if (rc < 0) {
    bl_kb_free(kb);
    return rc;
  }
  *out = kb;
  return BL_OK;
}

int bl_kb_from_buffer(const void *data, size_t len, int copy, bl_kb **out) {
  if (!out || (!data && len)) return BL_EINVAL;
  *out = NULL;
  bl_kb *kb = bl_calloc(1, sizeof(*kb));
  if (!kb) return BL_ENOMEM;
  if (copy || ((uintptr_t)data % 8) != 0) {
    kb->owned = bl_malloc(len ? len : 1);
    if (!kb->owned) {
      bl_free(kb);
      return BL_ENOMEM;
    }
    if (len) memcpy(kb->owned, data, len);
    kb->base = kb->owned;
  } else {
    kb->base = data;
  }
  kb->size = len;
  return S_finish_open(kb, out);
}

int bl_kb_load(const char *path, bl_kb **out) {
  if (!out || !path) return BL_EINVAL;
  *out = NULL;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return BL_EIO;
  struct stat st;
  if (fstat(fd, &st) < 0) {
    int e = errno;
    close(fd);
    errno = e;
    return BL_EIO;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    errno = EINVAL;
    return BL_EIO;
  }
  if ((uint64_t)st.st_size > (uint64_t)SIZE_MAX / 2) {
    close(fd);
    return BL_ETOOBIG;
  }
  size_t len = (size_t)st.st_size;
  bl_kb *kb = bl_calloc(1, sizeof(*kb));
  if (!kb) {
    close(fd);
    return BL_ENOMEM;
  }
  if (len == 0) {
    close(fd);
    bl_free(kb);
    return BL_EFORMAT;
  }
  void *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  int e = errno;
  close(fd);
  if (m == MAP_FAILED) {
    bl_free(kb);
    errno = e;
    return BL_EIO;
  }
  kb->map = m;
  kb->base = m;
  kb->size = len;
  return S_finish_open(kb, out);
}

void bl_kb_free(bl_kb *kb) {
  if (!kb) return;
  if (kb->map) munmap(kb->map, kb->size);
  bl_free(kb->owned);
  bl_free(kb);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */
/* ------------------------------------------------------------------ */
size_t bl_kb_n_entries(const bl_kb *kb) { return kb ? kb->hdr->n_entries : 0; }
size_t bl_kb_n_aliases(const bl_kb *kb) { return kb ? kb->hdr->n_aliases : 0; }

const void *bl_kb_image(const bl_kb *kb, size_t *len) {
  if (len) *len = kb ? kb->size : 0;
  return kb ? kb->base : NULL;
}

int bl_kb_entry_get(const bl_kb *kb, size_t i, bl_kb_entry *out) {
  if (!kb || !out || i >= kb->hdr->n_entries) return BL_EINVAL;
  const bl_kbf_entry *e = &kb->entries[i];
  out->kb_id = kb->strings + e->kb_id;
  out->name = kb->strings + e->name;
  out->office = kb->strings + e->office;
  out->attrs = kb->strings + e->attrs;
  out->country_id = kb->strings + e->country_id;
  out->parent_id = kb->strings + e->parent_id;
  out->country = e->country;
  out->parent = e->parent;
  out->label = e->label;
  out->kind = e->kind;
  out->gender = e->gender;
  out->role = e->role;
  out->prominence = e->prominence;
  out->flags = e->flags;
  out->alias_start = e->alias_start;
  out->n_aliases = e->n_aliases;
  return BL_OK;
}

int bl_kb_alias_get(const bl_kb *kb, size_t a, const char **text,
                    uint32_t *flags, int32_t *entry) {
  if (!kb || a >= kb->hdr->n_aliases) return BL_EINVAL;
  const bl_kbf_alias *x = &kb->aliases[a];
  if (text) *text = kb->strings + x->text;
  if (flags) *flags = x->flags;
  if (entry) *entry = (int32_t)x->entry;
  return BL_OK;
}

int32_t bl_kb_find(const bl_kb *kb, const char *kb_id) {
  if (!kb || !kb_id) return -1;
  size_t n = strlen(kb_id);
  uint64_t i = bl_hash_bytes(kb_id, n) & kb->id_mask;
  for (uint64_t probe = 0; probe <= kb->id_mask; probe++) {
    uint32_t v = kb->idindex[i];
    if (v == 0) return -1;
    const char *s = kb->strings + kb->entries[v - 1].kb_id;
    if (strcmp(s, kb_id) == 0) return (int32_t)(v - 1);
    i = (i + 1) & kb->id_mask;
  }
  return -1;
}

static const char *const S_kinds[] = {
    "",          "country",    "city",  "region",    "place",
    "seat",      "org",        "gov_body", "person", "group",
    "other",     "honorific",  "title", "first_name", "org_head",
    "legal_form", "body",      "stop_name"};
static const char *const S_roles[] = {
    "",         "capital",   "seat",     "head_of_state", "head_of_government",
    "foreign_minister", "minister", "official", "body", "member"};

const char *bl_kb_kind_name(int kind) {
  if (kind < 0 || kind >= BL_KB_KIND_COUNT) return NULL;
  return S_kinds[kind];
}
const char *bl_kb_role_name(int role) {
  if (role < 0 || role >= BL_KB_ROLE_COUNT) return NULL;
  return S_roles[role];
}

/* ------------------------------------------------------------------ */
/* Matching                                                            */
/* ------------------------------------------------------------------ */
/* Appends the hits of terminal node `node` for tokens [ts, te), code
 * points [start, end); an entry already hit at the same span (two of its
 * aliases normalise alike) gets no second hit, its flags are merged into
 * the first. */
static int S_emit(const bl_kb *kb, int layer, uint32_t node, int32_t ts,
                  int32_t te, int32_t start, int32_t end, bl_vec *out,
                  size_t span_first) {
  for (uint32_t p = kb->nodes[node]; p < kb->nodes[node + 1]; p++) {
    uint32_t a = kb->payload[p];
    int32_t entry = (int32_t)kb->aliases[a].entry;
    int dup = 0;
    for (size_t k = span_first; k < out->len; k++) {
      const bl_kb_hit *o = &BL_VEC_AT(out, bl_kb_hit, k);
      if (o->layer == layer && o->entry == entry && o->tok_end == te) {
        /* two aliases of one entry that normalise alike ("Russian" the
         * demonym, "russian" a plain variant): one hit, both flags */
        BL_VEC_AT(out, bl_kb_hit, k).flags |= kb->aliases[a].flags;
        dup = 1;
        break;
      }
    }
    if (dup) continue;
    bl_kb_hit *hit = bl_vec_push(out);
    if (!hit) return BL_ENOMEM;
    hit->tok_start = ts;
    hit->tok_end = te;
    hit->start = start;
    hit->end = end;
    hit->layer = layer;
    hit->entry = entry;
    hit->alias = (int32_t)a;
    hit->flags = kb->aliases[a].flags;
  }
  return BL_OK;
}

int bl__kb_emit_cands(const bl_kb *const *kbs, bl__kb_cand *cand,
                      size_t n_cand, int all, int32_t i, int32_t tok_base,
                      const int32_t *start_of, const int32_t *end_of,
                      size_t stride, bl_vec *out) {
  if (all && n_cand > 1) {
    /* longest first, stable (insertion sort: few candidates) */
    for (size_t a = 1; a < n_cand; a++) {
      bl__kb_cand c = cand[a];
      size_t b = a;
      while (b > 0 && cand[b - 1].len < c.len) {
        cand[b] = cand[b - 1];
        b--;
      }
      cand[b] = c;
    }
  }
  size_t first = out->len;
  for (size_t c = 0; c < n_cand; c++) {
    int32_t te = i + cand[c].len;
    int rc = S_emit(kbs[cand[c].layer], cand[c].layer, cand[c].node,
                    tok_base + i, tok_base + te, start_of[(size_t)i * stride],
                    end_of[(size_t)(te - 1) * stride], out, first);
    if (rc < 0) return rc;
  }
  return BL_OK;
}

/* Token views of a document for bl__kb_cands. */
typedef struct {
  const bl_token *toks;
  const bl_tokx *tx;
} S_docview;

BL_INLINE uint64_t S_doc_hash(void *v, int32_t j, int root) {
  const S_docview *d = v;
  return root ? d->tx[j].exact_hash : d->tx[j].norm_hash;
}
BL_INLINE int S_doc_para(void *v, int32_t j) {
  const S_docview *d = v;
  return (d->toks[j].flags & BL_TF_PARA_START) != 0;
}

static int S_match(const bl_kb *const *kbs, int n_kbs, const bl_doc *doc,
                   unsigned options, bl_vec *out) {
  S_docview v = {doc->tokens.data, doc->tokx.data};
  int32_t n = (int32_t)doc->tokens.len;
  bl__kb_cand cand[BL__KB_MAX_CANDS];
  const int all = (options & BL_KBM_ALL) != 0;
  for (int32_t i = 0; i < n;) {
    int32_t best = 0;
    size_t n_cand = bl__kb_cands(kbs, n_kbs, all, &v, S_doc_hash, S_doc_para,
                                 i, n, cand, &best, NULL);
    if (n_cand) {
      int rc = bl__kb_emit_cands(kbs, cand, n_cand, all, i, 0,
                                 &v.toks[0].start, &v.toks[0].end,
                                 sizeof(bl_token) / sizeof(int32_t), out);
      if (rc < 0) return rc;
    }
    i += (!all && best > 0) ? best : 1;
  }
  return BL_OK;
}

int bl__kb_match(const bl_doc *doc, bl_vec *out, unsigned options) {
  if (!doc || !out) return BL_EINVAL;
  if (!doc->cfg || doc->cfg->n_kbs <= 0) return BL_OK;
  return S_match(doc->cfg->kbs, doc->cfg->n_kbs, doc, options, out);
}

int bl_kb_match(const bl_kb *const *kbs, int n_kbs, const bl_doc *doc,
                unsigned options, bl_kb_hit **out, size_t *n_out) {
  if (!out || !n_out || !doc || n_kbs < 0 || n_kbs > BL_MAX_KB_LAYERS ||
      (n_kbs && !kbs) || (options & ~(unsigned)BL_KBM_ALL))
    return BL_EINVAL;
  *out = NULL;
  *n_out = 0;
  bl_vec v;
  bl_vec_init(&v, sizeof(bl_kb_hit));
  int rc = S_match(kbs, n_kbs, doc, options, &v);
  if (rc < 0) {
    bl_vec_free(&v);
    return rc;
  }
  *out = v.len ? v.data : NULL;
  *n_out = v.len;
  if (!v.len) bl_vec_free(&v);
  return BL_OK;
}

int bl_kb_lookup(const bl_kb *kb, const char *utf8, size_t len, int32_t *out,
                 size_t cap) {
  if (!kb || (!utf8 && len) || (!out && cap)) return BL_EINVAL;
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.stages = BL_STAGE_TOKENS;
  bl_doc *doc = NULL;
  int rc = bl_analyze(&cfg, utf8, len, 0, NULL, &doc);
  if (rc < 0) return rc;
  const bl_tokx *tx = doc->tokx.data;
  size_t n = doc->tokx.len, found = 0;
  for (int root = 0; root < 2 && n > 0 && n <= BL_KBF_MAX_TOKENS; root++) {
    uint32_t node = (uint32_t)root;
    for (size_t j = 0; j < n; j++) {
      node = bl__kb_child(kb, node, root ? tx[j].exact_hash : tx[j].norm_hash);
      if (!node) break;
    }
    if (!node) continue;
    for (uint32_t p = kb->nodes[node]; p < kb->nodes[node + 1]; p++) {
      if (found < cap) out[found] = (int32_t)kb->payload[p];
      found++;
    }
  }
  bl_doc_free(doc);
  return found > INT32_MAX ? BL_ETOOBIG : (int)found;
}

int32_t bl__kb_find_any(const bl_doc *doc, const char *kb_id, int *layer) {
  if (!doc || !doc->cfg || !kb_id || !*kb_id) return -1;
  for (int L = doc->cfg->n_kbs - 1; L >= 0; L--) {
    int32_t e = bl_kb_find(doc->cfg->kbs[L], kb_id);
    if (e >= 0) {
      if (layer) *layer = L;
      return e;
    }
  }
  return -1;
}
