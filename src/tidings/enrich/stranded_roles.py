"""A role whose name the parse left stranded: "by picking Kennedy's longtime chief of staff,
Paul Kirk", "one of Christie's deputy chiefs of staff, Bridget Kelly, and ...": the name set
off by commas right after a role noun's phrase is its apposition, though the small model
hung it on the verb as an adverbial noun."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, person_at
from tidings.enrich.role_nouns import free_role
from tidings.enrich.role_phrases import phrase

_STRANDED_DEPS = frozenset({"npadvmod", "dep"})
_CLOSERS = frozenset({",", ".", ";", ":", "and", "\u2014", "--"})


def stranded_apposition(article: ParsedArticle, root: Token) -> list[str]:
    """The role of the phrase ending right before the comma before the name, where the
    parse hung the name on something else than a noun and the name's own phrase ends at a
    comma, a full stop or "and" (an apposition closed); not where a name is inside that
    phrase ("the chief of staff of Senator X, Y": X's staff, Y's post unsure)."""
    mention = article.mention_at.get(root.i)
    if root.dep_ not in _STRANDED_DEPS or mention is None or mention.start < 2:
        return []
    doc = article.doc
    if doc[mention.start - 1].text != "," or root.head.pos_ in {"NOUN", "PROPN"}:
        return []
    if mention.end < len(doc) and doc[mention.end].lower_ not in _CLOSERS:
        return []
    head = _phrase_head(doc[mention.start - 2])
    if head is None or not free_role(article, head) or head.i in article.quoted:
        return []
    if any(person_at(article, t) is not None for t in head.subtree):
        return []
    return [phrase(article, head, {root.i})]


def _phrase_head(last: Token) -> Token | None:
    """The noun whose phrase `last` ends: "staff" of "the deputy chief of staff" -> "chief"."""
    node, head = last, None
    while node.right_edge.i == last.i and node.pos_ in {"NOUN", "PROPN", "ADP"}:
        if node.pos_ == "NOUN":
            head = node
        if node.head.i == node.i:
            break
        node = node.head
    return head
