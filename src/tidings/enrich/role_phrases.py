"""A role noun's phrase as a role shows it: clauses, appositions and the person cut, plurals
made singular, "its" given its owner; judgements and awards are no role."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle

_AWARD_SPANS = frozenset({"week", "month", "year", "season", "match", "game", "tournament"})
"""What an award is "of": "Player of the Week", "Man of the Match"."""


_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "appos", "cc", "conj", "ccomp"})


MAX_WORDS = 12

_FOR_NOW = frozenset({"now", "currently", "still"})
"""Adverbs that open an apposition and say when, not what: "X, now an Australian superstar"."""


PLURAL_TAGS = frozenset({"NNS", "NNPS", "VBZ"})
"""Tags of a plural role noun; "VBZ" is one the tagger took for a verb ("Tight ends X and Y")."""


def _ranked(head: Token) -> bool:
    """ "the most likely candidate", "the best minister", "more experienced members": a
    judgement, not an office; "Player of the Week": an award."""
    if any(
        c.lower_ == "of" and g.lower_ in _AWARD_SPANS for c in head.rights for g in c.children
    ):
        return True
    return any(
        c.tag_ in {"JJS", "RBS", "JJR", "RBR"} or c.lower_ in {"most", "more"}
        for t in head.children
        for c in (t, *t.children)
    )


def phrase(article: ParsedArticle, head: Token, exclude: set[int]) -> str:
    """The role noun phrase headed by `head`, without clauses, appositions or the person."""
    keep = {head.i}
    stack = [c for c in head.children if c.i not in exclude]
    while stack:
        token = stack.pop()
        if (token.dep_ in _CUT_DEPS and not _inner_hyphen(token)) or token.i in exclude:
            continue  # a hyphen inside a word stays: "editor-in-chief of the Sun"
        keep.add(token.i)
        stack.extend(token.children)
    if _ranked(head):
        return ""
    tokens = _contiguous(article, head, keep)
    leading = {"det", "predet", "nummod"} if head.tag_ in {"NNS", "NNPS"} else {"det", "predet"}
    while tokens and tokens[0].head.i == head.i and (
        tokens[0].dep_ in leading or tokens[0].lower_ in _FOR_NOW
    ):
        tokens.pop(0)  # "two managers who ...": each is a manager; "now a superstar"
    tokens = whole_words(tokens)
    if len(tokens) > MAX_WORDS:
        tokens = [t for t in tokens if t.i <= head.i]
    return render(article, tokens, plural_head=head)


def whole_words(tokens: list[Token]) -> list[Token]:
    """`tokens` with their first hyphened word whole ("two-time champion",
    "model-turned-singer", not "time champion"), or without it when it is an age ("the
    43-year-old coach": "coach")."""
    if tokens and tokens[0].text == "-":
        tokens = tokens[1:]
    if not tokens:
        return tokens
    doc = tokens[0].doc
    start = end = tokens[0].i
    while start >= 2 and _glued_after_hyphen(doc[start]) and not doc[start - 2].whitespace_:
        start -= 2
    while end + 2 < len(doc) and _glued_after_hyphen(doc[end + 2]) and _inner_hyphen(
            doc[end + 1]):
        end += 2
    if any(t.like_num for t in doc[start : end + 1]) and tokens[-1].i > end:
        return [t for t in tokens if t.i > end]
    return list(doc[start : tokens[0].i]) + tokens


def _inner_hyphen(token: Token) -> bool:
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[
        token.i - 1].whitespace_


def _glued_after_hyphen(token: Token) -> bool:
    before = token.doc[token.i - 1] if token.i else None
    return before is not None and before.text == "-" and not before.whitespace_


def _contiguous(article: ParsedArticle, head: Token, keep: set[int]) -> list[Token]:
    start = end = head.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return list(article.doc[start : end + 1])


def render(article: ParsedArticle, tokens: list[Token], plural_head: Token | None = None) -> str:
    words: list[str] = []
    for token in tokens:
        text = token.text
        if token.dep_ == "poss" and token.lower_ in {"its", "their"}:
            owner = _recent_owner(article, token)
            text = f"{owner}'s" if owner else ""
        elif token.dep_ == "poss" and token.lower_ in {"his", "her"}:
            text = ""  # "his deputy" says no more than "deputy"
        elif plural_head is not None and token.i == plural_head.i and token.tag_ in PLURAL_TAGS:
            text = _singular(token)
        if token.dep_ == "det" and not words:
            text = token.lower_
        if text:
            words.append(text + token.whitespace_)
    return "".join(words).strip(" ,;:-")


def _singular(token: Token) -> str:
    """ "ministers" -> "minister"; "Senators", which the tagger may keep as its own lemma,
    -> "Senator"."""
    lemma = token.lemma_
    if lemma.lower() != token.lower_:
        return lemma if token.text[:1].islower() else lemma[:1].upper() + lemma[1:]
    return token.text[:-1] if token.lower_.endswith("s") and len(token.text) > 3 else token.text


def _recent_owner(article: ParsedArticle, token: Token) -> str | None:
    sentence = article.sentence_of[token.i]
    for mention in reversed(article.mentions):
        if mention.start < token.i and mention.type in {"ORG", "GPE"}:
            return mention.name if article.sentence_of[mention.start] >= sentence - 1 else None
    return None
