"""How search snippets mark the matched words."""

from __future__ import annotations

import html
import re

MARK_START = "\x02"
"""Starts a matched word in a snippet (U+0002, which extracted text never contains)."""
MARK_END = "\x03"
"""Ends a matched word in a snippet (U+0003)."""
ELLIPSIS = "…"

_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")


def tidy_snippet(snippet: str | None) -> str:
    """The snippet on one line, runs of whitespace collapsed."""
    return " ".join((snippet or "").split())


def highlight_html(snippet: str, tag: str = "mark") -> str:
    """The snippet as safe HTML: text escaped, matched words wrapped in ``<tag>``."""
    marked = _MARKED.sub(rf"<{tag}>\1</{tag}>", html.escape(snippet))
    return marked.replace(MARK_START, "").replace(MARK_END, "")
