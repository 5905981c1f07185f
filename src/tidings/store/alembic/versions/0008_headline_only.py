"""Headline-only articles: a title, a link and the feed's summary, with no page body.

Revision ID: 0008
Revises: 0007
Create Date: 2027-01-12

Plain ADD and DROP COLUMN (SQLite 3.35+), not a batch rebuild: on SQLite a rebuild of
`articles` would drop the full-text triggers on it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("headline_only", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))


def downgrade() -> None:
    op.execute("ALTER TABLE articles DROP COLUMN headline_only")
