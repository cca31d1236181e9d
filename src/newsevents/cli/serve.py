"""``newsevents serve``: the HTTP API and the dashboard over an event database.

    newsevents serve --db events.db              # http://127.0.0.1:8000/
    NEWSEVENTS_TOKEN=s3cret newsevents serve --host 0.0.0.0
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
from pathlib import Path

from ..errors import Messages
from .inputs import positive_int

log = logging.getLogger(__name__)

TOKEN_VARIABLE = "NEWSEVENTS_TOKEN"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the HTTP API and the web dashboard",
        description="Serve the JSON API (/api/..., schema at /openapi.json) and the dashboard (/) over an event database.",
    )
    parser.add_argument("--db", type=Path, default=None, help="event database (default: $NEWSEVENTS_DB or ~/.local/share/newsevents/events.db)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    parser.add_argument(
        "--token",
        default=os.environ.get(TOKEN_VARIABLE),
        help=f"require 'Authorization: Bearer TOKEN' to add articles (default: ${TOKEN_VARIABLE})",
    )
    parser.add_argument("--max-body", type=positive_int, default=None, metavar="BYTES", help="largest request body accepted (default: 5 MiB)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..api import DEFAULT_MAX_BODY, create_app

    if not is_loopback(args.host) and not args.token:
        log.warning(Messages.API_OPEN_BIND.format(host=args.host))
    app = create_app(args.db, token=args.token, max_body=args.max_body or DEFAULT_MAX_BODY)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"newsevents: serving http://{shown}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info" if args.verbose else "warning")
    return 0
