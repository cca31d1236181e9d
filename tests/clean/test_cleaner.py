"""Cleaning: block kinds by a general method, normalization, stable offsets, nothing lost."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from newsevents.clean import clean, find_dateline, normalize_text, site_from_url
from newsevents.clean.blocks import classify, segment
from newsevents.clean.lines import is_byline, is_credit, split_trailing_credit
from newsevents.clean.normalize import fold, words
from newsevents.errors import InputError
from newsevents.ingest import iter_documents
from newsevents.records import Article, RawDocument

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def articles(path: Path) -> list[Article]:
    return [clean(d) for d in iter_documents([path])]


def assert_consistent(article: Article) -> None:
    """Offsets index Article.text; body is the body blocks; no furniture line in the body."""
    assert article.text == "\n\n".join(b.text for b in article.blocks)
    for block in article.blocks:
        assert article.text[block.start : block.end] == block.text
    assert article.body == "\n\n".join(b.text for b in article.blocks if b.kind == "body")
    body_lines = article.body.split("\n")
    assert not [line for line in body_lines if is_credit(line)]
    for kept_aside in (*article.captions, *article.credits, *article.boilerplate):
        assert kept_aside not in body_lines


def test_example_article(example_path):
    [article] = articles(example_path)
    assert_consistent(article)
    assert article.title == "Russia sends troops into Kazakhstan to quell protests"
    assert [b.kind for b in article.blocks].count("title") == 1 and article.title not in article.body
    assert len(article.captions) == 3 and len(article.credits) == 3
    for caption in article.captions:
        label, sentence = caption.split("\n")
        assert len(label.split()) <= 8 and sentence.endswith(".")
        assert sentence not in article.body
    assert article.boilerplate == ["With Post wires", "Source link"]
    assert "\u00a0" not in article.text
    quote = next(p for p in article.body.split("\n\n") if p.startswith("”It is an undermining"))
    assert quote.endswith("Tokayev said.")
    assert len(article.body.split("\n\n")) == 16 and article.language == "en"


def test_id_is_a_stable_content_hash(example_path):
    [first] = articles(example_path)
    [again] = articles(example_path)
    assert first.id == again.id and re.fullmatch(r"[0-9a-f]{16}", first.id)
    other = clean(RawDocument("Troops leave Almaty\n\nThe last troops left the city on Thursday."))
    assert other.id != first.id


def test_records_with_the_same_text_keep_their_own_ids():
    text = "Troops leave Almaty\n\nThe last troops left the city on Thursday."
    wire = clean(RawDocument(text, url="https://a.example/1", record_id="r-1"))
    syndicated = clean(RawDocument(text, url="https://b.example/9", record_id="r-2"))
    assert wire.id != syndicated.id
    assert clean(RawDocument(text, record_id="r-1")).id == wire.id
    assert clean(RawDocument(text)).id == clean(RawDocument(text, url="https://c.example/")).id  # no record id: the text


def test_ap_style_byline_caption_and_copyright():
    [article] = articles(ARTICLES / "ap-style.txt")
    assert_consistent(article)
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds["By MARIA GONZALEZ Associated Press"] == "byline"
    assert article.captions == ["A man walks past a destroyed home in Shawnee, Okla., on Monday."]
    assert article.credits == ["AP Photo/Sue Ogrocki"]
    assert len(article.boilerplate) == 2 and article.boilerplate[1].startswith("Copyright 2024")
    assert article.body.startswith("SHAWNEE, Okla. (AP) — A tornado tore through")
    assert find_dateline(article.body) == ("SHAWNEE, Okla.", "AP", 0, 22)
    assert article.body[22:].startswith("A tornado")


def test_reuters_style_credit_and_sign_off():
    [article] = articles(ARTICLES / "reuters-style.txt")
    assert_consistent(article)
    assert article.credits == ["REUTERS/Benoit Tessier"]
    assert article.captions == ["Union members stand by a brazier at the entrance of the refinery in Gonfreville-l'Orcher."]
    assert "Reporting by Claire Martin; Editing by Tom Hale" in article.boilerplate
    assert article.body.count("\n\n") == 2


def test_epa_getty_credits_and_a_caption_without_credit_that_restates_the_body():
    [article] = articles(ARTICLES / "epa-getty.txt")
    assert_consistent(article)
    assert article.credits == ["EPA-EFE/ZURAB KURTSIKIDZE", "Daro Sulakauri/Getty Images"]
    assert len(article.captions) == 3
    assert article.captions[1].startswith("Police line\nRiot police blocked the avenue")
    assert article.boilerplate == ["Share this article"]
    assert article.body.split("\n\n")[-1].startswith("Opposition leaders said")


@pytest.mark.parametrize("name", ["flood-assam.html", "port-strike.html"])
def test_html_pages(name):
    [article] = articles(ARTICLES / name)
    assert_consistent(article)
    assert len(article.captions) == 1 and len(article.credits) == 1
    assert "/" in article.credits[0] and article.credits[0] not in article.captions[0]
    assert "Advertisement" in article.boilerplate
    assert article.title and article.title not in article.body and article.published and article.source
    for furniture in ("cookie", "Share this", "Tweet", "Home", "newsletter", "©"):
        assert furniture not in article.body


def test_feed_entry_figcaption_is_kept_apart():
    first, second = articles(ARTICLES / "newsroom.atom")
    assert first.captions == ["Fishermen light flares outside the ministry."]
    assert "flares outside" not in first.body and second.title == "Ferry service suspended as storm nears"
    assert [a.language for a in articles(ARTICLES / "wire.rss")] == ["en", "en"]


@pytest.mark.parametrize(("name", "expected"), [
    ("cp1252.txt", "Café owners in São Paulo protest new tax"),
    ("mojibake.txt", "Dock strike spreads to second port"),
])  # fmt: skip
def test_encodings_and_mojibake_are_repaired(name, expected):
    [article] = articles(ARTICLES / name)
    assert article.title == expected
    assert "â€" not in article.text and "\ufffd" not in article.text and "Ã" not in article.text
    assert re.search(r"“[^”]+,” (said|a union)", article.body)


def test_text_normalization():
    assert normalize_text("Aid\u00a0arrives\u200b  in   Gaza \r\n\r\nTrucks  entered.\t") == "Aid arrives in Gaza\n\nTrucks entered."
    assert normalize_text("Itâ€™s the mayorâ€™s office") == "It’s the mayor’s office"
    assert normalize_text("“Go home,â€\ufffd she said") == "“Go home,” she said"


@pytest.mark.parametrize("line", [
    "AP Photo/Evan Vucci", "(AP Photo/Evan Vucci)", "Mstyslav Chernov/AP", "Sergei Bobylev/TASS/Sipa USA",
    "Ministry of Defence/AFP via Getty Images", "Ukrainian Presidential Press Service via AP", "REUTERS/Gleb Garanich",
    "EPA-EFE/OLIVIER HOSLET", "Photo: Jane Smith/The Gazette", "Photograph by Tom Jenkins", "Courtesy of the family",
    "Getty Images", "Reuters", "Kim Hong-Ji | Reuters",
])  # fmt: skip
def test_credit_lines(line):
    assert is_credit(line)


@pytest.mark.parametrize("line", [
    "Reuters reported that 12 people died.", "Police said the suspect fled.", "By early Monday, the fire was out.",
    "Protesters march through Lima.", "The alliance/coalition said on Friday it would withdraw its forces from the area.",
    "Building on fire in the capital.", "Dozens of houses were damaged",
])  # fmt: skip
def test_not_credit_lines(line):
    assert not is_credit(line)


def test_bylines_and_trailing_credits():
    assert is_byline("By Sam Okafor and Lena Fischer, Reuters")
    assert is_byline("By THE ASSOCIATED PRESS")
    assert not is_byline("By Thursday") and not is_byline("By the time police arrived, the men had fled.")
    assert split_trailing_credit("Smoke rises over the port. Mahmud Hams/AFP") == ("Smoke rises over the port.", "Mahmud Hams/AFP")
    assert split_trailing_credit("Smoke rises over the port (AP Photo)") == ("Smoke rises over the port", "AP Photo")
    closing = clean(RawDocument("Port reopens\n\nThe port reopened on Monday after repairs, officials said (Reuters)"))
    assert closing.body.endswith("(Reuters)") and not closing.credits
    assert split_trailing_credit("Police said two men fled. They were caught later.") is None


def test_hard_wrapped_paragraph_is_one_body_block():
    text = ("Cyclone makes landfall\n\n"
            "A powerful cyclone made landfall in southern Bangladesh on\n"
            "Sunday, forcing more than 300,000 people to move to storm\n"
            "shelters and cutting power to large parts of the coast, the\n"
            "disaster ministry said.")  # fmt: skip
    article = clean(RawDocument(text))
    assert [b.kind for b in article.blocks] == ["title", "body"]
    assert article.body.startswith("A powerful cyclone made landfall in southern Bangladesh on Sunday, forcing")


def test_line_kinds_inside_one_paragraph_become_separate_blocks():
    text = ("Ceasefire holds in Tripoli\n"
            "By Amira Haddad\n"
            "June 3, 2023\n"
            "A ceasefire between rival militias held for a second day in Tripoli on Saturday, residents said.\n"
            "Shops reopened in the old city.")  # fmt: skip
    article = clean(RawDocument(text))
    assert [b.kind for b in article.blocks] == ["title", "byline", "dateline", "body", "body"]


def test_given_title_and_repeats_of_it():
    doc = RawDocument("× Ferry capsizes off Zanzibar\n\nFerry capsizes off Zanzibar\n\nA ferry capsized on Monday.",
                      title="Ferry capsizes off Zanzibar")  # fmt: skip
    article = clean(doc)
    assert article.title == "Ferry capsizes off Zanzibar" and article.body == "A ferry capsized on Monday."
    assert [b.kind for b in article.blocks] == ["title", "body"]


def test_site_name_is_stripped_from_title_and_source_taken_from_url():
    doc = RawDocument("Man shot outside bar :: WXYZ.com\n\nA man was shot outside a bar early Sunday.",
                      url="http://web.archive.org/web/2016/http://www.wxyz.com/news/shooting")  # fmt: skip
    article = clean(doc)
    assert article.title == "Man shot outside bar" and article.source == "wxyz.com"
    assert site_from_url("https://www.example.org/a") == "example.org" and site_from_url(None) is None


def test_nothing_but_furniture_is_an_error():
    with pytest.raises(InputError) as error:
        clean(RawDocument("Advertisement\n\nShare this\n\nSource link", path="ad.txt"))
    assert error.value.source == "ad.txt" and "no body text" in error.value.reason


def test_datelines():
    assert find_dateline("KHARTOUM, Sudan (Reuters) - Fighting resumed.").place == "KHARTOUM, Sudan"
    assert find_dateline("SEATTLE – Five people were shot.") == ("SEATTLE", None, 0, 10)
    assert find_dateline("mumbai: police arrested two men.").place == "mumbai"
    assert find_dateline("Police said: the men fled.") is None
    assert find_dateline("Five people were shot in Seattle.") is None
    # A hyphen inside a word is no dateline dash.
    assert find_dateline("NATO-member Norway is willing to send material.") is None
    assert find_dateline("U.S.-led forces withdrew.") is None
    assert find_dateline("INDIANAPOLIS, Ind.\u2014A man was shot.").place == "INDIANAPOLIS, Ind."


def test_a_dateline_after_a_glued_headline_is_found_on_request_when_it_names_its_agency():
    body = "Man held after dorm threat EL PASO, Texas (KTSM) - A 23-year-old man was arrested on Friday."
    assert find_dateline(body) is None  # not an opening dateline
    assert find_dateline(body, inline=True) == ("EL PASO, Texas", "KTSM", 27, 51)
    assert find_dateline("Man held after dorm threat. HOUSTON - A man was arrested.", inline=True) is None
    late = "A man was arrested. " * 25 + "HOUSTON (AP) - Another man was held."
    assert find_dateline(late, inline=True) is None  # only near the start


def input_words_without_title_repeats(text: str, title_line: str | None) -> list[str]:
    key = fold(title_line) if title_line else None
    kept, seen_title = [], False
    for line in normalize_text(text).split("\n"):
        if key and fold(line) == key:
            if seen_title:
                continue
            seen_title = True
        kept.append(line)
    return words(" ".join(kept))


@pytest.mark.parametrize("name", ["gva-longtail/gva_longtail_docs.jsonl", "india-police-events/ipe_docs.jsonl"])
def test_real_scraped_articles_keep_every_word_once_and_no_credit_in_bodies(shared_eval, name):
    cleaned = 0
    for doc in itertools.islice(iter_documents([shared_eval / name]), 300):
        units = classify(segment(normalize_text(doc.text)), title=doc.title)
        title_line = next((u.text for u in units if u.kind == "title"), None)
        try:
            article = clean(doc)
        except InputError as error:  # an article that is all furniture (paywall notices) is reported, not emptied
            assert "no body text" in error.reason
            continue
        cleaned += 1
        assert_consistent(article)
        assert words(article.text) == input_words_without_title_repeats(doc.text, title_line), doc.record_id
    assert cleaned >= 280


def test_page_flattened_to_one_line_stays_body():
    """A scraper that joins a whole page into one line: its closing photo credit or opening "Pictured:" label
    must not turn the story into a caption (the article would be lost)."""
    story = ("Deputies are investigating a break-in at a pharmacy on Oak Street early Sunday, and they are asking "
             "for the public's help. Two men smashed the front window at 3:15 a.m. and took cash and medicine. "
             "One of them carried a handgun. Nobody was hurt. The men left in a gray sedan heading north. "
             "Anyone with information is asked to call the sheriff's tip line. ")
    article = clean(RawDocument(story + "Photo: Sheriff's Office"))
    assert article.body == story.strip() and article.credits == ["Photo: Sheriff's Office"]
    assert clean(RawDocument("Pictured: the pharmacy on Oak Street. " + story)).body.startswith("Pictured:")
    short = clean(RawDocument(f"{story}\n\nPictured: the pharmacy on Oak Street."))
    assert short.captions == ["Pictured: the pharmacy on Oak Street."]
    # The furniture a flattened page opens or closes with comes off as boilerplate, sentence by sentence.
    furnished = clean(RawDocument("Copyright 2024 Example Broadcasting, Inc. All rights reserved. " + story
                                  + "Please enable Javascript to watch this video"))
    assert furnished.body == story.strip()
    assert furnished.boilerplate == ["Copyright 2024 Example Broadcasting, Inc. All rights reserved.",
                                     "Please enable Javascript to watch this video"]
    # Furniture glued to the headline or the story without a sentence break is cut out all the same.
    glued = clean(RawDocument("Pharmacy robbed on Oak Street Copyright 2024 Example Broadcasting, Inc. All rights "
                              "reserved. This material may not be published, broadcast, rewritten, or redistributed. "
                              "Please enable Javascript to watch this video " + story
                              + "Read or Share this story: https://example.com/story/1"))
    assert glued.title == "Pharmacy robbed on Oak Street" and glued.body == story.strip()
    assert glued.boilerplate == [
        "Copyright 2024 Example Broadcasting, Inc. All rights reserved.\nThis material may not be published, "
        "broadcast, rewritten, or redistributed.\nPlease enable Javascript to watch this video",
        "Read or Share this story: https://example.com/story/1"]
    # A story-status note closing the story ("This is a developing story. Check back for updates.").
    developing = clean(RawDocument(story + "This is a developing story. Check back for updates."))
    assert developing.body == story.strip()
    assert developing.boilerplate == ["This is a developing story.\nCheck back for updates."]
    local = clean(RawDocument("Man shot on Elm Street Copyright by WXYZ - All rights reserved " + story))
    assert local.title == "Man shot on Elm Street" and local.body == story.strip()
    # A news site's video box ("CLOSE <blurb> <photo caption> (Photo: ...) Buy Photo") opening the page.
    boxed = clean(RawDocument("CLOSE Do you know what to do if you see a crime? Here are some tips. Example Network "
                              "Police car (Photo: STAR FILE PHOTO) Buy Photo " + story))
    assert boxed.body == story.strip() and boxed.boilerplate[0].startswith("CLOSE Do you know")
    # A photo gallery box inside the story ("Image 1 of / 17 Caption Close <caption> 1 / 17 Back to Gallery").
    gallery = clean(RawDocument("Pharmacy robbed on Oak Street Photo: Example Maps Photo: Example Maps Image 1 of / 17 "
                                "Caption Close Pharmacy robbed on Oak Street 1 / 17 Back to Gallery " + story))
    assert gallery.title == "Pharmacy robbed on Oak Street" and gallery.body == story.strip()
    assert gallery.boilerplate == ["Photo: Example Maps Photo: Example Maps Image 1 of / 17 Caption Close Pharmacy "
                                   "robbed on Oak Street 1 / 17 Back to Gallery"]
    # A posting stamp glued to the start of the story is a date line, not the story's first words.
    stamped = clean(RawDocument("Friday January 24, 2014 12:04 AM " + story))
    assert stamped.body == story.strip()
    assert [(b.kind, b.text) for b in stamped.blocks][0] == ("dateline", "Friday January 24, 2014 12:04 AM")
    close_to = "Close to 200 people gathered outside city hall on Monday to protest the break-in (Photo: AP). "
    assert clean(RawDocument(close_to + story)).body.startswith("Close to 200 people")
    # "Copyright" without a year is a word of the story.
    lawsuit = "A judge ruled in the Copyright case against the publisher on Monday, lawyers for both sides said. "
    assert clean(RawDocument(lawsuit + story)).body == (lawsuit + story).strip()
    # A story short enough to look like a caption is still the story when nothing else is.
    brief = "Two men robbed a pharmacy on Oak Street early Sunday and fled in a gray sedan, deputies said. "
    assert clean(RawDocument(brief + "Photo: Sheriff's Office")).body == brief.strip()
