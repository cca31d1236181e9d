"""Counts of killed, injured, arrested, displaced people and crowd sizes, attached to the words that give them.

``find_counts`` reads the arguments of casualty words (``data/quantities/casualty_heads.tsv``): the object of an
active verb or the subject of a passive one ("police killed dozens of rioters", "13 officers were killed"), the
subject of "die", the number or the "of" phrase of a noun ("28 arrests", "the deaths of scores of
demonstrators"), the noun a predicate adjective describes ("left 3 dead"). Only numbers in those positions count,
so ages ("a 23-year-old man", "Smith, 23,"), years, times, money, addresses and populations never do; a singular
person noun or pronoun counts one ("a man was shot"); "no one" counts zero. "Shot" and "stabbed" are injuries
unless made fatal ("fatally", "shot dead", "shot and killed"); "two were shot, one fatally" gives 1 killed and
1 injured. Injuries are also read from who has a wound or condition ("a man with a gunshot wound", "suffered
injuries", "in critical condition"), who is carried to a hospital, who is struck in a body part or by a bullet;
"a fatal shooting" kills at least one. Intended or negated harm ("tried to shoot him", "were not hurt") counts
nothing or zero.

Across sentences, one victim referred back to ("he", "the victim", a last name already named) keeps one fate:
shot in one sentence and dead in the next is killed, not also injured; a group shot holds its dead ("three were
shot ... one of them died": 2 injured) unless it is set apart from them ("one dead and four others injured").
A count of two or more in a sentence that sums up several incidents or a period ("in separate shootings",
"since Friday") is marked ``aggregate``.

``casualties_for(doc, trigger_i, counts)`` gives an event the counts whose head is the trigger or an event word
of the same clause family: words joined to it by coordination ("were killed ... and 353 injured"), clauses below
it (relative, adverbial, participle, complement: "a shooting that injured two", "attacked the village, killing
12"), casualty nouns it governs ("led to the deaths of ..."), and — for a noun trigger — the verb it is the
subject or prepositional object of ("the attack killed 5", "were killed in a shooting"). Descent stops at other
noun arguments, so counts in a different clause about different victims ("police said they killed dozens, and
state TV said 13 officers were killed") stay apart. Of several counts of one kind the largest is taken: partial
counts ("including two who ...") are never added to the total. ``unclaimed_victims`` gives the killed and injured
no event's clause holds — victims told in a sentence of their own ("He was taken to a hospital in critical
condition") — to the harm event beside or before them.

>>> from newsevents import nlp
>>> doc = next(nlp.parse(["Gunmen killed 12 villagers and wounded 30."]))
>>> casualties_for(doc, 1, find_counts(doc)).killed.value
12
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from ..records import Count
from .numbers import _rows, parse_quantity

KINDS = ("killed", "injured", "arrested", "displaced", "crowd")
_VERBAL = {"VERB", "AUX"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_OBJECTS = {"dobj", "obj"}
_FATAL_ADVERBS = {"fatally", "mortally"}
_CALL_NOUNS = {"report", "call", "reference", "complaint"}
_PART_DASHES = {",", "—", "–", "-", "--"}
_FATAL_LEMMAS = {"kill", "die", "murder", "slay", "succumb"}
_NON_COUNT_ENTITIES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_ONE_PRONOUNS = {"he", "she", "him", "her", "himself", "herself", "another", "one", "i", "me", "myself"}
_ORDINALS = {"second", "third", "fourth", "fifth", "sixth"}
_FATAL_STATE_WORDS = {"fatal", "mortal", "deadly", "lethal"}
# Verbs that say people were hit, not whether they lived: a group so told may hold its dead.
_NEUTRAL_HIT_LEMMAS = {"shoot", "stab", "hit", "strike"}
_FATAL_EVENT_WORDS = {"fatal", "deadly"}
# A reflexive is its clause's subject, not the last victim mentioned ("shot his wife and then himself").
_ANAPHORIC_PRONOUNS = {"he", "she", "him", "her", "his"}
_REFLEXIVE_PRONOUNS = {"himself", "herself"}
_DEFINITE_DETERMINERS = {"the", "this", "that"}
_GROUP_BACK_WORDS = {"the", "both", "all", "these", "those"}
_FOLLOW_SENTENCES = 2
_PERIOD_PREPOSITIONS = {"over", "during", "within", "in", "throughout"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_HYPOTHETICAL_AUXILIARIES = {"would", "could", "might", "may", "should", "will", "can"}
_NOUNS = {"NOUN", "PROPN"}
_ROLE_POS = {"object": _VERBAL, "subject": _VERBAL, "carried": _VERBAL, "hit": _VERBAL, "noun": _NOUNS, "state": _NOUNS,
             "incident": _NOUNS, "fatal_event": _NOUNS, "death_event": _NOUNS, "body": _NOUNS}
_FINDING_VERBS = {"find", "discover", "recover", "locate", "pull", "identify"}
# Verbs whose passive is a bullet wound without naming the bullet: "a second man was grazed".
_WOUNDING_PASSIVES = {"graze"}
_SURNAMES_KEY = "newsevents.quantities.surnames"
_PEOPLE = {"people", "other", "victim"}
_MODIFIED_STATES = {"condition"}
_PLURAL_TAGS = {"NNS", "NNPS"}
_SUPERLATIVE_TAGS = {"JJS", "RBS"}
_OTHERS = {"other", "another"} | _ORDINALS
# Words that set a group of victims apart from the dead ("four others were hurt", "three more men").
_APART_WORDS = {"other", "others", "another", "more", "additional"}
# A killed count within this many sentences of a group shot may be part of that group.
_GROUP_SENTENCES = 3
# Edges that stay in the event's clause family when walking down from the trigger.
_CLAUSE_EDGES = {"conj", "relcl", "acl", "advcl", "xcomp", "ccomp", "pcomp", "prep", "oprd", "acomp", "npadvmod"}
_NAMED_PERSON_EDGES = {"nsubj", "nsubjpass", "dobj", "poss"}
_ARGUMENT_EDGES = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos"}


@dataclass(frozen=True, slots=True)
class CountMention:
    """A count of ``kind`` (killed|injured|arrested|displaced|crowd) found at char offsets start/end.

    ``head_i`` is the token index of the verb, noun or adjective the count belongs to. ``aggregate`` marks a
    count of two or more given for several incidents or a period of time (see ``_several_incidents``).
    """

    kind: str
    count: Count
    start: int
    end: int
    head_i: int
    aggregate: bool = False  # a total over several incidents or a period ("8 wounded in shootings since Friday")


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


@functools.cache
def _word_list(name: str) -> frozenset[str]:
    """The words of ``data/quantities/NAME`` (one per line, ``#`` comments), read once."""
    text = resources.files("newsevents").joinpath(f"data/quantities/{name}").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=1)
def _multiples() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in _rows("multiple_incidents.tsv")}


