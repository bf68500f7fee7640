/* test_tokenize.c -- the tokenizer, hashing and text helpers, without Python. */
#include "bl_internal.h"
#include "harness.h"

/* Byte offset of code point `cp` in s (trusted generalised UTF-8). */
static size_t S_cp2b(const char *s, size_t n, int32_t cp) {
  size_t i = 0;
  int32_t k = 0;
  while (i < n && (((unsigned char)s[i] & 0xC0) == 0x80)) i++;
  while (i < n && k < cp) {
    i++;
    while (i < n && (((unsigned char)s[i] & 0xC0) == 0x80)) i++;
    k++;
  }
  return i;
}

/* Tokenizes `text` (copied into an exactly sized buffer) and renders the
 * tokens as "tok|tok|..." into out; returns the doc (caller frees). */
static bl_doc *S_run(const char *text, size_t n, int trusted, uint32_t stages,
                     char *out, size_t outsz) {
  bl_config cfg = {{0}, 0, NULL, stages, 0};
  bl_doc *doc = NULL;
  char *buf = T_exact(text, n);
  int rc = bl_analyze(&cfg, buf, n, trusted, NULL, &doc);
  free(buf);
  out[0] = 0;
  if (rc < 0) return NULL;
  size_t nt = 0, w = 0;
  const bl_token *t = (const bl_token *)bl_doc_table(doc, BL_TABLE_TOKENS, &nt);
  for (size_t i = 0; i < nt; i++) {
    size_t b0 = S_cp2b(text, n, t[i].start), b1 = S_cp2b(text, n, t[i].end);
    if (i && w + 1 < outsz) out[w++] = '|';
    for (size_t b = b0; b < b1 && w + 1 < outsz; b++) out[w++] = text[b];
  }
  out[w] = 0;
  return doc;
}

#define TOKS(text, expect)                                                  \
  do {                                                                      \
    char _o[1024];                                                          \
    bl_doc *_d = S_run(text, strlen(text), 0, BL_STAGE_TOKENS, _o, sizeof _o); \
    OK(_d != NULL, "analyze ok");                                           \
    STR_EQ(_o, expect, text);                                               \
    bl_doc_free(_d);                                                        \
  } while (0)

static const bl_token *S_toks(bl_doc *d, size_t *n) {
  return (const bl_token *)bl_doc_table(d, BL_TABLE_TOKENS, n);
}

static void test_words_and_clitics(void) {
  TOKS("Putin's aides don't know", "Putin|'s|aides|do|n't|know");
  TOKS("Wang\xE2\x80\x99s trip won\xE2\x80\x99t", "Wang|\xE2\x80\x99s|trip|wo|n\xE2\x80\x99t");
  TOKS("I'm sure we'll see they've gone, can't they?",
       "I|'m|sure|we|'ll|see|they|'ve|gone|,|ca|n't|they|?");
  TOKS("O'Brien rock'n'roll d'Ivoire", "O'Brien|rock'n'roll|d'Ivoire");
  TOKS("the countries' leaders", "the|countries|'|leaders");
  TOKS("PUTIN'S PLAN", "PUTIN|'S|PLAN");
}

static void test_hyphens(void) {
  TOKS("China-Russia ties and Asia-Pacific", "China|-|Russia|ties|and|Asia|-|Pacific");
  TOKS("an F-16 and COVID-19", "an|F-16|and|COVID-19");
  TOKS("a 10-year-old", "a|10|-|year|-|old");
  TOKS("in 2019-20 and 2024-01-15, 1-0", "in|2019-20|and|2024-01-15|,|1-0");
  TOKS("wait -- now \xE2\x80\x94 then", "wait|--|now|\xE2\x80\x94|then");
  size_t n;
  char o[256];
  bl_doc *d = S_run("China-Russia - x", 16, 0, BL_STAGE_TOKENS, o, sizeof o);
  const bl_token *t = S_toks(d, &n);
  INT_EQ(n, 5, "5 tokens");
  OK(t[1].flags & BL_TF_HYPHEN_INFIX, "infix hyphen flagged");
  INT_EQ(t[1].kind, BL_TOK_PUNCT, "infix hyphen is punct");
  OK(!(t[3].flags & BL_TF_HYPHEN_INFIX), "spaced hyphen not infix");
  INT_EQ(t[3].kind, BL_TOK_DASH, "spaced hyphen is a dash");
  bl_doc_free(d);
}

