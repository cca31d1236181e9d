"""Find the date expressions of a parsed article and give each event its date.

An event's own date is a date expression attached (through prep/npadvmod/tmod/... links) to the event's trigger or
to a verb that governs it in the same clause chain, else to a verb coordinated with it that has no subject of its
own and names no later step ("was shot and killed late Wednesday": the shooting's date too). The chain climbs from
the trigger to its heads and stops at a coordinated clause with its own subject ("stepped down in 2019, but he
remains" — 2019 is not the date of "remains"), at a reported clause ("police said Monday that ..."), at an
"after/before/since/until" clause ("was in critical condition Tuesday after he was shot") and at a verb of a later
step: a statement or court step (``data/dates/statement_verbs.txt``: "police on Tuesday identified a man shot
..."), an arrest (``data/dates/custody_verbs.txt``: "was arrested Monday in the shooting") or an aftermath
(``data/dates/aftermath_verbs.txt``: "was buried Saturday"). An own date coarser than a day ("a shooting last
year", "over the weekend") is narrowed to the first day inside it that the article gives and that is not a later
step's day ("the Jan. 10 shooting"). An event with no own date inherits, with ``inherited=True``: the nearest date
in its sentence anchored on one of its governors (past those stops), on a verb inside its own phrase ("shot a man
attempting to rob the store Saturday night") or on no verb; else the nearest day its sentence gives another clause;
else the nearest preceding (then following) date in its paragraph (paragraphs are separated by blank lines in
``doc.text``): the first of these that is no statement's or later step's day (``is_statement_date``: "police said
Tuesday"), else the first of all; else the publication date.
No event inherits a week, month or year that ended over a month before publication ("four months ago": background),
nor an act told in a past tense a day after publication ("was arrested ... is to appear in court tomorrow").

>>> import datetime as dt
>>> from newsevents import nlp
>>> doc = next(nlp.parse(["Protesters stormed the mayor's office on Wednesday."]))
>>> dates = find_dates(doc, published=dt.date(2022, 1, 6))
>>> date_event(doc, 1, dates, published=dt.date(2022, 1, 6)).resolution.date
datetime.date(2022, 1, 5)
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..nlp import dateline_end, paragraph_bounds, text_of
from ..records import DateResolution
from .grammar import scan

_VERBAL = {"VERB", "AUX"}
_NOUN_SLOTS = {"nsubj", "nsubjpass", "dobj", "pobj"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
_FRAME_MARKERS = {"after", "before", "since", "until", "once"}
# A week, month or year over this long before publication is background ("four months ago"), never inherited.
STALE_AFTER = dt.timedelta(days=31)
_NOT_A_MONTH_TAGS = {"MD", "VB", "VBD", "VBP", "VBZ", "VBG", "VBN"}


@dataclass(frozen=True, slots=True)
class EventDate:
    """The date given to one event; ``inherited`` when it is not the event's own expression."""

    resolution: DateResolution | None
    inherited: bool


def find_dates(doc: Doc, *, published: dt.date | None, focus_country: str | None = None) -> list[DateResolution]:
    """Every date expression of ``doc`` that resolves against ``published`` (char offsets into ``doc.text``).

    Without a publication date only expressions that carry their own year resolve. ``focus_country`` (ISO
    alpha-3) decides national holidays such as "Independence Day" (US July 4 when USA or unknown).
    """
    found = []
    for resolution in scan(text_of(doc), published=published, focus_country=focus_country):
        first = doc.char_span(resolution.start, resolution.end, alignment_mode="expand")
        if first is None:
            continue
        # A capitalized "May" or "March" that spaCy reads as a verb is not a month.
        if any(t.text in {"May", "March"} and t.tag_ in _NOT_A_MONTH_TAGS for t in first):
            continue
        found.append(resolution)
    return found


