"""The role the reader's pages show: one per office, in the fullest form the coverage gives.

The articles of a person's coverage spell one office many ways ("President", "U.S.
President", "President of the U.S.", "current President"); the story page, the entity page
and the quote cards show each under the one spelling `merge_roles` gives it over every role
the coverage gives that person, a role counted once per article that gives it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from sqlalchemy import Connection

from tidings.enrich.role_names import merge_roles
from tidings.model import EntityRef, QuoteRecord
from tidings.store import entities as entity_store


def role_spellings(roles: Counter[str]) -> dict[str, str]:
    """Each of an entity's roles (with the number of articles giving it) -> the one spelling
    its pages show: "U.S. President", "President of the U.S." and "current President" are
    all "President of the United States" when that is the fullest form its coverage gives."""
    return merge_roles(list(roles.elements()))


def coverage_spellings(conn: Connection, entity_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """`role_spellings` of each entity's whole coverage."""
    return {entity_id: role_spellings(roles)
            for entity_id, roles in entity_store.coverage_roles(conn, entity_ids).items()}


def story_people(conn: Connection, story_id: int, *, limit: int) -> list[EntityRef]:
    """`entity_store.story_people`, each person with the office the story's articles give
    most (counting every spelling of it), spelled as their entity page spells it."""
    people = entity_store.story_people(conn, story_id, limit=limit)
    ids = [p.id for p in people]
    given = entity_store.story_roles(conn, story_id, ids)
    spellings = coverage_spellings(conn, given)
    return [replace(p, role=_most_given(given.get(p.id), spellings.get(p.id, {})))
            for p in people]


def _most_given(given: Counter[str] | None, spelling: dict[str, str]) -> str | None:
    """The office most of `given` spell, the first given on a tie."""
    if not given:
        return None
    votes: Counter[str] = Counter()
    for role, count in given.items():
        votes[spelling.get(role, role)] += count
    return votes.most_common(1)[0][0]


def spelled_quotes(conn: Connection, quotes: Sequence[QuoteRecord]) -> list[QuoteRecord]:
    """The quotes, a named speaker's role spelled as their entity page spells it (a speaker
    the text only describes, "a police spokesman", keeps the description)."""
    said: dict[int, Counter[str]] = {}
    for quote in quotes:
        if quote.entity_id is not None and quote.speaker_role:
            said.setdefault(quote.entity_id, Counter())[quote.speaker_role] = 1
    coverage = entity_store.coverage_roles(conn, said)
    spelling = {entity_id: role_spellings(coverage.get(entity_id, Counter()) | roles)
                for entity_id, roles in said.items()}
    return [
        replace(q, speaker_role=spelling[q.entity_id][q.speaker_role])
        if q.entity_id is not None and q.speaker_role else q
        for q in quotes
    ]
