"""Batch throughput: local engine vs Ray, 1 and 2 workers, on the same gva-longtail sample.

    python bench/scale.py [--limit 300]

Writes a sample of ``../shared/eval/gva-longtail`` (every k-th article) to a temporary JSONL,
then runs ``newsevents batch`` on it four times in one session -- local and Ray, 1 and 2 workers --
each in a fresh process so that peak memory is per run. Also times the in-process steady rate
(model already loaded) and the bare spaCy parse of the same bodies, the floor any engine pays.
Prints a table and writes ``bench/results/scale.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "eval" / "gva-longtail" / "gva_longtail_docs.jsonl"
RESULTS = REPO / "bench" / "results" / "scale.json"
RUNS = (("local", 1), ("local", 2), ("ray", 1), ("ray", 2))


def _peak_mb(pid: int) -> float | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
    return int(line.split()[1]) / 1024 if line else None


def _workers(engine: str) -> list[int]:
    """Processes doing the extraction: pool children (local, or this one), Ray extractor actors."""
    me = os.getpid()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if (engine == "ray" and "ExtractWorker" in command) or (engine == "local" and parent == me):
            found.append(int(entry.name))
    return found


def one_run(engine: str, workers: int, sample: str, out: str) -> dict:
    """Run one configuration in this process, watching the peak RSS of its workers."""
    from newsevents.batch import run_batch

    peaks: dict[int, float] = {}
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.5):
            for pid in _workers(engine):
                peak = _peak_mb(pid)
                if peak:
                    peaks[pid] = max(peaks.get(pid, 0.0), peak)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    summary = run_batch([sample], out, engine=engine, workers=workers)
    done.set()
    watcher.join()
    if engine == "local" and workers == 1:
        peaks = {os.getpid(): _peak_mb(os.getpid()) or 0.0}
    return {
        "engine": engine,
        "workers": workers,
        "articles": summary.articles,
        "events": summary.events,
        "incidents": summary.incidents,
        "errors": summary.errors,
        "seconds": summary.seconds,
        "articles_per_s": round(summary.articles / summary.seconds, 2),
        "peak_worker_mb": round(max(peaks.values()), 1) if peaks else None,
    }


def steady_rates(sample: str) -> dict:
    """Articles/s with the model already loaded: the extraction alone and the bare spaCy parse."""
    from newsevents import nlp
    from newsevents.clean import clean
    from newsevents.ingest import iter_documents
    from newsevents.pipeline import Extractor

    articles = [clean(d) for d in iter_documents([sample]) if not isinstance(d, Exception)]
    extractor = Extractor().warm_up()
    start = time.perf_counter()
    extractions = list(extractor.extract(articles))
    extract_s = time.perf_counter() - start
    start = time.perf_counter()
    list(nlp.load().pipe((a.body for a in articles), batch_size=nlp.DEFAULT_BATCH_SIZE))
    parse_s = time.perf_counter() - start
    return {
        "articles": len(articles),
        "events": sum(len(x.events) for x in extractions),
        "chars_per_article": round(sum(len(a.body) for a in articles) / len(articles)),
        "extract_per_s": round(len(articles) / extract_s, 2),
        "parse_only_per_s": round(len(articles) / parse_s, 2),
    }


def warm_up_seconds() -> float:
    start = time.perf_counter()
    from newsevents.pipeline import Extractor

    Extractor().warm_up()
    return round(time.perf_counter() - start, 2)


def _child(*args: str) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def _identical(outs: list[Path]) -> bool:
    import pandas as pd

    def key(out: Path) -> list[tuple]:
        frame = pd.read_parquet(out / "events", columns=["id", "type", "date", "incident_id", "location_name"])
        return sorted(frame.astype(str).itertuples(index=False, name=None))

    first = key(outs[0])
    return all(key(out) == first for out in outs[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--child", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = {"warm": lambda: {"seconds": warm_up_seconds()}, "steady": lambda: steady_rates(rest[0]),
                  "run": lambda: one_run(rest[0], int(rest[1]), rest[2], rest[3])}[kind]()  # fmt: skip
        print(json.dumps(result))
        return
    if not CORPUS.exists():
        raise SystemExit(f"corpus not found: {CORPUS}")
    total = sum(1 for _ in CORPUS.open())
    step = max(1, total // args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with CORPUS.open() as lines:
            sample.write_text("".join(itertools.islice(lines, 0, step * args.limit, step)))
        warm = _child("warm")
        steady = _child("steady", str(sample))
        runs, outs = [], []
        for engine, workers in RUNS:
            out = Path(tmp) / f"{engine}-{workers}"
            runs.append(_child("run", engine, str(workers), str(sample), str(out)))
            outs.append(out)
        identical = _identical(outs)

    base = runs[0]["articles_per_s"]
    print(f"sample: {steady['articles']} gva-longtail articles, {steady['chars_per_article']} body chars each, "
          f"{steady['events']} events; model warm-up {warm['seconds']} s per worker")  # fmt: skip
    print(f"steady in-process rate: extraction {steady['extract_per_s']} art/s, bare spaCy parse "
          f"{steady['parse_only_per_s']} art/s (floor)")  # fmt: skip
    print(f"{'engine':<8}{'workers':>8}{'seconds':>10}{'art/s':>9}{'vs local-1':>12}{'peak MB/worker':>16}")
    for run in runs:
        print(f"{run['engine']:<8}{run['workers']:>8}{run['seconds']:>10.1f}{run['articles_per_s']:>9.2f}"
              f"{run['articles_per_s'] / base:>11.2f}x{run['peak_worker_mb'] or 0:>16.0f}")  # fmt: skip
    print(f"same events, ids and incidents in all four outputs: {'yes' if identical else 'NO'}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"limit": args.limit, "cpus": os.cpu_count(), "warm_up_s": warm["seconds"],
                                   "steady": steady, "runs": runs, "identical": identical}, indent=2) + "\n")


if __name__ == "__main__":
    main()
