"""Text normalization: mojibake repair, spaces, line ends; word keys for comparing lines.

>>> normalize_text("The mayorâ€™s office\\u00a0said  so.\\r\\n")
'The mayor’s office said so.'
>>> fold("× Bridge  collapses!")
'bridge collapses'
"""

from __future__ import annotations

import re

import ftfy

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)
# "”" is E2 80 9D in UTF-8; read as cp1252, 0x9D is undefined and often became U+FFFD.
_LOST_RIGHT_QUOTE = re.compile("â€\ufffd")
_SPACE_LIKE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_MULTI_SPACE = re.compile(r" {2,}")
_WORD = re.compile(r"\w+")


def normalize_text(text: str) -> str:
    """Repair mojibake (ftfy, keeping curly quotes), make odd spaces plain, trim every line."""
    if "â€" in text:
        text = _LOST_RIGHT_QUOTE.sub("â€\x9d", text)
    if not text.isascii() or "&" in text:  # plain ASCII has no mojibake and no HTML entities to repair
        text = ftfy.fix_text(text, _FTFY)
    text = _INVISIBLE.sub("", _SPACE_LIKE.sub(" ", text))
    return "\n".join(_MULTI_SPACE.sub(" ", line).strip() for line in text.split("\n")).strip()


def fold(text: str) -> str:
    """Lower-case words only: the key under which two lines count as the same."""
    return " ".join(_WORD.findall(text.lower()))


def words(text: str) -> list[str]:
    """Lower-case word tokens."""
    return _WORD.findall(text.lower())
