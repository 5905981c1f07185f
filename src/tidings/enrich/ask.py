"""Answers to "Ask about this story": made of the coverage's own sentences, with citations.

Retrieval scores every sentence with BM25 over stemmed content words, how much of the
question's content (weighted by IDF) it covers, cues for the kind of question (a date for
"when", a number for "how many", a name for "who") and, when an embedder is given, embedding
similarity. The answer is the best 1 to 3 sentences, or "I don't know" when no sentence covers
the question's content words: answering wrongly is worse than not answering. With an LLM
client the model writes the answer from the best passages and must cite them.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tidings.enrich.llm import LLMClient, LLMError, plain_text
from tidings.enrich.sentences import (
    Embedder,
    content_terms,
    split_sentences,
    unit_rows,
    words,
)
from tidings.enrich.shown import leans_back, presentable, shown_pieces, standalone

_log = logging.getLogger(__name__)

DONT_KNOW = "I don't know."
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_CUES = {
    "number": re.compile(
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
        r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|percent)\b",
        re.I,
    ),
    "date": re.compile(
        rf"\b(?:(?:{_MONTHS})\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:1[89]|20)\d\d\b|"
        r"today|yesterday|tomorrow|tonight|weekend|(?:last|next) (?:week|month|year)|ago\b|"
        r"since\b)",
        re.I,
    ),
    "person": re.compile(
        r"\b[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][a-z'\-]+|\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.? [A-Z]|"
        r"(?i:\b(?:president|minister|spokes(?:man|woman|person)|chairman|leader|secretary|judge|"
        r"chief|director|ambassador|king|queen|governor|senator|mayor|officials?|police|council|"
        r"court|government|committee|party|company)\b)"
    ),
    "place": re.compile(r"\b(?:in|at|from|near|to|outside)\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z][a-z]"),
}
_KINDS = (
    (
        "number",
        re.compile(
            r"\bhow (?:many|much|long|old|far|big|large)\b|"
            r"\bwhat (?:number|percentage|share)\b",
            re.I,
        ),
    ),
    ("date", re.compile(r"\bwhen\b|\b(?:what|which) (?:year|date|day|month|time)\b", re.I)),
    ("person", re.compile(r"^\s*(?:who|whom|whose)\b", re.I)),
    (
        "place",
        re.compile(r"\bwhere\b|\b(?:which|what) (?:country|city|town|province|region)\b", re.I),
    ),
)
_CITED = re.compile(r"(?<!\s)\s*\[(\d+(?:\s*,\s*\d+)*)\]")
"""A citation mark and the spaces before it, tried where those spaces start (linear)."""
_LLM_PASSAGES = 8
_CONTEXT_BACK = 3


@dataclass(frozen=True)
class Passage:
    """One sentence of the coverage: sentence `sentence_index` of `split_sentences(text)`."""

    article_id: int
    sentence_index: int
    text: str


@dataclass(frozen=True)
class Citation:
    """An exact sentence an answer rests on, for the reader to follow up."""

    article_id: int
    sentence_index: int
    sentence: str


@dataclass(frozen=True)
class Answer:
    """The answer text, the sentences it rests on, and whether it is an answer at all."""

    text: str
    citations: tuple[Citation, ...]
    confident: bool


DONT_KNOW_ANSWER = Answer(DONT_KNOW, (), False)


def passages_of(article_id: int, text: str) -> list[Passage]:
    """Every sentence of one article as a passage."""
    return [Passage(article_id, i, s) for i, s in enumerate(split_sentences(text))]


def answer(
    question: str,
    passages: Sequence[Passage],
    *,
    embedder: Embedder | None = None,
    llm: LLMClient | None = None,
) -> Answer:
    """The best-supported answer to `question` from `passages`, or "I don't know"."""
    ranked = _rank(question, passages, embedder)
    if llm is not None and ranked and ranked[0].coverage > 0:
        try:
            return answer_with_llm(llm, question, [s.passage for s in ranked[:_LLM_PASSAGES]])
        except LLMError as exc:
            _log.warning("llm_answer_failed error=%s", exc)
    return _reply(question, [s for s in ranked if s.answers], passages)


def _reply(question: str, answering: list[_Scored], passages: Sequence[Passage]) -> Answer:
    """The best 1 to 3 answering sentences as the reader reads them (`_shown`), those scoring
    within 85% of the best shown; "I don't know" when none can be shown."""
    before = {(p.article_id, p.sentence_index): p for p in passages}
    asked = set(content_terms(question))
    parts: list[str] = []
    cited: list[Passage] = []
    best: float | None = None
    for scored in answering:
        if len(parts) == 3 or (best is not None and scored.score < 0.85 * best):
            break
        shown = _shown(scored.passage, asked, before)
        if shown is None:
            continue
        best = scored.score if best is None else best
        text, sources = shown
        if text not in parts:
            parts.append(text)
            cited += [p for p in sources if p not in cited]
    if not parts:
        return DONT_KNOW_ANSWER
    return Answer(" ".join(parts), tuple(_cite(p) for p in cited), True)


def _shown(passage: Passage, asked: set[str], before: dict[tuple[int, int], Passage]
           ) -> tuple[str, tuple[Passage, ...]] | None:
    """The piece of the passage that answers, markup, captions and transcript glue off
    (`shown.shown_pieces`), and the passages it rests on, itself first. A piece leaning on
    the sentence before it ("It said ...") comes after that sentence (past up to
    `_CONTEXT_BACK` - 1 lines of markup, a heading or a list between); None when nothing can
    be shown."""
    pieces = [p for p in shown_pieces(passage.text) if presentable(p)]
    if not pieces:
        return None
    piece = max(pieces, key=lambda p: len(asked.intersection(content_terms(p))))
    if not leans_back(piece):
        return piece, (passage,)
    for back in range(1, _CONTEXT_BACK + 1):
        previous = before.get((passage.article_id, passage.sentence_index - back))
        if previous is None:
            return None
        context = [p for p in shown_pieces(previous.text) if standalone(p)]
        if context:
            return f"{context[-1]} {piece}", (passage, previous)
        if any(presentable(p) for p in shown_pieces(previous.text)):
            return None  # prose the piece leans on, that cannot be shown
    return None


def answer_with_llm(client: LLMClient, question: str, passages: Sequence[Passage]) -> Answer:
    """The model's answer from numbered passages, kept only if it cites at least one."""
    numbered = "\n".join(f"[{n}] {' '.join(p.text.split())}" for n, p in enumerate(passages, 1))
    reply = client.chat(
        [
            {
                "role": "system",
                "content": "Answer the question using ONLY the numbered passages. After each "
                "statement cite the passages it comes from by number in square brackets, like "
                "[3]. Reply in plain text. If the passages do not answer the question, reply "
                f"exactly: {DONT_KNOW}",
            },
            {"role": "user", "content": f"Passages:\n{numbered}\n\nQuestion: {question}"},
        ]
    )
    cited = _cited_numbers(reply, len(passages))
    text = plain_text(_CITED.sub("", reply))
    if not cited or not text or text.lower().startswith("i don't know"):
        return DONT_KNOW_ANSWER
    return Answer(text, tuple(_cite(passages[n - 1]) for n in cited), True)


