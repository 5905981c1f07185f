"""Enrichment on worker processes, on SQLite and PostgreSQL: the same results as in one
process; two `tidings enrich` processes enrich each article exactly once; a worker process
that dies loses nothing (its batch is analysed again, and what a dead run held is taken over
once its claims expire); one pool serves every pass of a run, and none of its processes
outlives the run, an interrupted one included."""

from __future__ import annotations

import gzip
import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, update

from plugins.databases import DB_KINDS, fresh_database
from processes import alive, children_of
from tidings.config import Settings
from tidings.ingest.files import article_from_record
from tidings.pipeline.articles import save
from tidings.pipeline.common import utcnow
from tidings.pipeline.enrich_workers import Analysers
from tidings.pipeline.enriching import enrich_pending, open_analysers
from tidings.store.engine import make_engine, migrate
from tidings.store.schema import (
    article_entities,
    articles,
    enrichment_claims,
    enrichment_runs,
    entities,
    entity_events,
    entity_roles,
    quotes,
    summaries,
)

WIKINEWS = Path(__file__).parent / "fixtures" / "wikinews-2005-2008.jsonl.gz"
SRC = Path(__file__).resolve().parents[1] / "src"


def bush_records(count: int) -> list[dict[str, str]]:
    """Short Wikinews reports naming President Bush (and others), oldest first: the same
    people under several names across articles."""
    with gzip.open(WIKINEWS, "rt", encoding="utf-8") as handle:
        records = [r for r in map(json.loads, handle)
                   if "Bush" in r["text"] and len(r["text"]) < 2500]
    return records[:count]


