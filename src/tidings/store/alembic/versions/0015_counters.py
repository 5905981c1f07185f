"""Counters of the background jobs, kept in the database.

Revision ID: 0015
Revises: 0014
Create Date: 2027-01-20

Workers on other processes and machines add to them at the end of each job; `/metrics` of
the web process reads them, so every process is counted without a shared directory.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(80), primary_key=True),
        sa.Column("labels", sa.String(200), primary_key=True),
        sa.Column("value", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("counters")
