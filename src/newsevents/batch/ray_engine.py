"""The Ray engine: the same two stages as the local engine, as a streaming Ray Data job.

Stage one: the input arguments become a tiny dataset (``from_items``, one row per input), each
read by a task that streams its documents (:func:`~newsevents.batch.inputs.read_source`, so both
engines see the same documents); a pool of ``workers`` actors, each holding one loaded
:class:`~newsevents.pipeline.Extractor`, extracts them batch by batch (``map_batches``) and the
rows stream to Parquet (``write_parquet``). Nothing of the corpus passes through the driver.
Stage two splits the staged rows, groups events by incident partition (a country) (``groupby(...).map_groups``)
to link incidents and writes the events partitioned by date.

>>> run_ray(["news.jsonl"], "out/", workers=2, address="auto")      # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import os
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow as pa

from .. import nlp
from ..errors import InputError, Messages, NewsEventsError
from ..pipeline import Extractor
from ..records import Article, Extraction
from .dataset import PARTITION, Failure, staging_table
from .extracting import clean_document, extract_batch
from .inputs import READ_BATCH_ROWS, Source, documents_of, plan_sources, raw_table, read_source
from .layout import BatchSummary, Layout, write_parts
from .linking import LINK_KEY, link_partition, staged_events

# Ray restarts a crashed extractor actor and retries its batch this many times.
RETRIES = 3
# Blocks of about a hundred articles: enough blocks for every extractor to have work.
BLOCK_BYTES = 256 * 1024


def import_ray() -> ModuleType:
    """``ray`` (with Ray Data), or a clear error naming the extra to install."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as error:
        raise NewsEventsError(Messages.RAY_MISSING.format(error=error)) from None
    return ray


class ExtractWorker:
    """One per Ray worker: loads the spaCy pipeline and dictionaries once, then extracts batches."""

    def __init__(self, *, model: str, batch_size: int) -> None:
        self.extractor = Extractor(model).warm_up()
        self.batch_size = batch_size

    def __call__(self, documents: pa.Table) -> pa.Table:
        results: list[Extraction | Failure] = []
        articles: list[Article] = []
        for item in documents_of(documents):
            cleaned = clean_document(item)
            if isinstance(cleaned, Failure):
                results.append(cleaned)
            else:
                articles.append(cleaned)
        results.extend(extract_batch(self.extractor, articles, batch_size=self.batch_size))
        return staging_table(results)


def _read(rows: pa.Table, *, published: dt.date | None) -> Iterator[pa.Table]:
    for row in rows.to_pylist():
        items = read_source(Source(row["path"], row["parquet"]), published=published)
        while chunk := list(itertools.islice(items, READ_BATCH_ROWS)):
            yield raw_table(chunk)


def _start(ray: ModuleType, *, address: str | None, workers: int, verbose: bool) -> bool:
    """Join the cluster at ``address`` or start a local one; True when this call started Ray."""
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if not verbose:  # the C++ core logs notes to stderr of every process, the driver's included
        os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    level = logging.INFO if verbose else logging.WARNING
    options: dict[str, Any] = {"log_to_driver": verbose, "logging_level": level}
    if address is None:
        options.update(num_cpus=workers, include_dashboard=False)
    try:
        ray.init(address=address, **options)
    except (ConnectionError, RuntimeError, ValueError) as error:
        raise NewsEventsError(Messages.RAY_CONNECT.format(address=address, error=error)) from None
    # Ray Data warns that progress bars are off; that is what quiet means here.
    logging.getLogger("ray.data").setLevel(level if verbose else logging.ERROR)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = verbose
    context.print_on_execution_start = verbose
    return True


