"""Roles of people: titles, appositions, lists and copulas over the dependency parse."""

from __future__ import annotations

import re

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, sentence_text
from tidings.enrich.entities import Mention
from tidings.enrich.lexicon import MODAL_AUX, NOBLE_TITLES, ROLE_NOUNS
from tidings.enrich.names import fold
from tidings.enrich.results import Role

_TITLE_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "case", "nummod", "punct", "prep", "pobj", "det"}
)
_COPULAS = frozenset(
    {
        "be",
        "become",
        "remain",
        "serve",
        "appoint",
        "name",
        "elect",
        "swear",
        "install",
        "inaugurate",
        "resign",
        "retire",
        "step",
        "act",
        "confirm",
    }
)
_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "appos", "cc", "conj", "ccomp"})
_MAX_WORDS = 12
_PARTY_TAG = re.compile(r"[RDI]\s*-\s*[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?")
"""US party and state after a name: "R-Tenn.", "D-N.Y.", "(D-Iowa)"."""


def find_roles(article: ParsedArticle) -> list[Role]:
    """Every (person, role) the article states, once each, with the first sentence saying it."""
    found: dict[tuple[str, str], Role] = {}
    for mention in article.mentions:
        if mention.type != "PERSON":
            continue
        index = article.sentence_of[mention.start]
        for role in _roles_of(article, mention):
            key = (mention.name, fold(role))
            if role and key not in found:
                found[key] = Role(mention.name, role, index, sentence_text(article, index))
    return list(found.values())


def is_role_noun(token: Token) -> bool:
    bare = token.lower_.rstrip(".")
    words = {token.lemma_.lower(), token.lower_, bare, bare.rstrip("s")}
    return bool(words & ROLE_NOUNS)


def _roles_of(article: ParsedArticle, mention: Mention) -> list[str]:
    root = article.doc[mention.start : mention.end].root
    roles = [_title_role(article, mention)]
    roles += [_phrase(article, c, {root.i}) for c in _appositions(root) if _free_role(article, c)]
    if root.dep_ == "appos" and _free_role(article, root.head):
        roles.append(_phrase(article, root.head, {root.i}))
    roles += _copula_roles(article, root)
    roles += _list_roles(article, root)
    roles += _fronted_description(article, root)
    roles += _spokesman_for(article, root)
    return [r for r in roles if r]


def _appositions(root: Token) -> list[Token]:
    """Appositions of a name, looking through a party tag: "Sen. X, D-Mont., the head of"."""
    found = []
    for child in root.children:
        if child.dep_ != "appos":
            continue
        if _PARTY_TAG.fullmatch(child.doc[child.left_edge.i : child.i + 1].text.strip("()")):
            found += [c for c in child.children if c.dep_ == "appos"]
        else:
            found.append(child)
    return found


def _free_role(article: ParsedArticle, token: Token) -> bool:
    mention = article.mention_at.get(token.i)
    return is_role_noun(token) and (mention is None or mention.type != "PERSON")


def _title_role(article: ParsedArticle, mention: Mention) -> str:
    """ "Workplace Relations Minister Kevin Andrews", "the central bank's governor Ueda"."""
    doc = article.doc
    inside = set(range(mention.start, mention.end))
    first = mention.start
    while first > 0:
        token = doc[first - 1]
        other = article.mention_at.get(token.i)
        if token.dep_ not in _TITLE_DEPS or (other is not None and other.type == "PERSON"):
            break
        if token.dep_ != "case" and token.head.i not in inside and token.head.i < first - 1:
            break
        if token.is_punct and token.text not in {"-", "'s", "."}:
            break
        inside.add(token.i)
        first -= 1
    tokens = [doc[i] for i in range(first, mention.start)] or _capitalised_title(article, mention)
    while tokens and tokens[-1].lower_.rstrip(".") in NOBLE_TITLES:
        tokens.pop()
    while tokens and (tokens[0].dep_ in {"det", "case", "punct", "prep"} or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].dep_ in {"prep", "punct", "case"}:
        tokens.pop()
    if not any(is_role_noun(t) for t in tokens):
        return ""
    return _render(article, tokens)


def _capitalised_title(article: ParsedArticle, mention: Mention) -> list[Token]:
    """Capitalised words ending in a role noun right before a name, whatever the parse
    made of them: "... and Health Minister Tony Abbott"."""
    doc = article.doc
    first = mention.start
    while first > 0 and mention.start - first < 4:
        token = doc[first - 1]
        other = article.mention_at.get(token.i)
        if not token.is_title or token.pos_ not in {"NOUN", "PROPN", "ADJ"}:
            break
        if other is not None and other.type == "PERSON":
            break
        first -= 1
    tokens = [doc[i] for i in range(first, mention.start)]
    return tokens if tokens and is_role_noun(tokens[-1]) else []


def _ranked(head: Token) -> bool:
    """ "the most likely candidate", "the best minister": a judgement, not an office."""
    return any(
        c.tag_ in {"JJS", "RBS"} or c.lower_ == "most"
        for t in head.children
        for c in (t, *t.children)
    )


