"""Readers: users, app secrets, sessions, API tokens, password resets, login failures, comments.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def _user_table(name: str, *columns: sa.Column, pk: str = "id") -> None:
    op.create_table(
        name,
        *columns,
        sa.Column("user_id", sa.Integer(), nullable=False),
        _fk(name, "user_id", "users"),
        sa.PrimaryKeyConstraint(pk, name=f"pk_{name}"),
    )
    op.create_index(f"ix_{name}_user_id", name, ["user_id"])


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(30), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("banned_at", TZ),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_app_secrets"),
    )
    _user_table(
        "sessions",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        pk="token_hash",
    )
    _user_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_used_at", TZ),
        sa.Column("revoked_at", TZ),
        sa.UniqueConstraint("token_hash", name="uq_api_tokens_token_hash"),
    )
    _user_table(
        "password_resets",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.Column("used_at", TZ),
        pk="token_hash",
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(254), nullable=False),
        sa.Column("ip", sa.String(45), nullable=False),
        sa.Column("failed_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_login_failures"),
    )
    op.create_index("ix_login_failures_username", "login_failures", ["username"])
    op.create_index("ix_login_failures_ip", "login_failures", ["ip"])
    _create_comments()


def _create_comments() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer()),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("flag_count", sa.Integer(), nullable=False),
        sa.Column("ip", sa.String(45), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("edited_at", TZ),
        sa.Column("reviewed_at", TZ),
        _fk("comments", "article_id", "articles"),
        _fk("comments", "parent_id", "comments", "SET NULL"),
        _fk("comments", "user_id", "users"),
        sa.PrimaryKeyConstraint("id", name="pk_comments"),
    )
    for column in ("article_id", "parent_id", "user_id", "status", "created_at"):
        op.create_index(f"ix_comments_{column}", "comments", [column])
    op.create_table(
        "comment_flags",
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        _fk("comment_flags", "comment_id", "comments"),
        _fk("comment_flags", "user_id", "users"),
        sa.PrimaryKeyConstraint("comment_id", "user_id", name="pk_comment_flags"),
    )
    op.create_index("ix_comment_flags_user_id", "comment_flags", ["user_id"])
    op.create_table(
        "comment_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer()),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("old_body", sa.Text()),
        sa.Column("created_at", TZ, nullable=False),
        _fk("comment_audit", "comment_id", "comments"),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"],
                                name="fk_comment_audit_actor_id_users", ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_comment_audit"),
    )
    op.create_index("ix_comment_audit_comment_id", "comment_audit", ["comment_id"])


def downgrade() -> None:
    for table in ("comment_audit", "comment_flags", "comments", "login_failures",
                  "password_resets", "api_tokens", "sessions", "app_secrets", "users"):
        op.drop_table(table)
