/* test_entities.c -- the entity stage on invented sentences with a small
 * fixture KB built through the public builder API (no Python). */
#include "bl_internal.h"
#include "byline.h"
#include "harness.h"

#include <stdlib.h>

static bl_kb *F_kb;

static void F_add(bl_kb_builder *b, const char *id, const char *name, int label,
                  int kind, int gender, int role, const char *country,
                  uint32_t prominence, const char *const *aliases,
                  const uint32_t *aflags, size_t n_aliases) {
  bl_kb_record r;
  memset(&r, 0, sizeof(r));
  r.kb_id = id;
  r.name = name;
  r.label = label;
  r.kind = kind;
  r.gender = gender;
  r.role = role;
  r.country = country;
  r.prominence = prominence;
  r.aliases = aliases;
  r.alias_flags = aflags;
  r.n_aliases = n_aliases;
  int rc = bl_kb_builder_add(b, &r);
  if (rc < 0) fprintf(stderr, "fixture: cannot add %s: %s\n", id, bl_strerror(rc));
}

static void F_lex(bl_kb_builder *b, const char *id, const char *word, int kind,
                  int gender) {
  F_add(b, id, word, BL_LABEL_NONE, kind, gender, BL_KB_ROLE_NONE, NULL, 0, NULL,
        NULL, 0);
}

static int F_build(void) {
  bl_kb_builder *b = bl_kb_builder_new();
  if (!b) return -1;
  static const char *const ru[] = {"Russian", "Russians"};
  static const uint32_t ruf[] = {BL_KBA_DEMONYM, BL_KBA_DEMONYM | BL_KBA_PLURAL};
  static const char *const zh[] = {"Chinese"};
  static const uint32_t zhf[] = {BL_KBA_DEMONYM};
  static const char *const fr[] = {"French"};
  static const char *const us[] = {"US", "United States"};
  F_add(b, "Q159", "Russia", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, 0, 0, NULL,
        144000000, ru, ruf, 2);
  F_add(b, "Q148", "China", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, 0, 0, NULL,
        1400000000, zh, zhf, 1);
  F_add(b, "Q142", "France", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, 0, 0, NULL,
        68000000, fr, zhf, 1);
  F_add(b, "Q30", "United States", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, 0, 0, NULL,
        330000000, us, NULL, 2);
  F_add(b, "Q649", "Moscow", BL_LABEL_GPE, BL_KB_KIND_CITY, 0, BL_KB_ROLE_CAPITAL,
        "Q159", 12000000, NULL, NULL, 0);
  F_add(b, "Q956", "Beijing", BL_LABEL_GPE, BL_KB_KIND_CITY, 0, BL_KB_ROLE_CAPITAL,
        "Q148", 21000000, NULL, NULL, 0);
  F_add(b, "Q90", "Paris", BL_LABEL_GPE, BL_KB_KIND_CITY, 0, BL_KB_ROLE_CAPITAL,
        "Q142", 2100000, NULL, NULL, 0);
  /* an ambiguous alias: Paris, Texas (smaller, in the US) */
  F_add(b, "Q830149", "Paris", BL_LABEL_GPE, BL_KB_KIND_CITY, 0, BL_KB_ROLE_MEMBER,
        "Q30", 25000, NULL, NULL, 0);
  static const char *const bih[] = {"Bosnia and Herzegovina"};
  F_add(b, "Q225", "Bosnia and Herzegovina", BL_LABEL_GPE, BL_KB_KIND_COUNTRY, 0, 0, NULL,
        3200000, bih, NULL, 1);
  F_add(b, "bl:group:kurds", "Kurds", BL_LABEL_NORP, BL_KB_KIND_GROUP, 0, 0, NULL, 0, NULL,
        NULL, 0);
  F_add(b, "bl:group:sikhs", "Sikhs", BL_LABEL_NORP, BL_KB_KIND_GROUP, 0, 0, NULL, 0, NULL,
        NULL, 0);
  F_lex(b, "hon:mr", "Mr", BL_KB_KIND_HONORIFIC, BL_GENDER_MALE);
  F_lex(b, "hon:mrs", "Mrs", BL_KB_KIND_HONORIFIC, BL_GENDER_FEMALE);
  F_lex(b, "hon:ms", "Ms", BL_KB_KIND_HONORIFIC, BL_GENDER_FEMALE);
  F_lex(b, "hon:monsieur", "M.", BL_KB_KIND_HONORIFIC, BL_GENDER_MALE);
  F_lex(b, "t:president", "President", BL_KB_KIND_TITLE, 0);
  F_lex(b, "t:pm", "Prime Minister", BL_KB_KIND_TITLE, 0);
  F_lex(b, "fn:maria", "Maria", BL_KB_KIND_FIRST_NAME, BL_GENDER_FEMALE);
  F_lex(b, "fn:peter", "Peter", BL_KB_KIND_FIRST_NAME, BL_GENDER_MALE);
  F_lex(b, "fn:anna", "Anna", BL_KB_KIND_FIRST_NAME, BL_GENDER_FEMALE);
  F_lex(b, "body:dm", "defence ministry", BL_KB_KIND_BODY, 0);
  void *img = NULL;
  size_t len = 0;
  int rc = bl_kb_builder_finish(b, &img, &len);
  bl_kb_builder_free(b);
  if (rc < 0) return rc;
  rc = bl_kb_from_buffer(img, len, 1, &F_kb);
  bl_free(img);
  return rc;
}

static bl_doc *F_run(const char *text) {
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.kbs[0] = F_kb;
  cfg.n_kbs = F_kb ? 1 : 0;
  cfg.stages = BL_STAGE_ENTITIES;
  size_t n = strlen(text);
  char *buf = T_exact(text, n);
  bl_doc *doc = NULL;
  int rc = bl_analyze(&cfg, buf, n, 0, NULL, &doc);
  free(buf);
  if (rc < 0) fprintf(stderr, "analyze: %s\n", bl_strerror(rc));
  return doc;
}

/* The mention whose text (ASCII input: code points == bytes) is `s` and
 * starts at or after `from`; -1 if none. */
static int F_mention(const bl_doc *doc, const char *text, const char *s, int from) {
  size_t n = 0;
  const bl_mention *m = (const bl_mention *)bl_doc_table(doc, BL_TABLE_MENTIONS, &n);
  size_t sl = strlen(s);
  for (size_t i = 0; i < n; i++)
    if (m[i].start >= from && (size_t)(m[i].end - m[i].start) == sl &&
        memcmp(text + m[i].start, s, sl) == 0)
      return (int)i;
  return -1;
}

static const bl_mention *F_m(const bl_doc *doc, int i) {
  size_t n = 0;
  const bl_mention *m = (const bl_mention *)bl_doc_table(doc, BL_TABLE_MENTIONS, &n);
  return (i >= 0 && (size_t)i < n) ? &m[i] : NULL;
}

static const bl_entity *F_e(const bl_doc *doc, int i) {
  size_t n = 0;
  const bl_entity *e = (const bl_entity *)bl_doc_table(doc, BL_TABLE_ENTITIES, &n);
  return (i >= 0 && (size_t)i < n) ? &e[i] : NULL;
}

