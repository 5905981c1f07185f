"""SQLite under concurrency, on real files: reads never wait for writes, writes queue.

The writers run in other processes (as `tidings ingest` does next to `tidings serve`); the
readers are threads of this one (as the web server's are).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, exc, text

from readers_kit import add_article, logged_in, make_client, with_token
from tidings.server import BUSY_MESSAGE
from tidings.store.engine import make_engine, migrate
from tidings.store.feeds import add_feed, list_feeds

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
JOIN_SECONDS = 60  # a bound against hanging, far above what any step needs

WRITER = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from tidings.store.engine import make_engine
    from tidings.store.feeds import add_feed

    engine = make_engine(sys.argv[1])
    now = datetime(2025, 3, 1, tzinfo=UTC)
    if sys.argv[2] == "hold":
        with engine.begin() as conn:
            add_feed(conn, "http://held.example/f", title=None, interval_minutes=5, now=now)
            print("holding", flush=True)
            sys.stdin.readline()  # keep the write transaction open until told
    else:
        for n in range(int(sys.argv[2])):
            with engine.begin() as conn:
                add_feed(conn, f"http://{sys.argv[3]}.example/{n}", title=None,
                         interval_minutes=5, now=now)
    print("committed", flush=True)
""")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'tidings.db'}"
    engine = make_engine(url, create=True)
    migrate(engine)
    engine.dispose()
    yield url


@pytest.fixture
def engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def writer(url: str, mode: str, name: str = "w") -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, url, mode, name], text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def in_threads(count: int, work: Callable[[], None]) -> list[BaseException]:
    """Run `work` in `count` threads at once; the errors they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def run() -> None:
        start.wait()
        try:
            work()
        except BaseException as error:  # collected and asserted on by the test
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
        assert not thread.is_alive(), "a reader hung"
    return errors


def read_feeds(engine: Engine) -> int:
    with engine.connect() as conn:
        return len(list_feeds(conn))


def test_reads_finish_while_another_process_holds_a_write_transaction(sqlite_url, engine):
    with engine.begin() as conn:
        add_feed(conn, "http://before.example/f", title=None, interval_minutes=5, now=NOW)
    held = writer(sqlite_url, "hold")
    assert held.stdout is not None and held.stdin is not None
    try:
        assert held.stdout.readline().strip() == "holding"
        seen: list[int] = []
        errors = in_threads(16, lambda: seen.extend(read_feeds(engine) for _ in range(25)))
        # Every read finished while the writer still held the lock, and saw the last commit.
        assert held.poll() is None
        assert errors == []
        assert seen == [1] * 16 * 25
    finally:
        held.communicate("go\n", timeout=JOIN_SECONDS)
    assert held.returncode == 0
    assert read_feeds(engine) == 2


def test_a_read_transaction_does_not_block_a_writer(sqlite_url, engine):
    with engine.connect() as reading:
        assert len(list_feeds(reading)) == 0  # a read transaction stays open meanwhile
        process = writer(sqlite_url, "20")
        out, _ = process.communicate(timeout=JOIN_SECONDS)
        assert (process.returncode, out.strip()) == (0, "committed")
        assert len(list_feeds(reading)) == 0  # its snapshot is stable
    assert read_feeds(engine) == 20


def test_no_database_is_locked_under_readers_and_writers(sqlite_url, engine):
    writers = [writer(sqlite_url, "150", f"w{n}") for n in range(2)]
    done = threading.Event()

    def read_until_written() -> None:
        while not done.is_set():
            with engine.connect() as conn:
                list_feeds(conn)
                conn.execute(text("SELECT count(*) FROM articles")).scalar()

    def write_here() -> None:
        for n in range(40):
            with engine.begin() as conn:
                add_feed(conn, f"http://here.example/{threading.get_ident()}/{n}",
                         title=None, interval_minutes=5, now=NOW)

    def watch() -> None:
        try:
            for process in writers:
                process.communicate(timeout=JOIN_SECONDS)
        finally:
            done.set()

    watcher = threading.Thread(target=watch)
    watcher.start()
    errors = in_threads(8, read_until_written)
    errors += in_threads(2, write_here)
    watcher.join(JOIN_SECONDS)
    assert errors == []
    assert [p.returncode for p in writers] == [0, 0]
    assert read_feeds(engine) == 2 * 150 + 2 * 40


def test_a_write_in_a_read_transaction_fails_at_once(engine):
    with engine.connect() as conn:
        list_feeds(conn)
        with pytest.raises(exc.OperationalError, match="readonly database"):
            add_feed(conn, "http://x.example/f", title=None, interval_minutes=5, now=NOW)
    with engine.connect() as conn, conn.begin():  # an explicit transaction is a write
        add_feed(conn, "http://x.example/f", title=None, interval_minutes=5, now=NOW)
    assert read_feeds(engine) == 1


@contextmanager
def write_lock_held(url: str) -> Iterator[None]:
    """Another process holds the database's write lock (an open write transaction) inside."""
    held = writer(url, "hold")
    assert held.stdout is not None
    try:
        assert held.stdout.readline().strip() == "holding"
        yield
    finally:
        held.communicate("go\n", timeout=JOIN_SECONDS)
    assert held.returncode == 0


def test_a_write_that_waits_out_the_busy_timeout_raises_sqlalchemys_error(sqlite_url):
    engine = make_engine(f"{sqlite_url}?timeout=0.2")
    try:
        locked = pytest.raises(exc.OperationalError, match="database is locked")
        with write_lock_held(sqlite_url), locked, engine.begin() as conn:
            add_feed(conn, "http://x.example/f", title=None, interval_minutes=5, now=NOW)
        with engine.begin() as conn:  # the lock is free again: the same engine writes
            add_feed(conn, "http://x.example/f", title=None, interval_minutes=5, now=NOW)
        with engine.connect() as conn:
            assert [f.url for f in list_feeds(conn)] == ["http://held.example/f",
                                                         "http://x.example/f"]
    finally:
        engine.dispose()


def test_a_request_that_cannot_write_answers_503_with_retry_after(sqlite_url):
    engine = make_engine(f"{sqlite_url}?timeout=0.2")
    try:
        article = add_article(engine)
        page = logged_in(engine, "ann")  # reading an article marks it read: a write
        api = with_token(make_client(engine), engine, "bob")
        with write_lock_held(sqlite_url):
            shown = page.get(f"/articles/{article}")
            added = api.post("/api/follows", json={"kind": "entity", "value": "Ann Ray"})
        assert (shown.status_code, shown.headers["retry-after"]) == (503, "5")
        assert "The database is busy" in shown.text and "Traceback" not in shown.text
        assert (added.status_code, added.headers["retry-after"]) == (503, "5")
        assert added.json() == {"detail": BUSY_MESSAGE}
        assert page.get(f"/articles/{article}").status_code == 200  # free again
        assert api.get("/api/follows").json() == []  # the refused follow was not half-written
    finally:
        engine.dispose()


def test_a_command_that_cannot_write_prints_one_line(sqlite_url):
    with write_lock_held(sqlite_url):
        done = subprocess.run(
            [sys.executable, "-m", "tidings", "--database-url", f"{sqlite_url}?timeout=0.2",
             "feeds", "add", "https://news.example/rss"],
            capture_output=True, text=True, timeout=JOIN_SECONDS, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: the database cannot be used now (database is locked): try again in a few "
        "seconds"], done.stderr
