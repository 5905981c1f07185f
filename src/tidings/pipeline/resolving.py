"""Resolving an article's entities to stored ones, loading only likely candidates.

Every stored entity has lookup keys (`lookup_keys`): the canonical keys of its names, for a
person each word of the name after the first ("person~ueda") and the sound of its surname
("person%LTN" of "Osama bin Laden", `sound_key`), for an organisation or place the initials
of its longer names ("org#rcmp"). A mention's keys (`mention_keys`) are its canonical key, a
person's last word and its sound (and name as a place's or an organisation's), a place's
name as an organisation's and the reverse, an acronym's letters: the entities sharing one
are exactly those `AliasResolver` could match or the type votes need, so resolution reads a
handful of rows, never the whole table.

A name is also what the coverage says it is: a person's name stored as a place or an
organisation in many more articles ("Gori", "Zavvi") is that place or organisation here too,
and a one-word place or organisation that a much-covered person answers to ("Snowden") is
that person, and a name stored as a place in many more articles than as an organisation
("United States") is that place, or the reverse (`EntityIndex.mentions`), so one article's
NER slip does not make a new entity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from tidings.enrich import AliasResolver, ArticleAnalysis, Entity, KnownEntity, canonical_key
from tidings.enrich.aliases import is_acronym, recordable_alias, sound_key
from tidings.enrich.gazetteer import is_country, place_population
from tidings.enrich.names import clean_name, fold, initials, name_words
from tidings.store.entities import EntityMention, StoredEntity

TYPE_VOTES = 3
"""Articles a name must be stored under another type in, and more than twice as many as
under a person's, before a new article's person of that name takes the other type."""
_OTHER_GROUPS = ("place", "org")


def lookup_keys(name: str, type: str, names: Iterable[str]) -> tuple[str, ...]:
    """Every key under which the entity called `name` (also `names`) can be found."""
    group = canonical_key(name, type).partition(":")[0]
    keys = [canonical_key(n, type) for n in (name, *names)]
    if type == "PERSON":
        words = fold(clean_name(name, person=True)[0]).split()
        keys += [f"{group}~{word}" for word in words[1:]]
        keys += filter(None, (_sound_lookup(group, n) for n in (name, *names)))
    else:
        keys += [f"{group}#{initials(n)}" for n in (name, *names)
                 if len(n.split()) > 1 and initials(n)]
    return tuple(dict.fromkeys(keys))


def mention_keys(entity: Entity) -> tuple[str, ...]:
    """The lookup keys of the stored entities `entity` may refer to."""
    group, _, folded = entity.key.partition(":")
    keys = [entity.key]
    if entity.type == "PERSON" and folded:
        keys.append(f"{group}~{folded.split()[-1]}")
        keys += [k for k in (_sound_lookup(group, entity.name),) if k]
        keys += [f"{other}:{folded}" for other in _OTHER_GROUPS]
    elif folded:
        keys += [f"{other}:{folded}" for other in _OTHER_GROUPS if other != group]
        if " " not in folded:
            keys += [f"person:{folded}", f"person~{folded}"]
    if entity.type != "PERSON" and is_acronym(entity.name):
        keys.append(f"{group}#{entity.name.replace('.', '')}")
    return tuple(keys)


def _sound_lookup(group: str, name: str) -> str:
    """The lookup key of the sound of a person's surname ("person%LTN" of "bin Ladin"),
    or "" when it has none: the spellings `spelled_alike` and `surname_alike` join share it."""
    words = name_words(clean_name(name, person=True)[0])
    code = sound_key(words[-1]) if words else ""
    return f"{group}%{code}" if code else ""


class EntityIndex:
    """The candidate entities of a batch of articles, grown as the batch is stored."""

    def __init__(self, stored: Iterable[StoredEntity]) -> None:
        self._entities: dict[str, KnownEntity] = {}
        self._by_lookup: dict[str, set[str]] = {}
        self._articles: Counter[str] = Counter()
        for entity in stored:
            self._remember(entity.key, KnownEntity(entity.name, entity.type, entity.aliases))
            self._articles[entity.key] = entity.article_count

    def mentions(self, analysis: ArticleAnalysis) -> tuple[EntityMention, ...]:
        """The article's entities, each resolved to a known entity's key or its own."""
        resolver, keys = self._resolver_for(analysis.entities)
        first_roles: dict[str, str] = {}
        for role in sorted(analysis.roles, key=lambda r: r.sentence_index):
            first_roles.setdefault(role.person, role.role)
        found = []
        for entity in analysis.entities:
            known = resolver.resolve(entity.name, entity.type)
            key = entity.key
            if known is not None:
                key = keys.get(_identity(known), canonical_key(known.name, known.type))
            voted = self._outvoted(entity, key)
            if voted is not None:
                known, key = self._entities[voted], voted
            person = self._person_named(entity, key, resolver)
            if person is not None:
                known, key = person, keys[_identity(person)]
            name, type = (known.name, known.type) if known else (entity.name, entity.type)
            names = tuple(n for n in (entity.name, *entity.aliases)
                          if n == name or recordable_alias(n, name, type))
            found.append(EntityMention(
                key=key, name=name, type=type, names=names,
                lookup_keys=lookup_keys(name, type, names), mentions=entity.mentions,
                role=first_roles.get(entity.name),
            ))
        return tuple(found)

    def add(self, mentions: Iterable[EntityMention]) -> None:
        """Record entities just stored, so later articles of the batch resolve to them."""
        for m in mentions:
            self._articles[m.key] += 1
            old = self._entities.get(m.key)
            aliases = (*(old.aliases if old else ()), *(n for n in m.names if n != m.name))
            self._remember(m.key, KnownEntity(m.name, m.type, tuple(dict.fromkeys(aliases))))

    def _outvoted(self, entity: Entity, resolved: str) -> str | None:
        """The type a name has in the coverage when this article's differs: the place or
        organisation a person's name is, or the organisation a place's name is and the
        reverse, when it is stored as that in at least `TYPE_VOTES` articles and in more
        than twice as many as the entity (stored as `resolved`) it resolves to. A person's
        full name only yields to a place the gazetteer knows ("New Jersey"): NER types some
        people's names as places too. A city or state is no organisation's name to take or
        give (a club or company may bear it), a country is ("United States")."""
        group, _, folded = (entity.key if entity.type == "PERSON" else resolved).partition(":")
        if not folded:
            return None
        if entity.type != "PERSON":
            if place_population(folded) and not is_country(folded):
                return None  # "Liverpool": a city and its club, each as NER types it
            groups: tuple[str, ...] = tuple(g for g in _OTHER_GROUPS if g != group)
        elif " " not in folded:
            groups = _OTHER_GROUPS
        else:
            groups = ("place",) if place_population(entity.name) else ()
        votes = {key: self._articles[key] for key in (f"{g}:{folded}" for g in groups)
                 if key in self._entities}
        if not votes:
            return None
        other = max(votes, key=lambda k: votes[k])
        if votes[other] >= TYPE_VOTES and votes[other] > 2 * self._articles[resolved]:
            return other
        return None

    def _person_named(self, entity: Entity, key: str, resolver: AliasResolver
                      ) -> KnownEntity | None:
        """The known person a one-word organisation or place is, when the coverage names
        that person in at least `TYPE_VOTES` articles and more than twice as many as it
        ("Snowden" of a headline); never a city of 200,000 people or more."""
        if entity.type == "PERSON" or " " in entity.name:
            return None
        if place_population(entity.name) >= 200_000:
            return None
        person = resolver.resolve(entity.name, "PERSON")
        if person is None or person.articles < TYPE_VOTES:
            return None
        return person if person.articles > 2 * self._articles[key] else None

    def _remember(self, key: str, entity: KnownEntity) -> None:
        self._entities[key] = entity
        for lookup in lookup_keys(entity.name, entity.type, entity.aliases):
            self._by_lookup.setdefault(lookup, set()).add(key)

    def _resolver_for(self, entities: Iterable[Entity]
                      ) -> tuple[AliasResolver, dict[tuple[str, str], str]]:
        candidates = {key for e in entities for k in mention_keys(e)
                      for key in self._by_lookup.get(k, ())}
        known = [replace(self._entities[key], articles=self._articles[key])
                 for key in sorted(candidates)]
        return AliasResolver(known), {_identity(self._entities[k]): k for k in candidates}


def _identity(entity: KnownEntity) -> tuple[str, str]:
    return entity.name, entity.type
