"""Roles set beside a name: appositions (through a party tag and relative clauses), fronted
and opening descriptions, bare titles joined by "and", "a spokesman for X, Y"."""

from __future__ import annotations

import re

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, person_at
from tidings.enrich.lexicon import MODAL_AUX
from tidings.enrich.person_evidence import names_person
from tidings.enrich.posts_given import post_holder
from tidings.enrich.role_nouns import free_role, is_role_noun
from tidings.enrich.role_phrases import MAX_WORDS, phrase, render
from tidings.enrich.title_roles import FINITE_TAGS

_PARTY_TAG = re.compile(r"[RDI]\s*-\s*[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?")
"""US party and state after a name: "R-Tenn.", "D-N.Y.", "(D-Iowa)"."""


def named_by_other(article: ParsedArticle, noun: Token, root: Token) -> bool:
    """ "X, then the director, and his deputy, Y": "deputy" has its own holder, Y."""
    if noun.dep_ == "appos" and noun.head.i != root.i and person_at(article, noun.head):
        return True
    return any(
        c.dep_ == "appos" and c.i != root.i and person_at(article, c) is not None
        for c in noun.children
    )


def role_owner(head: Token) -> Token:
    """ "the nominee for president, Mitt Romney": the apposition hangs on "president", the
    role is "nominee"; "the attorney for New Jersey, Paul Fishman" likewise; not through
    "with" ("an entrepreneur with a wife (X)": X is the wife)."""
    while (
        head.dep_ == "pobj"
        and head.head.dep_ == "prep"
        and head.head.lower_ != "with"
        and is_role_noun(head.head.head)
    ):
        head = head.head.head
    return head


def antecedent_of_as(head: Token) -> Token:
    """ "two managers who won World Cups as players - A and B -": names the parse hangs on
    the "as" noun of a relative clause name the clause's antecedent ("managers")."""
    prep = head.head
    if head.dep_ == "pobj" and prep.lower_ == "as" and prep.head.dep_ == "relcl":
        return prep.head.head
    return head


def verb_between(a: Token, b: Token) -> bool:
    """ "Slory beat goalkeeper X": a finite verb between a name and a noun parts them, unless
    it is a clause's ("the businessman who had served as liaison, X")."""
    low, high = sorted((a.i, b.i))
    return any(
        t.tag_ in FINITE_TAGS and not _in_clause(t, {a.i, b.i}) for t in a.doc[low + 1 : high]
    )


def _in_clause(token: Token, ends: set[int]) -> bool:
    for node in (token, *token.ancestors):
        if node.i in ends:
            return False
        if node.dep_ in {"relcl", "acl", "advcl", "ccomp", "parataxis"}:
            return True
    return False


_RELATIVE_COPULAS = frozenset({"be", "become", "remain", "serve", "work", "act"})


def relative_roles(article: ParsedArticle, root: Token) -> list[Token]:
    """ "Jack Trammell, a Democrat who is also a professor", "X, who served as mayor", "who
    became mayor in 2004": the relative clause's role; not "who is not a lawyer", "who will
    become mayor"."""
    found = []
    for holder in (root, *appositions(root)):
        for clause in (c for c in holder.children if c.dep_ == "relcl"):
            if clause.lemma_ not in _RELATIVE_COPULAS or not any(
                c.lower_ == "who" and c.dep_ == "nsubj" for c in clause.children
            ):
                continue
            if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODAL_AUX - {"to"})
                   for c in clause.children):
                continue
            nouns = [c for c in clause.children if c.dep_ == "attr"]
            nouns += [g for c in clause.children if c.lower_ == "as" for g in c.children
                      if g.dep_ == "pobj"]
            found += [n for n in nouns if free_role(article, n)]
    return found


def appositions(root: Token) -> list[Token]:
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


def fronted_description(article: ParsedArticle, root: Token) -> list[str]:
    """ "The new leader of the party, X, said": parsed as two subjects of one verb."""
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    found = [
        phrase(article, c, {root.i})
        for c in root.head.children
        if c.dep_ in {"nsubj", "nsubjpass", "npadvmod"}
        and c.i < root.i
        and c.tag_ == "NN"
        and free_role(article, c)
    ]
    return found or _opening_description(article, root)


def _opening_description(article: ParsedArticle, root: Token) -> list[str]:
    """ "The former co-chairman of the campaign, Jackson was elected": a sentence that opens
    on a noun phrase ending in a comma right before its subject's name describes that name,
    whatever the parse made of the phrase (a hyphen can split "co-chairman" into three)."""
    mention = article.mention_at.get(root.i)
    if mention is None or mention.start < 2:
        return []
    sentence = article.sentences[article.sentence_of[root.i]]
    comma = article.doc[mention.start - 1]
    if comma.text != "," or root.head.i < root.i:
        return []
    tokens = list(article.doc[sentence.start : comma.i])
    if len(tokens) > 2 and tokens[0].pos_ in {"ADV", "CCONJ"} and tokens[1].text == ",":
        tokens = tokens[2:]  # "However, CEO of the company, X, said"
    words = [t for t in tokens if not t.is_punct and t.pos_ != "PART"]
    if not 1 < len(words) <= MAX_WORDS:
        return []
    if any(t.pos_ in {"VERB", "AUX", "PRON"} or (t.is_punct and t.text != "-") for t in tokens):
        return []
    head = _before_preposition(tokens)
    if head is None or not is_role_noun(head) or person_at(article, head) is not None:
        return []
    if tokens[0].lower_ in {"the", "a", "an"}:
        return [render(article, tokens[1:])]
    # no article: "CEO of the Blue Bulls Company, X": the phrase opens on its role noun
    return [render(article, tokens)] if tokens[0].i == head.i else []


