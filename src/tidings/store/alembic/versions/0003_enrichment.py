"""Enrichment: entities and their lookup keys, roles, events, quotes, summaries and runs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _article_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"], ["articles.id"], name=f"fk_{table}_article_id_articles",
        ondelete="CASCADE",
    )


def _entity_fk(table: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["entity_id"], ["entities.id"], name=f"fk_{table}_entity_id_entities", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(10), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("key", name="uq_entities_key"),
    )
    op.create_index("ix_entities_article_count", "entities", ["article_count"])
    op.create_table(
        "entity_keys",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        _entity_fk("entity_keys"),
        sa.PrimaryKeyConstraint("key", "entity_id", name="pk_entity_keys"),
    )
    op.create_index("ix_entity_keys_entity_id", "entity_keys", ["entity_id"])
    op.create_table(
        "article_entities",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text()),
        _article_fk("article_entities"),
        _entity_fk("article_entities"),
        sa.PrimaryKeyConstraint("article_id", "entity_id", name="pk_article_entities"),
    )
    op.create_index("ix_article_entities_entity_id", "article_entities", ["entity_id"])
    op.create_table(
        "entity_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("published_at", TZ, nullable=False),
        _entity_fk("entity_roles"),
        _article_fk("entity_roles"),
        sa.PrimaryKeyConstraint("id", name="pk_entity_roles"),
    )
    op.create_index("ix_entity_roles_entity_id", "entity_roles", ["entity_id"])
    op.create_index("ix_entity_roles_article_id", "entity_roles", ["article_id"])
    op.create_table(
        "entity_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer()),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("role", sa.Text()),
        sa.Column("date", sa.Date()),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        _entity_fk("entity_events"),
        _article_fk("entity_events"),
        sa.PrimaryKeyConstraint("id", name="pk_entity_events"),
    )
    op.create_index("ix_entity_events_entity_id", "entity_events", ["entity_id"])
    op.create_index("ix_entity_events_article_id", "entity_events", ["article_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer()),
        sa.Column("speaker", sa.Text()),
        sa.Column("speaker_role", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence_index", sa.Integer(), nullable=False),
        _article_fk("quotes"),
        _entity_fk("quotes", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_quotes_entity_id", "quotes", ["entity_id"])
    op.create_table(
        "summaries",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("tldr", sa.Text(), nullable=False),
        sa.Column("points", sa.JSON(), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        _article_fk("summaries"),
        sa.PrimaryKeyConstraint("article_id", name="pk_summaries"),
    )
    op.create_table(
        "enrichment_runs",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("enriched_at", TZ, nullable=False),
        sa.Column("error", sa.Text()),
        _article_fk("enrichment_runs"),
        sa.PrimaryKeyConstraint("article_id", name="pk_enrichment_runs"),
    )


def downgrade() -> None:
    for table in ("enrichment_runs", "summaries", "quotes", "entity_events", "entity_roles",
                  "article_entities", "entity_keys", "entities"):
        op.drop_table(table)