@pytest.fixture(params=DB_KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@contextmanager
def database(request: pytest.FixtureRequest, kind: str, folder: Path, count: int
             ) -> Iterator[Engine]:
    """A new database of `kind` holding the first `count` of `bush_records`."""
    folder.mkdir()
    with fresh_database(request, kind, folder) as url:
        engine = make_engine(url, create=True)
        migrate(engine)
        for record in bush_records(count):
            save(engine, article_from_record(record), utcnow())
        yield engine
        engine.dispose()


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Everything enrichment stored, by article URL and entity key (ids aside)."""
    url, key = articles.c.url, entities.c.key
    with engine.connect() as conn:
        def rows(*columns, joins=()) -> list[tuple[object, ...]]:
            statement = select(*columns)
            for table, on in joins:
                statement = statement.join(table, on)
            return sorted(tuple(map(repr, row)) for row in conn.execute(statement))

        by_article = [(articles, articles.c.id == enrichment_runs.c.article_id)]
        return {
            "entities": rows(key, entities.c.name, entities.c.type, entities.c.aliases,
                             entities.c.article_count),
            "links": rows(url, key, article_entities.c.mentions, article_entities.c.role,
                          joins=[(articles, articles.c.id == article_entities.c.article_id),
                                 (entities, entities.c.id == article_entities.c.entity_id)]),
            "roles": rows(url, key, entity_roles.c.role, entity_roles.c.sentence_index,
                          joins=[(articles, articles.c.id == entity_roles.c.article_id),
                                 (entities, entities.c.id == entity_roles.c.entity_id)]),
            "events": rows(url, entity_events.c.type, entity_events.c.date,
                           entity_events.c.sentence_index,
                           joins=[(articles, articles.c.id == entity_events.c.article_id)]),
            "quotes": rows(url, quotes.c.text, quotes.c.speaker, quotes.c.sentence_index,
                           joins=[(articles, articles.c.id == quotes.c.article_id)]),
            "summaries": rows(url, summaries.c.tldr, summaries.c.points, summaries.c.method,
                              joins=[(articles, articles.c.id == summaries.c.article_id)]),
            "runs": rows(url, enrichment_runs.c.error, enrichment_runs.c.note,
                         joins=by_article),
        }


def settings_for(engine: Engine, processes: int) -> Settings:
    return Settings(database_url=engine.url.render_as_string(hide_password=False),
                    enrich_processes=processes)


def test_worker_processes_store_what_one_process_does(request, kind, tmp_path):
    with (database(request, kind, tmp_path / "one", 8) as inline,
          database(request, kind, tmp_path / "two", 8) as pooled):
        assert enrich_pending(inline, settings_for(inline, 1)).enriched == 8
        assert enrich_pending(pooled, settings_for(pooled, 2)).enriched == 8
        expected, got = snapshot(inline), snapshot(pooled)
    assert len(expected["entities"]) > 20 and expected["quotes"] and expected["roles"]
    assert got == expected


def test_a_worker_that_dies_mid_batch_loses_nothing(request, kind, tmp_path, caplog):
    killed: list[int] = []
    earlier = {child.pid for child in multiprocessing.active_children()}  # other tests' pools

    def kill_first_worker() -> None:  # as soon as one exists: it holds a submitted batch
        deadline = time.monotonic() + 60
        while not killed and time.monotonic() < deadline:
            for child in multiprocessing.active_children():
                if child.pid in earlier:
                    continue
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)
                break
            time.sleep(0.01)

    killer = threading.Thread(target=kill_first_worker)
    with database(request, kind, tmp_path / "db", 6) as engine:
        killer.start()
        with caplog.at_level(logging.WARNING, logger="tidings.pipeline.enriching"):
            report = enrich_pending(engine, settings_for(engine, 2))
        killer.join()
        assert killed and "enrich_worker_died" in caplog.text
        assert (report.enriched, report.failed, report.errors) == (6, 0, [])
        assert count(engine, enrichment_claims) == 0
        assert [row[1] for row in snapshot(engine)["runs"]] == ["None"] * 6


def test_a_worker_that_dies_between_passes_loses_nothing(request, kind, tmp_path, caplog):
    """A worker killed while its pool waits for the run's next pass (the OOM killer, say):
    the next pass starts a new pool instead of failing on the broken one."""
    earlier = pool_processes(set())
    with database(request, kind, tmp_path / "db", 4) as engine:
        settings = settings_for(engine, 2)
        with open_analysers(settings) as analysers:
            first = first_pass(engine, settings, analysers, earlier)
            dead = min(first)
            os.kill(dead, signal.SIGKILL)
            deadline = time.monotonic() + 60
            while Path(f"/proc/{dead}").exists() and time.monotonic() < deadline:
                time.sleep(0.05)  # until the pool has seen it die (and reaped it)
            file_four_more(engine)
            with caplog.at_level(logging.WARNING, logger="tidings.pipeline.enrich_workers"):
                report = enrich_pending(engine, settings, analysers=analysers)
            assert (report.enriched, report.failed, report.errors) == (4, 0, [])
            assert "enrich_pool_broken" in caplog.text
            assert len(first) == 2 and len(pool_processes(earlier) - first) == 2
        assert count(engine, enrichment_claims) == 0
        assert [row[1] for row in snapshot(engine)["runs"]] == ["None"] * 8


def pool_processes(earlier: set[int]) -> set[int]:
    """This test's live worker processes (not those of a pool another test left)."""
    return {child.pid for child in multiprocessing.active_children()} - earlier


def first_pass(engine: Engine, settings: Settings, analysers: Analysers, earlier: set[int]
               ) -> set[int]:
    """Enrich the database's 4 articles with `analysers`; the pool's processes that did it."""
    assert enrich_pending(engine, settings, analysers=analysers).enriched == 4
    return pool_processes(earlier)


def file_four_more(engine: Engine) -> None:
    """The 4 articles the next pass finds."""
    for record in bush_records(8)[4:]:
        save(engine, article_from_record(record), utcnow())


def test_one_pool_serves_every_pass_of_a_run_and_ends_with_it(request, kind, tmp_path):
    earlier = pool_processes(set())
    with database(request, kind, tmp_path / "db", 4) as engine:
        settings = settings_for(engine, 2)
        with open_analysers(settings) as analysers:
            first = first_pass(engine, settings, analysers, earlier)
            file_four_more(engine)
            assert enrich_pending(engine, settings, analysers=analysers).enriched == 4
            assert len(first) == 2 and pool_processes(earlier) == first
        assert pool_processes(earlier) == set()
        assert [row[1] for row in snapshot(engine)["runs"]] == ["None"] * 8


def test_no_pool_process_outlives_an_interrupted_run(request, kind, tmp_path):
    earlier, alive = pool_processes(set()), []

    def interrupt(done: int, total: int) -> None:  # Ctrl-C once the first batch is stored
        if done:
            alive.append(pool_processes(earlier))
            raise KeyboardInterrupt

    with database(request, kind, tmp_path / "db", 33) as engine:  # two batches: 32 and 1
        with pytest.raises(KeyboardInterrupt):
            enrich_pending(engine, settings_for(engine, 2), progress=interrupt)
        assert len(alive[0]) == 2
        assert pool_processes(earlier) == set()
        assert count(engine, enrichment_claims) == 0  # the second batch's, given back
        assert count(engine, enrichment_runs) == 32
        settings = settings_for(engine, 1)
        assert enrich_pending(engine, settings).enriched == 1


def test_the_workers_of_a_killed_run_end_themselves(request, tmp_path):
    with database(request, "sqlite", tmp_path / "db", 8) as engine:
        process = enrich_command(engine, 2)
        deadline = time.monotonic() + 120
        while len(workers := children_of(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # (the spawned workers, and the resource tracker)
        os.kill(process.pid, signal.SIGKILL)  # the run alone: no chance to close its pool
        process.wait()
        deadline = time.monotonic() + 30
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) >= 2
        assert not [pid for pid in workers if alive(pid)]


def enrich_command(engine: Engine, processes: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC),
           "TIDINGS_DATABASE_URL": engine.url.render_as_string(hide_password=False),
           "TIDINGS_ENRICH_PROCESSES": str(processes)}
    return subprocess.Popen([sys.executable, "-m", "tidings", "enrich", "-q"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def enriched_by(process: subprocess.Popen[str]) -> int:
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output
    line = next(line for line in output.splitlines() if line.startswith("Enriched "))
    return int(line.split()[1])


def count(engine: Engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_two_enrich_processes_enrich_each_article_exactly_once(request, kind, tmp_path):
    with database(request, kind, tmp_path / "db", 32) as engine:
        first, second = enrich_command(engine, 2), enrich_command(engine, 1)
        assert enriched_by(first) + enriched_by(second) == 32
        assert count(engine, enrichment_claims) == 0
        assert [row[1] for row in snapshot(engine)["runs"]] == ["None"] * 32


def test_claims_of_a_killed_run_are_taken_over_once_they_expire(request, kind, tmp_path):
    with database(request, kind, tmp_path / "db", 8) as engine:
        process = enrich_command(engine, 2)
        deadline = time.monotonic() + 120
        while count(engine, enrichment_claims) == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)  # the run and its workers, mid-batch
        process.wait()
        stored, held = count(engine, enrichment_runs), count(engine, enrichment_claims)
        assert held > 0

        settings = settings_for(engine, 1)
        assert enrich_pending(engine, settings).enriched == 8 - stored - held  # still held
        with engine.begin() as conn:  # time passes: the dead run's leases run out
            conn.execute(update(enrichment_claims).values(
                leased_until=utcnow() - timedelta(seconds=1)))
        assert enrich_pending(engine, settings).enriched == held
        assert count(engine, enrichment_claims) == 0
        assert [row[1] for row in snapshot(engine)["runs"]] == ["None"] * 8
