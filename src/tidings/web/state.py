"""What every page handler reads from the application: its database engine and settings."""

from __future__ import annotations

import threading
import time

from fastapi import Request
from sqlalchemy import Connection, Engine

from tidings.config import Settings
from tidings.store import coverage

LATEST_COUNT_SECONDS = 60.0
_counting = threading.Lock()
"""Held while one request counts Latest's places (`latest_places`)."""


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def latest_places(request: Request, conn: Connection) -> int:
    """How many places Latest has (`coverage.count_latest_by_story`, a seek per story: ~1 s at a
    million articles), counted at most once a minute by each process, by one request at a time:
    the others take the last count meanwhile."""
    counted: tuple[int, float] | None = getattr(request.app.state, "latest_places", None)
    if counted is not None and time.monotonic() - counted[1] <= LATEST_COUNT_SECONDS:
        return counted[0]
    if not _counting.acquire(blocking=counted is None):
        assert counted is not None
        return counted[0]
    try:
        again: tuple[int, float] | None = getattr(request.app.state, "latest_places", None)
        if again is not None and again is not counted:  # counted while this one waited
            return again[0]
        places = coverage.count_latest_by_story(conn)
        request.app.state.latest_places = (places, time.monotonic())
        return places
    finally:
        _counting.release()
