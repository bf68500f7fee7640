/*
 * bl_train.c -- trains byline's POS and NER taggers and writes tagger.blm.
 *
 *   bl_train --ewt DIR --conll DIR --out FILE [--text DIR] [--seed N]
 *            [--pos-epochs N] [--ner-epochs N] [--folds K] [--prune T] [--load F]
 *            [--fine K] [--coarse K] [--vocab N] [--ctx N] [--amb-folds K]
 *            [--pos-models K] [--pos-prune T] [--pos-only 1] [--ner-models K]
 *            [--pos2-models K] [--pos2-epochs N] [--pos2-prune T]
 *            [--pos-folds K] [--pos-jk-models K] [--sweep 1] [--verbose 1]
 *            [--gaz DIR] [--ner-extra FILE] [--ner-extra-repeat N]
 *            [--ner-prune T] [--ner-prune-sweep T1,T2,...] [--pos-from MODEL]
 *
 * Word clusters (--text DIR: ../shared/corpus, Reuters-21578 and BBC news,
 * plus the training corpora's own words): spherical k-means over positive-PMI
 * neighbour vectors, --fine K clusters and --coarse K clusters of those,
 * shipped as the model's lexicon section and used as features by both
 * taggers (after Ratinov & Roth 2009 / Turian et al. 2010, who use Brown
 * clusters; k-means over context vectors is the cheap stand-in).  The same
 * lexicon carries each EWT train word's POS ambiguity class (the UPOS tags
 * it was seen with), jackknifed over --amb-folds for the training data.
 * POS weights are the mean of --pos-models averaged perceptrons trained on
 * differently shuffled data, rows with all weights below --pos-prune dropped;
 * each NER pass likewise the mean of --ner-models.
 *
 * POS: averaged perceptron on UD English EWT train (UPOS), greedy decoding
 * with predicted history, in two passes: pass 2 adds pass 1's tags of the
 * right neighbours, which for the training data come from --pos-folds
 * jackknifed pass-1 models; pass-1 rows below --pos-prune and pass-2 rows
 * below --pos2-prune are dropped (pass 1 may be pruned hard: its tags only
 * feed pass 2).  Reports accuracy on EWT dev.
 * Gazetteers (--gaz DIR: ../shared/kb-sources): first names and place names
 * set bits in the lexicon that NER features read (read_gazetteers).
 * --ner-extra FILE adds CoNLL-format NER training documents (-DOCSTART-
 * separated; train/gum2conll.py writes the GUM news train split), after the
 * word clusters are built, so they change NER only.
 * --pos-from MODEL reuses MODEL's lexicon and POS tables instead of building
 * them (they do not depend on the NER data): an NER-only run in about a
 * third of the time, for cross-validating NER data and features
 * (eval/cv_gum.py).  Its NER shuffles start from the seed, not from where
 * the POS training left the generator, so it is not byte-identical to a full
 * run with the same options.
 * NER: averaged perceptron on CoNLL-2003 train (IOB2 -> BILOU), greedy
 * BILOU-constrained decoding.  Pass 1 is sentence-local; pass 2 adds
 * document evidence computed from pass-1 tags, which for training are
 * produced by K-fold jackknifing so that pass 2 learns how far to trust a
 * pass-1 model on unseen text.  Reports span P/R/F1 on CoNLL-2003 valid.
 *
 * Feature extraction and decoding are the library's own (bl_tagger.h): the
 * trainer only owns the float weights and the update rule.  Deterministic:
 * sentence order is shuffled with a seeded xorshift generator.
 */
#include "bl_tagger.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NB ((size_t)1 << BL_TAG_BITS)

static void die(const char *msg) {
  fprintf(stderr, "bl_train: %s\n", msg);
  exit(1);
}
static void *xmalloc(size_t n) {
  void *p = calloc(1, n ? n : 1);
  if (!p) die("out of memory");
  return p;
}
static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) die("out of memory");
  return p;
}

/* ------------------------------------------------------------------ */
/* Corpus: tokens with gold tags, sentences, documents                 */
/* ------------------------------------------------------------------ */
typedef struct {
  bl_tagtok *tt;
  uint8_t *gold; /* POS: class index; NER: tag */
  int n, cap;
  int *sent; /* sentence start indices, plus n at the end */
  int ns, scap;
  int *doc; /* document start sentence indices, plus ns at the end */
  int nd, dcap;
} corpus;

static void c_tok(corpus *c, const char *s, size_t len, int sstart, int gold) {
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 65536;
    c->tt = xrealloc(c->tt, (size_t)c->cap * sizeof(*c->tt));
    c->gold = xrealloc(c->gold, (size_t)c->cap);
  }
  bl__tt_fill(&c->tt[c->n], s, len, sstart);
  c->gold[c->n] = (uint8_t)gold;
  c->n++;
}
static void c_sent(corpus *c) {
  if (c->ns + 2 > c->scap) {
    c->scap = c->scap ? c->scap * 2 : 4096;
    c->sent = xrealloc(c->sent, (size_t)c->scap * sizeof(int));
  }
  c->sent[c->ns++] = c->n;
}
static void c_doc(corpus *c) {
  if (c->nd + 2 > c->dcap) {
    c->dcap = c->dcap ? c->dcap * 2 : 1024;
    c->doc = xrealloc(c->doc, (size_t)c->dcap * sizeof(int));
  }
  c->doc[c->nd++] = c->ns;
}
static void c_close(corpus *c) {
  if (c->ns == 0 || c->sent[c->ns - 1] != c->n) c_sent(c);
  c->ns--; /* the trailing start is the end marker */
  c->sent[c->ns] = c->n;
  if (c->nd == 0) c_doc(c);
  c->doc[c->nd] = c->ns;
}

static int upos_index(const char *s) {
  for (int v = 1; v < BL_UPOS_COUNT; v++)
    if (strcmp(bl__upos_name(v), s) == 0) return v - 1;
  return -1;
}

/* CoNLL-U: FORM (col 2) and UPOS (col 4); skips ranges and empty nodes. */
static void read_conllu(const char *path, corpus *c) {
  FILE *fp = fopen(path, "r");
  if (!fp) {
    fprintf(stderr, "bl_train: %s: %s\n", path, strerror(errno));
    exit(1);
  }
  char line[8192];
  int in_sent = 0;
  while (fgets(line, sizeof line, fp)) {
    size_t L = strlen(line);
    while (L && (line[L - 1] == '\n' || line[L - 1] == '\r')) line[--L] = 0;
    if (L == 0) {
      in_sent = 0;
      continue;
    }
    if (line[0] == '#') {
      if (strncmp(line, "# newdoc", 8) == 0) c_doc(c);
      continue;
    }
    char *col[10];
    int k = 0;
    char *p = line;
    col[k++] = p;
    while (k < 10 && (p = strchr(p, '\t'))) {
      *p++ = 0;
      col[k++] = p;
    }
    if (k < 4 || strchr(col[0], '-') || strchr(col[0], '.')) continue;
    int u = upos_index(col[3]);
    if (u < 0) die("unknown UPOS tag in treebank");
    if (!in_sent) {
      if (c->nd == 0) c_doc(c);
      c_sent(c);
      in_sent = 1;
    }
    c_tok(c, col[1], strlen(col[1]), c->sent[c->ns - 1] == c->n, u);
  }
  fclose(fp);
  c_close(c);
}

static int ner_type(const char *s) {
  if (!strcmp(s, "PER")) return BL_NER_PER;
  if (!strcmp(s, "ORG")) return BL_NER_ORG;
  if (!strcmp(s, "LOC")) return BL_NER_LOC;
  if (!strcmp(s, "MISC")) return BL_NER_MISC;
  return -1;
}

static int is_date(const char *s) {
  /* 1996-08-22 */
  if (strlen(s) != 10) return 0;
  for (int i = 0; i < 10; i++) {
    if (i == 4 || i == 7) {
      if (s[i] != '-') return 0;
    } else if (s[i] < '0' || s[i] > '9') return 0;
  }
  return 1;
}

/* CoNLL-2003: "token POS chunk IOB2-tag", blank line between sentences.
 * The files carry no document markers; each Reuters story starts with a
 * headline followed by a dateline ("BRUSSELS 1996-08-22"), so a short
 * sentence ending in an ISO date starts a new document one sentence back.
 * Files that do mark documents ("-DOCSTART-" lines, e.g. GUM news written
 * by train/gum2conll.py) are split there instead.  Appends to c. */
