"""Wire the stages together: articles in, :class:`Extraction` records out.

>>> from newsevents.pipeline import extract_articles
>>> from newsevents import read
>>> [x.events[0].type for x in extract_articles([read("Police arrested 12 protesters in Lagos.")])]
['COERCE']
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from spacy.tokens import Doc

from . import nlp
from .actors import ActorCoder, ActorMention
from .dates import date_event, find_dates
from .errors import ExtractionError, InputError, Messages, NewsEventsError
from .events import CodedEvent, EventCoder, find_quotes
from .geo import Gazetteer, PlaceMention, find_places, idiom_country, locate_event, story_country
from .quantities import Casualties, CountMention, casualties_for, find_counts, unclaimed_victims
from .records import Article, Entity, Event, Extraction

log = logging.getLogger(__name__)

# Event types whose victims a later sentence may tell of on its own ("He was taken to a hospital").
HARM_TYPES = frozenset({"ASSAULT"})
# Event types that carry the killed and injured of their clause: violence, and protests it breaks out in. Talk,
# travel or help told beside a count ("police were called after a report of a person shot") leaves it to the
# violence told beside or before it.
CASUALTY_TYPES = frozenset({"ASSAULT", "PROTEST"})
# The event type that carries the arrested: the arrest ("protested, and police detained 50": not the protest).
ARREST_TYPE = "COERCE"
# Entity labels worth showing a reader; numbers, ordinals and money are noise.
ENTITY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "DATE", "TIME", "LAW"})


@dataclass
class Extractor:
    """Holds the loaded model and dictionaries; turns parsed articles into extractions.

    Build one per process: loading is the expensive part.
    """

    model: str = nlp.DEFAULT_MODEL

    @cached_property
    def actor_coder(self) -> ActorCoder:
        return ActorCoder.default()

    @cached_property
    def event_coder(self) -> EventCoder:
        return EventCoder.default()

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.default()

    def warm_up(self) -> Extractor:
        nlp.load(self.model)
        _ = self.actor_coder, self.event_coder, self.gazetteer
        return self

    def extract(self, articles: Iterable[Article], *, batch_size: int = nlp.DEFAULT_BATCH_SIZE) -> Iterator[Extraction]:
        """Parse ``articles`` in batches and code each one; lazy, in input order."""
        first, second = itertools.tee(articles)
        docs = nlp.parse((a.body for a in first), model=self.model, batch_size=batch_size)
        for article, doc in zip(second, docs, strict=True):
            yield self.code(article, doc)

    def extract_guarded(self, articles: list[Article], *, batch_size: int) -> list[Extraction | ExtractionError]:
        """Like :meth:`extract`, but an article the coders fail on becomes an :class:`ExtractionError` in its place.

        A body too long to parse is refused before the batch; the batch is redone one article at a time only when it
        fails, so only the bad ones are lost.
        """
        results: dict[int, Extraction | ExtractionError] = {}
        parseable: list[int] = []
        for position, article in enumerate(articles):
            if (reason := nlp.refusal(article.body)) is not None:
                results[position] = _failure(article, reason)
            else:
                parseable.append(position)
        try:
            results.update(zip(parseable, self.extract([articles[p] for p in parseable], batch_size=batch_size)))
        except NewsEventsError:  # a missing model or the like: every article would fail alike
            raise
        # A coder bug on one odd article must cost that article, not the batch or the run.
        except Exception:  # noqa: BLE001
            for position in parseable:
                article = articles[position]
                try:
                    results[position] = next(self.extract([article]))
                except NewsEventsError:
                    raise
                except Exception as error:  # noqa: BLE001
                    log.debug("coding failed on article %s", article.id, exc_info=True)
                    results[position] = _failure(article, f"{type(error).__name__}: {error}")
        return [results[position] for position in range(len(articles))]

    def code(self, article: Article, doc: Doc) -> Extraction:
        """Code one parsed article body."""
        published = article.published
        focus, places, actor_mentions, coded = code_events(
            doc, article_id=article.id, actor_coder=self.actor_coder, event_coder=self.event_coder,
            gazetteer=self.gazetteer)
        dates = find_dates(doc, published=published, focus_country=focus)
        counts = find_counts(doc)
        told = _each_count_once(
            {item.trigger_i: _figures(item.event.type, casualties_for(doc, item.trigger_i, counts)) for item in coded},
            {item.trigger_i: item.event.type for item in coded},
            counts,
        )
        # By identity: each count mention carries its own Count object.
        own_figures = {id(count) for c in told.values() for count in (c.killed, c.injured, c.arrested) if count}
        retold_figures = {i: _figures(item.event.type, casualties_for(doc, i, counts))
                          for item in coded for i in item.retold_i}
        claimed = own_figures | {id(count) for c in retold_figures.values() for count in (c.killed, c.injured) if count}
        harm = [item.trigger_i for item in coded if item.event.type in HARM_TYPES
                and not (item.event.context.negated or item.event.context.hypothetical)]  # "No one else was hurt"
        victims = unclaimed_victims(doc, [m for m in counts if id(m.count) not in claimed], harm)
        events: list[Event] = []
        for item in coded:
            event = item.event
            event.location = locate_event(
                doc, item.trigger_i, places, focus_country=focus, gazetteer=self.gazetteer
            )
            when = date_event(doc, item.trigger_i, dates, published=published)
            if when.inherited:  # a later telling may give the date the first one lacks
                retold_dates = (date_event(doc, i, dates, published=published) for i in item.retold_i)
                when = next((d for d in retold_dates if d.resolution is not None and not d.inherited), when)
            if when.resolution is not None:
                event.date = when.resolution.date
                event.date_text = when.resolution.text
                event.date_precision = when.resolution.precision
                event.date_inherited = when.inherited
            # A later telling may give the figure the first one lacks ("Gunmen attacked a bank ... shot two
            # guards"), unless that figure is already another event's own; the largest of each kind is kept.
            retold = [retold_figures[i] for i in item.retold_i]
            for attribute, kind in (("fatalities", "killed"), ("injuries", "injured"), ("arrested", "arrested")):
                own = getattr(told[item.trigger_i], kind)
                later = [getattr(c, kind) for c in retold]
                later += [m.count for m in victims.get(item.trigger_i, ()) if m.kind == kind]
                figures = [own, *(c for c in later if c is not None and id(c) not in own_figures)]
                best = max((c for c in figures if c is not None), key=lambda c: c.value, default=None)
                if best is not None:
                    setattr(event, attribute, best.value)
                    event.casualty_text[attribute] = best.text
            events.append(event)
        entities = [
            Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in ENTITY_LABELS
        ]
        return Extraction(
            article=article,
            entities=entities,
            quotes=find_quotes(doc, actors=actor_mentions),
            events=events,
        )


def _figures(event_type: str, casualties: Casualties) -> Casualties:
    """The counts an event of ``event_type`` carries of ``casualties`` (see ``CASUALTY_TYPES``, ``ARREST_TYPE``)."""
    harmful = event_type in CASUALTY_TYPES
    return Casualties(casualties.killed if harmful else None, casualties.injured if harmful else None,
                      casualties.arrested if event_type == ARREST_TYPE else None)


class CodedDoc(NamedTuple):
    """What :func:`code_events` reads in a parsed body: its country, places, actors and coded events."""

    focus_country: str | None
    places: list[PlaceMention]
    actors: list[ActorMention]
    events: list[CodedEvent]


def code_events(
    doc: Doc, *, article_id: str, actor_coder: ActorCoder, event_coder: EventCoder, gazetteer: Gazetteer
) -> CodedDoc:
    """The focus country, places, actor mentions and events of ``doc``. A story whose actors and idioms name no country
    (:func:`story_focus`) takes the one its places lie in (a local story: "gunmen attacked a bank in Dayton")."""
    focus = story_focus(doc, actor_coder=actor_coder)
    places = find_places(doc, focus_country=focus, gazetteer=gazetteer)
    focus = focus or story_country(places)
    actors = actor_coder.mentions(doc, focus_country=focus)
    events = event_coder.code(doc, article_id=article_id, actors=actors, actor_coder=actor_coder,
                              focus_country=focus, places=places)
    return CodedDoc(focus, places, actors, events)


def story_focus(doc: Doc, *, actor_coder: ActorCoder) -> str | None:
    """The country ``doc`` is about before its places are read: the one its actors name, unless only the dictionary's
    towns name it and the story's idioms say another ("Santa Ana police" and "sheriff's deputies": the Santa Ana of
    California, not El Salvador's); with no actor's country, the one its idioms say; else None."""
    focus = actor_coder.focus_country(doc)
    idiom = idiom_country(doc.text)
    if idiom and focus != idiom and (focus is None or actor_coder.focus_country(doc, toponyms=False) != focus):
        return idiom
    return focus


def _each_count_once(
    told: dict[int, Casualties], types: dict[int, str], counts: list[CountMention]
) -> dict[int, Casualties]:
    """Each count carried by one event of its clause: two acts told in one clause ("an 18-year-old was fatally shot
    and another wounded", a march and the shooting at it) share their counts, which go to the violence before the
    protest, then to the trigger nearest the count (``told``: figures by trigger, ``types``: event type by trigger,
    ``counts``: the doc's count mentions)."""
    heads = {id(mention.count): mention.head_i for mention in counts}
    holders: dict[int, list[int]] = collections.defaultdict(list)
    for trigger_i, casualties in told.items():
        for count in (casualties.killed, casualties.injured, casualties.arrested):
            if count is not None:
                holders[id(count)].append(trigger_i)
    owner = {count_id: min(triggers, key=lambda t: (types[t] != "ASSAULT", abs(t - heads[count_id]), t))
             for count_id, triggers in holders.items()}
    return {
        trigger_i: Casualties(*(c if c is not None and owner[id(c)] == trigger_i else None
                                for c in (casualties.killed, casualties.injured, casualties.arrested)))
        for trigger_i, casualties in told.items()
    }


# Articles sent to a worker at a time. Small chunks keep every worker busy until the
# last article; a chunk of 32 left one worker idle for up to a chunk at the end of a run.
WORKER_CHUNK_SIZE = 8

_worker_extractor: Extractor | None = None


def _failure(article: Article, error: str) -> ExtractionError:
    source = article.url or article.path or article.id
    return ExtractionError(source, Messages.EXTRACT_FAILED.format(id=article.id, error=error), article.id)


def _init_worker(model: str) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(model).warm_up()


def _extract_chunk(chunk: list[Article], batch_size: int) -> list[Extraction | ExtractionError]:
    assert _worker_extractor is not None
    return _worker_extractor.extract_guarded(chunk, batch_size=batch_size)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def extract_articles(
    articles: Iterable[Article],
    *,
    model: str = nlp.DEFAULT_MODEL,
    batch_size: int = nlp.DEFAULT_BATCH_SIZE,
    workers: int = 1,
    on_error: Callable[[ExtractionError], None] | None = None,
) -> Iterator[Extraction]:
    """Extract events from ``articles``, streaming, in input order.

    With ``workers > 1`` the articles are spread over that many processes,
    each loading the model once; at most ``2 * workers`` batches are in flight.
    An article the coders fail on is passed to ``on_error`` as an
    :class:`ExtractionError` and skipped; without ``on_error`` the error is raised.
    """
    for result in extract_results(articles, model=model, batch_size=batch_size, workers=workers):
        if isinstance(result, Extraction):
            yield result
        elif on_error is None:
            raise result
        else:
            on_error(result)


def extract_results(
    articles: Iterable[Article], *, model: str, batch_size: int, workers: int
) -> Iterator[Extraction | ExtractionError]:
    """:func:`extract_articles` with each article the coders fail on as an :class:`ExtractionError` in its place."""
    if workers <= 1:
        extractor = Extractor(model)
        for chunk in _chunks(articles, batch_size):
            yield from extractor.extract_guarded(chunk, batch_size=batch_size)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(model,)) as pool:
        # Pool.imap would drain the input eagerly; a bounded queue keeps memory flat.
        in_flight: collections.deque = collections.deque()
        for chunk in _chunks(articles, min(batch_size, WORKER_CHUNK_SIZE)):
            in_flight.append(pool.apply_async(_extract_chunk, (chunk, batch_size)))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().get()
        while in_flight:
            yield from in_flight.popleft().get()


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """Accept a ``YYYY-MM-DD`` string, a date or ``None``."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("--date", Messages.BAD_DATE.format(value=value)) from None
