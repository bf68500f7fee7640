#!/usr/bin/env bash
# tools/ci_reliability.sh -- byline's reliability jobs (issue 8).
#
#   tools/ci_reliability.sh [all|asan|asan-c|asan-py|fuzz|regress]
#
#   asan-c   every C test (tests/c/test_*.c) against a core built with
#            AddressSanitizer + UndefinedBehaviorSanitizer + -DBL_FAILALLOC,
#            LeakSanitizer on (test_failalloc.c sweeps allocation failures)
#   asan-py  the extension built with BYLINE_SANITIZE=1 into build/asan and
#            the whole pytest suite run against it (libasan preloaded,
#            leak detection off: CPython itself keeps memory at exit)
#   asan     asan-c + asan-py
#   fuzz     builds every tests/fuzz/fuzz_*.c with libFuzzer (clang), replays
#            tests/fuzz/regress/<target>/*, then fuzzes each target for
#            FUZZ_SECONDS (default 45) from a corpus seeded at run time from
#            ../shared/corpus (copied into build/fuzz/corpus, never the repo)
#   regress  only the replay of the regression inputs
#   all      asan + fuzz (what .ci/run calls after `make test`)
#
# Figures go to build/reliability/summary.txt.  Exit status is non-zero on
# any sanitizer report, test failure or fuzz crash.
# Environment: PY (python with pytest; default .venv/bin/python),
# FUZZ_SECONDS, FUZZ_TARGETS (space-separated subset), SAN_CC (default clang),
# PYTEST_ARGS (extra pytest arguments for asan-py).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
FUZZ_SECONDS=${FUZZ_SECONDS:-45}
SAN_CC=${SAN_CC:-clang}
OUT=$ROOT/build/reliability
mkdir -p "$OUT"
SUMMARY=$OUT/summary.txt
UTF8_CFLAGS=$(pkg-config --cflags libutf8proc 2>/dev/null || true)
UTF8_LIBS=$(pkg-config --libs libutf8proc 2>/dev/null || echo -lutf8proc)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
WARN="-Wall -Wextra -Wstrict-prototypes"
SHARED=${BYLINE_SHARED:-$ROOT/../shared}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

log() { printf '%s\n' "$*" | tee -a "$SUMMARY"; }

