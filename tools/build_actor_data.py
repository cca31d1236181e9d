"""Derive the actor coder's lexicon from ../shared/dictionaries and the hand-maintained files.

Usage: ``python tools/build_actor_data.py`` (from the repo root). Writes into
``src/newsevents/data/actors/``:

- ``lexicon.tsv``  tokenized phrase -> kind, canonical name, country, sector, acled type, flags
- ``leaders.csv``  REIGN leader spells (to March 2021) + ``leaders_updates.csv`` (hand-entered, 2021-2026)
- ``igo_members.csv`` COW IGO 2014 membership for the IGOs in ``igos.csv``

Phrases are tokenized with spaCy's blank English tokenizer (the same rules as the
parsing pipeline), lowercased and stripped of accents, so the runtime matcher can
compare token tuples directly.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

import ftfy
import pycountry
import spacy

from newsevents.actors.dictionaries import normalize as norm

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "dictionaries"
OUT = REPO / "src" / "newsevents" / "data" / "actors"
PHOENIX = SHARED / "petrarch2-phoenix"

# Legacy CAMEO/COW country prefixes -> ISO alpha-3 (successor state) or None (no single successor).
LEGACY = {"TMP": "TLS", "KSV": "XKX", "USR": "RUS", "SUN": "RUS", "YUG": "SRB", "SCG": "SRB",
          "FRY": "SRB", "SRP": "BIH", "KRJ": "HRV", "CSK": "CZE", "DDR": None, "KNT": None, "FRN": None,
          "ROM": "ROU", "JAP": "JPN", "ITL": "ITA"}
TRANSNATIONAL = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "REB"}
RELIGION_ROLES = {"MUS", "CHR", "JEW", "HIN", "BUD", "CTH", "PRO", "MAR", "RAD", "SHI", "SUN", "ORT"}
ROLE_ALIASES = {"PPL": "CVL", "CIV": "CVL", "JRN": "MED", "SOC": "CVL"}
SECTORS = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "REB", "INS", "PTY", "MED", "BUS", "CVL", "LAB",
           "EDU", "REL", "REF", "IGO", "NGO", "UAF", "CRM", "HLH", "AGR", "ENV", "HRI", "DEV", "ELI"}
EXTRA_CODES = {"XKX"}
TITLES_OF_LEADERS = ("president", "prime minister", "premier", "chancellor", "king", "leader")

_tokenizer = spacy.blank("en").tokenizer


def valid_iso3(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_3=code) is not None


def tokens(phrase: str) -> str:
    return " ".join(norm(t.text) for t in _tokenizer(phrase) if not t.is_space)


def surface(raw: str) -> str:
    """``KASYMZHOMART_TOKAYEV_`` -> ``Kasymzhomart Tokayev``."""
    text = re.sub(r"\([^)]*\)", " ", raw).replace("_", " ")
    text = " ".join(text.split())
    return text


SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "al", "el", "bin", "von", "der"}


def title_case(text: str) -> str:
    """``UNITED_STATES_OF_AMERICA`` -> ``United States of America``; short acronyms stay upper case."""
    if len(text) <= 4 and text.isupper():
        return text
    words = []
    for i, w in enumerate(text.split(" ")):
        if w.isupper():
            w = w.lower() if i and w.lower() in SMALL_WORDS else w.title()
        words.append(w)
    return " ".join(words)


class Lexicon:
    """Rows keyed by tokenized phrase; the first source to claim a phrase wins."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], list[str]] = {}

    def add(self, phrase: str, kind: str, name: str, country: str | None, sector: str | None,
            acled: str = "", weak: bool = False, extra: str = "") -> None:
        key = tokens(phrase)
        if not key or (key, kind) in self.rows:
            return
        short = len(key.split()) == 1 and len(key) <= 3
        cased = phrase.strip() if short and not phrase.islower() else ""
        self.rows[(key, kind)] = [key, kind, name, country or "", sector or "", acled, "1" if weak else "",
                                  cased, extra]

    def write(self, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write("# tokens\tkind\tname\tcountry\tsector\tacled\tweak\tcased\textra\n")
            for row in sorted(self.rows.values(), key=lambda r: (r[1], r[0])):
                f.write("\t".join(row) + "\n")


def parse_code(code: str) -> tuple[str | None, str | None] | None:
    """``KAZGOVMIL`` -> (``KAZ``, ``GOV``); ``IGOUNO`` -> (None, ``IGO``); None when unusable."""
    prefix, rest = code[:3], code[3:]
    if prefix in TRANSNATIONAL:
        return None, TRANSNATIONAL[prefix]
    country = LEGACY.get(prefix, prefix) if prefix in LEGACY else prefix
    if country is None or not valid_iso3(country):
        return None
    role = rest[:3] or None
    if role in RELIGION_ROLES:
        role = "REL"
    role = ROLE_ALIASES.get(role, role)
    if role is not None and role not in SECTORS:
        role = None
    return country, role


def date_end(spec: str) -> int:
    """End of a Phoenix date restriction as YYYYMMDD (open-ended = 99999999)."""
    def full(d: str) -> int:
        if len(d) == 6:
            yy = int(d[:2])
            return (1900 + yy if yy > 30 else 2000 + yy) * 10000 + int(d[2:])
        return int(d[:8])
    spec = spec.strip()
    if not spec:
        return -1
    if spec.startswith(">"):
        return 99999999
    if spec.startswith("<"):
        return full(spec[1:].strip())
    parts = spec.split("-")
    return full(parts[-1].strip()) if parts[-1].strip().isdigit() else -1


def phoenix_blocks(path: Path):
    """Yield (phrases, codes) for each block of a Phoenix actor file."""
    phrases: list[str] = []
    codes: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        found = re.findall(r"\[([A-Z~]+)\s*([^\]]*)\]", line)
        text = re.sub(r"\[[^\]]*\]", "", line).strip()
        if raw[:1] in "\t " and not text:
            codes.extend(found)
            continue
        if text.startswith("+"):
            phrases.append(text[1:])
            codes.extend(found)
            continue
        if phrases:
            yield phrases, codes
        phrases, codes = [text], list(found)
    if phrases:
        yield phrases, codes


def best_code(codes: list[tuple[str, str]]) -> tuple[str | None, str | None] | None:
    if not codes:
        return None
    dated = [(date_end(d), c) for c, d in codes if d.strip()]
    if dated:
        ranked = sorted(dated, key=lambda x: (x[0], not x[1].endswith("ELI")), reverse=True)
        choice = ranked[0][1]
    else:
        choice = codes[0][0]
    return parse_code(choice)


def phoenix_actors(lex: Lexicon, names: dict[str, str]) -> None:
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt"):
        for phrases, codes in phoenix_blocks(PHOENIX / fname):
            coded = best_code(codes)
            if coded is None or "{" in phrases[0]:
                continue
            country, sector = coded
            name = title_case(surface(phrases[0]))
            kind = "named"
            if sector is None and country is not None:
                kind, name = "place", names.get(country, name)  # country-level synonym: name, city, province
            if sector == "ELI":
                sector = "GOV"  # former office holders keep their government sector (see PROVENANCE.md)
            for p in phrases:
                if "{" in p or not surface(p):
                    continue
                phrase = title_case(surface(p))
                one_word = (kind == "named" and fname.startswith("Phoenix.Countries") and " " not in tokens(phrase)
                            and " " in tokens(title_case(surface(phrases[0]))))
                # A bare surname from the country file codes only after a title ("President X").
                lex.add(phrase, "surname:phoenix" if one_word else kind, name, country, sector)


def countryinfo(lex: Lexicon) -> dict[str, str]:
    """Country names, nationalities, capitals and major cities from CountryInfo + pycountry + NGEC."""
    text = (SHARED / "countryinfo" / "CountryInfo.120116.txt").read_text(encoding="utf-8", errors="replace")
    names: dict[str, str] = {}
    sections = defaultdict(list)
    for block in re.findall(r"<CountryCode>(.*?)</CountryCode>(.*?)(?=<CountryCode>|\Z)", text, re.S):
        code, body = block[0].strip(), block[1]
        if not valid_iso3(code):
            continue
        for tag, kind in (("Nationality", "demonym"), ("Capital", "capital"), ("MajorCities", "city")):
            m = re.search(rf"<{tag}>(.*?)</{tag}>", body, re.S)
            for item in (m.group(1).splitlines() if m else []):
                item = item.split("#", 1)[0].strip()
                if item:
                    sections[kind].append((title_case(surface(item)), code))
        m = re.search(r"<CountryName>(.*?)</CountryName>", body)
        if m:
            names.setdefault(code, title_case(surface(m.group(1))))
            sections["country"].append((title_case(surface(m.group(1))), code))
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                sections["country"].append((value, c.alpha_3))
                names.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)
    with (SHARED / "ngec-assets" / "countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if valid_iso3(row["CCA3"]):
                sections["country"].append((row["Name"], row["CCA3"]))
                for dem in row["Nationality"].split(","):
                    if dem.strip():
                        sections["demonym"].append((dem.strip(), row["CCA3"]))
    extra = defaultdict(list)
    with (OUT / "countries_extra.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            phrase, code, kind = line.rstrip("\n").split("\t")
            if kind == "name":
                names[code] = phrase  # the canonical display name
            extra["country" if kind == "name" else kind].append((phrase, code))
    for kind, items in extra.items():
        sections[kind][:0] = items  # hand entries come first: they win and give the adjective
    # A city name shared by several countries is ambiguous: drop it.
    city_codes = defaultdict(set)
    for phrase, code in sections["city"]:
        city_codes[tokens(phrase)].add(code)
    adjectives: dict[str, str] = {}
    for phrase, code in sections["demonym"]:
        if not phrase.endswith("s"):
            adjectives.setdefault(code, phrase)
    with (OUT / "countries.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["iso3", "name", "adjective"])
        for code in sorted(names):
            w.writerow([code, names[code], adjectives.get(code, names[code])])
    for kind in ("country", "demonym", "capital", "city"):
        for phrase, code in sections[kind]:
            if kind == "city" and len(city_codes[tokens(phrase)]) > 1:
                continue
            # CountryInfo's nationality lists hold nicknames of the country itself ("the US", "the DRC")
            row_kind = "country" if kind == "demonym" and tokens(phrase).startswith("the ") else kind
            lex.add(phrase, row_kind, names.get(code, code), code, "GOV" if kind == "capital" else None)
    return names


def leaders(lex: Lexicon) -> None:
    cow = {}
    with (SHARED / "ngec-assets" / "cow2iso.txt").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["iso3"] and (row["valid_until"] == "" or row["cow_id"] not in cow):
                cow[row["cow_id"]] = row["iso3"]
    rows = []
    with (SHARED / "reign" / "leaderlist_3_21.csv").open(encoding="latin-1") as f:
        for r in csv.DictReader(f):
            iso = cow.get(r["ccode"])
            if not iso or not valid_iso3(iso):
                continue
            name = ftfy.fix_text(r["leader"]).strip()
            rows.append({"country": iso, "name": name, "aliases": "", "role": "leader", "sector": "GOV",
                         "start_year": r["syear"], "end_year": r["eyear"], "source": "REIGN 2021-03"})
    with (OUT / "leaders_updates.csv").open(encoding="utf-8") as f:
        updates = list(csv.DictReader(f))
    # A hand-entered spell supersedes the REIGN spell of the same person that it continues.
    updated = {(u["country"], norm(u["name"]).split()[-1]) for u in updates}
    rows = [r for r in rows if r["end_year"] or (r["country"], norm(r["name"]).split()[-1]) not in updated]
    rows += updates
    with (OUT / "leaders.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["country", "name", "role", "sector", "start_year", "end_year", "source"])
        w.writeheader()
        for r in rows:
            w.writerow({k: r[k] for k in w.fieldnames})
    # Latest spell per person decides the coding; surnames index recent leaders.
    latest: dict[str, dict] = {}
    for r in rows:
        key = norm(r["name"])
        end = int(r["end_year"] or 9999)
        if key not in latest or (end, int(r["start_year"])) >= (int(latest[key]["end_year"] or 9999),
                                                                 int(latest[key]["start_year"])):
            latest[key] = r
    for r in latest.values():
        country = None if r["country"] == "IGO" else r["country"]
        end = r["end_year"] or "9999"
        extra = f"{r['role']}|{r['start_year']}|{end}"
        for phrase in [r["name"], *filter(None, r.get("aliases", "").split(";"))]:
            if " " not in tokens(phrase):
                continue  # a bare surname is indexed below, never as a full name
            lex.rows.pop((tokens(phrase), "named"), None)  # leaders override older Phoenix codings
            lex.add(phrase, "named", r["name"], country, r["sector"], extra=extra)
        for surname in surnames(r["name"], r.get("aliases") or "", r["country"]):
            lex.add(surname, f"surname:{r['country']}:{norm(r['name'])}", r["name"], country, r["sector"],
                    extra=extra)


def surnames(name: str, aliases: str, country: str) -> list[str]:
    """Single-word forms a leader is referred to by: the last name (not for family-name-first
    countries), ``Assad`` for ``al-Assad``, and any one-word alias."""
    derived = []
    last = name.split()[-1].rstrip(".")
    if len(name.split()) == 1 or country not in ("CHN", "KOR", "PRK", "TWN", "VNM", "MMR", "KHM"):
        derived.append(last)
        prefix = re.match(r"^(al|el|ad|as|an|ar|at|az)-(.+)$", last, re.I)
        if prefix:
            derived.append(prefix.group(2))
    explicit = [a for a in aliases.split(";") if a and " " not in tokens(a)]
    return explicit + [s for s in derived if len(s) >= 4 and s[0].isupper()]


def igos(lex: Lexicon) -> None:
    with (OUT / "igos.csv").open(encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    members = defaultdict(list)
    with (SHARED / "cow-igo" / "igo_membership_2014.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iso = LEGACY.get(row["iso3"], row["iso3"])  # COW's Yugoslavia (345) is Serbia in 2014
            if iso and row["status"] == "1" and valid_iso3(iso):
                members[row["ioname"]].append(iso)
    with (OUT / "igo_members.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["acronym", "name", "members_2014"])
        for r in table:
            w.writerow([r["acronym"], r["name"], " ".join(sorted(members.get(r["cow_ioname"], [])))])
    for r in table:
        for phrase in [r["acronym"], r["name"], *filter(None, r["aliases"].split(";"))]:
            lex.rows.pop((tokens(phrase), "named"), None)
            lex.add(phrase, "named", r["name"], None, "IGO", "External/Other forces")


def named_extra(lex: Lexicon) -> None:
    with (OUT / "named_extra.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, country, sector, aliases = (line.rstrip("\n").split("\t") + [""])[:4]
            country = None if country in TRANSNATIONAL else country
            for phrase in [name, *filter(None, aliases.split(";"))]:
                lex.rows.pop((tokens(phrase), "named"), None)
                lex.add(phrase, "named", name, country, sector)


def agents(lex: Lexicon) -> None:
    with (OUT / "agents_extra.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            phrase, sector, acled, weak = line.rstrip("\n").split("\t")
            for form in inflections(phrase):
                lex.add(form, "agent", phrase, None, None if sector == "-" else sector, acled, weak == "1")
    subst: dict[str, list[str]] = {}
    for raw in (PHOENIX / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            subst[m.group(1)] = [s.strip() for s in m.group(2).split(",")]
            continue
        m = re.match(r"^(.+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]{3})[A-Z]*~?\]", line)
        if not m:
            continue
        phrase, plural, role = m.group(1), m.group(2), m.group(3)
        role = "REL" if role in RELIGION_ROLES else ROLE_ALIASES.get(role, role)
        role = "GOV" if role == "ELI" else role  # "former president": government sector (PROVENANCE.md)
        if role not in SECTORS:
            continue
        expanded = [phrase]
        for macro, values in subst.items():
            if macro in phrase:
                expanded = [p.replace(macro, f" {v} ") for p in expanded for v in values]
        for p in expanded:
            text = " ".join(p.replace("_", " ").split()).lower()
            if not text or "!" in text:
                continue
            forms = inflections(text) if plural is None else [text] + [
                " ".join(x.replace("_", " ").split()).lower() for x in plural.strip("{} ").split()]
            for form in forms:
                lex.add(form, "agent", text, None, role)


def inflections(phrase: str) -> list[str]:
    """The phrase and its regular English plural (on the last word)."""
    words = phrase.split()
    last = words[-1]
    if last.endswith(".") or last.isupper() and len(last) > 1 and not last.endswith("P"):
        return [phrase]
    if last.endswith(("man",)):
        plural = last[:-3] + "men"
    elif last.endswith(("s", "x", "ch", "sh")):
        plural = last + "es" if not last.endswith(("ies", "ces", "ers", "ors", "nts", "ops")) else last
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return [phrase, " ".join(words[:-1] + [plural])]


def main() -> int:
    if not SHARED.is_dir():
        print(f"missing {SHARED}", file=sys.stderr)
        return 1
    lex = Lexicon()
    agents(lex)
    names = countryinfo(lex)
    phoenix_actors(lex, names)
    leaders(lex)
    igos(lex)
    named_extra(lex)
    lex.write(OUT / "lexicon.tsv")
    kinds = defaultdict(int)
    for _, kind in lex.rows:
        kinds[kind.split(":")[0]] += 1
    print(dict(kinds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
