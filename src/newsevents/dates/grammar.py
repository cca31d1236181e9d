"""A small grammar of English news date expressions, resolved against the publication date.

Relative expressions ("Thursday", "yesterday", "last week", "two days ago", "Christmas") are resolved here
rather than with ``dateparser``, whose past preference moves "Thursday" a week early and which knows no
holidays. Conventions: a weekday is the publication day when it matches, else the most recent one before it;
a month or holiday without a year is its most recent occurrence on or before the publication date; a range
resolves to its start. Week precision dates are the Monday of the week, month precision the 1st, year
precision January 1.

>>> import datetime as dt
>>> resolve("on Thursday", published=dt.date(2022, 1, 6)).date
datetime.date(2022, 1, 6)
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources

from ..records import DatePrecision, DateResolution

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 2, "several": 3, "a couple of": 2, "a couple": 2,
}  # fmt: skip

_MONTH = (
    r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|"
    r"Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_RANGE_END = r"(?:\s*(?:-|–|—|to|through|and|until)\s*[0-3]?\d(?:st|nd|rd|th)?\b)?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|a couple(?: of)?)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PREP_MONTH = r"(?P<prep>in|since|during|until|by|through|early|late|mid-?|last|this|of)"

# (name, pattern); earlier patterns win over later ones that overlap them.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("slash", r"(?<![\d/$.])(?P<m>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])"),
    ("weekday_month_day", rf"\b{_WEEKDAY},?\s+{_MONTH}\s*{_DAY}\b{_RANGE_END}(?:,?\s+{_YEAR}\b)?"),
    ("month_day", rf"\b{_MONTH}\s*{_DAY}\b(?![:.]\d){_RANGE_END}(?:,?\s+{_YEAR}\b)?"),
    ("day_month", rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_YEAR}\b)?"),
    ("month_year", rf"\b{_MONTH},?\s+{_YEAR}\b"),
    ("month", rf"\b{_PREP_MONTH}\s*{_MONTH}(?![\w-])"),
    ("ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
    ("rel_unit", r"\b(?P<rel>last|this|next|past|earlier this|later this)\s+(?P<unit>week|month|year)\b"),
    ("weekend", r"\b(?:over|during)?\s*(?:the|this|last|this past)\s+weekend\b"),
    ("rel_day", r"\b(?P<word>the day before yesterday|yesterday|today|tonight|tomorrow|last night|"
                r"this (?:morning|afternoon|evening))\b"),
    ("weekday", rf"\b(?:(?P<mod>last|this|next|early|late)\s+)?{_WEEKDAY}{_PART}\b"),
    ("year", rf"\b(?P<prep>in|since|during|until|by|through|early|late|mid-?)\s+{_YEAR}\b(?![-,.]?\d)"),
    ("ordinal_day", r"\bon the (?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[A-Za-z])"),
)

# Prepositions kept out of the expression's text and offsets ("in March" -> "March").
_LEADING = re.compile(r"\s*(?:(?:in|on|since|during|until|by|through|of|over|from)\s+)?", re.I)


@dataclass(frozen=True, slots=True)
class Holiday:
    name: str
    country: str
    rule: str
    month: int
    day: int
    weekday: str

    def on_or_before(self, published: dt.date) -> dt.date | None:
        for year in (published.year, published.year - 1):
            day = self.in_year(year)
            if day <= published:
                return day
        return None

    def in_year(self, year: int) -> dt.date:
        if self.rule == "fixed":
            return dt.date(year, self.month, self.day)
        if self.rule == "easter":
            return easter(year) + dt.timedelta(days=self.day)
        return nth_weekday(year, self.month, WEEKDAYS.index(_full_weekday(self.weekday)), self.day)


def _full_weekday(short: str) -> str:
    return next(name for name in WEEKDAYS if name.startswith(short))


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (Meeus/Jones/Butcher computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month; ``n = -1`` is the last one."""
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1) if dt.date(year, month, d).weekday() == weekday]
    return dt.date(year, month, days[n - 1 if n > 0 else n])


