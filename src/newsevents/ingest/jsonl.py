"""JSON records: JSON Lines streamed line by line, JSON arrays streamed record by record.

A record is an object with the usual field names (``title``, ``text``/``body``/
``content``, ``date``/``published``/``dct``, ``url``/``link``, ``source``/``site``).

>>> record_to_document({"headline": "Curfew lifted", "body": "The curfew ended.", "dct": "2021-05-02"},
...                    source="a.jsonl", line=1).published
datetime.date(2021, 5, 2)
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping
from typing import IO, Any
from urllib.parse import urlsplit

from ..errors import InputError, Messages
from ..records import RawDocument
from .sniff import decode
from .values import html_to_text, parse_date

TEXT_FIELDS = ("text", "body", "content", "full_text", "doc_text", "article", "maintext", "article_text", "story")
TITLE_FIELDS = ("title", "headline", "name")
DATE_FIELDS = ("published", "date", "publish_date", "published_at", "pubdate", "date_publish", "dct",
               "publication_date", "datetime", "created_at")  # fmt: skip
URL_FIELDS = ("url", "link", "uri", "href", "source_url")
SOURCE_FIELDS = ("source", "site", "site_name", "sitename", "publisher", "outlet", "domain")
ID_FIELDS = ("id", "doc_id", "record_id", "uuid", "guid")
LANGUAGE_FIELDS = ("language", "lang")
# Containers of records in API dumps such as {"status": "ok", "articles": [...]}.
LIST_FIELDS = ("articles", "items", "documents", "docs", "records", "results", "data", "entries")

_CHUNK = 1 << 16


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    return next((record[name] for name in names if record.get(name) not in (None, "", [], {})), None)


def _as_text(value: Any) -> str:
    if isinstance(value, list):  # paragraphs
        return "\n\n".join(_as_text(v) for v in value if v)
    if isinstance(value, Mapping):
        return _as_text(_first(value, ("text", "value", "name", "title")))
    return html_to_text(str(value)).text if value is not None else ""


def _is_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def record_to_document(record: Any, *, source: str, line: int, path: str | None = None) -> RawDocument:
    """The :class:`RawDocument` of one decoded JSON record; :class:`InputError` when it has no text."""
    if not isinstance(record, Mapping):
        raise InputError(source, Messages.NOT_A_RECORD.format(line=line, kind=type(record).__name__))
    if _first(record, TEXT_FIELDS) is None and not any(name in record for name in TEXT_FIELDS):
        raise InputError(source, Messages.BAD_JSON_RECORD.format(line=line, fields=", ".join(TEXT_FIELDS)))
    text = _as_text(_first(record, TEXT_FIELDS))
    if not text.strip():
        raise InputError(source, Messages.EMPTY_RECORD.format(line=line))
    url = _first(record, URL_FIELDS)
    site = _as_text(_first(record, SOURCE_FIELDS)) or None
    record_id = _first(record, ID_FIELDS)
    return RawDocument(
        text=text,
        title=_as_text(_first(record, TITLE_FIELDS)) or None,
        published=parse_date(_first(record, DATE_FIELDS)),
        # a "source" holding a URL (as in some crawls) is the page address, not the site name
        source=None if site and _is_url(site) else site,
        url=str(url) if url else (site if site and _is_url(site) else None),
        language=_as_text(_first(record, LANGUAGE_FIELDS)) or None,
        path=path,
        record_id=str(record_id) if record_id is not None else None,
    )


def _safe_record(record: Any, *, source: str, line: int, path: str | None) -> RawDocument | InputError:
    try:
        return record_to_document(record, source=source, line=line, path=path)
    except InputError as error:
        return error


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while (chunk := stream.readline(_CHUNK)) and not chunk.endswith(b"\n"):
        pass


def read_jsonl(stream: IO[bytes], *, source: str, limit: int, path: str | None = None
               ) -> Iterator[RawDocument | InputError]:  # fmt: skip
    """Documents from a JSON Lines stream, one line at a time; bad lines become errors, the rest is read."""
    number = 0
    while raw := stream.readline(limit + 1):
        number += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield InputError(source, Messages.LINE_TOO_LARGE.format(line=number, limit=limit))
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(decode(raw.removeprefix(codecs.BOM_UTF8).strip(), source=source))
        except json.JSONDecodeError as error:
            yield InputError(source, Messages.BAD_JSON.format(line=number, error=error.msg))
            continue
        except InputError as error:
            yield InputError(source, f"line {number}: {error.reason}")
            continue
        yield _safe_record(record, source=source, line=number, path=path)


def read_json(data: bytes, *, source: str, path: str | None = None) -> Iterator[RawDocument | InputError]:
    """Documents from a JSON file holding one record or a container such as ``{"articles": [...]}``."""
    try:
        value = json.loads(decode(data, source=source))
    except json.JSONDecodeError as error:
        yield InputError(source, Messages.BAD_JSON.format(line=error.lineno, error=error.msg))
        return
    except InputError as error:
        yield error
        return
    records = _first(value, LIST_FIELDS) if isinstance(value, Mapping) else None
    if isinstance(records, list) and _first(value, TEXT_FIELDS) is None:
        yield from (_safe_record(record, source=source, line=1, path=path) for record in records)
    else:
        yield _safe_record(value, source=source, line=1, path=path)


def read_json_array(stream: IO[bytes], *, source: str, limit: int, path: str | None = None
                    ) -> Iterator[RawDocument | InputError]:  # fmt: skip
    """Documents from a JSON array of records, decoded one record at a time (``line`` = where it starts)."""
    text = codecs.getreader("utf-8-sig")(stream, errors="strict")
    buffer, position, line = "", 0, 1
    decoder = json.JSONDecoder()

    def fill() -> bool:
        nonlocal buffer, position
        chunk = text.read(_CHUNK)
        buffer, position = buffer[position:] + chunk, 0
        return bool(chunk)

    def skip(characters: str) -> str:
        """Skip whitespace and ``characters``; the next significant character, or '' at the end."""
        nonlocal position, line
        while True:
            while position < len(buffer) and (buffer[position].isspace() or buffer[position] in characters):
                line += buffer[position] == "\n"
                position += 1
            if position < len(buffer) or not fill():
                return buffer[position : position + 1]

    try:
        skip("[")
        while skip(",") not in ("]", ""):
            while True:
                try:
                    record, end = decoder.raw_decode(buffer, position)
                    break
                except json.JSONDecodeError as error:
                    if len(buffer) - position > limit:
                        raise InputError(source, Messages.LINE_TOO_LARGE.format(line=line, limit=limit)) from None
                    if not fill():
                        raise InputError(source, Messages.BAD_JSON.format(line=line, error=error.msg)) from None
            start_line = line
            line += buffer.count("\n", position, end)
            position = end
            yield _safe_record(record, source=source, line=start_line, path=path)
        if skip("") != "]":
            raise InputError(source, Messages.BAD_JSON.format(line=line, error="the array is not closed"))
    except UnicodeDecodeError as error:
        yield InputError(source, Messages.BAD_JSON.format(line=line, error=f"not UTF-8 ({error.reason})"))
    except InputError as error:
        yield error
