"""The Parquet layout of a batch run: schemas, rows, and reading a finished output back.

A finished output directory holds four datasets, each a directory of Parquet files::

    OUT/events/event_date=YYYY-MM-DD/*.parquet    one row per event (``event_date=unknown`` when undated)
    OUT/mentions/*.parquet                        one row per sentence an event is told in
    OUT/articles/*.parquet                        one row per article (Article + entities + quotes)
    OUT/errors/*.parquet                          one row per input or record that could not be used

Event rows are the output contract flattened (``source_country``, ``location_lat``...) plus
``article_id``, ``published`` and the corpus-wide ``incident_id``; ``mentions`` stays in the row
as ``list<struct<sentence, start, end>>``.

>>> import duckdb                                             # doctest: +SKIP
>>> duckdb.sql("SELECT type, count(*) FROM read_parquet('OUT/events/*/*.parquet', hive_partitioning=true) "
...            "GROUP BY type")                               # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from ..errors import InputError, Messages
from ..records import (
    Acled,
    Actor,
    Article,
    Block,
    Context,
    Entity,
    Event,
    Extraction,
    Mention,
    Place,
    Quote,
)

DATASETS = ("events", "mentions", "articles", "errors")
UNKNOWN_DATE = "unknown"
CASUALTIES = ("fatalities", "injuries", "arrested")
ACTOR_ROLES = ("source", "target", "attributed_to")
CONTEXT_FLAGS = tuple(f.name for f in dataclasses.fields(Context))

_ACTOR = [
    ("text", pa.string()),
    ("name", pa.string()),
    ("country", pa.string()),
    ("sector", pa.string()),
    ("acled_type", pa.string()),
]
_PLACE = [
    ("text", pa.string()),
    ("name", pa.string()),
    ("country", pa.string()),
    ("admin1", pa.string()),
    ("lat", pa.float64()),
    ("lon", pa.float64()),
    ("geonameid", pa.int64()),
    ("precision", pa.string()),
]
MENTION_TYPE = pa.struct([("sentence", pa.string()), ("start", pa.int32()), ("end", pa.int32())])

EVENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("type", pa.string()),
        ("mode", pa.string()),
        ("cameo", pa.string()),
        ("acled_event_type", pa.string()),
        ("acled_sub_event_type", pa.string()),
        ("trigger", pa.string()),
        *[(f"{role}_{name}", kind) for role in ACTOR_ROLES for name, kind in _ACTOR],
        *[(f"location_{name}", kind) for name, kind in _PLACE],
        ("date", pa.date32()),
        ("date_text", pa.string()),
        ("date_precision", pa.string()),
        ("date_inherited", pa.bool_()),
        *[(name, pa.int64()) for name in CASUALTIES],
        *[(f"{name}_text", pa.string()) for name in CASUALTIES],
        *[(name, pa.bool_()) for name in CONTEXT_FLAGS],
        ("mentions", pa.list_(MENTION_TYPE)),
        ("published", pa.date32()),
        ("incident_id", pa.string()),
    ]
)
# What the events dataset's files hold besides the hive partition column.
PARTITION = "event_date"

ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("title", pa.string()),
        ("body", pa.string()),
        ("text", pa.string()),
        ("blocks", pa.list_(pa.struct([("kind", pa.string()), ("text", pa.string()),
                                       ("start", pa.int32()), ("end", pa.int32())]))),
        ("published", pa.date32()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("language", pa.string()),
        ("path", pa.string()),
        ("entities", pa.list_(pa.struct([("text", pa.string()), ("label", pa.string()),
                                         ("start", pa.int32()), ("end", pa.int32())]))),
        ("quotes", pa.list_(pa.struct([("text", pa.string()), ("speaker", pa.struct(_ACTOR)),
                                       ("start", pa.int32()), ("end", pa.int32())]))),
    ]
)  # fmt: skip

MENTIONS_SCHEMA = pa.schema(
    [("event_id", pa.string()), ("article_id", pa.string()), ("n", pa.int32()), *MENTION_TYPE]
)

ERROR_SCHEMA = pa.schema(
    [
        ("input", pa.string()),  # path, URL or record the reader named
        ("record_id", pa.string()),  # article id when the failure came after cleaning
        ("stage", pa.string()),  # read | clean | extract
        ("reason", pa.string()),
    ]
)

# What stage one (extraction) writes: one row per input document, either an article with its
# events or an error. Stage two splits it into the four datasets and links incidents.
STAGING_SCHEMA = pa.schema(
    [
        ("article", pa.struct(list(ARTICLE_SCHEMA))),
        ("events", pa.list_(pa.struct(list(EVENT_SCHEMA)))),
        ("error", pa.struct(list(ERROR_SCHEMA))),
    ]
)


@dataclasses.dataclass(frozen=True, slots=True)
class Failure:
    """An input, record or article that produced no extraction, and why."""

    input: str
    stage: str
    reason: str
    record_id: str | None = None

    @classmethod
    def from_input_error(cls, error: InputError) -> Failure:
        return cls(input=error.source, stage="read", reason=error.reason)


# --- Records to rows -------------------------------------------------------------------------------


def _flat(prefix: str, record: Any, names: Iterable[str]) -> dict[str, Any]:
    return {f"{prefix}_{name}": getattr(record, name) if record is not None else None for name in names}


def event_row(event: Event, *, article: Article) -> dict[str, Any]:
    """The flat Parquet row of one event (``incident_id`` still empty)."""
    row: dict[str, Any] = {
        "id": event.id,
        "article_id": article.id,
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "trigger": event.trigger,
        "date": event.date,
        "date_text": event.date_text,
        "date_precision": event.date_precision,
        "date_inherited": event.date_inherited,
        "mentions": [m.to_dict() for m in event.mentions],
        "published": article.published,
        "incident_id": None,
    }
    for role in ACTOR_ROLES:
        row.update(_flat(role, getattr(event, role), (name for name, _ in _ACTOR)))
    row.update(_flat("location", event.location, (name for name, _ in _PLACE)))
    for name in CASUALTIES:
        row[name] = getattr(event, name)
        row[f"{name}_text"] = event.casualty_text.get(name)
    row.update(event.context.to_dict())
    return row


def article_row(extraction: Extraction) -> dict[str, Any]:
    article = extraction.article
    return {
        **{name: getattr(article, name) for name in ARTICLE_SCHEMA.names if hasattr(article, name)},
        "blocks": [b.to_dict() for b in article.blocks],
        "entities": [e.to_dict() for e in extraction.entities],
        "quotes": [q.to_dict() for q in extraction.quotes],
    }


def staging_table(results: Iterable[Extraction | Failure]) -> pa.Table:
    """Stage-one rows of a batch of extractions and failures."""
    rows = []
    for result in results:
        if isinstance(result, Failure):
            rows.append({"article": None, "events": None, "error": dataclasses.asdict(result)})
        else:
            article = result.article
            events = [event_row(e, article=article) for e in result.events]
            rows.append({"article": article_row(result), "events": events, "error": None})
    return pa.Table.from_pylist(rows, schema=STAGING_SCHEMA)


# --- Stage two: staging rows to the output datasets -------------------------------------------------


def _struct_table(array: pa.Array | pa.ChunkedArray, schema: pa.Schema) -> pa.Table:
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks else pa.array([], type=pa.struct(list(schema)))
    return pa.Table.from_struct_array(array).cast(schema)


def articles_of(staging: pa.Table) -> pa.Table:
    column = staging["article"]
    return _struct_table(column.filter(pc.is_valid(column)), ARTICLE_SCHEMA)


def errors_of(staging: pa.Table) -> pa.Table:
    column = staging["error"]
    return _struct_table(column.filter(pc.is_valid(column)), ERROR_SCHEMA)


def events_of(staging: pa.Table) -> pa.Table:
    """Event rows of staging rows, with the ``event_date`` partition column."""
    events = _struct_table(pc.list_flatten(staging["events"]), EVENT_SCHEMA)
    day = pc.fill_null(pc.strftime(events["date"], format="%Y-%m-%d"), UNKNOWN_DATE)
    return events.append_column(PARTITION, day)


def mentions_of(events: pa.Table) -> pa.Table:
    """One row per mention of each event; ``n`` numbers the mentions of an event from 0."""
    mentions = events["mentions"].combine_chunks()
    parents = pc.list_parent_indices(mentions)
    first = pc.subtract(pc.take(mentions.offsets, parents), mentions.offsets[0])
    flat = pa.Table.from_struct_array(pc.list_flatten(mentions).cast(MENTION_TYPE))
    columns = {
        "event_id": events["id"].take(parents),
        "article_id": events["article_id"].take(parents),
        "n": pc.subtract(pa.array(range(len(parents)), pa.int32()), first.cast(pa.int32())),
        **{name: flat[name] for name in MENTION_TYPE.names},
    }
    return pa.table(columns).cast(MENTIONS_SCHEMA)


# --- Files -----------------------------------------------------------------------------------------


def write_table(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd")


def ensure_dataset(directory: Path, schema: pa.Schema) -> None:
    """Leave a readable (empty) dataset when a run wrote no rows of this kind."""
    if not any(directory.rglob("*.parquet")):
        write_table(schema.empty_table(), directory / "part-empty.parquet")


def read_dataset(directory: Path, *, columns: list[str] | None = None) -> pa.Table:
    return pads.dataset(directory, format="parquet", partitioning="hive").to_table(columns=columns)


# --- Reading a finished output back ----------------------------------------------------------------


def _actor(row: dict[str, Any], prefix: str | None = None) -> Actor | None:
    get = (lambda n: row.get(f"{prefix}_{n}")) if prefix else row.get
    if get("name") is None and get("text") is None:
        return None
    return Actor(**{name: get(name) for name, _ in _ACTOR})


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild the :class:`Event` of a flat row (the inverse of :func:`event_row`)."""
    location = None
    if row.get("location_name") is not None:
        location = Place(**{name: row[f"location_{name}"] for name, _ in _PLACE})
    acled = None
    if row.get("acled_event_type") is not None:
        acled = Acled(row["acled_event_type"], row["acled_sub_event_type"])
    return Event(
        id=row["id"],
        type=row["type"],
        mode=row["mode"],
        cameo=row["cameo"],
        acled=acled,
        source=_actor(row, "source"),
        target=_actor(row, "target"),
        trigger=row["trigger"],
        context=Context(**{name: bool(row[name]) for name in CONTEXT_FLAGS}),
        attributed_to=_actor(row, "attributed_to"),
        mentions=[Mention(**m) for m in row["mentions"] or ()],
        location=location,
        date=row["date"],
        date_text=row["date_text"],
        date_precision=row["date_precision"],
        date_inherited=bool(row["date_inherited"]),
        casualty_text={n: row[f"{n}_text"] for n in CASUALTIES if row.get(f"{n}_text") is not None},
        **{name: row[name] for name in CASUALTIES},
    )


