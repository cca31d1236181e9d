"""Benchmark the event coder on three gold sets; prints a table and writes bench/results/events.json.

- plover-gsr: PLOVER type accuracy and macro-F1, source/target country accuracy. The gold uses draft
  PLOVER names: DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT; INVESTIGATE (no POLECAT type) is
  counted as ACCUSE, as CAMEO2PLOVER-2021 folds CAMEO 09 (investigate) into ACCUSE-investigate.
- petrarch-validation (78 real AFP sentences): CAMEO root agreement (any gold event's root, "none" for
  no-event records), source/target country accuracy.
- case2021-task2 (TEST SET: read, never tune): ACLED sub-event type weighted and macro F1; the 5
  non-ACLED types are the class "none".
A sentence is scored by its highest-ranked event (``newsevents.events.salience``: not negated or
background, shallowest trigger in the parse, material before verbal, earliest); for ACLED, the
highest-ranked event that ACLED codes. Every figure stands beside the majority-class baseline.
Also: event coding speed, as full (parse + places + actors + events) throughput over bare spaCy throughput.

Usage: python bench/events.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from newsevents import nlp
from newsevents.actors import ActorCoder
from newsevents.events import EventCoder, salience
from newsevents.geo import Gazetteer
from newsevents.pipeline import code_events

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
RESULTS = REPO / "bench" / "results" / "events.json"
GSR_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
NONE = "none"


def load(path: Path, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def code_all(texts: list[str]):
    """Each text's doc and coded events, most salient first, read as ``extract`` reads them."""
    actor_coder, coder, gazetteer = ActorCoder.default(), EventCoder.default(), Gazetteer.default()
    for doc in nlp.parse(texts):
        events = code_events(doc, article_id="bench", actor_coder=actor_coder, event_coder=coder,
                             gazetteer=gazetteer).events
        yield doc, sorted(events, key=lambda e: salience(e, doc))


def f1_scores(gold: list[str], pred: list[str]) -> tuple[float, float]:
    """(weighted F1, macro F1) over the gold classes."""
    support = Counter(gold)
    weighted = macro = 0.0
    for label, count in support.items():
        tp = sum(1 for g, p in zip(gold, pred) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred) if p == label and g != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / count
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        weighted += f1 * count / len(gold)
        macro += f1 / len(support)
    return weighted, macro


def accuracy(gold: list, pred: list) -> float:
    return sum(1 for g, p in zip(gold, pred) if p in g) / len(gold) if gold else 0.0


def code_of(actor) -> str | None:
    if actor is None:
        return None
    return actor.country or actor.sector


def majority_accuracy(gold_sets: list[set[str]]) -> float:
    counts = Counter(code for codes in gold_sets for code in codes)
    top = counts.most_common(1)[0][0] if counts else None
    return accuracy(gold_sets, [top] * len(gold_sets))


def bench_gsr(limit: int | None) -> dict:
    rows = load(EVAL / "plover-gsr" / "plover_gsr.jsonl", limit)
    gold, pred = [], []
    roles: dict[str, tuple[list, list]] = {"source": ([], []), "target": ([], [])}
    for row, (_doc, events) in zip(rows, code_all([r["text"] for r in rows])):
        g = row["gold"]
        gold.append(GSR_NAMES.get(g["event"], g["event"]))
        main = events[0].event if events else None
        pred.append(main.type if main else NONE)
        for role, (gold_codes, predicted) in roles.items():
            actors = g.get(role) if isinstance(g.get(role), list) else []  # one record has a bare string
            codes = {a["code"] for a in actors if isinstance(a, dict) and a.get("code")}
            if codes:
                gold_codes.append(codes)
                predicted.append(code_of(getattr(main, role)) if main else None)
    top = Counter(gold).most_common(1)[0][0]
    result = {
        "records": len(rows),
        "type_accuracy": accuracy([{g} for g in gold], pred),
        "type_accuracy_baseline": accuracy([{g} for g in gold], [top] * len(gold)),
        "type_macro_f1": f1_scores(gold, pred)[1],
        "type_macro_f1_baseline": f1_scores(gold, [top] * len(gold))[1],
    }
    for role, (gold_codes, predicted) in roles.items():
        result[f"{role}_country_accuracy"] = accuracy(gold_codes, predicted)
        result[f"{role}_country_accuracy_baseline"] = majority_accuracy(gold_codes)
        result[f"{role}_records"] = len(gold_codes)
    both_gold = roles["source"][0] + roles["target"][0]
    result["actor_country_accuracy"] = accuracy(both_gold, roles["source"][1] + roles["target"][1])
    result["actor_country_accuracy_baseline"] = majority_accuracy(both_gold)
    return result


