/*
 * bl_tagger.c -- part-of-speech and named-entity tagging.
 *
 * Both taggers are linear models over hashed features (averaged perceptron,
 * trained by train/bl_train.c), decoded greedily left to right.  POS runs
 * first, in two passes when the model has a second POS table: the second
 * pass also sees the first pass's tags of the words to the right, which a
 * left-to-right tagger otherwise has to do without.  NER (BILOU over
 * PER/ORG/LOC/MISC, with validity constraints) runs twice: the second pass
 * adds document-level evidence -- how the same word was tagged elsewhere in
 * the article by the first pass (Ratinov & Roth 2009, "Design challenges and
 * misconceptions in NER", sec. 5.2).
 *
 * The model file (see S_parse) is one little-endian blob: a 64-byte header
 * with magic, format version, feature-set version, size and a checksum of
 * everything after the header, a section table, and 64-byte aligned
 * sections.  It is memory-mapped read-only and never written, so one model
 * serves any number of threads.
 */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif
#include "bl_tagger.h"

#include <stdlib.h>
#include <utf8proc.h>

#if !defined(_WIN32)
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define BL_HAVE_MMAP 1
#else
#include <stdio.h>
#endif

/* ================================================================== */
/* Names                                                               */
/* ================================================================== */
static const char *const S_upos[BL_UPOS_COUNT] = {
    "",     "ADJ",  "ADP",   "ADV",   "AUX",  "CCONJ", "DET",   "INTJ", "NOUN",
    "NUM",  "PART", "PRON",  "PROPN", "PUNCT", "SCONJ", "SYM",  "VERB", "X"};
static const char *const S_ner[BL_NER_NTAGS] = {
    "O",     "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG", "I-ORG",
    "L-ORG", "U-ORG", "B-LOC", "I-LOC", "L-LOC", "U-LOC", "B-MISC",
    "I-MISC", "L-MISC", "U-MISC"};

const char *bl__upos_name(int v) {
  return v >= 0 && v < BL_UPOS_COUNT ? S_upos[v] : NULL;
}
const char *bl__ner_name(int v) {
  return v >= 0 && v < BL_NER_NTAGS ? S_ner[v] : NULL;
}

/* ================================================================== */
/* Token features                                                      */
/* ================================================================== */
/* The tagger's own string hash (FNV-1a + finaliser), independent of the
 * tokenizer's bl_hash_bytes so that a tokenizer change cannot silently
 * invalidate trained weights. */
static uint64_t S_hash(const char *s, size_t n) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
  return bl_fmix64(h ^ n);
}

BL_INLINE uint64_t S_f(uint64_t tmpl, uint64_t v) {
  return bl_fmix64(v + tmpl * 0x9E3779B97F4A7C15ULL);
}
BL_INLINE uint64_t S_f2(uint64_t tmpl, uint64_t a, uint64_t b) {
  return bl_fmix64((a ^ (b * 0xC2B2AE3D27D4EB4FULL)) + tmpl * 0x9E3779B97F4A7C15ULL);
}

/* Honorifics and titles that precede names (lower case, no period).
 * Generic English news usage; not tied to any article. */
static const char *const S_honor[] = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame",
    "lord", "lady", "president", "minister", "secretary", "chancellor",
    "senator", "sen", "rep", "representative", "gov", "governor", "gen",
    "general", "col", "colonel", "lt", "capt", "captain", "sgt", "adm",
    "admiral", "king", "queen", "prince", "princess", "sheikh", "pope",
    "rev", "reverend", "judge", "justice", "mayor", "chairman", "chairwoman",
    "ceo", "spokesman", "spokeswoman", "spokesperson", "ambassador",
    "premier", "envoy", "commissioner", "director", "deputy", "mp", "coach",
    "st", "saint", "emperor", "cardinal", "archbishop", "bishop", "chief",
    "counterpart", "officer", "sheikha", "chair", "leader", "head", NULL};

static int S_is_honor(const char *lw, size_t n) {
  if (n && lw[n - 1] == '.') n--;
  if (n < 2 || n > 14) return 0;
  for (const char *const *p = S_honor; *p; p++)
    if ((*p)[0] == lw[0] && strlen(*p) == n && memcmp(*p, lw, n) == 0)
      return 1;
  return 0;
}

/* Appends code point c to buf (cap bytes) at *len, if it fits. */
static void S_put(char *buf, size_t cap, size_t *len, int32_t c) {
  if (c < 0x80) {
    if (*len < cap) buf[(*len)++] = (char)c;
    return;
  }
  utf8proc_uint8_t tmp[4];
  utf8proc_ssize_t k = utf8proc_encode_char(c, tmp);
  if (k <= 0 || *len + (size_t)k > cap) return;
  memcpy(buf + *len, tmp, (size_t)k);
  *len += (size_t)k;
}

#define S_WCAP 96 /* bytes of a word kept for hashing */
#define S_CPCAP 48

