"""Read, clean, extract and store a stream of inputs, skipping what the store already holds.

Articles already stored (same content hash), or repeated earlier in the same
run, are skipped before extraction, so a re-run costs only reading and
cleaning; where such a repeat was found (another URL, source or file) is kept
among the stored article's copies. Extractions are stored ``batch_size`` articles per transaction: an
interrupted run, run again, ends with exactly the rows of an uninterrupted one.

>>> from newsevents.store import Store
>>> import tempfile, pathlib
>>> with Store(pathlib.Path(tempfile.mkdtemp()) / "e.db") as store:  # doctest: +SKIP
...     run = ingest(store, ["examples/kazakhstan-troops.txt"])
>>> run.summary.stored  # doctest: +SKIP
1
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from .. import nlp
from ..errors import ExtractionError, InputError, NewsEventsError
from ..records import Article, Extraction
from .store import IngestSummary, Store, content_hash

log = logging.getLogger(__name__)
MAX_REPORTED_ERRORS = 5


@dataclass(slots=True)
class IngestRun:
    """The summary of one ingest and its first input errors."""

    summary: IngestSummary = field(default_factory=IngestSummary)
    errors: list[str] = field(default_factory=list)
    # texts met twice in this run: (content hash, the later article without its text), kept as copies at the end
    repeats: list[tuple[str, Article]] = field(default_factory=list)

    def fail(self, error: NewsEventsError) -> None:
        self.summary.failed += 1
        log.warning("skipped: %s", error)
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(str(error))


def _new_articles(
    store: Store,
    inputs: Iterable[str],
    run: IngestRun,
    *,
    published: dt.date | None,
    advance: Callable[[int], None],
) -> Iterator[Article]:
    from ..clean import clean
    from ..ingest import iter_documents

    seen: set[str] = set()
    for item in iter_documents(inputs, published=published):
        if isinstance(item, InputError):
            run.fail(item)
            advance(1)
            continue
        try:
            article = clean(item)
        except NewsEventsError as error:
            run.fail(error)
            advance(1)
            continue
        run.summary.read += 1
        digest = content_hash(article)
        if digest in seen:
            # the first telling may not be stored yet; where this one was found is kept after it is
            run.repeats.append((digest, replace(article, body="", text="", blocks=())))
        elif store.add_copy(article, digest=digest) is None:
            seen.add(digest)
            yield article
            continue
        run.summary.already_present += 1
        advance(1)


def ingest(
    store: Store,
    inputs: Iterable[str],
    *,
    published: dt.date | None = None,
    workers: int = 1,
    batch_size: int = nlp.DEFAULT_BATCH_SIZE,
    model: str = nlp.DEFAULT_MODEL,
    advance: Callable[[int], None] = lambda n: None,
) -> IngestRun:
    """Store every new article of ``inputs``; ``advance(n)`` is called as articles are done.

    An input that is a ``newsevents batch`` output directory is imported as it
    was extracted there, without extracting again.
    """
    from ..batch import is_batch_output, load_parquet_dataset
    from ..pipeline import extract_articles

    started = time.perf_counter()
    run = IngestRun()
    inputs = list(inputs)
    datasets = [name for name in inputs if is_batch_output(name)]
    sources = [name for name in inputs if name not in datasets]
    if sources:
        articles = _new_articles(store, sources, run, published=published, advance=advance)

        def skipped(error: ExtractionError) -> None:
            run.fail(error)
            advance(1)

        extractions = extract_articles(articles, model=model, batch_size=batch_size, workers=workers,
                                       on_error=skipped)  # fmt: skip
        _store_in_batches(store, extractions, run, batch_size=batch_size, advance=advance)
        for digest, copy in run.repeats:
            store.add_copy(copy, digest=digest)
    for name in datasets:
        imported = load_parquet_dataset(name)
        run.summary.read += _store_in_batches(store, imported, run, batch_size=batch_size, advance=advance)
    run.summary.elapsed = time.perf_counter() - started
    return run


def _store_in_batches(
    store: Store,
    extractions: Iterable[Extraction],
    run: IngestRun,
    *,
    batch_size: int,
    advance: Callable[[int], None],
) -> int:
    """Store ``extractions``, one transaction per ``batch_size``; return how many were passed in."""
    iterator = iter(extractions)
    count = 0
    while batch := list(itertools.islice(iterator, batch_size)):
        part = store.add(batch, batch_size=batch_size)
        run.summary.stored += part.stored
        run.summary.already_present += part.already_present
        run.summary.events += part.events
        run.summary.incidents += part.incidents
        advance(len(batch))
        count += len(batch)
    return count
