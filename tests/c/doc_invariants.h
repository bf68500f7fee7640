/* doc_invariants.h -- structural invariants of an analysed bl_doc, shared by
 * the fuzz targets (tests/fuzz/) and the hostile-input C tests.
 *
 * bl_check_doc() returns NULL when every invariant holds, otherwise a static
 * description of the first one that fails (the details go into `why`).
 * Only the public API (byline.h) is used, so the checks hold for any build.
 *
 * Invariants:
 *   tokens      0 <= start < end <= n_chars, sorted, non-overlapping;
 *               mention in [-1, n_mentions); enum values have names
 *   sentences   (when the sentence stage ran and there are tokens) non-empty,
 *               contiguous, cover every token exactly once, token.sent agrees,
 *               char span covers the tokens and stays in bounds
 *   paragraphs  the same over sentences
 *   mentions    in bounds, sorted by start, tok range valid and matching the
 *               char span, entity/label/source/kb_layer valid
 *   entities    label valid, name_mention valid, count >= 1 ...
 *   quotes      in bounds, speaker/sentence valid, speaker/cue spans either
 *               (-1,-1) or in bounds
 *   relations   subject/object valid entity indices, spans in bounds, kind
 *               and modality have names
 */
#ifndef BL_DOC_INVARIANTS_H
#define BL_DOC_INVARIANTS_H

#include <stdio.h>
#include <string.h>

#include "byline.h"

#define BLC_FAIL(...)                                  \
  do {                                                 \
    snprintf(why, why_len, __VA_ARGS__);               \
    return why;                                        \
  } while (0)

/* A span [s, e) that is either absent (-1, -1) or in [0, n]. */
static inline int blc_opt_span(int32_t s, int32_t e, int32_t n) {
  if (s == -1 && e == -1) return 1;
  return s >= 0 && s <= e && e <= n;
}