void bl__tt_fill(bl_tagtok *t, const char *s, size_t n, int sstart) {
  char lw[S_WCAP], ex[S_WCAP], sh[24];
  size_t nl = 0, ne = 0, ns = 0;
  uint16_t cpoff[S_CPCAP + 1]; /* byte offset of each code point in lw */
  int ncp = 0;
  int n_up = 0, n_lo = 0, n_let = 0, n_dig = 0, n_other = 0;
  int first_up = 0, inner_up = 0, hyphen = 0, period = 0, apos = 0;
  char last_sh = 0;
  int run = 0;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0;
  memset(t, 0, sizeof(*t));
  while (i < n) {
    int32_t c;
    if (p[i] < 0x80) {
      c = p[i++];
    } else {
      utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
      if (k <= 0) { /* lone surrogate or junk: one byte, as a symbol */
        c = 0xFFFD;
        k = 1;
      }
      i += (size_t)k;
    }
    /* Unify typographic apostrophes and dashes with ASCII ones. */
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032) c = '\'';
    else if (c >= 0x2010 && c <= 0x2015) c = '-';
    int cls; /* 1 upper, 2 lower, 3 other letter, 4 digit, 0 other */
    int32_t lc = c;
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') { cls = 1; lc = c + 32; }
      else if (c >= 'a' && c <= 'z') cls = 2;
      else if (c >= '0' && c <= '9') cls = 4;
      else cls = 0;
    } else {
      utf8proc_category_t cat = utf8proc_category(c);
      if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT) {
        cls = 1;
        lc = utf8proc_tolower(c);
      } else if (cat == UTF8PROC_CATEGORY_LL) cls = 2;
      else if (cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO) cls = 3;
      else if (cat == UTF8PROC_CATEGORY_ND) cls = 4;
      else cls = 0;
    }
    int pos = n_let + n_dig + n_other;
    switch (cls) {
    case 1: n_up++; n_let++; if (pos == 0) first_up = 1; else inner_up = 1; break;
    case 2: n_lo++; n_let++; break;
    case 3: n_let++; break;
    case 4: n_dig++; break;
    default:
      n_other++;
      if (c == '-') hyphen = 1;
      else if (c == '.') period = 1;
      else if (c == '\'') apos = 1;
    }
    int32_t wc = cls == 4 ? '0' : c;
    if (ncp < S_CPCAP && nl < S_WCAP) cpoff[ncp++] = (uint16_t)nl;
    S_put(lw, S_WCAP, &nl, cls == 4 ? '0' : lc);
    S_put(ex, S_WCAP, &ne, wc);
    char shc = cls == 1 ? 'X' : cls == 2 || cls == 3 ? 'x' : cls == 4 ? 'd'
               : c < 0x80 ? (char)c : '*';
    if (shc == last_sh) run++;
    else { run = 1; last_sh = shc; }
    if (run <= 3 && ns < sizeof(sh)) sh[ns++] = shc;
  }
  cpoff[ncp] = (uint16_t)nl;
  t->word = S_hash(lw, nl);
  t->exact = S_hash(ex, ne);
  t->shape = S_hash(sh, ns);
  for (int k = 1; k <= 3; k++) {
    int e = k < ncp ? k : ncp;
    t->pre[k - 1] = S_hash(lw, cpoff[e]);
  }
  for (int k = 1; k <= 4; k++) {
    int b = ncp - k > 0 ? ncp - k : 0;
    t->suf[k - 1] = S_hash(lw + cpoff[b], nl - cpoff[b]);
  }
  uint32_t f = 0;
  if (first_up && n_lo > 0) f |= BL_TT_TITLE;
  if (n_up >= 2 && n_lo == 0) f |= BL_TT_UPPER;
  if (n_let > 0 && n_up == 0) f |= BL_TT_LOWER;
  if (n_dig) f |= BL_TT_DIGIT;
  if (n_dig && !n_let && n_dig >= n_other) f |= BL_TT_ALLDIGIT;
  if (hyphen && n_let + n_dig > 0) f |= BL_TT_HYPHEN;
  if (period) f |= BL_TT_PERIOD;
  if (!n_let && !n_dig) f |= BL_TT_NOALNUM;
  if (n_let == 1 && n_up == 1) f |= BL_TT_CAP1;
  if (sstart) f |= BL_TT_SSTART;
  if (apos) f |= BL_TT_APOS;
  if (inner_up && n_lo > 0) f |= BL_TT_MIXED;
  if (n_let >= 2 && S_is_honor(lw, nl)) f |= BL_TT_HONOR;
  t->flags = f;
}

/* Out-of-sentence placeholders. */
#define S_BOS 0x5a17c0ffee000001ULL
#define S_EOS 0x5a17c0ffee000002ULL
#define S_CAPS (BL_TT_TITLE | BL_TT_UPPER | BL_TT_CAP1 | BL_TT_MIXED)

BL_INLINE uint64_t S_word(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? S_BOS : j >= n ? S_EOS : tt[j].word;
}
BL_INLINE uint64_t S_exact(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? S_BOS : j >= n ? S_EOS : tt[j].exact;
}
BL_INLINE uint64_t S_shape(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? S_BOS : j >= n ? S_EOS : tt[j].shape;
}
BL_INLINE uint64_t S_suf3(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? S_BOS : j >= n ? S_EOS : tt[j].suf[2];
}
BL_INLINE uint64_t S_clus(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? 0x10001 : j >= n ? 0x10002 : tt[j].clus;
}
BL_INLINE uint64_t S_clus2(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? 0x301 : j >= n ? 0x302 : tt[j].clus2;
}
BL_INLINE uint64_t S_amb(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? 1u << 20 : j >= n ? 1u << 21 : tt[j].amb;
}
BL_INLINE uint64_t S_pos(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? 100 : j >= n ? 101 : tt[j].pos;
}
BL_INLINE uint64_t S_pos1(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? 100 : j >= n ? 101 : tt[j].pos1;
}
BL_INLINE uint64_t S_gaz(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? 8 : j >= n ? 9 : tt[j].gaz;
}
BL_INLINE uint64_t S_flg(const bl_tagtok *tt, int n, int j) {
  return j < 0 ? 0x10000 : j >= n ? 0x20000 : (tt[j].flags & ~(uint32_t)BL_TT_HONOR);
}

/* Features split into a static part (the token and its neighbours) and a
 * dynamic part (the previous tags): decoders score the static part of token
 * i+1 ahead, prefetching its rows while token i is decided.  The union is
 * exactly what bl__pos_feats / bl__ner_feats return to the trainer. */
