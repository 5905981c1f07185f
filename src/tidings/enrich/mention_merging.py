"""Mentions pointed at their article-level name: short forms and surnames at the full name,
nicknames, birth names, given names that share a surname, organisations' short forms."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc

from tidings.enrich.aliases import (
    SHORT_FORMS,
    canonical_key,
    expands,
    person_part_of,
    plural_slip,
    spelled_alike,
)
from tidings.enrich.gazetteer import place_population
from tidings.enrich.gender import first_name_gender
from tidings.enrich.given_names import short_form_of
from tidings.enrich.lexicon import TITLES
from tidings.enrich.mention import Mention, marked_gender
from tidings.enrich.names import fold, name_words
from tidings.enrich.person_evidence import is_first_name, nicknamed_names


def merge_aliases(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Point short forms at the fullest name in the article, and a birth name at its
    person ("Lady Bird Johnson, née Claudia Alta Taylor"); first, one person's name written
    in two ways at one form of it (`_written_alike`)."""
    alike = _written_alike([m.name for m in mentions if m.type == "PERSON"])
    mentions = [replace(m, name=alike[m.name]) if m.name in alike else m for m in mentions]
    born = _birth_names(doc, mentions)
    full_people = [m.name for m in mentions if m.type == "PERSON" and m.start not in born]
    orgs = [m.name for m in mentions if m.type != "PERSON"]
    titles: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "PERSON":
            titles.setdefault(m.name, set()).update(_title_words(doc, m))
    merged: list[Mention] = []
    alone = _other_gender_surnames(doc, mentions, full_people)
    for m in mentions:
        if m.start in born:
            target = next(b.name for b in merged if b.start == born[m.start])
        elif m.type == "PERSON" and m.name in alone and marked_gender(doc, m) != alone[m.name]:
            target = m.name
        elif m.type == "PERSON":
            own = _title_words(doc, m)
            titled = [p for p in full_people if own & titles.get(p, set())]
            target = _person_target(m, merged, full_people, titled, marked_gender(doc, m))
        else:
            target = _org_target(m, orgs)
        merged.append(Mention(m.start, m.end, m.surface, target, m.type, m.title))
    return merged


def _written_alike(people: list[str]) -> dict[str, str]:
    """Name -> the form to keep, for full names of one person written in two ways here: the
    same words cased or spaced otherwise ("BARACK OBAMA", "G.Sudhakaran" and "G. Sudhakaran"),
    or the same surname after a given name and its short form ("Will Rikard-Bell", "William
    Rikard-Bell"); the form kept is the first not in capitals, or the full given name's."""
    forms: dict[tuple[str, ...], list[str]] = {}
    for name in dict.fromkeys(people):
        words = name_words(name)
        if len(words) > 1:
            forms.setdefault(words, []).append(name)
    kept = {}
    for names in forms.values():
        first = next((n for n in names if not n.isupper()), names[0])
        kept |= {n: first for n in names if n != first}
    by_rest: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for words in forms:
        by_rest.setdefault(words[1:], []).append(words)
    for group in by_rest.values():
        for short in group:
            given = [w for w in group if short_form_of(short[0], w[0])]
            if len(given) == 1:
                kept |= {n: forms[given[0]][0] for n in forms[short]}
    return kept


def _other_gender_surnames(doc: Doc, mentions: list[Mention], people: list[str]
                           ) -> dict[str, str]:
    """Surname -> the gender of the full names here it would join, where a mention of it
    alone is marked the other gender: "Mr. Obama" is no "Sasha Obama", so "Obama" alone
    stands for him (and "Ms. Obama" for her) in the article about his daughters."""
    alone = {}
    for m in mentions:
        marked = marked_gender(doc, m) if m.type == "PERSON" and " " not in m.name else None
        if not marked:
            continue
        owners = {first_name_gender(p) for p in people if person_part_of(m.name, p)}
        if len(owners) == 1 and None not in owners and marked not in owners:
            alone[m.name] = owners.pop()
    return alone


def _birth_names(doc: Doc, mentions: list[Mention]) -> dict[int, int]:
    """Start of a person mention after "née" -> start of the person mention just before it."""
    found = {}
    people = [m for m in mentions if m.type == "PERSON"]
    for before, after in pairwise(people):
        between = list(doc[before.end : after.start])
        marker = next((i for i, t in enumerate(between) if t.lower_ in _BIRTH_MARKERS), None)
        if marker is not None and all(t.text == "," for t in between[:marker]) and all(
            t.text[:1].isupper() for t in between[marker + 1 :]
        ):  # "née Claudia Alta Taylor", of which NER took "Alta Taylor"
            found[after.start] = before.start
    return found


_BIRTH_MARKERS = frozenset({"n\u00e9e", "nee", "n\u00e9"})


def _title_words(doc: Doc, m: Mention) -> set[str]:
    """Title words right before or inside a mention: {"president"} of "President Johnson"."""
    words = {w.lower().rstrip(".") for w in m.title.split()}
    words |= {t.lower_.rstrip(".") for t in doc[max(0, m.start - 2) : m.start]}
    return words & TITLES


