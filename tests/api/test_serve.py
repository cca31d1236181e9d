"""``newsevents serve``: options reach uvicorn, loopback by default, a warning when exposed without a token."""

from __future__ import annotations

import logging

import pytest
import uvicorn

from newsevents.cli import build_parser


@pytest.fixture()
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    monkeypatch.delenv("NEWSEVENTS_TOKEN", raising=False)
    return calls


def serve(*argv: str) -> int:
    args = build_parser().parse_args(["serve", *argv])
    return args.func(args)


def test_serve_binds_loopback_by_default(tmp_path, served, caplog):
    with caplog.at_level(logging.WARNING):
        assert serve("--db", str(tmp_path / "events.db")) == 0
    app, options = served[0]
    assert (options["host"], options["port"]) == ("127.0.0.1", 8000)
    assert app.state.token is None and (tmp_path / "events.db").exists()
    assert "without --token" not in caplog.text


def test_serve_warns_when_exposed_without_a_token(tmp_path, served, caplog):
    with caplog.at_level(logging.WARNING):
        serve("--db", str(tmp_path / "events.db"), "--host", "0.0.0.0", "--port", "8123")
    assert served[0][1]["host"] == "0.0.0.0" and served[0][1]["port"] == 8123
    assert "serving on 0.0.0.0 without --token" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        serve("--db", str(tmp_path / "events.db"), "--host", "0.0.0.0", "--token", "s3cret")
    assert served[1][0].state.token == "s3cret"
    assert "without --token" not in caplog.text


def test_serve_rejects_a_bad_body_limit(tmp_path, capsys):
    with pytest.raises(SystemExit):
        serve("--db", str(tmp_path / "events.db"), "--max-body", "-5")
    assert "expected a positive integer" in capsys.readouterr().err
