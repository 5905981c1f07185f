"""One reader request at a time, in process: the article page, API article, story API, story
feed, story page, home page and search (page and API, common and rare words) on an existing
database (one `benchmarks/serve.py` built), with the SQL statements each request issues.

    python benchmarks/reads.py --database-url sqlite:////tmp/x/serve-100000.db \
        [--requests 200] [--only article,api-article] [--profile article] [--slowest 5] \
        [--statements] [--cold]

Requests go through the real app (FastAPI's TestClient, no network), each to a different
random article or story (stories of two or more articles), or search word (`serve.py`'s ten
common and ten rare ones, in turn), after start-up's objects are frozen as `tidings serve`
freezes them; it prints per endpoint p50 / p95 / p99 / max in milliseconds, the median, p99
and most CPU time of a request (client and server: steadier than wall time on a shared
machine), and the statements per request (median and most). A statement's time is its
execution and the fetching of its rows, in wall and in CPU (thread) time: wall well above CPU
is waiting, for the database file's pages to come from disk or (on a loaded machine) for a
core. `--statements` lists each endpoint's distinct statements with their p50 / p99 wall and
CPU ms and the disk they read (KB a run: page-cache misses, from /proc/thread-self/io).
`--cold` (SQLite) has the OS drop the database file's cached pages before each endpoint, so
its requests read from disk what they need, as on a database bigger than memory.
`--slowest N` then lists each endpoint's N slowest requests: wall and CPU ms, the time its
statements took and its slowest statement, and the garbage collector's pauses in it.
`--profile ENDPOINT` prints where the time of that endpoint's requests goes (cProfile, top 40
by cumulative time, of the endpoint function and response validation).
Run it `nice`d on a shared machine and read the load average it prints.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fastapi.routing
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, func, make_url, select

from serve import load_seeds, search_words
from tidings.config import Settings
from tidings.server import create_app, freeze_start_up_objects
from tidings.store.engine import make_engine
from tidings.store.schema import articles, stories


@dataclass(frozen=True)
class Target:
    """What one request of each endpoint is about."""

    article: int
    story: int
    common: str
    rare: str


ENDPOINTS: dict[str, Callable[[Target], str]] = {
    "static": lambda t: "/static/style.css",  # the baseline: no database
    "article": lambda t: f"/articles/{t.article}",
    "api-article": lambda t: f"/api/articles/{t.article}",
    "api-related": lambda t: f"/api/articles/{t.article}/related",
    "api-story": lambda t: f"/api/stories/{t.story}",
    "story-feed": lambda t: f"/stories/{t.story}/feed.rss",
    "story": lambda t: f"/stories/{t.story}",
    "home": lambda t: "/",
    "search-common": lambda t: f"/search?q={t.common}",
    "search-rare": lambda t: f"/search?q={t.rare}",
    "api-search-common": lambda t: f"/api/search?q={t.common}",
    "api-search-rare": lambda t: f"/api/search?q={t.rare}",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a built database")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--only", default="", help="comma-separated endpoints")
    parser.add_argument("--profile", default="", help="an endpoint to profile")
    parser.add_argument("--slowest", type=int, default=0,
                        help="list this many slowest requests of each endpoint")
    parser.add_argument("--statements", action="store_true",
                        help="list each endpoint's statements with their wall and CPU times")
    parser.add_argument("--cold", action="store_true",
                        help="drop the SQLite file from the OS page cache before each endpoint")
    return parser.parse_args()


def targets(engine: Engine, count: int) -> list[Target]:
    """Random articles, random stories of 2+ articles, the search words in turn."""
    common, rare = search_words(load_seeds())
    with engine.connect() as conn:
        ids = conn.execute(select(articles.c.id).order_by(func.random()).limit(count)).scalars()
        told = conn.execute(select(stories.c.id).where(stories.c.article_count >= 2)
                            .order_by(func.random()).limit(count)).scalars()
        return [Target(article, story, common[n % len(common)], rare[n % len(rare)])
                for n, (article, story) in enumerate(zip(ids, told, strict=False))]


THREAD_IO = Path("/proc/thread-self/io")


def disk_read() -> int:
    """Bytes this thread has had read from disk (Linux; 0 elsewhere): page-cache misses."""
    if not THREAD_IO.exists():
        return 0
    for row in THREAD_IO.read_text().splitlines():
        if row.startswith("read_bytes:"):
            return int(row.split()[1])
    return 0


@dataclass
class Statement:
    """One statement a request issued: its SQL, the wall and CPU (thread) seconds of its
    execution and of fetching its rows, and the bytes read from disk for them. Wall well above
    CPU is time spent waiting: for pages of the database file to be read from disk (`disk`
    says how many) or, on a loaded machine, for a core."""

    sql: str
    wall: float = 0.0
    cpu: float = 0.0
    disk: int = 0

    def add(self, wall: float, cpu: float, disk: int) -> None:
        self.wall += wall
        self.cpu += cpu
        self.disk += disk


class _TimedCursor:
    """A DB-API cursor whose fetches add their time to `statement` (SQLite steps through
    most of a query while its rows are fetched, not in `execute`)."""

    def __init__(self, cursor: Any, statement: Statement) -> None:
        self._cursor, self._statement = cursor, statement

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._cursor, name)
        if not name.startswith("fetch"):
            return found

        def timed(*args: Any) -> Any:
            wall, cpu, disk = time.perf_counter(), time.thread_time(), disk_read()
            try:
                return found(*args)
            finally:
                self._statement.add(time.perf_counter() - wall, time.thread_time() - cpu,
                                    disk_read() - disk)

        return timed


class StatementCount:
    """Statements the engine executes and how long each took, rows fetched included (cursor
    hooks), and the garbage collector's pauses (`gc.callbacks`), since `start()`."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        self.timed: list[Statement] = []
        self.pauses: list[float] = []
        self._began = self._began_cpu = self._collecting = 0.0
        self._began_disk = 0
        event.listen(engine, "before_cursor_execute", self._seen)
        event.listen(engine, "after_cursor_execute", self._done)
        gc.callbacks.append(self._collected)

    def start(self) -> None:
        self.timed, self.pauses = [], []

    def _seen(self, *_: object) -> None:
        self.count += 1
        self._began, self._began_cpu = time.perf_counter(), time.thread_time()
        self._began_disk = disk_read()

    def _done(self, _conn: object, cursor: Any, statement: str, _parameters: object,
              context: Any, _many: bool) -> None:
        timed = Statement(statement, time.perf_counter() - self._began,
                          time.thread_time() - self._began_cpu, disk_read() - self._began_disk)
        self.timed.append(timed)
        if context is not None:
            context.cursor = _TimedCursor(cursor, timed)

    def _collected(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._collecting = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._collecting)


