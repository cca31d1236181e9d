"""Export stored events as CSV, JSONL, Parquet or GeoJSON in three column layouts.

* ``native`` -- newsevents' own flat columns (JSONL keeps the nested event dicts).
* ``acled`` -- ACLED's column names and codes (``inter`` codes from the actor's
  ACLED type, see ``data/store/acled_inter.tsv``); events without an ACLED type
  are skipped and counted.
* ``cameo`` -- the main columns of the GDELT 2.0 event table; events without a
  CAMEO code are skipped and counted.

CSV is UTF-8 with a byte-order mark, so Excel shows non-ASCII names right and
``pandas.read_csv`` reads it as is. GeoJSON is a FeatureCollection of Points;
events without coordinates are skipped and counted.

>>> LAYOUTS["acled"].columns[:3]
('event_id_cnty', 'event_date', 'year')
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

from ..errors import Messages, QueryError
from .filters import Filters

FORMATS = ("csv", "jsonl", "parquet", "geojson")
PAGE = 1000
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Layout:
    """Column names with their types (``str``/``int``/``float``/``bool``) and the row builder."""

    name: str
    schema: tuple[tuple[str, str], ...]
    lat: str
    lon: str
    build: Callable[[Row, PageContext], Row | str]  # a row, or the reason it is skipped

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.schema)


@dataclass(slots=True)
class PageContext:
    """Article- and incident-level facts for one page of events."""

    lead_end: dict[str, int] = field(default_factory=dict)  # article id -> end of the first body paragraph
    publisher: dict[str, str | None] = field(default_factory=dict)
    incident_counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # mentions, sources, articles


@dataclass(slots=True)
class ExportSummary:
    rows: int = 0
    skipped: Counter = field(default_factory=Counter)


def _table(name: str) -> list[dict[str, str]]:
    text = resources.files("newsevents").joinpath("data", "store", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def _label(value: str) -> str:
    return " ".join(word.rstrip("s") for word in value.lower().split())


@functools.cache
def _inter_codes() -> tuple[dict[str, int], dict[str, int]]:
    by_type = {_label(row["acled_type"]): int(row["inter"]) for row in _table("acled_inter.tsv")}
    by_sector = {row["sector"]: int(row["inter"]) for row in _table("sector_inter.tsv")}
    return by_type, by_sector


@functools.cache
def _quad_classes() -> dict[str, int]:
    return {row["root"]: int(row["quad_class"]) for row in _table("cameo_quadclass.tsv")}


def acled_inter(actor: Row | None) -> int | None:
    """ACLED ``inter`` code (1-8) of an actor dict, from its ACLED type, else its sector.

    >>> acled_inter({"acled_type": "Political militia", "sector": None}), acled_inter({"sector": "COP"})
    (3, 1)
    """
    if not actor:
        return None
    by_type, by_sector = _inter_codes()
    if actor.get("acled_type"):
        code = by_type.get(_label(actor["acled_type"]))
        if code is not None:
            return code
    return by_sector.get(actor.get("sector") or "")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: both inter codes, lower first; ``inter * 10`` for a sole actor.

    >>> interaction(6, 1), interaction(6, None)
    (16, 60)
    """
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)


@functools.cache
def _country(iso3: str) -> tuple[str | None, int | None]:
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    return (found.name, int(found.numeric)) if found else (None, None)


def _day(event: Row) -> str | None:
    return event.get("date") or event.get("published")


def _part(record: Row | None, key: str) -> Any:
    return record.get(key) if record else None


# -- native -------------------------------------------------------------------------------------