static void test_honorific_resolution(void) {
  const char *t = "Maria Kowalska arrived in Paris on Monday. Ms Kowalska said the "
                  "talks went well. Later, Kowalska left.";
  bl_doc *doc = F_run(t);
  OK(doc != NULL, "analyze");
  if (!doc) return;
  int a = F_mention(doc, t, "Maria Kowalska", 0);
  int b = F_mention(doc, t, "Ms Kowalska", 0);
  int c = F_mention(doc, t, "Kowalska", 60);
  OK(a >= 0 && b >= 0 && c >= 0, "three mentions of the person");
  if (a >= 0 && b >= 0 && c >= 0) {
    INT_EQ(F_m(doc, a)->label, BL_LABEL_PERSON, "full name is a person");
    INT_EQ(F_m(doc, b)->entity, F_m(doc, a)->entity, "Ms Kowalska -> Maria Kowalska");
    INT_EQ(F_m(doc, c)->entity, F_m(doc, a)->entity, "Kowalska -> Maria Kowalska");
    INT_EQ(F_m(doc, b)->name_start, F_m(doc, b)->start + 3, "name starts after Ms");
    const bl_entity *e = F_e(doc, F_m(doc, a)->entity);
    INT_EQ(e->count, 3, "entity count");
    INT_EQ(e->gender, BL_GENDER_FEMALE, "gender from honorific / first name");
    INT_EQ(e->label, BL_LABEL_PERSON, "entity label");
  }
  /* Monday and the sentence-initial "Later" are not names */
  OK(F_mention(doc, t, "Monday", 0) < 0, "Monday is no entity");
  OK(F_mention(doc, t, "Later", 0) < 0, "Later is no entity");
  bl_doc_free(doc);
}

static void test_surname_named_by_honorific(void) {
  /* "Mr Paris" makes the later bare "Paris" the man, not the city */
  const char *t = "Mr Paris said the plan was sound. Later Paris left the meeting early.";
  bl_doc *doc = F_run(t);
  int a = doc ? F_mention(doc, t, "Mr Paris", 0) : -1;
  int b = doc ? F_mention(doc, t, "Paris", 20) : -1;
  OK(a >= 0 && b >= 0, "Mr Paris and Paris");
  if (a >= 0 && b >= 0) {
    INT_EQ(F_m(doc, b)->label, BL_LABEL_PERSON, "bare surname is the person");
    INT_EQ(F_m(doc, b)->entity, F_m(doc, a)->entity, "Paris -> Mr Paris");
  }
  bl_doc_free(doc);
}

static void test_body_with_complement(void) {
  /* a government body's capitalised "of" complement is part of its name */
  const char *t = "The Russian Ministry of Culture said the site would reopen.";
  bl_doc *doc = F_run(t);
  int m = doc ? F_mention(doc, t, "Russian Ministry of Culture", 0) : -1;
  OK(m >= 0, "Russian Ministry of Culture is one name");
  if (m >= 0) INT_EQ(F_m(doc, m)->label, BL_LABEL_ORG, "an organisation");
  bl_doc_free(doc);
}

static void test_metonym_vs_city(void) {
  const char *t1 = "Moscow has warned France against sending troops.";
  bl_doc *d1 = F_run(t1);
  int m = d1 ? F_mention(d1, t1, "Moscow", 0) : -1;
  OK(m >= 0, "Moscow found");
  if (m >= 0) {
    const bl_mention *mm = F_m(d1, m);
    OK(mm->flags & BL_MF_METONYM, "Moscow as the subject of 'warned' stands for Russia");
    INT_EQ(mm->kb_entry, bl_kb_find(F_kb, "Q159"), "linked to Russia");
    INT_EQ(mm->label, BL_LABEL_GPE, "GPE");
  }
  bl_doc_free(d1);
  const char *t2 = "Overnight a drone hit Moscow, officials said.";
  bl_doc *d2 = F_run(t2);
  m = d2 ? F_mention(d2, t2, "Moscow", 0) : -1;
  OK(m >= 0, "Moscow found (city)");
  if (m >= 0) {
    const bl_mention *mm = F_m(d2, m);
    OK(!(mm->flags & BL_MF_METONYM), "a drone hit Moscow: the city");
    INT_EQ(mm->kb_entry, bl_kb_find(F_kb, "Q649"), "linked to the city");
  }
  bl_doc_free(d2);
  const char *t3 = "The deal was signed after talks with Beijing, according to Moscow.";
  bl_doc *d3 = F_run(t3);
  int b = d3 ? F_mention(d3, t3, "Beijing", 0) : -1;
  int mo = d3 ? F_mention(d3, t3, "Moscow", 0) : -1;
  OK(b >= 0 && mo >= 0, "both capitals found");
  if (b >= 0 && mo >= 0) {
    INT_EQ(F_m(d3, b)->kb_entry, bl_kb_find(F_kb, "Q148"), "talks with Beijing -> China");
    INT_EQ(F_m(d3, mo)->kb_entry, bl_kb_find(F_kb, "Q159"), "according to Moscow -> Russia");
  }
  bl_doc_free(d3);
}

static void test_ambiguous_alias(void) {
  /* Paris: the capital outranks Paris, Texas, unless the US is in play */
  const char *t1 = "She moved to Paris last year.";
  bl_doc *d1 = F_run(t1);
  int m = d1 ? F_mention(d1, t1, "Paris", 0) : -1;
  OK(m >= 0 && F_m(d1, m)->kb_entry == bl_kb_find(F_kb, "Q90"), "Paris, France");
  bl_doc_free(d1);
}

static void test_acronym(void) {
  const char *t = "The Northern Fisheries Council (NFC) met on Tuesday. The NFC "
                  "said quotas would fall, and the Northern Fisheries Council agreed.";
  bl_doc *doc = F_run(t);
  int a = doc ? F_mention(doc, t, "Northern Fisheries Council", 0) : -1;
  int b = doc ? F_mention(doc, t, "NFC", 0) : -1;
  int c = doc ? F_mention(doc, t, "NFC", 40) : -1;
  OK(a >= 0 && b >= 0 && c >= 0, "org, its acronym, a later use");
  if (a >= 0 && b >= 0 && c >= 0) {
    INT_EQ(F_m(doc, a)->label, BL_LABEL_ORG, "org head noun -> ORG");
    INT_EQ(F_m(doc, b)->entity, F_m(doc, a)->entity, "(NFC) -> the council");
    INT_EQ(F_m(doc, c)->entity, F_m(doc, a)->entity, "later NFC -> the council");
    OK(F_m(doc, b)->flags & BL_MF_ACRONYM, "acronym flag");
    INT_EQ(F_e(doc, F_m(doc, a)->entity)->count, 4, "four mentions, one entity");
  }
  bl_doc_free(doc);
}

