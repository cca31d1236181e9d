"""PLOVER mode refinement and the PLOVER -> ACLED crosswalk (tables in ``data/events``).

>>> from newsevents.records import Actor
>>> acled("ASSAULT", "aerial", "195", source=None, target=None, words=set())
Acled(event_type='Explosions/Remote violence', sub_event_type='Air/drone strike')
"""

from __future__ import annotations

from ..records import Acled, Actor
from .lexicon import Lexicon


def actor_class(actor: Actor | None, *, lexicon: Lexicon | None = None) -> str:
    """Coarse ACLED role of an actor: state, armed, protester, rioter, civilian or none."""
    if actor is None:
        return "none"
    classes = (lexicon or Lexicon.default()).cues["actor_classes"]
    acled_type = (actor.acled_type or "").lower()
    words = set(actor.text.lower().split())
    if "rioter" in acled_type or words & classes["rioter"]:
        return "rioter"
    if "protester" in acled_type or words & classes["protester"]:
        return "protester"
    if "state" in acled_type or "external" in acled_type or actor.sector in classes["state_sectors"]:
        return "state"
    if "militia" in acled_type or "rebel" in acled_type or actor.sector in classes["armed_sectors"]:
        return "armed"
    return "civilian"


def refine_mode(plover: str, mode: str | None, cameo: str, words: set[str], *, lexicon: Lexicon) -> tuple[str | None, str | None]:
    """Mode from cue words in the trigger's clause; returns (mode, ACLED sub-event override).

    A 4-digit CAMEO code already names a specific mode, so cues only refine coarser codes.
    """
    if len(cameo) == 4 and mode:
        return mode, None
    for lemma, cue in lexicon.modes.get(plover, ()):
        if lemma in words:
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
    sub_override: str | None = None,
    lexicon: Lexicon | None = None,
) -> Acled | None:
    """ACLED event/sub-event type of a PLOVER event, or None where ACLED does not code it."""
    lexicon = lexicon or Lexicon.default()
    source_class = actor_class(source, lexicon=lexicon)
    target_class = actor_class(target, lexicon=lexicon)
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
        if rule.cue is not None and cue_sets[rule.cue].isdisjoint(words):
            continue
        return Acled(rule.event_type, sub_override or rule.sub_event_type)
    return None
