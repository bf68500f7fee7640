/* test_kb_scan.c -- the match-only scanner (bl_kb_match_text) against the
 * general path (bl_analyze tokens + bl_kb_match): identical hits on
 * thousands of random texts mixing plain words, alias words in every case,
 * punctuation, apostrophes, hyphens, dotted abbreviations, non-ASCII
 * letters, spaces and line breaks, with a KB of tricky aliases; plus its
 * errors. */
#include "bl_internal.h"
#include "bl_kb_impl.h"
#include "byline.h"
#include "harness.h"

#include <stdint.h>
#include <stdio.h>

static int add(bl_kb_builder *b, const char *id, const char *name,
               const char *const *aliases, const uint32_t *aflags, size_t n) {
  bl_kb_record r;
  memset(&r, 0, sizeof(r));
  r.kb_id = id;
  r.name = name;
  r.label = BL_LABEL_GPE;
  r.kind = BL_KB_KIND_PLACE;
  r.aliases = aliases;
  r.alias_flags = aflags;
  r.n_aliases = n;
  return bl_kb_builder_add(b, &r);
}

/* A KB whose aliases need every rule of the tokenizer: possessives,
 * clitics, hyphens, dots, case-sensitive entries, diacritics, punctuation
 * tokens, numbers, one-token and long aliases sharing prefixes. */
static bl_kb *tricky_kb(int variant) {
  static const char *const names[] = {
      "China", "Russia", "New York", "New York City", "Sao Paulo",
      "S\xC3\xA3o Paulo", "U.S.", "US", "WHO", "May", "Mr Putin",
      "Vladimir Putin", "Putin", "Korea", "North Korea", "China-Russia",
      "O'Brien", "AT&T", "F-16", "Mr.", "No. 10", "Downing Street",
      "The Hague", "\xC4\xB0stanbul", ("Stra\xC3\x9F" "e"), "Caf\xC3\xA9 Central",
      "rock 'n' roll", "don't", "1990s", "G7", "G20", "10 Downing Street",
      "the", "a b c d e f g h", ",", "Korea \xE2\x80\x99s", "Ph.D.", "e.g.",
      "x", "abcdefghijklmnop", "abcdefghijklmnopq rst", "Hello world",
      "world cup", "Zo\xC3\xAB", "\xE2\x80\x9CQuote\xE2\x80\x9D", "St. Louis",
      "co-op", "COVID-19", "3.5", "1,000", "New", "York"};
  static const uint32_t case_flags[] = {BL_KBA_CASE};
  bl_kb_builder *b = bl_kb_builder_new();
  if (!b) return NULL;
  int rc = 0;
  size_t nn = sizeof(names) / sizeof(names[0]);
  for (size_t k = 0; k < nn; k++) {
    if (variant && (k % 3) == 1) continue;
    char id[32];
    snprintf(id, sizeof id, "t%zu", k);
    /* every fourth name also as a case-sensitive alias of its entry */
    const char *const al[] = {names[k]};
    rc |= add(b, id, names[k], al, (k % 4 == 0) ? case_flags : NULL,
              (k % 4 == 0) ? 1 : 0) < 0;
  }
  void *img = NULL;
  size_t len = 0;
  if (!rc) rc = bl_kb_builder_finish(b, &img, &len) < 0;
  bl_kb_builder_free(b);
  bl_kb *kb = NULL;
  if (!rc && bl_kb_from_buffer(img, len, 1, &kb) < 0) kb = NULL;
  bl_free(img);
  return kb;
}

