"""The event coder's data: verb and pattern lexicons, nominal triggers, crosswalks and cue lists.

Everything is read once from ``newsevents/data/events`` (see its PROVENANCE.md).

>>> lex = Lexicon.default()
>>> lex.verb_code("impose", pre=set(), post={"curfew"})
('1723', frozenset({'curfew'}))
"""

from __future__ import annotations

import csv
import functools
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

DATA = "newsevents.data.events"
NOT_CODED = "-"  # event type of an acled.tsv row for events ACLED does not code
# CAMEO.2.0 codes arresting or detaining protesters as 175 (violent repression) by who the target is;
# PLOVER codes the act itself (COERCE 'arrest'), so a 175 pattern never overrides a coercion verb's type.
REPRESSION = "175"


class Pattern(NamedTuple):
    """A PETRARCH-style verb pattern: every slot (set of alternative words) must occur."""

    cameo: str
    pre: tuple[frozenset[str], ...]
    post: tuple[frozenset[str], ...]
    verb: str  # the block verb it was written for ('' = any)

    @property
    def size(self) -> int:
        return len(self.pre) + len(self.post)

    @property
    def content(self) -> bool:
        """Whether some slot holds a content word (not only prepositions and particles)."""
        return any(not slot <= STOP_WORDS for slot in self.pre + self.post)


class Plover(NamedTuple):
    type: str
    mode: str | None


class ModeCue(NamedTuple):
    plover: str
    mode: str
    acled_sub: str | None


class AcledRule(NamedTuple):
    plover: str
    modes: frozenset[str] | None
    cameo: str
    source: frozenset[str] | None
    target: frozenset[str] | None
    cues: tuple[str, ...]  # cue sets that must all occur (none: no condition)
    trigger: str | None  # cue set the trigger's lemma must be in
    event_type: str  # NOT_CODED: ACLED does not code the event
    sub_event_type: str


def _rows(name: str) -> Iterator[dict[str, str]]:
    text = resources.files(DATA).joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items()}


def _slots(text: str) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(slot.split("|")) for slot in text.split())


