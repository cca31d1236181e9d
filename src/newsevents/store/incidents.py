"""Incidents: one happening, however many articles or sentences report it.

Every event that is not negated or hypothetical belongs to exactly one
incident. Events are matched one at a time, in the order they are stored; an
event joins the best-scoring existing incident of its block (score at least
:data:`THRESHOLD`) or founds a new one. The result depends on input order but
never on batch boundaries, so an interrupted ingest re-run gives the same
incidents.

Matching rules (:func:`match_score`, 0.0 means "cannot be the same happening"):

* **Type** -- the same PLOVER type scores 1; types in one group of
  :data:`COMPATIBLE_TYPES` (the same violence or mobilisation coded two ways)
  score 0.3 across articles; any other pair is incompatible.
* **Date** -- both dated (day or week precision): at most :data:`WINDOW_DAYS`
  apart, scoring ``1 - gap / (WINDOW_DAYS + 1)``. Events without a usable date
  (none, or month/year precision) only merge within their own article.
* **Place** -- different countries are incompatible. Two city-precision places
  with coordinates must lie within :data:`RADIUS_KM` (score ``1 - d / (2 *
  RADIUS_KM)``); when either is admin1-level, the same admin1 scores 0.7 and a
  different admin1 is incompatible; a city (or admin1) against a place known
  only to the country scores :data:`COARSE_PLACE` (compatible, weak evidence).
  When *both* places are country-level only -- typically the fallback to the
  article's focus country -- the country says nothing about which happening it
  is, so such a pair merges only when an actor matches (see below). Events
  without a place only merge within their article.
* **Actors** -- per role (source, target): different countries are
  incompatible; the same actor (same name, or same country and sector) scores
  1, an unknown side 0.6, a different sector 0.3.
* **Figures** -- two reports of one happening usually give close casualty
  counts: the same type with close fatality (else injury) figures adds
  :data:`FIGURE_BONUS`; this is how a coarse place can still reach the
  threshold.
* **Within one article** the sentences are the article's own account, so
  merging needs strong evidence (:func:`_same_happening_in_article`): the same
  type; roles that agree -- a different source or target actor on the same
  role means another happening (police killing rioters vs rioters killing
  police officers), as does one event's actor being the other's opposite role;
  and events in different sentences must share an actor (a matching source or
  target) -- type, country and date alone are what every violent event of a
  report shares.

The score is ``0.3 type + 0.25 date + 0.25 place + 0.2 actors`` (plus the
figure bonus, capped at 1). An event joins an incident only if it is
compatible with every member; its join score is its best score against a
member. The incident's **confidence** is the mean
join score of its non-founding members (1.0 for a single event).

**Blocking** keeps matching incremental: :func:`blocking_key` puts a dated,
placed event in ``COUNTRY:bucket`` with buckets of ``2 * WINDOW_DAYS`` days,
and an event is compared only with the incidents of its own and the two
neighbouring buckets (:func:`neighbour_keys`), which contain every event
within the window. Events that cannot merge across articles get the block of
their article (``@article_id``). A batch engine clusters whole partitions
(:func:`partition_key`: a country, or an article) with :func:`cluster`, which
compares each event with the same neighbouring blocks, so it finds the
incidents the store finds.

**Figures** (:func:`summarize`): each reporting article gives one figure, its
highest fatality and injury counts among the incident's events. The incident
reports the figure of the latest-published article that gives one (the
highest of those on that day): later reports correct earlier ones, and one
article's highest number is its total. All figures stay visible.

>>> from newsevents.records import Place
>>> city = Place("Lagos", "Lagos", "NGA", "Lagos", 6.45, 3.39, 2332459, "city")
>>> a = EventRow("a:1", "a", dt.date(2024, 5, 2), "PROTEST", dt.date(2024, 5, 1), "day", city, None, None, None, None)
>>> b = EventRow("b:1", "b", dt.date(2024, 5, 3), "PROTEST", dt.date(2024, 5, 2), "day", city, None, None, None, None)
>>> blocking_key(a), round(match_score(a, b), 2)
('NGA:184751', 0.84)
>>> [len(c.members) for c in cluster([a, b])]
[2]
>>> country = Place("Nigeria", "Nigeria", "NGA", None, 9.0, 8.0, 2328926, "country")
>>> coarse_a, coarse_b = (dataclasses.replace(r, location=country) for r in (a, b))
>>> match_score(a, coarse_b) > 0, match_score(coarse_a, coarse_b)  # country-only on both sides: needs an actor
(True, 0.0)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..records import Actor, Place
from .filters import haversine_km

WINDOW_DAYS = 2
BUCKET_DAYS = 2 * WINDOW_DAYS
RADIUS_KM = 50.0
THRESHOLD = 0.6
COMPATIBLE_TYPES: tuple[frozenset[str], ...] = (
    frozenset({"ASSAULT", "COERCE"}),
    frozenset({"PROTEST", "MOBILIZE"}),
)
WEIGHTS = {"type": 0.3, "date": 0.25, "place": 0.25, "actors": 0.2}
DATED_PRECISIONS = frozenset({"day", "week"})
COARSE_PLACE = 0.3
FIGURE_BONUS = 0.1


@dataclass(frozen=True, slots=True)
class EventRow:
    """What incident matching needs to know about one stored event."""

    id: str
    article_id: str
    published: dt.date | None
    type: str
    date: dt.date | None
    date_precision: str | None
    location: Place | None
    source: Actor | None
    target: Actor | None
    fatalities: int | None
    injuries: int | None
    mentions: int = 1
    sentences: frozenset[int] = frozenset()  # start offsets of the evidence sentences

    @classmethod
    def from_dict(cls, event: Mapping[str, Any], *, article_id: str, published: dt.date | str | None) -> EventRow:
        """Build from an event dict of the output contract (``Event.to_dict()`` or ``Store.events()``)."""
        return cls(
            id=event["id"],
            article_id=article_id,
            published=_as_date(published),
            type=event["type"],
            date=_as_date(event.get("date")),
            date_precision=event.get("date_precision"),
            location=Place(**event["location"]) if event.get("location") else None,
            source=Actor(**event["source"]) if event.get("source") else None,
            target=Actor(**event["target"]) if event.get("target") else None,
            fatalities=event.get("fatalities"),
            injuries=event.get("injuries"),
            mentions=max(1, len(event.get("mentions") or ())),
            sentences=frozenset(m["start"] for m in event.get("mentions") or () if m.get("start") is not None),
        )


def eligible(event: Mapping[str, Any]) -> bool:
    """Whether an event dict reports a happening (not negated, not hypothetical)."""
    context = event.get("context") or {}
    return not (context.get("negated") or context.get("hypothetical"))


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _crosses_articles(row: EventRow) -> bool:
    dated = row.date is not None and row.date_precision in DATED_PRECISIONS
    return dated and row.location is not None and row.location.country is not None


def blocking_key(row: EventRow) -> str:
    """The block an event is stored in: ``COUNTRY:bucket`` or ``@article_id``."""
    if not _crosses_articles(row):
        return f"@{row.article_id}"
    assert row.date is not None and row.location is not None
    return f"{row.location.country}:{row.date.toordinal() // BUCKET_DAYS}"


def partition_key(row: EventRow) -> str:
    """The events a batch engine clusters together: a country (every bucket of it), or ``@article_id``."""
    key = blocking_key(row)
    return key if key.startswith("@") else key.split(":", 1)[0]


def neighbour_keys(row: EventRow) -> tuple[str, ...]:
    """Every block holding events that ``row`` may match (its own first)."""
    if not _crosses_articles(row):
        return (blocking_key(row),)
    assert row.date is not None and row.location is not None
    bucket = row.date.toordinal() // BUCKET_DAYS
    country = row.location.country
    return (f"{country}:{bucket}", f"{country}:{bucket - 1}", f"{country}:{bucket + 1}")


def _type_score(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return 0.3 if any(a in group and b in group for group in COMPATIBLE_TYPES) else 0.0


def _date_score(a: EventRow, b: EventRow, same_article: bool) -> float:
    usable_a = a.date is not None and a.date_precision in DATED_PRECISIONS
    usable_b = b.date is not None and b.date_precision in DATED_PRECISIONS
    if usable_a and usable_b:
        assert a.date is not None and b.date is not None
        gap = abs((a.date - b.date).days)
        return 0.0 if gap > WINDOW_DAYS else 1.0 - gap / (WINDOW_DAYS + 1)
    if not same_article:
        return 0.0
    return 1.0 if a.date == b.date else 0.5


def _place_score(a: Place | None, b: Place | None, same_article: bool) -> float:
    if a is None or b is None:
        return 0.5 if same_article else 0.0
    if a.country and b.country and a.country != b.country:
        return 0.0
    if a.precision == b.precision == "city" and None not in (a.lat, a.lon, b.lat, b.lon):
        distance = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        return 0.0 if distance > RADIUS_KM else 1.0 - distance / (2 * RADIUS_KM)
    if "country" not in (a.precision, b.precision) and a.admin1 and b.admin1:
        return 0.7 if a.admin1 == b.admin1 else 0.0
    if a.country != b.country:
        return 0.5 * same_article
    return COARSE_PLACE


def _country_only(place: Place | None) -> bool:
    return place is not None and place.precision == "country"


def _same_actor(a: Actor | None, b: Actor | None) -> bool | None:
    """Whether two coded actors are the same one; ``None`` when either is unknown."""
    if a is None or b is None:
        return None
    if a.name and b.name and a.name.casefold() == b.name.casefold():
        return True
    return bool(a.country == b.country and a.sector and a.sector == b.sector)


def _actor_score(a: Actor | None, b: Actor | None) -> float:
    same = _same_actor(a, b)
    if same is None:
        return 0.6
    assert a is not None and b is not None
    if a.country and b.country and a.country != b.country:
        return 0.0
    if same:
        return 1.0
    return 0.3 if a.country == b.country and a.sector and b.sector else 0.6


def _an_actor_matches(a: EventRow, b: EventRow) -> bool:
    return bool(_same_actor(a.source, b.source) or _same_actor(a.target, b.target))


def _same_happening_in_article(a: EventRow, b: EventRow) -> bool:
    """Strong evidence that two events of one article are one happening (see the module docstring)."""
    if a.type != b.type:
        return False
    if _same_actor(a.source, b.source) is False or _same_actor(a.target, b.target) is False:
        return False
    if _same_actor(a.source, b.target) or _same_actor(a.target, b.source):
        return False  # one's perpetrator is the other's victim
    return bool(a.sentences & b.sentences) or _an_actor_matches(a, b)


def _figure_bonus(a: EventRow, b: EventRow) -> float:
    for x, y in ((a.fatalities, b.fatalities), (a.injuries, b.injuries)):
        if x is not None and y is not None:
            return FIGURE_BONUS if abs(x - y) <= max(1, 0.25 * max(x, y)) else 0.0
    return 0.0


def match_score(a: EventRow, b: EventRow) -> float:
    """How likely two events report the same happening, in [0, 1]; 0.0 when they cannot."""
    same_article = a.article_id == b.article_id
    if same_article and not _same_happening_in_article(a, b):
        return 0.0
    if not same_article and _country_only(a.location) and _country_only(b.location) and not _an_actor_matches(a, b):
        return 0.0
    parts = {
        "type": _type_score(a.type, b.type),
        "date": _date_score(a, b, same_article),
        "place": _place_score(a.location, b.location, same_article),
    }
    source, target = _actor_score(a.source, b.source), _actor_score(a.target, b.target)
    if 0.0 in parts.values() or 0.0 in (source, target):
        return 0.0
    parts["actors"] = (source + target) / 2
    return min(1.0, sum(WEIGHTS[name] * value for name, value in parts.items()) + _figure_bonus(a, b))


def join_score(row: EventRow, members: Sequence[EventRow]) -> float:
    """``row``'s score against an incident: 0.0 if incompatible with any member, else its best score."""
    best = 0.0
    for member in members:
        score = match_score(row, member)
        if score == 0.0:
            return 0.0
        best = max(best, score)
    return best