def date_event(
    doc: Doc, trigger_i: int, dates: list[DateResolution], *, published: dt.date | None
) -> EventDate:
    """The date of the event whose trigger is token ``trigger_i`` (see the module docstring for the rule)."""
    trigger = doc[trigger_i]
    paragraph = paragraph_bounds(doc, trigger.idx)
    # Sentences never cross a paragraph break, whatever the parser says.
    lo, hi = max(trigger.sent.start_char, paragraph[0]), min(trigger.sent.end_char, paragraph[1])
    own, near, elsewhere = _sentence_dates(doc, trigger, dates, (lo, hi))
    if own is not None:
        return EventDate(_day_within(doc, own, dates, published) or own, inherited=False)
    # what happened is inherited before a statement's day ("... police said Tuesday"), which is kept as a last guess
    candidates = [*near, *elsewhere, *_from_paragraph(dates, paragraph, (lo, hi))]
    # never a period long over by publication ("four months ago", "in 2009": background), nor for an act told as
    # past a day after it ("he is to appear in court tomorrow")
    if published is not None:
        past = _told_as_past(trigger)
        candidates = [d for d in candidates if not (_stale(d, published) or (past and d.date > published))]
    inherited = next((d for d in candidates if not is_statement_date(doc, d)), candidates[0] if candidates else None)
    if inherited is not None:
        return EventDate(inherited, inherited=True)
    if published is None:
        return EventDate(None, inherited=False)
    return EventDate(DateResolution(text="", date=published, precision="day"), inherited=True)


def _told_as_past(trigger: Token) -> bool:
    """Is the clause of ``trigger`` (of its verb, for a noun) in a past tense ("was arrested", "has fled")?"""
    verb = next((t for t in _heads_until(trigger, _ends_clause) if t.pos_ in _VERBAL), None)
    if verb is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in auxiliaries):
        return False
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxiliaries)


def _sentence_dates(
    doc: Doc, trigger: Token, dates: list[DateResolution], sentence: tuple[int, int]
) -> tuple[DateResolution | None, list[DateResolution], list[DateResolution]]:
    """The trigger's own date (or None), the dates of its sentence it may inherit, nearest first, and the days its
    sentence gives other clauses ("Two men who forced their way into an apartment Wednesday fled after fighting
    with a man": the fight's best guess after its governors' dates)."""
    clause = [t.i for t in _heads_until(trigger, _ends_clause)]
    governors = {t.i for t in _heads_until(trigger, _coordinated_clause)}
    shared = set() if _coordinated_clause(trigger) else {
        c.i for c in trigger.conjuncts
        if c.pos_ in _VERBAL and not _coordinated_clause(c) and c.lemma_.lower() not in _later_step_verbs()}
    own: list[tuple[int, int, DateResolution]] = []
    in_sentence: list[tuple[int, DateResolution]] = []
    elsewhere: list[tuple[int, DateResolution]] = []
    for resolution in dates:
        if resolution.end <= sentence[0] or resolution.start >= sentence[1]:
            continue  # cheaply, before making a span: a long document has many dates
        span = doc.char_span(resolution.start, resolution.end, alignment_mode="expand")
        if span is None or not sentence[0] <= span.start_char < sentence[1]:
            continue
        anchor = _anchor(span.root, trigger)
        while anchor.dep_ == "xcomp" and anchor.i != trigger.i:
            anchor = anchor.head
        distance = abs(span.root.i - trigger.i)
        if anchor.i in clause:
            own.append((clause.index(anchor.i), distance, resolution))
        elif anchor.i in shared:
            own.append((len(clause), distance, resolution))
        elif (anchor.dep_ in ("relcl", "acl") and anchor.head.i == trigger.i
              and (trigger.pos_ not in _VERBAL or anchor.dep_ == "relcl")):  # a gerund a relative clause hangs on
            own.append((0, distance, resolution))  # "a shooting that put two teens in the hospital Monday night"
        elif anchor.i in governors or anchor.pos_ not in _VERBAL or _inside_phrase(anchor, trigger):
            in_sentence.append((distance, resolution))
        elif resolution.precision == "day":
            elsewhere.append((distance, resolution))
    best_own = min(own, key=lambda x: (x[0], x[1]))[2] if own else None
    return (best_own, [resolution for _, resolution in sorted(in_sentence, key=lambda x: x[0])],
            [resolution for _, resolution in sorted(elsewhere, key=lambda x: x[0])])


