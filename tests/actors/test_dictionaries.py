"""The shipped actor dictionaries load fast and are internally consistent."""

from __future__ import annotations

import csv
import time

import pycountry

from newsevents.actors.dictionaries import ACLED_TYPES, DATA, KIND_PRIORITY, SECTORS, load_lexicon

NON_STATE = {"XKX"}


def valid_country(code: str) -> bool:
    return code in NON_STATE or pycountry.countries.get(alpha_3=code) is not None


def lexicon_rows():
    with (DATA / "lexicon.tsv").open(encoding="utf-8") as f:
        next(f)
        return [line.rstrip("\n").split("\t") for line in f]


def test_loader_is_fast_and_cached():
    load_lexicon.cache_clear()
    began = time.perf_counter()
    lexicon = load_lexicon()
    assert time.perf_counter() - began < 2.0  # < 0.5 s on an idle laptop; CI machines are shared
    assert load_lexicon() is lexicon


def test_every_row_has_valid_country_sector_and_kind():
    rows = lexicon_rows()
    assert len(rows) > 40_000
    for tokens, kind, name, country, sector, acled, weak, cased, extra in rows:
        assert tokens and name, tokens
        assert kind.split(":")[0] in KIND_PRIORITY, kind
        assert not country or valid_country(country), (tokens, country)
        assert not sector or sector in SECTORS, (tokens, sector)
        assert not acled or acled in ACLED_TYPES, (tokens, acled)


def test_no_duplicate_keys():
    keys = [(r[0], r[1]) for r in lexicon_rows()]
    assert len(keys) == len(set(keys))


def test_leaders_have_ordered_years_and_valid_codes():
    with (DATA / "leaders.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 2000
    for r in rows:
        assert r["country"] == "IGO" or valid_country(r["country"]), r
        assert r["sector"] in SECTORS
        if r["end_year"]:
            assert int(r["start_year"]) <= int(r["end_year"]), r
    names = {r["name"] for r in rows}
    assert {"Kassym-Jomart Tokayev", "Keir Starmer", "Sanae Takaichi", "Friedrich Merz"} <= names


def test_hand_files_are_unique_and_valid():
    with (DATA / "leaders_updates.csv").open(encoding="utf-8") as f:
        updates = [(r["country"], r["name"], r["start_year"]) for r in csv.DictReader(f)]
    assert len(updates) == len(set(updates))
    with (DATA / "igo_members.csv").open(encoding="utf-8") as f:
        members = {r["acronym"]: r["members_2014"].split() for r in csv.DictReader(f)}
    assert "RUS" in members["CSTO"] and "KAZ" in members["CSTO"]
    assert all(valid_country(c) for codes in members.values() for c in codes)


def test_country_table_has_names_and_adjectives():
    countries = load_lexicon().countries
    assert countries["RUS"] == ("Russia", "Russian")
    assert countries["KAZ"][1] == "Kazakh"
    assert all(valid_country(code) for code in countries)


def test_nationality_entries_starting_with_the_are_country_names():
    rows = lexicon_rows()
    assert not [r[0] for r in rows if r[1] == "demonym" and r[0].startswith("the ")]
    assert ("the us", "country", "USA") in {(r[0], r[1], r[3]) for r in rows}