# ------------------------------------------------------------------ asan-c
asan_c() {
  local b=$ROOT/build/asan/c
  mkdir -p "$b"
  local objs=()
  for src in csrc/core/*.c; do
    local o=$b/$(basename "${src%.c}").o
    $SAN_CC -std=c11 $WARN -O1 -g $SAN -DBL_FAILALLOC $UTF8_CFLAGS \
      -Icsrc/core -c "$src" -o "$o"
    objs+=("$o")
  done
  rm -f "$b/libbyline.a"
  ar rcs "$b/libbyline.a" "${objs[@]}"
  local fail=0 t0=$SECONDS
  for t in tests/c/test_*.c; do
    local exe=$b/$(basename "${t%.c}")
    $SAN_CC -std=c11 $WARN -O1 -g $SAN -DBL_FAILALLOC $UTF8_CFLAGS \
      -Icsrc/core -Itests/c "$t" "$b/libbyline.a" $UTF8_LIBS -o "$exe"
    if ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1 \
        "$exe" >"$exe.log" 2>&1; then
      log "asan-c: $(tail -n 1 "$exe.log")"
      grep -h 'injected failures' "$exe.log" | tee -a "$SUMMARY" || true
    else
      fail=1
      log "asan-c: FAILED $(basename "$exe") (log: $exe.log)"
      tail -n 40 "$exe.log"
    fi
  done
  log "asan-c: C tests under ASan+UBSan+LSan (+BL_FAILALLOC): $([ $fail = 0 ] && echo 'zero reports' || echo FAILURES) in $((SECONDS - t0)) s"
  return $fail
}

# ------------------------------------------------------------------ asan-py
asan_py() {
  local b=$ROOT/build/asan/py
  rm -rf "$b/pkg"
  mkdir -p "$b/pkg"
  # A separate build tree: the normal editable .so in python/byline is left alone.
  # pip builds the wheel in an isolated environment (the same setuptools as
  # `make venv`); only its _core*.so is used.
  rm -rf "$b/wheel" "$b/unpacked"
  BYLINE_SANITIZE=1 "$PY" -m pip wheel -q --no-deps -w "$b/wheel" . \
    >"$b/build.log" 2>&1 || { cat "$b/build.log"; return 1; }
  "$PY" -m zipfile -e "$b"/wheel/byline-*.whl "$b/unpacked"
  cp -a python/byline "$b/pkg/"
  find "$b/pkg/byline" -name '*.so' -delete
  find "$b/pkg/byline" -name __pycache__ -prune -exec rm -rf {} +
  cp "$b"/unpacked/byline/_core*.so "$b/pkg/byline/"
  local libasan
  libasan=$(gcc -print-file-name=libasan.so)
  local envs=(env "LD_PRELOAD=$libasan" "ASAN_OPTIONS=detect_leaks=0:halt_on_error=1"
              "PYTHONPATH=$b/pkg" "PYTHONMALLOC=malloc" "BYLINE_SANITIZED=1")
  local where
  where=$("${envs[@]}" "$PY" -c 'import byline._core as c; print(c.__file__)')
  case $where in
    "$b/pkg/"*) ;;
    *) log "asan-py: wrong extension imported: $where"; return 1 ;;
  esac
  local t0=$SECONDS rc=0
  # shellcheck disable=SC2086
  # Headless Chromium (test_render) cannot run with libasan preloaded; it is
  # a browser test, not a test of the C code.
  "${envs[@]}" "$PY" -m pytest -q -p no:cacheprovider -k "not chromium" ${PYTEST_ARGS:-} tests/python \
    >"$b/pytest.log" 2>&1 || rc=$?
  tail -n 30 "$b/pytest.log"
  if [ $rc = 0 ] && ! grep -qE 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$b/pytest.log"; then
    log "asan-py: pytest under ASan+UBSan: $(tail -n 1 "$b/pytest.log") -- zero reports ($((SECONDS - t0)) s)"
  else
    log "asan-py: FAILED (rc=$rc, log: $b/pytest.log)"
    grep -nE 'ERROR: AddressSanitizer|runtime error:' "$b/pytest.log" | head -5 || true
    return 1
  fi
}

# ------------------------------------------------------------------ fuzz
fuzz_targets() {
  if [ -n "${FUZZ_TARGETS:-}" ]; then
    for t in $FUZZ_TARGETS; do echo "tests/fuzz/$t.c"; done
  else
    ls tests/fuzz/fuzz_*.c
  fi
}

fuzz_build() {
  local b=$ROOT/build/fuzz
  mkdir -p "$b"
  local fl="-std=c11 -g -O1 -fno-sanitize-recover=undefined"
  mkdir -p "$b/obj"
  local objs=()
  for src in csrc/core/*.c; do  # the core once, instrumented for coverage
    local o=$b/obj/$(basename "${src%.c}").o
    clang $fl -fsanitize=fuzzer-no-link,address,undefined $WARN $UTF8_CFLAGS \
      -Icsrc/core -c "$src" -o "$o" &
    objs+=("$o")
  done
  wait
  for src in $(fuzz_targets); do
    local name
    name=$(basename "${src%.c}")
    clang $fl -fsanitize=fuzzer,address,undefined $WARN $UTF8_CFLAGS \
      -Icsrc/core -Itests/c -Itests/fuzz "$src" "${objs[@]}" $UTF8_LIBS -o "$b/$name"
  done
}

# Seeds: a few corpus files, each with a few option bytes in front.
fuzz_seed() {
  local name=$1 dir=$2
  mkdir -p "$dir"
  local files=()
  [ -f "$SHARED/corpus/seed-wang-yi-russia.txt" ] && files+=("$SHARED/corpus/seed-wang-yi-russia.txt")
  if [ -d "$SHARED/corpus/bbc" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$SHARED/corpus/bbc" -name '*.txt' | sort | awk 'NR % 150 == 1' | head -n 12)
  fi
  local seed_script=tests/fuzz/seeds_${name#fuzz_}.py
  if [ -f "$seed_script" ]; then
    "$PY" "$seed_script" "$dir" "${files[@]}" || true
    return
  fi
  local i=0
  for f in "${files[@]}"; do
    for opt in '\x00' '\x40' '\x80' '\x07'; do
      { printf "$opt"; head -c 16000 "$f"; } >"$dir/seed_${i}"
      i=$((i + 1))
    done
  done
}

fuzz_regress() {
  local b=$ROOT/build/fuzz fail=0
  for src in $(fuzz_targets); do
    local name
    name=$(basename "${src%.c}")
    local rd=tests/fuzz/regress/${name#fuzz_}
    if [ -d "$rd" ] && [ -n "$(ls -A "$rd")" ]; then
      if "$b/$name" -runs=1 "$rd"/* >"$b/$name.regress.log" 2>&1; then
        log "regress: $name: $(ls "$rd" | wc -l) inputs replayed, ok"
      else
        fail=1
        log "regress: $name FAILED (log: $b/$name.regress.log)"
        tail -n 30 "$b/$name.regress.log"
      fi
    fi
  done
  return $fail
}

fuzz_run() {
  local b=$ROOT/build/fuzz fail=0
  for src in $(fuzz_targets); do
    local name
    name=$(basename "${src%.c}")
    local corpus=$b/corpus/${name#fuzz_}
    [ -d "$corpus" ] && [ -n "$(ls -A "$corpus")" ] || fuzz_seed "$name" "$corpus"
    local art=$b/artifacts/$name/
    mkdir -p "$art"
    local rc=0
    (cd "$b" && BYLINE_FUZZ_KB=${BYLINE_FUZZ_KB:-$ROOT/python/byline/data/byline.blkb} \
        BYLINE_FUZZ_MODEL=${BYLINE_FUZZ_MODEL:-$ROOT/python/byline/data/tagger.blm} \
        ./"$name" -max_total_time="$FUZZ_SECONDS" -max_len=65537 \
        -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
        -artifact_prefix="$art" "$corpus" >"$b/$name.log" 2>&1) || rc=$?
    local execs
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$b/$name.log" | grep -o '[0-9]*$' | tail -n 1)
    local cov
    cov=$(grep -oE 'cov: [0-9]+' "$b/$name.log" | tail -n 1 || true)
    if [ $rc = 0 ]; then
      log "fuzz: $name: ${execs:-?} executions in ${FUZZ_SECONDS} s, $cov, corpus $(ls "$corpus" | wc -l) inputs, no crash"
    else
      fail=1
      log "fuzz: $name: CRASH after ${execs:-?} executions (artifacts: $art, log: $b/$name.log)"
      grep -m 5 -E 'ERROR|runtime error|fuzz_' "$b/$name.log" || true
    fi
  done
  return $fail
}

run() {
  local rc=0
  case $1 in
    asan-c) asan_c || rc=1 ;;
    asan-py) asan_py || rc=1 ;;
    asan) asan_c || rc=1; asan_py || rc=1 ;;
    regress) fuzz_build && fuzz_regress || rc=1 ;;
    fuzz) fuzz_build && { fuzz_regress || rc=1; fuzz_run || rc=1; } || rc=1 ;;
    all) asan_c || rc=1; asan_py || rc=1
         fuzz_build && { fuzz_regress || rc=1; fuzz_run || rc=1; } || rc=1 ;;
    *) echo "usage: $0 [all|asan|asan-c|asan-py|fuzz|regress]" >&2; return 2 ;;
  esac
  return $rc
}

: >"$SUMMARY"
MODE=${1:-all}
log "byline reliability run ($MODE) $(date -u +%FT%TZ) on $(nproc) cores (shared machine)"
T0=$SECONDS
rc=0
run "$MODE" || rc=$?
log "total: $((SECONDS - T0)) s, $([ $rc = 0 ] && echo PASS || echo FAIL)"
exit $rc
