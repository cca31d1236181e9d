"""Tell the format of an input from its name and first bytes, and decode bytes to text.

>>> detect_format(b'{"title": "Dam bursts", "text": "..."}\\n', "news.dat")
'jsonl'
>>> decode("Caf\\xe9 owners protest".encode("cp1252"), source="a.txt")
'Café owners protest'
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath
from typing import Literal

import charset_normalizer

from ..errors import InputError, Messages

Format = Literal["text", "html", "json", "json_array", "jsonl", "feed"]

HEAD_BYTES = 65_536
EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}  # fmt: skip

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip
# Signatures of common binary formats whose first bytes can pass as text.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"BZh", b"\xfd7zXZ")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p|article|main|section|meta|title)[\s>/]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` announces, if any."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def looks_binary(head: bytes) -> bool:
    """True when the first bytes of a file are not text in any usual encoding.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00"), looks_binary(b"Storm hits coast")
    (True, False)
    """
    if bom_encoding(head) in ("utf-16", "utf-32"):
        return False
    if head.startswith(_MAGIC) or b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(2, len(head) // 20)


def detect_format(head: bytes, name: str) -> Format:
    """Guess the format from the first bytes; the file extension breaks ties.

    JSON whose first line is a complete object is read as JSON Lines (a file
    holding a single one-line object reads the same either way).
    """
    suffix = EXTENSIONS.get(PurePath(name).suffix.lower())
    encoding = bom_encoding(head)
    if encoding in ("utf-16", "utf-32"):
        head = head.decode(encoding, errors="ignore").encode("utf-8")
    stripped = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if stripped.startswith(b"["):
        return "json_array"
    if stripped.startswith(b"{"):
        first_line, newline, _ = stripped.partition(b"\n")
        if not newline and len(head) >= HEAD_BYTES:
            # The first line runs past the head: a long JSON Lines record, or minified JSON, which reads the same.
            return "jsonl"
        return "jsonl" if first_line.rstrip().endswith(b"}") else "json"
    if stripped.startswith(b"<"):
        window = stripped[:4096]
        if _FEED_ROOT.search(window) and not _HTML_ROOT.match(window):
            return "feed"
        if _HTML_ROOT.search(window) or suffix == "html":
            return "html"
        return "feed" if suffix == "feed" else "html"
    return "text"


def decode(data: bytes, *, source: str) -> str:
    """Decode ``data``: byte-order mark, then UTF-8, then an HTML ``<meta charset>``, then detection.

    Raises :class:`InputError` when no encoding fits.
    """
    encoding = bom_encoding(data)
    if encoding:
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:HEAD_BYTES])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(source, Messages.UNDECODABLE)
    # Short texts fit several code pages equally well; between equals take the web's usual legacy one.
    western = next((m for m in matches if m.encoding in _WESTERN and m.chaos <= best.chaos), None)
    return str(western or best)
