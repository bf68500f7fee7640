/* test_quotes.c -- the quote stage on hand-built documents.
 *
 * The quote stage reads tokens, sentences, paragraphs, mentions and
 * entities written by earlier stages.  To test it on its own, a small
 * fixture tokenizer below builds those tables (quote-mark flags decided
 * from the neighbouring characters as the real tokenizer does; mentions
 * from a list of names) and then runs bl__quotes alone. */
#include "bl_internal.h"
#include "harness.h"

typedef struct {
  const char *name; /* space-separated tokens, e.g. "Alexander Korolev" */
  int label, gender;
} F_ent;

static int F_is_space(unsigned char c) { return c == ' ' || c == '\n' || c == '\t'; }
static int F_is_alnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c >= 0x80;
}

/* Length of a UTF-8 quote mark at s, or 0; *kind: 1 opener-only, 2
 * closer-only, 3 either (straight). */
static int F_quote(const unsigned char *s, size_t n, int *kind) {
  if (s[0] == '"' || s[0] == '\'') {
    *kind = 3;
    return 1;
  }
  if (n >= 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB)) {
    *kind = s[1] == 0xAB ? 1 : 2;
    return 2;
  }
  if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
      (s[2] == 0x9C || s[2] == 0x9D || s[2] == 0x98 || s[2] == 0x99 || s[2] == 0xB9 ||
       s[2] == 0xBA)) {
    *kind = (s[2] == 0x9C || s[2] == 0x98 || s[2] == 0xB9) ? 1 : 2;
    return 3;
  }
  return 0;
}

static int32_t F_cp(const char *t, size_t b) {
  int32_t n = 0;
  for (size_t i = 0; i < b; i++) n += ((unsigned char)t[i] & 0xC0) != 0x80;
  return n;
}

static int F_push_tok(bl_doc *d, size_t b0, size_t b1, int kind, int flags) {
  bl_token *t = bl_vec_push(&d->tokens);
  bl_tokx *x = bl_vec_push(&d->tokx);
  if (!t || !x) return -1;
  /* Count code points from the previous token (tokens come in order), not
   * from the start of the text: keeps the 400k-mark test linear. */
  size_t from_b = 0;
  int32_t from_c = 0;
  if (d->tokens.len >= 2) {
    from_b = (size_t)BL_VEC_AT(&d->tokx, bl_tokx, d->tokens.len - 2).bend;
    from_c = BL_VEC_AT(&d->tokens, bl_token, d->tokens.len - 2).end;
  }
  if (b0 < from_b) from_b = 0, from_c = 0;
  t->start = from_c + F_cp(d->text + from_b, b0 - from_b);
  t->end = t->start + F_cp(d->text + b0, b1 - b0);
  t->kind = kind;
  t->flags = flags;
  t->mention = -1;
  x->bstart = (int32_t)b0;
  x->bend = (int32_t)b1;
  unsigned char c = (unsigned char)d->text[b0];
  if (kind == BL_TOK_WORD && c >= 'A' && c <= 'Z') t->flags |= BL_TF_TITLE;
  return 0;
}

