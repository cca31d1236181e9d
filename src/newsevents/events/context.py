"""Context flags of an event trigger: negated, hypothetical, reported (and by whom), background.

>>> from newsevents import nlp
>>> doc = nlp.load()("Police said they would not arrest the strikers.")
>>> flags(doc[5], lexicon=Lexicon.default())[0]
Context(negated=True, hypothetical=True, reported=True, background=False)
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..records import Context
from .lexicon import Lexicon

COMPLEMENT = {"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "pobj", "prep", "dobj"}
ACT_PREPS = ("for", "of")  # "blamed X for the attack", "accused X of attacking": the act attributed
YEAR = re.compile(r"^(19|20)\d\d$")
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}


def governors(token: Token, *, limit: int = 3) -> list[Token]:
    """The verbs ``token``'s clause is a complement of (nearest first), up to ``limit``."""
    found: list[Token] = []
    current = token
    while current.dep_ in COMPLEMENT and current.head.i != current.i and len(found) < limit:
        current = current.head
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            found.append(current)
    return found


def phrasal(verb: Token) -> str:
    """The verb's lemma with its particle ("call off", "put down"), else its lemma."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def _negated(token: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    nobody = lexicon.cues["negative_quantifiers"]  # "no one was hurt", "police arrested nobody", "none of them died"
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj")
           and (c.lower_ in nobody or any(d.dep_ == "det" and d.lower_ in nobody for d in c.children))
           for c in token.children):
        return True
    negating = lexicon.cues["negating_verbs"]
    for governor in chain[:1]:
        if governor.lemma_.lower() in negating or phrasal(governor) in negating or any(
            c.dep_ == "neg" for c in governor.children
        ):
            return True
    return False


def to_infinitive(token: Token) -> bool:
    """Is ``token`` a verb in the to-infinitive ("to join", "to attack")?"""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _hypothetical(token: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    cues = lexicon.cues
    for verb in (token, *chain[:1]):
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in cues["modal_auxiliaries"]:
                return True
            if child.dep_ == "mark" and child.lower_ in cues["conditional_marks"]:
                return True
    infinitive = to_infinitive(token)
    if token.dep_ == "xcomp" and infinitive:
        if chain and chain[0].lemma_.lower() in cues["intention_verbs"]:
            return True
    if token.dep_ == "acl" and infinitive and token.head.lemma_.lower() in cues["intention_nouns"]:
        return True  # "Sweden's bid to join NATO", "a plan to attack the base"
    return any(g.lemma_.lower() in cues["intention_verbs"] for g in chain[:1]) and token.dep_ in ("xcomp", "ccomp")


def future(token: Token, *, lexicon: Lexicon) -> bool:
    """Whether the trigger is announced for the future ("will visit", "would boycott", "is ready to send")."""
    cues = lexicon.cues
    if any(c.dep_ == "aux" and c.lower_ in cues["future_auxiliaries"] for c in token.children):
        return True
    head = token.head
    return token.dep_ == "xcomp" and head.lemma_.lower() in cues["readiness_words"]


def _reporter(token: Token, lexicon: Lexicon) -> tuple[bool, Token | None]:
    """Whether the trigger is reported speech, and the report verb's subject if any."""
    report = lexicon.cues["report_verbs"]
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "parataxis" and child.lemma_.lower() in report:
                return True, _subject(child)
        if current.dep_ in ("ROOT",) or current.head.i == current.i:
            break
        head = current.head
        if current.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in report:
            return True, _subject(head)
        current = head
    for word in token.sent:
        if word.lower_ == "according" and word.i + 1 < len(word.doc) and word.nbor().lower_ == "to":
            pobj = next((c for c in word.nbor().children if c.dep_ == "pobj"), None)
            return True, pobj
    return False, None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _background(token: Token, chain: list[Token], lexicon: Lexicon) -> bool:
    cues = lexicon.cues
    verb = token if token.pos_ in ("VERB", "AUX") or not chain else chain[0]
    backshifted = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in cues["report_verbs"]
    if not backshifted and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ == "VBD" for c in verb.children):
        return True  # past perfect: an earlier event told as context ("said it had ..." is just reported speech)
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in cues["background_adverbs"]:
            return True
        if child.dep_ not in ("prep", "npadvmod", "advmod", "obl", "pobj"):
            continue
        words = [w.lower_ for w in _phrase_words(child)]
        text = " ".join(words)
        if any(phrase in text for phrase in cues["background_phrases"]) or "ago" in words:
            return True
        # A bare year ("in 2019"), without month or day, dates an earlier event, not the news itself.
        if any(YEAR.match(w) for w in words) and not MONTHS.intersection(words):
            return True
    return False


