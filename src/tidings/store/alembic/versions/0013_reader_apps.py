"""Reader apps and feeds out: per-reader subscriptions with folders, API passwords, private
feed tokens.

Revision ID: 0013
Revises: 0012
Create Date: 2027-02-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("folder", sa.Text()),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_subscriptions_user_id_users", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["feed_id"], ["feeds.id"],
                                name="fk_subscriptions_feed_id_feeds", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_subscriptions"),
        sa.UniqueConstraint("user_id", "feed_id", name="uq_subscriptions_user_id"),
    )
    op.create_index("ix_subscriptions_user_id", "subscriptions", ["user_id"])
    op.create_index("ix_subscriptions_feed_id", "subscriptions", ["feed_id"])
    op.create_table(
        "api_passwords",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("fever_key_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_api_passwords_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name="pk_api_passwords"),
        sa.UniqueConstraint("fever_key_hash", name="uq_api_passwords_fever_key_hash"),
    )
    op.create_table(
        "feed_tokens",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name="fk_feed_tokens_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", name="pk_feed_tokens"),
        sa.UniqueConstraint("token_hash", name="uq_feed_tokens_token_hash"),
    )


def downgrade() -> None:
    op.drop_table("feed_tokens")
    op.drop_table("api_passwords")
    op.drop_index("ix_subscriptions_feed_id", table_name="subscriptions")
    op.drop_index("ix_subscriptions_user_id", table_name="subscriptions")
    op.drop_table("subscriptions")