def _short(sql: str, width: int = 70) -> str:
    """The statement on one line, from its first table on (every article statement starts
    with the same forty columns)."""
    flat = " ".join(sql.split())
    start = flat.find(" FROM ")
    head = flat[:flat.find(" ")] if start > 0 else ""
    return f"{head} …{flat[start:]}"[:width] if start > 0 else flat[:width]


@dataclass(frozen=True)
class Request:
    path: str
    seconds: float
    cpu: float
    statements: list[Statement]
    pauses: list[float]
    """Seconds of each garbage collection during it."""

    def text(self) -> str:
        wall = sum(s.wall for s in self.statements)
        cpu = sum(s.cpu for s in self.statements)
        slowest = max(self.statements, key=lambda s: s.wall, default=Statement(""))
        return (f"  {self.path:<28} {self.seconds * 1000:>7.1f} ms, cpu {self.cpu * 1000:.1f}, "
                f"gc {sum(self.pauses) * 1000:.1f}, sql wall {wall * 1000:.1f} cpu "
                f"{cpu * 1000:.1f} (slowest wall {slowest.wall * 1000:.1f} cpu "
                f"{slowest.cpu * 1000:.1f}: {_short(slowest.sql, 60)})")


@dataclass
class Measured:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """CPU seconds of this process (client and server) per request: steadier than wall time
    on a shared machine."""
    statements: list[int] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)


def measure(client: TestClient, paths: list[str], counter: StatementCount) -> Measured:
    found = Measured()
    for path in paths:
        before, started, cpu = counter.count, time.perf_counter(), time.process_time()
        counter.start()
        reply = client.get(path)
        found.seconds.append(time.perf_counter() - started)
        found.cpu.append(time.process_time() - cpu)
        found.statements.append(counter.count - before)
        found.requests.append(Request(path, found.seconds[-1], found.cpu[-1], counter.timed,
                                      counter.pauses))
        if reply.status_code != 200:
            raise SystemExit(f"{path}: HTTP {reply.status_code}")
    return found