def _day_within(
    doc: Doc, coarse: DateResolution, dates: list[DateResolution], published: dt.date | None
) -> DateResolution | None:
    """The first day of the article inside the week, month or year ``coarse`` names that is not a statement's
    day: "a shooting last year" told later as "the Jan. 10 shooting" happened on Jan. 10."""
    if coarse.precision == "day":
        return None
    for resolution in dates:
        inside = resolution.precision == "day" and _period_holds(coarse, resolution.date)
        if inside and (published is None or resolution.date <= published) and not is_statement_date(doc, resolution):
            return resolution
    return None


def _stale(resolution: DateResolution, published: dt.date) -> bool:
    """Is ``resolution`` a week, month or year that ended more than ``STALE_AFTER`` before ``published``?"""
    end = _period_end(resolution)
    return end is not None and end < published - STALE_AFTER


def _period_holds(coarse: DateResolution, day: dt.date) -> bool:
    # Monday-based weeks; where weeks start on Sunday "last week" holds that Sunday too
    start = coarse.date - dt.timedelta(days=1) if coarse.precision == "week" else coarse.date
    return start <= day < _period_end(coarse)


def _period_end(coarse: DateResolution) -> dt.date | None:
    """The day after the week, month or year ``coarse`` names (it starts on a Monday, the 1st, January 1: see
    ``grammar``); None for a day."""
    start = coarse.date
    if coarse.precision == "week":
        return start + dt.timedelta(days=7)
    if coarse.precision == "month":
        return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if coarse.precision == "year":
        return dt.date(start.year + 1, 1, 1)
    return None


def is_statement_date(doc: Doc, resolution: DateResolution) -> bool:
    """Whether a date is the day of a statement, a court step or an aftermath rather than of what happened:
    - it hangs on a verb of ``data/dates/statement_verbs.txt`` ("police said Tuesday", "was arraigned Monday"),
      unless that verb reports a clause and the day comes with a clock time, opens the sentence ("On March 13,
      deputies said they responded ...") or closes the reported clause before the reporter ("A man was shot on
      Thursday, police said")
      or of ``data/dates/aftermath_verbs.txt`` ("was buried Saturday"), or on a verb whose complement is one
      ("police on Thursday continued to search");
    - it hangs on a verb of ``data/dates/custody_verbs.txt`` whose sentence names the incident it follows ("was
      arrested Monday in the shooting"; a bare "was arrested Monday with a gun" is the incident itself);
    - it belongs to a gathering or proceeding of ``data/dates/aftermath_nouns.txt`` ("a vigil Sunday night",
      "a vigil was held Sunday", "at a hearing Monday");
    - it stamps the story's publication or update ("UPDATE: March 5", "(Published Monday, Jan. 20)").
    A date that names an incident of ``data/dates/incident_words.txt`` ("charged Friday in the March 20 killing",
    "Tuesday's shooting") is the incident's, whatever verb its phrase hangs on."""
    if resolution.start is None or resolution.end is None:
        return False
    span = doc.char_span(resolution.start, resolution.end, alignment_mode="expand")
    if span is None:
        return False
    if _is_stamp(span):
        return True
    path = [span.root]
    while path[-1].head.i != path[-1].i and path[-1].pos_ not in _VERBAL:
        path.append(path[-1].head)
    relative = _relative_clause_before(path[-2]) if len(path) > 1 else None
    if relative is not None:
        path[-1] = relative
    anchor = path[-1]
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in _word_list("incident_words.txt") for t in path[1:]):
        return False  # "charged Friday in the March 20 killing": the date of the incident the noun names
    lemma = anchor.lemma_.lower()
    # "police on Thursday continued to search for ...": the verb the anchor's complement names
    step = next((c for c in anchor.children if c.dep_ == "xcomp" and c.pos_ in _VERBAL), None)
    if step is not None and step.lemma_.lower() in _later_step_verbs():
        lemma = step.lemma_.lower()
    if lemma in _word_list("statement_verbs.txt") and not (_reports_a_clause(anchor) and (
            _beside_clock_time(span) or _fronted(span, anchor) or _ends_the_report(span, anchor))):
        return True
    if lemma in _word_list("aftermath_verbs.txt") or _in_condition(anchor):
        return True
    if lemma in _word_list("custody_verbs.txt") and _names_an_incident(anchor):
        return True
    arguments = [c for c in anchor.children if c.dep_ in _SUBJECTS | {"dobj"}] if anchor.pos_ in _VERBAL else []
    return any(t.lemma_.lower() in _word_list("aftermath_nouns.txt") for t in path + arguments)


