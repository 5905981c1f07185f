"""`analyse` and `analyse_many`: the stage's entry points."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime

from ftfy import fix_encoding
from spacy.tokens import Doc

from tidings.enrich.document import parse_article
from tidings.enrich.entities import summarise
from tidings.enrich.events import find_events
from tidings.enrich.limits import AnalysisLimits, Deadline, OverBudget
from tidings.enrich.markup import strip_wiki_markup
from tidings.enrich.nlp import load_nlp
from tidings.enrich.quotes import find_quotes
from tidings.enrich.results import ArticleAnalysis
from tidings.enrich.roles import find_roles

ArticleInput = tuple[str, str, datetime | None]
"""(title, text, published_at)."""
NO_LIMITS = AnalysisLimits(seconds=float("inf"))
"""Sentences bounded as always, no time budget (tests, evaluations)."""


def analyse(title: str, text: str, published_at: datetime | None,
            limits: AnalysisLimits = NO_LIMITS) -> ArticleAnalysis:
    """Entities, roles, events and quotes of one article; `OverBudget` past the time limit."""
    result = next(analyse_many([(title, text, published_at)], limits=limits))
    if isinstance(result, OverBudget):
        raise result
    return result


def analyse_many(
    articles: Iterable[ArticleInput], *, batch_size: int = 16,
    limits: AnalysisLimits = NO_LIMITS,
) -> Iterator[ArticleAnalysis | OverBudget]:
    """Analyse many articles through `nlp.pipe`, yielding results in input order: the
    analysis, or `OverBudget` for an article whose rules ran past `limits.seconds`."""
    items = ((_document_text(title, text), published) for title, text, published in articles)
    nlp = load_nlp(limits.max_sentence_tokens)
    for doc, published in nlp.pipe(items, as_tuples=True, batch_size=batch_size):
        try:
            yield analyse_doc(doc, published, Deadline(limits.seconds))
        except OverBudget as exc:
            yield exc


def analyse_doc(doc: Doc, published_at: datetime | None, deadline: Deadline | None = None
                ) -> ArticleAnalysis:
    """Analyse an already parsed document (title paragraph first, then the text)."""
    article = parse_article(doc, published_at.date() if published_at else None, deadline)
    roles = find_roles(article)
    article.roles = roles
    return ArticleAnalysis(
        entities=summarise(article.mentions, article.sentence_of, doc),
        roles=tuple(roles),
        events=tuple(find_events(article, roles)),
        quotes=tuple(find_quotes(article, roles)),
        sentences=tuple(s.text.strip() for s in article.sentences),
    )


_GLUED_QUOTE = re.compile('([,.!?;:]["\u201d\u201c]\\?*)(?=\\w)')
"""A quotation mark run into the next word ('breakthrough,"he said'), or into it through the
question marks a wrong character set made of a line break ('fairly high."??Baumhof said'),
which the tokenizer would keep as one token."""


_TURNED_APOSTROPHE = re.compile("(?<=[^\\W\\d_])\u2018(?=(?:s|t|d|m|ll|re|ve)\\b)")
"""An opening single quotation mark set as an apostrophe ("Fischer\u2018s death", "don\u2018t"),
which the tokenizer would not split off as the possessive."""


_LOST_APOSTROPHE = re.compile("(?<=[^\\W\\d_])\\?(?=(?:s|t|d|m|ll|re|ve)\\b)")
"""An apostrophe a wrong character set turned into a question mark ("Suharto?s death",
"DS?s", "don?t"): no question mark is set between a word and its ending."""


def _document_text(title: str, text: str) -> str:
    """Title and text as one document, mojibake repaired first ("John Waters\u00e2\u20ac\u2122",
    UTF-8 read as Windows-1252: ftfy's `fix_encoding`), markup stripped, marks set right."""
    title = _apostrophes(fix_encoding(" ".join(title.split())))
    text = _GLUED_QUOTE.sub(r"\1 ", strip_wiki_markup(fix_encoding(text.strip())))
    text = _apostrophes(text)
    return f"{title}\n\n{text}" if title else text


def _apostrophes(text: str) -> str:
    """Apostrophes set as other marks put back: `_TURNED_APOSTROPHE`, `_LOST_APOSTROPHE`."""
    return _LOST_APOSTROPHE.sub("\u2019", _TURNED_APOSTROPHE.sub("\u2019", text))
