"""C-API and core-hygiene lint (after msgspec's tests/unit/test_cpylint.py).

String checks over csrc/ that enforce the hard rules of the project:
  * csrc/core never sees Python (no Python.h, no Py* identifiers);
  * Py_BEGIN_ALLOW_THREADS / Py_END_ALLOW_THREADS are paired, and nothing
    between them touches the Python API or returns;
  * library code never aborts, exits or prints;
  * no mutable file-scope state in csrc/core (the BL_FAILALLOC test hook
    excepted), so the core stays re-entrant with the GIL released;
  * goto only jumps forward to a cleanup-style label in the same function.
"""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "csrc" / "core"
BINDING = ROOT / "csrc" / "binding" / "module.c"
CORE_FILES = sorted(CORE.glob("*.[ch]")) + sorted(CORE.glob("*.inc"))

CLEANUP_LABELS = {"cleanup", "fail", "error", "bail", "done", "out", "oom"}


def strip_c(src: str) -> str:
    """Blanks comments and string/char literals, keeping line structure."""
    out = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + " " * max(0, j - i - 2) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def drop_failalloc_blocks(src: str) -> str:
    """Removes `#ifdef BL_FAILALLOC ... #else/#endif` regions (the test hook)."""
    lines = src.split("\n")
    keep, depth, skipping = [], 0, False
    for line in lines:
        s = line.strip()
        if not skipping and re.match(r"#\s*if(def)?\s+(defined\()?BL_FAILALLOC", s):
            skipping, depth = True, 1
            keep.append("")
            continue
        if skipping:
            if re.match(r"#\s*if", s):
                depth += 1
            elif re.match(r"#\s*endif", s):
                depth -= 1
                if depth == 0:
                    skipping = False
            elif re.match(r"#\s*else", s) and depth == 1:
                skipping = False  # keep the #else branch
            keep.append("")
            continue
        keep.append(line)
    return "\n".join(keep)


def no_preprocessor(src: str) -> str:
    lines, out, cont = src.split("\n"), [], False
    for line in lines:
        if cont or line.lstrip().startswith("#"):
            cont = line.rstrip().endswith("\\")
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def top_level_statements(src: str):
    """Yields (kind, text, body, line) for file-scope constructs:
    kind 'func' with its body text, or 'decl' for anything ending in ';'."""
    i, n, start, line = 0, len(src), 0, 1
    header_line = 1
    while i < n:
        c = src[i]
        if c == "{":
            header = src[start:i]
            # find matching brace
            depth, j = 1, i + 1
            while j < n and depth:
                if src[j] == "{":
                    depth += 1
                elif src[j] == "}":
                    depth -= 1
                j += 1
            if re.search(r"\)\s*$", header) and "=" not in header:
                yield "func", header, src[i:j], header_line
                start = j
                header_line = src.count("\n", 0, j) + 1
                i = j
                continue
            i = j  # struct/enum/initializer body: part of the declaration
            continue
        if c == ";":
            yield "decl", src[start:i], "", header_line
            start = i + 1
            header_line = src.count("\n", 0, i + 1) + 1
        i += 1


def mutable_decl(stmt: str):
    """Returns the variable name if `stmt` declares mutable file-scope data."""
    s = " ".join(stmt.split())
    if not s or re.match(r"(typedef|extern)\b", s):
        return None
    # drop bodies (struct members, initializers) and the initializer itself
    while True:
        t = re.sub(r"\{[^{}]*\}", "", s)
        if t == s:
            break
        s = t
    s = s.split("=")[0].strip()
    if not s:
        return None
    # struct/enum/union definitions without a declarator
    if re.fullmatch(r"(static\s+)?(const\s+)?(struct|enum|union)(\s+\w+)?", s):
        return None
    # prototypes: name(...) with no pointer-declarator parentheses
    if re.search(r"\w\s*\([^*]*\)\s*(__attribute__.*)?$", s) and not re.search(r"\(\s*\*", s):
        return None
    decl = re.sub(r"\[[^\]]*\]", "", s)
    fp = re.search(r"\(\s*\*\s*(const\s+)?(\w+)\s*\)", decl)
    if fp:  # function pointer variable
        return None if fp.group(1) else fp.group(2)
    m = re.search(r"(\w+)\s*\)?\s*(\(.*\))?\s*$", decl)
    name = m.group(1) if m else decl
    if "*" in decl:
        after = decl[decl.rfind("*") + 1:]
        if not re.match(r"\s*const\b", after):
            return name
        return None
    if re.search(r"\bconst\b", decl):
        return None
    return name


def read(p: Path) -> str:
    return p.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: p.name)
def test_core_has_no_python(path):
    src = read(path)
    assert not re.search(r"#\s*include\s*[<\"]Python\.h[>\"]", src), f"{path.name} includes Python.h"
    code = strip_c(src)
    hits = re.findall(r"\b(Py[A-Z_]\w*|PyObject|_Py\w+)\b", code)
    assert not hits, f"{path.name} uses the Python API: {sorted(set(hits))}"