@functools.lru_cache(maxsize=1)
def _aggregate_cues() -> dict[str, str]:
    return {word: cue for word, cue in _rows("aggregate_cues.tsv")}


@functools.lru_cache(maxsize=1)
def _gendered_words() -> dict[str, str]:
    return dict(_rows("gendered_words.tsv"))


@functools.lru_cache(maxsize=1)
def _states() -> dict[str, frozenset[str]]:
    return {noun: frozenset(prepositions.split(",")) for noun, prepositions in _rows("states.tsv")}


def find_counts(doc: Doc) -> list[CountMention]:
    """Every count of people attached to a casualty, arrest, displacement or crowd word in ``doc``."""
    found: dict[tuple[str, int, int], CountMention] = {}
    for token in doc:
        for mention in _counts_at(token):
            found.setdefault((mention.kind, mention.head_i, mention.start), mention)
    settled = _settle_fates(doc, sorted(found.values(), key=lambda m: (m.start, m.head_i)))
    marked = [replace(m, aggregate=True) if m.count.value >= 2 and _several_incidents(doc[m.head_i].sent) else m
              for m in settled]
    return _without_the_dead(doc, marked)


def _without_the_dead(doc: Doc, mentions: list[CountMention]) -> list[CountMention]:
    """"Two men were shot ... one of them died": a group reported shot or wounded holds the victims who died,
    and the injured are the others (injured counts exclude the killed). A group is not reduced when its own
    sentence gives a killed count of its own ("left one dead and four injured", "killing one and wounding two";
    not "one of them was killed") or its phrase sets it apart ("four others", "three more men")."""
    sentence_of = {s.start: i for i, s in enumerate(doc.sents)}
    index = {m: sentence_of[doc[m.head_i].sent.start] for m in mentions}
    reduced = []
    for mention in mentions:
        dead = [
            m.count.value for m in mentions
            if m.kind == "killed" and not m.aggregate and abs(index[m] - index[mention]) <= _GROUP_SENTENCES
        ]
        killed = max(dead, default=0)
        if mention.kind != "injured" or mention.aggregate or mention.count.value < 2 or killed == 0:
            reduced.append(mention)
        elif killed > mention.count.value or _apart_from_the_dead(doc, mention, mentions, index):
            reduced.append(mention)
        else:
            rest = Count(mention.count.value - killed, mention.count.text, mention.count.exact)
            reduced.append(replace(mention, count=rest))
    return reduced


def _apart_from_the_dead(
    doc: Doc, mention: CountMention, mentions: list[CountMention], index: dict[CountMention, int]
) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is not None and span.root.lower_ in _multiples():  # "a double shooting left one dead": one of the two
        return False
    if span is None or any(t.lower_ in _APART_WORDS for t in span.root.head.subtree if t.i < span.end + 2):
        return True
    if any(m.kind == "killed" and m.head_i == mention.head_i for m in mentions):  # split already: _split_fatal
        return True
    return any(
        m.kind == "killed" and index[m] == index[mention]
        and not _partitive(doc, m) and not _same_group(doc, mention, m) and not _elliptic_part(doc, mention, m)
        for m in mentions
    )


def _elliptic_part(doc: Doc, group: CountMention, killed: CountMention) -> bool:
    """"Three people were shot; one later died", "shot five people, killing one": a bare number told after a group
    shot is "one of them". Not after a group wounded or injured, whose people lived ("three were wounded and one
    killed")."""
    span = doc.char_span(killed.start, killed.end, alignment_mode="expand")
    bare = span is not None and span.root.like_num and span.root.dep_ != "nummod"
    return bare and killed.head_i > group.head_i and doc[group.head_i].lemma_.lower() in _NEUTRAL_HIT_LEMMAS


def _same_group(doc: Doc, injured: CountMention, killed: CountMention) -> bool:
    """The dead are among the group counted: "both were shot, and both were pronounced dead"; "both were taken to a
    hospital, where one died" (the death told inside the group's own clause)."""
    span = doc.char_span(killed.start, killed.end, alignment_mode="expand")
    inside = doc[injured.head_i].left_edge.i <= killed.head_i <= doc[injured.head_i].right_edge.i
    # "three people were wounded and one killed": a joined clause with a subject of its own is another group.
    verb = doc[killed.head_i]
    own_clause = verb.dep_ == "conj" and (_has_subject(verb) or bool(_gapped_subject(verb)))
    another = span is not None and span.root.lower_ in _ORDINALS  # "wounded two men and killed a third"
    return (inside and not own_clause and not another) or (span is not None and _group_refers_back(span))


