"""End to end: the example article through every stage (the acceptance checks of the extract issues)."""

from __future__ import annotations

import datetime as dt

import pytest

import newsevents
from newsevents.errors import ExtractionError
from newsevents.pipeline import extract_articles

CREDIT_WORDS = ("Getty", "AFP", "Sipa", "TASS", "Press Service", "AP Photo")


@pytest.fixture(scope="module")
def example(example_path):
    return newsevents.extract(example_path, published="2022-01-06")


def events_of(extraction, event_type, *, sentence_has=""):
    return [
        e
        for e in extraction.events
        if e.type == event_type and any(sentence_has in m.sentence for m in e.mentions)
    ]


def test_deployment_into_the_country_on_publication_day(example):
    deployments = [e for e in events_of(example, "MOBILIZE") if e.source and e.source.country == "RUS"]
    assert deployments, "no Russian deployment coded"
    deployment = deployments[0]
    assert deployment.date == dt.date(2022, 1, 6)
    assert deployment.location is not None and deployment.location.country == "KAZ"


def test_arson_by_protesters_is_located_in_the_city(example):
    arsons = [e for e in events_of(example, "ASSAULT", sentence_has="on fire") if e.source]
    assert arsons
    arson = arsons[0]
    assert arson.source.sector in {"OPP", "CVL", "REB"} and arson.source.country == "KAZ"
    assert arson.location.name == "Almaty"
    assert arson.location.lat == pytest.approx(43.25, abs=0.2)
    assert arson.location.lon == pytest.approx(76.9, abs=0.2)


def test_police_killing_rioters_has_a_vague_lower_bound(example):
    killings = [e for e in events_of(example, "ASSAULT", sentence_has="rioters") if e.source]
    police = [e for e in killings if e.source.sector == "COP"]
    assert police and police[0].fatalities == 24
    assert police[0].context.reported


def test_security_officers_killed_and_injured_on_one_event(example):
    assert any(e.fatalities == 13 and e.injuries == 353 for e in example.events)


def test_no_casualty_figure_from_ages_or_population(example):
    figures = {e.fatalities for e in example.events} | {e.injuries for e in example.events}
    assert 81 not in figures and 19_000_000 not in figures and 19 not in figures


def test_president_blames_and_asks_an_alliance_for_help(example):
    accusations = [e for e in events_of(example, "ACCUSE") if e.source and e.source.name.endswith("Tokayev")]
    assert accusations and accusations[0].source.country == "KAZ" and accusations[0].source.sector == "GOV"
    requests = [e for e in events_of(example, "REQUEST") if e.target and e.target.sector == "IGO"]
    assert requests


def test_state_of_emergency_and_alliance_troops(example):
    assert events_of(example, "COERCE", sentence_has="state of emergency")
    assert events_of(example, "MOBILIZE", sentence_has="peacekeeping troops")


def test_protests_began_on_new_years_day(example):
    protests = events_of(example, "PROTEST", sentence_has="New Year")
    assert any(e.date == dt.date(2022, 1, 1) for e in protests)


def test_nothing_coded_from_photo_credits(example):
    for event in example.events:
        for actor in (event.source, event.target, event.attributed_to):
            if actor is not None:
                assert not any(word in actor.text for word in CREDIT_WORDS), actor
        for mention in event.mentions:
            assert not any(word in mention.sentence for word in CREDIT_WORDS)


def test_quote_speaker_resolved(example):
    speakers = {q.speaker.name for q in example.quotes if q.speaker}
    assert any(name.endswith("Tokayev") for name in speakers)


def test_mentions_point_into_the_body(example):
    body = example.article.body
    for event in example.events:
        for mention in event.mentions:
            assert body[mention.start : mention.end] == mention.sentence


def test_a_retold_event_keeps_the_figures_of_every_telling():
    """The same attack told twice is one event; its count comes from the second telling."""
    text = "Gunmen attacked a bank in Dayton on Sunday. The gunmen shot two guards, police said."
    extraction = newsevents.extract(text, published="2024-03-04")
    (attack,) = [e for e in extraction.events if e.type == "ASSAULT"]
    assert len(attack.mentions) == 2 and attack.injuries == 2