def run_ray(
    inputs: Sequence[str],
    out_dir: str | Path,
    *,
    workers: int = 1,
    address: str | None = None,
    batch_size: int = nlp.DEFAULT_BATCH_SIZE,
    published: dt.date | None = None,
    model: str = nlp.DEFAULT_MODEL,
    verbose: bool = False,
) -> BatchSummary:
    """Extract every document of ``inputs`` into the Parquet datasets under ``out_dir``, on Ray.

    ``out_dir`` and the inputs must be paths every node can open (a shared file system).
    """
    sources = plan_sources(inputs)
    if any(s.path == "-" for s in sources):
        raise InputError("-", Messages.RAY_STDIN)
    ray = import_ray()
    started = time.perf_counter()
    layout = Layout.prepare(Path(out_dir).resolve())
    owner = _start(ray, address=address, workers=workers, verbose=verbose)
    try:
        with small_blocks(ray):
            _extract(ray, sources, layout, workers=workers, batch_size=batch_size, published=published, model=model)
        _split(ray, layout)
    finally:
        if owner:
            ray.shutdown()
    options = {"inputs": list(inputs), "workers": workers, "address": address, "batch_size": batch_size,
               "published": published, "model": model}  # fmt: skip
    return layout.publish(engine="ray", started=started, options=options)


@contextlib.contextmanager
def small_blocks(ray: ModuleType) -> Iterator[None]:
    """Ray merges a task's output into blocks of up to 128 MB, and an extractor takes a block whole: a
    corpus in one JSONL file would reach one extractor. Within this block, blocks are :data:`BLOCK_BYTES`.
    (A repartition step instead would wait for CPUs the extractors hold.)"""
    context = ray.data.DataContext.get_current()
    default = context.target_max_block_size
    context.target_max_block_size = BLOCK_BYTES
    try:
        yield
    finally:
        context.target_max_block_size = default


def documents_dataset(ray: ModuleType, sources: Sequence[Source], *, published: dt.date | None) -> Any:
    """The raw documents of ``sources`` as a Ray dataset (light read tasks, one per source, streaming)."""
    items = [{"path": str(Path(s.path).resolve()), "parquet": s.parquet} for s in sources]
    return ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
        _read, fn_kwargs={"published": published}, batch_size=1, batch_format="pyarrow", num_cpus=0
    )


def _extract(ray: ModuleType, sources: Sequence[Source], layout: Layout, *, workers: int, batch_size: int,
             published: dt.date | None, model: str) -> None:  # fmt: skip
    """Stage one: documents through the extractor actors into the staging dataset."""
    documents = documents_dataset(ray, sources, published=published)
    with warnings.catch_warnings():
        # Ray 2.60 deprecates extra remote arguments but names no replacement for these two
        # (its actor pool reads them from the extras); the ray extra stays below 2.64 until one exists.
        warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
        staged = documents.map_batches(
            ExtractWorker,
            fn_constructor_kwargs={"model": model, "batch_size": batch_size},
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
            # Ray's default restarts a crashed actor and retries its batch forever; a record that
            # kills its process (out of memory) would then stop the run.
            max_restarts=RETRIES,
            max_task_retries=RETRIES,
        )
    staged.write_parquet(str(layout.extracted))


def _write_parts(files: pa.Table, *, root: str) -> pa.Table:
    rows = [write_parts(Path(path), Layout(Path(root))) for path in files["path"].to_pylist()]
    return pa.table({"rows": rows})


def _split(ray: ModuleType, layout: Layout) -> None:
    """Stage two as two Ray jobs; events meet their incident block on one worker, never all on one."""
    files = [{"path": str(path)} for path in sorted(layout.extracted.glob("*.parquet"))]
    if not files:
        return
    parts = ray.data.from_items(files, override_num_blocks=len(files))
    parts.map_batches(_write_parts, fn_kwargs={"root": str(layout.root)}, batch_size=1,
                      batch_format="pyarrow").materialize()  # fmt: skip
    staged = ray.data.read_parquet(str(layout.extracted)).select_columns(["events"])
    events = staged.map_batches(staged_events, batch_format="pyarrow")
    # Shuffle partitions follow the data size (one per staging file, as Ray's default at most).
    partitions = min(len(files), ray.data.DataContext.get_current().default_hash_shuffle_parallelism)
    linked = events.groupby(LINK_KEY, num_partitions=partitions).map_groups(link_partition, batch_format="pyarrow")
    linked.write_parquet(str(layout.new("events")), partition_cols=[PARTITION])
