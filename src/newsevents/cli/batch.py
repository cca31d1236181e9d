"""``newsevents batch``: extract a corpus into Parquet datasets, locally or on Ray.

    newsevents batch news.jsonl feeds/ -o out/ --workers 2
    newsevents batch s3-mounted/corpus.parquet -o /shared/out --engine ray --address auto
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from .. import nlp
from .inputs import exit_status, parse_date_option, positive_int


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="extract a corpus into Parquet datasets (events, mentions, articles, errors)",
        description="Extract every article of the inputs (files, directories, JSONL, feeds, Parquet datasets "
        "with a text column) into Parquet datasets under OUT_DIR: events/ partitioned by event_date, "
        "mentions/, articles/, errors/. A rerun replaces the output; it never appends.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory, JSONL, feed or Parquet dataset")
    parser.add_argument("-o", "--out", required=True, metavar="OUT_DIR", help="output directory")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local processes (default) or Ray (pip install 'newsevents[ray]')")
    parser.add_argument("--address", metavar="ADDR",
                        help="Ray cluster to join ('auto': the one started by `ray start` here); "
                        "default: start Ray on this machine")
    parser.add_argument("--workers", type=positive_int, default=1, metavar="N",
                        help="extraction processes (local) or extractor actors (Ray); default 1")
    parser.add_argument("--date", type=parse_date_option, metavar="YYYY-MM-DD", help="publication date for every input (else each one's own)")
    parser.add_argument("--batch-size", type=int, default=nlp.DEFAULT_BATCH_SIZE, metavar="N",
                        help=f"articles per parsing batch (default {nlp.DEFAULT_BATCH_SIZE})")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from ..batch import run_batch
    from .progress import article_progress

    progress = (article_progress("batch", args.inputs, console=Console(stderr=True)) if args.engine == "local"
                else contextlib.nullcontext(lambda n: None))  # Ray draws its own bars (with --verbose)
    with progress as advance:
        summary = run_batch(
            args.inputs,
            args.out,
            engine=args.engine,
            workers=args.workers,
            address=args.address,
            batch_size=max(1, args.batch_size),
            published=args.date,
            verbose=args.verbose,
            advance=advance,
        )
    print(
        f"{summary.articles} articles, {summary.events} events, {summary.incidents} incidents, "
        f"{summary.errors} errors in {summary.seconds:.1f} s -> {summary.out_dir}",
        file=sys.stderr,
    )
    return exit_status(done=summary.articles, failed=summary.errors)
