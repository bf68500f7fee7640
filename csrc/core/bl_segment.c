/* bl_segment.c -- sentences and paragraphs over the token table.
 *
 * One pass marks "a sentence starts here" on tokens, then a second pass
 * cuts the table.  Rules (all local, so the work is linear):
 *   - a blank line (PARA_START from the tokenizer) ends a paragraph and a
 *     sentence;
 *   - the first line is the headline when a blank line follows it, or when
 *     it is short, does not end like a sentence fragment and the next line
 *     starts with a capital: it is then its own sentence and paragraph;
 *   - . ! ? … and runs of them end a sentence, together with the closing
 *     quotes and brackets right after them (`approval."`), unless the next
 *     token starts in lower case or is , ; : (`"Why?" he asked`); a URL or
 *     e-mail address after a space starts one whatever its case; an
 *     ellipsis after a space is not taken as a closer ("this day. ...a
 *     drop" starts a sentence at "...");
 *   - informal text: "word. lower" (a plain word of 3+ letters that is no
 *     abbreviation) and "word?? lower" / "word ! lower" end a sentence;
 *   - an abbreviation that holds its period (tokenizer, bl_tokdata.tsv)
 *     ends a sentence only if its class allows it (Inc., U.S., a.m.,
 *     initials) and a capitalised sentence starter or an opening quote
 *     follows ("in the U.S. The talks"); titles (Mr., Dr., e.g.) never do;
 *   - a line indented by 2+ spaces or a tab after a line that ends a
 *     sentence starts a paragraph (wire text such as Reuters);
 *   - within a paragraph a single line break ends a sentence before a list
 *     item (• * - – — or "1." / "1)") and after a short line (a byline, a
 *     dateline, a heading) followed by a capital; otherwise wrapped wire
 *     text runs on;
 *   - no sentence is longer than S_MAX_SENT tokens (a cap for pathological
 *     input that keeps later per-sentence work bounded).
 */
#include "bl_internal.h"

#include <utf8proc.h>

#define S_MAX_SENT 1000
#define S_SHORT_LINE 40 /* code points */
#define S_HEADLINE_MAX 40 /* tokens */

typedef struct {
  const bl_doc *doc;
  const bl_token *t;
  const bl_tokx *x;
  size_t n;
} S_seg;

/* First code point of token i. */
static int32_t S_first_cp(const S_seg *g, size_t i) {
  int32_t c;
  size_t b = (size_t)g->x[i].bstart;
  bl_utf8_decode((const unsigned char *)g->doc->text, g->doc->len, b, &c);
  return c;
}

/* Token i is exactly the ASCII string s. */
static int S_is(const S_seg *g, size_t i, const char *s) {
  size_t n = strlen(s);
  return (size_t)(g->x[i].bend - g->x[i].bstart) == n &&
         memcmp(g->doc->text + g->x[i].bstart, s, n) == 0;
}