def _partitive(doc: Doc, mention: CountMention) -> bool:
    """"one of them", "two of the victims": a part of a group already counted."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and any(c.dep_ == "prep" and c.lower_ == "of" for c in span.root.children)


def _several_incidents(sentence: Span) -> bool:
    """A sentence that sums up several incidents: "in separate shootings", "in shootings across the city",
    "since Friday afternoon", "between Wednesday and Friday", "over the weekend", "so far this year"."""
    cues = _aggregate_cues()
    for token in sentence:
        cue = cues.get(token.lemma_.lower())
        # "the shootings of four people" counts one incident's victims; "in separate shootings" adds incidents up.
        if cue == "incident" and token.tag_ in ("NNS", "NNPS") and not _compared(token) and not _of_people(token):
            return True
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            continue
        preposition = token.head.lower_
        if preposition == "since" and (token.ent_type_ in ("DATE", "TIME") or token.lower_ in _WEEKDAYS):
            if not _compared(token):
                return True
        if preposition == "between" and (token.ent_type_ == "DATE" or token.lower_ in _WEEKDAYS):  # days apart
            return True
        if cue == "period" and preposition in _PERIOD_PREPOSITIONS:
            return True
    return False


def _of_people(noun: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and _np_count(o) for o in c.children)
               for c in noun.children)


def _compared(token: Token) -> bool:
    """"one of the deadliest school shootings", "the worst of several shootings", "the deadliest since 2015": the
    incident is compared with others by a superlative, the sentence does not add them up (up to the nearest verb).
    A sentence that picks one of several shootings without a superlative ("in one of the shootings, four were
    wounded") stays marked: it is part of a round-up of several incidents."""
    for word in (token, *token.ancestors):
        superlative = any(c.dep_ == "amod" and c.tag_ in _SUPERLATIVE_TAGS for c in word.children)
        if word.tag_ in _SUPERLATIVE_TAGS or superlative:
            return True
        if word.pos_ in _VERBAL:
            return False
    return False


def _settle_fates(doc: Doc, mentions: list[CountMention]) -> list[CountMention]:
    """A victim reported shot or wounded in one sentence and dead in another is killed, not also injured.

    Single victims are followed through the story: an indefinite or counted mention ("a man", "one", "another")
    or a new name introduces a person; the same phrase counted by two words ("a man found with gunshot wounds
    has died") is one person; a pronoun whose nearest person before it in its sentence is a name is that named
    person (:func:`_named_antecedent`); a mention that refers back ("he", "the victim") belongs to the last person
    mentioned at most ``_FOLLOW_SENTENCES`` sentences before whose sex, when both are told
    (``data/quantities/gendered_words.tsv``), agrees; a known last name to that person, unless told with
    another given name ("Emma Braddy" ... "Earl Braddy"); a relation told again
    within that reach ("his mother" ... "McAvoy's mother") to the same person. A name first told after
    the story's one unnamed victim within that reach ("A man was killed ... Omar Lee, 31, was shot in the chest")
    is that victim, unless several victims were counted within that reach, the victim was told by a possessive
    ("his wife") or the name is set apart ("was also wounded"). A group that refers back ("the two", "both") is
    the last that many people mentioned within that reach ("shot his wife and then himself. The two were
    pronounced dead"). A person killed in any mention is killed in all of them.
    """
    sentence_starts = [s.start for s in doc.sents]
    people: list[list[int]] = []
    by_name: dict[str, list[int]] = {}
    first_name: dict[int, str] = {}  # id(person) -> given name, once a mention tells it
    by_phrase: dict[tuple[int, int], list[int]] = {}
    recent: list[tuple[list[int], int]] = []  # people in order of their latest mention, with its sentence
    sex: dict[int, str] = {}  # id(person) -> "m" | "f", once a mention tells it
    unnamed: set[int] = set()  # id(person) of people introduced without a name ("a man", "he"), not named since
    group_seen = -_FOLLOW_SENTENCES - 1  # sentence of the latest count of several victims
    by_relation: dict[str, list[int]] = {}  # "mother" -> the person last told as "his mother", "McAvoy's mother"
    for index, mention in enumerate(mentions):
        if mention.kind not in ("killed", "injured"):
            continue
        sentence = bisect.bisect_right(sentence_starts, mention.head_i)
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        reachable = [person for person, seen in recent if sentence - seen <= _FOLLOW_SENTENCES]
        if span is None:
            recent = []
            continue
        if mention.count.value != 1:
            group_seen = sentence
            group = reachable[-mention.count.value :]
            if _group_refers_back(span) and len(group) == mention.count.value:
                for person in group:
                    person.append(index)
            else:
                recent = []
            continue
        subject = _reflexive_subject(span)
        span = subject or span
        names, told, proper = _names(span), _sex(span), span.root.pos_ == "PROPN"
        relation = span.root.lemma_.lower() if any(c.dep_ == "poss" for c in span.root.children) else None
        antecedent = None if names else _named_antecedent(span)
        if antecedent is not None:
            names = {antecedent.lower_}  # "Weathersby argued with a man who shot him": him is Weathersby
        given = _given_names(span)
        # "Emma Braddy ... Earl Braddy": the same last name with another given name is another person.
        known = [by_name[n] for n in names if n in by_name and _agrees(by_name[n], given.get(n), first_name)]
        if known:
            person = known[0]
        elif (mention.start, mention.end) in by_phrase:
            person = by_phrase[mention.start, mention.end]
        elif not names and (_refers_back(span) or _called_in(span)) and (
                agreeing := [p for p in reachable if _agrees(p, told, sex)]):
            person = agreeing[-1]
        elif relation and any(p is by_relation.get(relation) for p in reachable):
            person = by_relation[relation]  # "the shooting death of his mother ... found McAvoy's mother"
        elif proper and not subject and sentence - group_seen > _FOLLOW_SENTENCES and (
                sole := _sole_unnamed(reachable, unnamed)) and _agrees(sole, told, sex) and (
                not _set_apart(doc, mention, span)):
            person = sole  # "A man was killed ... Omar Lee, 31, was shot"
        else:
            person = []
            people.append(person)
        person.append(index)
        if told is not None:
            sex.setdefault(id(person), told)
        by_name.update((n, person) for n in names)
        for n in names & given.keys():
            first_name.setdefault(id(person), given[n])
        if proper or antecedent is not None:
            unnamed.discard(id(person))
        elif len(person) == 1 and not relation:  # not "her husband"
            unnamed.add(id(person))
        if relation:
            by_relation[relation] = person
        by_phrase[mention.start, mention.end] = person
        recent = [(p, seen) for p, seen in recent if p is not person] + [(person, sentence)]
    settled = list(mentions)
    for person in people:
        if any(mentions[i].kind == "killed" for i in person):
            for i in person:
                if mentions[i].count.value == 1:
                    settled[i] = replace(mentions[i], kind="killed")
    return settled


def _agrees(person: list[int], told: str | None, known: dict[int, str]) -> bool:
    """Whether a victim phrase that tells ``told`` (a sex or a given name; None: not told) may be ``person``,
    whose own ``known`` may record (keyed by ``id(person)``)."""
    return told is None or known.get(id(person), told) == told


def _sole_unnamed(reachable: list[list[int]], unnamed: set[int]) -> list[int] | None:
    """The last person within reach when that is the only one within reach not named yet."""
    if reachable and [id(p) for p in reachable if id(p) in unnamed] == [id(reachable[-1])]:
        return reachable[-1]
    return None


def _set_apart(doc: Doc, mention: CountMention, span: Span) -> bool:
    """"another man", "a second victim", "was also wounded": a mention that tells of one more person."""
    return _tells_another(span) or any(c.dep_ == "advmod" and c.lower_ == "also" for c in doc[mention.head_i].children)


def _tells_another(span: Span) -> bool:
    """"the other man", "another", "the second victim": the phrase names one more person than those before."""
    return any(t.lower_ in _OTHERS for t in span)


def _sex(span: Span) -> str | None:
    """"m" or "f" when the victim phrase tells it ("he", "the woman", "a 20-year-old man"), else None."""
    words = _gendered_words()
    return words.get(span[0].lower_) if len(span) == 1 else words.get(span.root.lemma_.lower())


def _given_names(span: Span) -> dict[str, str]:
    """Last name -> given name for the full names a victim phrase tells ("Emma Braddy": braddy -> emma)."""
    surnames = _surnames(span.doc)
    return {t.lower_: span.doc[t.i - 1].lower_ for t in span  # "Mr. Worster", "Sgt. Ray" tell no given name
            if t.pos_ == "PROPN" and t.lower_ in surnames and t.i > span.start and t.ent_iob_ == "I"
            and span.doc[t.i - 1].pos_ == "PROPN" and not span.doc[t.i - 1].text.endswith(".")}


def _names(span: Span) -> set[str]:
    """Last names of the people a victim phrase names."""
    surnames = _surnames(span.doc)
    return {t.lower_ for t in span if t.pos_ == "PROPN" and t.lower_ in surnames}


def _refers_back(span: Span) -> bool:
    """"he", "his" (injuries), "the victim"; not "her husband", "the other man", "the second victim"."""
    if len(span) == 1:
        return span[0].lower_ in _ANAPHORIC_PRONOUNS
    return span[0].lower_ in _DEFINITE_DETERMINERS and not _tells_another(span)


def _called_in(span: Span) -> bool:
    """"dispatched in reference to a person shot", "a report of a man shot": the victim the call was about, who
    the story has told of already when anyone is within reach; not where the call has a time of its own ("About
    5:50 a.m. Sunday, police received a call of a person shot": another incident of a round-up)."""
    root = span.root
    return root.dep_ == "pobj" and root.head.head.lemma_.lower() in _CALL_NOUNS and not any(
        t.ent_type_ in ("DATE", "TIME") for t in root.sent)


def _reflexive_subject(span: Span) -> Span | None:
    """"The teen had shot himself": the subject a reflexive victim is ("the teen"), up to its head noun."""
    if len(span) != 1 or span[0].lower_ not in _REFLEXIVE_PRONOUNS:
        return None
    verb = span[0].head
    while not _has_subject(verb) and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "shot his wife and then shot himself": the first verb's subject
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    return span.doc[subjects[0].left_edge.i : subjects[0].i + 1] if subjects else None


def _named_antecedent(span: Span) -> Token | None:
    """The named person a pronoun victim refers to in its own sentence, when that is the nearest person before it.

    "Weathersby got into an argument with another man who shot him": him is Weathersby. People the pronoun
    cannot be are skipped: the subject of its own clause and of the clauses that share that subject ("Smith
    fired at the suspect, striking him"), the noun a relative clause whose subject it is hangs on ("a man who
    shot him"), and whoever says or thinks the clause it is in ("Chief Doe said he was shot"). When the nearest
    person left is not named ("the suspect", "he"), None.
    """
    if len(span) != 1 or span[0].lower_ not in _ANAPHORIC_PRONOUNS:
        return None
    pronoun, doc = span[0], span.doc
    excluded = _clause_subjects(pronoun)
    for token in reversed(doc[pronoun.sent.start : pronoun.i]):
        if token.i in excluded:
            continue
        if _last_name(token):
            return token
        if token.lower_ in _ONE_PRONOUNS or (
                token.pos_ == "NOUN" and token.tag_ not in _PLURAL_TAGS and _person_noun(token)):
            return None
    return None


def _last_name(token: Token) -> bool:
    """The last word of a person's name as subject, object or owner ("Kent", "Joshua Weathersby")."""
    if token.dep_ not in _NAMED_PERSON_EDGES:
        return False  # NER also tags "Medical Center", "Ambassador Lane"; a person acts or is acted on
    if token.ent_type_ == "PERSON":
        return _ends_a_name(token)
    return token.pos_ == "PROPN" and not token.ent_type_ and token.lower_ in _surnames(token.doc)  # NER missed it


def _clause_subjects(pronoun: Token) -> set[int]:
    """Token indices of the people ``pronoun`` cannot refer to (see :func:`_named_antecedent`)."""
    excluded: set[int] = set()
    child, verb, local = pronoun, pronoun.head, pronoun.dep_ not in _SUBJECTS
    while verb.pos_ == "ADP" and verb.head.i != verb.i:  # "fired at him": the clause is the verb's
        child, verb = verb, verb.head
    while True:
        for subject in (c for c in verb.children if c.dep_ in _SUBJECTS):
            if local or child.dep_ == "ccomp":
                excluded.update(t.i for t in subject.subtree)
        if verb.dep_ == "relcl" and any(c.dep_ in _SUBJECTS and c.tag_ in ("WP", "WDT") for c in verb.children):
            excluded.update(t.i for t in verb.head.subtree if t.i < verb.i)
        if verb.head.i == verb.i:
            return excluded
        local = local and verb.dep_ in ("xcomp", "advcl", "conj") and not any(
            c.dep_ in _SUBJECTS for c in verb.children)  # "the officers shot back, killing him": not Romero
        child, verb = verb, verb.head


def _group_refers_back(span: Span) -> bool:
    """"the two", "both", "both men", "all three", "the two victims"; not "two men", "two others"."""
    before = span.doc[span.start - 1].lower_ if span.start else ""
    return (span[0].lower_ in _GROUP_BACK_WORDS or before in _GROUP_BACK_WORDS) and not any(
        t.lower_ in _APART_WORDS for t in span.root.subtree)


def casualties_for(doc: Doc, trigger_i: int, counts: list[CountMention]) -> Casualties:
    """Killed, injured and arrested counts of the event whose trigger is token ``trigger_i`` (rule: module doc)."""
    family = _family(doc[trigger_i])
    best: dict[str, Count] = {}
    for mention in counts:
        if mention.head_i in family and mention.kind in ("killed", "injured", "arrested"):
            if mention.kind not in best or mention.count.value > best[mention.kind].value:
                best[mention.kind] = mention.count
    return Casualties(best.get("killed"), best.get("injured"), best.get("arrested"))


def unclaimed_victims(doc: Doc, counts: list[CountMention], harm_triggers: list[int]) -> dict[int, list[CountMention]]:
    """The killed and injured ``counts`` no event claims, by the harm event they belong to: the nearest of
    ``harm_triggers`` in their sentence, else the nearest told before them. Victims told in a sentence of their own
    ("A man was shot on Main Street. He was taken to a hospital in critical condition", "Two others were pronounced
    dead at the scene") are the last harm's. ``counts`` are those no event's clause family holds; totals over
    several incidents are left alone.

    >>> from newsevents import nlp
    >>> doc = next(nlp.parse(["Gunmen opened fire on a bus. Two passengers were taken to a hospital."]))
    >>> [(m.kind, m.count.text) for m in unclaimed_victims(doc, find_counts(doc), [1])[1]]  # 1: "opened"
    [('injured', 'Two')]
    """
    triggers = sorted(harm_triggers)
    found: dict[int, list[CountMention]] = {}
    for mention in counts:
        if mention.kind not in ("killed", "injured") or mention.aggregate:
            continue
        sentence = doc[mention.head_i].sent
        beside = triggers[bisect.bisect_left(triggers, sentence.start) : bisect.bisect_left(triggers, sentence.end)]
        before = bisect.bisect_left(triggers, mention.head_i)
        if beside:
            owner = min(beside, key=lambda i: abs(i - mention.head_i))
        elif before:
            owner = triggers[before - 1]
        else:
            continue
        found.setdefault(owner, []).append(mention)
    return found


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
    # Phrasal verbs: "passed away", "gunned down".
    phrasal = [f"{lemma} {c.lower_}" for c in token.children if c.dep_ in ("prt", "advmod")]
    lemma = next((p for p in phrasal if p in _heads()), lemma)
    for kind, role in _heads().get(lemma, ()):
        if role == "adj":
            if not (token.pos_ == "ADJ" or token.dep_ in ("oprd", "acomp")):
                continue
        elif token.pos_ not in _ROLE_POS[role] or token.pos_ in _VERBAL and _unrealized(token):
            continue
        victims = _victims(token, role)
        if victims is None or (kind in ("crowd", "displaced") and not _is_numeric(victims.count)):
            continue
        if token.pos_ in _VERBAL and any(c.dep_ == "neg" for c in token.children):
            victims = _Victims(Count(0, victims.count.text), victims.start, victims.end)
        if kind == "injured" and (_fatal(token) or role in ("state", "noun", "incident") and _fatal_state(token)):
            kind = "killed"
        yield from _split_fatal(token, kind, victims)
    if lemma == "toll":
        toll = _toll(token)
        if toll is not None:
            yield CountMention("killed", toll.count, toll.start, toll.end, token.i)


def _unrealized(verb: Token) -> bool:
    """"tried to shoot him", "threatened to kill her", "could have killed", "was going to kill", "prevented him
    from killing", "it is possible a man was shot": intended, possible or averted, not done; so is a verb joined to
    such a verb ("threatened to rob and shoot him")."""
    if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUXILIARIES for c in verb.children):
        return True
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBAL and not _has_subject(verb):
        return _unrealized(verb.head)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from":  # "prevented him from killing himself"
        return verb.head.head.lemma_.lower() in _word_list("averted_verbs.txt")
    if verb.dep_ == "ccomp":  # "it is possible a man was shot", "it is unclear whether anyone was hit"
        return any(word.lemma_.lower() in _word_list("possibility_adjectives.txt")
                   for word in (verb.head, *(c for c in verb.head.children if c.dep_ == "acomp")))
    if verb.dep_ != "xcomp":
        return False
    # "was going to kill him": a future, not a deed ("went on to kill" is one).
    going = verb.head.lemma_.lower() == "go" and verb.head.tag_ == "VBG"
    return going or verb.head.lemma_.lower() in _word_list("intent_verbs.txt")


