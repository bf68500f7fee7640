# byline developer loop.  `make demo` and `make test` are the two commands
# the README promises a newcomer; the rest is the C-only loop.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CC ?= cc
UTF8PROC_CFLAGS := $(shell pkg-config --cflags libutf8proc 2>/dev/null)
UTF8PROC_LIBS := $(shell pkg-config --libs libutf8proc 2>/dev/null || echo -lutf8proc)
WARN := -Wall -Wextra -Wstrict-prototypes -Werror
CFLAGS ?= -O2 -g
CORE_SRC := $(sort $(wildcard csrc/core/*.c))
CORE_HDR := $(wildcard csrc/core/*.h) $(wildcard csrc/core/*.inc)
BUILD ?= build/c
CORE_OBJ := $(patsubst csrc/core/%.c,$(BUILD)/%.o,$(CORE_SRC))
CTEST_SRC := $(sort $(wildcard tests/c/test_*.c))
CTEST_BIN := $(patsubst tests/c/%.c,$(BUILD)/%,$(CTEST_SRC))

.PHONY: all deps venv demo test ctest pytest lib clean kb model trainer tokbench kbscan

all: lib

# Installs the system library when it is missing and we are root (CI, containers).
deps:
	@if ! pkg-config --exists libutf8proc 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libutf8proc-dev pkg-config; \
	  else \
	    echo "byline needs libutf8proc-dev: sudo apt-get install libutf8proc-dev pkg-config" >&2; exit 1; \
	  fi; \
	fi

$(VENV)/.installed: pyproject.toml setup.py $(CORE_SRC) $(CORE_HDR) csrc/binding/module.c | deps
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip >/dev/null
	BYLINE_WERROR=1 $(PY) -m pip install -q -e '.[test]'
	@touch $@

venv: $(VENV)/.installed

demo: venv kb model
	$(PY) -m byline.demo

test: deps model ctest venv kb
	$(PY) -m pytest -q

pytest: venv
	$(PY) -m pytest -q

# ---- built-in knowledge base (kb stage) ----
# Compiled from ../shared/kb-sources + python/byline/data/kb/*.tsv by
# tools/build_kb.py (deterministic; a few seconds).  Rebuilt when the core
# changes too: the KB stores token hashes of the tokenizer that built it.
# Without the sources an existing file is kept.
KB_FILE := python/byline/data/byline.blkb
KB_SOURCES ?= ../shared/kb-sources
KB_DEPS := tools/build_kb.py python/byline/kb.py $(wildcard python/byline/data/kb/*.tsv)

$(KB_FILE): $(VENV)/.installed $(KB_DEPS)
	@if [ -d "$(KB_SOURCES)" ]; then \
	  $(PY) tools/build_kb.py --sources "$(KB_SOURCES)" --out $@; \
	elif [ -f $@ ]; then \
	  echo "kb: $(KB_SOURCES) not found; keeping $@"; touch $@; \
	else \
	  echo "kb: $(KB_SOURCES) not found and $@ missing" >&2; exit 1; \
	fi

kb: $(KB_FILE)

# ---- C-only loop ----
$(BUILD)/%.o: csrc/core/%.c $(CORE_HDR)
	@mkdir -p $(BUILD)
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(UTF8PROC_CFLAGS) -Icsrc/core -c $< -o $@

$(BUILD)/libbyline.a: $(CORE_OBJ)
	ar rcs $@ $^

lib: $(BUILD)/libbyline.a

$(BUILD)/test_%: tests/c/test_%.c tests/c/harness.h $(BUILD)/libbyline.a
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(UTF8PROC_CFLAGS) -Icsrc/core -Itests/c $< $(BUILD)/libbyline.a $(UTF8PROC_LIBS) -o $@

ctest: deps $(CTEST_BIN)
	@fail=0; for t in $(CTEST_BIN); do $$t || fail=1; done; exit $$fail

# C-only tokenizer throughput + output checksum (owner: tok; see bench/bench_tokenize.py --export)
$(BUILD)/tokbench: bench/tokbench.c $(BUILD)/libbyline.a
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(UTF8PROC_CFLAGS) -Icsrc/core $< $(BUILD)/libbyline.a $(UTF8PROC_LIBS) -o $@

tokbench: deps $(BUILD)/tokbench

# C-only KB scanner throughput + hit checksum (owner: kb; see bench/kbscan.c)
$(BUILD)/kbscan: bench/kbscan.c $(BUILD)/libbyline.a
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(UTF8PROC_CFLAGS) -Icsrc/core $< $(BUILD)/libbyline.a $(UTF8PROC_LIBS) -o $@

kbscan: deps $(BUILD)/kbscan

# ---- tagger model (train/, owned by the tagger stage) ----
# The trainer links only the tagger's own objects, so feature extraction is
# the library's; the model is retrained when the tagger or trainer source
# changes, not when other stages do.  Deterministic (seeded).
SHARED ?= ../shared
MODEL := python/byline/data/tagger.blm
TRAIN_FLAGS ?=
$(BUILD)/bl_train: train/bl_train.c $(BUILD)/bl_tagger.o $(BUILD)/bl_arena.o $(CORE_HDR)
	$(CC) -std=c11 $(WARN) $(CFLAGS) $(UTF8PROC_CFLAGS) -Icsrc/core $< $(BUILD)/bl_tagger.o $(BUILD)/bl_arena.o $(UTF8PROC_LIBS) -lm -o $@

trainer: $(BUILD)/bl_train

# Gazetteer bits for NER come from the KB's name lists (../shared/kb-sources).
# NER also trains on the GUM news train documents (never dev), converted by
# train/gum2conll.py into the build directory (stdlib Python only), with the
# gold names of eval/eval_entities.py (so a change there retrains the model).
GUM_NER := $(BUILD)/gum_news_train.conll
$(GUM_NER): train/gum2conll.py eval/eval_entities.py
	@mkdir -p $(BUILD)
	$(PYTHON) train/gum2conll.py --split train --kb-sources $(SHARED)/kb-sources --out $@

$(MODEL): train/bl_train.c csrc/core/bl_tagger.c csrc/core/bl_tagger.h train/gum2conll.py eval/eval_entities.py | $(BUILD)/bl_train $(GUM_NER)
	$(BUILD)/bl_train --ewt $(SHARED)/treebank/ud_en_ewt --conll $(SHARED)/ner/conll2003 --text $(SHARED)/corpus --gaz $(SHARED)/kb-sources --ner-extra $(GUM_NER) --out $@ $(TRAIN_FLAGS)

model: deps $(MODEL)

# Cross-validated entity scores on the GUM news train documents (NER retrained
# per fold without the held-out documents; byline vs spaCy): eval/cv_gum.py.
# Needs spaCy's small model in the venv for the anchor column (pip install -e '.[eval]').
.PHONY: cv-gum
cv-gum: venv model trainer
	$(PY) eval/cv_gum.py

clean:
	rm -rf build $(VENV) python/byline/*.so

# ---- reliability jobs (owner: rely; see docs/reliability.md) ----
# asan: C tests under ASan+UBSan+LSan with allocation-failure injection, then
# the pytest suite against a sanitizer build of the extension (build/asan).
# fuzz: libFuzzer targets in tests/fuzz, FUZZ_SECONDS each (default 45).
.PHONY: asan fuzz reliability
asan: venv
	tools/ci_reliability.sh asan

fuzz: venv
	tools/ci_reliability.sh fuzz

reliability: venv
	tools/ci_reliability.sh all
