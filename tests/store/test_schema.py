from __future__ import annotations

import sqlite3

import pytest

from newsevents.errors import StoreError
from newsevents.store import Store, default_db_path
from newsevents.store import schema


def test_fresh_database_is_migrated_to_the_current_version(db_path):
    with Store(db_path):
        pass
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "events", "mentions", "actors", "places", "incidents", "incident_members"} <= tables
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_are_applied_once_and_in_order(tmp_path):
    connection = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    assert schema.migrate(connection) == schema.SCHEMA_VERSION
    assert schema.migrate(connection) == schema.SCHEMA_VERSION  # a no-op the second time


def test_database_from_a_newer_version_is_refused(db_path):
    with Store(db_path):
        pass
    connection = sqlite3.connect(db_path)
    connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="newer newsevents"):
        Store(db_path)
    with pytest.raises(StoreError, match="newer newsevents"):
        Store(db_path, readonly=True)


def test_a_database_of_an_older_version_is_upgraded_when_first_read(tmp_path):
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path, isolation_level=None)
    for statement in schema.MIGRATIONS[0].split(";"):
        if statement.strip():
            connection.execute(statement)
    connection.execute("PRAGMA user_version = 1")
    connection.close()
    with Store(path, readonly=True) as store:
        assert store.events() == []
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    connection.close()


def test_a_sqlite_file_of_another_program_is_refused_for_reading(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE notes (text TEXT)").connection.close()
    with pytest.raises(StoreError, match="not a newsevents database"):
        Store(path, readonly=True)


def test_a_file_that_is_not_a_database_is_reported(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a newsevents database"):
        Store(path)


def test_readonly_open_of_a_missing_database_fails_cleanly(tmp_path):
    with pytest.raises(StoreError, match="no such file"):
        Store(tmp_path / "missing.db", readonly=True)


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSEVENTS_DB", str(tmp_path / "mine.db"))
    assert default_db_path() == tmp_path / "mine.db"
    monkeypatch.delenv("NEWSEVENTS_DB")
    assert default_db_path().parts[-4:] == (".local", "share", "newsevents", "events.db")