def bench_petrarch(limit: int | None) -> dict:
    rows = load(EVAL / "petrarch-validation" / "petr2_gsr_validation.jsonl", limit)
    roots, predicted_roots = [], []
    sources, targets, predicted_sources, predicted_targets = [], [], [], []
    for row, (_doc, events) in zip(rows, code_all([r["text"] for r in rows])):
        gold = [e for e in row["gold"]["events"] if e.get("cameo")]
        roots.append({e["cameo"][:2] for e in gold} or {NONE})
        main = events[0].event if events else None
        predicted_roots.append(main.cameo[:2] if main and main.cameo else NONE)
        if gold:
            sources.append({e["source"][:3] for e in gold if e.get("source")})
            targets.append({e["target"][:3] for e in gold if e.get("target")})
            predicted_sources.append(code_of(main.source) if main else None)
            predicted_targets.append(code_of(main.target) if main else None)
    top = Counter(r for rs in roots for r in rs).most_common(1)[0][0]
    sources_kept = [(g, p) for g, p in zip(sources, predicted_sources) if g]
    targets_kept = [(g, p) for g, p in zip(targets, predicted_targets) if g]
    return {
        "records": len(rows),
        "cameo_root_agreement": accuracy(roots, predicted_roots),
        "cameo_root_agreement_baseline": accuracy(roots, [top] * len(roots)),
        "source_country_accuracy": accuracy(*zip(*sources_kept)) if sources_kept else 0.0,
        "source_country_accuracy_baseline": majority_accuracy([g for g, _ in sources_kept]),
        "target_country_accuracy": accuracy(*zip(*targets_kept)) if targets_kept else 0.0,
        "target_country_accuracy_baseline": majority_accuracy([g for g, _ in targets_kept]),
    }


def bench_case(limit: int | None) -> dict:
    rows = load(EVAL / "case2021-task2" / "case2021_task2_test.jsonl", limit)
    gold, pred = [], []
    for row, (_doc, events) in zip(rows, code_all([r["text"] for r in rows])):
        gold.append(row["gold"]["acled_sub_event_type"] or NONE)
        coded = next((e.event.acled for e in events if e.event.acled), None)
        pred.append(coded.sub_event_type if coded else NONE)
    top = Counter(gold).most_common(1)[0][0]
    weighted, macro = f1_scores(gold, pred)
    base_weighted, base_macro = f1_scores(gold, [top] * len(gold))
    in_acled = [(g, p) for g, p in zip(gold, pred) if g != NONE]
    acled_weighted, _ = f1_scores(*map(list, zip(*in_acled)))
    acled_top = Counter(g for g, _ in in_acled).most_common(1)[0][0]
    return {
        "records": len(rows),
        "weighted_f1": weighted,
        "weighted_f1_baseline": base_weighted,
        "macro_f1": macro,
        "macro_f1_baseline": base_macro,
        "acled_only_weighted_f1": acled_weighted,
        "acled_only_weighted_f1_baseline": f1_scores([g for g, _ in in_acled], [acled_top] * len(in_acled))[0],
    }


def bench_speed(limit: int | None) -> dict:
    texts = [r["text"] for r in load(EVAL / "case2021-task2" / "case2021_task2_test.jsonl", limit or 300)]
    nlp.load()
    ActorCoder.default(), EventCoder.default(), Gazetteer.default()
    start = time.perf_counter()
    for _ in nlp.parse(texts):
        pass
    bare = time.perf_counter() - start
    start = time.perf_counter()
    for _ in code_all(texts):
        pass
    full = time.perf_counter() - start
    return {"texts": len(texts), "bare_spacy_per_s": len(texts) / bare, "full_per_s": len(texts) / full,
            "throughput_ratio": bare / full}


def main() -> None:
    parser = argparse.ArgumentParser(description="event coder benchmark")
    parser.add_argument("--limit", type=int, default=None, help="records per set (sampling while developing)")
    args = parser.parse_args()
    if not EVAL.is_dir():
        raise SystemExit(f"{EVAL} is not present")
    results = {
        "plover_gsr": bench_gsr(args.limit),
        "petrarch_validation": bench_petrarch(args.limit),
        "case2021_task2": bench_case(args.limit),
        "speed": bench_speed(args.limit),
    }
    print(f"{'set':22} {'metric':32} {'value':>8} {'baseline':>9}")
    for name, metrics in results.items():
        for key, value in metrics.items():
            if key.endswith("_baseline") or not isinstance(value, float):
                continue
            base = metrics.get(f"{key}_baseline")
            base_text = f"{base:9.3f}" if isinstance(base, float) else f"{'-':>9}"
            print(f"{name:22} {key:32} {value:8.3f} {base_text}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
