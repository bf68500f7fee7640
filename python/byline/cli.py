"""`byline` command line: entities, quotes and relations from articles.

    byline article.txt
    byline articles/ --format csv --what quotes > quotes.csv
    cat feed.jsonl | byline - --input-format jsonl --format jsonl
    byline page.html --format html -o report.html

Exit status: 0 when every input was read and analysed, 1 when some input
failed (each failure is reported on stderr with its file and line; the other
inputs' results are still written), 2 for usage errors.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Any, Iterator, List, Optional, Sequence, TextIO, Tuple

WHATS = ("entities", "quotes", "relations", "mentions", "cooccurrences")
FORMATS = ("table", "json", "jsonl", "csv", "html")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="byline",
        description="Find the entities, quotes and relations in news articles "
                    "(.txt, .html, .jsonl, .csv files, directories, or - for stdin).",
        epilog="Exit status: 0 all inputs analysed; 1 some inputs failed (others still "
               "written); 2 usage error.")
    p.add_argument("inputs", nargs="*", default=["-"], metavar="FILE",
                   help="files or directories to read; - reads stdin (default)")
    p.add_argument("-f", "--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("-w", "--what", default="entities,quotes,relations",
                   help="comma-separated: " + ", ".join(WHATS) + " (default: entities,quotes,relations)")
    p.add_argument("--text-column", metavar="COL", help="text field of .jsonl/.csv input")
    p.add_argument("--input-format", choices=("txt", "html", "jsonl", "csv"),
                   help="treat every input (and stdin) as this format")
    p.add_argument("-t", "--threads", type=int, default=None, metavar="N", help="worker threads (default: cores)")
    p.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    p.add_argument("--with-text", action="store_true", help="include the article text in json/jsonl output")
    p.add_argument("--kb", action="append", metavar="PATH",
                   help="extra compiled knowledge base (.blkb) layered over the built-in one")
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.add_argument("-V", "--version", action="store_true", help="print the version and backend, then exit")
    return p


class _Progress:
    """A progress bar on stderr, only when stderr is a terminal (tqdm if installed)."""

    def __init__(self, enabled: bool) -> None:
        self.n = 0
        self.bar: Any = None
        self.enabled = enabled and sys.stderr.isatty()
        if self.enabled:
            try:
                from tqdm import tqdm

                self.bar = tqdm(unit=" docs", file=sys.stderr, leave=False)
            except ImportError:
                self.bar = None

    def update(self) -> None:
        self.n += 1
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(1)
        elif self.n % 50 == 0:
            sys.stderr.write(f"\r{self.n} docs")
            sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and self.n >= 50:
            sys.stderr.write("\r" + " " * 20 + "\r")


def _doc_json(doc: Any, rec: Any, whats: Sequence[str], with_text: bool) -> dict:
    d = doc.to_dict()
    out: dict = {"id": rec.id, "source": rec.source}
    for k in ("title", "date", "url"):
        v = getattr(rec, k)
        if v is not None:
            out[k] = v
    if "title" not in out:
        out["title"] = d["title"]
    if with_text:
        out["text"] = d["text"]
    for w in whats:
        if w == "cooccurrences":
            from .dataframes import frame_rows

            header, rows = frame_rows(doc, rec.id, w)
            out[w] = [dict(zip(header[1:], r[1:])) for r in rows]
        else:
            out[w] = d[w]
    return out


def _fmt_table(doc: Any, rec: Any, whats: Sequence[str], out: TextIO) -> None:
    title = doc.title or rec.title or ""
    out.write(f"== {rec.id}" + (f"  {title}" if title else "") + "\n")
    for w in whats:
        if w == "entities":
            ents = doc.entities
            out.write(f"  entities ({len(ents)})\n")
            for e in ents:
                out.write(f"    {e.label or '-':7} {e.name:<34} {e.kb_id or '-':<12} x{e.count:<3} "
                          f"{e.salience:.2f}\n")
        elif w == "mentions":
            ms = doc.mentions
            out.write(f"  mentions ({len(ms)})\n")
            for m in ms:
                ent = m.entity
                out.write(f"    {m.start:>6}-{m.end:<6} {m.label or '-':7} {m.text!r} -> "
                          f"{ent.name if ent is not None else '-'}\n")
        elif w == "quotes":
            qs = doc.quotes
            out.write(f"  quotes ({len(qs)})\n")
            for q in qs:
                sp = q.speaker
                who = sp.name if sp is not None else (q.speaker_text or "?")
                t = " ".join(q.text.split())
                out.write(f"    {q.kind or '-':8} {who:<24} {t[:100]!r}\n")
        elif w == "relations":
            rs = doc.relations
            out.write(f"  relations ({len(rs)})\n")
            for r in rs:
                s, o = r.subject, r.object
                out.write(f"    {s.name if s is not None else '?'} --{r.kind}{' (negated)' if r.negated else ''}--> "
                          f"{o.name if o is not None else '?'}   [{r.label or r.predicate or ''}]\n")
        elif w == "cooccurrences":
            from .dataframes import frame_rows

            _, rows = frame_rows(doc, rec.id, w)
            out.write(f"  cooccurrences ({len(rows)})\n")
            for r in rows:
                out.write(f"    {r[2]} + {r[4]}: {r[5]} sentence(s)\n")
    out.write("\n")


def _safe(s: str) -> str:
    # Lone surrogates (possible in analysed text) cannot be written as UTF-8.
    return s.encode("utf-8", "replace").decode("utf-8") if any("\ud800" <= c <= "\udfff" for c in s) else s


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    import byline
    from .io import ReadError, iter_records

    if args.version:
        print(f"byline {byline.__version__} ({byline.__backend__})")
        return 0
    whats = [w.strip() for w in args.what.split(",") if w.strip()]
    bad = [w for w in whats if w not in WHATS]
    if bad or not whats:
        print(f"byline: error: unknown --what {', '.join(bad) or '(empty)'}; choose from {', '.join(WHATS)}",
              file=sys.stderr)
        return 2
    if args.format == "csv" and len(whats) != 1:
        print("byline: error: --format csv needs exactly one --what (e.g. --what quotes)", file=sys.stderr)
        return 2
    if args.threads is not None and args.threads < 1:
        print("byline: error: --threads must be >= 1", file=sys.stderr)
        return 2

    failures: List[str] = []

    def on_error(e: Exception) -> None:
        failures.append(str(e))
        print(f"byline: {e}", file=sys.stderr)

    try:
        if args.kb:
            from .pipeline import _DEFAULT_KB

            base = [_DEFAULT_KB] if os.path.exists(_DEFAULT_KB) else []
            nlp = byline.Pipeline(kb=base + list(args.kb))
        else:
            nlp = byline.default_pipeline()
    except Exception as e:  # a bad --kb file
        print(f"byline: error: cannot load knowledge base: {e}", file=sys.stderr)
        return 2

    records = iter_records(args.inputs, text_column=args.text_column, format=args.input_format,
                           on_error=on_error)

    def pairs() -> Iterator[Tuple[str, Any]]:
        for rec in records:
            yield rec.text, rec

    def text_failed(e: Exception, rec: Any) -> None:
        where = f"{rec.source}:{rec.line}" if rec.line is not None else str(rec.source)
        on_error(Exception(f"{where}: {e}"))

    def docs() -> Iterator[Tuple[Any, Any]]:
        # A text the core rejects fails alone; the batch's other texts go on.
        return nlp.pipe(pairs(), n_threads=args.threads, as_tuples=True, batch_size=16,
                        on_error=text_failed)

    own = args.output is not None
    try:
        out: TextIO = open(args.output, "w", encoding="utf-8", newline="") if own else sys.stdout
    except OSError as e:
        print(f"byline: error: cannot write {args.output}: {e}", file=sys.stderr)
        return 2
    progress = _Progress(not args.no_progress)
    try:
        if args.format == "jsonl":
            for doc, rec in docs():
                out.write(_safe(json.dumps(_doc_json(doc, rec, whats, args.with_text), ensure_ascii=False)) + "\n")
                progress.update()
        elif args.format == "json":
            out.write("[")
            first = True
            for doc, rec in docs():
                out.write(("\n" if first else ",\n")
                          + _safe(json.dumps(_doc_json(doc, rec, whats, args.with_text), ensure_ascii=False)))
                first = False
                progress.update()
            out.write("\n]\n")
        elif args.format == "csv":
            from .dataframes import frame_rows

            w = csv.writer(out)
            wrote_header = False
            for doc, rec in docs():
                header, rows = frame_rows(doc, rec.id, whats[0])
                if not wrote_header:
                    w.writerow(["file", *header])
                    wrote_header = True
                for r in rows:
                    w.writerow([rec.source, *(_safe(v) if isinstance(v, str) else ("" if v is None else v)
                                              for v in r)])
                progress.update()
            if not wrote_header:
                from .dataframes import _schemas

                w.writerow(["file", *[c for c, _ in _schemas()[whats[0]]]])
        elif args.format == "table":
            for doc, rec in docs():
                _fmt_table(doc, rec, whats, out)
                progress.update()
        else:  # html
            from .display import render

            ds = []
            for doc, rec in docs():
                ds.append(doc)
                progress.update()
            out.write(render(ds, page=True))
    except BrokenPipeError:  # e.g. `byline ... | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        progress.close()
        if own:
            out.close()
        else:
            try:
                out.flush()
            except BrokenPipeError:
                pass
    if failures:
        print(f"byline: {len(failures)} input(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
