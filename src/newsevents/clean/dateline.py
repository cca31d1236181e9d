"""Datelines at the start of a story: ``KYIV, Ukraine (AP) —``, ``SEATTLE –``, ``lucknow:``.

The cleaner leaves an inline dateline in the body (it is where the story was
filed, which the geocoder may use, and removing it would shift the first
sentence); :func:`find_dateline` reports where it is.

>>> find_dateline("GUWAHATI, India (Reuters) — Floods forced 40,000 people from their homes.")
Dateline(place='GUWAHATI, India', agency='Reuters', start=0, end=28)
>>> find_dateline("Floods forced 40,000 people from their homes.") is None
True
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lexicon import stopwords

_DASHED = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,(?: [A-Z][\w.'’-]*){1,3})?)"
    r"\s*(?:\((?P<agency>[^()]{1,40})\))?\s*(?:—|–|--|-(?=\s))\s*"
)
_COLON = re.compile(r"^(?P<place>[A-Za-z][a-z.]+(?: [A-Za-z][a-z.]+){0,2}):\s+(?=\S)")
# A dateline after a headline or caption glued to the body ("... in her dorm MILWAUKEE (WITI) — A 23-year-old"):
# only with its agency or station, within the first INLINE_WITHIN characters.
_INLINE = re.compile(
    r"(?<=\s)(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,(?: [A-Z][\w.'’-]*){1,3})?)"
    r"\s*\((?P<agency>[^()]{1,40})\)\s*(?:—|–|--|-(?=\s))\s*"
)
INLINE_WITHIN = 400


class Dateline(NamedTuple):
    """Where a dateline is in a body: ``text[start:end]`` is the dateline with its dash or colon."""

    place: str
    agency: str | None
    start: int
    end: int


def find_dateline(body: str, *, inline: bool = False) -> Dateline | None:
    """The dateline opening ``body``, if it has one; with ``inline``, also one that follows a headline glued to
    the body, when it names its agency.

    >>> find_dateline("Man held after dorm threat MILWAUKEE (WITI) — A man was arrested.", inline=True).place
    'MILWAUKEE'
    """
    match = _DASHED.match(body)
    if match is None:
        match = _COLON.match(body)
        if match is not None and any(w.lower() in stopwords() for w in match.group("place").split()):
            match = None
    if match is None and inline:
        match = _INLINE.search(body, 0, INLINE_WITHIN)
    if match is None:
        return None
    agency = match.groupdict().get("agency")
    return Dateline(place=match.group("place"), agency=agency, start=match.start(), end=match.end())
