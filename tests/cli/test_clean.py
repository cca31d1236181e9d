"""``newsevents clean``: output formats, error lines, summary line and exit codes."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest

import newsevents.cli as cli

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


@pytest.fixture
def run(monkeypatch, capsys):
    """``newsevents ARGS`` in-process with only the ``clean`` subcommand: (exit code, stdout, stderr lines)."""
    monkeypatch.setattr(cli, "SUBCOMMAND_MODULES", ("clean",))

    def invoke(*args: str) -> tuple[int, str, list[str]]:
        try:
            code = cli.main(["clean", *map(str, args)])
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err.splitlines()

    return invoke


def test_json_output_one_object_per_article(run, example_path):
    code, out, err = run(example_path, ARTICLES / "records.jsonl", "--json", "--date", "2022-01-06")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ["newsevents: 4 articles cleaned, 0 failed"]
    first = records[0]
    assert first["title"] == "Russia sends troops into Kazakhstan to quell protests"
    assert len(first["captions"]) == 3 and len(first["credits"]) == 3 and first["published"] == "2022-01-06"
    assert {r["published"] for r in records} == {"2022-01-06"}
    assert set(first) >= {"id", "body", "blocks", "boilerplate", "source", "url", "language", "path"}


def test_human_output_shows_title_captions_credits_and_body(run):
    code, out, err = run(ARTICLES / "reuters-style.txt")
    assert code == 0
    assert "Strikers block refinery gates in northern France" in out
    assert "credit: REUTERS/Benoit Tessier" in out and "caption: Union members stand by a brazier" in out
    assert "Workers at a TotalEnergies refinery" in out


def test_bad_inputs_are_reported_one_line_each_and_others_still_read(run, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text('{"text": "Rebels seized the town of Goma."}\n{oops\n')
    code, out, err = run(tmp_path / "empty.txt", tmp_path / "missing.html", tmp_path / "bad.jsonl", ARTICLES / "wire.rss",
                         "--json")  # fmt: skip
    assert code == 1
    assert err == [
        f"newsevents: {tmp_path / 'empty.txt'}: the input is empty",
        f"newsevents: {tmp_path / 'missing.html'}: no such file or directory",
        f"newsevents: {tmp_path / 'bad.jsonl'}: malformed JSON at line 2: Expecting property name enclosed in double quotes",
        "newsevents: 3 articles cleaned, 3 failed",
    ]
    assert len(out.splitlines()) == 3


def test_bad_date_option_is_a_usage_error(run, example_path):
    code, _, err = run(example_path, "--date", "06/01/2022")
    assert code == 2 and err[-1].endswith("cannot read date '06/01/2022': expected YYYY-MM-DD")


def test_stdin(run, monkeypatch, example_path):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(example_path.read_bytes())))
    code, out, err = run("-", "--json")
    assert code == 0 and json.loads(out)["path"] is None and err == ["newsevents: 1 article cleaned, 0 failed"]


def test_console_script(tmp_path, example_path):
    if shutil.which("newsevents") is None:
        pytest.skip("the newsevents console script is not installed")
    if importlib.util.find_spec("newsevents.cli.extract") is None:
        pytest.skip("newsevents.cli.extract (another subcommand the parser loads) is not there yet")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    done = subprocess.run(["newsevents", "clean", "--json", str(example_path), str(binary)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"newsevents: {binary}: looks like a binary file, not text, HTML, JSON or a feed",
        "newsevents: 1 article cleaned, 1 failed",
    ]
    assert json.loads(done.stdout)["title"] == "Russia sends troops into Kazakhstan to quell protests"
