"""What the analysis finds in a text (the types of its names, roles, events, speakers): the
shared helpers of the enrichment sentence tests."""

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


def events_of(text: str, when: datetime = WHEN) -> set[tuple[str, str]]:
    """(person, event type) of each status event the analysis finds, for a text with no title."""
    return {(e.person, e.type) for e in analyse("", text, when).events}


def each(kind: str, *names: str) -> set[tuple[str, str]]:
    """(name, kind) of each of `names`: the events a sentence of several people should give."""
    return {(name, kind) for name in names}


def quoted(text: str, when: datetime = WHEN) -> list[tuple[str | None, str]]:
    """(speaker, text) of each quotation, for a text with no title."""
    return [(q.speaker, q.text) for q in analyse("", text, when).quotes]


def speakers(text: str, when: datetime = WHEN) -> list[tuple[str | None, str]]:
    """(speaker, first three words) of each quotation, for a text with no title."""
    return [(q.speaker, " ".join(q.text.split()[:3])) for q in analyse("", text, when).quotes]