def _phrase(article: ParsedArticle, head: Token, exclude: set[int]) -> str:
    """The role noun phrase headed by `head`, without clauses, appositions or the person."""
    keep = {head.i}
    stack = [c for c in head.children if c.i not in exclude]
    while stack:
        token = stack.pop()
        if token.dep_ in _CUT_DEPS or token.i in exclude:
            continue
        keep.add(token.i)
        stack.extend(token.children)
    if _ranked(head):
        return ""
    tokens = _contiguous(article, head, keep)
    while tokens and tokens[0].dep_ in {"det", "predet"} and tokens[0].head.i == head.i:
        tokens.pop(0)
    if len(tokens) > _MAX_WORDS:
        tokens = [t for t in tokens if t.i <= head.i]
    return _render(article, tokens, plural_head=head)


def _contiguous(article: ParsedArticle, head: Token, keep: set[int]) -> list[Token]:
    start = end = head.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    return list(article.doc[start : end + 1])


def _render(article: ParsedArticle, tokens: list[Token], plural_head: Token | None = None) -> str:
    words: list[str] = []
    for token in tokens:
        text = token.text
        if token.dep_ == "poss" and token.lower_ in {"its", "their"}:
            owner = _recent_owner(article, token)
            text = f"{owner}'s" if owner else ""
        elif plural_head is not None and token.i == plural_head.i and token.tag_ in {"NNS", "NNPS"}:
            text = token.lemma_
        if token.dep_ == "det" and not words:
            text = token.lower_
        if text:
            words.append(text + token.whitespace_)
    return "".join(words).strip(" ,;:-")


def _recent_owner(article: ParsedArticle, token: Token) -> str | None:
    sentence = article.sentence_of[token.i]
    for mention in reversed(article.mentions):
        if mention.start < token.i and mention.type in {"ORG", "GPE"}:
            return mention.name if article.sentence_of[mention.start] >= sentence - 1 else None
    return None


def _copula_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "X is the governor", "X was appointed Vice President", "Y served as Health Minister"."""
    verb = root.head
    if verb.lemma_ not in _COPULAS or _unrealised(verb):
        return []
    if root.dep_ == "attr" and verb.lemma_ == "be":
        return [
            _phrase(article, c, {root.i})
            for c in verb.children
            if c.dep_ == "nsubj" and _free_role(article, c)
        ]
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    nouns = [c for c in verb.children if c.dep_ in {"attr", "oprd"}]
    nouns += [g for c in verb.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    nouns += [
        g
        for c in verb.children
        if c.dep_ in {"prt", "prep"} and c.lower_ == "in"
        for a in c.children
        if a.lower_ == "as"
        for g in a.children
    ]
    nouns += [c for n in list(nouns) for c in n.conjuncts]
    return [_phrase(article, n, {root.i}) for n in nouns if _free_role(article, n)]


def _unrealised(verb: Token) -> bool:
    """ "will become", "could be named", "is expected to be": not held (yet)."""
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in MODAL_AUX - {"to"} for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and _unrealised(verb.head)


def _list_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "former prime ministers Theresa May and Boris Johnson": each gets the plural role."""
    if root.dep_ != "conj":
        return []
    first = root
    while first.dep_ == "conj":
        first = first.head
    head = first.head
    if first.dep_ == "appos" and head.tag_ in {"NNS", "NNPS"} and _free_role(article, head):
        return [_phrase(article, head, {first.i})]
    top = first
    while top.dep_ in {"conj", "appos"} and top.head.pos_ == "PROPN":
        top = top.head
    after = [
        c
        for c in top.children
        if c.dep_ == "appos" and c.tag_ in {"NNS", "NNPS"} and _free_role(article, c)
    ]
    if after:
        return [_phrase(article, after[0], {first.i})]
    mention = article.mention_at.get(first.i)
    if mention is None:
        return []
    title = [article.doc[i] for i in range(max(0, mention.start - 4), mention.start)]
    plural = [t for t in title if t.tag_ in {"NNS", "NNPS"} and is_role_noun(t)]
    return [_title_role(article, mention)] if plural else []


def _fronted_description(article: ParsedArticle, root: Token) -> list[str]:
    """ "The new leader of the party, X, said": parsed as two subjects of one verb."""
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    return [
        _phrase(article, c, {root.i})
        for c in root.head.children
        if c.dep_ in {"nsubj", "nsubjpass", "npadvmod"}
        and c.i < root.i
        and c.tag_ == "NN"
        and _free_role(article, c)
    ]


def _spokesman_for(article: ParsedArticle, root: Token) -> list[str]:
    """ "a spokesman for President Bush, Gordon Johndroe": the apposition is to the name."""
    if root.dep_ != "appos" or article.mention_at.get(root.head.i) is None:
        return []
    prep = root.head.head
    if prep.dep_ != "prep" or not _free_role(article, prep.head):
        return []
    return [_phrase(article, prep.head, {root.i})]
