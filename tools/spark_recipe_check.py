#!/usr/bin/env python3
"""Run the README's PySpark recipe (mapInPandas) on a local Spark and compare its rows with the
single-process byline.frames() run on the same articles.

    pip install pyspark            # needs Java 17+; not part of CI (about 500 MB)
    python tools/spark_recipe_check.py [--docs 200] [--shared ../shared]

Exit status 0 when Spark returns exactly the single-process rows (entities frame).
"""
import argparse
import os
import sys
import time

import byline

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_bbc(shared, n):
    base = os.path.join(shared, "corpus", "bbc")
    paths = []
    for dirpath, _, files in os.walk(base):
        paths += [os.path.join(dirpath, f) for f in files if f.endswith(".txt")]
    paths.sort()
    out = []
    for p in paths[:n]:
        with open(p, encoding="utf-8", errors="replace") as f:
            out.append(f.read())
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    a = ap.parse_args()
    import pandas as pd
    from pyspark.sql import SparkSession

    # Spark's workers must run a Python that has byline installed (here: this one).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    texts = load_bbc(a.shared, a.docs)
    pdf = pd.DataFrame({"doc_id": range(len(texts)), "text": texts})
    spark = (SparkSession.builder.master("local[2]").appName("byline-recipe")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    sdf = spark.createDataFrame(pdf).repartition(4)

    # --- the README recipe, verbatim apart from collecting instead of writing parquet ---
    nlp = byline.Pipeline()                                # pickled by reference into each task
    schema = ("doc_id long, entity string, name string, label string, kb_id string, "
              "count long, salience double, first long, gender string")

    def entities(batches):
        for part in batches:
            fr = byline.frames(part["text"].tolist(), ids=part["doc_id"].tolist(), pipeline=nlp,
                               n_threads=1, which=["entities"]).entities
            yield fr.astype({"label": str, "gender": str})

    t0 = time.perf_counter()
    got = sdf.select("doc_id", "text").mapInPandas(entities, schema).toPandas()
    t_spark = time.perf_counter() - t0
    spark.stop()

    ref = byline.frames(pdf["text"].tolist(), ids=pdf["doc_id"].tolist(), pipeline=nlp,
                        which=["entities"]).entities.astype({"label": str, "gender": str})
    cols = ["doc_id", "entity", "name", "label", "kb_id", "count", "first", "gender"]
    key = ["doc_id", "first", "entity"]
    g = got[cols].sort_values(key).reset_index(drop=True)
    r = ref[cols].sort_values(key).reset_index(drop=True)
    g = g.astype(object).where(g.notna(), None)
    r = r.astype(object).where(r.notna(), None)
    same = g.shape == r.shape and (g.values.tolist() == r.values.tolist())
    print(f"pyspark {__import__('pyspark').__version__}, local[2], {len(texts)} BBC articles: "
          f"{len(got)} entity rows from Spark in {t_spark:.1f} s, {len(ref)} single-process; "
          f"identical: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
