from __future__ import annotations

import datetime as dt

import pytest

from newsevents.errors import QueryError
from newsevents.store import Filters, Store
from newsevents.store.filters import haversine_km


def test_from_strings_normalizes_values():
    f = Filters.from_strings(type="assault, protest", country="nga", since="2024-03-01", until="", near="6.5,3.4,25")
    assert f == Filters(type="ASSAULT,PROTEST", country="NGA", since=dt.date(2024, 3, 1), near=(6.5, 3.4, 25.0))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"colour": "red"}, "unknown filter 'colour'"),
        ({"type": "BOMBING"}, "PLOVER type"),
        ({"country": "Nigeria"}, "ISO alpha-3"),
        ({"since": "03/01/2024"}, "YYYY-MM-DD"),
        ({"near": "6.5,3.4"}, "LAT,LON,KM"),
        ({"near": "96,3.4,10"}, "LAT,LON,KM"),
        ({"near": "6.5,3.4,-1"}, "LAT,LON,KM"),
        ({"since": "2024-03-05", "until": "2024-03-01"}, "not before"),
    ],
)
def test_malformed_filters_get_a_clear_message(raw, message):
    with pytest.raises(QueryError, match=message):
        Filters.from_strings(**raw)


def test_haversine_matches_a_known_distance():
    # Lagos to Abuja is about 530 km as the crow flies.
    assert 520 < haversine_km(6.4541, 3.3947, 9.0579, 7.4951) < 545


@pytest.fixture()
def store(db_path, reports):
    with Store(db_path) as s:
        s.add(reports)
        yield s


def _ids(store, **raw):
    return [e["id"] for e in store.events(Filters.from_strings(**raw))]


def test_each_filter_selects_the_right_events(store):
    assert _ids(store) == ["ev-1a", "ev-1b", "ev-2a", "ev-3a", "ev-4a"]
    assert _ids(store, type="PROTEST") == ["ev-3a"]
    assert _ids(store, type="ASSAULT,COERCE", country="KEN") == ["ev-4a"]
    assert _ids(store, country="NGA") == ["ev-1a", "ev-1b", "ev-2a", "ev-3a"]
    assert _ids(store, actor="gunmen") == ["ev-1a", "ev-2a"]
    assert _ids(store, actor="NGACOP") == ["ev-1b"]
    assert _ids(store, actor="CVL") == ["ev-1a", "ev-2a"]
    assert _ids(store, since="2024-03-05", until="2024-03-06") == ["ev-1b", "ev-3a"]
    # Abuja is ~530 km from Lagos: a 100 km radius around Lagos keeps Lagos and Ikeja only.
    assert _ids(store, near="6.45,3.39,100") == ["ev-1a", "ev-1b", "ev-2a"]
    assert _ids(store, text="fuel prices") == ["ev-3a"]
    assert _ids(store, text="death toll") == ["ev-2a"]  # article title
    assert _ids(store, text="100%") == []  # LIKE wildcards are literal


def test_cursor_pages_through_events(store):
    first = store.events(limit=2)
    rest = store.events(limit=10, after=first[-1]["seq"])
    assert [e["id"] for e in first + rest] == _ids(store)


def test_incidents_filter_by_their_events(store):
    assert [i["id"] for i in store.incidents(Filters.from_strings(type="PROTEST"))] == ["incident:ev-3a"]
    assert [i["id"] for i in store.incidents(Filters.from_strings(text="Ikeja"))] == [
        "incident:ev-1a",
        "incident:ev-1b",
    ]


def test_near_works_across_the_antimeridian(tmp_path):
    from store_samples import POLICE_NGA, article, event, extraction

    from newsevents.records import Place

    suva = Place("Suva", "Suva", "FJI", "Central", -18.14, 178.44, 2198148, "city")
    sentence = "Police arrested 4 men in Suva on Monday."
    art = article("fj-1", "Arrests in Suva", [sentence], published=dt.date(2024, 2, 5))
    with Store(tmp_path / "fiji.db") as store:
        store.add([extraction(art, [event("fj-e1", sentence, type="COERCE", source=POLICE_NGA, place=suva)])])
        # 1.7 degrees east of Suva, across 180: about 180 km away.
        assert [e["id"] for e in store.events(Filters.from_strings(near="-18.14,-179.9,250"))] == ["fj-e1"]
        assert store.events(Filters.from_strings(near="-18.14,-179.9,100")) == []