@functools.lru_cache(maxsize=1)
def holidays() -> tuple[Holiday, ...]:
    """The holiday table in ``data/dates/holidays.tsv``, longest names first."""
    text = resources.files("newsevents").joinpath("data/dates/holidays.tsv").read_text(encoding="utf-8")
    rows = csv.reader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    table = [Holiday(r[0], r[1], r[2], int(r[3]), int(r[4]), r[5] if len(r) > 5 else "") for r in rows]
    return tuple(sorted(table, key=lambda h: -len(h.name)))


@functools.lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    names = "|".join(re.escape(h.name).replace("'", "['’]") for h in holidays())
    holiday = re.compile(rf"\b(?P<holiday>{names})(?![\w'’])")
    return (("holiday", holiday), *((name, re.compile(p, re.I)) for name, p in _PATTERNS))


def scan(text: str, *, published: dt.date | None, focus_country: str | None = None) -> Iterator[DateResolution]:
    """Every non-overlapping date expression in ``text`` that resolves, in text order."""
    taken: list[tuple[int, int]] = []
    found: list[DateResolution] = []
    for name, pattern in _compiled():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken) or not _plausible(name, match):
                continue
            resolved = _RESOLVERS[name](match, published, focus_country)
            if resolved is None:
                continue
            day, precision = resolved
            taken.append((start, end))
            start += _LEADING.match(match.group(0)).end()  # type: ignore[union-attr]
            found.append(DateResolution(text=text[start:end], date=day, precision=precision, start=start, end=end))
    yield from _spelled_out(sorted(found, key=lambda r: r.start or 0), text)


def _spelled_out(found: list[DateResolution], text: str) -> list[DateResolution]:
    """"Tuesday (Jan. 7)", "Jan. 3 (Friday)": a weekday and the calendar date in brackets beside it are one
    expression with the calendar date (the weekday alone would be read as the most recent one, a week late in a
    story published a week on)."""
    out: list[DateResolution] = []
    for resolution in found:
        previous = out[-1] if out else None
        if (
            previous is not None and resolution.precision == "day" and previous.precision == "day"
            and _names_weekday(previous) != _names_weekday(resolution)
            and text[previous.end : resolution.start].strip() == "("
            and text[resolution.end : resolution.end + 1] == ")"
        ):
            end = resolution.end + 1
            calendar = previous if _names_weekday(resolution) else resolution
            out[-1] = DateResolution(text=text[previous.start : end], date=calendar.date, precision="day",
                                     start=previous.start, end=end)
        else:
            out.append(resolution)
    return out


def _names_weekday(resolution: DateResolution) -> bool:
    """Whether the expression is a weekday ("Friday", "late Friday night"), not a calendar date."""
    words = resolution.text.split()
    return any(w.lower().rstrip("'’s") in WEEKDAYS for w in words) and not any(w[:1].isdigit() for w in words)


def resolve(text: str, *, published: dt.date, focus_country: str | None = None) -> DateResolution | None:
    """Resolve the first date expression in ``text`` (offsets are into ``text``).

    >>> resolve("New Year's Day", published=dt.date(2022, 1, 6)).date
    datetime.date(2022, 1, 1)
    """
    return next(scan(text, published=published, focus_country=focus_country), None)


def _plausible(name: str, match: re.Match[str]) -> bool:
    month = match.groupdict().get("month")
    if month is None:
        return True
    # Month names are capitalized; "may"/"march" in lower case are a verb or a noun.
    if not month[0].isupper():
        return False
    # "May" alone is too often the modal verb, "March" the noun or verb.
    return not (name == "month" and month in {"May", "March"} and match.group("prep").lower() in {"this", "of", "by"})


Resolved = tuple[dt.date, DatePrecision] | None


def _month_number(word: str) -> int:
    return MONTHS[word[:3].lower()]