def test_python_h_only_in_binding():
    offenders = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "csrc").rglob("*.[ch]")
        if p != BINDING and re.search(r"#\s*include\s*[<\"]Python\.h[>\"]", read(p))
    ]
    assert offenders == []


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: p.name)
def test_core_never_aborts_or_prints(path):
    code = strip_c(read(path))
    bad = re.findall(
        r"\b(abort|exit|_Exit|quick_exit|printf|fprintf|puts|fputs|perror|putchar|"
        r"vprintf|vfprintf|assert_perror|longjmp|setjmp)\s*\(",
        code,
    )
    assert not bad, f"{path.name} calls {sorted(set(bad))}"
    assert not re.search(r"\b(stderr|stdout)\b", code), f"{path.name} touches stdio streams"


@pytest.mark.parametrize("path", [p for p in CORE_FILES if p.suffix in (".c", ".inc")], ids=lambda p: p.name)
def test_core_has_no_mutable_file_scope_state(path):
    code = no_preprocessor(strip_c(drop_failalloc_blocks(read(path))))
    found = []
    for kind, text, body, line in top_level_statements(code):
        if kind != "decl":
            continue
        name = mutable_decl(text)
        if name:
            found.append(f"line {line}: {name}")
    assert not found, f"{path.name}: mutable file-scope data: {found}"


@pytest.mark.parametrize("path", [p for p in CORE_FILES if p.suffix == ".c"], ids=lambda p: p.name)
def test_core_functions_have_no_mutable_statics(path):
    code = no_preprocessor(strip_c(drop_failalloc_blocks(read(path))))
    found = []
    for kind, header, body, line in top_level_statements(code):
        if kind != "func":
            continue
        for m in re.finditer(r"(?<![\w.])static\s+([^;=()]*?)(\w+)\s*(\[[^\]]*\])*\s*[;=]", body):
            spec = m.group(1)
            if "*" in spec:
                ok = re.match(r"\s*const\b", spec[spec.rfind("*") + 1:] + " ")
            else:
                ok = re.search(r"\bconst\b", spec)
            if not ok:
                found.append(f"{m.group(2)} in function at line {line}")
    assert not found, f"{path.name}: mutable function-level statics: {found}"


def test_gil_release_is_paired_and_python_free():
    code = strip_c(read(BINDING))
    for kind, header, body, line in top_level_statements(no_preprocessor(code)):
        if kind != "func":
            continue
        begins = [m.start() for m in re.finditer(r"\bPy_BEGIN_ALLOW_THREADS\b", body)]
        ends = [m.start() for m in re.finditer(r"\bPy_END_ALLOW_THREADS\b", body)]
        assert len(begins) == len(ends), f"unpaired GIL release in function at line {line}"
        for b, e in zip(begins, ends):
            assert b < e, f"END before BEGIN in function at line {line}"
            inner = body[b + len("Py_BEGIN_ALLOW_THREADS"):e]
            assert "Py_BEGIN_ALLOW_THREADS" not in inner, f"nested BEGIN at line {line}"
            uses = re.findall(r"\b(Py\w*|_Py\w*)\b", inner)
            assert not uses, f"Python API used with the GIL released (function at line {line}): {uses}"
            assert not re.search(r"\b(return|goto|break|continue)\b", inner), (
                f"control leaves a GIL-released region (function at line {line})"
            )


def test_binding_releases_gil_around_analyze():
    code = strip_c(read(BINDING))
    regions = re.findall(r"Py_BEGIN_ALLOW_THREADS(.*?)Py_END_ALLOW_THREADS", code, re.S)
    assert any("bl_analyze" in r for r in regions), "bl_analyze is never called with the GIL released"


@pytest.mark.parametrize("path", sorted((ROOT / "csrc").rglob("*.c")), ids=lambda p: p.name)
def test_goto_is_forward_to_cleanup_label(path):
    code = no_preprocessor(strip_c(read(path)))
    for kind, header, body, line in top_level_statements(code):
        if kind != "func":
            continue
        labels = {m.group(1): m.start() for m in re.finditer(r"(?m)^\s*(\w+)\s*:(?!:)", body)
                  if m.group(1) not in ("default", "case", "public", "private")}
        for m in re.finditer(r"\bgoto\s+(\w+)\s*;", body):
            target = m.group(1)
            assert target in labels, f"{path.name}: goto {target} without label (function at line {line})"
            assert labels[target] > m.start(), f"{path.name}: backward goto {target} (function at line {line})"
            assert target in CLEANUP_LABELS or re.match(r"(cleanup|fail|error|bail|done)_?\w*$", target), (
                f"{path.name}: goto {target}: use a cleanup-style label (function at line {line})"
            )


def test_lint_catches_what_it_should():
    """The checks themselves must be able to fail."""
    assert mutable_decl("static int S_count = 0") == "S_count"
    assert mutable_decl("static const char *S_names[] = {\"a\"}") == "S_names"
    assert mutable_decl("static const char *const S_names[] = {\"a\"}") is None
    assert mutable_decl("static const struct { const char *name; int n; } S_t[3] = {0}") is None
    assert mutable_decl("int bl_fn(int x)") is None
    assert mutable_decl("static void (*S_hook)(void)") == "S_hook"
    assert mutable_decl("typedef struct bl_kb bl_kb") is None
    src = "static int S_x;\n#ifdef BL_FAILALLOC\nstatic long S_fail = 0;\n#endif\n"
    code = no_preprocessor(strip_c(drop_failalloc_blocks(src)))
    names = [mutable_decl(t) for k, t, b, l in top_level_statements(code) if k == "decl"]
    assert names == ["S_x"]
    assert strip_c('x = "printf(";') == 'x = "       ";'
