/* bl_doc.c -- document lifecycle, the pipeline driver, tables and names. */
#include "bl_internal.h"

#include <utf8proc.h>

const char *bl_strerror(int status) {
  switch (status) {
  case BL_OK: return "success";
  case BL_ENOMEM: return "out of memory";
  case BL_EINVAL: return "invalid argument";
  case BL_EUTF8: return "invalid UTF-8";
  case BL_ETOOBIG: return "input too large";
  case BL_EFORMAT: return "not a byline file, or corrupt";
  case BL_EVERSION: return "byline file from an incompatible format version";
  case BL_ECHECKSUM: return "byline file checksum mismatch (corrupt file)";
  case BL_EIO: return "I/O error";
  case BL_ETRUNCATED: return "byline file is truncated";
  default: return "unknown error";
  }
}

/* ---- tables ---- */
#define BL_FIELD_NAME(name) #name,
static const char *const S_tok_cols[] = {BL_TOKEN_FIELDS(BL_FIELD_NAME) NULL};
static const char *const S_sent_cols[] = {BL_SENTENCE_FIELDS(BL_FIELD_NAME) NULL};
static const char *const S_para_cols[] = {BL_PARAGRAPH_FIELDS(BL_FIELD_NAME) NULL};
static const char *const S_men_cols[] = {BL_MENTION_FIELDS(BL_FIELD_NAME) NULL};
static const char *const S_ent_cols[] = {BL_ENTITY_FIELDS(BL_FIELD_NAME) NULL};
static const char *const S_quo_cols[] = {BL_QUOTE_FIELDS(BL_FIELD_NAME) NULL};
static const char *const S_rel_cols[] = {BL_RELATION_FIELDS(BL_FIELD_NAME) NULL};

static const struct {
  const char *name;
  const char *const *cols;
  size_t n_cols;
} S_tables[BL_TABLE_COUNT] = {
    {NULL, NULL, 0},
    {"tokens", S_tok_cols, sizeof(bl_token) / 4},
    {"sentences", S_sent_cols, sizeof(bl_sentence) / 4},
    {"paragraphs", S_para_cols, sizeof(bl_paragraph) / 4},
    {"mentions", S_men_cols, sizeof(bl_mention) / 4},
    {"entities", S_ent_cols, sizeof(bl_entity) / 4},
    {"quotes", S_quo_cols, sizeof(bl_quote) / 4},
    {"relations", S_rel_cols, sizeof(bl_relation) / 4},
};

const char *bl_table_name(int table) {
  if (table <= BL_TABLE_NONE || table >= BL_TABLE_COUNT) return NULL;
  return S_tables[table].name;
}

const char *const *bl_table_columns(int table, size_t *n_cols) {
  if (table <= BL_TABLE_NONE || table >= BL_TABLE_COUNT) {
    if (n_cols) *n_cols = 0;
    return NULL;
  }
  if (n_cols) *n_cols = S_tables[table].n_cols;
  return S_tables[table].cols;
}

static const bl_vec *S_table_vec(const bl_doc *doc, int table) {
  switch (table) {
  case BL_TABLE_TOKENS: return &doc->tokens;
  case BL_TABLE_SENTENCES: return &doc->sentences;
  case BL_TABLE_PARAGRAPHS: return &doc->paragraphs;
  case BL_TABLE_MENTIONS: return &doc->mentions;
  case BL_TABLE_ENTITIES: return &doc->entities;
  case BL_TABLE_QUOTES: return &doc->quotes;
  case BL_TABLE_RELATIONS: return &doc->relations;
  default: return NULL;
  }
}

const int32_t *bl_doc_table(const bl_doc *doc, int table, size_t *n_rows) {
  const bl_vec *v = doc ? S_table_vec(doc, table) : NULL;
  if (!v || v->len == 0) {
    if (n_rows) *n_rows = 0;
    return NULL;
  }
  if (n_rows) *n_rows = v->len;
  return (const int32_t *)v->data;
}

size_t bl_doc_length(const bl_doc *doc) { return doc ? doc->n_chars : 0; }

const char *bl_doc_token_norm(const bl_doc *doc, size_t i, size_t *len) {
  if (len) *len = 0;
  if (!doc || i >= doc->tokx.len) return NULL;
  const bl_tokx *x = &BL_VEC_AT(&doc->tokx, bl_tokx, i);
  if ((size_t)x->norm_off + x->norm_len > doc->norm.len) return "";
  if (len) *len = x->norm_len;
  return x->norm_len ? (const char *)doc->norm.data + x->norm_off : "";
}

/* ---- names ---- */
static const char *const S_labels[] = {"", "PERSON", "ORG", "GPE", "LOC",
                                       "NORP", "FAC", "EVENT", "MISC"};
static const char *const S_tok_kinds[] = {
    "", "word", "number", "punct", "quote", "dash", "abbrev",
    "url", "email", "handle", "hashtag", "clitic", "symbol"};
static const char *const S_quote_kinds[] = {"", "direct", "partial",
                                            "indirect"};
static const char *const S_genders[] = {"", "male", "female", "plural"};
static const char *const S_sources[] = {"", "kb", "ner", "rule", "alias",
                                        "pronoun"};

#define S_PICK(arr, v)                                                     \
  ((v) >= 0 && (size_t)(v) < sizeof(arr) / sizeof(arr[0]) ? arr[v] : NULL)

