"""Bounds on the work of analysing one article, so hostile text costs seconds, not hours."""

from __future__ import annotations

import time
from dataclasses import dataclass

MAX_SENTENCE_TOKENS = 200
"""Longest sentence the parser is given: a page of words without punctuation becomes many."""


@dataclass(frozen=True)
class AnalysisLimits:
    """How long a sentence may be and how long the rules may take over one article.

    The text itself is bounded before the stage sees it (`max_article_chars`, see
    `pipeline.bounds`); parsing is linear in it, the rules after parsing are not always.
    """

    max_sentence_tokens: int = MAX_SENTENCE_TOKENS
    seconds: float = 60.0
    """Time budget of the rules (roles, events, quotes) for one article after parsing."""


class OverBudget(RuntimeError):
    """One article's analysis ran past its time budget; `str()` is one line."""


class Deadline:
    """The moment an article's budget runs out; `check` raises `OverBudget` past it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._at = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self._at:
            raise OverBudget(f"analysis ran past its {self.seconds:g} s budget")