static int S_pos_static(const bl_tagtok *tt, int n, int i, int pass,
                        uint64_t *out) {
  const bl_tagtok *t = &tt[i];
  int k = 0;
  out[k++] = S_f(1, 0);
  out[k++] = S_f(2, t->word);
  out[k++] = S_f(3, t->exact);
  for (int j = 0; j < 4; j++) out[k++] = S_f(4 + (uint64_t)j, t->suf[j]);
  for (int j = 0; j < 3; j++) out[k++] = S_f(8 + (uint64_t)j, t->pre[j]);
  out[k++] = S_f(11, t->shape);
  out[k++] = S_f(12, S_flg(tt, n, i));
  out[k++] = S_f(13, S_word(tt, n, i - 1));
  out[k++] = S_f(14, S_word(tt, n, i - 2));
  out[k++] = S_f(15, S_word(tt, n, i + 1));
  out[k++] = S_f(16, S_word(tt, n, i + 2));
  out[k++] = S_f(17, S_suf3(tt, n, i - 1));
  out[k++] = S_f(18, S_suf3(tt, n, i + 1));
  out[k++] = S_f(19, S_shape(tt, n, i - 1));
  out[k++] = S_f(20, S_shape(tt, n, i + 1));
  out[k++] = S_f2(25, S_word(tt, n, i - 1), t->word);
  out[k++] = S_f2(26, t->word, S_word(tt, n, i + 1));
  out[k++] = S_f2(28, S_word(tt, n, i + 1), S_word(tt, n, i + 2));
  out[k++] = S_f2(29, S_flg(tt, n, i + 1), t->word);
  out[k++] = S_f(30, t->clus);
  out[k++] = S_f(31, S_clus(tt, n, i - 1));
  out[k++] = S_f(32, S_clus(tt, n, i + 1));
  out[k++] = S_f(33, S_clus2(tt, n, i + 2));
  out[k++] = S_f2(34, S_clus2(tt, n, i - 1), S_clus2(tt, n, i + 1));
  out[k++] = S_f(36, t->amb);
  out[k++] = S_f(37, S_amb(tt, n, i + 1));
  out[k++] = S_f(38, S_amb(tt, n, i + 2));
  out[k++] = S_f2(39, t->amb, S_amb(tt, n, i + 1));
  out[k++] = S_f2(42, t->word, S_amb(tt, n, i + 1));
  out[k++] = S_f2(43, t->suf[2], S_amb(tt, n, i + 1));
  if (pass == 2) {
    /* The first pass's tags of the words to the right: the context a
     * left-to-right pass has to do without. */
    uint64_t q1 = S_pos1(tt, n, i + 1), q2 = S_pos1(tt, n, i + 2);
    out[k++] = S_f(45, q1);
    out[k++] = S_f(46, q1 * 128 + q2);
    out[k++] = S_f2(47, t->word, q1);
    out[k++] = S_f2(49, t->suf[2], q1);
    out[k++] = S_f2(50, t->amb, q1);
    out[k++] = S_f2(53, S_pos1(tt, n, i - 1) * 128 + q1, t->word);
    out[k++] = S_f(54, q2 * 128 + S_pos1(tt, n, i + 3));
  }
  return k;
}

static int S_pos_dyn(const bl_tagtok *tt, int n, int i, int p1, int p2,
                     int pass, uint64_t *out) {
  const bl_tagtok *t = &tt[i];
  int k = 0;
  out[k++] = S_f(21, (uint64_t)p1);
  out[k++] = S_f(22, (uint64_t)p2);
  out[k++] = S_f(23, (uint64_t)(p1 * 64 + p2));
  out[k++] = S_f2(24, (uint64_t)p1, t->word);
  out[k++] = S_f2(27, (uint64_t)p1, t->suf[2]);
  out[k++] = S_f2(35, (uint64_t)p1, t->clus);
  out[k++] = S_f2(40, (uint64_t)p1, t->amb);
  if (pass == 2) out[k++] = S_f2(52, (uint64_t)p1, S_pos1(tt, n, i + 1));
  return k;
}

int bl__pos_feats(const bl_tagtok *tt, int n, int i, int p1, int p2, int pass,
                  uint64_t *out) {
  int k = S_pos_static(tt, n, i, pass, out);
  return k + S_pos_dyn(tt, n, i, p1, p2, pass, out + k);
}

static int S_ner_static(const bl_tagtok *tt, int n, int i, int pass,
                        uint64_t *out) {
  const bl_tagtok *t = &tt[i];
  int k = 0;
  out[k++] = S_f(101, 0);
  out[k++] = S_f(102, t->word);
  out[k++] = S_f(103, t->exact);
  out[k++] = S_f(104, t->shape);
  out[k++] = S_f(105, S_flg(tt, n, i));
  out[k++] = S_f(106, t->pre[1]);
  out[k++] = S_f(107, t->pre[2]);
  out[k++] = S_f(108, t->suf[1]);
  out[k++] = S_f(109, t->suf[2]);
  out[k++] = S_f(110, t->suf[3]);
  out[k++] = S_f(111, t->pos);
  out[k++] = S_f2(112, S_pos(tt, n, i - 1), t->pos);
  out[k++] = S_f2(113, t->pos, S_pos(tt, n, i + 1));
  out[k++] = S_f(114, S_word(tt, n, i - 1));
  out[k++] = S_f(115, S_word(tt, n, i - 2));
  out[k++] = S_f(116, S_word(tt, n, i + 1));
  out[k++] = S_f(117, S_word(tt, n, i + 2));
  out[k++] = S_f(118, S_exact(tt, n, i - 1));
  out[k++] = S_f(119, S_exact(tt, n, i + 1));
  out[k++] = S_f(120, S_shape(tt, n, i - 1));
  out[k++] = S_f(121, S_shape(tt, n, i + 1));
  out[k++] = S_f2(122, S_flg(tt, n, i - 1) * 0x40000 + S_flg(tt, n, i),
                  S_flg(tt, n, i + 1));
  out[k++] = S_f2(127, S_word(tt, n, i - 1), t->word);
  out[k++] = S_f2(128, t->word, S_word(tt, n, i + 1));
  int h1 = i >= 1 && (tt[i - 1].flags & BL_TT_HONOR);
  int h2 = i >= 2 && (tt[i - 2].flags & BL_TT_HONOR);
  out[k++] = S_f2(129, (uint64_t)(h1 * 2 + h2), t->flags & S_CAPS);
  out[k++] = S_f(130, S_pos(tt, n, i + 1) * 128 + S_pos(tt, n, i + 2));
  out[k++] = S_f(131, S_pos(tt, n, i - 1) * 128 + S_pos(tt, n, i - 2));
  out[k++] = S_f(150, t->clus);
  out[k++] = S_f2(151, t->clus2, t->flags & (S_CAPS | BL_TT_SSTART));
  out[k++] = S_f(152, S_clus(tt, n, i - 1));
  out[k++] = S_f(153, S_clus(tt, n, i + 1));
  out[k++] = S_f2(154, S_clus2(tt, n, i - 1), S_clus2(tt, n, i + 1));
  /* Gazetteers (first names, places), with the case of the word and of its
   * neighbours' gazetteer bits: "Gloria" alone, "Gloria Smith". */
  out[k++] = S_f2(156, t->gaz, t->flags & (S_CAPS | BL_TT_SSTART));
  out[k++] = S_f2(157, t->gaz, S_gaz(tt, n, i - 1) * 16 + S_gaz(tt, n, i + 1));
  out[k++] = S_f2(158, t->gaz, S_flg(tt, n, i + 1) & S_CAPS);
  if (pass == 2) {
    uint64_t dm = t->dmaj, dp = t->dprev, df = t->dfrac;
    uint64_t dl = t->dlower, dt = t->dtitle;
    out[k++] = S_f(140, dm);
    out[k++] = S_f(141, dm * 8 + df);
    out[k++] = S_f(142, dp);
    out[k++] = S_f(143, dl * 2 + dt);
    out[k++] = S_f2(144, dm * 4 + dl * 2 + dt, t->flags & (S_CAPS | BL_TT_SSTART));
    out[k++] = S_f(145, (i > 0 ? tt[i - 1].dmaj : 9) * 16 + (i + 1 < n ? tt[i + 1].dmaj : 9));
    out[k++] = S_f(147, (uint64_t)t->ner1);
    out[k++] = S_f(148, (i > 0 ? tt[i - 1].ner1 : 99) * 32 + (i + 1 < n ? tt[i + 1].ner1 : 99));
  }
  return k;
}

