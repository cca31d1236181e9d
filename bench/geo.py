"""Geoparsing benchmark: toponym resolution, mention recall and event location.

Run: ``python bench/geo.py [--limit N] [--skip-parse]`` (``--limit``: documents per corpus for the
mention-recall part, which parses; the resolution and event-location parts always use everything). Prints a table and writes
``bench/results/geo.json``. Data: ``../shared/eval/geoparsing`` (GeoWebNews, LGL,
TR-News, GeoVirus) and ``../shared/eval/event-location`` (Halterman 2019, RELABEL set).

- resolution: our resolver on the gold toponym spans (all gold spans of a document are
  its context) vs the most populous gazetteer feature with that name or demonym;
  accuracy within 161 km and median error. Two diagnostics beside it, neither a score of ours:
  the ceiling of choosing among our candidates (some candidate lies within 161 km), and the
  accuracy with a country answer counted as right when the gold point lies in that country
  (the corpora place a country's point by different conventions: Canada is 60.1 N 113.6 W in
  GeoWebNews and TR-News, 60 N 96 W in LGL).
- recall: :func:`find_places` on the raw text vs gold spans (any character overlap).
- event location: :func:`locate_mention` (the mention :func:`locate_event` returns the place of,
  before its focus-country fallback) at the gold event verb vs the first place mention in the
  sentence; a hit is a chosen mention overlapping a gold location span. Records whose gold has
  no location are scored apart: how often we return no mention for them.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"
CORPORA = ("gwn", "lgl", "trnews", "geovirus")
KM = 161.0

sys.path.insert(0, str(REPO / "src"))

from newsevents import nlp  # noqa: E402
from newsevents.geo import Gazetteer, find_places, locate_mention  # noqa: E402
from newsevents.geo.gazetteer import CITY  # noqa: E402
from newsevents.geo.resolve import PLACE_LABELS, NameSpan, candidates, resolve_spans  # noqa: E402
from newsevents.records import Place  # noqa: E402


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def load(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return records[:limit] if limit else records


def gold_toponyms(record: dict) -> list[dict]:
    return [t for t in record["gold"]["toponyms"] if t.get("lat") not in (None, "") and t.get("lon") not in (None, "")]


def most_populous(span: NameSpan, gazetteer: Gazetteer) -> tuple[float, float] | None:
    options = candidates(span, gazetteer)
    if not options:
        return None
    fid = max(options, key=lambda option: gazetteer.population(option[0]))[0]
    return gazetteer.coordinates(fid)


def summarize(errors: list[float | None]) -> dict:
    """Accuracy within 161 km and median error; an unresolved toponym counts as a miss at 20,000 km."""
    filled = [20000.0 if e is None else e for e in errors]
    return {
        "n": len(filled),
        "acc161": sum(e <= KM for e in filled) / len(filled) if filled else 0.0,
        "median_km": statistics.median(filled) if filled else 0.0,
        "unresolved": sum(e is None for e in errors),
    }


def failure_kind(span: NameSpan, place: Place | None, lat: float, lon: float, gazetteer: Gazetteer) -> str:
    """Why a toponym missed: "unresolved"; "wrong_candidate" (another reading lies within 161 km);
    "far_<precision>" (no reading lies near: the feature is missing, or its representative point is far)."""
    if place is None:
        return "unresolved"
    if any(haversine(lat, lon, *gazetteer.coordinates(fid)) <= KM for fid, _ in candidates(span, gazetteer)):
        return "wrong_candidate"
    return f"far_{place.precision}"


class CountryOfPoint:
    """The country of a point, read off the nearest town of the gazetteer (good enough away from borders)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        import numpy

        towns = [fid for fid in range(len(gazetteer)) if gazetteer.kind(fid) == CITY]
        self._numpy = numpy
        self._codes = [gazetteer.country_code(fid) for fid in towns]
        points = numpy.radians(numpy.array([gazetteer.coordinates(fid) for fid in towns]))
        self._lat, self._lon = points[:, 0], points[:, 1]

    def __call__(self, lat: float, lon: float) -> str:
        np = self._numpy
        lat, lon = math.radians(lat), math.radians(lon)
        chord = (np.sin((self._lat - lat) / 2) ** 2
                 + np.cos(lat) * np.cos(self._lat) * np.sin((self._lon - lon) / 2) ** 2)
        return self._codes[int(np.argmin(chord))]


