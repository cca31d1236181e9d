"""Fixtures of the event coder tests: code a text with the real actor coder."""

from __future__ import annotations

import pytest

from newsevents.events import EventCoder


@pytest.fixture(scope="session")
def actor_coder():
    from newsevents.actors import ActorCoder

    return ActorCoder.default()


@pytest.fixture(scope="session")
def code(nlp, actor_coder):
    """``code(text) -> (doc, [CodedEvent])``."""
    coder = EventCoder.default()

    def run(text: str):
        doc = nlp(text)
        focus = actor_coder.focus_country(doc)
        mentions = actor_coder.mentions(doc, focus_country=focus)
        return doc, coder.code(doc, article_id="t", actors=mentions, actor_coder=actor_coder, focus_country=focus)

    return run


@pytest.fixture(scope="session")
def events(code):
    """``events(text) -> [Event]``."""
    return lambda text: [c.event for c in code(text)[1]]
