"""``newsevents ingest``, ``query`` and ``export``: the event database from the command line.

    newsevents ingest news.jsonl pages/ --workers 2
    newsevents query --type ASSAULT --country KAZ --since 2022-01-01
    newsevents export --format csv --layout acled --country KAZ -o kaz.csv
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from .. import nlp
from .inputs import exit_status, parse_date_option, positive_int

if TYPE_CHECKING:
    from rich.table import Table

FILTER_OPTIONS = (
    ("--type", "TYPES", "PLOVER event types, comma-separated (e.g. ASSAULT,PROTEST)"),
    ("--country", "ISO3", "ISO alpha-3 code(s) of the event location or of either actor (e.g. KAZ,RUS)"),
    ("--actor", "TEXT", "part of an actor's name, or an actor code (RUS, KAZCOP, MIL)"),
    ("--since", "YYYY-MM-DD", "events on or after this date (event date, else publication date)"),
    ("--until", "YYYY-MM-DD", "events on or before this date"),
    ("--near", "LAT,LON,KM", "events within KM kilometres of LAT,LON"),
    ("--text", "TEXT", "part of the evidence sentence or of the article title"),
)


def _db_option(parser: argparse.ArgumentParser) -> None:
    from ..store import default_db_path

    parser.add_argument("--db", metavar="PATH",
                        help=f"event database (default: $NEWSEVENTS_DB or {default_db_path()})")  # fmt: skip


def _filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    for flag, metavar, help_text in FILTER_OPTIONS:
        group.add_argument(flag, metavar=metavar, help=help_text)


def _filters(args: argparse.Namespace):
    from ..store import Filters

    return Filters.from_strings(**{flag[2:]: getattr(args, flag[2:]) for flag, _, _ in FILTER_OPTIONS})


def register(subparsers: argparse._SubParsersAction) -> None:
    ingest = subparsers.add_parser(
        "ingest",
        help="extract articles into the event database (skips what is already stored)",
        description="Read every input (files, directories, '-', JSONL, HTML, feeds), extract its events and store "
        "them with their incidents. Articles already stored are skipped; each batch is one transaction, so an "
        "interrupted run can simply be run again.",
    )
    ingest.add_argument("inputs", nargs="+", metavar="PATH", help="file, directory, JSONL, feed, or - for stdin")
    _db_option(ingest)
    ingest.add_argument("--workers", type=positive_int, default=1, metavar="N", help="extraction processes (default 1)")
    ingest.add_argument("--date", type=parse_date_option, metavar="YYYY-MM-DD", help="publication date for inputs that give none")
    ingest.add_argument("--batch-size", type=positive_int, default=nlp.DEFAULT_BATCH_SIZE, metavar="N",
                        help=f"articles per parsing batch and per transaction (default {nlp.DEFAULT_BATCH_SIZE})")  # fmt: skip
    ingest.set_defaults(func=run_ingest)

    query = subparsers.add_parser(
        "query",
        help="list stored events or incidents",
        description="Print the stored events (or incidents) matching every filter given, oldest first.",
    )
    _db_option(query)
    _filter_options(query)
    query.add_argument("--limit", type=positive_int, default=50, metavar="N", help="at most N rows (default 50)")
    query.add_argument("--incidents", action="store_true", help="list incidents instead of events")
    query.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
    query.set_defaults(func=run_query)

    export = subparsers.add_parser(
        "export",
        help="write stored events as CSV, JSONL, Parquet or GeoJSON",
        description="Write every stored event matching the filters to a file, in newsevents' own columns or in "
        "the ACLED or CAMEO (GDELT event table) layout.",
    )
    _db_option(export)
    export.add_argument("--format", choices=("csv", "jsonl", "parquet", "geojson"),
                        help="file format (default: from the file extension)")  # fmt: skip
    export.add_argument("--layout", choices=("native", "acled", "cameo"), default="native",
                        help="columns: newsevents' own (default), ACLED's or GDELT's event table")  # fmt: skip
    _filter_options(export)
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="output file, or - for stdout")
    export.set_defaults(func=run_export)


def _open(args: argparse.Namespace, *, readonly: bool):
    from ..store import Store

    return Store(args.db, readonly=readonly)


def run_ingest(args: argparse.Namespace) -> int:
    from rich.console import Console

    from ..store.ingest import ingest
    from .progress import article_progress

    console = Console(stderr=True)
    with _open(args, readonly=False) as store, article_progress("ingest", args.inputs, console=console) as advance:
        run = ingest(
            store, args.inputs, published=args.date, workers=args.workers, batch_size=args.batch_size, advance=advance
        )
        path = store.path
    s = run.summary
    rate = s.read / s.elapsed if s.elapsed else 0.0
    console.print(
        f"{s.read} articles read: {s.stored} stored, {s.already_present} already present; "
        f"{s.events} events, {s.incidents} new incidents; {s.failed} failed inputs; "
        f"{s.elapsed:.1f} s ({rate:.1f} articles/s) -> {path}",
        highlight=False,
        soft_wrap=True,
    )
    for error in run.errors:
        console.print(f"  skipped: {error}", highlight=False, markup=False, soft_wrap=True)
    if s.failed > len(run.errors):
        console.print(f"  ... and {s.failed - len(run.errors)} more (use -v to see them all)", soft_wrap=True)
    return exit_status(done=s.read, failed=s.failed)


def _actor(actor: dict | None) -> str:
    if not actor:
        return ""
    code = (actor.get("country") or "") + (actor.get("sector") or "")
    return f"{actor['name']} ({code})" if code else actor["name"]


def _place(place: dict | None) -> str:
    if not place:
        return ""
    return ", ".join(dict.fromkeys(filter(None, (place.get("name"), place.get("admin1"), place.get("country")))))


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


WIDE_COLUMN_CHARS = 28
MIN_WIDE_CHARS = 8
MIN_EVIDENCE_CHARS = 20


def _table(columns: tuple[tuple[str, str], ...], rows: list[tuple[str, ...]], *, width: int) -> Table:
    """One line per row within ``width``: short columns keep their width, names are cut with an
    ellipsis (at :data:`WIDE_COLUMN_CHARS`, less when the row does not fit), and the evidence is cut
    to the width that is left.

    Widths are set here because Rich, given a no-wrap column longer than the terminal, squeezes
    the other columns to nothing.
    """
    from rich import box
    from rich.table import Column, Table

    natural = [max([len(name), *(len(row[i]) for row in rows)]) for i, (name, _) in enumerate(columns)]
    borders = len(columns) - 1  # one space between columns
    evidence = MIN_EVIDENCE_CHARS if any(shape == "rest" for _, shape in columns) else 0
    cap = WIDE_COLUMN_CHARS
    while True:  # narrow the wide columns until the row fits (or they are as narrow as is readable)
        widths = [min(n, cap) if shape == "wide" else n for n, (_, shape) in zip(natural, columns)]
        fixed = sum(w for w, (_, shape) in zip(widths, columns) if shape != "rest")
        if fixed + evidence + borders <= width or cap <= MIN_WIDE_CHARS:
            break
        cap -= 1
    for i, (_, shape) in enumerate(columns):
        if shape == "rest":
            others = sum(w for j, w in enumerate(widths) if j != i)
            widths[i] = max(MIN_EVIDENCE_CHARS, min(natural[i], width - borders - others))
    table = Table(*(Column(name, width=w, no_wrap=True, overflow="ellipsis") for (name, _), w in zip(columns, widths)),
                  box=box.SIMPLE_HEAD, padding=0, show_edge=False)  # fmt: skip
    for row in rows:
        table.add_row(*row)
    return table


def run_query(args: argparse.Namespace) -> int:
    from rich.console import Console

    filters = _filters(args)
    with _open(args, readonly=True) as store:
        found = (store.incidents if args.incidents else store.events)(filters, limit=args.limit)
    if args.json:
        for row in found:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 0
    if args.incidents:
        columns = (("id", "wide"), ("date", "short"), ("type", "short"), ("location", "wide"), ("killed", "short"),
                   ("injured", "short"), ("events", "short"), ("articles", "short"), ("confidence", "short"))
        rows = [(i["id"], i["date"] or "", i["type"], _place(i["location"]), _count(i["fatalities"]),
                 _count(i["injuries"]), str(i["n_events"]), str(i["n_articles"]), f"{i['confidence']:.2f}")
                for i in found]  # fmt: skip
    else:
        columns = (("seq", "short"), ("date", "short"), ("type", "short"), ("source", "wide"), ("target", "wide"),
                   ("location", "wide"), ("killed", "short"), ("evidence", "rest"))
        rows = [(str(e["seq"]), e.get("date") or e.get("published") or "", e["type"], _actor(e.get("source")),
                 _actor(e.get("target")), _place(e.get("location")), _count(e.get("fatalities")),
                 " ".join((e.get("mentions") or [{}])[0].get("sentence", "").split()))
                for e in found]  # fmt: skip
    console = Console()
    console.print(_table(columns, rows, width=console.width))
    console.print(f"{len(found)} {'incidents' if args.incidents else 'events'}", style="dim", highlight=False)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..store.export import export

    filters = _filters(args)
    with _open(args, readonly=True) as store:
        summary = export(store, args.output, format=args.format, layout=args.layout, filters=filters)
    skipped = ", ".join(f"{n} {reason}" for reason, n in summary.skipped.most_common())
    where = "stdout" if args.output == "-" else args.output
    print(f"{summary.rows} rows -> {where}" + (f" (skipped: {skipped})" if skipped else ""), file=sys.stderr)
    return 0