static void test_two_kims(void) {
  const char *t = "Kim Jong Un met Kim Yo Jong in the capital. Mr Kim later "
                  "left for the coast.";
  bl_doc *doc = F_run(t);
  int a = doc ? F_mention(doc, t, "Kim Jong Un", 0) : -1;
  int b = doc ? F_mention(doc, t, "Kim Yo Jong", 0) : -1;
  int c = doc ? F_mention(doc, t, "Mr Kim", 0) : -1;
  OK(a >= 0 && b >= 0 && c >= 0, "both Kims and Mr Kim");
  if (a >= 0 && b >= 0 && c >= 0) {
    OK(F_m(doc, a)->entity != F_m(doc, b)->entity, "two people");
    OK(F_m(doc, c)->entity != F_m(doc, a)->entity &&
           F_m(doc, c)->entity != F_m(doc, b)->entity,
       "Mr Kim stays unresolved");
    OK(F_m(doc, c)->flags & BL_MF_AMBIGUOUS, "and is flagged ambiguous");
  }
  bl_doc_free(doc);
}

static void test_family_name_first(void) {
  const char *t = "Premier Li Qiang opened the forum. Li said growth would recover.";
  bl_doc *doc = F_run(t);
  int a = doc ? F_mention(doc, t, "Li Qiang", 0) : -1;
  int b = doc ? F_mention(doc, t, "Li", 20) : -1;
  OK(a >= 0 && b >= 0, "Li Qiang and Li");
  if (a >= 0 && b >= 0) {
    INT_EQ(F_m(doc, b)->entity, F_m(doc, a)->entity, "Li -> Li Qiang");
    OK(F_m(doc, a)->title_start >= 0, "Premier kept as a title attribute");
  }
  OK(F_mention(doc, t, "Premier Li Qiang", 0) < 0, "title not inside the name");
  bl_doc_free(doc);
}

static void test_demonym_and_title(void) {
  const char *t = "Chinese President Xu Wen spoke. Chinese exports rose.";
  bl_doc *doc = F_run(t);
  int a = doc ? F_mention(doc, t, "Chinese", 0) : -1;
  int p = doc ? F_mention(doc, t, "Xu Wen", 0) : -1;
  int b = doc ? F_mention(doc, t, "Chinese", 10) : -1;
  OK(a >= 0 && p >= 0 && b >= 0, "demonyms and the person");
  if (a >= 0 && p >= 0 && b >= 0) {
    INT_EQ(F_m(doc, a)->label, BL_LABEL_GPE, "demonym before a title: GPE");
    INT_EQ(F_m(doc, b)->label, BL_LABEL_NORP, "demonym elsewhere: NORP");
    INT_EQ(F_m(doc, a)->entity, F_m(doc, b)->entity, "both point at China");
    OK(F_m(doc, a)->flags & BL_MF_DEMONYM, "demonym flag");
    INT_EQ(F_m(doc, p)->label, BL_LABEL_PERSON, "title cue: person");
    INT_EQ(F_m(doc, p)->title_of, F_m(doc, a)->entity, "President of China");
    INT_EQ(F_e(doc, F_m(doc, a)->entity)->label, BL_LABEL_GPE, "the entity is China");
  }
  bl_doc_free(doc);
}

static void test_body_and_boilerplate(void) {
  const char *t = "Share this story\n\nThe Russian defence ministry said on Friday "
                  "that Peter Lind, an analyst, was wrong.";
  bl_doc *doc = F_run(t);
  int a = doc ? F_mention(doc, t, "Russian defence ministry", 0) : -1;
  int p = doc ? F_mention(doc, t, "Peter Lind", 0) : -1;
  OK(a >= 0, "government body as one ORG");
  if (a >= 0) INT_EQ(F_m(doc, a)->label, BL_LABEL_ORG, "ORG");
  OK(p >= 0, "first name + surname");
  if (p >= 0) {
    INT_EQ(F_m(doc, p)->label, BL_LABEL_PERSON, "person");
    INT_EQ(F_e(doc, F_m(doc, p)->entity)->gender, BL_GENDER_MALE, "male first name");
  }
  size_t n = 0;
  const bl_mention *m = (const bl_mention *)bl_doc_table(doc, BL_TABLE_MENTIONS, &n);
  for (size_t i = 0; i < n; i++) OK(m[i].start >= 18, "nothing from the share line");
  bl_doc_free(doc);
}

static void test_invariants(void) {
  const char *t = "Anna Berg met Mr Berg. A drone hit Moscow. \"Berg,\" said Anna.";
  bl_doc *doc = F_run(t);
  OK(doc != NULL, "analyze");
  if (!doc) return;
  size_t nm = 0, ne = 0, nt = 0;
  const bl_mention *m = (const bl_mention *)bl_doc_table(doc, BL_TABLE_MENTIONS, &nm);
  const bl_entity *e = (const bl_entity *)bl_doc_table(doc, BL_TABLE_ENTITIES, &ne);
  const bl_token *tk = (const bl_token *)bl_doc_table(doc, BL_TABLE_TOKENS, &nt);
  int32_t prev_end = 0;
  int total = 0;
  for (size_t i = 0; i < nm; i++) {
    OK(m[i].start >= prev_end && m[i].start < m[i].end, "sorted, disjoint, non-empty");
    prev_end = m[i].end;
    OK(m[i].entity >= 0 && (size_t)m[i].entity < ne, "entity index in range");
    for (int32_t k = m[i].tok_start; k < m[i].tok_end; k++)
      INT_EQ(tk[k].mention, (int32_t)i, "token.mention");
  }
  for (size_t i = 0; i < ne; i++) {
    total += e[i].count;
    if (i) OK(e[i - 1].salience >= e[i].salience, "most salient first");
    OK(e[i].name_mention >= 0 && (size_t)e[i].name_mention < nm, "name mention");
  }
  INT_EQ(total, (int)nm, "counts add up");
  bl_doc_free(doc);
}

/* The tagger's output is the model's to decide; these tests fix it by hand
 * (the text is tagged by the trained model for POS, then its NER column is
 * replaced: `span` gets the BILOU tags of `type`, everything else O) and run
 * the entity stage on it, so they say what the stage does with a tagger
 * span whatever the model of the day does. */
static bl_model *F_model;

/* Loads the trained model (BYLINE_MODEL or the package's file) into F_model:
 * 1 when loaded; 0 when there is none (said once: the tagger-span tests are
 * skipped) or it fails to load (a test failure). */
static int F_load_model(void) {
  static int said;
  const char *model_path = getenv("BYLINE_MODEL");
  if (!model_path) model_path = "python/byline/data/tagger.blm";
  int rc = bl_model_load(model_path, &F_model);
  if (rc == BL_EIO) {
    if (!said++)
      printf("test_entities: no trained model at %s (make model); tagger-span tests skipped\n",
             model_path);
    return 0;
  }
  INT_EQ(rc, BL_OK, "model loads");
  return rc == BL_OK;
}

static void F_free_model(void) {
  bl_model_free(F_model);
  F_model = NULL;
}

