#!/usr/bin/env python3
"""Render an article's byline HTML view to a PNG with headless Chromium.

    python tools/render_png.py ARTICLE.txt OUT.png [--width 1100] [--height 2400]

Needs Debian's `chromium` (apt-get install chromium). The page is byline.render(doc, page=True):
no JavaScript, no network.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

import byline


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("article")
    ap.add_argument("png")
    ap.add_argument("--width", type=int, default=1100)
    ap.add_argument("--height", type=int, default=2400)
    a = ap.parse_args()
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        print("headless Chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    doc = byline.analyze(pathlib.Path(a.article).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        page = pathlib.Path(tmp) / "doc.html"
        page.write_text(byline.render(doc, page=True), encoding="utf-8")
        r = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            f"--window-size={a.width},{a.height}",
                            f"--screenshot={pathlib.Path(a.png).resolve()}", page.as_uri()],
                           capture_output=True, text=True, timeout=120)
    if r.returncode != 0 or not pathlib.Path(a.png).exists():
        print(r.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"{a.png}: {pathlib.Path(a.png).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
