"""Clean and extract without losing a batch to one bad article; used by both engines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..clean import clean
from ..errors import ExtractionError, InputError, NewsEventsError
from ..pipeline import Extractor, extract_results
from ..records import Article, Extraction, RawDocument
from .dataset import Failure


def clean_document(item: RawDocument | InputError) -> Article | Failure:
    if isinstance(item, InputError):
        return Failure.from_input_error(item)
    try:
        return clean(item)
    except NewsEventsError as error:
        reason = error.reason if isinstance(error, InputError) else str(error)
        return Failure(input=item.path or item.url or "<input>", stage="clean", reason=reason,
                       record_id=item.record_id)  # fmt: skip


def _failure(error: ExtractionError) -> Failure:
    return Failure(input=error.source, stage="extract", reason=error.reason, record_id=error.article_id)


def extract_batch(extractor: Extractor, articles: list[Article], *, batch_size: int) -> list[Extraction | Failure]:
    """Extract a batch; an article the coders fail on becomes a :class:`Failure` in its place."""
    results = extractor.extract_guarded(articles, batch_size=batch_size)
    return [_failure(result) if isinstance(result, ExtractionError) else result for result in results]


def extract_stream(
    articles: Iterable[Article], *, workers: int, batch_size: int, model: str
) -> Iterator[Extraction | Failure]:
    """``pipeline.extract_articles`` with the articles it skips as :class:`Failure` records, in input order."""
    for result in extract_results(articles, model=model, batch_size=batch_size, workers=workers):
        yield _failure(result) if isinstance(result, ExtractionError) else result
