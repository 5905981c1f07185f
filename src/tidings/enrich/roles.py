"""Roles of people: titles, appositions, lists and copulas over the dependency parse."""

from __future__ import annotations

import re

from spacy.tokens import Token

from tidings.enrich.document import ParsedArticle, person_at, sentence_text
from tidings.enrich.lexicon import (
    HONORIFICS,
    MODAL_AUX,
    NOBLE_TITLES,
    ROLE_NOUNS,
)
from tidings.enrich.mention import Mention
from tidings.enrich.names import fold
from tidings.enrich.nlp import PLURAL_TITLES
from tidings.enrich.person_evidence import names_person
from tidings.enrich.results import Role
from tidings.enrich.role_names import expand_abbreviations
from tidings.enrich.role_words import (
    ADVOCATES_OF,
    OCCUPATIONS,
    OUTSIDE_NAMES_ONLY,
    POSITION_PHRASES,
    SPORTS_ROLES,
)

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
        "work",
    }
)
_AS_VERBS = frozenset(
    {"take", "join", "rejoin", "return", "continue", "stay", "quit", "leave", "succeed"}
    | {"replace", "start", "begin", "hire", "sack", "fire", "dismiss", "oust", "reinstate"}
)
"""Verbs whose "as" gives the subject's post: "took over as chairperson", "was sacked as"."""
_APPOINTING = frozenset(
    {"appoint", "name", "hire", "elect", "choose", "pick", "select", "install", "nominate"}
    | {"recruit", "promote", "reappoint", "make", "tap", "sign"}
)
"""Verbs that give their object a post: "hired Martz as", "named him captain"."""
_TENURE_NOUNS = frozenset(
    {"resignation", "appointment", "tenure", "term", "stint", "time", "role", "job", "spell"}
    | {"career", "election", "nomination", "reign", "departure", "retirement", "promotion"}
    | {"sacking", "dismissal", "confirmation", "reappointment", "reelection", "re-election"}
)
"""Nouns of holding or leaving a post, for "X's resignation as chairperson"."""
_SUCCESSION = frozenset({"new", "next", "incoming", "future", "previous", "outgoing"})
_AWARD_SPANS = frozenset({"week", "month", "year", "season", "match", "game", "tournament"})
"""What an award is "of": "Player of the Week", "Man of the Match"."""
_HOPED = frozenset({"possible", "potential", "expected", "proposed", "likely", "planned"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "appos", "cc", "conj", "ccomp"})
_MAX_WORDS = 12
_MAX_TITLE_WORDS = 5
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS", "VBZ"})
"""Tags of a plural role noun; "VBZ" is one the tagger took for a verb ("Tight ends X and Y")."""
_PARTY_TAG = re.compile(r"[RDI]\s*-\s*[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?")
"""US party and state after a name: "R-Tenn.", "D-N.Y.", "(D-Iowa)"."""


def find_roles(article: ParsedArticle) -> list[Role]:
    """Every (person, role) the article states, once each, with the first sentence saying it."""
    found: dict[tuple[str, str], Role] = {}
    for mention in article.mentions:
        if mention.type != "PERSON":
            continue
        article.check_time()
        index = article.sentence_of[mention.start]
        for role in map(expand_abbreviations, _roles_of(article, mention)):
            key = (mention.name, fold(role))
            if role and key not in found:
                found[key] = Role(mention.name, role, index, sentence_text(article, index))
    for pronoun, person in _pronoun_subjects(article):
        index = article.sentence_of[pronoun.i]
        for role in map(expand_abbreviations, _copula_roles(article, pronoun)):
            key = (person, fold(role))
            if role and key not in found:
                found[key] = Role(person, role, index, sentence_text(article, index))
    holders = {person for person, _ in found}
    for noun, person in _definite_subjects(article):
        role = expand_abbreviations(_phrase(article, noun, set()))
        if role and person not in holders:
            index = article.sentence_of[noun.i]
            found[(person, fold(role))] = Role(person, role, index, sentence_text(article, index))
    return list(found.values())


