/* test_relations.c -- the relation stage on hand-made token/mention tables.
 *
 * Each case is a text whose tokens are separated by single spaces, with
 * mentions marked {words|entity} or {words|entity|flags} (flags: D demonym,
 * M metonym).  Entities are given as a string of labels, one letter each
 * (P person, O organisation, G state) plus genders (m/f/-).  Sentences end
 * at " . " tokens.  The harness builds the tables the earlier stages would
 * fill and runs bl__relations alone, so these tests do not depend on the
 * tokenizer, the KB or the tagger. */
#include "bl_internal.h"
#include "harness.h"

#define MAXT 256

typedef struct {
  bl_doc *doc;
  char *names[32]; /* entity -> first mention text, for messages */
} T_doc;

static bl_doc *T_new_doc(void) {
  bl_doc *d = bl_calloc(1, sizeof(bl_doc));
  bl_arena_init(&d->arena);
  bl_vec_init(&d->tokens, sizeof(bl_token));
  bl_vec_init(&d->tokx, sizeof(bl_tokx));
  bl_vec_init(&d->norm, 1);
  bl_vec_init(&d->sentences, sizeof(bl_sentence));
  bl_vec_init(&d->paragraphs, sizeof(bl_paragraph));
  bl_vec_init(&d->mentions, sizeof(bl_mention));
  bl_vec_init(&d->entities, sizeof(bl_entity));
  bl_vec_init(&d->quotes, sizeof(bl_quote));
  bl_vec_init(&d->relations, sizeof(bl_relation));
  return d;
}

/* Builds a document from marked-up text; labels e.g. "PGP", genders "m-m". */
static bl_doc *T_build(const char *markup, const char *labels,
                       const char *genders) {
  bl_doc *d = T_new_doc();
  char text[4096];
  size_t o = 0;
  const char *p = markup;
  int in_m = 0, m_first = 0;
  int ntok = 0;
  size_t tok_start = 0;
  while (*p) {
    if (*p == '{') {
      in_m = 1;
      m_first = ntok;
      p++;
      continue;
    }
    if (in_m && *p == '|') {
      /* close the current token, then read entity / flags */
      p++;
      int e = 0;
      while (*p >= '0' && *p <= '9') e = e * 10 + (*p++ - '0');
      int fl = 0;
      if (*p == '|') {
        p++;
        while (*p && *p != '}') {
          if (*p == 'D') fl |= BL_MF_DEMONYM;
          if (*p == 'M') fl |= BL_MF_METONYM;
          p++;
        }
      }
      if (*p == '}') p++;
      /* finish token if pending */
      if (o > tok_start) {
        bl_token *t = bl_vec_push(&d->tokens);
        bl_tokx *x = bl_vec_push(&d->tokx);
        t->start = (int32_t)tok_start;
        t->end = (int32_t)o;
        t->kind = BL_TOK_WORD;
        t->mention = -1;
        x->bstart = (int32_t)tok_start;
        x->bend = (int32_t)o;
        ntok++;
      }
      tok_start = o;
      bl_mention *m = bl_vec_push(&d->mentions);
      const bl_token *tt = (const bl_token *)d->tokens.data;
      m->tok_start = m_first;
      m->tok_end = ntok;
      m->start = tt[m_first].start;
      m->end = tt[ntok - 1].end;
      m->entity = e;
      m->flags = fl;
      m->kb_layer = m->kb_entry = -1;
      in_m = 0;
      continue;
    }
    if (*p == ' ') {
      if (o > tok_start) {
        bl_token *t = bl_vec_push(&d->tokens);
        bl_tokx *x = bl_vec_push(&d->tokx);
        t->start = (int32_t)tok_start;
        t->end = (int32_t)o;
        t->kind = BL_TOK_WORD;
        t->mention = -1;
        x->bstart = (int32_t)tok_start;
        x->bend = (int32_t)o;
        ntok++;
      }
      text[o++] = ' ';
      tok_start = o;
      p++;
      continue;
    }
    text[o++] = *p++;
  }
  if (o > tok_start) {
    bl_token *t = bl_vec_push(&d->tokens);
    bl_tokx *x = bl_vec_push(&d->tokx);
    t->start = (int32_t)tok_start;
    t->end = (int32_t)o;
    t->kind = BL_TOK_WORD;
    x->bstart = (int32_t)tok_start;
    x->bend = (int32_t)o;
    ntok++;
  }
  text[o] = 0;
  d->text = bl_malloc(o + 1);
  memcpy(d->text, text, o + 1);
  d->len = o;
  d->n_chars = o;
  /* sentences: split after "." tokens */
  bl_token *tt = (bl_token *)d->tokens.data;
  int s0 = 0, si = 0;
  for (int i = 0; i < ntok; i++) {
    tt[i].sent = si;
    bool end = (tt[i].end - tt[i].start == 1 && text[tt[i].start] == '.') ||
               i == ntok - 1;
    if (i == s0) tt[i].flags |= BL_TF_SENT_START;
    if (end) {
      bl_sentence *s = bl_vec_push(&d->sentences);
      s->tok_start = s0;
      s->tok_end = i + 1;
      s->start = tt[s0].start;
      s->end = tt[i].end;
      s0 = i + 1;
      si++;
    }
  }
  for (size_t k = 0; labels[k]; k++) {
    bl_entity *e = bl_vec_push(&d->entities);
    e->label = labels[k] == 'P'   ? BL_LABEL_PERSON
               : labels[k] == 'O' ? BL_LABEL_ORG
               : labels[k] == 'G' ? BL_LABEL_GPE
                                  : BL_LABEL_LOC;
    e->gender = genders[k] == 'm'   ? BL_GENDER_MALE
                : genders[k] == 'f' ? BL_GENDER_FEMALE
                                    : BL_GENDER_NONE;
    e->kb_layer = e->kb_entry = -1;
  }
  bl_mention *mm = (bl_mention *)d->mentions.data;
  for (size_t k = 0; k < d->mentions.len; k++)
    mm[k].label = ((bl_entity *)d->entities.data)[mm[k].entity].label;
  return d;
}