_ACTOR_FIELDS = (("text", "str"), ("name", "str"), ("country", "str"), ("sector", "str"), ("acled_type", "str"))
NATIVE_SCHEMA = (
    ("seq", "int"), ("id", "str"), ("article_id", "str"), ("incident_id", "str"), ("type", "str"), ("mode", "str"),
    ("cameo", "str"), ("acled_event_type", "str"), ("acled_sub_event_type", "str"),
    *((f"source_{n}", t) for n, t in _ACTOR_FIELDS), *((f"target_{n}", t) for n, t in _ACTOR_FIELDS),
    ("trigger", "str"), ("negated", "bool"), ("hypothetical", "bool"), ("reported", "bool"), ("background", "bool"),
    ("date", "str"), ("date_text", "str"), ("date_precision", "str"), ("date_inherited", "bool"),
    ("location_text", "str"), ("location_name", "str"), ("country", "str"), ("admin1", "str"),
    ("latitude", "float"), ("longitude", "float"), ("geonameid", "int"), ("location_precision", "str"),
    ("fatalities", "int"), ("injuries", "int"), ("arrested", "int"),
    ("sentence", "str"), ("start", "int"), ("end", "int"),
    ("article_title", "str"), ("published", "str"), ("source_url", "str"),
)  # fmt: skip


def native_row(event: Row, context: PageContext | None = None) -> Row:
    """One flat row of an event dict (the first mention gives the sentence and offsets)."""
    acled, ctx, place = event.get("acled"), event.get("context") or {}, event.get("location")
    mention = (event.get("mentions") or [None])[0]
    row: Row = {name: event.get(name) for name in ("seq", "id", "article_id", "incident_id", "type", "mode", "cameo")}
    row["acled_event_type"], row["acled_sub_event_type"] = _part(acled, "event_type"), _part(acled, "sub_event_type")
    for role in ("source", "target"):
        for name, _ in _ACTOR_FIELDS:
            row[f"{role}_{name}"] = _part(event.get(role), name)
    row["trigger"] = event.get("trigger")
    row.update({flag: bool(ctx.get(flag)) for flag in ("negated", "hypothetical", "reported", "background")})
    row.update({name: event.get(name) for name in ("date", "date_text", "date_precision", "date_inherited")})
    row.update(
        location_text=_part(place, "text"), location_name=_part(place, "name"), country=_part(place, "country"),
        admin1=_part(place, "admin1"), latitude=_part(place, "lat"), longitude=_part(place, "lon"),
        geonameid=_part(place, "geonameid"), location_precision=_part(place, "precision"),
    )  # fmt: skip
    row.update({name: event.get(name) for name in ("fatalities", "injuries", "arrested")})
    row.update(sentence=_part(mention, "sentence"), start=_part(mention, "start"), end=_part(mention, "end"))
    row.update({name: event.get(name) for name in ("article_title", "published", "source_url")})
    return row


# -- ACLED --------------------------------------------------------------------------------------

ACLED_SCHEMA = (
    ("event_id_cnty", "str"), ("event_date", "str"), ("year", "int"), ("time_precision", "int"),
    ("event_type", "str"), ("sub_event_type", "str"),
    ("actor1", "str"), ("assoc_actor_1", "str"), ("inter1", "int"),
    ("actor2", "str"), ("assoc_actor_2", "str"), ("inter2", "int"), ("interaction", "int"),
    ("civilian_targeting", "str"), ("iso", "int"), ("iso3", "str"), ("country", "str"), ("admin1", "str"),
    ("location", "str"), ("latitude", "float"), ("longitude", "float"), ("geo_precision", "int"),
    ("source", "str"), ("source_url", "str"), ("notes", "str"), ("fatalities", "int"),
    ("event_id", "str"), ("incident_id", "str"),
)  # fmt: skip
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"city": 1, "admin1": 3, "country": 3}


def _skip_reason(event: Row, required: str, reason: str) -> str | None:
    """Why ``event`` has no row in a layout that needs its ``required`` field and a date, if it has none."""
    if not event.get(required):
        return reason
    return "no date" if _day(event) is None else None


