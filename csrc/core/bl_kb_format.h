/*
 * bl_kb_format.h -- the on-disk layout of a compiled knowledge base, shared
 * by the loader/matcher (bl_kb.c) and the builder (bl_kb_build.c).
 *
 * All integers are little-endian; every section starts at a multiple of 8
 * bytes; every reference is an offset or index, so the image is
 * position-independent and can be mmap'ed read-only.
 *
 *   header (64 bytes) | section table (n_sections * 24) | sections...
 *
 * Sections:
 *   STRINGS  NUL-terminated UTF-8 strings; offset 0 is "".  Ends with NUL.
 *   ENTRIES  bl_kbf_entry[n_entries]
 *   ALIASES  bl_kbf_alias[n_aliases], grouped by entry
 *   NODES    uint32[n_nodes + 1]: node i's aliases are
 *            PAYLOAD[NODES[i] .. NODES[i+1])
 *   PAYLOAD  uint32 alias indices
 *   EDGES    bl_kbf_edge[2^k]: open-addressing hash table of trie edges
 *            keyed by (parent node, token hash); child 0 = empty slot.
 *            Node 0 is the root of case-insensitive aliases (edges on the
 *            tokens' norm_hash), node 1 the root of case-sensitive ones
 *            (edges on exact_hash).
 *   IDINDEX  uint32[2^k]: entry + 1 by hash of kb_id, 0 = empty
 *   FILTER   uint64 words: 2 bitsets of `filter_bits` bits, one per root,
 *            marking the hashes of first tokens (a cheap pre-check).
 *   PREFILTER uint64 words[2^k]: a blocked Bloom filter of the first tokens
 *            of all aliases (both roots), keyed by bl_kbf_prekey() of the
 *            token's normalised form, two bits in one word per key.  The
 *            match-only scanner (bl_kb_scan.c) checks it before it hashes a
 *            word at all.  (An alias's exact first token X can only be
 *            equal to a text token whose normalised form is norm(X), so one
 *            filter on normalised forms serves both roots.)
 *   PAIRS    uint64 words[2^k]: the same kind of filter for the first two
 *            tokens of every alias, bl_kbf_pair_key(key1, key2), and
 *            bl_kbf_pair_key(key1, BL_KBF_PAIR_END) for one-token aliases:
 *            a common first token ("the", "new") followed by a word no
 *            alias continues with is rejected before any hashing.  For a
 *            case-sensitive alias the keys are those of the tokens' bytes
 *            as written, and the pair key is xor-ed with BL_KBF_PAIR_EXACT
 *            (so "THE" as an alias does not admit every "the").
 */
#ifndef BL_KB_FORMAT_H
#define BL_KB_FORMAT_H

#include <stdint.h>

#define BL_KBF_MAGIC "BYLINEKB"
#define BL_KBF_VERSION 4u /* 4: prefilter keys of the first 8 bytes */
#define BL_KBF_ENDIAN 0x01020304u
#define BL_KBF_MAX_TOKENS 32 /* longest alias, in tokens */

enum {
  BL_KBS_STRINGS = 1,
  BL_KBS_ENTRIES,
  BL_KBS_ALIASES,
  BL_KBS_NODES,
  BL_KBS_PAYLOAD,
  BL_KBS_EDGES,
  BL_KBS_IDINDEX,
  BL_KBS_FILTER,
  BL_KBS_PREFILTER,
  BL_KBS_PAIRS,
  BL_KBS_COUNT /* one past the last id */
};

typedef struct {
  char magic[8];
  uint32_t version;
  uint32_t endian;
  uint64_t file_size;
  uint64_t checksum; /* S_checksum of the whole image with this field 0 */
  uint64_t tok_fingerprint; /* tokenizer the aliases were tokenized with */
  uint32_t header_size;
  uint32_t n_sections;
  uint32_t n_entries, n_aliases, n_nodes, filter_bits;
} bl_kbf_header;

typedef struct {
  uint32_t id, item_size;
  uint64_t offset, size; /* bytes */
} bl_kbf_section;

typedef struct {
  uint32_t kb_id, name, office, attrs, country_id, parent_id; /* strings */
  int32_t country, parent; /* entry index or -1 */
  uint32_t alias_start, n_aliases;
  uint32_t prominence, flags;
  uint8_t label, kind, gender, role;
} bl_kbf_entry;

typedef struct {
  uint32_t entry, text, flags;
} bl_kbf_alias;

typedef struct {
  uint64_t hash;
  uint32_t parent, child;
} bl_kbf_edge;

/* Slot of an edge and of a filter bit (different bits of the mix). */
static inline uint64_t bl_kbf_edge_mix(uint32_t parent, uint64_t h) {
  uint64_t k = h ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL);
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}

/* The prefilter key of a normalised form p[0..n): `a` holds its first
 * min(n, 8) bytes (little-endian, zero above n).  Bytes past the eighth
 * are left out (the length still counts): the first eight bytes and the
 * length tell tokens apart about as well as the whole form does (on the
 * BBC bench the share of text tokens that pass moved by under 1%), and
 * the skip mode of the match-only scanner computes this for every word
 * with one 8-byte load and one multiply (format 3 also mixed in the last
 * eight bytes: a second load and multiply).  Only false positives depend
 * on its quality. */
static inline uint64_t bl_kbf_prekey_a(uint64_t a, uint64_t n) {
  uint64_t x = a ^ (n << 58);
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ULL;
  return x ^ (x >> 29);
}

/* The same from the bytes (any n, reads only p[0..min(n, 8))). */
static inline uint64_t bl_kbf_prekey(const unsigned char *p, size_t n) {
  uint64_t a = 0;
  for (size_t i = 0; i < n && i < 8; i++) a |= (uint64_t)p[i] << (8 * i);
  return bl_kbf_prekey_a(a, n);
}

/* The word of the prefilter (mask = words - 1) and the two bits a key
 * sets in it. */
static inline uint64_t bl_kbf_pre_word(uint64_t key, uint64_t mask) {
  return key & mask;
}
static inline uint64_t bl_kbf_pre_bits(uint64_t key) {
  return ((uint64_t)1 << (key >> 58)) | ((uint64_t)1 << ((key >> 52) & 63));
}

/* Key of a first/second token pair (prefilter keys); a one-token alias
 * pairs its first token with BL_KBF_PAIR_END. */
#define BL_KBF_PAIR_END 0x6279BEEFC0DEF00DULL
#define BL_KBF_PAIR_EXACT 0xA5C3E1F00F1E3C5AULL
static inline uint64_t bl_kbf_pair_key(uint64_t k1, uint64_t k2) {
  uint64_t x = (k1 ^ (k2 >> 7 | k2 << 57)) * 0x9E3779B97F4A7C15ULL;
  return x ^ (x >> 32);
}

uint64_t bl__kb_checksum(const void *p, size_t n, uint64_t seed);
/* Never 0; 0 means the canary could not be analysed (out of memory). */
uint64_t bl__kb_tok_fingerprint(void);

#endif /* BL_KB_FORMAT_H */