def _before_preposition(tokens: list[Token]) -> Token | None:
    """The last word before the first "of/for/at/with": the head of "the chief of staff"."""
    for i, token in enumerate(tokens):
        if token.pos_ == "ADP" and i:
            return tokens[i - 1]
    return tokens[-1] if tokens[-1].pos_ in {"NOUN", "PROPN"} else None


def bare_title_before(article: ParsedArticle, root: Token) -> list[str]:
    """ "GOP presidential candidate and former Governor Mitt Romney": a singular role noun
    without article or possessive, joined to a name by "and", is that name's title; with one
    ("the governor and Mitt Romney") it is someone else, as it is where another name opens it
    ("named Scott Milanovich offensive coordinator and Vince Martino ...")."""
    if root.dep_ != "conj" or root.head.i > root.i:
        return []
    title = root.head
    if title.tag_ != "NN" or not free_role(article, title):
        return []
    if any(c.dep_ in {"det", "poss", "nummod"} for c in title.children):
        return []
    if post_holder(title) is not None:
        return []  # "named [Scott Milanovich offensive coordinator] and Vince Martino ...": his
    return [phrase(article, title, {root.i})]


def spokesman_for(article: ParsedArticle, root: Token) -> list[str]:
    """ "a spokesman for President Bush, Gordon Johndroe": the apposition is to the name."""
    if root.dep_ != "appos" or article.mention_at.get(root.head.i) is None:
        return []
    prep = root.head.head
    if prep.dep_ != "prep" or not free_role(article, prep.head):
        return []
    return [phrase(article, prep.head, {root.i})]


def split_apposition(article: ParsedArticle, root: Token) -> list[str]:
    """ "Amelie Mauresmo, the 2006 Australian Open and Wimbledon champion": the parse makes
    the first name of the phrase the apposition ("Open") and joins the role noun to it as a
    conjunct; the words from "the" to that noun are the role. Not where the conjunct has an
    article or owner of its own ("the Democrats and their leader": someone else)."""
    found = []
    for head in appositions(root):
        if head.pos_ != "PROPN" or person_at(article, head) is not None:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            continue
        for noun in (c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"):
            if not free_role(article, noun) or any(
                c.dep_ in {"det", "poss"} for c in noun.children
            ):
                continue
            tokens = list(article.doc[head.left_edge.i + 1 : noun.i + 1])
            if len(tokens) <= MAX_WORDS and not any(
                t.tag_ in FINITE_TAGS or (t.is_punct and t.text != "-") for t in tokens
            ):
                found.append(render(article, tokens))
    return found


def member_of(article: ParsedArticle, root: Token) -> list[str]:
    """ "Kannart Nikornyanont, one of the top provincial military commanders": a name in
    apposition with "one of" a plural role holds that role; not "one of the best players"
    (a judgement) nor "one of his sons" (no role noun)."""
    found = []
    for one in appositions(root):
        if one.lower_ != "one" or verb_between(root, one):
            continue
        found += [
            phrase(article, group, {root.i})
            for of in one.children
            if of.lower_ == "of"
            for group in of.children
            if group.dep_ == "pobj" and group.tag_ == "NNS" and free_role(article, group)
        ]
    return found


def misparsed_apposition(article: ParsedArticle, root: Token) -> list[str]:
    """ "Taylor, the Jaguars' star running back, chided": the parse made "star" the
    apposition and "running back" a clause of it. An apposition the parse gives no role noun
    but whose last word is one is that role, when it holds no finite verb, mark or name, no
    preposition or "and" after its head, and its head is no word for a person ("the wife of the
    president": not a president)."""
    found = []
    for head in appositions(root):
        if free_role(article, head) or names_person(head) or head.pos_ not in {"NOUN", "PROPN"}:
            continue
        last = article.doc[head.right_edge.i]
        tokens = list(article.doc[head.left_edge.i : last.i + 1])
        if last.i <= head.i or not free_role(article, last) or len(tokens) > MAX_WORDS:
            continue
        if any(t.tag_ in FINITE_TAGS or (t.is_punct and t.tag_ not in {"POS", "HYPH"})
               or person_at(article, t) is not None for t in tokens):
            continue
        if any(t.pos_ in {"ADP", "CCONJ"} for t in tokens if t.i > head.i):
            continue  # "the subject of an inquiry by the commissioner", "the Party and
            # their leader": someone else's post
        found.append(render(article, tokens[1:] if tokens[0].dep_ == "det" else tokens))
    return found
