"""Code actor mentions to country (ISO alpha-3), CAMEO sector and ACLED actor type.

>>> from newsevents import nlp
>>> doc = next(nlp.parse(["Russian paratroopers landed near the airport."]))
>>> coder = ActorCoder.default()
>>> [(m.actor.name, m.actor.country, m.actor.sector) for m in coder.mentions(doc, focus_country=None)]
[('Russian military', 'RUS', 'MIL')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..nlp import entity_at, text_of
from ..records import Actor
from .dictionaries import PLACE_KINDS, SECTOR_ACLED, Entry, Lexicon, load_lexicon, normalize

# Photo credits and bylines: "X/AFP via Getty Images", "AP Photo/X", "Valery X/TASS/Sipa USA".
CREDIT = re.compile(
    r"\bvia (?:Getty|AP|Reuters|AFP|EPA|Shutterstock)\b|\bGetty Images\b|\bAP Photo\b|\bSipa USA\b"
    r"|\b(?:Photo|Photograph|Image|Credit)s?\s*(?:by\b|:)|\S/(?:AFP|AP|Reuters|TASS|Sipa|EPA|Getty|Xinhua|"
    r"Anadolu|Bloomberg|NurPhoto|ZUMA|SOPA)\b|\bShutterstock\b"
)
CREDIT_LINE_MAX = 160  # characters: a credit is a short line, never a paragraph
ACTOR_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
NOT_NAME_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY",
                           "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"})
SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "du", "la", "al", "el", "bin", "von", "der", "-", "'s",
                         "'", ".", "&"})
# A country word after these prepositions names a place, not an actor ("riots in Almaty").
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "within", "throughout", "around", "across",
                      "along", "over", "beyond", "off", "via", "through", "toward", "towards", "on", "of",
                      "across", "between", "among", "like"})
LEAD_WORDS = frozenset({"led"})  # "Russian-led alliance": the alliance takes the leader's country
TITLE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "OPP", "REB", "PTY", "IGO"})
RECENT_YEAR = 2015  # a bare surname codes on its own only for leaders in office since then
STANCE_PREFIXES = frozenset({"anti", "pro"})  # "anti-Syria", "pro-Russian": a stance, not a nationality
WEIGHTS = (3, 3, 2, 2, 2)  # focus country: mentions in the first sentences count more
SECTOR_LABEL = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence services",
    "JUD": "judiciary", "LEG": "legislature", "OPP": "opposition", "REB": "rebels", "INS": "insurgents",
    "UAF": "armed group", "CRM": "criminals", "MED": "media", "CVL": "civilians", "REF": "refugees",
    "LAB": "workers", "EDU": "students", "REL": "clergy", "BUS": "business", "NGO": "NGO", "IGO": "alliance",
    "PTY": "party", "HLH": "health workers", "AGR": "farmers", "ENV": "environmental group",
    "HRI": "human rights group", "DEV": "development agency", "ELI": "elite",
}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor mention: token offsets in the Doc (``end`` exclusive) and its coding."""

    start: int
    end: int
    actor: Actor


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    entries: tuple[Entry, ...]

    @property
    def best(self) -> Entry:
        return self.entries[0]


