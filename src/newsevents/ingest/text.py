"""Plain-text articles: the decoded file is the document; the cleaner finds the title.

>>> read_text("Bridge reopens\\n\\nThe bridge reopened.".encode(), source="b.txt").text
'Bridge reopens\\n\\nThe bridge reopened.'
"""

from __future__ import annotations

from ..errors import InputError, Messages
from ..records import RawDocument
from .sniff import decode


def read_text(data: bytes, *, source: str, path: str | None = None) -> RawDocument:
    """One :class:`RawDocument` from the bytes of a text file; :class:`InputError` if it holds no text."""
    text = decode(data, source=source)
    if not text.strip():
        raise InputError(source, Messages.EMPTY)
    return RawDocument(text=text, path=path)
