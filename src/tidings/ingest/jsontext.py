"""JSON from outside (JSON Feeds, JSON Lines records), read with its nesting bounded.

``json.loads`` recurses once per level and raises RecursionError past about 1,000 (fewer
when called from deep in a stack); the depth is measured first instead, in C-speed passes.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np

MAX_JSON_DEPTH = 64
"""Deepest nesting of arrays and objects accepted (real feeds and records stay under 8)."""

_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class JSONRefused(ValueError):
    """Not JSON, or JSON nested too deeply; the message is one line."""


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
    raw = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    if json_depth(raw) > MAX_JSON_DEPTH:
        raise JSONRefused(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(content)
    except RecursionError as exc:  # not reached past the depth check; kept as a last guard
        raise JSONRefused(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from exc
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, over-long integers
        raise JSONRefused(f"invalid JSON ({exc})") from exc
