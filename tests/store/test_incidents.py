from __future__ import annotations

import dataclasses
import datetime as dt

from newsevents.records import Actor, Place
from newsevents.store import Store
from newsevents.store.incidents import (
    Cluster,
    EventRow,
    blocking_key,
    cluster,
    match_score,
    neighbour_keys,
    partition_key,
    summarize,
)

from store_samples import (
    ABUJA,
    GUNMEN,
    IKEJA,
    KENYA,
    LAGOS,
    NAIROBI,
    POLICE_KEN,
    POLICE_NGA,
    PROTESTERS_NGA,
    VILLAGERS,
)

MAR = dt.date(2024, 3, 4)


def row(eid, article, *, type="ASSAULT", date=MAR, place=LAGOS, source=GUNMEN, target=VILLAGERS,
        published=None, fatalities=None, injuries=None, precision="day", sentences=(0,)) -> EventRow:  # fmt: skip
    return EventRow(eid, article, published or date, type, date, precision if date else None, place, source, target,
                    fatalities, injuries, sentences=frozenset(sentences))  # fmt: skip


NIGERIA = Place("Nigeria", "Nigeria", "NGA", None, 9.0, 8.0, 2328926, "country")
SOLDIERS = Actor("soldiers", "Nigerian Army", "NGA", "MIL", "State forces")


def test_the_same_attack_reported_twice_matches():
    assert match_score(row("a", "1"), row("b", "2", place=IKEJA, date=MAR + dt.timedelta(days=1))) > 0.6


def test_incompatible_pairs_score_zero():
    base = row("a", "1")
    assert match_score(base, row("b", "2", type="PROTEST")) == 0.0
    assert match_score(base, row("b", "2", place=ABUJA)) == 0.0  # ~530 km away
    assert match_score(base, row("b", "2", place=NAIROBI)) == 0.0  # another country
    assert match_score(base, row("b", "2", date=MAR + dt.timedelta(days=3))) == 0.0
    assert match_score(row("a", "1", source=POLICE_NGA), row("b", "2", source=POLICE_KEN)) == 0.0  # other country
    assert match_score(base, row("b", "2", date=None)) == 0.0  # undated: never across articles


def test_undated_events_merge_within_their_article():
    assert match_score(row("a", "1", date=None), row("b", "1", date=None)) > 0.6


def test_compatible_types_need_close_time_and_place():
    close = match_score(row("a", "1"), row("b", "2", type="COERCE", source=None, target=None))
    assert 0.6 <= close < match_score(row("a", "1"), row("b", "2"))
    far = match_score(row("a", "1"), row("b", "2", type="COERCE", place=IKEJA, date=MAR + dt.timedelta(days=2)))
    assert far == 0.0 or far < 0.6


def test_coarse_places_match_on_admin1_or_country():
    lagos_state = Place("Lagos State", "Lagos", "NGA", "Lagos", 6.5, 3.6, 2332453, "admin1")
    fct = Place("FCT", "Federal Capital Territory", "NGA", "FCT", 8.8, 7.2, 2565340, "admin1")
    assert match_score(row("a", "1"), row("b", "2", place=lagos_state)) > 0.6
    assert match_score(row("a", "1"), row("b", "2", place=fct)) == 0.0
    kenya_police = dict(source=POLICE_KEN, target=None)
    assert match_score(row("a", "1", place=NAIROBI, **kenya_police), row("b", "2", place=KENYA, **kenya_police)) > 0


def test_blocks_cover_the_date_window():
    a, b = row("a", "1", date=dt.date(2024, 3, 3)), row("b", "2", date=dt.date(2024, 3, 5))
    assert blocking_key(b) in neighbour_keys(a)
    assert blocking_key(a).startswith("NGA:")
    assert blocking_key(row("c", "3", date=None)) == "@3"
    assert blocking_key(row("d", "4", precision="month")) == "@4"


def test_cluster_groups_reports_and_keeps_others_apart():
    rows = [
        row("a", "1", fatalities=3, published=dt.date(2024, 3, 5)),
        row("p", "9", type="PROTEST", source=None, target=None),
        row("b", "2", place=IKEJA, fatalities=5, injuries=4, published=dt.date(2024, 3, 6)),
        row("c", "3", source=POLICE_NGA, target=None, place=ABUJA),
    ]
    clusters = cluster(rows)
    assert [[r.id for r in c.members] for c in clusters] == [["a", "b"], ["p"], ["c"]]
    summary = summarize(clusters[0])
    assert (summary.fatalities, summary.injuries, summary.n_articles) == (5, 4, 2)
    assert [f.fatalities for f in summary.figures] == [3, 5]
    assert 0.6 <= summary.confidence < 1.0
    assert summary.location == LAGOS


def test_cluster_joins_reports_on_either_side_of_a_bucket_edge():
    edge = next(MAR + dt.timedelta(days=d) for d in range(8) if (MAR + dt.timedelta(days=d)).toordinal() % 4 == 0)
    before, after = row("a", "1", date=edge - dt.timedelta(days=1)), row("b", "2", date=edge)
    assert blocking_key(before) != blocking_key(after)
    assert partition_key(before) == partition_key(after) == "NGA"
    assert [[r.id for r in c.members] for c in cluster([before, after])] == [["a", "b"]]
    far = row("c", "3", date=edge + dt.timedelta(days=9))
    assert [[r.id for r in c.members] for c in cluster([before, far, after])] == [["a", "b"], ["c"]]


