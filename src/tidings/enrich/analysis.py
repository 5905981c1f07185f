"""`analyse` and `analyse_many`: the stage's entry points."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from spacy.tokens import Doc

from tidings.enrich.document import parse_article
from tidings.enrich.entities import summarise
from tidings.enrich.events import find_events
from tidings.enrich.markup import strip_wiki_markup
from tidings.enrich.nlp import load_nlp
from tidings.enrich.quotes import find_quotes
from tidings.enrich.results import ArticleAnalysis
from tidings.enrich.roles import find_roles

ArticleInput = tuple[str, str, datetime | None]
"""(title, text, published_at)."""


def analyse(title: str, text: str, published_at: datetime | None) -> ArticleAnalysis:
    """Entities, roles, events and quotes of one article."""
    return next(analyse_many([(title, text, published_at)]))


def analyse_many(
    articles: Iterable[ArticleInput], *, batch_size: int = 16
) -> Iterator[ArticleAnalysis]:
    """Analyse many articles through `nlp.pipe`, yielding results in input order."""
    items = ((_document_text(title, text), published) for title, text, published in articles)
    for doc, published in load_nlp().pipe(items, as_tuples=True, batch_size=batch_size):
        yield analyse_doc(doc, published)


def analyse_doc(doc: Doc, published_at: datetime | None) -> ArticleAnalysis:
    """Analyse an already parsed document (title paragraph first, then the text)."""
    article = parse_article(doc, published_at.date() if published_at else None)
    roles = find_roles(article)
    return ArticleAnalysis(
        entities=summarise(article.mentions, article.sentence_of),
        roles=tuple(roles),
        events=tuple(find_events(article, roles)),
        quotes=tuple(find_quotes(article, roles)),
        sentences=tuple(s.text.strip() for s in article.sentences),
    )


_GLUED_QUOTE = re.compile('([,.!?;:]["\u201d\u201c])(?=\\w)')
"""A quotation mark run into the next word ('breakthrough,"he said'), which the tokenizer
would keep as one token."""


def _document_text(title: str, text: str) -> str:
    title = " ".join(title.split())
    text = _GLUED_QUOTE.sub(r"\1 ", strip_wiki_markup(text.strip()))
    return f"{title}\n\n{text}" if title else text
