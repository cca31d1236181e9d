"""Split normalized text into line units and decide what each one is.

Paragraphs are separated by blank lines; inside a paragraph every line is a
unit unless the lines are a hard-wrapped paragraph or a line continues the
one before (no final punctuation, next starts in lower case). Each unit is
first judged by its own shape (:mod:`.lines`), then by layout: the one or
two lines right before a credit are a caption (a label line and the
sentence); a label line followed by a sentence that restates the body is a
caption; a short line alone right before a credit-only paragraph is a caption.

>>> units = classify(segment("Storm hits coast\\n\\nThe storm hit the coast on Monday, officials said.\\n\\n"
...                          "Flooded street.\\nWater covered the coast road on Monday.\\nJohn Roe/AP"),
...                  title="Storm hits coast")
>>> [(u.kind, u.text[:20]) for u in units]
[('title', 'Storm hits coast'), ('body', 'The storm hit the co'), ('caption', 'Flooded street.'), ('caption', 'Water covered the co'), ('credit', 'John Roe/AP')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import BlockKind
from .lexicon import glued_furniture, stopwords
from .lines import has_caption_lead, is_boilerplate, is_byline, is_credit, is_date_line, split_trailing_credit
from .normalize import fold, words

MAX_CAPTION_WORDS = 60
MAX_LABEL_WORDS = 12
MIN_RESTATED_WORDS = 4
RESTATED_SHARE = 0.6
TITLE_SEARCH_UNITS = 6
MAX_TITLE_EXTRA_WORDS = 12

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_FINAL = tuple('.!?:;"”’)»…')
_QUOTES = re.compile(r"[\"“”]")
_REPORTING = re.compile(r"\b(?:said|says|told)\b", re.IGNORECASE)


@dataclass(slots=True)
class Unit:
    """One line (or wrapped paragraph) and its kind; ``kind is None`` until decided, ``"drop"`` for title repeats."""

    paragraph: int
    text: str
    kind: BlockKind | None | str = None


def _hard_wrapped(lines: list[str]) -> bool:
    width = max(map(len, lines))
    return len(lines) >= 3 and width <= 100 and all(len(line) >= 0.6 * width for line in lines[:-1])


def _continues(previous: str, line: str) -> bool:
    return not previous.endswith(_FINAL) and line[:1].islower() and not is_credit(previous)


def segment(text: str) -> list[Unit]:
    """Line units of ``text`` with the index of their paragraph."""
    units: list[Unit] = []
    for number, paragraph in enumerate(p for p in _PARAGRAPH_BREAK.split(text) if p.strip()):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if _hard_wrapped(lines):
            lines = [" ".join(lines)]
        joined: list[str] = []
        for line in lines:
            if joined and _continues(joined[-1], line):
                joined[-1] += " " + line
            else:
                joined.append(line)
        pieces = (piece for line in joined for piece in _unglue(line))
        units.extend(Unit(number, part) for piece in pieces for part in _peel_furniture(piece))
    return units


def _unglue(line: str) -> list[str]:
    """A line cut around the furniture of ``data/clean/glued_furniture.txt``: "Please enable Javascript to watch
    this video HAZLETON -- One man ..." is two pieces, the notice and the story."""
    pieces, start = [], 0
    for match in glued_furniture().finditer(line):
        pieces += [line[start : match.start()].strip(), match.group().strip()]
        start = match.end()
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def _peel_furniture(line: str) -> list[str]:
    """A page flattened to one line starts or ends with its furniture ("Copyright 2019 ... All rights reserved.
    This material may not be published ..."): those sentences become units of their own, the story one unit."""
    if len(line.split()) <= MAX_CAPTION_WORDS:
        return [line]
    sentences = _SENTENCE_BREAK.split(line)
    first, last = 0, len(sentences)
    while first < last - 1 and is_boilerplate(sentences[first]):
        first += 1
    while last - 1 > first and is_boilerplate(sentences[last - 1]):
        last -= 1
    return [*sentences[:first], " ".join(sentences[first:last]), *sentences[last:]]


def _content(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 1 and w not in stopwords()}


def _headline_like(text: str) -> bool:
    count = len(text.split())
    return 0 < count <= 30 and len(text) <= 300 and not text.endswith((",", ":", ";")) and (
        not text.endswith(".") or count <= 15
    )


def _mark_title(units: list[Unit], title: str | None) -> None:
    """The first unit that is the title becomes the title block; later repeats are dropped or boilerplate."""
    if title is None:
        first = next((u for u in units if u.kind is None), None)
        if first is None or first is units[-1] or not _headline_like(first.text):
            return
        first.kind = "title"
        title = first.text
    key = fold(title)
    if not key:
        return
    found = any(u.kind == "title" for u in units)
    for unit in units[:TITLE_SEARCH_UNITS]:
        if unit.kind not in (None, "boilerplate"):
            continue
        other = fold(unit.text)
        extra = len(other.split()) - len(key.split())
        if other == key or (other.startswith(key + " ") and extra <= MAX_TITLE_EXTRA_WORDS):
            unit.kind = "title" if not found else ("drop" if other == key else "boilerplate")
            found = True


