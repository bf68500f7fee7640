import byline
from byline import _core


def test_core_tables_have_columns():
    cols = _core.table_columns(_core.TABLE_TOKENS)
    assert cols[:2] == ("start", "end")


def test_analyze_returns_tokens():
    doc = _core.analyze("Hello world")
    raw = doc.table(_core.TABLE_TOKENS)
    assert len(raw) > 0
