"""Build byline._core: the C core in csrc/core plus the one binding file.

utf8proc is the system library, found with pkg-config.  Build switches come
from environment variables (as msgspec's setup.py does):

  BYLINE_DEBUG=1     -O0 -g, asserts on
  BYLINE_SANITIZE=1  AddressSanitizer + UndefinedBehaviorSanitizer
  BYLINE_COVERAGE=1  gcov instrumentation
  BYLINE_WERROR=1    warnings are errors (CI)
"""
import glob
import os
import shlex
import subprocess
import sys

from setuptools import Extension, setup

MISSING_UTF8PROC = """
byline needs the utf8proc C library and its headers, found with pkg-config
(`pkg-config --cflags --libs libutf8proc` failed). Install it, then retry:

  Debian/Ubuntu:  sudo apt-get install libutf8proc-dev pkg-config
  Fedora:         sudo dnf install utf8proc-devel pkgconf-pkg-config
  macOS:          brew install utf8proc pkg-config
  conda-forge:    conda install -c conda-forge utf8proc pkg-config
"""


def pkg_config(*args):
    try:
        out = subprocess.run(
            ["pkg-config", *args, "libutf8proc"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        sys.exit(MISSING_UTF8PROC)
    return shlex.split(out)


def flag(name):
    return os.environ.get(name, "") not in ("", "0")


cflags = pkg_config("--cflags")
libs = pkg_config("--libs")

compile_args = cflags + [
    "-std=c11",
    "-Wall",
    "-Wextra",
    "-Wstrict-prototypes",
    "-fvisibility=hidden",
]
link_args = list(libs)
if flag("BYLINE_WERROR"):
    compile_args.append("-Werror")
if flag("BYLINE_DEBUG"):
    compile_args += ["-O0", "-g", "-UNDEBUG"]
else:
    compile_args += ["-O2", "-DNDEBUG"]
if flag("BYLINE_SANITIZE"):
    san = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer",
           "-fno-sanitize-recover=undefined"]
    compile_args += san + ["-g"]
    link_args += san
if flag("BYLINE_COVERAGE"):
    compile_args += ["--coverage", "-O0"]
    link_args += ["--coverage"]

sources = sorted(glob.glob("csrc/core/*.c")) + ["csrc/binding/module.c"]

setup(
    ext_modules=[
        Extension(
            "byline._core",
            sources=sources,
            depends=sorted(glob.glob("csrc/core/*.h") + glob.glob("csrc/core/*.inc")),
            include_dirs=["csrc/core"],
            extra_compile_args=compile_args,
            extra_link_args=link_args,
        )
    ],
)
