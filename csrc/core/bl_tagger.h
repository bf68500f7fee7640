/*
 * bl_tagger.h -- tagger internals shared by bl_tagger.c (inference) and the
 * trainer (train/bl_train.c).  Feature extraction lives here and in
 * bl_tagger.c only, so training and inference cannot drift apart: the
 * trainer calls the very same bl__tt_fill / bl__pos_feats / bl__ner_feats.
 * Not part of the public API.
 */
#ifndef BL_TAGGER_H
#define BL_TAGGER_H

#include "bl_internal.h"

/* Bumped whenever feature extraction changes; a model trained with another
 * feature set is rejected with BL_EVERSION. */
#define BL_TAG_FEATSET 6

/* Feature identities live in a space of 2^BL_TAG_BITS buckets.  The trainer
 * learns dense weights over that space; the model file keeps only the
 * buckets with non-zero weights, in a keyed open-addressing table. */
#define BL_TAG_BITS 21
#define BL_TAG_MAXFEAT 64
#define BL_POS_NCLASS (BL_UPOS_COUNT - 1) /* class c <-> BL_UPOS value c+1 */
#define BL_NER_NCLASS BL_NER_NTAGS        /* class c <-> ner column value c */

/* Per-token flags computed from the token's own text. */
enum {
  BL_TT_TITLE = 1u << 0,   /* first letter upper, some lower letters after */
  BL_TT_UPPER = 1u << 1,   /* all letters upper, >= 2 letters */
  BL_TT_LOWER = 1u << 2,   /* has letters, all lower */
  BL_TT_DIGIT = 1u << 3,   /* has a digit */
  BL_TT_ALLDIGIT = 1u << 4,
  BL_TT_HYPHEN = 1u << 5,  /* has an inner hyphen */
  BL_TT_PERIOD = 1u << 6,  /* has a period */
  BL_TT_NOALNUM = 1u << 7, /* no letter or digit: punctuation / symbol */
  BL_TT_CAP1 = 1u << 8,    /* one upper-case letter, alone ("A", "I") */
  BL_TT_SSTART = 1u << 9,  /* first token of its sentence */
  BL_TT_HONOR = 1u << 10,  /* honorific / title word (mr, president, ...) */
  BL_TT_APOS = 1u << 11,   /* contains an apostrophe */
  BL_TT_MIXED = 1u << 12   /* inner capital (iPhone, McDonald) */
};

/* Everything the feature templates need about one token, computed once. */
typedef struct {
  uint64_t word;   /* lower-cased form, digits mapped to 0 */
  uint64_t exact;  /* form as written, digits mapped to 0 */
  uint64_t shape;  /* Xxxx / dd-dd / x.x. shape, runs capped at 3 */
  uint64_t pre[3]; /* lower-cased prefixes of 1..3 code points */
  uint64_t suf[4]; /* lower-cased suffixes of 1..4 code points */
  uint32_t flags;  /* BL_TT_* */
  uint8_t pos;     /* BL_UPOS_* (0 before tagging) */
  uint8_t pos1;    /* BL_UPOS_* of the first POS pass (0 before it) */
  uint8_t ner;     /* NER tag of the current pass */
  uint8_t ner1;    /* NER tag of the first pass */
  uint8_t dmaj;    /* document evidence: 1 + majority entity type, 0 none */
  uint8_t dprev;   /* 1 + entity type of the nearest earlier occurrence */
  uint8_t dfrac;   /* share of entity-tagged occurrences, in quarters 0..4 */
  uint8_t dlower;  /* 1: the word also appears all lower case in the doc */
  uint8_t dtitle;  /* 1: the word also appears Title-case mid-sentence */
  uint8_t clus2;   /* word cluster, coarse: 1 + id, 0 = word not in lexicon */
  uint16_t clus;   /* word cluster, fine: 1 + id, 0 = word not in lexicon */
  uint32_t amb;    /* POS ambiguity class: bit c = seen as class c in EWT train */
  uint8_t gaz;     /* gazetteer bits (BL_GAZ_*) from the lexicon */
} bl_tagtok;