static bl_doc *F_doc(const char *text, const F_ent *ents, int n_ents) {
  bl_doc *d = bl_calloc(1, sizeof(*d));
  bl_vec_init(&d->tokens, sizeof(bl_token));
  bl_vec_init(&d->tokx, sizeof(bl_tokx));
  bl_vec_init(&d->norm, 1);
  bl_vec_init(&d->sentences, sizeof(bl_sentence));
  bl_vec_init(&d->paragraphs, sizeof(bl_paragraph));
  bl_vec_init(&d->mentions, sizeof(bl_mention));
  bl_vec_init(&d->entities, sizeof(bl_entity));
  bl_vec_init(&d->quotes, sizeof(bl_quote));
  bl_vec_init(&d->relations, sizeof(bl_relation));
  d->len = strlen(text);
  d->text = bl_malloc(d->len + 1);
  memcpy(d->text, text, d->len + 1);
  d->n_chars = (size_t)F_cp(text, d->len);

  const unsigned char *s = (const unsigned char *)d->text;
  size_t i = 0, n = d->len;
  int para_break = 1;
  while (i < n) {
    if (F_is_space(s[i])) {
      int nl = 0;
      while (i < n && F_is_space(s[i])) nl += s[i++] == '\n';
      if (nl >= 2) para_break = 1;
      continue;
    }
    int flags = para_break ? BL_TF_PARA_START : 0;
    para_break = 0;
    int qk = 0, ql = F_quote(s + i, n - i, &qk);
    /* apostrophes inside words stay in the word */
    if (ql && i > 0 && F_is_alnum(s[i - 1]) && i + (size_t)ql < n &&
        F_is_alnum(s[i + (size_t)ql]) && (s[i] == '\'' || qk == 2))
      ql = 0;
    if (ql) {
      int before_space = i == 0 || F_is_space(s[i - 1]) || s[i - 1] == '(' ||
                         s[i - 1] == '"' || s[i - 1] == '\'';
      size_t j = i + (size_t)ql;
      int after_space = j >= n || F_is_space(s[j]) || s[j] == ',' || s[j] == '.' ||
                        s[j] == ';' || s[j] == ':' || s[j] == '?' || s[j] == '!';
      int f = 0;
      if (qk & 1 && !(before_space == 0 && after_space)) f |= BL_TF_QUOTE_OPEN;
      if (qk & 2 && !(before_space && !after_space)) f |= BL_TF_QUOTE_CLOSE;
      if (qk == 3 && before_space && !after_space) f = BL_TF_QUOTE_OPEN;
      if (qk == 3 && !before_space && after_space) f = BL_TF_QUOTE_CLOSE;
      F_push_tok(d, i, j, BL_TOK_QUOTE, flags | f);
      i = j;
      continue;
    }
    if (n - i >= 3 && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x94 || s[i + 2] == 0x93)) {
      F_push_tok(d, i, i + 3, BL_TOK_DASH, flags);
      i += 3;
      continue;
    }
    if (F_is_alnum(s[i])) {
      size_t j = i;
      while (j < n) {
        if (F_is_alnum(s[j]) && !(s[j] == 0xE2)) {
          j++;
        } else if (s[j] == '\'' && j + 1 < n && F_is_alnum(s[j + 1]) && j > i) {
          j++;
        } else if (n - j >= 3 && s[j] == 0xE2 && s[j + 1] == 0x80 && s[j + 2] == 0x99 &&
                   j + 3 < n && F_is_alnum(s[j + 3])) {
          j += 3;
        } else {
          break;
        }
      }
      F_push_tok(d, i, j, BL_TOK_WORD, flags);
      i = j;
      continue;
    }
    F_push_tok(d, i, i + 1, BL_TOK_PUNCT, flags);
    i++;
  }

  /* sentences: end after . ! ? (and closing quotes after them) when the
   * next token starts a paragraph or is not lower case */
  bl_token *T = d->tokens.data;
  bl_tokx *X = d->tokx.data;
  int32_t nt = (int32_t)d->tokens.len, st = 0, para = -1;
  for (int32_t k = 0; k < nt; k++) {
    if (T[k].flags & BL_TF_PARA_START) {
      if (k > st) {
        bl_sentence *se = bl_vec_push(&d->sentences);
        se->tok_start = st;
        se->tok_end = k;
        se->para = para;
        st = k;
      }
      para++;
    }
    char ch = d->text[X[k].bstart];
    int end = (T[k].kind == BL_TOK_PUNCT && (ch == '.' || ch == '!' || ch == '?'));
    if (end) {
      while (k + 1 < nt && T[k + 1].kind == BL_TOK_QUOTE && (T[k + 1].flags & BL_TF_QUOTE_CLOSE) &&
             !(T[k + 1].flags & BL_TF_PARA_START))
        k++;
      int next_lower = k + 1 < nt && d->text[X[k + 1].bstart] >= 'a' &&
                       d->text[X[k + 1].bstart] <= 'z';
      if (k + 1 < nt && !next_lower && !(T[k + 1].flags & BL_TF_PARA_START)) {
        bl_sentence *se = bl_vec_push(&d->sentences);
        se->tok_start = st;
        se->tok_end = k + 1;
        se->para = para;
        st = k + 1;
      }
    }
  }
  if (nt > st) {
    bl_sentence *se = bl_vec_push(&d->sentences);
    se->tok_start = st;
    se->tok_end = nt;
    se->para = para;
  }
  bl_sentence *S = d->sentences.data;
  for (size_t k = 0; k < d->sentences.len; k++) {
    S[k].start = T[S[k].tok_start].start;
    S[k].end = T[S[k].tok_end - 1].end;
    for (int32_t t = S[k].tok_start; t < S[k].tok_end; t++) T[t].sent = (int32_t)k;
    if (S[k].tok_start == 0 || (T[S[k].tok_start].flags & BL_TF_PARA_START) ||
        k == 0) {
      bl_paragraph *p = bl_vec_push(&d->paragraphs);
      p->sent_start = (int32_t)k;
    }
    ((bl_paragraph *)d->paragraphs.data)[d->paragraphs.len - 1].sent_end = (int32_t)k + 1;
  }

  /* entities and their mentions: every occurrence of each name's tokens,
   * and of its last token alone (surname) */
  for (int e = 0; e < n_ents; e++) {
    bl_entity *en = bl_vec_push(&d->entities);
    en->label = ents[e].label;
    en->gender = ents[e].gender;
    en->kb_layer = en->kb_entry = en->name_mention = -1;
  }
  for (int32_t k = 0; k < nt; k++) {
    if (T[k].mention >= 0 || T[k].kind != BL_TOK_WORD) continue;
    for (int e = 0; e < n_ents; e++) {
      const char *p = ents[e].name;
      int32_t t = k, ok = 1, len = 0;
      while (*p && ok) {
        const char *q = strchr(p, ' ');
        size_t wl = q ? (size_t)(q - p) : strlen(p);
        if (t >= nt || (size_t)(X[t].bend - X[t].bstart) != wl ||
            memcmp(d->text + X[t].bstart, p, wl) != 0)
          ok = 0;
        t++;
        len++;
        p += wl;
        while (*p == ' ') p++;
      }
      if (!ok) {
        const char *last = strrchr(ents[e].name, ' ');
        last = last ? last + 1 : ents[e].name;
        size_t wl = strlen(last);
        if ((size_t)(X[k].bend - X[k].bstart) == wl &&
            memcmp(d->text + X[k].bstart, last, wl) == 0) {
          ok = 1;
          len = 1;
        }
      }
      if (ok) {
        bl_mention *m = bl_vec_push(&d->mentions);
        m->tok_start = k;
        m->tok_end = k + len;
        m->start = T[k].start;
        m->end = T[k + len - 1].end;
        m->label = ents[e].label;
        m->entity = e;
        m->kb_layer = m->kb_entry = -1;
        for (int32_t u = k; u < k + len; u++) T[u].mention = (int32_t)d->mentions.len - 1;
        break;
      }
    }
  }
  return d;
}

