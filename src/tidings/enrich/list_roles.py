"""Roles of the names of a list: under a plural title ("former prime ministers Theresa May
and Boris Johnson", "forwards A of the Oilers and B of the Canucks") or as examples of a
plural ("officials such as X and Y")."""

from __future__ import annotations

from spacy.tokens import Token

from tidings.enrich.apposition_roles import antecedent_of_as, appositions
from tidings.enrich.document import ParsedArticle
from tidings.enrich.lexicon import ROLE_NOUNS
from tidings.enrich.nlp import PLURAL_TITLES
from tidings.enrich.role_nouns import free_role, is_role_noun
from tidings.enrich.role_phrases import PLURAL_TAGS, phrase
from tidings.enrich.title_roles import title_role


def list_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "former prime ministers Theresa May and Boris Johnson": each gets the plural role."""
    if root.dep_ != "conj" and not _listed_name(article, root):
        return []
    first = root
    while first.dep_ == "conj":
        first = first.head
    head = antecedent_of_as(first.head) if first.dep_ == "appos" else first.head
    if first.dep_ == "appos" and head.tag_ in {"NNS", "NNPS"} and free_role(article, head):
        return [phrase(article, head, {first.i})]
    if head.i != first.head.i:
        return []  # "four who won as players - A and B -": "four" is no role
    top = first
    while top.dep_ in {"conj", "appos"} and top.head.pos_ == "PROPN":
        top = top.head
    after = [
        c
        for c in top.children
        if c.dep_ == "appos" and c.tag_ in {"NNS", "NNPS"} and free_role(article, c)
    ]
    if after:
        return [phrase(article, after[0], {first.i})]
    node = root
    while node.dep_ == "conj" or _listed_name(article, node):
        node = _name_before(article, node.head)
        mention = article.mention_at.get(node.i)
        if mention is None:
            return []
        title = _title_words(article, mention.start)
        role = title_role(article, mention)
        if role and any(_plural_title(t) for t in title):
            return [role]
    return []


def _listed_name(article: ParsedArticle, node: Token) -> bool:
    """ "Centers A of the Ducks, B of the Kings and C": the parse makes B an apposition of A,
    a name in apposition to a name, the next of a list."""
    if node.dep_ != "appos":
        return False
    mine, head = article.mention_at.get(node.i), article.mention_at.get(node.head.i)
    return (mine is not None and head is not None and mine is not head
            and mine.type == head.type == "PERSON")


def _title_words(article: ParsedArticle, start: int) -> list[Token]:
    """The up to four words before a name back to a verb or a mark: "goaltender" of "the
    All-Stars are goaltender X", not the plural before "are"."""
    words: list[Token] = []
    for token in reversed(article.doc[max(0, start - 4) : start]):
        verb = token.pos_ in {"VERB", "AUX"} and not is_role_noun(token)  # not "Tight ends"
        if verb or (token.is_punct and token.text not in {"-", "."}):
            break
        words.append(token)
    return words


def _name_before(article: ParsedArticle, node: Token) -> Token:
    """ "Centers A of the Ducks, B of the Kings and C": the parse joins B to "Ducks"; the name
    before B in the list is A, whose phrase that is."""
    prep = node.head
    if node.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in {"of", "from", "at"}:
        owner = article.mention_at.get(prep.head.i)
        if owner is not None and owner.type == "PERSON":
            return prep.head
    return node


def _plural_title(token: Token) -> bool:
    """ "forwards A and B": a plural role noun, by its tag or by its form where the tagger
    took it for another word ("forwards" as a comparative), its singular a role noun too."""
    if not is_role_noun(token):
        return False
    if token.tag_ in PLURAL_TAGS or token.text in PLURAL_TITLES:
        return True
    return token.lower_.endswith("s") and token.lower_[:-1] in ROLE_NOUNS


def examples_of(article: ParsedArticle, root: Token) -> list[str]:
    """ "conservative talk radio hosts like Laura Ingraham", "officials such as X and Y":
    each example is one of what the plural names."""
    first = root
    while first.dep_ == "conj":
        first = first.head
    marker = first.head
    if first.dep_ != "pobj" or marker.lower_ not in {"like", "as", "including"}:
        return []
    if marker.lower_ == "as" and (marker.i == 0 or marker.nbor(-1).lower_ != "such"):
        return []
    group = marker.head
    if group.tag_ != "NNS" or not free_role(article, group):
        return []
    return [phrase(article, group, {first.i, marker.i})]


def _person_between(article: ParsedArticle, low: int, high: int) -> Token | None:
    """The root of the last person's name wholly between token `low` and token `high`."""
    found = None
    for i in range(low + 1, high):
        mention = article.mention_at.get(i)
        if mention is not None and mention.type == "PERSON" and mention.end <= high:
            found = article.doc[mention.start : mention.end].root
    return found


def listed_later(article: ParsedArticle, root: Token, noun: Token) -> bool:
    """ "Senators A of California, the chairwoman, and B of Georgia, the ranking Republican":
    a singular apposition of A's that the parse hung on A past a later name of the list is
    that name's, not A's."""
    if noun.i < root.i or noun.tag_ in PLURAL_TAGS:
        return False  # "A, B and C, the resigning PPSs": each one's
    between = _person_between(article, root.i, noun.left_edge.i)
    return between is not None and between.dep_ == "conj"


def later_appositions(article: ParsedArticle, root: Token) -> list[str]:
    """The appositions `listed_later` takes from the first name of a list for `root`."""
    if root.dep_ != "conj":
        return []
    first = root.head  # "A, the chairwoman, and B": B hangs on A's apposition
    while (mention := article.mention_at.get(first.i)) is None or mention.type != "PERSON":
        if first.dep_ not in {"conj", "appos"} or first.head.i == first.i:
            return []
        first = first.head
    found = []
    for noun in appositions(first):
        if noun.i < root.i or not free_role(article, noun):
            continue
        if _person_between(article, root.i, noun.left_edge.i) is None:
            found.append(phrase(article, noun, {first.i, root.i}))
    return found
