from __future__ import annotations

import dataclasses
import datetime as dt
import os

import pytest
from store_samples import LAGOS, PROTESTERS_NGA, article, event, extraction, shooting_reports, table_contents

from newsevents.errors import StoreError
from newsevents.store import Store


def test_adding_the_same_extractions_twice_stores_them_once(tmp_path, reports):
    once, twice = tmp_path / "once.db", tmp_path / "twice.db"
    with Store(once) as store:
        store.add(reports)
    with Store(twice) as store:
        store.add(reports[:2])
        again = store.add(shooting_reports())
    assert (again.stored, again.already_present) == (2, 2)
    assert table_contents(once) == table_contents(twice)


def test_a_changed_text_at_the_same_url_is_a_new_latest_version(db_path, reports):
    first = reports[2]
    sentence = "Thousands of protesters marched in Abuja on Wednesday against fuel prices, organisers said."
    revised_article = dataclasses.replace(
        article("art-3", "Fuel protest in Abuja grows", [sentence], published=dt.date(2024, 3, 6),
                url=first.article.url),
    )  # fmt: skip
    revised = extraction(revised_article, [event("ev-3a", sentence, type="PROTEST", source=PROTESTERS_NGA,
                                                 place=LAGOS, date=dt.date(2024, 3, 6))])  # fmt: skip
    with Store(db_path) as store:
        store.add([first])
        summary = store.add([revised])
        old, new = store.article("art-3"), store.article(store.events()[-1]["article_id"])
        latest_events = store.events()
    assert summary.stored == 1
    assert (old["version"], old["latest"], new["version"], new["latest"]) == (1, False, 2, True)
    assert new["title"] == "Fuel protest in Abuja grows"
    assert [e["article_title"] for e in latest_events] == ["Fuel protest in Abuja grows"]
    assert latest_events[0]["id"] != "ev-3a"  # the repeated event id was made unique


def test_the_same_text_from_another_url_is_kept_as_a_copy_once(db_path, reports):
    original = reports[0]
    syndicated = dataclasses.replace(original, article=dataclasses.replace(
        original.article, url="https://mirror.example.org/story", source="Mirror Wire", published=dt.date(2024, 3, 5)))
    with Store(db_path) as store:
        store.add([original])
        first = store.add([syndicated])
        second = store.add([syndicated, original])
        stored = store.article(original.article.id)
    assert (first.stored, first.already_present, second.already_present) == (0, 1, 2)
    assert stored["url"] == original.article.url
    assert stored["copies"] == [{"url": "https://mirror.example.org/story", "source": "Mirror Wire",
                                 "published": "2024-03-05", "path": original.article.path}]


def test_article_comes_back_with_its_events_and_mentions(db_path, reports):
    with Store(db_path) as store:
        store.add(reports)
        stored = store.article("art-1")
        assert store.article("nope") is None
    original = reports[0].article.to_dict()
    assert {k: stored[k] for k in original} == original
    assert [e["id"] for e in stored["events"]] == ["ev-1a", "ev-1b"]
    mention = stored["events"][0]["mentions"][0]
    assert stored["body"][mention["start"]:mention["end"]] == mention["sentence"]


def test_stats_count_by_type_country_and_day(db_path, reports):
    with Store(db_path) as store:
        store.add(reports)
        stats = store.stats()
    assert stats["by_type"] == {"ASSAULT": 3, "COERCE": 1, "PROTEST": 1}
    assert stats["by_country"] == {"NGA": 4, "KEN": 1}
    assert stats["by_day"]["2024-03-04"] == {"ASSAULT": 2}
    assert (stats["events"], stats["articles"], stats["incidents"]) == (5, 4, 3)


def test_frames_and_arrow_tables(db_path, reports):
    with Store(db_path) as store:
        store.add(reports)
        events = store.frame()
        incidents = store.frame(kind="incidents")
        table = store.arrow()
    assert list(events["id"]) == ["ev-1a", "ev-1b", "ev-2a", "ev-3a", "ev-4a"]
    assert events.loc[0, "sentence"].startswith("Gunmen killed three villagers")
    assert int(events.loc[2, "fatalities"]) == 5
    assert list(incidents["n_articles"]) == [2, 1, 1]
    assert table.num_rows == 5 and "incident_id" in table.column_names


def test_a_full_disk_fails_cleanly_and_keeps_what_was_stored(db_path, reports):
    with Store(db_path) as store:
        store.add(reports[:1])
        before = table_contents(db_path)
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")
        big = extraction(article("art-9", "Long report", ["Police arrested protesters in Lagos. " * 3000],
                                 published=dt.date(2024, 3, 9)), [])  # fmt: skip
        with pytest.raises(StoreError, match="disk .* is full"):
            store.add([reports[1], big])
    assert table_contents(db_path) == before
    with Store(db_path) as store:  # still usable
        assert store.add(reports[1:]).stored == 3


def test_a_readonly_store_refuses_writes_without_damage(db_path, reports):
    with Store(db_path) as store:
        store.add(reports[:2])
    before = table_contents(db_path)
    with Store(db_path, readonly=True) as store:
        assert len(store.events()) == 3
        with pytest.raises(StoreError, match="read-only"):
            store.add(reports[2:])
    assert table_contents(db_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_readonly_file_refuses_writes(db_path, reports):
    with Store(db_path) as store:
        store.add(reports[:1])
    db_path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        with Store(db_path) as store:
            store.add(reports[1:])
