"""Comments on stories: a comment is on an article or on a story, exactly one of the two.

Revision ID: 0007
Revises: 0006
Create Date: 2027-01-05

On SQLite the batch rebuild of `comments` (copy, DROP, rename) runs with foreign keys on and
inside the migration's transaction, where they cannot be switched off. Its DROP TABLE is an
implicit DELETE, which fires the ON DELETE actions: comment_flags and comment_audit rows are
deleted (CASCADE) and the copy's parent_id values nulled (SET NULL). So those are saved to
temporary tables first and put back after. `comments` has no triggers for the rebuild to lose
(the FTS triggers are on `articles`).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHILDREN = ("comment_flags", "comment_audit")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _save_links()
    with op.batch_alter_table("comments") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer()))
        batch.alter_column("article_id", existing_type=sa.Integer(), nullable=True)
        batch.create_check_constraint(
            op.f("ck_comments_one_target"), "(article_id IS NULL) <> (story_id IS NULL)")
        batch.create_index("ix_comments_story_id", ["story_id"])
    if sqlite:
        _restore_links()


def downgrade() -> None:
    op.execute("DELETE FROM comments WHERE story_id IS NOT NULL")
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _save_links()
    with op.batch_alter_table("comments") as batch:
        batch.drop_index("ix_comments_story_id")
        batch.drop_constraint(op.f("ck_comments_one_target"), type_="check")
        batch.alter_column("article_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("story_id")
    if sqlite:
        _restore_links()


def _save_links() -> None:
    for table in CHILDREN:
        op.execute(f"CREATE TEMP TABLE saved_{table} AS SELECT * FROM {table}")
    op.execute("CREATE TEMP TABLE saved_parents AS SELECT id, parent_id FROM comments "
               "WHERE parent_id IS NOT NULL")


def _restore_links() -> None:
    op.execute("UPDATE comments SET parent_id = (SELECT s.parent_id FROM temp.saved_parents s "
               "WHERE s.id = comments.id) WHERE id IN (SELECT id FROM temp.saved_parents)")
    for table in CHILDREN:
        op.execute(f"DELETE FROM {table}")
        op.execute(f"INSERT INTO {table} SELECT * FROM temp.saved_{table}")
        op.execute(f"DROP TABLE temp.saved_{table}")
    op.execute("DROP TABLE temp.saved_parents")
