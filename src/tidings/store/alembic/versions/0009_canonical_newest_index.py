"""An index for the newest canonical articles (the home page and every list without copies).

Revision ID: 0009
Revises: 0008
Create Date: 2027-01-14

`WHERE duplicate_of IS NULL ORDER BY sort_at DESC, id DESC LIMIT n` found the canonical rows
through ix_articles_duplicate_of and sorted all of them in a temporary B-tree on every request;
with (duplicate_of, sort_at, id) both SQLite and PostgreSQL read the first n in order.
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_canonical_newest", "articles",
                    ["duplicate_of", "sort_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_articles_canonical_newest", table_name="articles")
