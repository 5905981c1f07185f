"""Schema.org metadata from `<script type="application/ld+json">` blocks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "blogposting",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "webpage",
    }
)


def article_object(tree: HtmlElement) -> dict[str, Any]:
    """The JSON-LD object describing the article (an Article type first, then a WebPage)."""
    found = [obj for obj in _objects(tree) if _types(obj) & _ARTICLE_TYPES]
    found.sort(key=lambda obj: "webpage" in _types(obj))
    return found[0] if found else {}


def names(value: object) -> list[str]:
    """The names in a JSON-LD person/organisation value (a string, an object or a list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in names(item)]
    return []


def _objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        yield from _flatten(data)


def _flatten(data: object) -> Iterator[dict[str, Any]]:
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                stack.extend(reversed(item["@graph"]))


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}
