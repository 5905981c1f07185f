"""A real local webhook endpoint for the alert tests.

``receiving(statuses)`` is a context manager yielding a ``Receiver``: ``url`` to post to; it
answers ``statuses`` in turn (then 200) and records each call in ``calls`` as (signature valid
under ``secret``, JSON body) and its ``Idempotency-Key`` header in ``keys``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tidings.readers import webhook_signing


class Receiver:
    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.calls: list[tuple[bool, Any]] = []
        self.keys: list[str | None] = []
        self.secret = ""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                given = self.headers.get(webhook_signing.HEADER)
                receiver.calls.append((webhook_signing.valid(receiver.secret, body, given),
                                       json.loads(body)))
                receiver.keys.append(self.headers.get("Idempotency-Key"))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


@contextmanager
def receiving(statuses: list[int]) -> Iterator[Receiver]:
    found = Receiver(statuses)
    thread = threading.Thread(target=found.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        found.server.shutdown()
        found.server.server_close()