def test_latest_report_wins_even_when_lower():
    earlier = row("a", "1", fatalities=7, published=dt.date(2024, 3, 5))
    corrected = row("b", "2", fatalities=4, published=dt.date(2024, 3, 8))
    summary = summarize(Cluster([earlier, corrected], [1.0, 0.9]))
    assert summary.fatalities == 4
    assert sorted(f.fatalities for f in summary.figures) == [4, 7]


def test_store_forms_incidents_across_articles_and_skips_negated_events(db_path, reports):
    with Store(db_path) as store:
        summary = store.add(reports)
        incidents = store.incidents()
        events = {e["id"]: e for e in store.events()}
    assert summary.incidents == 3
    attack = incidents[0]
    assert attack["event_ids"] == ["ev-1a", "ev-2a"]
    assert attack["article_ids"] == ["art-1", "art-2"]
    assert (attack["fatalities"], attack["injuries"]) == (5, 4)  # the later, higher report
    assert attack["figures"] == [
        {"fatalities": 3, "injuries": None, "article_id": "art-1", "published": "2024-03-05"},
        {"fatalities": 5, "injuries": 4, "article_id": "art-2", "published": "2024-03-06"},
    ]
    assert attack["source"]["name"] == GUNMEN.name
    assert events["ev-4a"]["incident_id"] is None  # "did not fire": no happening


def test_incidents_do_not_depend_on_batch_boundaries(tmp_path, reports):
    results = []
    for size in (1, 3, 64):
        with Store(tmp_path / f"b{size}.db") as store:
            store.add(reports, batch_size=size)
            results.append([(i["id"], i["event_ids"], i["confidence"]) for i in store.incidents()])
    assert results[0] == results[1] == results[2]


def test_within_an_article_opposite_roles_are_different_happenings():
    # "Police shot dead two protesters." / "Three officers were killed by protesters." (other sentence)
    police_kill = row("a", "1", source=POLICE_NGA, target=PROTESTERS_NGA, sentences=(0,))
    officers_killed = row("b", "1", source=PROTESTERS_NGA, target=POLICE_NGA, sentences=(40,))
    officers_killed_passive = row("c", "1", source=None, target=POLICE_NGA, sentences=(40,))
    assert match_score(police_kill, officers_killed) == 0.0
    assert match_score(police_kill, officers_killed_passive) == 0.0  # the perpetrator of one is the other's victim
    assert [len(c.members) for c in cluster([police_kill, officers_killed_passive])] == [1, 1]


def test_within_an_article_different_victims_are_different_incidents():
    on_villagers = row("a", "1", source=GUNMEN, target=VILLAGERS, sentences=(0,))
    on_soldiers = row("b", "1", source=GUNMEN, target=SOLDIERS, sentences=(0,))
    assert match_score(on_villagers, on_soldiers) == 0.0


def test_within_an_article_the_same_type_alone_does_not_merge_sentences():
    # "Shots were fired near the market." / "Later a house was attacked." -- no actor in either sentence
    first = row("a", "1", source=None, target=None, sentences=(0,))
    later = row("b", "1", source=None, target=None, sentences=(120,))
    assert match_score(first, later) == 0.0
    assert match_score(first, row("c", "1", source=None, target=None, sentences=(0,))) > 0.6  # one sentence
    # the same perpetrator named in two sentences is one attack told twice
    assert match_score(row("d", "1", target=None, sentences=(0,)), row("e", "1", sentences=(200,))) > 0.6
    # a compatible but different type is not enough inside an article
    assert match_score(row("f", "1"), row("g", "1", type="COERCE")) == 0.0


def test_a_city_and_a_country_only_place_are_compatible_at_a_lower_score():
    city, country = row("a", "1"), row("b", "2", place=NIGERIA)
    assert 0.0 < match_score(city, country) < match_score(city, row("c", "2"))


def test_two_country_only_places_need_a_matching_actor():
    a = row("a", "1", place=NIGERIA, source=None, target=None)
    b = row("b", "2", place=NIGERIA, source=None, target=None)
    assert match_score(a, b) == 0.0
    with_actor = match_score(dataclasses.replace(a, source=SOLDIERS), dataclasses.replace(b, source=SOLDIERS))
    assert with_actor > 0.6


def test_close_casualty_figures_strengthen_a_match():
    unknown = dict(source=None, target=None)
    base = row("a", "1", place=IKEJA, date=MAR + dt.timedelta(days=2), fatalities=12, **unknown)
    plain = match_score(row("b", "2", place=NIGERIA, **unknown), dataclasses.replace(base, fatalities=None))
    close = match_score(row("b", "2", place=NIGERIA, fatalities=11, **unknown), base)
    far = match_score(row("b", "2", place=NIGERIA, fatalities=2, **unknown), base)
    assert plain < 0.6 <= close
    assert far == plain