static int S_ner_dyn(const bl_tagtok *tt, int n, int i, int p1, int p2,
                     int pass, uint64_t *out) {
  const bl_tagtok *t = &tt[i];
  int k = 0;
  out[k++] = S_f(123, (uint64_t)p1);
  out[k++] = S_f(124, (uint64_t)(p1 * 64 + p2));
  out[k++] = S_f2(125, (uint64_t)p1, t->word);
  out[k++] = S_f2(126, (uint64_t)p1, t->shape);
  out[k++] = S_f2(132, (uint64_t)p1, S_word(tt, n, i + 1));
  out[k++] = S_f2(155, (uint64_t)p1, t->clus2);
  if (pass == 2) out[k++] = S_f2(146, (uint64_t)p1, (uint64_t)t->dmaj);
  return k;
}

int bl__ner_feats(const bl_tagtok *tt, int n, int i, int p1, int p2, int pass,
                  uint64_t *out) {
  int k = S_ner_static(tt, n, i, pass, out);
  return k + S_ner_dyn(tt, n, i, p1, p2, pass, out + k);
}

/* ---- document evidence ---- */
typedef struct {
  uint64_t word;
  int32_t idx;
} S_occ;

static int S_occ_cmp(const void *a, const void *b) {
  const S_occ *x = a, *y = b;
  if (x->word != y->word) return x->word < y->word ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int bl__ner_doc_evidence(bl_tagtok *tt, int n) {
  if (n <= 0) return BL_OK;
  S_occ *o = bl_malloc((size_t)n * sizeof(*o));
  if (!o) return BL_ENOMEM;
  int m = 0;
  for (int i = 0; i < n; i++) {
    tt[i].dmaj = tt[i].dprev = tt[i].dfrac = tt[i].dlower = tt[i].dtitle = 0;
    if (tt[i].flags & BL_TT_NOALNUM) continue;
    o[m].word = tt[i].word;
    o[m].idx = i;
    m++;
  }
  qsort(o, (size_t)m, sizeof(*o), S_occ_cmp);
  for (int a = 0; a < m;) {
    int b = a;
    while (b < m && o[b].word == o[a].word) b++;
    int cnt[BL_NER_TYPES] = {0}, ncap = 0, lower = 0, title = 0;
    for (int j = a; j < b; j++) {
      const bl_tagtok *t = &tt[o[j].idx];
      if (t->flags & BL_TT_LOWER) lower = 1;
      if (t->flags & S_CAPS) {
        ncap++;
        if (!(t->flags & BL_TT_SSTART) && (t->flags & (BL_TT_TITLE | BL_TT_MIXED)))
          title = 1;
      }
      if (t->ner1) cnt[BL_NER_TYPE(t->ner1)]++;
    }
    int best = -1, tot = 0;
    for (int c = 0; c < BL_NER_TYPES; c++) {
      tot += cnt[c];
      if (cnt[c] && (best < 0 || cnt[c] > cnt[best])) best = c;
    }
    int last = 0; /* 1 + type of the latest earlier entity occurrence */
    for (int j = a; j < b; j++) {
      bl_tagtok *t = &tt[o[j].idx];
      t->dlower = (uint8_t)lower;
      t->dtitle = (uint8_t)title;
      if (best >= 0 && (t->flags & S_CAPS)) {
        t->dmaj = (uint8_t)(best + 1);
        int den = ncap > 0 ? ncap : 1;
        int q = (4 * tot + den / 2) / den;
        t->dfrac = (uint8_t)(q > 4 ? 4 : q);
      }
      t->dprev = (uint8_t)last;
      if (t->ner1) last = 1 + BL_NER_TYPE(t->ner1);
    }
    a = b;
  }
  bl_free(o);
  return BL_OK;
}

/* ================================================================== */
/* Scoring and decoding                                                */
/* ================================================================== */
/* Computes keys and home slots of features f[0..nf) and prefetches their
 * rows: the tables are far bigger than L2, and independent prefetches
 * overlap their latency. */
static int S_wt_prep(const bl_wtable *t, const uint64_t *f, int nf,
                     uint32_t *key, uint32_t *slot) {
  const uint32_t N = t->n_slots, mask = (1u << BL_TAG_BITS) - 1;
  if (nf > BL_TAG_MAXFEAT) nf = BL_TAG_MAXFEAT;
  const uint64_t *bits = t->present;
  for (int i = 0; i < nf; i++) {
    key[i] = ((uint32_t)f[i] & mask) + 1;
    if (bits && !(bits[(key[i] - 1) >> 6] >> ((key[i] - 1) & 63) & 1)) {
      slot[i] = UINT32_MAX; /* not in the table */
      continue;
    }
    slot[i] = bl__wt_slot(key[i], N);
#if defined(__GNUC__)
    const uint8_t *r = t->rows + (size_t)slot[i] * BL_WROW;
    __builtin_prefetch(r);
    __builtin_prefetch(r + 2 * BL_WROW - 1);
#endif
  }
  return nf;
}

/* Adds one row's weights (17 int8, each times 2^shift) to the scores.  On
 * x86-64 (SSE2 is baseline there) the 16 first weights are widened to int32
 * in four vectors -- each byte lands in the top byte of its lane, and an
 * arithmetic shift right by 24 - shift gives w * 2^shift exactly -- which
 * replaces 16 scalar read-modify-writes; elsewhere plain C. */
#if defined(__SSE2__)
#include <emmintrin.h>
typedef struct {
  __m128i a0, a1, a2, a3;
  int32_t a16;
} S_acc;
BL_INLINE void S_acc_init(S_acc *a) {
  a->a0 = a->a1 = a->a2 = a->a3 = _mm_setzero_si128();
  a->a16 = 0;
}
BL_INLINE void S_acc_row(S_acc *a, const uint8_t *r) {
  const __m128i z = _mm_setzero_si128();
  const __m128i cnt = _mm_cvtsi32_si128(24 - (int)r[4]);
  const __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(r + 5));
  const __m128i lo = _mm_unpacklo_epi8(z, b), hi = _mm_unpackhi_epi8(z, b);
  a->a0 = _mm_add_epi32(a->a0, _mm_sra_epi32(_mm_unpacklo_epi16(z, lo), cnt));
  a->a1 = _mm_add_epi32(a->a1, _mm_sra_epi32(_mm_unpackhi_epi16(z, lo), cnt));
  a->a2 = _mm_add_epi32(a->a2, _mm_sra_epi32(_mm_unpacklo_epi16(z, hi), cnt));
  a->a3 = _mm_add_epi32(a->a3, _mm_sra_epi32(_mm_unpackhi_epi16(z, hi), cnt));
  a->a16 += (int32_t)(int8_t)r[21] * ((int32_t)1 << r[4]);
}
BL_INLINE void S_acc_done(const S_acc *a, int32_t *scores) {
  int32_t v[16];
  _mm_storeu_si128((__m128i *)(void *)v, a->a0);
  _mm_storeu_si128((__m128i *)(void *)(v + 4), a->a1);
  _mm_storeu_si128((__m128i *)(void *)(v + 8), a->a2);
  _mm_storeu_si128((__m128i *)(void *)(v + 12), a->a3);
  for (int c = 0; c < 16; c++) scores[c] += v[c];
  scores[16] += a->a16;
}
#else
typedef struct {
  int32_t a[BL_WCLASS];
} S_acc;
BL_INLINE void S_acc_init(S_acc *a) { memset(a, 0, sizeof(*a)); }
BL_INLINE void S_acc_row(S_acc *a, const uint8_t *r) {
  const int8_t *w = (const int8_t *)(r + 5);
  const int32_t mul = (int32_t)1 << r[4];
  for (int c = 0; c < BL_WCLASS; c++) a->a[c] += w[c] * mul;
}
BL_INLINE void S_acc_done(const S_acc *a, int32_t *scores) {
  for (int c = 0; c < BL_WCLASS; c++) scores[c] += a->a[c];
}
#endif

