"""Seeds for fuzz_kb: small KB images compiled by byline.KB, each written with
option bytes 0 (as is), 1 (header fixed up) and 3 (fixed up, no copy).

    python tests/fuzz/seeds_kb.py OUT_DIR [corpus files ignored]
"""
import os
import sys

from byline import kb as kbmod

RECORDS = [
    [{"kb_id": "Q148", "name": "China", "label": "GPE", "kind": "country",
      "aliases": ["People's Republic of China", "PRC"], "demonyms": ["Chinese"]},
     {"kb_id": "Q159", "name": "Russia", "label": "GPE", "kind": "country",
      "aliases": ["Russian Federation"], "demonyms": ["Russian"]},
     {"kb_id": "Q1", "name": "Wang Yi", "label": "PERSON", "gender": "male",
      "country": "Q148", "office": "Foreign Minister", "aliases": ["Wang"]},
     {"kb_id": "Q2", "name": "Moscow", "label": "GPE", "kind": "city", "role": "capital",
      "country": "Q159"},
     {"kb_id": "Q3", "name": "United Nations", "label": "ORG", "aliases": ["UN", "U.N."],
      "case_sensitive": True}],
    [{"kb_id": "x", "name": "X"}],
    [{"name": "Kyiv", "label": "GPE", "aliases": ["Kiev", "Київ"]},
     {"name": "State Department", "label": "ORG", "parent": "Q30",
      "aliases": ["U.S. State Department"], "former": True}],
]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for i, recs in enumerate(RECORDS):
        img = kbmod.compile_records(recs)
        for opt in (0, 1, 3):
            with open(os.path.join(out, f"seed_{i}_{opt}"), "wb") as f:
                f.write(bytes([opt]) + img)
    # something that is not a KB at all, and a truncated one
    with open(os.path.join(out, "seed_text"), "wb") as f:
        f.write(b"\x01BYLINEKB not really a kb")
    with open(os.path.join(out, "seed_trunc"), "wb") as f:
        f.write(b"\x01" + kbmod.compile_records(RECORDS[0])[:100])


if __name__ == "__main__":
    main()
