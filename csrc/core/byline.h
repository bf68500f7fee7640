/*
 * byline.h -- the one public header of byline's C core.
 *
 * The core reads a news article (UTF-8) and fills flat tables: tokens,
 * sentences, paragraphs, mentions, entities, quotes and relations.  It never
 * includes Python.h; the CPython binding (csrc/binding/module.c) is one
 * client of this header, the C tests and fuzzers are others.
 *
 * Conventions
 *   - Every function that can fail returns int: >= 0 on success, a negative
 *     bl_status on failure; bl_strerror() turns a status into text.
 *   - Offsets that leave the core are Unicode code-point offsets, half-open
 *     [start, end).  Byte offsets stay inside the core.
 *   - Knowledge bases (bl_kb) and models (bl_model) are immutable once built or
 *     loaded and may be shared by any number of threads without locks.  A
 *     bl_doc belongs to one thread at a time.  The core keeps no global
 *     mutable state, so all functions are re-entrant.
 *   - The core never aborts and never prints.
 *
 * Tables are declared with X-macros so that the binding can export any table
 * generically (column names + a contiguous int32 row array); a stage that
 * needs a new column adds it to its X-macro and nothing else changes.
 */
#ifndef BYLINE_H
#define BYLINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && !defined(BL_STATIC)
#define BL_API __attribute__((visibility("default")))
#else
#define BL_API
#endif

#define BL_VERSION_STRING "0.1.0"

/* ------------------------------------------------------------------ */
/* Status codes                                                        */
/* ------------------------------------------------------------------ */
typedef enum {
  BL_OK = 0,
  BL_ENOMEM = -1,    /* allocation failed */
  BL_EINVAL = -2,    /* bad argument (NULL pointer, bad flag, ...) */
  BL_EUTF8 = -3,     /* input is not valid UTF-8 */
  BL_ETOOBIG = -4,   /* input exceeds BL_MAX_TEXT_BYTES or an internal limit */
  BL_EFORMAT = -5,   /* a kb/model file is not a byline file or is corrupt */
  BL_EVERSION = -6,  /* a kb/model file from another format version */
  BL_ECHECKSUM = -7, /* a kb/model file whose checksum does not match */
  BL_EIO = -8,       /* open/read/mmap failed (errno has details) */
  BL_ETRUNCATED = -9 /* a kb/model file shorter than its header says */
} bl_status;

/* Returns a static, human-readable message for a status code. */
BL_API const char *bl_strerror(int status);

/* The largest text bl_analyze accepts, in bytes of UTF-8 (512 MiB).  Larger
 * input returns BL_ETOOBIG.  Offsets are int32 code points, so this keeps
 * every offset representable. */
#define BL_MAX_TEXT_BYTES ((size_t)512 * 1024 * 1024)

/* Frees memory the core handed to the caller (e.g. bl_kb_builder_finish). */
BL_API void bl_free(void *p);

/* ------------------------------------------------------------------ */
/* Enumerations (each starts with a NONE member)                       */
/* ------------------------------------------------------------------ */
typedef enum {
  BL_LABEL_NONE = 0,
  BL_LABEL_PERSON,
  BL_LABEL_ORG,
  BL_LABEL_GPE,
  BL_LABEL_LOC,
  BL_LABEL_NORP,
  BL_LABEL_FAC,
  BL_LABEL_EVENT,
  BL_LABEL_MISC,
  BL_LABEL_COUNT
} bl_label;

typedef enum {
  BL_TOK_NONE = 0,
  BL_TOK_WORD,    /* letters, possibly with inner apostrophes/periods */
  BL_TOK_NUMBER,  /* digits, with , . : / separators (1,000.5  10:30) */
  BL_TOK_PUNCT,   /* other punctuation and symbols */
  BL_TOK_QUOTE,   /* a quotation mark of any style */
  BL_TOK_DASH,    /* hyphen-minus used as a dash, en/em dash, etc. */
  BL_TOK_ABBREV,  /* U.S.  Mr.  e.g.  Jan. */
  BL_TOK_URL,
  BL_TOK_EMAIL,
  BL_TOK_HANDLE,  /* @user */
  BL_TOK_HASHTAG, /* #tag */
  BL_TOK_CLITIC,  /* 's  ’s  n't  're ... split from the word before */
  BL_TOK_SYMBOL,  /* currency, %, emoji */
  BL_TOK_KIND_COUNT
} bl_token_kind;