static const char *const pieces[] = {
    "China", "china", "CHINA", "Russia", "New", "York", "City", "new york",
    "Sao", "S\xC3\xA3o", "Sa\xCC\x83o", "Paulo", "U.S.", "U.S", "US", "us",
    "WHO", "who", "May", "may", "Mr", "Mr.", "Putin", "Putin's",
    "Putin\xE2\x80\x99s", "Vladimir", "Korea", "Korea's", "North",
    "China-Russia", "O'Brien", "AT&T", "F-16", "No.", "No", "10", "Downing",
    "Street", "The", "the", "Hague", "\xC4\xB0stanbul", ("Stra\xC3\x9F" "e"),
    "STRASSE", "Caf\xC3\xA9", "Cafe\xCC\x81", "Central", "rock", "'n'", "roll",
    "don't", "1990s", "G7", "g7", "G20", "a", "b", "c", "d", "e", "f", "g", "h",
    ",", ".", "!", "?", ";", ":", ")", "(", "\"", "'", "\xE2\x80\x99",
    "\xE2\x80\x9C", "\xE2\x80\x9D", "-", "--", "\xE2\x80\x94", "...",
    "\xE2\x80\xA6", "Ph.D.", "e.g.", "x", "abcdefghijklmnop",
    "abcdefghijklmnopq", "rst", "Hello", "world", "cup", "Zo\xC3\xAB",
    "Zoe\xCC\x88", "Quote", "St.", "Louis", "co-op", "COVID-19", "3.5",
    "1,000", "120m", "http://x.org/a", "a@b.com", "@who", "#tag",
    "\xF0\x9F\x87\xB0\xF0\x9F\x87\xB7", "\xF0\x9F\x8E\x89", "\xE4\xB8\xAD",
    "s'", "Jan.", "Inc.", "etc.", "I", "A.", "\x01", "`", "&", "=",
    "\xCC\x81", "\xE2\x80\x8D", "x\xC2\xADy", "\"China,\"", "(WHO)",
    "Korea's.", "don't\"", "I'm", "we'll", "they're", "I've", "I'd",
    "N'T", "Mr.\"", "No.\"", "A.\"", "so-called", "ex-US", "F-16.",
    "China-", "-", "\"-", "(2004)", "1990's", "China'", "n't", "can't,",
    "Jan.\"", "US!\"", "Sept.", "x-y-z-w", "'s", "Inc.\"", "\"May\"",
    "'Korea'", "New-York", "York's", "YORK'S", "e.g.\""};
static const char *const gaps[] = {
    " ", " ", " ", " ", " ", "", "", "", "", "", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n",
    "\t", "\xC2\xA0", "\xE2\x80\xA8", "\xE2\x80\xA9", "\r", " \n \n ", "\x0B",
    "\x1C", "\x1F", "\xC2\x85", "\xE3\x80\x80"};

static uint64_t T_rng = 0x9E3779B97F4A7C15ULL;
static uint64_t T_next(void) {
  T_rng ^= T_rng << 13;
  T_rng ^= T_rng >> 7;
  T_rng ^= T_rng << 17;
  return T_rng;
}

/* Random text into buf (cap bytes); returns its length. */
static size_t T_text(char *buf, size_t cap) {
  size_t n = 0, np = sizeof(pieces) / sizeof(pieces[0]),
         ng = sizeof(gaps) / sizeof(gaps[0]);
  size_t words = 1 + T_next() % 60;
  for (size_t w = 0; w < words; w++) {
    const char *p = pieces[T_next() % np];
    const char *g = gaps[T_next() % ng];
    size_t lp = strlen(p), lg = strlen(g);
    if (n + lp + lg + 4 >= cap) break;
    if (T_next() % 50 == 0) { /* a random byte, valid or not */
      buf[n++] = (char)(T_next() & 0xFF);
    }
    memcpy(buf + n, p, lp);
    n += lp;
    memcpy(buf + n, g, lg);
    n += lg;
  }
  return n;
}

/* Compares the two paths on one text; returns 1 when they agree. */
static int T_same(const bl_kb *const *kbs, int nk, const char *text,
                  size_t len, int trusted, unsigned opt) {
  bl_config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.stages = BL_STAGE_TOKENS;
  bl_doc *doc = NULL;
  size_t bad1 = 0, bad2 = 0;
  int rc1 = bl_analyze(&cfg, text, len, trusted, &bad1, &doc);
  bl_kb_hit *h1 = NULL, *h2 = NULL;
  size_t n1 = 0, n2 = 0;
  if (rc1 >= 0) rc1 = bl_kb_match(kbs, nk, doc, opt, &h1, &n1);
  bl_doc_free(doc);
  char *exact = T_exact(text, len); /* ASan: no read past len */
  int rc2 = bl_kb_match_text(kbs, nk, exact, len, trusted, &bad2, opt, &h2,
                             &n2);
  /* the skip mode compiled for any CPU (where the CPU-specific one ran) */
  bl_vec v3;
  bl_vec_init(&v3, sizeof(bl_kb_hit));
  size_t bad3 = 0;
  int rc3 = bl__kb_match_text(kbs, nk, exact, len, trusted, &bad3,
                              opt | BL__KBM_PORTABLE, &v3);
  free(exact);
  int same = rc1 == rc2 && n1 == n2 &&
             (n1 == 0 || memcmp(h1, h2, n1 * sizeof(bl_kb_hit)) == 0) &&
             (rc1 != BL_EUTF8 || bad1 == bad2);
  int same3 = rc3 == rc2 && v3.len == n2 &&
              (n2 == 0 || memcmp(v3.data, h2, n2 * sizeof(bl_kb_hit)) == 0) &&
              (rc2 != BL_EUTF8 || bad3 == bad2);
  bl_vec_free(&v3);
  if (same && !same3) {
    fprintf(stderr, "portable skip mode differs (trusted %d opt %u): ",
            trusted, opt);
    fwrite(text, 1, len, stderr);
    fprintf(stderr, "\n");
    same = 0;
  }
  if (!same) {
    fprintf(stderr, "differ (trusted %d opt %u): rc %d/%d hits %zu/%zu: ",
            trusted, opt, rc1, rc2, n1, n2);
    fwrite(text, 1, len, stderr);
    fprintf(stderr, "\n");
    for (size_t k = 0; k < n1 || k < n2; k++) {
      if (k < n1)
        fprintf(stderr, "  gen  [%d,%d) tok [%d,%d) L%d e%d a%d f%u\n",
                h1[k].start, h1[k].end, h1[k].tok_start, h1[k].tok_end,
                h1[k].layer, h1[k].entry, h1[k].alias, h1[k].flags);
      if (k < n2)
        fprintf(stderr, "  scan [%d,%d) tok [%d,%d) L%d e%d a%d f%u\n",
                h2[k].start, h2[k].end, h2[k].tok_start, h2[k].tok_end,
                h2[k].layer, h2[k].entry, h2[k].alias, h2[k].flags);
    }
  }
  bl_free(h1);
  bl_free(h2);
  return same;
}

