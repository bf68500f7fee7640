/* test_segment.c -- sentences and paragraphs, without Python. */
#include "bl_internal.h"
#include "harness.h"

/* Renders sentences as their texts joined by " || " and paragraphs by
 * " ## " (ASCII test texts only: code points == bytes). */
static bl_doc *S_run(const char *text, char *out, size_t outsz) {
  size_t n = strlen(text);
  bl_config cfg = {{0}, 0, NULL, BL_STAGE_SENTENCES, 0};
  bl_doc *doc = NULL;
  char *buf = T_exact(text, n);
  int rc = bl_analyze(&cfg, buf, n, 0, NULL, &doc);
  free(buf);
  out[0] = 0;
  if (rc < 0) return NULL;
  size_t ns = 0, w = 0;
  const bl_sentence *s =
      (const bl_sentence *)bl_doc_table(doc, BL_TABLE_SENTENCES, &ns);
  for (size_t i = 0; i < ns; i++) {
    const char *sep = !i ? "" : s[i].para != s[i - 1].para ? " ## " : " || ";
    size_t sl = strlen(sep);
    if (w + sl < outsz) {
      memcpy(out + w, sep, sl);
      w += sl;
    }
    for (int32_t b = s[i].start; b < s[i].end && w + 1 < outsz; b++)
      out[w++] = text[b] == '\n' ? '/' : text[b];
  }
  out[w] = 0;
  return doc;
}

#define SENTS(text, expect)                                                 \
  do {                                                                      \
    char _o[2048];                                                          \
    bl_doc *_d = S_run(text, _o, sizeof _o);                                \
    OK(_d != NULL, "analyze ok");                                           \
    STR_EQ(_o, expect, text);                                               \
    bl_doc_free(_d);                                                        \
  } while (0)

static void test_basic(void) {
  SENTS("He left. She stayed! Why? Nobody knows.",
        "He left. || She stayed! || Why? || Nobody knows.");
  SENTS("Mr. Putin met U.S. officials. Dr. Smith agreed.",
        "Mr. Putin met U.S. officials. || Dr. Smith agreed.");
  SENTS("They met in the U.S. The talks failed.",
        "They met in the U.S. || The talks failed.");
  SENTS("Acme Inc. said J. R. Smith left at 5 p.m. Monday.",
        "Acme Inc. said J. R. Smith left at 5 p.m. Monday.");
  SENTS("Take e.g. this one and more.", "Take e.g. this one and more.");
  /* informal text: a lower-case start after "word. " still breaks */
  SENTS("it was cold. in my view", "it was cold. || in my view");
  /* runs of ? and ! before a lower-case word; a spaced ! too */
  SENTS("is it real??? it looks fake", "is it real??? || it looks fake");
  SENTS("most men suck ! whose fault", "most men suck ! || whose fault");
  /* ...but not after a two-letter word (titles such as "Hey Ya!") */
  SENTS("hit Hey Ya! after that", "hit Hey Ya! after that");
  /* a spaced ellipsis after a full stop opens the next sentence */
  SENTS("It went on to this day. ...a drop in rates",
        "It went on to this day. || ...a drop in rates");
  SENTS("It was local. . . . Murph said", "It was local. . . . || Murph said");
  /* a URL after a full stop starts a sentence; one glued to it does not */
  SENTS("Read more here. http://example.com/a has it",
        "Read more here. || http://example.com/a has it");
  SENTS("A file called 7610.extended.theme.zip opens",
        "A file called 7610.extended.theme.zip opens");
}

static void test_quotes(void) {
  SENTS("\"We won.\" He smiled.", "\"We won.\" || He smiled.");
  SENTS("\"Why?\" he asked. \"No.\"", "\"Why?\" he asked. || \"No.\"");
  SENTS("It needs approval,\" said Korolev. Then",
        "It needs approval,\" said Korolev. || Then");
  SENTS("He said (quietly.) Then left.", "He said (quietly.) || Then left.");
  SENTS("Whatever happens ... approval", "Whatever happens ... approval");
}

