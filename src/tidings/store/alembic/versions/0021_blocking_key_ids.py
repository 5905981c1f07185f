"""Stories are filed under integer key ids (a `blocking_keys` table holds each key once).

Revision ID: 0021
Revises: 0020
Create Date: 2027-01-29

The article page counts the keys a story shares with the stories begun nearest it, a short
range of (key, story_id) under each of the story's ~31 keys. At 1,000,000 articles that index
held 8.75 million entries of a text key (10 characters on average) and a story id, 154 to a
page, and a range of 200 stories spanned 2.3 pages: most of the ~290 KB the page read from
disk when the index was not cached. With the key as an integer an entry is two integers:
267 to a page, and such a range spans 1.75 pages (the page read 223 KB).

Existing keys are converted: each distinct key gets an id (in key order) and every posting is
copied under it. The copy goes in story order, so that the check of each posting's story reads
`stories` in order (in key order it read a random one of its 219,000 pages for each of 8.75
million postings); SQLite then rebuilds the primary key's index, built out of order, densely.
SQLite's page cache is raised to 256 MB for the copy (the index being built is 130 MB);
PostgreSQL gets the new table's constraints once it is filled.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

CACHE_KIB = 262_144


def _refile(key: str, select: str, foreign: tuple[str, str] | None = None) -> None:
    """Create story_keys filed under `key` (a column of integer or text keys) and fill it
    with the rows of `select`, in story order.

    SQLite cannot add constraints to a table, so it gets them first, then its primary key's
    index, filled out of order, is rebuilt densely. PostgreSQL gets them once it is filled:
    one index build and one check each, instead of one per row."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    kind = sa.Integer() if foreign else sa.Text()
    constraints: list[sa.Constraint] = [
        sa.PrimaryKeyConstraint(key, "story_id", name="pk_story_keys"),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"],
                                name="fk_story_keys_story_id_stories", ondelete="CASCADE"),
        *([sa.ForeignKeyConstraint([key], [foreign[1]], name=foreign[0])] if foreign else []),
    ]
    op.create_table(
        "story_keys",
        sa.Column(key, kind, nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        *(constraints if sqlite else []),
    )
    with _page_cache():
        op.execute(f"INSERT INTO story_keys ({key}, story_id, last_seen_at) {select}")
        if sqlite:
            op.execute("REINDEX story_keys")
    if sqlite:
        return
    op.create_primary_key("pk_story_keys", "story_keys", [key, "story_id"])
    op.create_foreign_key("fk_story_keys_story_id_stories", "story_keys", "stories",
                          ["story_id"], ["id"], ondelete="CASCADE")
    if foreign:
        name, target = foreign
        table, column = target.split(".")
        op.create_foreign_key(name, "story_keys", table, [key], [column])


@contextmanager
def _page_cache() -> Iterator[None]:
    """SQLite's page cache at `CACHE_KIB` for a while (a no-op on PostgreSQL)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    before = bind.exec_driver_sql("PRAGMA cache_size").scalar_one()
    bind.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        yield
    finally:
        bind.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def _set_aside(old: str) -> None:
    """Rename story_keys to `old` without its indexes, whose names the new table takes (on
    PostgreSQL its primary key's too; SQLite renames its automatic index with it)."""
    op.drop_index("ix_story_keys_newest", table_name="story_keys")
    op.drop_index("ix_story_keys_story_id", table_name="story_keys")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("pk_story_keys", "story_keys", type_="primary")
    op.rename_table("story_keys", old)


def upgrade() -> None:
    op.create_table(
        "blocking_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_blocking_keys"),
        sa.UniqueConstraint("key", name="uq_blocking_keys_key"),
    )
    op.execute("INSERT INTO blocking_keys (key) SELECT DISTINCT key FROM story_keys ORDER BY key")
    _set_aside("story_keys_text")
    _refile("key_id", "SELECT b.id, k.story_id, k.last_seen_at FROM story_keys_text AS k"
                      " JOIN blocking_keys AS b ON b.key = k.key ORDER BY k.story_id, b.id",
            foreign=("fk_story_keys_key_id_blocking_keys", "blocking_keys.id"))
    op.drop_table("story_keys_text")
    op.create_index("ix_story_keys_newest", "story_keys", ["key_id", "last_seen_at", "story_id"])
    op.create_index("ix_story_keys_story_id", "story_keys", ["story_id", "key_id"])


def downgrade() -> None:
    _set_aside("story_keys_ids")
    _refile("key", "SELECT b.key, k.story_id, k.last_seen_at FROM story_keys_ids AS k"
                   " JOIN blocking_keys AS b ON b.id = k.key_id ORDER BY k.story_id, b.key")
    op.drop_table("story_keys_ids")
    op.drop_table("blocking_keys")
    op.create_index("ix_story_keys_newest", "story_keys", ["key", "last_seen_at", "story_id"])
    op.create_index("ix_story_keys_story_id", "story_keys", ["story_id"])