static void read_conll(const char *path, corpus *c) {
  const int ns0 = c->ns, nd0 = c->nd;
  int docstart = 0, any_docstart = 0;
  FILE *fp = fopen(path, "r");
  if (!fp) {
    fprintf(stderr, "bl_train: %s: %s\n", path, strerror(errno));
    exit(1);
  }
  char line[4096];
  int in_sent = 0;
  char prev_tag[16] = "O";
  int *dateline = NULL, nl = 0, lcap = 0;
  char last_tok[64] = "";
  int sent_len = 0;
  for (;;) {
    char *got = fgets(line, sizeof line, fp);
    size_t L = got ? strlen(line) : 0;
    while (L && (line[L - 1] == '\n' || line[L - 1] == '\r')) line[--L] = 0;
    if (L == 0) {
      if (in_sent) {
        /* Close the previous token's BILOU (fix up B->U, I->L). */
        uint8_t *g = &c->gold[c->n - 1];
        if (*g && BL_NER_BILOU(*g) == BL_BILOU_B) *g = (uint8_t)(*g + 3);
        else if (*g && BL_NER_BILOU(*g) == BL_BILOU_I) *g = (uint8_t)(*g + 1);
        if (!any_docstart && sent_len <= 8 && is_date(last_tok)) {
          if (nl == lcap) {
            lcap = lcap ? lcap * 2 : 256;
            dateline = xrealloc(dateline, (size_t)lcap * sizeof(int));
          }
          dateline[nl++] = c->ns - 1;
        }
      }
      in_sent = 0;
      strcpy(prev_tag, "O");
      if (!got) break;
      continue;
    }
    char *tok = strtok(line, " ");
    strtok(NULL, " ");
    strtok(NULL, " ");
    char *tag = strtok(NULL, " ");
    if (!tok || !tag) die("bad CoNLL-2003 line");
    if (!strcmp(tok, "-DOCSTART-")) {
      docstart = any_docstart = 1;
      continue;
    }
    if (!in_sent) {
      if (docstart) {
        if (nl == lcap) {
          lcap = lcap ? lcap * 2 : 256;
          dateline = xrealloc(dateline, (size_t)lcap * sizeof(int));
        }
        dateline[nl++] = -(c->ns + 1); /* a document starts at sentence c->ns */
        docstart = 0;
      }
      c_sent(c);
      in_sent = 1;
      sent_len = 0;
    }
    /* IOB2 -> BILOU: decide B/I now, fix L/U when the next token shows the
     * span ended. */
    int v = 0;
    if (tag[0] != 'O') {
      int ty = ner_type(tag + 2);
      if (ty < 0) die("unknown NER type");
      int cont = tag[0] == 'I' && prev_tag[0] != 'O' && !strcmp(prev_tag + 2, tag + 2);
      v = BL_NER_TAG(ty, cont ? BL_BILOU_I : BL_BILOU_B);
    }
    if (c->n > 0 && c->sent[c->ns - 1] < c->n) {
      uint8_t *g = &c->gold[c->n - 1];
      int ends = !v || BL_NER_BILOU(v) == BL_BILOU_B;
      if (*g && ends) {
        if (BL_NER_BILOU(*g) == BL_BILOU_B) *g = (uint8_t)(*g + 3);
        else if (BL_NER_BILOU(*g) == BL_BILOU_I) *g = (uint8_t)(*g + 1);
      }
    }
    c_tok(c, tok, strlen(tok), c->sent[c->ns - 1] == c->n, v);
    snprintf(prev_tag, sizeof prev_tag, "%s", tag);
    snprintf(last_tok, sizeof last_tok, "%s", tok);
    sent_len++;
  }
  fclose(fp);
  c_sent(c); /* end marker */
  c->ns--;
  c->sent[c->ns] = c->n;
  /* Documents: a dateline's document starts one sentence back (its
   * headline); a -DOCSTART- one at the sentence recorded (negative). */
  c->nd = nd0;
  c_doc(c);
  c->doc[nd0] = ns0;
  for (int k = 0; k < nl; k++) {
    int start = dateline[k] < 0 ? -dateline[k] - 1 : dateline[k] - 1;
    if (start > c->doc[c->nd - 1]) c_doc(c), c->doc[c->nd - 1] = start;
  }
  c->doc[c->nd] = c->ns;
  free(dateline);
}

/* ------------------------------------------------------------------ */
/* Word clusters from unlabelled text                                  */
/* ------------------------------------------------------------------ */
/* Words are clustered by their neighbours: each vocabulary word gets a
 * sparse vector of positive PMI with the most frequent words one position
 * to its left and to its right, and spherical k-means groups the vectors
 * (fine clusters), then the fine centroids themselves (coarse clusters).
 * Text: the training corpora's own tokens plus unlabelled news (Reuters-
 * 21578 bodies, BBC articles) split into words by a simple PTB-like rule.
 * The words are the tagger's lower-cased, digit-folded forms (bl_tagtok.word),
 * so the lexicon is looked up with what inference already computes. */
static uint64_t rng(void);
static int g_ambfolds = 10;
static int g_fine = 600, g_coarse = 64, g_vocab = 40000, g_ctx = 1000;

typedef struct {
  uint64_t *w; /* word hash per token; 0 = sentence break */
  size_t n, cap;
} wstream;

static void ws_put(wstream *ws, uint64_t h) {
  if (ws->n == ws->cap) {
    ws->cap = ws->cap ? ws->cap * 2 : (1u << 20);
    ws->w = xrealloc(ws->w, ws->cap * sizeof(uint64_t));
  }
  ws->w[ws->n++] = h;
}
static void ws_word(wstream *ws, const char *s, size_t n) {
  if (!n) return;
  bl_tagtok t;
  bl__tt_fill(&t, s, n, 0);
  ws_put(ws, t.word ? t.word : 1);
}
static void ws_corpus(wstream *ws, const corpus *c, int ns) {
  for (int s = 0; s < ns; s++) {
    for (int i = c->sent[s]; i < c->sent[s + 1]; i++)
      ws_put(ws, c->tt[i].word ? c->tt[i].word : 1);
    ws_put(ws, 0);
  }
}
static int is_lead_punct(unsigned char c) {
  return c == '"' || c == '(' || c == '[' || c == '`' || c == '\'' || c == '{';
}
static int is_trail_punct(unsigned char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == '"' || c == ')' || c == ']' || c == '\'' || c == '}';
}
/* Splits running text into words: whitespace, then leading/trailing ASCII
 * punctuation peeled off (a final period stays on words with an inner
 * period: "U.S."), "'s" and "n't" split; a line break after sentence-final
 * punctuation or a blank line is a sentence break. */
static void ws_text(wstream *ws, const char *txt, size_t len) {
  size_t i = 0;
  while (i < len) {
    while (i < len && (txt[i] == ' ' || txt[i] == '\t' || txt[i] == '\r' || txt[i] == '\n')) {
      if (txt[i] == '\n' && i + 1 < len && txt[i + 1] == '\n') ws_put(ws, 0);
      i++;
    }
    size_t a = i;
    while (i < len && txt[i] != ' ' && txt[i] != '\t' && txt[i] != '\r' && txt[i] != '\n') i++;
    size_t b = i;
    while (a < b && is_lead_punct((unsigned char)txt[a])) ws_word(ws, txt + a++, 1);
    size_t e = b;
    int end_sent = 0;
    while (e > a && is_trail_punct((unsigned char)txt[e - 1])) {
      if (txt[e - 1] == '.' && memchr(txt + a, '.', e - 1 - a) && e - a > 2) break;
      e--;
    }
    if (e > a + 2 && (txt[e - 2] == '\'' ) && (txt[e - 1] == 's' || txt[e - 1] == 'S')) {
      ws_word(ws, txt + a, e - 2 - a);
      ws_word(ws, txt + e - 2, 2);
    } else if (e > a + 3 && txt[e - 3] == 'n' && txt[e - 2] == '\'' && txt[e - 1] == 't') {
      ws_word(ws, txt + a, e - 3 - a);
      ws_word(ws, txt + e - 3, 3);
    } else {
      ws_word(ws, txt + a, e - a);
    }
    for (size_t k = e; k < b; k++) {
      ws_word(ws, txt + k, 1);
      if (txt[k] == '.' || txt[k] == '!' || txt[k] == '?') end_sent = 1;
    }
    if (end_sent) ws_put(ws, 0);
  }
  ws_put(ws, 0);
}
static char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = xmalloc(cap);
  size_t r;
  while ((r = fread(buf + n, 1, cap - n, fp)) > 0) {
    n += r;
    if (n == cap) buf = xrealloc(buf, cap *= 2);
  }
  fclose(fp);
  *len = n;
  return buf;
}
/* Reuters-21578: the text of each <BODY>, entities &lt; &gt; &amp; undone. */
static void ws_reuters(wstream *ws, const char *dir) {
  char path[4096];
  for (int k = 0; k < 100; k++) {
    snprintf(path, sizeof path, "%s/reuters21578/reut2-%03d.sgm", dir, k);
    size_t len;
    char *buf = slurp(path, &len);
    if (!buf) break;
    char *p = buf, *end = buf + len;
    for (;;) {
      char *a = NULL;
      for (char *q = p; q + 6 <= end; q++)
        if (!memcmp(q, "<BODY>", 6)) { a = q + 6; break; }
      if (!a) break;
      char *b = NULL;
      for (char *q = a; q + 7 <= end; q++)
        if (!memcmp(q, "</BODY>", 7)) { b = q; break; }
      if (!b) break;
      size_t m = 0;
      for (char *q = a; q < b; q++) { /* in place: output never outruns input */
        if (*q == '&') {
          if (b - q >= 4 && !memcmp(q, "&lt;", 4)) { a[m++] = '<'; q += 3; continue; }
          if (b - q >= 4 && !memcmp(q, "&gt;", 4)) { a[m++] = '>'; q += 3; continue; }
          if (b - q >= 5 && !memcmp(q, "&amp;", 5)) { a[m++] = '&'; q += 4; continue; }
          if (b - q >= 4 && !memcmp(q, "&#3;", 4)) { q += 3; continue; }
        }
        a[m++] = *q;
      }
      ws_text(ws, a, m);
      p = b + 7;
    }
    free(buf);
  }
}
static void ws_bbc(wstream *ws, const char *dir) {
  static const char *const cat[] = {"business", "entertainment", "politics", "sport", "tech"};
  char path[4096];
  for (int c = 0; c < 5; c++)
    for (int k = 1; k < 1000; k++) {
      snprintf(path, sizeof path, "%s/bbc/%s/%03d.txt", dir, cat[c], k);
      size_t len;
      char *buf = slurp(path, &len);
      if (!buf) break;
      ws_text(ws, buf, len);
      free(buf);
    }
}