static inline const char *bl_check_doc(const bl_doc *doc, uint32_t stages, int n_kbs,
                                char *why, size_t why_len) {
  size_t nt = 0, ns = 0, np = 0, nm = 0, ne = 0, nq = 0, nr = 0;
  const bl_token *t = (const bl_token *)bl_doc_table(doc, BL_TABLE_TOKENS, &nt);
  const bl_sentence *s =
      (const bl_sentence *)bl_doc_table(doc, BL_TABLE_SENTENCES, &ns);
  const bl_paragraph *p =
      (const bl_paragraph *)bl_doc_table(doc, BL_TABLE_PARAGRAPHS, &np);
  const bl_mention *m =
      (const bl_mention *)bl_doc_table(doc, BL_TABLE_MENTIONS, &nm);
  const bl_entity *e =
      (const bl_entity *)bl_doc_table(doc, BL_TABLE_ENTITIES, &ne);
  const bl_quote *q = (const bl_quote *)bl_doc_table(doc, BL_TABLE_QUOTES, &nq);
  const bl_relation *r =
      (const bl_relation *)bl_doc_table(doc, BL_TABLE_RELATIONS, &nr);
  size_t len = bl_doc_length(doc);
  if (len > (size_t)INT32_MAX) BLC_FAIL("length %zu exceeds int32", len);
  int32_t n = (int32_t)len;
  if (stages == 0) stages = BL_STAGE_ALL;
  if (stages & BL_STAGE_RELATIONS) stages |= BL_STAGE_QUOTES;
  if (stages & BL_STAGE_QUOTES) stages |= BL_STAGE_ENTITIES;
  if (stages & BL_STAGE_ENTITIES) stages |= BL_STAGE_TAGS;
  if (stages & BL_STAGE_TAGS) stages |= BL_STAGE_SENTENCES;

  /* ---- tokens ---- */
  for (size_t i = 0; i < nt; i++) {
    if (t[i].start < 0 || t[i].start >= t[i].end || t[i].end > n)
      BLC_FAIL("token %zu span [%d,%d) out of bounds (n=%d)", i, t[i].start,
               t[i].end, n);
    if (i && t[i].start < t[i - 1].end)
      BLC_FAIL("token %zu [%d,%d) overlaps or precedes token %zu [%d,%d)", i,
               t[i].start, t[i].end, i - 1, t[i - 1].start, t[i - 1].end);
    if (!bl_enum_name(BL_ENUM_TOKEN_KIND, t[i].kind) || t[i].kind == 0)
      BLC_FAIL("token %zu kind %d invalid", i, t[i].kind);
    if (t[i].mention < -1 || t[i].mention >= (int32_t)nm)
      BLC_FAIL("token %zu mention %d out of range (%zu)", i, t[i].mention, nm);
    if (!bl_enum_name(BL_ENUM_UPOS, t[i].pos))
      BLC_FAIL("token %zu pos %d has no name", i, t[i].pos);
    if (!bl_enum_name(BL_ENUM_NER, t[i].ner))
      BLC_FAIL("token %zu ner %d has no name", i, t[i].ner);
  }

  /* ---- sentences ---- */
  if ((stages & BL_STAGE_SENTENCES) && nt > 0) {
    if (ns == 0) BLC_FAIL("%zu tokens but no sentences", nt);
    int32_t next = 0;
    for (size_t i = 0; i < ns; i++) {
      if (s[i].tok_start != next)
        BLC_FAIL("sentence %zu starts at token %d, expected %d", i,
                 s[i].tok_start, next);
      if (s[i].tok_end <= s[i].tok_start || s[i].tok_end > (int32_t)nt)
        BLC_FAIL("sentence %zu token range [%d,%d) bad (n_tokens=%zu)", i,
                 s[i].tok_start, s[i].tok_end, nt);
      next = s[i].tok_end;
      if (s[i].start < 0 || s[i].start > t[s[i].tok_start].start ||
          s[i].end < t[s[i].tok_end - 1].end || s[i].end > n)
        BLC_FAIL("sentence %zu span [%d,%d) does not cover its tokens", i,
                 s[i].start, s[i].end);
      if (s[i].para < 0 || s[i].para >= (int32_t)np)
        BLC_FAIL("sentence %zu para %d out of range (%zu)", i, s[i].para, np);
      for (int32_t k = s[i].tok_start; k < s[i].tok_end; k++)
        if (t[k].sent != (int32_t)i)
          BLC_FAIL("token %d has sent %d, inside sentence %zu", k, t[k].sent,
                   i);
    }
    if (next != (int32_t)nt)
      BLC_FAIL("sentences end at token %d of %zu", next, nt);
    int32_t nexts = 0;
    for (size_t i = 0; i < np; i++) {
      if (p[i].sent_start != nexts || p[i].sent_end <= p[i].sent_start ||
          p[i].sent_end > (int32_t)ns)
        BLC_FAIL("paragraph %zu sentence range [%d,%d) bad", i,
                 p[i].sent_start, p[i].sent_end);
      nexts = p[i].sent_end;
      if (p[i].start < 0 || p[i].start > s[p[i].sent_start].start ||
          p[i].end < s[p[i].sent_end - 1].end || p[i].end > n)
        BLC_FAIL("paragraph %zu span [%d,%d) does not cover its sentences", i,
                 p[i].start, p[i].end);
      for (int32_t k = p[i].sent_start; k < p[i].sent_end; k++)
        if (s[k].para != (int32_t)i)
          BLC_FAIL("sentence %d has para %d, inside paragraph %zu", k,
                   s[k].para, i);
    }
    if (nexts != (int32_t)ns)
      BLC_FAIL("paragraphs end at sentence %d of %zu", nexts, ns);
  }

  /* ---- mentions ---- */
  for (size_t i = 0; i < nm; i++) {
    const bl_mention *x = &m[i];
    if (x->start < 0 || x->start >= x->end || x->end > n)
      BLC_FAIL("mention %zu span [%d,%d) out of bounds", i, x->start, x->end);
    if (i && x->start < m[i - 1].start)
      BLC_FAIL("mentions not sorted at %zu", i);
    if (x->tok_start < 0 || x->tok_start >= x->tok_end ||
        x->tok_end > (int32_t)nt)
      BLC_FAIL("mention %zu token range [%d,%d) bad", i, x->tok_start,
               x->tok_end);
    if (t[x->tok_start].start > x->start || t[x->tok_end - 1].end < x->end)
      BLC_FAIL("mention %zu span [%d,%d) outside its tokens [%d,%d)", i,
               x->start, x->end, t[x->tok_start].start,
               t[x->tok_end - 1].end);
    if (x->label <= BL_LABEL_NONE || x->label >= BL_LABEL_COUNT)
      BLC_FAIL("mention %zu label %d invalid", i, x->label);
    if (x->entity < -1 || x->entity >= (int32_t)ne)
      BLC_FAIL("mention %zu entity %d out of range (%zu)", i, x->entity, ne);
    if (x->source <= BL_SRC_NONE || x->source >= BL_SRC_COUNT)
      BLC_FAIL("mention %zu source %d invalid", i, x->source);
    if (x->kb_layer < -1 || x->kb_layer >= n_kbs ||
        (x->kb_layer == -1) != (x->kb_entry == -1) || x->kb_entry < -1)
      BLC_FAIL("mention %zu kb (%d,%d) invalid with %d kbs", i, x->kb_layer,
               x->kb_entry, n_kbs);
  }

  /* ---- entities ---- */
  for (size_t i = 0; i < ne; i++) {
    const bl_entity *x = &e[i];
    if (x->label <= BL_LABEL_NONE || x->label >= BL_LABEL_COUNT)
      BLC_FAIL("entity %zu label %d invalid", i, x->label);
    if (x->name_mention < -1 || x->name_mention >= (int32_t)nm)
      BLC_FAIL("entity %zu name_mention %d out of range", i, x->name_mention);
    if (x->kb_entry < 0 && x->name_mention < 0)
      BLC_FAIL("entity %zu has neither kb entry nor name mention", i);
    if (x->kb_layer < -1 || x->kb_layer >= n_kbs)
      BLC_FAIL("entity %zu kb_layer %d invalid", i, x->kb_layer);
    /* first: code-point offset of the entity's first mention (byline.h) */
    if (x->first < -1 || (size_t)(x->first + 1) > bl_doc_length(doc) + 1)
      BLC_FAIL("entity %zu first %d out of range", i, x->first);
    if (x->count < 0)
      BLC_FAIL("entity %zu count %d negative", i, x->count);
    if (x->gender < 0 || x->gender >= BL_GENDER_COUNT)
      BLC_FAIL("entity %zu gender %d invalid", i, x->gender);
  }

  /* ---- quotes ---- */
  for (size_t i = 0; i < nq; i++) {
    const bl_quote *x = &q[i];
    if (x->start < 0 || x->start > x->end || x->end > n)
      BLC_FAIL("quote %zu span [%d,%d) out of bounds", i, x->start, x->end);
    if (x->kind <= BL_QUOTE_NONE || x->kind >= BL_QUOTE_KIND_COUNT)
      BLC_FAIL("quote %zu kind %d invalid", i, x->kind);
    if (x->speaker < -1 || x->speaker >= (int32_t)ne)
      BLC_FAIL("quote %zu speaker %d out of range (%zu)", i, x->speaker, ne);
    if (!blc_opt_span(x->speaker_start, x->speaker_end, n))
      BLC_FAIL("quote %zu speaker span [%d,%d) invalid", i, x->speaker_start,
               x->speaker_end);
    if (!blc_opt_span(x->cue_start, x->cue_end, n))
      BLC_FAIL("quote %zu cue span [%d,%d) invalid", i, x->cue_start,
               x->cue_end);
    if (!bl_enum_name(BL_ENUM_CUE, x->cue))
      BLC_FAIL("quote %zu cue %d has no name", i, x->cue);
    if (x->sentence < -1 || x->sentence >= (int32_t)ns)
      BLC_FAIL("quote %zu sentence %d out of range", i, x->sentence);
  }

  /* ---- relations ---- */
  for (size_t i = 0; i < nr; i++) {
    const bl_relation *x = &r[i];
    if (x->subject < 0 || x->subject >= (int32_t)ne)
      BLC_FAIL("relation %zu subject %d out of range (%zu)", i, x->subject, ne);
    if (x->object < -1 || x->object >= (int32_t)ne)
      BLC_FAIL("relation %zu object %d out of range (%zu)", i, x->object, ne);
    if (!bl_enum_name(BL_ENUM_REL_KIND, x->kind) || x->kind == 0)
      BLC_FAIL("relation %zu kind %d invalid", i, x->kind);
    if (!bl_enum_name(BL_ENUM_MODALITY, x->modality))
      BLC_FAIL("relation %zu modality %d has no name", i, x->modality);
    if (!blc_opt_span(x->pred_start, x->pred_end, n) ||
        !blc_opt_span(x->title_start, x->title_end, n) ||
        !blc_opt_span(x->start, x->end, n))
      BLC_FAIL("relation %zu span out of bounds", i);
    if (x->sentence < -1 || x->sentence >= (int32_t)ns)
      BLC_FAIL("relation %zu sentence %d out of range", i, x->sentence);
  }
  return NULL;
}

/* Byte-for-byte equality of every table of two documents. */
static inline int bl_docs_equal(const bl_doc *a, const bl_doc *b) {
  if (bl_doc_length(a) != bl_doc_length(b)) return 0;
  for (int tb = BL_TABLE_NONE + 1; tb < BL_TABLE_COUNT; tb++) {
    size_t na = 0, nb = 0, nc = 0;
    const int32_t *ra = bl_doc_table(a, tb, &na);
    const int32_t *rb = bl_doc_table(b, tb, &nb);
    bl_table_columns(tb, &nc);
    if (na != nb) return 0;
    if (na && memcmp(ra, rb, na * nc * sizeof(int32_t)) != 0) return 0;
  }
  return 1;
}

#endif /* BL_DOC_INVARIANTS_H */
