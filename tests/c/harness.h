/* harness.h -- a tiny C test harness (after cmark's api_test/harness.h). */
#ifndef BL_TEST_HARNESS_H
#define BL_TEST_HARNESS_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int T_run = 0, T_failed = 0;

#define OK(cond, msg)                                                     \
  do {                                                                    \
    T_run++;                                                              \
    if (!(cond)) {                                                        \
      T_failed++;                                                         \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, msg);       \
    }                                                                     \
  } while (0)

#define INT_EQ(a, b, msg)                                                 \
  do {                                                                    \
    long long _a = (long long)(a), _b = (long long)(b);                   \
    T_run++;                                                              \
    if (_a != _b) {                                                       \
      T_failed++;                                                         \
      fprintf(stderr, "FAIL %s:%d: %s: %lld != %lld\n", __FILE__,         \
              __LINE__, msg, _a, _b);                                     \
    }                                                                     \
  } while (0)

#define STR_EQ(a, b, msg)                                                 \
  do {                                                                    \
    const char *_a = (a), *_b = (b);                                      \
    T_run++;                                                              \
    if (!_a || !_b || strcmp(_a, _b) != 0) {                              \
      T_failed++;                                                         \
      fprintf(stderr, "FAIL %s:%d: %s: '%s' != '%s'\n", __FILE__,         \
              __LINE__, msg, _a ? _a : "(null)", _b ? _b : "(null)");     \
    }                                                                     \
  } while (0)

/* Copies s into an exactly sized heap buffer so ASan catches over-reads. */
static char *T_exact(const char *s, size_t n) {
  char *p = malloc(n ? n : 1);
  if (n) memcpy(p, s, n);
  return p;
}

static int T_summary(const char *name) {
  printf("%s: %d passed, %d failed\n", name, T_run - T_failed, T_failed);
  return T_failed ? 1 : 0;
}
#endif
