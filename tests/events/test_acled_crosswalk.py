"""The ACLED crosswalk on our own development sentences (tests/events/fixtures/acled_subevents.tsv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsevents.events import salience
from newsevents.events.crosswalk import acled, demonstration, refine_mode
from newsevents.records import Acled, Actor, Event

FIXTURE = Path(__file__).parent / "fixtures" / "acled_subevents.tsv"


def _rows() -> list[dict[str, str]]:
    lines = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _case(row: dict[str, str]):
    marks = [pytest.mark.xfail(reason=row["gap"], strict=True)] if row["gap"] else []
    return pytest.param(row["sentence"], row["sub_event_type"], marks=marks, id=row["sentence"][:60])


def acled_sub_event(code, text: str) -> str:
    """The ACLED sub-event of a sentence's main ACLED-coded event, "none" without one (as bench/events.py scores)."""
    doc, coded = code(text)
    ranked = sorted(coded, key=lambda c: salience(c, doc))
    found = next((c.event.acled for c in ranked if c.event.acled), None)
    return found.sub_event_type if found else "none"


@pytest.mark.parametrize(("sentence", "expected"), [_case(row) for row in _rows()])
def test_sentence_gets_acled_sub_event(code, sentence, expected):
    assert acled_sub_event(code, sentence) == expected


@pytest.mark.parametrize("text", [
    "An earthquake struck the coastal province, killing 25 people.",
    "Four people were killed by a landslide after heavy rain.",
    "A boiler explosion at a textile factory killed six workers.",
    # an unexplained blast at an industrial site, told in a when-clause or a participle
    "Four workers died when a boiler exploded at a sugar mill.",
    "A blast ripped through a fertiliser plant, killing six people.",
    # a shot fired by accident, told by the verb's own adverb
    "A man accidentally shot himself in the leg while cleaning his rifle.",
    "A boy was accidentally shot by his friend at a party.",
])
def test_disasters_and_accidents_are_no_assault(events, text):
    assert not [e for e in events(text) if e.type == "ASSAULT"]


def test_armed_cause_keeps_the_assault(events):
    assert [e for e in events("Rocket fire from militant positions killed two soldiers.") if e.type == "ASSAULT"]


def test_claim_of_responsibility_is_no_new_attack(events):
    found = events("An armed group claimed responsibility for the ambush that killed five police officers.")
    assert not [e for e in found if e.type == "ASSAULT"]


def test_violent_demonstration_takes_precedence_over_force():
    protest = Event(id="p", type="PROTEST", mode="demo", cameo="141", acled=None, source=None, target=None, trigger="")
    found = demonstration([protest], {"police", "fire", "stone", "protester"})
    assert found == Acled("Riots", "Violent demonstration")


@pytest.mark.parametrize(("words", "expected"), [
    ({"police", "kill", "protester"}, "Excessive force against protesters"),
    ({"police", "fire", "tear", "gas"}, "Protest with intervention"),
    ({"police", "fire", "shot"}, "Excessive force against protesters"),
    ({"march", "peaceful"}, "Peaceful protest"),
])
def test_demonstration_force_split(words, expected):
    protest = Event(id="p", type="PROTEST", mode="demo", cameo="141", acled=None, source=None, target=None, trigger="")
    assert demonstration([protest], words).sub_event_type == expected


def test_no_demonstration_without_protest_event():
    attack = Event(id="a", type="ASSAULT", mode=None, cameo="190", acled=None, source=None, target=None, trigger="")
    assert demonstration([attack], {"kill", "soldier"}) is None


def test_not_coded_rows_stop_the_crosswalk():
    police = Actor(text="police", name="police", country="KEN", sector="COP")
    assert acled("COERCE", "seize", "171", source=police, target=None, words={"cocaine", "port"}) is None
    assert acled("AGREE", None, "036", source=police, target=None, words=set()) is None
    assert acled("COERCE", "seize", "171", source=police, target=None, words={"town", "unopposed"}) == Acled(
        "Strategic developments", "Non-violent transfer of territory")


def test_incident_mark_outside_the_clause_gives_the_mode():
    from newsevents.events.lexicon import Lexicon

    lexicon = Lexicon.default()
    assert refine_mode("ASSAULT", None, "190", {"attack"}, lexicon=lexicon, sentence={"sarin"})[0] == "unconventional"
    # the act's own weapon comes first: "shelled ... a chemical plant" is shelling
    assert refine_mode("ASSAULT", None, "190", {"shell"}, lexicon=lexicon, sentence={"chemical"})[0] == "heavy-weapons"


def test_modifier_of_a_non_event_noun_keeps_the_verb(events):
    assert [e.mode for e in events("Police arrested three protest leaders in the capital.")] == ["arrest"]


def test_motive_of_a_retaliation_is_no_event(events):
    found = events("Militants shelled an army base in retaliation for the arrest of their commander.")
    assert [e.type for e in found] == ["ASSAULT"]


