"""The data behind the cleaner (``newsevents/data/clean``), loaded and compiled once."""

from __future__ import annotations

import functools
import re
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("newsevents").joinpath("data", "clean", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def stopwords() -> frozenset[str]:
    """English function words and reporting verbs."""
    return frozenset(word for line in _lines("stopwords.txt") for word in line.split())


@functools.cache
def agencies() -> re.Pattern[str]:
    """Any agency name, as listed or in capitals, as a whole word (longest names first)."""
    listed = _lines("agencies.txt")
    names = sorted({*listed, *(name.upper() for name in listed)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")


@functools.cache
def boilerplate() -> re.Pattern[str]:
    """One pattern matching a whole line of page furniture."""
    return _any_of(_lines("boilerplate.txt"))


@functools.cache
def glued_furniture() -> re.Pattern[str]:
    """One pattern finding furniture glued into a line without a sentence break."""
    return _any_of(_lines("glued_furniture.txt"))


def _any_of(expressions: list[str]) -> re.Pattern[str]:
    """The case-insensitive alternation of ``expressions``, each kept a group of its own."""
    return re.compile("|".join(f"(?:{e})" for e in expressions), re.IGNORECASE)
