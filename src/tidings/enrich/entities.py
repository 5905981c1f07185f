"""Named entities of one article: cleaned, typed, merged by alias, counted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tidings.enrich.aliases import SHORT_FORMS, canonical_key, expands, person_part_of
from tidings.enrich.lexicon import HONORIFICS, ROLE_NOUNS, TITLES
from tidings.enrich.names import clean_name, fold
from tidings.enrich.results import Entity

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}
_ORG_WORDS = frozenset(
    {
        "party",
        "bank",
        "group",
        "council",
        "ministry",
        "police",
        "army",
        "force",
        "union",
        "company",
        "corp",
        "inc",
        "committee",
        "court",
        "news",
        "association",
        "commission",
    }
)


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: token range [start, end) and the canonical entity."""

    start: int
    end: int
    surface: str
    name: str
    type: str
    title: str
    """Title words inside the named span ("Governor" of "Governor Kazuo Ueda")."""


def find_mentions(doc: Doc) -> list[Mention]:
    """Clean NER spans, fix their types, and point each at its article-level name."""
    raw = [m for m in (_mention(ent) for ent in doc.ents) if m is not None]
    raw = sorted(raw + _titled_names(doc, raw), key=lambda m: m.start)
    raw = _retype(doc, _retype(doc, raw))
    people = [_extend_left(doc, m) for m in _add_surnames(doc, raw)]
    return _merge_aliases(people)


def summarise(mentions: list[Mention], sentence_of: dict[int, int]) -> tuple[Entity, ...]:
    """One `Entity` per canonical name, in order of first mention."""
    counts = Counter((m.name, m.type) for m in mentions)
    first: dict[tuple[str, str], int] = {}
    surfaces: dict[tuple[str, str], dict[str, None]] = {}
    for m in mentions:
        first.setdefault((m.name, m.type), sentence_of[m.start])
        if m.surface != m.name:
            surfaces.setdefault((m.name, m.type), {})[m.surface] = None
    return tuple(
        Entity(
            name,
            kind,
            canonical_key(name, kind),
            counts[(name, kind)],
            index,
            tuple(surfaces.get((name, kind), {})),
        )
        for (name, kind), index in first.items()
    )


def _mention(ent: Span) -> Mention | None:
    kind = LABELS.get(ent.label_)
    if kind is None:
        return None
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ == "the":
        start += 1
    name, title = clean_name(ent.doc[start : ent.end].text, person=kind == "PERSON")
    if not _plausible(name, kind):
        return None
    first_word = name.split()[0]
    while start < ent.end - 1 and not _starts_with(ent.doc[start], first_word):
        start += 1
    end = _name_end(ent, start, name) if kind == "PERSON" else ent.end
    return Mention(start, max(end, start + 1), name, name, kind, title)


def _starts_with(token: Token, word: str) -> bool:
    """Whether the text from `token` on begins with `word` ("al" of "al-Maliki" does)."""
    return token.doc.text.startswith(word, token.idx)


def _name_end(ent: Span, start: int, name: str) -> int:
    """First token past `name` from `start`: "al-Hashimi" spans three tokens, not one."""
    end_char = ent.doc[start].idx + len(name)
    end = start
    while end < ent.end and ent.doc[end].idx < end_char:
        end += 1
    return end


def _plausible(name: str, kind: str) -> bool:
    words = name.split()
    if not words or not any(c.isalpha() for c in name) or len(words) > 7:
        return False
    if kind == "PERSON":
        if len(words) == 1 and name.lower().rstrip(".") in TITLES | HONORIFICS:
            return False
        if set(fold(name).split()) & _ORG_WORDS:
            return False
        return all(w[0].isupper() or _particle(w) or w[0] in "([" for w in words) and not any(
            c.isdigit() for c in name
        )
    return name[0].isupper() or name[0].isdigit()


_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "ben",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
    }
)


def _particle(word: str) -> bool:
    """Lower-case name particles, alone or hyphenated: "bin", "al-Maliki", "van"."""
    return word.split("-")[0].lower() in _PARTICLES