def bench_resolution(gazetteer: Gazetteer, limit: int | None, failures: list[dict]) -> dict:
    out = {}
    country_of_point = CountryOfPoint(gazetteer)
    for corpus in CORPORA:
        ours: list[float | None] = []
        base: list[float | None] = []
        kinds: dict[str, int] = {}
        country_right = 0
        for record in load(SHARED / "geoparsing" / f"{corpus}.jsonl", limit):
            text = record["text"]
            gold = sorted(gold_toponyms(record), key=lambda t: t["start"])
            spans = [NameSpan(t["start"], t["end"], text[t["start"] : t["end"]]) for t in gold]
            places = resolve_spans(text, spans, focus_country=None, gazetteer=gazetteer)
            for toponym, span, place in zip(gold, spans, places):
                lat, lon = float(toponym["lat"]), float(toponym["lon"])
                error = None if place is None or place.lat is None else haversine(lat, lon, place.lat, place.lon)
                ours.append(error)
                point = most_populous(span, gazetteer)
                base.append(None if point is None else haversine(lat, lon, *point))
                if error is None or error > KM:
                    kind = failure_kind(span, place, lat, lon, gazetteer)
                    kinds[kind] = kinds.get(kind, 0) + 1
                    country_right += kind == "far_country" and place.country == country_of_point(lat, lon)
                    failures.append({"corpus": corpus, "id": record["id"], "phrase": span.text,
                                     "gold": [lat, lon, toponym.get("name") or toponym.get("page")],
                                     "ours": None if place is None else [place.name, place.country, place.precision],
                                     "km": None if error is None else round(error), "kind": kind})
        hits = sum(error is not None and error <= KM for error in ours)
        out[corpus] = {"ours": summarize(ours), "baseline_most_populous": summarize(base), "failure_kinds": kinds,
                       "ceiling_of_our_candidates": (hits + kinds.get("wrong_candidate", 0)) / len(ours),
                       "acc161_country_answer_in_gold_country": (hits + country_right) / len(ours)}
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def bench_recall(gazetteer: Gazetteer, limit: int | None) -> dict:
    out = {}
    for corpus in CORPORA:
        records = load(SHARED / "geoparsing" / f"{corpus}.jsonl", limit)
        found = total = predicted = correct = 0
        for record, doc in zip(records, nlp.parse(r["text"] for r in records)):
            mentions = [(m.start, m.end) for m in find_places(doc, focus_country=None, gazetteer=gazetteer)]
            gold = [(t["start"], t["end"]) for t in record["gold"]["toponyms"]]
            total += len(gold)
            found += sum(any(overlaps(g, m) for m in mentions) for g in gold)
            predicted += len(mentions)
            correct += sum(any(overlaps(g, m) for g in gold) for m in mentions)
        out[corpus] = {"gold": total, "recall": found / total if total else 0.0,
                       "precision": correct / predicted if predicted else 0.0}
    return out


def gold_span(doc, span: dict) -> tuple[int, int]:
    """A gold location span as character offsets.

    Many RELABEL spans carry token offsets (first and last token, inclusive) instead of character
    offsets: "g" for "San Carlos", and an empty text with start == end for a one-token place (171 of the
    records that look location-less). A span that does not cover whole tokens or does not start with
    a capital is read as token offsets over the spaCy tokens, which match the annotation tokens.
    """
    chars = doc.char_span(span["start"], span["end"])
    if chars is not None and chars.text[:1].isupper():
        return span["start"], span["end"]
    if span["end"] < len(doc):
        tokens = doc[span["start"] : span["end"] + 1]
        return tokens.start_char, tokens.end_char
    return span["start"], span["end"]