def _any(value: str) -> frozenset[str] | None:
    return None if value == "*" else frozenset(value.split("|"))


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All lookup tables of the event coder (build with :meth:`default`)."""

    verbs: dict[str, tuple[tuple[str, ...], str]]  # lemma -> (blocks, default cameo or '')
    patterns: dict[str, dict[str, list[Pattern]]]  # block -> first word of a slot -> patterns
    nominals: dict[tuple[str, ...], str]  # words (last one a lemma) -> cameo
    senses: dict[str, list[tuple[str, str]]]  # nominal cameo -> [(cue set of its doers, cameo it then has)]
    crosswalk: dict[str, Plover]
    modes: dict[str, list[tuple[str, ModeCue]]]  # plover type -> [(lemma, cue)] in priority order
    acled: tuple[AcledRule, ...]
    cues: dict

    @classmethod
    @functools.cache
    def default(cls) -> Lexicon:
        blocks: dict[str, list[str]] = defaultdict(list)
        defaults: dict[str, str] = {}
        for row in _rows("verbs.tsv"):
            blocks[row["lemma"]].append(row["block"])
            if row["cameo"] and row["lemma"] not in defaults:
                defaults[row["lemma"]] = row["cameo"]
        for row in _rows("verbs_extra.tsv"):
            lemma_blocks = blocks[row["lemma"]]  # a project verb absent from CAMEO.2.0 has no block
            if row["block"] and row["block"] not in lemma_blocks:
                lemma_blocks.append(row["block"])
            defaults[row["lemma"]] = row["cameo"]
        verbs = {lemma: (tuple(b), defaults.get(lemma, "")) for lemma, b in blocks.items()}
        # the project's patterns replace CAMEO.2.0 patterns with the same slots (a later identical pattern wins)
        unique: dict[tuple, tuple[str, Pattern]] = {}
        for row in (*_rows("patterns.tsv"), *_rows("patterns_extra.tsv")):
            pattern = Pattern(row["cameo"], _slots(row["pre"]), _slots(row["post"]), row["verb"])
            unique[(row["block"], pattern.pre, pattern.post, pattern.verb)] = (row["block"], pattern)
        patterns: dict[str, dict[str, list[Pattern]]] = defaultdict(lambda: defaultdict(list))
        for block, pattern in unique.values():
            for word in (pattern.post or pattern.pre)[0]:
                patterns[block][word].append(pattern)
        crosswalk = {
            row["cameo"]: Plover(row["plover"], row["mode"] or None) for row in _rows("cameo_plover.tsv")
        }
        nominals = {tuple(row["phrase"].split()): row["cameo"] for row in _rows("nominals.tsv")}
        senses: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in _rows("senses.tsv"):
            senses[row["cameo"]].append((row["cue"], row["sense"]))
        modes: dict[str, list[tuple[str, ModeCue]]] = defaultdict(list)
        for row in _rows("modes.tsv"):
            modes[row["plover"]].append(
                (row["lemma"], ModeCue(row["plover"], row["mode"], row["acled_sub"] or None))
            )
        acled = tuple(
            AcledRule(
                row["plover"], _any(row["mode"]), "" if row["cameo"] == "*" else row["cameo"],
                _any(row["source"]), _any(row["target"]), () if row["cue"] == "*" else tuple(row["cue"].split("&")),
                None if row["trigger"] == "*" else row["trigger"],
                row["event_type"], row["sub_event_type"],
            )
            for row in _rows("acled.tsv")
        )
        cues = json.loads(resources.files(DATA).joinpath("cues.json").read_text(encoding="utf-8"))
        cues = {k: (set(v) if isinstance(v, list) else v) for k, v in cues.items()}
        cues["cue_sets"] = {k: set(v) for k, v in cues["cue_sets"].items()}
        cues["actor_classes"] = {k: set(v) for k, v in cues["actor_classes"].items()}
        return cls(verbs, {k: dict(v) for k, v in patterns.items()}, nominals, dict(senses), crosswalk, dict(modes),
                   acled, cues)

    def verb_code(
        self, lemma: str, *, pre: set[str], post: set[str], direct: set[str] | None = None, content_only: bool = False
    ) -> tuple[str, frozenset[str]] | None:
        """CAMEO code of verb ``lemma`` given the words before/after it, and the words the pattern used.

        The most specific matching pattern of the verb's blocks wins (ties: the first in word order);
        else the verb's default code. Patterns written for another verb of the block apply only if
        they keep the verb's PLOVER type. A pattern of function words alone ("attack for") must match
        ``direct``, the verb's own dependents, when given: "a camp for refugees was attacked" is no
        "attack for"; with ``content_only`` (a phrasal verb read as its bare verb) it never applies:
        "broke up the rally with tear gas" is no "break with".
        """
        entry = self.verbs.get(lemma)
        if entry is None:
            return None
        blocks, default = entry
        best: Pattern | None = None
        best_rank = (0, False)
        for block in blocks:
            index = self.patterns.get(block)
            if not index:
                continue
            for word in sorted(post | pre):
                for pattern in index.get(word, ()):
                    if not pattern.content and (content_only or not default
                                                or (direct is not None and not _matches(pattern, pre, direct))):
                        continue  # a light verb needs a content word, not just "(TO)"
                    if pattern.cameo == REPRESSION and default and self._same_type(default, "170"):
                        continue
                    if pattern.verb not in ("", lemma) and default and not self._same_type(pattern.cameo, default):
                        continue  # a block-mate's pattern may not turn this verb's meaning around
                        # ("pull back troops" is RETREAT, "wrest control from troops" is not)
                    # a pattern written for this very verb beats a block-mate's of the same size
                    rank = (pattern.size, pattern.verb == lemma)
                    if (best is None or rank > best_rank) and _matches(pattern, pre, post):
                        best, best_rank = pattern, rank
        if best is not None:
            used = frozenset(w for slot in best.post + best.pre for w in slot if w in post or w in pre)
            return best.cameo, used
        return (default, frozenset()) if default else None

    def _same_type(self, cameo: str, other: str) -> bool:
        first, second = self.plover(cameo), self.plover(other)
        return first is not None and second is not None and first.type == second.type

    def plover(self, cameo: str) -> Plover | None:
        """PLOVER type and mode of a CAMEO code (nearest coded ancestor); None for comments (01x)."""
        for key in (cameo, cameo[:3], cameo[:2] + "0"):
            if key in self.crosswalk:
                return self.crosswalk[key]
        return None


def _matches(pattern: Pattern, pre: set[str], post: set[str]) -> bool:
    return all(not slot.isdisjoint(post) for slot in pattern.post) and all(
        not slot.isdisjoint(pre) for slot in pattern.pre
    )
