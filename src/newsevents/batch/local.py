"""The single-machine engine: ``pipeline.extract_articles(workers=N)`` streaming into Parquet.

>>> from newsevents.batch.local import run_local                # doctest: +SKIP
>>> run_local(["news.jsonl"], "out/", workers=2).events          # doctest: +SKIP
412
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from .. import nlp
from ..records import Article, Extraction
from .dataset import EVENT_SCHEMA, PARTITION, STAGING_SCHEMA, Failure, staging_table
from .inputs import plan_sources, read_source
from .layout import BatchSummary, Layout, write_parts
from .linking import link_all, staged_events

# Staging rows per Parquet row group; stage two reads one group at a time.
ROW_GROUP = 512


def run_local(
    inputs: Sequence[str],
    out_dir: str | Path,
    *,
    workers: int = 1,
    batch_size: int = nlp.DEFAULT_BATCH_SIZE,
    published: dt.date | None = None,
    model: str = nlp.DEFAULT_MODEL,
    advance: Callable[[int], None] = lambda n: None,
) -> BatchSummary:
    """Extract every document of ``inputs`` into the Parquet datasets under ``out_dir``; ``advance(n)`` is
    called as documents are done (extracted or failed)."""
    from .extracting import clean_document, extract_stream  # loads the NLP stack; write_results does not

    started = time.perf_counter()
    layout = Layout.prepare(out_dir)
    failures: list[Failure] = []

    def articles() -> Iterator[Article]:
        for source in plan_sources(inputs):
            for item in read_source(source, published=published):
                result = clean_document(item)
                if isinstance(result, Failure):
                    failures.append(result)
                else:
                    yield result

    # chain() reads the failures list only once the extractions are exhausted, so none is missed.
    results = itertools.chain(extract_stream(articles(), workers=workers, batch_size=batch_size, model=model),
                              failures)  # fmt: skip
    write_results(_counted(results, advance), layout)
    options = {"inputs": list(inputs), "workers": workers, "batch_size": batch_size, "published": published,
               "model": model}  # fmt: skip
    return layout.publish(engine="local", started=started, options=options)


def _counted(results: Iterable[Extraction | Failure], advance: Callable[[int], None]) -> Iterator[Extraction | Failure]:
    for result in results:
        yield result
        advance(1)


def write_results(results: Iterable[Extraction | Failure], layout: Layout) -> None:
    """Stage one's rows to ``layout``'s staging file, then stage two in this process."""
    staged = layout.extracted / "part-00000.parquet"
    iterator = iter(results)
    with pq.ParquetWriter(staged, STAGING_SCHEMA, compression="zstd") as writer:
        while chunk := list(itertools.islice(iterator, ROW_GROUP)):
            writer.write_table(staging_table(chunk))
    _split(staged, layout)


def _split(staged: Path, layout: Layout) -> None:
    """Stage two in one process; events are linked in memory."""
    write_parts(staged, layout)
    source = pq.ParquetFile(staged)
    events = [staged_events(source.read_row_group(g, columns=["events"])) for g in range(source.num_row_groups)]
    linked = link_all(pa.concat_tables(events)) if events else EVENT_SCHEMA.empty_table()
    if linked.num_rows:
        pads.write_dataset(
            linked,
            layout.new("events"),
            format="parquet",
            partitioning=pads.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive"),
            basename_template="part-{i}.parquet",
            file_options=pads.ParquetFileFormat().make_write_options(compression="zstd"),
        )