def _retype(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Fix NER type slips: a person's surname tagged ORG, a name listed among people."""
    people = [m.name for m in mentions if m.type == "PERSON" and len(m.name.split()) > 1]
    grown = set(_full_names_of_surnames(mentions))
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(fold(m.name), Counter())[m.type] += 1
    fixed = []
    for m in mentions:
        kind = m.type
        if kind != "PERSON" and (
            m.name in grown or _looks_personal(doc, m, people, votes[fold(m.name)])
        ):
            kind = "PERSON"
        fixed.append(Mention(m.start, m.end, m.surface, m.name, kind, m.title))
    return fixed


def _full_names_of_surnames(mentions: list[Mention]) -> list[str]:
    """Two- or three-word names of any type ending in a surname NER tagged PERSON alone.

    "Stephane Dion" tagged FAC once and "Dion" tagged PERSON later make a person.
    """
    surnames = {m.name for m in mentions if m.type == "PERSON" and len(m.name.split()) == 1}
    return [
        m.name
        for m in mentions
        if m.type != "PERSON"
        and len(m.name.split()) in (2, 3)
        and m.name.split()[-1] in surnames
        and all(w[0].isupper() for w in m.name.split())
        and not set(fold(m.name).split()) & _ORG_WORDS
    ]


def _looks_personal(doc: Doc, m: Mention, people: list[str], votes: Counter[str]) -> bool:
    if votes["PERSON"] >= max(votes.values()):
        return True
    if any(person_part_of(m.name, p) for p in people):
        return True
    if set(fold(m.name).split()) & _ORG_WORDS or len(m.name.split()) not in (2, 3):
        return False
    if _role_linked(doc[m.start : m.end].root):
        return True
    root = doc[m.start : m.end].root
    linked = [t for t in (root.head, *root.children) if t.dep_ == "conj" or root.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in linked)


def _role_linked(root: Token) -> bool:
    """A name next to a role noun: "minister, Vecdi Gonul", "candidate Dumarsais Simeus"."""
    linked = [c for c in root.children if c.dep_ in {"appos", "compound"} and c.i < root.i - 1]
    linked += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        linked.append(root.head)
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in ROLE_NOUNS for t in linked)


def _titled_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Proper-noun names NER missed but a role noun vouches for."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for token in doc:
        if token.pos_ != "PROPN" or token.i in taken or token.dep_ == "compound":
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i:
            start -= 1
        words = doc[start : token.i + 1]
        free = not any(t.i in taken for t in words)
        if 2 <= len(words) <= 4 and words[0].text[0].isupper() and free and _role_linked(token):
            found.append(Mention(start, token.i + 1, words.text, words.text, "PERSON", ""))
    return found


def _extend_left(doc: Doc, m: Mention) -> Mention:
    """Add given names NER left out: "Gough" of "Gough Whitlam"."""
    start = m.start
    if m.type == "PERSON" and start > 0 and len(m.name.split()) == 1:
        token = doc[start - 1]
        bare = token.lower_.rstrip(".")
        if (
            token.pos_ == "PROPN"
            and token.dep_ == "compound"
            and token.text[0].isupper()
            and token.ent_type_ in {"", "PERSON"}
            and bare not in TITLES | HONORIFICS
        ):
            start -= 1
    if start == m.start:
        return m
    name = doc[start : m.end].text
    return Mention(start, m.end, name, name, m.type, m.title)


def _add_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Surnames NER missed ("Doe said") when the person is named elsewhere in the article."""
    surnames = {m.name.split()[-1] for m in mentions if m.type == "PERSON"}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra = [
        Mention(t.i, t.i + 1, t.text, t.text, "PERSON", "")
        for t in doc
        if t.text in surnames
        and t.pos_ == "PROPN"
        and t.i not in taken
        and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
    ]
    return sorted(mentions + extra, key=lambda m: m.start)


def _merge_aliases(mentions: list[Mention]) -> list[Mention]:
    """Point short forms at the fullest name in the article."""
    full_people = [m.name for m in mentions if m.type == "PERSON"]
    orgs = [m.name for m in mentions if m.type != "PERSON"]
    merged = []
    for index, m in enumerate(mentions):
        if m.type == "PERSON":
            target = _person_target(m, mentions[:index], full_people)
        else:
            target = _org_target(m, orgs)
        merged.append(Mention(m.start, m.end, m.surface, target, m.type, m.title))
    return merged


def _person_target(m: Mention, before: list[Mention], people: list[str]) -> str:
    candidates = [p for p in dict.fromkeys(people) if person_part_of(m.name, p)]
    if not candidates:
        return m.name
    recent = [b.name for b in reversed(before) if b.name in candidates]
    longest = max(recent[:1] or candidates, key=lambda p: len(p.split()))
    return _person_target(Mention(0, 0, "", longest, "PERSON", ""), [], people)


def _org_target(m: Mention, names: list[str]) -> str:
    key = canonical_key(m.name, m.type)
    for other in dict.fromkeys(names):
        if other == m.name:
            continue
        if expands(m.name, other) or (
            canonical_key(other, m.type) == key and len(other) > len(m.name)
        ):
            return other
    folded = fold(m.name)
    if folded in SHORT_FORMS:
        full = [o for o in names if fold(o) == SHORT_FORMS[folded]]
        return full[0] if full else m.name
    return m.name
