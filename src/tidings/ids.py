"""Row ids as every interface takes them: positive integers that fit a 64-bit column.

Both databases store ids as signed 64-bit integers, so a larger number cannot name a row and
must not reach a query (SQLite's driver raises OverflowError, PostgreSQL's a numeric error).
The API, the reader and the CLI validate ids with these, in one place.
"""

from __future__ import annotations

from typing import Annotated

from annotated_types import Interval

MAX_ROW_ID = 2**63 - 1

RowId = Annotated[int, Interval(ge=1, le=MAX_ROW_ID)]
"""An id as a path, query or form parameter or a pydantic field: 1 to 2**63 - 1."""


def is_row_id(value: int) -> bool:
    """Whether `value` can be the id of a row."""
    return 1 <= value <= MAX_ROW_ID


def parse_row_id(text: str) -> int | None:
    """The id written as ASCII digits in `text` (spaces around allowed), else None."""
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if is_row_id(value) else None
