"""Incidents across the whole corpus, block by block, with the store's matcher.

Events are grouped by ``store.incidents.blocking_key`` (country x 4-day bucket, or the article
for events that cannot match across articles) and each block is clustered on its own, so no node
ever needs all events.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from ..store.incidents import EventRow, blocking_key, cluster, eligible
from .dataset import event_from_row, events_of

BLOCK = "block"


def _match_row(row: dict) -> EventRow | None:
    event = event_from_row(row).to_dict()
    if not eligible(event):
        return None
    return EventRow.from_dict(event, article_id=row["article_id"], published=row["published"])


def staged_events(staging: pa.Table) -> pa.Table:
    """The event rows of staging rows with their incident block (``store.incidents.blocking_key``).

    Events that found no incident (negated, hypothetical) get their article's block, where
    :func:`link_block` leaves them without one.
    """
    events = events_of(staging)
    keys = []
    for row in events.to_pylist():
        match = _match_row(row)
        keys.append(blocking_key(match) if match is not None else f"@{row['article_id']}")
    return events.append_column(BLOCK, pa.array(keys, pa.string()))


def _order(row: dict) -> tuple:
    first = row["mentions"][0]["start"] if row["mentions"] else 0
    return row["published"] or dt.date.min, row["article_id"], first, row["id"]


def link_block(events: pa.Table) -> pa.Table:
    """Fill ``incident_id`` for the events of one block and drop the block column.

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
    return linked.drop_columns([BLOCK])


def link_all(events: pa.Table) -> pa.Table:
    """:func:`link_block` over every block of an in-memory events table (the local engine)."""
    if events.num_rows == 0:
        return events.drop_columns([BLOCK])
    ordered = events.sort_by([(BLOCK, "ascending")])
    blocks = ordered[BLOCK].to_pylist()
    parts, start = [], 0
    for i in range(1, len(blocks) + 1):
        if i == len(blocks) or blocks[i] != blocks[start]:
            parts.append(link_block(ordered.slice(start, i - start)))
            start = i
    return pa.concat_tables(parts)