def _share(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def line(name: str, found: Measured) -> str:
    ordered = sorted(found.seconds)
    p50, p95, p99 = (ordered[min(len(ordered) - 1, int(s * len(ordered)))] * 1000
                     for s in (0.5, 0.95, 0.99))
    return (f"{name:<12} {len(ordered):>5} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} "
            f"{ordered[-1] * 1000:>8.1f} "
            f"{statistics.median(found.cpu) * 1000:>7.1f} {_share(found.cpu, 0.99) * 1000:>7.1f} "
            f"{max(found.cpu) * 1000:>7.1f} "
            f"{statistics.median(found.statements):>6.0f} {max(found.statements):>6}")


def statement_lines(name: str, found: Measured) -> list[str]:
    """Each distinct statement of an endpoint's requests (in the order first issued), its
    wall and CPU milliseconds (p50 / p99, rows fetched included), the disk read for it (mean
    KB a run) and how often it ran."""
    runs: dict[str, list[Statement]] = {}
    for request in found.requests:
        for statement in request.statements:
            runs.setdefault(statement.sql, []).append(statement)
    lines = [f"{name}: statement wall p50 / p99, cpu p50 / p99 ms, disk KB a run, runs"]
    for sql, ran in runs.items():
        wall, cpu = [s.wall for s in ran], [s.cpu for s in ran]
        disk = sum(s.disk for s in ran) / len(ran) / 1024
        lines.append(f"  {_share(wall, 0.5) * 1000:>6.2f} {_share(wall, 0.99) * 1000:>7.2f} "
                     f"{_share(cpu, 0.5) * 1000:>6.2f} {_share(cpu, 0.99) * 1000:>6.2f} "
                     f"{disk:>7.1f} {len(ran):>5}  {_short(sql)}")
    return lines


def drop_from_page_cache(url: str) -> None:
    """Have the OS forget the cached pages of a SQLite database file (POSIX_FADV_DONTNEED), so
    requests read what they need from disk, as on a database bigger than memory."""
    database = make_url(url).database
    if make_url(url).get_backend_name() != "sqlite" or not database:
        raise SystemExit("--cold needs a SQLite database file")
    descriptor = os.open(database, os.O_RDONLY)
    try:
        os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(descriptor)


def profile_endpoints(profiler: cProfile.Profile) -> None:
    """Run every sync endpoint (and response validation) under `profiler`: FastAPI runs them
    in a thread pool, where a profiler of the main thread sees nothing of them."""
    pooled = fastapi.routing.run_in_threadpool

    async def profiled(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await pooled(profiler.runcall, func, *args, **kwargs)

    fastapi.routing.run_in_threadpool = profiled  # type: ignore[assignment]


def main() -> None:
    args = parse_args()
    engine = make_engine(args.database_url)
    wanted = [n for n in args.only.split(",") if n] or list(ENDPOINTS)
    pairs = targets(engine, args.requests)
    counter = StatementCount(engine)
    settings = Settings(database_url=args.database_url)
    print(f"{len(pairs)} requests per endpoint; load average {os.getloadavg()[0]:.2f}")
    print(f"{'endpoint':<12} {'req':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'cpu ms':>7} {'cpu p99':>7} {'cpu max':>7} {'stmts':>6} {'most':>6}")
    with TestClient(create_app(settings, engine=engine)) as client:
        freeze_start_up_objects()
        slowest, statements = [], []
        for name in wanted:
            paths = [ENDPOINTS[name](target) for target in pairs]
            if args.cold:
                drop_from_page_cache(args.database_url)
            measure(client, paths[:5], counter)  # warm the caches
            found = measure(client, paths, counter)
            print(line(name, found), flush=True)
            slowest += sorted(found.requests, key=lambda r: -r.seconds)[:args.slowest]
            statements += statement_lines(name, found) if args.statements else []
        if statements:
            print("\n".join(statements))
        if slowest:
            print("slowest requests:\n" + "\n".join(r.text() for r in slowest))
        if args.profile:
            paths = [ENDPOINTS[args.profile](target) for target in pairs]
            profiler = cProfile.Profile(time.thread_time)  # CPU time: load-independent
            profile_endpoints(profiler)
            measure(client, paths, counter)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    print(f"load average {os.getloadavg()[0]:.2f}")
    engine.dispose()


if __name__ == "__main__":
    main()
