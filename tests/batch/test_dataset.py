"""The Parquet layout of batch outputs: rows, incidents, publishing, reading back (no NLP needed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsevents.batch import is_batch_output, load_parquet_dataset
from newsevents.batch.dataset import EVENT_SCHEMA, Failure, event_from_row, event_row
from newsevents.batch.inputs import RAW_SCHEMA, Source, documents_of, plan_sources, raw_table, read_source
from newsevents.batch.layout import Layout
from newsevents.batch.local import write_results
from newsevents.errors import InputError
from newsevents.records import (
    Acled,
    Actor,
    Article,
    Block,
    Context,
    Entity,
    Event,
    Extraction,
    Mention,
    Place,
    Quote,
    RawDocument,
)

NAIROBI = Place("Nairobi", "Nairobi", "KEN", "Nairobi", -1.286, 36.817, 184745, "city")
MOMBASA = Place("Mombasa", "Mombasa", "KEN", "Mombasa", -4.054, 39.663, 186301, "city")
FARMERS = Actor("farmers", "Farmers", "KEN", "AGR", "Protesters")
POLICE = Actor("riot police", "Police", "KEN", "COP", "State forces")


def _article(article_id: str, body: str, published: dt.date) -> Article:
    title = f"Report {article_id}"
    text = f"{title}\n\n{body}"
    blocks = (Block("title", title, 0, len(title)), Block("body", body, len(title) + 2, len(text)))
    return Article(article_id, title, body, text, blocks, published, "Daily Wire", f"https://x.test/{article_id}",
                   "en", f"/in/{article_id}.txt")  # fmt: skip


def _protest(event_id: str, body: str, *, when: dt.date | None, where: Place | None, **changes) -> Event:
    event = Event(
        id=event_id,
        type="PROTEST",
        mode="demonstrate",
        cameo="141",
        acled=Acled("Protests", "Peaceful protest"),
        source=FARMERS,
        target=None,
        trigger="marched",
        mentions=[Mention(body, 0, len(body))],
        location=where,
        date=when,
        date_text="on Monday" if when else None,
        date_precision="day" if when else None,
    )
    return dataclasses.replace(event, **changes)


def _corpus() -> list[Extraction | Failure]:
    first = "Hundreds of farmers marched through Nairobi on Monday to demand lower fertiliser prices."
    second = "Farmers marched in central Nairobi on Monday; riot police fired tear gas and injured 4 people."
    third = "Traders said they would not march in Mombasa next week."
    day = dt.date(2024, 3, 4)
    a = Extraction(
        _article("a1", first, dt.date(2024, 3, 5)),
        [Entity("Nairobi", "GPE", 32, 39)],
        [Quote("we cannot pay", FARMERS, 0, 13), Quote("calm returned", None, 20, 33)],
        [_protest("a1:0", first, when=day, where=NAIROBI)],
    )
    assault = Event(
        id="b1:1", type="ASSAULT", mode="beat", cameo="1823", acled=None, source=POLICE, target=FARMERS,
        trigger="fired", context=Context(reported=True), attributed_to=Actor("witnesses", "Witnesses"),
        mentions=[Mention(second, 0, 50), Mention(second, 51, len(second))], location=NAIROBI, date=day,
        date_text="on Monday", date_precision="day", date_inherited=True, injuries=4,
        casualty_text={"injuries": "injured 4 people"},
    )  # fmt: skip
    b = Extraction(
        _article("b1", second, dt.date(2024, 3, 6)), [], [], [_protest("b1:0", second, when=day, where=NAIROBI), assault]
    )
    c = Extraction(
        _article("c1", third, dt.date(2024, 3, 6)),
        [],
        [],
        [_protest("c1:0", third, when=None, where=MOMBASA, context=Context(negated=True))],
    )
    return [a, b, c, Failure("/in/broken.jsonl", "read", "line 3: malformed JSON")]


@pytest.fixture()
def published(tmp_path):
    layout = Layout.prepare(tmp_path / "out")
    write_results(_corpus(), layout)
    summary = layout.publish(engine="local", started=time.perf_counter(), options={})
    return tmp_path / "out", summary


def test_event_row_round_trips_every_field():
    b = _corpus()[1]
    for event in b.events:
        row = event_row(event, article=b.article)
        assert set(row) == set(EVENT_SCHEMA.names)
        assert event_from_row(row) == event


def test_events_partitioned_by_date_with_unknown_for_undated(published):
    out, summary = published
    partitions = sorted(p.name for p in (out / "events").iterdir())
    assert partitions == ["event_date=2024-03-04", "event_date=unknown"]
    assert (summary.articles, summary.events, summary.errors) == (3, 4, 1)
    assert not (out / "_staging").exists() and (out / "_manifest.json").is_file()


def test_duckdb_and_pandas_read_the_native_layout(published):
    out, _ = published
    rows = duckdb.sql(
        f"SELECT event_date, type, count(*) AS n FROM read_parquet('{out}/events/*/*.parquet', "
        "hive_partitioning=true) GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert [(str(d), t, n) for d, t, n in rows] == [
        ("2024-03-04", "ASSAULT", 1), ("2024-03-04", "PROTEST", 2), ("unknown", "PROTEST", 1)
    ]  # fmt: skip
    injured = duckdb.sql(
        f"SELECT source_sector, target_country, injuries, len(mentions) FROM read_parquet('{out}/events/*/*.parquet')"
        " WHERE type = 'ASSAULT'"
    ).fetchall()
    assert injured == [("COP", "KEN", 4, 2)]
    frame = pd.read_parquet(out / "events")
    assert set(frame["location_name"]) == {"Nairobi", "Mombasa"}
    mentions = pd.read_parquet(out / "mentions").sort_values(["event_id", "n"])
    assert mentions[mentions.event_id == "b1:1"]["n"].tolist() == [0, 1]
    assert len(mentions) == 5


def test_incidents_link_reports_across_articles(published):
    out, summary = published
    frame = pd.read_parquet(out / "events").set_index("id")
    # Two articles about Monday's Nairobi march: one incident, named after the earlier report.
    assert frame.loc["a1:0", "incident_id"] == frame.loc["b1:0", "incident_id"] == "incident:a1:0"
    assert frame.loc["b1:1", "incident_id"] == "incident:b1:1"
    assert pd.isna(frame.loc["c1:0", "incident_id"])  # negated: no happening to link
    assert summary.incidents == 2


def test_incidents_span_the_edge_of_a_date_bucket_as_in_the_store(tmp_path):
    from newsevents.store import Store

    edge = next(d for d in (dt.date(2024, 3, 1) + dt.timedelta(days=k) for k in range(8)) if d.toordinal() % 4 == 0)
    body = "Farmers marched through Nairobi to demand lower fertiliser prices."
    reports = [
        Extraction(_article(name, body, when + dt.timedelta(days=1)), [], [], [_protest(f"{name}:0", body, when=when,
                   where=NAIROBI)])
        for name, when in (("early", edge - dt.timedelta(days=1)), ("late", edge))
    ]  # fmt: skip
    layout = Layout.prepare(tmp_path / "out")
    write_results(reports, layout)
    layout.publish(engine="local", started=time.perf_counter(), options={})
    batch = pd.read_parquet(tmp_path / "out" / "events").set_index("id")["incident_id"].to_dict()
    assert batch == {"early:0": "incident:early:0", "late:0": "incident:early:0"}
    with Store(tmp_path / "events.db") as store:
        store.add(reports)
        assert [i["event_ids"] for i in store.incidents()] == [["early:0", "late:0"]]


def test_errors_dataset_names_input_and_reason(published):
    out, _ = published
    errors = pq.read_table(out / "errors").to_pylist()
    assert errors == [{"input": "/in/broken.jsonl", "record_id": None, "stage": "read",
                       "reason": "line 3: malformed JSON"}]  # fmt: skip


def test_load_parquet_dataset_gives_back_the_extractions(published):
    out, _ = published
    assert is_batch_output(out) and not is_batch_output(out / "events")
    loaded = {x.article.id: x for x in load_parquet_dataset(out)}
    for original in _corpus()[:3]:
        assert loaded[original.article.id].to_dict() == original.to_dict()


def test_rerun_replaces_instead_of_appending(published):
    out, _ = published
    layout = Layout.prepare(out)
    write_results(_corpus(), layout)
    summary = layout.publish(engine="local", started=time.perf_counter(), options={})
    assert summary.events == 4
    assert len(pd.read_parquet(out / "events")) == 4
    assert len(pd.read_parquet(out / "articles")) == 3


def test_empty_run_leaves_readable_empty_datasets(tmp_path):
    layout = Layout.prepare(tmp_path / "out")
    write_results([Failure("/in/x.bin", "read", "looks like a binary file")], layout)
    summary = layout.publish(engine="local", started=time.perf_counter(), options={})
    assert (summary.events, summary.errors) == (0, 1)
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/out/events/**/*.parquet')").fetchall()
    assert count == [(0,)]


def test_output_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "out.parquet"
    target.write_text("x")
    with pytest.raises(InputError, match="must be a directory"):
        Layout.prepare(target)


def test_load_refuses_a_directory_that_is_not_an_output(tmp_path):
    with pytest.raises(InputError, match="no events/ dataset"):
        next(load_parquet_dataset(tmp_path))


def test_raw_rows_carry_every_document_field():
    fields = {f.name for f in dataclasses.fields(RawDocument)}
    assert fields <= set(RAW_SCHEMA.names)
    items = [
        RawDocument("Flood waters rose in Dhaka.", title="Floods", published=dt.date(2023, 8, 1), url="https://n.test/1",
                    path="/in/a.jsonl", record_id="7", captions=("Residents wade",)),
        InputError("/in/a.jsonl", "line 2: malformed JSON"),
    ]  # fmt: skip
    back = list(documents_of(raw_table(items)))
    assert back[0] == items[0]
    assert (back[1].source, back[1].reason) == ("/in/a.jsonl", "line 2: malformed JSON")


def test_parquet_inputs_are_read_like_json_records(tmp_path):
    table = pa.table(
        {
            "id": ["n1", "n2"],
            "headline": ["Strike shuts port", "Empty"],
            "text": ["Dock workers in Durban walked off the job on Tuesday.", ""],
            "date": [dt.date(2022, 5, 3), dt.date(2022, 5, 4)],
        }
    )
    pq.write_table(table, tmp_path / "news.parquet")
    (source,) = plan_sources([str(tmp_path / "news.parquet")])
    assert source.parquet
    items = list(read_source(source, published=None))
    assert items[0].title == "Strike shuts port" and items[0].published == dt.date(2022, 5, 3)
    assert items[0].record_id == "n1"
    assert isinstance(items[1], InputError) and "empty" in items[1].reason
    overridden = next(read_source(source, published=dt.date(2022, 6, 1)))
    assert overridden.published == dt.date(2022, 6, 1)


def test_parquet_without_text_column_is_one_error(tmp_path):
    pq.write_table(pa.table({"id": [1, 2], "score": [0.5, 0.7]}), tmp_path / "scores.parquet")
    (source,) = plan_sources([str(tmp_path)])
    assert source.parquet
    (error,) = list(read_source(source, published=None))
    assert isinstance(error, InputError) and "no text column" in error.reason


def test_reader_forms_are_not_parquet(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "Protesters gathered in Lima."}\n')
    assert plan_sources([str(tmp_path), "-"]) == [Source(str(tmp_path), False), Source("-", False)]
