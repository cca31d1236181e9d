"""Turn a request body into a cleaned article and code it with the process-wide extractor.

The model and dictionaries load once per process, on the first article posted;
extraction is serialized by a lock (spaCy pipelines are not meant to be shared
between threads), and callers run it in a worker thread.

>>> article_from_json(ArticleIn(text="Police arrested 12 protesters in Lagos.", date="2024-03-04")).published
datetime.date(2024, 3, 4)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from typing import TYPE_CHECKING

from ..errors import InputError, Messages
from ..ingest.html import read_html
from ..ingest.text import read_text
from ..records import Article, Extraction, RawDocument
from .schemas import ArticleIn

if TYPE_CHECKING:
    from ..pipeline import Extractor

REQUEST_SOURCE = "<request body>"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})

_lock = threading.Lock()
_extractor: Extractor | None = None


def _clean(raw: RawDocument) -> Article:
    from ..clean import clean

    return clean(raw)


def article_from_json(payload: ArticleIn) -> Article:
    """The cleaned article of a JSON request."""
    raw = RawDocument(
        text=payload.text, title=payload.title, published=payload.date, url=payload.url, source=payload.source
    )
    return _clean(raw)


def article_from_bytes(
    body: bytes,
    *,
    media_type: str,
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
) -> Article:
    """The cleaned article of a raw ``text/plain`` or ``text/html`` request; query values override the page's."""
    if media_type in HTML_TYPES:
        raw = read_html(body, source=REQUEST_SOURCE)
    elif media_type in TEXT_TYPES:
        raw = read_text(body, source=REQUEST_SOURCE)
    else:
        raise InputError(REQUEST_SOURCE, Messages.API_MEDIA_TYPE.format(media_type=media_type))
    given = {"published": published, "title": title, "url": url, "source": source}
    return _clean(dataclasses.replace(raw, **{k: v for k, v in given.items() if v is not None}))


def extract_one(article: Article) -> Extraction:
    """Code ``article`` with the shared extractor (loaded on first use). Blocking: call from a thread."""
    global _extractor
    from ..pipeline import Extractor  # spaCy and the coders load only when an article is posted

    with _lock:
        if _extractor is None:
            _extractor = Extractor().warm_up()
        return next(_extractor.extract([article], batch_size=1))
