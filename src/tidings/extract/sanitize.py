"""Clean HTML from the web before it is rendered: a small allow-list through nh3."""

from __future__ import annotations

import nh3

_TAGS = {
    "p",
    "br",
    "a",
    "em",
    "strong",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "h2",
    "h3",
    "h4",
}
_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
_URL_ATTRIBUTES = frozenset({"href", "src"})


def clean_html(fragment: str) -> str:
    """The fragment with only safe tags left; links get rel="nofollow noopener"."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_only_web_urls,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener",
        strip_comments=True,
    )


def _only_web_urls(tag: str, attribute: str, value: str) -> str | None:
    """Drop href/src values that are not absolute http(s) URLs (relative, data:, javascript:)."""
    if attribute in _URL_ATTRIBUTES and not value.strip().lower().startswith(
        ("http://", "https://")
    ):
        return None
    return value