def _definite_subjects(article: ParsedArticle) -> list[tuple[Token, str]]:
    """ "The goal came from Eto'o when the Cameroon striker hammered it home": a definite
    singular role noun with a modifier of its own, subject of a verb other than "be" outside
    quotations, names the one person named before it in its sentence; never one of two
    ("Al Fayed convinced Hodgson and the former coach hopes"), and only a person the
    article gives no role otherwise (see `find_roles`)."""
    found = []
    for token in article.doc:
        if token.dep_ not in _SUBJECT_DEPS or token.tag_ != "NN" or token.i in article.quoted:
            continue
        children = list(token.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
            continue
        if not any(c.dep_ in {"compound", "amod", "nmod"} for c in children):
            continue  # "the minister" alone may be anyone's
        if any(c.lower_ in _SUCCESSION for c in children):
            continue  # "the new leader" is someone else's successor
        if any(c.dep_ in {"poss", "appos", "relcl", "acl"} for c in children):
            continue
        if token.head.lemma_ == "be" or not _free_role(article, token):
            continue
        if any(person_at(article, t) for t in token.subtree):
            continue
        article.check_time()
        person = _one_named_before(article, token)
        if person is not None and not _in_own_clause(article, token, person):
            found.append((token, person))
    return found


def _in_own_clause(article: ParsedArticle, noun: Token, person: str) -> bool:
    """ "Mr Howard said he expected polls to change as the new leader goes": a noun inside
    what the person's own verb says or governs is someone they speak of; a clause joined by
    "but"/"and" ("X is a candidate, but the Blackburn manager said") is not inside it."""
    verbs = {
        article.doc[m.start : m.end].root.head.i
        for m in article.mentions
        if m.name == person and article.doc[m.start : m.end].root.dep_ in _SUBJECT_DEPS
    }
    for node in noun.ancestors:
        if node.i in verbs:
            return True
        if node.dep_ == "conj":
            return False
    return False


def _one_named_before(article: ParsedArticle, token: Token) -> str | None:
    """The one person named before `token` in its sentence (a sentence before may have
    been about someone else: "X visited Paris. The French president said")."""
    index = article.sentence_of[token.i]
    names = {
        m.name
        for m in article.mentions
        if m.type == "PERSON"
        and article.sentence_of[m.start] == index
        and m.end <= token.i
        and m.start not in article.quoted
    }
    return names.pop() if len(names) == 1 else None


def _pronoun_subjects(article: ParsedArticle) -> list[tuple[Token, str]]:
    """ "He is the mayor of Boston", "She was appointed ambassador": "he"/"she" outside
    quotations as the subject of a main-clause copula, before any name in its sentence
    (which a clause of its own might be about), with the person they resolve to."""
    found = []
    for token in article.doc:
        if token.lower_ not in {"he", "she"} or token.dep_ not in _SUBJECT_DEPS:
            continue
        if token.i in article.quoted or token.head.lemma_ not in _COPULAS:
            continue
        if token.head.dep_ != "ROOT" or any(
            article.mention_at.get(t.i) is not None for t in token.sent if t.i < token.i
        ):
            continue
        article.check_time()
        person = person_at(article, token)
        if person is not None:
            found.append((token, person))
    return found


def is_role_noun(token: Token) -> bool:
    bare = token.lower_.rstrip(".")
    words = {token.lemma_.lower(), token.lower_, bare, bare.rstrip("s")}
    if words & OUTSIDE_NAMES_ONLY and token.ent_type_ not in {"", "PERSON"}:
        return False  # "Amnesty International", "the Revolutionary Guard"
    if words & ADVOCATES_OF and any(c.lower_ == "of" for c in token.rights):
        return False  # "a defender of women's rights"
    return bool(words & ROLE_NOUNS) or _two_word_position(token, words)


def is_trade_noun(token: Token) -> bool:
    """A role noun of a sport or a trade ("defender", "translator"), not of an office: an
    unnamed one is no one the news follows."""
    return token.lemma_.lower() in SPORTS_ROLES | OCCUPATIONS and is_role_noun(token)


def _two_word_position(token: Token, words: set[str]) -> bool:
    """ "running back", "tight ends", "scrum-half": the last word of a position that takes
    two, after its first (a hyphen between them or not)."""
    before = token.doc[max(0, token.i - 2) : token.i]
    if len(before) == 2 and before[1].text == "-":
        before = before[:1]
    return any(
        before and before[-1].lower_ in POSITION_PHRASES.get(word, ()) for word in words
    )


def _roles_of(article: ParsedArticle, mention: Mention) -> list[str]:
    root = article.doc[mention.start : mention.end].root
    roles = [_title_role(article, mention)]
    described = [
        c
        for c in _appositions(root)
        if _free_role(article, c)
        and not _named_by_other(article, c, root)
        and not _verb_between(root, c)
    ]
    if root.dep_ == "appos" and not _verb_between(root, root.head):
        owner = _role_owner(_antecedent_of_as(root.head))
        described += [h for h in [owner] if _free_role(article, h)]
    described += [
        c
        for d in list(described)
        for c in d.conjuncts
        if _free_role(article, c)
        and not any(t.dep_ == "neg" for t in c.subtree)
        and not _named_by_other(article, c, root)
    ]
    described += _relative_roles(article, root)
    roles += [_phrase(article, d, {root.i}) for d in dict.fromkeys(described)]
    roles += _copula_roles(article, root)
    roles += _object_roles(article, root)
    roles += _shared_roles(article, root)
    roles += _possessed_post(article, root)
    roles += _list_roles(article, root)
    roles += _fronted_description(article, root)
    roles += _spokesman_for(article, root)
    roles += _bare_title_before(article, root)
    roles += _examples_of(article, root)
    return [r for r in roles if r]


def _named_by_other(article: ParsedArticle, noun: Token, root: Token) -> bool:
    """ "X, then the director, and his deputy, Y": "deputy" has its own holder, Y."""
    if noun.dep_ == "appos" and noun.head.i != root.i and person_at(article, noun.head):
        return True
    return any(
        c.dep_ == "appos" and c.i != root.i and person_at(article, c) is not None
        for c in noun.children
    )


def _role_owner(head: Token) -> Token:
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


def _antecedent_of_as(head: Token) -> Token:
    """ "two managers who won World Cups as players - A and B -": names the parse hangs on
    the "as" noun of a relative clause name the clause's antecedent ("managers")."""
    prep = head.head
    if head.dep_ == "pobj" and prep.lower_ == "as" and prep.head.dep_ == "relcl":
        return prep.head.head
    return head


def _verb_between(a: Token, b: Token) -> bool:
    """ "Slory beat goalkeeper X": a finite verb between a name and a noun parts them, unless
    it is a clause's ("the businessman who had served as liaison, X")."""
    low, high = sorted((a.i, b.i))
    return any(
        t.tag_ in _FINITE_TAGS and not _in_clause(t, {a.i, b.i}) for t in a.doc[low + 1 : high]
    )


def _in_clause(token: Token, ends: set[int]) -> bool:
    for node in (token, *token.ancestors):
        if node.i in ends:
            return False
        if node.dep_ in {"relcl", "acl", "advcl", "ccomp", "parataxis"}:
            return True
    return False


def _relative_roles(article: ParsedArticle, root: Token) -> list[Token]:
    """ "Jack Trammell, a Democrat who is also a professor": the relative clause's role."""
    found = []
    for holder in (root, *_appositions(root)):
        for clause in (c for c in holder.children if c.dep_ == "relcl" and c.lemma_ == "be"):
            if any(c.lower_ == "who" and c.dep_ == "nsubj" for c in clause.children):
                found += [c for c in clause.children if c.dep_ == "attr" and _free_role(article, c)]
    return found


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
    return any(c.lower_ in {"top", "senior", "ranking", "no.", "leading"} for c in token.subtree)


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
        if token.tag_ in _FINITE_TAGS:
            break  # "Slory beat goalkeeper Rob van Dijk": a verb is no part of a title
        inside.add(token.i)
        first -= 1
    tokens = [doc[i] for i in range(first, mention.start)] or _capitalised_title(article, mention)
    tokens = tokens or _lexical_title(article, mention)
    if not tokens:
        field = _office_of_field(article, mention)
        return _render(article, field) if field else _title_before_comma(article, mention)
    while tokens and tokens[-1].lower_.rstrip(".") in NOBLE_TITLES | HONORIFICS:
        tokens.pop()
    while tokens and (tokens[0].dep_ in {"det", "case", "punct", "prep"} or tokens[0].is_punct):
        tokens.pop(0)
    while tokens and tokens[-1].dep_ in {"prep", "punct", "case"}:
        tokens.pop()
    words = [t for t in tokens if not t.is_punct]
    if not words or not (is_role_noun(words[-1]) or _of_title(tokens)):
        tokens = _office_of_field(article, mention)
        return _render(article, tokens) if tokens else ""
    return _render(article, tokens, plural_head=words[-1])  # "Senators X and Y": each a Senator


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
    if not _free_role(article, head):
        return ""
    tokens = list(doc[head.left_edge.i : head.i + 1])
    if any(
        t.is_punct or (t.tag_ != "PRP$" and person_at(article, t) is not None) for t in tokens
    ):
        return ""  # "his interpreter" is his, not the pronoun's person's
    while tokens and tokens[0].dep_ in {"det", "cc"}:
        tokens.pop(0)
    return _render(article, tokens)


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
    head = mention.start - 1
    if head < 0 or not is_role_noun(doc[head]) or article.mention_at.get(head) is not None:
        return []
    first = head - 1 if _two_word_position(doc[head], {doc[head].lower_.rstrip("s")}) else head
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
    leading = {"det", "predet", "nummod"} if head.tag_ in {"NNS", "NNPS"} else {"det", "predet"}
    while tokens and tokens[0].dep_ in leading and tokens[0].head.i == head.i:
        tokens.pop(0)  # "two managers who ...": each is a manager
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
        elif token.dep_ == "poss" and token.lower_ in {"his", "her"}:
            text = ""  # "his deputy" says no more than "deputy"
        elif plural_head is not None and token.i == plural_head.i and token.tag_ in _PLURAL_TAGS:
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


def _copula_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "X is the governor", "X was appointed Vice President", "Y served as Health Minister"."""
    verb = root.head
    found = []
    if root.dep_ in _SUBJECT_DEPS and not _unrealised(verb):
        for other in verb.conjuncts:  # "X went to law school and worked as a lawyer"
            if other.pos_ == "VERB" and not any(c.dep_ in _SUBJECT_DEPS for c in other.children):
                found += _copula_roles_of(article, root, other)
    return found + _copula_roles_of(article, root, verb)


def _copula_roles_of(article: ParsedArticle, root: Token, verb: Token) -> list[str]:
    if verb.lemma_ in _AS_VERBS and root.dep_ in _SUBJECT_DEPS and not _unrealised(verb):
        return [_phrase(article, n, {root.i}) for n in _as_nouns(article, verb)]
    if verb.lemma_ not in _COPULAS or _unrealised(verb):
        return []
    if root.dep_ == "attr" and verb.lemma_ == "be":
        return [
            _phrase(article, c, {root.i})
            for c in verb.children
            if c.dep_ == "nsubj" and _free_role(article, c)
        ]
    if root.dep_ not in _SUBJECT_DEPS:
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


def _as_nouns(article: ParsedArticle, verb: Token) -> list[Token]:
    """The role nouns of "as" on `verb`: "took over as chairperson", "joined as coach"."""
    preps = [c for c in verb.children if c.lower_ == "as"]
    preps += [a for c in verb.children if c.dep_ == "prt" for a in c.children if a.lower_ == "as"]
    nouns = [g for p in preps for g in p.children if g.dep_ == "pobj"]
    nouns += [c for n in list(nouns) for c in n.conjuncts]
    return [n for n in nouns if _free_role(article, n)]


def _object_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "Nolan hired Martz as his coordinator", "named him captain", "hired Martz to be his
    offensive coordinator": the post an appointing verb gives its object."""
    verb = root.head
    if root.dep_ != "dobj" or verb.lemma_ not in _APPOINTING or _unrealised(verb):
        return []
    if verb.tag_ in {"VB", "VBG"} or verb.dep_ == "xcomp":
        return []  # "offered to appoint X as", "considering naming X": not done
    nouns = [n for n in _as_nouns(article, verb) if n.i > root.i]  # not "As president, he made X"
    nouns += [c for c in verb.children if c.dep_ == "oprd" and _free_role(article, c)]
    for clause in (c for c in verb.children if c.dep_ == "xcomp" and c.lemma_ in _COPULAS):
        if not any(c.dep_ in _SUBJECT_DEPS for c in clause.children):
            nouns += [c for c in clause.children if c.dep_ == "attr" and _free_role(article, c)]
            nouns += _as_nouns(article, clause)
    return [_phrase(article, n, {root.i}) for n in nouns]


def _shared_roles(article: ParsedArticle, root: Token) -> list[str]:
    """ "Tiffany Tate and Andre Showell are producers": a plural role of conjoined subjects
    is each one's."""
    first = root
    while first.dep_ == "conj":
        first = first.head
    verb = first.head
    if first is root or first.dep_ not in _SUBJECT_DEPS or verb.lemma_ not in _COPULAS:
        return []
    if _unrealised(verb):
        return []
    nouns = [c for c in verb.children if c.dep_ in {"attr", "oprd"} and c.tag_ == "NNS"]
    return [_phrase(article, n, {first.i, root.i}) for n in nouns if _free_role(article, n)]


def _possessed_post(article: ParsedArticle, root: Token) -> list[str]:
    """ "Dharmadasa's resignation as chairperson", "her time as editor": the post of a
    tenure noun the name owns; not a hoped-for one ("his possible appointment as")."""
    tenure = root.head
    if root.dep_ != "poss" or tenure.lemma_.lower() not in _TENURE_NOUNS:
        return []
    if any(c.lower_ in _HOPED for c in tenure.children):
        return []
    return [_phrase(article, n, {root.i}) for n in _as_nouns(article, tenure)]


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
    head = _antecedent_of_as(first.head) if first.dep_ == "appos" else first.head
    if first.dep_ == "appos" and head.tag_ in {"NNS", "NNPS"} and _free_role(article, head):
        return [_phrase(article, head, {first.i})]
    if head.i != first.head.i:
        return []  # "four who won as players - A and B -": "four" is no role
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
    node = root
    while node.dep_ == "conj":
        node = node.head
        mention = article.mention_at.get(node.i)
        if mention is None:
            return []
        title = [article.doc[i] for i in range(max(0, mention.start - 4), mention.start)]
        role = _title_role(article, mention)
        if role and any(_plural_title(t) for t in title):
            return [role]
    return []


def _plural_title(token: Token) -> bool:
    return is_role_noun(token) and (token.tag_ in _PLURAL_TAGS or token.text in PLURAL_TITLES)


def _fronted_description(article: ParsedArticle, root: Token) -> list[str]:
    """ "The new leader of the party, X, said": parsed as two subjects of one verb."""
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    found = [
        _phrase(article, c, {root.i})
        for c in root.head.children
        if c.dep_ in {"nsubj", "nsubjpass", "npadvmod"}
        and c.i < root.i
        and c.tag_ == "NN"
        and _free_role(article, c)
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
    if not 1 < len(words) <= _MAX_WORDS:
        return []
    if any(t.pos_ in {"VERB", "AUX", "PRON"} or (t.is_punct and t.text != "-") for t in tokens):
        return []
    head = _before_preposition(tokens)
    if head is None or not is_role_noun(head) or person_at(article, head) is not None:
        return []
    if tokens[0].lower_ in {"the", "a", "an"}:
        return [_render(article, tokens[1:])]
    # no article: "CEO of the Blue Bulls Company, X": the phrase opens on its role noun
    return [_render(article, tokens)] if tokens[0].i == head.i else []


def _before_preposition(tokens: list[Token]) -> Token | None:
    """The last word before the first "of/for/at/with": the head of "the chief of staff"."""
    for i, token in enumerate(tokens):
        if token.pos_ == "ADP" and i:
            return tokens[i - 1]
    return tokens[-1] if tokens[-1].pos_ in {"NOUN", "PROPN"} else None


def _bare_title_before(article: ParsedArticle, root: Token) -> list[str]:
    """ "GOP presidential candidate and former Governor Mitt Romney": a singular role noun
    without article or possessive, joined to a name by "and", is that name's title; with one
    ("the governor and Mitt Romney") it is someone else."""
    if root.dep_ != "conj" or root.head.i > root.i:
        return []
    title = root.head
    if title.tag_ != "NN" or not _free_role(article, title):
        return []
    if any(c.dep_ in {"det", "poss", "nummod"} for c in title.children):
        return []
    return [_phrase(article, title, {root.i})]


def _examples_of(article: ParsedArticle, root: Token) -> list[str]:
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
    if group.tag_ != "NNS" or not _free_role(article, group):
        return []
    return [_phrase(article, group, {first.i, marker.i})]


def _spokesman_for(article: ParsedArticle, root: Token) -> list[str]:
    """ "a spokesman for President Bush, Gordon Johndroe": the apposition is to the name."""
    if root.dep_ != "appos" or article.mention_at.get(root.head.i) is None:
        return []
    prep = root.head.head
    if prep.dep_ != "prep" or not _free_role(article, prep.head):
        return []
    return [_phrase(article, prep.head, {root.i})]
