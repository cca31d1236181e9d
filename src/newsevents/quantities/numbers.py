"""Read a number of people from a short phrase: numerals, number words and vague quantities.

Vague quantities ("dozens", "scores", "tens of thousands") and modified numbers ("at least 20", "more than a
dozen") give their documented lower bound with ``exact=False`` (see ``data/quantities/``).

>>> parse_quantity("more than a dozen")
Count(value=13, text='more than a dozen', exact=False)
>>> parse_quantity("thirteen").value
13
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from ..records import Count

_WORD = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+")
_ZERO = {"no", "none", "nobody", "no one", "zero", "neither"}
_ARTICLES = {"a", "an"}
_FILLERS = {"of", "and"}


@dataclass(frozen=True, slots=True)
class Tables:
    words: dict[str, tuple[int, str]]
    vague: dict[str, int]
    modifiers: dict[str, str]


def _rows(name: str) -> list[list[str]]:
    text = resources.files("newsevents").joinpath(f"data/quantities/{name}").read_text(encoding="utf-8")
    return list(csv.reader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"))


@functools.lru_cache(maxsize=1)
def tables() -> Tables:
    """The number-word, vague-quantity and modifier tables (loaded once)."""
    return Tables(
        words={r[0]: (int(r[1]), r[2]) for r in _rows("number_words.tsv")},
        vague={r[0]: int(r[1]) for r in _rows("vague.tsv")},
        modifiers={r[0]: r[1] for r in _rows("modifiers.tsv")},
    )


def parse_quantity(text: str) -> Count | None:
    """The number of people ``text`` states, or None when it states no number.

    >>> parse_quantity("dozens")
    Count(value=24, text='dozens', exact=False)
    >>> parse_quantity("1,200").value
    1200
    """
    phrase = " ".join(text.split())
    words = _WORD.findall(phrase.lower().replace("-", " "))
    if not words:
        return None
    if " ".join(words) in _ZERO or (words[0] == "no" and len(words) == 2 and words[1] == "one"):
        return Count(0, phrase)
    table = tables()
    rule = None
    for size in (3, 2, 1):
        if " ".join(words[:size]) in table.modifiers and len(words) > size:
            rule = table.modifiers[" ".join(words[:size])]
            words = words[size:]
            break
    while words and words[-1] in _FILLERS:
        words = words[:-1]
    value, exact = _core(words, table)
    if value is None:
        return None
    if rule == "plus1":
        value += 1
    return Count(value, phrase, exact=exact and rule is None)


def _core(words: list[str], table: Tables) -> tuple[int | None, bool]:
    joined = " ".join(words)
    for phrase in (joined, " ".join(w for w in words if w not in _ARTICLES)):
        if phrase in table.vague:
            return table.vague[phrase], False
    words = [w for w in words if w not in _FILLERS]
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    total = current = 0
    seen = False
    for word in words:
        if word[0].isdigit():
            number = float(word.replace(",", ""))
            if current or not number.is_integer() and len(words) == 1:
                return None, True
            current += number  # type: ignore[assignment]
        elif word in table.words:
            number, kind = table.words[word]
            if kind == "scale":
                if number >= 1000:
                    total += (current or 1) * number
                    current = 0
                else:
                    current = (current or 1) * number
            else:
                current += number
        else:
            return None, True
        seen = True
    value = total + current
    if not seen or value != int(value):
        return None, True
    return int(value), True
