"""Typed records passed between the stages of the pipeline.

Data flows one way: ``ingest`` yields :class:`RawDocument`, ``clean`` turns it
into an :class:`Article`, the coders produce :class:`Actor`, :class:`Place`,
:class:`DateResolution` and :class:`Casualties`, and ``events`` assembles them
into :class:`Event` records inside an :class:`Extraction`.

Every record has ``to_dict()`` returning the JSON shape of the output contract
(see README, "Output contract").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["title", "body", "caption", "credit", "byline", "dateline", "boilerplate"]
Precision = Literal["city", "admin1", "country"]
DatePrecision = Literal["day", "week", "month", "year"]


_SCALARS = (str, int, float, bool, type(None))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    # Called for every record stored or printed: scalars first, and field names looked up once per class.
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, _Record):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(frozen=True, slots=True)
class RawDocument(_Record):
    """What a reader found in one input, before cleaning.

    ``text`` is the page's text with blocks separated by blank lines (for
    plain text it is the file as decoded); ``title`` is set when the format
    carries one separately (HTML metadata, JSON field, feed entry);
    ``captions`` are texts the markup marks as captions (HTML ``figcaption``).
    """

    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    path: str | None = None
    record_id: str | None = None
    captions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block(_Record):
    """A paragraph-sized unit of the cleaned text and what it is.

    ``start``/``end`` are character offsets into :attr:`Article.text`.
    """

    kind: BlockKind
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One cleaned news article.

    ``text`` is the normalized full text (all blocks, joined by blank lines);
    ``body`` is the body blocks alone, joined by blank lines. Offsets in
    events and entities refer to ``body``.
    """

    id: str
    title: str
    body: str
    text: str
    blocks: tuple[Block, ...]
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    path: str | None = None

    @property
    def captions(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "caption"]

    @property
    def credits(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "credit"]

    @property
    def boilerplate(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "boilerplate"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "captions": self.captions,
            "credits": self.credits,
            "boilerplate": self.boilerplate,
            "blocks": [b.to_dict() for b in self.blocks],
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "path": self.path,
        }


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    text: str
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor(_Record):
    """An actor mention coded to country (ISO alpha-3) and CAMEO sector."""

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    acled_type: str | None = None


@dataclass(frozen=True, slots=True)
class Place(_Record):
    text: str
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: Precision


@dataclass(frozen=True, slots=True)
class DateResolution(_Record):
    """A date expression resolved against the publication date."""

    text: str
    date: dt.date
    precision: DatePrecision
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Count(_Record):
    """A number of people, with the text it came from.

    ``value`` is the exact number or, for vague quantities ("dozens"), the
    documented lower bound; ``exact`` says which.
    """

    value: int
    text: str
    exact: bool = True


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    """Where an event is said: the sentence and its offsets into the body."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Context(_Record):
    negated: bool = False
    hypothetical: bool = False
    reported: bool = False
    background: bool = False


@dataclass(frozen=True, slots=True)
class Acled(_Record):
    event_type: str
    sub_event_type: str


@dataclass(slots=True)
class Event(_Record):
    id: str
    type: str
    mode: str | None
    cameo: str | None
    acled: Acled | None
    source: Actor | None
    target: Actor | None
    trigger: str
    context: Context = field(default_factory=Context)
    attributed_to: Actor | None = None
    mentions: list[Mention] = field(default_factory=list)
    location: Place | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_precision: DatePrecision | None = None
    date_inherited: bool = False
    fatalities: int | None = None
    injuries: int | None = None
    casualty_text: dict[str, str] = field(default_factory=dict)
    arrested: int | None = None


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    text: str
    speaker: Actor | None
    start: int
    end: int


@dataclass(slots=True)
class Extraction(_Record):
    """Everything extracted from one article."""

    article: Article
    entities: list[Entity]
    quotes: list[Quote]
    events: list[Event]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }
