"""Seeds for fuzz_kb_build: small TSV record lists in the target's format
(kb_id, name, 4 enum bytes, aliases|..., country, parent, office).

    python tests/fuzz/seeds_kb_build.py OUT_DIR [corpus files ignored]
"""
import os
import sys

SEEDS = [
    "Q148\tChina\t\x03\x01\x00\x00\tPRC|People's Republic of China|Chinese\t\t\t\n"
    "Q1\tWang Yi\t\x01\x00\x01\x00\tWang\tQ148\t\tForeign Minister\n"
    "Q2\tMoscow\t\x03\x02\x00\x01\t\tQ159\t\t\n"
    "Q159\tRussia\t\x03\x01\x00\x00\tRussian Federation\t\t\t\n",
    "u:1\t\t\x02\tU.N.|UN\t\t\t\n",
    "dup\tA\t\x01\tB\ndup\tA\t\x01\tC\n",
    "x\t" + "Long " * 40 + "\t\x03\t" + "|".join(["alias %d" % i for i in range(30)]) + "\n",
    "k\tS\u00e3o Paulo\t\x03\t\u041a\u0438\u0457\u0432|\u201cquoted\u201d|e\u0301\t\t\t\n",
]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for i, s in enumerate(SEEDS):
        with open(os.path.join(out, f"seed_{i}"), "wb") as f:
            f.write(s.encode("utf-8"))


if __name__ == "__main__":
    main()