def _split_fatal(token: Token, kind: str, victims: _Victims) -> Iterator[CountMention]:
    """"Two men were shot, one of them fatally": one killed, one injured (the part may be parsed as the verb's
    modifier, loosely attached, or as an apposition to its victims)."""
    if kind == "injured":
        arguments = [c for c in token.children if c.dep_ in _SUBJECTS or c.dep_ in _OBJECTS]
        parts = [
            child for child in [*token.children, *(a for c in arguments for a in c.children if a.dep_ == "appos")]
            if child.dep_ in ("npadvmod", "appos", "conj", "advmod", "dep") and child.like_num
            and any(c.lower_ in _FATAL_ADVERBS for c in child.subtree)
        ]
        for child in parts or _trailing_fatal_part(token):
            dead = _number_phrase(child)
            if dead is not None and dead.count.value <= victims.count.value:
                yield CountMention("killed", dead.count, dead.start, dead.end, token.i)
                rest = Count(victims.count.value - dead.count.value, victims.count.text, victims.count.exact)
                yield CountMention("injured", rest, victims.start, victims.end, token.i)
                return
    yield CountMention(kind, victims.count, victims.start, victims.end, token.i)


def _trailing_fatal_part(verb: Token) -> list[Token]:
    """"seven people were shot — two fatally", parsed with the part hung elsewhere: the number that follows the
    verb's clause after a dash or comma and is followed by "fatally" (or "of them fatally")."""
    doc = verb.doc
    after = doc[verb.right_edge.i + 1 : verb.right_edge.i + 6]
    if len(after) < 3 or after[0].text not in _PART_DASHES or not after[1].like_num:
        return []
    rest = [t.lower_ for t in after[2:]]
    if rest[:2] == ["of", "them"]:
        rest = rest[2:]
    return [after[1]] if rest and rest[0] in _FATAL_ADVERBS else []


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
        if child.dep_ == "conj" and child.lemma_ in _FATAL_LEMMAS and _same_victims(token, child):
            return True
    # "shot and killed", "died after being shot": the same victims, who died.
    if token.dep_ == "conj" and _same_victims(token.head, token):
        return token.head.lemma_ in _FATAL_LEMMAS
    governor = token.head.head if token.dep_ == "pcomp" else token.head
    return token.dep_ in ("pcomp", "advcl") and _deadly(governor) and not _has_subject(token)


