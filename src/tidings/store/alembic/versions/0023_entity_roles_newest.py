"""A person's role mentions are indexed by time (the pages spell roles from the newest).

Revision ID: 0023
Revises: 0022
Create Date: 2027-02-01

The story page, the entity page and quote cards spell a person's roles from their coverage.
Read whole, that grew with the coverage (a person named in 50,000 articles: 50,000 rows a
page); `store.entities.coverage_roles` reads the newest 500 alone, one range of
(entity_id, published_at), which takes over from the index on entity_id alone.
"""

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entity_roles_newest", "entity_roles", ["entity_id", "published_at"])
    op.drop_index("ix_entity_roles_entity_id", table_name="entity_roles")


def downgrade() -> None:
    op.create_index("ix_entity_roles_entity_id", "entity_roles", ["entity_id"])
    op.drop_index("ix_entity_roles_newest", table_name="entity_roles")
