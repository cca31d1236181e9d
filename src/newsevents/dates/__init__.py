"""Date resolution: find date expressions, resolve them against the publication date, date each event.

>>> import datetime as dt
>>> resolve("Wednesday", published=dt.date(2022, 1, 6)).date
datetime.date(2022, 1, 5)
"""

from __future__ import annotations

from .attach import EventDate, date_event, find_dates, is_statement_date
from .grammar import resolve

__all__ = ["EventDate", "date_event", "find_dates", "is_statement_date", "resolve"]
