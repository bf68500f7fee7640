"""`python -m byline.demo`: run byline on the sample article it ships and print what it finds."""
from __future__ import annotations

from importlib import resources

from . import _core


def main() -> None:
    text = resources.files("byline").joinpath("data/sample_article.txt").read_text("utf-8")
    doc = _core.analyze(text)
    cols = _core.table_columns(_core.TABLE_TOKENS)
    raw = memoryview(doc.table(_core.TABLE_TOKENS)).cast("i")
    print(f"{len(raw) // len(cols)} tokens")


if __name__ == "__main__":
    main()
