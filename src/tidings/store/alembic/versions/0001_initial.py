"""Initial schema: feeds, articles, article URLs, the queue and the full-text index.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)

SQLITE_FTS = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, source, content='articles', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
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

POSTGRESQL_FTS = [
    """ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(text, '')), 'B')
        || setweight(to_tsvector('english', coalesce(source, '')), 'C')
    ) STORED""",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_fetched_at", TZ),
        sa.Column("next_fetch_at", TZ),
        sa.Column("last_status", sa.String(20)),
        sa.Column("last_error", sa.Text()),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_feeds"),
        sa.UniqueConstraint("url", name="uq_feeds_url"),
    )
    op.create_index("ix_feeds_next_fetch_at", "feeds", ["next_fetch_at"])

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("published_at", TZ),
        sa.Column("fetched_at", TZ, nullable=False),
        sa.Column("sort_at", TZ, nullable=False),
        sa.Column("site_name", sa.Text()),
        sa.Column("image_url", sa.Text()),
        sa.Column("image_caption", sa.Text()),
        sa.Column("image_credit", sa.Text()),
        sa.Column("lang", sa.String(35)),
        sa.Column("description", sa.Text()),
        sa.Column("license", sa.Text()),
        sa.Column("external_id", sa.Text()),
        sa.Column("feed_id", sa.Integer()),
        sa.Column("fingerprint", sa.String(128)),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name="fk_articles_feed_id_feeds", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("external_id", name="uq_articles_external_id"),
        sa.UniqueConstraint("fingerprint", name="uq_articles_fingerprint"),
    )
    op.create_index("ix_articles_source", "articles", ["source"])
    op.create_index("ix_articles_sort_at", "articles", ["sort_at"])
    op.create_index("ix_articles_feed_id", "articles", ["feed_id"])

    op.create_table(
        "article_urls",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_urls_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("url", name="pk_article_urls"),
    )
    op.create_index("ix_article_urls_article_id", "article_urls", ["article_id"])

    op.create_table(
        "queue_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("feed_id", sa.Integer()),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", TZ),
        sa.Column("leased_until", TZ),
        sa.Column("claimed_by", sa.Text()),
        sa.Column("last_error", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("guid", sa.Text()),
        sa.Column("published_at", TZ),
        sa.Column("summary", sa.Text()),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("article_id", sa.Integer()),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["feeds.id"], name="fk_queue_items_feed_id_feeds", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_queue_items_article_id_articles",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_queue_items"),
        sa.UniqueConstraint("url", name="uq_queue_items_url"),
    )
    op.create_index("ix_queue_items_feed_id", "queue_items", ["feed_id"])
    op.create_index("ix_queue_items_claim", "queue_items", ["status", "not_before"])

    for statement in SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_FTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE articles_fts")
    op.drop_table("queue_items")
    op.drop_table("article_urls")
    op.drop_table("articles")
    op.drop_table("feeds")