static void test_numbers_money(void) {
  TOKS("$120m, \xC2\xA3" "65,000 and \xE2\x82\xAC" "5bn (3.5%)",
       "$|120m|,|\xC2\xA3|65,000|and|\xE2\x82\xAC|5bn|(|3.5|%|)");
  TOKS("the 1st at 10:30am in the 1990s, .5 of 1,000.", "the|1st|at|10:30am|in|the|1990s|,|.5|of|1,000|.");
  TOKS("ran 10years", "ran|10|years");
}

static void test_abbreviations(void) {
  TOKS("Mr. Putin met U.S. officials", "Mr.|Putin|met|U.S.|officials");
  TOKS("Mrs. Dr. St. Gov. Jan. e.g. i.e. U.N. a.m.",
       "Mrs.|Dr.|St.|Gov.|Jan.|e.g.|i.e.|U.N.|a.m.");
  TOKS("J. R. Smith and Ph.D. work", "J.|R.|Smith|and|Ph.D.|work");
  TOKS("No. 10 but no. And", "No.|10|but|no|.|And");
  TOKS("Acme Inc. said", "Acme|Inc.|said");
  TOKS("he sat. Then", "he|sat|.|Then");
  TOKS("U.S.-led", "U.S.|-|led");
  TOKS("end.The", "end|.|The");
  size_t n;
  char o[256];
  bl_doc *d = S_run("Mr. X", 5, 0, BL_STAGE_TOKENS, o, sizeof o);
  const bl_token *t = S_toks(d, &n);
  INT_EQ(t[0].kind, BL_TOK_ABBREV, "Mr. abbrev");
  bl_doc_free(d);
}

static void test_web(void) {
  TOKS("see https://www.bbc.co.uk/news/world-123. Or (http://x.org/a_(b)) now",
       "see|https://www.bbc.co.uk/news/world-123|.|Or|(|http://x.org/a_(b)|)|now");
  TOKS("mail john.doe@example.com, @BBCWorld #Ukraine #1 bbc.co.uk",
       "mail|john.doe@example.com|,|@BBCWorld|#Ukraine|#|1|bbc.co.uk");
  size_t n;
  char o[256];
  const char *s = "a@b.cd @x #y www.z.com";
  bl_doc *d = S_run(s, strlen(s), 0, BL_STAGE_TOKENS, o, sizeof o);
  const bl_token *t = S_toks(d, &n);
  INT_EQ(n, 4, "4 tokens");
  INT_EQ(t[0].kind, BL_TOK_EMAIL, "email");
  INT_EQ(t[1].kind, BL_TOK_HANDLE, "handle");
  INT_EQ(t[2].kind, BL_TOK_HASHTAG, "hashtag");
  INT_EQ(t[3].kind, BL_TOK_URL, "url");
  bl_doc_free(d);
}

