"""Benchmark ``newsevents ingest``: store overhead, memory, database size and incident quality.

For each corpus and worker count, two runs over the same articles, each in a
fresh process: ``bare`` (read, clean, ``extract_articles``) and ``store``
(``newsevents.store.ingest`` into a fresh database). The store overhead is the
difference in articles/s. Incidents formed in gva-longtail are scored against
its gold ``incident_id`` (pairwise "two articles share an incident" P/R/F1 and
B-cubed), beside the trivial baseline where every article is its own incident.

    python bench/ingest.py --limit 300          # a sample while developing
    python bench/ingest.py                      # everything (long on 2 cores)
    python bench/ingest.py --limit 150 --workers 1 --corpus gva-longtail --save-events /tmp/gva.json
    python bench/ingest.py --replay /tmp/gva.json   # incident scores only, re-clustered with the current matcher
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"
CORPORA = {
    "gva-longtail": SHARED / "gva-longtail" / "gva_longtail_docs.jsonl",
    "india-police-events": SHARED / "india-police-events" / "docs.jsonl",
}
RESULTS = REPO / "bench" / "results" / "ingest.json"


def sample(corpus: str, source: Path, limit: int | None, out: Path) -> int:
    """Copy ``source`` (or its first ``limit`` articles, whole gold incidents at a time for gva) to ``out``."""
    written = 0
    last_incident = None
    with source.open(encoding="utf-8") as lines, out.open("w", encoding="utf-8") as sink:
        for line in lines:
            if not line.strip():
                continue
            if limit is not None and written >= limit:
                incident = json.loads(line).get("gold", {}).get("incident_id") if corpus == "gva-longtail" else None
                if incident is None or incident != last_incident:
                    break
            if corpus == "gva-longtail":
                last_incident = json.loads(line).get("gold", {}).get("incident_id")
            sink.write(line)
            written += 1
    return written


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def run_one(mode: str, path: Path, workers: int, db: Path) -> dict:
    """One measured run in this process (called through ``--one``)."""
    from newsevents.pipeline import Extractor, extract_articles

    if workers == 1:
        Extractor().warm_up()  # both modes load the model before the clock starts
    started = time.perf_counter()
    if mode == "bare":
        count = events = 0
        articles = (article for _, article in _cleaned(path))
        for extraction in extract_articles(articles, workers=workers, on_error=lambda error: None):
            count += 1
            events += len(extraction.events)
        elapsed = time.perf_counter() - started
        own, children = _peak_mb()
        return {"articles": count, "events": events, "seconds": elapsed, "peak_mb": own, "peak_child_mb": children}
    from newsevents.store import Store
    from newsevents.store.ingest import ingest

    with Store(db) as store:
        run = ingest(store, [str(path)], workers=workers)
        incidents = {
            a: sorted(i) for a, i in _article_incidents(store).items()
        }
        events = [_slim(e) for page in store.pages() for e in page]
    elapsed = time.perf_counter() - started
    own, children = _peak_mb()
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    s = run.summary
    return {"articles": s.stored + s.already_present, "events": s.events, "incidents": s.incidents,
            "failed": s.failed, "seconds": elapsed, "peak_mb": own, "peak_child_mb": children, "db_bytes": size,
            "article_incidents": incidents, "event_dicts": events}  # fmt: skip


_SLIM_KEYS = ("id", "seq", "type", "date", "date_precision", "location", "source", "target", "fatalities",
              "injuries", "mentions", "context", "article_id", "published")  # fmt: skip


def _slim(event: dict) -> dict:
    """What incident matching reads of a stored event (so ``--replay`` can re-cluster without extraction)."""
    return {key: event.get(key) for key in _SLIM_KEYS}


def replay(events: list[dict]) -> dict[str, str]:
    """Each article's main incident when ``events`` (in storage order) are re-clustered as the store does.

    Mirrors ``Store._candidates``: an event is compared with the incidents having a member in one of its
    neighbouring blocks, of a compatible type and (when dated across articles) within the date window.
    """
    from newsevents.store.incidents import COMPATIBLE_TYPES, WINDOW_DAYS, EventRow, best_cluster, blocking_key
    from newsevents.store.incidents import Cluster, eligible, neighbour_keys

    clusters: list[Cluster] = []
    incident_of: dict[str, int] = {}
    for event in events:
        if not eligible(event):
            continue
        row = EventRow.from_dict(event, article_id=event["article_id"], published=event["published"])
        keys = set(neighbour_keys(row))
        types = {row.type}.union(*(g for g in COMPATIBLE_TYPES if row.type in g))
        dated = row.date is not None and not blocking_key(row).startswith("@")

        def reachable(member: EventRow) -> bool:
            if blocking_key(member) not in keys or member.type not in types:
                return False
            return not dated or (member.date is not None and abs((member.date - row.date).days) <= WINDOW_DAYS)

        indices = [i for i, c in enumerate(clusters) if any(map(reachable, c.members))]
        found = best_cluster(row, [clusters[i] for i in indices])
        if found is None:
            clusters.append(Cluster([row], [1.0]))
            incident_of[row.id] = len(clusters) - 1
        else:
            clusters[indices[found[0]]].members.append(row)
            clusters[indices[found[0]]].scores.append(found[1])
            incident_of[row.id] = indices[found[0]]
    first: dict[str, tuple[tuple[int, int], str]] = {}
    for event in events:
        if event["id"] not in incident_of:
            continue
        key = (0 if event["type"] == "ASSAULT" else 1, event["seq"])
        if event["article_id"] not in first or key < first[event["article_id"]][0]:
            first[event["article_id"]] = (key, f"replay:{incident_of[event['id']]}")
    return {article: incident for article, (_, incident) in first.items()}


def _scores(record_ids: dict[str, str | None], article_incidents: dict[str, str], gold: dict[str, str]) -> dict:
    by_record = {}
    for article_id, record_id in record_ids.items():
        if record_id in gold:
            by_record[record_id] = article_incidents.get(article_id) or f"none:{record_id}"
    return {"store": pairwise(by_record, gold), "baseline_singletons": pairwise({r: r for r in by_record}, gold)}


def _article_incidents(store) -> dict[str, set[str]]:
    """Each article's main incident: that of its first ASSAULT event, else of its first event in an incident."""
    first: dict[str, tuple[int, str]] = {}
    for event in (e for page in store.pages() for e in page):
        if not event["incident_id"]:
            continue
        rank = 0 if event["type"] == "ASSAULT" else 1
        key = (rank, event["seq"])
        if event["article_id"] not in first or key < first[event["article_id"]][0]:
            first[event["article_id"]] = (key, event["incident_id"])
    return {article: {incident} for article, (_, incident) in first.items()}


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of "these two articles report one incident", and B-cubed F1."""
    items = sorted(set(predicted) & set(gold))
    true_pairs = pred_pairs = both = 0
    for a, b in itertools.combinations(items, 2):
        same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
        true_pairs += same_gold
        pred_pairs += same_pred
        both += same_gold and same_pred
    precision = both / pred_pairs if pred_pairs else 0.0
    recall = both / true_pairs if true_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item in items:
        by_gold[gold[item]].add(item)
        by_pred[predicted[item]].add(item)
    bp = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_pred[predicted[i]]) for i in items) / len(items)
    br = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    b3 = 2 * bp * br / (bp + br) if bp + br else 0.0
    return {"articles": len(items), "pair_precision": precision, "pair_recall": recall, "pair_f1": f1,
            "bcubed_precision": bp, "bcubed_recall": br, "bcubed_f1": b3}  # fmt: skip


def _cleaned(path: Path):
    """(raw record, cleaned article) for every record of ``path`` that reads and cleans."""
    from newsevents.clean import clean
    from newsevents.errors import NewsEventsError
    from newsevents.ingest import iter_documents

    for raw in iter_documents([str(path)]):
        if isinstance(raw, NewsEventsError):
            continue
        try:
            yield raw, clean(raw)
        except NewsEventsError:
            continue


def _record_ids(path: Path) -> dict[str, str | None]:
    """Each cleaned article's id and the corpus record id it came from (to score incidents against gold)."""
    ids: dict[str, str | None] = {}
    for raw, article in _cleaned(path):
        ids.setdefault(article.id, raw.record_id)
    return ids


