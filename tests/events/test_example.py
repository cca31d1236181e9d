"""The example article must come out right through the general method (no rules for its words)."""

from __future__ import annotations

import pytest

from newsevents.events import EventCoder, find_quotes


@pytest.fixture(scope="module")
def article(example_path, nlp, actor_coder):
    if not example_path.exists():
        pytest.skip("example article absent")
    from newsevents import read

    body = read(example_path).body
    doc = nlp(body)
    focus = actor_coder.focus_country(doc)
    mentions = actor_coder.mentions(doc, focus_country=focus)
    coded = EventCoder.default().code(
        doc, article_id="example", actors=mentions, actor_coder=actor_coder, focus_country=focus
    )
    return body, [c.event for c in coded], find_quotes(doc, actors=mentions)


def find(events, kind, *, source=None, target=None, sector=None):
    for event in events:
        if event.type != kind:
            continue
        if source and (event.source is None or event.source.country != source):
            continue
        if sector and (event.source is None or event.source.sector not in sector):
            continue
        if target and (event.target is None or event.target.country != target):
            continue
        return event
    raise AssertionError(f"no {kind} {source}->{target} in {[(e.type, e.trigger) for e in events]}")


def test_foreign_troop_deployment_is_mobilize(article):
    event = find(article[1], "MOBILIZE", source="RUS", target="KAZ")
    assert event.mode == "troops"


def test_protesters_setting_fire(article):
    event = next(e for e in article[1] if e.type == "ASSAULT" and e.source and e.source.sector == "OPP")
    assert event.source.country == "KAZ"
    assert event.acled.event_type == "Riots"


def test_police_killing_rioters(article):
    event = find(article[1], "ASSAULT", source="KAZ", sector={"COP"})
    assert "rioter" in event.target.text
    assert event.context.reported


def test_president_blames_and_requests_and_vows(article):
    events = article[1]
    accuse = find(events, "ACCUSE", source="KAZ", sector={"GOV"})
    assert accuse.trigger == "blamed"
    request = find(events, "REQUEST")
    assert request.target.sector == "IGO"
    assert find(events, "THREATEN", source="KAZ").context.hypothetical


def test_state_of_emergency_and_alliance_troops_and_protests(article):
    events = article[1]
    emergency = [e for e in events if e.type == "COERCE" and e.mode in {"martial-law", "curfew"}]
    assert emergency and emergency[0].source.country == "KAZ"
    assert sum(1 for e in events if e.type == "MOBILIZE") >= 2
    assert any(e.type == "PROTEST" for e in events)


def test_background_and_nothing_from_credits(article):
    body, events, _ = article
    assert "Getty" not in body
    for event in events:
        for mention in event.mentions:
            assert body[mention.start : mention.end] == mention.sentence
    stepped = [e for e in events if e.trigger.startswith("stepped")]
    assert all(e.context.background for e in stepped)


def test_quote_speaker(article):
    quotes = article[2]
    assert quotes and quotes[0].speaker is not None and quotes[0].speaker.country == "KAZ"
