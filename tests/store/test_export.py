from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from newsevents.errors import QueryError
from newsevents.store import Filters, Store
from newsevents.store.export import LAYOUTS, acled_inter, export, interaction


@pytest.fixture()
def store(db_path, reports):
    with Store(db_path) as s:
        s.add(reports)
        yield s


def test_native_csv_reads_back_with_plain_pandas(store, tmp_path):
    out = tmp_path / "events.csv"
    summary = export(store, str(out))
    frame = pd.read_csv(out)
    assert summary.rows == 5
    assert list(frame.columns) == list(LAYOUTS["native"].columns)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel; pandas strips it
    assert frame.loc[frame["id"] == "ev-2a", "fatalities"].item() == 5


def test_acled_layout_codes_actors_and_skips_events_without_acled_type(store, tmp_path):
    out = tmp_path / "acled.csv"
    summary = export(store, str(out), layout="acled")
    frame = pd.read_csv(out)
    assert summary.skipped == {"no ACLED event type": 2}
    assert list(frame.columns[:6]) == ["event_id_cnty", "event_date", "year", "time_precision", "event_type",
                                       "sub_event_type"]  # fmt: skip
    attack = frame[frame["event_id"] == "ev-2a"].iloc[0]
    assert attack["event_id_cnty"].startswith("NGA")
    assert (attack["inter1"], attack["inter2"], attack["interaction"]) == (3, 7, 37)
    assert attack["civilian_targeting"] == "Civilian targeting"
    assert (attack["iso"], attack["country"], attack["geo_precision"]) == (566, "Nigeria", 1)
    assert attack["notes"].startswith("Five people died")
    assert attack["source"] == "Daily Example"
    protest = frame[frame["event_id"] == "ev-3a"].iloc[0]
    assert (protest["inter1"], protest["interaction"], protest["fatalities"]) == (6, 60, 0)


def test_cameo_layout_follows_the_gdelt_event_table(store, tmp_path):
    out = tmp_path / "cameo.jsonl"
    export(store, str(out), layout="cameo", filters=Filters.from_strings(type="ASSAULT,COERCE", country="NGA"))
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["EventCode"] for r in rows] == ["190", "173", "190"]
    attack = rows[0]
    assert (attack["SQLDATE"], attack["EventRootCode"], attack["QuadClass"]) == (20240304, "19", 4)
    assert (attack["Actor2Code"], attack["Actor2CountryCode"], attack["ActionGeo_Type"]) == ("NGACVL", "NGA", 4)
    assert (attack["NumMentions"], attack["NumSources"], attack["NumArticles"]) == (2, 2, 2)
    assert (attack["IsRootEvent"], rows[1]["IsRootEvent"]) == (1, 0)  # lead paragraph or not
    assert attack["SOURCEURL"] == "https://example.ng/lagos-attack"


def test_geojson_is_a_feature_collection_of_points(store, tmp_path):
    out = tmp_path / "events.geojson"
    summary = export(store, str(out))
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == summary.rows == 5
    lagos = collection["features"][0]
    assert lagos["geometry"] == {"type": "Point", "coordinates": [3.3947, 6.4541]}
    assert lagos["properties"]["id"] == "ev-1a"


def test_geojson_skips_and_counts_events_without_coordinates(tmp_path, reports):
    unplaced = reports[2]
    unplaced.events[0].location = None
    with Store(tmp_path / "e.db") as store:
        store.add([unplaced])
        summary = export(store, str(tmp_path / "x.geojson"))
    assert (summary.rows, summary.skipped["no coordinates"]) == (0, 1)
    assert json.loads((tmp_path / "x.geojson").read_text())["features"] == []


def test_parquet_is_readable_with_typed_columns(store, tmp_path):
    out = tmp_path / "acled.parquet"
    export(store, str(out), layout="acled")
    table = pq.read_table(out)
    assert table.num_rows == 3
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"


def test_native_jsonl_keeps_the_nested_event(store, tmp_path):
    out = tmp_path / "events.jsonl"
    export(store, str(out), filters=Filters.from_strings(type="PROTEST"))
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["source"]["acled_type"] == "Protesters"
    assert record["incident_id"] == "incident:ev-3a"


def test_bad_export_requests_are_explained(store, tmp_path):
    with pytest.raises(QueryError, match="unknown format 'xlsx'"):
        export(store, str(tmp_path / "events.xlsx"))
    with pytest.raises(QueryError, match="unknown layout"):
        export(store, str(tmp_path / "events.csv"), layout="icews")
    with pytest.raises(QueryError, match="cannot write"):
        export(store, str(tmp_path / "no" / "such" / "dir.csv"))


def test_inter_codes_come_from_the_acled_type_then_the_sector():
    assert acled_inter({"acled_type": "Rioters", "sector": "CVL"}) == 5
    assert acled_inter({"acled_type": "Rebel group", "sector": None}) == 2
    assert acled_inter({"acled_type": None, "sector": "MIL"}) == 1
    assert acled_inter({"acled_type": None, "sector": "BUS"}) is None
    assert (interaction(7, 2), interaction(None, 8), interaction(None, None)) == (27, 80, None)