static void S_wt_add(const bl_wtable *t, const uint32_t *key,
                     const uint32_t *slot, int nf, int32_t *scores) {
  const uint32_t N = t->n_slots;
  S_acc acc;
  S_acc_init(&acc);
  for (int i = 0; i < nf; i++) {
    uint32_t s = slot[i];
    if (s == UINT32_MAX) continue;
    /* The loader checked that at least one slot is empty, so the probe
     * ends; the bound is belt and braces. */
    for (uint32_t probes = 0; probes < N; probes++) {
      const uint8_t *r = t->rows + (size_t)s * BL_WROW;
      uint32_t k;
      memcpy(&k, r, 4);
      if (k == key[i]) {
        S_acc_row(&acc, r);
        break;
      }
      if (k == 0) break;
      if (++s == N) s = 0;
    }
  }
  S_acc_done(&acc, scores);
}

void bl__wt_score(const bl_wtable *t, const uint64_t *f, int nf,
                  int32_t *scores) {
  uint32_t key[BL_TAG_MAXFEAT], slot[BL_TAG_MAXFEAT];
  nf = S_wt_prep(t, f, nf, key, slot);
  S_wt_add(t, key, slot, nf, scores);
}

/* Static scores of token j: prepared (prefetched) one token ahead. */
typedef struct {
  uint64_t f[BL_TAG_MAXFEAT];
  uint32_t key[BL_TAG_MAXFEAT], slot[BL_TAG_MAXFEAT];
  int nf;
} S_ahead;

void bl__pos_decode(const bl_wtable *W, bl_tagtok *tt, int n, int pass) {
  S_ahead buf[2];
  uint64_t fd[12];
  uint32_t kd[12], sd[12];
  int p1 = 0, p2 = 0;
  if (n <= 0) return;
  buf[0].nf = S_wt_prep(W, buf[0].f, S_pos_static(tt, n, 0, pass, buf[0].f),
                        buf[0].key, buf[0].slot);
  for (int i = 0; i < n; i++) {
    S_ahead *cur = &buf[i & 1], *nxt = &buf[(i + 1) & 1];
    if (i + 1 < n)
      nxt->nf = S_wt_prep(W, nxt->f, S_pos_static(tt, n, i + 1, pass, nxt->f),
                          nxt->key, nxt->slot);
    int32_t sc[BL_POS_NCLASS] = {0};
    int nd = S_wt_prep(W, fd, S_pos_dyn(tt, n, i, p1, p2, pass, fd), kd, sd);
    S_wt_add(W, cur->key, cur->slot, cur->nf, sc);
    S_wt_add(W, kd, sd, nd, sc);
    int best = 0;
    for (int c = 1; c < BL_POS_NCLASS; c++)
      if (sc[c] > sc[best]) best = c;
    tt[i].pos = (uint8_t)(best + 1);
    if (pass == 1) tt[i].pos1 = (uint8_t)(best + 1);
    p2 = p1;
    p1 = best + 1;
  }
}

