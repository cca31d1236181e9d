"""Read articles from files, directories and stdin, in any of the supported formats.

Every reader yields :class:`~newsevents.records.RawDocument`; an input that
cannot be read yields an :class:`~newsevents.errors.InputError` in its place and
reading goes on with the next one. Inputs are read lazily, one at a time;
JSON Lines and JSON arrays are decoded record by record, so a corpus of any
size streams. A single article (a text or HTML file, a feed, one JSON line)
may be at most :func:`max_bytes` long.

>>> docs = list(iter_documents(["examples/kazakhstan-troops.txt"]))  # doctest: +SKIP
>>> docs[0].text.splitlines()[0]  # doctest: +SKIP
'Russia sends troops into Kazakhstan to quell protests'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError, Messages
from ..records import RawDocument
from .feeds import read_feed
from .html import read_html
from .jsonl import read_json, read_json_array, read_jsonl
from .sniff import EXTENSIONS, HEAD_BYTES, detect_format, looks_binary
from .text import read_text

__all__ = ["iter_documents", "max_bytes"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
STDIN = "-"
STDIN_NAME = "<stdin>"


def max_bytes() -> int:
    """The size limit per article: ``NEWSEVENTS_MAX_BYTES`` or 20 MB."""
    value = os.environ.get("NEWSEVENTS_MAX_BYTES", "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    if not value.isdigit() or int(value) == 0:
        raise InputError("NEWSEVENTS_MAX_BYTES", Messages.BAD_MAX_BYTES.format(value=value))
    return int(value)


class _Rejoined(io.RawIOBase):
    """A stream that replays the bytes already read for sniffing, then continues with the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        return self._rest.readinto(buffer)  # type: ignore[attr-defined]


def _read_limited(stream: IO[bytes], *, source: str, limit: int, path: Path | None) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        size = path.stat().st_size if path else len(data) + sum(map(len, iter(lambda: stream.read(1 << 20), b"")))
        raise InputError(source, Messages.TOO_LARGE.format(size=size, limit=limit))
    return data


def _read_stream(raw: IO[bytes], *, source: str, path: Path | None, limit: int) -> Iterator[RawDocument | InputError]:
    head = raw.read(HEAD_BYTES)
    if not head.strip():
        yield InputError(source, Messages.EMPTY)
        return
    if looks_binary(head):
        yield InputError(source, Messages.BINARY)
        return
    stream = io.BufferedReader(_Rejoined(head, raw), buffer_size=1 << 16)
    kind = detect_format(head, source)
    where = str(path) if path else None
    if kind == "jsonl":
        yield from read_jsonl(stream, source=source, limit=limit, path=where)
    elif kind == "json_array":
        yield from read_json_array(stream, source=source, limit=limit, path=where)
    else:
        data = _read_limited(stream, source=source, limit=limit, path=path)
        if kind == "json":
            yield from read_json(data, source=source, path=where)
        elif kind == "feed":
            yield from read_feed(data, source=source, path=where)
        elif kind == "html":
            yield read_html(data, source=source, path=where)
        else:
            yield read_text(data, source=source, path=where)


def _read_one(name: str, *, limit: int) -> Iterator[RawDocument | InputError]:
    if name == STDIN:
        yield from _read_stream(sys.stdin.buffer, source=STDIN_NAME, path=None, limit=limit)
        return
    path = Path(name)
    with path.open("rb") as raw:
        yield from _read_stream(raw, source=name, path=path, limit=limit)


def _is_article_file(path: Path) -> bool:
    """Known extensions count; files without one count when their first bytes are text."""
    if path.name.startswith("."):
        return False
    if path.suffix:
        return path.suffix.lower() in EXTENSIONS
    try:
        with path.open("rb") as raw:
            head = raw.read(4096)
    except OSError:
        return True  # let reading report the reason
    return bool(head.strip()) and not looks_binary(head)


def _walk(directory: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if _is_article_file(path):
                yield str(path)
            else:
                log.info("skipping %s: not an article file", path)


def _expand(inputs: Iterable[str | Path]) -> Iterator[str | InputError]:
    for item in inputs:
        name = str(item)
        if name != STDIN and Path(name).is_dir():
            paths = _walk(Path(name))
            first = next(paths, None)
            if first is None:
                yield InputError(name, Messages.NO_ARTICLES)
            else:
                yield first
                yield from paths
        else:
            yield name


def iter_documents(inputs: Iterable[str | Path], *, published: dt.date | None = None
                   ) -> Iterator[RawDocument | InputError]:  # fmt: skip
    """Documents read from ``inputs`` (files, directories, ``-`` for stdin), one at a time.

    ``published`` replaces the publication date of every document.
    Errors are yielded, never raised, so that one bad input does not stop the others.
    """
    try:
        limit = max_bytes()
    except InputError as error:
        yield error
        return
    for name in _expand(inputs):
        if isinstance(name, InputError):
            yield name
            continue
        try:
            for document in _read_one(name, limit=limit):
                if published is not None and isinstance(document, RawDocument):
                    document = dataclasses.replace(document, published=published)
                yield document
        except InputError as error:
            yield error
        except FileNotFoundError:
            yield InputError(name, Messages.NOT_FOUND)
        except OSError as error:
            yield InputError(name, Messages.NOT_READABLE.format(error=error.strerror or error))