def _phrase_words(token: Token) -> list[Token]:
    """``token``'s subtree without its relative clauses: "to rebels who fled two years ago" dates the flight."""
    words = [token]
    for child in token.children:
        if child.dep_ not in ("relcl", "acl"):
            words += _phrase_words(child)
    return sorted(words, key=lambda w: w.i)


def accidental_cause(*phrases: Token, lexicon: Lexicon, act: Token | None = None) -> bool:
    """Do ``phrases`` name a natural disaster or an accident ("the earthquake", "a gas explosion at a plant")
    and no weapon or armed actor ("rocket fire", "a fire set by militants")? ``act``: the act they may have caused,
    whose words are not the cause's when a phrase holds it ("a man who fired a gun", but "a fire that killed 5")."""
    words = _words(phrases, act)
    return (not words.isdisjoint(lexicon.cues["accident_causes"])
            and not violent_cause(*phrases, lexicon=lexicon, act=act))


def violent_cause(*phrases: Token, lexicon: Lexicon, act: Token | None = None) -> bool:
    """Do ``phrases`` name a weapon or an armed actor (``act`` as for :func:`accidental_cause`)?"""
    return not _words(phrases, act).isdisjoint(lexicon.cues["violent_causes"])


def _words(phrases: tuple[Token, ...], act: Token | None) -> set[str]:
    words = set()
    for phrase in phrases:
        holds_act = act is not None and phrase.is_ancestor(act)
        for t in phrase.subtree:
            if not (holds_act and (t.i == act.i or act.is_ancestor(t))):
                words.update((t.lower_, t.lemma_.lower()))
    return words


def attributed(token: Token, *, lexicon: Lexicon) -> bool:
    """Is ``token`` inside a claim of responsibility or an attribution ("claimed responsibility for the bombing
    that killed ...", "claimed the attack", "said it carried out the attack", "blamed the blast on X", "X is believed
    to be behind the attack")? A claim attributes an act; it is no new act."""
    cues = lexicon.cues
    if _self_claim(token, cues):
        return True
    current = token
    while current.head.i != current.i:
        if current.dep_ == "acl" and after_comma(current):
            return False  # a predicate after a comma, misparsed as a modifier ("blamed the unrest on X, called on ...")
        head = current.head
        if head.lemma_.lower() in cues["attribution_nouns"] or head.lower_ in cues["attribution_preps"]:
            return True  # "claimed responsibility for ...", "the group behind the attack"
        # "claimed the attack", "blamed the bombing on X", "blamed X for the attack", "accused X of attacking ..."
        # ("blamed X on Y": Y is who is blamed); but not a participle describing an actor ("rebels accused of using
        # gas attacked ..." tells of the attack)
        if ((current.dep_ == "dobj" or (current.dep_ == "prep" and current.lower_ in ACT_PREPS))
                and head.lemma_.lower() in cues["attribution_verbs"] and head.dep_ != "acl"):
            return True
        current = head
    return False


def _self_claim(token: Token, cues: dict) -> bool:
    """Is ``token`` a doer's report that it did an act already known ("the group said it carried out the attack",
    "... said they had staged Monday's bombing"): a pronoun subject under a report verb, and a definite act?"""
    verb = token.head if token.dep_ == "dobj" else token
    if (verb.lemma_.lower() not in cues["claim_verbs"] or verb.dep_ != "ccomp"
            or verb.head.lemma_.lower() not in cues["report_verbs"]):
        return False
    if not any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children):
        return False
    acts = [c for c in verb.children if c.dep_ == "dobj"]
    return any(d.dep_ == "poss" or (d.dep_ == "det" and d.lower_ in cues["definite_determiners"])
               for act in acts for d in act.children)


def flags(token: Token, *, lexicon: Lexicon) -> tuple[Context, Token | None]:
    """Context flags of the trigger ``token`` and the token naming who reported it (if any)."""
    chain = governors(token)
    reported, reporter = _reporter(token, lexicon)
    context = Context(
        negated=_negated(token, chain, lexicon),
        hypothetical=_hypothetical(token, chain, lexicon),
        reported=reported,
        background=_background(token, chain, lexicon),
    )
    return context, reporter


def after_comma(token: Token) -> bool:
    """Whether ``token`` follows a comma, closing quotes aside ("... on gangs,” called on ...")."""
    i = token.i - 1
    while i >= 0 and token.doc[i].is_quote:
        i -= 1
    return i >= 0 and token.doc[i].lower_ == ","
