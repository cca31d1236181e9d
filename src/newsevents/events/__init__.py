"""Event coding: PLOVER/CAMEO/ACLED events and direct quotes from a parsed article body.

>>> from newsevents.events import EventCoder, find_quotes
"""

from .coder import CodedEvent, EventCoder, salience
from .quotes import find_quotes

__all__ = ["CodedEvent", "EventCoder", "find_quotes", "salience"]