static void test_quotes(void) {
  /* “strategic”, he said "no." ‘x’ «a» „b“ 「c」 */
  const char *s = "\xE2\x80\x9Cstrategic\xE2\x80\x9D, he said \"no.\" "
                  "\xE2\x80\x98x\xE2\x80\x99 \xC2\xAB" "a\xC2\xBB "
                  "\xE2\x80\x9E" "b\xE2\x80\x9C \xE3\x80\x8C" "c\xE3\x80\x8D \" x";
  char o[512];
  size_t n;
  bl_doc *d = S_run(s, strlen(s), 0, BL_STAGE_TOKENS, o, sizeof o);
  const bl_token *t = S_toks(d, &n);
  int want[][2] = {{0, BL_TF_QUOTE_OPEN}, {2, BL_TF_QUOTE_CLOSE},
                   {6, BL_TF_QUOTE_OPEN}, {9, BL_TF_QUOTE_CLOSE},
                   {10, BL_TF_QUOTE_OPEN}, {12, BL_TF_QUOTE_CLOSE},
                   {13, BL_TF_QUOTE_OPEN}, {15, BL_TF_QUOTE_CLOSE},
                   {16, BL_TF_QUOTE_OPEN}, {18, BL_TF_QUOTE_CLOSE},
                   {19, BL_TF_QUOTE_OPEN}, {21, BL_TF_QUOTE_CLOSE},
                   {22, BL_TF_QUOTE_OPEN | BL_TF_QUOTE_CLOSE}};
  INT_EQ(n, 24, "quote test token count");
  for (size_t k = 0; k < sizeof want / sizeof want[0] && n == 24; k++) {
    INT_EQ(t[want[k][0]].kind, BL_TOK_QUOTE, "is quote");
    INT_EQ(t[want[k][0]].flags & (BL_TF_QUOTE_OPEN | BL_TF_QUOTE_CLOSE),
           want[k][1], "quote direction");
  }
  bl_doc_free(d);
}

static void test_symbols_emoji(void) {
  /* thumbs up + skin tone; family ZWJ sequence; GB flag; ellipsis */
  TOKS("ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD " "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 "
       "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7 wait... no\xE2\x80\xA6 yes?!",
       "ok|\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD|\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7|"
       "\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7|\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7|wait|...|no|\xE2\x80\xA6|yes|?!");
  /* combining accent stays in its word */
  TOKS("Cafe\xCC\x81 ok", "Cafe\xCC\x81|ok");
}

static void test_flags_offsets(void) {
  const char *s = "Hello  WORLD\n\nnew para\nline xx.Yy";
  char o[256];
  size_t n;
  bl_doc *d = S_run(s, strlen(s), 0, BL_STAGE_TOKENS, o, sizeof o);
  const bl_token *t = S_toks(d, &n);
  STR_EQ(o, "Hello|WORLD|new|para|line|xx|.|Yy", "flags text");
  OK(t[0].flags & BL_TF_TITLE, "Hello title");
  OK(t[0].flags & BL_TF_SPACE_AFTER, "space after Hello");
  OK(t[0].flags & BL_TF_PARA_START, "first token para start");
  OK(t[1].flags & BL_TF_UPPER, "WORLD upper");
  OK(t[2].flags & BL_TF_PARA_START, "blank line para start");
  OK(t[2].flags & BL_TF_LOWER, "new lower");
  OK(t[4].flags & BL_TF_NEWLINE_BEFORE, "newline before");
  OK(!(t[4].flags & BL_TF_PARA_START), "single newline no para");
  OK(t[6].flags & BL_TF_NO_SPACE_BEFORE, "period attached");
  OK(!(t[5].flags & BL_TF_NO_SPACE_BEFORE), "xx not attached");
  OK(!(t[7].flags & BL_TF_SPACE_AFTER), "end no space");
  INT_EQ(t[0].sent, -1, "unsegmented sent");
  INT_EQ(t[0].mention, -1, "mention -1");
  const bl_tokx *x = (const bl_tokx *)d->tokx.data;
  INT_EQ(x[1].bstart, 7, "WORLD bstart");
  INT_EQ(x[1].bend, 12, "WORLD bend");
  OK(x[1].norm_len == 5 && memcmp((char *)d->norm.data + x[1].norm_off, "world", 5) == 0,
     "norm lower");
  OK(x[1].exact_hash == bl_hash_bytes("WORLD", 5), "exact hash");
  OK(x[1].norm_hash == bl_hash_bytes("world", 5), "norm hash");
  bl_doc_free(d);
}