void bl__ner_decode(const bl_wtable *W, bl_tagtok *tt, int n, int pass) {
  S_ahead buf[2];
  uint64_t fd[8];
  uint32_t kd[8], sd[8];
  int p1 = 0, p2 = 0, prev = 0;
  if (n <= 0) return;
  /* Pass 2 keeps O without scoring where bl__ner2_skip allows: a token's
   * static part is prepared ahead only when it may be scored. */
  int ready = pass != 2 || !bl__ner2_skippable(&tt[0]);
  if (ready)
    buf[0].nf = S_wt_prep(W, buf[0].f, S_ner_static(tt, n, 0, pass, buf[0].f),
                          buf[0].key, buf[0].slot);
  int cb = 0;
  for (int i = 0; i < n; i++) {
    int best;
    if (pass == 2 && bl__ner2_skip(&tt[i], prev)) {
      best = 0;
      ready = i + 1 < n && !bl__ner2_skippable(&tt[i + 1]);
      if (ready)
        buf[cb].nf = S_wt_prep(W, buf[cb].f, S_ner_static(tt, n, i + 1, pass, buf[cb].f),
                               buf[cb].key, buf[cb].slot);
    } else {
      S_ahead *cur = &buf[cb], *nxt = &buf[cb ^ 1];
      if (!ready)
        cur->nf = S_wt_prep(W, cur->f, S_ner_static(tt, n, i, pass, cur->f), cur->key,
                            cur->slot);
      ready = i + 1 < n && (pass != 2 || !bl__ner2_skippable(&tt[i + 1]));
      if (ready)
        nxt->nf = S_wt_prep(W, nxt->f, S_ner_static(tt, n, i + 1, pass, nxt->f),
                            nxt->key, nxt->slot);
      int32_t sc[BL_NER_NCLASS] = {0};
      int nd = S_wt_prep(W, fd, S_ner_dyn(tt, n, i, p1, p2, pass, fd), kd, sd);
      S_wt_add(W, cur->key, cur->slot, cur->nf, sc);
      S_wt_add(W, kd, sd, nd, sc);
      best = -1;
      for (int c = 0; c < BL_NER_NCLASS; c++) {
        if (!bl__ner_allowed(prev, c)) continue;
        if (i == n - 1 && !bl__ner_can_end(c)) continue;
        if (best < 0 || sc[c] > sc[best]) best = c;
      }
      if (best < 0) best = 0; /* unreachable: O or L-x is always allowed */
      cb ^= 1;
    }
    if (pass == 1) tt[i].ner1 = (uint8_t)best;
    tt[i].ner = (uint8_t)best;
    prev = best;
    p2 = p1;
    p1 = best + 1;
  }
}

void bl__lex_apply(const bl_lextable *L, bl_tagtok *tt, int n) {
  for (int i = 0; i < n; i++) {
    tt[i].clus = tt[i].clus2 = 0;
    tt[i].amb = 0;
    tt[i].gaz = 0;
  }
  if (!L || !L->n_slots) return;
  const uint32_t N = L->n_slots;
  for (int i = 0; i < n; i++) {
    if (tt[i].flags & BL_TT_NOALNUM) continue;
    uint32_t key = bl__lex_key(tt[i].word), s = bl__wt_slot(key, N);
    for (uint32_t probes = 0; probes < N; probes++) {
      const uint8_t *r = L->rows + (size_t)s * BL_LROW;
      uint32_t k;
      memcpy(&k, r, 4);
      if (k == key) {
        tt[i].clus = (uint16_t)(r[4] | r[5] << 8);
        tt[i].clus2 = r[6];
        tt[i].gaz = r[7];
        memcpy(&tt[i].amb, r + 8, 4);
        break;
      }
      if (k == 0) break;
      if (++s == N) s = 0;
    }
  }
}

int bl__tag_tokens(const bl_model *m, bl_tagtok *tt, int n) {
  bl__lex_apply(bl__model_lex(m), tt, n);
  const bl_wtable *P = bl__model_table(m, BL_SEC_POS);
  const bl_wtable *P2 = bl__model_table(m, BL_SEC_POS2);
  const bl_wtable *N1 = bl__model_table(m, BL_SEC_NER1);
  const bl_wtable *N2 = bl__model_table(m, BL_SEC_NER2);
  /* Passes: POS 1, POS 2 (reads POS 1's right context), NER 1, NER 2. */
  for (int pass = 0; pass < 4; pass++) {
    const bl_wtable *W = pass == 0 ? P : pass == 1 ? P2 : pass == 2 ? N1 : N2;
    if (!W) continue;
    if (pass == 3) {
      int rc = bl__ner_doc_evidence(tt, n);
      if (rc < 0) return rc;
    }
    for (int a = 0; a < n;) {
      int b = a + 1;
      while (b < n && !(tt[b].flags & BL_TT_SSTART)) b++;
      if (pass < 2) bl__pos_decode(W, tt + a, b - a, pass + 1);
      else bl__ner_decode(W, tt + a, b - a, pass - 1);
      a = b;
    }
  }
  return BL_OK;
}

/* ================================================================== */
/* The model file                                                      */
/* ================================================================== */
struct bl_model {
  const uint8_t *base;
  size_t len;
  void *owned;    /* heap copy (bl_model_from_buffer), or NULL */
  void *map;      /* mmap base, or NULL */
  size_t map_len;
  bl_wtable tab[7];
  int has[7];
  uint64_t *bits[7]; /* presence bitmaps of the weight tables (heap) */
  bl_lextable lex;
  int has_lex;
  const char *info;
};

const bl_lextable *bl__model_lex(const bl_model *m) {
  return m && m->has_lex ? &m->lex : NULL;
}

const bl_wtable *bl__model_table(const bl_model *m, int sec) {
  if (!m || sec <= 0 || sec > 6 || !m->has[sec]) return NULL;
  return &m->tab[sec];
}

uint64_t bl__model_checksum(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 0x243F6A8885A308D3ULL ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ bl_fmix64(w)) * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 29;
  }
  uint64_t w = 0;
  memcpy(&w, s + i, n - i);
  h = (h ^ bl_fmix64(w ^ 0xA5A5A5A5ULL)) * 0x9E3779B97F4A7C15ULL;
  return bl_fmix64(h);
}

