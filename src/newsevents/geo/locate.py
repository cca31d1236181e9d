"""Where one event happened: choose among the article's place mentions for a trigger.

Tiers, first hit wins:

1. a place governed by a preposition of location (in, at, near, outside, across,
   into...) attached to the trigger or to its clause, the trigger's object
   ("captured the town of Huddur"), or the place named as the passive subject of a
   verb done to places ("the Red Sea is patrolled"); the most precise first ("in the village of Tal
   Zahab near Mosul" -> Tal Zahab), then nearest to the trigger;
2. another place in the trigger's sentence that is not an origin ("from Abidjan")
   nor the subject of the trigger ("Russia sent ..."); then the landmark of a bearing
   ("north of Kirkuk"); then a town or region whose agency acts ("Columbus police found a
   man shot");
3. the nearest place mention elsewhere in the paragraph (blank-line separated); then a
   place inside an apposition or relative clause of the subject, which says who the
   subject is ("Novak, a sergeant with a battalion in Gdansk, was wounded", "Franklin,
   who lists a Wade Street address, was arrested");
4. the story's region: the first-level subdivision (state, province) where more than half of the story's
   places in its country lie, at admin1 precision ("a man was shot" in a story of Dayton and Springfield ->
   Ohio); else the story's country, at country precision (the focus country the actors give, or the country
   most of the story's places lie in when none lies there).

Demonyms ("Russian troops") describe actors, not where things happen, and are skipped.
A place entity of the sentence that the gazetteer does not know (a village, a
neighbourhood, a square) competes too, as the most precise kind of place: it is
returned with its own name and the point of the place around it ("in al-Tijara
neighbourhood in central Damascus" -> al-Tijara, at Damascus' point), else of the story's region or
country (tier 4: "marched to the Capitol" in a Colorado story -> Capitol, at Colorado's point).

>>> from newsevents import nlp
>>> from newsevents.geo import find_places
>>> doc = nlp.load()("Troops from Chad clashed with rebels near Gao.")
>>> locate_event(doc, 4, find_places(doc, focus_country=None), focus_country=None).name
'Gao'
"""

from __future__ import annotations

import bisect
import csv
import functools
from collections import Counter
from typing import TYPE_CHECKING

