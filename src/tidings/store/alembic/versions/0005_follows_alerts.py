"""Following: follows and mutes, reader preferences, saved and read articles, alerts, deliveries.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def _user_article_table(name: str, time_column: str) -> None:
    op.create_table(
        name,
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column(time_column, TZ, nullable=False),
        _fk(name, "user_id", "users"),
        _fk(name, "article_id", "articles"),
        sa.PrimaryKeyConstraint("user_id", "article_id", name=f"pk_{name}"),
    )
    op.create_index(f"ix_{name}_article_id", name, ["article_id"])


def upgrade() -> None:
    op.create_table(
        "follows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("alerts", sa.String(10), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        _fk("follows", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name="pk_follows"),
        sa.UniqueConstraint("user_id", "kind", "value", "source", name="uq_follows_user_id"),
    )
    op.create_index("ix_follows_user_id", "follows", ["user_id"])
    op.create_table(
        "reader_prefs",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("email_alerts", sa.Boolean(), nullable=False),
        sa.Column("webhook_url", sa.Text()),
        sa.Column("webhook_secret", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(10), nullable=False),
        sa.Column("digest_due_at", TZ),
        _fk("reader_prefs", "user_id", "users"),
        sa.PrimaryKeyConstraint("user_id", name="pk_reader_prefs"),
    )
    op.create_index("ix_reader_prefs_digest_due_at", "reader_prefs", ["digest_due_at"])
    _user_article_table("saved_articles", "created_at")
    _user_article_table("read_articles", "read_at")
    op.create_table(
        "notified",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("follow_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        _fk("notified", "user_id", "users"),
        _fk("notified", "follow_id", "follows"),
        sa.PrimaryKeyConstraint("user_id", "follow_id", "story_id", name="pk_notified"),
    )
    op.create_index("ix_notified_follow_id", "notified", ["follow_id"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", TZ, nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("sent_at", TZ),
        _fk("deliveries", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
    )
    op.create_index("ix_deliveries_user_id", "deliveries", ["user_id"])
    op.create_index("ix_deliveries_due", "deliveries", ["status", "next_attempt_at"])
    op.create_table(
        "cursors",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_cursors"),
    )


def downgrade() -> None:
    for name in ("cursors", "deliveries", "notified", "read_articles", "saved_articles",
                 "reader_prefs", "follows"):
        op.drop_table(name)