static uint32_t S_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}
static uint64_t S_u64(const uint8_t *p) {
  return (uint64_t)S_u32(p) | (uint64_t)S_u32(p + 4) << 32;
}

/* Header (64 bytes, little-endian):
 *    0 magic[8]  8 u32 format version  12 u32 feature-set version
 *   16 u64 file size  24 u64 checksum of bytes [64, size)  32 u32 n_sections
 *   36 u32 0x01020304 (byte order)  40..63 zero (checked: outside the checksum)
 * Section table at 64: n_sections entries of 32 bytes:
 *    u32 id, u32 n_class, u32 n_slots, u32 n_feat, u64 offset, u64 size
 * Weight section: n_slots rows of BL_WROW bytes (see bl_tagger.h)
 * Info section (id 4): NUL-terminated UTF-8 text.
 * Lexicon section (id 5, optional, n_class 0): n_slots rows of BL_LROW bytes
 * (word clusters and POS ambiguity classes, see bl_tagger.h).
 * Second POS pass (id 6, optional): a weight table like POS (id 1). */
#define S_HDR 64
#define S_SECENT 32
#define S_MAXSEC 16
#define S_MAXSHIFT 20

static int S_parse(bl_model *m) {
  const uint8_t *b = m->base;
  size_t len = m->len;
  if (len < 8 || memcmp(b, BL_MODEL_MAGIC, 8) != 0) return BL_EFORMAT;
  if (len < S_HDR) return BL_ETRUNCATED;
  if (S_u32(b + 36) != 0x01020304u) return BL_EFORMAT;
  if (S_u32(b + 8) != BL_MODEL_VERSION || S_u32(b + 12) != BL_TAG_FEATSET)
    return BL_EVERSION;
  /* Bytes 40..63 are reserved and outside the checksum: they must be zero,
   * so no byte of an accepted file goes unchecked. */
  for (int i = 40; i < S_HDR; i++)
    if (b[i]) return BL_EFORMAT;
  uint64_t size = S_u64(b + 16);
  if (size > len) return BL_ETRUNCATED;
  if (size < len) return BL_EFORMAT;
  if (bl__model_checksum(b + S_HDR, len - S_HDR) != S_u64(b + 24))
    return BL_ECHECKSUM;
  uint32_t ns = S_u32(b + 32);
  if (ns > S_MAXSEC || S_HDR + (uint64_t)ns * S_SECENT > len) return BL_EFORMAT;
  for (uint32_t k = 0; k < ns; k++) {
    const uint8_t *e = b + S_HDR + (size_t)k * S_SECENT;
    uint32_t id = S_u32(e), C = S_u32(e + 4), N = S_u32(e + 8), F = S_u32(e + 12);
    uint64_t off = S_u64(e + 16), sz = S_u64(e + 24);
    if (off % BL_MODEL_ALIGN || off < S_HDR + (uint64_t)ns * S_SECENT ||
        off > len || sz > len - off)
      return BL_EFORMAT;
    if (id == BL_SEC_INFO) {
      if (sz == 0 || b[off + sz - 1] != 0 || m->info) return BL_EFORMAT;
      m->info = (const char *)b + off;
      continue;
    }
    if (id == BL_SEC_LEX) {
      /* Validate what bl__lex_apply trusts: as many occupied slots as
       * declared (so a probe ends), cluster ids, classes and gazetteer bits
       * in range, empty slots all zero. */
      if (m->has_lex || C != 0 || N == 0 || F >= N ||
          sz != (uint64_t)N * BL_LROW)
        return BL_EFORMAT;
      uint32_t used = 0;
      for (uint32_t s = 0; s < N; s++) {
        const uint8_t *r = b + off + (size_t)s * BL_LROW;
        uint32_t fine = (uint32_t)(r[4] | r[5] << 8);
        uint32_t amb = S_u32(r + 8);
        if ((r[7] & ~BL_GAZ_MASK) || fine > BL_LEX_MAXFINE || amb >> BL_POS_NCLASS)
          return BL_EFORMAT;
        if (S_u32(r)) used++;
        else if (fine || r[6] || r[7] || amb) return BL_EFORMAT;
      }
      if (used != F) return BL_EFORMAT;
      m->lex.n_slots = N;
      m->lex.n_feat = F;
      m->lex.rows = b + off;
      m->has_lex = 1;
      continue;
    }
    if (id < BL_SEC_POS || (id > BL_SEC_NER2 && id != BL_SEC_POS2) || m->has[id])
      return BL_EFORMAT;
    uint32_t want = id == BL_SEC_POS || id == BL_SEC_POS2 ? BL_POS_NCLASS : BL_NER_NCLASS;
    if (C != want || C != BL_WCLASS || N == 0 || F >= N) return BL_EFORMAT;
    if (sz != (uint64_t)N * BL_WROW) return BL_EFORMAT;
    bl_wtable *t = &m->tab[id];
    t->n_class = C;
    t->n_slots = N;
    t->n_feat = F;
    t->rows = b + off;
    /* Validate what the scorer trusts: keys in range, as many occupied
     * slots as declared (so at least one is empty), shifts bounded. */
    uint32_t used = 0;
    uint64_t *bits = bl_calloc((size_t)1 << (BL_TAG_BITS - 6), sizeof(uint64_t));
    if (!bits) return BL_ENOMEM;
    m->bits[id] = bits;
    for (uint32_t s = 0; s < N; s++) {
      const uint8_t *r = t->rows + (size_t)s * BL_WROW;
      uint32_t key = S_u32(r);
      if (key > (1u << BL_TAG_BITS)) return BL_EFORMAT;
      if (r[4] > S_MAXSHIFT) return BL_EFORMAT;
      if (!key) continue;
      used++;
      bits[(key - 1) >> 6] |= (uint64_t)1 << ((key - 1) & 63);
    }
    if (used != F) return BL_EFORMAT;
    t->present = bits;
    m->has[id] = 1;
  }
  if (!m->has[BL_SEC_POS] || !m->has[BL_SEC_NER1]) return BL_EFORMAT;
  return BL_OK;
}

static int S_is_little_endian(void) {
  uint32_t x = 1;
  unsigned char c;
  memcpy(&c, &x, 1);
  return c == 1;
}

