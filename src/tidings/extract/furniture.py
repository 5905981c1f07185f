"""Remove page furniture (navigation, promos, sharing, related links, comments) before
extraction. Elements are matched on the words of their class, id, role and aria-label."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

_WORDS = re.compile(
    r"""(?<![a-z0-9])(?<!has )(?<!with )(?<!no )(?<!show )(?<!is )(?:
        nav | navbar | navigation | menu | menubar | breadcrumbs? | skip\ ?links?
      | promo | promos | promotion | newsletter | newsletters | subscribe | subscription
      | signup | sign\ up | paywall | app\ ?(?:banner|download|promo|store) | get\ the\ app
      | cookies? | cookie\ ?banner | consent | gdpr
      | share | sharing | sharebar | share\ ?tools | social | socials | social\ ?media
      | related | related\ ?(?:articles|stories|links|content|posts) | more\ ?stories
      | recommended | recommendations | read\ ?more | most\ ?(?:read|popular|viewed|emailed)
      | popular | trending | outbrain | taboola
      | comments? | comment\ ?(?:list|section|form|thread) | disqus | discussion
      | ads? | advert | adverts | advertisement | advertising | adsense | dfp | sponsored
      | sponsor | partner\ ?content
      | footer | site\ ?footer | page\ ?footer | sidebar | toolbar | print\ ?tools
      | article\ ?tools | tags | keywords | byline\ ?share
      | byline | bylines | author\ ?(?:info|bio|box) | caption | captions | credit | credits
      | photo\ ?credit | dateline | date | timestamp | publish\ ?date | post\ ?date
    )(?![a-z0-9])""",
    re.VERBOSE,
)
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_FURNITURE_TAGS = frozenset({"nav", "figcaption"})
_FURNITURE_ROLES = frozenset(
    {
        "navigation",
        "complementary",
        "contentinfo",
        "search",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
    }
)
_MARKER_TAGS = frozenset({"main", "article", "h1"})
_BODY_MARKERS = re.compile(
    r"articlebody|article ?body|story ?body|entry ?content|post ?body"
    r"|post ?content|article ?content|story ?content|article ?text"
)
_MAX_TEXT_SHARE = 0.6
"""A candidate holding more of the page's text than this is a wrapper, not furniture."""


_DESCRIBED = (
    ".//*[@class or @id or @aria-label or @itemprop or @role or self::nav or self::figcaption]"
)
"""Elements that may be furniture (or mark the article): those with words to match, a role
or a furniture tag, in document order. Most of a page has none of these."""


def remove_furniture(tree: HtmlElement) -> None:
    """Drop furniture subtrees in place, sparing anything that holds the article itself."""
    body = tree.find("body")
    root = body if body is not None else tree
    described = {element: descriptor(element) for element in root.xpath(_DESCRIBED)}
    spared = _article_ancestors(root, described)
    page_chars = max(len(root.text_content()), 1)
    doomed: set[HtmlElement] = set()
    for element, words in described.items():  # ancestors first
        if (
            element not in spared
            and _is_furniture(element, words)
            and not any(ancestor in doomed for ancestor in element.iterancestors())
            and len(element.text_content()) <= _MAX_TEXT_SHARE * page_chars
        ):
            doomed.add(element)
    for element in doomed:
        element.drop_tree()


def descriptor(element: HtmlElement) -> str:
    """The element's class, id, aria-label and itemprop as lower-case words."""
    return _words(" ".join(element.get(name, "") for name in _DESCRIBING)[:500])


_DESCRIBING = ("class", "id", "aria-label", "itemprop")


@lru_cache(maxsize=8192)
def _words(raw: str) -> str:
    """(The same few class names come back all over a page, and on every page of a site.)"""
    if raw.isspace():  # most elements: no words to find (and no patterns to run)
        return ""
    return _SEPARATORS.sub(" ", _CAMEL.sub(r"\1 \2", raw).lower()).strip()


@lru_cache(maxsize=8192)
def _kind(words: str) -> tuple[bool, bool]:
    """Whether these words name furniture, and whether they mark an article body."""
    body = bool(words) and _BODY_MARKERS.search(words) is not None
    return bool(words) and not body and _WORDS.search(words) is not None, body


def _is_furniture(element: HtmlElement, words: str) -> bool:
    if element.tag in _FURNITURE_TAGS or element.get("role", "").lower() in _FURNITURE_ROLES:
        return True
    return _kind(words)[0]


def _article_ancestors(root: HtmlElement, described: dict[HtmlElement, str]
                       ) -> set[HtmlElement]:
    """The headline, the densest text block, marked article bodies and all their ancestors."""
    markers = [*root.xpath(_MARKERS), *(el for el, words in described.items() if _kind(words)[1])]
    densest = _densest_block(root)
    spared: set[HtmlElement] = set()
    for element in [*markers, *([densest] if densest is not None else [])]:
        node: HtmlElement | None = element
        while node is not None and node not in spared:
            spared.add(node)
            node = node.getparent()
    return spared


_MARKERS = "descendant-or-self::main|descendant-or-self::article|descendant-or-self::h1"


def _densest_block(root: HtmlElement) -> HtmlElement | None:
    """The element whose own text and paragraph children hold the most characters."""
    scores: dict[HtmlElement, int] = {}
    for text in root.xpath(_TEXTS):  # an element's own text, and the tails of its children
        owner = text.getparent()
        if text.is_tail:
            owner = owner.getparent()
        if owner is not None and owner.tag not in ("script", "style"):
            scores[owner] = scores.get(owner, 0) + len(text.strip())
    for paragraph in root.iter("p"):
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(paragraph.text_content())
    return max(scores, key=scores.__getitem__) if scores else None


_TEXTS = ".//text()[normalize-space()]"
