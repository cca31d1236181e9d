"""Reading the PATH arguments every subcommand takes: articles in, one-line errors out."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..clean import clean
from ..errors import ExtractionError, InputError, Messages
from ..ingest import iter_documents
from ..records import Article


def parse_date_option(value: str) -> dt.date:
    """``--date`` value: ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(Messages.BAD_DATE.format(value=value)) from None


def positive_int(value: str) -> int:
    """A count option (``--workers``, ``--limit``, ``--batch-size``...): a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return int(value)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or - for stdin")
    parser.add_argument(
        "--date", type=parse_date_option, metavar="YYYY-MM-DD", help="publication date for every article"
    )


@dataclass(slots=True)
class InputTally:
    """Counts read and failed inputs, printing each failure as one line on stderr."""

    read: int = 0
    failed: int = 0

    def articles(self, paths: Iterable[str], *, published: dt.date | None) -> Iterator[Article]:
        for document in iter_documents(paths, published=published):
            try:
                if isinstance(document, InputError):
                    raise document
                article = clean(document)
            except InputError as error:
                self.fail(error)
                continue
            self.read += 1
            yield article

    def fail(self, error: InputError) -> None:
        self.failed += 1
        print(f"newsevents: {error.source}: {error.reason}", file=sys.stderr)

    def skip(self, error: ExtractionError) -> None:
        """An article that was read, then failed in the coders: it counts as failed, not as done."""
        self.read -= 1
        self.fail(error)

    def summary(self, verb: str) -> str:
        return f"newsevents: {self.read} article{'s' * (self.read != 1)} {verb}, {self.failed} failed"

    @property
    def exit_code(self) -> int:
        return exit_status(done=self.read, failed=self.failed)


def exit_status(*, done: int, failed: int) -> int:
    """Every command's exit code: 0 only when every input was read (and there was at least one)."""
    return 0 if failed == 0 and done > 0 else 1