const char *bl_enum_name(int enum_id, int value) {
  switch (enum_id) {
  case BL_ENUM_LABEL: return S_PICK(S_labels, value);
  case BL_ENUM_TOKEN_KIND: return S_PICK(S_tok_kinds, value);
  case BL_ENUM_QUOTE_KIND: return S_PICK(S_quote_kinds, value);
  case BL_ENUM_GENDER: return S_PICK(S_genders, value);
  case BL_ENUM_SOURCE: return S_PICK(S_sources, value);
  case BL_ENUM_UPOS: return bl__upos_name(value);
  case BL_ENUM_NER: return bl__ner_name(value);
  case BL_ENUM_REL_KIND: return bl__rel_kind_name(value);
  case BL_ENUM_CUE: return bl__cue_name(value);
  case BL_ENUM_MODALITY: return bl__modality_name(value);
  default: return NULL;
  }
}

/* ---- lifecycle ---- */
static void S_doc_init(bl_doc *doc) {
  memset(doc, 0, sizeof(*doc));
  bl_arena_init(&doc->arena);
  bl_vec_init(&doc->tokens, sizeof(bl_token));
  bl_vec_init(&doc->tokx, sizeof(bl_tokx));
  bl_vec_init(&doc->norm, 1);
  bl_vec_init(&doc->sentences, sizeof(bl_sentence));
  bl_vec_init(&doc->paragraphs, sizeof(bl_paragraph));
  bl_vec_init(&doc->mentions, sizeof(bl_mention));
  bl_vec_init(&doc->entities, sizeof(bl_entity));
  bl_vec_init(&doc->quotes, sizeof(bl_quote));
  bl_vec_init(&doc->relations, sizeof(bl_relation));
}

void bl_doc_free(bl_doc *doc) {
  if (!doc) return;
  bl_vec_free(&doc->tokens);
  bl_vec_free(&doc->tokx);
  bl_vec_free(&doc->norm);
  bl_vec_free(&doc->sentences);
  bl_vec_free(&doc->paragraphs);
  bl_vec_free(&doc->mentions);
  bl_vec_free(&doc->entities);
  bl_vec_free(&doc->quotes);
  bl_vec_free(&doc->relations);
  bl_arena_free(&doc->arena);
  bl_free(doc->text);
  bl_free(doc);
}

/* Strict UTF-8 validation (no surrogates, no overlongs); returns the byte
 * offset of the first bad sequence, or len if all is well.  Also counts
 * code points. */
static size_t S_validate(const char *s, size_t len, size_t *n_chars) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0, n = 0;
  while (i < len) {
    if (p[i] < 0x80) {
      i++;
      n++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
    if (k <= 0) {
      *n_chars = n;
      return i;
    }
    i += (size_t)k;
    n++;
  }
  *n_chars = n;
  return len;
}

size_t bl__utf8_check(const char *s, size_t len, size_t *n_chars) {
  return S_validate(s, len, n_chars);
}

int bl_analyze(const bl_config *cfg, const char *utf8, size_t len,
               int trusted_utf8, size_t *err_offset, bl_doc **out) {
  int rc = BL_OK;
  bl_doc *doc = NULL;
  if (!out || (!utf8 && len) || !cfg) return BL_EINVAL;
  *out = NULL;
  if (cfg->n_kbs < 0 || cfg->n_kbs > BL_MAX_KB_LAYERS || cfg->options ||
      (cfg->stages & ~(uint32_t)BL_STAGE_ALL))
    return BL_EINVAL;
  for (int i = 0; i < cfg->n_kbs; i++)
    if (!cfg->kbs[i]) return BL_EINVAL;
  if (len > BL_MAX_TEXT_BYTES) return BL_ETOOBIG;

  size_t n_chars = 0;
  if (trusted_utf8) {
    n_chars = bl__count_cps(utf8, len);
  } else {
    size_t bad = S_validate(utf8, len, &n_chars);
    if (bad != len) {
      if (err_offset) *err_offset = bad;
      return BL_EUTF8;
    }
  }

  doc = bl_malloc(sizeof(*doc));
  if (!doc) return BL_ENOMEM;
  S_doc_init(doc);
  doc->text = bl_malloc(len + 1);
  if (!doc->text) {
    rc = BL_ENOMEM;
    goto cleanup;
  }
  if (len) memcpy(doc->text, utf8, len);
  doc->text[len] = '\0';
  doc->len = len;
  doc->n_chars = n_chars;
  doc->cfg = cfg;

  uint32_t st = cfg->stages ? cfg->stages : BL_STAGE_ALL;
  /* Each stage needs the ones before it. */
  if (st & BL_STAGE_RELATIONS) st |= BL_STAGE_QUOTES;
  if (st & BL_STAGE_QUOTES) st |= BL_STAGE_ENTITIES;
  if (st & BL_STAGE_ENTITIES) st |= BL_STAGE_TAGS;
  if (st & BL_STAGE_TAGS) st |= BL_STAGE_SENTENCES;
  st |= BL_STAGE_TOKENS;

  if ((rc = bl__tokenize(doc)) < 0) goto cleanup;
  if ((st & BL_STAGE_SENTENCES) && (rc = bl__segment(doc)) < 0) goto cleanup;
  if ((st & BL_STAGE_TAGS) && cfg->model && (rc = bl__tag(doc, cfg->model)) < 0)
    goto cleanup;
  if ((st & BL_STAGE_ENTITIES) && (rc = bl__entities(doc)) < 0) goto cleanup;
  if ((st & BL_STAGE_QUOTES) && (rc = bl__quotes(doc)) < 0) goto cleanup;
  if ((st & BL_STAGE_RELATIONS) && (rc = bl__relations(doc)) < 0) goto cleanup;

  doc->cfg = NULL;
  *out = doc;
  return BL_OK;

cleanup:
  bl_doc_free(doc);
  return rc;
}
