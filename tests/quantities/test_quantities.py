"""Counts of killed/injured/arrested people and which event they belong to."""

from __future__ import annotations

import pytest

from newsevents.quantities import casualties_for, find_counts, parse_quantity, unclaimed_victims


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
        ("Officers say five men were shot, one fatally, at Freedom Park late Friday night.",
         [("injured", 4), ("killed", 1)]),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police found a woman suffering from a gunshot wound.", [("injured", 1)]),
        ("Deputies entered the home and found the woman lying on the floor, suffering from a gunshot wound.",
         [("injured", 1)]),
        ("Deputies found the gun on the floor, suffering from a lack of evidence.", []),
        # Found dead, the person named is killed, and so is the wound found on them.
        ("Officers searched the property and found 55-year-old Dale Ames dead in the backyard with a gunshot wound.",
         [("killed", 1), ("killed", 1)]),
        ("Police found the store empty.", []),
        # Animals are no casualties.
        ("Game wardens are looking for whoever shot three deer in a field.", []),
        ("The gunman shot three people and two dogs.", [("injured", 3)]),
        ("A man and a woman were found dead.", [("killed", 2)]),
        ("Deputies found Ann Cole, 26, and her husband, Tom Cole, 28, dead.", [("killed", 2)]),
        # The state parsed as an adverbial clause of the finding verb.
        ("The Kowalskis were out of town when deputies responded to their neighbor's home Sunday morning and "
         "found Vicky Ortega, 45, dead inside the home in the 8100 block of 102nd Avenue.", [("killed", 1)]),
        # Role nouns name a person too.
        ("A retired dentist died Monday of an apparent accidental gunshot, police said.", [("killed", 1)]),
        ("Officers shot and killed a wanted parolee on Thursday afternoon.", [("killed", 1)]),
        ("The driver sustained gunshot wounds to the arm.", [("injured", 1)]),
        ("A cashier with a gunshot wound walked into the clinic.", [("injured", 1)]),
        ("A teenager was in critical condition on Sunday.", [("injured", 1)]),
        ("Medics rushed the cashier to a nearby hospital.", [("injured", 1)]),
        ("Police are investigating a shooting that put two teens in the hospital.", [("injured", 2)]),
        ("The beating landed him in the hospital for a week.", [("injured", 1)]),
        ("A 16-year-old was wounded.", [("injured", 1)]),
        ("Two 15-year-old girls were shot near the park.", [("injured", 2)]),
        ("Both had been shot in the legs.", [("injured", 2)]),
        ("He died of gunshot wounds.", [("killed", 1)]),
        ("He succumbed to his injuries.", [("killed", 1)]),
        ("The clerk passed away on Sunday.", [("killed", 1)]),
        ("The gunfire killed one guard and wounded another.", [("killed", 1), ("injured", 1)]),
        ("A father was killed and his son and nephew were injured.", [("killed", 1), ("injured", 2)]),
        ("A bullet struck the clerk in the shoulder.", [("injured", 1)]),
        ("A jogger was hit by a stray bullet.", [("injured", 1)]),
        ("Stray bullets hit two parked cars.", []),
        ("She tried to shoot her neighbor.", []),
        ("He threatened to kill the clerk.", []),
        ("The two officers were not hurt.", [("injured", 0)]),
        ("Detectives are investigating a fatal shooting.", [("killed", 1)]),
        ("The robbers pistol-whipped a clerk.", [("injured", 1)]),
        ("Three teenagers shot at the car.", []),  # aimed at, not hit
        ("Two men were seen shooting at a house.", []),  # the shooters, not victims
        # negated, aimed at, possessed and predicate harm
        ("Neither guard was hurt.", [("injured", 0)]),
        ("The clerk was shot at but escaped.", []),
        ("He threatened to rob and shoot the cashier.", []),
        ("He told the man he was going to kill him.", []),
        ("Quick work by officers prevented the suspect from killing himself.", []),
        ("It is possible that a second man was shot and ran off, the sergeant said.", []),
        ("Police said it was clear that two men were shot.", [("injured", 2)]),
        ("He went on to kill three people.", [("killed", 3)]),
        ("Police are investigating a non-fatal shooting in the park.", []),
        ("Police are investigating a fatal shooting in the park.", [("killed", 1)]),
        ("Officials are investigating a deadly officer-involved shooting in west Phoenix.", [("killed", 1)]),
        ("The victim's injuries were not life-threatening.", [("injured", 1)]),
        ("A shooting at the motel left one person injured.", [("injured", 1)]),
        ("Three people had arrived at the clinic after suffering gunshot wounds.", [("injured", 3)]),
        ("A man died on Sunday after suffering gunshot wounds.", [("killed", 1)]),
        ("The second customer appeared to suffer a wound to his arm.", [("injured", 1)]),  # the subject of "appeared"
        ("A man was fatally shot at a bus stop.", [("killed", 1)]),
        ("He was living in deplorable conditions.", []),
        ("Man in critical condition after a shooting downtown.", [("injured", 1)]),  # headline without article
        ("Deputies are looking for a suspect in the shooting of a cashier.", [("injured", 1)]),
        ("Police investigate the fatal shooting of two brothers.", [("killed", 2)]),
        ("Both men sustained gunshot wounds.", [("injured", 2)]),
        # A death told by its noun or by the body found; "homicide detectives" and "body camera" count nobody.
        ("Police are investigating a homicide on Elm Street.", [("killed", 1)]),
        ("Homicide detectives are investigating.", []),
        ("Detectives think the break-in is tied to an attempted homicide on Elm Street.", []),
        ("A body was found in a field on Sunday.", [("killed", 1)]),
        ("Officers found the bodies of two men in a car.", [("killed", 2)]),
        ("The deputy wore a body camera.", []),
        # A participle's victims: the noun it modifies, also when the parser made it the main verb.
        ("Police identified two men found mortally wounded in a car.", [("killed", 2)]),
        ("Four people shot at a housing complex were expected to recover, police said.", [("injured", 4)]),
        ("Gunmen shot at the crowd and were arrested.", []),
        ("Officers found him shot in the chest.", [("injured", 1)]),
        ("A shooting at a nightclub left three people injured.", [("injured", 3)]),
        # Several victims: the part that died told beside the group, a multiple incident, another group joined.
        ("Five people were shot, two of them fatally, at a party early Sunday.", [("injured", 3), ("killed", 2)]),
        # The part parsed as hanging elsewhere still follows the verb's clause after a dash.
        ("It followed a weekend of violence in which seven people were shot — two fatally.",
         [("injured", 5), ("killed", 2)]),
        ("Police are investigating a triple shooting on the East Side.", [("injured", 3)]),
        # the number of incidents is not of victims: two shootings may have hurt anyone; two fatal ones killed two
        ("Two shootings that took place on Hammer Lane injured a 13-year-old boy.", [("injured", 1)]),
        ("Police investigated the shooting of two men outside a bar.", [("injured", 2)]),
        ("A double shooting left one man dead.", [("injured", 1), ("killed", 1)]),
        ("Police say three people were wounded and one killed.", [("injured", 3), ("killed", 1)]),
        ("Shots were fired into a home, striking two children.", [("injured", 2)]),
        ("The victims, a 19-year-old man and a 22-year-old woman, were taken to a hospital.", [("injured", 2)]),
        ("Shots were fired into a home, striking a wall.", []),
        ("Gunshots rang out and two people were hit.", [("injured", 2)]),
        # A bare number told after a group shot is one of them; after a group wounded, or "a third", another.
        ("Three people were shot in the incident; one later died at the hospital.", [("injured", 2), ("killed", 1)]),
        ("The gunman shot five people, killing one.", [("injured", 4), ("killed", 1)]),
        ("A shooting Saturday night wounded two men and killed a third.", [("injured", 2), ("killed", 1)]),
        ("Police found a man and a woman shot in a car.", [("injured", 2)]),
        ("Investigators discovered the suspect shot at officers.", []),
        # A conjunct with a predicate of its own is not among the participle's victims.
        ("Officers found a 28-year-old man wounded and two people running from the scene.", [("injured", 1)]),
        # "With a wound" attached to the hospital the person came to.
        ("A man walked into an area hospital with a gunshot wound to his leg.", [("injured", 1)]),
        ("Officers found a passenger in a van with a gunshot wound to the head.", [("injured", 1)]),
        ("The hospital with the best trauma unit is nearby.", []),
        # A name followed by an age is a person, also where NER misses it (a nickname in quotes).
        ('Darnell "Boo" Wexley, 25, suffered a gunshot wound in the abdomen.', [("injured", 1)]),
        # A dateline inside a flattened page, misparsed as a second subject, is not the victims.
        ("UPDATE: No arrests yet, police said Monday. OAK HILL — Four men were hospitalized early Sunday after a "
         "drive-by shooting near Main Street, a spokesman said.", [("injured", 4)]),
        # A wound hedged by a free relative is still the bearer's.
        ("Officers located a 42-year-old man with what appeared to be gunshot wounds to his body.", [("injured", 1)]),
        ("He was found suffering from what police described as a gunshot wound.", [("injured", 1)]),
        ("The car had what appeared to be bullet holes in its door.", []),
        # "Grazed" in the passive is a bullet wound without the bullet named; a grazing animal is not.
        ("A second man was grazed and survived, police said.", [("injured", 1)]),
        ("Cattle grazed in the field behind the house.", []),
        # A joined verb with an object of its own hit that object, not the first verb's ("pushed her").
        ("When she refused, he allegedly pushed her and stabbed the leather seat of her motorcycle with a knife.", []),
    ],
)
def test_injury_and_death_phrasings(nlp, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Referred back to and then reported dead: killed, not also injured.
        ("A jogger was shot on Elm Street. He died at the hospital.", [("killed", 1), ("killed", 1)]),
        ("Sam Ortiz was shot outside a bar. Ortiz died on Friday.", [("killed", 1), ("killed", 1)]),
        # The victim a call was about is the one told of already, unless the call has a time of its own (a round-up).
        ("A man who was shot in the stomach following an attempted robbery Monday night passed away Tuesday "
         "morning. Officers were dispatched to the 8200 block of Heatherton Court in reference to a person shot.",
         [("killed", 1), ("killed", 1), ("killed", 1)]),
        # The same last name with another given name is another person; a title is not a given name.
        ("Emma Braddy had been shot in the hand. Earl Braddy was pronounced dead at the scene.",
         [("injured", 1), ("killed", 1)]),
        ("Earl Braddy was shot in the chest on Friday. Mr. Braddy died on Sunday.", [("killed", 1), ("killed", 1)]),
        # A pronoun follows the last victim of its sex; one whose sex no mention told takes either.
        ("A woman was shot in the arm on Elm Street. Her son was killed. She was taken to a hospital.",
         [("injured", 1), ("killed", 1), ("injured", 1)]),
        ("A man was shot in the arm on Elm Street. His wife was killed. He was taken to a hospital.",
         [("injured", 1), ("killed", 1), ("injured", 1)]),
        ("A jogger was shot on Elm Street. She died at the hospital.", [("killed", 1), ("killed", 1)]),
        # A new, indefinite victim stays injured.
        ("A courier was killed on Monday. A cashier was shot in the arm.", [("killed", 1), ("injured", 1)]),
        ("A man was killed on Monday. His brother was shot in the arm.", [("killed", 1), ("injured", 1)]),
        # The injured of a group shot are those who did not die.
        ("Three men were shot outside a bar. One of them died at a hospital.", [("injured", 2), ("killed", 1)]),
        ("Five people were shot and one of them was killed.", [("injured", 4), ("killed", 1)]),
        # A sentence giving both figures, or a group set apart, already excludes the dead.
        ("The gunman killed one man and wounded three others.", [("killed", 1), ("injured", 3)]),
        ("A woman was killed. Two more people were wounded nearby.", [("killed", 1), ("injured", 2)]),
        # A verb joined to the first shares its subject; one phrase counted by two words is one person.
        ("Officers found that Dan Ruiz had been shot. He was taken to a hospital and pronounced dead.",
         [("killed", 1), ("killed", 1), ("killed", 1)]),
        ("A man found with gunshot wounds behind a store has died, police said.", [("killed", 1), ("killed", 1)]),
        ("A Queens man found with gunshot wounds outside a housing complex has died, police said.",
         [("killed", 1), ("killed", 1)]),
        # An opening dateline is not taken for the lede's subject.
        ("DAYTON, Ohio - A man who was shot in the stomach on Monday night passed away Tuesday morning.",
         [("killed", 1), ("killed", 1)]),
        # A group referring back is the people just mentioned; "himself" is the shooter, not the wife again.
        ("Police said Carl Webb shot his wife and then shot himself. The two were pronounced dead at the scene.",
         [("killed", 1), ("killed", 1), ("killed", 2)]),
        ("A man was wounded on Monday. Later, two people were killed in a separate shooting.",
         [("injured", 1), ("killed", 2)]),
        # The dead counted inside the group's own clause, or as the group itself, are among the group.
        ("Four people were shot, including one who died.", [("injured", 3), ("killed", 1)]),
        ("Both men were taken to a hospital, where one of them was pronounced dead.", [("injured", 1), ("killed", 1)]),
        ("Both victims were shot in the head, and both were pronounced dead.", [("injured", 0), ("killed", 2)]),
        # A second clause with its auxiliary left out has its own victims.
        ("One man was killed and another taken to a hospital after a shooting.", [("killed", 1), ("injured", 1)]),
        ("One man is dead and another hospitalized after a shooting.", [("killed", 1), ("injured", 1)]),
        ("One man killed, another transported to the Helena Regional Medical Center and later air lifted to a "
         "trauma facility after a gun battle on Walnut Street Saturday night.", [("killed", 1), ("injured", 1)]),
        ("One man was killed and another wounded Monday night in a shooting downtown, authorities said.",
         [("killed", 1), ("injured", 1)]),
        ("Deputies responded to a call on Lee Street in Cleveland, just outside Bickleton, to find one man dead and "
         "another seriously wounded.", [("killed", 1), ("injured", 1)]),
        # "The shootings of four people" are one incident's victims, one of whom died.
        ("Police are looking into the shootings of four people at a party. One of those people died.",
         [("injured", 3), ("killed", 1)]),
        # "Left N dead and M injured", however the parser joins the numbers.
        ("A shooting left one dead and four injured.", [("killed", 1), ("injured", 4)]),
        ("The attack left 13 dead and at least 20 wounded.", [("killed", 13), ("injured", 20)]),
        # A second count shares the first one's verb: "were killed and 58 injured".
        ("Nine people were killed and 31 injured in the bombing, the worst attack on the city.",
         [("killed", 9), ("injured", 31)]),
        # A name given later to the one unnamed victim is that victim; not a name told apart, nor one after "his wife".
        ("A man was shot and killed outside a bar on Friday. Omar Lindqvist, 31, was shot in the chest.",
         [("killed", 1), ("killed", 1), ("killed", 1)]),
        ("A man was shot and killed outside a bar on Friday. Omar Lindqvist, 31, was also wounded.",
         [("killed", 1), ("killed", 1), ("injured", 1)]),
        ("Deputies say a man fatally shot his wife. Omar Lindqvist, 31, was shot in the arm.",
         [("killed", 1), ("injured", 1)]),
        ("A man and a woman were shot on Friday. The woman died. Omar Lindqvist, 31, was shot in the arm.",
         [("injured", 1), ("killed", 1), ("injured", 1)]),
        # The same relation told twice within reach is one person.
        ("Ed Moss was charged in the shooting death of his mother. Deputies found Moss's mother, 62, lying in "
         "the hallway with a single gunshot wound.", [("killed", 1), ("killed", 1)]),
        # A pronoun whose nearest person before it in its sentence is a name is that named person, not the last
        # victim counted; the shooter of its own clause ("a neighbor who shot him", "the deputies fired back,
        # killing him") is not who it refers to.
        ("A woman was killed and another person wounded on Friday. The wounded man has not been named. "
         "Deputies said Marcus Johnson argued with a neighbor who shot him. He died on Saturday.",
         [("killed", 1), ("injured", 1), ("injured", 1), ("killed", 1), ("killed", 1)]),
        ("A man was wounded on Friday. Deputies said Marcus Johnson fired at two deputies, and the deputies "
         "fired back, killing him.", [("injured", 1), ("killed", 1)]),
        # A speaker is not who a pronoun in what he says refers to: "he" is the victim followed.
        ("A man was shot in the leg on Friday. Sheriff Dale Whitacre said he was taken to a hospital.",
         [("injured", 1), ("injured", 1)]),
        # A reflexive victim is its clause's subject, who may be a person already followed.
        ("A boy, 13, died of a gunshot wound on Tuesday. Police said the teen had shot himself at a friend's house.",
         [("killed", 1), ("killed", 1)]),
    ],
)
def test_fates_settled_across_sentences(nlp, text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "aggregate"),
    [
        ("Nine people were wounded in separate shootings across the city.", True),
        ("Nine people have been wounded since Friday afternoon, police said.", True),
        ("Nine people were wounded in a shooting at a party.", False),
        ("Nine people were shot between last Wednesday and Friday.", True),
        ("Nine people were shot between 9 and 10 p.m. on Friday.", False),
        # Compared with other incidents, not added up over them.
        ("A gunman wounded nine people at a mall in one of the deadliest shootings in the state's history.", False),
        ("Nine people were wounded at a rally, the worst of several shootings in the city this year.", False),
        ("The attack left nine wounded, the deadliest since 2019.", False),
        ("Nine people were wounded in shootings since 2019 in the neighborhood.", True),
        ("Nine people were shot at different locations on Thursday night.", True),
        ("Nine people were shot at the scene of a party.", False),
    ],
)
def test_totals_over_several_incidents_are_marked(nlp, text: str, aggregate: bool) -> None:
    counts = [c for c in find_counts(nlp(text)) if c.kind == "injured"]
    assert [(c.count.value, c.aggregate) for c in counts] == [(9, aggregate)]