class ActorCoder:
    """Dictionary-based actor coder (country, CAMEO sector, ACLED type, canonical name)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    @classmethod
    @functools.cache
    def default(cls) -> ActorCoder:
        """The coder over the shipped dictionaries, loaded once per process."""
        return cls(load_lexicon())

    # -- public API -------------------------------------------------------------------------

    def focus_country(self, doc: Doc, *, toponyms: bool = True) -> str | None:
        """ISO alpha-3 of the country the story is mostly about (early sentences weigh more). A leader's bare
        surname ("Hernandez said") votes only for a country the story names otherwise: in a local story it is
        more often another person's name. With ``toponyms=False`` the dictionary's cities and regions do not vote:
        the name of a town is shared across countries ("Santa Ana police")."""
        sent_of = _sentence_index(doc)
        votes: Counter[str] = Counter()
        first: dict[str, int] = {}
        bare_surnames: set[str] = set()
        named: set[str] = set()
        for m in self._matches(doc):
            entry = self._resolve(doc, m, focus_country=None)
            if entry is None or entry.country is None or entry.kind == "agent" or (
                    not toponyms and entry.kind in ("city", "place", "capital")):
                continue
            if entry.kind == "surname" and not self._titled(doc, m):
                bare_surnames.add(entry.country)
            else:
                named.add(entry.country)
            s = sent_of[m.start]
            votes[entry.country] += WEIGHTS[s] if s < len(WEIGHTS) else 1
            first.setdefault(entry.country, m.start)
        for country in bare_surnames - named:
            del votes[country]
        if not votes:
            return None
        return max(votes, key=lambda c: (votes[c], -first[c]))

    def mentions(self, doc: Doc, *, focus_country: str | None) -> list[ActorMention]:
        """All actor mentions of ``doc``, non-overlapping, in text order."""
        credit = self._credit_mask(doc)
        spans: list[Span] = list(doc.noun_chunks)
        taken = {i for s in spans for i in range(s.start, s.end)}
        for ent in doc.ents:
            if ent.label_ in ACTOR_ENTS and not taken.intersection(range(ent.start, ent.end)):
                spans.append(ent)
                taken.update(range(ent.start, ent.end))
        for m in self._matches(doc):
            if not taken.intersection(range(m.start, m.end)):
                spans.append(doc[m.start:m.end])
                taken.update(range(m.start, m.end))
        found = []
        for span in sorted(spans, key=lambda s: s.start):
            if credit[span.root.i]:
                continue
            start = span.start  # drop a leading quote mark, line break or credit fragment
            while start < span.root.i and (credit[start] or doc[start].is_space or doc[start].is_punct):
                start += 1
            span = doc[start:span.end]
            actor = self._code(span, focus_country=focus_country, as_mention=True)
            if actor is not None:
                found.append(ActorMention(span.start, span.end, actor))
                continue
            modifier = self._possessor(span, focus_country) or self._named_modifier(span, focus_country)
            if modifier is not None:
                found.append(modifier)
        return found

    def code_span(self, span: Span, *, focus_country: str | None) -> Actor | None:
        """Code any noun phrase; ``None`` when it is not an actor (or is part of a photo credit)."""
        if self._credit_mask(span.doc)[span.root.i]:
            return None
        return self._code(span, focus_country=focus_country, as_mention=False)

    def placed_in(self, actor: Actor, country: str) -> Actor:
        """``actor``, an unnamed role, as one of ``country``, named so ("five people" killed in Gaza City are
        Palestinian civilians, not the story's Israeli ones); a name of its own stays."""
        countries = self.lexicon.countries
        old = countries.get(actor.country, (None, None))[1] if actor.country else None
        new = countries.get(country, (None, None))[1]
        name = actor.name
        if old and name.startswith(f"{old} "):
            name = name[len(old) + 1 :]
        if new and name[:1].islower():  # a role label ("civilians"), not a name
            name = f"{new} {name}"
        return replace(actor, name=name, country=country)

    @staticmethod
    def of_place(text: str, name: str, country: str) -> Actor:
        """The actor a place named ``text`` (``name`` in the gazetteer) in ``country`` stands for: the place itself,
        of its country, as the target of an act no actor undergoes ("shelled Kharkiv")."""
        return Actor(text=text, name=name, country=country)

    def armed_forces(self, actor: Actor) -> Actor:
        """The armed forces of ``actor``'s country, told by ``actor``'s words ("Russian" shelling)."""
        adjective = self.lexicon.countries.get(actor.country, (None, None))[1] if actor.country else None
        return replace(actor, name=f"{adjective} {SECTOR_LABEL['MIL']}" if adjective else SECTOR_LABEL["MIL"],
                       sector="MIL", acled_type=SECTOR_ACLED["MIL"])

    # -- matching ---------------------------------------------------------------------------

    def _matches(self, doc: Doc) -> list[_Match]:
        """Longest dictionary matches over the whole doc, left to right (cached on the doc)."""
        cached = doc.user_data.get("newsevents.actors.matches")
        if cached is not None:
            return cached
        keys = [normalize(t.text) for t in doc]
        found: list[_Match] = []
        i = 0
        while i < len(doc):
            best: _Match | None = None
            key = keys[i]
            j = i
            while True:
                entries = tuple(e for e in self.lexicon.entries(key) if _fits(doc[i:j + 1], e))
                if entries:
                    best = _Match(i, j + 1, entries)
                if key not in self.lexicon.prefixes or j + 1 >= len(doc):
                    break
                j += 1
                key = f"{key} {keys[j]}"
            if best is not None:
                found.append(best)
                i = best.end
            else:
                i += 1
        doc.user_data["newsevents.actors.matches"] = found
        return found

    def _credit_mask(self, doc: Doc) -> list[bool]:
        cached = doc.user_data.get("newsevents.actors.credit")
        if cached is not None:
            return cached
        ranges = []
        offset = 0
        for line in text_of(doc).split("\n"):
            if len(line.strip()) <= CREDIT_LINE_MAX and CREDIT.search(line):
                ranges.append((offset, offset + len(line)))
            offset += len(line) + 1
        for paren in re.finditer(r"\([^()]{0,120}\)", text_of(doc)):
            if CREDIT.search(paren.group()):
                ranges.append(paren.span())
        mask = [any(a <= t.idx < b for a, b in ranges) for t in doc]
        doc.user_data["newsevents.actors.credit"] = mask
        return mask

    def _overlapping(self, doc: Doc, start: int, end: int) -> list[_Match]:
        """The matches that overlap tokens ``start`` to ``end`` (exclusive), found by bisection: matches do not
        overlap each other, so their ends are in order too."""
        matches = self._matches(doc)
        out = []
        for m in matches[bisect.bisect_right(matches, start, key=lambda m: m.end):]:
            if m.start >= end:
                break
            out.append(m)
        return out

    def _resolve(self, doc: Doc, m: _Match, *, focus_country: str | None) -> Entry | None:
        """The reading of a match that applies here; surnames need a title or a recent leader."""
        entry = m.best
        if entry.kind == "demonym" and self._former_polity(doc, m):
            return None
        if entry.kind in ("country", "demonym") and _after_stance_prefix(doc, m):
            return None
        if entry.kind in ("country", "capital", "city", "place") and self._in_local_name(doc, m):
            return None
        if entry.kind != "surname":
            return entry
        titled = self._titled(doc, m)
        token = doc[m.start]
        if token.ent_type_ in NOT_NAME_ENTS:
            return None
        ent = entity_at(token)
        if ent is not None and ent.start < m.start and not titled:
            return None  # "Hunter Biden": another person with a leader's surname
        if ent is not None and ent.end > m.end and ent.label_ == "PERSON":
            return None  # "Lt. John Jenkins": a given name, the leader's surname or not
        candidates = [e for e in m.entries if e.kind == "surname" and (titled or (
            not e.from_phoenix and (e.end_year or 0) >= RECENT_YEAR))]
        if not candidates:
            return None
        return max(candidates, key=lambda e: (e.country == focus_country, e.end_year or 0, e.start_year or 0))

    def _titled(self, doc: Doc, m: _Match) -> bool:
        """Is the name of match ``m`` told with a title: "President X", "Gen. X", "the X administration"?"""
        return any(
            x.best.kind == "agent" and (x.best.sector == "GOV" or x.end == m.start and x.best.sector in TITLE_SECTORS)
            for x in self._overlapping(doc, m.start - 1, m.end + 1) if x.end == m.start or x.start == m.end)

    def _in_local_name(self, doc: Doc, m: _Match) -> bool:
        """Is the place name of match ``m`` the start of a street's or local unit's name ("Cyprus Street",
        "Washington County")?"""
        after = doc[m.end] if m.end < len(doc) else None
        return after is not None and after.is_title and normalize(after.text).rstrip(".") in self.lexicon.name_heads

    def _former_polity(self, doc: Doc, m: _Match) -> bool:
        """"a former Soviet republic", "the ex-Yugoslav republics": another country than the adjective's."""
        before = [normalize(t.text) for t in doc[max(0, m.start - 2):m.start] if t.text != "-"]
        return (bool(before) and before[-1] in self.lexicon.past_markers and m.end < len(doc)
                and normalize(doc[m.end].text) in self.lexicon.polity_nouns)

    # -- coding -----------------------------------------------------------------------------

    def _code(self, span: Span, *, focus_country: str | None, as_mention: bool) -> Actor | None:
        doc = span.doc
        inside = self._overlapping(doc, span.start, span.end)
        readings = [(m, e) for m in inside if (e := self._resolve(doc, m, focus_country=focus_country))]
        head = span.root
        head_at = next(((m, e) for m, e in readings if m.start <= head.i < m.end), None)
        if head_at is None or head_at[1].kind in PLACE_KINDS:
            # "Israeli army" parsed with the adjective as root: the role noun after it is the head.
            after = [(m, e) for m, e in readings if e.kind == "agent" and m.start > (head_at or (head,))[0].start
                     and not _behind_preposition(span, m)] if head_at else []
            head_at = after[-1] if after else head_at
        # A title just before the span ("President" + "Tokayev") counts as part of it.
        before = next((m for m in self._overlapping(doc, span.start - 1, span.start)
                       if m.end == span.start and m.best.kind == "agent"), None)
        modifiers = [(m, e) for m, e in readings if head_at is None or m is not head_at[0]]
        if before is not None and not modifiers:
            modifiers = [(before, before.best)]
        text = span.text
        if head_at is not None and head_at[1].kind != "agent":
            m, e = head_at
            if e.kind in PLACE_KINDS:
                if as_mention and _is_place_use(doc, span):
                    return None
                if e.kind == "demonym":
                    e = e._replace(country=self._residence(span, m, modifiers, focus_country) or e.country)
                return self._country_actor(text, e)
            title = next((x for mm, x in modifiers if x.kind == "agent" and x.sector and not x.weak
                          and mm.end == m.start), None)
            if any(x.kind == "named" and x.sector == "IGO" and mm.end <= m.start for mm, x in modifiers):
                # "U.N. mediator X": a national acting for an international body
                return Actor(text=text, name=e.name, country=None, sector="IGO", acled_type="External/Other forces")
            return self._named_actor(text, e._replace(sector=title.sector) if title else e, modifiers, doc)
        if head_at is not None:
            return self._role_actor(text, head_at[1], modifiers, doc, focus_country)
        if head.lemma_.lower() in self.lexicon.unit_nouns and any(e.kind == "agent" and e.sector for _, e in modifiers):
            return self._role_actor(text, None, modifiers, doc, focus_country)  # "a police patrol", "an army convoy"
        place = _modifier_country(modifiers)
        if place is not None and head.pos_ in ("NOUN", "PROPN") and (not as_mention or head.ent_type_ == "NORP"):
            return Actor(text=text, name=text, country=place)  # "Iraqi Kurds", "Russian aircraft"
        if head.ent_type_ == "ORG" and head.pos_ == "PROPN" and self._international(head, modifiers):
            return Actor(text=text, name=_ent_text(head), country=None, sector="NGO", acled_type=SECTOR_ACLED["NGO"])
        if head.ent_type_ == "PERSON" or (head.ent_type_ == "ORG" and head.pos_ == "PROPN"):
            roles = [e for _, e in modifiers if e.kind == "agent"]
            if head.ent_type_ == "PERSON" and not roles and not as_mention:
                return Actor(text=text, name=_ent_text(head), country=focus_country)
            return self._role_actor(text, None, modifiers, doc, focus_country, name=_ent_text(head))
        if focus_country is not None and self._names_story_country(span, modifiers):
            name, _adjective = self.lexicon.countries.get(focus_country, (focus_country, None))
            return Actor(text=text, name=name, country=focus_country, acled_type="State forces")
        return None

    def _international(self, head: Token, modifiers: list[tuple[_Match, Entry]]) -> bool:
        """An organisation of no known reading named as international ("the Third World Water Forum")."""
        name = entity_at(head) or head.doc[head.i:head.i + 1]
        return (not any(e.country or e.kind == "agent" for _, e in modifiers)
                and any(normalize(t.text) in self.lexicon.international_words for t in name))

    def _names_story_country(self, span: Span, modifiers: list[tuple[_Match, Entry]]) -> bool:
        """"the country", "the former Soviet republic": a definite country noun with no country word of its own."""
        head = span.root
        return (normalize(head.text) in self.lexicon.country_nouns and head.tag_ == "NN"
                and any(c.dep_ == "det" and c.lower_ in self.lexicon.definite_determiners for c in head.children)
                and not any(e.country for _, e in modifiers)
                and not any(c.dep_ == "prep" for c in head.children))  # "the nation of Laos", "the country's"

    def _residence(self, span: Span, head: _Match, modifiers: list[tuple[_Match, Entry]],
                   focus_country: str | None) -> str | None:
        """Where a people named by ethnicity lives: "*Bosnian* Serbs", "ethnic Albanians" in a story on Serbia."""
        place = next((e.country for m, e in modifiers if e.kind in PLACE_KINDS and m.end <= head.start
                      and e.country), None)
        if place is not None:
            return place
        if any(normalize(t.text) in self.lexicon.ethnic_markers for t in span.doc[span.start:head.start]):
            return focus_country
        return None

    def _country_actor(self, text: str, e: Entry) -> Actor:
        name, adjective = self.lexicon.countries.get(e.country, (e.name, e.name))
        if e.kind == "capital":
            return Actor(text=text, name=f"{adjective} government", country=e.country, sector="GOV",
                         acled_type="State forces")
        if e.kind == "demonym":  # "Palestinians", "a Libyan": people of the country
            return Actor(text=text, name=f"{adjective} civilians", country=e.country, sector="CVL",
                         acled_type="Civilians")
        return Actor(text=text, name=name, country=e.country, acled_type="State forces"
                     if e.kind == "country" else None)

    def _named_actor(self, text: str, e: Entry, modifiers: list[tuple[_Match, Entry]], doc: Doc) -> Actor:
        sector = e.sector or next((x.sector for _, x in modifiers if x.kind == "agent" and x.sector), None)
        country = e.country
        if country is None and e.sector == "IGO":
            country = _led_country(doc, modifiers)
        return Actor(text=text, name=e.name, country=country, sector=sector,
                     acled_type=e.acled or SECTOR_ACLED.get(sector or ""))

    def _role_actor(self, text: str, head: Entry | None, modifiers: list[tuple[_Match, Entry]], doc: Doc,
                    focus_country: str | None, *, name: str | None = None) -> Actor | None:
        roles = [e for _, e in modifiers if e.kind == "agent" and e.sector]
        strong = [e for e in roles if not e.weak]
        if head is not None and head.sector and not head.weak:
            role = head
        elif strong:
            role = strong[0]
        elif head is not None and head.sector:
            role = head
        elif roles:
            role = roles[0]
        else:
            role = None
        igo = next((e for _, e in modifiers if e.kind == "named" and e.sector == "IGO"), None)
        if igo is not None:
            return Actor(text=text, name=name or igo.name, country=_led_country(doc, modifiers), sector="IGO",
                         acled_type="External/Other forces")
        # "Red Cross officials", "Amnesty researchers": the staff of a body of no country act for it
        ngo = next((e for _, e in modifiers if e.kind == "named" and e.sector == "NGO" and not e.country), None)
        if ngo is not None and not _modifier_country(modifiers):
            return Actor(text=text, name=name or ngo.name, country=None, sector="NGO", acled_type=SECTOR_ACLED["NGO"])
        if role is None:
            if name is not None or _modifier_country(modifiers):
                return Actor(text=text, name=name or text, country=_modifier_country(modifiers) or focus_country)
            return None
        sector = role.sector
        named = next((e for _, e in modifiers if e.kind == "named" and e.country), None)
        led = _led_country(doc, modifiers)
        country = led or _modifier_country(modifiers) or (named.country if named else None) or focus_country
        if role.sector == "IGO" and not led:
            country = None
        acled = role.acled or SECTOR_ACLED.get(sector)
        if name is None:
            label = acled.lower() if acled in ("Protesters", "Rioters") else SECTOR_LABEL.get(sector, role.name)
            adjective = self.lexicon.countries.get(country, (None, None))[1] if country else None
            name = f"{adjective} {label}" if adjective and sector != "IGO" else (
                f"{adjective}-led {label}" if adjective else label)
        return Actor(text=text, name=name, country=country, sector=sector, acled_type=acled)

    def _possessor(self, span: Span, focus_country: str | None) -> ActorMention | None:
        """"Moscow's concerns": the possessor is an actor even when the phrase is not."""
        for token in span:
            if token.dep_ == "poss" and token.i != span.root.i:
                sub = span.doc[token.left_edge.i:token.i + 1]
                actor = self._code(sub, focus_country=focus_country, as_mention=False)
                if actor is not None and (actor.sector or actor.acled_type):
                    return ActorMention(sub.start, sub.end, actor)
        return None

    def _named_modifier(self, span: Span, focus_country: str | None) -> ActorMention | None:
        """"a United Nations appeal", "Hamas rockets": an organisation named before a non-actor head."""
        root = span.root.i
        for m in self._overlapping(span.doc, span.start, root):
            if m.start >= span.start and m.end <= root and m.best.kind == "named":
                actor = self._code(span.doc[m.start:m.end], focus_country=focus_country, as_mention=False)
                if actor is not None:
                    return ActorMention(m.start, m.end, actor)
        return None


def _after_stance_prefix(doc: Doc, m: _Match) -> bool:
    """Is match ``m`` the country of a stance ("an anti-Syria journalist", "pro-Russian separatists")?"""
    return m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ in STANCE_PREFIXES


def _fits(tokens: Span, e: Entry) -> bool:
    """Can ``tokens`` carry entry ``e``? Names need capitals; short acronyms need their exact case."""
    if e.cased is not None and tokens.text != e.cased:
        return False
    if e.kind == "agent":
        return True
    words = [t for t in tokens if normalize(t.text) not in SMALL_WORDS]
    if not words or not all(t.text[:1].isupper() or t.text[:1].isdigit() for t in words):
        return False
    if len(tokens) == 1 and e.kind != "demonym":
        t = tokens[0]
        return t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS") or t.ent_type_ in NAME_ENTS
    return True


def _led_country(doc: Doc, modifiers: list[tuple[_Match, Entry]]) -> str | None:
    """The country of a "Russian-led" modifier."""
    for m, e in modifiers:
        if e.kind in PLACE_KINDS and m.end + 1 < len(doc) and doc[m.end].text == "-" \
                and doc[m.end + 1].lower_ in LEAD_WORDS:
            return e.country
    return None


def _behind_preposition(span: Span, m: _Match) -> bool:
    """Is the match inside a prepositional phrase of the span ("refugees in *camps*")?"""
    return any(t.dep_ == "prep" and span.start <= t.i < m.start for t in span)


def _modifier_country(modifiers: list[tuple[_Match, Entry]]) -> str | None:
    return next((e.country for _, e in modifiers if e.kind in PLACE_KINDS and e.country), None)


def _is_place_use(doc: Doc, span: Span) -> bool:
    """A country/city phrase that names a location ("clashes in Almaty"), not an actor."""
    head = span.root
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE:
        return True
    return head.dep_ in ("compound", "npadvmod") or (head.dep_ == "appos" and head.head.ent_type_ == "GPE")


def _ent_text(token: Token) -> str:
    ent = entity_at(token)
    return ent.text if ent is not None else token.text


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index
