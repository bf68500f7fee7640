"""The byline command line on every input format, on bad files, and its exit codes."""
import csv
import io
import json
import subprocess
import sys

import pytest

from byline.cli import main
from byline.io import ReadError, read

ART = "Port talks resume in Lisbon\n\nMaria Santos arrived in Lisbon on Monday. She said it went well.\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "n1", "text": ART, "url": "https://example.org/1", "date": "2024-05-01"}) + "\n"
        + json.dumps({"id": "n2", "body": "Second article. Short."}) + "\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text('id,headline,text\n7,Hello,"A text, with a comma."\n', encoding="utf-8")
    (tmp_path / "d.html").write_text(
        "<html><head><title>Talks resume</title><meta property='og:url' content='https://e.org/d'>"
        "</head><body><nav>Home | World</nav><h1>Talks resume</h1><p>Maria Santos &amp; aides "
        "arrived.</p><script>track()</script><p>They left.</p></body></html>", encoding="utf-8")
    return tmp_path


def run(args, stdin=None):
    out = subprocess.run([sys.executable, "-m", "byline", *args], capture_output=True, text=True,
                         input=stdin, timeout=120)
    return out.returncode, out.stdout, out.stderr


def test_read_each_format_with_metadata(files):
    recs = {r.source.rsplit("/", 1)[-1] + f":{r.line}": r for r in read(files)}
    assert recs["a.txt:None"].text == ART
    b1 = recs["b.jsonl:1"]
    assert (b1.id, b1.url, b1.date) == ("n1", "https://example.org/1", "2024-05-01")
    assert recs["b.jsonl:2"].text == "Second article. Short."
    c = recs["c.csv:2"]
    assert (c.id, c.title, c.text) == ("7", "Hello", "A text, with a comma.")
    d = recs["d.html:None"]
    assert "Maria Santos & aides arrived." in d.text and "track()" not in d.text
    assert d.title == "Talks resume"


def test_read_names_file_and_line(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ReadError, match=r"x\.jsonl:2: invalid JSON"):
        read(p)
    q = tmp_path / "y.csv"
    q.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"y\.csv:2: no 'text' field"):
        read(q, text_column="text")


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_json_outputs(files, fmt):
    rc, out, err = run([str(files), "--format", fmt, "--what", "entities,quotes,mentions", "--no-progress"])
    assert rc == 0, err
    docs = [json.loads(l) for l in out.splitlines()] if fmt == "jsonl" else json.loads(out)
    assert len(docs) == 5  # a.txt, 2 jsonl lines, 1 csv row, 1 html
    for d in docs:
        assert {"id", "source", "title", "entities", "quotes", "mentions"} <= set(d)
        assert "relations" not in d and "text" not in d
    ids = [d["id"] for d in docs]
    assert "n1" in ids and "7" in ids


def test_csv_output_has_header_and_rows(files):
    rc, out, err = run([str(files / "a.txt"), str(files / "c.csv"), "--format", "csv", "--what", "mentions"])
    assert rc == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:4] == ["file", "doc_id", "start", "end"]
    rc, out, err = run([str(files / "a.txt"), "--format", "csv"])
    assert rc == 2 and "exactly one --what" in err


def test_table_and_html_outputs(files):
    rc, out, err = run([str(files / "a.txt"), "--format", "table"])
    assert rc == 0 and "Port talks resume in Lisbon" in out and "entities (" in out
    rc, out, err = run([str(files / "d.html"), "--format", "html"])
    assert rc == 0 and out.startswith("<!DOCTYPE html>") and "<script>" not in out


def test_stdin_and_text_column(files):
    rc, out, err = run(["-", "--format", "jsonl"], stdin=ART)
    assert rc == 0 and json.loads(out)["title"] == "Port talks resume in Lisbon"
    rc, out, err = run(["-", "--input-format", "jsonl", "--text-column", "t", "--format", "jsonl"],
                       stdin='{"t": "One. Two.", "id": 3}\n')
    assert rc == 0 and json.loads(out)["id"] == 3


def test_bad_file_reports_and_keeps_others(files):
    (files / "bad.txt").write_bytes(b"ok \xff\xfe broken")
    (files / "b.jsonl").write_text('{"text": "fine"}\n{not json}\n', encoding="utf-8")
    rc, out, err = run([str(files), str(files / "missing.txt"), "--format", "jsonl"])
    assert rc == 1
    assert "bad.txt:1: not valid UTF-8 (byte offset 3)" in err
    assert "b.jsonl:2: invalid JSON" in err
    assert "missing.txt: no such file" in err
    assert len(out.splitlines()) == 4  # a.txt, b.jsonl:1, c.csv:2, d.html still written


def test_usage_errors_and_main_in_process(files, capsys):
    assert main([str(files / "a.txt"), "--what", "nonsense"]) == 2
    assert "unknown --what" in capsys.readouterr().err
    assert main(["--version"]) == 0
    assert "byline" in capsys.readouterr().out
    out_path = files / "out.jsonl"
    assert main([str(files / "a.txt"), "--format", "jsonl", "-o", str(out_path)]) == 0
    assert json.loads(out_path.read_text())["id"].endswith("a.txt")