static void test_norm(void) {
  /* Café STRASSE Straße “ ’ — … ﬁ */
  const char *s = "Caf\xC3\xA9 Stra\xC3\x9F" "e \xE2\x80\x9C \xE2\x80\x99 \xE2\x80\x94 "
                  "\xE2\x80\xA6 \xEF\xAC\x81";
  const char *want[] = {"cafe", "strasse", "\"", "'", "-", "...", "fi"};
  char o[256];
  size_t n;
  bl_doc *d = S_run(s, strlen(s), 0, BL_STAGE_TOKENS, o, sizeof o);
  S_toks(d, &n);
  INT_EQ(n, 7, "norm token count");
  const bl_tokx *x = (const bl_tokx *)d->tokx.data;
  for (size_t i = 0; i < n && i < 7; i++) {
    char buf[32] = {0};
    memcpy(buf, (char *)d->norm.data + x[i].norm_off, x[i].norm_len < 31 ? x[i].norm_len : 31);
    STR_EQ(buf, want[i], "normalised form");
  }
  bl_doc_free(d);
}

static void test_surrogates_trusted(void) {
  /* "a" + lone surrogate U+D800 (ED A0 80) + "b c" as CPython surrogatepass */
  const char s[] = "a\xED\xA0\x80" "b c \xED\xBF\xBF";
  char o[64];
  size_t n;
  bl_doc *d = S_run(s, sizeof s - 1, 1, BL_STAGE_SENTENCES, o, sizeof o);
  OK(d != NULL, "trusted surrogates accepted");
  if (!d) return;
  const bl_token *t = S_toks(d, &n);
  INT_EQ(bl_doc_length(d), 7, "7 code points");
  OK(n >= 3, "tokens");
  INT_EQ(t[n - 1].end, 7, "last token ends at 7");
  INT_EQ(t[n - 1].start, 6, "lone surrogate is one code point");
  bl_doc_free(d);
  /* untrusted: rejected */
  bl_config cfg = {{0}, 0, NULL, 0, 0};
  char *b = T_exact(s, sizeof s - 1);
  INT_EQ(bl_analyze(&cfg, b, sizeof s - 1, 0, NULL, &d), BL_EUTF8, "untrusted surrogate rejected");
  free(b);
}

static void test_hash(void) {
  /* stable, length-sensitive, spreads */
  OK(bl_hash_bytes("", 0) != bl_hash_bytes("\0", 1), "empty vs NUL");
  OK(bl_hash_bytes("abc", 3) != bl_hash_bytes("abd", 3), "abc vs abd");
  char big[100];
  for (int i = 0; i < 100; i++) big[i] = (char)('a' + i % 26);
  int collide = 0;
  for (size_t a = 0; a < 100; a++)
    for (size_t b = a + 1; b < 100; b++)
      collide += bl_hash_bytes(big, a) == bl_hash_bytes(big, b);
  INT_EQ(collide, 0, "prefixes differ");
  /* every single-bit flip of a 24-byte key changes the hash */
  unsigned char k[24] = {0};
  uint64_t h0 = bl_hash_bytes(k, 24);
  int same = 0;
  for (int bit = 0; bit < 24 * 8; bit++) {
    k[bit / 8] ^= (unsigned char)(1u << (bit % 8));
    same += bl_hash_bytes(k, 24) == h0;
    k[bit / 8] ^= (unsigned char)(1u << (bit % 8));
  }
  INT_EQ(same, 0, "bit flips change hash");
}

static void test_doc_cp(void) {
  /* 300 x "é" (2 bytes) then "a": checkpoints over several blocks */
  size_t n = 601;
  char *s = malloc(n);
  for (size_t i = 0; i < 300; i++) {
    s[2 * i] = (char)0xC3;
    s[2 * i + 1] = (char)0xA9;
  }
  s[600] = 'a';
  bl_config cfg = {{0}, 0, NULL, BL_STAGE_TOKENS, 0};
  bl_doc *d = NULL;
  INT_EQ(bl_analyze(&cfg, s, n, 0, NULL, &d), BL_OK, "analyze");
  int bad = 0;
  for (size_t b = 0; b <= 600; b += 2) bad += bl_doc_cp(d, b) != (int32_t)(b / 2);
  INT_EQ(bad, 0, "bl_doc_cp at every sequence start");
  INT_EQ(bl_doc_cp(d, 601), 301, "end");
  bl_doc_free(d);
  free(s);
}

