"""Incidents across the whole corpus, partition by partition, with the store's matcher.

Events are grouped by ``store.incidents.partition_key`` (their country, or their article for events
that cannot match across articles) and each partition is clustered on its own with
``store.incidents.cluster``, which compares an event only with the incidents of its own and the two
neighbouring 4-day buckets, as the store does: reports on either side of a bucket edge still meet,
and no node needs more than one country's events.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from ..store.incidents import EventRow, cluster, eligible, partition_key
from .dataset import event_from_row, events_of

LINK_KEY = "link_key"


def _match_row(row: dict) -> EventRow | None:
    event = event_from_row(row).to_dict()
    if not eligible(event):
        return None
    return EventRow.from_dict(event, article_id=row["article_id"], published=row["published"])


def staged_events(staging: pa.Table) -> pa.Table:
    """The event rows of staging rows with their incident partition (``store.incidents.partition_key``).

    Events that cannot found an incident (negated, hypothetical) get their article's partition, where
    :func:`link_partition` leaves them without one.
    """
    events = events_of(staging)
    keys = []
    for row in events.to_pylist():
        match = _match_row(row)
        keys.append(partition_key(match) if match is not None else f"@{row['article_id']}")
    return events.append_column(LINK_KEY, pa.array(keys, pa.string()))


def _order(row: dict) -> tuple:
    first = row["mentions"][0]["start"] if row["mentions"] else 0
    return row["published"] or dt.date.min, row["article_id"], first, row["id"]


def link_partition(events: pa.Table) -> pa.Table:
    """Fill ``incident_id`` for the events of one partition and drop the partition column.

    Events are clustered with ``store.incidents.cluster`` in a fixed order (publication date,
    article, position), so any engine and any partitioning gives the same incidents; an incident
    is named after its founding event as in the store (``incident:<event id>``).
    """
    rows = events.to_pylist()
    incident: dict[str, str] = {}
    matches = [m for m in map(_match_row, sorted(rows, key=_order)) if m is not None]
    for found in cluster(matches):
        name = f"incident:{found.members[0].id}"
        incident.update((member.id, name) for member in found.members)
    ids = pa.array([incident.get(r["id"]) for r in rows], pa.string())
    linked = events.set_column(events.schema.get_field_index("incident_id"), "incident_id", ids)
    return linked.drop_columns([LINK_KEY])


def link_all(events: pa.Table) -> pa.Table:
    """:func:`link_partition` over every partition of an in-memory events table (the local engine)."""
    if events.num_rows == 0:
        return events.drop_columns([LINK_KEY])
    ordered = events.sort_by([(LINK_KEY, "ascending")])
    keys = ordered[LINK_KEY].to_pylist()
    parts, start = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            parts.append(link_partition(ordered.slice(start, i - start)))
            start = i
    return pa.concat_tables(parts)


