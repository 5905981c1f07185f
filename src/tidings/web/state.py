"""What every page handler reads from the application: its database engine and settings."""

from __future__ import annotations

import time

from fastapi import Request
from sqlalchemy import Connection, Engine

from tidings.config import Settings
from tidings.store import coverage

LATEST_COUNT_SECONDS = 60.0


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def latest_places(request: Request, conn: Connection) -> int:
    """How many places Latest has (`coverage.count_latest_by_story`, a seek per story: ~1 s at a
    million articles), counted at most once a minute by each process."""
    counted: tuple[int, float] | None = getattr(request.app.state, "latest_places", None)
    now = time.monotonic()
    if counted is None or now - counted[1] > LATEST_COUNT_SECONDS:
        counted = (coverage.count_latest_by_story(conn), now)
        request.app.state.latest_places = counted
    return counted[0]
