"""Where one event happened: choose among the article's place mentions for a trigger.

Tiers, first hit wins:

1. a place governed by a preposition of location (in, at, near, outside, across,
   into...) attached to the trigger or to its clause; nearest to the trigger first;
2. another place in the trigger's sentence that is not an origin ("from Abidjan")
   nor the subject of the trigger ("Russia sent ...");
3. the nearest place mention elsewhere in the paragraph (blank-line separated);
4. the story's focus country, at country precision.

Demonyms ("Russian troops") describe actors, not where things happen, and are skipped.

>>> from newsevents import nlp
>>> from newsevents.geo import find_places
>>> doc = nlp.load()("Troops from Chad clashed with rebels near Gao.")
>>> locate_event(doc, 4, find_places(doc, focus_country=None), focus_country=None).name
'Gao'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..records import Place
from .gazetteer import Gazetteer, normalize
from .resolve import LOCATIVE_PREPS, ORIGIN_PREPS, PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
# Dependencies that keep a name inside the phrase a preposition governs:
# "in Almaty's main square", "in the city of Homs", "in Almaty, Kazakhstan".
PHRASE_DEPS = frozenset({"poss", "compound", "appos", "conj", "nmod", "amod", "npadvmod"})
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def locate_event(
    doc: Doc,
    trigger_i: int,
    places: list[PlaceMention],
    *,
    focus_country: str | None,
    gazetteer: Gazetteer | None = None,
) -> Place | None:
    """The :class:`Place` where the event triggered by token ``trigger_i`` happened, or None."""
    if not 0 <= trigger_i < len(doc):
        return _focus(focus_country, gazetteer or Gazetteer.default())
    gazetteer = gazetteer or Gazetteer.default()
    trigger = doc[trigger_i]
    sentence = trigger.sent
    in_sentence: list[tuple[PlaceMention, Token]] = []
    elsewhere: list[PlaceMention] = []
    for mention in places:
        if _is_demonym(mention, gazetteer):
            continue
        if sentence.start_char <= mention.start < sentence.end_char:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None:
                in_sentence.append((mention, span.root))
        else:
            elsewhere.append(mention)

    clause = _clause_head(trigger)
    attached, other = [], []
    for mention, root in in_sentence:
        prep = _governing_prep(root)
        distance = abs(root.i - trigger.i)
        if prep is not None and prep.lower_ in LOCATIVE_PREPS and _in_clause(prep.head, trigger, clause):
            attached.append((prep.head != trigger, distance, mention))
        elif prep is not None and prep.lower_ in ORIGIN_PREPS:
            continue
        elif root.dep_ in SUBJECT_DEPS and root.head in (trigger, clause):
            continue
        else:
            other.append((not _in_subtree(root, trigger, clause), distance, mention))
    for tier in (attached, other):
        if tier:
            return min(tier, key=lambda item: item[:2])[2].place

    paragraph = _paragraph(doc.text, trigger.idx)
    nearby = [m for m in elsewhere if paragraph[0] <= m.start < paragraph[1]]
    if nearby:
        return min(nearby, key=lambda m: abs(m.start - trigger.idx)).place
    return _focus(focus_country, gazetteer)


def _is_demonym(mention: PlaceMention, gazetteer: Gazetteer) -> bool:
    place = mention.place
    if place.precision != "country" or normalize(place.text) == normalize(place.name):
        return False
    fid = gazetteer.demonym(place.text)
    return fid is not None and gazetteer.name(fid) == place.name


def _governing_prep(token: Token) -> Token | None:
    """The preposition whose phrase holds ``token``, climbing possessors, appositions and "of"."""
    for _ in range(6):
        if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent", "dative"):
            prep = token.head
            if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PROPN"):
                token = prep.head  # "the city of Homs": the prep that governs "city"
                continue
            return prep
        if token.dep_ not in PHRASE_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def _clause_head(token: Token) -> Token:
    """The verb heading ``token``'s clause (``token`` itself for a verb)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _in_clause(head: Token, trigger: Token, clause: Token) -> bool:
    return head == trigger or head == clause or _clause_head(head) in (trigger, clause)


def _in_subtree(token: Token, trigger: Token, clause: Token) -> bool:
    return any(ancestor in (trigger, clause) for ancestor in token.ancestors)


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    start = 0
    for match in _PARAGRAPH.finditer(text):
        if match.end() <= offset:
            start = match.end()
        else:
            return start, match.start()
    return start, len(text)


def _focus(focus_country: str | None, gazetteer: Gazetteer) -> Place | None:
    if not focus_country:
        return None
    fid = gazetteer.country(focus_country)
    return None if fid is None else gazetteer.place(fid, text=gazetteer.name(fid))
