"""Feed warnings: what the last successful poll left out (items skipped, fields dropped).

Revision ID: 0010
Revises: 0009
Create Date: 2027-01-12
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("feeds", sa.Column("last_warnings", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("feeds") as batch:
        batch.drop_column("last_warnings")
