"""What a page names for readers' browsers to load or follow (its lead image, its own
canonical address) passes the same address rules as the fetcher's downloads, before it is
stored: a hostile page's `og:image` of http://10.0.0.1/ never reaches an article page.

Checked once, here, at ingest: literal addresses in every spelling a browser accepts, and
(when the page was fetched) the names, resolved as the fetcher would. Rendering trusts what
was stored; the reader's CSP allows only https: and data: images on top.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from tidings.ingest.netguard import AddressGuard, url_refusal
from tidings.model import ExtractedArticle

log = logging.getLogger(__name__)


def screen_page(page: ExtractedArticle, guard: AddressGuard | None, *, resolve: bool
                ) -> tuple[ExtractedArticle, tuple[str, ...]]:
    """The page without what fails `guard` (None: every address is allowed), and why: a
    refused image is dropped, a refused canonical address gives way to the fetched one."""
    if guard is None:
        return page, ()
    dropped = []
    if page.image is not None and (reason := url_refusal(page.image.url, guard,
                                                          resolve=resolve)):
        dropped.append(_refused("image", page.image.url, reason))
        page = replace(page, image=None)
    if page.url is not None and (reason := url_refusal(page.url, guard, resolve=resolve)):
        dropped.append(_refused("canonical address", page.url, reason))
        page = replace(page, url=None)
    return page, tuple(dropped)


def _refused(what: str, url: str, reason: str) -> str:
    log.warning("page_address_refused what=%s url=%r reason=%s", what, url[:200], reason)
    return f"{what} {url[:200]} left out: {reason}"