def _gold(path: Path) -> dict[str, str]:
    gold = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            incident = (record.get("gold") or {}).get("incident_id")
            if incident is not None:
                gold[record["id"]] = str(incident)
    return gold


def _spawn(mode: str, path: Path, workers: int, db: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--one", mode, str(path), str(workers), str(db)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="articles per corpus (default: all)")
    parser.add_argument("--workers", default="1,2", help="worker counts to measure (default 1,2)")
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="default: both")
    parser.add_argument("--modes", default="bare,store",
                        help="runs per corpus and worker count (default bare,store; 'store' alone skips the overhead)")
    parser.add_argument("--save-events", type=Path, metavar="JSON",
                        help="keep gva-longtail's stored events (and gold) in JSON for --replay")
    parser.add_argument("--replay", type=Path, metavar="JSON",
                        help="only re-cluster the events saved by --save-events with the current matcher and score "
                             "incidents (seconds, no extraction, no throughput runs)")
    parser.add_argument("--one", nargs=4, metavar=("MODE", "PATH", "WORKERS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        mode, path, workers, db = args.one
        print(json.dumps(run_one(mode, Path(path), int(workers), Path(db))))
        return 0
    if args.replay:
        cached = json.loads(args.replay.read_text())
        _print({"runs": [], "incidents": _scores(cached["record_ids"], replay(cached["events"]), cached["gold"])})
        return 0
    measured = time.strftime("%Y-%m-%d %H:%M")
    results: dict = {"limit": args.limit, "cpus": os.cpu_count(), "measured": measured, "runs": [], "incidents": {}}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for corpus in args.corpus or sorted(CORPORA):
            source = CORPORA[corpus]
            if not source.exists():
                print(f"skipping {corpus}: {source} is absent", file=sys.stderr)
                continue
            path = Path(tmp) / f"{corpus}.jsonl"
            n = sample(corpus, source, args.limit, path)
            modes = args.modes.split(",")
            for workers in (int(w) for w in args.workers.split(",")):
                bare = _spawn("bare", path, workers, Path(tmp) / "unused.db") if "bare" in modes else None
                db = Path(tmp) / f"{corpus}-{workers}.db"
                stored = _spawn("store", path, workers, db)
                store_rate = stored["articles"] / stored["seconds"]
                bare_rate = bare["articles"] / bare["seconds"] if bare else None
                row = {
                    "corpus": corpus, "inputs": n, "workers": workers, "articles": stored["articles"],
                    "failed": stored["failed"], "events": stored["events"], "incidents": stored["incidents"],
                    "bare_articles_per_s": round(bare_rate, 2) if bare_rate else None,
                    "store_articles_per_s": round(store_rate, 2),
                    "store_overhead_pct": round(100 * (1 - store_rate / bare_rate), 1) if bare_rate else None,
                    "peak_mb_main": round(stored["peak_mb"]), "peak_mb_worker": round(
                        stored["peak_child_mb"] if workers > 1 else stored["peak_mb"]),
                    "db_mb": round(stored["db_bytes"] / 1e6, 1),
                }  # fmt: skip
                row["measured"] = measured
                rows.append(row)
                print(json.dumps(row), file=sys.stderr)
                if corpus == "gva-longtail" and workers == min(int(w) for w in args.workers.split(",")):
                    gold = _gold(path)
                    record_ids = _record_ids(path)
                    main_incident = {a: i[0] for a, i in stored["article_incidents"].items() if i}
                    results["incidents"] = _scores(record_ids, main_incident, gold)
                    if args.save_events:
                        cached = {"gold": gold, "record_ids": record_ids, "events": stored["event_dicts"]}
                        args.save_events.write_text(json.dumps(cached))
    results["runs"] = rows
    _merge_earlier(results)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    _print(results)
    return 0


def _merge_earlier(results: dict) -> None:
    """Keep the rows (and incident scores) of earlier runs that this run did not redo, marked with their date."""
    if not RESULTS.exists():
        return
    earlier = json.loads(RESULTS.read_text())
    done = {(row["corpus"], row["workers"]) for row in results["runs"]}
    kept = [row for row in earlier.get("runs", []) if (row["corpus"], row["workers"]) not in done]
    for row in kept:
        row.setdefault("measured", earlier.get("measured"))
    results["runs"] = kept + results["runs"]
    if not results["incidents"] and earlier.get("incidents"):
        results["incidents"] = earlier["incidents"]
        results["incidents_measured"] = earlier.get("incidents_measured", earlier.get("measured"))


def _print(results: dict) -> None:
    header = ("corpus", "workers", "articles", "failed", "events", "incidents", "bare a/s", "store a/s",
              "overhead %", "peak MB/worker", "db MB", "measured")  # fmt: skip
    keys = ("corpus", "workers", "articles", "failed", "events", "incidents", "bare_articles_per_s",
            "store_articles_per_s", "store_overhead_pct", "peak_mb_worker", "db_mb", "measured")  # fmt: skip
    if results["runs"]:
        print(" | ".join(header))
    for row in results["runs"]:
        print(" | ".join("-" if row.get(k) is None else str(row[k]) for k in keys))
    if results["incidents"]:
        print("\nincidents vs gva-longtail gold (articles sharing an incident)")
        print("system | pair P | pair R | pair F1 | B3 P | B3 R | B3 F1")
        for name, score in results["incidents"].items():
            print(" | ".join([name] + [f"{score[k]:.3f}" for k in (
                "pair_precision", "pair_recall", "pair_f1", "bcubed_precision", "bcubed_recall", "bcubed_f1")]))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
