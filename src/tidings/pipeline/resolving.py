"""Resolving an article's entities to stored ones, loading only likely candidates.

Every stored entity has lookup keys (`lookup_keys`): the canonical keys of its names, for a
person each word of the name after the first ("person~ueda"), for an organisation or place the
initials of its longer names ("org#rcmp"). A mention's keys (`mention_keys`) are its canonical
key, a person's last word, an acronym's letters: the entities sharing one are exactly those
`AliasResolver` could match, so resolution reads a handful of rows, never the whole table.
"""

from __future__ import annotations

from collections.abc import Iterable

from tidings.enrich import AliasResolver, ArticleAnalysis, Entity, KnownEntity, canonical_key
from tidings.enrich.aliases import is_acronym
from tidings.enrich.names import clean_name, fold, initials
from tidings.enrich.role_names import merge_roles
from tidings.store.entities import EntityMention, StoredEntity


def role_spellings(roles: Iterable[str]) -> dict[str, str]:
    """Each stored role of one entity -> the one spelling its page shows: "U.S. President",
    "President of the U.S." and "current President" are all "President of the United States"
    when that is the fullest form its coverage gives."""
    return merge_roles(list(dict.fromkeys(roles)))


def lookup_keys(name: str, type: str, names: Iterable[str]) -> tuple[str, ...]:
    """Every key under which the entity called `name` (also `names`) can be found."""
    group = canonical_key(name, type).partition(":")[0]
    keys = [canonical_key(n, type) for n in (name, *names)]
    if type == "PERSON":
        words = fold(clean_name(name, person=True)[0]).split()
        keys += [f"{group}~{word}" for word in words[1:]]
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
    elif is_acronym(entity.name):
        keys.append(f"{group}#{entity.name.replace('.', '')}")
    return tuple(keys)


class EntityIndex:
    """The candidate entities of a batch of articles, grown as the batch is stored."""

    def __init__(self, stored: Iterable[StoredEntity]) -> None:
        self._entities: dict[str, KnownEntity] = {}
        self._by_lookup: dict[str, set[str]] = {}
        for entity in stored:
            self._remember(entity.key, KnownEntity(entity.name, entity.type, entity.aliases))

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
            name, type = (known.name, known.type) if known else (entity.name, entity.type)
            names = (entity.name, *entity.aliases)
            found.append(EntityMention(
                key=key, name=name, type=type, names=names,
                lookup_keys=lookup_keys(name, type, names), mentions=entity.mentions,
                role=first_roles.get(entity.name),
            ))
        return tuple(found)

    def add(self, mentions: Iterable[EntityMention]) -> None:
        """Record entities just stored, so later articles of the batch resolve to them."""
        for m in mentions:
            old = self._entities.get(m.key)
            aliases = (*(old.aliases if old else ()), *(n for n in m.names if n != m.name))
            self._remember(m.key, KnownEntity(m.name, m.type, tuple(dict.fromkeys(aliases))))

    def _remember(self, key: str, entity: KnownEntity) -> None:
        self._entities[key] = entity
        for lookup in lookup_keys(entity.name, entity.type, entity.aliases):
            self._by_lookup.setdefault(lookup, set()).add(key)

    def _resolver_for(self, entities: Iterable[Entity]
                      ) -> tuple[AliasResolver, dict[tuple[str, str], str]]:
        candidates = {key for e in entities for k in mention_keys(e)
                      for key in self._by_lookup.get(k, ())}
        known = [self._entities[key] for key in sorted(candidates)]
        return AliasResolver(known), {_identity(self._entities[k]): k for k in candidates}


def _identity(entity: KnownEntity) -> tuple[str, str]:
    return entity.name, entity.type
