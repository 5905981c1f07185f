"""What the analysis types the names of a text as: the shared helpers of the typing tests."""

from __future__ import annotations

from datetime import UTC, datetime

from tidings.enrich import analyse

WHEN = datetime(2024, 5, 1, tzinfo=UTC)


def entities(text: str, when: datetime = WHEN) -> dict[str, str]:
    """Entity name -> type, for a text with no title published at `when`."""
    return {e.name: e.type for e in analyse("", text, when).entities}


def people(text: str, when: datetime = WHEN) -> set[str]:
    return {name for name, kind in entities(text, when).items() if kind == "PERSON"}


def roles(text: str, when: datetime = WHEN) -> dict[str, set[str]]:
    """Person -> the roles the analysis gives them, for a text with no title."""
    found: dict[str, set[str]] = {}
    for role in analyse("", text, when).roles:
        found.setdefault(role.person, set()).add(role.role)
    return found