static void test_random(void) {
  bl_kb *k0 = tricky_kb(0), *k1 = tricky_kb(1);
  OK(k0 && k1, "tricky KBs build");
  if (!k0 || !k1) return;
  const bl_kb *one[1] = {k0};
  const bl_kb *two[2] = {k1, k0};
  static char buf[4096];
  int bad = 0, hits = 0;
  for (int it = 0; it < 6000 && bad < 5; it++) {
    size_t n = T_text(buf, sizeof buf);
    int trusted = (int)(T_next() & 1);
    unsigned opt = (T_next() % 4 == 0) ? BL_KBM_ALL : 0;
    int ok = (it & 1) ? T_same(two, 2, buf, n, trusted, opt)
                      : T_same(one, 1, buf, n, trusted, opt);
    bad += !ok;
    /* count texts with hits, so the test shows it exercises matching */
    bl_kb_hit *h = NULL;
    size_t nh = 0;
    if (bl_kb_match_text(one, 1, buf, n, 1, NULL, 0, &h, &nh) == BL_OK && nh)
      hits++;
    bl_free(h);
  }
  INT_EQ(bad, 0, "scanner == tokens + matcher on random texts");
  OK(hits > 3000, "most random texts have hits");

  /* long texts: windows flushed many times, tokens carried over */
  static char big[200000];
  for (int it = 0; it < 8; it++) {
    size_t n = 0;
    while (n + 4200 < sizeof big) n += T_text(big + n, 4096);
    OK(T_same(one, 1, big, n, 1, 0), "long text");
    OK(T_same(two, 2, big, n, 1, BL_KBM_ALL), "long text, all");
  }
  /* a chunk longer than the tokenizer's chunk limit (cut pieces) */
  {
    size_t n = 0;
    memcpy(big, "China ", 6);
    n = 6;
    for (int k = 0; k < 2000; k++) {
      memcpy(big + n, "\xC3\xA9.China", 8);
      n += 8;
    }
    memcpy(big + n, " China\n", 7);
    n += 7;
    OK(T_same(one, 1, big, n, 1, 0), "cut chunk");
    memset(big, 'a', 9000);
    memcpy(big + 9000, " China", 6);
    OK(T_same(one, 1, big, 9006, 1, 0), "long plain word");
  }
  bl_kb_free(k0);
  bl_kb_free(k1);
}