typedef struct {
  uint64_t h;
  uint32_t cnt;
  int32_t id;   /* vocabulary rank, or -1 */
  uint32_t amb; /* POS classes seen in the tagged corpus */
} wentry;
typedef struct {
  wentry *e;
  size_t cap; /* power of two */
  size_t n;
} wmap;
static wentry *wm_get(wmap *m, uint64_t h) {
  size_t i = (size_t)(bl_fmix64(h) & (m->cap - 1));
  while (m->e[i].h && m->e[i].h != h) i = (i + 1) & (m->cap - 1);
  return &m->e[i];
}
static int cmp_cnt_desc(const void *a, const void *b) {
  const wentry *x = *(wentry *const *)a, *y = *(wentry *const *)b;
  if (x->cnt != y->cnt) return x->cnt > y->cnt ? -1 : 1;
  return x->h < y->h ? -1 : x->h > y->h;
}
static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Spherical k-means over CSR rows (unit vectors) into K centroids of D
 * dims; returns the assignment.  Centroids are stored transposed (dim-major)
 * so scoring a row streams through K contiguous floats per non-zero.
 * Deterministic: init from seeded picks spread over the frequency ranks. */
static int *kmeans(const int *rp, const int *ci, const float *cv, int V, int D,
                   int K, int iters) {
  float *cen = xmalloc((size_t)K * D * sizeof(float));
  int *asg = xmalloc((size_t)V * sizeof(int));
  float *sc = xmalloc((size_t)K * sizeof(float));
  double *nn = xmalloc((size_t)K * sizeof(double));
  int span = V / K > 0 ? V / K : 1;
  for (int k = 0; k < K; k++) {
    int v = (int)(((int64_t)k * V) / K + (int64_t)(rng() % (uint64_t)span));
    if (v >= V) v = V - 1;
    for (int j = rp[v]; j < rp[v + 1]; j++) cen[(size_t)ci[j] * K + k] = cv[j];
  }
  for (int it = 0; it < iters; it++) {
    long changed = 0;
    for (int v = 0; v < V; v++) {
      for (int k = 0; k < K; k++) sc[k] = 0;
      for (int j = rp[v]; j < rp[v + 1]; j++) {
        const float x = cv[j];
        const float *c = cen + (size_t)ci[j] * K;
        for (int k = 0; k < K; k++) sc[k] += x * c[k];
      }
      int best = 0;
      for (int k = 1; k < K; k++)
        if (sc[k] > sc[best]) best = k;
      if (it == 0 || asg[v] != best) changed++;
      asg[v] = best;
    }
    memset(cen, 0, (size_t)K * D * sizeof(float));
    for (int v = 0; v < V; v++)
      for (int j = rp[v]; j < rp[v + 1]; j++) cen[(size_t)ci[j] * K + asg[v]] += cv[j];
    for (int k = 0; k < K; k++) nn[k] = 0;
    for (int d = 0; d < D; d++)
      for (int k = 0; k < K; k++) nn[k] += (double)cen[(size_t)d * K + k] * cen[(size_t)d * K + k];
    for (int k = 0; k < K; k++) nn[k] = nn[k] > 0 ? 1.0 / sqrt(nn[k]) : 0;
    for (int d = 0; d < D; d++)
      for (int k = 0; k < K; k++) cen[(size_t)d * K + k] *= (float)nn[k];
    fprintf(stderr, "  k-means K=%d iteration %d: %ld changed\n", K, it + 1, changed);
    if (it > 0 && changed == 0) break;
  }
  free(cen);
  free(sc);
  free(nn);
  return asg;
}

typedef struct {
  uint32_t N, F;
  uint8_t *rows;
} lexicon;

/* ---- gazetteers (bits in the lexicon; see BL_GAZ_* in bl_tagger.h) ---- */
static void gaz_word(wmap *g, const char *s, size_t n, uint32_t bit) {
  if (!n) return;
  bl_tagtok t;
  bl__tt_fill(&t, s, n, 0);
  if (t.flags & BL_TT_NOALNUM) return; /* never looked up */
  uint64_t h = t.word ? t.word : 1;
  wentry *e = wm_get(g, h);
  if (!e->h) {
    e->h = h;
    if (++g->n * 2 > g->cap) die("too many gazetteer words");
  }
  e->amb |= bit;
}
/* A place name: one word -> BL_GAZ_PLACE; each capitalised word of a longer
 * one (split at spaces and hyphens, as the tokenizer splits) -> INPLACE. */
static void gaz_place(wmap *g, const char *s, size_t n) {
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) n--;
  if (!n) return;
  int multi = 0;
  for (size_t i = 0; i < n; i++) multi |= s[i] == ' ' || s[i] == '-';
  if (!multi) {
    gaz_word(g, s, n, BL_GAZ_PLACE);
    return;
  }
  for (size_t a = 0; a < n;) {
    size_t b = a;
    while (b < n && s[b] != ' ' && s[b] != '-') b++;
    if (b > a && ((unsigned char)s[a] >= 0x80 || (s[a] >= 'A' && s[a] <= 'Z')))
      gaz_word(g, s + a, b - a, BL_GAZ_INPLACE);
    a = b + 1;
  }
}
/* Column `col` (0-based) of a tab-separated line, or NULL. */
static const char *tsv_col(char *line, int col, size_t *len) {
  char *p = line;
  for (int k = 0; k < col; k++) {
    p = strchr(p, '\t');
    if (!p) return NULL;
    p++;
  }
  size_t n = strcspn(p, "\t\r\n");
  *len = n;
  return p;
}
static FILE *gaz_open(const char *dir, const char *rel) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  FILE *fp = fopen(path, "r");
  if (!fp) {
    fprintf(stderr, "bl_train: %s: %s\n", path, strerror(errno));
    exit(1);
  }
  return fp;
}
/* Reads the name lists under DIR (../shared/kb-sources): SSA first names
 * with >= 1000 births 1930-2024 and the Moby first-name lists (public
 * domain); GeoNames cities15000 (CC BY 4.0); CLDR English territory and
 * subdivision names (Unicode licence). */
static void read_gazetteers(const char *dir, wmap *g) {
  static char line[1 << 16];
  size_t n;
  const char *v;
  FILE *fp = gaz_open(dir, "ssa_first_names/ssa_names_1930_2024.tsv");
  int first = 1;
  while (fgets(line, sizeof line, fp)) {
    if (first) { first = 0; continue; } /* header */
    size_t nf, nm;
    const char *fc = tsv_col(line, 1, &nf), *mc = tsv_col(line, 2, &nm);
    if (!fc || !mc || atol(fc) + atol(mc) < 1000) continue;
    if ((v = tsv_col(line, 0, &n))) gaz_word(g, v, n, BL_GAZ_FIRST);
  }
  fclose(fp);
  static const char *const moby[] = {"moby_first_names/female.txt", "moby_first_names/male.txt"};
  for (int k = 0; k < 2; k++) {
    fp = gaz_open(dir, moby[k]);
    while (fgets(line, sizeof line, fp)) {
      n = strcspn(line, "\r\n");
      int alpha = n > 0;
      for (size_t i = 0; i < n; i++)
        alpha &= (line[i] >= 'A' && line[i] <= 'Z') || (line[i] >= 'a' && line[i] <= 'z');
      if (alpha) gaz_word(g, line, n, BL_GAZ_FIRST);
    }
    fclose(fp);
  }
  fp = gaz_open(dir, "geonames/cities15000.txt");
  while (fgets(line, sizeof line, fp)) {
    if ((v = tsv_col(line, 1, &n))) gaz_place(g, v, n);
    if ((v = tsv_col(line, 2, &n))) gaz_place(g, v, n);
  }
  fclose(fp);
  static const struct { const char *f; int col; } cl[] = {
      {"cldr/en_territories.tsv", 2}, {"cldr/en_subdivisions.tsv", 1}};
  for (int k = 0; k < 2; k++) {
    fp = gaz_open(dir, cl[k].f);
    first = 1;
    while (fgets(line, sizeof line, fp)) {
      if (first) { first = 0; continue; }
      if ((v = tsv_col(line, cl[k].col, &n))) gaz_place(g, v, n);
    }
    fclose(fp);
  }
  fprintf(stderr, "gazetteers: %zu distinct words\n", g->n);
}