static bl_doc *F_run_ner(const char *text, const char *const *spans, const int *types) {
  bl_config cfg;
  memset(&cfg, 0, sizeof(cfg));
  cfg.kbs[0] = F_kb;
  cfg.n_kbs = 1;
  cfg.model = F_model;
  cfg.stages = BL_STAGE_TAGS;
  bl_doc *doc = NULL;
  int rc = bl_analyze(&cfg, text, strlen(text), 0, NULL, &doc);
  if (rc < 0) return NULL;
  bl_token *tk = doc->tokens.data;
  const bl_tokx *tx = doc->tokx.data;
  size_t n = doc->tokens.len;
  for (size_t i = 0; i < n; i++) tk[i].ner = 0;
  const char *from = text; /* spans are listed in text order */
  for (int k = 0; spans[k]; k++) {
    const char *p = strstr(from, spans[k]);
    if (!p) continue;
    from = p + strlen(spans[k]);
    int32_t a = (int32_t)(p - text), b = a + (int32_t)strlen(spans[k]);
    size_t first = n, last = n;
    for (size_t i = 0; i < n; i++)
      if (tx[i].bstart >= a && tx[i].bend <= b) {
        if (first == n) first = i;
        last = i;
      }
    for (size_t i = first; i < n && i <= last; i++)
      tk[i].ner = BL_NER_TAG(types[k], first == last ? BL_BILOU_U
                                       : i == first ? BL_BILOU_B
                                       : i == last ? BL_BILOU_L : BL_BILOU_I);
  }
  doc->cfg = &cfg;
  rc = bl__entities(doc);
  doc->cfg = NULL;
  if (rc < 0) {
    bl_doc_free(doc);
    return NULL;
  }
  return doc;
}

/* The mention `s` exists with this label, linked to kb_id (NULL: no link). */
static void F_expect(const bl_doc *d, const char *t, const char *s, int label,
                     const char *kb_id, const char *msg) {
  int i = d ? F_mention(d, t, s, 0) : -1;
  OK(i >= 0, msg);
  if (i < 0) {
    fprintf(stderr, "  missing mention %s\n", s);
    return;
  }
  INT_EQ(F_m(d, i)->label, label, msg);
  INT_EQ(F_m(d, i)->kb_entry, kb_id ? bl_kb_find(F_kb, kb_id) : -1, msg);
}

static void test_coordinated_names_in_one_tagger_span(void) {
  if (!F_load_model()) return;
  /* two listed groups the tagger spans as one organisation */
  const char *t1 = "Aid convoys reached Sikhs and Kurds in the valley on Friday.";
  const char *s1[] = {"Sikhs and Kurds", NULL};
  const int y1[] = {BL_NER_ORG};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (groups)");
  F_expect(d, t1, "Sikhs", BL_LABEL_NORP, "bl:group:sikhs", "Sikhs: a group of its own");
  F_expect(d, t1, "Kurds", BL_LABEL_NORP, "bl:group:kurds", "Kurds: a group of its own");
  OK(d && F_mention(d, t1, "Sikhs and Kurds", 0) < 0, "no mention of the whole span");
  bl_doc_free(d);
  /* a list of three countries with commas, whatever class the tagger says */
  const char *t2 = "Envoys from France, China and Russia met behind closed doors.";
  const char *s2[] = {"France, China and Russia", NULL};
  const int y2[] = {BL_NER_ORG};
  d = F_run_ner(t2, s2, y2);
  OK(d != NULL, "analyze (countries)");
  F_expect(d, t2, "France", BL_LABEL_GPE, "Q142", "France");
  F_expect(d, t2, "China", BL_LABEL_GPE, "Q148", "China");
  F_expect(d, t2, "Russia", BL_LABEL_GPE, "Q159", "Russia");
  bl_doc_free(d);
  /* a listed name with "and" inside stays one name, also in a list */
  const char *t3 = "Floods hit Bosnia and Herzegovina and Russia this spring.";
  const char *s3[] = {"Bosnia and Herzegovina and Russia", NULL};
  const int y3[] = {BL_NER_LOC};
  d = F_run_ner(t3, s3, y3);
  F_expect(d, t3, "Bosnia and Herzegovina", BL_LABEL_GPE, "Q225", "listed whole: one name");
  F_expect(d, t3, "Russia", BL_LABEL_GPE, "Q159", "and the next conjunct");
  bl_doc_free(d);
  const char *s3b[] = {"Bosnia and Herzegovina", NULL};
  d = F_run_ner(t3, s3b, y3);
  F_expect(d, t3, "Bosnia and Herzegovina", BL_LABEL_GPE, "Q225", "tagged alone: whole");
  bl_doc_free(d);
  /* an unlisted conjunct keeps the tagger's class when the list agrees
   * with it on a sibling ... */
  const char *t4 = "Trade between China and Veloria grew last year.";
  const char *s4[] = {"China and Veloria", NULL};
  const int y4[] = {BL_NER_LOC};
  d = F_run_ner(t4, s4, y4);
  F_expect(d, t4, "China", BL_LABEL_GPE, "Q148", "listed conjunct");
  F_expect(d, t4, "Veloria", BL_LABEL_GPE, NULL, "unlisted conjunct, the tagger's class");
  bl_doc_free(d);
  /* ... and is dropped when the list contradicts the tagger */
  const char *t5 = "Aid convoys reached Kurds and Zorvians in the valley.";
  const char *s5[] = {"Kurds and Zorvians", NULL};
  const int y5[] = {BL_NER_ORG};
  d = F_run_ner(t5, s5, y5);
  F_expect(d, t5, "Kurds", BL_LABEL_NORP, "bl:group:kurds", "listed group");
  OK(d && F_mention(d, t5, "Zorvians", 0) < 0 && F_mention(d, t5, "Kurds and Zorvians", 0) < 0,
     "no guess for the unlisted conjunct");
  bl_doc_free(d);
  /* names that merely contain "and" / "&" stay whole: nothing listed,
   * '&' with an unlisted part, an org head at the end, one name twice */
  const char *t6 = "Shares of Hollis & Vane rose, and Russia & Quorn fell, while Moscow and "
                   "Volga Bank and Paris & Paris traded flat.";
  const char *s6[] = {"Hollis & Vane", "Russia & Quorn", "Moscow and Volga Bank",
                      "Paris & Paris", NULL};
  const int y6[] = {BL_NER_ORG, BL_NER_ORG, BL_NER_ORG, BL_NER_ORG};
  d = F_run_ner(t6, s6, y6);
  for (int k = 0; s6[k]; k++) {
    int i = d ? F_mention(d, t6, s6[k], 0) : -1;
    OK(i >= 0, "whole org name kept");
    if (i < 0) fprintf(stderr, "  missing mention %s\n", s6[k]);
    if (i >= 0) INT_EQ(F_m(d, i)->label, BL_LABEL_ORG, "ORG");
  }
  bl_doc_free(d);
  F_free_model();
}