/* Fills `t` from the token's UTF-8 bytes.  `sstart` marks the first token of
 * a sentence.  Never fails; malformed bytes are taken one at a time. */
void bl__tt_fill(bl_tagtok *t, const char *s, size_t n, int sstart);

/* Feature hashes for token i of tt[0..n).  p1/p2 are the two previous tags
 * (class indices + 1; 0 = sentence start).  Returns the count written to
 * out (<= BL_TAG_MAXFEAT).  Bucket = hash & ((1 << BL_TAG_BITS) - 1).
 * POS pass is 1 (left context only) or 2 (adds the first pass's tags of the
 * right neighbours, tt[].pos1). */
int bl__pos_feats(const bl_tagtok *tt, int n, int i, int p1, int p2, int pass,
                  uint64_t *out);
/* pass is 1 (sentence-local) or 2 (adds document evidence). */
int bl__ner_feats(const bl_tagtok *tt, int n, int i, int p1, int p2,
                  int pass, uint64_t *out);

/* Document evidence (Ratinov & Roth 2009): from the first-pass tags in
 * tt[].ner1, sets dmaj/dprev/dfrac for every token, and dlower/dtitle.
 * Needs scratch memory; returns BL_OK or BL_ENOMEM. */
int bl__ner_doc_evidence(bl_tagtok *tt, int n);

/* NER pass 2 keeps O, without scoring, for a token that pass 1 tagged O
 * and that has no capital letter (a lower-case word, a number, punctuation)
 * when no entity is open before it: pass 2 would hardly start one there
 * (about 70% of news tokens).  The trainer skips them alike. */
BL_INLINE int bl__ner2_skippable(const bl_tagtok *t) {
  return !t->ner1 &&
         !(t->flags & (BL_TT_TITLE | BL_TT_UPPER | BL_TT_CAP1 | BL_TT_MIXED)) &&
         (t->flags & (BL_TT_LOWER | BL_TT_NOALNUM | BL_TT_ALLDIGIT));
}
#define BL__NER_OPEN(prev) \
  ((prev) && (BL_NER_BILOU(prev) == BL_BILOU_B || BL_NER_BILOU(prev) == BL_BILOU_I))
BL_INLINE int bl__ner2_skip(const bl_tagtok *t, int prev) {
  return !BL__NER_OPEN(prev) && bl__ner2_skippable(t);
}

/* BILOU validity: may tag `cur` follow tag `prev` (0 = O or start)? */
BL_INLINE int bl__ner_allowed(int prev, int cur) {
  int pin = prev && (BL_NER_BILOU(prev) == BL_BILOU_B ||
                     BL_NER_BILOU(prev) == BL_BILOU_I);
  if (pin) {
    if (!cur) return 0;
    int b = BL_NER_BILOU(cur);
    return BL_NER_TYPE(cur) == BL_NER_TYPE(prev) &&
           (b == BL_BILOU_I || b == BL_BILOU_L);
  }
  if (!cur) return 1;
  int b = BL_NER_BILOU(cur);
  return b == BL_BILOU_B || b == BL_BILOU_U;
}
/* May `cur` end a sentence (no open B/I)? */
BL_INLINE int bl__ner_can_end(int cur) {
  return !cur || BL_NER_BILOU(cur) == BL_BILOU_L ||
         BL_NER_BILOU(cur) == BL_BILOU_U;
}

/* ---- model file ---- */
/* A weight table: keyed open addressing over buckets.  Each slot is one
 * BL_WROW-byte row -- u32 key (bucket + 1; 0 = empty), u8 shift, n_class
 * int8 weights scaled by 2^shift, padding -- so a probe touches one place. */
#define BL_WROW 24
#define BL_WCLASS 17 /* classes per row: both POS and NER have 17 */
typedef struct {
  uint32_t n_class, n_slots, n_feat;
  const uint8_t *rows; /* n_slots * BL_WROW bytes, 8-byte aligned */
  /* Optional: bit key-1 set iff the key is in the table (2^BL_TAG_BITS
   * bits, built at load).  Features the model never learnt -- a large share
   * of a token's -- are then dismissed by one L2-resident bit test instead
   * of an unsuccessful probe sequence through the table.  NULL: no filter. */
  const uint64_t *present;
} bl_wtable;

