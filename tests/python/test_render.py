"""HTML rendering: well-formed, escaped, highlights entities and quotes; a PNG via Chromium."""
import html.parser
import shutil
import subprocess

import pytest

import byline
from fakedoc import SEED_LIKE, seed_like_doc

VOID = {"meta", "br", "img", "hr", "link", "input"}


class _Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tags, self.titles, self.scripts = [], [], [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts += 1
        if "title" in dict(attrs):
            self.titles.append(dict(attrs)["title"])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def check(markup):
    c = _Checker()
    c.feed(markup)
    c.close()
    assert not c.errors, c.errors
    assert not c.stack, f"unclosed: {c.stack}"
    return c


def test_render_is_well_formed_and_escapes_script():
    doc = seed_like_doc()
    out = byline.render(doc)
    c = check(out)
    assert c.scripts == 0  # the article's <script> is text, not a tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;b&gt;visits&lt;/b&gt;" in out  # the title too
    assert doc._repr_html_() == out


def test_render_marks_entities_with_tooltips_and_quotes_with_speaker():
    doc = seed_like_doc()
    c = check(byline.render(doc))
    marks = [a for t, a in c.tags if t == "mark"]
    assert len(marks) == len(doc.mentions)
    assert "Maria Santos · PERSON" in c.titles  # "Santos" carries the canonical name
    quotes = [a for t, a in c.tags if t == "span" and "bl-quote" in a.get("class", "")]
    assert len(quotes) == 1 and "speaker: Maria Santos" in quotes[0]["title"]


def test_render_crossing_spans_and_no_tables():
    from fakedoc import make_doc

    # A mention crossing the quote's end must not break nesting.
    text = 'He said "Ann Lee" was here and Ann Lee left.'
    doc = make_doc(text, mentions=[("Ann Lee", 0, "PERSON", 0), ("Lee\" was", 0, "PERSON", 0)],
                   entities=[("PERSON", 0)], quotes=[('"Ann Lee"', "direct", 0, "")])
    out = byline.render(doc, tables=False)
    check(out)
    assert "<table" not in out


def test_render_page_and_many_docs_and_empty():
    page = byline.render([seed_like_doc(), byline.analyze("")], page=True)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    check(page.replace("<!DOCTYPE html>", ""))
    assert page.count('class="byline-doc"') == 2


def test_render_real_doc_and_lone_surrogate():
    out = byline.render(byline.analyze("Bad \ud800 text <i>x</i>\n\nMore."))
    check(out)
    assert "\ud800" not in out and "&lt;i&gt;" in out
    out.encode("utf-8")


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")),
                    reason="headless Chromium not installed (apt-get install chromium)")
def test_render_to_png_with_headless_chromium(tmp_path):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    page = tmp_path / "doc.html"
    page.write_text(byline.render(seed_like_doc(), page=True), encoding="utf-8")
    png = tmp_path / "doc.png"
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=1000,800", f"--screenshot={png}", page.as_uri()],
                   capture_output=True, timeout=120)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000  # a rendered page, not a blank one
