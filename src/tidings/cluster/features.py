"""What clustering needs to know of one article, computed once."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from tidings.cluster.embed import Embedder
from tidings.cluster.options import ClusterOptions
from tidings.cluster.series import names_in_title
from tidings.cluster.text import entities, is_title_case, terms
from tidings.cluster.tfidf import DocumentFrequencies, weigh

ENTITY_PREFIX = "e:"
TERM_PREFIX = "t:"
MENTIONS_TEXT = 500


@dataclass(frozen=True)
class ArticleFeatures:
    """An article's vectors, weighted terms, capitalised phrases and blocking keys."""

    title: str
    source: str
    published_at: datetime
    vector: np.ndarray
    """Unit embedding of headline plus lead."""
    title_vector: np.ndarray
    """Unit embedding of the headline alone."""
    terms: dict[str, float]
    """Unit-norm TF-IDF weights."""
    entities: dict[str, float]
    """Capitalised phrases and their IDF."""
    keys: tuple[str, ...]
    """Blocking keys: where to look for candidate stories."""
    title_names: dict[str, float]
    """The capitalised phrases (of `entities`) that the headline writes."""
    written: dict[str, str]
    """Each of `entities` as the article first spells it ("mccain": "McCain")."""
    mentions: frozenset[str]
    """Every content term and capitalised phrase word of headline and text; empty without a
    text of `MENTIONS_TEXT` characters, where what it leaves out tells nothing."""


def document_keys(title: str, text: str) -> tuple[Counter[str], dict[str, str]]:
    """Term counts and capitalised phrases (folded, to their spelling) of an article, before
    any weighting."""
    found = entities(text)
    if not is_title_case(title):
        found = entities(title) | found
    return terms(f"{title}\n{title}\n{text}"), found


def featurize(
    title: str,
    text: str,
    published_at: datetime,
    source: str,
    embedder: Embedder,
    df: DocumentFrequencies,
    options: ClusterOptions,
) -> ArticleFeatures:
    """Features of one article; counts the article into `df` first, then weighs by it."""
    term_counts, phrases = document_keys(title, text)
    df.add([*term_counts, *(ENTITY_PREFIX + p for p in phrases)])
    lead = f"{title}. {text[: options.embed_chars]}" if text.strip() else title
    vector, title_vector = embedder.encode([lead, title])
    weights = weigh(term_counts, df, options.article_terms)
    rarity = {p: df.idf(ENTITY_PREFIX + p) for p in phrases}
    cap = options.key_cap(df.docs)
    top_terms = [t for t in list(weights)[: options.key_terms] if df.counts[t] <= cap]
    top_entities = [e for e in sorted(rarity, key=lambda p: (-rarity[p], p))[: options.key_entities]
                    if df.counts[ENTITY_PREFIX + e] <= cap]
    keys = (*(TERM_PREFIX + t for t in top_terms), *(ENTITY_PREFIX + e for e in top_entities))
    return ArticleFeatures(
        title=title,
        source=source,
        published_at=published_at,
        vector=vector,
        title_vector=title_vector,
        terms=weights,
        entities=rarity,
        keys=keys,
        title_names=names_in_title(title, rarity),
        written={p: phrases[p] for p in rarity},
        mentions=(frozenset(term_counts).union(*(p.split() for p in phrases))
                  if len(text) >= MENTIONS_TEXT else frozenset()),
    )
