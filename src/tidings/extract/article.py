"""`extract_article`: main text and metadata of one news page."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata
from trafilatura.settings import Document
from trafilatura.utils import load_html

from tidings.model import ExtractedArticle

from .decode import decode_html
from .furniture import remove_furniture
from .images import lead_image
from .jsonld import article_object, names
from .metadata import (
    collect_meta,
    find_authors,
    find_canonical,
    find_lang,
    find_license,
    find_published,
    first,
    host_names,
    parse_datetime,
    squash,
    strip_site_suffix,
)

_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "outputformat": "%Y-%m-%dT%H:%M:%S",
}
_LIST_MARK = re.compile(r"^- ")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


class ExtractionError(ValueError):
    """The page has no article text; `str()` is a one-line reason."""


def extract_article(
    html: str | bytes, url: str | None = None, *, encoding: str | None = None
) -> ExtractedArticle:
    """Main text and metadata of a news page; raises ExtractionError when it has no text."""
    markup = decode_html(html, encoding) if isinstance(html, bytes) else html.replace("\x00", "")
    tree = _parse(markup)
    meta = collect_meta(tree)
    article = article_object(tree)
    found = _trafilatura_metadata(tree, url)
    canonical = find_canonical(tree, meta, url)
    image = lead_image(tree, meta, canonical or url)
    remove_furniture(tree)
    site_name = first(meta.get("og:site_name"), *names(article.get("publisher")), found.sitename)
    title = _title(meta, article, found, [site_name or "", *host_names(canonical or url)])
    return ExtractedArticle(
        url=canonical,
        title=title,
        text=main_text(tree, url, title),
        authors=find_authors(meta, article, found.author),
        published_at=find_published(tree, meta, article) or _htmldate(found.date),
        site_name=site_name,
        image=image,
        lang=find_lang(tree, meta, article),
        description=first(
            meta.get("description"),
            meta.get("og:description"),
            meta.get("twitter:description"),
            article.get("description"),
        ),
        license=find_license(tree, meta) or found.license,
    )


def main_text(tree: HtmlElement, url: str | None, title: str | None = None) -> str:
    """Trafilatura's main text of the (furniture-free) tree, paragraphs split by blank lines.

    A first line repeating the title is dropped: the title has its own field.
    """
    document = bare_extraction(
        tree, url=url, include_comments=False, favor_precision=True, include_tables=True
    )
    raw = (document.text or "") if isinstance(document, Document) else ""
    paragraphs = [line for line in map(_plain_line, raw.splitlines()) if line]
    if paragraphs and title and squash(paragraphs[0]) == squash(title):
        paragraphs.pop(0)
    text = "\n\n".join(paragraphs)
    if not text:
        raise ExtractionError("no article text found")
    return text


def _plain_line(line: str) -> str:
    """A line without list dashes and table pipes (trafilatura renders rows as "| a | b |")."""
    line = _LIST_MARK.sub("", line.strip())
    if line.startswith("|"):
        cells = (cell.replace("\\|", "|").strip() for cell in _CELL_SPLIT.split(line))
        line = " ".join(cell for cell in cells if cell)
    return line


def _parse(markup: str) -> HtmlElement:
    try:
        tree = load_html(markup)
    except (ValueError, TypeError) as error:
        raise ExtractionError(f"unreadable HTML: {error}") from error
    if tree is None:
        raise ExtractionError("no article text found: not an HTML document")
    return tree


def _trafilatura_metadata(tree: HtmlElement, url: str | None) -> Document:
    """Trafilatura's fallbacks: byline, sitename, title and the htmldate date."""
    try:
        return extract_metadata(tree, url, dict(_DATE_PARAMS))
    except (ValueError, TypeError, RecursionError):
        return Document()


def _title(
    meta: dict[str, str], article: dict[str, Any], found: Document, site_names: list[str]
) -> str | None:
    raw = first(
        meta.get("og:title"), article.get("headline"), meta.get("twitter:title"), found.title
    )
    return strip_site_suffix(raw, site_names) if raw else None


def _htmldate(value: str | None) -> datetime | None:
    return parse_datetime(value) if value else None
