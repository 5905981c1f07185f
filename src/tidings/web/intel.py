"""What the enrichment stage adds to the article and story pages: "In brief", the people in
the story with their roles and status, quotes, the story summary, and "Ask about this story".

Everything here returns plain values for the templates (escaped there), except
`marked_paragraphs`, which builds its markup from escaped text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import Request
from markupsafe import Markup, escape
from sqlalchemy import Connection, Engine

from tidings.access.policy import caller
from tidings.access.quotas import ask_quota
from tidings.config import Settings
from tidings.enrich.llm import open_llm
from tidings.model import Article, EntityRef, QuoteRecord, StoryMember
from tidings.pipeline import questions
from tidings.store import articles as article_store

QUESTION_CHARS = 300
PEOPLE = 12
ORGANISATIONS = 6
PLACES = 8
STORY_QUOTES = 5
_SPACE = re.compile(r"\s+")
TYPE_NAMES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Place", "LOC": "Place"}


@dataclass(frozen=True)
class Cited:
    """A sentence an answer or a summary rests on, and where to read it."""

    text: str
    article_id: int
    title: str
    source: str
    href: str
    sentence_index: int | None = None


@dataclass(frozen=True)
class AskResult:
    question: str
    text: str
    confident: bool
    citations: tuple[Cited, ...]

    @property
    def extractive(self) -> bool:
        """Whether the answer is just the cited sentences (then each is shown with its link)."""
        return self.text == " ".join(c.text for c in self.citations)


def people_groups(found: Sequence[EntityRef], *, headline_only: bool = False
                  ) -> dict[str, list[EntityRef]]:
    """People, then the key organisations and places, most mentioned first. Of a headline
    without its article, only the entities another article also names: one headline's NER
    guess ("Snowden Edward") is noise."""
    def of(*kinds: str) -> list[EntityRef]:
        return [e for e in found if e.type in kinds and (e.article_count > 1 or not headline_only)]
    return {"people": of("PERSON")[:PEOPLE], "organisations": of("ORG")[:ORGANISATIONS],
            "places": of("GPE", "LOC")[:PLACES]}


def fragment_href(article_id: int, sentence: str) -> str:
    """A link to an article that scrolls to and highlights `sentence` (a text fragment:
    `#:~:text=start,end`), in browsers that support them; the article otherwise."""
    words = sentence.split()
    if not words:
        return f"/articles/{article_id}"
    if len(words) <= 8:
        directive = _fragment_part(" ".join(words))
    else:
        directive = f"{_fragment_part(' '.join(words[:4]))},{_fragment_part(' '.join(words[-4:]))}"
    return f"/articles/{article_id}#:~:text={directive}"


def _fragment_part(text: str) -> str:
    return quote(text, safe="").replace("-", "%2D")


def ask_about(
    engine: Engine,
    settings: Settings,
    question: str,
    *,
    article: Article | None = None,
    story_id: int | None = None,
    use_llm: bool = False,
) -> AskResult | None:
    """The answer to a reader's question over a story's coverage (or one article's when it
    has no story), each cited sentence linked; None for a blank question. The configured LLM
    answers only with `use_llm`; otherwise the extractive answer does."""
    question = " ".join(question.split())[:QUESTION_CHARS]
    if not question:
        return None
    if story_id is None and article is not None:
        story_id = article.story_id
    with open_llm(settings) if use_llm else nullcontext() as llm:
        try:
            found = _ask(engine, question, article, story_id, llm)
        except questions.NotFoundError:
            if article is None or story_id is None:
                raise
            found = _ask(engine, question, article, None, llm)
    with engine.connect() as conn:
        known = _articles(conn, [c.article_id for c in found.citations])
    here = article.id if article else None
    citations = tuple(
        Cited(c.sentence, c.article_id, known[c.article_id].title, known[c.article_id].source,
              f"#s-{c.sentence_index}" if c.article_id == here
              else fragment_href(c.article_id, c.sentence), c.sentence_index)
        for c in found.citations if c.article_id in known
    )
    return AskResult(question, found.text, found.confident and bool(citations), citations)


def llm_allowed(request: Request, question: str) -> bool:
    """Whether this question may use the LLM: a signed-in reader within their hourly quota
    (TIDINGS_ASKS_PER_HOUR). Anonymous visitors get the extractive answer, which costs
    nothing but a little CPU."""
    user = caller(request)
    return bool(question.strip()) and user is not None and ask_quota(request).take(user.id) is None


def _ask(engine: Engine, question: str, article: Article | None, story_id: int | None,
         llm: Any) -> questions.Answer:
    if story_id is not None:
        return questions.ask(engine, question, story_id=story_id, llm=llm)
    return questions.ask(engine, question, article_id=article.id if article else 0, llm=llm)


def _articles(conn: Connection, ids: Iterable[int]) -> dict[int, Article]:
    found = {i: article_store.get_article(conn, i) for i in dict.fromkeys(ids)}
    return {i: a for i, a in found.items() if a is not None}


def marked_paragraphs(paragraphs: list[str], answer: AskResult | None,
                      article_id: int) -> list[str | Markup]:
    """The paragraphs, with the sentences of this article an answer cites marked
    (`<mark id="s-N">`, N their index in the text's sentences) for its links to jump to."""
    cited = [c for c in answer.citations if c.article_id == article_id] if answer else []
    if not cited:
        return list(paragraphs)
    pending = {_SPACE.sub(" ", c.text).strip(): c.sentence_index for c in cited}
    return [_mark(paragraph, pending) for paragraph in paragraphs]


def _mark(paragraph: str, pending: dict[str, int | None]) -> str | Markup:
    """The paragraph with the pending sentences it holds marked (and taken off `pending`)."""
    spots = sorted((at, s) for s in pending if s and (at := paragraph.find(s)) >= 0)
    if not spots:
        return paragraph
    pieces: list[Markup] = []
    done = 0
    for at, sentence in spots:
        if at < done:
            continue
        pieces += [escape(paragraph[done:at]), Markup('<mark class="cited" id="s-{0}">{1}</mark>')
                   .format(pending.pop(sentence), sentence)]
        done = at + len(sentence)
    return Markup("").join([*pieces, escape(paragraph[done:])])


def quote_items(found: Sequence[QuoteRecord], sources: Mapping[int, Article | StoryMember],
                *, limit: int, per_speaker: int = 1) -> list[dict[str, Any]]:
    """Quotes worth showing: attributed ones first, `per_speaker` of each, at most `limit`."""
    ordered = sorted(found, key=lambda q: q.speaker is None)
    seen: Counter[str] = Counter()
    chosen: list[dict[str, Any]] = []
    for q in ordered:
        speaker = (q.speaker or "").casefold()
        if (speaker and seen[speaker] >= per_speaker) or len(q.text.split()) < 4:
            continue
        seen[speaker] += 1
        article = sources.get(q.article_id)
        chosen.append({"quote": q, "article": article})
        if len(chosen) == limit:
            break
    return chosen


def story_summary(engine: Engine, story_id: int, members: Sequence[StoryMember]
                  ) -> dict[str, Any] | None:
    """The story's key facts, each citing its article and outlet, with the outlets that
    report it too, as the clustering follow-up last kept them (never made here); None when
    there is none yet or nothing could be summarised."""
    summary = questions.kept_story_summary(engine, story_id)
    if summary is None or summary.tldr is None:
        return None
    by_id = {a.id: a for a in members}

    def point(p: Any) -> dict[str, Any] | None:
        article = by_id.get(p.article_id)
        if article is None:
            return None
        outlets = {article.source} | {by_id[i].source for i in p.corroborated_by if i in by_id}
        return {"text": p.text, "article": article, "outlets": len(outlets),
                "href": fragment_href(article.id, p.text)}

    points = [x for x in (point(p) for p in summary.points) if x]
    return {"tldr": point(summary.tldr), "points": points}


def type_name(kind: str) -> str:
    return TYPE_NAMES.get(kind, kind.title())