/* Token flags (bit set in the `flags` column). */
enum {
  BL_TF_SPACE_AFTER = 1u << 0,  /* whitespace follows the token */
  BL_TF_NEWLINE_BEFORE = 1u << 1,
  BL_TF_PARA_START = 1u << 2,   /* first token of a paragraph */
  BL_TF_SENT_START = 1u << 3,   /* first token of a sentence */
  BL_TF_TITLE = 1u << 4,        /* Initial capital, rest lower (or one letter) */
  BL_TF_UPPER = 1u << 5,        /* all cased letters upper, >= 2 letters */
  BL_TF_LOWER = 1u << 6,        /* all cased letters lower */
  BL_TF_QUOTE_OPEN = 1u << 7,   /* quote mark that can open */
  BL_TF_QUOTE_CLOSE = 1u << 8,  /* quote mark that can close */
  BL_TF_HAS_DIGIT = 1u << 9,
  BL_TF_HYPHEN_INFIX = 1u << 10, /* a hyphen with no space on either side */
  BL_TF_NO_SPACE_BEFORE = 1u << 11, /* attached to the previous token */
  BL_TF_HEADLINE = 1u << 12      /* in the first line, taken as the title */
};
/* Quote tokens always carry QUOTE_OPEN, QUOTE_CLOSE or both (both =
 * ambiguous), decided from the characters on either side as cmark's
 * scan_delims does (left-flanking -> can open, right-flanking -> can close);
 * when the context allows both or neither, a directional glyph (“ ‘ „ « ‹ 「
 * open; ” » › 」 close) decides.  Hyphens between two tokens with no space on
 * either side ("China-Russia") are PUNCT tokens with HYPHEN_INFIX.
 * PARA_START is set on the first token of the text and after a blank line
 * by the tokenizer, and on every paragraph's first token by the segmenter,
 * which also sets SENT_START and HEADLINE. */

typedef enum {
  BL_QUOTE_NONE = 0,
  BL_QUOTE_DIRECT,
  BL_QUOTE_PARTIAL,
  BL_QUOTE_INDIRECT,
  BL_QUOTE_KIND_COUNT
} bl_quote_kind;

typedef enum {
  BL_GENDER_NONE = 0,
  BL_GENDER_MALE,
  BL_GENDER_FEMALE,
  BL_GENDER_PLURAL,
  BL_GENDER_COUNT
} bl_gender;

/* Mention sources (the `source` column of mentions). */
typedef enum {
  BL_SRC_NONE = 0,
  BL_SRC_KB,      /* knowledge-base alias */
  BL_SRC_NER,     /* statistical tagger span */
  BL_SRC_RULE,    /* honorific / title / org-suffix / cue rules */
  BL_SRC_ALIAS,   /* short form resolved to an earlier mention (surname...) */
  BL_SRC_PRONOUN, /* he/she/they resolved by the quote or relation stage */
  BL_SRC_COUNT
} bl_source;

/* Named enumerations, for bl_enum_name(). */
typedef enum {
  BL_ENUM_NONE = 0,
  BL_ENUM_LABEL,
  BL_ENUM_TOKEN_KIND,
  BL_ENUM_QUOTE_KIND,
  BL_ENUM_GENDER,
  BL_ENUM_SOURCE,
  BL_ENUM_UPOS,      /* defined by the tagger stage */
  BL_ENUM_NER,       /* BILOU tags of the tagger */
  BL_ENUM_REL_KIND,  /* defined by the relation stage */
  BL_ENUM_CUE,       /* cue lemmas of the quote stage */
  BL_ENUM_MODALITY,  /* defined by the relation stage */
  BL_ENUM_COUNT
} bl_enum_id;

/* Name of value `value` of enumeration `enum_id` (a static string, lower case
 * except labels/tags, which use their conventional upper case), or NULL when
 * out of range.  Values run from 0 up to the first NULL. */
BL_API const char *bl_enum_name(int enum_id, int value);

/* ------------------------------------------------------------------ */
/* Tables                                                              */
/* ------------------------------------------------------------------ */
/* Each table is an array of structs whose fields are all int32_t, in the
 * order of its X-macro.  -1 means "none" for index columns. */

/* tokens: start/end are code points; sent = sentence index. */
#define BL_TOKEN_FIELDS(X) \
  X(start) X(end) X(kind) X(flags) X(sent) X(pos) X(ner) X(mention)

