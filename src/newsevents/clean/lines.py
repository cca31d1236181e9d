"""What a single line is, from its own shape: credit, byline, date line, boilerplate, caption lead.

>>> is_credit("Valery Sharifulin/TASS/Sipa USA"), is_credit("Police closed the road on Monday.")
(True, False)
>>> is_byline("By Maria Lopez, Associated Press"), is_byline("By early Monday, the fire was out.")
(True, False)
>>> split_trailing_credit("Firefighters at the scene on Sunday. (AP Photo/Jane Roe)")
('Firefighters at the scene on Sunday.', 'AP Photo/Jane Roe')
"""

from __future__ import annotations

import re

from .lexicon import agencies, boilerplate

MAX_CREDIT_WORDS = 14
MAX_FURNITURE_CHARS = 400

_CONNECTORS = frozenset("via for of de del la le van von der den and the & du da dos das el al bin y e di i".split())
_ROLE_WORDS = frozenset(
    "and staff writer writers reporter reporters correspondent correspondents editor contributor "
    "the of in for at de van von | - — –".split()
)
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december early late noon midnight then now".split()
)
_CREDIT_LEAD = re.compile(
    r"^(?:photo(?:graph)?s?|images?|pictures?|credits?|photo credit|illustrations?|graphics?|video|foto)"
    r"\s*(?::|by\b|/)\s*\S",
    re.IGNORECASE,
)
_COURTESY = re.compile(r"^(?:courtesy(?: of)?|handout|pool photo|file photo)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[/|]\s*")
_BYLINE = re.compile(r"^(?:by|written by|posted by|reported by|story by|words by)\s+(?P<rest>\S.*)$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    r"^(?:(?:posted|updated|published|last updated|modified)\s*(?:on|:)?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?"
    r"(?:\s*[|,-]?\s*(?:updated|last updated)?:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?\.?$",
    re.IGNORECASE,
)
# "WASHINGTON —" or "KYIV, Ukraine (AP) —" alone on a line.
_PLACE_LINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w. ]{1,30})?\s*(?:\([^()]{1,30}\))?\s*[—–-]{1,2}$")
_CAPTION_LEAD = re.compile(
    r"^(?:FILE(?: PHOTO)?\s*[-–—:]|IN THIS (?:FILE )?PHOTO|(?:PHOTO|IMAGE|CAPTION)\s*:|"
    r"(?:Pictured|Caption|Above|Top|Left|Right|Main image|Main photo)\s*:)"
)
_TRAILING_PARENS = re.compile(r"^(?P<text>.*\S)\s*\((?P<credit>[^()]{2,80})\)$")
_SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s+(?=\S)")


def _name_like(segment: str, *, max_words: int = 6) -> bool:
    tokens = segment.split()
    if not 1 <= len(tokens) <= max_words:
        return False
    if not any(t[0].isupper() for t in tokens):
        return False
    return all(t[0].isupper() or t[0].isdigit() or t.lower() in _CONNECTORS or agencies().fullmatch(t) for t in tokens)


def is_credit(line: str) -> bool:
    """A photo or agency credit: ``Name/Agency``, ``X via Getty Images``, ``AP Photo/Name``, ``Photo: ...``."""
    text = line.strip().removeprefix("(").removesuffix(")").removesuffix(".").strip()
    words = text.split()
    if not words or len(words) > MAX_CREDIT_WORDS or text[-1] in "!?,;:":
        return False
    if _CREDIT_LEAD.match(text) or (_COURTESY.match(text) and len(words) <= 10):
        return True
    segments = _SEPARATORS.split(text)
    if len(segments) > 1:
        return all(_name_like(s) for s in segments)
    if " via " in text:
        before, _, after = text.rpartition(" via ")
        return _name_like(before, max_words=8) and (bool(agencies().fullmatch(after)) or _name_like(after, max_words=3))
    return len(words) <= 5 and _name_like(text) and bool(agencies().search(text))


def is_byline(line: str) -> bool:
    """``By Name[, Agency]`` lines (not sentences that start with "By")."""
    match = _BYLINE.match(line.strip())
    if not match:
        return False
    tokens = match.group("rest").replace(",", " , ").split()
    if len(tokens) > 14 or tokens[0].lower() in _DATE_WORDS or line.rstrip()[-1] in "!?:;":
        return False
    return all(t == "," or t[0].isupper() or t.lower() in _ROLE_WORDS or bool(agencies().fullmatch(t)) for t in tokens)


def is_date_line(line: str) -> bool:
    """A line that only gives a date/time or a dateline place: ``June 24, 2014 at 10:19 PM``, ``WASHINGTON —``."""
    return bool(_DATE_LINE.match(line) or _PLACE_LINE.match(line))


def is_boilerplate(line: str) -> bool:
    """Page furniture listed in ``data/clean/boilerplate.txt`` (the whole line must match)."""
    return len(line) <= MAX_FURNITURE_CHARS and bool(boilerplate().fullmatch(line.strip().rstrip(":>»›| ")))


def has_caption_lead(line: str) -> bool:
    """Caption conventions: ``FILE - In this photo...``, ``Pictured: ...``, ``PHOTO: ...``."""
    return bool(_CAPTION_LEAD.match(line))


def split_trailing_credit(line: str) -> tuple[str, str] | None:
    """Split ``caption (AP Photo/Name)`` or ``caption. Name/Agency`` into caption and credit."""
    match = _TRAILING_PARENS.match(line)
    if match and is_credit(match.group("credit")):
        return match.group("text"), match.group("credit")
    ends = list(_SENTENCE_END.finditer(line))
    if ends:
        head, tail = line[: ends[-1].end()].rstrip(), line[ends[-1].end() :]
        if is_credit(tail) and ("/" in tail or " via " in tail or _CREDIT_LEAD.match(tail)):
            return head, tail
    return None
