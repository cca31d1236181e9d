"""Where a run writes, and how it publishes: stage directories swapped into place, never appended to.

A run writes stage one under ``OUT/_staging/extract`` and the finished datasets under
``OUT/_staging/new``; :meth:`Layout.publish` then renames each new dataset over the old one and
writes ``OUT/_manifest.json``. A rerun over the same output therefore replaces it (same rows,
no duplicates), and a run that dies leaves the previous output whole; its leftovers are removed
by the next run.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..errors import InputError, Messages
from .dataset import (
    ARTICLE_SCHEMA,
    DATASETS,
    ERROR_SCHEMA,
    EVENT_SCHEMA,
    MENTIONS_SCHEMA,
    articles_of,
    ensure_dataset,
    errors_of,
    events_of,
    mentions_of,
)

SCHEMAS = {"events": EVENT_SCHEMA, "mentions": MENTIONS_SCHEMA, "articles": ARTICLE_SCHEMA, "errors": ERROR_SCHEMA}


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch run wrote."""

    out_dir: str
    engine: str
    articles: int
    events: int
    incidents: int
    errors: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Layout:
    """The directories of one run under ``root``: staging, the new datasets, the published ones."""

    root: Path

    @classmethod
    def prepare(cls, out_dir: str | Path) -> Layout:
        """Claim ``out_dir``; leftovers of an interrupted run are removed."""
        root = Path(out_dir)
        if root.exists() and not root.is_dir():
            raise InputError(str(root), Messages.BATCH_OUT_IS_FILE)
        layout = cls(root)
        shutil.rmtree(layout.staging, ignore_errors=True)
        layout.extracted.mkdir(parents=True)
        return layout

    @property
    def staging(self) -> Path:
        return self.root / "_staging"

    @property
    def extracted(self) -> Path:
        return self.staging / "extract"

    def new(self, name: str) -> Path:
        return self.staging / "new" / name

    def publish(self, *, engine: str, started: float, options: dict) -> BatchSummary:
        """Replace the published datasets by the new ones and write ``_manifest.json``."""
        for name in DATASETS:
            ensure_dataset(self.new(name), SCHEMAS[name])
        summary = BatchSummary(
            out_dir=str(self.root),
            engine=engine,
            articles=_rows(self.new("articles")),
            events=_rows(self.new("events")),
            incidents=_distinct(self.new("events"), "incident_id"),
            errors=_rows(self.new("errors")),
            seconds=round(time.perf_counter() - started, 2),
        )
        for name in DATASETS:
            final = self.root / name
            if final.exists():
                final.rename(self.staging / f"old-{name}")
            self.new(name).rename(final)
        manifest = {**asdict(summary), "options": options, "finished": dt.datetime.now(dt.UTC).isoformat()}
        (self.root / "_manifest.json").write_text(json.dumps(manifest, indent=2, default=str) + "\n")
        shutil.rmtree(self.staging)
        return summary


def write_parts(staged: Path, layout: Layout) -> int:
    """Write the articles, errors and mentions of one staging file; return its number of rows.

    Each part is named after the staging file, so a retried task overwrites instead of adding.
    """
    splits = {"articles": (articles_of, ARTICLE_SCHEMA), "errors": (errors_of, ERROR_SCHEMA),
              "mentions": (lambda t: mentions_of(events_of(t)), MENTIONS_SCHEMA)}  # fmt: skip
    source = pq.ParquetFile(staged)
    writers = {}
    for name, (_, schema) in splits.items():
        layout.new(name).mkdir(parents=True, exist_ok=True)
        writers[name] = pq.ParquetWriter(layout.new(name) / staged.name, schema, compression="zstd")
    try:
        for group in range(source.num_row_groups):
            table = source.read_row_group(group)
            for name, (split, _) in splits.items():
                writers[name].write_table(split(table))
    finally:
        for writer in writers.values():
            writer.close()
    return source.metadata.num_rows


def _files(directory: Path) -> list[Path]:
    return sorted(directory.rglob("*.parquet"))


def _rows(directory: Path) -> int:
    return sum(pq.ParquetFile(path).metadata.num_rows for path in _files(directory))


def _distinct(directory: Path, column: str) -> int:
    values = [pq.read_table(path, columns=[column])[column] for path in _files(directory)]
    merged = pa.chunked_array([c for v in values for c in v.chunks], pa.string())
    return pc.count_distinct(merged).as_py()