def _past_year(month: int, day: int, published: dt.date) -> int:
    """The year that puts month/day at or before ``published`` (most recent past occurrence)."""
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _absolute(match: re.Match[str], published: dt.date | None, month: int) -> Resolved:
    groups = match.groupdict()
    day = int(groups["day"])
    if groups.get("year"):
        year = int(groups["year"])
        year = year + 2000 if year < 100 else year
    elif published is None:
        return None
    else:
        year = _past_year(month, day, published)
    found = _safe_date(year, month, day)
    return (found, "day") if found else None


def _named_month_day(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    return _absolute(match, published, _month_number(match.group("month")))


def _numeric(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    return _absolute(match, published, int(match.group("m"))) if 1 <= int(match.group("m")) <= 12 else None


def _month_year(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    return dt.date(int(match.group("year")), _month_number(match.group("month")), 1), "month"


def _month(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    if published is None:
        return None
    month = _month_number(match.group("month"))
    year = published.year if month <= published.month else published.year - 1
    if match.group("prep").lower() == "last" and month == published.month:
        year -= 1
    return dt.date(year, month, 1), "month"


def _year(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    return dt.date(int(match.group("year")), 1, 1), "year"


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _start_of(day: dt.date, unit: str) -> tuple[dt.date, DatePrecision]:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday()), "week"
    if unit == "month":
        return day.replace(day=1), "month"
    if unit == "year":
        return dt.date(day.year, 1, 1), "year"
    return day, "day"


def _ago(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    if published is None:
        return None
    word = match.group("n").lower()
    n = int(word) if word.isdigit() else SMALL_NUMBERS[word]
    unit = match.group("unit").lower()
    if unit in ("day", "week"):
        return _start_of(published - dt.timedelta(days=n * (7 if unit == "week" else 1)), unit)
    if unit == "month":
        return _start_of(_shift_months(published, -n), unit)
    return dt.date(published.year - n, 1, 1), "year"


def _rel_unit(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    if published is None:
        return None
    rel, unit = match.group("rel").lower(), match.group("unit").lower()
    step = {"last": -1, "past": -1, "next": 1}.get(rel, 0)
    if unit == "week":
        return _start_of(published + dt.timedelta(weeks=step), unit)
    if unit == "month":
        return _start_of(_shift_months(published, step), unit)
    return dt.date(published.year + step, 1, 1), "year"


def _weekend(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    if published is None:
        return None
    return published - dt.timedelta(days=(published.weekday() - 5) % 7), "week"


def _rel_day(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    if published is None:
        return None
    word = match.group("word").lower()
    offset = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return published + dt.timedelta(days=offset), "day"


def _weekday(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    if published is None:
        return None
    target = WEEKDAYS.index(match.group("weekday").lower())
    mod = (match.group("mod") or "").lower()
    if mod == "next":
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7), "day"
    back = (published.weekday() - target) % 7
    if mod == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back), "day"


def _holiday(match: re.Match[str], published: dt.date | None, focus: str | None) -> Resolved:
    if published is None:
        return None
    name = match.group("holiday").replace("’", "'")
    holiday = next(h for h in holidays() if h.name == name)
    if holiday.country != "*" and focus not in (None, holiday.country):
        return None
    found = holiday.on_or_before(published)
    return (found, "day") if found else None


def _ordinal_day(match: re.Match[str], published: dt.date | None, _focus: str | None) -> Resolved:
    if published is None:
        return None
    day = int(match.group("day"))
    month_start = published.replace(day=1)
    for start in (month_start, _shift_months(month_start, -1)):
        found = _safe_date(start.year, start.month, day)
        if found and found <= published:
            return found, "day"
    return None


_RESOLVERS: dict[str, Callable[[re.Match[str], dt.date | None, str | None], Resolved]] = {
    "holiday": _holiday,
    "iso": _numeric,
    "slash": _numeric,
    "weekday_month_day": _named_month_day,
    "month_day": _named_month_day,
    "day_month": _named_month_day,
    "month_year": _month_year,
    "month": _month,
    "ago": _ago,
    "rel_unit": _rel_unit,
    "weekend": _weekend,
    "rel_day": _rel_day,
    "weekday": _weekday,
    "year": _year,
    "ordinal_day": _ordinal_day,
}
