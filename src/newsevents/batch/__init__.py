"""Corpus-scale batch extraction into Parquet, on one machine or on a Ray cluster.

>>> from newsevents.batch import run_batch, load_parquet_dataset          # doctest: +SKIP
>>> summary = run_batch(["news.jsonl"], "out/", engine="local", workers=2) # doctest: +SKIP
>>> next(load_parquet_dataset("out/")).events[0].type                      # doctest: +SKIP
'PROTEST'

See ``docs/scaling.md`` for the layout, the guarantees and running on a cluster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from .. import nlp
from ..errors import InputError, Messages
from .dataset import (
    ARTICLE_SCHEMA,
    ERROR_SCHEMA,
    EVENT_SCHEMA,
    MENTIONS_SCHEMA,
    event_from_row,
    event_row,
    extraction_from_rows,
    is_batch_output,
    load_parquet_dataset,
)
from .layout import BatchSummary

__all__ = [
    "ARTICLE_SCHEMA",
    "ERROR_SCHEMA",
    "EVENT_SCHEMA",
    "MENTIONS_SCHEMA",
    "BatchSummary",
    "event_from_row",
    "event_row",
    "extraction_from_rows",
    "is_batch_output",
    "load_parquet_dataset",
    "run_batch",
]

Engine = Literal["local", "ray"]


def run_batch(
    inputs: Sequence[str],
    out_dir: str | Path,
    *,
    engine: Engine = "local",
    workers: int = 1,
    address: str | None = None,
    batch_size: int = nlp.DEFAULT_BATCH_SIZE,
    published: dt.date | None = None,
    model: str = nlp.DEFAULT_MODEL,
    verbose: bool = False,
    advance: Callable[[int], None] = lambda n: None,
) -> BatchSummary:
    """Extract ``inputs`` into the Parquet datasets under ``out_dir``, replacing what a previous run left there.

    ``engine="ray"`` joins the cluster at ``address`` (``"auto"``: the one ``ray start`` runs here) or
    starts Ray on this machine with ``workers`` CPUs; it needs ``pip install 'newsevents[ray]'``.
    ``advance(n)`` is called as documents are done, by the local engine (Ray shows its own progress
    with ``verbose``).
    """
    if workers < 1:
        raise InputError("--workers", Messages.BAD_WORKERS.format(value=workers))
    if engine == "ray":
        from .ray_engine import run_ray

        return run_ray(inputs, out_dir, workers=workers, address=address, batch_size=batch_size,
                       published=published, model=model, verbose=verbose)  # fmt: skip
    from .local import run_local

    return run_local(inputs, out_dir, workers=workers, batch_size=batch_size, published=published, model=model,
                     advance=advance)  # fmt: skip
