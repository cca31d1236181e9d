"""Counts of people: killed, injured, arrested, displaced and crowd sizes, and the casualties of one event.

>>> parse_quantity("dozens")
Count(value=24, text='dozens', exact=False)
"""

from __future__ import annotations

from .counts import KINDS, Casualties, CountMention, casualties_for, find_counts, unclaimed_victims
from .numbers import parse_quantity

__all__ = ["KINDS", "Casualties", "CountMention", "casualties_for", "find_counts", "parse_quantity", "unclaimed_victims"]
