"""Small things every pipeline module uses: the clock, progress callbacks, error text, and
who this process is (the holder named on claims and leases).

Kept light: readers (alerts) import it, and must not load the stages."""

from __future__ import annotations

import os
import socket
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


def worker_id() -> str:
    """This process, as recorded on the queue items it claims."""
    return f"{socket.gethostname()}:{os.getpid()}"


def is_dead_local(owner: str) -> bool:
    """Whether `owner` ("host:pid", or "host:pid:tag" as leases name their holder) is a
    process of this machine that no longer runs."""
    host, pid = [*owner.split(":"), ""][:2]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
