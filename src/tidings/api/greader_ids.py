"""The Google Reader API's names for things: item ids in their three forms and stream ids.

Item ids are one 64-bit integer per article: decimal in `itemRefs`, the long form
`tag:google.com,2005:reader/item/<16 hex digits>` in contents; clients send back any of the
long form, the bare 16 hex digits (short hex) or the decimal number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.ids import is_row_id, parse_row_id

LONG_PREFIX = "tag:google.com,2005:reader/item/"
STATE = re.compile(r"^user/(?:-|\d+)/state/com\.google/(?P<state>[a-z-]+)$")
LABEL = re.compile(r"^user/(?:-|\d+)/label/(?P<label>.+)$")
HEX16 = re.compile(r"^[0-9a-fA-F]{16}$")

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
KEPT_UNREAD = "user/-/state/com.google/kept-unread"


class StreamIdError(ValueError):
    """An item or stream id that names nothing Tidings knows; `str()` says which."""


def long_item_id(article_id: int) -> str:
    return f"{LONG_PREFIX}{article_id:016x}"


def parse_item_id(value: str) -> int:
    """The article id of an item id in any of its three forms; raises StreamIdError."""
    text = value.strip()
    number: int | None
    if text.startswith(LONG_PREFIX):
        digits = text[len(LONG_PREFIX):]
        number = int(digits, 16) if HEX16.match(digits) else None
    elif HEX16.match(text):
        number = int(text, 16)
    else:
        number = parse_row_id(text)
    if number is None or not is_row_id(number):
        raise StreamIdError(f"not an item id: {value[:80]!r}")
    return number


@dataclass(frozen=True)
class Stream:
    """A parsed stream id: kind is "reading-list", "read", "starred", "kept-unread", "feed"
    (`value` the feed id or URL) or "label" (`value` the folder name)."""

    kind: str
    value: str = ""


def parse_stream(value: str) -> Stream:
    """Raises StreamIdError for a stream Tidings does not have."""
    text = value.strip()
    if text.startswith("feed/") and len(text) > 5:
        return Stream("feed", text[5:])
    if match := STATE.match(text):
        state = match["state"]
        if state in ("reading-list", "read", "starred", "kept-unread"):
            return Stream(state)
    if (match := LABEL.match(text)) and match["label"].strip():
        return Stream("label", match["label"].strip())
    raise StreamIdError(f"unknown stream id: {value[:80]!r}")


def label_id(name: str) -> str:
    return f"user/-/label/{name}"