static void build_lexicon(const wstream *ws, const corpus *tagged, const wmap *gaz,
                          lexicon *L) {
  wmap m = {0};
  m.cap = 1u << 20;
  m.e = xmalloc(m.cap * sizeof(wentry));
  for (size_t i = 0; i < ws->n; i++) {
    if (!ws->w[i]) continue;
    wentry *e = wm_get(&m, ws->w[i]);
    if (!e->h) {
      e->h = ws->w[i];
      e->id = -1;
      if (++m.n * 2 > m.cap) die("too many distinct words");
    }
    e->cnt++;
  }
  for (int i = 0; i < tagged->n; i++) {
    uint64_t h = tagged->tt[i].word ? tagged->tt[i].word : 1;
    if (tagged->tt[i].flags & BL_TT_NOALNUM) continue; /* never looked up */
    wentry *e = wm_get(&m, h);
    if (e->h) e->amb |= 1u << tagged->gold[i];
  }
  wentry **by = xmalloc(m.n * sizeof(*by));
  size_t nb = 0;
  for (size_t i = 0; i < m.cap; i++)
    if (m.e[i].h) by[nb++] = &m.e[i];
  qsort(by, nb, sizeof(*by), cmp_cnt_desc);
  int V = 0;
  while (V < g_vocab && (size_t)V < nb && by[V]->cnt >= 3) {
    by[V]->id = V;
    V++;
  }
  int C = g_ctx < V ? g_ctx : V, D = 2 * C;
  /* (word, context) pairs: context = left word rank (< C) or C + right rank */
  size_t np = 0, pcap = 1u << 22;
  uint64_t *pairs = xmalloc(pcap * sizeof(uint64_t));
  int32_t prev = -1;
  for (size_t i = 0; i < ws->n; i++) {
    int32_t cur = -2; /* -2: break, -1: out of vocabulary */
    if (ws->w[i]) cur = wm_get(&m, ws->w[i])->id;
    int32_t nxt = -2;
    if (i + 1 < ws->n && ws->w[i + 1]) nxt = wm_get(&m, ws->w[i + 1])->id;
    if (cur >= 0) {
      if (np + 2 > pcap) pairs = xrealloc(pairs, (pcap *= 2) * sizeof(uint64_t));
      int32_t l = prev == -2 ? C - 1 : prev; /* sentence start shares the rarest slot */
      if (l >= 0 && l < C) pairs[np++] = (uint64_t)cur << 32 | (uint32_t)l;
      int32_t r = nxt == -2 ? C - 1 : nxt;
      if (r >= 0 && r < C) pairs[np++] = (uint64_t)cur << 32 | (uint32_t)(C + r);
    }
    prev = cur;
  }
  qsort(pairs, np, sizeof(uint64_t), cmp_u64);
  int *rp = xmalloc((size_t)(V + 1) * sizeof(int));
  int *ci = xmalloc((np ? np : 1) * sizeof(int));
  float *cv = xmalloc((np ? np : 1) * sizeof(float));
  double *ctot = xmalloc((size_t)D * sizeof(double));
  double *wtot = xmalloc((size_t)V * sizeof(double));
  double tot = 0;
  int nnz = 0;
  for (size_t a = 0; a < np;) {
    size_t b = a;
    while (b < np && pairs[b] == pairs[a]) b++;
    int w = (int)(pairs[a] >> 32), c = (int)(uint32_t)pairs[a];
    ci[nnz] = c;
    cv[nnz] = (float)(b - a);
    ctot[c] += (double)(b - a);
    wtot[w] += (double)(b - a);
    tot += (double)(b - a);
    nnz++;
    a = b;
  }
  /* row pointers (pairs are sorted by word) */
  {
    int j = 0;
    size_t a = 0;
    for (int w = 0; w <= V; w++) {
      rp[w] = j;
      while (a < np && (int)(pairs[a] >> 32) == w) {
        size_t b = a;
        while (b < np && pairs[b] == pairs[a]) b++;
        j++;
        a = b;
      }
    }
  }
  free(pairs);
  /* positive PMI (context distribution smoothed ^0.75), unit rows */
  double csum = 0;
  for (int c = 0; c < D; c++) csum += pow(ctot[c], 0.75);
  for (int w = 0; w < V; w++) {
    double nn = 0;
    for (int j = rp[w]; j < rp[w + 1]; j++) {
      double pc = pow(ctot[ci[j]], 0.75) / csum;
      double pmi = log((cv[j] / tot) / ((wtot[w] / tot) * pc));
      cv[j] = pmi > 0 ? (float)pmi : 0.0f;
      nn += (double)cv[j] * cv[j];
    }
    float inv = nn > 0 ? (float)(1.0 / sqrt(nn)) : 0.0f;
    for (int j = rp[w]; j < rp[w + 1]; j++) cv[j] *= inv;
  }
  fprintf(stderr, "lexicon (before POS classes): %zu tokens, %zu distinct words, vocabulary %d, %d contexts, %d non-zeros\n",
          ws->n, nb, V, D, nnz);
  int *fine = kmeans(rp, ci, cv, V, D, g_fine, 12);
  /* coarse: k-means over the fine clusters' summed member vectors */
  int *crp = xmalloc((size_t)(g_fine + 1) * sizeof(int));
  float *dense = xmalloc((size_t)g_fine * D * sizeof(float));
  for (int w = 0; w < V; w++)
    for (int j = rp[w]; j < rp[w + 1]; j++) dense[(size_t)fine[w] * D + ci[j]] += cv[j];
  int cn = 0;
  for (int k = 0; k < g_fine; k++)
    for (int d = 0; d < D; d++) cn += dense[(size_t)k * D + d] != 0;
  int *cci = xmalloc((size_t)(cn ? cn : 1) * sizeof(int));
  float *ccv = xmalloc((size_t)(cn ? cn : 1) * sizeof(float));
  cn = 0;
  for (int k = 0; k < g_fine; k++) {
    crp[k] = cn;
    double nn = 0;
    for (int d = 0; d < D; d++) nn += (double)dense[(size_t)k * D + d] * dense[(size_t)k * D + d];
    float inv = nn > 0 ? (float)(1.0 / sqrt(nn)) : 0.0f;
    for (int d = 0; d < D; d++)
      if (dense[(size_t)k * D + d] != 0) {
        cci[cn] = d;
        ccv[cn++] = dense[(size_t)k * D + d] * inv;
      }
  }
  crp[g_fine] = cn;
  int *coarse = kmeans(crp, cci, ccv, g_fine, D, g_coarse, 20);
  /* the table: clustered words, then the other words with an ambiguity class */
  int R = V;
  while ((size_t)R < nb && by[R]->amb) R++;
  for (size_t i = (size_t)R; i < nb; i++)
    if (by[i]->amb) by[R++] = by[i];
  L->F = (uint32_t)R;
  L->N = (uint32_t)((double)(R + (gaz ? gaz->n : 0)) / 0.5) + 17;
  L->rows = xmalloc((size_t)L->N * BL_LROW);
  for (int i = 0; i < R; i++) {
    uint32_t key = bl__lex_key(by[i]->h), s = bl__wt_slot(key, L->N);
    for (;;) {
      uint32_t k;
      memcpy(&k, L->rows + (size_t)s * BL_LROW, 4);
      if (!k) break;
      if (k == key) break; /* 32-bit key collision: first (more frequent) wins */
      s = s + 1 == L->N ? 0 : s + 1;
    }
    uint8_t *r = L->rows + (size_t)s * BL_LROW;
    uint32_t k0;
    memcpy(&k0, r, 4);
    if (k0) {
      L->F--;
      continue;
    }
    uint32_t f = i < V ? (uint32_t)fine[i] + 1 : 0;
    uint32_t c = i < V ? (uint32_t)coarse[fine[i]] + 1 : 0;
    for (int b = 0; b < 4; b++) r[b] = (uint8_t)(key >> (8 * b));
    r[4] = (uint8_t)f;
    r[5] = (uint8_t)(f >> 8);
    r[6] = (uint8_t)c;
    r[7] = 0;
    for (int b = 0; b < 4; b++) r[8 + b] = (uint8_t)(by[i]->amb >> (8 * b));
  }
  /* gazetteer bits: on the word's row, or a row of their own */
  for (size_t j = 0; gaz && j < gaz->cap; j++) {
    const wentry *e = &gaz->e[j];
    if (!e->h || !e->amb) continue;
    uint32_t key = bl__lex_key(e->h), s = bl__wt_slot(key, L->N);
    for (;;) {
      uint32_t k;
      memcpy(&k, L->rows + (size_t)s * BL_LROW, 4);
      if (!k || k == key) break;
      s = s + 1 == L->N ? 0 : s + 1;
    }
    uint8_t *r = L->rows + (size_t)s * BL_LROW;
    uint32_t k0;
    memcpy(&k0, r, 4);
    if (!k0) {
      for (int b = 0; b < 4; b++) r[b] = (uint8_t)(key >> (8 * b));
      L->F++;
    }
    r[7] |= (uint8_t)(e->amb & BL_GAZ_MASK);
  }
  free(fine);
  free(coarse);
  free(crp);
  free(dense);
  free(cci);
  free(ccv);
  free(rp);
  free(ci);
  free(cv);
  free(ctot);
  free(wtot);
  free(by);
  free(m.e);
}
/* Ambiguity classes of the tagged training corpus itself, jackknifed: a
 * sentence's words get the classes seen in the other K-1 folds, so training
 * sees them as unreliable as they are on new text (a word seen once would
 * otherwise carry its gold tag). */