def extraction_from_rows(article: dict[str, Any], events: list[dict[str, Any]]) -> Extraction:
    """Rebuild the :class:`Extraction` of an article row and its event rows."""
    fields = {name: article[name] for name in ("id", "title", "body", "text", "published", "source",
                                                "url", "language", "path")}  # fmt: skip
    return Extraction(
        article=Article(blocks=tuple(Block(**b) for b in article["blocks"] or ()), **fields),
        entities=[Entity(**e) for e in article["entities"] or ()],
        quotes=[Quote(text=q["text"], speaker=_actor(q["speaker"] or {}), start=q["start"], end=q["end"])
                for q in article["quotes"] or ()],  # fmt: skip
        events=[event_from_row(e) for e in events],
    )


def is_batch_output(path: str | Path) -> bool:
    """Whether ``path`` is a finished ``newsevents batch`` output (what ``load_parquet_dataset`` reads)."""
    root = Path(path)
    return (root / "_manifest.json").is_file() and all((root / name).is_dir() for name in ("events", "articles"))


def load_parquet_dataset(out_dir: str | Path, *, batch_size: int = 1_000) -> Iterator[Extraction]:
    """Read a ``newsevents batch`` output back as :class:`Extraction` records (e.g. for ``Store.add``).

    Events are held in memory as one Arrow table (a few hundred bytes per event); articles
    stream ``batch_size`` at a time.

    >>> from newsevents import Store                                  # doctest: +SKIP
    >>> Store("events.db").add(load_parquet_dataset("out/"))          # doctest: +SKIP
    """
    root = Path(out_dir)
    for name in ("events", "articles"):
        if not (root / name).is_dir():
            raise InputError(str(root), Messages.BATCH_NOT_OUTPUT.format(missing=name))
    events = read_dataset(root / "events", columns=EVENT_SCHEMA.names).sort_by([("article_id", "ascending"),
                                                                                ("id", "ascending")])
    article_ids = events["article_id"].to_pylist()
    spans: dict[str, tuple[int, int]] = {}
    for i, article_id in enumerate(article_ids):
        first, _ = spans.get(article_id, (i, i))
        spans[article_id] = (first, i + 1)
    articles = pads.dataset(root / "articles", format="parquet")
    for batch in articles.to_batches(batch_size=batch_size):
        for article in batch.to_pylist():
            first, end = spans.get(article["id"], (0, 0))
            yield extraction_from_rows(article, events.slice(first, end - first).to_pylist())

