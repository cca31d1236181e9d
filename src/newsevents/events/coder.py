"""Code political events (PLOVER type + mode, CAMEO, ACLED, actors, context) from a parsed body.

>>> from newsevents import nlp
>>> from newsevents.actors import ActorCoder
>>> doc = nlp.load()("Police arrested twelve students in Lagos on Monday.")
>>> coder, actors = EventCoder.default(), ActorCoder.default()
>>> found = coder.code(doc, article_id="a1", actors=actors.mentions(doc, focus_country="NGA"),
...                    actor_coder=actors, focus_country="NGA")
>>> found[0].event.type, found[0].event.mode
('COERCE', 'arrest')
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc, Span, Token

from ..records import Actor, Context, Event, Mention
from . import context as ctx
from .crosswalk import acled, demonstration, refine_mode
from .lexicon import Lexicon

if TYPE_CHECKING:
    from ..actors import ActorCoder, ActorMention
    from ..geo import PlaceMention

SUBJECTS = {"nsubj", "csubj"}
TARGET_PREPS = ("on", "upon", "against", "to", "into", "with", "from", "at", "for", "toward", "towards", "over")
DOBJ_TARGET_PREPS = ("from", "against", "on", "with", "to", "into", "between", "toward", "towards", "for")
PARTNER_PREPS = (*DOBJ_TARGET_PREPS, "of", "by")
STANCE_PREPS = ("against", "of", "at", "for", "over", "to")
AIM_PREPS = ("at", "on")  # "aimed at ending", "planning on attacking"
MEANS_PREPS = ("in", "by")  # "killed in an air strike", "destroyed by shelling": the nominal is the act itself
CAUSE_PREPS = ("in", "by", "after", "during", "from")  # "killed in floods", "destroyed by fire", "died from ..."
VENUE_PREPS = ("at", "in", "inside", "through")  # "an explosion ripped through a chemical plant"
WHEN_MARKS = ("when", "as", "after")  # "were killed when a fire swept through ..."
CONDITION_MARKERS = ("if", "unless")  # "threatened to X unless Y ...": the threat is made to Y
NOMINAL_SOURCE_DEPS = {"poss", "compound", "amod"}
QUANTITIES = {"dozen", "score", "hundred", "thousand", "million", "number", "group", "handful", "some", "many"}
# patterns match the verb's objects and prepositional phrases, not words deep in their modifiers
PATTERN_DEPTH = 3
DESCRIPTIVE_CLAUSES = frozenset({"acl", "relcl"})
RELATIVE = {"who", "that", "which", "whom"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "his", "its", "their", "our"}
# PLOVER manual: future cooperative acts and yielding ("will release", "agreed to withdraw") are AGREE
# (CAMEO 035 "express intent to yield"), intended force THREATEN.
FUTURE_OF = {
    "CONSULT": ("AGREE", "036"), "SUPPORT": ("AGREE", "030"), "COOPERATE": ("AGREE", "030"),
    "AID": ("AGREE", "033"), "AGREE": ("AGREE", "030"), "RETREAT": ("AGREE", "035"),
    "CONCEDE": ("AGREE", "035"), "ASSAULT": ("THREATEN", "138"), "MOBILIZE": ("THREATEN", "138"),
    "COERCE": ("THREATEN", "130"), "SANCTION": ("THREATEN", "131"), "PROTEST": ("THREATEN", "133"),
}
# PLOVER REJECT covers refusals: a negated cooperative act ("will not meet", "did not accept") is a REJECT.
REFUSAL_OF = {
    "CONSULT": "125", "AGREE": "120", "SUPPORT": "120", "COOPERATE": "121", "AID": "121",
    "CONCEDE": "124", "RETREAT": "124",
}
# Material over verbal events when choosing the main event of a sentence (PLOVER quad categories).
PLACE_PREPS = ("in", "into", "at", "near", "outside", "inside", "across", "throughout")
# acts done with the source's own forces ("deployed troops in X", "refused to send peacekeepers"): an unnamed
# force among their objects is the source's instrument, not the target
FORCE_INSTRUMENT_TYPES = {"MOBILIZE", "RETREAT", "AID", "AGREE", "REJECT", "CONCEDE", "COOPERATE", "SUPPORT"}
FORCE_SECTORS = {"MIL", "COP"}
# sectors often working abroad ("troops in Iraq", "aid workers in Gaza"): where they are says nothing of whose they are
UNPLACED_SECTORS = {"MIL", "IGO", "NGO", "HRI", "DEV", "MED"}
RESIDENCE_PREPS = ("in", "at", "throughout", "across", "from")
# acts whose unnamed doer is not the state of the place they happen in, but an unidentified armed group there
UNATTRIBUTED_TYPES = {"ASSAULT", "THREATEN"}
UNIDENTIFIED_ATTACKER = Actor(text="", name="Unidentified armed group", country=None, sector="UAF",
                              acled_type="Political militia")  # fmt: skip
SEIZE_PROPERTY, OCCUPY_TERRITORY, SHOW_OF_FORCE = "171", "192", "150"  # CAMEO
UNNAMED_PROTESTERS = Actor(text="", name="protesters", country=None, sector="OPP", acled_type="Protesters")
MATERIAL = {"COOPERATE", "AID", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """An event and the token index of its trigger in the Doc (for location, date and counts); ``retold_i``: the
    triggers of later tellings of the same event in the article (their counts belong to it too)."""

    event: Event
    trigger_i: int
    retold_i: tuple[int, ...] = ()
    new_target: bool = False  # the target is introduced here ("a woman was shot"), not referred back to
    place_target: bool = False  # the target is the place the act happens in (no actor undergoes it)


class _Trigger(NamedTuple):
    token: Token
    cameo: str
    used: frozenset[str]
    governor: Token | None = None  # commissive verb whose complement this is
    performer: Token | None = None  # material verb whose meaning this nominal object took over
    presupposed: bool = False  # a nominal that happened whatever is said of it ("have not solved the killing")


def salience(coded: CodedEvent, doc: Doc) -> tuple[int, int, int, int]:
    """Sort key of the main event of a sentence: unflagged, shallow in the parse, material, early.

    >>> # min(events, key=lambda e: salience(e, doc)) is the sentence's main event
    """
    token = doc[coded.trigger_i]
    depth, current = 0, token
    while current.head.i != current.i:
        depth, current = depth + 1, current.head
    flagged = coded.event.context.negated or coded.event.context.background
    return int(flagged), depth, int(coded.event.type not in MATERIAL), token.i


class EventCoder:
    """Finds the PLOVER/CAMEO/ACLED events of a parsed article body."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._verbs = set(lexicon.verbs)
        self._particles = {lemma.split()[0] for lemma in lexicon.verbs if " " in lemma}
        self._nominal_heads = {words[-1] for words in lexicon.nominals}

    @classmethod
    @functools.cache
    def default(cls) -> EventCoder:
        """The coder with the shipped lexicons (loaded once)."""
        return cls(Lexicon.default())

    # -- triggers ---------------------------------------------------------------------------------

    def _verb_trigger(self, token: Token) -> _Trigger | None:
        lemma = token.lemma_.lower()
        words = [lemma]
        if lemma in self._particles:
            words[:0] = [f"{lemma} {c.lower_}" for c in token.children if c.dep_ in ("prt", "prep", "advmod")]
        # a partitive subject names its members: "a contingent of troops arrived" matches "troops arrive"
        subjects = [t for t in token.lefts if t.dep_ in SUBJECTS]
        if token.dep_ == "relcl" and any(t.lower_ in RELATIVE for t in subjects):
            subjects.append(token.head)  # "the fence which surrounds the yard": the fence surrounds it
        subjects += [o for t in subjects for p in t.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        pre = {w for t in subjects for w in (t.lower_, t.lemma_.lower())}
        post: set[str] = set()
        # the passive subject is the logical object: "troops were sent" matches "send troops"
        objects = [t for t in token.lefts if t.dep_ == "nsubjpass"] + list(token.rights)
        for right in objects:
            if right.dep_ in ("conj", "cc", "punct", "parataxis", "advcl", "ccomp") and right.pos_ != "ADP":
                continue
            # a clause describing an object is no part of the act ("attacked two men accused of theft")
            for word in _near(right, PATTERN_DEPTH - 1, skipping=DESCRIPTIVE_CLAUSES):
                post.add(word.lower_)
                post.add(word.lemma_.lower())
        direct = {w for c in objects for w in (c.lower_, c.lemma_.lower())}
        phrasal = ctx.phrasal(token)
        for word in words:
            found = self.lexicon.verb_code(word, pre=pre, post=post, direct=direct,
                                           content_only=" " in phrasal and " " not in word)
            if not found and word == phrasal and word in self.lexicon.verbs:
                return None  # a known phrasal verb means what it says or nothing: "the coalition broke up" is no "break"
            if found:
                cameo, used = found
                if cameo == SEIZE_PROPERTY and any(c.dep_ == "dobj" and (c.ent_type_ == "GPE" or c.lemma_.lower() in
                                                                         self.lexicon.cues["territory_nouns"])
                                                   for c in token.children):
                    cameo = OCCUPY_TERRITORY  # "the Taliban captured Kunduz / the provincial capital": territory
                if any(c.dep_ in ("npadvmod", "compound", "advmod") and c.lower_ in self.lexicon.cues["test_prefixes"]
                       for c in token.lefts) and self._plover_type(cameo) == "ASSAULT":
                    cameo = SHOW_OF_FORCE  # "test-fired two missiles": a weapons test, no attack
                if lemma in self.lexicon.cues["appeal_verbs"] and any(
                    c.dep_ == "prep" and c.lower_ == "for" for c in token.children
                ):
                    cameo = _appeal(cameo)
                return _Trigger(token, cameo, used)
        return None

    def _plover_type(self, cameo: str) -> str | None:
        """The PLOVER type of CAMEO code ``cameo``, or None."""
        plover = self.lexicon.plover(cameo)
        return plover.type if plover else None

    def _weaker_means(self, verb_type: str, nominal: Token) -> bool:
        """Does a nominal naming how an assault was done name a lesser act ("killed 15 villagers in a raid": the
        killing is the act, the raid, a seizure in CAMEO, only its setting)?"""
        if verb_type != "ASSAULT" or nominal.dep_ != "pobj":
            return False
        found = self.lexicon.plover(self._nominal_code(nominal) or "")
        return found is not None and found.type != "ASSAULT"

    def _nominal_trigger(self, token: Token, verbs: dict[int, _Trigger]) -> _Trigger | None:
        head = token.head
        while head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head
        presupposed = ((token.dep_ == "dobj" and head.lemma_.lower() in self.lexicon.cues["presupposing_verbs"]
                        and not _refers_back(token, self.lexicon.cues["definite_determiners"]))
                       or token.lemma_.lower() in self.lexicon.cues["mark_nominals"])
        if head.i in verbs and head.i != token.i and not presupposed:
            return None  # the governing verb's pattern already codes it ("imposed a curfew")
        folding = self.lexicon.cues["folding_types"] | self.lexicon.cues["topic_types"]
        for verb in ctx.governors(head, limit=3) if not presupposed else ():
            plover = self.lexicon.plover(verbs[verb.i].cameo) if verb.i in verbs else None
            if plover and plover.type in folding:
                return None  # the topic of a request or accusation ("called on X to lift the embargo")
        cameo = self._nominal_code(token)
        if cameo is None or self._topic(token):
            return None
        # "threatened to impose a curfew": the nominal is the act a commissive verb announces
        commissive = self.lexicon.cues["commissive_verbs"]
        governor = next((v for v in ctx.governors(token) if v.lemma_.lower() in commissive), None)
        return _Trigger(token, self._nominal_sense(token, cameo), frozenset(), governor, presupposed=presupposed)

    def _topic(self, token: Token) -> bool:
        """Is the act what another one answers ("in retaliation for the arrest of its leader"), what a reaction or
        talks are about ("expressed concern over the clashes", "talks on ending the fighting", "condolences over
        the bombing that killed 20") or what something aims at ("talks aimed at ending the clashes")? It is told as
        a topic, not an event of the sentence."""
        if token.dep_ in DESCRIPTIVE_CLAUSES and token.head.pos_ in ("NOUN", "PROPN"):
            token = token.head
        if token.dep_ not in ("pobj", "pcomp"):
            return False
        cues, prep = self.lexicon.cues, token.head
        governor = prep.head.lemma_.lower()
        return ((prep.lower_ in STANCE_PREPS and governor in cues["stance_nouns"])
                or (prep.lower_ in cues["topic_preps"] and governor in cues["topic_nouns"])
                or (prep.lower_ in AIM_PREPS and governor in cues["intention_verbs"]))

    def _nominal_code(self, token: Token) -> str | None:
        """CAMEO code of the longest nominal phrase ending in ``token`` (a hyphenated word first: "sit-in");
        None for a modifier of a noun: of one naming no event ("protest leaders") or part of its phrase
        ("mediation mission")."""
        if token.dep_ == "compound" and token.head.i != token.i:
            head = token.head
            if head.lemma_.lower() not in self._nominal_heads or self._nominal_code(head) is not None:
                return None
        best = None
        for head, first in _head_words(token):
            for words, cameo in self.lexicon.nominals.items():
                if words[-1] != head:
                    continue
                start = first - len(words) + 1
                if start >= 0 and all(token.doc[start + k].lower_ == w for k, w in enumerate(words[:-1])):
                    if best is None or len(words) > best[0]:
                        best = (len(words), cameo)
            if best is not None:
                return best[1]
        return None

    def _nominal_sense(self, token: Token, cameo: str) -> str:
        """The code a nominal takes from who does it ("jets carried out strikes" are air strikes, not a walkout):
        read from its modifiers and the subject of the verb it is the object of (senses.tsv)."""
        senses = self.lexicon.senses.get(cameo)
        if not senses:
            return cameo
        words = {w for t in (*token.lefts, *self._doers(token)) for d in t.subtree for w in (d.lower_, d.lemma_.lower())}
        cue_sets = self.lexicon.cues["cue_sets"]
        return next((sense for cue, sense in senses if not cue_sets[cue].isdisjoint(words)), cameo)

    def _performs(self, verb: Token) -> bool:
        """Does ``verb`` say its subject carried out its object ("staged a strike", "renewed talks": a verb with no
        event reading of its own)? A phrasal verb means something of its own ("put down an uprising", "called off
        the strike") unless it is a performing phrase ("carried out an attack")."""
        phrase = ctx.phrasal(verb)
        if " " in phrase:
            return phrase in self.lexicon.cues["performing_verbs"]
        return phrase in self.lexicon.cues["performing_verbs"] or phrase not in self._verbs

    def _acts_on(self, verb: Token) -> bool:
        """Is ``verb`` a phrasal verb acting on its object ("put down the uprising", "broke up the protest"), whose
        subject neither performs the object's act nor lends the verb's meaning to it?"""
        return " " in ctx.phrasal(verb) and not self._performs(verb)

    def _doers(self, nominal: Token) -> list[Token]:
        """The subjects of the verb a nominal is the object of ("jets carried out strikes"); none for a verb."""
        verb = _governing_verb(nominal) if nominal.pos_ != "VERB" and nominal.dep_ == "dobj" else None
        return self._subjects(verb) if verb is not None else []

    def _triggers(self, sent: Span) -> list[_Trigger]:
        verbs: dict[int, _Trigger] = {}
        for token in sent:
            if (
                token.pos_ == "VERB"
                and token.dep_ not in ("amod", "compound")
                and not (  # "protesters carrying clubs", but "a statement condemning the raid" is the statement's act
                    token.dep_ == "acl" and token.tag_ == "VBG"
                    and token.head.lemma_.lower() not in self.lexicon.cues["statement_nouns"]
                )
                and token.lemma_.lower() in self._verbs
            ):
                found = self._verb_trigger(token)
                if found and self.lexicon.plover(found.cameo) and not self._natural_death(found):
                    verbs[token.i] = found
        self._fold_complements(verbs)
        folded = self._fold_conjuncts(verbs)
        self._obligations(sent, verbs)
        nominals = []
        for token in sent:
            if (
                token.pos_ in ("NOUN", "PROPN")
                and any(head in self._nominal_heads for head, _ in _head_words(token))
                and token.ent_type_ not in ("DATE", "TIME")  # "in March"
                and self._nominal_code(token) is not None
            ):
                governor = _governing_verb(token)
                if governor is not None and governor.i in folded:  # "... and a third was injured in an ambush"
                    governor = folded[governor.i]
                performer = None
                # a material verb coded only by its block default yields to its object's meaning
                # ("established a curfew"); a verbal one keeps it as its topic ("blamed the unrest on")
                # ("killed in an air strike" names how; "after heavy fighting", "during a raid" are other acts)
                if (governor is not None and governor.i in verbs
                        and (not verbs[governor.i].used or self._subject_of_its_kind(token, verbs[governor.i]))
                        and (token.dep_ != "pobj" or token.head.lower_ in MEANS_PREPS or self._became(token))):
                    plover = self.lexicon.plover(verbs[governor.i].cameo)
                    keeps = self.lexicon.cues["folding_types"] | self.lexicon.cues["topic_types"]
                    if plover and plover.type not in keeps and not self._weaker_means(plover.type, token):
                        del verbs[governor.i]
                        performer = governor
                elif (governor is not None and token.dep_ == "pobj" and token.head.lower_ in MEANS_PREPS
                      and governor.lemma_.lower() in self.lexicon.cues["undergoing_verbs"]):
                    performer = governor  # "three soldiers perished in an ambush": the ambush's victims
                found = self._nominal_trigger(token, verbs)
                if found:
                    nominals.append(found._replace(performer=performer))
        return sorted([*verbs.values(), *nominals], key=lambda t: t.token.i)

    def _fold_complements(self, verbs: dict[int, _Trigger]) -> None:
        """Fold a complement into its governing verb: 'vowed to attack' is one THREATEN event."""
        cues = self.lexicon.cues
        for i in sorted(verbs):
            trigger = verbs.get(i)
            if trigger is None:
                continue
            governor = trigger.token.head
            if trigger.token.dep_ in ("xcomp", "advcl") and governor.i in verbs and ctx.to_infinitive(trigger.token):
                # "sent troops to help put down the revolt": the help is the deployment's purpose
                plover, ruling = self.lexicon.plover(trigger.cameo), self.lexicon.plover(verbs[governor.i].cameo)
                if plover and ruling and plover.type in cues["purpose_types"] and ruling.type in MATERIAL:
                    del verbs[i]
                    continue
            means = trigger.token.head.head if trigger.token.dep_ == "pobj" else None
            if (means is not None and trigger.token.head.lower_ in MEANS_PREPS and means.i in verbs
                    and self._plover_type(verbs[means.i].cameo) == self._plover_type(trigger.cameo)):
                del verbs[i]  # "was killed in a drive-by shooting" (a gerund the parser makes a verb): one act
                continue
            act = _act_resulting_in(trigger.token)
            if act is not None and act.i in verbs:
                # "opened fire on protesters, killing three (and wounding 12)": the shooting's result, one event
                if self._plover_type(trigger.cameo) == self._plover_type(verbs[act.i].cameo):
                    del verbs[i]
                    continue
            if trigger.token.dep_ not in ("xcomp", "ccomp"):
                continue
            lemma = governor.lemma_.lower()
            if lemma in cues["commissive_verbs"]:
                verbs.pop(governor.i, None)
                verbs[i] = trigger._replace(governor=governor)
            elif governor.i in verbs:
                plover = self.lexicon.plover(verbs[governor.i].cameo)
                if plover and plover.type in cues["folding_types"]:
                    del verbs[i]

    def _subject_of_its_kind(self, nominal: Token, verb: _Trigger) -> bool:
        """Is ``nominal`` an attack that is the subject of a verb of violence ("air strikes killed 50")? The verb
        tells what the attack did, whatever pattern codes it."""
        return (nominal.dep_ in SUBJECTS
                and self._plover_type(self._nominal_code(nominal) or "") == self._plover_type(verb.cameo) == "ASSAULT")

    def _introduced(self, nominal: Token) -> bool:
        """Does ``nominal`` bring in someone new: an indefinite or counted noun ("a woman", "two men")?"""
        return nominal.like_num or any(
            (c.dep_ == "det" and c.lower_ in self.lexicon.cues["indefinite_determiners"]) or c.dep_ == "nummod"
            for c in nominal.children)

    def _natural_death(self, trigger: _Trigger) -> bool:
        """Is ``trigger`` a death its clause tells no violent cause of ("died of cancer", "died at the age of 89",
        "one died at the scene")? A verb of undergoing coded by its block default alone is then no act: a death
        after violence is counted on the violence told beside or before it."""
        token = trigger.token
        if token.lemma_.lower() not in self.lexicon.cues["undergoing_verbs"] or trigger.used:
            return False
        marks = self.lexicon.cues["mark_nominals"]  # "died of his wounds"
        causes = [c for c in token.children if c.dep_ in ("prep", "agent")]
        return not (ctx.violent_cause(*causes, lexicon=self.lexicon)
                    or any(t.lemma_.lower() in marks for c in causes for t in c.subtree))

    def _fold_conjuncts(self, verbs: dict[int, _Trigger]) -> dict[int, Token]:
        """Two verbs of one act sharing its doer are one event: "an officer shot and killed a man", "a man was shot
        and killed". The verb naming no patient of its own folds into the other; verbs that each name their own
        ("shelled Kharkiv and bombed Mariupol") stay two events. The toll of one attack told victim by victim is one
        event too: "20 people were killed and more than 100 wounded", "two soldiers were killed and a third was
        injured" (passives with no doer named, the second naming no place of its own). Returns each folded verb's
        index -> the verb it folded into."""
        folded: dict[int, Token] = {}
        for i in sorted(verbs):
            trigger = verbs.get(i)
            head = trigger.token.head if trigger is not None else None
            if trigger is None or trigger.token.dep_ != "conj" or head.i not in verbs:
                continue
            kind = self._plover_type(trigger.cameo)
            if kind != self._plover_type(verbs[head.i].cameo):
                continue
            if any(c.dep_ in SUBJECTS or c.dep_ == "nsubjpass" for c in trigger.token.children):
                if (kind == "ASSAULT" and _victims_told(head) and _victims_told(trigger.token)
                        and not _names_place(trigger.token)):
                    del verbs[i]
                    folded[i] = head
            elif not _patients(trigger.token):
                del verbs[i]
                folded[i] = head
            elif not _patients(head):
                del verbs[head.i]
                folded[head.i] = trigger.token
        return folded

    def _became(self, nominal: Token) -> bool:
        """Is ``nominal`` what a verb of becoming turned into ("the quarrel escalated into a shooting")?"""
        return (nominal.dep_ == "pobj" and nominal.head.lower_ == "into"
                and nominal.head.head.lemma_.lower() in self.lexicon.cues["becoming_verbs"])

    def _same_act(self, verb: Token, kind: str) -> bool:
        """Does ``verb`` code an act of PLOVER type ``kind``?"""
        found = self._verb_trigger(verb) if verb.lemma_.lower() in self._verbs else None
        return found is not None and self._plover_type(found.cameo) == kind

    def _obligations(self, sent: Span, verbs: dict[int, _Trigger]) -> None:
        """'X said Y must do Z' is X's REQUEST (CAMEO 100) to Y; the demanded act is its topic."""
        cues = self.lexicon.cues
        for token in sent:
            head = token.head
            if token.dep_ == "acl" and head.lemma_.lower() in cues["statement_nouns"]:
                head = head.head  # "issued a reminder that Y must ..." is said by the issuer
            elif not (token.dep_ == "ccomp" and head.lemma_.lower() in cues["directive_verbs"]):
                continue
            if (
                head.pos_ in ("VERB", "AUX")
                and any(c.dep_ == "aux" and c.lower_ in cues["obligation_modals"] for c in token.children)
                and not any(c.dep_ == "neg" for c in token.children)
            ):
                verbs.pop(token.i, None)
                verbs[head.i] = _Trigger(head, "100", frozenset())

    # -- arguments --------------------------------------------------------------------------------

    def _passive(self, verb: Token) -> bool:
        """Is ``verb`` a passive whose subject undergoes it ("X was arrested"), not a state ("X is opposed to")?"""
        if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return False
        return (verb.lemma_.lower() not in self.lexicon.cues["stative_participles"]
                or any(c.dep_ == "agent" for c in verb.children))

    def _subjects(self, verb: Token, depth: int = 0) -> list[Token]:
        if depth > 4:
            return []
        if self._passive(verb):
            found = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return _with_conjuncts(found)
        found = [c for c in verb.children if c.dep_ in SUBJECTS or c.dep_ == "nsubjpass"]
        if found and found[0].lower_ in RELATIVE and verb.dep_ == "relcl":
            return _with_conjuncts([verb.head])
        if found:
            return _with_conjuncts(found)
        head = verb.head
        if verb.dep_ == "relcl":
            return _with_conjuncts([head])
        if verb.dep_ == "acl" and head.lemma_.lower() in self.lexicon.cues["statement_nouns"]:
            issuer = _governing_verb(head)  # "X issued a declaration demanding ...": X demands
            return self._subjects(issuer, depth + 1) if issuer is not None else []
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return _with_conjuncts([head])
        if verb.dep_ == "acl" and ctx.after_comma(verb):
            # "X blamed the unrest on gangs, called on ..." misparsed as a modifier of "gangs":
            # it is a predicate conjoined to the clause's verb
            clause = _governing_verb(head)
            return self._subjects(clause, depth + 1) if clause is not None else []
        if verb.dep_ == "xcomp" and _extraposed(head):
            return []  # "it is an attack on X to help them": "it" does not help
        if verb.dep_ == "xcomp":
            controller = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            controller += [
                p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                for p in c.children if p.dep_ == "pobj"
            ]
            if controller:
                return _with_conjuncts(controller[:1])
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised and not any(c.dep_ == "agent" for c in head.children):
                return _with_conjuncts(raised)  # "X is scheduled to attend", "X was forced to resign"
        if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and head.i != verb.i:
            return self._subjects(head, depth + 1)  # "X is willing to withdraw": through the adjective
        return []

    def _objects(self, token: Token, used: frozenset[str]) -> list[Token]:
        found = []
        passive = self._passive(token)
        for child in token.children:
            if (passive and child.dep_ == "nsubjpass") or (not passive and child.dep_ in ("dobj", "dative", "attr")):
                found.append(child)
        for child in token.children:  # the parser labels some "to" phrases dative ("providing X to Y")
            if child.dep_ in ("prep", "dative") and child.pos_ == "ADP" and child.lower_ in TARGET_PREPS:
                found += [p for p in child.children if p.dep_ == "pobj"]
            if child.dep_ == "dobj":  # "wrested control of the airport from rebels", "held talks with X"
                preps = sorted((c for c in child.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS),
                               key=lambda c: c.lower_ != "of")  # "the withdrawal of X from Y": X undergoes it
                found += [p for c in preps if c.lower_ in (*DOBJ_TARGET_PREPS, "of") for p in c.children
                          if p.dep_ == "pobj"]
        found += self._stance_objects(token)
        # "called for talks with X", "demanded the removal of X": the partner or patient of a nominal object
        found += [  # of each listed object: "launched artillery, mortar and rocket fire against X"
            p for t in _with_conjuncts(found) for c in t.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS
            for p in c.children if p.dep_ == "pobj" and p not in found
        ]
        # "the property seized by X", "a bill signed by X": the agent of a participle on the object
        found += [p for t in list(found) for a in t.children if a.dep_ == "acl" for c in a.children
                  if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj" and p not in found]
        # "demanded that the West provide guarantees": the complement's subject, after any object;
        # "insisted on its demands that X grant ...": the subject of the object's that-clause
        found += [s for c in token.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        found += [s for t in list(found) for c in t.children if c.dep_ in ("acl", "ccomp")
                  and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                  for s in c.children if s.dep_ == "nsubj" and s not in found]
        if token.pos_ in ("NOUN", "PROPN"):  # "the blockade of X with Y's help": the nominal's patient comes first
            found[:0] = [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "against", "on")
                         for p in c.children if p.dep_ == "pobj" and p not in found]
        # a dobj that carries the pattern ("sent troops into X") is the target only when nothing else is;
        # "against" names the target outright ("launched rocket fire against X")
        found.sort(key=lambda t: (t.lower_ in used or t.lemma_.lower() in used, t.head.lower_ != "against"))
        return _with_conjuncts(found)

    def _stance_objects(self, token: Token) -> list[Token]:
        """What an act is "in protest against", "in defiance of", "in retaliation for": its target."""
        holders = [token, *(c for c in token.children if c.dep_ == "dobj")]  # "blocked the road in protest ..."
        stances = [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in"
                   for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in self.lexicon.cues["stance_nouns"]]
        objects = [o for s in stances for c in s.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS
                   for o in c.children if o.dep_ == "pobj"]
        # "in protest against abuses by X": whoever does what is protested against
        return objects + [p for o in objects for c in o.children if c.dep_ == "prep" and c.lower_ == "by"
                          for p in c.children if p.dep_ == "pobj"]

    @staticmethod
    def _place(token: Token, resolver: _Resolver) -> Actor | None:
        """The country of the first place named in a locative phrase of ``token``'s clause, else of the first
        nationality word describing one ("in the Ukrainian town of Bucha")."""
        described = None
        # a locative phrase of the clause, or one inside its target ("an attack on an airport in Saudi Arabia")
        preps = [p for t in _near(token, 3) if t.dep_ == "prep"
                 for p in ((t,) if t.lower_ in PLACE_PREPS else
                           (d for d in t.subtree if d.dep_ == "prep" and d.lower_ in PLACE_PREPS)
                           if t.lower_ in TARGET_PREPS else ())]
        for prep in preps:
            for place in prep.subtree:  # "in the town of X", "outside of X"
                # the small model tags some towns NORP ("the town of Samarra")
                if ((place.ent_type_ in ("GPE", "LOC", "NORP") or place.i in resolver.places)
                        and place.dep_ in ("pobj", "appos", "compound")):
                    actor = resolver.actor(place)
                    if actor is not None and actor.country:
                        return actor
                if described is None and place.ent_type_ == "NORP" and place.dep_ == "amod":
                    actor = resolver.actor(place)
                    described = actor if actor is not None and actor.country else None
        return described

    def _nominal_sources(self, token: Token) -> list[Token]:
        found = [c for c in token.children if c.dep_ in NOMINAL_SOURCE_DEPS and c.pos_ in ("PROPN", "NOUN", "ADJ")]
        # "the arrest of the leader by police", "the attack carried out by rebels": the by-phrase hangs on the
        # nominal, its of-object or a participle of it; not deeper ("protest against abuses by police")
        holders = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        holders += [c for c in token.children if c.dep_ == "acl"]
        found += [p for t in (token, *holders) for c in t.children if c.dep_ in ("prep", "agent")
                  and c.lower_ == "by" for p in c.children]
        return _with_conjuncts(found)

    def _accidental(self, trigger: Token) -> bool:
        """Is the harm done by a disaster or an accident? Its cause is the trigger's subject, the nominal itself,
        a cause phrase ("killed in a bus crash", "by a landslide"), a when-clause ("died when a fire swept through
        ..."), or the clause a bare participle hangs on ("a bus collided with a truck, killing 15")."""
        accidents = self.lexicon.cues["accident_causes"]
        head = trigger.head
        # "fire" the verb is shooting ("firing once and striking her"), the noun a blaze
        if trigger.dep_ in ("advcl", "conj", "xcomp") and head.i != trigger.i and (
            (head.lemma_.lower() in accidents and not (head.pos_ == "VERB" and self._same_act(head, "ASSAULT")))
            or (head.pos_ == "VERB" and self._accidental_clause(head))
        ):
            return True
        return self._accidental_clause(trigger)

    def _accidental_clause(self, trigger: Token) -> bool:
        cues = self.lexicon.cues
        causes = self._subjects(trigger) if trigger.pos_ == "VERB" else [trigger]
        causes += [c for c in trigger.children if c.dep_ == "advmod"]  # "accidentally shot himself"
        causes += [p for c in trigger.children if c.dep_ in ("prep", "agent") and c.lower_ in CAUSE_PREPS
                   for p in c.children if p.dep_ == "pobj"]
        # "troops killed five in an exchange of fire"
        if ctx.violent_cause(*causes, lexicon=self.lexicon, act=trigger):
            return False
        if any(ctx.accidental_cause(cause, lexicon=self.lexicon, act=trigger) for cause in causes):
            return True
        for clause in _when_clauses(trigger):  # "killed when a gas cylinder blew up", "when a tunnel caved in"
            subjects = self._subjects(clause) if clause.pos_ == "VERB" else [clause]
            if any(ctx.accidental_cause(s, lexicon=self.lexicon, act=trigger) for s in subjects) or (
                clause.lemma_.lower() in cues["accident_verbs"]
                and not any(ctx.violent_cause(s, lexicon=self.lexicon, act=trigger) for s in subjects)
            ):
                return True
        # an unexplained incident ("an explosion", "a blast") is told apart by where it happened: "ripped through
        # a chemical factory" is an accident, "ripped through a market" is not
        clause = trigger if trigger.pos_ == "VERB" else trigger.head if trigger.dep_ in SUBJECTS else None
        incidents = [c for c in causes if c.lemma_.lower() in self._nominal_heads]
        if clause is None or not incidents or len(incidents) < len(causes):
            return False
        venues = [p for c in clause.children if c.dep_ == "prep" and c.lower_ in VENUE_PREPS
                  for p in c.children if p.dep_ == "pobj"]
        return ctx.accidental_cause(*incidents, *venues, lexicon=self.lexicon)

    # -- coding -----------------------------------------------------------------------------------

    def code(
        self,
        doc: Doc,
        *,
        article_id: str,
        actors: list[ActorMention],
        actor_coder: ActorCoder,
        focus_country: str | None,
        places: Iterable[PlaceMention] = (),
    ) -> list[CodedEvent]:
        """Every event of ``doc``; the same event told twice in the article is one event with two mentions.
        ``places``: the place names of ``doc`` the gazetteer resolved (they give the country of a town the actor
        dictionaries do not know: "killed 12 people in Saada" are Yemeni civilians)."""
        resolver = _Resolver(doc, actors, actor_coder, focus_country, _places_by_token(doc, places))
        merged: dict[tuple, CodedEvent] = {}
        actor_tokens = {i for mention in actors for i in range(mention.start, mention.end)}
        for sent in doc.sents:
            triggers = self._triggers(sent)
            # talk, help or a statement needs someone: with no actor named in its sentence ("squad cars are equipped
            # with sirens", "no other information was released") it is no event; violence, force and whatever else
            # ACLED codes ("the two sides agreed to a ceasefire") stand alone
            unpeopled = actor_tokens.isdisjoint(range(sent.start, sent.end))
            sentence_words = self._cue_words(sent)
            told = [coded for trigger in triggers
                    for coded in self._events(trigger, sent, sentence_words, article_id, resolver)]
            self._type_demonstration(sent, triggers, [c.event for c in told])
            for coded in told:
                event = coded.event
                if (unpeopled and event.source is None and event.acled is None
                        and event.type not in self.lexicon.cues["actorless_types"]):
                    continue
                key = (event.type, _actor_key(event.source), _actor_key(event.target))
                if event.target is None and key not in merged:
                    # a telling with no target retells an act whose only target is its place ("gunmen attacked a
                    # bank in X ... the gunmen shot two guards")
                    key = next((k for k, c in merged.items() if k[:2] == key[:2] and c.place_target), key)
                if event.source is None and event.target is None:
                    key += (sent.start,)  # nothing ties actorless tellings in two sentences to one event
                elif event.source is None and coded.new_target and key in merged:
                    # "a woman was shot" by no one named is someone new: the earlier act stays apart, and "the
                    # victim" told later is hers
                    earlier = merged.pop(key)
                    merged[(*key, earlier.trigger_i)] = earlier
                if key in merged:
                    _merge(merged[key].event, event)
                    merged[key] = replace(merged[key], retold_i=(*merged[key].retold_i, coded.trigger_i))
                else:
                    merged[key] = coded
        return sorted(merged.values(), key=lambda c: c.trigger_i)

    def _type_demonstration(self, sent: Span, triggers: list[_Trigger], events: list[Event]) -> None:
        """ACLED codes a demonstration and the force used in or against it as one event: when the sentence tells of
        one, its protest and force events all take the type of the whole sentence (crosswalk.demonstration), read
        without what the protest is about ("protested the killing of ...")."""
        cues = self.lexicon.cues
        involved = [e for e in events if e.type == "PROTEST"
                    or (e.acled is not None and e.acled.sub_event_type in cues["demonstration_subsumes"])]
        topic = {t.i for trigger in triggers if (p := self.lexicon.plover(trigger.cameo)) and p.type == "PROTEST"
                 for phrase in self._protest_topics(trigger.token) for t in phrase.subtree}
        words = self._cue_words(t for t in sent if t.i not in topic)
        found = demonstration(involved, words, lexicon=self.lexicon)
        for event in involved if found else ():
            event.acled = found

    def _cue_words(self, tokens: Iterable[Token]) -> set[str]:
        """Forms and lemmas of ``tokens`` as cue words, leaving out modifiers naming a force ("riot police") or a kind
        of place or service ("gas station", "fire department", "gun shop")."""
        kinds = self.lexicon.cues["force_nouns"] | self.lexicon.cues["venue_nouns"]
        return {w for t in tokens if not (t.dep_ in ("compound", "amod") and t.head.lemma_.lower() in kinds)
                for w in (t.lower_, t.lemma_.lower())}

    def _protest_topics(self, token: Token) -> list[Token]:
        """The phrases of a protest that say what it is about: its object, purpose and cause clauses, its "against",
        "over", "after" phrases and stance objects ("in protest against X")."""
        preps = self.lexicon.cues["demonstration_topic_preps"]
        objects = ("dobj", "xcomp", "ccomp", "advcl", "acl", "relcl") if token.pos_ == "VERB" else ("acl", "relcl")
        return [c for c in token.children if c.dep_ in objects or (c.dep_ == "prep" and c.lower_ in preps)]

    def _events(
        self, trigger: _Trigger, sent: Span, sentence_words: set[str], article_id: str, resolver: _Resolver
    ) -> list[CodedEvent]:
        """The events ``trigger`` codes (one per source actor, up to three); ``sentence_words``: the cue words of
        its sentence."""
        lexicon = self.lexicon
        token = trigger.token
        plover = lexicon.plover(trigger.cameo)
        if plover is None:
            return []
        kind, cameo, mode = plover.type, trigger.cameo, plover.mode
        anchor = trigger.governor or token
        if trigger.governor is not None and trigger.governor.lemma_.lower() in lexicon.cues["threat_verbs"]:
            future = FUTURE_OF.get(kind, ("THREATEN", "130"))[1]
            kind, cameo = "THREATEN", future if future.startswith("13") else "130"
            mode = lexicon.plover(cameo).mode
        elif trigger.governor is not None and kind in FUTURE_OF:
            kind, cameo = FUTURE_OF[kind]
            mode = lexicon.plover(cameo).mode
        elif trigger.governor is not None and trigger.governor.lemma_.lower() in lexicon.cues["agreement_verbs"]:
            kind, cameo, mode = "AGREE", "030", None  # "agreed to postpone the march": what is agreed to
        if (ctx.attributed(token, lexicon=lexicon) or (token.pos_ == "VERB" and self._topic(token))
                or (kind == "ASSAULT" and self._accidental(anchor))):
            return []
        context, reporter = ctx.flags(token, lexicon=lexicon)
        if trigger.presupposed:  # "police have not solved the killing", "will investigate the shooting": it happened
            context = replace(context, negated=False, hypothetical=False)
        if context.negated and kind in REFUSAL_OF and any(c.dep_ == "neg" for c in anchor.children):
            kind, cameo = "REJECT", REFUSAL_OF[kind]
            mode, context = lexicon.plover(cameo).mode, replace(context, negated=False)
        governing = _governing_verb(token) if token.pos_ != "VERB" and token.dep_ == "dobj" else None
        clause = governing or token
        if (trigger.governor is None and kind in FUTURE_OF and not context.negated and not trigger.presupposed
                and ctx.future(clause, lexicon=lexicon)):
            kind, cameo = FUTURE_OF[kind]  # "will visit", "is ready to send": an intention, not yet the act
            mode = lexicon.plover(cameo).mode
        if trigger.governor is not None or kind == "THREATEN":
            context = replace(context, hypothetical=True)
        targets = self._objects(token, trigger.used)
        if token.pos_ != "VERB" and token.dep_ == "dobj":  # "staged rallies against X", "imposed sanctions on X"
            targets += [p for c in token.head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                        for p in c.children if p.dep_ == "pobj" and p not in targets]
            targets += self._stance_objects(token.head)
        # "a roadside bombing killed two soldiers", "dozens of soldiers were killed in an ambush", "two policemen died
        # in a bomb attack" (the subject of a verb of undergoing is the victim)
        undergone = (trigger.performer is not None
                     and trigger.performer.lemma_.lower() in lexicon.cues["undergoing_verbs"])
        if trigger.performer is not None and token.dep_ in (*SUBJECTS, "pobj"):
            targets += self._objects(trigger.performer, trigger.used)
            targets += self._subjects(trigger.performer) if undergone else []
        speaker = resolver.actor(reporter) if reporter is not None else None
        if token.pos_ == "VERB" and token.lemma_.lower() in lexicon.cues["undergoing_verbs"]:
            sources, targets = [], self._subjects(anchor)  # "two soldiers died in clashes": the victims
        elif token.pos_ == "VERB":
            sources = self._subjects(anchor)
            if not sources and _speaks_for(speaker, kind, lexicon):
                sources = [reporter]  # "the alliance said troops were sent": the speaker sent them
            if not sources:  # agentless passive: the sent/deployed force itself ("Russian troops were sent")
                sources = [c for c in token.children if c.dep_ == "nsubjpass" and c.lower_ in trigger.used]
        else:
            sources = self._nominal_sources(token)
            # "the naval blockade", "a police raid": a modifier of no country of its own yields to the verb's subject
            unnamed = [t for t in sources if t.dep_ in ("amod", "compound") and resolver.unnamed(t)]
            sources = [t for t in sources if t not in unnamed]
            governor = _governing_verb(token)
            # "students staged their hunger strike", "X renewed talks" (a verb with no event reading of its own)
            if (
                governor is not None
                and token.dep_ == "dobj"
                and self._performs(governor)
                and not _unique(resolver.actor(t) for t in sources)
            ):
                sources = self._subjects(governor)
            if not sources and trigger.performer is not None and not (self._acts_on(trigger.performer) or undergone):
                sources = self._subjects(trigger.performer)  # "Israel reimposed blockades"
            if not sources and trigger.governor is not None:
                sources = self._subjects(anchor)  # "X threatened to impose a curfew"
            if not sources and unnamed and governor is not None and token.dep_ == "dobj" and not self._acts_on(governor):
                sources = self._subjects(governor)  # "X tightened the naval blockade"
            sources = sources or unnamed
        clause_verb = _governing_verb(token) if token.pos_ != "VERB" else None  # "staged a protest in X"
        place = next((p for t in (anchor, token, clause_verb, _enclosing_clause(anchor)) if t is not None
                      and (p := self._place(t, resolver)) is not None), None)
        # a nominal's doers name its weapon too ("jets carried out strikes", "gunmen staged an attack")
        words = self._cue_words([*anchor.subtree, *(t for d in self._doers(anchor) for t in d.subtree)])
        mode, sub = refine_mode(kind, mode, cameo, words, lexicon=lexicon, sentence=sentence_words)
        doers = [(t, resolver.located(t, place)) for t in sources]
        if kind == "ASSAULT" and mode in lexicon.cues["state_weapon_modes"]:
            # "Russian shelling", "Saudi-led air strikes": a people or country named on a state's weapons is its
            # armed forces
            doers = [(t, resolver.coder.armed_forces(a) if a is not None and a.country and a.sector in ("CVL", None)
                      and (t.dep_ == "amod" or t.i == token.i) else a) for t, a in doers]
        source_actors = _unique(a for _, a in doers)
        instrument = kind in FORCE_INSTRUMENT_TYPES and bool(source_actors)
        target_actors = resolver.targets(targets, instrument=instrument, place=place)
        results = [c for c in (clause_verb or anchor).children
                   if _act_resulting_in(c) is not None and self._same_act(c, kind)]
        for complement in (*_complements(clause_verb or anchor), *results):
            if target_actors:
                break
            # "threatened to cut off electricity to X", "began a hunger strike to protest X's decision", "shelled the
            # town, killing five civilians" (the result folded into the act)
            target_actors = resolver.targets(self._objects(complement, trigger.used), instrument=instrument,
                                             place=place)
        if not target_actors and kind == "THREATEN":
            target_actors = _unique(resolver.actor(t) for t in _condition_subjects(anchor))
        # an act by no one named is the doing of the place it happens in ("was arrested in X"); violence by no one
        # named ("a bomb in X killed two") is, as ACLED codes it, an unidentified armed group of that country, and a
        # protest by no one named ("after weeks of protests in Beirut") is by protesters of that country
        if not source_actors and kind in UNATTRIBUTED_TYPES:
            source_actors = [_unidentified_attacker(place)]
        elif not source_actors and kind == "PROTEST" and place is not None and place.country:
            source_actors = [resolver.coder.placed_in(replace(UNNAMED_PROTESTERS, text=place.text), place.country)]
        source_actors = source_actors or [place]
        # PLOVER codes the place an act is done in as its target when no actor undergoes it ("arrived in Amman")
        place = None if target_actors else place
        text = sent.text.strip()
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(text)
        events = []
        for source in source_actors[:3]:
            target = _target(source, target_actors) or _target(source, source_actors)  # "X and Y met"
            acled_target = target
            if target is None and place is not None:
                target = place
            digest = hashlib.sha1(
                f"{article_id}|{kind}|{start}|{end}|{token.idx}|{_actor_key(source)}".encode()
            ).hexdigest()[:16]
            event = Event(
                id=digest,
                type=kind,
                mode=mode,
                cameo=cameo,
                acled=acled(kind, mode, cameo, source=source, target=acled_target, words=words,
                            trigger=token.lemma_.lower(), sub_override=sub, lexicon=lexicon),
                source=source,
                target=target,
                trigger=anchor.text if anchor is token else f"{anchor.text} {token.text}",
                context=context,
                attributed_to=speaker,
                mentions=[Mention(sentence=text, start=start, end=end)],
            )
            events.append(CodedEvent(event, _clause_of(anchor, trigger.governor is None and token.pos_ != "VERB"),
                                     new_target=bool(targets) and self._introduced(targets[0]),
                                     place_target=acled_target is None and target is not None))
        return events


def _unidentified_attacker(place: Actor | None) -> Actor | None:
    """The doer of violence no one is named for: an unidentified armed group of the place's country."""
    if place is None or not place.country:
        return None
    return replace(UNIDENTIFIED_ATTACKER, text=place.text, name=f"{UNIDENTIFIED_ATTACKER.name} ({place.country})",
                   country=place.country)  # fmt: skip


class _Resolver:
    """Token -> Actor, from the actor coder's mentions first, else by coding the noun phrase."""

    def __init__(self, doc: Doc, actors: list[ActorMention], actor_coder: ActorCoder, focus: str | None,
                 places: dict[int, tuple[str, str, str]]) -> None:
        self.doc, self.coder, self.focus, self.places = doc, actor_coder, focus, places
        self.at: dict[int, Actor] = {}
        self.starts: list[tuple[int, Token]] = []  # each mention's first token index and head
        for mention in actors:
            for i in range(mention.start, mention.end):
                self.at[i] = mention.actor
            self.starts.append((mention.start, doc[mention.start:mention.end].root))
        self.starts.sort(key=lambda pair: pair[0])
        self.cache: dict[int, Actor | None] = {}

    def targets(self, tokens: list[Token], *, instrument: bool, place: Actor | None) -> list[Actor]:
        """The actors of ``tokens``. With ``instrument``, unnamed forces are the source's own and left out; an
        unnamed target is of the country the act happens in ("killed 20 people in X"), not the story's focus."""
        return _unique(self.located(t, place) for t in tokens if not (instrument and self.unnamed_force(t)))

    def unnamed_force(self, token: Token) -> bool:
        """Is ``token`` a military or police actor of no country of its own ("troops")?"""
        actor = self.actor(token)
        return actor is not None and actor.sector in FORCE_SECTORS and self.unnamed(token)

    def located(self, token: Token, place: Actor | None) -> Actor | None:
        """``token``'s actor; unnamed, it is of the country the act happens in rather than the story's focus."""
        actor = self.actor(token)
        if (actor is None or place is None or not place.country or actor.sector in UNPLACED_SECTORS
                or not self.unnamed(token)):
            return actor
        return self.coder.placed_in(actor, place.country)

    def unnamed(self, token: Token) -> bool:
        """Does ``token``'s actor get its country only from the article's focus (or have none)?"""
        own = self.actor(token) if self.focus is None else self.unfocused.actor(token)
        return own is None or own.country is None

    @functools.cached_property
    def unfocused(self) -> _Resolver:
        """The same resolver without a focus country: what the text itself says."""
        return _Resolver(self.doc, self.coder.mentions(self.doc, focus_country=None), self.coder, None, self.places)

    def actor(self, token: Token) -> Actor | None:
        if token.i not in self.cache:
            # A token met again while it is being resolved (a pronoun inside its own antecedent's phrase) has none.
            self.cache[token.i] = None
            actor = self._resolve(token)
            if (actor is None or (actor.country is None and actor.sector is None)) and token.i in self.places:
                actor = self.coder.of_place(*self.places[token.i])  # a town the dictionaries do not know
            self.cache[token.i] = self._placed(token, actor)
        return self.cache[token.i]

    def _placed(self, token: Token, actor: Actor | None) -> Actor | None:
        """An unnamed role placed by its own phrase ("opposition groups in Zimbabwe") is of that place's country."""
        if actor is None or actor.sector is None or actor.sector in UNPLACED_SECTORS:
            return actor
        own = actor if self.focus is None else self.unfocused._resolve(token)
        if own is not None and own.country is not None:
            return actor
        country = next((a.country for c in token.children if c.dep_ == "prep" and c.lower_ in RESIDENCE_PREPS
                        for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC")
                        and (a := self.actor(p)) is not None and a.country), None)
        return self.coder.placed_in(actor, country) if country else actor

    def _resolve(self, token: Token) -> Actor | None:
        if token.lower_ in PRONOUNS and token.pos_ == "PRON":  # "us", not "the US"
            return self._antecedent(token)
        # "Kenzo Oshima, the UN relief coordinator": the apposition names the capacity one acts in (any name
        # the parser did not tag as a person acts for an international body its apposition names)
        roles = [r for c in token.rights if c.dep_ == "appos" and (r := self.actor(c)) is not None]
        if roles and (token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and roles[0].sector == "IGO")):
            return roles[0]
        if token.ent_type_ == "PERSON":  # "King Hassan of Morocco": the of-phrase names the country
            country = next((a.country for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children if p.dep_ == "pobj" and p.ent_type_ == "GPE"
                            and (a := self.actor(p)) is not None and a.country), None)
            person = self.at.get(token.i) or self.coder.code_span(self.doc[token.left_edge.i : token.i + 1],
                                                                   focus_country=self.focus)
            if country and person is not None:
                return replace(person, country=country)
        if token.i in self.at:
            return self.at[token.i]
        left = min((c.left_edge.i for c in token.lefts), default=token.i)
        inside = [self.at[i] for i in range(left, token.i) if i in self.at]
        if inside:
            return inside[-1]
        if token.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
            return None
        of = [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if of and (token.like_num or token.pos_ == "NUM" or token.lemma_.lower() in QUANTITIES):
            return self.actor(of[0])  # "dozens of rioters"
        own = self.coder.code_span(self.doc[left : token.i + 1], focus_country=self.focus)
        if own is None and of:
            return self.actor(of[0])  # "members of the X association", "supporters of X"
        return own

    def _antecedent(self, token: Token) -> Actor | None:
        """A pronoun's actor: the reporting clause's subject, else the last actor before it nearby."""
        verb = token.head
        if verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i:
            subject = next((c for c in verb.head.children if c.dep_ in SUBJECTS and c.lower_ not in PRONOUNS), None)
            if subject is not None:
                return self.actor(subject)
        floor = max(0, token.sent.start - 60)
        earlier = [head for start, head in self.starts if floor <= start < token.i]
        return self.actor(earlier[-1]) if earlier else None  # resolved: "King X of Morocco ... he"


def _places_by_token(doc: Doc, places: Iterable[PlaceMention]) -> dict[int, tuple[str, str, str]]:
    """Token index -> (text, gazetteer name, ISO country) of each resolved place name."""
    found = {}
    for mention in places:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and mention.place.country:
            found.update((t.i, (span.text, mention.place.name, mention.place.country)) for t in span)
    return found


def _head_words(token: Token) -> list[tuple[str, int]]:
    """The words a nominal may end in at ``token``, with the index of each one's first token: a hyphenated word
    the tokenizer split ("sit - in" is "sit-in"), then the token's own lemma."""
    own = [(token.lemma_.lower(), token.i)]
    first = token.i
    while (first >= 2 and token.doc[first - 1].text == "-" and not token.doc[first - 1].whitespace_
           and not token.doc[first - 2].whitespace_):
        first -= 2
    if first == token.i:
        return own
    parts = "".join(t.lower_ for t in token.doc[first : token.i])
    return [(parts + token.lemma_.lower(), first), *own]


def _near(token: Token, depth: int, *, skipping: frozenset[str] = frozenset()) -> list[Token]:
    """``token`` and its dependents down to ``depth`` levels, but for dependents labelled as in ``skipping``."""
    found, layer = [token], [token]
    for _ in range(depth):
        layer = [c for t in layer for c in t.children if c.dep_ not in skipping]
        found += layer
    return found


def _governing_verb(token: Token) -> Token | None:
    head = token.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _refers_back(nominal: Token, definite_determiners: set[str]) -> bool:
    """Is ``nominal`` a definite act with nothing of its own, no clause, place, victim or count ("condemned the
    attack", "investigating Sunday's school shooting"): one told elsewhere in the article?"""
    children = list(nominal.children)
    return (any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in definite_determiners for c in children)
            and all(c.dep_ in ("det", "poss", "amod", "compound") for c in children))


def _clause_of(token: Token, nominal: bool) -> int:
    """Token index standing for the event's clause: a nominal subject's verb ("the revolt began on Monday")."""
    if nominal and token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB":
        return token.head.i
    return token.i


def _condition_subjects(verb: Token) -> list[Token]:
    """Who a threat is made to: the subject of its condition ("... unless X withdraws", "if X goes ahead")."""
    clauses = [c for v in (verb, *_complements(verb)) for c in v.children if c.dep_ == "advcl"
               and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKERS for m in c.children)]
    return [s for c in clauses for s in c.children if s.dep_ in SUBJECTS]


