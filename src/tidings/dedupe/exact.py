"""Exact duplicates: one canonical form per URL and one fingerprint per text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from courlan import normalize_url

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def canonical_url(url: str) -> str:
    """The URL with tracking parameters, fragment and case noise removed.

    `courlan` (a trafilatura dependency) keeps a maintained list of tracking parameters
    (utm_*, fbclid, gclid, ...), so we use it rather than a list of our own.
    """
    url = url.strip()
    if urlsplit(url).scheme not in ("http", "https"):
        return url
    try:
        return str(normalize_url(url, strict=True))
    except ValueError:
        return url


def normalise_text(text: str) -> str:
    """Lower-case words only: punctuation, case, accents' forms and spacing do not count."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def text_fingerprint(text: str) -> str:
    """A stable hash of the normalised text; equal for texts that differ only in formatting."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()
