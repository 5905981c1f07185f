"""PostgreSQL keeps an article's search vector in its row (storage MAIN), its text out of line.

Revision ID: 0022
Revises: 0021
Create Date: 2027-01-30

Search ranks the newest matches of a word in windows of 2,000 (`search.window`): it tests the
vectors of the newest rows for the word, newest first, and ranks the matches by their vectors.
A vector (1.8 KB on average) was stored out of line, in the TOAST table, whenever it and the
text did not fit in a row together, so each test fetched it from there: at 100,000 articles a
common word cost PostgreSQL 50 ms of CPU, 44 ms through the API. With storage MAIN the vector
stays in the row and the text is moved out of line instead (it is read only for the few rows
a page shows): 28 and 24 ms.

Only rows written from here on are laid out so, and those are the newest, which search reads
first; `VACUUM FULL articles` lays out the older ones too (56 s at 100,000 articles, holding
the table). SQLite's full-text index is a table of its own: nothing changes there.
"""

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def _set_storage(storage: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE articles ALTER COLUMN search_vector SET STORAGE {storage}")


def upgrade() -> None:
    _set_storage("MAIN")


def downgrade() -> None:
    _set_storage("EXTENDED")