def _person_target(
    m: Mention, before: list[Mention], people: list[str], titled: list[str] = (),
    gender: str | None = None,
) -> str:
    """The full name here `m` is a part of: the one with the same title, else the one most
    often named lately, else the longest. Where an honorific marks `m`'s gender, a full name
    whose given name is the other gender's is none ("Mr Darwin" is John Darwin, not his wife
    Anne Darwin, though she was named last)."""
    candidates = [p for p in dict.fromkeys(people) if person_part_of(m.name, p)]
    if not candidates:
        return _first_name_of(m.name, people) or _alike(m.name, people) or m.name
    if gender is not None:
        candidates = [p for p in candidates if first_name_gender(p) in {gender, None}
                      ] or candidates
    same_title = [p for p in candidates if p in titled]
    if len(set(same_title)) == 1:
        candidates = same_title
    recent = [b.name for b in reversed(before) if b.name in candidates]
    counts = Counter(recent)
    salient = max(recent, key=lambda p: counts[p]) if recent else None
    longest = salient or max(candidates, key=lambda p: len(p.split()))
    return _person_target(Mention(0, 0, "", longest, "PERSON", ""), [], people)


def _alike(name: str, people: list[str]) -> str | None:
    """The one other name spelled nearly the same ("Mwanawase" for "Mwanawasa"), where it is
    the form to keep: the more often written (`_written`), or of two as often the first; so
    "Bashir al Assad" and "Bashar al-Assad" become one person, not each other's alias."""
    surnames = {p: p.split()[-1] if len(name.split()) == 1 else p for p in people if p != name}
    owners = {p for p, form in surnames.items() if spelled_alike(name, form)}
    owners = {p for p in owners if people.index(p) < people.index(name)} or owners
    if len(owners) != 1:
        return None
    owner = owners.pop()
    if name not in people or len(name.split()) == 1:
        return owner
    kept = max((owner, name), key=lambda p: (_written(p, people), -people.index(p)))
    return owner if kept == owner else None


def _written(name: str, people: list[str]) -> int:
    """How many of the mentions `people` name `name`, in full or in part ("Mwanawasa")."""
    return sum(p == name or person_part_of(p, name) for p in people)


def _first_name_of(name: str, people: list[str]) -> str | None:
    """ "John" alone for the article's only John, "John Boehner", or, where no full name here
    starts with it, for its only person whose given name it is a short form of ("Sir Ed" of
    "Sir Edmund Hillary"); None when ambiguous."""
    if len(name.split()) != 1:
        return None
    full = [p for p in people if len(p.split()) > 1]
    owners = {p for p in full if p.split()[0] == name}
    if not owners:
        owners = {p for p in full if short_form_of(name, p.split()[0])}
    return owners.pop() if len(owners) == 1 else None


def _org_target(m: Mention, names: list[str]) -> str:
    folded = fold(m.name)
    if folded in SHORT_FORMS:  # "AP" is the Associated Press, not "Athens Polytechnic"
        full = [o for o in names if fold(o) == SHORT_FORMS[folded]]
        return full[0] if full else m.name
    key = canonical_key(m.name, m.type)
    for other in dict.fromkeys(names):
        if other == m.name:
            continue
        if expands(m.name, other) or (
            canonical_key(other, m.type) == key and len(other) > len(m.name)
        ):
            return other
        if plural_slip(m.name, other) and fold(other).endswith("s"):
            return other
    return m.name


def with_nicknames(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], dict[str, str]]:
    """'William "Mo" Cowan' is one person, William Cowan, called Mo: one mention over the
    whole name in place of NER's pieces ("William", and "Cowan" as an organisation). Returns
    the mentions and nickname -> name."""
    found = [n for n in nicknamed_names(doc)
             if any(m.start < n.end and n.start < m.end for m in mentions)]
    if not found:
        return mentions, {}
    covered = {i for n in found for i in range(n.start, n.end)}
    kept = [m for m in mentions if not covered.intersection(range(m.start, m.end))]
    named = [Mention(n.start, n.end, n.name, n.name, "PERSON", "") for n in found]
    return sorted(kept + named, key=lambda m: m.start), {n.nickname: n.name for n in found}


def call_by_nickname(mentions: list[Mention], nicknames: dict[str, str]) -> list[Mention]:
    """ "nothing on Mo": a nickname alone is the person who has it here."""
    return [
        Mention(m.start, m.end, m.surface, nicknames[m.name], "PERSON", m.title)
        if m.name in nicknames else m
        for m in mentions
    ]


def given_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Malia and Sasha Obama": a first name joined by "and" to a full name shares its
    surname (NER typed Malia a place); never a name that is someone's surname here, nor one
    in a longer list ("Bojan, Henry and Xavi Hernandez")."""
    people = [m.name for m in mentions if m.type == "PERSON" and len(m.name.split()) > 1]
    by_start = {m.start: m for m in mentions}
    fixed = []
    for m in mentions:
        partner = by_start.get(m.end + 1)
        words = partner.name.split() if partner else []
        if (
            partner is not None
            and partner.type == "PERSON"
            and len(words) > 1
            and " " not in m.name
            and doc[m.end].lower_ in {"and", "&"}
            and not _listed_after_name(doc, m.start)
            and (m.type == "PERSON" or place_population(m.name) < 200_000)
            and is_first_name(m.name)
            and is_first_name(words[0])
            and not any(person_part_of(m.name, p) for p in people)
        ):
            name = " ".join([m.name, *words[1:]])
            fixed.append(Mention(m.start, m.end, m.surface, name, "PERSON", m.title))
        else:
            fixed.append(m)
    return fixed


def _listed_after_name(doc: Doc, start: int) -> bool:
    """Whether the token at `start` follows a name and a comma in a list ("Bojan, Henry and
    Xavi Hernandez"; not "his daughters, Sasha and Malia Obama")."""
    return start > 1 and doc[start - 1].text == "," and doc[start - 2].pos_ == "PROPN"
