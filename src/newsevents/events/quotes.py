"""Direct quotations and their speakers.

Handles straight and curly quotes, and a paragraph opening with a closing-quote character
(common in scraped text). The speaker is the subject of a reporting verb next to the quote:
'"...," X said', '"...," said X' or 'X said: "..."'.

>>> from newsevents import nlp
>>> doc = nlp.load()('"We will not back down," the union leader said.')
>>> [q.text for q in find_quotes(doc, actors=[])]
['We will not back down,']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..records import Actor, Quote
from .lexicon import Lexicon

if TYPE_CHECKING:
    from ..actors import ActorMention

# “...”, "...", and a paragraph that opens with ” or “ and runs to the next quote mark or paragraph end.
QUOTE = re.compile(r'“([^“”\n]+)”|"([^"\n]+)"|(?:^|(?<=\n))[”“]([^“”\n]+)[”“]?', re.MULTILINE)
MIN_WORDS = 3  # shorter quoted strings are scare quotes or titles, not quotations
WINDOW = 8  # tokens around the quote searched for the reporting verb


def find_quotes(doc: Doc, *, actors: list[ActorMention]) -> list[Quote]:
    """Every direct quotation of ``doc`` with its speaker resolved to an actor when possible."""
    report = Lexicon.default().cues["report_verbs"]
    at = {i: m.actor for m in actors for i in range(m.start, m.end)}
    quotes = []
    for match in QUOTE.finditer(doc.text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        text = match.group(group).strip()
        if len(text.split()) < MIN_WORDS:
            continue
        start = match.start(group) + (len(match.group(group)) - len(match.group(group).lstrip()))
        end = start + len(text)
        speaker = _speaker(doc, match.start(), match.end(), report, at)
        quotes.append(Quote(text=text, speaker=speaker, start=start, end=end))
    return quotes


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


def _speaker(doc: Doc, start: int, end: int, report: set[str], at: dict[int, Actor]) -> Actor | None:
    first, last = _token_at(doc, start), _token_at(doc, max(start, end - 1))
    after = range(last + 1, min(len(doc), last + 1 + WINDOW))
    before = range(first - 1, max(-1, first - 1 - WINDOW), -1)
    for i in (*after, *before):
        token = doc[i]
        if token.is_sent_start and i > last + 1:
            break
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in report:
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return _actor(subject, at)
    return None


def _actor(token: Token, at: dict[int, Actor]) -> Actor:
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    for i in range(span.end - 1, span.start - 1, -1):
        if i in at:
            return at[i]
    if token.pos_ == "PRON":
        earlier = [i for i in at if i < token.i]
        if earlier:
            return at[max(earlier)]
    return Actor(text=span.text, name=span.text)