def _is_stamp(span: Span) -> bool:
    """"UPDATE: March 5", "(Published Monday, Jan. 20)", "Posted 3/26/18", "March 26 update:": the day a story
    was posted or updated (words of ``data/dates/stamp_words.txt`` next to the date); also a date standing alone
    as a sentence ("(March 25, 2018)" under a headline) or inside the opening dateline ("CHICAGO (Jan. 16) —")."""
    doc, stamps = span.doc, _word_list("stamp_words.txt")
    if all(span.start <= t.i < span.end for t in span.sent if not t.is_punct):
        return True
    if span.end_char <= dateline_end(doc):
        return True
    before = [t for t in doc[max(span.start - 4, 0) : span.start] if not t.is_punct][-2:]
    after = [t for t in doc[span.end : span.end + 3] if not t.is_punct][:1]
    return any(t.lower_ in stamps for t in before + after)


_CLOCK = re.compile(r"\d{1,2}:\d\d(?:[ap]\.?m\.?)?|\d{1,2}[ap]\.?m\.?|noon|midnight")
_MERIDIEM = {"a.m.", "p.m.", "a.m", "p.m", "am", "pm"}


def _is_clock_time(token: Token) -> bool:
    """"6:12", "10pm", "noon", or the "10" of "10 p.m."."""
    if _CLOCK.fullmatch(token.lower_):
        return True
    return token.is_digit and token.i + 1 < len(token.doc) and token.nbor(1).lower_ in _MERIDIEM


def _beside_clock_time(span: Span) -> bool:
    """"On Monday, at approximately 6:12 p.m., police said they responded ...": a day given with a clock time
    (within five words, in its sentence) is when something happened."""
    sentence = span.sent
    before = span.doc[max(span.start - 5, sentence.start) : span.start]
    after = span.doc[span.end : min(span.end + 5, sentence.end)]
    return any(_is_clock_time(token) for token in (*before, *after))


def _fronted(span: Span, verb: Token) -> bool:
    """"Early Sunday morning, a resident said he shot ...", "On March 13, deputies said they responded ...": a day
    that opens the sentence, set off by a comma before the reporting verb's subject, dates what is reported."""
    sentence = span.sent
    opening = span.doc[sentence.start : span.start]
    if any(not (t.is_punct or t.pos_ == "ADP") for t in opening):
        return False
    if span.end >= sentence.end or span.doc[span.end].text != ",":
        return False
    return any(c.dep_ in _SUBJECTS and c.i > span.end for c in verb.children)


def _ends_the_report(span: Span, verb: Token) -> bool:
    """"A man was fatally shot in Adelphi on Thursday, police said": a day after the reported clause and before the
    reporting verb's subject dates what is reported, wherever the parser hangs it ("police said Thursday" does not)."""
    reported = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    return bool(reported and subjects) and reported[0].left_edge.i < span.start and span.end <= subjects[0].left_edge.i


def _reports_a_clause(verb: Token) -> bool:
    return any(child.dep_ == "ccomp" for child in verb.children)


def _in_condition(verb: Token) -> bool:
    """"was in critical condition Monday", "remained in stable condition": a victim's state after the fact."""
    return any(child.dep_ == "prep" and any(g.lemma_.lower() in _word_list("condition_nouns.txt")
                                            for g in child.children if g.dep_ == "pobj")
               for child in verb.children)


