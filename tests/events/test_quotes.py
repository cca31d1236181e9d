"""Direct quotations and their speakers."""

from __future__ import annotations

from newsevents.events import find_quotes


def quotes(nlp, actor_coder, text):
    doc = nlp(text)
    return find_quotes(doc, actors=actor_coder.mentions(doc, focus_country=actor_coder.focus_country(doc)))


def test_curly_quote_with_trailing_speaker(nlp, actor_coder):
    found = quotes(nlp, actor_coder, "“We will not negotiate with armed groups,” President Ruto said on Tuesday.")
    assert found[0].text.startswith("We will not negotiate")
    assert found[0].speaker is not None and found[0].speaker.country == "KEN"


def test_straight_quote_said_x(nlp, actor_coder):
    text = 'Nobody can stop this movement," said the Senegalese opposition leader.'
    found = quotes(nlp, actor_coder, '"' + text)
    assert found and found[0].speaker is not None and found[0].speaker.country == "SEN"


def test_speaker_before_colon(nlp, actor_coder):
    found = quotes(nlp, actor_coder, "The Peruvian minister said: “The curfew will stay in force until Friday.”")
    assert found[0].speaker.country == "PER"


def test_paragraph_opening_with_closing_quote_mark(nlp, actor_coder):
    text = "Protests spread to Lima.\n\n”The police fired on unarmed people in the square,” a witness said."
    found = quotes(nlp, actor_coder, text)
    assert found and found[0].text.startswith("The police fired")
    assert text[found[0].start : found[0].end] == found[0].text


def test_scare_quotes_are_not_quotations(nlp, actor_coder):
    assert quotes(nlp, actor_coder, "The minister blamed “foreign agents” for the riots.") == []
