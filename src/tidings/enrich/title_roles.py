"""Roles from the title right before a name: "Health Minister Tony Abbott", "Secretary of
State John Kerry", "director of rugby Ian McGeechan", "its ranking Republican, X"."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tidings.enrich.document import ParsedArticle, person_at
from tidings.enrich.gender import is_person_noun
from tidings.enrich.lexicon import HONORIFICS, NOBLE_TITLES
from tidings.enrich.mention import Mention
from tidings.enrich.person_evidence import names_person
from tidings.enrich.role_nouns import free_role, is_role_noun, two_word_position
from tidings.enrich.role_phrases import render, whole_words

_TITLE_DEPS = frozenset(
    {"compound", "amod", "nmod", "poss", "case", "nummod", "punct", "prep", "pobj", "det"}
)


_MAX_TITLE_WORDS = 5


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def title_role(article: ParsedArticle, mention: Mention) -> str:
    """ "Workplace Relations Minister Kevin Andrews", "the central bank's governor Ueda"."""
    doc = article.doc
    bracketed = _bracketed_title(article, mention)
    if bracketed:
        return render(article, bracketed)
    inside = set(range(mention.start, mention.end))
    first = mention.start
    while first > 0:
        token = doc[first - 1]
        other = article.mention_at.get(token.i)
        if token.dep_ not in _TITLE_DEPS or (other is not None and other.type == "PERSON"):
            break
        if other is not None and other.end == first and _modifies(doc, other, inside):
            inside.update(range(other.start, first))  # "University of Ottawa law professor X"
            first = other.start
            continue
        hyphen = token.tag_ == "HYPH" and first - 1 > 0 and doc[first - 2].head.i in inside
        if token.dep_ != "case" and token.head.i not in inside and token.head.i < first - 1:
            if hyphen:  # "scrum-half Dwayne Peel": "scrum" hangs on "half" past the hyphen
                inside.add(token.i)
                first -= 1
                continue
            office = _office_of(token, inside)
            if office is None:
                break
            inside.update(range(office.i, first))
            first = office.i
            continue
        if token.is_punct and token.text not in {"-", "'s", "."}:
            break
        if token.tag_ in FINITE_TAGS:
            break  # "Slory beat goalkeeper Rob van Dijk": a verb is no part of a title
        inside.add(token.i)
        first -= 1
    tokens = [doc[i] for i in range(first, mention.start)] or _capitalised_title(article, mention)
    tokens = tokens or _lexical_title(article, mention)
    if not tokens:
        field = _office_of_field(article, mention)
        return render(article, field) if field else _title_before_comma(article, mention)
    while tokens and tokens[-1].lower_.rstrip(".") in NOBLE_TITLES | HONORIFICS:
        tokens.pop()
    tokens = whole_words(tokens)
    while tokens and (tokens[0].dep_ in {"det", "case", "punct", "prep"} or tokens[0].is_punct
                      or _clause_verb(tokens[0])):
        tokens.pop(0)
    while tokens and tokens[-1].dep_ in {"prep", "punct", "case"}:
        tokens.pop()
    if tokens:  # "world champion team-mate X": "world champion"
        end = _before_relation(doc, tokens[-1].i)
        tokens = [t for t in tokens if t.i <= end]
    words = [t for t in tokens if not t.is_punct]
    if not words or not (is_role_noun(words[-1]) or _of_title(tokens)):
        tokens = _office_of_field(article, mention)
        return render(article, tokens) if tokens else ""
    return render(article, tokens, plural_head=words[-1])  # "Senators X and Y": each a Senator


def _before_relation(doc: Doc, i: int) -> int:
    """ "double world champion team-mate Fernando Alonso", "her film director husband Guy
    Ritchie": before a name, a noun of someone's relation to another person right after a
    role noun; the index of that role noun (else `i`). Nothing may stand between them ("the
    Labour leader's husband X": he is no leader)."""
    if i < 1 or not doc[i].is_lower or is_role_noun(doc[i]):
        return i
    j, noun = i - 1, doc[i].lemma_.lower()
    if j > 1 and doc[j].text == "-" and not doc[j].whitespace_ and not doc[j - 1].whitespace_:
        j, noun = j - 2, doc[j - 1].lower_ + noun  # "team-mate": one noun
    if not (names_person(doc[i]) or is_person_noun(noun)):
        return i
    return j if j >= 0 and is_role_noun(doc[j]) else i


def _modifies(doc: Doc, mention: Mention, inside: set[int]) -> bool:
    """Whether a name of more than one word before a title hangs on it as a whole: "University
    of Ottawa" of "University of Ottawa law professor X" (the parse hangs "Ottawa" on "of")."""
    span = doc[mention.start : mention.end]
    return len(span) > 1 and span.root.head.i in inside and span.root.dep_ in _TITLE_DEPS


def _bracketed_title(article: ParsedArticle, mention: Mention) -> list[Token]:
    """ "because (label boss) Guy Hands refused": a title an editor set in brackets right
    before a name: nouns and adjectives only, a role noun last, no name among them."""
    doc = article.doc
    close = mention.start - 1
    if close < 2 or doc[close].text not in {")", "]"}:
        return []
    opening = next((i for i in range(close - 1, max(-1, close - _MAX_TITLE_WORDS - 2), -1)
                    if doc[i].text in {"(", "["}), None)
    if opening is None:
        return []
    tokens = list(doc[opening + 1 : close])
    if not tokens or not is_role_noun(tokens[-1]) or any(
        t.pos_ not in {"NOUN", "PROPN", "ADJ"} or person_at(article, t) for t in tokens
    ):
        return []
    return tokens


def _clause_verb(token: Token) -> bool:
    """A participle after its own subject, which the parse hung on a title as a modifier:
    "showed Joe Biden leading President Donald Trump", "The first charged President Trump
    with abuse of power"; not a title's own "acting" or "retired" ("the acting President",
    "that retired General John Allen")."""
    if token.tag_ not in {"VBG", "VBN", "VBD"} or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return before.pos_ in {"PROPN", "NOUN", "PRON"} or before.ent_type_ == "ORDINAL"


def _office_of(token: Token, inside: set[int]) -> Token | None:
    """ "Secretary of State John Kerry": from "State", the role noun its "of" hangs on, when
    that noun modifies the name."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in {"of", "for"} or prep.i != token.i - 1:
        return None
    office = prep.head
    if office.i != prep.i - 1 or not is_role_noun(office) or office.head.i not in inside:
        return None
    return office


def _title_before_comma(article: ParsedArticle, mention: Mention) -> str:
    """ "... and its ranking Republican, Saxby Chambliss, said": a role phrase set off by a
    comma that the parse hangs on the name itself; "said through his interpreter, Michael
    Yim.": a definite or possessed one before a name that ends the sentence, whatever the
    parse hangs them on."""
    doc = article.doc
    if mention.start < 2 or doc[mention.start - 1].text != ",":
        return ""
    head = doc[mention.start - 2]
    name = doc[mention.start : mention.end]
    hung = head.head.i == name.root.i and head.dep_ in {"nmod", "compound", "appos", "amod"}
    if not hung and not _closing_apposition(article, head, mention):
        return ""
    if not free_role(article, head):
        return ""
    tokens = list(doc[head.left_edge.i : head.i + 1])
    if any(
        t.is_punct or (t.tag_ != "PRP$" and person_at(article, t) is not None) for t in tokens
    ):
        return ""  # "his interpreter" is his, not the pronoun's person's
    while tokens and tokens[0].dep_ in {"det", "cc"}:
        tokens.pop(0)
    return render(article, tokens)


def _closing_apposition(article: ParsedArticle, head: Token, mention: Mention) -> bool:
    doc = article.doc
    ends = mention.end == len(doc) or doc[mention.end].text in {".", "!", "?"}
    owned = any(c.dep_ in {"det", "poss"} for c in head.children)
    return ends and owned and head.tag_ == "NN"


def _of_title(tokens: list[Token]) -> bool:
    """ "Secretary of State Hillary Clinton": a role noun, then "of" and a capitalised word."""
    for i, token in enumerate(tokens[:-1]):
        if token.lower_ in {"of", "for"} and i and is_role_noun(tokens[i - 1]):
            return all(t.text[0].isupper() for t in tokens[i + 1 :])
    return False


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


def _lexical_title(article: ParsedArticle, mention: Mention) -> list[Token]:
    """A role noun right before a name, with the nouns and adjectives before it, whatever the
    parse made of them: "Pittsburgh running back Willie Parker" (parsed as a verb and an
    adverb), "Tight ends X and Y", "starting point guard Z"."""
    doc = article.doc
    head = _before_relation(doc, mention.start - 1)
    if head < 0 or not is_role_noun(doc[head]) or article.mention_at.get(head) is not None:
        return []
    first = head - 1 if two_word_position(doc[head], {doc[head].lower_.rstrip("s")}) else head
    if first != head and doc[first].text == "-":
        first -= 1
    sentence = article.sentences[article.sentence_of[head]]
    while first > sentence.start and head - first < _MAX_TITLE_WORDS:
        token = doc[first - 1]
        other = article.mention_at.get(token.i)
        if other is not None and other.type == "PERSON":
            break
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"} and token.tag_ != "POS":
            break
        first -= 1
    return list(doc[first : head + 1])


def _office_of_field(article: ParsedArticle, mention: Mention) -> list[Token]:
    """ "London Wasps director of rugby Ian McGeechan", "vice president of football
    operations Bill Parcells": a role noun, "of" and lowercase common nouns right before a
    name; not when they name a person ("the lawyer for victim X", "spokesman for Senator
    X": someone else's)."""
    doc = article.doc
    i = mention.start - 1
    while i >= 0 and mention.start - i <= 3 and _field_word(doc[i]):
        i -= 1
    if i == mention.start - 1 or i < 1 or doc[i].lower_ not in {"of", "for"}:
        return []
    head = doc[i - 1]
    if not is_role_noun(head) or article.mention_at.get(head.i) is not None:
        return []
    start = head.i
    sentence = article.sentences[article.sentence_of[head.i]]
    while start > sentence.start and head.i - start < _MAX_TITLE_WORDS:
        token = doc[start - 1]
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"} or person_at(article, token):
            break
        start -= 1
    return list(doc[start : mention.start])


def _field_word(token: Token) -> bool:
    """A lowercase common noun that names no person: "rugby", "football operations"."""
    return (
        token.pos_ == "NOUN"
        and token.is_lower
        and not is_role_noun(token)
        and not names_person(token)
    )