/* sentences: token range [tok_start, tok_end), para = paragraph index. */
#define BL_SENTENCE_FIELDS(X) \
  X(start) X(end) X(tok_start) X(tok_end) X(para)

#define BL_PARAGRAPH_FIELDS(X) \
  X(start) X(end) X(sent_start) X(sent_end)

/* mentions: label is bl_label; entity indexes the entity table; kb_layer
 * and kb_entry name a knowledge-base entry (-1 if none); source is
 * bl_source; flags are BL_MF_*.  name_start is where the name proper
 * begins (after an honorific: "Mr Putin" -> "Putin"; == start otherwise).
 * title_start/title_end: a title written before the name, kept as an
 * attribute ("President" in "Chinese President Xi Jinping"), -1 if none;
 * title_of: the entity (a state) qualifying that title ("Chinese" ->
 * China), -1 if none. */
#define BL_MENTION_FIELDS(X) \
  X(start) X(end) X(tok_start) X(tok_end) X(label) X(entity) \
  X(kb_layer) X(kb_entry) X(source) X(flags) X(name_start) \
  X(title_start) X(title_end) X(title_of)

/* entities: one per real-world thing, most salient first.  name_mention
 * indexes the mention whose text is the canonical name when kb_entry < 0.
 * first is the code-point offset of the first mention.  salience is in
 * thousandths of the most salient entity's score.  gender is bl_gender.
 * flags are BL_EF_*. */
#define BL_ENTITY_FIELDS(X) \
  X(label) X(kb_layer) X(kb_entry) X(name_mention) X(count) X(first) \
  X(salience) X(gender) X(flags)

/* quotes: kind is bl_quote_kind; speaker indexes entities (-1 if none);
 * speaker_start/end is the speaker text as written (-1 if none); cue is a
 * BL_ENUM_CUE value; flags are BL_QF_*.
 *   start/end: for direct and partial quotes, the words inside the marks
 *   (marks excluded, a trailing comma handed to the attribution excluded);
 *   for indirect quotes, what was said (without "that").  sentence is the
 *   sentence of the opening mark (indirect: of the cue).
 *   Broken quotes: "We will go," he said, "and we will win." gives TWO rows,
 *   same speaker and cue; the second has BL_QF_CONTINUED.  A quote running
 *   over paragraphs (each reopened with a mark) is ONE row, BL_QF_MULTIPARA.
 *   A later quote paragraph with no cue of its own keeps the last speaker,
 *   with cue 0 and cue_start/end -1.  Rows are sorted by start. */
#define BL_QUOTE_FIELDS(X) \
  X(start) X(end) X(kind) X(speaker) X(speaker_start) X(speaker_end) \
  X(cue) X(cue_start) X(cue_end) X(sentence) X(flags)

/* relations: subject/object index entities; kind is a BL_ENUM_REL_KIND value
 * (role, affiliation, or an event kind modelled on CAMEO's top level: see
 * docs/relations.md); pred_* is the trigger as written (for roles: the title);
 * title_* an optional title ("President"); negated is 0/1; modality is a
 * BL_ENUM_MODALITY value (BL_MOD_*); sentence indexes sentences; start/end is
 * the evidence span (subject .. trigger .. object); flags are BL_RF_*; cameo
 * is the CAMEO event code of the trigger (42 = make a visit, 173 = arrest...;
 * 0 for roles, affiliations and byline extensions); subj_* / obj_* are the
 * subject / object as written (a pronoun when resolved from one). */
#define BL_RELATION_FIELDS(X) \
  X(subject) X(object) X(kind) X(pred_start) X(pred_end) X(title_start) \
  X(title_end) X(negated) X(modality) X(sentence) X(start) X(end) X(flags) \
  X(cameo) X(subj_start) X(subj_end) X(obj_start) X(obj_end)

#define BL_FIELD_DECL(name) int32_t name;

typedef struct { BL_TOKEN_FIELDS(BL_FIELD_DECL) } bl_token;
typedef struct { BL_SENTENCE_FIELDS(BL_FIELD_DECL) } bl_sentence;
typedef struct { BL_PARAGRAPH_FIELDS(BL_FIELD_DECL) } bl_paragraph;
typedef struct { BL_MENTION_FIELDS(BL_FIELD_DECL) } bl_mention;
typedef struct { BL_ENTITY_FIELDS(BL_FIELD_DECL) } bl_entity;
typedef struct { BL_QUOTE_FIELDS(BL_FIELD_DECL) } bl_quote;
typedef struct { BL_RELATION_FIELDS(BL_FIELD_DECL) } bl_relation;