static const bl_relation *T_rels(bl_doc *d, size_t *n) {
  int rc = bl__relations(d);
  INT_EQ(rc, BL_OK, "bl__relations ok");
  *n = d->relations.len;
  return (const bl_relation *)d->relations.data;
}

/* Finds the relation (s, kind, o) or returns NULL. */
static const bl_relation *T_find(const bl_relation *r, size_t n, int s,
                                 const char *kind, int o) {
  for (size_t k = 0; k < n; k++)
    if (r[k].subject == s && r[k].object == o &&
        !strcmp(bl_enum_name(BL_ENUM_REL_KIND, r[k].kind), kind))
      return &r[k];
  return NULL;
}

static char *T_span(bl_doc *d, int32_t s, int32_t e, char *buf) {
  if (s < 0 || e < s) {
    buf[0] = 0;
    return buf;
  }
  memcpy(buf, d->text + s, (size_t)(e - s));
  buf[e - s] = 0;
  return buf;
}

static void test_premodifier_roles(void) {
  bl_doc *d = T_build(
      "In Beijing , {Chinese|1|D} President {Xi Jinping|0} spoke . "
      "{UK|3} Foreign Secretary {Jack Straw|2} said so . "
      "{Russia|5} 's foreign minister {Sergei Lavrov|4} arrived .",
      "PGPGPG", "m-m-m-");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  char buf[128];
  const bl_relation *x = T_find(r, n, 0, "role", 1);
  OK(x != NULL, "Xi role China");
  if (x) {
    STR_EQ(T_span(d, x->title_start, x->title_end, buf), "President", "title");
    INT_EQ(x->sentence, 0, "sentence");
    INT_EQ(x->negated, 0, "not negated");
  }
  x = T_find(r, n, 2, "role", 3);
  OK(x != NULL, "Straw role UK");
  if (x)
    STR_EQ(T_span(d, x->title_start, x->title_end, buf), "Foreign Secretary",
           "two-word title");
  OK(T_find(r, n, 4, "role", 5) != NULL, "Lavrov role Russia via 's");
  INT_EQ(n, 3, "nothing else");
  bl_doc_free(d);
}