def _when_clauses(verb: Token) -> list[Token]:
    """Adverbial clauses of ``verb`` telling what brought it about ("killed when a boiler exploded")."""
    return [c for c in verb.children if c.dep_ == "advcl"
            and any(m.dep_ in ("mark", "advmod") and m.lower_ in WHEN_MARKS for m in c.children)]


def _enclosing_clause(verb: Token) -> Token | None:
    """The verb whose clause an infinitive, participle or purpose clause hangs on: it happens there too
    ("sent inspectors to a plant in X to monitor ...", "declared ..., suspending X and arresting Y")."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return _governing_verb(first) if first.dep_ in ("xcomp", "advcl", "acl") else None


def _complements(verb: Token) -> list[Token]:
    """Clausal complements and to-infinitive purpose clauses of ``verb``."""
    return [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and ctx.to_infinitive(c))]


def _act_resulting_in(token: Token) -> Token | None:
    """The act whose result ``token`` tells, when it is a bare present participle after that act's clause
    ("stormed a church, killing 40 worshippers and wounding 12"), or None."""
    if token.dep_ == "conj" and token.tag_ == "VBG" and token.head.i != token.i:
        return _act_resulting_in(token.head)
    if (token.dep_ == "advcl" and token.tag_ == "VBG" and token.i > token.head.i
            and not any(c.dep_ in SUBJECTS or c.dep_ == "mark" for c in token.children)):
        return token.head
    return None


def _victims_told(verb: Token) -> bool:
    """Is ``verb`` a passive with no doer named, its subject the victims ("were killed", "more than 100 wounded")?"""
    children = list(verb.children)
    if any(c.dep_ in ("agent", "dobj") for c in children):
        return False
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
    gapped = verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in children)  # "and more than 100 wounded"
    return passive or gapped


def _names_place(verb: Token) -> bool:
    """Does ``verb`` have a place phrase naming a place of its own ("and three were wounded in Kandahar")?"""
    return any(p.ent_type_ in ("GPE", "LOC", "FAC") for c in verb.children if c.dep_ == "prep"
               and c.lower_ in PLACE_PREPS for p in c.subtree)


def _patients(verb: Token) -> list[Token]:
    """The direct objects of ``verb``, or its passive subject."""
    return [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]


def _appeal(cameo: str) -> str:
    """The CAMEO appeal (02x) for a call for something: 03x intents map digit for digit, the rest to 020."""
    if cameo.startswith(("02", "10")):
        return cameo
    return "02" + cameo[2:] if cameo.startswith("03") else "020"


def _speaks_for(speaker: Actor | None, kind: str, lexicon: Lexicon) -> bool:
    cues = lexicon.cues
    return speaker is not None and speaker.sector in cues["speaker_sectors"] and kind in cues["speaker_sourced_types"]


def _target(source: Actor | None, candidates: list[Actor]) -> Actor | None:
    """The first candidate that is not the source, preferring one of another country."""
    others = [t for t in candidates if t != source]
    if source is not None and source.country:
        foreign = [t for t in others if t.country and t.country != source.country]
        if foreign:
            return foreign[0]
    return others[0] if others else None


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        # "The US, Russia and Switzerland": the parser may hang the list on an apposition of its first member
        listed = [a for a in token.children if a.dep_ == "appos" and any(c.dep_ == "conj" for c in a.children)]
        for member in (token, *token.conjuncts, *(m for a in listed for m in (a, *a.conjuncts))):
            if member not in out:
                out.append(member)
    return out


def _extraposed(head: Token) -> bool:
    """Is ``head``, what an infinitive hangs on, a copula with the subject "it", or a noun complement of one
    ("it is our duty to ...")? Not an adjective: "it is willing to withdraw" is said of what "it" stands for."""
    copula = head.head if head.dep_ == "attr" else head
    return copula.lemma_ == "be" and [c.lower_ for c in copula.children if c.dep_ in SUBJECTS] == ["it"]


def _unique(actors) -> list[Actor]:
    out: list[Actor] = []
    for actor in actors:
        if actor is not None and actor not in out:
            out.append(actor)
    return out


def _actor_key(actor: Actor | None) -> tuple[str | None, str | None] | None:
    return None if actor is None else (actor.country, actor.sector or actor.name)


def _merge(kept: Event, again: Event) -> None:
    """Add a repeated telling: a second mention; flags hold only if every telling has them."""
    kept.mentions.extend(m for m in again.mentions if m not in kept.mentions)
    a, b = kept.context, again.context
    kept.context = Context(
        negated=a.negated and b.negated,
        hypothetical=a.hypothetical and b.hypothetical,
        reported=a.reported and b.reported,
        background=a.background and b.background,
    )
    kept.attributed_to = kept.attributed_to or again.attributed_to