static int S_starts_lower(const S_seg *g, size_t i) {
  int32_t c = S_first_cp(g, i);
  if (c < 0x80) return c >= 'a' && c <= 'z';
  return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static int S_starts_upper_or_digit(const S_seg *g, size_t i) {
  int32_t c = S_first_cp(g, i);
  if (c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  utf8proc_category_t k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT ||
         k == UTF8PROC_CATEGORY_ND || k == UTF8PROC_CATEGORY_LO;
}

/* Token i ends like a sentence: . ! ? … or a run of them. */
static int S_is_terminal(const S_seg *g, size_t i) {
  if (g->t[i].kind != BL_TOK_PUNCT) return 0;
  const unsigned char *p = (const unsigned char *)g->doc->text + g->x[i].bstart;
  size_t n = (size_t)(g->x[i].bend - g->x[i].bstart);
  if (n == 0) return 0;
  if (p[0] == '.' || p[0] == '!' || p[0] == '?') return 1;
  int32_t c;
  bl_utf8_decode(p, n, 0, &c);
  switch (c) {
  case 0x2026: case 0x203C: case 0x2047: case 0x2048: case 0x2049:
  case 0xFF01: case 0xFF1F: case 0x3002: case 0xFF0E: case 0xFF61:
  case 0x0964: case 0x0965: case 0x061F: case 0x06D4: case 0x037E:
  case 0x0589:
    return 1;
  default:
    return 0;
  }
}

/* Class bits of an abbreviation token (its norm without the final '.'). */
static unsigned S_abbrev_bits(const S_seg *g, size_t i) {
  const char *nm = (const char *)g->doc->norm.data + g->x[i].norm_off;
  size_t n = g->x[i].norm_len;
  if (n && nm[n - 1] == '.') n--;
  return n ? bl__tokdata_lookup(nm, n) : 0;
}

static int S_is_starter(const S_seg *g, size_t i) {
  if (g->t[i].kind != BL_TOK_WORD || !(g->t[i].flags & BL_TF_TITLE)) return 0;
  const char *nm = (const char *)g->doc->norm.data + g->x[i].norm_off;
  return (bl__tokdata_lookup(nm, g->x[i].norm_len) & BL_WORD_STARTER) != 0;
}

/* Token i is an ellipsis: ... (2+ periods) or U+2026. */
static int S_is_ellipsis(const S_seg *g, size_t i) {
  const unsigned char *p = (const unsigned char *)g->doc->text + g->x[i].bstart;
  size_t n = (size_t)(g->x[i].bend - g->x[i].bstart);
  return (n >= 2 && p[0] == '.' && p[1] == '.') ||
         (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xA6);
}

static int S_is_closer(const S_seg *g, size_t i) {
  const bl_token *t = &g->t[i];
  if (t->flags & (BL_TF_NEWLINE_BEFORE | BL_TF_PARA_START)) return 0;
  if (t->kind == BL_TOK_QUOTE) {
    if (!(t->flags & BL_TF_QUOTE_CLOSE)) return 0;
    /* closing, or ambiguous but glued to what precedes (`roll!")`) */
    return !(t->flags & BL_TF_QUOTE_OPEN) || (t->flags & BL_TF_NO_SPACE_BEFORE);
  }
  if (t->kind == BL_TOK_PUNCT)
    return S_is(g, i, ")") || S_is(g, i, "]") || S_is(g, i, "}") ||
           /* `?!` `.)` `. . .`, but not "day. ...and": a spaced
            * ellipsis opens the next sentence */
           (S_is_terminal(g, i) &&
            ((t->flags & BL_TF_NO_SPACE_BEFORE) || !S_is_ellipsis(g, i)));
  return 0;
}

/* Token `last` ends a sentence-like line: . ! ? … possibly followed by
 * closing quotes/brackets. */
static int S_ends_terminal(const S_seg *g, size_t last) {
  for (size_t k = 0; k < 4; k++, last--) {
    if (S_is_terminal(g, last)) return 1;
    if (last == 0 || !S_is_closer(g, last)) return 0;
  }
  return 0;
}

/* The line of token i is indented (2+ spaces or a tab after the break), as
 * wire services start paragraphs. */
static int S_indented(const S_seg *g, size_t i) {
  const char *s = g->doc->text;
  size_t b = (size_t)g->x[i].bstart, k = 0;
  int tab = 0;
  while (b > 0 && k < 16 && (s[b - 1] == ' ' || s[b - 1] == '\t')) {
    tab |= s[b - 1] == '\t';
    b--;
    k++;
  }
  return b > 0 && (s[b - 1] == '\n' || s[b - 1] == '\r') && (k >= 2 || tab);
}

static int S_is_opener(const S_seg *g, size_t i) {
  const bl_token *t = &g->t[i];
  if (t->kind == BL_TOK_QUOTE)
    return (t->flags & BL_TF_QUOTE_OPEN) != 0;
  return t->kind == BL_TOK_PUNCT &&
         (S_is(g, i, "(") || S_is(g, i, "[") || S_is(g, i, "{"));
}

/* Does a sentence start at token j, after a terminal at i?  `strict`:
 * only a capitalised sentence starter or an opening mark counts. */
static int S_starts_sentence(const S_seg *g, size_t j, int strict) {
  const bl_token *t = &g->t[j];
  if (strict) {
    if (S_is_starter(g, j)) return 1;
    return t->kind == BL_TOK_QUOTE && (t->flags & BL_TF_QUOTE_OPEN) &&
           !(t->flags & BL_TF_QUOTE_CLOSE);
  }
  if ((t->kind == BL_TOK_URL || t->kind == BL_TOK_EMAIL) &&
      !(t->flags & BL_TF_NO_SPACE_BEFORE))
    return 1; /* "here. http://" */
  if (S_starts_lower(g, j)) return 0;
  if (t->kind == BL_TOK_PUNCT &&
      (S_is(g, j, ",") || S_is(g, j, ";") || S_is(g, j, ":") ||
       S_is(g, j, ")") || S_is(g, j, "]")))
    return 0;
  if (t->kind == BL_TOK_CLITIC) return 0;
  return 1;
}

/* A lower-case sentence start after "word. " or "word? ": informal text
 * often skips the capital.  Only after a plain word of 3+ letters that is no
 * known abbreviation, before a lower-case word, with spaces around. */
static int S_lower_after_word(const S_seg *g, size_t i) {
  if (i == 0 || i + 1 >= g->n) return 0;
  const bl_token *p = &g->t[i - 1], *t = &g->t[i], *nx = &g->t[i + 1];
  if (!(t->flags & BL_TF_SPACE_AFTER)) return 0;
  /* one . ? or !, or a run of ? and ! ("really??? is it") */
  const unsigned char *tp = (const unsigned char *)g->doc->text + g->x[i].bstart;
  size_t tn = (size_t)(g->x[i].bend - g->x[i].bstart), q = 0;
  if (tn == 1 && tp[0] == '.') q = 1;
  while (q < tn && (tp[q] == '?' || tp[q] == '!')) q++;
  if (q != tn || tn == 0 || tn > 8) return 0;
  if ((p->flags & BL_TF_SPACE_AFTER) && tp[0] == '.')
    return 0; /* spaced ". " : ". . ." */
  if (p->kind != BL_TOK_WORD || p->end - p->start < 3 ||
      !(p->flags & (BL_TF_LOWER | BL_TF_TITLE)))
    return 0;
  if (nx->kind != BL_TOK_WORD || !(nx->flags & BL_TF_LOWER)) return 0;
  if (nx->flags & BL_TF_NEWLINE_BEFORE) return 0;
  const char *nm = (const char *)g->doc->norm.data + g->x[i - 1].norm_off;
  unsigned bits = bl__tokdata_lookup(nm, g->x[i - 1].norm_len);
  return !(bits & (BL_ABBR_INNER | BL_ABBR_END | BL_ABBR_NUM | BL_ABBR_MONTH));
}

/* Token i starts a list item (at a line start). */
static int S_is_bullet(const S_seg *g, size_t i) {
  const bl_token *t = &g->t[i];
  if (!(t->flags & BL_TF_SPACE_AFTER) && t->kind != BL_TOK_NUMBER) return 0;
  if (t->kind == BL_TOK_NUMBER) {
    return i + 1 < g->n && (g->t[i + 1].flags & BL_TF_SPACE_AFTER) &&
           !(g->t[i + 1].flags & BL_TF_NEWLINE_BEFORE) &&
           (S_is(g, i + 1, ".") || S_is(g, i + 1, ")"));
  }
  if (t->kind == BL_TOK_DASH || S_is(g, i, "-") || S_is(g, i, "*")) return 1;
  int32_t c = S_first_cp(g, i);
  return (t->end - t->start == 1) &&
         (c == 0x2022 || c == 0x00B7 || c == 0x25AA || c == 0x25CF ||
          c == 0x25E6 || c == 0x2023 || c == 0x2043 || c == 0x25A0);
}

/* Line ends like a fragment of a running sentence. */
static int S_line_runs_on(const S_seg *g, size_t last) {
  const bl_token *t = &g->t[last];
  if (t->kind == BL_TOK_PUNCT &&
      (S_is(g, last, ",") || S_is(g, last, "-") || S_is(g, last, ";") ||
       S_is(g, last, ":") ||
       S_is(g, last, "(") || S_is(g, last, "&")))
    return 1;
  if (t->kind == BL_TOK_WORD && (t->flags & BL_TF_LOWER)) {
    const char *nm = (const char *)g->doc->norm.data + g->x[last].norm_off;
    unsigned bits = bl__tokdata_lookup(nm, g->x[last].norm_len);
    if (bits & BL_WORD_STARTER) return 1; /* the, of, and, in, ... */
  }
  return 0;
}

int bl__segment(bl_doc *doc) {
  int rc = BL_OK;
  size_t n = doc->tokens.len;
  if (n == 0) return BL_OK;
  unsigned char *brk = bl_calloc(n, 1); /* 1 sentence, 2 paragraph starts */
  if (!brk) return BL_ENOMEM;
  S_seg g = {doc, (const bl_token *)doc->tokens.data,
             (const bl_tokx *)doc->tokx.data, n};
  bl_token *tok = (bl_token *)doc->tokens.data;

  brk[0] = 2;
  for (size_t i = 1; i < n; i++)
    if (tok[i].flags & BL_TF_PARA_START) brk[i] = 2;

  /* headline */
  size_t h = 1;
  while (h < n && !(tok[h].flags & BL_TF_NEWLINE_BEFORE) && h <= S_HEADLINE_MAX)
    h++;
  if (h < n && (tok[h].flags & BL_TF_NEWLINE_BEFORE) && h <= S_HEADLINE_MAX) {
    size_t last = h - 1;
    int ok = 0;
    if (!S_is(&g, last, ".") && !S_line_runs_on(&g, last)) {
      if (tok[h].flags & BL_TF_PARA_START) ok = 1;
      else if (!S_starts_lower(&g, h) && !S_starts_lower(&g, 0) &&
               tok[last].end - tok[0].start <= 120)
        ok = 1;
    }
    if (ok) {
      brk[h] = 2;
      for (size_t k = 0; k < h; k++) tok[k].flags |= BL_TF_HEADLINE;
    }
  }

  /* terminal punctuation and abbreviations */
  for (size_t i = 0; i < n; i++) {
    int strict;
    if (S_is_terminal(&g, i)) {
      strict = 0;
    } else if (tok[i].kind == BL_TOK_ABBREV &&
               g.doc->text[g.x[i].bend - 1] == '.') {
      unsigned bits = S_abbrev_bits(&g, i);
      if (bits & (BL_ABBR_INNER | BL_ABBR_NUM)) continue;
      strict = 1;
    } else {
      continue;
    }
    size_t j = i + 1;
    while (j < n && !brk[j] && S_is_closer(&g, j)) j++;
    if (j >= n || brk[j]) {
      i = j - 1;
      continue;
    }
    if (S_starts_sentence(&g, j, strict) ||
        (!strict && S_is_opener(&g, j)) ||
        (!strict && j == i + 1 && S_lower_after_word(&g, i)))
      brk[j] = 1;
    i = j - 1;
  }

  /* line breaks inside a paragraph */
  size_t line0 = 0;
  for (size_t i = 1; i < n; i++) {
    if (!(tok[i].flags & BL_TF_NEWLINE_BEFORE)) continue;
    if (brk[i] != 2 && S_indented(&g, i) && S_ends_terminal(&g, i - 1)) {
      brk[i] = 2; /* indented paragraph start in wire text */
    } else if (!brk[i]) {
      size_t last = i - 1;
      int32_t llen = tok[last].end - tok[line0].start;
      if (S_is_bullet(&g, i) ||
          (llen < S_SHORT_LINE && !S_line_runs_on(&g, last) &&
           !S_starts_lower(&g, i) && S_starts_upper_or_digit(&g, i) &&
           tok[last].kind != BL_TOK_ABBREV))
        brk[i] = 1;
    }
    line0 = i;
  }

  /* cut */
  int32_t sent = -1, para = -1;
  size_t since = 0;
  for (size_t i = 0; i < n; i++) {
    if (brk[i] || since >= S_MAX_SENT) {
      if (sent >= 0) {
        bl_sentence *s = (bl_sentence *)doc->sentences.data + sent;
        s->end = tok[i - 1].end;
        s->tok_end = (int32_t)i;
      }
      if (brk[i] == 2) {
        if (para >= 0) {
          bl_paragraph *p = (bl_paragraph *)doc->paragraphs.data + para;
          p->end = tok[i - 1].end;
          p->sent_end = sent + 1;
        }
        bl_paragraph *p = bl_vec_push(&doc->paragraphs);
        if (!p) {
          rc = BL_ENOMEM;
          goto cleanup;
        }
        para++;
        p->start = tok[i].start;
        p->sent_start = sent + 1;
        tok[i].flags |= BL_TF_PARA_START;
      }
      bl_sentence *s = bl_vec_push(&doc->sentences);
      if (!s) {
        rc = BL_ENOMEM;
        goto cleanup;
      }
      sent++;
      s->start = tok[i].start;
      s->tok_start = (int32_t)i;
      s->para = para;
      tok[i].flags |= BL_TF_SENT_START;
      since = 0;
    }
    tok[i].sent = sent;
    since++;
  }
  {
    bl_sentence *s = (bl_sentence *)doc->sentences.data + sent;
    s->end = tok[n - 1].end;
    s->tok_end = (int32_t)n;
    bl_paragraph *p = (bl_paragraph *)doc->paragraphs.data + para;
    p->end = tok[n - 1].end;
    p->sent_end = sent + 1;
  }

cleanup:
  bl_free(brk);
  return rc;
}
