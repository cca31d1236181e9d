from __future__ import annotations

import pytest


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


def test_a_long_body_is_parsed_in_pieces_into_one_doc_with_the_same_text(monkeypatch) -> None:
    from newsevents import nlp as nlp_module

    paragraph = "Police arrested two men in Lagos on Monday. Protesters marched in Accra.\n\n"
    text = "LAGOS, Nigeria (AP) \u2014 " + paragraph * 12 + "Troops shelled Aleppo."
    whole = next(nlp_module.parse([text]))
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 200)  # cut into about ten pieces
    docs = list(nlp_module.parse([text, "Gunmen attacked Mogadishu.", ""]))
    pieced = docs[0]
    assert [d.text for d in docs] == [text, "Gunmen attacked Mogadishu.", ""]
    assert [(e.text, e.start_char) for e in pieced.ents] == [(e.text, e.start_char) for e in whole.ents]
    assert [s.text for s in pieced.sents] == [s.text for s in whole.sents]
    assert nlp_module.dateline_end(pieced) == nlp_module.dateline_end(whole) > 0
    assert nlp_module.paragraph_bounds(pieced, len(text) - 3) == (len(text) - len("Troops shelled Aleppo."), len(text))


def test_a_body_over_the_limit_is_refused_with_its_size(monkeypatch) -> None:
    from newsevents import nlp as nlp_module

    monkeypatch.setattr(nlp_module, "MAX_BODY_CHARS", 1_000)
    with pytest.raises(ValueError, match="1,200 characters, more than the 1,000"):
        list(nlp_module.parse(["word " * 240]))
