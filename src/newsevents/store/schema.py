"""The event database schema and its ordered migrations.

The schema version is SQLite's ``PRAGMA user_version``: migration *n* (1-based
position in :data:`MIGRATIONS`) brings a database from version *n - 1* to *n*,
in one transaction together with the version bump. A database whose version
is higher than ``len(MIGRATIONS)`` was written by a newer newsevents and is
refused.

>>> import sqlite3
>>> connection = sqlite3.connect(":memory:", isolation_level=None)
>>> migrate(connection)
1
"""

from __future__ import annotations

import sqlite3

from ..errors import Messages, StoreError

# Each entry is one script; never edit a released entry, append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        url          TEXT,
        version      INTEGER NOT NULL DEFAULT 1,
        latest       INTEGER NOT NULL DEFAULT 1,
        title        TEXT NOT NULL,
        body         TEXT NOT NULL,
        text         TEXT NOT NULL,
        blocks       TEXT NOT NULL,          -- JSON list of Block dicts
        published    TEXT,                   -- YYYY-MM-DD
        source       TEXT,
        language     TEXT,
        path         TEXT,
        entities     TEXT NOT NULL,          -- JSON list of Entity dicts
        quotes       TEXT NOT NULL,          -- JSON list of Quote dicts
        added_at     TEXT NOT NULL
    );
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_published ON articles(published);

    CREATE TABLE actors (
        seq        INTEGER PRIMARY KEY,
        key        TEXT NOT NULL UNIQUE,     -- JSON of the Actor dict
        text       TEXT NOT NULL,
        name       TEXT NOT NULL,
        country    TEXT,
        sector     TEXT,
        acled_type TEXT,
        code       TEXT                      -- country + sector, e.g. KAZCOP
    );
    CREATE INDEX actors_name ON actors(name);
    CREATE INDEX actors_country ON actors(country);
    CREATE INDEX actors_code ON actors(code);

    CREATE TABLE places (
        seq       INTEGER PRIMARY KEY,
        key       TEXT NOT NULL UNIQUE,      -- JSON of the Place dict
        text      TEXT NOT NULL,
        name      TEXT NOT NULL,
        country   TEXT,
        admin1    TEXT,
        lat       REAL,
        lon       REAL,
        geonameid INTEGER,
        precision TEXT NOT NULL
    );

    CREATE TABLE events (
        seq                  INTEGER PRIMARY KEY,
        id                   TEXT NOT NULL UNIQUE,
        article_seq          INTEGER NOT NULL REFERENCES articles(seq),
        type                 TEXT NOT NULL,
        mode                 TEXT,
        cameo                TEXT,
        acled_event_type     TEXT,
        acled_sub_event_type TEXT,
        source_actor         INTEGER REFERENCES actors(seq),
        target_actor         INTEGER REFERENCES actors(seq),
        attributed_actor     INTEGER REFERENCES actors(seq),
        trigger              TEXT NOT NULL,
        negated              INTEGER NOT NULL,
        hypothetical         INTEGER NOT NULL,
        reported             INTEGER NOT NULL,
        background           INTEGER NOT NULL,
        place                INTEGER REFERENCES places(seq),
        country              TEXT,               -- of the place, copied for the filters
        lat                  REAL,
        lon                  REAL,
        date                 TEXT,
        date_text            TEXT,
        date_precision       TEXT,
        date_inherited       INTEGER NOT NULL,
        day                  TEXT,               -- date, else the article's publication date
        fatalities           INTEGER,
        injuries             INTEGER,
        arrested             INTEGER,
        block                TEXT,               -- incidents.blocking_key, NULL when not eligible
        data                 TEXT NOT NULL       -- the Event dict of the output contract (JSON)
    );
    CREATE INDEX events_article ON events(article_seq);
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_country ON events(country);
    CREATE INDEX events_day ON events(day);
    CREATE INDEX events_latlon ON events(lat, lon);
    CREATE INDEX events_source ON events(source_actor);
    CREATE INDEX events_target ON events(target_actor);
    CREATE INDEX events_block ON events(block, type);

    CREATE TABLE mentions (
        seq         INTEGER PRIMARY KEY,
        event_seq   INTEGER NOT NULL REFERENCES events(seq),
        article_seq INTEGER NOT NULL REFERENCES articles(seq),
        sentence    TEXT NOT NULL,
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL
    );
    CREATE INDEX mentions_event ON mentions(event_seq);

    CREATE TABLE incidents (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        type         TEXT NOT NULL,
        date         TEXT,
        place        INTEGER REFERENCES places(seq),
        country      TEXT,
        lat          REAL,
        lon          REAL,
        fatalities   INTEGER,
        injuries     INTEGER,
        confidence   REAL NOT NULL,
        source_actor INTEGER REFERENCES actors(seq),
        target_actor INTEGER REFERENCES actors(seq),
        figures      TEXT NOT NULL,              -- JSON list, one figure per reporting article
        n_events     INTEGER NOT NULL,
        n_articles   INTEGER NOT NULL,
        n_mentions   INTEGER NOT NULL
    );
    CREATE INDEX incidents_type ON incidents(type);
    CREATE INDEX incidents_date ON incidents(date);

    CREATE TABLE incident_members (
        event_seq    INTEGER PRIMARY KEY REFERENCES events(seq),
        incident_seq INTEGER NOT NULL REFERENCES incidents(seq),
        score        REAL NOT NULL               -- match score when the event joined (1.0 for the founder)
    );
    CREATE INDEX incident_members_incident ON incident_members(incident_seq);
    """,
    # 2: the same text met again under another URL, source or file (syndicated copies) is kept as a copy
    """
    CREATE TABLE article_copies (
        seq         INTEGER PRIMARY KEY,
        article_seq INTEGER NOT NULL REFERENCES articles(seq),
        url         TEXT,
        source      TEXT,
        published   TEXT,
        path        TEXT,
        added_at    TEXT NOT NULL
    );
    CREATE UNIQUE INDEX article_copies_where ON article_copies(
        article_seq, coalesce(url, ''), coalesce(source, ''), coalesce(path, '')
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def version(connection: sqlite3.Connection) -> int:
    return connection.execute("PRAGMA user_version").fetchone()[0]


def migrate(connection: sqlite3.Connection, *, path: str = ":memory:") -> int:
    """Bring ``connection`` (autocommit mode) to :data:`SCHEMA_VERSION`; return it.

    Raises :class:`StoreError` when the database is newer than this code.
    """
    current = version(connection)
    if current > SCHEMA_VERSION:
        raise StoreError(Messages.DB_NEWER.format(path=path, found=current, supported=SCHEMA_VERSION))
    for number in range(current + 1, SCHEMA_VERSION + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if version(connection) < number:
                for statement in MIGRATIONS[number - 1].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {number}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
