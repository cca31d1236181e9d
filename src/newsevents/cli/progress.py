"""The progress bar of the long-running subcommands (``ingest``, ``batch``): articles done, rate, ETA.

Drawn on stderr only when it is a terminal; the total is known when the inputs can be counted cheaply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

COUNTABLE_SUFFIXES = {".jsonl": "lines", ".ndjson": "lines", ".txt": "one", ".html": "one", ".htm": "one"}


def count_inputs(inputs: Iterable[str]) -> int | None:
    """The number of articles in ``inputs`` when cheap to know (JSONL lines, single text/HTML files), else None."""
    total = 0
    for name in inputs:
        path = Path(name)
        kind = COUNTABLE_SUFFIXES.get(path.suffix.lower())
        if kind is None or not path.is_file():
            return None
        if kind == "one":
            total += 1
            continue
        with path.open("rb") as handle:
            total += sum(1 for line in handle if line.strip())
    return total


@contextmanager
def article_progress(label: str, inputs: Iterable[str], *, console: Console) -> Iterator[Callable[[int], None]]:
    """A bar for the articles of ``inputs``; yields ``advance(n)``, to call as articles are done."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeRemainingColumn())  # fmt: skip
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task(label, total=count_inputs(inputs), rate="")

        def advance(n: int) -> None:
            progress.advance(task, n)
            # The mean since the start: articles come back a batch at a time, so the windowed speed jumps.
            state = progress.tasks[0]
            rate = state.completed / state.elapsed if state.elapsed else 0.0
            progress.update(task, rate=f"{rate:.1f} articles/s" if rate else "")

        yield advance
