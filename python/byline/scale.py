"""Scaling out: run byline over Dask (and, by the same pattern, Spark) partitions.

A Pipeline pickles by reference (KB and model file paths, memory-mapped once
per worker process), so shipping it to every task costs a few hundred bytes.

    >>> import dask.dataframe as dd, byline
    >>> ddf = dd.from_pandas(df, npartitions=8)
    >>> ents = byline.scale.dask_frame(ddf, "entities", text_column="text")
    >>> ents.compute()          # same rows as df["text"].byline.entities()
"""
from __future__ import annotations

from typing import Any, Optional

__all__ = ["partition_frame", "dask_frame", "empty_frame"]


def partition_frame(pdf: Any, what: str = "entities", text_column: str = "text",
                    pipeline: Any = None, n_threads: Optional[int] = 1) -> Any:
    """One frame for one pandas partition, indexed by the partition's index.

    pdf (DataFrame or Series): a partition; a DataFrame's `text_column` is read.
    what (str): "entities", "mentions", "quotes", "relations" or "cooccurrences".
    RETURNS (DataFrame): rows for the partition's texts; index = their index.
    """
    import pandas as pd

    from .dataframes import register_accessor

    register_accessor()
    s = pdf if isinstance(pdf, pd.Series) else pdf[text_column]
    return s.byline._frame(what, pipeline=pipeline, n_threads=n_threads)


def empty_frame(what: str = "entities", index_name: Any = None, index_dtype: Any = "int64") -> Any:
    """An empty frame with the right columns and dtypes (Dask's `meta`)."""
    import pandas as pd

    from .dataframes import frames

    df = frames([], which=[what])[what].drop(columns=["doc_id"])
    df.index = pd.Index([], dtype=index_dtype, name=index_name)
    return df


def dask_frame(ddf: Any, what: str = "entities", text_column: str = "text",
               pipeline: Any = None, n_threads: Optional[int] = 1) -> Any:
    """byline over a Dask DataFrame/Series with `map_partitions`.

    Each task gets the pickled Pipeline (by reference) and analyses its
    partition in `n_threads` threads (1 by default: Dask already runs one
    task per worker thread).  RETURNS a lazy Dask DataFrame indexed like `ddf`.
    """
    from .dataframes import register_accessor
    from .pipeline import default_pipeline

    register_accessor()

    nlp = pipeline or default_pipeline()
    meta = empty_frame(what, index_name=ddf.index.name, index_dtype=ddf.index.dtype)
    return ddf.map_partitions(partition_frame, what, text_column, nlp, n_threads, meta=meta,
                              align_dataframes=False)
