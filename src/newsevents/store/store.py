"""The event store: extractions in (idempotently), events and incidents out.

>>> import tempfile, pathlib
>>> from newsevents.records import Article, Block, Extraction
>>> body = "Police arrested 12 protesters in Lagos."
>>> article = Article("a1", "Arrests", body, body, (Block("body", body, 0, len(body)),))
>>> with Store(pathlib.Path(tempfile.mkdtemp()) / "events.db") as store:
...     first = store.add([Extraction(article, [], [], [])])
...     again = store.add([Extraction(article, [], [], [])])
>>> first.stored, again.stored, again.already_present
(1, 0, 1)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..records import Article, Extraction
from . import incidents as matching
from .db import connect, default_db_path, translated
from .filters import Filters, event_conditions

DEFAULT_BATCH_SIZE = 64
ROW_CACHE_SIZE = 50_000  # incident-matching rows kept in memory; the cache is dropped when full


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def content_hash(article: Article) -> str:
    """SHA-256 of the article's title and normalized text: the identity of one version."""
    digest = hashlib.sha256()
    digest.update(article.title.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(article.text.encode("utf-8"))
    return digest.hexdigest()


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest; summaries add up with ``+``."""

    read: int = 0
    stored: int = 0
    already_present: int = 0
    events: int = 0
    incidents: int = 0
    failed: int = 0
    elapsed: float = 0.0

    def __add__(self, other: IngestSummary) -> IngestSummary:
        return IngestSummary(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


_EVENT_SELECT = """
    SELECT e.seq, e.data, a.id, a.url, a.title, a.published, i.id
    FROM events e JOIN articles a ON a.seq = e.article_seq
    LEFT JOIN incident_members im ON im.event_seq = e.seq
    LEFT JOIN incidents i ON i.seq = im.incident_seq
"""
_INCIDENT_SELECT = """
    SELECT i.seq, i.id, i.type, i.date, p.key, i.fatalities, i.injuries, i.confidence, i.figures,
           s.key, t.key, i.n_events, i.n_articles, i.n_mentions
    FROM incidents i
    LEFT JOIN places p ON p.seq = i.place
    LEFT JOIN actors s ON s.seq = i.source_actor
    LEFT JOIN actors t ON t.seq = i.target_actor
"""


class Store:
    """The SQLite event database (WAL mode; safe to read while another process writes).

    ``Store()`` opens :func:`default_db_path`; ``readonly=True`` never writes
    or migrates. Use as a context manager or call :meth:`close`.
    """

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False) -> None:
        self.path = Path(path).expanduser() if path is not None else default_db_path()
        self.readonly = readonly
        self._db = connect(self.path, readonly=readonly)
        self._rows: dict[int, matching.EventRow] = {}  # event seq -> row, for incident matching

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- writing -------------------------------------------------------------------------------

    def add_copy(self, article: Article, *, digest: str | None = None) -> bool | None:
        """Keep the URL, source, date and file of ``article`` when its text is already stored from elsewhere
        (a syndicated copy); ``digest``: its :func:`content_hash`, when known.

        Returns None when the text is not stored, else whether a new copy was recorded (False when it
        was met at this place before: ingesting a file twice records nothing).
        """
        with translated(self.path):
            row = self._db.execute(
                "SELECT seq, url, source, path FROM articles WHERE content_hash = ?",
                (digest or content_hash(article),),
            ).fetchone()
            if row is None:
                return None
            if tuple(row[1:]) == (article.url, article.source, article.path):
                return False
            return self._db.execute(
                "INSERT OR IGNORE INTO article_copies (article_seq, url, source, published, path, added_at)"
                " VALUES (?,?,?,?,?,?)",
                (row[0], article.url, article.source, article.published.isoformat() if article.published else None,
                 article.path, _now()),
            ).rowcount == 1

    def add(self, extractions: Iterable[Extraction], *, batch_size: int = DEFAULT_BATCH_SIZE) -> IngestSummary:
        """Store extractions, ``batch_size`` articles per transaction; return what happened.

        Articles already stored (same content hash) are skipped; a changed text
        at a known URL is stored as a new version and becomes the latest.
        Raises :class:`StoreError` (nothing of the failing batch is kept) when
        the disk is full or the database read-only.
        """
        summary = IngestSummary()
        for batch in _batches(extractions, batch_size):
            with translated(self.path):
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    part = sum((self._add_one(x) for x in batch), IngestSummary())
                    self._db.execute("COMMIT")
                except BaseException:
                    self._rows.clear()  # rolled-back sequence numbers will be reused
                    if self._db.in_transaction:  # SQLite already rolled back on SQLITE_FULL
                        self._db.execute("ROLLBACK")
                    raise
            summary += part
        return summary

    def _scalar(self, sql: str, *params: Any) -> Any:
        with translated(self.path):
            row = self._db.execute(sql, params).fetchone()
        return row[0] if row else None

    def _add_one(self, extraction: Extraction) -> IngestSummary:
        article = extraction.article
        digest = content_hash(article)
        if self.add_copy(article, digest=digest) is not None:
            return IngestSummary(read=1, already_present=1)
        version = 1
        if article.url:
            version = (self._scalar("SELECT max(version) FROM articles WHERE url = ?", article.url) or 0) + 1
            self._db.execute("UPDATE articles SET latest = 0 WHERE url = ?", (article.url,))
        article_id = article.id
        if self._scalar("SELECT 1 FROM articles WHERE id = ?", article_id):
            article_id = f"{article.id}~{digest[:12]}"
        article_seq = self._db.execute(
            "INSERT INTO articles (id, content_hash, url, version, latest, title, body, text, blocks, published,"
            " source, language, path, entities, quotes, added_at) VALUES (?,?,?,?,1,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article_id, digest, article.url, version, article.title, article.body, article.text,
                _json([b.to_dict() for b in article.blocks]),
                article.published.isoformat() if article.published else None,
                article.source, article.language, article.path,
                _json([e.to_dict() for e in extraction.entities]),
                _json([q.to_dict() for q in extraction.quotes]),
                _now(),
            ),
        ).lastrowid  # fmt: skip
        new_incidents = 0
        for event in extraction.events:
            data = event.to_dict()
            # Ids derive from the article id, so a new version of an article repeats them.
            base, suffix = data["id"], 1
            while self._scalar("SELECT 1 FROM events WHERE id = ?", data["id"]):
                suffix += 1
                data["id"] = f"{base}~{suffix}"
            new_incidents += self._add_event(data, article_seq, article_id, article.published)
        return IngestSummary(read=1, stored=1, events=len(extraction.events), incidents=new_incidents)

    def _row_seq(self, table: str, record: dict[str, Any] | None, columns: dict[str, Any]) -> int | None:
        if record is None:
            return None
        key = _json(record)
        seq = self._scalar(f"SELECT seq FROM {table} WHERE key = ?", key)
        if seq is None:
            names = ["key", *columns]
            marks = ",".join("?" * len(names))
            seq = self._db.execute(
                f"INSERT INTO {table} ({','.join(names)}) VALUES ({marks})", (key, *columns.values())
            ).lastrowid
        return seq

    def _actor_seq(self, actor: dict[str, Any] | None) -> int | None:
        if actor is None:
            return None
        code = (actor.get("country") or "") + (actor.get("sector") or "") or None
        columns = {name: actor.get(name) for name in ("text", "name", "country", "sector", "acled_type")}
        return self._row_seq("actors", actor, {**columns, "code": code})

    def _place_seq(self, place: dict[str, Any] | None) -> int | None:
        if place is None:
            return None
        names = ("text", "name", "country", "admin1", "lat", "lon", "geonameid", "precision")
        return self._row_seq("places", place, {name: place.get(name) for name in names})

    def _add_event(self, data: dict[str, Any], article_seq: int, article_id: str, published: dt.date | None) -> int:
        """Insert one event, its mentions and its incident membership; return 1 if it founded an incident."""
        row = matching.EventRow.from_dict(data, article_id=article_id, published=published)
        eligible = matching.eligible(data)
        place = data.get("location") or {}
        acled = data.get("acled") or {}
        context = data.get("context") or {}
        day = data.get("date") or (published.isoformat() if published else None)
        event_seq = self._db.execute(
            "INSERT INTO events (id, article_seq, type, mode, cameo, acled_event_type, acled_sub_event_type,"
            " source_actor, target_actor, attributed_actor, trigger, negated, hypothetical, reported, background,"
            " place, country, lat, lon, date, date_text, date_precision, date_inherited, day, fatalities, injuries,"
            " arrested, block, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                data["id"], article_seq, data["type"], data.get("mode"), data.get("cameo"),
                acled.get("event_type"), acled.get("sub_event_type"),
                self._actor_seq(data.get("source")), self._actor_seq(data.get("target")),
                self._actor_seq(data.get("attributed_to")), data.get("trigger") or "",
                bool(context.get("negated")), bool(context.get("hypothetical")),
                bool(context.get("reported")), bool(context.get("background")),
                self._place_seq(data.get("location")), place.get("country"), place.get("lat"), place.get("lon"),
                data.get("date"), data.get("date_text"), data.get("date_precision"), bool(data.get("date_inherited")),
                day, data.get("fatalities"), data.get("injuries"), data.get("arrested"),
                matching.blocking_key(row) if eligible else None, _json(data),
            ),
        ).lastrowid  # fmt: skip
        self._db.executemany(
            'INSERT INTO mentions (event_seq, article_seq, sentence, start, "end") VALUES (?,?,?,?,?)',
            [(event_seq, article_seq, m["sentence"], m["start"], m["end"]) for m in data.get("mentions") or ()],
        )
        if not eligible:
            return 0
        return self._assign_incident(event_seq, row)

    def _candidates(self, row: matching.EventRow) -> list[tuple[int, matching.Cluster]]:
        """The incidents of ``row``'s neighbouring blocks with a compatible type (and date), oldest first."""
        keys = matching.neighbour_keys(row)
        types = sorted({row.type}.union(*(g for g in matching.COMPATIBLE_TYPES if row.type in g)))
        sql = (
            "SELECT DISTINCT im.incident_seq FROM events e JOIN incident_members im ON im.event_seq = e.seq"
            f" WHERE e.block IN ({','.join('?' * len(keys))}) AND e.type IN ({','.join('?' * len(types))})"
        )
        params: list[Any] = [*keys, *types]
        if row.date is not None and not keys[0].startswith("@"):
            window = dt.timedelta(days=matching.WINDOW_DAYS)
            sql += " AND e.date BETWEEN ? AND ?"
            params += [(row.date - window).isoformat(), (row.date + window).isoformat()]
        seqs = [seq for (seq,) in self._db.execute(sql + " ORDER BY im.incident_seq", params)]
        return [(seq, self._cluster(seq)) for seq in seqs]

    def _cluster(self, incident_seq: int) -> matching.Cluster:
        members = matching.Cluster()
        for event_seq, score in self._db.execute(
            "SELECT event_seq, score FROM incident_members WHERE incident_seq = ? ORDER BY event_seq", (incident_seq,)
        ).fetchall():
            members.members.append(self._event_row(event_seq))
            members.scores.append(score)
        return members

    def _event_row(self, event_seq: int) -> matching.EventRow:
        cached = self._rows.get(event_seq)
        if cached is None:
            data, article_id, published = self._db.execute(
                "SELECT e.data, a.id, a.published FROM events e JOIN articles a ON a.seq = e.article_seq"
                " WHERE e.seq = ?",
                (event_seq,),
            ).fetchone()
            cached = matching.EventRow.from_dict(json.loads(data), article_id=article_id, published=published)
            if len(self._rows) >= ROW_CACHE_SIZE:
                self._rows.clear()
            self._rows[event_seq] = cached
        return cached

    def _assign_incident(self, event_seq: int, row: matching.EventRow) -> int:
        candidates = self._candidates(row)
        found = matching.best_cluster(row, [c for _, c in candidates])
        if found is None:
            incident_seq = self._db.execute(
                "INSERT INTO incidents (id, type, confidence, figures, n_events, n_articles, n_mentions)"
                " VALUES (?, ?, 1.0, '[]', 0, 0, 0)",
                (f"incident:{row.id}", row.type),
            ).lastrowid
            members, score = matching.Cluster(), 1.0
        else:
            incident_seq, members = candidates[found[0]]
            score = found[1]
        self._db.execute(
            "INSERT INTO incident_members (event_seq, incident_seq, score) VALUES (?,?,?)",
            (event_seq, incident_seq, score),
        )
        members.members.append(row)
        members.scores.append(score)
        self._write_summary(incident_seq, matching.summarize(members))
        return int(found is None)

    def _write_summary(self, incident_seq: int, summary: matching.Summary) -> None:
        place = summary.location
        self._db.execute(
            "UPDATE incidents SET type = ?, date = ?, place = ?, country = ?, lat = ?, lon = ?, fatalities = ?,"
            " injuries = ?, confidence = ?, source_actor = ?, target_actor = ?, figures = ?, n_events = ?,"
            " n_articles = ?, n_mentions = ? WHERE seq = ?",
            (
                summary.type, summary.date.isoformat() if summary.date else None,
                self._place_seq(place.to_dict() if place else None),
                place.country if place else None, place.lat if place else None, place.lon if place else None,
                summary.fatalities, summary.injuries, summary.confidence,
                self._actor_seq(summary.source.to_dict() if summary.source else None),
                self._actor_seq(summary.target.to_dict() if summary.target else None),
                _json([_figure_dict(f) for f in summary.figures]),
                summary.n_events, summary.n_articles, summary.n_mentions, incident_seq,
            ),
        )  # fmt: skip

    # -- reading -------------------------------------------------------------------------------

    def _query(self, sql: str, params: list[Any]) -> list[tuple]:
        with translated(self.path):
            return self._db.execute(sql, params).fetchall()

    def events(self, filters: Filters | None = None, *, limit: int = 100, after: int | None = None) -> list[dict]:
        """Events matching ``filters`` in storage order, at most ``limit``, after the ``seq`` cursor ``after``."""
        where, params = event_conditions(filters)
        if after is not None:
            where.append("e.seq > ?")
            params.append(after)
        rows = self._query(f"{_EVENT_SELECT} WHERE {' AND '.join(where)} ORDER BY e.seq LIMIT ?", [*params, limit])
        return [_event_dict(row) for row in rows]

    def incidents(self, filters: Filters | None = None, *, limit: int = 100, after: int | None = None) -> list[dict]:
        """Incidents with at least one event matching ``filters``, in creation order."""
        where, params = event_conditions(filters)
        clauses = [
            "i.seq IN (SELECT im.incident_seq FROM incident_members im JOIN events e ON e.seq = im.event_seq"
            f" JOIN articles a ON a.seq = e.article_seq WHERE {' AND '.join(where)})"
        ]
        if after is not None:
            clauses.append("i.seq > ?")
            params.append(after)
        rows = self._query(f"{_INCIDENT_SELECT} WHERE {' AND '.join(clauses)} ORDER BY i.seq LIMIT ?", [*params, limit])
        members: dict[int, list[tuple[str, str]]] = {row[0]: [] for row in rows}
        if members:
            marks = ",".join("?" * len(members))
            for incident_seq, event_id, article_id in self._query(
                "SELECT im.incident_seq, e.id, a.id FROM incident_members im JOIN events e ON e.seq = im.event_seq"
                f" JOIN articles a ON a.seq = e.article_seq WHERE im.incident_seq IN ({marks}) ORDER BY e.seq",
                list(members),
            ):
                members[incident_seq].append((event_id, article_id))
        return [_incident_dict(row, members[row[0]]) for row in rows]

    def article(self, article_id: str) -> dict | None:
        """The stored article (``Article.to_dict()`` plus ``version``/``latest``) with its events."""
        rows = self._query(
            "SELECT seq, id, title, body, blocks, published, source, url, language, path, version, latest"
            " FROM articles WHERE id = ?",
            [article_id],
        )
        if not rows:
            return None
        seq, aid, title, body, blocks, published, source, url, language, path, version, latest = rows[0]
        block_list = json.loads(blocks)
        result = {
            "id": aid,
            "title": title,
            "body": body,
            "captions": [b["text"] for b in block_list if b["kind"] == "caption"],
            "credits": [b["text"] for b in block_list if b["kind"] == "credit"],
            "boilerplate": [b["text"] for b in block_list if b["kind"] == "boilerplate"],
            "blocks": block_list,
            "published": published,
            "source": source,
            "url": url,
            "language": language,
            "path": path,
            "version": version,
            "latest": bool(latest),
        }
        result["copies"] = [
            dict(zip(("url", "source", "published", "path"), copy))
            for copy in self._query(
                "SELECT url, source, published, path FROM article_copies WHERE article_seq = ? ORDER BY seq", [seq]
            )
        ]
        event_rows = self._query(f"{_EVENT_SELECT} WHERE e.article_seq = ? ORDER BY e.seq", [seq])
        result["events"] = [_event_dict(row) for row in event_rows]
        return result

    def stats(self, filters: Filters | None = None) -> dict:
        """Counts by type, by location country and by day (and type) of the matching events."""
        where, params = event_conditions(filters)
        base = f"FROM events e JOIN articles a ON a.seq = e.article_seq WHERE {' AND '.join(where)}"
        by_type = dict(self._query(f"SELECT e.type, count(*) {base} GROUP BY e.type ORDER BY count(*) DESC", params))
        by_country = dict(
            self._query(
                f"SELECT e.country, count(*) {base} AND e.country IS NOT NULL GROUP BY e.country"
                " ORDER BY count(*) DESC",
                params,
            )
        )
        by_day: dict[str, dict[str, int]] = {}
        for day, kind, count in self._query(
            f"SELECT e.day, e.type, count(*) {base} AND e.day IS NOT NULL GROUP BY e.day, e.type ORDER BY e.day",
            params,
        ):
            by_day.setdefault(day, {})[kind] = count
        articles, incidents = self._query(
            f"SELECT count(DISTINCT e.article_seq), count(DISTINCT im.incident_seq) FROM events e"
            f" JOIN articles a ON a.seq = e.article_seq LEFT JOIN incident_members im ON im.event_seq = e.seq"
            f" WHERE {' AND '.join(where)}",
            params,
        )[0]
        if filters is None or filters.is_empty():
            articles = self._query("SELECT count(*) FROM articles WHERE latest = 1", [])[0][0]
        return {
            "by_type": by_type,
            "by_country": by_country,
            "by_day": by_day,
            "events": sum(by_type.values()),
            "articles": articles,
            "incidents": incidents,
        }

    def pages(self, filters: Filters | None = None, *, kind: str = "events", size: int = 1000) -> Iterator[list[dict]]:
        """Every matching event (or incident), ``size`` at a time, so memory stays flat."""
        fetch = self.incidents if kind == "incidents" else self.events
        after = None
        while page := fetch(filters, limit=size, after=after):
            yield page
            after = page[-1]["seq"]

    def frame(self, filters: Filters | None = None, *, kind: str = "events"):
        """Every matching event (or incident, ``kind="incidents"``) as a pandas DataFrame, one flat row each."""
        import pandas as pd
        import pyarrow as pa

        nullable = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
        return self.arrow(filters, kind=kind).to_pandas(types_mapper=nullable.get)

    def arrow(self, filters: Filters | None = None, *, kind: str = "events"):
        """Like :meth:`frame`, as a ``pyarrow.Table``."""
        from .export import table

        return table(self, filters, kind=kind)


def _figure_dict(figure: matching.Figure) -> dict[str, Any]:
    return {
        "fatalities": figure.fatalities,
        "injuries": figure.injuries,
        "article_id": figure.article_id,
        "published": figure.published.isoformat() if figure.published else None,
    }


def _event_dict(row: tuple) -> dict[str, Any]:
    seq, data, article_id, url, title, published, incident_id = row
    event = json.loads(data)
    event.update(
        seq=seq,
        article_id=article_id,
        incident_id=incident_id,
        source_url=url,
        article_title=title,
        published=published,
    )
    return event


def _incident_dict(row: tuple, members: list[tuple[str, str]]) -> dict[str, Any]:
    (seq, iid, kind, date, place, fatalities, injuries, confidence, figures, source, target,
     n_events, n_articles, n_mentions) = row  # fmt: skip
    return {
        "seq": seq,
        "id": iid,
        "type": kind,
        "date": date,
        "location": json.loads(place) if place else None,
        "fatalities": fatalities,
        "injuries": injuries,
        "confidence": confidence,
        "event_ids": [event_id for event_id, _ in members],
        "article_ids": list(dict.fromkeys(article_id for _, article_id in members)),
        "figures": json.loads(figures),
        "source": json.loads(source) if source else None,
        "target": json.loads(target) if target else None,
        "n_events": n_events,
        "n_articles": n_articles,
        "n_mentions": n_mentions,
    }