def _same_victims(first: Token, second: Token) -> bool:
    """Coordinated verbs share their victims unless the second has its own subject, or both their own object
    ("killed one person and injured another")."""
    return not _has_subject(second) and not (_has_object(first) and _has_object(second))


def _deadly(governor: Token) -> bool:
    """"died after being shot", "is dead after being shot"."""
    if governor.lemma_ in _FATAL_LEMMAS or governor.lower_ == "dead":
        return True
    return any(c.dep_ == "acomp" and c.lower_ == "dead" for c in governor.children)


def _has_object(token: Token) -> bool:
    return any(c.dep_ in _OBJECTS for c in token.children)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in token.children)


def _victims(token: Token, role: str) -> _Victims | None:
    if role in ("noun", "incident"):
        return _noun_victims(token, counts_itself=role == "noun")
    if role == "adj":
        return _adjective_victims(token)
    if role == "state":
        return _state_bearer(token)
    if role == "carried":
        return _carried_to_care(token)
    if role == "fatal_event":
        return _fatal_event_victims(token)
    if role == "death_event":
        return _death_event_victims(token)
    if role == "body":
        return _found_body(token)
    if role == "hit":
        victims = _verb_victims(token, transitive=True) if _hit_by_gunfire(token) else None
        return victims if victims is not None and _names_people(token.doc, victims) else None
    return _verb_victims(token, transitive=role == "object")


def _fatal_event_victims(noun: Token) -> _Victims | None:
    """"a fatal shooting" kills at least one; "the fatal shooting of two men" kills the two. The adjective may
    hang on a modifier of the noun ("a deadly officer-involved shooting")."""
    modifiers = [
        t for t in noun.subtree
        if t.i < noun.i and t.dep_ == "amod" and t.lower_ in _FATAL_EVENT_WORDS and not _negated_prefix(t)
    ]
    if noun.dep_ == "compound" or not modifiers:
        return None
    victims = _noun_victims(noun, counts_itself=True)  # "two fatal shootings": two dead at least
    if victims is not None:
        return victims
    return _inexact_one(modifiers[0], noun)


def _death_event_victims(noun: Token) -> _Victims | None:
    """"a homicide", "the homicide": one death at least; not "homicide detectives", the plural (a total) or "an
    attempted homicide"."""
    if noun.dep_ == "compound" or noun.tag_ in _PLURAL_TAGS:
        return None
    if any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in _word_list("intent_verbs.txt")
           for c in noun.children):
        return None
    determiners = [c for c in noun.children if c.dep_ == "det" and c.lower_ in ("a", "an", "the", "this")]
    if not determiners:
        return None
    return _inexact_one(determiners[0], noun)


