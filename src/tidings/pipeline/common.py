"""Small things every pipeline module uses: the clock, progress callbacks, error text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Progress = Callable[[int, int | None], None]
"""Called with (items done so far, total when known) as work advances."""


def utcnow() -> datetime:
    return datetime.now(UTC)


StepProgress = Callable[[str], Progress]
"""Gives the Progress callback of a named step ("Polling feeds", "Clustering stories"...)."""


def no_progress(done: int, total: int | None) -> None:
    """The default progress callback: report nothing."""


def no_steps(label: str) -> Progress:
    """The default step progress: report nothing."""
    return no_progress


def one_line(exc: BaseException) -> str:
    """An exception as one line for a person: its message, or its type when it has none."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
