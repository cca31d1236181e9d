"""Counts of killed, injured, arrested, displaced people and crowd sizes, attached to the words that give them.

``find_counts`` reads the arguments of casualty words (``data/quantities/casualty_heads.tsv``): the object of an
active verb or the subject of a passive one ("police killed dozens of rioters", "13 officers were killed"), the
subject of "die", the number or the "of" phrase of a noun ("28 arrests", "the deaths of scores of
demonstrators"), the noun a predicate adjective describes ("left 3 dead"). Only numbers in those positions count,
so ages ("a 23-year-old man", "Smith, 23,"), years, times, money, addresses and populations never do; a singular
person noun or pronoun counts one ("a man was shot"); "no one" counts zero. "Shot" and "stabbed" are injuries
unless made fatal ("fatally", "shot dead", "shot and killed"); "two were shot, one fatally" gives 1 killed and
1 injured.

``casualties_for(doc, trigger_i, counts)`` gives an event the counts whose head is the trigger or an event word
of the same clause family: words joined to it by coordination ("were killed ... and 353 injured"), clauses below
it (relative, adverbial, participle, complement: "a shooting that injured two", "attacked the village, killing
12"), casualty nouns it governs ("led to the deaths of ..."), and — for a noun trigger — the verb it is the
subject or prepositional object of ("the attack killed 5", "were killed in a shooting"). Descent stops at other
noun arguments, so counts in a different clause about different victims ("police said they killed dozens, and
state TV said 13 officers were killed") stay apart. Of several counts of one kind the largest is taken: partial
counts ("including two who ...") are never added to the total.

>>> from newsevents import nlp
>>> doc = next(nlp.parse(["Gunmen killed 12 villagers and wounded 30."]))
>>> casualties_for(doc, 1, find_counts(doc)).killed.value
12
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

from ..nlp import text_of
from ..records import Count
from .numbers import _rows, parse_quantity

KINDS = ("killed", "injured", "arrested", "displaced", "crowd")
_VERBAL = {"VERB", "AUX"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_OBJECTS = {"dobj", "obj"}
_FATAL_ADVERBS = {"fatally", "mortally"}
_FATAL_LEMMAS = {"kill", "die", "murder", "slay"}
_NON_COUNT_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_ONE_PRONOUNS = {"he", "she", "him", "her", "himself", "herself", "another", "one", "i", "me", "myself"}
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth"}
# Edges that stay in the event's clause family when walking down from the trigger.
_CLAUSE_EDGES = {"conj", "relcl", "acl", "advcl", "xcomp", "ccomp", "pcomp", "prep", "oprd", "acomp", "npadvmod"}
_ARGUMENT_EDGES = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos"}


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count of ``kind`` (killed|injured|arrested|displaced|crowd) found at char offsets start/end.

    ``head_i`` is the token index of the verb, noun or adjective the count belongs to.
    """

    kind: str
    count: Count
    start: int
    end: int
    head_i: int


@dataclass(frozen=True, slots=True)
class Casualties:
    killed: Count | None
    injured: Count | None
    arrested: Count | None


@dataclass(frozen=True, slots=True)
class _Victims:
    count: Count
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def _heads() -> dict[str, list[tuple[str, str]]]:
    heads: dict[str, list[tuple[str, str]]] = {}
    for lemma, kind, role in _rows("casualty_heads.tsv"):
        heads.setdefault(lemma, []).append((kind, role))
    return heads


