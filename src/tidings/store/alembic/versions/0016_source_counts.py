"""Each outlet's article count and newest article time, kept by the database.

Revision ID: 0016
Revises: 0015
Create Date: 2027-01-16

The sources sidebar (home and search pages), /api/health and the one-outlet test of every page
grouped or counted every article on each request (2.7 s at 100,000 articles). `sources` holds
`SELECT source, count(*), max(sort_at) FROM articles GROUP BY source`, back-filled here and
kept equal by triggers on `articles` (insert, delete, a change of source or time), whatever
writes the rows; `tidings doctor` checks it. `ix_articles_source_newest` finds an outlet's
newest article in one seek (a delete's recount, the outlet's page). A SQLite batch migration
that rebuilds `articles` must create these triggers again, as it must the full-text ones.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

BACKFILL = """INSERT INTO sources (name, articles, latest_at)
    SELECT source, count(*), max(sort_at) FROM articles GROUP BY source"""

# On insert and on the new side of an update, count the article in; on delete and on the old
# side of an update, count it out and take the outlet's newest time from the table again.
SQLITE_COUNT_IN = """INSERT INTO sources (name, articles, latest_at)
        VALUES (NEW.source, 1, NEW.sort_at)
        ON CONFLICT (name) DO UPDATE SET articles = articles + 1,
            latest_at = max(latest_at, excluded.latest_at);"""
SQLITE_COUNT_OUT = """UPDATE sources SET articles = articles - 1,
            latest_at = coalesce((SELECT max(sort_at) FROM articles
                                  WHERE source = OLD.source), latest_at)
        WHERE name = OLD.source;
        DELETE FROM sources WHERE name = OLD.source AND articles <= 0;"""
SQLITE = (
    f"CREATE TRIGGER sources_article_insert AFTER INSERT ON articles BEGIN {SQLITE_COUNT_IN} END",
    f"CREATE TRIGGER sources_article_delete AFTER DELETE ON articles BEGIN {SQLITE_COUNT_OUT} END",
    "CREATE TRIGGER sources_article_update AFTER UPDATE OF source, sort_at ON articles "
    "WHEN OLD.source IS NOT NEW.source OR OLD.sort_at IS NOT NEW.sort_at "
    f"BEGIN {SQLITE_COUNT_IN} {SQLITE_COUNT_OUT} END",
)
POSTGRESQL = (
    """CREATE FUNCTION tidings_count_sources() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO sources (name, articles, latest_at) VALUES (NEW.source, 1, NEW.sort_at)
            ON CONFLICT (name) DO UPDATE SET articles = sources.articles + 1,
                latest_at = greatest(sources.latest_at, excluded.latest_at);
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE sources SET articles = articles - 1,
                latest_at = coalesce((SELECT max(sort_at) FROM articles
                                      WHERE source = OLD.source), latest_at)
            WHERE name = OLD.source;
            DELETE FROM sources WHERE name = OLD.source AND articles <= 0;
        END IF;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER sources_article_insert_delete AFTER INSERT OR DELETE ON articles "
    "FOR EACH ROW EXECUTE FUNCTION tidings_count_sources()",
    "CREATE TRIGGER sources_article_update AFTER UPDATE OF source, sort_at ON articles "
    "FOR EACH ROW WHEN (OLD.source IS DISTINCT FROM NEW.source "
    "OR OLD.sort_at IS DISTINCT FROM NEW.sort_at) EXECUTE FUNCTION tidings_count_sources()",
)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("latest_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_sources"),
    )
    op.create_index("ix_articles_source_newest", "articles", ["source", "sort_at", "id"])
    op.execute(BACKFILL)
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("sources_article_insert", "sources_article_delete",
                     "sources_article_update"):
            op.execute(f"DROP TRIGGER {name}")
    else:
        op.execute("DROP TRIGGER sources_article_insert_delete ON articles")
        op.execute("DROP TRIGGER sources_article_update ON articles")
        op.execute("DROP FUNCTION tidings_count_sources()")
    op.drop_index("ix_articles_source_newest", table_name="articles")
    op.drop_table("sources")
