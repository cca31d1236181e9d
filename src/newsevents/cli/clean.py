"""``newsevents clean PATH...``: read and clean articles, show title, captions, credits and body.

With ``--json`` one :meth:`Article.to_dict` object per line. Inputs that cannot
be read are reported on stderr (``newsevents: <input>: <reason>``), followed by
a summary line; the exit code is 0 only when every input was read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from ..records import Article
from .inputs import InputTally, add_input_arguments

PREVIEW_CHARS = 600


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "clean",
        help="read articles and separate body text from captions, credits and boilerplate",
        description="Read articles (text, HTML, JSON, JSON Lines, RSS/Atom; files, directories or - for stdin) "
        "and print each cleaned article.",
    )
    add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object per article per line")
    parser.set_defaults(func=run)


def _show(console: Console, article: Article) -> None:
    meta = " · ".join(str(v) for v in (article.published, article.source, article.url or article.path) if v)
    text = Text()
    if meta:
        text.append(meta + "\n", style="dim")
    for label, items in (("caption", article.captions), ("credit", article.credits)):
        for item in items:
            text.append(f"{label}: ", style="bold cyan")
            text.append(item.replace("\n", " ") + "\n")
    preview = article.body if len(article.body) <= PREVIEW_CHARS else article.body[:PREVIEW_CHARS].rstrip() + " …"
    text.append("\n" + preview)
    console.print(Panel(text, title=article.title or "(no title)", title_align="left"))


def run(args: argparse.Namespace) -> int:
    console = Console(highlight=False, soft_wrap=False)
    tally = InputTally()
    for article in tally.articles(args.paths, published=args.date):
        if args.json:
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        else:
            _show(console, article)
    print(tally.summary("cleaned"), file=sys.stderr)
    return tally.exit_code
