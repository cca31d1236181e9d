"""Turn a :class:`~newsevents.records.RawDocument` into a cleaned :class:`~newsevents.records.Article`.

Text is normalized (mojibake repaired, odd spaces made plain), split into
line units and every unit classified as title, body, caption, credit,
byline, dateline or boilerplate (see :mod:`.blocks`). Blocks are the
classified units in reading order: a caption's label line and sentence make
one block. ``Article.text`` is all blocks joined by blank lines and
``Block.start``/``end`` index into it; ``Article.body`` is the body blocks
alone. Exact repeats of the title are dropped. An inline dateline stays in
the body; :func:`find_dateline` locates it.

>>> from newsevents.records import RawDocument
>>> article = clean(RawDocument("Dam bursts in Libya\\n\\nDERNA, Libya (AP) — A dam burst on Monday, officials said."
...                             "\\n\\nRescuers search the debris.\\nOsama Ali/Reuters\\n\\nAdvertisement"))
>>> article.title, article.body, article.captions, article.credits, article.boilerplate
('Dam bursts in Libya', 'DERNA, Libya (AP) — A dam burst on Monday, officials said.', ['Rescuers search the debris.'], ['Osama Ali/Reuters'], ['Advertisement'])
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

from ..errors import InputError, Messages
from ..records import Article, Block, RawDocument
from .blocks import Unit, classify, segment
from .dateline import Dateline, find_dateline
from .lexicon import stopwords
from .normalize import normalize_text, words

__all__ = ["Dateline", "clean", "find_dateline", "normalize_text", "site_from_url"]

ENGLISH_STOPWORD_SHARE = 0.25
MIN_WORDS_FOR_LANGUAGE = 20
_SITE_SUFFIX = re.compile(r"^(?P<title>.{12,}?)\s+(?:\||::|»|[-–—])\s+(?P<site>[^|»]{2,40})$")
_INNER_URL = re.compile(r"https?://.*", re.IGNORECASE)


def site_from_url(url: str | None) -> str | None:
    """The site's host name, also inside web-archive addresses.

    >>> site_from_url("http://web.archive.org/web/2015/http://www.wral.com/news/1/")
    'wral.com'
    """
    if not url:
        return None
    parts = urlsplit(url)
    inner = _INNER_URL.search(parts.path)
    if parts.hostname and parts.hostname.endswith("archive.org") and inner:
        parts = urlsplit(inner.group())
    host = parts.hostname or ""
    return host.removeprefix("www.") or None


def _strip_site(title: str) -> str:
    """``Headline | Site`` or ``Headline :: site.com`` without the site name."""
    match = _SITE_SUFFIX.match(title)
    if not match:
        return title
    site = match.group("site").split()
    separator = title[match.end("title") : match.start("site")].strip()
    if len(site) <= 5 and (separator in ("|", "::", "»") or any("." in w for w in site) or all(
        w[0].isupper() or w[0].isdigit() for w in site
    ) and len(site) <= 4):
        return match.group("title")
    return title


def _guess_language(body: str) -> str | None:
    tokens = words(body[:5000])
    if len(tokens) < MIN_WORDS_FOR_LANGUAGE:
        return None
    share = sum(t in stopwords() for t in tokens) / len(tokens)
    return "en" if share >= ENGLISH_STOPWORD_SHARE else None


def _blocks(units: list[Unit], title: str) -> list[Block]:
    """Merge neighbouring units of one paragraph and kind (body lines stay apart) and place them in the text."""
    groups: list[tuple[str, list[str]]] = []
    previous: Unit | None = None
    for unit in units:
        if unit.kind == "drop":
            continue
        same = previous is not None and previous.paragraph == unit.paragraph and previous.kind == unit.kind
        if same and unit.kind != "body":
            groups[-1][1].append(unit.text)
        else:
            groups.append((str(unit.kind), [unit.text]))
        previous = unit
    if title and not any(kind == "title" for kind, _ in groups):
        groups.insert(0, ("title", [title]))
    blocks, offset = [], 0
    for kind, texts in groups:
        text = "\n".join(texts)
        blocks.append(Block(kind=kind, text=text, start=offset, end=offset + len(text)))  # type: ignore[arg-type]
        offset += len(text) + 2
    return blocks


def clean(doc: RawDocument) -> Article:
    """Classify the blocks of ``doc`` and build its :class:`Article`.

    Raises :class:`InputError` when no body text is left.
    """
    given_title = normalize_text(doc.title) if doc.title else None
    units = classify(
        segment(normalize_text(doc.text)),
        title=given_title or None,
        captions=tuple(normalize_text(c) for c in doc.captions),
    )
    title_unit = next((u.text for u in units if u.kind == "title"), None)
    title = _strip_site(given_title or title_unit or "")
    blocks = _blocks(units, given_title or "")
    body = "\n\n".join(b.text for b in blocks if b.kind == "body")
    if not body:
        raise InputError(doc.path or doc.url or "<input>", Messages.NO_BODY)
    # A corpus's own record id keeps two records with the same text (syndicated copies) two articles, so
    # their events keep distinct ids; without one, the text alone is the identity.
    identity = f"{title}\n{body}" + (f"\n{doc.record_id}" if doc.record_id else "")
    digest = hashlib.sha256(identity.encode()).hexdigest()[:16]
    return Article(
        id=digest,
        title=title,
        body=body,
        text="\n\n".join(b.text for b in blocks),
        blocks=tuple(blocks),
        published=doc.published,
        source=doc.source or site_from_url(doc.url),
        url=doc.url,
        language=(doc.language or "").split("-")[0].lower() or _guess_language(body),
        path=doc.path,
    )