static void test_cases(void) {
  bl_kb *k = tricky_kb(0);
  if (!k) return;
  const bl_kb *kbs[1] = {k};
  static const char *const texts[] = {
      "", " ", "China", "China.", "New York City, New York.",
      "Putin's China-Russia talks", "No. 10 Downing Street", "No. Downing",
      "the U.S. and the US", "S\xC3\xA3o Paulo\n\nPaulo", "New\n\nYork",
      "New\r\n\r\nYork", "New\xE2\x80\xA9York", "New \xE2\x80\xA8\nYork",
      "New\xC2\xA0York", "a b c d e f g h", "Mr. Putin", "abcdefghijklmnop",
      "abcdefghijklmnopq rst", "s' Korea", "countries' Korea",
      "\xE2\x80\x9CQuote\xE2\x80\x9D", "x", "G7 G20 g7", "May may MAY",
      "3.5 1,000"};
  for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
    for (unsigned opt = 0; opt < 2; opt++)
      OK(T_same(kbs, 1, texts[t], strlen(texts[t]), 0, opt), texts[t]);

  /* errors */
  bl_kb_hit *h = NULL;
  size_t n = 0, bad = 0;
  INT_EQ(bl_kb_match_text(kbs, 1, "ab\xFF" "c", 4, 0, &bad, 0, &h, &n),
         BL_EUTF8, "invalid UTF-8");
  INT_EQ(bad, 2, "bad byte offset");
  INT_EQ(bl_kb_match_text(kbs, 1, "China", 5, 0, NULL, 8, &h, &n), BL_EINVAL,
         "bad options");
  INT_EQ(bl_kb_match_text(kbs, -1, "China", 5, 0, NULL, 0, &h, &n), BL_EINVAL,
         "bad layer count");
  INT_EQ(bl_kb_match_text(kbs, 1, NULL, 5, 0, NULL, 0, &h, &n), BL_EINVAL,
         "NULL text");
  INT_EQ(bl_kb_match_text(kbs, 1, "China", 5, 0, NULL, 0, NULL, &n),
         BL_EINVAL, "NULL out");
  INT_EQ(bl_kb_match_text(NULL, 0, "China", 5, 0, NULL, 0, &h, &n), BL_OK,
         "no layers");
  INT_EQ(n, 0, "no layers, no hits");
  INT_EQ(bl_kb_match_text(kbs, 1, "China", 5, 0, NULL, 0, &h, &n), BL_OK,
         "one hit");
  INT_EQ(n, 1, "one hit count");
  bl_free(h);
  bl_kb_free(k);
}

#ifdef BL_FAILALLOC
/* Every allocation of one scan fails in turn: BL_ENOMEM (nothing returned,
 * nothing leaked: LeakSanitizer) or the same hits. */
static void test_failalloc(void) {
  bl_kb *k = tricky_kb(0);
  OK(k != NULL, "KB for the failalloc sweep");
  if (!k) return;
  const bl_kb *kbs[1] = {k};
  static char big[20000];
  size_t n = 0;
  while (n + 4200 < sizeof big) n += T_text(big + n, 4096);
  bl_kb_hit *ref = NULL, *h = NULL;
  size_t nref = 0, nh = 0;
  bl_failalloc_set(0);
  long before = bl_failalloc_count();
  INT_EQ(bl_kb_match_text(kbs, 1, big, n, 1, NULL, 0, &ref, &nref), BL_OK,
         "clean scan");
  long total = bl_failalloc_count() - before;
  OK(total > 2, "the scan allocates");
  int bad = 0;
  for (long i = 1; i <= total; i++) {
    bl_failalloc_set(i);
    int rc = bl_kb_match_text(kbs, 1, big, n, 1, NULL, 0, &h, &nh);
    bl_failalloc_set(0);
    if (rc == BL_ENOMEM) bad += h != NULL || nh != 0;
    else bad += rc != BL_OK || nh != nref ||
                (nh && memcmp(h, ref, nh * sizeof *h) != 0);
    bl_free(h);
    h = NULL;
  }
  INT_EQ(bad, 0, "allocation failures: ENOMEM or the same hits");
  bl_free(ref);
  bl_kb_free(k);
}
#endif

/* The scanner looks up only words of at most BL__KB_ABBR_MAX letters
 * before a period: no letters-only abbreviation of the tokenizer's table
 * may be longer. */
#include "bl_tokdata.inc"
static void test_abbr_max(void) {
  unsigned n_abbr = 0, longest = 0;
  for (size_t i = 0; i < sizeof S_tokdata / sizeof S_tokdata[0]; i++) {
    unsigned len = S_tokdata[i].len;
    if (!len || !(S_tokdata[i].cls & (BL_ABBR_INNER | BL_ABBR_END |
                                      BL_ABBR_MONTH | BL_ABBR_NUM)))
      continue;
    int letters = 1;
    for (unsigned k = 0; k < len; k++) {
      uint64_t w = k < 8 ? S_tokdata[i].w0 : S_tokdata[i].w1;
      unsigned c = (unsigned)(w >> (8 * (k % 8))) & 0xFF;
      letters &= c >= 'a' && c <= 'z';
    }
    if (!letters) continue;
    n_abbr++;
    if (len > longest) longest = len;
  }
  OK(n_abbr > 50, "the table has letters-only abbreviations");
  OK(longest <= BL__KB_ABBR_MAX, "BL__KB_ABBR_MAX covers every abbreviation");
}

int main(void) {
  test_abbr_max();
  test_cases();
  test_random();
#ifdef BL_FAILALLOC
  test_failalloc();
#endif
  return T_summary("test_kb_scan");
}