static void test_apposition_affiliation(void) {
  bl_doc *d = T_build(
      "\" It cannot happen , \" said {Alexander Korolev|0} , an expert on "
      "{China|1} - {Russia|2} relations at the {University of New South "
      "Wales|3} . {Brad Adams|4} , from the {UK|5} 's {Human Rights Watch|6} , "
      "agreed . {Ann Lee|7} , a professor on {China|1} , wrote .",
      "PGGOPGOP", "m---m--f");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  char buf[128];
  const bl_relation *x = T_find(r, n, 0, "affiliation", 3);
  OK(x != NULL, "Korolev affiliation UNSW");
  if (x) STR_EQ(T_span(d, x->title_start, x->title_end, buf), "expert", "title");
  OK(T_find(r, n, 0, "affiliation", 1) == NULL, "no affiliation with China");
  OK(T_find(r, n, 0, "role", 1) == NULL, "no role in China");
  OK(T_find(r, n, 4, "affiliation", 6) != NULL, "Adams affiliation HRW");
  OK(T_find(r, n, 4, "affiliation", 5) == NULL, "not with the UK");
  INT_EQ(n, 2, "nothing else (professor on China is no affiliation)");
  bl_doc_free(d);
}

static void test_active_and_roles_in_object(void) {
  bl_doc *d = T_build(
      "{Mr Putin|0} welcomed {North Korean|1|D} leader {Kim Jong Un|2} in a "
      "meeting .",
      "PGP", "m-m");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  char buf[128];
  const bl_relation *x = T_find(r, n, 0, "consult", 2);
  OK(x != NULL, "Putin consult Kim");
  if (x) {
    INT_EQ(x->cameo, 43, "host a visit");
    STR_EQ(T_span(d, x->pred_start, x->pred_end, buf), "welcomed", "predicate");
    STR_EQ(T_span(d, x->start, x->end, buf),
           "Mr Putin welcomed North Korean leader Kim Jong Un", "evidence");
    INT_EQ(x->modality, BL_MOD_ASSERTED, "asserted");
  }
  OK(T_find(r, n, 2, "role", 1) != NULL, "Kim role North Korea");
  OK(T_find(r, n, 0, "consult", 1) == NULL, "the demonym is no object");
  INT_EQ(n, 2, "two relations");
  bl_doc_free(d);
}

static void test_passive(void) {
  bl_doc *d = T_build(
      "{Kim|0} was sharply criticised by {Putin|1} . "
      "{Kim|0} was criticised on Monday .",
      "PP", "mm");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  const bl_relation *x = T_find(r, n, 1, "disapprove", 0);
  OK(x != NULL, "agent is the subject");
  if (x) OK(x->flags & BL_RF_PASSIVE, "passive flag");
  OK(T_find(r, n, 0, "disapprove", 1) == NULL, "not the other way");
  INT_EQ(n, 1, "agentless passive gives nothing");
  bl_doc_free(d);
}

static void test_negation_modality(void) {
  bl_doc *d = T_build(
      "{Putin|0} did not meet {Xi|1} . "
      "{Putin|0} is expected to visit {Beijing|2|M} soon . "
      "{Xi|1} will meet {Putin|0} . "
      "{Putin|0} could sanction {Xi|1} . "
      "{Xi|1} plans to visit {Beijing|2|M} .",
      "PPG", "mm-");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  const bl_relation *x = T_find(r, n, 0, "consult", 1);
  OK(x && x->negated == 1, "did not meet: negated");
  x = T_find(r, n, 0, "consult", 2);
  OK(x && x->modality == BL_MOD_EXPECTED && !x->negated, "expected to visit");
  if (x) INT_EQ(x->cameo, 42, "visit code");
  x = T_find(r, n, 1, "consult", 0);
  OK(x && x->modality == BL_MOD_FUTURE, "will meet");
  x = T_find(r, n, 0, "sanction", 1);
  OK(x && x->modality == BL_MOD_POSSIBLE, "could sanction");
  x = T_find(r, n, 1, "consult", 2);
  OK(x && x->modality == BL_MOD_INTENDED, "plans to visit");
  STR_EQ(bl_enum_name(BL_ENUM_MODALITY, BL_MOD_EXPECTED), "expected", "name");
  STR_EQ(bl_enum_name(BL_ENUM_MODALITY, 0), "", "asserted name");
  OK(bl_enum_name(BL_ENUM_MODALITY, BL_MOD_COUNT) == NULL, "modality end");
  bl_doc_free(d);
}

