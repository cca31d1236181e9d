"""Field values shared by the readers: publication dates and HTML fragments.

>>> parse_date("Tue, 04 Jul 2023 09:00:00 GMT")
datetime.date(2023, 7, 4)
>>> html_to_text("<p>Roads closed.</p><figure><figcaption>A closed road.</figcaption></figure>")
HtmlText(text='Roads closed.\\n\\nA closed road.', captions=('A closed road.',))
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import re
from typing import NamedTuple

import lxml.html
from dateutil import parser as dateutil_parser
from lxml import etree

log = logging.getLogger(__name__)

_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote figure figcaption section article header footer "
    "table tr pre dd dt address aside".split()
)
_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "button", "svg", "template")
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*\n\s*")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def parse_date(value: object) -> dt.date | None:
    """A publication date from an ISO, RFC 822 or free-form date string, a date or a Unix time.

    Returns ``None`` (and logs) when the value is not a date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            log.warning("ignoring publication date %r: not a Unix time", value)
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dateutil_parser.parse(text).date()
    except (ValueError, OverflowError):
        log.warning("ignoring publication date %r: not a date", value)
        return None


class HtmlText(NamedTuple):
    """The text of an HTML fragment and the captions (``<figcaption>``) found in it."""

    text: str
    captions: tuple[str, ...] = ()


def _paragraphs(text: str) -> list[str]:
    parts = (_SPACES.sub(" ", part).strip() for part in _PARAGRAPH_BREAK.split(text))
    return [p.replace(" \n", "\n").replace("\n ", "\n") for p in parts if p]


def html_to_text(fragment: str) -> HtmlText:
    """Text of an HTML fragment, one paragraph per block element, scripts and styles dropped."""
    if "<" not in fragment:
        return HtmlText(fragment.strip())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return HtmlText("")
    for element in list(root.iter(*_DROP_TAGS)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCK_TAGS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
        elif element.tag == "br":
            element.tail = "\n" + (element.tail or "")
    captions = tuple(" ".join(_paragraphs(e.text_content())) for e in root.iter("figcaption"))
    return HtmlText("\n\n".join(_paragraphs(root.text_content())), tuple(c for c in captions if c))
