"""Derive ``src/newsevents/data/geo/airports.tsv``: airports with an IATA code, their names and points.

Run: ``pip install airportsdata==20260905 && python tools/derive_geo_airports.py``.
From ``airportsdata`` (MIT; the airports with a three-letter IATA code, i.e. those with scheduled
service) keep the ones named as an airport, airfield, aerodrome or air base ("London Heathrow Airport",
"Mitiga Airport"); heliports, seaplane bases and railway stations with IATA codes are dropped. The
gazetteer indexes each under its name and the shorter forms news use ("Heathrow Airport", "Heathrow").
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import airportsdata

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data" / "geo" / "airports.tsv"
AIRPORT_WORDS = re.compile(r"\b(?:Airport|Airfield|Aerodrome|Air Base|Airbase)\b")


def main() -> None:
    rows = [
        (code, airport["name"].strip(), airport["city"].strip(), airport["country"], f"{airport['lat']:.5f}",
         f"{airport['lon']:.5f}")
        for code, airport in airportsdata.load("IATA").items()
        if AIRPORT_WORDS.search(airport["name"]) and airport["country"]
    ]
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("iata", "name", "city", "alpha2", "lat", "lon"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} airports to {OUT}")


if __name__ == "__main__":
    main()
