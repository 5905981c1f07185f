"""Sources only readers asked for: polled while someone subscribes to them.

Revision ID: 0018
Revises: 0017
Create Date: 2027-01-26

A feed added by a reader's subscription (not by an administrator) stops being polled when its
last subscriber leaves, and is polled again when someone subscribes. Feeds already stored are
kept as an administrator's (false): an upgrade stops polling nothing.
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("feeds", sa.Column("readers_only", sa.Boolean(), nullable=False,
                                     server_default=sa.false()))


def downgrade() -> None:
    op.execute("ALTER TABLE feeds DROP COLUMN readers_only")
