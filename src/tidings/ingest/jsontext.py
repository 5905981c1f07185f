"""JSON from outside (JSON Feeds, JSON Lines records), read with its nesting bounded.

``json.loads`` recurses once per level and raises RecursionError past about 1,000 (fewer
when called from deep in a stack); the depth is measured first instead, in C-speed passes.
``load_json`` refuses a document nested past ``MAX_JSON_DEPTH``; ``load_json_parts`` reads it
anyway, with each too-deep value (and each number Python will not convert) standing as an
``Unreadable``, so that a bad part of a document costs only that part. ``repair_json`` reads
a document with a syntax error (an unescaped quote, a missing comma, a cut-off end) the way
json-repair guesses it was meant, for callers that check every value they take from it.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import json_repair
import numpy as np

MAX_JSON_DEPTH = 64
"""Deepest nesting of arrays and objects accepted (real feeds and records stay under 8)."""
MAX_REPAIRED = 4_000_000
"""Largest document ``repair_json`` reads (json-repair is pure Python: ~0.25 s a megabyte)."""

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_TOO_DEEP = f"nested deeper than {MAX_JSON_DEPTH} levels"


class JSONRefused(ValueError):
    """Not JSON, or JSON nested too deeply; the message is one line."""


@dataclass(frozen=True)
class Unreadable:
    """Where ``load_json_parts`` left out a value, and why (one line)."""

    reason: str


def json_depth(content: bytes) -> int:
    """How deeply the arrays and objects of a JSON document nest (strings skipped)."""
    brackets = _JSON_STRING.sub(b"", content).translate(None, _NOT_BRACKETS)
    if not brackets:
        return 0
    codes = np.frombuffer(brackets, dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)
    return int(np.cumsum(steps).max())


def load_json(content: bytes | str) -> Any:
    """The parsed document; JSONRefused when it is not JSON or nests past MAX_JSON_DEPTH."""
    raw = _raw(content)
    if json_depth(raw) > MAX_JSON_DEPTH:
        raise JSONRefused(f"JSON {_TOO_DEEP}")
    return _loads(content)


def load_json_parts(content: bytes) -> Any:
    """The parsed document, each array or object that opens past MAX_JSON_DEPTH (and each
    integer too long to convert) replaced by an ``Unreadable``; JSONRefused when it is not
    JSON. Linear in the document's size, whatever its depth."""
    if json_depth(content) <= MAX_JSON_DEPTH:
        return _loads(content, _number_hooks(None))
    marker = f"-0.{secrets.randbelow(10**18):018d}1e-7"  # a literal this document lacks
    return _loads(_cut_deep(content, marker.encode()), _number_hooks(marker))


def repair_json(content: bytes) -> Any:
    """What a JSON document with a syntax error most likely says (json-repair's reading);
    JSONRefused when it is too big to repair, nests past MAX_JSON_DEPTH or is not UTF-8."""
    if len(content) > MAX_REPAIRED:
        raise JSONRefused(f"invalid JSON, and over {MAX_REPAIRED:,} bytes to repair")
    if json_depth(content) > MAX_JSON_DEPTH:
        raise JSONRefused(f"JSON {_TOO_DEEP}")
    try:
        return json_repair.loads(content.decode("utf-8-sig"), skip_json_loads=True)
    except (ValueError, RecursionError) as exc:  # not text, or a number too long to convert
        raise JSONRefused(f"invalid JSON, not repaired ({exc})") from exc


def unreadable_part(value: object) -> Unreadable | None:
    """The first ``Unreadable`` inside ``value`` (walked without recursion), or None."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, Unreadable):
            return item
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return None


def _raw(content: bytes | str) -> bytes:
    return content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content


def _cut_deep(raw: bytes, marker: bytes) -> bytes:
    """``raw`` with each array or object opening at depth MAX_JSON_DEPTH + 1 replaced by
    ``marker``: brackets are found with strings blanked (same length, so offsets hold)."""
    blanked = _JSON_STRING.sub(lambda match: b'"' + b" " * (len(match[0]) - 2) + b'"', raw)
    codes = np.frombuffer(blanked, dtype=np.uint8)
    opens = (codes == ord("[")) | (codes == ord("{"))
    at = np.flatnonzero(opens | (codes == ord("]")) | (codes == ord("}")))
    steps = np.where(opens[at], 1, -1).astype(np.int32)
    depth = np.cumsum(steps)
    # depth moves by one, so crossings of the cut alternate: in, out, in, out ...
    starts = at[(steps == 1) & (depth == MAX_JSON_DEPTH + 1)]
    ends = at[(steps == -1) & (depth == MAX_JSON_DEPTH)]
    if len(ends) < len(starts):
        raise JSONRefused("invalid JSON (an array or object is never closed)")
    pieces: list[bytes] = []
    previous = 0
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        pieces += (raw[previous:start], marker)
        previous = end + 1
    pieces.append(raw[previous:])
    return b"".join(pieces)


def _number_hooks(marker: str | None) -> dict[str, Callable[[str], Any]]:
    too_deep = Unreadable(_TOO_DEEP)

    def parse_int(text: str) -> int | Unreadable:
        try:
            return int(text)
        except ValueError as exc:  # past sys.get_int_max_str_digits()
            return Unreadable(f"number not converted ({str(exc).split(';')[0]})")

    def parse_float(text: str) -> float | Unreadable:
        return too_deep if text == marker else float(text)

    return {"parse_int": parse_int, "parse_float": parse_float}


def _loads(content: bytes | str, hooks: dict[str, Callable[[str], Any]] | None = None
           ) -> Any:
    try:
        return json.loads(content, **(hooks or {}))
    except RecursionError as exc:  # not reached past the depth check; kept as a last guard
        raise JSONRefused(f"JSON {_TOO_DEEP}") from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, over-long integers
        raise JSONRefused(f"invalid JSON ({exc})") from exc