static void test_nominal_and_pronouns(void) {
  bl_doc *d = T_build(
      "In a statement , {Mr Putin|0} said he expected to meet {Chinese|1|D} "
      "President {Xi Jinping|2} , but he did not say when . "
      "After the {International Criminal Court|3} issued an arrest warrant for "
      "him , he has not travelled abroad . "
      "{Putin|0} left after {Wang|4} 's trip to {Russia|5} .",
      "PGPOPG", "m-m-m-");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  char buf[128];
  const bl_relation *x = T_find(r, n, 0, "consult", 2);
  OK(x != NULL, "he (Putin) expected to meet Xi");
  if (x) {
    INT_EQ(x->modality, BL_MOD_EXPECTED, "expected");
    OK(x->flags & BL_RF_SUBJ_PRONOUN, "pronoun subject");
    STR_EQ(T_span(d, x->subj_start, x->subj_end, buf), "he", "as written");
  }
  x = T_find(r, n, 3, "legal_action", 0);
  OK(x != NULL, "ICC arrest warrant for him (Putin)");
  if (x) {
    OK(x->flags & BL_RF_OBJ_PRONOUN, "pronoun object");
    OK(x->flags & BL_RF_NOMINAL, "nominal trigger");
    STR_EQ(T_span(d, x->pred_start, x->pred_end, buf), "arrest warrant",
           "two-word trigger");
    INT_EQ(x->cameo, 173, "cameo 173");
  }
  OK(T_find(r, n, 3, "legal_action", 2) == NULL, "not Xi");
  x = T_find(r, n, 4, "consult", 5);
  OK(x != NULL, "Wang's trip to Russia");
  OK(T_find(r, n, 0, "consult", 5) == NULL, "Putin did not go to Russia");
  bl_doc_free(d);
}

static void test_ally_denial_symmetric(void) {
  bl_doc *d = T_build(
      "While {Beijing|0|M} denies supporting {Russia|1} indirectly , it is a "
      "close ally of {Moscow|1|M} . "
      "{Macron|2} and {Scholz|3} met on Tuesday . "
      "The close ties between {China|0} and {North Korea|4} matter .",
      "GGPPG", "--mm-");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  const bl_relation *x = T_find(r, n, 0, "cooperate", 1);
  OK(x != NULL, "it (Beijing) is an ally of Moscow");
  int n_ally = 0, n_neg = 0;
  for (size_t k = 0; k < n; k++)
    if (r[k].subject == 0 && r[k].object == 1) {
      n_ally++;
      n_neg += r[k].negated;
    }
  INT_EQ(n_ally, 2, "denied support + ally");
  INT_EQ(n_neg, 1, "support is negated by denies");
  x = T_find(r, n, 2, "consult", 3);
  OK(x && (x->flags & BL_RF_SYMMETRIC), "X and Y met, symmetric");
  x = T_find(r, n, 0, "cooperate", 4);
  OK(x && (x->flags & BL_RF_SYMMETRIC), "close ties between X and Y");
  bl_doc_free(d);
}

static void test_no_invented_relations(void) {
  bl_doc *d = T_build(
      "{Putin|0} spoke about the economy while {Xi|1} visited factories . "
      "{Russia|2} 's economy grew while {Microsoft|3} reported profits . "
      "{Smith|4} met reporters in {London|5} . "
      "Ties between {Russia|2} and {Microsoft|3} are thin . "
      "{Putin|0} and {Xi|1} spoke . He criticised {Smith|4} . "
      "\" He will visit {Russia|2} , \" {Smith|4} said .",
      "PPGOPG", "mmmm-m");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  for (size_t k = 0; k < n; k++)
    fprintf(stderr, "  unexpected: %d -%s-> %d\n", r[k].subject,
            bl_enum_name(BL_ENUM_REL_KIND, r[k].kind), r[k].object);
  INT_EQ(n, 0, "no relation between unrelated entities");
  bl_doc_free(d);
}

static void test_business_and_descriptors(void) {
  bl_doc *d = T_build(
      "{Diageo|0} , the biggest spirits company , has agreed to buy "
      "{Californian|4|D} wine company {Chalone|1} for cash . "
      "{Novartis|2} also acquired 67.7 % of {Hexal|3} 's {US|10} affiliate "
      "{Eon Labs|5} . {Boeing|6} was sued by {Lockheed Martin|7} . "
      "{Ms Druyun|8} had talks with {Mr Sears|9} in October .",
      "OOOOGOOOPPG", "--------ff-");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  const bl_relation *x = T_find(r, n, 0, "acquire", 1);
  OK(x && x->modality == BL_MOD_INTENDED, "agreed to buy: descriptor NP");
  OK(T_find(r, n, 2, "acquire", 5) != NULL, "67.7% of Hexal's US affiliate Eon Labs");
  OK(T_find(r, n, 2, "acquire", 3) == NULL, "not the possessor");
  OK(T_find(r, n, 2, "acquire", 10) == NULL, "not the US");
  x = T_find(r, n, 7, "legal_action", 6);
  OK(x && (x->flags & BL_RF_PASSIVE), "sued by: passive");
  OK(T_find(r, n, 8, "consult", 9) != NULL, "had talks with");
  bl_doc_free(d);
}

