"""Politeness per host: a cap on requests in flight and a gap between request starts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _HostState:
    slots: threading.Semaphore
    next_start: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class HostLimiter:
    """Shared by all threads of one Fetcher: ``with limiter.slot(host): send()``.

    At most ``concurrency`` requests run at once to one host, and two request starts to one
    host are at least ``delay`` seconds apart. Start times are handed out under a lock, so
    threads waiting on the same host queue up in order instead of all waking at once.
    """

    def __init__(self, concurrency: int, delay: float) -> None:
        self._concurrency = concurrency
        self._delay = delay
        self._hosts: dict[str, _HostState] = {}
        self._lock = threading.Lock()

    def _state(self, host: str) -> _HostState:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = _HostState(threading.Semaphore(self._concurrency))
                self._hosts[host] = state
            return state

    def _wait_for_turn(self, state: _HostState) -> None:
        with state.lock:
            now = time.monotonic()
            start = max(now, state.next_start)
            state.next_start = start + self._delay
        if start > now:
            time.sleep(start - now)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of the host's slots, starting no sooner than the host's delay allows."""
        state = self._state(host.lower())
        with state.slots:
            self._wait_for_turn(state)
            yield
