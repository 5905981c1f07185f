"""Worker processes that end themselves once the process that started them is gone.

A run killed outright (SIGKILL, the OOM killer) closes nothing: its pools' workers would wait
for work forever (and a forkserver with them: every worker it forked holds its pipe open). A
worker started with `end_with_parent` as (part of) its initialiser waits in a thread for the
process it was given to end (on a pidfd, or looking once a second where there is none), and
then exits. Imports nothing heavy.
"""

from __future__ import annotations

import os
import select
import threading
import time

CHECK_SECONDS = 1.0
"""How often a worker looks whether its parent is still there, where it has no pidfd."""


def end_with_parent(parent: int | None = None) -> None:
    """End this process once `parent` (by default, the process that started it) is gone:
    a forkserver's worker is given the process that asked for it, not the forkserver."""
    watched = os.getppid() if parent is None else parent
    threading.Thread(target=_watch, args=(watched,), daemon=True, name="orphan-watch").start()


def _watch(parent: int) -> None:
    try:
        handle = os.pidfd_open(parent)
    except ProcessLookupError:  # gone already
        os._exit(1)
    except OSError:  # no pidfds here (not Linux 5.3+, or refused)
        while _exists(parent):
            time.sleep(CHECK_SECONDS)
    else:
        select.select([handle], [], [])  # readable once the process has ended
    os._exit(1)


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True
