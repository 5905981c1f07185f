"""The database schema, declared once with SQLAlchemy Core tables.

The full-text index is not declared here because it differs by dialect: the initial migration
creates an FTS5 table ``articles_fts`` (SQLite) or a generated ``search_vector`` column with a
GIN index (PostgreSQL); see :mod:`tidings.search`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from tidings.store.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

FULL_TEXT_OBJECTS = frozenset(
    {
        "articles_fts",
        "articles_fts_config",
        "articles_fts_data",
        "articles_fts_docsize",
        "articles_fts_idx",
        "search_vector",
        "ix_articles_search_vector",
    }
)
"""Tables, columns and indexes of the full-text index, made by the migration, not declared here."""

QUEUE_STATUSES = ("pending", "running", "done", "error")

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("interval_minutes", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_fetched_at", UTCDateTime),
    Column("next_fetch_at", UTCDateTime, index=True),
    Column("last_status", String(20)),
    Column("last_error", Text),
    Column("error_count", Integer, nullable=False, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("source", Text, nullable=False, index=True),
    Column("authors", JSON, nullable=False),
    Column("published_at", UTCDateTime),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("sort_at", UTCDateTime, nullable=False, index=True),
    Column("site_name", Text),
    Column("image_url", Text),
    Column("image_caption", Text),
    Column("image_credit", Text),
    Column("lang", String(35)),
    Column("description", Text),
    Column("license", Text),
    Column("external_id", Text, unique=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="SET NULL"), index=True),
    Column("fingerprint", String(128), unique=True),
)

article_urls = Table(
    "article_urls",
    metadata,
    Column("url", Text, primary_key=True),
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
)

queue_items = Table(
    "queue_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), index=True),
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("not_before", UTCDateTime),
    Column("leased_until", UTCDateTime),
    Column("claimed_by", Text),
    Column("last_error", Text),
    Column("title", Text),
    Column("guid", Text),
    Column("published_at", UTCDateTime),
    Column("summary", Text),
    Column("authors", JSON, nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

Index("ix_queue_items_claim", queue_items.c.status, queue_items.c.not_before)
