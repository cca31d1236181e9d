"""Date resolution against the publication date, and event dates (own, inherited)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsevents.dates import date_event, find_dates, is_statement_date, resolve

THURSDAY = dt.date(2022, 1, 6)


@pytest.mark.parametrize(
    ("text", "published", "expected", "precision"),
    [
        ("on Thursday", THURSDAY, dt.date(2022, 1, 6), "day"),
        ("Wednesday", THURSDAY, dt.date(2022, 1, 5), "day"),
        ("early Friday", THURSDAY, dt.date(2021, 12, 31), "day"),
        ("Sunday night", THURSDAY, dt.date(2022, 1, 2), "day"),
        ("last Thursday", THURSDAY, dt.date(2021, 12, 30), "day"),
        ("New Year's Day", THURSDAY, dt.date(2022, 1, 1), "day"),
        ("Christmas Eve", THURSDAY, dt.date(2021, 12, 24), "day"),
        ("Thanksgiving", dt.date(2023, 12, 1), dt.date(2023, 11, 23), "day"),
        ("yesterday", THURSDAY, dt.date(2022, 1, 5), "day"),
        ("last night", THURSDAY, dt.date(2022, 1, 5), "day"),
        ("two days ago", THURSDAY, dt.date(2022, 1, 4), "day"),
        ("last week", THURSDAY, dt.date(2021, 12, 27), "week"),
        ("last month", THURSDAY, dt.date(2021, 12, 1), "month"),
        ("Jan. 5", THURSDAY, dt.date(2022, 1, 5), "day"),
        ("January 3", THURSDAY, dt.date(2022, 1, 3), "day"),
        ("on the 4th", THURSDAY, dt.date(2022, 1, 4), "day"),
        ("5 January 2020", THURSDAY, dt.date(2020, 1, 5), "day"),
        ("in December", THURSDAY, dt.date(2021, 12, 1), "month"),
        ("in December", dt.date(2021, 12, 20), dt.date(2021, 12, 1), "month"),
        ("Dec. 30", THURSDAY, dt.date(2021, 12, 30), "day"),
        ("in 2019", THURSDAY, dt.date(2019, 1, 1), "year"),
        ("from Jan. 2 to 5", THURSDAY, dt.date(2022, 1, 2), "day"),
        # A weekday with the calendar date in brackets is that date, not the latest such weekday.
        ("Thursday (Dec. 30)", THURSDAY, dt.date(2021, 12, 30), "day"),
        ("late Monday night (Dec. 27)", THURSDAY, dt.date(2021, 12, 27), "day"),
        ("Dec. 30 (Thursday)", THURSDAY, dt.date(2021, 12, 30), "day"),
    ],
)
def test_resolve(text: str, published: dt.date, expected: dt.date, precision: str) -> None:
    resolution = resolve(text, published=published)
    assert resolution is not None
    assert (resolution.date, resolution.precision) == (expected, precision)


@pytest.mark.parametrize("text", ["at 3 a.m.", "on the 5th floor", "you may go", "a march on the capital"])
def test_not_dates(text: str) -> None:
    assert resolve(text, published=THURSDAY) is None


def test_bracketed_words_after_a_weekday_are_not_a_date() -> None:
    resolution = resolve("He was shot Tuesday (in the leg).", published=THURSDAY)
    assert (resolution.text, resolution.date) == ("Tuesday", dt.date(2022, 1, 4))


def test_independence_day_is_us_only() -> None:
    assert resolve("Independence Day", published=THURSDAY).date == dt.date(2021, 7, 4)
    assert resolve("Independence Day", published=THURSDAY, focus_country="KAZ") is None


def _event_date(nlp, text: str, trigger: str, published: dt.date = THURSDAY):
    doc = nlp(text)
    index = next(t.i for t in doc if t.text == trigger)
    return date_event(doc, index, find_dates(doc, published=published), published=published)


def test_own_date_and_other_clause(nlp) -> None:
    text = "The minister resigned in 2019, but he still controls the party."
    own = _event_date(nlp, text, "resigned")
    assert (own.resolution.date, own.inherited) == (dt.date(2019, 1, 1), False)
    other = _event_date(nlp, text, "controls")
    assert other.inherited and other.resolution.date == THURSDAY


def test_inherits_from_paragraph_not_next_paragraph(nlp) -> None:
    text = ("Rebels attacked an army post on Tuesday. Soldiers returned fire.\n\n"
            "The army closed the road. Officials met on Monday.")
    returned = _event_date(nlp, text, "returned")
    assert (returned.resolution.date, returned.inherited) == (dt.date(2022, 1, 4), True)
    closed = _event_date(nlp, text, "closed")
    assert (closed.resolution.date, closed.inherited) == (dt.date(2022, 1, 3), True)


def test_publication_date_fallback(nlp) -> None:
    event = _event_date(nlp, "Protesters blocked the highway.", "blocked")
    assert (event.resolution.date, event.inherited) == (THURSDAY, True)


def test_find_dates_offsets(nlp) -> None:
    doc = nlp("Clashes broke out early Thursday and continued on New Year's Day.")
    dates = find_dates(doc, published=THURSDAY)
    assert [doc.text[d.start : d.end] for d in dates] == ["early Thursday", "New Year's Day"]


def test_without_publication_date_only_absolute(nlp) -> None:
    doc = nlp("Troops left on Friday, and the talks resumed on March 3, 2021.")
    assert [d.date for d in find_dates(doc, published=None)] == [dt.date(2021, 3, 3)]


def test_statement_dates(nlp) -> None:
    doc = nlp("A man was shot on Sunday, police said Monday.")
    dates = find_dates(doc, published=THURSDAY)
    assert [(d.text, is_statement_date(doc, d)) for d in dates] == [("Sunday", False), ("Monday", True)]


def test_event_date_not_taken_from_a_statement_verb(nlp) -> None:
    event = _event_date(nlp, "Police on Tuesday identified a courier fatally shot during a robbery.", "shot")
    assert event.inherited
    own = _event_date(nlp, "Police identified a courier who was fatally shot on Tuesday.", "shot")
    assert (own.resolution.date, own.inherited) == (dt.date(2022, 1, 4), False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An arrest in a sentence that names the incident is a later step; a bare arrest is the incident itself.
        ("Deputies arrested a woman Wednesday in the stabbing of her neighbor.", [("Wednesday", True)]),
        ("Deputies arrested a woman Wednesday with a stolen rifle in her truck.", [("Wednesday", False)]),
        ("The teenager was scheduled to appear in court Friday.", [("Friday", True)]),
        ("UPDATE: Feb. 3, 2022. A clerk was shot on Sunday.", [("Feb. 3, 2022", True), ("Sunday", False)]),
        ("Relatives held a vigil Tuesday night for the clerk.", [("Tuesday night", True)]),
        ("Denver police gave an update on the investigation on Monday.", [("Monday", True)]),
        ("The clerk, who was shot Sunday, was buried Wednesday.", [("Sunday", False), ("Wednesday", True)]),
        # The hunt for a suspect follows the incident; a date standing alone under a headline stamps the story.
        ("Police were searching Wednesday for a man who robbed a pharmacy Monday.",
         [("Wednesday", True), ("Monday", False)]),
        ("Detectives asked the public for help on Tuesday.", [("Tuesday", True)]),
        ("The U.S. Attorney stated Tuesday that a felon was sentenced for carrying a pistol.", [("Tuesday", True)]),
        ("A federal grand jury returned an indictment Tuesday against two brothers.", [("Tuesday", True)]),
        ("Police on Tuesday continued to search for two men who robbed a pharmacy.", [("Tuesday", True)]),
        ("The gunman continued to fire on Tuesday until police arrived.", [("Tuesday", False)]),
        # A date phrase right after the subject's relative clause belongs to that clause, wherever the parser hangs it.
        ("A man who was fatally shot in Denver on Wednesday night has been identified.",
         [("Wednesday night", False)]),
        ("(Feb. 2, 2022) A clerk was shot on Sunday.", [("Feb. 2, 2022", True), ("Sunday", False)]),
        ("A clerk was shot on Feb. 2, 2022.", [("Feb. 2, 2022", False)]),
        # A day given with a clock time is when something happened, even where it hangs on "said" ...
        ("On Monday, at about 6:10 p.m., deputies said they found a clerk who had been shot.", [("Monday", False)]),
        ("About 10 p.m. Sunday, police said, a gunman opened fire on a porch.", [("Sunday", False)]),
        # ... or opening the sentence, set off by a comma before whoever reports it.
        ("Early Sunday morning, a resident said he shot a man he believed was breaking into his truck.",
         [("Early Sunday morning", False)]),
        # ... or closing the reported clause before whoever reports it.
        ("A man was fatally shot in Adelphi, Md., on Thursday, police said.", [("Thursday", False)]),
        ("On Jan. 13, deputies said that they responded to an emergency room where four people had arrived.",
         [("Jan. 13", False)]),
        # ... but not on a court step, and a bare "police said Monday" stays the statement's day.
        ("He will be sentenced at 2 p.m. on March 1.", [("March 1", True)]),
        ("Police said Monday that a clerk had been shot.", [("Monday", True)]),
        # A date that names the incident itself is the incident's, whatever verb the phrase hangs on.
        ("Three men were charged Friday in the Jan. 3 killing of a cab driver.", [("Friday", True), ("Jan. 3", False)]),
        ("A man was arraigned this morning in Tuesday's shooting of a clerk.",
         [("this morning", True), ("Tuesday's", False)]),
        # A victim's condition is reported after the fact.
        ("The clerk was in critical condition Tuesday after he was shot Sunday.",
         [("Tuesday", True), ("Sunday", False)]),
        # The date in an opening dateline is the day the story was filed.
        ("DENVER (Feb. 2, 2022) \u2014 A clerk was shot on Sunday.", [("Feb. 2, 2022", True), ("Sunday", False)]),
    ],
)
def test_later_step_dates(nlp, text: str, expected: list[tuple[str, bool]]) -> None:
    doc = nlp(text)
    assert [(d.text, is_statement_date(doc, d)) for d in find_dates(doc, published=THURSDAY)] == expected


def test_date_after_a_relative_clause_is_that_clause_s_own(nlp) -> None:
    event = _event_date(nlp, "A man who was fatally shot in Denver on Wednesday night has been identified.", "shot")
    assert (event.resolution.date, event.inherited) == (dt.date(2022, 1, 5), False)


def test_a_nominal_events_relative_clause_dates_it(nlp) -> None:
    event = _event_date(nlp, "Police are investigating a shooting that put two teens in the hospital Wednesday night.",
                        "shooting")
    assert (event.resolution.date, event.inherited) == (dt.date(2022, 1, 5), False)


def test_a_verb_joined_to_the_trigger_without_a_subject_shares_its_date(nlp) -> None:
    shot = _event_date(nlp, "A teenager was shot and killed late Wednesday on Elm Street.", "shot")
    assert (shot.resolution.date, shot.inherited) == (dt.date(2022, 1, 5), False)
    # not a clause with its own subject, nor a later step the parser joined to it
    text = "A man was shot on Monday, and police arrested two suspects on Wednesday."
    assert _event_date(nlp, text, "shot").resolution.date == dt.date(2022, 1, 3)
    assert _event_date(nlp, text, "arrested").resolution.date == dt.date(2022, 1, 5)
    identified = _event_date(nlp, "NORWALK — A man fatally shot while waiting for a bus in Norwalk was identified "
                                  "today.", "shot")
    assert identified.inherited


def test_a_gerund_with_a_relative_clause_is_dated_by_it(nlp) -> None:
    text = "A drive-by shooting that wounded four teenagers in Brentwood on Monday appears to have been gang-related."
    event = _event_date(nlp, text, "shooting")
    assert (event.resolution.date, event.inherited) == (dt.date(2022, 1, 3), False)


def test_a_gerund_standing_as_a_noun_passes_its_date_to_the_verb_it_hangs_on(nlp) -> None:
    event = _event_date(nlp, "Two men were hurt during a drive-by shooting on Sunday night.", "hurt")
    assert (event.resolution.date, event.inherited) == (dt.date(2022, 1, 2), False)


def test_a_date_inside_the_events_own_phrase_is_inherited(nlp) -> None:
    event = _event_date(nlp, "A store clerk shot a man attempting to rob the store Saturday night.", "shot")
    assert (event.resolution.date, event.inherited) == (dt.date(2022, 1, 1), True)
    # another verb's clause is not the event's, nor is the year it names a guess for it (only a day would be)
    other = _event_date(nlp, "The minister resigned, and the party that he founded in 2019 protested.", "resigned")
    assert other.resolution.date == THURSDAY


def test_what_happened_is_inherited_before_a_statements_day(nlp) -> None:
    text = "Two men were wounded outside a bar, police said Wednesday. The gunfire began on Monday night."
    wounded = _event_date(nlp, text, "wounded")
    assert (wounded.resolution.date, wounded.inherited) == (dt.date(2022, 1, 3), True)
    # with nothing else to go by, the statement's day is still a better guess than the publication day
    alone = _event_date(nlp, "Two men were wounded outside a bar, police said Wednesday.", "wounded")
    assert alone.resolution.date == dt.date(2022, 1, 5)


def test_a_day_another_clause_of_the_sentence_gives_comes_before_the_paragraphs(nlp) -> None:
    text = ("Two men who forced their way into an apartment Wednesday fled after fighting with a man. "
            "The apartment had been empty since Monday.")
    fighting = _event_date(nlp, text, "fighting")
    assert (fighting.resolution.date, fighting.inherited) == (dt.date(2022, 1, 5), True)


def test_a_period_long_over_is_background_never_inherited(nlp) -> None:
    text = "Four months ago the suspect was released from prison.\nA man was shot and wounded outside a bar."
    shot = _event_date(nlp, text, "shot")
    assert (shot.resolution.date, shot.inherited) == (THURSDAY, True)
    # a recent one still is: last month ended less than a month before publication
    recent = _event_date(nlp, "Protests began last month.\nRioters burned cars and looted shops.", "burned")
    assert (recent.resolution.date, recent.resolution.precision) == (dt.date(2021, 12, 1), "month")


def test_an_act_told_as_past_inherits_no_day_after_publication(nlp) -> None:
    text = "The man was arrested by deputies at his home.\nHe is expected to appear in court tomorrow."
    arrested = _event_date(nlp, text, "arrested")
    assert (arrested.resolution.date, arrested.inherited) == (THURSDAY, True)
    # what is still to come may inherit it
    planned = _event_date(nlp, "Opposition groups plan a march tomorrow. They will gather at the square.", "gather")
    assert planned.resolution.date == dt.date(2022, 1, 7)


def test_event_date_not_taken_from_an_arrest(nlp) -> None:
    event = _event_date(nlp, "A man was arrested Monday in the killing of a cab driver.", "killing")
    assert event.inherited


def test_coarse_own_date_refined_by_a_day_inside_it(nlp) -> None:
    text = ("A man charged in a shooting last year asked for a new lawyer on Tuesday. "
            "The shooting happened on Oct. 3, 2021, outside a bar.")
    event = _event_date(nlp, text, "shooting")
    assert (event.resolution.date, event.inherited) == (dt.date(2021, 10, 3), False)


def test_last_week_holds_the_sunday_that_opens_it_where_weeks_start_on_sunday(nlp) -> None:
    text = ("Questions remain about last week's shooting of a courier. "
            "The courier was shot at about 7:30 a.m. Jan. 2 outside a bar.")
    event = _event_date(nlp, text, "shooting", published=dt.date(2022, 1, 13))
    assert (event.resolution.date, event.inherited) == (dt.date(2022, 1, 2), False)


def test_coarse_own_date_kept_without_a_day_inside_it(nlp) -> None:
    text = "A man charged in a shooting last year asked for a new lawyer on Tuesday."
    event = _event_date(nlp, text, "shooting")
    assert (event.resolution.date, event.resolution.precision) == (dt.date(2021, 1, 1), "year")