@dataclass(slots=True)
class Cluster:
    """Events grouped as one incident, with the score each one joined at."""

    members: list[EventRow] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)


def best_cluster(row: EventRow, clusters: Sequence[Cluster]) -> tuple[int, float] | None:
    """Index and join score of the cluster ``row`` should join, or ``None`` to found its own.

    Ties go to the earliest cluster, so the outcome depends only on order.
    """
    best: tuple[int, float] | None = None
    for index, candidate in enumerate(clusters):
        score = join_score(row, candidate.members)
        if score >= THRESHOLD and (best is None or score > best[1]):
            best = index, score
    return best


def cluster(rows: Iterable[EventRow]) -> list[Cluster]:
    """Greedy, order-preserving clustering of ``rows``, as the store does it incrementally.

    Each event is compared with the clusters that have a member in its own or a neighbouring
    block (:func:`neighbour_keys`), oldest first; batch engines call this per :func:`partition_key`.
    """
    clusters: list[Cluster] = []
    in_block: dict[str, set[int]] = {}
    for row in rows:
        candidates = sorted(set().union(*(in_block.get(key, ()) for key in neighbour_keys(row))))
        found = best_cluster(row, [clusters[i] for i in candidates])
        if found is None:
            index = len(clusters)
            clusters.append(Cluster([row], [1.0]))
        else:
            index = candidates[found[0]]
            clusters[index].members.append(row)
            clusters[index].scores.append(found[1])
        in_block.setdefault(blocking_key(row), set()).add(index)
    return clusters


