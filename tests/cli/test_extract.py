"""``newsevents extract``: JSON contract, human output, errors and exit codes."""

from __future__ import annotations

import json

from newsevents.cli import main

ARTICLE = (
    "Gunmen kill villagers\n\n"
    "Gunmen killed seven villagers in Zamfara state on Sunday, police said.\n\n"
    "Residents protested the killings in Gusau on Monday.\n"
)


def test_json_one_object_per_article(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE)
    code = main(["extract", str(path), "--date", "2024-06-04", "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["article"]["title"] == "Gunmen kill villagers"
    killing = next(e for e in record["events"] if e["type"] == "ASSAULT")
    assert killing["fatalities"] == 7
    assert killing["date"] == "2024-06-02"
    assert killing["context"]["reported"] is True
    assert "1 article extracted, 0 failed" in err


def test_human_output_lists_events_with_evidence(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE)
    assert main(["extract", str(path), "--date", "2024-06-04"]) == 0
    out = capsys.readouterr().out
    assert "ASSAULT" in out and "PROTEST" in out
    assert "Gunmen killed seven villagers" in out


def test_bad_input_reported_and_others_still_extracted(tmp_path, capsys):
    good = tmp_path / "story.txt"
    good.write_text(ARTICLE)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code = main(["extract", str(empty), str(tmp_path / "missing.txt"), str(good), "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(out.splitlines()) == 1
    assert "empty.txt" in err and "missing.txt" in err
    assert "1 article extracted, 2 failed" in err
    assert "Traceback" not in err


def test_unknown_model_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE)
    assert main(["extract", str(path), "--model", "no_such_pipeline"]) == 2
    assert "no_such_pipeline" in capsys.readouterr().err


def test_an_article_the_coders_fail_on_is_reported_and_skipped(tmp_path, capsys, unparsable_text):
    (tmp_path / "story.txt").write_text(ARTICLE)
    (tmp_path / "endless.txt").write_text(unparsable_text)
    code = main(["extract", str(tmp_path / "endless.txt"), str(tmp_path / "story.txt"), "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert [json.loads(line)["article"]["title"] for line in out.splitlines()] == ["Gunmen kill villagers"]
    assert "endless.txt: article " in err and "could not be coded" in err
    assert "1 article extracted, 1 failed" in err
