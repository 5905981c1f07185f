"""Remove page furniture (navigation, promos, sharing, related links, comments) before
extraction. Elements are matched on the words of their class, id, role and aria-label."""

from __future__ import annotations

import re

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


def remove_furniture(tree: HtmlElement) -> None:
    """Drop furniture subtrees in place, sparing anything that holds the article itself."""
    body = tree.find("body")
    root = body if body is not None else tree
    spared = _article_ancestors(root)
    page_chars = max(len(root.text_content()), 1)
    doomed: list[HtmlElement] = []
    stack = list(reversed(root))
    while stack:
        element = stack.pop()
        if (
            element not in spared
            and _is_furniture(element)
            and (len(element.text_content()) <= _MAX_TEXT_SHARE * page_chars)
        ):
            doomed.append(element)
        else:
            stack.extend(reversed(element))
    for element in doomed:
        element.drop_tree()


def descriptor(element: HtmlElement) -> str:
    """The element's class, id, aria-label and itemprop as lower-case words."""
    raw = " ".join(element.get(name, "") for name in ("class", "id", "aria-label", "itemprop"))[
        :500
    ]
    if raw.isspace():  # most elements: no words to find (and no patterns to run)
        return ""
    return _SEPARATORS.sub(" ", _CAMEL.sub(r"\1 \2", raw).lower()).strip()


def _is_furniture(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in _FURNITURE_TAGS or element.get("role", "").lower() in _FURNITURE_ROLES:
        return True
    words = descriptor(element)
    return bool(words) and _WORDS.search(words) is not None and not _BODY_MARKERS.search(words)


def _article_ancestors(root: HtmlElement) -> set[HtmlElement]:
    """The headline, the densest text block, marked article bodies and all their ancestors."""
    markers = [el for el in root.iter() if isinstance(el.tag, str) and _marks_article(el)]
    densest = _densest_block(root)
    spared: set[HtmlElement] = set()
    for element in [*markers, *([densest] if densest is not None else [])]:
        node: HtmlElement | None = element
        while node is not None and node not in spared:
            spared.add(node)
            node = node.getparent()
    return spared


def _densest_block(root: HtmlElement) -> HtmlElement | None:
    """The element whose own text and paragraph children hold the most characters."""
    scores: dict[HtmlElement, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        own = len((element.text or "").strip()) + sum(len((c.tail or "").strip()) for c in element)
        scores[element] = scores.get(element, 0) + own
        parent = element.getparent()
        if element.tag == "p" and parent is not None:
            scores[parent] = scores.get(parent, 0) + len(element.text_content())
    return max(scores, key=scores.__getitem__) if scores else None


def _marks_article(element: HtmlElement) -> bool:
    return element.tag in _MARKER_TAGS or bool(_BODY_MARKERS.search(descriptor(element)))
