"""`python -m tidings serve` in a subprocess on a free port, for tests of what the real
command does (its uvicorn options).

- ``tidings_serve(engine, **settings)``: a context manager yielding the base URL; each
  keyword is a TIDINGS_* setting (``trusted_proxies="[]"``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy import Engine

from plugins.live_app import free_port


@contextmanager
def tidings_serve(engine: Engine, **settings: str) -> Iterator[str]:
    """`python -m tidings serve` on a free port until the block ends; yields its base URL."""
    port = free_port()
    env = {**os.environ, "TIDINGS_DATABASE_URL": engine.url.render_as_string(False),
           **{f"TIDINGS_{k.upper()}": v for k, v in settings.items()}}
    server = subprocess.Popen(
        [sys.executable, "-m", "tidings", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(server, url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_until_up(server: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"tidings serve exited: {server.stderr.read() if server.stderr else ''}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("tidings serve did not answer within 90 s")