def _found_body(noun: Token) -> _Victims | None:
    """"a body was found", "found the bodies of two men": the dead; not "body camera", "student body"."""
    if noun.dep_ == "compound" or any(c.dep_ == "compound" for c in noun.children):
        return None
    verb = noun.head
    if noun.dep_ not in ("nsubjpass", "dobj") or verb.lemma_.lower() not in _FINDING_VERBS:
        return None
    owners = [pobj for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "of"
              for pobj in prep.children if pobj.dep_ == "pobj"]
    counted = _np_count(owners[0]) if owners else _single_np_count(noun)
    if counted is None and noun.tag_ not in _PLURAL_TAGS:
        return _inexact_one(noun.left_edge, noun)
    return counted


def _inexact_one(first: Token, noun: Token) -> _Victims:
    start, end = first.idx, noun.idx + len(noun)
    return _Victims(Count(1, text_of(noun.doc)[start:end], exact=False), start, end)


def _negated_prefix(word: Token) -> bool:
    """"non-fatal", "non fatal": the word after a "non" prefix (split off by the tokenizer) is negated."""
    before = [t.lower_ for t in word.doc[max(word.i - 2, 0) : word.i]]
    return bool(before) and (before[-1] == "non" or before == ["non", "-"])


def _names_people(doc: Doc, victims: _Victims) -> bool:
    """Whether a victim phrase is about people ("two men", "him", "Smith") rather than things ("three homes")."""
    span = doc.char_span(victims.start, victims.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root.head if span.root.dep_ == "nummod" else span.root
    if head.pos_ in ("PRON", "NUM") or head.ent_type_ == "PERSON" or _is_age_noun(head):
        return True
    return _person_noun(head)


def _person_noun(noun: Token) -> bool:
    """"people", "victim", "man", "officer": a noun that names people (``data/quantities/person_nouns.txt``)."""
    return noun.lemma_.lower() in _PEOPLE or noun.lemma_.lower() in _word_list("person_nouns.txt")


def _hit_by_gunfire(verb: Token) -> bool:
    """"struck in the leg", "hit by a stray bullet", "a bullet grazed him", "was grazed", "shots were fired,
    striking two children", "gunshots rang out and two people were hit": a person hit, not a car or a house."""
    projectiles, body_parts = _word_list("projectiles.txt"), _word_list("body_parts.txt")
    if verb.lemma_.lower() in _WOUNDING_PASSIVES and any(c.dep_ == "nsubjpass" for c in verb.children):
        return True
    # "Shots were fired into a home, striking two children", "Gunshots rang out and two people were hit": the
    # projectile is the subject of the clause this one hangs on or is joined to.
    hangs_on = verb.dep_ == "advcl" and verb.tag_ == "VBG" and not _has_subject(verb)
    if hangs_on or verb.dep_ == "conj":
        if any(c.dep_ in _SUBJECTS and c.lemma_.lower() in projectiles for c in verb.head.children):
            return True
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and child.lemma_.lower() in projectiles:
            return True
        if child.dep_ in ("prep", "agent"):
            objects = [c.lemma_.lower() for c in child.children if c.dep_ == "pobj"]
            if child.lower_ == "by" and any(o in projectiles for o in objects):
                return True
            if child.lower_ in ("in", "on") and any(o in body_parts for o in objects):
                return True
    return False


def _state_bearer(noun: Token) -> _Victims | None:
    """Who has the wound, injury or condition ``noun``: "a man with a gunshot wound", "he suffered injuries",
    "was found suffering from wounds", "is in critical condition", "his wounds are not life-threatening"."""
    prepositions = _states()[noun.lemma_.lower()]
    modified = noun.tag_ == "NN" and any(c.dep_ == "amod" for c in noun.children)
    if noun.lemma_.lower() in _MODIFIED_STATES and not modified:
        return None  # "in critical condition", not "in deplorable conditions"
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    if governor.lemma_.lower() in _FATAL_LEMMAS:  # "died of gunshot wounds", "succumbed to his injuries"
        return None
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    if possessors and possessors[0].lower_ in _ONE_PRONOUNS | {"his", "hers"}:
        return _one(possessors[0], possessors[0])
    if possessors and possessors[0].pos_ in _NOUNS:  # "the victim's injuries were not life-threatening"
        return _np_count(possessors[0])
    if noun.dep_ == "dobj":
        holder, preposition = noun.head, ""
    elif noun.dep_ == "pobj" and noun.head.lower_ in prepositions:
        holder, preposition = noun.head.head, noun.head.lower_
    elif (hedge := _hedging_preposition(noun)) is not None and hedge.lower_ in prepositions:
        holder, preposition = hedge.head, hedge.lower_
    else:
        return None
    # "walked into a hospital with a gunshot wound", "found a passenger in a van with a wound": the phrase hangs on
    # the place the person went to or was in.
    if preposition == "with" and holder.dep_ == "pobj" and _np_count(holder) is None:
        holder = holder.head.head
    if holder.pos_ in ("NOUN", "PROPN", "PRON") or holder.lower_ == "old":
        return _np_count(holder)
    if holder.pos_ not in _VERBAL:
        return None
    if preposition in ("", "from", "for") and holder.lemma_.lower() not in _word_list("bearer_verbs.txt"):
        return None
    carriers = [c for c in holder.children if c.dep_ in _OBJECTS] if preposition == "with" else []
    arguments = carriers + [c for c in holder.children if c.dep_ in _SUBJECTS]
    if arguments:
        return _np_count(arguments[0])
    if holder.dep_ in ("acl", "relcl"):  # "a man suffering from ..."
        return _np_count(holder.head)
    if holder.dep_ == "pcomp" and holder.head.pos_ == "ADP":  # "arrived after suffering injuries"
        governor = holder.head.head
        return None if governor.lemma_.lower() in _FATAL_LEMMAS else _first_subject(governor)
    if holder.dep_ == "advcl" and holder.head.lemma_.lower() in _FINDING_VERBS:
        return _found_person(holder.head)  # "found the woman lying on the floor, suffering from a gunshot wound"
    # "a man suffering ... was taken", "the second victim appeared to suffer injuries"
    return _first_subject(holder.head) if holder.dep_ in ("advcl", "xcomp") else None


def _found_person(verb: Token) -> _Victims | None:
    """Whom a finding verb found: its object, or the subject of its clause ("found him lying in the street")."""
    for child in verb.children:
        if child.dep_ in _OBJECTS:
            return _np_count(child)
        if child.pos_ in _VERBAL and _found_in_state(child):
            return _first_subject(child)
    return None


def _hedging_preposition(noun: Token) -> Token | None:
    """"with what appeared to be gunshot wounds", "from what police described as a gunshot wound": the preposition
    whose free relative ("what ...") hedges the noun, which then stands as that preposition's object."""
    token = noun
    for _ in range(4):
        if token.dep_ not in ("attr", "xcomp", "pobj", "prep", "oprd") or token.head.i == token.i:
            return None
        token = token.head
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and any(c.lower_ == "what" for c in token.children):
            return token.head
    return None


def _aimed_at(verb: Token) -> bool:
    """"teenagers shot at a car", "she was shot at": aimed at, not hit (an active verb with no object, or an "at"
    left without its object; "was shot at a bus stop" is a place)."""
    if any(c.lower_ == "at" and c.dep_ in ("prep", "prt") and not list(c.children) for c in verb.children):
        return True
    if _has_object(verb) or not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if verb.tag_ == "VBN" or _reduced_relative(verb):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)