/* Mention flags. */
enum {
  BL_MF_METONYM = 1u << 0,   /* a capital/seat standing for its state */
  BL_MF_DEMONYM = 1u << 1,   /* "Chinese" pointing at China */
  BL_MF_POSSESSIVE = 1u << 2, /* followed by 's */
  BL_MF_AMBIGUOUS = 1u << 3,  /* short form shared by several names (Kim) */
  BL_MF_ACRONYM = 1u << 4,    /* acronym defined in the text: (ICC) */
  BL_MF_HONORIFIC = 1u << 5,  /* starts with an honorific (Mr, Dr) */
  BL_MF_TEAM = 1u << 6,       /* a country named for its national team ("Sweden beat
                                 Korea 1-0"); label and KB link stay the country's */
  BL_MF_NESTED = 1u << 7      /* a name inside another mention ("Andy Warhol" in
                                 "the Andy Warhol Foundation", "US" in "US State
                                 Department"); it follows its outer mention in the
                                 table, and tokens point at the outer one */
};

/* Entity flags. */
enum {
  BL_EF_AMBIGUOUS = 1u << 0 /* a short form no full name settles */
};

/* Relation flags. */
enum {
  BL_RF_SYMMETRIC = 1u << 0,   /* X and Y met: direction is not meaningful */
  BL_RF_PASSIVE = 1u << 1,     /* read from a passive clause (by-agent) */
  BL_RF_SUBJ_PRONOUN = 1u << 2,/* subject resolved from a pronoun */
  BL_RF_OBJ_PRONOUN = 1u << 3, /* object resolved from a pronoun */
  BL_RF_NOMINAL = 1u << 4,     /* trigger is a noun (X's trip to Y) */
  BL_RF_FORMER = 1u << 5,      /* role/affiliation marked former */
  BL_RF_IN_QUOTE = 1u << 6,    /* evidence lies inside a direct quote */
  BL_RF_KB = 1u << 7           /* role known to the knowledge base (office
                                  holder), not stated in the text; evidence
                                  is the person's first mention */
};

/* Relation modality (the modality column; names via BL_ENUM_MODALITY). */
typedef enum {
  BL_MOD_ASSERTED = 0, /* name "" */
  BL_MOD_FUTURE,       /* will, is going to */
  BL_MOD_EXPECTED,     /* is expected / set / due to */
  BL_MOD_POSSIBLE,     /* may, might, could, can */
  BL_MOD_CONDITIONAL,  /* would, should, must */
  BL_MOD_INTENDED,     /* plans / wants / hopes / agreed to */
  BL_MOD_ALLEGED,      /* reportedly, allegedly, X alleged */
  BL_MOD_COUNT
} bl_modality;

/* Quote flags. */
enum {
  BL_QF_CONTINUED = 1u << 0,    /* second piece of a quote broken by its cue */
  BL_QF_MULTIPARA = 1u << 1,    /* runs across paragraphs */
  BL_QF_UNCLOSED = 1u << 2      /* opening mark never closed */
};

typedef enum {
  BL_TABLE_NONE = 0,
  BL_TABLE_TOKENS,
  BL_TABLE_SENTENCES,
  BL_TABLE_PARAGRAPHS,
  BL_TABLE_MENTIONS,
  BL_TABLE_ENTITIES,
  BL_TABLE_QUOTES,
  BL_TABLE_RELATIONS,
  BL_TABLE_COUNT
} bl_table_id;

/* Name of a table ("tokens", ...) or NULL. */
BL_API const char *bl_table_name(int table);
/* Column names of a table, in struct order; *n_cols receives the count.
 * Returns NULL for an unknown table. */
BL_API const char *const *bl_table_columns(int table, size_t *n_cols);

/* ------------------------------------------------------------------ */
/* Knowledge base (bl_kb.c)                                            */
/* ------------------------------------------------------------------ */
typedef struct bl_kb bl_kb;
/* The KB section of this header is owned by the matcher stage: see the
 * declarations below the pipeline section. */