def test_self_claim_needs_a_known_act(events):
    assert not [e for e in events("The group said it carried out the bombing in the market.") if e.type == "ASSAULT"]
    assert [e for e in events("The group said it carried out two bombings in the market.") if e.type == "ASSAULT"]


def test_officials_are_civilians_as_targets_but_state_as_sources():
    gunmen = Actor(text="gunmen", name="gunmen", country="NGA", sector="UAF", acled_type="Political militia")
    mayor = Actor(text="the mayor", name="mayor", country="NGA", sector="GOV")
    soldiers = Actor(text="soldiers", name="soldiers", country="NGA", sector="MIL")
    assert acled("ASSAULT", None, "190", source=gunmen, target=mayor, words=set()).sub_event_type == "Attack"
    assert acled("ASSAULT", None, "190", source=gunmen, target=soldiers, words=set()).sub_event_type == "Armed clash"
    assert acled("ASSAULT", None, "190", source=mayor, target=gunmen, words=set()).sub_event_type == "Armed clash"


@pytest.mark.parametrize(("words", "expected"), [
    ({"sign", "peace", "deal"}, "Agreement"),
    ({"agree", "release", "prisoners"}, "Agreement"),
    ({"agree", "boost", "trade"}, None),
])
def test_only_agreements_between_conflict_parties_are_acled_agreements(words, expected):
    found = acled("AGREE", None, "030", source=None, target=None, words=words)
    assert (found.sub_event_type if found else None) == expected


def test_untargeted_violence_is_typed_by_who_it_hits():
    militants = Actor(text="militants", name="militants", country="MLI", sector="INS", acled_type="Rebel group")
    assert acled("ASSAULT", None, "190", source=militants, target=None,
                 words={"storm", "convoy", "patrol"}).sub_event_type == "Armed clash"
    assert acled("ASSAULT", None, "190", source=militants, target=None,
                 words={"storm", "hotel", "guests"}).sub_event_type == "Attack"


def test_state_seizures_outside_conflict_are_not_coded():
    customs = Actor(text="customs officers", name="customs", country="KEN", sector="GOV")
    assert acled("COERCE", "seize", "171", source=customs, target=None, words={"shipment", "timber"}) is None


def test_rioting_mob_without_a_demonstration_is_mob_violence():
    riot = Event(id="r", type="PROTEST", mode="riot", cameo="145", acled=None, source=None, target=None, trigger="")
    assert demonstration([riot], {"mob", "riot", "torch"}).sub_event_type == "Mob violence"
    assert demonstration([riot], {"protester", "riot", "torch"}).sub_event_type == "Violent demonstration"


def test_protesters_violence_without_a_named_target_is_a_violent_demonstration():
    protesters = Actor(text="protesters", name="protesters", country="KEN", sector="OPP", acled_type="Protesters")
    rampage = Event(id="a", type="ASSAULT", mode=None, cameo="180", acled=None, source=protesters, target=None,
                    trigger="rampaged")
    died = Event(id="d", type="ASSAULT", mode=None, cameo="190", acled=None, source=protesters, target=None,
                 trigger="died")
    assert demonstration([rampage], {"protester", "rampage"}).sub_event_type == "Violent demonstration"
    assert demonstration([died], {"protester", "die"}).sub_event_type == "Excessive force against protesters"


def test_incident_at_an_ordinary_place_stays_an_assault(events):
    assert [e for e in events("A blast ripped through a bus station, killing six people.") if e.type == "ASSAULT"]


@pytest.mark.parametrize("text", [
    "The interior ministry blamed the ambush on a breakaway faction.",
    "A little-known group is thought to be behind the kidnapping of the engineers.",
])
def test_attributed_acts_are_no_new_events(events, text):
    assert not [e for e in events(text) if e.type == "ASSAULT"]


def test_reactions_and_talks_name_their_topic_not_an_event(events):
    assert not [e for e in events("The envoy voiced concern about the fighting in the south.") if e.type == "ASSAULT"]


def test_a_killing_in_a_raid_is_the_killing(events):
    found = events("Bandits killed seven traders in a raid on the market.")
    assert [e.type for e in found if e.acled] == ["ASSAULT"]


def test_the_words_of_an_act_are_not_its_doers_cause(events):
    # "fired" in the relative clause is the act, not a fire that caused it; a fire that killed is still an accident
    found = events("A man who fired a shotgun at police officers late Wednesday was arrested on Thursday.")
    assert [(e.type, e.mode) for e in found if e.type == "ASSAULT"] == [("ASSAULT", "firearms")]
    assert not [e for e in events("A fire that killed five traders swept through the market.") if e.type == "ASSAULT"]


@pytest.mark.parametrize(("text", "mode"), [
    ("Soldiers opened fire on protesters in Khartoum.", "firearms"),
    ("A gunman fired a shotgun at a patrol car in Dayton.", "firearms"),
    ("Rioters set the police station on fire.", "primitive"),
])
def test_shots_are_firearms_and_arson_primitive(events, text, mode):
    assert [e.mode for e in events(text) if e.type == "ASSAULT"] == [mode]