def _nearest_first(children: list[Token], verb: Token) -> list[Token]:
    """A verb's dependents, nearest first: of two subjects (a dateline misparsed as one, "ASBURY PARK — Five men
    were hospitalized"), the one next to the verb is its own."""
    return sorted(children, key=lambda child: abs(child.i - verb.i))


def _first_subject(verb: Token) -> _Victims | None:
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    return _np_count(subjects[0]) if subjects else None


def _fatal_state(noun: Token) -> bool:
    """"a fatal gunshot wound", "mortal wounds"."""
    return any(c.dep_ == "amod" and c.lower_ in _FATAL_STATE_WORDS and not _negated_prefix(c) for c in noun.children)


def _carried_to_care(verb: Token) -> _Victims | None:
    """"was taken to a hospital", "rushed him to Memorial Hospital", "sent one man to the hospital", "put two teens in
    the hospital"."""
    destinations = [
        pobj for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("to", "in", "into")
        for pobj in prep.children if pobj.dep_ == "pobj"
    ]
    places = _word_list("care_places.txt")
    if not any(p.lemma_.lower() in places or any(c.lemma_.lower() in places for c in p.children) for p in destinations):
        return None
    carried = [c for c in verb.children if c.dep_ in _OBJECTS] + [c for c in verb.children if c.dep_ == "nsubjpass"]
    carried += _gapped_subject(verb)
    if carried:
        return _np_count(carried[0])
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "one man killed, another transported to a medical center"
        return _np_count(verb.head)
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBAL:  # "was shot and taken to a hospital"
        return _first_subject(verb.head)
    return None


def _verb_victims(token: Token, *, transitive: bool) -> _Victims | None:
    children = list(token.children)
    # "left 13 dead and at least 20 wounded", parsed with the number as the participle's own modifier.
    numbers = [c for c in children if c.dep_ == "nummod"]
    if numbers:
        return _number_phrase(numbers[0])
    if transitive and _aimed_at(token):
        return None
    objectless = not any(c.dep_ in _OBJECTS for c in children)
    # "13 were killed ... and 353 injured", headline "2 killed in shooting": a counted subject, no object.
    passive = (
        any(c.dep_ == "auxpass" for c in children)
        or token.tag_ == "VBN"
        or _reduced_relative(token)
        or _found_in_state(token)
        or objectless and any(c.dep_ == "nsubj" and _is_number(c) for c in children)
    )
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
    if transitive:
        for child in children:
            if child.dep_ in _OBJECTS and (counted := _np_count(child)) is not None:
                return counted
        for child in _nearest_first(children, token):
            if child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and passive and not has_perfect):
                return _np_count(child)
        if token.dep_ == "amod" and token.tag_ == "VBN":
            return _adjective_victims(token)
        if token.dep_ == "acl" and token.tag_ == "VBN":
            return _np_count(token.head, modified_by=token)
        if token.dep_ in ("oprd", "acomp", "xcomp") and token.tag_ == "VBN":  # "left one person injured"
            return _adjective_victims(token)
    else:
        for child in _nearest_first(children, token):
            if child.dep_ in _SUBJECTS:
                return _np_count(child)
    if _has_subject(token) or transitive and not objectless and not passive:
        return None  # "pushed her and stabbed the seat of her motorcycle": the seat is what was hit, not her
    if gapped := _gapped_subject(token):
        return _np_count(gapped[0])
    # Shared arguments: "was shot and killed", "shot and killed a man", "died after being shot".
    if token.dep_ == "conj" and token.head.pos_ in _VERBAL:
        return _verb_victims(token.head, transitive=transitive)
    # "A man found with gunshot wounds has died", parsed with "found" as the main verb and "has died" its clause.
    if token.dep_ == "ccomp" and token.head.pos_ in _VERBAL and _reduced_relative(token.head):
        return _first_subject(token.head)
    for child in children:
        if child.dep_ == "conj" and child.pos_ in _VERBAL and transitive:
            objects = [c for c in child.children if c.dep_ in _OBJECTS]
            if objects:
                return _np_count(objects[0])
    # "died after being shot": the governor's subject is the victim; "were seen shooting" names the shooters.
    governed = token.dep_ in ("pcomp", "advcl", "xcomp") and token.head.pos_ in _VERBAL | {"ADP"}
    if governed and (passive or not transitive):
        governor = token.head.head if token.head.pos_ == "ADP" else token.head
        subjects = [c for c in governor.children if c.dep_ in _SUBJECTS]
        if subjects:
            return _np_count(subjects[0])
    return None


def _found_in_state(verb: Token) -> bool:
    """"Officers found him shot in the chest", parsed as a clause of the finding verb with "him" its subject."""
    return (
        verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _FINDING_VERBS
        and not any(c.dep_ in ("aux", "auxpass", "mark") or c.dep_ in _OBJECTS for c in verb.children)
    )


def _reduced_relative(verb: Token) -> bool:
    """"Four people shot in a housing complex were expected to recover", parsed with "shot" as the main verb and
    the true predicate as its clause: a verb with no auxiliary, object or conjunction, whose later clause has an
    auxiliary but no subject of its own."""
    if any(c.dep_ in ("aux", "auxpass", "cc") or c.dep_ in _OBJECTS for c in verb.children):
        return False
    return any(
        clause.dep_ in ("ccomp", "conj") and clause.i > verb.i and clause.pos_ in _VERBAL and not _has_subject(clause)
        and any(c.dep_ in ("aux", "auxpass") and c.i < clause.i for c in clause.children)
        for clause in verb.children
    )


