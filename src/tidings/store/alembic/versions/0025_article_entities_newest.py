"""An entity's articles are indexed by article id (its pages read its newest).

Revision ID: 0025
Revises: 0024
Create Date: 2027-02-02

The entity page reads who appears with an entity from its newest 1,000 articles
(`store.cooccurrence.neighbourhood`) and sorts the articles of a small entity by time
(`store.entities._articles`): one range of (entity_id, article_id), read from the index
alone, which takes over from the index on entity_id alone (on SQLite that one holds the row
id, so each article id was a row read: 90,000 for a head of state at 1M articles).
"""

from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_article_entities_entity_newest", "article_entities",
                    ["entity_id", "article_id"])
    op.drop_index("ix_article_entities_entity_id", table_name="article_entities")


def downgrade() -> None:
    op.create_index("ix_article_entities_entity_id", "article_entities", ["entity_id"])
    op.drop_index("ix_article_entities_entity_newest", table_name="article_entities")
