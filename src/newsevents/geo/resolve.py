"""Find place mentions in a parsed article and resolve each to a gazetteer place.

A mention's candidates are all features whose name or alias normalizes like it
(dict lookup); failing that, the region a demonym is formed from ("Ohioans") or a
known place inside the name ("Port of Los Angeles"). Each candidate is scored by
feature class and population, then re-scored with the article's context: how well
the other names' possible readings agree with it (same county or region, nearby),
the focus country, the countries and subdivisions the other mentions resolve to,
an adjacent qualifier ("Paris, Texas"; "Springfield, Illinois"; not a list: "Georgia, Oklahoma,
Pennsylvania") and a plural type noun after a list ("Becker and Clay counties"). A name the gazetteer
does not know gets the place the text puts it in ("the X Hall in Geneva", "Cairo's X district").

>>> from newsevents import nlp
>>> doc = nlp.load()("Flooding hit Paris, Texas, on Monday.")
>>> [(m.place.name, m.place.admin1) for m in find_places(doc, focus_country=None)]
[('Paris', 'Texas'), ('Texas', 'Texas')]
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..clean import find_dateline
from ..nlp import text_of
from ..records import Place
from .gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, DATA, REGION, Gazetteer, km_between, normalize

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Other entity labels the small model gives toponyms ("Almaty's airport" -> ORG): kept only
# when the syntax says place (possessor, object of a locative preposition or of a verb of
# ``data/geo/place_object_verbs.txt``: "captured Jaffna").
MISLABELS = frozenset({"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "throughout", "within",
                            "into", "onto", "on", "along", "off", "over", "through", "between", "beside", "by"})
DIRECTIONAL_PREPS = frozenset({"to", "toward", "towards", "via"})
ORIGIN_PREPS = frozenset({"from", "of"})
PLACE_PREPS = LOCATIVE_PREPS | DIRECTIONAL_PREPS | {"from"}
_NOMINAL_DEPS = frozenset({"dobj", "obj", "nsubj", "nsubjpass", "pobj", "attr", "appos"})
_POSSESSIVE = re.compile(r"\s*['’]s?$")

# Log-scale scores: a feature class prior plus its population, then context bonuses.
KIND_PRIOR = {CONTINENT: 8.0, COUNTRY: 8.0, REGION: 7.5, ADMIN1: 5.0, ADMIN2: 3.0, CITY: 0.0}
POPULATION_WEIGHT = {CONTINENT: 0.0, COUNTRY: 0.2, REGION: 0.0, ADMIN1: 0.3, ADMIN2: 0.3, CITY: 1.0}
# A type word the gazetteer does not write: "Quebec City", "Oaxaca State", "Readington Township"; the kinds of
# feature each may name ("Germany Township" is no country).
_TYPE_SUFFIX = re.compile(r" (?P<type>city|state|province|township|twp)$")
_TYPE_KINDS = {"city": (CITY, ADMIN2), "township": (CITY, ADMIN2), "twp": (CITY, ADMIN2), "state": (ADMIN1,),
               "province": (ADMIN1, ADMIN2)}
ALIAS_PENALTY = 1.0
CAPITAL_BONUS = 1.5
SHADOWED_ADMIN_PENALTY = 3.0  # "Almaty" the region vs "Almaty" the city inside it: the city is meant
FOCUS_BONUS = 2.0
DOC_COUNTRY_BONUS = 4.0  # times the share of the other mentions that lie in the candidate's country
DOC_ADMIN1_BONUS = 2.5
DOC_ADMIN2_BONUS = 1.5
QUALIFIER_BONUS = 6.0
# A country after a comma qualifies less surely than a region: "Russia, U.S. officials" is a list.
COUNTRY_QUALIFIER_BONUS = 3.0
TYPE_NOUN_BONUS = 6.0  # "Becker, Clay and Grant counties": the counties, not the towns
CONTEXT_ROUNDS = 3
# Support from the other names' possible readings, not just their current best ones ("Paris" beside
# "Henry County": Paris, Tennessee lies in Henry County, Tennessee, though neither is the most populous
# reading). Each other name adds its best agreeing reading's link weight, less how far that reading's
# prior is below the name's best prior; the sum is capped.
LINK_ADMIN2 = 3.0  # same county, or one reading is the county the other lies in
LINK_ADMIN1 = 2.0
LINK_NEAR = 2.0  # points within about a degree of each other
LINK_PRIOR_SLOPE = 0.5
LINK_CAP = 24.0
PROMINENT_CITY_POPULATION = 100_000  # a city named before a head noun we do not know ("Dubai Turf")
CONTEXT_SPANS = 300  # place names weighed together; a news article has far fewer


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the body: ``start``/``end`` are character offsets into ``doc.text``."""

    start: int
    end: int
    place: Place


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A stretch of text to resolve (character offsets), whether it is a demonym, and whether a place
    inside it may stand for it when the whole name is unknown (not for a person's name: "Vladimir Putin")."""

    start: int
    end: int
    text: str
    demonym: bool = False
    inner_names: bool = True


def find_places(doc: Doc, *, focus_country: str | None, gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """All place mentions in ``doc`` that resolve, in text order.

    >>> from newsevents import nlp
    >>> doc = nlp.load()("Syrian troops shelled rebel positions in Aleppo on Friday.")
    >>> [(m.place.name, m.place.precision) for m in find_places(doc, focus_country=None)]
    [('Syria', 'country'), ('Aleppo', 'city')]
    """
    gazetteer = gazetteer or Gazetteer.default()
    spans = mention_spans(doc, gazetteer=gazetteer)
    # Mentions are names the gazetteer knows; the event locator places the others in their sentence.
    # A very long document is resolved in runs of CONTEXT_SPANS names, each its own context: the context
    # rounds cost the square of the names they weigh, and a book's far chapters say little of each other.
    found = []
    for first in range(0, len(spans), CONTEXT_SPANS):
        run = spans[first : first + CONTEXT_SPANS]
        places = resolve_spans(text_of(doc), run, focus_country=focus_country, gazetteer=gazetteer,
                               place_unknown_names=False, drop_strays=True)
        found += [PlaceMention(s.start, s.end, p) for s, p in zip(run, places) if p is not None]
    return found


def mention_spans(doc: Doc, *, gazetteer: Gazetteer) -> list[NameSpan]:
    """The spans of ``doc`` that name places (entities, demonyms, possessors, the dateline), before resolution."""
    found: list[NameSpan] = []
    people = person_names(doc, gazetteer)
    for ent in doc.ents:
        if ent.label_ == "NORP":
            word = _strip(ent.text)
            if gazetteer.demonym(word) is not None:
                found.append(NameSpan(ent.start_char, ent.start_char + len(word), word, demonym=True))
                continue
        if uncased(ent) or names_person(ent, people):
            continue
        if ent.label_ in PLACE_LABELS or (ent.label_ in MISLABELS and _placelike(ent)):
            found.extend(_split(ent, gazetteer))
    dateline = [span for span in _dateline_spans(doc)
                if not any(s.start < span.end and span.start < s.end for s in found)]
    return sorted(dateline + found, key=lambda span: span.start) if dateline else found


@functools.lru_cache(maxsize=1)  # the events of a document ask one after another
def person_names(doc: Doc, gazetteer: Gazetteer) -> frozenset[str]:
    """The surnames of the people ``doc`` names in full ("Duncan E. Kennedy": "Kennedy"), normalized; not the name of a
    country or world region (the model calls "Sri Lanka's" and "Rethinking Egypt" people too)."""
    return frozenset(surname for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                     if not _names_country(surname := normalize(_strip(ent[-1].text)), gazetteer))


def _names_country(key: str, gazetteer: Gazetteer) -> bool:
    return any(gazetteer.kind(code >> 1) in (COUNTRY, CONTINENT, REGION) for code in gazetteer.lookup(key))


def names_person(ent: Span, surnames: frozenset[str]) -> bool:
    """Is ``ent`` the surname of a person named in full elsewhere ("Kennedy" after "Duncan E. Kennedy", "Barge died"
    after "Donald Barge"), not a place? After a locative preposition a place entity stays a place ("shot in
    Santiago")."""
    if len(ent) > 1 or normalize(_strip(ent.text)) not in surnames:
        return False
    return not (ent.label_ in PLACE_LABELS and ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE_PREPS)


def uncased(ent: Span) -> bool:
    """Is ``ent`` written all in lower case in a sentence that capitalises names ("the county's metro homicide
    unit")? Then it is a common word, not a name; in text written all in lower case it may still be one."""
    return not any(c.isupper() for c in ent.text) and any(t.text[:1].isupper() for t in ent.sent[1:])


def _dateline_spans(doc: Doc) -> list[NameSpan]:
    """The place of a capitalised dateline ("OAKLAND —", "FLINT, MI —", or after a glued headline "... in her dorm
    MILWAUKEE (WITI) —"), which the small model often leaves unlabelled or calls an organisation: each of its comma
    parts."""
    dateline = find_dateline(text_of(doc), inline=True)
    if dateline is None or not dateline.place.partition(",")[0].isupper():
        return []
    return _comma_parts(dateline.place, dateline.start)


def _placelike(ent: Span) -> bool:
    root = ent.root
    if any(child.dep_ == "det" and child.lower_ in ("a", "an") for child in root.children):
        return False  # one of a kind of thing, not a place: "drove away in a dark-colored Toyota"
    if root.dep_ == "poss":
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and is_quantifier(root.head.head):
        root = root.head.head  # "captured much of Mali", "in most of Homs": the share stands where the name would
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in place_object_verbs():
        return True  # "Eritrea captured Badme"
    return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS


def is_quantifier(token: Token) -> bool:
    """Does ``token`` stand for a share of what follows "of" ("captured much of Liberia", "most of the city was
    shelled"; not "critical of Israel" nor a count, "two of Nigeria's tribes")?"""
    return token.pos_ in ("ADJ", "DET", "PRON") and token.dep_ in _NOMINAL_DEPS


@functools.lru_cache(maxsize=1)
def place_object_verbs() -> frozenset[str]:
    """The verbs of ``data/geo/place_object_verbs.txt``, whose object is a place ("captured Badme")."""
    lines = (DATA / "place_object_verbs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _strip(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def _split(ent: Span, gazetteer: Gazetteer) -> list[NameSpan]:
    """``ent`` as one span, or its comma-separated parts when only those are names ("Paris, Texas")."""
    text = _strip(ent.text)
    if text.lower().startswith("the "):
        start, text = ent.start_char + 4, text[4:]
    else:
        start = ent.start_char
    inner_names = ent.label_ in PLACE_LABELS
    if "," not in text or gazetteer.lookup(normalize(text)):
        return [NameSpan(start, start + len(text), text, inner_names=inner_names)]
    return _comma_parts(text, start, inner_names=inner_names)


def _comma_parts(text: str, start: int, *, inner_names: bool = True) -> list[NameSpan]:
    """The non-empty comma-separated parts of ``text`` (which begins at offset ``start``)."""
    parts, offset = [], start
    for piece in text.split(","):
        lead = len(piece) - len(piece.lstrip())
        name = piece.strip()
        if name:
            parts.append(NameSpan(offset + lead, offset + lead + len(name), name, inner_names=inner_names))
        offset += len(piece) + 1
    return parts


def candidates(span: NameSpan, gazetteer: Gazetteer) -> list[tuple[int, bool]]:
    """(feature id, matched through an alias) for each feature ``span`` may name."""
    if span.demonym:
        fid = gazetteer.demonym(span.text)
        return [] if fid is None else [(fid, False)]
    key = normalize(span.text)
    codes = gazetteer.lookup(key)
    if not codes and (typed := _TYPE_SUFFIX.search(key)):
        kinds = _TYPE_KINDS[typed["type"]]
        codes = tuple(c for c in gazetteer.lookup(key[: typed.start()]) if gazetteer.kind(c >> 1) in kinds)
    found = [(code >> 1, bool(code & 1)) for code in codes]
    fid = gazetteer.demonym(span.text)  # NER sometimes calls "Syrian" a GPE; "Canadian" is also a town
    if fid is not None and all(f != fid for f, _ in found):
        found.append((fid, False))
    if found or not span.inner_names:
        return found
    return [(fid, True) for fid in gazetteer.region_demonym(span.text)] or _inner_name(span.text, gazetteer)


def _inner_name(text: str, gazetteer: Gazetteer) -> list[tuple[int, bool]]:
    """Candidates (as alias hits) of a known place named inside an unknown name, tried in this order:
    what follows "of" ("Port of Los Angeles"), the name without leading direction words when it is
    prominent ("Western Kansas", not the Turkish town in "South Side"), then the longest capitalised run
    of words before the head noun: any place before a feature noun ("Loudon Co.", "Catawba River"), else
    only a prominent one ("Dubai Turf", but not "Tal Zahab", where "Tal" is part of the name). After "of"
    without a feature noun before it ("Chambers of Commerce") too, only a name with a prominent reading
    counts; that reading vouches for the name, and all its readings compete. A short run must be an
    upper-case code ("US", not "St."), and feature nouns alone are no place ("Lake" in "Lake Lanier"). A street
    is in a town, not in the place it is named after ("Grand Avenue", "Michigan Ave."): it names none.
    """
    words = text.split()
    if not words or words[-1].casefold() in _name_words("street"):
        return []
    heads = _name_words("head")
    tries: list[tuple[list[str], bool]] = []  # (words, only prominent features)
    if "of" in words:
        at = len(words) - 1 - words[::-1].index("of")
        tries.append((words[at + 1 :], at == 0 or words[at - 1].casefold() not in heads))
    lead = 0
    while lead < len(words) - 1 and words[lead].casefold() in _name_words("direction"):
        lead += 1
    if lead:
        tries.append((words[lead:], True))
    modifiers = words[:-1]
    unknown_head = words[-1].casefold() not in heads
    # a county or township named after a country is a local unit: "Lebanon Township" is not Lebanon
    local_unit = words[-1].casefold() in _name_words("local_unit")
    tries += [(modifiers[first : first + size], unknown_head) for size in range(len(modifiers), 0, -1)
              for first in range(len(modifiers) - size + 1)]
    for run, prominent_only in tries:
        name = " ".join(run)
        if not run or not all(word[:1].isupper() for word in run) or (len(normalize(name)) < 3 and not name.isupper()):
            continue
        if all(word.casefold() in heads for word in run):
            continue
        found = [(code >> 1, True) for code in gazetteer.lookup(normalize(name))
                 if not local_unit or gazetteer.kind(code >> 1) not in (COUNTRY, CONTINENT, REGION)]
        # one prominent reading vouches for the name; then all its readings compete
        if found and (not prominent_only or any(_prominent(fid, gazetteer) for fid, _ in found)):
            return found
    return []


def _prominent(fid: int, gazetteer: Gazetteer) -> bool:
    kind = gazetteer.kind(fid)
    return kind not in (CITY, ADMIN2) or gazetteer.population(fid) >= PROMINENT_CITY_POPULATION


@functools.cache
def _name_words(role: str) -> frozenset[str]:
    """``data/geo/name_words.tsv``: leading direction words and feature head nouns of place names."""
    with (DATA / "name_words.tsv").open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in list(handle)[1:]]
    return frozenset(word for word, kind in rows if kind == role)


def prior(fid: int, alias: bool, gazetteer: Gazetteer) -> float:
    """Context-free score: feature class, population, alias penalty."""
    kind = gazetteer.kind(fid)
    score = KIND_PRIOR[kind] + POPULATION_WEIGHT[kind] * math.log10(gazetteer.population(fid) + 10)
    if gazetteer.is_capital(fid):
        score += CAPITAL_BONUS
    return score - ALIAS_PENALTY if alias else score


@dataclass(slots=True)
class _Context:
    focus: str | None
    votes: Counter  # country codes (str) and region feature ids (int) of the current readings

    def bonus(self, fid: int, gazetteer: Gazetteer, own: Counter) -> float:
        """Agreement of reading ``fid`` with the other mentions' readings (``own``: this name's votes)."""
        others = self.votes - own
        country = gazetteer.country_code(fid)
        score = FOCUS_BONUS if country and country == self.focus else 0.0
        countries = sum(v for k, v in others.items() if isinstance(k, str))
        if countries:
            # A sea or continent lies in no country but agrees with any ("the Atlantic" beside U.S. towns)
            share = others[country] if country else max(v for k, v in others.items() if isinstance(k, str))
            score += DOC_COUNTRY_BONUS * share / countries
        kind = gazetteer.kind(fid)
        admin1 = gazetteer.admin1_of(fid)
        if kind == ADMIN1 and others[fid]:
            score += DOC_ADMIN1_BONUS  # "Georgia" beside Atlanta and Savannah
        elif admin1 >= 0 and others[admin1]:
            score += DOC_ADMIN1_BONUS
        admin2 = gazetteer.admin2_of(fid)
        if kind == CITY and admin2 >= 0 and others[admin2]:
            score += DOC_ADMIN2_BONUS
        return score


def _regions(fid: int, gazetteer: Gazetteer) -> list[int]:
    """The features ``fid`` lies in (and itself, if it is a region)."""
    kind = gazetteer.kind(fid)
    out = [fid] if kind in (ADMIN1, ADMIN2) else []
    out += [r for r in (gazetteer.admin1_of(fid), gazetteer.admin2_of(fid)) if r >= 0]
    return out


def _qualifier_bonus(region_candidates: list[tuple[int, bool]], fid: int, gazetteer: Gazetteer) -> float:
    """The bonus for feature ``fid`` when one reading of the following span contains it ("Paris" + ", Texas")."""
    country = gazetteer.country_code(fid)
    inside = {gazetteer.admin1_of(fid), gazetteer.admin2_of(fid)}
    for region, _ in region_candidates:
        if region == fid:
            continue
        kind = gazetteer.kind(region)
        if kind == COUNTRY and gazetteer.country_code(region) == country:
            return COUNTRY_QUALIFIER_BONUS
        if kind != CITY and region in inside:
            return QUALIFIER_BONUS
    return 0.0


def _qualifier_bonuses(text: str, spans: Sequence[NameSpan], options: list[list[tuple[int, bool]]],
                       priors: list[list[float]], gazetteer: Gazetteer) -> list[list[float]]:
    """Per candidate of each span, its bonus from the span that qualifies it ("Paris, Texas").

    A comma between names also separates list items ("Georgia, Oklahoma, Pennsylvania"): two regions
    side by side where neither lies in the other are list items, and a list item neither qualifies
    nor is qualified ("Oklahoma" is not the town in Pennsylvania). A country after a country's name
    makes no town of it ("in Russia, U.S. officials said").
    """
    pairs = [i + 1 < len(spans) and _adjacent(text, spans[i], spans[i + 1]) for i in range(len(spans))]
    qualifying = [pair and any(_qualifier_bonus(options[i + 1], fid, gazetteer) for fid, _ in options[i])
                  for i, pair in enumerate(pairs)]
    best_kinds = [gazetteer.kind(_best(opts, scores, [0.0] * len(opts))) if opts else None
                  for opts, scores in zip(options, priors)]
    regional = [kind not in (None, CITY) for kind in best_kinds]
    listed = [False] * len(spans)
    for i, pair in enumerate(pairs):
        if pair and not qualifying[i] and regional[i] and regional[i + 1]:
            listed[i] = listed[i + 1] = True
    bonuses = []
    for i, opts in enumerate(options):
        if not qualifying[i] or listed[i] or listed[i + 1]:
            bonuses.append([0.0] * len(opts))
            continue
        bonus = [_qualifier_bonus(options[i + 1], fid, gazetteer) for fid, _ in opts]
        if best_kinds[i] == COUNTRY:
            bonus = [b if b != COUNTRY_QUALIFIER_BONUS or gazetteer.kind(fid) != CITY else 0.0
                     for b, (fid, _) in zip(bonus, opts)]
        bonuses.append(bonus)
    return bonuses


_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_PLURAL_KINDS = {"admin1_plural": ADMIN1, "admin2_plural": ADMIN2, "city_plural": CITY}


def _typed_by_plural_noun(text: str, spans: Sequence[NameSpan]) -> list[int | None]:
    """For each span, the feature kind a plural type noun after its list gives it, else None:
    "Becker, Clay and Grant counties" -> the counties."""
    typed: list[int | None] = [None] * len(spans)
    first = 0
    for i, span in enumerate(spans):
        if i + 1 < len(spans) and _LIST_SEPARATOR.fullmatch(text[span.end : spans[i + 1].start]):
            continue
        word = _NEXT_WORD.match(text, span.end)
        kind = _plural_kind(word.group(1).casefold()) if word else None
        if kind is not None and i > first:  # one name before it is the area: "Ohio counties"
            typed[first : i + 1] = [kind] * (i + 1 - first)
        first = i + 1
    return typed


@functools.cache
def _plural_kind(word: str) -> int | None:
    roles = {role: _name_words(role) for role in _PLURAL_KINDS}
    return next((_PLURAL_KINDS[role] for role, words in roles.items() if word in words), None)


def resolve_spans(
    text: str,
    spans: Sequence[NameSpan],
    *,
    focus_country: str | None,
    gazetteer: Gazetteer,
    place_unknown_names: bool = True,
    drop_strays: bool = False,
) -> list[Place | None]:
    """Resolve each span of ``text`` to a :class:`Place` (None when nothing matches), in context.

    With ``place_unknown_names``, a name the gazetteer does not know gets the place the text puts it
    in ("the X Hall in Geneva"; see :func:`_within`). With ``drop_strays``, for spans that may not name a
    place at all (a model's entities), a minor place abroad that nothing else in the text points to is no
    reading (see :func:`_stray`)."""
    options = [candidates(span, gazetteer) for span in spans]
    priors = [[prior(fid, alias, gazetteer) for fid, alias in opts] for opts in options]
    typed = _typed_by_plural_noun(text, spans)
    for opts, scores, kind in zip(options, priors, typed):
        if kind is None:  # "Medina and Geauga counties": the county, not the town inside it
            _shadow_admins(opts, scores, gazetteer)
    keys = [normalize(span.text) for span in spans]
    support = _link_support(keys, options, priors, gazetteer)
    qualified = _qualifier_bonuses(text, spans, options, priors, gazetteer)

    # The best reading of each span alone votes for its country and regions; the readings
    # in that context vote again (a few rounds settle "Savannah" once "Atlanta" is in Georgia).
    chosen = [_best(opts, scores, links) for opts, scores, links in zip(options, priors, support)]
    for _ in range(CONTEXT_ROUNDS):
        votes = [_votes(fid, gazetteer) for fid in chosen]
        context = _Context(focus_country, sum(votes, Counter()))
        # A name repeated ("Georgia ... Georgia") must not confirm its own reading.
        same_name: dict[str, Counter] = {}
        for key, vote in zip(keys, votes):
            same_name.setdefault(key, Counter()).update(vote)
        updated = []
        for i, (opts, scores) in enumerate(zip(options, priors)):
            # The links and the context rounds see the same agreements: take the larger, not both.
            bonuses = [
                max(link, context.bonus(fid, gazetteer, same_name[keys[i]]))
                + qualifier
                + (TYPE_NOUN_BONUS if gazetteer.kind(fid) == typed[i] else 0.0)
                for (fid, _), link, qualifier in zip(opts, support[i], qualified[i])
            ]
            updated.append(_best(opts, scores, bonuses))
        if updated == chosen:
            break
        chosen = updated
    if drop_strays:
        chosen = [None if _stray(i, chosen, keys, spans, focus_country, gazetteer) else fid
                  for i, fid in enumerate(chosen)]
    places = [None if fid is None else gazetteer.place(fid, text=span.text) for span, fid in zip(spans, chosen)]
    places = [_in_its_town(i, text, spans, chosen, places, gazetteer) for i in range(len(places))]
    if not place_unknown_names:
        return places
    return [place or _within(i, text, spans, places) for i, place in enumerate(places)]


# "the Logan section of Philadelphia", "the Mission district of San Francisco": a part of the town that follows.
_PART_OF_NEXT = re.compile(r"\s+(?:section|neighborhood|neighbourhood|district|area|suburb|quarter|borough)\s+"
                           r"(?:of|in)\s+(?:the\s+)?")
_WITHIN_NEXT = re.compile(_PART_OF_NEXT.pattern + r"|\s+(?:in|near|outside)\s+(?:the\s+)?|\s*,\s*")
PART_OF_TOWN_KM = 40.0  # how far from its town's point a named part of it may lie
_WITHIN_PREVIOUS = re.compile(r"\s*['’]s\s+")


def _in_its_town(
    i: int, text: str, spans: Sequence[NameSpan], chosen: list[int | None], places: list[Place | None],
    gazetteer: Gazetteer,
) -> Place | None:
    """The place of span ``i``, unless the text calls it a part of the larger town that follows ("the Society Hill
    section of Philadelphia") and the reading lies far from that town (Society Hill, New Jersey): then it is that
    part, at the town's point. Not "the Cincinnati suburb of West Chester", where the town comes first."""
    place, town = places[i], places[i + 1] if i + 1 < len(places) else None
    if (place is None or town is None or town.precision != "city" or town.lat is None or place.lat is None
            or not _PART_OF_NEXT.fullmatch(text[spans[i].end : spans[i + 1].start])
            or gazetteer.population(chosen[i]) >= gazetteer.population(chosen[i + 1])
            or km_between(place.lat, place.lon, town.lat, town.lon) <= PART_OF_TOWN_KM):
        return place
    return Place(text=place.text, name=spans[i].text, country=town.country, admin1=town.admin1, lat=town.lat,
                 lon=town.lon, geonameid=None, precision="city")


def _within(i: int, text: str, spans: Sequence[NameSpan], places: list[Place | None]) -> Place | None:
    """A name the gazetteer does not know, placed by the text in a place of ``places``, at that place's point:
    "X in Y", "X near Y", "Y's X", and "X, Y" when Y is a region or X a feature ("Oulton Park, Cheshire";
    not "Madinaty, Liverpool", a list). None without such evidence."""
    span = spans[i]
    if not span.inner_names:
        return None
    around = None
    if i + 1 < len(spans) and places[i + 1] is not None:
        between = text[span.end : spans[i + 1].start]
        if _WITHIN_NEXT.fullmatch(between) and (
            "," not in between or places[i + 1].precision != "city" or _feature_name(span.text)
        ):
            around = places[i + 1]
    if around is None and i > 0 and _WITHIN_PREVIOUS.fullmatch(text[spans[i - 1].end : span.start]):
        around = places[i - 1]
    if around is None:
        return None
    return Place(text=span.text, name=span.text, country=around.country, admin1=around.admin1, lat=around.lat,
                 lon=around.lon, geonameid=None, precision=around.precision)


def _feature_name(name: str) -> bool:
    """Does ``name`` end in a feature head noun ("Oulton Park", "Convention Centre")?"""
    words = name.split()
    return len(words) > 1 and words[-1].casefold() in _name_words("head")


def _link_keys(fid: int, gazetteer: Gazetteer) -> list[tuple[str, object]]:
    """The keys under which reading ``fid`` agrees with others: its county, its first-level region, its cell."""
    kind = gazetteer.kind(fid)
    if kind not in (ADMIN1, ADMIN2, CITY):
        return []
    admin2 = fid if kind == ADMIN2 else gazetteer.admin2_of(fid)
    admin1 = gazetteer.admin1_feature(fid)
    keys: list[tuple[str, object]] = []
    if admin2 >= 0:
        keys.append(("admin2", admin2))
    if admin1 >= 0:
        keys.append(("admin1", admin1))
    if kind != ADMIN1:
        lat, lon = gazetteer.coordinates(fid)
        keys.append(("cell", (math.floor(lat), math.floor(lon))))
    return keys


_LINK_WEIGHT = {"admin2": LINK_ADMIN2, "admin1": LINK_ADMIN1, "cell": LINK_NEAR}


def _neighbour_cells(cell: tuple[int, int]) -> list[tuple[int, int]]:
    return [(cell[0] + dy, cell[1] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]


def _link_support(
    keys: list[str], options: list[list[tuple[int, bool]]], priors: list[list[float]], gazetteer: Gazetteer
) -> list[list[float]]:
    """Per candidate: how well the other names' readings agree with it (see ``LINK_*``)."""
    # For each distinct name: link key -> best (link weight - prior shortfall) among its readings.
    tables: dict[str, dict[tuple[str, object], float]] = {}
    for key, opts, scores in zip(keys, options, priors):
        if key in tables or not opts:
            continue
        top = max(scores)
        table: dict[tuple[str, object], float] = {}
        for (fid, _), score in zip(opts, scores):
            for link in _link_keys(fid, gazetteer):
                value = _LINK_WEIGHT[link[0]] - LINK_PRIOR_SLOPE * (top - score)
                if value > table.get(link, 0.0):
                    table[link] = value
        tables[key] = table
    support = []
    for key, opts in zip(keys, options):
        links = [_link_keys(fid, gazetteer) for fid, _ in opts]
        totals = []
        for own in links:
            probes = [probe for kind, value in own
                      for probe in ([(kind, c) for c in _neighbour_cells(value)] if kind == "cell" else [(kind, value)])]
            total = sum(max((table.get(probe, 0.0) for probe in probes), default=0.0)
                        for other, table in tables.items() if other != key)
            totals.append(min(total, LINK_CAP))
        support.append(totals)
    return support


def _stray(
    i: int, chosen: list[int | None], keys: list[str], spans: Sequence[NameSpan], focus_country: str | None,
    gazetteer: Gazetteer,
) -> bool:
    """Is the reading of span ``i`` a minor place abroad that only its own name points to, in a story whose other
    places lie in one country ("the city's East Side" in Syracuse, N.Y., read as a suburb of Alice Springs; "OC",
    Orange County, read as the code of a Honduran department)? Such a name is more likely a place the gazetteer
    lacks, or no place at all; when the text is known to name a place there, the reading is still the best guess.
    A reading found only inside a longer name, outside the story's focus country, is a stray however big ("Southland
    Mall" in a Memphis story is not New Zealand's Southland, nor "Big Dog Car Wash" the Central African Republic)."""
    fid = chosen[i]
    if fid is None:
        return False
    kind, country = gazetteer.kind(fid), gazetteer.country_code(fid)
    inside_a_name = not gazetteer.lookup(keys[i])  # read through a place inside the name
    if focus_country and country and country != focus_country and inside_a_name:
        return True  # abroad: "Southland Mall" in a Memphis story
    minor = (kind in (CITY, ADMIN2) and gazetteer.population(fid) < PROMINENT_CITY_POPULATION) or (
        kind == ADMIN1 and len(spans[i].text) <= 3)  # a subdivision code ("OC", "LR") other than the story's
    if not minor:
        return False
    others_fids = [f for j, f in enumerate(chosen) if f is not None and keys[j] != keys[i]]
    # A reading through a place inside the name ("Carbon River" -> Carbon County, Pennsylvania) in a story whose
    # other places share one state (Orting and Pierce County, Washington) is as stray, even at home.
    states = Counter(state for state in map(gazetteer.admin1_feature, others_fids) if state >= 0)
    if inside_a_name and len(states) == 1 and sum(states.values()) >= 2 and (
            gazetteer.admin1_feature(fid) not in states):
        return True
    if country == focus_country:
        return False
    others = Counter(code for code in map(gazetteer.country_code, others_fids) if code)
    if not others or others[country]:
        return False
    # the story's other places, or its focus, lie elsewhere
    return others.most_common(1)[0][1] >= 2 or others[focus_country] > 0


def _votes(fid: int | None, gazetteer: Gazetteer) -> Counter:
    """What one reading says about the article: its country (str key) and regions (int keys)."""
    if fid is None:
        return Counter()
    country = gazetteer.country_code(fid)
    return Counter([country, *_regions(fid, gazetteer)] if country else _regions(fid, gazetteer))


def _best(opts: list[tuple[int, bool]], scores: list[float], bonuses: list[float]) -> int | None:
    if not opts:
        return None
    best = max(range(len(opts)), key=lambda k: scores[k] + bonuses[k])
    return opts[best][0]


def _shadow_admins(opts: list[tuple[int, bool]], scores: list[float], gazetteer: Gazetteer) -> None:
    """A region sharing its name with a city inside it yields to the city ("Almaty", "New York"), and the city
    keeps the region's standing against same-named places elsewhere ("Gaza" the city, not Gaza province
    in Mozambique)."""
    inside = {r for fid, _ in opts if gazetteer.kind(fid) == CITY for r in _regions(fid, gazetteer)}
    shadowed: dict[int, float] = {}
    for k, (fid, _) in enumerate(opts):
        if gazetteer.kind(fid) in (ADMIN1, ADMIN2) and fid in inside:
            shadowed[fid] = scores[k]
            scores[k] -= SHADOWED_ADMIN_PENALTY
    for k, (fid, _) in enumerate(opts):
        if gazetteer.kind(fid) == CITY:
            lent = [shadowed[r] for r in _regions(fid, gazetteer) if r in shadowed]
            scores[k] = max([scores[k], *lent])


def _adjacent(text: str, span: NameSpan, following: NameSpan) -> bool:
    """``following`` directly qualifies ``span``: "Paris, Texas", "Springfield (Illinois)"."""
    between = text[span.end : following.start]
    return following.start > span.end and between.strip() in {",", "("} and len(between) <= 3


def resolve_name(
    name: str,
    *,
    focus_country: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """Resolve one bare place name or demonym; None when the gazetteer does not know it.

    >>> resolve_name("Springfield, Illinois").admin1
    'Illinois'
    """
    gazetteer = gazetteer or Gazetteer.default()
    spans = _comma_parts(name, 0)
    if not spans:
        return None
    return resolve_spans(name, spans, focus_country=focus_country, gazetteer=gazetteer)[0]