def _gapped_subject(verb: Token) -> list[Token]:
    """"One man was killed and another taken to a hospital", "one is dead and another hospitalized": a participle
    joined to a first clause, its auxiliary left out, with a subject of its own (parsed as subject or determiner)."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return []
    own = [c for c in verb.children if c.dep_ == "nsubj" or c.dep_ == "det" and c.lower_ in _OTHERS]
    first = verb.left_edge if all(c.dep_ == "advmod" for c in verb.lefts) else verb
    if not own and first.i > 0 and verb.doc[first.i - 1].lower_ in _OTHERS:
        return [verb.doc[first.i - 1]]  # "found one man dead and another seriously wounded", "another" parsed away
    return own


def _noun_victims(token: Token, *, counts_itself: bool) -> _Victims | None:
    """The victims a casualty noun counts: "two deaths" (``counts_itself``), "the deaths of 13", "a triple shooting";
    "two shootings" are two incidents, not two victims."""
    total: _Victims | None = None
    for child in token.children:
        if child.dep_ == "nummod":
            return _number_phrase(child) if counts_itself else None
        if child.dep_ in ("amod", "compound") and child.lower_ in _multiples():  # "a triple shooting"
            return _Victims(Count(_multiples()[child.lower_], child.text), child.idx, child.idx + len(child))
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
    # "left one dead and four injured": a bare number right before the adjective is its count, whatever the
    # parse joined it to (here "four" to "one", which would count five of each).
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.pos_ == "NUM" and _is_number(before):
        return _number_phrase(before)
    if before is not None and before.lower_ == "another":  # "one man was killed and another wounded Monday"
        return _one(before, before)
    if token.dep_ == "amod":
        head = token.head
        while head.dep_ == "conj" and head.i < token.i and head.head.pos_ in _NOUNS:
            head = head.head  # "found Ann Cole and her husband, Tom Cole, dead": the whole coordination
        return _np_count(head, modified_by=token)
    if token.dep_ == "ccomp" and token.head.lemma_.lower() in _FINDING_VERBS:  # "found Scott High dead in the yard"
        return _first_subject(token) or _found_person(token.head)
    # "found Vicky Torres, 45, dead inside the home": the state parsed as an adverbial clause of the finding verb.
    found_state = token.dep_ == "advcl" and token.head.lemma_.lower() in _FINDING_VERBS
    if token.dep_ in ("oprd", "acomp", "xcomp") or found_state:
        governor = token.head
        for dep in ("dobj", "nsubjpass", "nsubj"):
            for child in governor.children:
                if child.dep_ == dep:
                    return _np_count(child)
        # "He was taken to a hospital and pronounced dead": the first verb's subject.
        if governor.dep_ == "conj" and governor.head.pos_ in _VERBAL and not _has_object(governor):
            return _first_subject(governor.head)
        if governor.dep_ == "acl" and governor.tag_ == "VBN":  # "two men found mortally wounded"
            return _np_count(governor.head)
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


def _np_count(head: Token, *, modified_by: Token | None = None) -> _Victims | None:
    """How many people the noun phrase headed by ``head`` names (conjuncts added up). With ``modified_by``, a
    participle or adjective modifying ``head``, a conjunct with a participle or relative clause of its own is left
    out ("found a man wounded and two people running" names one wounded), and so is a conjunct after a modifier
    that follows the noun ("found one man dead and another seriously wounded" names one dead)."""
    total = _single_np_count(head)
    for conj in head.children:
        after = modified_by is not None and head.i < modified_by.i < conj.i
        if conj.dep_ == "conj" and not after and not (modified_by is not None and _has_own_predicate(conj)):
            extra = _np_count(conj)
            if extra is not None and total is not None:
                total = _add(head.doc, total, extra)
    return total


def _has_own_predicate(noun: Token) -> bool:
    return any(c.dep_ in ("acl", "relcl") for c in noun.children)


def _single_np_count(head: Token) -> _Victims | None:
    lower = head.lower_
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":  # "including one who died": the one
        return _np_count(head.head.head)
    if lower in ("nobody", "none", "neither") or any(
        c.dep_ == "det" and c.lower_ in ("no", "neither") for c in head.children
    ):
        start = min(head.left_edge.idx, head.idx)
        return _Victims(Count(0, text_of(head.doc)[start : head.idx + len(head)]), start, head.idx + len(head))
    # An ordinal ("killed a third") is one more person, below; spaCy counts it as number-like.
    if _is_number(head) and (head.pos_ in ("NUM", "NOUN") or lower == "both") and lower not in _ORDINALS:
        return _number_phrase(head)
    for child in head.children:
        if child.dep_ == "nummod":
            return _number_phrase(child)
        if child.dep_ in ("det", "predet") and child.lower_ == "both" and head.tag_ in _PLURAL_TAGS:
            start, end = child.idx, head.idx + len(head)
            return _Victims(Count(2, text_of(head.doc)[start:end]), start, end)
    if lower in _ONE_PRONOUNS:
        return _one(head, head)
    if _is_age_noun(head):
        return _one(head, head.left_edge)
    determiners = [c for c in head.children if c.dep_ in ("det", "poss")]
    person = head.tag_ not in _PLURAL_TAGS and head.lemma_.lower() in _word_list("person_nouns.txt")
    if determiners and (lower in _ORDINALS or person):
        return _one(head, determiners[0])
    # "his wife and daughter": the second person noun shares the first one's determiner; a headline or lede
    # drops the article ("Man shot outside bar").
    if person and (head.dep_ == "conj" or head.i == head.sent.start and head.is_title):
        return _one(head, head)
    if head.pos_ == "PROPN" and (head.ent_type_ == "PERSON" or head.lower_ in _surnames(head.doc)
                                 or _age_apposition(head)):
        return _one(head, head.left_edge)
    # "The victims, a 19-year-old man and a 22-year-old woman, ...": an uncounted plural named by its apposition.
    appositions = [c for c in head.children if c.dep_ == "appos"]
    if head.tag_ in _PLURAL_TAGS and appositions:
        return _np_count(appositions[0])
    return None


def _age_apposition(name: Token) -> bool:
    """"Fred "Trey" Cagle, 25, suffered a wound": a name followed by an age is a person, whatever NER says."""
    return any(c.dep_ == "appos" and c.is_digit and c.n_lefts == c.n_rights == 0 and 0 < int(c.text) < 110
               for c in name.children)


def _is_age_noun(head: Token) -> bool:
    """"a 17-year-old was wounded": an age used as a noun names one person."""
    return head.lower_ == "old" and any(c.lower_ == "year" for c in head.children)


def _surnames(doc: Doc) -> frozenset[str]:
    """Last names of the people named in ``doc``: a later bare "Ortiz" is a person even where NER missed it."""
    names = doc.user_data.get(_SURNAMES_KEY)
    if names is None:
        names = doc.user_data[_SURNAMES_KEY] = frozenset(
            t.lower_ for t in doc if t.ent_type_ == "PERSON" and _ends_a_name(t))
    return names


def _ends_a_name(token: Token) -> bool:
    """Whether ``token`` is the last word of its named entity."""
    return token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I"


def _one(head: Token, first: Token) -> _Victims:
    start = min(first.idx, head.idx)
    end = head.idx + len(head)
    return _Victims(Count(1, text_of(head.doc)[start:end]), start, end)


def _number_phrase(number: Token) -> _Victims | None:
    """The count a number token and its left modifiers state ("more than a dozen", "at least 20")."""
    if number.head.lemma_ in ("year", "old", "block") or number.head.lemma_.lower() in _word_list("animal_nouns.txt"):
        return None  # "a 17-year-old", "the 100 block", "shot three deer"
    # "Two 17-year-old boys" is often one DATE entity; a number that counts people is still a count.
    if number.ent_type_ in _NON_COUNT_ENTITIES and number.head.lemma_.lower() not in _word_list("person_nouns.txt"):
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
