"""An index for the newest article of each story (Latest folds a story into one card).

Revision ID: 0014
Revises: 0013
Create Date: 2027-01-15

Latest keeps an article when it is the newest canonical one of its story: a correlated
`WHERE story_id = ? AND duplicate_of IS NULL ORDER BY sort_at DESC, id DESC LIMIT 1` per row.
With (story_id, duplicate_of, sort_at, id) that is one index seek; without it SQLite walked
ix_articles_canonical_newest for every row (the count of Latest took 32 s at 3,400 articles,
20 ms with this index).
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_story_newest", "articles",
                    ["story_id", "duplicate_of", "sort_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_articles_story_newest", table_name="articles")
