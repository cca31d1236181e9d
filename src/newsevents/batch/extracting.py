"""Clean and extract without losing a batch to one bad article; used by both engines."""

from __future__ import annotations

import collections
import logging
from collections.abc import Iterable, Iterator

from ..clean import clean
from ..errors import InputError, NewsEventsError
from ..pipeline import Extractor, extract_articles
from ..records import Article, Extraction, RawDocument
from .dataset import Failure

log = logging.getLogger(__name__)


def clean_document(item: RawDocument | InputError) -> Article | Failure:
    if isinstance(item, InputError):
        return Failure.from_input_error(item)
    try:
        return clean(item)
    except NewsEventsError as error:
        reason = error.reason if isinstance(error, InputError) else str(error)
        return Failure(input=item.path or item.url or "<input>", stage="clean", reason=reason,
                       record_id=item.record_id)  # fmt: skip


def _failure(article: Article, error: Exception) -> Failure:
    return Failure(input=article.path or article.url or article.id, stage="extract",
                   reason=f"{type(error).__name__}: {error}", record_id=article.id)  # fmt: skip


def extract_guarded(extractor: Extractor, articles: list[Article], *, batch_size: int) -> list[Extraction | Failure]:
    """Extract a batch; when it fails, redo it one article at a time so only the bad ones are lost."""
    try:
        return list(extractor.extract(articles, batch_size=batch_size))
    # A coder bug on one odd article must cost that article, not the batch or the run.
    except Exception:  # noqa: BLE001
        results: list[Extraction | Failure] = []
        for article in articles:
            try:
                results.extend(extractor.extract([article]))
            except Exception as error:  # noqa: BLE001
                log.warning("skipping article %s: %s", article.id, error)
                results.append(_failure(article, error))
        return results


def extract_resilient(
    articles: Iterable[Article], *, workers: int, batch_size: int, model: str
) -> Iterator[Extraction | Failure]:
    """``pipeline.extract_articles`` that survives an article the coders choke on.

    The articles in flight when it fails are redone one by one in this process; then a fresh
    ``extract_articles`` continues with the rest of the stream.
    """
    source = iter(articles)
    pending: collections.deque[Article] = collections.deque()
    fallback: Extractor | None = None

    def feed() -> Iterator[Article]:
        for article in source:
            pending.append(article)
            yield article

    while True:
        try:
            for extraction in extract_articles(feed(), model=model, batch_size=batch_size, workers=workers):
                pending.popleft()
                yield extraction
            return
        except Exception:  # noqa: BLE001 - see extract_guarded
            fallback = fallback or Extractor(model)
            stuck = list(pending)
            pending.clear()
            yield from extract_guarded(fallback, stuck, batch_size=1)


