"""Extraction stage: main text and metadata of a news page, and HTML sanitising."""

from tidings.extract.article import ExtractionError, extract_article
from tidings.extract.decode import decode_html
from tidings.extract.sanitize import clean_html

__all__ = ["ExtractionError", "clean_html", "decode_html", "extract_article"]
