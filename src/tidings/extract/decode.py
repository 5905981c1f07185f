"""Bytes to text: trust the bytes over a wrong declared charset."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# WHATWG: browsers read these labels as windows-1252, a superset with curly quotes.
_LATIN1_LABELS = {
    "iso-8859-1",
    "iso8859-1",
    "latin-1",
    "latin1",
    "l1",
    "ascii",
    "us-ascii",
    "cp819",
    "iso-ir-100",
    "windows-1252",
}


def decode_html(content: bytes, declared: str | None) -> str:
    """Decode a page: BOM, then valid UTF-8, then the declared, meta and detected charsets.

    UTF-8 goes before a declared charset because valid UTF-8 with non-ASCII text almost never
    happens by accident, while servers that send `iso-8859-1` for UTF-8 pages are common.
    """
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content.decode(encoding, errors="replace").replace("\x00", "")
    for label in _candidates(content, declared):
        text = _try_decode(content, label)
        if text is not None:
            return text.replace("\x00", "")
    return content.decode("cp1252", errors="replace").replace("\x00", "")


def _candidates(content: bytes, declared: str | None) -> Iterator[str | None]:
    """Charsets to try in order, computed lazily (detection is the slow one)."""
    yield "utf-8"
    yield declared
    yield meta_charset(content)
    yield detect_charset(content)


def meta_charset(content: bytes) -> str | None:
    """The charset a `<meta>` tag declares within the first 4 KiB."""
    match = _META_CHARSET.search(content[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def detect_charset(content: bytes) -> str | None:
    """charset_normalizer's guess in the first 64 KiB; windows-1252 whenever it is a candidate."""
    matches = from_bytes(content[:65536])
    if any("cp1252" in match.could_be_from_charset for match in matches):
        return "cp1252"
    best = matches.best()
    return best.encoding if best else None


def _try_decode(content: bytes, label: str | None) -> str | None:
    if not label:
        return None
    name = "cp1252" if label.strip().lower() in _LATIN1_LABELS else label.strip()
    try:
        codecs.lookup(name)
        return content.decode(name)
    except (LookupError, UnicodeDecodeError):
        if name == "cp1252":  # five undefined bytes; latin-1 maps every byte
            return content.decode("latin-1")
        return None
