"""How much of an article the stages after extraction read: bounded, and said so.

An article is stored whole (its size is bounded by the fetcher's `max_body_bytes`), but
clustering and enrichment read at most `max_article_chars` of it, cut at a paragraph break,
so their time and memory stay bounded however much text a page holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from tidings.config import Settings


@dataclass(frozen=True)
class TextBound:
    """The most characters of one article that the analysing stages read."""

    max_chars: int

    @classmethod
    def from_settings(cls, settings: Settings) -> TextBound:
        return cls(settings.max_article_chars)

    def clip(self, text: str) -> str:
        """`text` up to `max_chars`, cut at the last paragraph break, line break or space in
        the second half of that span (a hard cut when there is none)."""
        if len(text) <= self.max_chars:
            return text
        head = text[: self.max_chars]
        for separator in ("\n\n", "\n", " "):
            cut = head.rfind(separator)
            if cut >= self.max_chars // 2:
                return head[:cut]
        return head

    def note(self, text: str) -> str | None:
        """What a clipped text leaves out, for the article's record; None when it fits."""
        if len(text) <= self.max_chars:
            return None
        return (f"text too long: analysed the first {len(self.clip(text)):,} of "
                f"{len(text):,} characters")

