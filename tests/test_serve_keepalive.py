"""`tidings serve` keeps an idle connection open well past the 5 s that clients' pools keep
one (httpx's keepalive_expiry, uvicorn's own default timeout): a client reusing a connection
at the instant the server closed it got no reply (RemoteProtocolError, ReadError).

Runs the real command in a subprocess and sends a second request on the same socket after an
idle gap longer than uvicorn's default keep-alive.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine

from plugins.serve_process import tidings_serve
from tidings.store.engine import make_engine, migrate

UVICORN_DEFAULT = 5.0
"""uvicorn's timeout_keep_alive, which `tidings serve` used to keep."""


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'tidings.db'}", create=True)
    migrate(engine)
    yield engine
    engine.dispose()


def test_an_idle_connection_outlives_uvicorns_default_keep_alive(sqlite_engine: Engine):
    with tidings_serve(sqlite_engine) as url:
        address = urlsplit(url)
        assert address.hostname and address.port
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        try:
            connection.request("GET", "/static/style.css")
            first = connection.getresponse()
            first.read()
            opened = connection.sock
            time.sleep(UVICORN_DEFAULT + 1.5)
            connection.request("GET", "/static/style.css")
            second = connection.getresponse()  # RemoteDisconnected if the server closed it
            second.read()
            reused = connection.sock is opened
        finally:
            connection.close()
    assert (first.status, second.status) == (200, 200)
    assert reused
