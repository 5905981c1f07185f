"""Story summaries kept with their story until its articles change.

Revision ID: 0017
Revises: 0016
Create Date: 2027-01-25

The story page summarised every article of a story on every request (three quarters of the
page's time, seconds for a story of hundreds); the summary is now made once per membership.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_summaries",
        sa.Column("story_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("members", sa.String(64), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"],
                                name="fk_story_summaries_story_id_stories", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id", name="pk_story_summaries"),
    )


def downgrade() -> None:
    op.drop_table("story_summaries")
