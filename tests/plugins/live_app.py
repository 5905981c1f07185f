"""The real app served by uvicorn on a free port, and Debian chromium to drive it.

- ``serve_app(engine, settings)``: a context manager yielding the base URL of the app, served
  from a background thread until the block ends.
- ``need_chromium()``: skip without /usr/bin/chromium, except when CI is set (then fail).
- ``launch_chromium(playwright)``: the browser, never downloaded, with the flags this
  machine's closed network needs.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tidings.config import Settings
from tidings.server import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

CLIPPED_LABELS = """svg => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll("text")].filter(t => {
    const b = t.getBBox();
    return b.x < box.x || b.x + b.width > box.x + box.width;
  }).map(t => t.textContent);
}"""
"""A Playwright evaluate function on an <svg>: the texts of its labels cut by its viewBox."""


def need_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (Debian package chromium); no browser to drive"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
    pytest.skip(reason)


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_app(engine: Engine, settings: Settings | None = None, *, port: int | None = None
              ) -> Iterator[str]:
    """Serve the app over `engine` until the block ends; yields its base URL."""
    import uvicorn

    settings = settings or Settings(database_url=engine.url.render_as_string(False))
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, engine=engine),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