def _by_shape(unit: Unit, known_captions: frozenset[str]) -> None:
    text = unit.text
    if fold(text) in known_captions:
        unit.kind = "caption"
    elif is_date_line(text):
        unit.kind = "dateline"
    elif is_byline(text):
        unit.kind = "byline"
    elif is_credit(text):
        unit.kind = "credit"
    elif is_boilerplate(text):
        unit.kind = "boilerplate"
    elif has_caption_lead(text) and len(text.split()) <= MAX_CAPTION_WORDS:
        unit.kind = "caption"


class _Body:
    """Content words of the undecided paragraphs, to tell whether a line restates the story."""

    def __init__(self, units: list[Unit]) -> None:
        self._units = units
        self._words: dict[int, set[str]] | None = None

    def restates(self, unit: Unit) -> bool:
        own = _content(unit.text)
        if len(own) < MIN_RESTATED_WORDS:
            return False
        if self._words is None:  # built on first use: most articles never need it
            self._words = {}
            for other in self._units:
                if other.kind is None:
                    self._words.setdefault(other.paragraph, set()).update(_content(other.text))
        best = max((len(own & w) for p, w in self._words.items() if p != unit.paragraph), default=0)
        return best >= RESTATED_SHARE * len(own)


def _short(unit: Unit, limit: int) -> bool:
    return unit.kind is None and len(unit.text.split()) <= limit


def _by_layout(units: list[Unit]) -> None:
    paragraphs: dict[int, list[Unit]] = {}
    for unit in units:
        paragraphs.setdefault(unit.paragraph, []).append(unit)
    body = _Body(units)
    for number, members in paragraphs.items():
        for i, unit in enumerate(members):
            if unit.kind != "credit" or i == 0:
                continue
            if _short(members[i - 1], MAX_CAPTION_WORDS):
                members[i - 1].kind = "caption"
                if i >= 2 and _short(members[i - 2], MAX_LABEL_WORDS):
                    members[i - 2].kind = "caption"
        undecided = [u for u in members if u.kind is None]
        if 2 <= len(undecided) == len(members) <= 3 and _short(members[0], MAX_LABEL_WORDS):
            if any(body.restates(u) for u in members[1:]):
                for unit in members:
                    unit.kind = "caption"
        if all(u.kind == "credit" for u in members) and number - 1 in paragraphs:
            before = paragraphs[number - 1]
            last = before[-1]
            if len(before) == 1 and _short(last, MAX_CAPTION_WORDS) and not _QUOTES.search(last.text) and (
                body.restates(last) or not _REPORTING.search(last.text)
            ):
                last.kind = "caption"
    for unit in units:
        if _short(unit, MAX_CAPTION_WORDS) and _named_credit(unit.text):
            unit.kind = "caption"


def _named_credit(text: str) -> tuple[str, str] | None:
    """The text and its trailing photo credit, when the credit names someone ("AP Photo/Jane Doe", "Photo:
    Shutterstock"; not a bare "(Reuters)" closing a paragraph)."""
    parts = split_trailing_credit(text)
    return parts if parts and ("/" in parts[1] or " " in parts[1]) else None


def _split_credits(units: list[Unit]) -> list[Unit]:
    """A caption's trailing credit becomes its own unit; so does a named credit closing a body paragraph (a page
    flattened to one line ends "... remain anonymous. Photo: Shutterstock")."""
    out: list[Unit] = []
    for unit in units:
        if unit.kind == "caption":
            parts = split_trailing_credit(unit.text)
        else:
            parts = _named_credit(unit.text) if unit.kind == "body" else None
        if parts:
            out += [Unit(unit.paragraph, parts[0], unit.kind), Unit(unit.paragraph, parts[1], "credit")]
        else:
            out.append(unit)
    return out


def classify(units: list[Unit], *, title: str | None = None, captions: tuple[str, ...] = ()) -> list[Unit]:
    """Decide the kind of every unit (``title`` given when the format carries one); returns the units."""
    known = frozenset(fold(c) for c in captions)
    for unit in units:
        _by_shape(unit, known)
    _mark_title(units, title)
    _by_layout(units)
    for unit in units:
        if unit.kind is None:
            unit.kind = "body"
    if not any(u.kind == "body" for u in units):
        # Nothing but captions by their look: a short story with a photo credit, not a picture without a story.
        for unit in units:
            if unit.kind == "caption" and fold(unit.text) not in known:
                unit.kind = "body"
    return _split_credits(units)