static void test_decode(void) {
  int32_t c;
  const unsigned char a[] = {0xED, 0xA0, 0x80};
  INT_EQ(bl_utf8_decode(a, 3, 0, &c), 3, "surrogate length");
  INT_EQ(c, 0xFFFD, "surrogate -> FFFD");
  const unsigned char b[] = {0xF0, 0x9F, 0x98, 0x80};
  INT_EQ(bl_utf8_decode(b, 4, 0, &c), 4, "4-byte length");
  INT_EQ(c, 0x1F600, "emoji cp");
  INT_EQ(bl_utf8_decode(b, 2, 0, &c), 2, "truncated stops at len");
  INT_EQ(c, 0xFFFD, "truncated -> FFFD");
}

static void test_pathological(void) {
  /* long runs without spaces, quotes, newlines: must finish and keep
   * offsets consistent; tokens never overlap. */
  size_t n = 200000;
  char *s = malloc(n);
  const char *pats[] = {"a", "\"", "\n", "a.", "-", "a'", "@a.", "x\xCC\x81", ".a"};
  for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
    size_t pl = strlen(pats[p]);
    for (size_t i = 0; i < n; i++) s[i] = pats[p][i % pl];
    size_t len = n - n % pl;
    bl_config cfg = {{0}, 0, NULL, BL_STAGE_SENTENCES, 0};
    bl_doc *d = NULL;
    INT_EQ(bl_analyze(&cfg, s, len, 0, NULL, &d), BL_OK, pats[p]);
    size_t nt = 0, ns = 0;
    const bl_token *t = S_toks(d, &nt);
    bl_doc_table(d, BL_TABLE_SENTENCES, &ns);
    int bad = 0;
    for (size_t i = 0; i < nt; i++) {
      bad += t[i].start >= t[i].end;
      bad += i && t[i].start < t[i - 1].end;
      bad += t[i].sent < 0;
    }
    INT_EQ(bad, 0, "pathological tokens well formed");
    OK(nt == 0 || (size_t)t[nt - 1].end <= bl_doc_length(d), "in bounds");
    bl_doc_free(d);
  }
  free(s);
}

/* Random mixes of news pieces and raw bytes, also passed as "trusted"
 * (a lying caller): never a crash, offsets within bl_doc_length, tokens
 * ordered, every token in a sentence. */
static void test_random_garbage(void) {
  static const char *alpha[] = {
      "a", "A", ".", "'", "\xE2\x80\x99", "\"", "-", " ", "\n", "@", "#", "1", ",",
      "\xED\xA0\x80", "\xCC\x81", "\xF0\x9F\x91\x8D", "\xE2\x80\x8D", "U.S.", "Mr.",
      "http://", "\x80", "\xC3", "(", ")", "!", "?", "\xE2\x80\x9C", "n't", "'s", "\t"};
  size_t na = sizeof alpha / sizeof alpha[0];
  uint32_t r = 12345;
  int bad = 0, ok = 0;
  for (int it = 0; it < 3000; it++) {
    char buf[512];
    size_t n = 0;
    r = r * 1103515245u + 12345u;
    int k = (int)((r >> 16) % 40);
    for (int j = 0; j < k; j++) {
      r = r * 1103515245u + 12345u;
      const char *a = alpha[(r >> 16) % na];
      while (*a && n < 500) buf[n++] = *a++;
    }
    char *exact = T_exact(buf, n);
    for (int tr = 0; tr < 2; tr++) {
      bl_config cfg = {{0}, 0, NULL, BL_STAGE_SENTENCES, 0};
      bl_doc *d = NULL;
      if (bl_analyze(&cfg, exact, n, tr, NULL, &d) != BL_OK) continue;
      ok++;
      size_t nt = 0;
      const bl_token *t = (const bl_token *)bl_doc_table(d, BL_TABLE_TOKENS, &nt);
      size_t len = bl_doc_length(d);
      for (size_t i = 0; i < nt; i++)
        bad += t[i].start >= t[i].end || (size_t)t[i].end > len ||
               (i && t[i].start < t[i - 1].end) || t[i].sent < 0;
      bl_doc_free(d);
    }
    free(exact);
  }
  INT_EQ(bad, 0, "random garbage: well-formed tokens");
  OK(ok > 3000, "trusted garbage analysed");
}

