"""What the words around a name say about whether it names a person.

NER's PERSON label is a guess from the name's own letters and a few words around it; the
article often says more. "Twitter, which declined to comment", "the Ummah", "his Twitter
account" and "a Kurd" are grammar no person's name takes; "William "Mo" Cowan" is one name with
a nickname inside, and "Malia and Sasha Obama" gives Malia her surname.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tidings.enrich.census_names import first_name_share
from tidings.enrich.gender import is_person_noun, is_registered_first_name
from tidings.enrich.lexicon import FEMALE_NOUNS, MALE_NOUNS, ROLE_NOUNS, SPEECH_VERBS
from tidings.enrich.ship_names import ship_name

_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
_QUOTES = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def thing_context(doc: Doc, start: int, end: int) -> str | None:
    """How the words around the name at tokens [start, end) show it names no person: "which"
    ("Twitter, which declined"), "the" or "a" before it as the head of its phrase ("the
    Ummah", "a Kurd", but not "the Bush administration"), a possessive pronoun before it ("his
    Twitter account"), quotation marks around it alone ("quoted"), a kind of thing it is one
    of ("kind"), a ship's grammar around it (`ship_name`: "the Queen Victoria"). None when
    they do not."""
    if ship_name(doc, start, end):
        return "ship"
    after = [t.lower_ for t in doc[end : end + 2]]
    if after[:1] == ["which"] or after == [",", "which"]:
        return "which"
    if start == 0:
        return None
    if _quoted_alone(doc, start, end):
        return "quoted"
    if _of_a_kind(doc[start:end].root, start):
        return "kind"
    before = doc[start - 1].lower_
    if before in _POSSESSIVE_PRONOUNS:
        return "possessive"
    root = doc[start:end].root
    if before in _ARTICLES and root.dep_ not in _MODIFIER_DEPS:
        if end - start > 1 and root.tag_ != "NNPS":
            return None  # "an Edward Snowden" is still him; "the Log Cabin Republicans" no one
        return "indefinite" if before != "the" else "definite"
    return None


def _quoted_alone(doc: Doc, start: int, end: int) -> bool:
    """The name is all a quotation holds: a title ("flops from "Miami Vice" to "Alexander.""),
    a chant ("when "Fire Ferguson" erupted"), written nowhere else; a name the article also
    writes outside the quotation may be someone's."""
    close = end + 1 if end < len(doc) and doc[end].text in _CLOSING_PUNCT else end
    return (_quote_mark(doc[start - 1]) and close < len(doc) and _quote_mark(doc[close])
            and not any(_quote_mark(t) for t in doc[start:end])
            and doc.text.count(doc[start:end].text) == 1)


def _quote_mark(token: Token) -> bool:
    return bool(token.text) and all(c in _QUOTE_CHARS for c in token.text)


def _of_a_kind(root: Token, start: int) -> bool:
    """A name given as one of a kind of things: listed after "services such as", "films
    including", "stores like" ("services such as Rhapsody and Napster"), or set beside a thing
    noun right before it or apposed ("the album art software Cover Flow", "the Zune Social, an
    online music community"; not "film director Steven Spielberg", nor the list after "Likely
    team:")."""
    first = root
    while first.dep_ == "conj" and first.head.pos_ == "PROPN":
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ in _LIST_PREPOSITIONS:
        kind = first.head.head
        if first.head.lower_ == "as":
            kind = kind.head if kind.lower_ == "such" else kind
        return thing_noun(kind) or thing_noun(_noun_before(first.head))
    beside = [c for c in root.children if c.dep_ == "appos"]
    beside += [c for c in root.children if c.dep_ == "compound" and c.i == start - 1]
    if root.dep_ == "appos":
        beside.append(root.head)
    return any(thing_noun(t) and not _colon_between(t, root) for t in beside)


def _noun_before(preposition: Token) -> Token:
    """The word right before "including", "like" or "such as" (a comma skipped), which the
    list is of whatever the parser hangs the preposition from ("the owner of discount stores
    including T.J. Maxx")."""
    i = preposition.i - 1
    if preposition.lower_ == "as" and i >= 0 and preposition.doc[i].lower_ == "such":
        i -= 1
    if i >= 0 and preposition.doc[i].text == ",":
        i -= 1
    return preposition.doc[max(i, 0)]


def _colon_between(a: Token, b: Token) -> bool:
    return any(t.text == ":" for t in a.doc[min(a.i, b.i) : max(a.i, b.i)])


def thing_noun(token: Token) -> bool:
    """A noun of a kind of thing a name may be: "software", "ship", "stadium"."""
    return token.pos_ == "NOUN" and token.lemma_.lower() in _THING_KINDS


_QUOTE_CHARS = frozenset('"\u201c\u201d\u2018\u2019\u00ab\u00bb`')
"""Quotation marks, doubled ones too; not the plain apostrophe ("the Steelers' Fred Taylor")."""
_CLOSING_PUNCT = frozenset({".", ",", "!", "?", ";", ":"})
_LIST_PREPOSITIONS = frozenset({"as", "including", "like"})
_THING_KINDS = frozenset(
    {"software", "program", "programme", "app", "application", "service", "site", "website",
     "store", "shop", "chain", "brand", "label", "product", "device", "gadget", "film", "movie",
     "book", "novel", "album", "song", "series", "game", "ship", "liner", "vessel",
     "boat", "yacht", "stadium", "venue", "arena", "car", "community",
     "network", "channel", "restaurant", "hotel", "team", "club", "company", "firm",
     "retailer", "carrier", "airline", "band", "magazine", "newspaper"}
)
"""Nouns of things a name may be one of: never a person ("players such as" still names one)."""


def acts_as_person(token: Token) -> bool:
    """A name that is the subject of a verb ("Martha said") or set beside a noun that names
    a person ("his wife, Betty")."""
    if token.dep_ in _SUBJECT_DEPS and token.head.pos_ in {"VERB", "AUX"}:
        return True
    return token.dep_ == "appos" and token.head.pos_ == "NOUN" and names_person(token.head)


def role_before(doc: Doc, start: int, end: int) -> bool:
    """A role noun or a noun that names a person, in lower case, right before the name and
    joined to it: "the Chinese philosopher Confucius", "striker Gabri"; not a plural, which
    sports copy sets before a team ("rivals Ferrari"), nor when the name is the subject of a
    clause of its own ("the defender Liverpool signed")."""
    root = doc[start:end].root
    if start == 0 or root.dep_ in _SUBJECT_DEPS:
        return False
    noun = doc[start - 1]
    return (noun.pos_ in {"NOUN", "PROPN"} and noun.is_lower and noun.head.i == root.i
            and noun.tag_ not in {"NNS", "NNPS"}  # "rivals Ferrari", "holders Chelsea": a team
            and noun.dep_ in {"compound", "nmod", "amod"}
            and (noun.lemma_.lower() in ROLE_NOUNS or names_person(noun)))


def speaks(token: Token) -> bool:
    """A name that is the subject of a verb of saying ("Macron said")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS


def names_person(noun: Token) -> bool:
    """A noun that always names a person: "wife", "son", "opponent", "rioter"."""
    lemma = noun.lemma_.lower()
    return is_person_noun(lemma) or lemma in MALE_NOUNS | FEMALE_NOUNS


def is_first_name(word: str) -> bool:
    """A first name in the census lists or in coreferee's name registers."""
    return bool(first_name_share(word)) or is_registered_first_name(word)


@dataclass(frozen=True)
class Nicknamed:
    """A name with a quoted nickname inside: tokens [start, end), its name without the
    nickname ("William Cowan") and the nickname ("Mo")."""

    start: int
    end: int
    name: str
    nickname: str


def nicknamed_names(doc: Doc) -> list[Nicknamed]:
    """ 'William "Mo" Cowan': capitalised proper nouns, one or two quoted capitalised words,
    capitalised proper nouns, the first of them a first name."""
    found = []
    for token in doc:
        if token.text not in _QUOTES or not _name_word(doc, token.i - 1):
            continue
        close = next((i for i in range(token.i + 2, min(token.i + 4, len(doc)))
                      if doc[i].text in _QUOTES), None)
        if close is None or not all(_name_word(doc, i) for i in range(token.i + 1, close)):
            continue
        start = token.i - 1
        while start > 0 and _name_word(doc, start - 1):
            start -= 1
        end = close + 1
        while _name_word(doc, end):
            end += 1
        if end == close + 1 or not is_first_name(doc[start].text):
            continue
        name = " ".join(t.text for t in (*doc[start : token.i], *doc[close + 1 : end]))
        found.append(Nicknamed(start, end, name, doc[token.i + 1 : close].text))
    return found


def _name_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()
