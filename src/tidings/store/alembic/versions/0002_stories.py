"""Stories: near-duplicate links, story clustering state, blocking index and leases.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)

# SQLite's batch mode rebuilds `articles`, which drops its triggers: the full-text index's
# triggers from 0001 are put back after it.
SQLITE_FTS_TRIGGERS = [
    "DROP TRIGGER IF EXISTS articles_fts_insert",
    "DROP TRIGGER IF EXISTS articles_fts_delete",
    "DROP TRIGGER IF EXISTS articles_fts_update",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text, source)
        VALUES (new.id, new.title, new.text, new.source);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, source)
        VALUES ('delete', old.id, old.title, old.text, old.source);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, source ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, source)
        VALUES ('delete', old.id, old.title, old.text, old.source);
        INSERT INTO articles_fts(rowid, title, text, source)
        VALUES (new.id, new.title, new.text, new.source);
    END""",
]


def restore_sqlite_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS_TRIGGERS:
            op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("first_seen_at", TZ, nullable=False),
        sa.Column("last_seen_at", TZ, nullable=False),
        sa.Column("first_source", sa.Text(), nullable=False),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.Column("vector_sum", sa.LargeBinary(), nullable=False),
        sa.Column("title_sum", sa.LargeBinary(), nullable=False),
        sa.Column("headline_vectors", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_last_seen_at", "stories", ["last_seen_at"])
    op.create_table(
        "story_keys",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_story_keys_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "story_id", name="pk_story_keys"),
    )
    op.create_index("ix_story_keys_story_id", "story_keys", ["story_id"])
    op.create_table(
        "story_merges",
        sa.Column("old_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("new_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("old_id", name="pk_story_merges"),
    )
    op.create_table(
        "term_frequencies",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("docs", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_term_frequencies"),
    )
    op.create_table(
        "locks",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_locks"),
    )
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer()))
        batch.add_column(sa.Column("duplicate_of", sa.Integer()))
        batch.add_column(sa.Column("duplicate_similarity", sa.Float()))
        batch.add_column(sa.Column("minhash", sa.LargeBinary()))
        batch.add_column(sa.Column("clustered_at", TZ))
        batch.create_foreign_key(
            "fk_articles_story_id_stories", "stories", ["story_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_foreign_key(
            "fk_articles_duplicate_of_articles", "articles", ["duplicate_of"], ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_articles_story_id", ["story_id"])
        batch.create_index("ix_articles_duplicate_of", ["duplicate_of"])
        batch.create_index("ix_articles_clustered_at", ["clustered_at"])
    restore_sqlite_triggers()


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_clustered_at")
        batch.drop_index("ix_articles_duplicate_of")
        batch.drop_index("ix_articles_story_id")
        batch.drop_constraint("fk_articles_duplicate_of_articles", type_="foreignkey")
        batch.drop_constraint("fk_articles_story_id_stories", type_="foreignkey")
        for column in ("clustered_at", "minhash", "duplicate_similarity", "duplicate_of",
                       "story_id"):
            batch.drop_column(column)
    restore_sqlite_triggers()
    for table in ("locks", "term_frequencies", "story_merges", "story_keys", "stories"):
        op.drop_table(table)
