"""HTML pages: main text and metadata through trafilatura, captions from ``<figcaption>``.

Navigation, ads, cookie banners and comments are left out by trafilatura's
main-content extraction; what slips through is caught by the cleaner's
boilerplate rules.

>>> page = b"<html><body><nav>Home | World</nav><article><h1>Port strike ends</h1>" \\
...     b"<p>Dock workers in Rotterdam returned to work on Monday after a week-long strike over pay.</p>" \\
...     b"<p>The union said members had accepted a 6 percent raise.</p></article></body></html>"
>>> read_html(page, source="p.html").text.splitlines()[0]
'Port strike ends'
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from ..errors import InputError, Messages
from ..records import RawDocument
from .sniff import decode
from .values import parse_date

_SPACES = re.compile(r"\s+")


def _flat(element: etree._Element) -> str:
    return _SPACES.sub(" ", "".join(element.itertext())).strip()


def _paragraphs(body: etree._Element) -> list[str]:
    """One string per block trafilatura kept; list items become paragraphs of their own."""
    paragraphs: list[str] = []
    for child in body:
        parts = child.iter("item") if child.tag == "list" else (child,)
        paragraphs.extend(text for text in map(_flat, parts) if text)
    return paragraphs


def read_html(data: bytes, *, source: str, path: str | None = None) -> RawDocument:
    """One :class:`RawDocument` from an HTML page, or :class:`InputError` when it has no readable text."""
    page = decode(data, source=source)
    try:
        tree = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        raise InputError(source, Messages.BAD_HTML) from None
    captions = tuple(dict.fromkeys(text for text in map(_flat, tree.iter("figcaption")) if text))
    extracted = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False)
    paragraphs = _paragraphs(extracted.body) if extracted is not None and extracted.body is not None else []
    if not paragraphs:
        raise InputError(source, Messages.BAD_HTML)
    # trafilatura drops figures; the captions go after the text so that nothing the page says is lost.
    paragraphs += [caption for caption in captions if caption not in paragraphs]
    language = (tree.get("lang") or "").split("-")[0].lower() or extracted.language
    return RawDocument(
        text="\n\n".join(paragraphs),
        title=extracted.title,
        published=parse_date(extracted.date),
        source=extracted.sitename,
        url=extracted.url,
        language=language or None,
        path=path,
        captions=captions,
    )
