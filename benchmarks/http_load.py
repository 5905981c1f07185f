"""What the HTTP benchmarks share: `tidings serve` as a subprocess, an asyncio client that keeps
many requests in flight, the tally of what it saw, and the demo news site in a process of its
own for the ingest benchmarks to fetch from.

Used by `load.py`, `serve.py`, `ingest.py` and `workers.py` (run them as scripts: this
directory is then on sys.path).
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event
from pathlib import Path

import httpx

from tidings.demo.corpus import DemoArticle

STATIC = "/static/style.css"
"""The baseline: a static file served by the same process in the same run."""
KEEPALIVE_EXPIRY = 2.0
"""Seconds a client's pool keeps an idle connection: less than any server keeps one (uvicorn's
default is 5 s, `tidings serve`'s 75 s), so no request is sent on a connection the server is
closing at that instant (it gets no reply: `keep_alive.py` shows it). The load's pool leaves
some connections idle for seconds (up to 4 s seen in a 10 s run)."""


@dataclass
class Tally:
    """What one phase of load saw."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def error_text(self) -> str:
        """How many errors, and of which kinds."""
        total = sum(self.errors.values())
        detail = ", ".join(f"{n} {kind}" for kind, n in self.errors.most_common())
        return f"{total} ({detail})" if total else "0"


def tidings(*args: str) -> list[str]:
    """The command line of a `tidings` command run by this Python."""
    return [sys.executable, "-m", "tidings", *args]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(url: str, port: int, log: Path, *, wait: float = 120.0
                 ) -> subprocess.Popen[bytes]:
    """`tidings serve` on `url`, once it answers the static file."""
    with log.open("wb") as out:
        server = subprocess.Popen(
            tidings("--database-url", url, "serve", "--host", "127.0.0.1", "--port", str(port)),
            stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"tidings serve exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{STATIC}").status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    server.kill()
    raise SystemExit(f"tidings serve did not start within {wait:.0f} s")


@dataclass(frozen=True)
class RunningSite:
    url: str
    """http://127.0.0.1:PORT"""
    pid: int
    """Of the process serving it (whose CPU time is not the ingest's)."""


@contextmanager
def demo_site(articles: Sequence[DemoArticle], *, wait: float = 30.0) -> Iterator[RunningSite]:
    """The demo news site serving `articles` (feeds and pages) from another process, so that
    serving them costs the process measured nothing; stopped on exit."""
    port = free_port()
    ready, stop = multiprocessing.Event(), multiprocessing.Event()
    process = multiprocessing.Process(target=_serve, args=(list(articles), port, ready, stop))
    process.start()
    try:
        if not ready.wait(wait):
            raise SystemExit(f"the demo site did not start within {wait:.0f} s")
        assert process.pid is not None
        yield RunningSite(f"http://127.0.0.1:{port}", process.pid)
    finally:
        stop.set()
        process.join()


def _serve(articles: list[DemoArticle], port: int, ready: Event, stop: Event) -> None:
    from tidings.demo.site import DemoSite

    with DemoSite(articles, port=port):
        ready.set()
        stop.wait()


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def load(base: str, paths: list[str], clients: int, seconds: float, *,
               timeout: float = 30.0) -> Tally:
    """`clients` requests in flight for `seconds`, cycling through `paths`."""
    tally = Tally()
    cycle = itertools.cycle(paths)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients,
                          keepalive_expiry=KEEPALIVE_EXPIRY)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        end = time.perf_counter() + seconds

        async def one_client() -> None:
            while time.perf_counter() < end:
                start = time.perf_counter()
                try:
                    reply = await client.get(next(cycle))
                except httpx.HTTPError as error:
                    tally.errors[type(error).__name__] += 1
                    continue
                if reply.is_success:
                    tally.latencies.append(time.perf_counter() - start)
                else:
                    tally.errors[f"HTTP {reply.status_code}"] += 1

        start = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(clients)))
        tally.seconds = time.perf_counter() - start
    return tally


def run_load(base: str, paths: list[str], clients: int, seconds: float) -> Tally:
    return asyncio.run(load(base, paths, clients, seconds))