/* The fast path for plain ASCII chunks must give exactly what the general
 * scanner gives: tokens, flags, byte offsets, normalised forms and hashes,
 * on random text drawn from the characters its rules look at. */
static int S_same_tokens(const char *text, size_t n) {
  bl_config cfg = {{0}, 0, NULL, BL_STAGE_TOKENS, 0};
  bl_doc *a = NULL, *b = NULL;
  if (bl_analyze(&cfg, text, n, 0, NULL, &a) < 0) return 0;
  if (bl_analyze(&cfg, text, n, 0, NULL, &b) < 0) {
    bl_doc_free(a);
    return 0;
  }
  b->tokens.len = b->tokx.len = b->norm.len = 0;
  int ok = bl__tokenize_general(b) == BL_OK && a->tokens.len == b->tokens.len &&
           a->norm.len == b->norm.len &&
           !memcmp(a->tokens.data, b->tokens.data, a->tokens.len * sizeof(bl_token)) &&
           !memcmp(a->tokx.data, b->tokx.data, a->tokx.len * sizeof(bl_tokx)) &&
           !memcmp(a->norm.data, b->norm.data, a->norm.len);
  bl_doc_free(a);
  bl_doc_free(b);
  return ok;
}

static void test_fast_path_same(void) {
  static const char *const parts[] = {
      "Mr", "mr", "No", "Jan", "U", "I", "a", "Inc", "etc", "Calif", "calif",
      "e", "The", "HELLO", "World", "x1", "G20", "20", "1990", "www", "http",
      "n", "don", "s", "ll", "ve", "t", "AbCdEfGhIjKlMnOp", "abcdefghijklmnopq",
      ".", ",", ";", ":", ")", "(", "!", "?", "\"", "'", "-", "--", "..", "`",
      "@", "/", "%", "$", "&", "#", "\xc3\xa9", "\xe2\x80\x99", "\xcc\x81",
      " ", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\x1c",
      "\xc2\xa0", "5", "3.5", "1,000"};
  const size_t np = sizeof parts / sizeof parts[0];
  char buf[512];
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  int bad = 0;
  for (int it = 0; it < 20000 && !bad; it++) {
    size_t w = 0;
    int k = (int)(x % 24) + 1;
    for (int q = 0; q < k; q++) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      const char *p = parts[x % np];
      size_t pl = strlen(p);
      if (w + pl >= sizeof buf) break;
      memcpy(buf + w, p, pl);
      w += pl;
    }
    if (!S_same_tokens(buf, w)) {
      bad = 1;
      fprintf(stderr, "fast path differs on: %.*s\n", (int)w, buf);
    }
  }
  OK(!bad, "fast path == general scanner on random plain text");
  const char *news =
      "Mr. Putin said: \"We will not.\" The U.S. (and China) met on Jan. 5, 2024; "
      "talks ended at 5 p.m. No. 3 is Calif. Then Inc. He left! Why? OK.\n\n"
      "Second paragraph, with 1,000.5 and 3rd-quarter China-Russia F-16 won't it's.";
  OK(S_same_tokens(news, strlen(news)), "fast path == general scanner on news");
}

int main(void) {
  test_words_and_clitics();
  test_hyphens();
  test_numbers_money();
  test_abbreviations();
  test_web();
  test_quotes();
  test_symbols_emoji();
  test_flags_offsets();
  test_norm();
  test_surrogates_trusted();
  test_hash();
  test_doc_cp();
  test_decode();
  test_pathological();
  test_random_garbage();
  test_fast_path_same();
  return T_summary("test_tokenize");
}
