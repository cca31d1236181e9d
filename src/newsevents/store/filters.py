"""Query filters shared by the CLI, the HTTP API and the Python API.

>>> f = Filters.from_strings(type="assault,coerce", country="kaz", since="2022-01-01", near="43.24,76.9,50")
>>> f.type, f.country, f.near
('ASSAULT,COERCE', 'KAZ', (43.24, 76.9, 50.0))
>>> Filters.from_strings(since="last week")
Traceback (most recent call last):
...
newsevents.errors.QueryError: bad since filter 'last week': a date YYYY-MM-DD
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from ..errors import Messages, QueryError

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})  # fmt: skip
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Filters:
    """Which events (or incidents) to return; every field is optional and they combine with AND.

    ``country`` matches the event location or either actor; ``actor`` is a
    case-insensitive substring of an actor's name or text, or an actor code
    (``KAZ``, ``KAZCOP``, ``COP``); ``since``/``until`` compare the event date,
    or the publication date when the article gives none; ``text`` is a substring
    of the evidence sentence or of the article title. ``type`` and ``country``
    accept comma-separated lists.
    """

    type: str | None = None
    country: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    near: tuple[float, float, float] | None = None
    text: str | None = None

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def from_strings(cls, **raw: str | None) -> Filters:
        """Validate user strings (CLI options, query parameters); empty values are ignored."""
        unknown = sorted(set(raw) - set(cls.names()))
        if unknown:
            raise QueryError(Messages.UNKNOWN_FILTER.format(name=unknown[0], known=", ".join(cls.names())))
        values: dict[str, Any] = {}
        for name, value in raw.items():
            value = value.strip() if isinstance(value, str) else value
            if value is None or value == "":
                continue
            values[name] = _PARSERS[name](name, value)
        since, until = values.get("since"), values.get("until")
        if since and until and since > until:
            raise QueryError(Messages.BAD_FILTER.format(name="until", value=until.isoformat(), expected="a date not before --since"))
        return cls(**values)

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.names())


def _types(name: str, value: str) -> str:
    types = [t.strip().upper() for t in value.split(",") if t.strip()]
    wrong = [t for t in types if t not in PLOVER_TYPES]
    if wrong or not types:
        expected = "a PLOVER type, one of " + ", ".join(sorted(PLOVER_TYPES))
        raise QueryError(Messages.BAD_FILTER.format(name=name, value=value, expected=expected))
    return ",".join(types)


def _countries(name: str, value: str) -> str:
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    if not codes or any(len(c) != 3 or not c.isalpha() for c in codes):
        raise QueryError(Messages.BAD_FILTER.format(name=name, value=value, expected="ISO alpha-3 codes such as KAZ,RUS"))
    return ",".join(codes)


def _date(name: str, value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(Messages.BAD_FILTER.format(name=name, value=value, expected="a date YYYY-MM-DD")) from None


def _near(name: str, value: str | tuple) -> tuple[float, float, float]:
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        lat, lon, km = (float(p) for p in parts)
    except (TypeError, ValueError):
        lat = lon = km = math.nan
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_000):
        expected = "LAT,LON,KM with -90<=LAT<=90, -180<=LON<=180 and 0<KM<=20000, e.g. 43.24,76.91,50"
        raise QueryError(Messages.BAD_FILTER.format(name=name, value=value, expected=expected))
    return lat, lon, km


def _substring(name: str, value: str) -> str:
    return value


_PARSERS = {
    "type": _types,
    "country": _countries,
    "actor": _substring,
    "since": _date,
    "until": _date,
    "near": _near,
    "text": _substring,
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(43.24, 76.91, 51.17, 71.45))
    971
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def event_conditions(filters: Filters | None) -> tuple[list[str], list[Any]]:
    """SQL conditions over ``events e JOIN articles a`` (and their parameters) for ``filters``.

    Only the latest version of each article is searched. ``distance_km`` is a
    SQL function the store registers on its connections.
    """
    where = ["a.latest = 1"]
    params: list[Any] = []
    if filters is None:
        return where, params
    if filters.type:
        types = filters.type.split(",")
        where.append(f"e.type IN ({','.join('?' * len(types))})")
        params += types
    if filters.country:
        codes = filters.country.split(",")
        marks = ",".join("?" * len(codes))
        where.append(
            f"(e.country IN ({marks}) OR e.source_actor IN (SELECT seq FROM actors WHERE country IN ({marks}))"
            f" OR e.target_actor IN (SELECT seq FROM actors WHERE country IN ({marks})))"
        )
        params += codes * 3
    if filters.actor:
        matching = (
            "SELECT seq FROM actors WHERE name LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\'"
            " OR code = upper(?) OR country = upper(?) OR sector = upper(?)"
        )
        where.append(f"(e.source_actor IN ({matching}) OR e.target_actor IN ({matching}))")
        pattern = _like(filters.actor)
        params += [pattern, pattern, filters.actor, filters.actor, filters.actor] * 2
    if filters.since:
        where.append("e.day >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        where.append("e.day <= ?")
        params.append(filters.until.isoformat())
    if filters.near:
        lat, lon, km = filters.near
        # A bounding box on the indexed columns first, then the exact distance.
        dlat = km / 111.0
        dlon = km / max(1e-6, 111.0 * math.cos(math.radians(lat)))
        where.append("e.lat BETWEEN ? AND ?")
        params += [lat - dlat, lat + dlat]
        if -180 <= lon - dlon and lon + dlon <= 180:  # across the antimeridian only the distance test applies
            where.append("e.lon BETWEEN ? AND ?")
            params += [lon - dlon, lon + dlon]
        where.append("distance_km(e.lat, e.lon, ?, ?) <= ?")
        params += [lat, lon, km]
    if filters.text:
        pattern = _like(filters.text)
        where.append(
            "(a.title LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM mentions m"
            " WHERE m.event_seq = e.seq AND m.sentence LIKE ? ESCAPE '\\'))"
        )
        params += [pattern, pattern]
    return where, params