int bl_model_from_buffer(const void *data, size_t len, bl_model **out) {
  if (!out) return BL_EINVAL;
  *out = NULL;
  if (!data && len) return BL_EINVAL;
  if (!S_is_little_endian()) return BL_EFORMAT;
  bl_model *m = bl_calloc(1, sizeof(*m));
  if (!m) return BL_ENOMEM;
  /* Copy into our own 8-byte aligned memory: the caller's buffer may move
   * or be unaligned. */
  m->owned = bl_malloc(len ? len : 1);
  if (!m->owned) {
    bl_free(m);
    return BL_ENOMEM;
  }
  if (len) memcpy(m->owned, data, len);
  m->base = m->owned;
  m->len = len;
  int rc = S_parse(m);
  if (rc < 0) {
    bl_model_free(m);
    return rc;
  }
  *out = m;
  return BL_OK;
}

int bl_model_load(const char *path, bl_model **out) {
  if (!out) return BL_EINVAL;
  *out = NULL;
  if (!path) return BL_EINVAL;
  if (!S_is_little_endian()) return BL_EFORMAT;
#ifdef BL_HAVE_MMAP
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return BL_EIO;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return BL_EIO;
  }
  if (st.st_size < S_HDR) {
    /* Too short for a header: tell foreign files from truncated ones. */
    unsigned char head[8] = {0};
    ssize_t r = read(fd, head, sizeof(head));
    close(fd);
    if (r == 8 && memcmp(head, BL_MODEL_MAGIC, 8) == 0) return BL_ETRUNCATED;
    return BL_EFORMAT;
  }
  if ((uint64_t)st.st_size > ((uint64_t)1 << 31)) {
    close(fd);
    return BL_ETOOBIG;
  }
  size_t len = (size_t)st.st_size;
  void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) return BL_EIO;
  bl_model *m = bl_calloc(1, sizeof(*m));
  if (!m) {
    munmap(map, len);
    return BL_ENOMEM;
  }
  m->map = map;
  m->map_len = len;
  m->base = map;
  m->len = len;
  int rc = S_parse(m);
  if (rc < 0) {
    bl_model_free(m);
    return rc;
  }
  *out = m;
  return BL_OK;
#else
  FILE *fp = fopen(path, "rb");
  if (!fp) return BL_EIO;
  size_t cap = 1 << 20, len = 0;
  unsigned char *buf = bl_malloc(cap);
  int rc = BL_OK;
  while (buf) {
    size_t r = fread(buf + len, 1, cap - len, fp);
    len += r;
    if (len < cap) break;
    unsigned char *nb = cap > ((size_t)1 << 30) ? NULL : bl_realloc(buf, cap * 2);
    if (!nb) { rc = BL_ETOOBIG; break; }
    buf = nb;
    cap *= 2;
  }
  fclose(fp);
  if (!buf) return BL_ENOMEM;
  if (rc == BL_OK) rc = bl_model_from_buffer(buf, len, out);
  bl_free(buf);
  return rc;
#endif
}

void bl_model_free(bl_model *m) {
  if (!m) return;
#ifdef BL_HAVE_MMAP
  if (m->map) munmap(m->map, m->map_len);
#endif
  for (int k = 0; k < 7; k++) bl_free(m->bits[k]);
  bl_free(m->owned);
  bl_free(m);
}

const char *bl_model_info(const bl_model *m) {
  return m && m->info ? m->info : "";
}

/* ================================================================== */
/* Stage entry points                                                  */
/* ================================================================== */
int bl_model_tag(const bl_model *m, const char *const *tokens,
                 const size_t *lens, size_t n, const unsigned char *sent_start,
                 int32_t *upos, int32_t *ner) {
  if (!m || (n && (!tokens || !lens))) return BL_EINVAL;
  if (n > (size_t)INT32_MAX / 2) return BL_ETOOBIG;
  if (n == 0) return BL_OK;
  for (size_t i = 0; i < n; i++)
    if (!tokens[i] && lens[i]) return BL_EINVAL;
  bl_tagtok *tt = bl_malloc(n * sizeof(*tt));
  if (!tt) return BL_ENOMEM;
  for (size_t i = 0; i < n; i++)
    bl__tt_fill(&tt[i], tokens[i], lens[i],
                i == 0 || (sent_start && sent_start[i]));
  int rc = bl__tag_tokens(m, tt, (int)n);
  if (rc == BL_OK)
    for (size_t i = 0; i < n; i++) {
      if (upos) upos[i] = tt[i].pos;
      if (ner) ner[i] = tt[i].ner;
    }
  bl_free(tt);
  return rc;
}

int bl__tag(bl_doc *doc, const bl_model *m) {
  size_t n = doc->tokens.len;
  if (!m || n == 0) return BL_OK;
  if (n > (size_t)INT32_MAX / 2) return BL_ETOOBIG;
  bl_token *tok = doc->tokens.data;
  const bl_tokx *x = doc->tokx.data;
  bl_tagtok *tt = bl_malloc(n * sizeof(*tt));
  if (!tt) return BL_ENOMEM;
  /* Sentence starts from the sentence table; none means one sentence. */
  unsigned char *ss = bl_calloc(n, 1);
  if (!ss) {
    bl_free(tt);
    return BL_ENOMEM;
  }
  const bl_sentence *sent = doc->sentences.data;
  for (size_t k = 0; k < doc->sentences.len; k++) {
    int32_t a = sent[k].tok_start;
    if (a >= 0 && (size_t)a < n) ss[a] = 1;
  }
  for (size_t i = 0; i < n; i++) {
    int32_t b0 = x[i].bstart, b1 = x[i].bend;
    if (b0 < 0 || b1 < b0 || (size_t)b1 > doc->len) b0 = b1 = 0;
    bl__tt_fill(&tt[i], doc->text + b0, (size_t)(b1 - b0), i == 0 || ss[i]);
  }
  bl_free(ss);
  int rc = bl__tag_tokens(m, tt, (int)n);
  if (rc == BL_OK)
    for (size_t i = 0; i < n; i++) {
      tok[i].pos = tt[i].pos;
      tok[i].ner = tt[i].ner;
    }
  bl_free(tt);
  return rc;
}