@functools.lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    text = resources.files("newsevents").joinpath("data/quantities/person_nouns.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def find_counts(doc: Doc) -> list[CountMention]:
    """Every count of people attached to a casualty, arrest, displacement or crowd word in ``doc``."""
    found: dict[tuple[str, int, int], CountMention] = {}
    for token in doc:
        for mention in _counts_at(token):
            found.setdefault((mention.kind, mention.head_i, mention.start), mention)
    return sorted(found.values(), key=lambda m: (m.start, m.head_i))


def casualties_for(doc: Doc, trigger_i: int, counts: list[CountMention]) -> Casualties:
    """Killed, injured and arrested counts of the event whose trigger is token ``trigger_i`` (rule: module doc)."""
    family = _family(doc[trigger_i])
    best: dict[str, Count] = {}
    for mention in counts:
        if mention.head_i in family and mention.kind in ("killed", "injured", "arrested"):
            if mention.kind not in best or mention.count.value > best[mention.kind].value:
                best[mention.kind] = mention.count
    return Casualties(best.get("killed"), best.get("injured"), best.get("arrested"))


def _family(trigger: Token) -> set[int]:
    members = {trigger.i}
    start = [trigger]
    if trigger.pos_ not in _VERBAL:
        governor = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" else trigger.head
        if trigger.dep_ in ("nsubj", "nsubjpass", "pobj") and governor.pos_ in _VERBAL:
            start.append(governor)
    for token in list(start):
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
            start.append(token)
    stack = list(start)
    while stack:
        token = stack.pop()
        members.add(token.i)
        for child in token.children:
            if child.i in members:
                continue
            if child.dep_ in _CLAUSE_EDGES:
                stack.append(child)
            elif child.dep_ in _ARGUMENT_EDGES:
                members.add(child.i)
                # A coordinated clause misparsed as joined to a noun ("were killed — including two ... — and
                # 120 injured") still belongs to this clause.
                stack.extend(
                    d for d in child.subtree
                    if d.dep_ == "conj" and d.pos_ in _VERBAL and d.head.pos_ not in _VERBAL and d.i not in members
                )
    return members


def _counts_at(token: Token) -> Iterator[CountMention]:
    lemma = token.lemma_.lower()
    for kind, role in _heads().get(lemma, ()):
        if role in ("object", "subject") and token.pos_ not in _VERBAL:
            continue
        if role == "noun" and token.pos_ not in ("NOUN", "PROPN"):
            continue
        if role == "adj" and not (token.pos_ == "ADJ" or token.dep_ in ("oprd", "acomp")):
            continue
        victims = _victims(token, role)
        if victims is None or (kind in ("crowd", "displaced") and not _is_numeric(victims.count)):
            continue
        if kind == "injured" and _fatal(token):
            kind = "killed"
        yield from _split_fatal(token, kind, victims)
    if lemma == "toll":
        toll = _toll(token)
        if toll is not None:
            yield CountMention("killed", toll.count, toll.start, toll.end, token.i)


def _split_fatal(token: Token, kind: str, victims: _Victims) -> Iterator[CountMention]:
    """"Two men were shot, one of them fatally": one killed, one injured."""
    if kind == "injured":
        for child in token.children:
            fatal = child.dep_ in ("npadvmod", "appos", "conj", "advmod") and any(
                c.lower_ in _FATAL_ADVERBS for c in child.subtree
            )
            dead = _number_phrase(child) if fatal and child.like_num else None
            if dead is not None and dead.count.value <= victims.count.value:
                yield CountMention("killed", dead.count, dead.start, dead.end, token.i)
                rest = Count(victims.count.value - dead.count.value, victims.count.text, victims.count.exact)
                yield CountMention("injured", rest, victims.start, victims.end, token.i)
                return
    yield CountMention(kind, victims.count, victims.start, victims.end, token.i)


def _is_number(token: Token) -> bool:
    return token.like_num or parse_quantity(token.lower_) is not None and token.lower_ not in ("a", "an")


def _is_numeric(count: Count) -> bool:
    return count.value >= 2


def _fatal(token: Token) -> bool:
    for child in token.children:
        if child.lower_ in _FATAL_ADVERBS or (child.dep_ in ("oprd", "acomp") and child.lower_ == "dead"):
            return True
        if child.dep_ == "prep" and any(c.lower_ == "death" for c in child.children):
            return True
        if child.dep_ == "conj" and child.lemma_ in _FATAL_LEMMAS and not _has_subject(child):
            return True
    # "shot and killed", "died after being shot": the same victims, who died.
    if token.dep_ == "conj" and not _has_subject(token):
        return token.head.lemma_ in _FATAL_LEMMAS
    governor = token.head.head if token.dep_ == "pcomp" else token.head
    return token.dep_ in ("pcomp", "advcl") and governor.lemma_ in _FATAL_LEMMAS and not _has_subject(token)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _victims(token: Token, role: str) -> _Victims | None:
    if role == "noun":
        return _noun_victims(token)
    if role == "adj":
        return _adjective_victims(token)
    return _verb_victims(token, transitive=role == "object")


def _verb_victims(token: Token, *, transitive: bool) -> _Victims | None:
    children = list(token.children)
    objectless = not any(c.dep_ in _OBJECTS for c in children)
    # "13 were killed ... and 353 injured", headline "2 killed in shooting": a counted subject, no object.
    passive = (
        any(c.dep_ == "auxpass" for c in children)
        or token.tag_ == "VBN"
        or objectless and any(c.dep_ == "nsubj" and _is_number(c) for c in children)
    )
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
    if transitive:
        for child in children:
            if child.dep_ in _OBJECTS:
                return _np_count(child)
        for child in children:
            if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and passive and not has_perfect):
                return _np_count(child)
        if token.dep_ in ("acl", "amod") and token.tag_ == "VBN":
            return _np_count(token.head)
    else:
        for child in children:
            if child.dep_ in _SUBJECTS:
                return _np_count(child)
    if _has_subject(token):
        return None
    # Shared arguments: "was shot and killed", "shot and killed a man", "died after being shot".
    if token.dep_ == "conj" and token.head.pos_ in _VERBAL:
        return _verb_victims(token.head, transitive=transitive)
    for child in children:
        if child.dep_ == "conj" and child.pos_ in _VERBAL and transitive:
            objects = [c for c in child.children if c.dep_ in _OBJECTS]
            if objects:
                return _np_count(objects[0])
    if token.dep_ in ("pcomp", "advcl", "xcomp") and token.head.pos_ in _VERBAL | {"ADP"}:
        governor = token.head.head if token.head.pos_ == "ADP" else token.head
        subjects = [c for c in governor.children if c.dep_ in _SUBJECTS]
        if subjects:
            return _np_count(subjects[0])
    return None


