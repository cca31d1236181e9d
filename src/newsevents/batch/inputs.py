"""The inputs of a batch run: reader forms (files, directories, JSONL, feeds) and Parquet datasets.

Both engines read through these functions, so they see the same documents in the same form.

>>> [s.parquet for s in plan_sources(["news.jsonl", "corpus.parquet"])]
[False, True]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads

from ..errors import InputError, Messages
from ..ingest import iter_documents
from ..ingest.jsonl import TEXT_FIELDS, record_to_document
from ..records import RawDocument

READ_BATCH_ROWS = 256

RAW_SCHEMA = pa.schema(
    [
        ("text", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("language", pa.string()),
        ("path", pa.string()),
        ("record_id", pa.string()),
        ("captions", pa.list_(pa.string())),
        ("error_input", pa.string()),
        ("error_reason", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class Source:
    """One input argument: a Parquet file or dataset directory, or anything the readers take."""

    path: str
    parquet: bool


def plan_sources(inputs: Iterable[str]) -> list[Source]:
    """Classify the input arguments; a directory holding ``.parquet`` files is a Parquet dataset."""
    sources = []
    for name in inputs:
        path = Path(name)
        parquet = name != "-" and (
            path.suffix == ".parquet" or (path.is_dir() and next(path.rglob("*.parquet"), None) is not None)
        )
        sources.append(Source(name, parquet))
    return sources


def read_source(source: Source, *, published: dt.date | None) -> Iterator[RawDocument | InputError]:
    """Stream the documents (and unreadable records) of one input."""
    if not source.parquet:
        yield from iter_documents([source.path], published=published)
        return
    try:
        dataset = pads.dataset(source.path, format="parquet", partitioning="hive")
        if not set(TEXT_FIELDS) & set(dataset.schema.names):
            yield InputError(source.path, Messages.PARQUET_NO_TEXT.format(fields=", ".join(TEXT_FIELDS)))
            return
        row = 0
        for batch in dataset.to_batches(batch_size=READ_BATCH_ROWS):
            for record in batch.to_pylist():
                row += 1
                yield _parquet_document(record, source=source.path, row=row, published=published)
    except (OSError, pa.ArrowException) as error:
        yield InputError(source.path, Messages.BAD_PARQUET.format(error=error))


def _parquet_document(
    record: dict, *, source: str, row: int, published: dt.date | None
) -> RawDocument | InputError:
    """A Parquet row read like a JSON record (same field names as JSONL inputs)."""
    try:
        document = record_to_document(record, source=source, line=row, path=source)
    except InputError as error:
        return error
    return dataclasses.replace(document, published=published) if published else document


# --- Documents as Arrow rows, for the Ray engine ----------------------------------------------------


def raw_table(items: Iterable[RawDocument | InputError]) -> pa.Table:
    rows = []
    for item in items:
        if isinstance(item, InputError):
            rows.append({"error_input": item.source, "error_reason": item.reason})
        else:
            rows.append({name: getattr(item, name) for name in RAW_SCHEMA.names if hasattr(item, name)})
    return pa.Table.from_pylist(rows, schema=RAW_SCHEMA)


def documents_of(table: pa.Table) -> Iterator[RawDocument | InputError]:
    """The inverse of :func:`raw_table`."""
    for row in table.to_pylist():
        if row["error_reason"] is not None:
            yield InputError(row["error_input"], row["error_reason"])
            continue
        del row["error_input"], row["error_reason"]
        yield RawDocument(**{**row, "captions": tuple(row["captions"] or ())})