def test_victims_told_on_their_own_go_to_the_harm_before_them_or_beside_them(nlp) -> None:
    text = ("Gunmen opened fire on a bus on Route 9. Two passengers were taken to a hospital. A guard was stabbed at a "
            "market later. He was in critical condition. Three others were hospitalized after a bombing there. Nine "
            "were wounded in attacks since Friday.")
    doc = nlp(text)
    opened, stabbed, bombing = (next(t.i for t in doc if t.text == w) for w in ("opened", "stabbed", "bombing"))
    counts = find_counts(doc)
    unclaimed = [m for m in counts if m.head_i != stabbed]  # the stabbing holds its own victim
    found = unclaimed_victims(doc, unclaimed, [opened, stabbed, bombing])
    told = {doc[i].text: [(m.kind, m.count.text) for m in found.get(i, [])] for i in (opened, stabbed, bombing)}
    assert told == {"opened": [("injured", "Two")], "stabbed": [("injured", "He")],
                    "bombing": [("injured", "Three")]}  # the total since Friday stays apart
    assert unclaimed_victims(doc, unclaimed, []) == {}


def test_fatal_shooting_is_an_inexact_lower_bound(nlp) -> None:
    (count,) = find_counts(nlp("Detectives are investigating a fatal shooting."))
    assert (count.kind, count.count.value, count.count.exact) == ("killed", 1, False)


def test_adjective_after_its_noun_counts_the_people_before_it(nlp) -> None:
    # "dead" is parsed as modifying "one man", with "another" (who was wounded) a conjunct of "man".
    text = "Deputies responded to a call on Lee Street to find one man dead and another seriously wounded."
    assert [count for kind, count in _counts(nlp, text) if kind == "killed"] == [1]