def test_an_investigated_shooting_keeps_its_dead():
    text = "Police are investigating a shooting that left one man dead on Sunday in Dayton, Ohio."
    extraction = newsevents.extract(text, published="2024-03-04")
    (shooting,) = [e for e in extraction.events if e.type == "ASSAULT"]
    assert shooting.fatalities == 1 and shooting.casualty_text["fatalities"] == "one"
    assert shooting.date == dt.date(2024, 3, 3) and shooting.location.name == "Dayton"


def test_a_retold_event_takes_the_date_of_the_telling_that_gives_one():
    text = "Bank attack in Dayton\n\nGunmen attacked a bank in Dayton, police said.\n\nThe gunmen shot two guards on Sunday."
    (attack,) = newsevents.extract(text, published="2024-03-06").events
    assert len(attack.mentions) == 2 and attack.trigger == "attacked"
    assert (attack.date, attack.date_text, attack.date_inherited) == (dt.date(2024, 3, 3), "Sunday", False)


def test_victims_told_in_a_later_sentence_are_the_attacks():
    text = ("Gunmen opened fire on a bus in Dayton on Sunday. Two passengers were taken to a hospital, police said.\n\n"
            "No one else was hurt.")
    extraction = newsevents.extract(text, published="2024-03-04")
    (attack, unhurt) = [e for e in extraction.events if e.type == "ASSAULT"]
    assert attack.injuries == 2 and attack.casualty_text["injuries"] == "Two"
    assert unhurt.trigger == "hurt" and unhurt.context.negated and unhurt.injuries == 0
    # a victim told after "no one else was hurt" is still the attack's, not the harm that did not happen
    later = newsevents.extract(text.replace("Two passengers were taken to a hospital, police said.\n\n", "")
                               + " Two passengers were taken to a hospital.", published="2024-03-04")
    attack, unhurt = [e for e in later.events if e.type == "ASSAULT"]
    assert (attack.injuries, unhurt.injuries) == (2, 0)


def test_only_the_arrest_carries_the_arrested():
    text = "Hundreds of people protested in Minsk on Sunday, and police detained at least 50."
    events = newsevents.extract(text, published="2024-03-04").events
    assert [(e.type, e.arrested) for e in events if e.arrested] == [("COERCE", 50)]


def test_only_violence_and_protest_carry_the_dead_and_wounded():
    text = "Police were called to a hospital on Sunday after a man arrived there with a gunshot wound."
    events = newsevents.extract(text, published="2024-03-04").events
    assert [(e.type, e.injuries) for e in events if e.injuries] == [("ASSAULT", 1)]
    assert any(e.type == "CONSULT" for e in events)


def test_event_ids_are_stable_and_unique(example, example_path):
    again = newsevents.extract(example_path, published="2022-01-06")
    ids = [e.id for e in example.events]
    assert ids == [e.id for e in again.events]
    assert len(ids) == len(set(ids))


@pytest.fixture(scope="module")
def too_long(unparsable_text):
    return newsevents.read(unparsable_text, published="2023-05-01")


def test_two_workers_give_the_same_events_as_one(example_path, too_long):
    article = newsevents.read(example_path, published="2022-01-06")
    other = newsevents.read("Police arrested 12 protesters in Lagos on Monday.", published="2023-03-08")
    inputs = [article, too_long, other]
    errors_one: list[ExtractionError] = []
    errors_two: list[ExtractionError] = []
    one = [x.to_dict() for x in extract_articles(inputs, on_error=errors_one.append)]
    two = [x.to_dict() for x in extract_articles(inputs, workers=2, batch_size=1, on_error=errors_two.append)]
    assert one == two
    assert [x["article"]["id"] for x in one] == [article.id, other.id]
    assert one[1]["events"] and one[1]["events"][0]["type"] == "COERCE"
    assert [(e.source, e.reason) for e in errors_one] == [(e.source, e.reason) for e in errors_two]
    assert len(errors_one) == 1 and "characters, more than the 2,000,000" in errors_one[0].reason


def test_a_body_too_long_is_refused_without_redoing_its_batch(too_long, monkeypatch):
    from newsevents.pipeline import Extractor

    extractor = Extractor()
    batches: list[int] = []
    parse_batch = Extractor.extract

    def counted(self, articles, **options):
        batches.append(len(articles))
        return parse_batch(self, articles, **options)

    monkeypatch.setattr(Extractor, "extract", counted)
    first = newsevents.read("Police arrested 12 protesters in Lagos on Monday.", published="2023-03-08")
    last = newsevents.read("Rebels shelled Goma on Friday, killing four civilians.", published="2023-03-11")
    results = extractor.extract_guarded([first, too_long, last], batch_size=8)
    assert batches == [2]
    assert [type(result).__name__ for result in results] == ["Extraction", "ExtractionError", "Extraction"]
    assert results[2].article.id == last.id and results[2].events[0].fatalities == 4
    assert f"the body has {len(too_long.body):,} characters" in results[1].reason
    assert results[1].article_id == too_long.id


