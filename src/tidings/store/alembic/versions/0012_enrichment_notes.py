"""Enrichment notes: what the analysis of an article left out, without it failing.

Revision ID: 0012
Revises: 0011
Create Date: 2027-01-14

`enrichment_runs.note` says, for an article enriched within bounds, what was not analysed
("the first 100,000 of 569,000 characters"); `error` still means the article failed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("enrichment_runs", sa.Column("note", sa.Text()))


def downgrade() -> None:
    op.execute("ALTER TABLE enrichment_runs DROP COLUMN note")
