"""Folding one entity into another: everything that names it moves, its id leads on.

`merge_entities` is one transaction's work (the caller's): the merged entity's mentions,
roles, events, quotes, lookup keys and readers' follows move to the one it is merged into,
its id is recorded in `entity_merges` (its page redirects), and it is deleted. Nothing is
counted twice: an article naming both keeps one row (mentions added), a role or event both
had in one sentence is kept once, a reader following both keeps one follow (the alerts they
had through either are its alerts, so no story is announced to them again).

Concurrent enrichment stores (`store.enrichment.save_enrichments`) and merges exclude each
other (`hold_entities`): on PostgreSQL a store that named the merged entity inside the
merge's transaction would fail its foreign key, or commit rows the merge's delete then
cascades away; on SQLite every write transaction is alone already. A store resolved before
the merge, stored after it, finds the merged key in `entity_merges` and names the survivor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Table, and_, delete, exists, func, select, text, update

from tidings.store.dialect import insert_ignore, upsert
from tidings.store.entities import recount_entities
from tidings.store.schema import (
    article_entities,
    entities,
    entity_events,
    entity_keys,
    entity_merges,
    entity_roles,
    follows,
    notified,
    quotes,
)


@dataclass(frozen=True)
class MergedEntity:
    """What a merge did."""

    merged_id: int
    into_id: int
    name: str
    """The merged entity's name."""
    into_name: str
    articles: int
    """Articles that named the merged entity."""
    follows: int
    """Readers' follows moved (or folded into one of the same reader's)."""


MERGE_LOCK = 0x7469_6469_6E67_7301
"""The PostgreSQL advisory lock that enrichment stores hold shared and merges exclusive."""


def hold_entities(conn: Connection, *, merging: bool) -> None:
    """Wait until no merge (`merging`: no store either) runs, and keep the others waiting
    until this transaction ends; nothing to do on SQLite, whose writers take turns. Take it
    before any entity row is read or locked in the transaction (no deadlock)."""
    if conn.dialect.name == "postgresql":
        lock = "pg_advisory_xact_lock" if merging else "pg_advisory_xact_lock_shared"
        conn.execute(text(f"SELECT {lock}(:lock)"), {"lock": MERGE_LOCK})


def merged_into(conn: Connection, entity_id: int) -> int | None:
    """The live entity an id was merged into, or None (a live or unknown id)."""
    if conn.execute(select(entities.c.id).where(entities.c.id == entity_id)).first():
        return None
    found = conn.execute(select(entity_merges.c.new_id)
                         .where(entity_merges.c.old_id == entity_id)).scalar()
    return None if found is None else int(found)


def merge_entities(conn: Connection, merged_id: int, into_id: int, *,
                   aliases: Sequence[str], now: datetime) -> MergedEntity | None:
    """Fold entity `merged_id` into `into_id`, whose aliases become `aliases`; None (and
    nothing done) when either is gone or they are one."""
    hold_entities(conn, merging=True)
    rows = {row["id"]: row for row in conn.execute(
        select(entities.c.id, entities.c.key, entities.c.name, entities.c.article_count)
        .where(entities.c.id.in_([merged_id, into_id])).with_for_update()).mappings()}
    if merged_id == into_id or len(rows) != 2:
        return None
    _move_mentions(conn, merged_id, into_id)
    _move_rows(conn, entity_roles, merged_id, into_id, same=("article_id", "sentence_index",
                                                              "role"))
    _move_rows(conn, entity_events, merged_id, into_id, same=("article_id", "sentence_index",
                                                               "type"))
    conn.execute(update(quotes).where(quotes.c.entity_id == merged_id)
                 .values(entity_id=into_id))
    keys = conn.execute(select(entity_keys.c.key).where(entity_keys.c.entity_id == merged_id))
    insert_ignore(conn, entity_keys, [{"key": k, "entity_id": into_id} for k in keys.scalars()],
                  conflict=["key", "entity_id"])
    moved = _move_follows(conn, merged_id, into_id, label=rows[into_id]["name"])
    conn.execute(update(entity_merges).where(entity_merges.c.new_id == merged_id)
                 .values(new_id=into_id))
    conn.execute(delete(entity_merges).where(entity_merges.c.old_id == into_id))
    conn.execute(update(entities).where(entities.c.id == into_id)
                 .values(aliases=list(aliases), updated_at=now))
    conn.execute(delete(entities).where(entities.c.id == merged_id))
    upsert(conn, entity_merges, [{"old_id": merged_id, "new_id": into_id,
                                  "name": rows[merged_id]["name"], "merged_at": now,
                                  "key": rows[merged_id]["key"]}],
           conflict=["old_id"])
    recount_entities(conn, [into_id])
    return MergedEntity(merged_id, into_id, rows[merged_id]["name"], rows[into_id]["name"],
                        rows[merged_id]["article_count"], moved)