@dataclass(frozen=True)
class _Scored:
    passage: Passage
    score: float
    coverage: float
    answers: bool
    """Covers enough of the question, and has what its kind of question asks for."""


def _rank(question: str, passages: Sequence[Passage], embedder: Embedder | None) -> list[_Scored]:
    kind, topic = _kind(question)
    asked = list(dict.fromkeys(content_terms(topic)))
    if not asked or not passages:
        return []
    docs = [content_terms(p.text) for p in passages]
    idf = _idf(docs)
    bm25 = _bm25(asked, docs, idf)
    weights = {t: idf.get(t, _unseen_idf(len(docs))) for t in asked}
    coverage = np.array([sum(weights[t] for t in set(asked) & set(d)) for d in docs], float)
    coverage /= sum(weights.values())
    known = set(words(question))
    cue = np.array([kind is None or _has_new_cue(_CUES[kind], p.text, known) for p in passages])
    score = 0.5 * bm25 / max(bm25.max(), 1e-9) + 0.5 * coverage + 0.2 * cue
    if embedder is not None:
        score = score + 0.3 * _similarity(question, passages, embedder)
    enough = _required_coverage(asked, idf)
    scored = [
        _Scored(p, float(score[i]), float(coverage[i]), bool(cue[i] and coverage[i] >= enough))
        for i, p in enumerate(passages)
    ]
    return sorted(scored, key=lambda s: -s.score)


def _kind(question: str) -> tuple[str | None, str]:
    """What the question asks for ("number", "date", "person", "place" or None), and the
    question less the words that say so ("how long", "what year")."""
    for kind, pattern in _KINDS:
        found = pattern.search(question)
        if found:
            return kind, question[: found.start()] + " " + question[found.end() :]
    return None, question


def _has_new_cue(cue: re.Pattern[str], text: str, known: set[str]) -> bool:
    """Whether `text` has what the question asks for beyond the question's own words."""
    return any(not set(words(found.group(0))) <= known for found in cue.finditer(text))


def _required_coverage(asked: list[str], idf: dict[str, float]) -> float:
    """Share of the question's IDF weight an answer must cover: all of it for one or two
    terms, more when a term of the question appears nowhere in the coverage."""
    if len(asked) <= 2:
        return 0.999
    return 0.7 if any(t not in idf for t in asked) else 0.6


def _idf(docs: list[list[str]]) -> dict[str, float]:
    frequency = Counter(term for doc in docs for term in set(doc))
    n = len(docs)
    return {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}


def _unseen_idf(n: int) -> float:
    return math.log(1 + (n + 0.5) / 0.5)


def _bm25(
    asked: list[str], docs: list[list[str]], idf: dict[str, float], k1: float = 1.2, b: float = 0.75
) -> np.ndarray:
    """Okapi BM25 of each document for the question terms (non-negative IDF)."""
    average = max(1.0, sum(map(len, docs)) / len(docs))
    scores = np.zeros(len(docs))
    for i, doc in enumerate(docs):
        counts = Counter(doc)
        norm = k1 * (1 - b + b * len(doc) / average)
        scores[i] = sum(
            idf[t] * counts[t] * (k1 + 1) / (counts[t] + norm) for t in asked if t in counts
        )
    return scores


def _similarity(question: str, passages: Sequence[Passage], embedder: Embedder) -> np.ndarray:
    vectors = unit_rows(np.asarray(embedder.encode([question, *(p.text for p in passages)])))
    similarity: np.ndarray = np.clip(vectors[1:] @ vectors[0], 0, 1)
    return similarity


def _cited_numbers(reply: str, count: int) -> list[int]:
    """Passage numbers cited as [n] or [n, m], valid and in order of first citation."""
    numbers = (int(n) for group in _CITED.findall(reply) for n in group.split(","))
    return list(dict.fromkeys(n for n in numbers if 1 <= n <= count))


def _cite(passage: Passage) -> Citation:
    return Citation(passage.article_id, passage.sentence_index, passage.text)
