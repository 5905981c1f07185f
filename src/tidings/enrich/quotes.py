"""Direct quotations and their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, person_at, sentence_text
from tidings.enrich.lexicon import SPEECH_VERBS
from tidings.enrich.results import Quote, Role

MIN_WORDS = 5
"""Shorter quoted phrases are scare quotes or titles, not quotations."""
_OPEN = {'"': '"', "\u201c": "\u201d"}
_WORD = re.compile(r"[\w'\u2019-]+")
_SPEAKER_NOUNS = frozenset({"statement", "address", "speech", "letter", "message", "interview"})


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    """Character offsets of the text between the quotation marks."""
    paragraph: int


def find_quotes(article: ParsedArticle, roles: list[Role]) -> list[Quote]:
    """Quotations of at least `MIN_WORDS` words, each with its speaker where one is found."""
    spans = quote_spans(article.doc.text)
    inside = {i for s in spans for i in range(s.start - 1, s.end + 1)}
    quotes: list[Quote] = []
    previous: tuple[_Span, Quote] | None = None
    for span in spans:
        text = article.doc.text[span.start : span.end].strip(" ,")
        speaker, described = _attribute(article, span, inside, extend=False)
        near = previous is not None and span.paragraph - previous[0].paragraph <= 1
        if speaker is None and described is None and previous is not None and near:
            speaker, described = previous[1].speaker, previous[1].speaker_role
        if speaker is None and described is None:
            speaker, described = _attribute(article, span, inside, extend=True)
        role = _speaker_role(roles, speaker, article, span) if speaker else described
        index = _sentence_index(article, span.start)
        quote = Quote(text, speaker, role, index, sentence_text(article, index))
        previous = (span, quote)
        if len(_WORD.findall(text)) >= MIN_WORDS:
            quotes.append(quote)
    return quotes


def quote_spans(text: str) -> list[_Span]:
    """Quoted stretches: curly or straight marks, never across a paragraph break."""
    spans: list[_Span] = []
    offset = 0
    for paragraph, chunk in enumerate(text.split("\n\n")):
        closer: str | None = None
        start = 0
        for i, char in enumerate(chunk):
            if closer is None and char in _OPEN:
                closer, start = _OPEN[char], i + 1
            elif closer is not None and (char == closer or char == '"'):
                spans.append(_Span(offset + start, offset + i, paragraph))
                closer = None
        if closer is not None:
            spans.append(_Span(offset + start, offset + len(chunk), paragraph))
        offset += len(chunk) + 2
    return spans


def _sentence_index(article: ParsedArticle, char: int) -> int:
    token = article.doc.char_span(char, char + 1, alignment_mode="expand")
    if token is None or not len(token):
        return 0
    return article.sentence_of[token[0].i]


def _attribute(
    article: ParsedArticle, span: _Span, inside: set[int], *, extend: bool
) -> tuple[str | None, str | None]:
    """Speaker name (or a description of an unnamed speaker) from a nearby speech verb.

    With `extend`, a sentence that is all quotation also looks at the sentence after it.
    """
    candidates = _nearby_tokens(article, span, inside, extend=extend)
    verbs = [
        t for t in candidates if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in {"VERB", "AUX"}
    ]
    verbs.sort(key=lambda t: min(abs(t.idx - span.start), abs(t.idx - span.end)))
    for verb in verbs:
        found = _speaker_of(article, verb)
        if found != (None, None):
            return found
    for token in candidates:
        if token.lower_ == "according":
            for pobj in (g for c in token.children for g in c.children if g.dep_ == "pobj"):
                return person_at(article, pobj), None
    return None, None


def _nearby_tokens(
    article: ParsedArticle, span: _Span, inside: set[int], *, extend: bool
) -> list[Token]:
    chars = article.doc.char_span(
        span.start, max(span.end, span.start + 1), alignment_mode="expand"
    )
    if chars is None:
        return []
    first = article.sentence_of[chars.start]
    last = article.sentence_of[max(chars.start, chars.end - 1)]
    if extend and _all_quoted(article, first, last, inside) and last + 1 < len(article.sentences):
        last += 1
    tokens = []
    for index in range(first, last + 1):
        sentence = article.sentences[index]
        tokens += [
            t for t in sentence if t.idx not in inside and not (span.start <= t.idx < span.end)
        ]
    return tokens


def _all_quoted(article: ParsedArticle, first: int, last: int, inside: set[int]) -> bool:
    """True when the sentences hold nothing but quoted words (the verb follows)."""
    words = [t for i in range(first, last + 1) for t in article.sentences[i] if t.is_alpha]
    return bool(words) and all(t.idx in inside for t in words)


def _speaker_of(article: ParsedArticle, verb: Token) -> tuple[str | None, str | None]:
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return _subject(article, subjects[0])
        if (
            verb.dep_ not in {"conj", "xcomp", "advcl", "ccomp", "pcomp", "prep"}
            or verb.head == verb
        ):
            break
        verb = verb.head
    return None, None


def _subject(article: ParsedArticle, subject: Token) -> tuple[str | None, str | None]:
    person = person_at(article, subject)
    if person is not None:
        return person, None
    named = [person_at(article, t) for t in subject.subtree if t.dep_ == "appos"]
    if named and named[-1] is not None:
        return named[-1], None
    for child in subject.children:
        named = person_at(article, child) if child.dep_ in {"appos", "poss"} else None
        if named is not None and (child.dep_ == "appos" or subject.lemma_ in _SPEAKER_NOUNS):
            return named, None
    if subject.pos_ in {"NOUN", "PROPN"}:
        words = [t for t in subject.subtree if t.dep_ not in {"relcl", "punct", "appos"}]
        return None, " ".join(t.text for t in words[:8])
    return None, None


def _speaker_role(
    roles: list[Role], speaker: str, article: ParsedArticle, span: _Span
) -> str | None:
    index = _sentence_index(article, span.start)
    own = [r for r in roles if r.person == speaker]
    same = [r for r in own if r.sentence_index == index]
    chosen = same or own
    return chosen[0].role if chosen else None