/* ------------------------------------------------------------------ */
/* Tagger model (bl_tagger.c)                                          */
/* ------------------------------------------------------------------ */
typedef struct bl_model bl_model;

/* Loads a tagger model file (tagger.blm, made by `make model`), memory-mapped
 * read-only.  On success *out receives the model; free it with
 * bl_model_free().  Errors: BL_EIO (cannot open/map), BL_EFORMAT (not a
 * byline model, or inconsistent), BL_ETRUNCATED, BL_ECHECKSUM, BL_EVERSION
 * (another format or feature-set version).  Every section is bounds-checked
 * at load, so a corrupt file is refused rather than read out of bounds.
 *
 *   bl_model *m = NULL;
 *   int rc = bl_model_load("tagger.blm", &m);
 *   if (rc < 0) { puts(bl_strerror(rc)); return; }
 *   bl_config cfg = {{0}, 0, m, BL_STAGE_TAGS, 0};
 *   ... bl_analyze(&cfg, ...) fills the pos and ner token columns ...
 *   bl_model_free(m);
 */
BL_API int bl_model_load(const char *path, bl_model **out);

/* Same, from `len` bytes in memory (copied; the caller keeps its buffer). */
BL_API int bl_model_from_buffer(const void *data, size_t len, bl_model **out);

/* Frees a model.  NULL is a no-op.  No document may be in analysis with it. */
BL_API void bl_model_free(bl_model *m);

/* What the model was trained on (a static string owned by the model). */
BL_API const char *bl_model_info(const bl_model *m);

/* Tags pre-tokenized text (one document): tokens[i] is lens[i] bytes of
 * UTF-8; sent_start (may be NULL) marks sentence-initial tokens with non-zero
 * bytes (token 0 always starts one).  Writes UPOS values (BL_ENUM_UPOS) to
 * upos[i] and BILOU NER tags (BL_ENUM_NER) to ner[i]; either may be NULL.
 * Returns BL_OK, BL_EINVAL or BL_ENOMEM. */
BL_API int bl_model_tag(const bl_model *m, const char *const *tokens,
                        const size_t *lens, size_t n,
                        const unsigned char *sent_start, int32_t *upos,
                        int32_t *ner);

/* ------------------------------------------------------------------ */
/* Documents and the pipeline                                          */
/* ------------------------------------------------------------------ */
typedef struct bl_doc bl_doc;

/* Pipeline stages (bit flags); each stage runs the ones it needs. */
enum {
  BL_STAGE_TOKENS = 1u << 0,
  BL_STAGE_SENTENCES = 1u << 1,
  BL_STAGE_TAGS = 1u << 2,
  BL_STAGE_ENTITIES = 1u << 3,
  BL_STAGE_QUOTES = 1u << 4,
  BL_STAGE_RELATIONS = 1u << 5,
  BL_STAGE_ALL = 0x3f
};

#define BL_MAX_KB_LAYERS 4

typedef struct {
  const bl_kb *kbs[BL_MAX_KB_LAYERS]; /* layer 0 = built-in, 1.. = user */
  int n_kbs;
  const bl_model *model;              /* may be NULL: no statistical tags */
  uint32_t stages;                    /* BL_STAGE_* (0 means ALL) */
  uint32_t options;                   /* reserved, must be 0 */
} bl_config;

/* Analyse `len` bytes of UTF-8 at `utf8` (need not be NUL-terminated; NUL
 * bytes are ordinary characters).  If `trusted_utf8` is non-zero the caller
 * guarantees well-formed (generalised) UTF-8 -- CPython's surrogatepass
 * encoding included -- and validation is skipped; otherwise invalid UTF-8
 * returns BL_EUTF8 and *err_offset (if not NULL) receives the byte offset of
 * the first bad byte.  On success *out receives a new document; the caller
 * frees it with bl_doc_free().  The document keeps its own copy of the text.
 *
 *   bl_doc *doc = NULL;
 *   bl_config cfg = {{kb}, 1, model, BL_STAGE_ALL, 0};
 *   int rc = bl_analyze(&cfg, text, strlen(text), 0, NULL, &doc);
 *   if (rc < 0) { puts(bl_strerror(rc)); return; }
 *   ... bl_doc_table(doc, BL_TABLE_ENTITIES, &n) ...
 *   bl_doc_free(doc);
 */
BL_API int bl_analyze(const bl_config *cfg, const char *utf8, size_t len,
                      int trusted_utf8, size_t *err_offset, bl_doc **out);

