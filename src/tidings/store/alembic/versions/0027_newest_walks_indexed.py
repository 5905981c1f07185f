"""The walks for a much-named entity's newest articles and quotes read indexes alone.

Revision ID: 0027
Revises: 0026
Create Date: 2027-02-03

An entity page finds a head of state's newest articles and quotes by reading all articles
newest first until enough name or quote them (`store.entities.WALKED`): 2,000 articles for 50
quotes at 100,000 articles. (sort_at, id) takes over from the index on sort_at alone, so
PostgreSQL reads each article's id from the index, not its row (the quotes walk 20 -> 3 ms);
(article_id, entity_id) takes over from the index on quotes' article_id alone, so whether an
article quotes the entity is read from the index, not each quote's row (SQLite 8 -> 2 ms).
"""

from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_newest", "articles", ["sort_at", "id"])
    op.drop_index("ix_articles_sort_at", table_name="articles")
    op.create_index("ix_quotes_article_entity", "quotes", ["article_id", "entity_id"])
    op.drop_index("ix_quotes_article_id", table_name="quotes")


def downgrade() -> None:
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.drop_index("ix_quotes_article_entity", table_name="quotes")
    op.create_index("ix_articles_sort_at", "articles", ["sort_at"])
    op.drop_index("ix_articles_newest", table_name="articles")