/* Edges of a tagger span: what runs on past a name is cut off. */
static void test_tagger_span_edges(void) {
  if (!F_load_model()) return;
  const char *t = "Peter Novak Image: Reuters.\n\nWe watched the Maria Kowalska video twice. "
                  "Anna Berg of Interfax said the United States Ambassador met the Prime "
                  "Minister at the Lantern Festival in Beijing on Monday.";
  const char *sp[] = {"Peter Novak Image", "Maria Kowalska video", "Anna Berg of Interfax",
                      "United States Ambassador", "Prime Minister",
                      "Lantern Festival in Beijing", NULL};
  const int ty[] = {BL_NER_PER, BL_NER_PER, BL_NER_PER, BL_NER_ORG, BL_NER_LOC, BL_NER_MISC};
  bl_doc *d = F_run_ner(t, sp, ty);
  OK(d != NULL, "analyze (edges)");
  F_expect(d, t, "Peter Novak", BL_LABEL_PERSON, NULL, "a caption label is cut off");
  F_expect(d, t, "Maria Kowalska", BL_LABEL_PERSON, NULL, "a caption noun after a name");
  F_expect(d, t, "Anna Berg", BL_LABEL_PERSON, NULL, "a person's name stops at 'of'");
  F_expect(d, t, "United States", BL_LABEL_GPE, "Q30", "an office after a listed state");
  F_expect(d, t, "Beijing", BL_LABEL_GPE, "Q956", "a place after 'in' is a name of its own");
  int lf = d ? F_mention(d, t, "Lantern Festival", 0) : -1;
  OK(lf >= 0, "the festival without its place");
  OK(d && F_mention(d, t, "Prime Minister", 0) < 0, "an office alone is no name");
  OK(d && F_mention(d, t, "Peter Novak Image", 0) < 0 &&
         F_mention(d, t, "Maria Kowalska video", 0) < 0 &&
         F_mention(d, t, "United States Ambassador", 0) < 0,
     "no mention of the swept-in spans");
  bl_doc_free(d);
  /* people's names the tagger cut short or called places */
  const char *t2 = "Anna Paris said she left in 2007. Later Paris claims she was never paid, "
                   "and voters backed Wong Pik-wan and Peter To in the poll.";
  const char *sp2[] = {"Anna Paris", "Paris", "Wong", "Peter To", NULL};
  const int ty2[] = {BL_NER_PER, BL_NER_LOC, BL_NER_PER, BL_NER_PER};
  d = F_run_ner(t2, sp2, ty2);
  int a = d ? F_mention(d, t2, "Anna Paris", 0) : -1;
  int b = d ? F_mention(d, t2, "Paris", 20) : -1;
  OK(a >= 0 && b >= 0, "Anna Paris and Paris");
  if (a >= 0 && b >= 0) {
    INT_EQ(F_m(d, b)->label, BL_LABEL_PERSON, "a surname acting is the person, not the city");
    INT_EQ(F_m(d, b)->entity, F_m(d, a)->entity, "Paris -> Anna Paris");
    OK(!(F_m(d, b)->flags & BL_MF_METONYM), "no metonym");
  }
  F_expect(d, t2, "Wong Pik-wan", BL_LABEL_PERSON, NULL, "a hyphenated given name");
  F_expect(d, t2, "Peter To", BL_LABEL_PERSON, NULL, "a surname that is also a function word");
  bl_doc_free(d);
  /* an initial is no honorific; a surname the tagger left out; a demonym
   * before a person's name */
  const char *t3 = "The batsman M. Kowalski scored 83 and the writer J. Peter Hollander "
                   "watched, while Russian Anna Dvorak bowled.";
  const char *sp3[] = {"M. Kowalski", "J. Peter", NULL};
  const int ty3[] = {BL_NER_PER, BL_NER_PER};
  d = F_run_ner(t3, sp3, ty3);
  int m = d ? F_mention(d, t3, "M. Kowalski", 0) : -1;
  OK(m >= 0, "M. Kowalski found");
  if (m >= 0) INT_EQ(F_m(d, m)->name_start, F_m(d, m)->start, "the initial is part of the name");
  F_expect(d, t3, "J. Peter Hollander", BL_LABEL_PERSON, NULL, "the surname after a first name");
  F_expect(d, t3, "Anna Dvorak", BL_LABEL_PERSON, NULL, "the name after a demonym");
  F_expect(d, t3, "Russian", BL_LABEL_GPE, "Q159", "the demonym");
  bl_doc_free(d);
  /* a first name and a surname the tagger calls an organisation: a person
   * when the surname also stands alone ("Kowalczyk later ...") */
  const char *t6 = "Anna Kowalczyk moved to Berlin in 2010. Kowalczyk later joined the team.";
  const char *sp6[] = {"Anna Kowalczyk", NULL};
  const int ty6[] = {BL_NER_ORG};
  d = F_run_ner(t6, sp6, ty6);
  F_expect(d, t6, "Anna Kowalczyk", BL_LABEL_PERSON, NULL, "first name + surname seen alone");
  bl_doc_free(d);
  /* an unlisted three-letter acronym the tagger calls a place: an
   * organisation; a two-letter code stays a place */
  const char *t7 = "Poll results\n\nVoters backed Anna Berg of the KLP, and prices in WX rose.";
  const char *sp7[] = {"KLP", "WX", NULL};
  const int ty7[] = {BL_NER_LOC, BL_NER_LOC};
  d = F_run_ner(t7, sp7, ty7);
  F_expect(d, t7, "KLP", BL_LABEL_ORG, NULL, "unlisted acronym: an organisation");
  F_expect(d, t7, "WX", BL_LABEL_GPE, NULL, "two-letter code: the tagger's place");
  bl_doc_free(d);
  /* a noun naming the kind of thing a name is */
  const char *t5 = "She reviewed the novel Mira Kestrel and wrote for the journal Vega Letters.";
  const char *sp5[] = {"Mira Kestrel", "Vega Letters", NULL};
  const int ty5[] = {BL_NER_PER, BL_NER_PER};
  d = F_run_ner(t5, sp5, ty5);
  F_expect(d, t5, "Mira Kestrel", BL_LABEL_MISC, NULL, "the novel X: a work");
  F_expect(d, t5, "Vega Letters", BL_LABEL_ORG, NULL, "the journal X: an organisation");
  bl_doc_free(d);
  /* one sense per name: the tagger's odd one out takes the majority class */
  const char *t4 = "Zorbath Quill spoke first. Later Zorbath Quill left early, and critics "
                   "of Zorbath Quill were loud.";
  const char *sp4[] = {"Zorbath Quill", "Zorbath Quill", "Zorbath Quill", NULL};
  const int ty4[] = {BL_NER_PER, BL_NER_PER, BL_NER_LOC};
  d = F_run_ner(t4, sp4, ty4);
  for (int k = 0, from = 0; k < 3; k++) {
    int i = d ? F_mention(d, t4, "Zorbath Quill", from) : -1;
    OK(i >= 0, "Zorbath Quill found");
    if (i < 0) break;
    INT_EQ(F_m(d, i)->label, BL_LABEL_PERSON, "every mention a person");
    from = F_m(d, i)->end;
  }
  bl_doc_free(d);
  F_free_model();
}

/* A lone gendered first name the tagger calls an organisation is the person
 * when the article has her speak or refers to her as "she", and no
 * organisation cue is in sight; with one ("the Anna group") or without
 * person evidence it stays as tagged. */