def _move_mentions(conn: Connection, merged_id: int, into_id: int) -> None:
    """An article naming both keeps the survivor's row, with both counts of mentions and its
    role or else the merged one's; the merged entity's other rows become the survivor's."""
    mine, theirs = article_entities.alias("mine"), article_entities.alias("theirs")
    twin = and_(theirs.c.article_id == article_entities.c.article_id,
                theirs.c.entity_id == merged_id)
    both = article_entities.c.article_id.in_(
        select(mine.c.article_id).where(mine.c.entity_id == merged_id))
    conn.execute(update(article_entities)
                 .where(article_entities.c.entity_id == into_id, both)
                 .values(mentions=article_entities.c.mentions
                         + select(theirs.c.mentions).where(twin).scalar_subquery(),
                         role=func.coalesce(article_entities.c.role,
                                            select(theirs.c.role).where(twin)
                                            .scalar_subquery())))
    survivor = select(mine.c.article_id).where(mine.c.entity_id == into_id)
    conn.execute(delete(article_entities).where(article_entities.c.entity_id == merged_id,
                                                article_entities.c.article_id.in_(survivor)))
    conn.execute(update(article_entities).where(article_entities.c.entity_id == merged_id)
                 .values(entity_id=into_id))


def _move_rows(conn: Connection, table: Table, merged_id: int, into_id: int, *,
               same: Sequence[str]) -> None:
    """Give the merged entity's rows of `table` to the survivor, less those the survivor has
    already (equal in the columns `same`)."""
    kept = table.alias("kept")
    duplicate = exists().where(kept.c.entity_id == into_id,
                               *(kept.c[name] == table.c[name] for name in same))
    conn.execute(delete(table).where(table.c.entity_id == merged_id, duplicate))
    conn.execute(update(table).where(table.c.entity_id == merged_id).values(entity_id=into_id))


def _move_follows(conn: Connection, merged_id: int, into_id: int, *, label: str) -> int:
    """Point follows of the merged entity at the survivor; a reader who follows both keeps
    the survivor's follow, which takes over the stories the other one alerted them to."""
    theirs = conn.execute(select(follows.c.id, follows.c.user_id, follows.c.source).where(
        follows.c.kind == "entity", follows.c.value == str(merged_id))).all()
    for follow_id, user_id, source in theirs:
        kept = conn.execute(select(follows.c.id).where(
            follows.c.user_id == user_id, follows.c.kind == "entity",
            follows.c.value == str(into_id), follows.c.source == source)).scalar()
        if kept is None:
            conn.execute(update(follows).where(follows.c.id == follow_id)
                         .values(value=str(into_id), label=label))
            continue
        heard = conn.execute(select(notified.c.story_id, notified.c.created_at)
                             .where(notified.c.follow_id == follow_id)).all()
        insert_ignore(conn, notified, [
            {"user_id": user_id, "follow_id": kept, "story_id": story, "created_at": at}
            for story, at in heard], conflict=["user_id", "follow_id", "story_id"])
        conn.execute(delete(follows).where(follows.c.id == follow_id))
    return len(theirs)
