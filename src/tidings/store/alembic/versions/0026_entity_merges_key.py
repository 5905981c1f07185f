"""A merged entity's key leads on too: an article resolved to it before the merge is stored
under the entity it was merged into.

Revision ID: 0026
Revises: 0025
Create Date: 2027-02-02

Another enrichment process may resolve an article's names against the stored entities just
before a merge deletes one of them; its store then names a key no entity holds any more.
`store.entities.ensure_entities` looks such keys up here (merges recorded before this
revision have none) instead of creating the merged entity again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entity_merges") as batch:
        batch.add_column(sa.Column("key", sa.Text(), nullable=True))
    op.create_index("ix_entity_merges_key", "entity_merges", ["key"])


def downgrade() -> None:
    op.drop_index("ix_entity_merges_key", table_name="entity_merges")
    with op.batch_alter_table("entity_merges") as batch:
        batch.drop_column("key")