static void test_first_name_tagged_org(void) {
  if (!F_load_model()) return;
  const char *t1 = "Shares fell on Monday. Anna told reporters she would stay. Anna was calm.";
  const char *s1[] = {"Anna", "Anna", NULL};
  const int y1[] = {BL_NER_ORG, BL_NER_ORG};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (first name 1)");
  int i = d ? F_mention(d, t1, "Anna", 0) : -1, j = d ? F_mention(d, t1, "Anna", 30) : -1;
  OK(i >= 0 && j > i, "both mentions of Anna");
  if (i >= 0 && j > i) {
    INT_EQ(F_m(d, i)->label, BL_LABEL_PERSON, "Anna ... she: a person");
    INT_EQ(F_m(d, j)->label, BL_LABEL_PERSON, "the other mention too");
    INT_EQ(F_m(d, i)->entity, F_m(d, j)->entity, "one person");
  }
  bl_doc_free(d);
  const char *t2 = "The Anna group cut jobs. Anna said she would hire later.";
  d = F_run_ner(t2, s1, y1);
  OK(d != NULL, "analyze (first name 2)");
  i = d ? F_mention(d, t2, "Anna", 10) : -1;
  OK(i >= 0, "Anna mention");
  if (i >= 0) INT_EQ(F_m(d, i)->label, BL_LABEL_ORG, "an organisation cue: stays ORG");
  bl_doc_free(d);
  const char *t3 = "Anna rose 3 percent on Monday after the results.";
  d = F_run_ner(t3, s1, y1);
  OK(d != NULL, "analyze (first name 3)");
  i = d ? F_mention(d, t3, "Anna", 0) : -1;
  OK(i >= 0, "Anna mention");
  if (i >= 0) INT_EQ(F_m(d, i)->label, BL_LABEL_ORG, "no person evidence: stays ORG");
  bl_doc_free(d);
  /* two words the tagger calls a place, a first name and a word no list
   * knows: a person, unless the context is a place's */
  const char *t4 = "Results\n\nThe Civic Party's Anna Berg was re-elected on Sunday.";
  const char *s4[] = {"Anna Berg", NULL};
  const int y4[] = {BL_NER_LOC};
  d = F_run_ner(t4, s4, y4);
  OK(d != NULL, "analyze (first name 4)");
  F_expect(d, t4, "Anna Berg", BL_LABEL_PERSON, NULL, "Party's Anna Berg: a person");
  bl_doc_free(d);
  const char *t5 = "Results\n\nThe plane landed at Anna Berg on Sunday, near the Anna Berg airport.";
  const char *s5[] = {"Anna Berg", "Anna Berg", NULL};
  const int y5[] = {BL_NER_LOC, BL_NER_LOC};
  d = F_run_ner(t5, s5, y5);
  OK(d != NULL, "analyze (first name 5)");
  i = d ? F_mention(d, t5, "Anna Berg", 0) : -1;
  j = d ? F_mention(d, t5, "Anna Berg", 40) : -1;
  OK(i >= 0 && j > i, "both places");
  if (i >= 0 && j > i) {
    OK(F_m(d, i)->label != BL_LABEL_PERSON, "at Anna Berg: a place");
    OK(F_m(d, j)->label != BL_LABEL_PERSON, "the Anna Berg airport: a place");
  }
  bl_doc_free(d);
  /* a verb the tagger swept into a name is cut off */
  const char *t6 = "Results\n\nThe envoy contacted Anna Berg on Sunday.";
  const char *s6[] = {"contacted Anna Berg", NULL};
  const int y6[] = {BL_NER_PER};
  d = F_run_ner(t6, s6, y6);
  OK(d != NULL, "analyze (verb before a name)");
  F_expect(d, t6, "Anna Berg", BL_LABEL_PERSON, NULL, "contacted | Anna Berg");
  OK(d && F_mention(d, t6, "contacted Anna Berg", 0) < 0, "no verb in the name");
  bl_doc_free(d);
  F_free_model();
}

/* A one-syllable family name and a hyphenated given name ("Kwok Ka-ki")
 * is a person whatever the tagger said; the same shape after a place
 * preposition, with an English prefix or suffix, stays as tagged. */
static void test_hyphenated_given_names(void) {
  if (!F_load_model()) return;
  const char *t1 = "Results\n\nThe Civic Party's Tam Ka-lok and Hok Wai-ching were elected. "
                   "Tam Ka-lok thanked voters.";
  const char *s1[] = {"Civic Party", "Tam Ka-lok", "Hok Wai-ching", "Tam Ka-lok", NULL};
  const int y1[] = {BL_NER_ORG, BL_NER_LOC, BL_NER_ORG, BL_NER_MISC};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (hyphenated given names)");
  F_expect(d, t1, "Tam Ka-lok", BL_LABEL_PERSON, NULL, "Tam Ka-lok tagged LOC: a person");
  F_expect(d, t1, "Hok Wai-ching", BL_LABEL_PERSON, NULL, "Hok Wai-ching tagged ORG: a person");
  int i = d ? F_mention(d, t1, "Tam Ka-lok", 0) : -1, j = d ? F_mention(d, t1, "Tam Ka-lok", 60) : -1;
  OK(i >= 0 && j > i, "both mentions of Tam Ka-lok");
  if (i >= 0 && j > i) {
    INT_EQ(F_m(d, j)->label, BL_LABEL_PERSON, "the second mention too");
    INT_EQ(F_m(d, i)->entity, F_m(d, j)->entity, "one person");
  }
  bl_doc_free(d);
  const char *t2 = "Results\n\nThe bus stops in Tam Ka-lok on Sundays. Mass Anti-war rallies and "
                   "the Hok Tam-based firm followed.";
  const char *s2[] = {"Tam Ka-lok", "Mass Anti-war", "Hok Tam-based", NULL};
  const int y2[] = {BL_NER_LOC, BL_NER_MISC, BL_NER_ORG};
  d = F_run_ner(t2, s2, y2);
  OK(d != NULL, "analyze (hyphenated words that are no names)");
  i = d ? F_mention(d, t2, "Tam Ka-lok", 0) : -1;
  OK(i < 0 || F_m(d, i)->label != BL_LABEL_PERSON, "stops in Tam Ka-lok: a place");
  i = d ? F_mention(d, t2, "Mass Anti-war", 0) : -1;
  OK(i < 0 || F_m(d, i)->label != BL_LABEL_PERSON, "Anti-war: no given name");
  i = d ? F_mention(d, t2, "Hok Tam-based", 0) : -1;
  OK(i < 0 || F_m(d, i)->label != BL_LABEL_PERSON, "Tam-based: no given name");
  bl_doc_free(d);
  F_free_model();
}

/* A name the tagger called an organisation, followed by a version number
 * ("Kestrel Navigator 7 is"), is a product, at every mention; a number
 * with a unit, a result table or a head noun keep the organisation. */
