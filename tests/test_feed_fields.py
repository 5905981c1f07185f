"""Each field of a feed item is checked on its own: dates in range, text storable, ids."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from tidings.ingest.fields import clean_text, identifier, in_range, names, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024-05-01T10:00:00+02:00", datetime(2024, 5, 1, 8, 0, tzinfo=UTC)),
        ("2024-05-01T10:00Z", datetime(2024, 5, 1, 10, 0, tzinfo=UTC)),
        ("2024-05-01T10:00:00.5", datetime(2024, 5, 1, 10, 0, 0, 500000, tzinfo=UTC)),
        ("Wed, 01 May 2024 10:00:00 +0200", datetime(2024, 5, 1, 8, 0, tzinfo=UTC)),
        ("Wed, 01 May 2024 10:00:00 -0000", datetime(2024, 5, 1, 10, 0, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_dates_as_feeds_write_them(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "10000-01-01T00:00:00Z",
        "0000-01-01",
        "-0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+14:00",  # converting to UTC would overflow
        "9999-12-31T23:59:59-14:00",
        "1066-10-14",
        "2024-13-45T99:99:99Z",
        "Mon, 01 Jan 10000 00:00:00 GMT",
    ],
)
def test_absurd_dates_are_refused_with_a_reason(value):
    with pytest.raises(ValueError, match=r"date|out of range"):
        parse_date(value)


def test_feedparser_reading_is_used_only_when_its_year_is_the_written_one():
    # feedparser reads "10000-01-01" as 2010-12-01 and "-0001" as 2000: never trusted
    assert parse_date("2024-05", time.struct_time((2024, 5, 1, 0, 0, 0, 2, 122, 0))) == (
        datetime(2024, 5, 1, tzinfo=UTC))
    with pytest.raises(ValueError):
        parse_date("10000-01-01", time.struct_time((2010, 12, 1, 0, 0, 0, 2, 335, 0)))
    with pytest.raises(ValueError):
        parse_date("-0001-01-01", time.struct_time((2000, 1, 1, 0, 0, 0, 5, 1, 0)))


def test_in_range_treats_naive_as_utc():
    assert in_range(datetime(2024, 1, 1)) == datetime(2024, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="year 1 out of range"):
        in_range(datetime(1, 1, 1, tzinfo=UTC))


def test_text_loses_what_databases_cannot_store_and_is_bounded():
    assert clean_text("a\x00b\x07c \ud800d\n\t e", 100) == "abc d e"
    assert clean_text("x" * 50, 10) == "x" * 9 + "…"
    assert clean_text("\x00\x01", 10) is None
    assert clean_text(["not", "text"], 10) is None


def test_names_and_ids():
    people = [{"name": "A\x00n"}, {"email": "b@x.example"}, {"name": 5}, "c", {"name": "An"}]
    assert names(people) == ("An", "b@x.example")
    assert names([{"name": f"n{i}"} for i in range(100)], limit=3) == ("n0", "n1", "n2")
    assert identifier(12) == "12"
    assert identifier({"a": 1}) is None
    assert identifier(True) is None