/* Frees a document and everything it owns.  NULL is a no-op. */
BL_API void bl_doc_free(bl_doc *doc);

/* Rows of a table: returns a pointer to n_rows * n_cols int32 values (row
 * major; valid until bl_doc_free) and stores the row count in *n_rows.
 * Returns NULL with *n_rows = 0 for an empty or unknown table. */
BL_API const int32_t *bl_doc_table(const bl_doc *doc, int table,
                                   size_t *n_rows);

/* Number of code points in the document's text. */
BL_API size_t bl_doc_length(const bl_doc *doc);

/* The normalised form of token `i` (case-folded, diacritics stripped,
 * apostrophes/dashes unified; what the matcher compares), as UTF-8 that is
 * NOT NUL-terminated; *len receives its length in bytes.  Valid until
 * bl_doc_free.  Returns NULL with *len = 0 when `i` is out of range; a token
 * whose normalised form is empty returns a non-NULL pointer and *len = 0. */
BL_API const char *bl_doc_token_norm(const bl_doc *doc, size_t i, size_t *len);

/* ------------------------------------------------------------------ */
/* Knowledge base: compiled gazetteer + entries (bl_kb.c, bl_kb_build.c) */
/* ------------------------------------------------------------------ */
/* A bl_kb is an immutable, position-independent binary file: a header
 * (magic "BYLINEKB", format version, size, checksum, tokenizer
 * fingerprint), a section table, then sections (strings, entries, aliases,
 * a token-level trie stored as a hash table of edges, an id index).  It is
 * loaded with mmap (bl_kb_load) or from memory (bl_kb_from_buffer); every
 * index in it is checked at load time, so a truncated, corrupted or foreign
 * file gives BL_ETRUNCATED / BL_ECHECKSUM / BL_EFORMAT / BL_EVERSION and
 * never an out-of-bounds read.  A loaded KB is never written to and may be
 * shared by any number of threads.
 *
 * Aliases are tokenized by byline's own tokenizer and matched as token
 * sequences (never inside a word), leftmost-longest.  An alias matches
 * case- and diacritic-insensitively (normalised token forms) unless it is
 * case-sensitive (BL_KBA_CASE, or automatically: all-caps aliases of at most
 * BL_KB_AUTO_CASE_MAX letters such as "US", "WHO"), in which case it matches
 * the tokens exactly as written.  An alias shared by several entries gives
 * one hit per entry. */

/* Entry kinds.  Entity kinds first, then lexicon kinds (words that other
 * stages use as cues, not entities themselves). */
typedef enum {
  BL_KB_KIND_NONE = 0,
  BL_KB_KIND_COUNTRY,    /* state or territory (GPE) */
  BL_KB_KIND_CITY,       /* city or town (GPE) */
  BL_KB_KIND_REGION,     /* province, state, region (GPE/LOC) */
  BL_KB_KIND_PLACE,      /* other location: sea, mountain, continent (LOC) */
  BL_KB_KIND_SEAT,       /* seat of government used as a metonym: Kremlin */
  BL_KB_KIND_ORG,        /* organisation, international or other (ORG) */
  BL_KB_KIND_GOV_BODY,   /* a specific government body: State Department */
  BL_KB_KIND_PERSON,     /* a known person (PERSON) */
  BL_KB_KIND_GROUP,      /* nationality/religious/political group (NORP) */
  BL_KB_KIND_OTHER,      /* any other user entry */
  /* lexicons */
  BL_KB_KIND_HONORIFIC,  /* Mr, Mrs, Dr, Sir (gender set when known) */
  BL_KB_KIND_TITLE,      /* President, Prime Minister, envoy, spokesman */
  BL_KB_KIND_FIRST_NAME, /* given names (gender set when clear) */
  BL_KB_KIND_ORG_HEAD,   /* head nouns of organisation names: University */
  BL_KB_KIND_LEGAL_FORM, /* Inc, Ltd, PLC, GmbH */
  BL_KB_KIND_BODY,       /* composable government body: foreign ministry */
  BL_KB_KIND_STOP_NAME,  /* capitalised words that are not names: Monday */
  BL_KB_KIND_COUNT
} bl_kb_kind;

#define BL_KB_KIND_IS_LEXICON(k) ((k) >= BL_KB_KIND_HONORIFIC)