static void test_versioned_products(void) {
  if (!F_load_model()) return;
  const char *t1 = "Results\n\nSupport for Kestrel Navigator 7 ends soon, and Kestrel Navigator "
                   "users must upgrade.";
  const char *s1[] = {"Kestrel Navigator", "Kestrel Navigator", NULL};
  const int y1[] = {BL_NER_ORG, BL_NER_ORG};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (versioned product)");
  int i = d ? F_mention(d, t1, "Kestrel Navigator", 0) : -1;
  int j = d ? F_mention(d, t1, "Kestrel Navigator", 40) : -1;
  OK(i >= 0 && j > i, "both mentions of the product");
  if (i >= 0 && j > i) {
    INT_EQ(F_m(d, i)->label, BL_LABEL_MISC, "Kestrel Navigator 7 ends: a product");
    INT_EQ(F_m(d, j)->label, BL_LABEL_MISC, "the other mention too");
  }
  bl_doc_free(d);
  const char *t2 = "Results\n\nVelomax 4 hours 39 minutes behind. Channel 9 reported it. "
                   "Porto Vale 2 Estrela 1 on Sunday.";
  const char *s2[] = {"Velomax", "Channel 9", "Porto Vale", "Estrela", NULL};
  const int y2[] = {BL_NER_ORG, BL_NER_ORG, BL_NER_ORG, BL_NER_ORG};
  d = F_run_ner(t2, s2, y2);
  OK(d != NULL, "analyze (numbers that are no versions)");
  F_expect(d, t2, "Velomax", BL_LABEL_ORG, NULL, "Velomax 4 hours: a time, the team");
  F_expect(d, t2, "Porto Vale", BL_LABEL_ORG, NULL, "Porto Vale 2 Estrela 1: a result");
  i = d ? F_mention(d, t2, "Channel", 0) : -1;
  OK(i < 0 || F_m(d, i)->label != BL_LABEL_MISC, "Channel 9: a broadcaster");
  bl_doc_free(d);
  F_free_model();
}

/* A name the tagger called a person that owns one ("Vexoria's Anna Berg")
 * or that one is "of" ("Peter Lund of Vexoria") is their organisation; a
 * surname of someone named in full ("Peter Lund ... Lund's Anna Berg")
 * stays a person. */
static void test_member_organisations(void) {
  if (!F_load_model()) return;
  const char *t1 = "Results\n\nVexoria's Anna Berg won a seat, and Peter Lund of Vexoria lost.";
  const char *s1[] = {"Vexoria", "Anna Berg", "Peter Lund", "Vexoria", NULL};
  const int y1[] = {BL_NER_PER, BL_NER_PER, BL_NER_PER, BL_NER_PER};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (member organisations)");
  int i = d ? F_mention(d, t1, "Vexoria", 0) : -1, j = d ? F_mention(d, t1, "Vexoria", 30) : -1;
  OK(i >= 0 && j > i, "both mentions of Vexoria");
  if (i >= 0 && j > i) {
    INT_EQ(F_m(d, i)->label, BL_LABEL_ORG, "Vexoria's Anna Berg: an organisation");
    INT_EQ(F_m(d, j)->label, BL_LABEL_ORG, "Peter Lund of Vexoria: the same");
  }
  F_expect(d, t1, "Anna Berg", BL_LABEL_PERSON, NULL, "Anna Berg stays a person");
  bl_doc_free(d);
  const char *t2 = "Results\n\nPeter Lund spoke first. Later Lund's Anna Berg replied.";
  const char *s2[] = {"Peter Lund", "Lund", "Anna Berg", NULL};
  const int y2[] = {BL_NER_PER, BL_NER_PER, BL_NER_PER};
  d = F_run_ner(t2, s2, y2);
  OK(d != NULL, "analyze (a surname's possessive)");
  i = d ? F_mention(d, t2, "Lund", 20) : -1;
  OK(i >= 0, "Lund");
  if (i >= 0) INT_EQ(F_m(d, i)->label, BL_LABEL_PERSON, "Lund's Anna Berg: Lund is a person");
  bl_doc_free(d);
  F_free_model();
}

/* A name the tagger called an organisation that ends in a building's head
 * noun is the building (FAC); in a match report a club may be named so. */
static void test_buildings(void) {
  if (!F_load_model()) return;
  const char *t1 = "Results\n\nCrowds walked from Lund Memorial Hall Station to the Vexo Towers.";
  const char *s1[] = {"Lund Memorial Hall Station", "Vexo Towers", NULL};
  const int y1[] = {BL_NER_ORG, BL_NER_ORG};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (buildings)");
  F_expect(d, t1, "Lund Memorial Hall Station", BL_LABEL_FAC, NULL, "a station: FAC");
  F_expect(d, t1, "Vexo Towers", BL_LABEL_FAC, NULL, "towers: FAC");
  bl_doc_free(d);
  const char *t2 = "Results\n\nVexo Palace won the match with a late goal against Porto Vale.";
  const char *s2[] = {"Vexo Palace", "Porto Vale", NULL};
  const int y2[] = {BL_NER_ORG, BL_NER_ORG};
  d = F_run_ner(t2, s2, y2);
  OK(d != NULL, "analyze (a club named like a building)");
  F_expect(d, t2, "Vexo Palace", BL_LABEL_ORG, NULL, "a match report: the club");
  bl_doc_free(d);
  F_free_model();
}

/* One sense per article: words the tagger found as a name once are that
 * name where they recur unfound; not a word also written in lower case. */
static void test_repeated_names(void) {
  if (!F_load_model()) return;
  const char *t1 = "Results\n\nPeter Lund of Vexora won. Later the Vexora chief agreed, "
                   "and Hope Lane praised VXD. Voters hope VXD will stay, said Hope Lane.";
  const char *s1[] = {"Peter Lund", "Vexora", "Hope Lane", "VXD", NULL};
  const int y1[] = {BL_NER_PER, BL_NER_ORG, BL_NER_PER, BL_NER_ORG};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (repeated names)");
  int i = d ? F_mention(d, t1, "Vexora", 0) : -1, j = d ? F_mention(d, t1, "Vexora", 35) : -1;
  OK(i >= 0 && j > i, "the repeat of Vexora is a mention");
  if (i >= 0 && j > i) {
    INT_EQ(F_m(d, j)->label, BL_LABEL_ORG, "with the tagged label");
    INT_EQ(F_m(d, j)->entity, F_m(d, i)->entity, "and the same entity");
    INT_EQ(F_m(d, j)->source, BL_SRC_ALIAS, "found as a repeat");
  }
  i = d ? F_mention(d, t1, "VXD", 80) : -1;
  OK(i >= 0, "VXD repeated");
  if (i >= 0) INT_EQ(F_m(d, i)->label, BL_LABEL_ORG, "VXD: ORG");
  i = d ? F_mention(d, t1, "Hope Lane", 90) : -1;
  OK(i >= 0, "Hope Lane repeated");
  if (i >= 0) INT_EQ(F_m(d, i)->label, BL_LABEL_PERSON, "Hope Lane: a person");
  bl_doc_free(d);
  const char *t2 = "Results\n\nHope won the prize. Friends hope she returns. Hope smiled.";
  const char *s2[] = {"Hope", NULL};
  const int y2[] = {BL_NER_PER};
  d = F_run_ner(t2, s2, y2);
  OK(d != NULL, "analyze (a name that is also a word)");
  OK(!d || F_mention(d, t2, "Hope", 40) < 0, "Hope / hope: no repeat from the list of names");
  bl_doc_free(d);
  F_free_model();
}