def bench_event_location(gazetteer: Gazetteer, limit: int | None, failures: list[dict]) -> dict:
    records = load(SHARED / "event-location" / "event_location_gold_relabel.jsonl", limit)
    hits = base_hits = entity_hits = with_gold = none_right = base_none_right = no_gold = answered = 0
    for record, doc in zip(records, nlp.parse(r["text"] for r in records)):
        if not record["gold"]["event_verb"]:
            continue
        verb = record["gold"]["event_verb"][0]
        gold = [gold_span(doc, s) for s in record["gold"]["event_location"]]
        trigger = next((t.i for t in doc if t.idx <= verb["start"] < t.idx + len(t) + 1), None)
        if trigger is None:
            continue
        places = find_places(doc, focus_country=None, gazetteer=gazetteer)
        chosen = locate_mention(doc, trigger, places, gazetteer=gazetteer)
        span = None if chosen is None else (chosen.start, chosen.end)
        sentence = doc[trigger].sent
        first = next(((m.start, m.end) for m in places
                      if sentence.start_char <= m.start < sentence.end_char), None)
        entity = next(((e.start_char, e.end_char) for e in sentence.ents if e.label_ in PLACE_LABELS), None)
        answered += chosen is not None
        if not gold:
            no_gold += 1
            none_right += chosen is None
            base_none_right += first is None
            if chosen is not None:
                failures.append({"corpus": "event-location-no-gold", "id": record["id"], "verb": verb["text"],
                                 "ours": record["text"][span[0]:span[1]], "text": record["text"]})
            continue
        with_gold += 1
        hit = span is not None and any(overlaps(span, g) for g in gold)
        hits += hit
        base_hits += first is not None and any(overlaps(first, g) for g in gold)
        entity_hits += entity is not None and any(overlaps(entity, g) for g in gold)
        if not hit:
            failures.append({"corpus": "event-location", "id": record["id"], "verb": verb["text"],
                             "gold": [record["text"][a:b] for a, b in gold], "text": record["text"],
                             "ours": None if span is None else record["text"][span[0]:span[1]]})
    return {
        "with_gold_location": with_gold,
        "accuracy": hits / with_gold if with_gold else 0.0,
        "baseline_first_place_in_sentence": base_hits / with_gold if with_gold else 0.0,
        "baseline_first_place_entity_in_sentence": entity_hits / with_gold if with_gold else 0.0,
        "no_gold_location": no_gold,
        "none_when_no_gold": none_right / no_gold if no_gold else 0.0,
        "baseline_none_when_no_gold": base_none_right / no_gold if no_gold else 0.0,
        # share of our answers (over all records) that are a gold location span
        "precision_of_answers": hits / answered if answered else 0.0,
    }


def cold_start() -> dict:
    """Gazetteer load in a fresh process with the disk cache warm (spaCy import excluded)."""
    import subprocess

    code = ("import time; t=time.perf_counter(); from newsevents.geo.gazetteer import Gazetteer; "
            "Gazetteer.default(); print(time.perf_counter()-t)")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # warm the cache
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                 text=True).stdout) for _ in range(3)]
    return {"warm_cache_load_s": min(runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per corpus for mention recall (default: all)")
    parser.add_argument("--skip-parse", action="store_true", help="only the gold-span resolution (no spaCy)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"{SHARED} is not present")
    started = time.perf_counter()
    gazetteer = Gazetteer.default()
    failures: list[dict] = []
    results: dict = {"resolution": bench_resolution(gazetteer, None, failures), "timing": cold_start()}
    if not args.skip_parse:
        results["event_location"] = bench_event_location(gazetteer, None, failures)
        results["recall"] = bench_recall(gazetteer, args.limit)
        results["recall_docs_per_corpus"] = args.limit or "all"
    results["seconds"] = round(time.perf_counter() - started, 1)

    print(f"{'corpus':10} {'n':>6} {'acc@161':>8} {'base':>7} {'median km':>10} {'base':>8} {'recall':>7} {'prec':>6}")
    for corpus, row in results["resolution"].items():
        ours, base = row["ours"], row["baseline_most_populous"]
        recall = results.get("recall", {}).get(corpus, {})
        print(f"{corpus:10} {ours['n']:6d} {ours['acc161']:8.3f} {base['acc161']:7.3f} {ours['median_km']:10.1f} "
              f"{base['median_km']:8.1f} {recall.get('recall', float('nan')):7.3f} "
              f"{recall.get('precision', float('nan')):6.3f}")
    if "event_location" in results:
        ev = results["event_location"]
        print(f"event location (n={ev['with_gold_location']}): {ev['accuracy']:.3f} "
              f"vs first place in sentence {ev['baseline_first_place_in_sentence']:.3f} "
              f"(first place entity {ev['baseline_first_place_entity_in_sentence']:.3f}); "
              f"None when no gold location: {ev['none_when_no_gold']:.3f} (n={ev['no_gold_location']}); "
              f"precision of answers {ev['precision_of_answers']:.3f}")
    for corpus, row in results["resolution"].items():
        print(f"{corpus}: ceiling of choosing among our candidates {row['ceiling_of_our_candidates']:.3f}; "
              f"acc@161 with a country answer right when the gold point lies in it "
              f"{row['acc161_country_answer_in_gold_country']:.3f}")
    for corpus, row in results["resolution"].items():
        print(f"{corpus} misses: " + ", ".join(f"{k} {v}" for k, v in sorted(row["failure_kinds"].items(),
                                                                          key=lambda kv: -kv[1])))
    print(f"gazetteer load, fresh process, warm cache: {results['timing']['warm_cache_load_s']:.2f} s")
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "geo.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "geo_failures.json").write_text(json.dumps(failures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
