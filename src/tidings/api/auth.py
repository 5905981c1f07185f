"""What every API handler reads from the application: its database engine and settings.

Who may call each route is declared on the route itself (`tidings.access.policy.allow`)."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from tidings.config import Settings


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings
