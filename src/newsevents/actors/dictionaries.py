"""Load the actor lexicon (``data/actors/``) once into token-tuple lookups.

>>> lex = load_lexicon()
>>> [e.country for e in lex.entries("kremlin")][:1]
['RUS']
"""

from __future__ import annotations

import csv
import functools
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

DATA = resources.files("newsevents") / "data" / "actors"

# Kinds of lexicon rows, in the order they win when several claim the same tokens.
KIND_PRIORITY = ("named", "country", "capital", "demonym", "city", "place", "surname", "agent")
PLACE_KINDS = frozenset({"country", "capital", "demonym", "city", "place"})

SECTOR_ACLED = {
    **dict.fromkeys(("GOV", "MIL", "COP", "SPY", "JUD", "LEG"), "State forces"),
    **dict.fromkeys(("REB", "INS"), "Rebel group"),
    **dict.fromkeys(("UAF", "CRM"), "Political militia"),
    "IGO": "External/Other forces",
    **dict.fromkeys(("CVL", "REF", "MED", "EDU", "LAB", "REL", "BUS", "NGO", "HLH", "AGR", "ENV", "HRI",
                     "DEV", "OPP", "PTY", "ELI"), "Civilians"),
}
SECTORS = frozenset(SECTOR_ACLED)
ACLED_TYPES = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
                         "Protesters", "Civilians", "External/Other forces"})


def normalize(text: str) -> str:
    """Lower-case, accent-free form used as lexicon key: ``normalize("Tokáyev’s") == "tokayev's"``."""
    text = "".join(c for c in text if c.isprintable()).replace("\u2019", "'").replace("\u2018", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


class Entry(NamedTuple):
    """One reading of a phrase; ``kind`` is one of :data:`KIND_PRIORITY`."""

    kind: str
    name: str
    country: str | None
    sector: str | None
    acled: str | None
    weak: bool
    cased: str | None
    role: str | None = None
    start_year: int | None = None
    end_year: int | None = None  # 9999 = still in office
    from_phoenix: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Phrase lookups; rows are parsed into :class:`Entry` on first use (keeps loading fast)."""

    rows: dict[str, list[str]]  # space-joined normalized tokens -> raw lexicon lines
    prefixes: frozenset[str]
    countries: dict[str, tuple[str, str]]  # iso3 -> (name, adjective)
    ethnic_markers: frozenset[str] = frozenset()  # "ethnic Albanians": the demonym is an ethnicity
    past_markers: frozenset[str] = frozenset()  # with polity_nouns: "a former Soviet republic" is not Russia
    polity_nouns: frozenset[str] = frozenset()
    country_nouns: frozenset[str] = frozenset()  # with definite_determiners: "the country" is the story's country
    definite_determiners: frozenset[str] = frozenset()
    international_words: frozenset[str] = frozenset()  # an unknown organisation named with these is international
    name_heads: frozenset[str] = frozenset()  # "Cyprus Street", "Lebanon Township": a place name inside a local name
    unit_nouns: frozenset[str] = frozenset()  # "a police patrol", "an army convoy": a role's unit acts for the role

    def entries(self, key: str) -> tuple[Entry, ...]:
        """The readings of ``key`` (``"the kremlin"``), best kind first; ``()`` when unknown."""
        lines = self.rows.get(key)
        return _parse(tuple(lines)) if lines else ()


@functools.lru_cache(maxsize=65536)
def _parse(lines: tuple[str, ...]) -> tuple[Entry, ...]:
    order = {k: i for i, k in enumerate(KIND_PRIORITY)}
    return tuple(sorted((_entry(line.split("\t")) for line in lines), key=lambda e: order[e.kind]))


def _entry(row: list[str]) -> Entry:
    _tokens, kind, name, country, sector, acled, weak, cased, extra = row
    role = start = end = None
    if extra:
        role, s, e = extra.split("|")
        start, end = int(s), int(e)
    return Entry(kind.split(":")[0], name, country or None, sector or None, acled or None, weak == "1",
                 cased or None, role, start, end, kind == "surname:phoenix")


@functools.cache
def load_lexicon() -> Lexicon:
    """Read ``lexicon.tsv``, ``countries.csv`` and ``cues.json`` (cached for the process)."""
    rows: dict[str, list[str]] = {}
    prefixes: set[str] = set()
    with (DATA / "lexicon.tsv").open(encoding="utf-8") as f:
        next(f)
        for line in f:
            key = line[: line.index("\t")]
            if key in rows:
                rows[key].append(line.rstrip("\n"))
                continue
            rows[key] = [line.rstrip("\n")]
            cut = key.find(" ")
            while cut != -1:
                prefixes.add(key[:cut])
                cut = key.find(" ", cut + 1)
    with (DATA / "countries.csv").open(encoding="utf-8") as f:
        countries = {r["iso3"]: (r["name"], r["adjective"]) for r in csv.DictReader(f)}
    cues = json.loads((DATA / "cues.json").read_text(encoding="utf-8"))
    return Lexicon(rows, frozenset(prefixes), countries, frozenset(cues["ethnic_markers"]),
                   frozenset(cues["past_markers"]), frozenset(cues["polity_nouns"]), frozenset(cues["country_nouns"]),
                   frozenset(cues["definite_determiners"]), frozenset(cues["international_words"]),
                   frozenset(cues["name_heads"]), frozenset(cues["unit_nouns"]))