/* Text of a code-point span (ASCII-safe for the tests: copies bytes of the
 * matching code points). */
static const char *F_span(const bl_doc *d, int32_t a, int32_t b) {
  static char buf[1024];
  if (a < 0 || b < a) return "";
  size_t i = 0, cp = 0, o = 0;
  while (i < d->len && (int32_t)cp < b) {
    unsigned char c = (unsigned char)d->text[i];
    if ((int32_t)cp >= a && o < sizeof(buf) - 1) buf[o++] = (char)c;
    i++;
    while (i < d->len && ((unsigned char)d->text[i] & 0xC0) == 0x80) {
      if ((int32_t)cp >= a && o < sizeof(buf) - 1) buf[o++] = d->text[i];
      i++;
    }
    cp++;
  }
  buf[o] = 0;
  return buf;
}

static const bl_quote *F_run(bl_doc *d, size_t *n) {
  int rc = bl__quotes(d);
  INT_EQ(rc, BL_OK, "bl__quotes ok");
  *n = d->quotes.len;
  return d->quotes.data;
}

static const F_ent ENTS[] = {
    {"Alexander Korolev", BL_LABEL_PERSON, BL_GENDER_MALE},
    {"Mary Smith", BL_LABEL_PERSON, BL_GENDER_FEMALE},
    {"Acme", BL_LABEL_ORG, 0},
    {"Russia", BL_LABEL_GPE, 0},
};