def acled_row(event: Row, context: PageContext) -> Row | str:
    if skip := _skip_reason(event, "acled", "no ACLED event type"):
        return skip
    acled, day = event["acled"], _day(event)
    place, source, target = event.get("location") or {}, event.get("source"), event.get("target")
    iso3 = place.get("country")
    name, numeric = _country(iso3) if iso3 else (None, None)
    inter1, inter2 = acled_inter(source), acled_inter(target)
    precision = TIME_PRECISION.get(event.get("date_precision") or "", 1) if event.get("date") else 3
    mention = (event.get("mentions") or [{}])[0]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{event['seq']}",
        "event_date": day,
        "year": int(day[:4]),
        "time_precision": precision,
        "event_type": acled["event_type"],
        "sub_event_type": acled["sub_event_type"],
        "actor1": _part(source, "name"),
        "assoc_actor_1": None,
        "inter1": inter1,
        "actor2": _part(target, "name"),
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else None,
        "iso": numeric,
        "iso3": iso3,
        "country": name,
        "admin1": place.get("admin1"),
        "location": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": GEO_PRECISION.get(place.get("precision") or ""),
        "source": context.publisher.get(event["article_id"]),
        "source_url": event.get("source_url"),
        "notes": mention.get("sentence"),
        "fatalities": event.get("fatalities") or 0,
        "event_id": event["id"],
        "incident_id": event.get("incident_id"),
    }


# -- CAMEO (GDELT event table) ------------------------------------------------------------------

CAMEO_SCHEMA = (
    ("GLOBALEVENTID", "int"), ("SQLDATE", "int"), ("MonthYear", "int"), ("Year", "int"),
    ("Actor1Code", "str"), ("Actor1Name", "str"), ("Actor1CountryCode", "str"), ("Actor1Type1Code", "str"),
    ("Actor2Code", "str"), ("Actor2Name", "str"), ("Actor2CountryCode", "str"), ("Actor2Type1Code", "str"),
    ("IsRootEvent", "int"), ("EventCode", "str"), ("EventBaseCode", "str"), ("EventRootCode", "str"),
    ("QuadClass", "int"), ("NumMentions", "int"), ("NumSources", "int"), ("NumArticles", "int"),
    ("ActionGeo_Type", "int"), ("ActionGeo_FullName", "str"), ("ActionGeo_CountryCode", "str"),
    ("ActionGeo_Lat", "float"), ("ActionGeo_Long", "float"), ("ActionGeo_FeatureID", "str"), ("SOURCEURL", "str"),
)  # fmt: skip


