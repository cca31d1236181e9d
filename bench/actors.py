"""Actor coding accuracy on the PLOVER gold-standard records (development set).

Each gold ``source``/``target`` actorText found in its sentence is coded with
``ActorCoder.code_span`` (focus_country=None) and compared with the gold ``code``
(country, or IGO/NGO for transnational actors) and gold ``sector``.

Usage: ``python bench/actors.py``; writes ``bench/results/actors.json``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from newsevents import nlp
from newsevents.actors import ActorCoder
from newsevents.records import Actor

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "eval" / "plover-gsr" / "plover_gsr.jsonl"
RESULTS = REPO / "bench" / "results" / "actors.json"
# Legacy CAMEO country codes in the gold -> ISO alpha-3.
GOLD_CODE = {"JAP": "JPN", "ITL": "ITA"}
# Gold sector spellings -> our codes; ELI (former leaders) is GOV by our convention.
GOLD_SECTOR = {"CIV": "CVL", "JRN": "MED", "ELI": "GOV", "MOS": "REL", "SOC": "CVL"}


def predicted_code(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.sector in ("IGO", "NGO") and actor.country is None:
        return actor.sector
    return actor.country


def gold_actors(record: dict) -> list[dict]:
    found = []
    for role in ("source", "target"):
        value = record["gold"].get(role)
        for actor in value if isinstance(value, list) else []:
            start = record["text"].find(actor["actorText"])
            if start >= 0:
                found.append({**actor, "start": start, "end": start + len(actor["actorText"])})
    return found


def main() -> int:
    if not GOLD.is_file():
        print(f"missing {GOLD}", file=sys.stderr)
        return 1
    records = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    coder = ActorCoder.default()
    rows = []
    for record, doc in zip(records, nlp.parse(r["text"] for r in records)):
        for gold in gold_actors(record):
            span = doc.char_span(gold["start"], gold["end"], alignment_mode="expand")
            actor = coder.code_span(span, focus_country=None) if span is not None else None
            sector = (gold.get("sector") or "")[:3].upper()
            rows.append({"id": record["id"], "text": gold["actorText"],
                         "gold_code": GOLD_CODE.get(gold["code"], gold["code"]),
                         "gold_sector": GOLD_SECTOR.get(sector, sector) if sector and sector != "***" else None,
                         "code": predicted_code(actor), "sector": actor.sector if actor else None})
    majority_code = Counter(r["gold_code"] for r in rows).most_common(1)[0][0]
    with_sector = [r for r in rows if r["gold_sector"]]
    majority_sector = Counter(r["gold_sector"] for r in with_sector).most_common(1)[0][0]
    result = {
        "actors": len(rows),
        "country_accuracy": sum(r["code"] == r["gold_code"] for r in rows) / len(rows),
        "country_baseline_majority": sum(r["gold_code"] == majority_code for r in rows) / len(rows),
        "majority_code": majority_code,
        "coded_share": sum(r["code"] is not None for r in rows) / len(rows),
        "actors_with_sector": len(with_sector),
        "sector_accuracy": sum(r["sector"] == r["gold_sector"] for r in with_sector) / len(with_sector),
        "sector_baseline_majority": sum(r["gold_sector"] == majority_sector for r in with_sector) / len(with_sector),
        "majority_sector": majority_sector,
    }
    print(f"{'metric':<28}{'newsevents':>12}{'baseline':>12}")
    print(f"{'country accuracy':<28}{result['country_accuracy']:>12.3f}{result['country_baseline_majority']:>12.3f}"
          f"   (n={len(rows)}, baseline = always {majority_code})")
    print(f"{'sector accuracy':<28}{result['sector_accuracy']:>12.3f}{result['sector_baseline_majority']:>12.3f}"
          f"   (n={len(with_sector)}, baseline = always {majority_sector})")
    print(f"{'share coded (any country)':<28}{result['coded_share']:>12.3f}")
    if "-v" in sys.argv:
        for r in rows:
            if r["code"] != r["gold_code"] or (r["gold_sector"] and r["sector"] != r["gold_sector"]):
                print(f"  {r['text']!r:50} gold={r['gold_code']}/{r['gold_sector']} got={r['code']}/{r['sector']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({**result, "errors": [r for r in rows if r["code"] != r["gold_code"]]},
                                  indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
