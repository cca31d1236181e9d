"""Counts of killed/injured/arrested people and which event they belong to."""

from __future__ import annotations

import pytest

from newsevents.quantities import casualties_for, find_counts, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "exact"),
    [("dozens", 24, False), ("thirteen", 13, True), ("1,200", 1200, True), ("a dozen", 12, True),
     ("more than a dozen", 13, False), ("at least 20", 20, False), ("scores", 40, False),
     ("hundreds", 200, False), ("several", 3, False), ("tens of thousands", 20000, False),
     ("two dozen", 24, True), ("twenty-five", 25, True)],
)
def test_parse_quantity(text: str, value: int, exact: bool) -> None:
    count = parse_quantity(text)
    assert (count.value, count.exact, count.text) == (value, exact, text)


@pytest.mark.parametrize("text", ["banana", "", "the"])
def test_parse_quantity_none(text: str) -> None:
    assert parse_quantity(text) is None


def _counts(nlp, text: str) -> list[tuple[str, int]]:
    return [(c.kind, c.count.value) for c in find_counts(nlp(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops killed dozens of looters in the port city.", [("killed", 24)]),
        ("Eleven miners were killed and 40 injured in the blast.", [("killed", 11), ("injured", 40)]),
        ("The floods led to the deaths of scores of villagers.", [("killed", 40)]),
        ("The explosion left 4 dead and 9 wounded.", [("killed", 4), ("injured", 9)]),
        ("Police said a shooting that injured two happened overnight.", [("injured", 2)]),
        ("Two people were shot dead outside a bar.", [("killed", 2), ("killed", 2)]),
        ("One man was killed and another wounded.", [("killed", 1), ("injured", 1)]),
        ("A 31-year-old man was shot Sunday.", [("injured", 1)]),
        ("The gunman fled before killing himself.", [("killed", 1)]),
        ("No one was hurt in the fire.", [("injured", 0)]),
        ("Police arrested 28 people after the match.", [("arrested", 28)]),
        ("A man and a woman were shot, one fatally.", [("injured", 1), ("killed", 1)]),
        ("Thousands of demonstrators gathered downtown.", [("crowd", 2000)]),
    ],
)
def test_find_counts(nlp, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Karimov, 78, resigned in 2016.",  # age, year
        "The country of 30 million faces hardship.",  # population
        "The suspect stole $5,000 at 3 a.m. in the 1200 block of Oak Street.",  # money, time, address
        "Prices rose 12 percent, and he bought a 9mm pistol.",  # percentage, caliber
        "Lee, 23, was arrested and charged.",
    ],
)
def test_no_counts_from_other_numbers(nlp, text: str) -> None:
    assert all(c.count.value in (0, 1) for c in find_counts(nlp(text)))


def test_age_is_not_a_count(nlp) -> None:
    counts = find_counts(nlp("Maria Lopez, 23, was stabbed and killed."))
    assert {c.count.value for c in counts} == {1}


def test_partial_count_not_added_and_separate_victims(nlp) -> None:
    doc = nlp("Officials said soldiers killed dozens of fighters, and radio said 9 guards were killed — "
              "including two who were beheaded — and 120 injured.")
    counts = find_counts(doc)
    first = next(t.i for t in doc if t.text == "killed")
    second = next(t.i for t in doc if t.text == "killed" and t.i != first)
    soldiers = casualties_for(doc, first, counts)
    assert (soldiers.killed.value, soldiers.killed.exact, soldiers.injured) == (24, False, None)
    guards = casualties_for(doc, second, counts)
    assert (guards.killed.value, guards.injured.value) == (9, 120)


def test_noun_trigger_takes_its_verb(nlp) -> None:
    doc = nlp("A bombing at the market killed 7 people.")
    counts = find_counts(doc)
    bombing = next(t.i for t in doc if t.text == "bombing")
    assert casualties_for(doc, bombing, counts).killed.value == 7
