"""RSS and Atom feed files: one document per entry (content, else summary, HTML stripped).

>>> feed = b'<rss version="2.0"><channel><title>Wire</title><item><title>Ferry sinks</title>' \\
...     b'<description>&lt;p&gt;A ferry sank off Bali on Friday.&lt;/p&gt;</description></item></channel></rss>'
>>> [d.text for d in read_feed(feed, source="wire.xml")]
['A ferry sank off Bali on Friday.']
"""

from __future__ import annotations

import datetime as dt
import xml.sax
from collections.abc import Iterator
from typing import Any

import feedparser

from ..errors import InputError, Messages
from ..records import RawDocument
from .values import HtmlText, html_to_text


def _entry_date(entry: Any) -> dt.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
    return dt.date(*parsed[:3]) if parsed else None


def _entry_text(entry: Any) -> HtmlText:
    contents = [c.get("value", "") for c in entry.get("content", ())]
    for value in (*contents, entry.get("summary", "")):
        text = html_to_text(value)
        if text.text:
            return text
    return HtmlText("")


def read_feed(data: bytes, *, source: str, path: str | None = None) -> Iterator[RawDocument | InputError]:
    """The entries of a feed; an :class:`InputError` for an entry without text or a malformed feed.

    A feed that breaks off (truncated XML) yields the entries read before the
    break and then the error.
    """
    parsed = feedparser.parse(data)
    broken = parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)
    if not parsed.entries:
        reason = parsed.get("bozo_exception") if broken else "no entries"
        yield InputError(source, Messages.BAD_FEED.format(error=reason))
        return
    feed = parsed.get("feed", {})
    site = feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        text = _entry_text(entry)
        title = html_to_text(entry.get("title", "")).text or None
        if not text.text:
            yield InputError(source, Messages.FEED_ENTRY_EMPTY.format(number=number, title=title or ""))
            continue
        yield RawDocument(
            text=text.text,
            title=title,
            published=_entry_date(entry),
            source=entry.get("source", {}).get("title") or site,
            url=entry.get("link") or None,
            language=entry.get("language") or feed.get("language") or None,
            path=path,
            record_id=entry.get("id") or None,
            captions=text.captions,
        )
    if broken:
        yield InputError(source, Messages.FEED_TRUNCATED.format(count=len(parsed.entries), error=parsed.bozo_exception))
