"""Worker processes that end themselves once the process that started them is gone.

A run killed outright (SIGKILL, the OOM killer) closes nothing: its pools' workers would wait
for work forever. A worker started with `end_with_parent` as (part of) its initialiser looks
once a second whether its parent is still there, and exits when it is not. Imports nothing
heavy.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_SECONDS = 1.0
"""How often a worker looks whether its parent is still there."""


def end_with_parent(parent: int | None = None) -> None:
    """End this process once `parent` (by default, the process that started it) is gone."""
    watched = os.getppid() if parent is None else parent
    threading.Thread(target=_watch, args=(watched,), daemon=True, name="orphan-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(CHECK_SECONDS)
    os._exit(1)