@dataclass(frozen=True, slots=True)
class Figure:
    fatalities: int | None
    injuries: int | None
    article_id: str
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class Summary:
    """The incident-level values derived from its members."""

    type: str
    date: dt.date | None
    location: Place | None
    fatalities: int | None
    injuries: int | None
    confidence: float
    source: Actor | None
    target: Actor | None
    figures: tuple[Figure, ...]
    n_events: int
    n_articles: int
    n_mentions: int


_PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}


def _figures(members: Sequence[EventRow]) -> list[Figure]:
    by_article: dict[str, Figure] = {}
    for row in members:
        if row.fatalities is None and row.injuries is None:
            continue
        old = by_article.get(row.article_id)
        fatalities = _max(old.fatalities if old else None, row.fatalities)
        injuries = _max(old.injuries if old else None, row.injuries)
        by_article[row.article_id] = Figure(fatalities, injuries, row.article_id, row.published)
    return list(by_article.values())


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _reported(figures: Sequence[Figure], attribute: str) -> int | None:
    """The latest report's figure (its highest when several articles share that date)."""
    given = [f for f in figures if getattr(f, attribute) is not None]
    if not given:
        return None
    latest = max(given, key=lambda f: (f.published or dt.date.min, getattr(f, attribute)))
    return getattr(latest, attribute)


def summarize(cluster: Cluster) -> Summary:
    """Type, date, place, actors, figures and confidence of an incident."""
    members = cluster.members
    type_counts = Counter(row.type for row in members)
    top = max(type_counts.values())
    kind = next(row.type for row in members if type_counts[row.type] == top)
    dates = [row.date for row in members if row.date is not None]
    located = [row.location for row in members if row.location is not None]
    location = min(located, key=lambda p: _PRECISION_RANK.get(p.precision, 3)) if located else None
    figures = _figures(members)
    joined = cluster.scores[1:]
    return Summary(
        type=kind,
        date=min(dates) if dates else None,
        location=location,
        fatalities=_reported(figures, "fatalities"),
        injuries=_reported(figures, "injuries"),
        confidence=round(sum(joined) / len(joined), 4) if joined else 1.0,
        source=next((row.source for row in members if row.source is not None), None),
        target=next((row.target for row in members if row.target is not None), None),
        figures=tuple(figures),
        n_events=len(members),
        n_articles=len({row.article_id for row in members}),
        n_mentions=sum(row.mentions for row in members),
    )
