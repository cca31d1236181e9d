"""The country a story's idioms place it in when it names none: words of one country's institutions and habits.

A local story often names only its town ("a man was shot in the 2300 block of Lemur Street in Santa Rosa"), and a
town's name is shared across countries: the Santa Rosa of Guatemala is a department of 400,000 people. The
idioms of ``data/geo/country_idioms.tsv`` ("sheriff's deputies", "charged with a felony") say which country's
Santa Rosa is meant. The pipeline reads them when the story's actors name no country, or name one only through the
dictionary's towns (``pipeline.story_focus``).

>>> idiom_country("Deputies with the county sheriff's office found the man in the 400 block of Main Street.")
'USA'
>>> idiom_country("Police in Birmingham said a man was stabbed.") is None
True
"""

from __future__ import annotations

import csv
import functools
import re

from .gazetteer import DATA


def idiom_country(text: str) -> str | None:
    """The ISO alpha-3 code of the one country whose idioms ``text`` uses, or None (none, or several countries')."""
    countries = {country for pattern, country in _idioms() if pattern.search(text)}
    return countries.pop() if len(countries) == 1 else None


@functools.lru_cache(maxsize=1)
def _idioms() -> tuple[tuple[re.Pattern[str], str], ...]:
    """One pattern per country: the alternation of its idioms."""
    with (DATA / "country_idioms.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_country: dict[str, list[str]] = {}
    for row in rows:
        by_country.setdefault(row["country"], []).append(f"(?:{row['pattern']})")
    return tuple((re.compile("|".join(patterns), re.IGNORECASE), country) for country, patterns in by_country.items())