def _noun_victims(token: Token) -> _Victims | None:
    total: _Victims | None = None
    for child in token.children:
        if child.dep_ == "nummod":
            return _number_phrase(child)
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            total = _np_count(objects[0]) if objects else None
    if total is None:
        return None
    # "the deaths of scores of demonstrators and more than a dozen police officers" is often parsed with the
    # second group joined to "deaths": add such counted groups.
    for conj in token.children:
        if conj.dep_ == "conj" and any(c.dep_ == "nummod" for c in conj.children):
            extra = _np_count(conj)
            if extra is not None:
                total = _add(token.doc, total, extra)
    return total


def _adjective_victims(token: Token) -> _Victims | None:
    for child in token.children:
        if child.dep_ == "nummod":
            return _number_phrase(child)
    if token.dep_ == "amod":
        return _np_count(token.head)
    if token.dep_ in ("oprd", "acomp", "xcomp"):
        governor = token.head
        for dep in ("dobj", "nsubjpass", "nsubj"):
            for child in governor.children:
                if child.dep_ == dep:
                    return _np_count(child)
    return None


def _toll(token: Token) -> _Victims | None:
    """"the death toll rose to 13", "the toll stands at 13", "a death toll of 13"."""
    if not any(c.lower_ in ("death", "casualty") for c in token.children) and token.lower_ != "toll":
        return None
    places = [token] + ([token.head] if token.dep_ in _SUBJECTS else [])
    for place in places:
        for child in place.children:
            if child.dep_ == "prep" and child.lower_ in ("to", "at", "of"):
                numbers = [c for c in child.children if c.dep_ == "pobj" and c.like_num]
                if numbers:
                    return _number_phrase(numbers[0])
            if place is not token and child.dep_ in ("attr", "dobj") and child.like_num:
                return _number_phrase(child)
    return None


def _np_count(head: Token) -> _Victims | None:
    """How many people the noun phrase headed by ``head`` names (conjuncts added up)."""
    total = _single_np_count(head)
    for conj in head.children:
        if conj.dep_ == "conj":
            extra = _np_count(conj)
            if extra is not None and total is not None:
                total = _add(head.doc, total, extra)
    return total


def _single_np_count(head: Token) -> _Victims | None:
    lower = head.lower_
    if lower in ("nobody", "none") or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        start = min(head.left_edge.idx, head.idx)
        return _Victims(Count(0, text_of(head.doc)[start : head.idx + len(head)]), start, head.idx + len(head))
    if _is_number(head) and head.pos_ in ("NUM", "NOUN"):
        return _number_phrase(head)
    for child in head.children:
        if child.dep_ == "nummod":
            return _number_phrase(child)
    if lower in _ONE_PRONOUNS:
        return _one(head, head)
    determiners = [c for c in head.children if c.dep_ in ("det", "poss")]
    if determiners and (lower in _ORDINALS or head.tag_ == "NN" and head.lemma_.lower() in _person_nouns()):
        return _one(head, determiners[0])
    if head.pos_ == "PROPN" and head.ent_type_ == "PERSON":
        return _one(head, head.left_edge)
    return None


def _one(head: Token, first: Token) -> _Victims:
    start = min(first.idx, head.idx)
    end = head.idx + len(head)
    return _Victims(Count(1, text_of(head.doc)[start:end]), start, end)


def _number_phrase(number: Token) -> _Victims | None:
    """The count a number token and its left modifiers state ("more than a dozen", "at least 20")."""
    if number.ent_type_ in _NON_COUNT_ENTITIES or number.head.lemma_ in ("year", "old", "block"):
        return None
    start = number.left_edge.idx
    end = number.idx + len(number)
    count = parse_quantity(text_of(number.doc)[start:end])
    if count is None:
        count = parse_quantity(number.text)
        start = number.idx
    return _Victims(count, start, end) if count is not None else None


def _add(doc: Doc, first: _Victims, second: _Victims) -> _Victims:
    start, end = min(first.start, second.start), max(first.end, second.end)
    exact = first.count.exact and second.count.exact
    return _Victims(Count(first.count.value + second.count.value, text_of(doc)[start:end], exact), start, end)
