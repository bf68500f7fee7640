"""Reading articles from files: .txt, .html, .jsonl, .csv, directories and stdin.

`byline.read(path)` returns Records (text plus the metadata the source has:
id, title, date, url).  HTML main text is extracted with trafilatura when it
is installed (``pip install 'byline[html]'``), else by a simple built-in
extractor that keeps headings and paragraphs.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Union

__all__ = ["Record", "ReadError", "read", "iter_records", "FORMATS"]

FORMATS = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html",
           ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
TEXT_KEYS = ("text", "body", "content", "article", "maintext")


class ReadError(ValueError):
    """A file (or a line of it) could not be read; the message names file and line."""

    def __init__(self, source: str, line: Optional[int], problem: str) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


@dataclass
class Record:
    """One article: text plus metadata (None when the source lacks it)."""

    text: str
    id: Any = None
    title: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    line: Optional[int] = None
    meta: Dict[str, Any] = field(default_factory=dict)


class _TextExtractor(HTMLParser):
    """Fallback HTML main-text extractor: <title>, <h1-h3>, <p>, <li>; skips
    script/style/nav/header/footer/aside/form."""

    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg"}
    BLOCK = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "div", "section", "article", "br", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.parts: List[str] = []
        self.meta: Dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: List[Any]) -> None:
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            a = {k: v for k, v in attrs if v is not None}
            key = a.get("property") or a.get("name") or a.get("itemprop")
            if key and "content" in a:
                self.meta[key.lower()] = a["content"]
        elif tag == "link":
            a = {k: v for k, v in attrs if v is not None}
            if a.get("rel") == "canonical" and a.get("href"):
                self.meta.setdefault("canonical", a["href"])
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def _html_record(html: str, source: str) -> Record:
    try:
        import trafilatura  # optional extra
    except ImportError:
        trafilatura = None
    if trafilatura is not None:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        if doc:
            d = doc if isinstance(doc, dict) else getattr(doc, "as_dict", lambda: vars(doc))()
            text = d.get("text") or ""
            title = d.get("title")
            if title and not text.startswith(title):
                text = f"{title}\n\n{text}"
            return Record(text=text, title=title, date=d.get("date"), url=d.get("url"), source=source)
    p = _TextExtractor()
    p.feed(html)
    p.close()
    paras = []
    for chunk in "".join(p.parts).split("\n\n"):
        s = " ".join(chunk.split())
        if s:
            paras.append(s)
    title = p.meta.get("og:title") or " ".join(p.title.split()) or None
    if title and (not paras or paras[0] != title):
        paras.insert(0, title)
    return Record(text="\n\n".join(paras), title=title,
                  date=p.meta.get("article:published_time") or p.meta.get("date") or p.meta.get("datepublished"),
                  url=p.meta.get("og:url") or p.meta.get("canonical"), source=source)


def _read_text_file(path: str) -> str:
    with open(path, "rb") as f:
        data = f.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(path, data.count(b"\n", 0, e.start) + 1,
                        f"not valid UTF-8 (byte offset {e.start})") from None


def _pick_text(obj: Dict[str, Any], text_column: Optional[str], source: str, line: int) -> str:
    if text_column:
        if text_column not in obj:
            raise ReadError(source, line, f"no {text_column!r} field (fields: {', '.join(map(str, obj))})")
        v = obj[text_column]
    else:
        key = next((k for k in TEXT_KEYS if k in obj), None)
        if key is None:
            raise ReadError(source, line, f"no text field (looked for {', '.join(TEXT_KEYS)}; "
                                          "use --text-column)")
        v = obj[key]
    if v is None:
        return ""
    if not isinstance(v, str):
        raise ReadError(source, line, f"text field is {type(v).__name__}, not a string")
    return v


def _meta_record(obj: Dict[str, Any], text: str, source: str, line: int, default_id: Any) -> Record:
    def g(*keys: str) -> Optional[str]:
        for k in keys:
            v = obj.get(k)
            if v not in (None, ""):
                return str(v)
        return None

    rid = obj.get("id", obj.get("doc_id", default_id))
    return Record(text=text, id=rid, title=g("title", "headline"), date=g("date", "published", "pubdate"),
                  url=g("url", "link"), source=source, line=line)


def _records_of_file(path: str, fmt: Optional[str], text_column: Optional[str],
                     on_error: Callable[[ReadError], None]) -> Iterator[Record]:
    kind = fmt or FORMATS.get(Path(path).suffix.lower(), "txt")
    if kind == "txt":
        yield Record(text=_read_text_file(path), id=path, source=path)
    elif kind == "html":
        yield _with_id(_html_record(_read_text_file(path), path), path)
    elif kind == "jsonl":
        with open(path, "r", encoding="utf-8", errors="strict") as f:
            for n, raw in enumerate(f, 1):
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                    if not isinstance(obj, dict):
                        raise ReadError(path, n, f"expected a JSON object, got {type(obj).__name__}")
                    text = _pick_text(obj, text_column, path, n)
                except ReadError as e:
                    on_error(e)
                    continue
                except json.JSONDecodeError as e:
                    on_error(ReadError(path, n, f"invalid JSON ({e.msg} at column {e.colno})"))
                    continue
                yield _meta_record(obj, text, path, n, f"{path}:{n}")
    elif kind in ("csv", "tsv"):
        with open(path, "r", encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f, delimiter="\t" if kind == "tsv" else ",")
            for row in reader:
                n = reader.line_num
                try:
                    text = _pick_text(row, text_column, path, n)
                except ReadError as e:
                    on_error(e)
                    if text_column and text_column not in row:
                        return  # the column is missing on every row: one error is enough
                    continue
                yield _meta_record(row, text, path, n, f"{path}:{n}")
    else:
        raise ReadError(path, None, f"unknown input format {kind!r}")


def _with_id(r: Record, rid: Any) -> Record:
    r.id = rid
    return r


def _expand(paths: Iterable[Union[str, os.PathLike]]) -> Iterator[str]:
    for p in paths:
        p = os.fspath(p)
        if p == "-":
            yield p
        elif os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in FORMATS and not name.startswith("."):
                        yield os.path.join(root, name)
        else:
            yield p


def iter_records(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]], *,
                 text_column: Optional[str] = None, format: Optional[str] = None,
                 on_error: Optional[Callable[[ReadError], None]] = None) -> Iterator[Record]:
    """Streams Records from files, directories (recursively) and "-" (stdin).

    text_column (str): the text field of .jsonl/.csv input (default: the
        first of text, body, content, article, maintext).
    format (str): force "txt", "html", "jsonl" or "csv" for every input.
    on_error (callable): receives each ReadError and reading goes on; by
        default the first error is raised.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]

    def _raise(e: ReadError) -> None:
        raise e

    handler = on_error or _raise
    for p in _expand(paths):
        try:
            if p == "-":
                data = sys.stdin.read()
                kind = format or "txt"
                if kind == "txt":
                    yield Record(text=data, id="<stdin>", source="<stdin>")
                elif kind == "html":
                    yield _with_id(_html_record(data, "<stdin>"), "<stdin>")
                elif kind == "jsonl":
                    for n, raw in enumerate(data.splitlines(), 1):
                        if raw.strip():
                            try:
                                obj = json.loads(raw)
                                if not isinstance(obj, dict):
                                    raise ReadError("<stdin>", n, "expected a JSON object")
                                yield _meta_record(obj, _pick_text(obj, text_column, "<stdin>", n),
                                                   "<stdin>", n, n)
                            except json.JSONDecodeError as e:
                                handler(ReadError("<stdin>", n, f"invalid JSON ({e.msg})"))
                            except ReadError as e:
                                handler(e)
                else:
                    raise ReadError("<stdin>", None, f"format {kind!r} is not supported on stdin")
                continue
            if not os.path.exists(p):
                raise ReadError(p, None, "no such file or directory")
            yield from _records_of_file(p, format, text_column, handler)
        except ReadError as e:
            handler(e)
        except UnicodeDecodeError as e:
            handler(ReadError(p, None, f"not valid UTF-8 (byte offset {e.start})"))
        except (OSError, csv.Error) as e:
            handler(ReadError(p, None, str(e)))


def read(path: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]], *,
         text_column: Optional[str] = None, format: Optional[str] = None) -> List[Record]:
    """Reads articles with their metadata from .txt/.html/.jsonl/.csv files or directories.

    RETURNS (list of Record): text, id, title, date, url, source, line.
    RAISES: ReadError (a ValueError naming the file and line) on bad input.
    """
    return list(iter_records(path, text_column=text_column, format=format))