/* A plural whose singular names something in the article ("40 Vexos" /
 * "the Vexo camera") is no person; a surname in -s stays one. */
static void test_plural_names(void) {
  if (!F_load_model()) return;
  const char *t1 = "Results\n\nThe Vexo camera was popular. The museum showed 40 Vexos, "
                   "and Lund Vexos were sold.";
  const char *s1[] = {"Vexo", "Vexos", "Lund Vexos", NULL};
  const int y1[] = {BL_NER_ORG, BL_NER_PER, BL_NER_PER};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (plural of a name)");
  OK(d && F_mention(d, t1, "Vexos", 0) < 0, "40 Vexos: no person");
  OK(d && F_mention(d, t1, "Lund Vexos", 0) < 0, "Lund Vexos: no person's name");
  F_expect(d, t1, "Lund", BL_LABEL_PERSON, NULL, "Lund Vexos: Lund is the person");
  bl_doc_free(d);
  const char *t2 = "Results\n\nAnna Peters won. Peters thanked Peter Lund.";
  const char *s2[] = {"Anna Peters", "Peters", "Peter Lund", NULL};
  const int y2[] = {BL_NER_PER, BL_NER_PER, BL_NER_PER};
  d = F_run_ner(t2, s2, y2);
  OK(d != NULL, "analyze (a surname in -s)");
  int i = d ? F_mention(d, t2, "Peters", 20) : -1;
  OK(i >= 0, "Peters stays");
  if (i >= 0) INT_EQ(F_m(d, i)->label, BL_LABEL_PERSON, "Peters: a person");
  bl_doc_free(d);
  F_free_model();
}

/* A name the tagger called a place that ends in an organisation's or a
 * newspaper's head noun is the organisation; a hospital stays a place. */
static void test_org_heads_tagged_places(void) {
  if (!F_load_model()) return;
  const char *t1 = "Results\n\nShe told the Vexo Gazette about it. Staff of Lund College "
                   "agreed. Patients of Lund Hospital waited.";
  const char *s1[] = {"Vexo Gazette", "Lund College", "Lund Hospital", NULL};
  const int y1[] = {BL_NER_LOC, BL_NER_LOC, BL_NER_LOC};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (org heads tagged places)");
  F_expect(d, t1, "Vexo Gazette", BL_LABEL_ORG, NULL, "a newspaper: ORG");
  F_expect(d, t1, "Lund College", BL_LABEL_ORG, NULL, "a college: ORG");
  F_expect(d, t1, "Lund Hospital", BL_LABEL_GPE, NULL, "a hospital: the place, as tagged");
  bl_doc_free(d);
  F_free_model();
}

/* The tagger's span may run into "of": the name stops before it. */
static void test_trailing_connector(void) {
  if (!F_load_model()) return;
  const char *t1 = "Results\n\nCouncillors Anna Berg of the Vexo Party were elected.";
  const char *s1[] = {"Anna Berg of", "Vexo Party", NULL};
  const int y1[] = {BL_NER_PER, BL_NER_ORG};
  bl_doc *d = F_run_ner(t1, s1, y1);
  OK(d != NULL, "analyze (trailing connector)");
  F_expect(d, t1, "Anna Berg", BL_LABEL_PERSON, NULL, "Anna Berg of | the Vexo Party");
  OK(d && F_mention(d, t1, "Anna Berg of", 0) < 0, "no 'of' in the name");
  bl_doc_free(d);
  F_free_model();
}

static int F_team(const bl_doc *d, const char *t, const char *name, int from) {
  int m = d ? F_mention(d, t, name, from) : -1;
  OK(m >= 0, name);
  return m >= 0 ? (F_m(d, m)->flags & BL_MF_TEAM) != 0 : -1;
}

static void test_national_teams(void) {
  /* a match report: the countries that play are teams, wherever they act
   * ("China's coach"); a country named as a place stays a place */
  const char *t =
      "France beat China 2-1 on Sunday with a goal in each half of the match. "
      "China's coach said his side would recover. The next match is in France, "
      "and Russia 1 - 1 United States was the other result.";
  bl_doc *d = F_run(t);
  OK(d != NULL, "analyze (match report)");
  INT_EQ(F_team(d, t, "France", 0), 1, "France beat ...: a team");
  INT_EQ(F_team(d, t, "China", 0), 1, "... beat China 2-1: a team");
  INT_EQ(F_team(d, t, "China", 60), 1, "China's coach: the same team");
  INT_EQ(F_team(d, t, "France", 100), 0, "the next match is in France: a place");
  INT_EQ(F_team(d, t, "Russia", 0), 1, "Russia 1 - 1 ...: a team");
  INT_EQ(F_team(d, t, "United States", 0), 1, "... 1 - 1 United States: a team");
  int m = d ? F_mention(d, t, "China", 0) : -1;
  if (m >= 0) {
    INT_EQ(F_m(d, m)->label, BL_LABEL_GPE, "a team keeps the country's label");
    INT_EQ(F_m(d, m)->kb_entry, bl_kb_find(F_kb, "Q148"), "and its KB link");
  }
  bl_doc_free(d);
  /* no sport words: "beat" and a figure say nothing about teams */
  const char *t2 = "France beat China 2-1 in the vote on Sunday, diplomats said.";
  d = F_run(t2);
  OK(d != NULL, "analyze (a vote)");
  INT_EQ(F_team(d, t2, "France", 0), 0, "a vote: France is the state");
  INT_EQ(F_team(d, t2, "China", 0), 0, "a vote: China is the state");
  bl_doc_free(d);
  /* a sports article, but the countries only host or are visited */
  const char *t3 = "The league match was moved to France. The coach flew from China "
                   "after the tournament in Russia.";
  d = F_run(t3);
  OK(d != NULL, "analyze (places in a sports article)");
  INT_EQ(F_team(d, t3, "France", 0), 0, "moved to France: a place");
  INT_EQ(F_team(d, t3, "China", 0), 0, "from China: a place");
  INT_EQ(F_team(d, t3, "Russia", 0), 0, "in Russia: a place");
  bl_doc_free(d);
}

int main(void) {
  int rc = F_build();
  OK(rc >= 0, "fixture KB builds");
  if (rc < 0) return T_summary("test_entities");
  test_honorific_resolution();
  test_metonym_vs_city();
  test_surname_named_by_honorific();
  test_body_with_complement();
  test_ambiguous_alias();
  test_acronym();
  test_two_kims();
  test_family_name_first();
  test_demonym_and_title();
  test_body_and_boilerplate();
  test_invariants();
  test_coordinated_names_in_one_tagger_span();
  test_tagger_span_edges();
  test_first_name_tagged_org();
  test_national_teams();
  test_hyphenated_given_names();
  test_versioned_products();
  test_member_organisations();
  test_buildings();
  test_repeated_names();
  test_plural_names();
  test_org_heads_tagged_places();
  test_trailing_connector();
  bl_kb_free(F_kb);
  return T_summary("test_entities");
}
