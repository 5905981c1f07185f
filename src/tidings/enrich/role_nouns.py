"""Whether a token is a role noun (an office, a trade, a position of two words), and one
that no person's name covers and that is no kinship."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle
from tidings.enrich.lexicon import ROLE_NOUNS
from tidings.enrich.role_words import (
    ADVOCATES_OF,
    OUTSIDE_NAMES_ONLY,
    POSITION_PHRASES,
    TITLE_ONLY,
)


def is_role_noun(token: Token) -> bool:
    """A noun of an office, a trade or a sport's position ("minister", "striker", "running
    back"), not inside a name it only ends ("Amnesty International") nor an advocate's."""
    bare = token.lower_.rstrip(".")
    words = {token.lemma_.lower(), token.lower_, bare, bare.rstrip("s")}
    first = _hyphened_to(token)
    if first is not None and token.pos_ in {"NOUN", "PROPN"}:  # "co-ordinator", "player-coach"
        words |= {first.lower_ + bare, f"{first.lower_}-{bare}"}
        if first.lower_ in ROLE_NOUNS:
            return True
    if words & OUTSIDE_NAMES_ONLY and token.ent_type_ not in {"", "PERSON"}:
        return False  # "Amnesty International", "the Revolutionary Guard"
    if words & TITLE_ONLY and not (token.dep_ == "compound" and token.head.ent_type_ == "PERSON"):
        return False  # "the director of the centre, X"
    if words & ADVOCATES_OF and any(c.lower_ == "of" for c in token.rights):
        return False  # "a defender of women's rights"
    return bool(words & ROLE_NOUNS) or two_word_position(token, words)


def _hyphened_to(token: Token) -> Token | None:
    """The word a hyphen with no space about it joins to the front of `token` ("co" of
    "co-ordinator"), which the tokenizer split off."""
    if token.i < 2:
        return None
    hyphen, first = token.doc[token.i - 1], token.doc[token.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
        return None
    return first


def two_word_position(token: Token, words: set[str]) -> bool:
    """ "running back", "tight ends", "scrum-half": the last word of a position that takes
    two, after its first (a hyphen between them or not)."""
    before = token.doc[max(0, token.i - 2) : token.i]
    if len(before) == 2 and before[1].text == "-":
        before = before[:1]
    return any(
        before and before[-1].lower_ in POSITION_PHRASES.get(word, ()) for word in words
    )


def free_role(article: ParsedArticle, token: Token) -> bool:
    """A role noun (or a ranked party member, a heading "deputy") no person's name covers and
    no kinship ("a Kennedy family member")."""
    mention = article.mention_at.get(token.i)
    if mention is not None and mention.type == "PERSON":
        return False
    if any(c.lower_ == "family" for c in token.children):
        return False  # "a Kennedy family member": kin, not a post
    return is_role_noun(token) or _ranked_member(token) or _head_deputy(token)


def _head_deputy(token: Token) -> bool:
    """ "his deputy, X": "deputy" is a role when it heads the phrase."""
    return token.lower_ == "deputy" and token.dep_ not in {"compound", "amod"}


def _ranked_member(token: Token) -> bool:
    """ "the top Democrat on the committee", "the No. 3 House Republican": a position."""
    if token.lemma_.lower() not in {"democrat", "republican"}:
        return False
    return any(c.lower_ in {"top", "senior", "ranking", "no.", "leading"} or _rank_number(c)
               for c in token.subtree)


def _rank_number(token: Token) -> bool:
    """ "No" of "the Senate's No. 2 Democrat", which the tokenizer split from its full stop:
    a "No" with a number after it (its stop between them or not)."""
    if token.lower_ != "no" or token.i + 1 >= len(token.doc):
        return False
    after = token.doc[token.i + 1]
    if after.text == "." and token.i + 2 < len(token.doc):
        after = token.doc[token.i + 2]
    return after.like_num
