from __future__ import annotations


def test_an_em_dash_after_a_dateline_is_its_own_token(nlp) -> None:
    doc = nlp("INDIANAPOLIS, Ind.\u2014A man who was shot on Monday died on Tuesday.")
    assert [t.text for t in doc[:6]] == ["INDIANAPOLIS", ",", "Ind.", "\u2014", "A", "man"]


def test_hyphenated_words_and_abbreviations_keep_their_tokens(nlp) -> None:
    doc = nlp("A U.S.-led force won a 1\u20132 decision on a well-known road.")
    assert "U.S.-led" in [t.text for t in doc]
    assert "1\u20132" in [t.text for t in doc]


def test_an_opening_dateline_is_a_sentence_of_its_own(nlp) -> None:
    doc = nlp("JERSEY CITY, N.J. (AP) \u2014 Four people shot in a housing complex were expected to recover.")
    sentences = [s.text for s in doc.sents]
    assert sentences[0] == "JERSEY CITY, N.J. (AP) \u2014"
    assert sentences[1].startswith("Four people shot")


def test_a_body_without_dateline_keeps_its_first_sentence(nlp) -> None:
    doc = nlp("Four people were shot in a housing complex on Friday. They are expected to recover.")
    assert next(doc.sents).text == "Four people were shot in a housing complex on Friday."


def test_a_hyphenated_first_word_is_no_dateline(nlp) -> None:
    doc = nlp("NATO-member Norway is willing to send material to help defend its ally.")
    assert len(list(doc.sents)) == 1
