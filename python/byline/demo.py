"""`python -m byline.demo`: run byline on the sample article it ships and print what it finds."""
from __future__ import annotations

import sys
from importlib import resources

import byline


def main(argv: "list[str] | None" = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        with open(argv[0], encoding="utf-8") as f:
            text = f.read()
    else:
        text = resources.files("byline").joinpath("data/sample_article.txt").read_text("utf-8")
    nlp = byline.default_pipeline()
    doc = nlp(text)
    print(f"byline {byline.__version__} (backend: {byline.backend}); {nlp!r}")
    print(f"title: {doc.title!r}")
    print(f"{len(doc)} tokens, {len(doc.sentences)} sentences, {len(doc.paragraphs)} paragraphs")
    print("first tokens: " + " | ".join(f"{t.text}/{t.kind}" for t in doc.tokens[:14]))
    print("\nsentences:")
    for i, s in enumerate(doc.sentences[:8]):
        print(f"  {i:2d} [{s.start}:{s.end}] {s.text[:100]!r}")
    if len(doc.sentences) > 8:
        print(f"  ... {len(doc.sentences) - 8} more")
    print(f"\nentities ({len(doc.entities)}):")
    for e in doc.entities:
        forms = sorted({m.text for m in e.mentions})
        print(f"  {e.label or '-':7} {e.name:32} kb={e.kb_id or '-':12} x{e.count}  {', '.join(forms)}")
    print(f"\nquotes ({len(doc.quotes)}):")
    for q in doc.quotes:
        who = q.speaker.name if q.speaker is not None else (q.speaker_text or "?")
        print(f"  {q.kind or '-':8} {who:24} {q.text[:80]!r}")
    print(f"\nrelations ({len(doc.relations)}):")
    for r in doc.relations:
        s = r.subject.name if r.subject is not None else "?"
        o = r.object.name if r.object is not None else "?"
        neg = " (negated)" if r.negated else ""
        print(f"  {s} --{r.kind}{neg}--> {o}   [{r.label or r.predicate or ''}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