static void test_paragraphs_lines(void) {
  SENTS("China sends envoy to Russia\n\nWang Yi arrived. He met Putin.\n\nTalks end.",
        "China sends envoy to Russia ## Wang Yi arrived. || He met Putin. ## Talks end.");
  SENTS("China sends envoy to Russia\nSpread the love\n\nBody text.",
        "China sends envoy to Russia ## Spread the love ## Body text.");
  /* hard-wrapped wire text runs on across single newlines */
  SENTS("Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought\nsince early January.",
        "Showers continued throughout the week in/the Bahia cocoa zone, alleviating the drought/since early January.");
  SENTS("    Prices rose.\n    Traders said\nit was over.\n    Next one.",
        "Prices rose. ## Traders said/it was over. ## Next one.");
  SENTS("Then it ended!\") More.", "Then it ended!\") || More.");
  SENTS("Intro text here:\n- first item\n- second item",
        "Intro text here: || - first item || - second item");
  SENTS("Body starts here and goes on, with more.\nBy Jane Doe\nThe rest follows.",
        "Body starts here and goes on, with more. || By Jane Doe || The rest follows.");
}

static void test_invariants(void) {
  const char *texts[] = {"", "   ", "a", ".", "...\n\n...", "\"", "Mr.", "U.S.",
                         "A.\n\nB.\n\n\n\nC", "x\n\n\n"};
  for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    char o[256];
    bl_doc *d = S_run(texts[k], o, sizeof o);
    OK(d != NULL, "ok");
    if (!d) continue;
    size_t nt = 0, ns = 0, np = 0;
    const bl_token *t = (const bl_token *)bl_doc_table(d, BL_TABLE_TOKENS, &nt);
    const bl_sentence *s = (const bl_sentence *)bl_doc_table(d, BL_TABLE_SENTENCES, &ns);
    const bl_paragraph *p = (const bl_paragraph *)bl_doc_table(d, BL_TABLE_PARAGRAPHS, &np);
    int bad = 0;
    int32_t next = 0;
    for (size_t i = 0; i < ns; i++) {
      bad += s[i].tok_start != next;
      bad += s[i].tok_end <= s[i].tok_start;
      next = s[i].tok_end;
      for (int32_t j = s[i].tok_start; j < s[i].tok_end; j++) bad += t[j].sent != (int32_t)i;
      bad += !(t[s[i].tok_start].flags & BL_TF_SENT_START);
      bad += s[i].start != t[s[i].tok_start].start || s[i].end != t[s[i].tok_end - 1].end;
    }
    bad += (size_t)next != nt;
    int32_t ps = 0;
    for (size_t i = 0; i < np; i++) {
      bad += p[i].sent_start != ps;
      ps = p[i].sent_end;
      bad += !(t[s[p[i].sent_start].tok_start].flags & BL_TF_PARA_START);
    }
    bad += (size_t)ps != ns;
    INT_EQ(bad, 0, texts[k]);
    bl_doc_free(d);
  }
}

static void test_headline_flag(void) {
  char o[256];
  bl_doc *d = S_run("Big news today\n\nIt happened.", o, sizeof o);
  size_t nt = 0;
  const bl_token *t = (const bl_token *)bl_doc_table(d, BL_TABLE_TOKENS, &nt);
  OK(t[0].flags & BL_TF_HEADLINE, "headline flagged");
  OK(t[2].flags & BL_TF_HEADLINE, "headline flagged to the end");
  OK(!(t[3].flags & BL_TF_HEADLINE), "body not headline");
  bl_doc_free(d);
  d = S_run("It happened. Then more.\n\nAnd more.", o, sizeof o);
  t = (const bl_token *)bl_doc_table(d, BL_TABLE_TOKENS, &nt);
  OK(!(t[0].flags & BL_TF_HEADLINE), "sentence-like first line is no headline");
  bl_doc_free(d);
}

static void test_long_sentence_cap(void) {
  size_t n = 3000 * 2;
  char *s = malloc(n + 1);
  for (size_t i = 0; i < n; i += 2) {
    s[i] = 'a';
    s[i + 1] = ' ';
  }
  s[n] = 0;
  char o[16];
  (void)o;
  bl_config cfg = {{0}, 0, NULL, BL_STAGE_SENTENCES, 0};
  bl_doc *d = NULL;
  INT_EQ(bl_analyze(&cfg, s, n, 0, NULL, &d), BL_OK, "long");
  size_t ns = 0;
  bl_doc_table(d, BL_TABLE_SENTENCES, &ns);
  INT_EQ(ns, 3, "capped at 1000 tokens per sentence");
  bl_doc_free(d);
  free(s);
}

int main(void) {
  test_basic();
  test_quotes();
  test_paragraphs_lines();
  test_invariants();
  test_headline_flag();
  test_long_sentence_cap();
  return T_summary("test_segment");
}