def test_a_failing_article_is_raised_without_an_error_handler(too_long):
    other = newsevents.read("Police arrested 12 protesters in Lagos on Monday.", published="2023-03-08")
    results = extract_articles([other, too_long])
    assert next(results).article.id == other.id
    with pytest.raises(ExtractionError, match="could not be coded"):
        next(results)


DETERMINISM_SCRIPT = """
import json, sys
from newsevents.pipeline import extract_articles
from newsevents import read
texts = json.load(sys.stdin)
articles = [read(t, published="2024-03-06") for t in texts]
print(json.dumps([x.to_dict() for x in extract_articles(articles)], sort_keys=True))
"""


def test_coding_does_not_depend_on_the_hash_seed(example_path):
    import json
    import os
    import subprocess
    import sys

    texts = [
        example_path.read_text(),
        "Police arrested 3 protesters in Lagos on Monday after they blocked a highway, officials said.",
        "Troops shelled rebel positions near Goma, and the rebels vowed to retaliate. The UN urged both sides to talk.",
        "Israel and Jordan signed a water agreement in Amman on Tuesday. Iran condemned the deal.",
    ]
    outputs = set()
    for seed in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-c", DETERMINISM_SCRIPT],
            input=json.dumps(texts), capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("Soldiers opened fire on protesters in Khartoum on Monday, killing three.", 3, None),
    ("Troops shelled the town, killing five civilians and wounding 12.", 5, 12),
])
def test_a_participle_telling_the_acts_result_is_the_same_event(text, killed, injured):
    (event,) = newsevents.extract(text, published="2024-03-04").events
    assert (event.type, event.fatalities, event.injuries) == ("ASSAULT", killed, injured)
    assert event.target is not None and event.target.sector in ("OPP", "CVL")



@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("Three men were shot and one died at the scene, police said.", 1, 2),
    ("Police said six people were struck by gunfire; two of them died at the hospital.", 2, 4),
])
def test_a_death_after_violence_is_counted_on_the_violence(text, killed, injured):
    (event,) = newsevents.extract(text, published="2024-03-04").events
    assert (event.type, event.fatalities, event.injuries) == ("ASSAULT", killed, injured)


def test_each_count_is_carried_by_one_event_of_its_clause():
    events = newsevents.extract("An 18-year-old man was fatally shot and another wounded in a gunbattle on Thursday.",
                                published="2024-03-08").events
    assert sum(e.fatalities or 0 for e in events) == 1
    assert sum(e.injuries or 0 for e in events) == 1


@pytest.mark.parametrize(("text", "tolls"), [
    ("At least 20 people were killed and more than 100 wounded when a car bomb exploded in Baghdad on Tuesday.",
     [(20, 101)]),
    ("Two soldiers were killed and a third was seriously injured in an ambush on Monday.", [(2, 1)]),
    # each clause naming its own place is its own attack
    ("Two people were killed in Kabul and three were wounded in Kandahar on Monday.", [(2, None), (None, 3)]),
])
def test_the_toll_of_one_attack_told_victim_by_victim_is_one_event(text, tolls):
    events = newsevents.extract(text, published="2024-03-08").events
    assert [(e.fatalities, e.injuries) for e in events if e.fatalities or e.injuries] == tolls


@pytest.mark.parametrize(("text", "source", "target"), [
    # towns the actor dictionaries do not list: the gazetteer gives their country
    ("A Saudi-led air strike killed 12 people in Saada.", "SAU", "YEM"),
    ("Gunmen killed five villagers in Zamfara on Monday.", "NGA", "NGA"),
    # a local story whose actors name no country is of the country its places lie in
    ("Police arrested two men after a shooting in Dayton on Sunday.", "USA", "USA"),
])
def test_places_the_gazetteer_resolves_give_actors_their_country(text, source, target):
    event = newsevents.extract(text, published="2024-03-08").events[0]
    assert event.source.country == source
    assert (event.target.country if event.target and event.target.sector else None) == target