enum { BL_SEC_POS = 1, BL_SEC_NER1 = 2, BL_SEC_NER2 = 3, BL_SEC_INFO = 4,
       BL_SEC_LEX = 5, BL_SEC_POS2 = 6 };

/* The word lexicon (optional section): distributional word clusters learnt
 * by the trainer from unlabelled news text, each training word's POS
 * ambiguity class (the set of UPOS it was seen with in EWT train), and
 * gazetteer bits (name lists the trainer was given).  Keyed open addressing
 * like the weight tables, BL_LROW-byte rows: u32 key (low 32 bits of
 * bl_tagtok.word, 0 mapped to 1; 0 = empty slot), u16 fine cluster (1 + id,
 * 0 none), u8 coarse cluster (1 + id, 0 none), u8 gazetteer bits (BL_GAZ_*),
 * u32 ambiguity bits (< 2^BL_POS_NCLASS).  Home slot bl__wt_slot(key,
 * n_slots). */
#define BL_LROW 12
#define BL_LEX_MAXFINE 4096
#define BL_LEX_MAXCOARSE 255
enum {
  BL_GAZ_FIRST = 1,  /* a first name (SSA baby names, Moby lists) */
  BL_GAZ_PLACE = 2,  /* a one-word place name (GeoNames cities, CLDR) */
  BL_GAZ_INPLACE = 4 /* a word of a longer place name */
};
#define BL_GAZ_MASK 7u
typedef struct {
  uint32_t n_slots, n_feat;
  const uint8_t *rows;
} bl_lextable;
BL_INLINE uint32_t bl__lex_key(uint64_t word) {
  uint32_t k = (uint32_t)word;
  return k ? k : 1;
}
/* Sets tt[].clus / clus2 / amb / gaz from the lexicon (0 for unknown words). */
void bl__lex_apply(const bl_lextable *L, bl_tagtok *tt, int n);
/* Returns the model's lexicon, or NULL if it has none. */
const bl_lextable *bl__model_lex(const bl_model *m);

/* Home slot of a key (bucket + 1) in a table of n_slots. */
BL_INLINE uint32_t bl__wt_slot(uint32_t key, uint32_t n_slots) {
  uint32_t h = key * 0x9E3779B1u;
  h ^= h >> 15;
  h *= 0x85EBCA77u;
  h ^= h >> 13;
  return (uint32_t)(((uint64_t)h * n_slots) >> 32);
}

/* Greedy decoders over one sentence tt[0..n): POS writes tt[].pos (and
 * tt[].pos1 in pass 1); NER (pass 1 or 2, BILOU-constrained) writes
 * tt[].ner, and tt[].ner1 in pass 1 (pass 2 leaves bl__ner2_skip tokens O
 * without scoring them). */
void bl__pos_decode(const bl_wtable *W, bl_tagtok *tt, int n, int pass);
void bl__ner_decode(const bl_wtable *W, bl_tagtok *tt, int n, int pass);

/* Adds the weights of bucket-hashed features to scores[0..n_class). */
void bl__wt_score(const bl_wtable *t, const uint64_t *f, int nf,
                  int32_t *scores);
/* Returns the weight table of section `sec`, or NULL if absent. */
const bl_wtable *bl__model_table(const bl_model *m, int sec);

/* Runs POS (two passes if the model has BL_SEC_POS2) then NER (two passes) over tt[0..n), one document, sentences
 * marked by BL_TT_SSTART.  Writes tt[].pos and tt[].ner. */
int bl__tag_tokens(const bl_model *m, bl_tagtok *tt, int n);

/* The file format, for the trainer's writer. */
#define BL_MODEL_MAGIC "BYLNTAG\x1a"
#define BL_MODEL_VERSION 3
#define BL_MODEL_ALIGN 64
/* 64-bit checksum of a byte range (word-at-a-time multiply/xorshift). */
uint64_t bl__model_checksum(const void *p, size_t n);

#endif /* BL_TAGGER_H */
