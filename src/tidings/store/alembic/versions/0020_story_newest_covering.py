"""The story index carries each article's outlet (the article page reads a story's outlets
from the index alone).

Revision ID: 0020
Revises: 0019
Create Date: 2027-01-28

The article page ranks its story's other articles by outlet (each outlet's newest first), so
it read `source` from every member's row: `source` comes after `text` in a row, so a story of
300 articles read 2.7 MB on average (16 MB at most) from disk when its pages were not cached,
for six cards. With `source` at the end of (story_id, duplicate_of, sort_at, id) the ranking
is one index range: 48 KiB.
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

BEFORE = ["story_id", "duplicate_of", "sort_at", "id"]


def upgrade() -> None:
    op.drop_index("ix_articles_story_newest", table_name="articles")
    op.create_index("ix_articles_story_newest", "articles", [*BEFORE, "source"])


def downgrade() -> None:
    op.drop_index("ix_articles_story_newest", table_name="articles")
    op.create_index("ix_articles_story_newest", "articles", BEFORE)