def _geo_type(place: Row) -> int:
    """GDELT ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    us = place.get("country") == "USA"
    return {"country": 1, "admin1": 2 if us else 5}.get(place.get("precision") or "", 3 if us else 4)


def _actor_columns(number: int, actor: Row | None) -> Row:
    code = ((_part(actor, "country") or "") + (_part(actor, "sector") or "")) or None
    return {
        f"Actor{number}Code": code,
        f"Actor{number}Name": _part(actor, "name"),
        f"Actor{number}CountryCode": _part(actor, "country"),
        f"Actor{number}Type1Code": _part(actor, "sector"),
    }


def cameo_row(event: Row, context: PageContext) -> Row | str:
    if skip := _skip_reason(event, "cameo", "no CAMEO code"):
        return skip
    code, day = event["cameo"], _day(event)
    place = event.get("location") or {}
    mention = (event.get("mentions") or [{}])[0]
    mentions, sources, articles = context.incident_counts.get(
        event.get("incident_id") or "", (len(event.get("mentions") or ()), 1, 1)
    )
    lead_end = context.lead_end.get(event["article_id"], 0)
    name = ", ".join(dict.fromkeys(filter(None, (place.get("name"), place.get("admin1"), place.get("country")))))
    return {
        "GLOBALEVENTID": event["seq"],
        "SQLDATE": int(day.replace("-", "")),
        "MonthYear": int(day[:7].replace("-", "")),
        "Year": int(day[:4]),
        **_actor_columns(1, event.get("source")),
        **_actor_columns(2, event.get("target")),
        "IsRootEvent": int(mention.get("start", lead_end) < lead_end),
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": _quad_classes().get(code[:2]),
        "NumMentions": mentions,
        "NumSources": sources,
        "NumArticles": articles,
        "ActionGeo_Type": _geo_type(place) if place else 0,
        "ActionGeo_FullName": name or None,
        "ActionGeo_CountryCode": place.get("country"),
        "ActionGeo_Lat": place.get("lat"),
        "ActionGeo_Long": place.get("lon"),
        "ActionGeo_FeatureID": str(place["geonameid"]) if place.get("geonameid") is not None else None,
        "SOURCEURL": event.get("source_url"),
    }


LAYOUTS = {
    "native": Layout("native", NATIVE_SCHEMA, "latitude", "longitude", native_row),
    "acled": Layout("acled", ACLED_SCHEMA, "latitude", "longitude", acled_row),
    "cameo": Layout("cameo", CAMEO_SCHEMA, "ActionGeo_Lat", "ActionGeo_Long", cameo_row),
}

INCIDENT_SCHEMA = (
    ("seq", "int"), ("id", "str"), ("type", "str"), ("date", "str"), ("location_name", "str"), ("country", "str"),
    ("admin1", "str"), ("latitude", "float"), ("longitude", "float"), ("fatalities", "int"), ("injuries", "int"),
    ("confidence", "float"), ("n_events", "int"), ("n_articles", "int"), ("n_mentions", "int"),
    ("source_name", "str"), ("source_country", "str"), ("target_name", "str"), ("target_country", "str"),
    ("event_ids", "str"), ("article_ids", "str"), ("figures", "str"),
)  # fmt: skip


def incident_row(incident: Row) -> Row:
    place, source, target = incident.get("location"), incident.get("source"), incident.get("target")
    return {
        **{name: incident.get(name) for name in ("seq", "id", "type", "date")},
        "location_name": _part(place, "name"),
        "country": _part(place, "country"),
        "admin1": _part(place, "admin1"),
        "latitude": _part(place, "lat"),
        "longitude": _part(place, "lon"),
        **{name: incident.get(name) for name in ("fatalities", "injuries", "confidence")},
        **{name: incident.get(name) for name in ("n_events", "n_articles", "n_mentions")},
        "source_name": _part(source, "name"),
        "source_country": _part(source, "country"),
        "target_name": _part(target, "name"),
        "target_country": _part(target, "country"),
        "event_ids": ";".join(incident["event_ids"]),
        "article_ids": ";".join(incident["article_ids"]),
        "figures": json.dumps(incident["figures"], ensure_ascii=False),
    }


# -- reading pages ------------------------------------------------------------------------------


def _context(store: Any, events: list[Row]) -> PageContext:
    context = PageContext()
    article_ids = sorted({e["article_id"] for e in events})
    incident_ids = sorted({e["incident_id"] for e in events if e.get("incident_id")})
    if article_ids:
        for aid, lead, publisher in store._query(
            f"SELECT id, instr(body, char(10, 10)), source FROM articles WHERE id IN ({','.join('?' * len(article_ids))})",
            article_ids,
        ):
            context.lead_end[aid] = lead - 1 if lead else sys.maxsize
            context.publisher[aid] = publisher
    if incident_ids:
        for iid, mentions, sources, articles in store._query(
            "SELECT i.id, i.n_mentions, count(DISTINCT coalesce(a.url, a.id)), i.n_articles FROM incidents i"
            " JOIN incident_members im ON im.incident_seq = i.seq JOIN events e ON e.seq = im.event_seq"
            f" JOIN articles a ON a.seq = e.article_seq WHERE i.id IN ({','.join('?' * len(incident_ids))})"
            " GROUP BY i.seq",
            incident_ids,
        ):
            context.incident_counts[iid] = (mentions, sources, articles)
    return context


def rows(store: Any, filters: Filters | None, layout: Layout, summary: ExportSummary) -> Iterator[Row]:
    """Flat rows of ``layout`` for the matching events; skipped events are counted in ``summary``."""
    for page in store.pages(filters, size=PAGE):
        context = _context(store, page)
        for event in page:
            row = layout.build(event, context)
            if isinstance(row, str):
                summary.skipped[row] += 1
            else:
                yield row


# -- writers ------------------------------------------------------------------------------------


def _arrow_schema(schema: tuple[tuple[str, str], ...]):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind in schema])


def table(store: Any, filters: Filters | None = None, *, kind: str = "events", layout: str = "native"):
    """A ``pyarrow.Table`` of every matching event (flat ``layout`` rows) or incident (``kind="incidents"``)."""
    import pyarrow as pa

    if kind == "incidents":
        return pa.Table.from_pylist(
            [incident_row(i) for page in store.pages(filters, kind="incidents") for i in page], schema=_arrow_schema(INCIDENT_SCHEMA)
        )
    if kind != "events":
        raise QueryError(Messages.BAD_FILTER.format(name="kind", value=kind, expected="'events' or 'incidents'"))
    chosen = _layout(layout)
    return pa.Table.from_pylist(list(rows(store, filters, chosen, ExportSummary())), schema=_arrow_schema(chosen.schema))


def _layout(name: str) -> Layout:
    if name not in LAYOUTS:
        raise QueryError(Messages.BAD_EXPORT.format(reason=f"unknown layout {name!r}; use one of {', '.join(LAYOUTS)}"))
    return LAYOUTS[name]


def format_for(path: str, given: str | None) -> str:
    """The export format: ``given``, else the file extension.

    >>> format_for("out/events.geojson", None)
    'geojson'
    """
    suffix = Path(path).suffix.lstrip(".").lower()
    chosen = given or {"json": "geojson", "ndjson": "jsonl"}.get(suffix, suffix)
    if chosen not in FORMATS:
        raise QueryError(Messages.BAD_EXPORT.format(reason=f"unknown format {chosen!r}; use --format {'|'.join(FORMATS)}"))
    return chosen


@contextlib.contextmanager
def _text_output(path: str, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        return
    try:
        handle = open(path, "w", encoding=encoding, newline="")
    except OSError as error:
        raise QueryError(Messages.BAD_EXPORT.format(reason=f"cannot write {path}: {error.strerror}")) from error
    with handle:
        yield handle


def _write_csv(records: Iterator[Row], layout: Layout, path: str, summary: ExportSummary) -> None:
    with _text_output(path, encoding="utf-8-sig") as out:
        writer = csv.DictWriter(out, fieldnames=layout.columns, lineterminator="\n")
        writer.writeheader()
        for row in records:
            writer.writerow(row)
            summary.rows += 1


def _write_jsonl(records: Iterator[Row], layout: Layout, path: str, summary: ExportSummary) -> None:
    with _text_output(path) as out:
        for row in records:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            summary.rows += 1


def _write_geojson(records: Iterator[Row], layout: Layout, path: str, summary: ExportSummary) -> None:
    with _text_output(path) as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        for row in records:
            lat, lon = row.get(layout.lat), row.get(layout.lon)
            if lat is None or lon is None:
                summary.skipped["no coordinates"] += 1
                continue
            feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": row}
            out.write(("," if summary.rows else "") + json.dumps(feature, ensure_ascii=False) + "\n")
            summary.rows += 1
        out.write("]}\n")


def _write_parquet(records: Iterator[Row], layout: Layout, path: str, summary: ExportSummary) -> None:
    import itertools

    import pyarrow as pa
    import pyarrow.parquet as pq

    if path == "-":
        raise QueryError(Messages.BAD_EXPORT.format(reason="Parquet cannot be written to standard output; give -o FILE"))
    schema = _arrow_schema(layout.schema)
    try:
        with pq.ParquetWriter(path, schema) as writer:
            while page := list(itertools.islice(records, PAGE)):
                writer.write_table(pa.Table.from_pylist(page, schema=schema))
                summary.rows += len(page)
    except OSError as error:
        raise QueryError(Messages.BAD_EXPORT.format(reason=f"cannot write {path}: {error}")) from error


def export(
    store: Any,
    path: str,
    *,
    format: str | None = None,
    layout: str = "native",
    filters: Filters | None = None,
) -> ExportSummary:
    """Write the matching events of ``store`` to ``path`` (``-`` for standard output); return the counts."""
    chosen_format, chosen = format_for(path, format), _layout(layout)
    summary = ExportSummary()
    if chosen_format == "jsonl" and chosen.name == "native":
        records: Iterator[Row] = (event for page in store.pages(filters, size=PAGE) for event in page)
    else:
        records = rows(store, filters, chosen, summary)
    writer = {"csv": _write_csv, "jsonl": _write_jsonl, "geojson": _write_geojson, "parquet": _write_parquet}
    writer[chosen_format](records, chosen, path, summary)
    return summary


__all__ = ["FORMATS", "LAYOUTS", "ExportSummary", "acled_inter", "export", "format_for", "interaction", "table"]