def _names_an_incident(verb: Token) -> bool:
    """"arrested ... in the shooting", "arrested Monday and charged him with firing shots": the arrest's
    sentence names a violent incident (``data/dates/incident_words.txt``)."""
    incidents = _word_list("incident_words.txt")
    return any(t.lemma_.lower() in incidents for t in verb.sent if t.i != verb.i)


def _later_step_verbs() -> frozenset[str]:
    """Verbs whose date is a later step than the incident they govern ("arrested Monday in the shooting")."""
    return _word_list("statement_verbs.txt") | _word_list("custody_verbs.txt") | _word_list("aftermath_verbs.txt")


@functools.cache
def _word_list(name: str) -> frozenset[str]:
    """The words of ``data/dates/NAME`` (one per line, ``#`` comments), read once."""
    text = resources.files("newsevents").joinpath(f"data/dates/{name}").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _anchor(token: Token, trigger: Token) -> Token:
    """The verb (or the trigger) a date expression hangs on; the sentence root when there is none."""
    while token.head.i != token.i and token.i != trigger.i:
        if token.head.pos_ in _VERBAL and (relative := _relative_clause_before(token)) is not None:
            return relative
        token = token.head
        if token.pos_ in _VERBAL and not (token.tag_ == "VBG" and token.dep_ in _NOUN_SLOTS):
            break  # not at a gerund standing as a noun ("were hurt during a drive-by shooting on Sunday night")
    return token


def _relative_clause_before(modifier: Token) -> Token | None:
    """"A man who was shot in Denver on Wednesday night has been identified": the parser hangs the date phrase
    on "identified", but a phrase standing right after the subject's relative clause and before its verb
    belongs to that clause ("shot"). None when ``modifier`` is not such a phrase."""
    verb = modifier.head
    if verb.pos_ not in _VERBAL or not modifier.i < verb.i:
        return None
    for subject in (c for c in verb.children if c.dep_ in _SUBJECTS):
        for relative in (c for c in subject.children if c.dep_ == "relcl"):
            if relative.right_edge.i + 1 == modifier.i:
                return relative
    return None


def _heads_until(trigger: Token, stop: Callable[[Token], bool]) -> list[Token]:
    """The trigger and its heads, nearest first, up to the first token for which ``stop`` holds."""
    chain = [trigger]
    token = trigger
    while token.head.i != token.i and not stop(token):
        token = token.head
        chain.append(token)
    return chain


def _inside_phrase(verb: Token, trigger: Token) -> bool:
    """Is ``verb`` in a clause inside the trigger's own phrase ("shot a man attempting to rob the store Saturday
    night"), not below a clause of its own that the trigger governs ("resigned, and the party he founded in 2019
    protested")?"""
    if not trigger.is_ancestor(verb):
        return False
    return not any(_ends_clause(t) for t in _heads_until(verb, lambda t: t.head.i == trigger.i))


def _coordinated_clause(token: Token) -> bool:
    return token.dep_ == "conj" and any(c.dep_ in _SUBJECTS for c in token.children)


def _ends_clause(token: Token) -> bool:
    if _coordinated_clause(token) or token.dep_ in {"ccomp", "parataxis"}:
        return True
    # "identified Wednesday a man shot ...", "was arraigned Monday in the shooting": the statement's or court
    # step's date is not the event's.
    if token.head.i != token.i and token.head.lemma_.lower() in _later_step_verbs():
        return True
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _FRAME_MARKERS for c in token.children)


def _from_paragraph(
    dates: list[DateResolution], paragraph: tuple[int, int], sentence: tuple[int, int]
) -> list[DateResolution]:
    """The dates of the paragraph outside the sentence: the ones before it, nearest first, then the ones after it."""
    outside = [d for d in dates if d.start is not None and paragraph[0] <= d.start < paragraph[1]
               and not sentence[0] <= d.start < sentence[1]]
    before = sorted((d for d in outside if d.start < sentence[0]), key=lambda d: -d.start)
    return before + sorted((d for d in outside if d.start >= sentence[1]), key=lambda d: d.start)
