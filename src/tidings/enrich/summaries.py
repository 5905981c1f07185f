"""Summaries of one article and of a story several outlets told, extractive by default.

An article's sentences are scored by lead position, centrality (TextRank over TF-IDF or
embedding similarity) and closeness to the headline; the TL;DR comes from the lead and the key
points are picked by maximal marginal relevance, so no two say the same thing. A story's
summary keeps one sentence per fact: sentences that several outlets share are one fact, which
counts as corroborated, and each point cites the article and sentence it came from. With an
LLM client the article summary is written by the model instead, falling back on failure.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tidings.enrich.llm import LLMClient, LLMError, plain_text
from tidings.enrich.sentences import Embedder, content_terms, iter_sentences, unit_rows, words
from tidings.enrich.shown import shown_pieces, standalone

_log = logging.getLogger(__name__)

_MAX_LLM_CHARS = 12_000
_STORY_DEPTH = 15
"""Sentences read from each article of a story: the facts that matter sit near the top."""
MAX_CANDIDATES = 200
"""Most sentences an article summary weighs (the first ones): scoring compares every pair,
so an article of 20,000 sentences would take minutes and gigabytes."""
_STORY_CANDIDATES = 600
"""The same bound for a story: `_STORY_DEPTH` sentences of each of its first 40 articles,
fewer of each beyond."""
STORY_ARTICLES = _STORY_CANDIDATES
"""Most articles a story summary reads (the first ones): one sentence each at most."""


@dataclass(frozen=True)
class ArticleSummary:
    """A TL;DR of one or two sentences and up to five key points, in article order."""

    tldr: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class StoryArticleText:
    """One article of a story, as the story summary reads it."""

    article_id: int
    title: str
    text: str


@dataclass(frozen=True)
class StoryPoint:
    """One fact of a story, cited as sentence `sentence_index` of `split_sentences(text)`."""

    text: str
    article_id: int
    sentence_index: int
    corroborated_by: tuple[int, ...] = ()
    """Other articles of the story that report the same fact."""


@dataclass(frozen=True)
class StorySummary:
    """The story's lead fact and its other key facts, most important first."""

    tldr: StoryPoint | None
    points: tuple[StoryPoint, ...]


@dataclass(frozen=True)
class _Candidate:
    index: int
    """Position in `split_sentences(text)`."""
    text: str
    """The sentence as shown: the exact sentence less any dateline."""
    terms: frozenset[str]


