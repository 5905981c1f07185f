"""Appointments told as a succession: "X succeeded Y as chairman" is X's appointment; never
the one who left, a time to come, a negation or something that is no office."""

from __future__ import annotations

import pytest

from typed_entities import events_of


@pytest.mark.parametrize(
    "text",
    [
        "John Smith succeeded Mary Jones as chairman in May.",
        "John Smith replaced Mary Jones as coach of the club in 2005.",
    ],
)
def test_the_successor_is_appointed(text: str) -> None:
    assert events_of(text) == {("John Smith", "appointed")}


@pytest.mark.parametrize(
    "text",
    [
        "Mary Jones was replaced as coach by John Smith in 2005.",
        "John Smith will succeed Mary Jones as chairman next year.",
        "John Smith did not succeed Mary Jones as chairman.",
        "John Smith is expected to replace Mary Jones as coach.",
        "John Smith replaced Mary Jones as the top seed.",
    ],
)
def test_no_appointment_from_the_one_who_left_a_plan_a_negation_or_no_office(
    text: str,
) -> None:
    assert ("John Smith", "appointed") not in events_of(text)
    assert ("Mary Jones", "appointed") not in events_of(text)