/* How an entry relates to the entry in its `country` link. */
typedef enum {
  BL_KB_ROLE_NONE = 0,
  BL_KB_ROLE_CAPITAL,            /* a capital city of `country` */
  BL_KB_ROLE_SEAT,               /* seat of government: stands for `country` */
  BL_KB_ROLE_HEAD_OF_STATE,      /* person: office in `office` */
  BL_KB_ROLE_HEAD_OF_GOVERNMENT, /* person */
  BL_KB_ROLE_FOREIGN_MINISTER,   /* person */
  BL_KB_ROLE_MINISTER,           /* person, other minister */
  BL_KB_ROLE_OFFICIAL,           /* person, other office */
  BL_KB_ROLE_BODY,               /* government body of `country` */
  BL_KB_ROLE_MEMBER,             /* part of / located in `country` */
  BL_KB_ROLE_COUNT
} bl_kb_role;

/* Alias flags (per alias). */
enum {
  BL_KBA_CASE = 1u << 0,    /* match case-sensitively (exact tokens) */
  BL_KBA_NOCASE = 1u << 1,  /* never apply the automatic all-caps rule */
  BL_KBA_NAME = 1u << 2,    /* the entry's canonical name (set by builder) */
  BL_KBA_DEMONYM = 1u << 3, /* adjective/demonym: Chinese, North Korean */
  BL_KBA_ACRONYM = 1u << 4, /* acronym or abbreviation: UN, ICC */
  BL_KBA_PLURAL = 1u << 5,  /* plural form: Russians */
  BL_KBA_WEAK = 1u << 6,    /* also a common word; needs context: Chad */
  BL_KBA_FORMER = 1u << 7   /* former/historical name */
};
#define BL_KB_AUTO_CASE_MAX 5

/* Entry flags. */
enum {
  BL_KBE_FORMER = 1u << 0,  /* no longer in office / dissolved */
  BL_KBE_NO_NAME = 1u << 1  /* builder: do not add the name as an alias */
};

/* A record for the builder.  Strings are UTF-8, NUL-terminated; NULL means
 * empty.  `country` and `parent` name other entries by kb_id (resolved when
 * the KB is finished, to an entry of the same KB when there is one). */
typedef struct {
  const char *kb_id;    /* stable id: Wikidata QID, ISO code, byline id */
  const char *name;     /* canonical name; also an alias unless NO_NAME */
  int label;            /* bl_label */
  int kind;             /* bl_kb_kind */
  int gender;           /* bl_gender */
  int role;             /* bl_kb_role */
  uint32_t prominence;  /* population, or any popularity score */
  uint32_t flags;       /* BL_KBE_* */
  const char *country;  /* kb_id of the related state */
  const char *parent;   /* kb_id of the parent entry (body's ministry...) */
  const char *office;   /* office held or title: "President" */
  const char *attrs;    /* free text, conventionally "key=value" lines */
  const char *const *aliases; /* n_aliases alias strings */
  const uint32_t *alias_flags; /* BL_KBA_* per alias, or NULL */
  size_t n_aliases;
  uint32_t name_flags;  /* BL_KBA_* for the name alias */
} bl_kb_record;

typedef struct bl_kb_builder bl_kb_builder;

/* Creates a builder; NULL on OOM.  Free with bl_kb_builder_free. */
BL_API bl_kb_builder *bl_kb_builder_new(void);
/* Adds one entry (all strings are copied).  Returns the entry index (>= 0)
 * or BL_EINVAL (bad label/kind/gender/role, empty kb_id, invalid UTF-8),
 * BL_ETOOBIG or BL_ENOMEM.  Aliases that tokenize to nothing are skipped. */
BL_API int bl_kb_builder_add(bl_kb_builder *b, const bl_kb_record *rec);
/* Compiles the KB.  On success *out receives a malloc'd buffer of *out_len
 * bytes (free it with bl_free) holding the file image; save it as it is,
 * or open it with bl_kb_from_buffer.  The builder stays usable. */
BL_API int bl_kb_builder_finish(bl_kb_builder *b, void **out, size_t *out_len);
BL_API void bl_kb_builder_free(bl_kb_builder *b);

/* Opens a compiled KB file with mmap.  On success *out is a new KB; free it
 * with bl_kb_free.  Errors: BL_EIO (errno set), BL_ETRUNCATED, BL_EFORMAT,
 * BL_EVERSION, BL_ECHECKSUM, BL_ENOMEM. */