def summarize_article(
    title: str,
    text: str,
    *,
    embedder: Embedder | None = None,
    max_points: int = 5,
    llm: LLMClient | None = None,
) -> ArticleSummary:
    """A TL;DR and 3 to `max_points` key points (fewer when the article is shorter)."""
    if llm is not None:
        try:
            return summarize_with_llm(llm, title, text)
        except LLMError as exc:
            _log.warning("llm_summary_failed error=%s", exc)
    candidates = _candidates(title, text, MAX_CANDIDATES)
    if not candidates:
        return ArticleSummary("", ())
    title_vector, *rows = _vectors([title, *(c.text for c in candidates)], embedder)
    vectors = np.array(rows)
    sim = vectors @ vectors.T
    lead = 1 / np.sqrt(1 + np.arange(len(candidates)))
    scores = 0.4 * _textrank(sim) + 0.3 * np.clip(vectors @ title_vector, 0, 1) + 0.3 * lead
    duplicate = _duplicates(candidates, sim, 0.8 if embedder else 0.5, 0.5)
    tldr = _tldr(candidates, scores, duplicate)
    count = min(max_points, max(3, len(candidates) // 4))
    points = _mmr(scores, sim, duplicate, tldr, count)
    return ArticleSummary(
        " ".join(candidates[i].text for i in tldr),
        tuple(candidates[i].text for i in sorted(points)),
    )


def summarize_story(
    articles: Sequence[StoryArticleText],
    *,
    embedder: Embedder | None = None,
    max_points: int = 5,
) -> StorySummary:
    """One point per fact across the articles, corroborated and early facts first."""
    owners: list[int] = []
    candidates: list[_Candidate] = []
    depth: list[int] = []
    per_article = max(1, min(_STORY_DEPTH, _STORY_CANDIDATES // max(1, len(articles))))
    for article in articles[:STORY_ARTICLES]:
        found = _candidates(article.title, article.text, per_article)
        owners += [article.article_id] * len(found)
        depth += range(len(found))
        candidates += found
    if not candidates:
        return StorySummary(None, ())
    vectors = _vectors([c.text for c in candidates], embedder)
    sim = vectors @ vectors.T
    same_fact = _duplicates(candidates, sim, 0.65 if embedder else 0.3, 0.35)
    support = _corroboration(same_fact, np.array(owners))
    share = np.array([len(s) for s in support]) / max(1, len(set(owners)) - 1)
    centrality = np.clip(vectors @ unit_rows(vectors.mean(axis=0, keepdims=True))[0], 0, 1)
    scores = 0.35 * centrality + 0.35 * share + 0.3 / np.sqrt(1 + np.array(depth))
    picked = _mmr(scores, sim, same_fact, [], max_points + 1)
    facts = [
        StoryPoint(candidates[i].text, owners[i], candidates[i].index, support[i]) for i in picked
    ]
    return StorySummary(facts[0] if facts else None, tuple(facts[1:]))


def summarize_with_llm(client: LLMClient, title: str, text: str) -> ArticleSummary:
    """The model's TL;DR and key points of one article; LLMError when it gives none."""
    reply = client.chat(
        [
            {
                "role": "system",
                "content": "You summarise news articles using only facts stated in the article. "
                "Reply in plain text without Markdown: first a line 'TL;DR: ' with one or two "
                "sentences, then 3 to 5 lines, each starting with '- ', giving the key points "
                "in the order the article tells them.",
            },
            {"role": "user", "content": f"Title: {title}\n\n{text[:_MAX_LLM_CHARS]}"},
        ]
    )
    tldr, points = "", []
    for line in plain_text(reply).splitlines():
        if line.lower().startswith("tl;dr:"):
            tldr = line[6:].strip()
        elif re.match(r"^(?:[-*\u2022]|\d+[.)])\s+", line):
            points.append(re.sub(r"^(?:[-*\u2022]|\d+[.)])\s+", "", line))
    if not tldr:
        raise LLMError("the model's summary had no 'TL;DR:' line")
    return ArticleSummary(tldr, tuple(points[:5]))


def _candidates(title: str, text: str, limit: int) -> list[_Candidate]:
    """The first `limit` sentences fit to stand alone in a summary, with their positions: each
    the piece of a sentence that shows (`shown.shown_pieces`: markup, captions and a glued
    byline or template name off, the sentences a heading glued together apart), its position
    still that of the whole in `split_sentences(text)`."""
    title_terms = frozenset(content_terms(title))
    found: list[_Candidate] = []
    for index, raw in enumerate(iter_sentences(text)):
        for sentence in shown_pieces(raw):
            terms = frozenset(content_terms(sentence))
            if len(found) < limit and standalone(sentence) and _jaccard(terms, title_terms) < 0.8:
                found.append(_Candidate(index, sentence, terms))
        if len(found) == limit:
            break
    return found


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _vectors(texts: list[str], embedder: Embedder | None) -> np.ndarray:
    """Unit row vectors: the embedder's, or sublinear TF-IDF over the texts themselves."""
    if embedder is not None:
        return unit_rows(np.asarray(embedder.encode(texts), dtype=np.float32))
    term_lists = [content_terms(text) for text in texts]
    vocabulary = {term: i for i, term in enumerate(sorted({t for ts in term_lists for t in ts}))}
    counts = np.zeros((len(texts), max(1, len(vocabulary))), dtype=np.float32)
    for row, terms in enumerate(term_lists):
        for term in terms:
            counts[row, vocabulary[term]] += 1
    idf = np.log((1 + len(texts)) / (1 + (counts > 0).sum(axis=0))) + 1
    return unit_rows(np.log1p(counts) * idf)


def _textrank(sim: np.ndarray, damping: float = 0.85, rounds: int = 40) -> np.ndarray:
    """PageRank over the sentence-similarity graph, scaled so the most central sentence is 1."""
    weights = np.clip(sim, 0, None)
    np.fill_diagonal(weights, 0)
    size = len(weights)
    totals = weights.sum(axis=1, keepdims=True)
    uniform = np.full_like(weights, 1 / size)
    transition = np.divide(weights, totals, out=uniform, where=totals > 0)
    rank: np.ndarray = np.full(size, 1 / size)
    for _ in range(rounds):
        rank = (1 - damping) / size + damping * transition.T @ rank
    scaled: np.ndarray = rank / rank.max()
    return scaled


def _duplicates(
    candidates: list[_Candidate], sim: np.ndarray, cosine: float, jaccard: float
) -> np.ndarray:
    """Which pairs state the same thing: close vectors or mostly the same content words."""
    return (sim >= cosine) | (_overlaps(candidates) >= jaccard)


def _overlaps(candidates: list[_Candidate]) -> np.ndarray:
    """The Jaccard similarity of every pair's content words (0 where either has none), from
    one product of the incidence matrix of the words two or more sentences share: pair by
    pair in Python it took seconds for the hundreds of sentences of a big story."""
    counts = Counter(term for candidate in candidates for term in candidate.terms)
    vocabulary = {term: n for n, term in enumerate(t for t, seen in counts.items() if seen > 1)}
    incidence = np.zeros((len(candidates), max(1, len(vocabulary))), dtype=np.float32)
    for row, candidate in enumerate(candidates):
        incidence[row, [vocabulary[t] for t in candidate.terms if t in vocabulary]] = 1
    shared = (incidence @ incidence.T).astype(np.float64)
    sizes = np.array([len(c.terms) for c in candidates], dtype=np.float64)
    union = sizes[:, None] + sizes[None, :] - shared
    overlap: np.ndarray = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    return overlap


def _tldr(candidates: list[_Candidate], scores: np.ndarray, duplicate: np.ndarray) -> list[int]:
    """The best of the first three sentences, and the next one too when it is short."""
    first = int(np.argmax(scores[:3]))
    follower = first + 1
    short = len(words(candidates[first].text)) < 15
    if short and follower < len(candidates) and not duplicate[first, follower]:
        return [first, follower]
    return [first]


def _mmr(
    scores: np.ndarray, sim: np.ndarray, duplicate: np.ndarray, chosen: list[int], count: int
) -> list[int]:
    """Up to `count` more sentences by maximal marginal relevance, never a duplicate."""
    picked = list(chosen)
    while len(picked) < len(chosen) + count:
        blocked = duplicate[:, picked].any(axis=1) if picked else np.zeros(len(scores), bool)
        redundancy = sim[:, picked].max(axis=1) if picked else np.zeros(len(scores))
        value = np.where(blocked, -np.inf, 0.7 * scores - 0.3 * redundancy)
        best = int(np.argmax(value))
        if not np.isfinite(value[best]):
            break
        picked.append(best)
    return picked[len(chosen) :]


def _corroboration(same_fact: np.ndarray, owners: np.ndarray) -> list[tuple[int, ...]]:
    """For each sentence, the other articles with a sentence stating the same fact."""
    return [
        tuple(sorted({int(a) for a in owners[same_fact[i]] if a != owners[i]}))
        for i in range(len(owners))
    ]
