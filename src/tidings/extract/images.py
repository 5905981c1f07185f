"""The lead image: og:image or the article's first figure, with caption and credit."""

from __future__ import annotations

import copy
import re
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from tidings.model import Image

from .furniture import descriptor
from .metadata import first

_IMAGE_KEYS = (
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "twitter:image",
    "twitter:image:src",
)
_SRC_ATTRS = ("src", "data-src", "data-lazy-src", "data-original", "data-srcset", "srcset")
_CREDIT_WORDS = re.compile(
    r"(?<![a-z])(?:credits?|copyright|photographer|attribution|"
    r"photo ?credit|image ?credit|source|byline|author)(?![a-z])"
)
_CAPTION_WORDS = re.compile(r"(?<![a-z])(?:caption|figcaption|wp caption text)(?![a-z])")
_CREDIT_CHARS = 300
"""A credit is looked for in a caption's last characters only: the pattern's runs backtrack
quadratically over a long caption."""
_LABELLED_CREDIT = re.compile(
    r"(?:^|[\s.;,|])\(?(?:photo(?:graph)?s?|pictures?|images?|credits?|foto|illustration)"
    r"(?:\s+by|\s*:)\s*(?P<who>[^()]+?)\)?\s*$"
    r"|(?:^|\s)(?:©|\(c\)|copyright)\s*(?P<owner>[^()]+?)\s*$"
    r"|\((?P<paren>[^()]*(?:/|\bphoto\b|\bfile\b|\breuters\b|\bap\b|\bafp\b|\bgetty\b|\bepa\b)"
    r"[^()]*)\)\s*$",
    re.I,
)
_SIZE_SUFFIX = re.compile(r"[-_]\d{2,4}x\d{2,4}(?=\.\w+$)")


def lead_image(tree: HtmlElement, meta: dict[str, str], base_url: str | None) -> Image | None:
    """og:image (with the caption of the figure showing it), else the first article figure."""
    figures = _figures(tree)
    declared = _absolute(first(*(meta.get(key) for key in _IMAGE_KEYS)), base_url)
    if declared:
        match = next((fig for fig in figures if _same_image(_src(fig, base_url), declared)), None)
        return _with_caption(declared, match) if match is not None else Image(url=declared)
    for figure in figures:
        src = _src(figure, base_url)
        if src:
            return _with_caption(src, figure)
    return None


def split_credit(text: str) -> tuple[str | None, str | None]:
    """A caption's text and the credit written at its end ("Photo: X", "(Reuters/X)")."""
    text = " ".join(text.split())
    tail = max(0, len(text) - _CREDIT_CHARS)
    match = _LABELLED_CREDIT.search(text, tail)
    if not match:
        return text or None, None
    credit = first(match.group("who"), match.group("owner"), match.group("paren"))
    return text[: match.start()].strip(" ;,|-") or None, credit


def _figures(tree: HtmlElement) -> list[HtmlElement]:
    scoped: list[HtmlElement] = tree.xpath("//article//figure[.//img]")
    return scoped or list(tree.xpath("//figure[.//img]"))


def _src(figure: HtmlElement, base_url: str | None) -> str | None:
    for img in figure.iter("img"):
        for attr in _SRC_ATTRS:
            value = (img.get(attr) or "").strip().split(",")[0].split(" ")[0]
            absolute = _absolute(value, base_url)
            if absolute:
                return absolute
    return None


def _absolute(value: str | None, base_url: str | None) -> str | None:
    if not value:
        return None
    absolute = urljoin(base_url or "", value.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _same_image(src: str | None, declared: str) -> bool:
    def stem(url: str) -> str:
        return _SIZE_SUFFIX.sub("", urlsplit(url).path.rsplit("/", 1)[-1])

    return src is not None and stem(src) == stem(declared)


def _with_caption(url: str, figure: HtmlElement) -> Image:
    holder = copy.deepcopy(figure)
    credits = [
        el
        for el in holder.iter()
        if isinstance(el.tag, str) and el is not holder and _CREDIT_WORDS.search(descriptor(el))
    ]
    credit = first(*(el.text_content() for el in credits))
    for element in credits:
        element.drop_tree()
    captions = [
        el
        for el in holder.iter()
        if el.tag == "figcaption"
        or (isinstance(el.tag, str) and _CAPTION_WORDS.search(descriptor(el)))
    ]
    caption, written_credit = split_credit(captions[0].text_content() if captions else "")
    return Image(url=url, caption=caption, credit=_clean_credit(credit) or written_credit)


def _clean_credit(credit: str | None) -> str | None:
    if not credit:
        return None
    _, labelled = split_credit(credit)
    return labelled or credit.strip("() ")
