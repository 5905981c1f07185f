"""The story invariants (`tidings.store.invariants`), asserted after a clustering run."""

from __future__ import annotations

from sqlalchemy import Engine

from tidings.store.invariants import check_stories


def assert_story_invariants(engine: Engine) -> None:
    """Every clustered article in a story, counts equal to members, merges leading somewhere."""
    with engine.connect() as conn:
        broken = [v for v in check_stories(conn) if v.count]
    assert not broken, "; ".join(f"{v.count} {v.description}: {v.examples}" for v in broken)
