"""`extract_article`: main text and metadata of one news page."""

from __future__ import annotations

import re
from copy import copy
from datetime import datetime

from lxml.etree import ElementDefaultClassLookup, LxmlError
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    fromstring,
)
from trafilatura import bare_extraction
from trafilatura.metadata import extract_license, extract_metadata
from trafilatura.settings import Document, Extractor
from trafilatura.utils import is_dubious_html, repair_faulty_html

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
_PARSER = HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
    remove_pis=True,
)
"""Trafilatura's parser settings, with one element class for every tag: lxml.html's lookup of
a class per tag (for form elements) is a Python call for each element an lxml call returns."""
_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)
_OPTIONS = Extractor(output_format="python", precision=True, comments=False, tables=True)
"""Trafilatura's options for the main text, read from its config once (as its own command line
does): each page gets a copy with its URL."""
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
    own_title = first(meta.get("og:title"), article.get("headline"), meta.get("twitter:title"))
    site_name = first(meta.get("og:site_name"), *names(article.get("publisher")))
    authors = find_authors(meta, article, None)
    published = find_published(tree, meta, article)
    licence = find_license(tree, meta) or _trafilatura_license(tree)
    # trafilatura's metadata pass, for what the page's own metadata leaves out
    found = Document() if own_title and site_name and authors and published else (
        _trafilatura_metadata(tree, url))
    canonical = find_canonical(tree, meta, url)
    image = lead_image(tree, meta, canonical or url)
    remove_furniture(tree)
    site_name = site_name or first(found.sitename)
    raw_title = own_title or first(found.title)
    site_names = [site_name or "", *host_names(canonical or url)]
    title = strip_site_suffix(raw_title, site_names) if raw_title else None
    return ExtractedArticle(
        url=canonical,
        title=title,
        text=main_text(tree, url, title),
        authors=authors or find_authors(meta, article, found.author),
        published_at=published or _htmldate(found.date),
        site_name=site_name,
        image=image,
        lang=find_lang(tree, meta, article),
        description=first(
            meta.get("description"),
            meta.get("og:description"),
            meta.get("twitter:description"),
            article.get("description"),
        ),
        license=licence,
    )


def main_text(tree: HtmlElement, url: str | None, title: str | None = None) -> str:
    """Trafilatura's main text of the (furniture-free) tree, paragraphs split by blank lines.

    A first line repeating the title is dropped: the title has its own field.
    """
    options = copy(_OPTIONS)
    options.url = options.source = url
    document = bare_extraction(tree, options=options)
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
    """The page's tree, as trafilatura's `load_html` parses a string (same repair and checks)
    but by `_PARSER`."""
    beginning = markup[:50].lower()
    markup = repair_faulty_html(markup, beginning)
    tree = _fromstring(markup)
    if tree is None or len(tree) < 1:  # e.g. a str with an encoding declaration
        tree = _fromstring(markup.encode("utf-8", "surrogatepass"))
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2):
        raise ExtractionError("no article text found: not an HTML document")
    return tree


def _fromstring(markup: str | bytes) -> HtmlElement | None:
    try:
        return fromstring(markup, parser=_PARSER)
    except (ValueError, LxmlError):
        return None


def _trafilatura_metadata(tree: HtmlElement, url: str | None) -> Document:
    """Trafilatura's fallbacks: byline, sitename, title and the htmldate date."""
    try:
        return extract_metadata(tree, url, dict(_DATE_PARAMS))
    except (ValueError, TypeError, RecursionError):
        return Document()


def _trafilatura_license(tree: HtmlElement) -> str | None:
    """Trafilatura's licence (a footer link naming one), cleaned as its metadata pass does."""
    found = Document()
    try:
        found.license = extract_license(tree)
    except (ValueError, TypeError, RecursionError):
        return None
    found.clean_and_trim()
    return found.license


def _htmldate(value: str | None) -> datetime | None:
    return parse_datetime(value) if value else None