from ..nlp import entities_in, paragraph_bounds, text_of
from ..records import Place
from .gazetteer import DATA, Gazetteer, normalize, stop_names
from .resolve import (
    LOCATIVE_PREPS,
    ORIGIN_PREPS,
    PLACE_LABELS,
    NameSpan,
    PlaceMention,
    is_quantifier,
    names_person,
    person_names,
    place_object_verbs,
    resolve_spans,
    uncased,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
# data/geo/locate_nouns.tsv: "place" head nouns make a name before or after them a place ("Khanasir
# town", "the village of Ashmi"); a place name modifying an "actor" noun (people, units, vehicles) names
# who acts ("a U.S. patrol", "a US air strike"), not where ("the Mosul offensive", "a Sofia restaurant");
# after a "bearing" ("north of Baghdad", "60 km northeast of Monrovia") a name is a landmark, not the place.
# Smaller is more precise; a name the gazetteer lacks is usually finer than a city.
PRECISION_RANK = {None: 0, "city": 0, "admin1": 1, "country": 2}
# Dependencies that keep a name inside the phrase a preposition governs:
# "in Almaty's main square", "in the city of Homs", "in Almaty, Kazakhstan".
PHRASE_DEPS = frozenset({"poss", "compound", "appos", "conj", "nmod", "amod", "npadvmod"})


def locate_event(
    doc: Doc,
    trigger_i: int,
    places: list[PlaceMention],
    *,
    focus_country: str | None,
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """The :class:`Place` where the event triggered by token ``trigger_i`` happened, or None."""
    gazetteer = gazetteer or Gazetteer.default()
    mention = locate_mention(doc, trigger_i, places, gazetteer=gazetteer)
    if mention is not None and mention.place.lat is not None:
        return mention.place
    country = story_country(places, focus_country)
    story = _story_region(places, country, gazetteer) or _focus(country, gazetteer)
    if mention is None or story is None:
        return story if mention is None else mention.place
    return _within(mention.place, story)  # a name we cannot place ("the Capitol") lies in the story's region


def story_country(places: list[PlaceMention], focus_country: str | None = None) -> str | None:
    """The focus country, unless the story names places and none of them lies there: then the country most of
    them lie in ("Lyon Elementary School" made a Louisiana story's focus France)."""
    countries = Counter(m.place.country for m in places if m.place.country)
    if not countries or focus_country in countries:
        return focus_country
    return countries.most_common(1)[0][0]


def _story_region(places: list[PlaceMention], country: str | None, gazetteer: Gazetteer) -> Place | None:
    """The first-level subdivision of ``country`` that more than half of the story's places in that country lie
    in, at admin1 precision; None when they disagree. A mention of the subdivision counts for it; one of the
    country itself for no subdivision (a national story: "Kazakhstan" five times, "Almaty" thrice)."""
    regions = Counter(m.place.admin1 if m.place.precision != "country" else None for m in places
                      if m.place.country == country and not _is_demonym(m, gazetteer)
                      and (m.place.admin1 or m.place.precision == "country"))
    region, votes = max(((r, n) for r, n in regions.items() if r), key=lambda item: item[1], default=(None, 0))
    fid = gazetteer.admin1_named(country, region) if country and 2 * votes > regions.total() else None
    return None if fid is None else gazetteer.place(fid, text=region)


def locate_mention(
    doc: Doc,
    trigger_i: int,
    places: list[PlaceMention],
    *,
    gazetteer: Gazetteer | None = None,
) -> PlaceMention | None:
    """The place mention naming where the event of token ``trigger_i`` happened (tiers 1-3), or None;
    ``places`` in text order, as :func:`~newsevents.geo.find_places` gives them.

    An unresolved place entity comes back as a new mention (``geonameid`` None; the point, if any, is
    that of the most precise known place of the sentence, else of the nearest one of the paragraph).

    >>> from newsevents import nlp
    >>> from newsevents.geo import find_places
    >>> doc = nlp.load()("A mortar killed two men in the village of Tal Zahab near Mosul.")
    >>> mention = locate_mention(doc, 2, find_places(doc, focus_country=None))
    >>> mention.place.name, mention.place.country, mention.place.geonameid
    ('Tal Zahab', 'IRQ', None)
    """
    if not 0 <= trigger_i < len(doc):
        return None
    gazetteer = gazetteer or Gazetteer.default()
    trigger = doc[trigger_i]
    sentence = trigger.sent
    paragraph = paragraph_bounds(doc, trigger.idx)
    # Only the sentence and its paragraph matter: look at their mentions alone (``places`` is in text order),
    # so that a long document costs each event no more than a short one.
    first = bisect.bisect_left(places, min(paragraph[0], sentence.start_char), key=lambda m: m.start)
    last = bisect.bisect_left(places, max(paragraph[1], sentence.end_char), key=lambda m: m.start)
    in_sentence: list[tuple[PlaceMention, Token]] = []
    elsewhere: list[PlaceMention] = []
    for mention in places[first:last]:
        if _is_demonym(mention, gazetteer):
            continue
        if sentence.start_char <= mention.start < sentence.end_char:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                in_sentence.append((mention, span.root))
        else:
            elsewhere.append(mention)
    in_sentence += _unresolved(sentence, in_sentence, places[first:last], gazetteer)

    clause = _clause_head(trigger)
    attached, other, landmarks, describing, agencies = [], [], [], [], []
    speakers = _speakers(clause)
    for mention, root in in_sentence:
        distance = abs(root.i - trigger.i)
        if _modifier(root) or any(s.is_ancestor(root) or s == root for s in speakers):
            # a town's police act in that town ("Columbus police found a man shot"); a country's missiles need not, nor
            # does the country of whoever reports the event
            if mention.place.precision != "country":
                agencies.append((distance, mention))
            continue
        if _after_bearing(root):  # only where nothing else is named
            landmarks.append((distance, mention))
            continue
        prep = _governing_prep(root)
        if prep is not None and prep.lower_ in ORIGIN_PREPS:
            continue
        if root.dep_ in SUBJECT_DEPS and root.head in (trigger, clause) and not _undergoes(root, trigger):
            continue
        if _in_subject_apposition(root, trigger, clause):  # says who the subject is: only where nothing else is named
            describing.append((distance, mention))
            continue
        rank = PRECISION_RANK[None if mention.place.lat is None else mention.place.precision]
        if prep is not None and prep.lower_ in LOCATIVE_PREPS and _in_clause(prep.head, trigger, clause):
            attached.append((rank, prep.head != trigger, distance, mention))
        elif prep is None and (_object_of(root) == trigger or _undergoes(root, trigger)):
            attached.append((rank, False, distance, mention))
        else:
            # The names of one place phrase are one place, its most precise ("in Syria's Raqqa"): they stand as
            # far from the trigger as the phrase's preposition does.
            phrase = abs(_outermost_prep(prep).i - trigger.i) if prep is not None else distance
            other.append((not _in_subtree(root, trigger, clause), phrase, rank, distance, mention))
    nearby = [m for m in elsewhere if paragraph[0] <= m.start < paragraph[1]]
    in_paragraph = [(abs(m.start - trigger.idx), m) for m in nearby]
    for tier in (attached, other, landmarks, agencies, in_paragraph, describing):
        if tier:
            chosen = min(tier, key=lambda item: item[:-1])[-1]
            return _placed(chosen, in_sentence, nearby) if chosen.place.lat is None else chosen
    return None


def _unresolved(
    sentence: Span, resolved: list[tuple[PlaceMention, Token]], mentions: list[PlaceMention], gazetteer: Gazetteer
) -> list[tuple[PlaceMention, Token]]:
    """Place names of ``sentence`` that are not mentions yet: place entities that resolved to nothing
    (or only to a stray reading, see :func:`~newsevents.geo.resolve.find_places`) and proper nouns a place
    noun names ("Khanasir town", "the village of Ashmi", "Aleppo province"). The latter are resolved beside the
    paragraph's places, in the sentence's country, when the gazetteer knows them; the others get no point."""
    countries = Counter(m.place.country for m, _ in resolved if m.place.country)
    focus = countries.most_common(1)[0][0] if countries else None
    taken = [(m.start, m.end) for m in mentions]  # demonyms too ("U.S. soldiers"), which are no place here
    people = person_names(sentence.doc, gazetteer)
    names = [(ent, False) for ent in entities_in(sentence)
             if ent.label_ in PLACE_LABELS and not uncased(ent) and not names_person(ent, people)]
    for token in sentence:
        if token.pos_ == "PROPN" and _names_place(token):
            names.append((token.doc[token.left_edge.i : token.i + 1], True))
    out = []
    for name, look_up in names:
        while len(name) > 1 and name[0].pos_ in ("DET", "ADJ", "PUNCT"):
            name = name[1:]
        if any(a < name.end_char and name.start_char < b for a, b in taken) or normalize(name.text) in stop_names():
            continue
        taken.append((name.start_char, name.end_char))
        place = (look_up and _resolve_beside(name, mentions, focus, gazetteer)) or Place(
            text=name.text, name=name.text, country=None, admin1=None, lat=None, lon=None, geonameid=None,
            precision="city")
        out.append((PlaceMention(name.start_char, name.end_char, place), name.root))
    return out


def _resolve_beside(name: Span, mentions: list[PlaceMention], focus: str | None, gazetteer: Gazetteer) -> Place | None:
    """``name`` resolved with the place ``mentions`` around it ("the Woodlawn neighborhood" beside Cook County)."""
    text = text_of(name.doc)
    context = [NameSpan(m.start, m.end, text[m.start : m.end]) for m in mentions if not _is_demonym(m, gazetteer)]
    own = NameSpan(name.start_char, name.end_char, name.text)
    spans = sorted([*context, own], key=lambda span: span.start)
    places = resolve_spans(text, spans, focus_country=focus, gazetteer=gazetteer, place_unknown_names=False,
                           drop_strays=True)
    return places[spans.index(own)]


@functools.lru_cache(maxsize=1)
def _nouns() -> dict[str, frozenset[str]]:
    """The noun lists of ``data/geo/locate_nouns.tsv`` by role ("place", "actor", "bearing")."""
    with (DATA / "locate_nouns.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {role: frozenset(r["noun"] for r in rows if r["role"] == role) for role in ("place", "actor", "bearing")}


def _names_place(token: Token) -> bool:
    """Does a place noun make ``token`` a place name: "Khanasir town", "the outskirts of Karachi", "the regional
    capital, Grozny"?"""
    head = token.head
    if token.dep_ in ("compound", "amod", "appos"):
        return _place_noun(head) and head.pos_ == "NOUN"
    return token.dep_ == "pobj" and head.lower_ == "of" and _place_noun(head.head)


def _place_noun(token: Token) -> bool:
    places = _nouns()["place"]
    return token.lemma_.lower() in places or token.lower_ in places  # "outskirts" has the lemma "outskirt"


def _speakers(clause: Token) -> list[Token]:
    """The subjects of the verb that reports ``clause`` ("..., South Korea's military said"): like an agency, they
    name who speaks, not where the event happened."""
    reporters = [clause.head] if clause.dep_ in ("ccomp", "parataxis") and clause.head != clause else []
    reporters += [c for c in clause.children if c.dep_ == "parataxis"]
    return [s for verb in reporters for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")]


def _modifier(root: Token) -> bool:
    """Is the place name only a modifier of another noun ("a U.S. patrol")?"""
    return root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in _nouns()["actor"]


def _placed(
    mention: PlaceMention, in_sentence: list[tuple[PlaceMention, Token]], nearby: list[PlaceMention]
) -> PlaceMention:
    """An unresolved mention with the country and point of the most precise known place of its sentence, else
    of the nearest one of its paragraph ("at a home on Grand Avenue" after "a shooting in Fillmore")."""
    known = [m.place for m, _ in in_sentence if m.place.lat is not None]
    if known:
        around = min(known, key=lambda p: PRECISION_RANK[p.precision])
    elif nearby:
        around = min(nearby, key=lambda m: abs(m.start - mention.start)).place
    else:
        return mention
    return PlaceMention(mention.start, mention.end, _within(mention.place, around))


def _within(unplaced: Place, around: Place) -> Place:
    """``unplaced`` (a name the gazetteer does not know) with the country, subdivision and point of ``around``."""
    return Place(text=unplaced.text, name=unplaced.name, country=around.country, admin1=around.admin1,
                 lat=around.lat, lon=around.lon, geonameid=None, precision=around.precision)


def _object_of(token: Token) -> Token | None:
    """The verb ``token`` is the direct object of, also through "the town of X"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ in OBJECT_DEPS:
        token = token.head.head
    while token.dep_ in ("appos", "conj", "compound") and token.head.i != token.i:
        token = token.head
    return token.head if token.dep_ in OBJECT_DEPS else None


def _undergoes(root: Token, trigger: Token) -> bool:
    """Is the place the passive subject of a verb done to places ("Gibraltar was captured", "the Gulf is
    patrolled")? Only a name tagged as a place: people are captured too ("Santacruz was captured")."""
    return (root.dep_ == "nsubjpass" and root.head == trigger and root.ent_type_ in PLACE_LABELS
            and trigger.lemma_.lower() in place_object_verbs())


def _is_demonym(mention: PlaceMention, gazetteer: Gazetteer) -> bool:
    place = mention.place
    if place.precision != "country" or normalize(place.text) == normalize(place.name):
        return False
    fid = gazetteer.demonym(place.text)
    return fid is not None and gazetteer.name(fid) == place.name


def _governing_prep(token: Token) -> Token | None:
    """The preposition whose phrase holds ``token``, climbing possessors, appositions and "of"."""
    for _ in range(6):
        if token.dep_ == "pobj" and token.head.dep_ in ("prep", "dative"):
            prep = token.head
            if prep.lower_ == "of" and (prep.head.pos_ in ("NOUN", "PROPN") or is_quantifier(prep.head)):
                # "the city of Homs", "much of Liberia": the prep that governs "city" or "much"
                token = prep.head
                continue
            return prep
        if token.dep_ not in PHRASE_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def _outermost_prep(prep: Token) -> Token:
    """The locative preposition whose phrase holds ``prep``'s, below the clause's verb ("at the terminal in the
    city of Basra" -> "at")."""
    outer = prep
    for ancestor in prep.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            break
        if ancestor.dep_ == "prep" and ancestor.lower_ in LOCATIVE_PREPS:
            outer = ancestor
    return outer


def _after_bearing(token: Token) -> bool:
    """Is ``token`` the landmark of a bearing ("north of Baghdad", "60 km northeast of Monrovia")?"""
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in _nouns()["bearing"]


def _clause_head(token: Token) -> Token:
    """The verb heading ``token``'s clause (``token`` itself for a verb)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _in_clause(head: Token, trigger: Token, clause: Token) -> bool:
    return head == trigger or head == clause or _clause_head(head) in (trigger, clause)


def _in_subject_apposition(token: Token, trigger: Token, clause: Token) -> bool:
    """Is ``token`` inside an apposition or a relative clause of the subject of the trigger's clause, which says who
    the subject is ("Kupczyk, an officer with the brigade in the Baltic Sea port, was shot", "The four, employees of
    a firm of North Carolina, were killed", "Franklin, who lists a Wade Street address, was taken into custody")?"""
    path = [token, *token.ancestors]
    for i, ancestor in enumerate(path[1:], start=1):
        if ancestor in (trigger, clause):
            subject = path[i - 1]
            return subject.dep_ in SUBJECT_DEPS and any(t.dep_ in ("appos", "relcl") for t in path[1 : i - 1])
    return False


def _in_subtree(token: Token, trigger: Token, clause: Token) -> bool:
    return any(ancestor in (trigger, clause) for ancestor in token.ancestors)


def _focus(focus_country: str | None, gazetteer: Gazetteer) -> Place | None:
    if not focus_country:
        return None
    fid = gazetteer.country(focus_country)
    return None if fid is None else gazetteer.place(fid, text=gazetteer.name(fid))
