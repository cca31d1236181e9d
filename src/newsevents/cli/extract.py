"""``newsevents extract PATH...``: code the events of articles.

A listing per article by default (each event: coding, then its evidence); with ``--json`` one object per article per
line, the output contract of the README. Unreadable inputs are reported like
``newsevents clean`` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from ..nlp import DEFAULT_BATCH_SIZE, DEFAULT_MODEL
from ..records import Actor, Event, Extraction
from .inputs import InputTally, add_input_arguments, positive_int

EVIDENCE_CHARS = 160


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="code the political events of articles (PLOVER, CAMEO, ACLED)",
        description="Read articles and print every event they report: who did what to whom, where, when, "
        "with how many killed or injured, each tied to its sentence.",
    )
    add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object per article per line")
    parser.add_argument("--model", default=DEFAULT_MODEL, help=f"installed spaCy pipeline (default {DEFAULT_MODEL})")
    parser.add_argument("--workers", type=positive_int, default=1, help="processes to spread articles over (default 1)")
    parser.add_argument("--batch-size", type=positive_int, default=DEFAULT_BATCH_SIZE, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def _actor(actor: Actor | None) -> str:
    if actor is None:
        return ""
    code = "/".join(part for part in (actor.country, actor.sector) if part)
    return f"{actor.name} [{code}]" if code else actor.name


def _flags(event: Event) -> str:
    context = event.context
    flags = [name for name in ("negated", "hypothetical", "reported", "background") if getattr(context, name)]
    return ", ".join(flags)


def _casualties(event: Event) -> str:
    parts = []
    if event.fatalities is not None:
        parts.append(f"{event.fatalities} killed")
    if event.injuries is not None:
        parts.append(f"{event.injuries} injured")
    return ", ".join(parts)


def _render(extraction: Extraction) -> Text:
    """One heading per article, then two lines per event: the coding, then its evidence."""
    article = extraction.article
    text = Text()
    text.append(article.title or "(no title)", style="bold")
    text.append(f"  {article.published or 'no date'}  {len(extraction.events)} events\n", style="dim")
    for number, event in enumerate(extraction.events, 1):
        text.append(f"{number:>3} ")
        text.append(event.type + (f"/{event.mode}" if event.mode else ""), style="bold cyan")
        text.append(f" cameo {event.cameo or '-'}")
        if event.acled:
            text.append(f" · {event.acled.sub_event_type}", style="magenta")
        text.append(f"\n    {_actor(event.source) or '?'} → {_actor(event.target) or '-'}")
        details = [
            f"@ {event.location.name}" if event.location else "",
            event.date.isoformat() if event.date else "",
            _casualties(event),
            _flags(event),
        ]
        text.append("  " + "  ".join(d for d in details if d), style="green")
        evidence = event.mentions[0].sentence if event.mentions else ""
        if len(evidence) > EVIDENCE_CHARS:
            evidence = evidence[:EVIDENCE_CHARS].rstrip() + " …"
        text.append(f"\n    “{evidence}”\n", style="dim")
    return text


def run(args: argparse.Namespace) -> int:
    # Imported here so that other subcommands start without loading the coders.
    from ..pipeline import extract_articles

    console = Console(highlight=False)
    tally = InputTally()
    articles = tally.articles(args.paths, published=args.date)
    for extraction in extract_articles(
        articles, model=args.model, batch_size=args.batch_size, workers=args.workers, on_error=tally.skip
    ):
        if args.json:
            sys.stdout.write(json.dumps(extraction.to_dict(), ensure_ascii=False) + "\n")
        else:
            console.print(_render(extraction))
    print(tally.summary("extracted"), file=sys.stderr)
    return tally.exit_code
