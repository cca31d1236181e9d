"""The event database: idempotent ingest, incidents across articles, query and export.

>>> from newsevents.store import Filters, Store
>>> Filters.from_strings(type="protest").type
'PROTEST'

See ``docs/store.md`` for the schema, the incident rules and the export layouts.
"""

from __future__ import annotations

from .db import default_db_path
from .filters import Filters
from .store import IngestSummary, Store, content_hash

__all__ = ["Filters", "IngestSummary", "Store", "content_hash", "default_db_path"]
