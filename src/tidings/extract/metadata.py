"""Article metadata from `<meta>`, `<link>`, JSON-LD and the `<html>` element."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from tidings.dedupe.exact import canonical_url

from .jsonld import names

_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " : ", " :: ", " · ", " » ", " / ", ": ")
_NOT_ALNUM = re.compile(r"[\W_]+")
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:words|written|posted|story|text)\s+)?(?:by|from)\b\s*:?\s*", re.I
)
_AUTHOR_SPLIT = re.compile(r"[,;|&]|\band\b", re.I)
"""Between names of a byline (each part is stripped after): no spaces around it, which made
splitting a long run of spaces quadratic."""
_LANG = re.compile(r"^\s*([a-zA-Z]{2})(?:[-_]|\s*$)")
_CC_URL = re.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/([0-9.]+)", re.I)
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
    "dcterms.created",
    "dc.date.issued",
    "dcterms.date",
    "dc.date",
    "date",
)
_RIGHTS_KEYS = ("dcterms.rights", "dc.rights", "copyright", "dcterms.license", "rights")


def collect_meta(tree: HtmlElement) -> dict[str, str]:
    """`<meta>` contents keyed by lower-case property, name, itemprop or http-equiv (first wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key and content:
                found.setdefault(key, content)
    return found


def first(*values: object) -> str | None:
    """The first non-blank string among the values, whitespace collapsed."""
    for value in values:
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def find_canonical(tree: HtmlElement, meta: dict[str, str], url: str | None) -> str | None:
    """rel=canonical, then og:url, then the given URL; without tracking parameters."""
    links = tree.xpath(
        '//link[contains(concat(" ", translate(@rel, "CANONICAL", "canonical"),'
        ' " "), " canonical ")]/@href'
    )
    for candidate in [*links[:1], meta.get("og:url")]:
        if isinstance(candidate, str) and candidate.strip():
            absolute = urljoin(url or "", candidate.strip())
            if _acceptable_canonical(absolute, url):
                return canonical_url(absolute)
    return canonical_url(url) if url else None


def _acceptable_canonical(candidate: str, url: str | None) -> bool:
    parts = urlsplit(candidate)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    given = urlsplit(url or "")
    is_homepage = parts.path in ("", "/") and not parts.query
    return not (is_homepage and given.path not in ("", "/"))


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """Remove a " | Site" suffix or "Site - " prefix when that part is the site's name."""
    wanted = {squash(name) for name in site_names if squash(name)}
    for separator in _SEPARATORS:
        if separator not in title:
            continue
        head, _, tail = title.rpartition(separator)
        if _is_site(tail, wanted) and head.strip():
            return strip_site_suffix(head.strip(), site_names)
        head, _, tail = title.partition(separator)
        if _is_site(head, wanted) and tail.strip():
            return tail.strip()
    return title


def squash(text: str) -> str:
    """Case-folded letters and digits only, for comparing names and titles."""
    return _NOT_ALNUM.sub("", text.casefold())


def _is_site(part: str, wanted: set[str]) -> bool:
    squashed = squash(part)
    if not squashed:
        return False
    return any(
        squashed == name or (len(name) > 3 and (name in squashed or squashed in name))
        for name in wanted
    )


def host_names(url: str | None) -> list[str]:
    """Names a site goes by in its host: "www.bbc.co.uk" gives "bbc.co.uk" and "bbc"."""
    host = urlsplit(url or "").hostname or ""
    host = host.removeprefix("www.")
    labels = [label for label in host.split(".") if len(label) > 3 or label == host.split(".")[0]]
    return [host, *labels[:1]] if host else []


def split_authors(values: list[str]) -> tuple[str, ...]:
    """Author names from raw strings: split on "and", commas and ";", "By " removed, deduped."""
    seen: dict[str, str] = {}
    for value in values:
        if value.strip().startswith(("http://", "https://")):
            continue
        for part in _AUTHOR_SPLIT.split(_BYLINE_PREFIX.sub("", value)):
            name = " ".join(_BYLINE_PREFIX.sub("", part).split()).strip(" .:-|")
            if name and len(name) <= 80 and any(ch.isalpha() for ch in name):
                seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def find_authors(
    meta: dict[str, str], article: dict[str, Any], byline: str | None
) -> tuple[str, ...]:
    """The first source that names someone: meta author, article:author, JSON-LD, byline."""
    sources = (
        [meta.get("author", "")],
        [meta.get("article:author", "")],
        names(article.get("author")),
        (byline or "").split(";"),
    )
    for source in sources:
        found = split_authors([value for value in source if value])
        if found:
            return found
    return ()


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 or RFC 2822 date as aware UTC; a naive value or bare date is taken as UTC."""
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.year < 1990:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def find_published(
    tree: HtmlElement, meta: dict[str, str], article: dict[str, Any]
) -> datetime | None:
    """JSON-LD datePublished, then publication `<meta>` tags, then `<time itemprop>`."""
    candidates = [
        article.get("datePublished"),
        *(meta.get(key) for key in _DATE_KEYS),
        *tree.xpath('//time[@itemprop="datePublished"]/@datetime')[:1],
    ]
    for candidate in candidates:
        if isinstance(candidate, str):
            parsed = parse_datetime(candidate)
            if parsed is not None:
                return parsed
    return None


def find_lang(tree: HtmlElement, meta: dict[str, str], article: dict[str, Any]) -> str | None:
    """A two-letter language code from `<html lang>`, content-language, og:locale or JSON-LD."""
    for value in (
        tree.get("lang"),
        tree.get("xml:lang"),
        meta.get("content-language"),
        meta.get("language"),
        meta.get("og:locale"),
        article.get("inLanguage"),
    ):
        match = _LANG.match(value) if isinstance(value, str) else None
        if match:
            return match.group(1).lower()
    return None


def find_license(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """A credit line from rel=license links and rights `<meta>`, licence URL kept inside."""
    link = next(
        iter(
            tree.xpath(
                '//*[@rel][self::a or self::link][contains(concat(" ", '
                'translate(@rel, "LICENSE", "license"), " "), " license ")]'
                "[@href]"
            )
        ),
        None,
    )
    href = link.get("href", "").strip() if link is not None else ""
    label = " ".join(link.text_content().split()) if link is not None else ""
    holder = first(*(meta.get(key) for key in _RIGHTS_KEYS))
    name = first(label, _cc_name(href)) if href else None
    words = " \u2014 ".join(part for part in (name, holder) if part and part != href)
    if href.startswith(("http://", "https://")):
        return f"{words} ({href})" if words else href
    return words or None


def _cc_name(href: str) -> str | None:
    match = _CC_URL.search(href)
    if not match:
        return None
    kind, version = match.group(2).lower(), match.group(3)
    if match.group(1).lower() == "publicdomain":
        return f"CC0 {version}" if kind == "zero" else f"Public Domain Mark {version}"
    return f"CC {kind.upper()} {version}"
