"""One person, one entity: folding stored duplicates into the person they are.

Resolution (`resolving`) keeps a new article's names with the stored entity they spell, so
a database enriched by older code, or whose articles came in an unlucky order (a surname
alone in 50 articles before the first full name), keeps "Bush" beside "George W. Bush" for
ever. `merge_duplicates` looks at people and folds each one the coverage shows to be another
(`enrich.entity_claims`: a short form a full name dominantly claims, a second spelling of a
full name) into it, one transaction a merge (`store.entity_merges`).

It runs after every enrichment batch, on the people that batch named (`PER_BATCH` at most,
so a batch's extra work is bounded), and over every person in `tidings doctor --repair`
(`check_people` is the read-only check). One process merges at a time (the `LOCK` lease):
a pass that finds it held does nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from tidings.enrich.entity_claims import (
    MOST_CLAIMANTS,
    Claimant,
    claimant,
    claims,
    is_short_form,
    merged_aliases,
    spelled_twin,
    surname_form,
)
from tidings.enrich.names import name_words
from tidings.pipeline.common import utcnow, worker_id
from tidings.pipeline.resolving import lookup_keys
from tidings.store import entity_evidence as evidence
from tidings.store.entities import recount_entities
from tidings.store.entity_evidence import Person
from tidings.store.entity_merges import MergedEntity, hold_entities, merge_entities
from tidings.store.locks import acquire_lock, release_lock

log = logging.getLogger(__name__)

LOCK = "entity-merges"
LEASE_SECONDS = 300.0
PER_BATCH = 32
"""Most people looked at after one enrichment batch."""
PAGE = 500
ROUNDS = 3
"""Most passes of a repair over every person."""


@dataclass(frozen=True)
class Merge:
    """A merge decided: `merged` goes into `into`."""

    merged: Person
    into: Person
    why: str


@dataclass
class MergeReport:
    examined: int = 0
    merged: list[MergedEntity] = field(default_factory=list)
    busy: bool = False
    """Another process held the merge lease: nothing was done."""


def merge_after_batch(engine: Engine, keys: Iterable[str]) -> MergeReport:
    """Merge the duplicates among the people with these entity keys (a batch's), and those
    their names may claim; never more than `PER_BATCH` looked at."""
    with engine.connect() as conn:
        subjects = batch_subjects(conn, evidence.people_by_lookup(conn, keys))
    return _merge(engine, (p for i, p in enumerate(subjects) if i < PER_BATCH))


def merge_all(engine: Engine) -> MergeReport:
    """Merge every duplicate person (`tidings doctor --repair`). A merge may settle another
    ("Alito", claimed by "Samuel Alito" and "Samuel A. Alito" until they are one), so passes
    repeat while one merges, `ROUNDS` at most."""
    report = MergeReport()
    for _ in range(ROUNDS):
        one = _merge(engine, _every_person(engine))
        report.examined += one.examined
        report.merged += one.merged
        report.busy = one.busy
        if one.busy or not one.merged:
            break
    return report


def check_people(engine: Engine) -> list[Merge]:
    """The merges a pass over every person would make (`tidings doctor`), each once."""
    found: dict[tuple[int, int], Merge] = {}
    for person in _every_person(engine):
        with engine.connect() as conn:
            merge = decide(conn, person)
        if merge is not None:
            found.setdefault((merge.merged.id, merge.into.id), merge)
    return list(found.values())


def _every_person(engine: Engine) -> Iterator[Person]:
    after = 0
    while True:
        with engine.connect() as conn:
            page = evidence.people_after(conn, after, limit=PAGE)
        if not page:
            return
        yield from page
        after = page[-1].id


def _merge(engine: Engine, people: Iterable[Person]) -> MergeReport:
    holder, report = f"{worker_id()}:merges", MergeReport()
    with engine.begin() as conn:
        if not acquire_lock(conn, LOCK, holder, now=utcnow(), seconds=LEASE_SECONDS):
            return MergeReport(busy=True)
    try:
        for person in people:
            report.examined += 1
            with engine.connect() as conn:
                merge = decide(conn, person)
            if merge is not None:
                done = _apply(engine, merge)
                if done is not None:
                    report.merged.append(done)
    finally:
        with engine.begin() as conn:
            release_lock(conn, LOCK, holder)
    return report


def _apply(engine: Engine, merge: Merge) -> MergedEntity | None:
    into, merged = merge.into, merge.merged
    aliases = merged_aliases(into.name, into.aliases, (merged.name, *merged.aliases))
    with engine.begin() as conn:
        done = merge_entities(conn, merged.id, into.id, aliases=aliases, now=utcnow())
    if done is not None:
        log.info("entity_merged merged_id=%s into_id=%s name=%r into=%r why=%s",
                 merged.id, into.id, merged.name, into.name, merge.why)
    return done


def decide(conn: Connection, person: Person) -> Merge | None:
    """The merge `person` takes part in, if the coverage shows it is another person."""
    if surname_form(person.name) is None and len(name_words(person.name)) > 1:
        twin = _twin(conn, person)
        if twin is not None:
            return twin
    if not is_short_form(person.name):
        return None
    rivals = [p for p in evidence.people_by_lookup(conn, _claim_keys(person.name))
              if p.id != person.id and any(claims(n, person.name) for n in (p.name, *p.aliases))]
    if not rivals or len(rivals) > MOST_CLAIMANTS:
        return None
    ids = [p.id for p in rivals]
    stories = evidence.shared_stories(conn, person.id, ids)
    reach = evidence.reach(conn, person.id, ids)
    beside = {} if stories else evidence.beside(conn, person.id, ids)
    best = claimant(person.name, person.article_count, [
        Claimant(p.id, p.name, p.article_count, stories.get(p.id, 0), reach.get(p.id, 0),
                 beside.get(p.id, 0))
        for p in rivals])
    if best is None:
        return _fuller(conn, person, rivals)
    into = next(p for p in rivals if p.id == best.id)
    return Merge(person, into, f"{best.stories} of its {person.article_count} articles in "
                 f"stories naming {into.name!r}, {best.beside} beside its people, "
                 f"{best.reach} in its stories or outlets")


def _fuller(conn: Connection, person: Person, rivals: list[Person]) -> Merge | None:
    """A first name and surname more covered than the one full name with more between them
    ("Donald Rumsfeld" in 21 articles, "Donald H. Rumsfeld" in one, most of the 21 in no
    one's company): one person, as two spellings are, when the full name is named beside
    the other's people in two thirds of its articles; the short form goes into it."""
    if surname_form(person.name) is not None or len(rivals) != 1:
        return None
    full = rivals[0]
    if full.article_count >= person.article_count:
        return None  # `claimant` judged it from the less covered side
    company = evidence.beside(conn, full.id, [person.id]).get(person.id, 0)
    if 3 * company < 2 * full.article_count:
        return None
    return Merge(person, full, f"its first name and surname, {company} of its "
                 f"{full.article_count} articles beside its people")


def _twin(conn: Connection, person: Person) -> Merge | None:
    """The merge of a full name and its one other spelling, when they share a story or the
    less covered one is named beside the other's people in two thirds of its articles."""
    keys = [k for k in lookup_keys(person.name, "PERSON", ()) if "%" in k or "~" in k]
    others = [p for p in evidence.people_by_lookup(conn, keys) if p.id != person.id]
    twin_id = spelled_twin(person.name, [(p.id, p.name) for p in others])
    if twin_id is None:
        return None
    twin = next(p for p in others if p.id == twin_id)
    mine = [(p.id, p.name) for p in others if p.id != twin_id] + [(person.id, person.name)]
    if spelled_twin(twin.name, mine) != person.id:
        return None  # the other spelling has a third one alike
    into, merged = sorted((person, twin), key=lambda p: (-p.article_count, p.id))
    if evidence.shared_stories(conn, person.id, [twin.id]).get(twin.id):
        return Merge(merged, into, "spelled alike, in one story")
    company = evidence.beside(conn, merged.id, [into.id]).get(into.id, 0)
    if 3 * company < 2 * merged.article_count:
        return None
    return Merge(merged, into, f"spelled alike, {company} of its {merged.article_count} "
                 "articles beside its people")


def _claim_keys(name: str) -> list[str]:
    """The lookup keys of the full names that may claim `name`: those with its surname (or
    last word) as a word after their first."""
    words = name_words(name)
    surname = surname_form(name) or (words[-1] if words else "")
    return [f"person~{surname}"] if surname else []


def batch_subjects(conn: Connection, people: Iterable[Person]) -> list[Person]:
    """The people to look at for a batch that named `people`: each one, and the short forms
    a full name among them may claim (by surname); surnames first (most merges are theirs),
    then the more covered."""
    found: dict[int, Person] = {}
    for person in people:
        found.setdefault(person.id, person)
        words = name_words(person.name)
        if surname_form(person.name) is None and len(words) > 1:
            shorts = evidence.people_by_lookup(conn, [f"person:{words[-1]}",
                                                      f"person~{words[-1]}"])
            for short in shorts:
                if claims(person.name, short.name):
                    found.setdefault(short.id, short)
    return sorted(found.values(), key=lambda p: (surname_form(p.name) is None,
                                                 -p.article_count, p.id))


@dataclass(frozen=True)
class EntityCheck:
    """What `tidings doctor` says of entities: those whose count no article backs, and the
    people the coverage shows to be another."""

    unnamed: list[tuple[int, str, int]]
    """(id, name, stored article count) of entities no article names, or miscounted."""
    duplicates: list[Merge]


def check_entities(engine: Engine) -> EntityCheck:
    with engine.connect() as conn:
        unnamed = evidence.unnamed_entities(conn, limit=EXAMPLES)
    return EntityCheck(unnamed, check_people(engine))


EXAMPLES = 1000
"""Most miscounted entities a check lists (and a repair recounts at once)."""


def repair_entities(engine: Engine) -> tuple[int, MergeReport]:
    """Recount the entities no article backs (those no article names go), then merge every
    duplicate person: (entities recounted, the merges)."""
    with engine.begin() as conn:
        wrong = recount_unnamed(conn)
    return len(wrong), merge_all(engine)


def recount_unnamed(conn: Connection) -> list[int]:
    """Recount the entities no article backs, deleting those no article names, as a merge
    deletes: stores wait until the transaction ends (`hold_entities`), so none names an id
    this deletes (it would fail its foreign key). The ids recounted."""
    hold_entities(conn, merging=True)
    wrong = [i for i, _, _ in evidence.unnamed_entities(conn, limit=EXAMPLES)]
    recount_entities(conn, wrong)
    return wrong
