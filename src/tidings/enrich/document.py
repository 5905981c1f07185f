"""A parsed article: the spaCy Doc plus its entity mentions and lookups the rules share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from tidings.enrich.entities import Mention, find_mentions
from tidings.enrich.lexicon import FEMALE_MARKERS, MALE_MARKERS

_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@dataclass
class ParsedArticle:
    """Lookups over one parsed article; built by `parse_article`."""

    doc: Doc
    published: date | None
    mentions: list[Mention]
    sentences: list[Span]
    sentence_of: dict[int, int] = field(default_factory=dict)
    """Token index -> sentence index."""
    mention_at: dict[int, Mention] = field(default_factory=dict)
    """Token index -> the mention covering it."""
    gender: dict[str, str] = field(default_factory=dict)
    """Person name -> "m" or "f", where a title or a role word says so."""


def parse_article(doc: Doc, published: date | None) -> ParsedArticle:
    sentences = [s for s in doc.sents if not s.text.isspace()]
    article = ParsedArticle(doc, published, find_mentions(doc), sentences)
    for index, sentence in enumerate(sentences):
        for token in sentence:
            article.sentence_of[token.i] = index
    for token in doc:
        article.sentence_of.setdefault(token.i, max(0, len(sentences) - 1))
    for mention in article.mentions:
        for i in range(mention.start, mention.end):
            article.mention_at[i] = mention
        _note_gender(article, mention)
    return article


def _note_gender(article: ParsedArticle, mention: Mention) -> None:
    before = article.doc[mention.start - 1].lower_.rstrip(".") if mention.start else ""
    words = {
        before,
        *mention.title.lower().replace(".", "").split(),
        *mention.surface.lower().split()[:1],
    }
    if words & FEMALE_MARKERS:
        article.gender[mention.name] = "f"
    elif words & MALE_MARKERS:
        article.gender[mention.name] = "m"


def person_at(article: ParsedArticle, token: Token) -> str | None:
    """The person named by `token` (a name, or a resolvable personal pronoun)."""
    mention = article.mention_at.get(token.i)
    if mention is not None:
        return mention.name if mention.type == "PERSON" else None
    if token.lower_ in _PRONOUN_GENDER:
        return resolve_pronoun(article, token)
    return None


def resolve_pronoun(article: ParsedArticle, token: Token) -> str | None:
    """The most recent person mentioned before `token` whose gender does not clash."""
    want = _PRONOUN_GENDER.get(token.lower_)
    first = article.sentence_of[token.i]
    for mention in reversed(article.mentions):
        if mention.start >= token.i or mention.type != "PERSON":
            continue
        if article.sentence_of[mention.start] < first - 3:
            return None
        if article.gender.get(mention.name, want) == want:
            return mention.name
    return None


def sentence_text(article: ParsedArticle, index: int) -> str:
    return article.sentences[index].text.strip()