static void jackknife_amb(corpus *c, int K) {
  wmap m = {0};
  m.cap = 1u << 18;
  m.e = xmalloc(m.cap * sizeof(wentry));
  for (int k = 0; k < K; k++) {
    memset(m.e, 0, m.cap * sizeof(wentry));
    m.n = 0;
    for (int s = 0; s < c->ns; s++) {
      if (s % K == k) continue;
      for (int i = c->sent[s]; i < c->sent[s + 1]; i++) {
        if (c->tt[i].flags & BL_TT_NOALNUM) continue;
        uint64_t h = c->tt[i].word ? c->tt[i].word : 1;
        wentry *e = wm_get(&m, h);
        if (!e->h) {
          e->h = h;
          if (++m.n * 2 > m.cap) die("too many distinct words");
        }
        e->amb |= 1u << c->gold[i];
      }
    }
    for (int s = k; s < c->ns; s += K)
      for (int i = c->sent[s]; i < c->sent[s + 1]; i++) {
        if (c->tt[i].flags & BL_TT_NOALNUM) continue;
        c->tt[i].amb = wm_get(&m, c->tt[i].word ? c->tt[i].word : 1)->amb;
      }
  }
  free(m.e);
}

static bl_lextable lex_view(const lexicon *L) {
  bl_lextable t = {L->N, L->F, L->rows};
  return t;
}
static void lex_corpus(const bl_lextable *L, corpus *c) {
  bl__lex_apply(L, c->tt, c->n);
}

/* ------------------------------------------------------------------ */
/* Averaged perceptron over the dense bucket space                     */
/* ------------------------------------------------------------------ */
typedef struct {
  int C;
  float *w, *u; /* NB * C each */
  double t;     /* instances seen */
} percep;

static void p_init(percep *p, int C) {
  p->C = C;
  p->w = xmalloc(NB * (size_t)C * sizeof(float));
  p->u = xmalloc(NB * (size_t)C * sizeof(float));
  p->t = 1;
}
static void p_free(percep *p) {
  free(p->w);
  free(p->u);
}
static void p_score(const percep *p, const uint64_t *f, int nf, float *sc) {
  for (int c = 0; c < p->C; c++) sc[c] = 0;
  for (int i = 0; i < nf; i++) {
    const float *w = p->w + (f[i] & (NB - 1)) * (size_t)p->C;
    for (int c = 0; c < p->C; c++) sc[c] += w[c];
  }
}
static void p_update(percep *p, const uint64_t *f, int nf, int gold, int pred) {
  float t = (float)p->t;
  for (int i = 0; i < nf; i++) {
    size_t b = (f[i] & (NB - 1)) * (size_t)p->C;
    p->w[b + (size_t)gold] += 1;
    p->u[b + (size_t)gold] += t;
    p->w[b + (size_t)pred] -= 1;
    p->u[b + (size_t)pred] -= t;
  }
}
/* Averaged weights, in place of w (u is freed). */
static void p_average(percep *p) {
  size_t N = NB * (size_t)p->C;
  for (size_t i = 0; i < N; i++) p->w[i] -= p->u[i] / (float)p->t;
  free(p->u);
  p->u = NULL;
}

/* ------------------------------------------------------------------ */
/* Quantisation into the keyed table                                   */
/* ------------------------------------------------------------------ */
typedef struct {
  uint32_t C, N, F;
  uint8_t *rows; /* N * BL_WROW */
  double unit;   /* float weight of one quantised step (before the row shift) */
} qtable;

static double g_load = 0.5; /* table load factor (--load); the presence
                               bitmap makes misses cheap whatever the load */

static void q_build(const percep *p, double prune, qtable *q) {
  size_t C = (size_t)p->C;
  float amax = 0;
  for (size_t i = 0; i < NB * C; i++) {
    float a = fabsf(p->w[i]);
    if (a > amax) amax = a;
  }
  if (amax <= 0) amax = 1;
  double unit = amax / (double)(1 << 20); /* |score| < 64 * 2^20 fits int32 */
  q->unit = unit;
  int32_t *iw = xmalloc(NB * C * sizeof(int32_t));
  uint8_t *sh = xmalloc(NB);
  uint8_t *keep = xmalloc(NB);
  uint32_t F = 0;
  for (size_t b = 0; b < NB; b++) {
    int32_t m = 0;
    for (size_t c = 0; c < C; c++) {
      double v = p->w[b * C + c] / unit;
      int32_t x = (int32_t)lround(v);
      iw[b * C + c] = x;
      if (abs(x) > m) m = abs(x);
    }
    if ((double)m * unit < prune || m == 0) continue;
    int s = 0;
    while ((m >> s) > 127) s++;
    /* Round to the row's step; drop the row if nothing survives. */
    int any = 0;
    for (size_t c = 0; c < C; c++) {
      int32_t x = iw[b * C + c];
      int32_t r = (int32_t)lround((double)x / (double)(1 << s));
      if (r > 127) r = 127;
      if (r < -127) r = -127;
      iw[b * C + c] = r;
      any |= r != 0;
    }
    if (!any) continue;
    sh[b] = (uint8_t)s;
    keep[b] = 1;
    F++;
  }
  uint32_t N = (uint32_t)((double)F / g_load) + 17;
  q->C = (uint32_t)C;
  q->N = N;
  q->F = F;
  q->rows = xmalloc((size_t)N * BL_WROW);
  for (size_t b = 0; b < NB; b++) {
    if (!keep[b]) continue;
    uint32_t key = (uint32_t)b + 1;
    uint32_t s = bl__wt_slot(key, N);
    for (;;) {
      uint32_t k;
      memcpy(&k, q->rows + (size_t)s * BL_WROW, 4);
      if (!k) break;
      s = s + 1 == N ? 0 : s + 1;
    }
    uint8_t *r = q->rows + (size_t)s * BL_WROW;
    for (int i = 0; i < 4; i++) r[i] = (uint8_t)(key >> (8 * i));
    r[4] = sh[b];
    for (size_t c = 0; c < C; c++) r[5 + c] = (uint8_t)(int8_t)iw[b * C + c];
  }
  free(iw);
  free(sh);
  free(keep);
}
static bl_wtable q_view(const qtable *q) {
  bl_wtable t = {q->C, q->N, q->F, q->rows, NULL};
  return t;
}
static void q_free(qtable *q) {
  free(q->rows);
}

/* ------------------------------------------------------------------ */
/* Training loops                                                      */
/* ------------------------------------------------------------------ */
static uint64_t rng_state;
static int g_verbose = 0, g_sweep = 0;
static uint64_t rng(void) {
  uint64_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}
