"""PLOVER mode refinement and the PLOVER -> ACLED crosswalk (tables in ``data/events``).

>>> from newsevents.records import Actor
>>> acled("ASSAULT", "aerial", "195", source=None, target=None, words=set())
Acled(event_type='Explosions/Remote violence', sub_event_type='Air/drone strike')
"""

from __future__ import annotations

from ..records import Acled, Actor, Event
from .lexicon import NOT_CODED, REPRESSION, Lexicon

DESTROY_PROPERTY = "1712"  # CAMEO


def actor_class(actor: Actor | None, *, lexicon: Lexicon | None = None, target: bool = False) -> str:
    """Coarse ACLED role of an actor: state, armed, protester, rioter, mob, civilian or none.

    As a ``target``, officials, legislators, judges and party members are civilians: ACLED codes violence against
    them as violence against civilians; only the state's armed agents fight battles.
    """
    if actor is None:
        return "none"
    classes = (lexicon or Lexicon.default()).cues["actor_classes"]
    if target and actor.sector in classes["state_sectors"] and actor.sector not in classes["armed_sectors"]:
        return "civilian"
    acled_type = (actor.acled_type or "").lower()
    words = set(actor.text.lower().split())
    if "rioter" in acled_type or words & classes["rioter"]:
        return "rioter"
    if "protester" in acled_type or words & classes["protester"]:
        return "protester"
    if words & classes["mob"]:
        return "mob"
    if "state" in acled_type or "external" in acled_type or actor.sector in classes["state_sectors"]:
        return "state"
    if "militia" in acled_type or "rebel" in acled_type or actor.sector in classes["armed_sectors"]:
        return "armed"
    return "civilian"


def refine_mode(
    plover: str, mode: str | None, cameo: str, words: set[str], *, lexicon: Lexicon, sentence: set[str] = frozenset()
) -> tuple[str | None, str | None]:
    """Mode from cue words in the trigger's clause; returns (mode, ACLED sub-event override).

    A 4-digit CAMEO code already names a specific mode, so cues only refine coarser codes. Without a cue in the
    clause, a mark of the whole incident named anywhere in the ``sentence`` gives its mode ("treated for nerve gas
    exposure after the attack").
    """
    if len(cameo) == 4 and mode:
        return mode, None
    cues = lexicon.modes.get(plover, ())
    for lemma, cue in cues:
        if lemma in words:
            return cue.mode, cue.acled_sub
    for incident_mode, marks in lexicon.cues["incident_modes"].items():
        cue = next((c for _, c in cues if c.mode == incident_mode), None)
        if cue is not None and not sentence.isdisjoint(marks):
            return cue.mode, cue.acled_sub
    return mode, None


def acled(
    plover: str,
    mode: str | None,
    cameo: str,
    *,
    source: Actor | None,
    target: Actor | None,
    words: set[str],
    trigger: str = "",
    sub_override: str | None = None,
    lexicon: Lexicon | None = None,
) -> Acled | None:
    """ACLED event/sub-event type of a PLOVER event, or None where ACLED does not code it.

    ``words``: the trigger's clause (forms and lemmas); ``trigger``: the trigger word's lemma.
    """
    lexicon = lexicon or Lexicon.default()
    source_class = actor_class(source, lexicon=lexicon)
    target_class = actor_class(target, lexicon=lexicon, target=True)
    cue_sets = lexicon.cues["cue_sets"]
    for rule in lexicon.acled:
        if rule.plover != plover or (rule.modes is not None and mode not in rule.modes):
            continue
        if not cameo.startswith(rule.cameo):
            continue
        if rule.source is not None and source_class not in rule.source:
            continue
        if rule.target is not None and target_class not in rule.target:
            continue
        if rule.trigger is not None and trigger not in cue_sets[rule.trigger]:
            continue
        if any(cue_sets[cue].isdisjoint(words) for cue in rule.cues):
            continue
        if rule.event_type == NOT_CODED:
            return None
        return Acled(rule.event_type, sub_override or rule.sub_event_type)
    return None


def demonstration(events: list[Event], words: set[str], *, lexicon: Lexicon | None = None) -> Acled | None:
    """ACLED type of the demonstration a sentence tells of, from all its events and words; None without one.

    ACLED codebook: demonstrators who use violence or destroy property make a violent demonstration (a rioting mob
    with no demonstration named, mob violence); else lethal
    or live-fire force against them is excessive force; else dispersal, tear gas or arrests a protest with
    intervention; else it is a peaceful protest.
    """
    lexicon = lexicon or Lexicon.default()
    cue_sets = lexicon.cues["cue_sets"]
    told = any(e.type == "PROTEST" for e in events) or not cue_sets["protest"].isdisjoint(words)
    if not told:
        return None
    violent_actors = {"protester", "rioter", "mob"}
    if (
        any(e.type == "PROTEST" and e.mode == "riot" for e in events)
        # an assault by protesters ("demonstrators attacked police", "rampaged"), not their death ("protesters died")
        or any(e.type == "ASSAULT" and actor_class(e.source, lexicon=lexicon) in violent_actors
               and (e.target is not None or e.trigger.lower() not in cue_sets["lethal_force"]) for e in events)
        or any(e.cameo == DESTROY_PROPERTY for e in events)  # arson or vandalism at a demonstration
        or not cue_sets["demonstrator_violence"].isdisjoint(words)
    ):
        # a rioting crowd named as a mob or villagers, with no demonstration named, is mob violence
        crowd = cue_sets["mob"] | lexicon.cues["actor_classes"]["mob"]
        if cue_sets["protest"].isdisjoint(words) and not crowd.isdisjoint(words):
            return Acled("Riots", "Mob violence")
        return Acled("Riots", "Violent demonstration")
    crowd_control = not cue_sets["crowd_control"].isdisjoint(words)
    if not cue_sets["lethal_force"].isdisjoint(words) or (
        not crowd_control and not cue_sets["severe_force"].isdisjoint(words)
    ):
        return Acled("Protests", "Excessive force against protesters")
    if (crowd_control or not cue_sets["intervention"].isdisjoint(words)
            or any(e.type == "COERCE" or e.cameo == REPRESSION for e in events)):
        return Acled("Protests", "Protest with intervention")
    return Acled("Protests", "Peaceful protest")
