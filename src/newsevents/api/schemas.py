"""Pydantic models of the HTTP API: the JSON shapes of the output contract, for validation and OpenAPI.

The event model is derived from :class:`~newsevents.records.Event` (actors,
places, mentions are the record dataclasses themselves), so the schema follows
the output contract; models allow extra keys so that a field the store adds
reaches API clients without a change here.

>>> ErrorOut(error="no article with id 'x'").model_dump()
{'error': "no article with id 'x'"}
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from ..records import Actor, Block, Event, Place


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    """Every error response: a message for a person to read."""

    error: str = Field(examples=["bad since filter 'last week': a date YYYY-MM-DD"])


def _from_record(record: type, name: str, doc: str, **more: Any) -> type[BaseModel]:
    """A response model with the fields of the dataclass ``record`` (same names, types, defaults) and ``more``."""
    hints = typing.get_type_hints(record)
    fields: dict[str, Any] = {}
    for item in dataclasses.fields(record):
        if item.default is not dataclasses.MISSING:
            fields[item.name] = (hints[item.name], item.default)
        elif item.default_factory is not dataclasses.MISSING:
            fields[item.name] = (hints[item.name], Field(default_factory=item.default_factory))
        else:
            fields[item.name] = (hints[item.name], ...)
    return create_model(name, __base__=_Open, __doc__=doc, **fields, **more)


EventOut = _from_record(
    Event,
    "EventOut",
    "An event of the output contract, with where it is stored and which article says it.",
    seq=(int, Field(description="storage order; pass the last one as `after` to page")),
    article_id=(str, ...),
    incident_id=(str | None, None),
    source_url=(str | None, None),
    article_title=(str | None, None),
    published=(dt.date | None, None),
)


class FigureOut(_Open):
    """What one article reported for an incident."""

    fatalities: int | None = None
    injuries: int | None = None
    article_id: str
    published: dt.date | None = None


class IncidentOut(_Open):
    """Events from one or more articles judged to be the same real-world happening."""

    seq: int
    id: str
    type: str
    date: dt.date | None = None
    location: Place | None = None
    fatalities: int | None = None
    injuries: int | None = None
    confidence: float
    event_ids: list[str]
    article_ids: list[str]
    figures: list[FigureOut] = Field(default_factory=list)
    source: Actor | None = None
    target: Actor | None = None


class EventPage(BaseModel):
    items: list[EventOut]
    next: int | None = Field(description="cursor for the next page (`after=`), null on the last page")


class IncidentPage(BaseModel):
    items: list[IncidentOut]
    next: int | None = Field(description="cursor for the next page (`after=`), null on the last page")


class ArticleCopy(BaseModel):
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    path: str | None = None


class ArticleOut(_Open):
    """A stored article: cleaned text, its blocks, and its events with their evidence."""

    id: str
    title: str
    body: str = Field(description="the text that was coded; mention offsets refer to it")
    captions: list[str] = Field(default_factory=list)
    credits: list[str] = Field(default_factory=list)
    boilerplate: list[str] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    path: str | None = None
    copies: list[ArticleCopy] = Field(
        default_factory=list, description="the same text met elsewhere (another URL, source or file)"
    )
    events: list[EventOut] = Field(default_factory=list)


class StatsOut(BaseModel):
    by_type: dict[str, int]
    by_country: dict[str, int]
    by_day: dict[str, dict[str, int]] = Field(description="YYYY-MM-DD -> PLOVER type -> events")
    events: int
    articles: int
    incidents: int


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str


class ArticleIn(BaseModel):
    """An article to code, as JSON; ``text`` is plain text (post HTML as ``text/html`` instead)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, examples=["Police arrested 12 protesters in Lagos on Monday."])
    title: str | None = None
    date: dt.date | None = Field(None, description="publication date, the anchor of relative dates")
    url: str | None = None
    source: str | None = None


class IngestOut(BaseModel):
    """The stored article and the events coded from it."""

    article_id: str
    title: str
    published: dt.date | None = None
    stored: bool = Field(description="false when this exact article was already in the database")
    events: list[EventOut]