static void test_spokesperson_patterns(void) {
  bl_doc *d = T_build(
      "For the {Lib Dems|0} , {David Laws|1} said so . "
      "{Martin Ward|2} , of the {Secondary Heads Association|3} , said so . "
      "{Ann Bell|4} , of {London|5} , said so .",
      "OPPOPG", "-mm-f-");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  OK(T_find(r, n, 1, "affiliation", 0) != NULL, "For the ORG, X said");
  OK(T_find(r, n, 2, "affiliation", 3) != NULL, "X, of the ORG");
  INT_EQ(n, 2, "X, of <place> is no affiliation");
  bl_doc_free(d);
}

static void test_pos_noun_modifier(void) {
  bl_doc *d = T_build("{Trevor Manuel|0} told the {BBC|1} 's {Talking Point|2} "
                      "programme so . {Ann Bell|3} told {Reuters|4} so .",
                      "POOPO", "m--f-");
  bl_token *t = (bl_token *)d->tokens.data;
  for (size_t i = 0; i < d->tokens.len; i++) {
    size_t len = (size_t)(t[i].end - t[i].start);
    if (len == 9 && !memcmp(d->text + t[i].start, "programme", 9)) t[i].pos = BL_UPOS_NOUN;
    if (len == 2 && !memcmp(d->text + t[i].start, "so", 2)) t[i].pos = BL_UPOS_ADV;
  }
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  OK(T_find(r, n, 0, "statement", 2) == NULL, "the programme is the addressee");
  OK(T_find(r, n, 3, "statement", 4) != NULL, "X told Reuters");
  INT_EQ(n, 1, "one statement");
  bl_doc_free(d);
  d = T_build("{John Taylor|0} told {BBC Radio|1} 4 's Today programme so .", "PO",
              "m-");
  t = (bl_token *)d->tokens.data;
  for (size_t i = 0; i < d->tokens.len; i++)
    if (d->text[t[i].start] == '4') t[i].kind = BL_TOK_NUMBER;
  r = T_rels(d, &n);
  INT_EQ(n, 0, "BBC Radio 4's programme: the station only modifies");
  bl_doc_free(d);
}

static void test_kb_office_holders(void) {
  bl_kb_builder *b = bl_kb_builder_new();
  bl_kb_record r0 = {0}, r1 = {0}, r2 = {0}, r3 = {0};
  r0.kb_id = "Q159", r0.name = "Russia", r0.label = BL_LABEL_GPE;
  r0.kind = BL_KB_KIND_COUNTRY;
  r1.kb_id = "Q7747", r1.name = "Vladimir Putin", r1.label = BL_LABEL_PERSON;
  r1.kind = BL_KB_KIND_PERSON, r1.role = BL_KB_ROLE_HEAD_OF_STATE;
  r1.country = "Q159", r1.office = "President";
  r2.kb_id = "Q1", r2.name = "Old Minister", r2.label = BL_LABEL_PERSON;
  r2.kind = BL_KB_KIND_PERSON, r2.role = BL_KB_ROLE_MINISTER;
  r2.country = "Q159", r2.flags = BL_KBE_FORMER;
  r3.kb_id = "Q2", r3.name = "Some Writer", r3.label = BL_LABEL_PERSON;
  r3.kind = BL_KB_KIND_PERSON;
  OK(bl_kb_builder_add(b, &r0) == 0 && bl_kb_builder_add(b, &r1) == 1 &&
         bl_kb_builder_add(b, &r2) == 2 && bl_kb_builder_add(b, &r3) == 3,
     "kb records");
  void *img = NULL;
  size_t len = 0;
  bl_kb *kb = NULL;
  OK(bl_kb_builder_finish(b, &img, &len) == 0, "kb built");
  OK(bl_kb_from_buffer(img, len, 1, &kb) == 0, "kb opened");
  bl_kb_builder_free(b);
  bl_free(img);
  bl_doc *d = T_build("{Putin|0} spoke . {Old Minister|1} and {Some Writer|2} "
                      "left {Russia|3} .",
                      "PPPG", "mmm-");
  bl_entity *e = (bl_entity *)d->entities.data;
  for (int k = 0; k < 4; k++) e[k].kb_layer = 0;
  e[0].kb_entry = 1, e[1].kb_entry = 2, e[2].kb_entry = 3, e[3].kb_entry = 0;
  bl_config cfg = {{kb}, 1, NULL, 0, 0};
  d->cfg = &cfg;
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  const bl_relation *x = T_find(r, n, 0, "role", 3);
  OK(x && (x->flags & BL_RF_KB), "KB office holder: Putin role Russia");
  if (x) {
    INT_EQ(x->sentence, 0, "evidence: first mention's sentence");
    INT_EQ(x->start, 0, "evidence start");
    INT_EQ(x->pred_start, -1, "no trigger in the text");
  }
  INT_EQ(n, 1, "no role for former or office-less people");
  d->cfg = NULL;
  bl_doc_free(d);
  bl_kb_free(kb);
}

static void test_prepositional_mentions_are_not_subjects(void) {
  bl_doc *d = T_build(
      "A spokeswoman for the {Electoral Commission|0} told {BBC News|1} so . "
      "{Mark Hamilton|2} , {Axa|3} spokesman , told {BBC News|1} so .",
      "OOPO", "--m-");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  OK(T_find(r, n, 0, "statement", 1) == NULL, "the spokeswoman spoke, not the ORG");
  OK(T_find(r, n, 2, "statement", 1) != NULL, "apposition skipped to the subject");
  OK(T_find(r, n, 2, "affiliation", 3) != NULL, "X, ORG spokesman");
  INT_EQ(n, 2, "two relations");
  bl_doc_free(d);
}

static void test_nominal_passive(void) {
  bl_doc *d = T_build(
      "An arrest warrant for {Putin|0} was issued by the {ICC|1} in March . "
      "Sanctions on {Russia|2} were imposed by the {European Union|3} . "
      "Sanctions on {Russia|2} were imposed on Monday .",
      "POGO", "m---");
  size_t n;
  const bl_relation *r = T_rels(d, &n);
  const bl_relation *x = T_find(r, n, 1, "legal_action", 0);
  OK(x && (x->flags & BL_RF_PASSIVE), "warrant for X issued by Y");
  OK(T_find(r, n, 3, "sanction", 2) != NULL, "sanctions on X imposed by Y");
  INT_EQ(n, 2, "no agent, no relation");
  bl_doc_free(d);
}

static void test_empty_and_names(void) {
  bl_doc *d = T_new_doc();
  INT_EQ(bl__relations(d), BL_OK, "empty doc");
  INT_EQ(d->relations.len, 0, "no relations");
  bl_doc_free(d);
  INT_EQ(bl__relations(NULL), BL_EINVAL, "NULL doc");
  STR_EQ(bl_enum_name(BL_ENUM_REL_KIND, 1), "role", "kind 1");
  STR_EQ(bl_enum_name(BL_ENUM_REL_KIND, 2), "affiliation", "kind 2");
  OK(bl_enum_name(BL_ENUM_REL_KIND, 0) != NULL, "kind 0 named");
  int k = 0;
  while (bl_enum_name(BL_ENUM_REL_KIND, k)) k++;
  OK(k > 15, "a CAMEO-sized list of kinds");
  OK(bl_enum_name(BL_ENUM_REL_KIND, -1) == NULL, "negative kind");
}

int main(void) {
  (void)T_exact;
  test_premodifier_roles();
  test_apposition_affiliation();
  test_active_and_roles_in_object();
  test_passive();
  test_negation_modality();
  test_nominal_and_pronouns();
  test_ally_denial_symmetric();
  test_no_invented_relations();
  test_business_and_descriptors();
  test_spokesperson_patterns();
  test_pos_noun_modifier();
  test_kb_office_holders();
  test_prepositional_mentions_are_not_subjects();
  test_nominal_passive();
  test_empty_and_names();
  return T_summary("test_relations");
}
