"""newsevents: news articles in, structured and sourced political events out.

>>> import newsevents
>>> result = newsevents.extract("examples/kazakhstan-troops.txt", published="2022-01-06")
>>> {"MOBILIZE", "PROTEST", "ACCUSE"} <= {e.type for e in result.events}
True

``read`` gives the cleaned :class:`~newsevents.records.Article`, ``extract``
the :class:`~newsevents.records.Extraction` (the JSON of ``newsevents extract
--json``), and ``Store`` the event database.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, Messages, NewsEventsError
from .records import Article, Extraction, RawDocument

if TYPE_CHECKING:
    from .store import Store

__all__ = ["Article", "Extraction", "NewsEventsError", "Store", "extract", "read"]
__version__ = "0.1.0"


def _as_input(path_or_text: str | Path) -> tuple[str, str | None]:
    """Return (input name for the readers, text when the argument is text itself)."""
    if isinstance(path_or_text, Path):
        return str(path_or_text), None
    if not path_or_text.strip():
        raise InputError("<text>", Messages.EMPTY)
    looks_like_path = "\n" not in path_or_text and len(path_or_text) < 4096
    if looks_like_path and Path(path_or_text).exists():
        return path_or_text, None
    return "<text>", path_or_text


def read(path_or_text: str | Path, *, published: dt.date | str | None = None) -> Article:
    """Read and clean the first article of a path (file of any supported format) or of raw text.

    >>> read("Protesters marched in Lagos on Monday.\\n\\nPolice fired tear gas.").title
    'Protesters marched in Lagos on Monday.'
    """
    from .clean import clean
    from .ingest import iter_documents
    from .pipeline import parse_date

    date = parse_date(published)
    name, text = _as_input(path_or_text)
    documents = [RawDocument(text=text, published=date)] if text is not None else iter_documents([name], published=date)
    for item in documents:
        if isinstance(item, InputError):
            raise item
        return clean(item)
    raise InputError(name, Messages.NO_TEXT)


def extract(
    text_or_path: str | Path,
    *,
    published: dt.date | str | None = None,
    model: str | None = None,
) -> Extraction:
    """Extract the events of one article given as a path or as text."""
    from .nlp import DEFAULT_MODEL
    from .pipeline import extract_articles

    article = read(text_or_path, published=published)
    return next(extract_articles([article], model=model or DEFAULT_MODEL))


def __getattr__(name: str) -> Any:
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
