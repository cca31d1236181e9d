"""``newsevents ingest``, ``query`` and ``export`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from newsevents.cli import main
from newsevents.records import Acled, Actor, Article, Block, Event, Extraction, Mention, Place
from newsevents.store import Store



def _sample_db(path: Path) -> Path:
    sentence = "Riot police fired tear gas at protesters in Dhaka on Sunday, injuring 14 people."
    body = f"{sentence}\n\nThe protesters were demanding higher wages for garment workers."
    article = Article("bd-1", "Police tear-gas garment workers in Dhaka", body, body,
                      (Block("body", sentence, 0, len(sentence)),), None, "Example Wire",
                      "https://wire.example.com/dhaka", "en", None)  # fmt: skip
    dhaka = Place("Dhaka", "Dhaka", "BGD", "Dhaka Division", 23.7104, 90.4074, 1185241, "city")
    event = Event(
        id="bd-1-e1", type="ASSAULT", mode="beat", cameo="180", acled=Acled("Riots", "Violent demonstration"),
        source=Actor("Riot police", "Bangladesh Police", "BGD", "COP", "State forces"),
        target=Actor("protesters", "Protesters (Bangladesh)", "BGD", "OPP", "Protesters"), trigger="fired",
        mentions=[Mention(sentence, 0, len(sentence))], location=dhaka, date=__import__("datetime").date(2023, 11, 5),
        date_precision="day", injuries=14,
    )  # fmt: skip
    with Store(path) as store:
        store.add([Extraction(article, [], [], [event])])
    return path


@pytest.fixture()
def db(tmp_path) -> Path:
    return _sample_db(tmp_path / "events.db")


def test_query_prints_a_table(db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["query", "--db", str(db), "--country", "BGD"]) == 0
    out = capsys.readouterr().out
    assert "ASSAULT" in out and "Bangladesh Police (BGDCOP)" in out and "1 events" in out


@pytest.mark.parametrize("columns", [80, 100])
def test_query_table_keeps_one_line_per_row_in_a_narrow_terminal(db, capsys, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["query", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines[2:] if not line.endswith("events")]
    assert len(rows) == int(lines[-1].split()[0]) == 1
    assert all(len(line) <= columns for line in lines)
    assert rows[0].split()[:3] == ["1", "2023-11-05", "ASSAULT"] and "Riot police fired" in rows[0]


def test_query_json_lines(db, capsys):
    assert main(["query", "--db", str(db), "--json", "--near", "23.8,90.4,25"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    event = json.loads(line)
    assert (event["id"], event["injuries"], event["source_url"]) == ("bd-1-e1", 14, "https://wire.example.com/dhaka")


def test_query_incidents(db, capsys):
    assert main(["query", "--db", str(db), "--incidents", "--json"]) == 0
    incident = json.loads(capsys.readouterr().out)
    assert incident["event_ids"] == ["bd-1-e1"] and incident["injuries"] == 14


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "--since", "yesterday"], "bad since filter 'yesterday'"),
        (["query", "--near", "23.8,90.4"], "LAT,LON,KM"),
        (["query", "--type", "RIOT"], "PLOVER type"),
        (["export", "-o", "out.xlsx"], "unknown format 'xlsx'"),
    ],
)
def test_bad_options_exit_2_with_a_message(db, capsys, argv, message):
    assert main([*argv, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_query_on_a_missing_database_explains(tmp_path, capsys):
    assert main(["query", "--db", str(tmp_path / "none.db")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_export_acled_csv(db, tmp_path, capsys):
    out = tmp_path / "acled.csv"
    assert main(["export", "--db", str(db), "--layout", "acled", "-o", str(out)]) == 0
    frame = pd.read_csv(out)
    assert frame.loc[0, "event_type"] == "Riots" and frame.loc[0, "interaction"] == 16
    assert "1 rows" in capsys.readouterr().err


def test_export_geojson_to_stdout(db, capsys):
    assert main(["export", "--db", str(db), "--format", "geojson", "-o", "-"]) == 0
    collection = json.loads(capsys.readouterr().out)
    assert collection["features"][0]["geometry"]["coordinates"] == [90.4074, 23.7104]


def test_ingest_the_example_then_again(example_path, tmp_path, capsys):
    db = tmp_path / "events.db"
    assert main(["ingest", str(example_path), "--date", "2022-01-06", "--db", str(db)]) == 0
    first = capsys.readouterr().err
    assert "1 articles read: 1 stored" in first
    assert main(["ingest", str(example_path), "--date", "2022-01-06", "--db", str(db)]) == 0
    assert "1 articles read: 0 stored, 1 already present; 0 events" in capsys.readouterr().err
    with Store(db, readonly=True) as store:
        events = store.events(limit=1000)
        stats = store.stats()
    assert events and stats["by_country"].get("KAZ")
    assert {"ASSAULT", "PROTEST"} & set(stats["by_type"])


def test_ingest_reports_bad_inputs_and_goes_on(tmp_path, capsys):
    corpus = tmp_path / "news.jsonl"
    good = {"title": "Protest in Lima", "text": "Thousands of students marched in Lima on Monday against the "
            "new education law, and police detained 12 of them.", "date": "2023-05-08"}  # fmt: skip
    corpus.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n")
    db = tmp_path / "events.db"
    assert main(["ingest", str(corpus), str(tmp_path / "missing.html"), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "1 articles read: 1 stored" in err and "3 failed inputs" in err
    assert "missing.html" in err and "malformed JSON" in err


def test_ingest_keeps_where_a_repeated_text_was_found(tmp_path, capsys):
    story = {"title": "Arrests at the port", "text": "Police in Santos arrested eleven dock workers on Monday "
             "during a strike over unpaid wages, their union said.", "date": "2023-05-08"}  # fmt: skip
    copies = [{**story, "url": f"https://{site}/port-strike"} for site in ("wire.example", "daily.example")]
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps(c) + "\n" for c in copies))
    db = tmp_path / "events.db"
    for _ in range(2):  # the second run finds both copies already known
        assert main(["ingest", str(corpus), "--db", str(db)]) == 0
    assert "1 stored, 1 already present" in capsys.readouterr().err.splitlines()[0]
    with Store(db, readonly=True) as store:
        (article_id,) = {e["article_id"] for e in store.events()}
        stored = store.article(article_id)
    assert stored["url"] == "https://wire.example/port-strike"
    assert [c["url"] for c in stored["copies"]] == ["https://daily.example/port-strike"]


def test_ingest_skips_an_article_the_coders_fail_on(tmp_path, capsys, unparsable_text):
    corpus = tmp_path / "news.jsonl"
    endless = {"title": "Endless", "text": unparsable_text, "date": "2023-05-01"}
    good = {"title": "Protest in Lima", "text": "Thousands of students marched in Lima on Monday against the "
            "new education law.", "date": "2023-05-08"}  # fmt: skip
    corpus.write_text(json.dumps(endless) + "\n" + json.dumps(good) + "\n")
    db = tmp_path / "events.db"
    assert main(["ingest", str(corpus), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "1 stored" in err and "1 failed input" in err
    assert "could not be coded" in err
    assert main(["query", "--db", str(db), "--json"]) == 0
    assert {json.loads(line)["type"] for line in capsys.readouterr().out.splitlines()} == {"PROTEST"}


def test_ingest_rejects_a_bad_worker_count(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["ingest", "x.txt", "--workers", "0", "--db", str(tmp_path / "e.db")])
    assert "positive integer" in capsys.readouterr().err


