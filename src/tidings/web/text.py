"""Turning stored article text into safe, readable pieces for the templates.

Only `linkify` returns markup, built from escaped text; the templates escape every string the
other functions return.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote, urlsplit

import nh3
from markupsafe import Markup, escape

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_SPACE = re.compile(r"\s+")
_URL = re.compile(r"https?://[^\s<>\"'()]+[^\s<>\"'().,;:!?]")


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (separated by blank lines), each with its spacing tidied."""
    return [p for p in (_SPACE.sub(" ", part).strip() for part in _BLANK_LINE.split(text)) if p]


def plain_text(fragment: str) -> str:
    """A fragment that may hold HTML (a feed summary) as plain text, tags and scripts dropped."""
    if "<" not in fragment and "&" not in fragment:
        return _SPACE.sub(" ", fragment).strip()
    return _SPACE.sub(" ", html.unescape(nh3.clean(fragment, tags=set()))).strip()


def truncate_words(text: str, words: int = 40) -> str:
    """The first `words` words of the text, with an ellipsis when something was cut."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(",;:.—-") + "…"


def excerpt(description: str | None, text: str, words: int = 40) -> str:
    """The description when there is one, otherwise the first words of the text."""
    if description and (clean := plain_text(description)):
        return truncate_words(clean, words * 2)
    return truncate_words(text, words)


def byline(authors: Sequence[str]) -> str:
    """ "By A", "By A and B", "By A, B and C"; empty without authors."""
    names = [a.strip() for a in authors if a and a.strip()]
    if not names:
        return ""
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"


def host(url: str) -> str:
    """The host of a URL without a leading "www."."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def image_url(url: str | None) -> str | None:
    """An image address the pages may load: https only (the pages' CSP refuses plain http
    images, which would show as broken), otherwise None."""
    found = safe_url(url)
    return found if found and urlsplit(found).scheme.lower() == "https" else None


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL, otherwise None (no javascript:, data:...)."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def source_path(name: str) -> str:
    """The reader's URL path of an outlet's page."""
    return "/sources/" + quote(name, safe="")


def linkify(line: str) -> Markup:
    """The line escaped, with its http(s) URLs turned into links (rel="noopener nofollow")."""
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(line):
        url = escape(match.group(0))
        parts += [escape(line[last : match.start()]), _link(url)]
        last = match.end()
    parts.append(escape(line[last:]))
    return Markup("").join(parts)


def _link(url: Markup) -> Markup:
    return Markup('<a href="{0}" rel="noopener nofollow">{0}</a>').format(url)