static void test_said_after(void) {
  bl_doc *d = F_doc("\xe2\x80\x9cWe will win this,\xe2\x80\x9d said Alexander Korolev, an expert.",
                    ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  INT_EQ(n, 1, "one quote");
  if (n) {
    STR_EQ(F_span(d, q[0].start, q[0].end), "We will win this", "text");
    INT_EQ(q[0].kind, BL_QUOTE_DIRECT, "direct");
    INT_EQ(q[0].speaker, 0, "Korolev");
    STR_EQ(F_span(d, q[0].speaker_start, q[0].speaker_end), "Alexander Korolev", "spk text");
    STR_EQ(bl__cue_name(q[0].cue), "say", "cue");
    STR_EQ(F_span(d, q[0].cue_start, q[0].cue_end), "said", "cue text");
  }
  bl_doc_free(d);
}

static void test_he_said_and_broken(void) {
  bl_doc *d = F_doc("Mary Smith arrived. \"We will go,\" she said, \"and we will win.\"", ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  INT_EQ(n, 2, "two pieces");
  if (n == 2) {
    STR_EQ(F_span(d, q[0].start, q[0].end), "We will go", "piece 1");
    STR_EQ(F_span(d, q[1].start, q[1].end), "and we will win.", "piece 2");
    INT_EQ(q[0].speaker, 1, "she -> Mary Smith");
    INT_EQ(q[1].speaker, 1, "same speaker");
    INT_EQ(q[0].flags & BL_QF_CONTINUED, 0, "first not continued");
    OK(q[1].flags & BL_QF_CONTINUED, "second continued");
    INT_EQ(q[1].cue_start, q[0].cue_start, "same cue");
    STR_EQ(F_span(d, q[0].speaker_start, q[0].speaker_end), "she", "pronoun text");
  }
  bl_doc_free(d);
}

static void test_colon_before(void) {
  bl_doc *d = F_doc("Acme told the BBC: \xe2\x80\x9cPrices will rise.\xe2\x80\x9d", ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  INT_EQ(n, 1, "one");
  if (n) {
    INT_EQ(q[0].kind, BL_QUOTE_DIRECT, "direct");
    INT_EQ(q[0].speaker, 2, "Acme");
    STR_EQ(bl__cue_name(q[0].cue), "tell", "tell");
  }
  bl_doc_free(d);
}

static void test_partial_and_scare(void) {
  bl_doc *d = F_doc("Mary Smith said lifting the embargo would be \"irresponsible\". "
                    "The two countries discussed \xe2\x80\x9cmilitary cooperation\xe2\x80\x9d and trade.",
                    ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  /* the reported clause around the first partial quote is a third row */
  INT_EQ(n, 3, "two partials and the reported clause");
  if (n == 3) {
    INT_EQ(q[0].kind, BL_QUOTE_INDIRECT, "reported clause");
    INT_EQ(q[0].speaker, 1, "Smith says it");
    STR_EQ(F_span(d, q[0].start, q[0].end),
           "lifting the embargo would be \"irresponsible\"", "clause text");
    INT_EQ(q[1].kind, BL_QUOTE_PARTIAL, "partial");
    INT_EQ(q[1].speaker, 1, "Smith");
    INT_EQ(q[1].cue_start, q[0].cue_start, "one cue for both");
    STR_EQ(F_span(d, q[1].start, q[1].end), "irresponsible", "text");
    INT_EQ(q[2].kind, BL_QUOTE_PARTIAL, "scare partial");
    INT_EQ(q[2].speaker, -1, "no speaker");
    INT_EQ(q[2].speaker_start, -1, "no speaker text");
    INT_EQ(q[2].cue, 0, "no cue");
  }
  bl_doc_free(d);
}

static void test_according_to_partial(void) {
  bl_doc *d = F_doc("They will discuss \xe2\x80\x9cissues related to a settlement\xe2\x80\x9d and "
                    "security, according to Russia.",
                    ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  /* the partial quote, and the reported clause holding it (same cue) */
  INT_EQ(n, 2, "partial + reported clause");
  if (n == 2) {
    INT_EQ(q[0].kind, BL_QUOTE_INDIRECT, "reported clause");
    INT_EQ(q[0].speaker, 3, "Russia says it");
    INT_EQ(q[1].kind, BL_QUOTE_PARTIAL, "partial");
    INT_EQ(q[1].speaker, 3, "Russia");
    STR_EQ(bl__cue_name(q[1].cue), "according to", "according to");
    INT_EQ(q[1].cue_start, q[0].cue_start, "one cue for both");
  }
  bl_doc_free(d);
}

static void test_indirect(void) {
  bl_doc *d = F_doc("Alexander Korolev spoke. He said Russia could even consider a deal, but he "
                    "did not specify when. Officials warned that the talks would fail.",
                    ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  INT_EQ(n, 2, "two indirect");
  if (n == 2) {
    INT_EQ(q[0].kind, BL_QUOTE_INDIRECT, "indirect");
    STR_EQ(F_span(d, q[0].start, q[0].end), "Russia could even consider a deal", "content");
    INT_EQ(q[0].speaker, 0, "He -> Korolev");
    STR_EQ(F_span(d, q[1].start, q[1].end), "the talks would fail", "content 2");
    STR_EQ(F_span(d, q[1].speaker_start, q[1].speaker_end), "Officials", "description");
    INT_EQ(q[1].speaker, -1, "description not linked");
    STR_EQ(bl__cue_name(q[1].cue), "warn", "warn");
  }
  bl_doc_free(d);
}

static void test_postposed(void) {
  bl_doc *d = F_doc("The plan will fail within a year, Mary Smith said.", ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  INT_EQ(n, 1, "one");
  if (n) {
    INT_EQ(q[0].kind, BL_QUOTE_INDIRECT, "indirect");
    STR_EQ(F_span(d, q[0].start, q[0].end), "The plan will fail within a year", "content");
    INT_EQ(q[0].speaker, 1, "Smith");
  }
  bl_doc_free(d);
}

static void test_multipara(void) {
  bl_doc *d = F_doc("\xe2\x80\x9c" "First we talk. Then we act.\n\n"
                    "\xe2\x80\x9c" "And then we win,\xe2\x80\x9d Mary Smith said.\n\n"
                    "\xe2\x80\x9cNobody can stop us.\xe2\x80\x9d",
                    ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  INT_EQ(n, 2, "one multi-paragraph quote and a continuation");
  if (n == 2) {
    OK(q[0].flags & BL_QF_MULTIPARA, "multipara flag");
    INT_EQ(q[0].speaker, 1, "Smith");
    INT_EQ(q[0].kind, BL_QUOTE_DIRECT, "direct");
    INT_EQ(q[1].speaker, 1, "next paragraph continues the speaker");
    STR_EQ(F_span(d, q[1].start, q[1].end), "Nobody can stop us.", "text");
  }
  bl_doc_free(d);
}

static void test_styles(void) {
  static const char *texts[] = {
      "\"We will win,\" Mary Smith said.",
      "'We will win,' Mary Smith said.",
      "\xe2\x80\x98We will win,\xe2\x80\x99 Mary Smith said.",
      "\xc2\xab We will win, \xc2\xbb Mary Smith said.",
      "\xc2\xabWe will win,\xc2\xbb Mary Smith said.",
      /* split so that the hex escape ends before "a"; parenthesised for clang */
      ("\xe2\x80\x9cHe called it \xe2\x80\x98" "a farce\xe2\x80\x99 and we will win,\xe2\x80\x9d Mary Smith said."),
  };
  for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
    bl_doc *d = F_doc(texts[k], ENTS, 4);
    size_t n;
    const bl_quote *q = F_run(d, &n);
    INT_EQ(n, 1, texts[k]);
    if (n) {
      INT_EQ(q[0].speaker, 1, texts[k]);
      INT_EQ(q[0].kind, BL_QUOTE_DIRECT, texts[k]);
    }
    bl_doc_free(d);
  }
}

static void test_dash_and_unclosed(void) {
  bl_doc *d = F_doc("\xe2\x80\x9cThe war is over.\xe2\x80\x9d \xe2\x80\x94 Alexander Korolev\n\n"
                    "\xe2\x80\x9cThis never closes and runs on", ENTS, 4);
  size_t n;
  const bl_quote *q = F_run(d, &n);
  INT_EQ(n, 2, "two");
  if (n == 2) {
    INT_EQ(q[0].speaker, 0, "dash speaker");
    STR_EQ(bl__cue_name(q[0].cue), "dash", "dash cue");
    OK(q[1].flags & BL_QF_UNCLOSED, "unclosed");
  }
  bl_doc_free(d);
}

static void test_more_attributions(void) {
  static const struct {
    const char *text, *quote, *speaker;
  } cases[] = {
      /* unknown verb in the attribution slot */
      {"\"This is fantastic!\" beamed Mary Smith of Madison.", "This is fantastic!", "Mary Smith"},
      /* post-only cue right before the quote */
      {"Mary Smith concluded, \"There is no case here.\"", "There is no case here.", "Mary Smith"},
      /* colon after a name */
      {"Mary Smith: \"We will be back.\"", "We will be back.", "Mary Smith"},
      /* cue in the previous sentence, which says nothing itself */
      {"Mary Smith told reporters on Monday. \"We are done here.\"", "We are done here.",
       "Mary Smith"},
      /* "A," she said. "B." -- B continues */
      {"\"We lost,\" Mary Smith said. \"We will be back.\"", "We will be back.", "Mary Smith"},
  };
  for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
    bl_doc *d = F_doc(cases[k].text, ENTS, 4);
    size_t n;
    const bl_quote *q = F_run(d, &n);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
      if (strcmp(F_span(d, q[i].start, q[i].end), cases[k].quote) != 0) continue;
      found = 1;
      STR_EQ(F_span(d, q[i].speaker_start, q[i].speaker_end), cases[k].speaker, cases[k].text);
      INT_EQ(q[i].kind, BL_QUOTE_DIRECT, cases[k].text);
    }
    OK(found, cases[k].text);
    bl_doc_free(d);
  }
  /* "continued" is a cue only after a quote */
  bl_doc *d = F_doc("Mary Smith continued the talks in Russia.", ENTS, 4);
  size_t n;
  F_run(d, &n);
  INT_EQ(n, 0, "continued alone is no cue");
  bl_doc_free(d);
}

static void test_lexicon_no_collisions(void) {
  /* every cue name is distinct and the enumeration ends with NULL */
  int k = 1;
  while (bl__cue_name(k)) {
    for (int j = 1; j < k; j++) OK(strcmp(bl__cue_name(j), bl__cue_name(k)) != 0, "distinct");
    k++;
  }
  OK(k > 12, "cue lemmas");
  STR_EQ(bl_enum_name(BL_ENUM_CUE, 1), "say", "enum name");
}

static void test_many_marks_linear(void) {
  /* 200k unmatched openers and stray closers: must finish (bounded stack). */
  size_t n = 400000;
  char *t = malloc(n + 1);
  for (size_t i = 0; i < n; i += 2) {
    t[i] = (i / 2) % 3 == 0 ? '"' : 'a';
    t[i + 1] = ' ';
  }
  t[n] = 0;
  bl_doc *d = F_doc(t, ENTS, 0);
  size_t nq;
  F_run(d, &nq);
  OK(nq < n, "finished");
  const bl_quote *q = d->quotes.data;
  for (size_t i = 0; i < nq; i++) OK(q[i].start < q[i].end, "non-empty");
  bl_doc_free(d);
  free(t);
}

int main(void) {
  (void)T_exact;
  test_said_after();
  test_he_said_and_broken();
  test_colon_before();
  test_partial_and_scare();
  test_according_to_partial();
  test_indirect();
  test_postposed();
  test_multipara();
  test_styles();
  test_dash_and_unclosed();
  test_more_attributions();
  test_lexicon_no_collisions();
  test_many_marks_linear();
  return T_summary("test_quotes");
}