BL_API int bl_kb_load(const char *path, bl_kb **out);
/* Opens a KB image held in memory.  With copy != 0 the bytes are copied;
 * otherwise the caller keeps `data` alive and unchanged until bl_kb_free
 * (and it must be 8-byte aligned, else it is copied anyway). */
BL_API int bl_kb_from_buffer(const void *data, size_t len, int copy,
                             bl_kb **out);
BL_API void bl_kb_free(bl_kb *kb);

/* Number of entries / aliases. */
BL_API size_t bl_kb_n_entries(const bl_kb *kb);
BL_API size_t bl_kb_n_aliases(const bl_kb *kb);
/* The image (file bytes) and its size; valid until bl_kb_free. */
BL_API const void *bl_kb_image(const bl_kb *kb, size_t *len);

/* One entry, as views into the KB (valid until bl_kb_free). */
typedef struct {
  const char *kb_id, *name, *office, *attrs; /* never NULL ("" if unset) */
  const char *country_id, *parent_id;        /* kb_ids as given, or "" */
  int32_t country, parent; /* entry indices in this KB, -1 if none */
  int label, kind, gender, role;
  uint32_t prominence, flags;
  uint32_t alias_start, n_aliases; /* its aliases: [start, start+n) */
} bl_kb_entry;

/* Fills *out for entry i.  BL_EINVAL when i is out of range. */
BL_API int bl_kb_entry_get(const bl_kb *kb, size_t i, bl_kb_entry *out);
/* Alias a (global alias index): its text, flags and entry. */
BL_API int bl_kb_alias_get(const bl_kb *kb, size_t a, const char **text,
                           uint32_t *flags, int32_t *entry);
/* Entry index with this kb_id, or -1. */
BL_API int32_t bl_kb_find(const bl_kb *kb, const char *kb_id);

/* Alias indices whose token sequence equals the whole of `text` (the same
 * normalisation as matching).  Writes up to `cap` indices to out and returns
 * the total number found (may exceed cap), or a negative bl_status. */
BL_API int bl_kb_lookup(const bl_kb *kb, const char *utf8, size_t len,
                        int32_t *out, size_t cap);

/* A match of an alias in a document. */
typedef struct {
  int32_t start, end;         /* code points, half-open */
  int32_t tok_start, tok_end; /* token range, half-open */
  int32_t layer;              /* index in the kbs array */
  int32_t entry;              /* entry index in that KB */
  int32_t alias;              /* alias index in that KB */
  uint32_t flags;             /* the alias's BL_KBA_* flags (OR-ed over the
                                 entry's aliases that match this span) */
} bl_kb_hit;

/* Match options. */
enum {
  BL_KBM_ALL = 1u << 0 /* every alias occurrence, overlapping, all lengths;
                          default: leftmost-longest, non-overlapping */
};

/* Matches the aliases of kbs[0..n_kbs) over the tokens of `doc` (which
 * needs only BL_STAGE_TOKENS).  Hits come sorted by token start, then
 * longest first, then layer, entry.  Leftmost-longest is taken over all
 * layers together.  Matches never cross a paragraph start.  On success
 * *out receives an array (free with bl_free; NULL when empty) and *n_out
 * its length. */
BL_API int bl_kb_match(const bl_kb *const *kbs, int n_kbs, const bl_doc *doc,
                       unsigned options, bl_kb_hit **out, size_t *n_out);

/* The same hits as bl_analyze(BL_STAGE_TOKENS) followed by bl_kb_match,
 * straight from UTF-8 text, without building the document's token tables
 * (a match-only scanner: much faster when only the hits are wanted).
 * trusted_utf8 and err_offset as for bl_analyze (BL_EUTF8 for invalid
 * untrusted text).  Thread-safe; *out as for bl_kb_match. */
BL_API int bl_kb_match_text(const bl_kb *const *kbs, int n_kbs,
                            const char *utf8, size_t len, int trusted_utf8,
                            size_t *err_offset, unsigned options,
                            bl_kb_hit **out, size_t *n_out);

/* Name of a kind / role ("country", "capital"), or NULL when out of range. */
BL_API const char *bl_kb_kind_name(int kind);
BL_API const char *bl_kb_role_name(int role);

#ifdef __cplusplus
}
#endif
#endif /* BYLINE_H */
