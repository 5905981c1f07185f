"""Entities merged into another keep their id: a link or bookmark leads to where they went.

Revision ID: 0024
Revises: 0023
Create Date: 2027-02-01

A database enriched by older code, or whose articles came in an unlucky order, holds one
person as two entities ("Bush" beside "George W. Bush"); `pipeline.entity_merging` folds the
one into the other (`store.entity_merges.merge_entities`). The merged id is recorded here
with where it went, so its page answers a permanent redirect; the row goes with the entity it
leads to.
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_merges",
        sa.Column("old_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("new_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["new_id"], ["entities.id"],
                                name="fk_entity_merges_new_id_entities", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("old_id", name="pk_entity_merges"),
    )
    op.create_index("ix_entity_merges_new_id", "entity_merges", ["new_id"])


def downgrade() -> None:
    op.drop_index("ix_entity_merges_new_id", table_name="entity_merges")
    op.drop_table("entity_merges")
