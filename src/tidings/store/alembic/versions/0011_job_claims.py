"""Claims on the jobs that act on the world: deliveries and enrichment leased to one worker.

Revision ID: 0011
Revises: 0010
Create Date: 2027-01-20

A delivery gets its claim (`claimed_by`, `leased_until`) beside its status; an article being
enriched gets a row in `enrichment_claims` (owner, lease, attempts) until it is enriched.
Plain ADD COLUMN (SQLite 3.35+ drops them too), no batch rebuild.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("deliveries", sa.Column("claimed_by", sa.Text(), nullable=True))
    op.add_column("deliveries", sa.Column("leased_until", TZ, nullable=True))
    op.create_table(
        "enrichment_claims",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.Text(), nullable=False),
        sa.Column("leased_until", TZ, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_enrichment_claims_article_id_articles")),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_enrichment_claims")),
    )


def downgrade() -> None:
    op.drop_table("enrichment_claims")
    op.execute("ALTER TABLE deliveries DROP COLUMN leased_until")
    op.execute("ALTER TABLE deliveries DROP COLUMN claimed_by")