static void shuffle(int *a, int n) {
  for (int i = n - 1; i > 0; i--) {
    int j = (int)(rng() % (uint64_t)(i + 1));
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/* Trains a POS pass over the sentences s with s % K != k (K = 0: all). */
static void train_pos(percep *p, corpus *c, int epochs, int pass, int K, int k0) {
  int *order = xmalloc((size_t)c->ns * sizeof(int));
  int m = 0;
  for (int s = 0; s < c->ns; s++)
    if (!K || s % K != k0) order[m++] = s;
  uint64_t f[BL_TAG_MAXFEAT];
  float sc[BL_POS_NCLASS];
  for (int e = 0; e < epochs; e++) {
    shuffle(order, m);
    long err = 0, tot = 0;
    for (int k = 0; k < m; k++) {
      int s = order[k];
      bl_tagtok *tt = c->tt + c->sent[s];
      const uint8_t *g = c->gold + c->sent[s];
      int n = c->sent[s + 1] - c->sent[s];
      int p1 = 0, p2 = 0;
      for (int i = 0; i < n; i++) {
        int nf = bl__pos_feats(tt, n, i, p1, p2, pass, f);
        p_score(p, f, nf, sc);
        int best = 0;
        for (int x = 1; x < BL_POS_NCLASS; x++)
          if (sc[x] > sc[best]) best = x;
        if (best != g[i]) {
          p_update(p, f, nf, g[i], best);
          err++;
        }
        tot++;
        p->t++;
        tt[i].pos = (uint8_t)(best + 1);
        p2 = p1;
        p1 = best + 1;
      }
    }
    if (g_verbose)
      fprintf(stderr, "  pos%d epoch %d: train error %.2f%%\n", pass, e + 1,
              100.0 * (double)err / (double)(tot ? tot : 1));
  }
  free(order);
}

/* The mean of M averaged perceptrons for a POS pass, each on its own
 * shuffle (a cheap bagging-like ensemble: same model size and speed,
 * steadier accuracy). */
static void train_pos_ens(percep *p, corpus *c, int epochs, int pass, int M,
                          int K, int k0) {
  float *wsum = NULL;
  for (int r = 0; r < M; r++) {
    p_init(p, BL_POS_NCLASS);
    train_pos(p, c, epochs, pass, K, k0);
    p_average(p);
    if (r + 1 == M) break;
    if (!wsum) wsum = p->w;
    else {
      for (size_t i = 0; i < NB * BL_POS_NCLASS; i++) wsum[i] += p->w[i];
      free(p->w);
    }
  }
  if (wsum) {
    for (size_t i = 0; i < NB * BL_POS_NCLASS; i++) p->w[i] = (p->w[i] + wsum[i]) / (float)M;
    free(wsum);
  }
}

/* Trains a NER pass over the sentences of documents [d0, d1) minus [x0, x1). */
static void train_ner(percep *p, corpus *c, int epochs, int pass, int x0,
                      int x1) {
  int *order = xmalloc((size_t)c->ns * sizeof(int));
  int m = 0;
  for (int d = 0; d < c->nd; d++) {
    if (d >= x0 && d < x1) continue;
    for (int s = c->doc[d]; s < c->doc[d + 1]; s++) order[m++] = s;
  }
  uint64_t f[BL_TAG_MAXFEAT];
  float sc[BL_NER_NCLASS];
  for (int e = 0; e < epochs; e++) {
    shuffle(order, m);
    long err = 0, tot = 0;
    for (int k = 0; k < m; k++) {
      int s = order[k];
      bl_tagtok *tt = c->tt + c->sent[s];
      const uint8_t *g = c->gold + c->sent[s];
      int n = c->sent[s + 1] - c->sent[s];
      int p1 = 0, p2 = 0, prev = 0;
      for (int i = 0; i < n; i++) {
        if (pass == 2 && bl__ner2_skip(&tt[i], prev)) { /* as bl__ner_decode */
          prev = 0;
          p2 = p1;
          p1 = 1;
          continue;
        }
        int nf = bl__ner_feats(tt, n, i, p1, p2, pass, f);
        p_score(p, f, nf, sc);
        int best = -1;
        for (int x = 0; x < BL_NER_NCLASS; x++) {
          if (!bl__ner_allowed(prev, x)) continue;
          if (i == n - 1 && !bl__ner_can_end(x)) continue;
          if (best < 0 || sc[x] > sc[best]) best = x;
        }
        if (best != g[i]) {
          p_update(p, f, nf, g[i], best);
          err++;
        }
        tot++;
        p->t++;
        prev = best;
        p2 = p1;
        p1 = best + 1;
      }
    }
    fprintf(stderr, "  ner%d epoch %d: train error %.2f%%\n", pass, e + 1,
            100.0 * (double)err / (double)(tot ? tot : 1));
  }
  free(order);
}

/* The mean of K averaged perceptrons for a NER pass over all documents,
 * each on its own shuffle (same size and speed, steadier than one). */
static void train_ner_ens(percep *p, corpus *c, int epochs, int pass, int K) {
  float *wsum = NULL;
  for (int r = 0; r < K; r++) {
    p_init(p, BL_NER_NCLASS);
    train_ner(p, c, epochs, pass, 0, 0);
    p_average(p);
    if (r + 1 == K) break;
    if (!wsum) wsum = p->w;
    else {
      for (size_t i = 0; i < NB * BL_NER_NCLASS; i++) wsum[i] += p->w[i];
      free(p->w);
    }
  }
  if (wsum) {
    for (size_t i = 0; i < NB * BL_NER_NCLASS; i++) p->w[i] = (p->w[i] + wsum[i]) / (float)K;
    free(wsum);
  }
}

/* ------------------------------------------------------------------ */
/* Evaluation (quantised tables, the library's decoders)               */
/* ------------------------------------------------------------------ */
/* Tags sentences s with s % K == k0 (K = 0: all) with POS pass 1, then
 * pass 2 if W2. */
static void tag_pos(const bl_wtable *W, const bl_wtable *W2, corpus *c, int K,
                    int k0) {
  for (int s = 0; s < c->ns; s++) {
    if (K && s % K != k0) continue;
    bl__pos_decode(W, c->tt + c->sent[s], c->sent[s + 1] - c->sent[s], 1);
    if (W2) bl__pos_decode(W2, c->tt + c->sent[s], c->sent[s + 1] - c->sent[s], 2);
  }
}
static double pos_acc(const corpus *c) {
  long ok = 0;
  for (int i = 0; i < c->n; i++) ok += c->tt[i].pos == c->gold[i] + 1;
  return 100.0 * (double)ok / c->n;
}

/* Tags documents [d0, d1) with NER pass 1 (and pass 2 if W2). */
static void tag_ner(const bl_wtable *W1, const bl_wtable *W2, corpus *c,
                    int d0, int d1) {
  for (int d = d0; d < d1; d++) {
    int s0 = c->doc[d], s1 = c->doc[d + 1];
    for (int s = s0; s < s1; s++)
      bl__ner_decode(W1, c->tt + c->sent[s], c->sent[s + 1] - c->sent[s], 1);
    if (!W2) continue;
    if (bl__ner_doc_evidence(c->tt + c->sent[s0], c->sent[s1] - c->sent[s0]) < 0)
      die("out of memory");
    for (int s = s0; s < s1; s++)
      bl__ner_decode(W2, c->tt + c->sent[s], c->sent[s + 1] - c->sent[s], 2);
  }
}

/* Span-level P/R/F1 per type (exact boundaries and type). */
static double ner_f1(const corpus *c, int verbose) {
  long tp[BL_NER_TYPES] = {0}, np[BL_NER_TYPES] = {0}, ng[BL_NER_TYPES] = {0};
  for (int s = 0; s < c->ns; s++) {
    int a = c->sent[s], b = c->sent[s + 1];
    for (int which = 0; which < 2; which++) {
      int start = -1;
      for (int i = a; i < b; i++) {
        int v = which ? c->tt[i].ner : c->gold[i];
        if (!v) continue;
        int bi = BL_NER_BILOU(v), ty = BL_NER_TYPE(v);
        if (bi == BL_BILOU_B || bi == BL_BILOU_U) start = i;
        if (bi == BL_BILOU_L || bi == BL_BILOU_U) {
          if (which == 0) {
            ng[ty]++;
          } else {
            np[ty]++;
            /* match: gold span with the same start, end and type */
            int ok = 1;
            for (int j = start; j <= i && ok; j++) {
              int gv = c->gold[j];
              int want = start == i ? BL_NER_TAG(ty, BL_BILOU_U)
                         : j == start ? BL_NER_TAG(ty, BL_BILOU_B)
                         : j == i ? BL_NER_TAG(ty, BL_BILOU_L)
                                  : BL_NER_TAG(ty, BL_BILOU_I);
              ok = gv == want;
            }
            tp[ty] += ok;
          }
        }
      }
    }
  }
  static const char *names[] = {"PER", "ORG", "LOC", "MISC"};
  long TP = 0, NP = 0, NG = 0;
  for (int t = 0; t < BL_NER_TYPES; t++) {
    TP += tp[t];
    NP += np[t];
    NG += ng[t];
    if (verbose) {
      double P = np[t] ? 100.0 * tp[t] / np[t] : 0, R = ng[t] ? 100.0 * tp[t] / ng[t] : 0;
      fprintf(stderr, "    %-4s P %.2f R %.2f F1 %.2f (gold %ld)\n", names[t], P, R,
              P + R > 0 ? 2 * P * R / (P + R) : 0, ng[t]);
    }
  }
  double P = NP ? 100.0 * TP / NP : 0, R = NG ? 100.0 * TP / NG : 0;
  double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
  if (verbose) {
    long tp3 = TP - tp[BL_NER_MISC], np3 = NP - np[BL_NER_MISC], ng3 = NG - ng[BL_NER_MISC];
    double P3 = np3 ? 100.0 * tp3 / np3 : 0, R3 = ng3 ? 100.0 * tp3 / ng3 : 0;
    fprintf(stderr, "    PER/ORG/LOC F1 %.2f\n", P3 + R3 > 0 ? 2 * P3 * R3 / (P3 + R3) : 0);
    fprintf(stderr, "    all  P %.2f R %.2f F1 %.2f\n", P, R, F);
  }
  return F;
}

/* ------------------------------------------------------------------ */
/* Writer                                                              */
/* ------------------------------------------------------------------ */
static void put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}
static void put64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static size_t write_model(const char *path, qtable *tabs[], const int *ids,
                          int nt, const lexicon *lx, const char *info) {
  int ns = nt + 1 + (lx != NULL);
  size_t off = 64 + (size_t)ns * 32;
  off = (off + 63) & ~(size_t)63;
  size_t offs[8], sizes[8];
  for (int k = 0; k < nt; k++) {
    offs[k] = off;
    sizes[k] = (size_t)tabs[k]->N * BL_WROW;
    off = (off + sizes[k] + 63) & ~(size_t)63;
  }
  if (lx) {
    offs[nt + 1] = off;
    sizes[nt + 1] = (size_t)lx->N * BL_LROW;
    off = (off + sizes[nt + 1] + 63) & ~(size_t)63;
  }
  offs[nt] = off;
  sizes[nt] = strlen(info) + 1;
  off += sizes[nt];
  size_t total = off;
  uint8_t *buf = xmalloc(total);
  memcpy(buf, BL_MODEL_MAGIC, 8);
  put32(buf + 8, BL_MODEL_VERSION);
  put32(buf + 12, BL_TAG_FEATSET);
  put64(buf + 16, total);
  put32(buf + 32, (uint32_t)ns);
  put32(buf + 36, 0x01020304u);
  for (int k = 0; k < ns; k++) {
    uint8_t *e = buf + 64 + (size_t)k * 32;
    if (k < nt) {
      put32(e, (uint32_t)ids[k]);
      put32(e + 4, tabs[k]->C);
      put32(e + 8, tabs[k]->N);
      put32(e + 12, tabs[k]->F);
      memcpy(buf + offs[k], tabs[k]->rows, sizes[k]);
    } else if (k == nt) {
      put32(e, BL_SEC_INFO);
      memcpy(buf + offs[k], info, sizes[k]);
    } else {
      put32(e, BL_SEC_LEX);
      put32(e + 8, lx->N);
      put32(e + 12, lx->F);
      memcpy(buf + offs[k], lx->rows, sizes[k]);
    }
    put64(e + 16, offs[k]);
    put64(e + 24, sizes[k]);
  }
  put64(buf + 24, bl__model_checksum(buf + 64, total - 64));
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *fp = fopen(tmp, "wb");
  if (!fp || fwrite(buf, 1, total, fp) != total || fclose(fp) != 0)
    die("cannot write the model file");
  if (rename(tmp, path) != 0) die("cannot rename the model file");
  free(buf);
  return total;
}

/* ------------------------------------------------------------------ */
int main(int argc, char **argv) {
  const char *ewt = NULL, *conll = NULL, *out = NULL, *text = NULL;
  int pos_epochs = 10, ner_epochs = 12, folds = 4, pos_only = 0, pos_models = 7;
  int ner_models = 3, pos2_models = 7, pos2_epochs = 10, pos_folds = 5;
  int pos_jk_models = 1, ner_extra_repeat = 1;
  const char *ner_extra = NULL, *gazdir = NULL, *ner_sweep = NULL, *pos_from = NULL;
  double ner_prune = 0.5; /* NER rows whose largest weight is below this are dropped
                            (CoNLL valid unchanged, about a third fewer rows) */
  double pos2_prune = 1.0;
  double pos_prune = 1.5; /* POS rows whose largest weight is below this are
                             dropped: the ensemble leaves many tiny ones */
  double prune = 0; /* --prune T: the same for every table (and the NER
                       jackknife models) */
  rng_state = 0x2545F4914F6CDD1DULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!v) die("missing option value");
    if (!strcmp(a, "--ewt")) ewt = v;
    else if (!strcmp(a, "--conll")) conll = v;
    else if (!strcmp(a, "--out")) out = v;
    else if (!strcmp(a, "--seed")) rng_state ^= strtoull(v, NULL, 10) * 0x9E3779B97F4A7C15ULL;
    else if (!strcmp(a, "--pos-epochs")) pos_epochs = atoi(v);
    else if (!strcmp(a, "--ner-epochs")) ner_epochs = atoi(v);
    else if (!strcmp(a, "--folds")) folds = atoi(v);
    else if (!strcmp(a, "--prune")) prune = atof(v);
    else if (!strcmp(a, "--pos-prune")) pos_prune = atof(v);
    else if (!strcmp(a, "--pos-only")) pos_only = atoi(v);
    else if (!strcmp(a, "--pos-models")) pos_models = atoi(v) > 0 ? atoi(v) : 1;
    else if (!strcmp(a, "--pos2-models")) pos2_models = atoi(v);
    else if (!strcmp(a, "--pos2-epochs")) pos2_epochs = atoi(v);
    else if (!strcmp(a, "--pos-folds")) pos_folds = atoi(v) > 1 ? atoi(v) : 2;
    else if (!strcmp(a, "--pos-jk-models")) pos_jk_models = atoi(v) > 0 ? atoi(v) : 1;
    else if (!strcmp(a, "--verbose")) g_verbose = atoi(v);
    else if (!strcmp(a, "--sweep")) g_sweep = atoi(v);
    else if (!strcmp(a, "--pos2-prune")) pos2_prune = atof(v);
    else if (!strcmp(a, "--ner-extra")) ner_extra = v;
    else if (!strcmp(a, "--gaz")) gazdir = v;
    else if (!strcmp(a, "--pos-from")) pos_from = v;
    else if (!strcmp(a, "--ner-prune-sweep")) ner_sweep = v;
    else if (!strcmp(a, "--ner-prune")) ner_prune = atof(v);
    else if (!strcmp(a, "--ner-extra-repeat")) ner_extra_repeat = atoi(v) > 0 ? atoi(v) : 1;
    else if (!strcmp(a, "--ner-models")) ner_models = atoi(v) > 0 ? atoi(v) : 1;
    else if (!strcmp(a, "--load")) g_load = atof(v);
    else if (!strcmp(a, "--text")) text = v;
    else if (!strcmp(a, "--fine")) g_fine = atoi(v);
    else if (!strcmp(a, "--coarse")) g_coarse = atoi(v);
    else if (!strcmp(a, "--vocab")) g_vocab = atoi(v);
    else if (!strcmp(a, "--ctx")) g_ctx = atoi(v);
    else if (!strcmp(a, "--amb-folds")) g_ambfolds = atoi(v) > 1 ? atoi(v) : 2;
    else die("unknown option");
    i++;
  }
  if (!ewt || !conll || !out) die("usage: bl_train --ewt DIR --conll DIR --out FILE");
  if (!rng_state) rng_state = 1;
  char path[4096];
  bl_model *from = NULL;
  if (pos_from && bl_model_load(pos_from, &from) != BL_OK) die("--pos-from: cannot load the model");
  if (from && !bl__model_table(from, BL_SEC_POS)) die("--pos-from: the model has no POS table");

  /* ---- POS ---- */
  corpus pos_tr = {0}, pos_dev = {0};
  snprintf(path, sizeof path, "%s/en_ewt-ud-train.conllu", ewt);
  read_conllu(path, &pos_tr);
  snprintf(path, sizeof path, "%s/en_ewt-ud-dev.conllu", ewt);
  read_conllu(path, &pos_dev);
  fprintf(stderr, "EWT: train %d tokens / %d sentences, dev %d tokens\n", pos_tr.n,
          pos_tr.ns, pos_dev.n);
  corpus ner_tr = {0}, ner_va = {0};
  snprintf(path, sizeof path, "%s/train.txt", conll);
  read_conll(path, &ner_tr);
  int ner_tr_conll_docs = ner_tr.nd, ner_tr_conll_n = ner_tr.n, ner_tr_conll_ns = ner_tr.ns;
  for (int r = 0; ner_extra && r < ner_extra_repeat; r++) read_conll(ner_extra, &ner_tr);
  if (ner_extra)
    fprintf(stderr, "extra NER data %s x%d: %d tokens / %d docs per copy\n", ner_extra,
            ner_extra_repeat, (ner_tr.n - ner_tr_conll_n) / (ner_extra_repeat ? ner_extra_repeat : 1),
            (ner_tr.nd - ner_tr_conll_docs) / (ner_extra_repeat ? ner_extra_repeat : 1));
  snprintf(path, sizeof path, "%s/valid.txt", conll);
  read_conll(path, &ner_va);
  fprintf(stderr, "CoNLL-2003: train %d tokens / %d sentences / %d docs, valid %d tokens / %d docs\n",
          ner_tr.n, ner_tr.ns, ner_tr.nd, ner_va.n, ner_va.nd);

  /* ---- word clusters ---- */
  lexicon lx = {0};
  int have_lex = 0;
  if (from) { /* --pos-from: the model's lexicon as it is */
    const bl_lextable *fl = bl__model_lex(from);
    if (fl) {
      lx.N = fl->n_slots;
      lx.F = fl->n_feat;
      lx.rows = (uint8_t *)(uintptr_t)fl->rows;
      have_lex = 1;
      lex_corpus(fl, &pos_dev);
      lex_corpus(fl, &ner_tr);
      lex_corpus(fl, &ner_va);
    }
  } else if (text && g_fine > 0) {
    if (g_fine > BL_LEX_MAXFINE || g_coarse < 1 || g_coarse > BL_LEX_MAXCOARSE)
      die("cluster counts out of range");
    wstream ws = {0};
    ws_corpus(&ws, &pos_tr, pos_tr.ns);
    ws_corpus(&ws, &ner_tr, ner_tr_conll_ns); /* not --ner-extra: same clusters */
    ws_reuters(&ws, text);
    ws_bbc(&ws, text);
    wmap gz = {0};
    if (gazdir) {
      gz.cap = 1u << 18;
      gz.e = xmalloc(gz.cap * sizeof(wentry));
      read_gazetteers(gazdir, &gz);
    }
    build_lexicon(&ws, &pos_tr, gazdir ? &gz : NULL, &lx);
    free(gz.e);
    free(ws.w);
    have_lex = 1;
    bl_lextable lv = lex_view(&lx);
    lex_corpus(&lv, &pos_tr);
    jackknife_amb(&pos_tr, g_ambfolds);
    lex_corpus(&lv, &pos_dev);
    lex_corpus(&lv, &ner_tr);
    lex_corpus(&lv, &ner_va);
  }
  /* POS pass 1: pos_models perceptrons on differently shuffled data, their
   * averaged weights averaged again. */
  qtable qpos = {0}, qpos2 = {0};
  bl_wtable wpos = {0}, wpos2 = {0};
  int have_pos2 = pos2_models > 0;
  double pacc = 0;
  if (from) {
    const bl_wtable *t1 = bl__model_table(from, BL_SEC_POS), *t2 = bl__model_table(from, BL_SEC_POS2);
    wpos = *t1;
    qpos.C = t1->n_class;
    qpos.N = t1->n_slots;
    qpos.F = t1->n_feat;
    qpos.rows = (uint8_t *)(uintptr_t)t1->rows;
    have_pos2 = t2 != NULL;
    if (t2) {
      wpos2 = *t2;
      qpos2.C = t2->n_class;
      qpos2.N = t2->n_slots;
      qpos2.F = t2->n_feat;
      qpos2.rows = (uint8_t *)(uintptr_t)t2->rows;
    }
    tag_pos(&wpos, have_pos2 ? &wpos2 : NULL, &pos_dev, 0, 0);
    pacc = pos_acc(&pos_dev);
    fprintf(stderr, "POS from %s: EWT dev UPOS accuracy %.2f%%\n", pos_from, pacc);
    rng_state = (rng_state ^ 0x5DEECE66DULL) ? rng_state ^ 0x5DEECE66DULL : 1; /* NER shuffles: from the seed */
  } else {
  percep pp;
  train_pos_ens(&pp, &pos_tr, pos_epochs, 1, pos_models, 0, 0);
  q_build(&pp, pos_prune > prune ? pos_prune : prune, &qpos);
  if (!g_sweep) p_free(&pp);
  wpos = q_view(&qpos);
  tag_pos(&wpos, NULL, &pos_dev, 0, 0);
  pacc = pos_acc(&pos_dev);
  fprintf(stderr, "POS pass 1: %u features; EWT dev UPOS accuracy %.2f%%\n", qpos.F, pacc);
  /* POS pass 2 reads pass 1's tags of the right context: for its training
   * data those come from jackknifed pass-1 models (K folds of sentences), so
   * pass 2 learns how far to trust pass 1 on unseen text. */
  if (have_pos2) {
    for (int k = 0; k < pos_folds; k++) {
      percep pj;
      train_pos_ens(&pj, &pos_tr, pos_epochs, 1, pos_jk_models, pos_folds, k);
      qtable qj;
      q_build(&pj, pos_prune > prune ? pos_prune : prune, &qj);
      p_free(&pj);
      bl_wtable wj = q_view(&qj);
      tag_pos(&wj, NULL, &pos_tr, pos_folds, k);
      q_free(&qj);
    }
    {
      long ok = 0;
      for (int i = 0; i < pos_tr.n; i++) ok += pos_tr.tt[i].pos1 == pos_tr.gold[i] + 1;
      fprintf(stderr, "  POS pass 1 jackknifed over %d folds: EWT train accuracy %.2f%%\n",
              pos_folds, 100.0 * (double)ok / pos_tr.n);
    }
    percep p2;
    train_pos_ens(&p2, &pos_tr, pos2_epochs, 2, pos2_models, 0, 0);
    if (g_sweep) { /* tuning: pruning thresholds of pass 2 and load factors */
      static const double th[] = {0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0};
      for (int j = 0; j < 7; j++) {
        q_build(&p2, th[j], &qpos2);
        wpos2 = q_view(&qpos2);
        tag_pos(&wpos, &wpos2, &pos_dev, 0, 0);
        fprintf(stderr, "  sweep: pass-2 prune %.2f: %u features, dev %.2f%%\n", th[j],
                qpos2.F, pos_acc(&pos_dev));
        q_free(&qpos2);
      }
    }
    q_build(&p2, pos2_prune, &qpos2);
    p_free(&p2);
    wpos2 = q_view(&qpos2);
    if (g_sweep) {
      static const double th[] = {0.5, 1.0, 1.5, 2.0, 3.0};
      for (int j = 0; j < 5; j++) {
        qtable qs;
        q_build(&pp, th[j], &qs);
        bl_wtable ws = q_view(&qs);
        tag_pos(&ws, &wpos2, &pos_dev, 0, 0);
        fprintf(stderr, "  sweep: pass-1 prune %.2f: %u features, dev %.2f%%\n", th[j],
                qs.F, pos_acc(&pos_dev));
        q_free(&qs);
      }
      p_free(&pp);
    }
    tag_pos(&wpos, &wpos2, &pos_dev, 0, 0);
    pacc = pos_acc(&pos_dev);
    fprintf(stderr, "POS pass 2: %u features; EWT dev UPOS accuracy %.2f%%\n", qpos2.F, pacc);
  }
  } /* !from */
  const bl_wtable *wp2 = have_pos2 ? &wpos2 : NULL;
  if (pos_only) return 0; /* tuning runs: --pos-only 1 */

  /* ---- NER ---- */
  tag_pos(&wpos, wp2, &ner_tr, 0, 0);
  tag_pos(&wpos, wp2, &ner_va, 0, 0);

  /* Jackknifed pass-1 tags for the pass-2 training data. */
  if (folds < 2) folds = 2;
  for (int k = 0; k < folds; k++) {
    int x0 = ner_tr.nd * k / folds, x1 = ner_tr.nd * (k + 1) / folds;
    percep pj;
    p_init(&pj, BL_NER_NCLASS);
    train_ner(&pj, &ner_tr, ner_epochs, 1, x0, x1);
    p_average(&pj);
    qtable qj;
    q_build(&pj, prune, &qj);
    p_free(&pj);
    bl_wtable wj = q_view(&qj);
    tag_ner(&wj, NULL, &ner_tr, x0, x1);
    q_free(&qj);
    fprintf(stderr, "  fold %d/%d done\n", k + 1, folds);
  }
  for (int d = 0; d < ner_tr.nd; d++) {
    int a = ner_tr.sent[ner_tr.doc[d]], b = ner_tr.sent[ner_tr.doc[d + 1]];
    if (bl__ner_doc_evidence(ner_tr.tt + a, b - a) < 0) die("out of memory");
  }
  percep p1, p2;
  train_ner_ens(&p1, &ner_tr, ner_epochs, 1, ner_models);
  train_ner_ens(&p2, &ner_tr, ner_epochs, 2, ner_models);
  qtable qn1, qn2;
  bl_wtable wn1, wn2;
  double nf = 0;
  /* --ner-prune-sweep "t1,t2,...": one model file per threshold (OUT.tK),
   * for measuring speed and GUM F1 against pruning; then the default. */
  for (const char *sw = ner_sweep; sw && *sw;) {
    double t = strtod(sw, NULL);
    q_build(&p1, t, &qn1);
    q_build(&p2, t, &qn2);
    wn1 = q_view(&qn1);
    wn2 = q_view(&qn2);
    tag_ner(&wn1, &wn2, &ner_va, 0, ner_va.nd);
    fprintf(stderr, "NER prune %.3f: %u + %u features, CoNLL-2003 valid:\n", t, qn1.F, qn2.F);
    nf = ner_f1(&ner_va, 1);
    char sp[4096];
    snprintf(sp, sizeof sp, "%s.%g", out, t);
    qtable *tb[4] = {&qpos, &qn1, &qn2, &qpos2};
    int id[4] = {BL_SEC_POS, BL_SEC_NER1, BL_SEC_NER2, BL_SEC_POS2};
    size_t z = write_model(sp, tb, id, have_pos2 ? 4 : 3, have_lex ? &lx : NULL, "sweep");
    fprintf(stderr, "  wrote %s (%.2f MB)\n", sp, (double)z / 1048576.0);
    q_free(&qn1);
    q_free(&qn2);
    sw = strchr(sw, ',');
    if (sw) sw++;
  }
  q_build(&p1, ner_prune > prune ? ner_prune : prune, &qn1);
  p_free(&p1);
  q_build(&p2, ner_prune > prune ? ner_prune : prune, &qn2);
  p_free(&p2);
  wn1 = q_view(&qn1);
  wn2 = q_view(&qn2);
  tag_ner(&wn1, NULL, &ner_va, 0, ner_va.nd);
  fprintf(stderr, "NER pass 1 (%u features), CoNLL-2003 valid:\n", qn1.F);
  ner_f1(&ner_va, 1);
  tag_ner(&wn1, &wn2, &ner_va, 0, ner_va.nd);
  fprintf(stderr, "NER pass 2 (%u features), CoNLL-2003 valid:\n", qn2.F);
  nf = ner_f1(&ner_va, 1);

  char info[2048];
  snprintf(info, sizeof info,
           "byline tagger, feature set %d. POS: averaged perceptron trained on "
           "Universal Dependencies English EWT train (CC BY-SA 4.0), UPOS "
           "accuracy %.2f%% on EWT dev. NER: averaged perceptron (two passes, "
           "document evidence) trained on CoNLL-2003 English train (Reuters, "
           "research use)%s, span F1 %.2f on CoNLL-2003 valid.%s%s",
           BL_TAG_FEATSET, pacc,
           ner_extra ? " and the GUM news train documents (Wikinews text CC BY 2.5, GUM annotations CC BY 4.0)" : "", nf,
           have_lex ? " Word clusters (k-means over neighbour statistics) from "
                      "Reuters-21578 and BBC News 2004-05 text (research use) "
                      "and the training corpora." : "",
           gazdir ? " Gazetteer bits: SSA baby names and Moby first names (public "
                    "domain), GeoNames cities15000 (CC BY 4.0), Unicode CLDR "
                    "territory and subdivision names (Unicode licence)." : "");
  qtable *tabs[4] = {&qpos, &qn1, &qn2, &qpos2};
  int ids[4] = {BL_SEC_POS, BL_SEC_NER1, BL_SEC_NER2, BL_SEC_POS2};
  size_t sz = write_model(out, tabs, ids, have_pos2 ? 4 : 3, have_lex ? &lx : NULL, info);
  fprintf(stderr, "wrote %s (%.2f MB)\n", out, (double)sz / 1048576.0);
  if (from) {
    bl_model_free(from);
  } else {
    free(lx.rows);
    q_free(&qpos);
    q_free(&qpos2);
  }
  q_free(&qn1);
  q_free(&qn2);
  return 0;
}
