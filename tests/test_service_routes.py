"""/api/ready (database, migrations, broker) and /metrics (Prometheus, administrators only),
on both databases, with a real Redis where TIDINGS_TEST_REDIS_URL is set."""

from __future__ import annotations

import os
import socket

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine, text

from readers_kit import add_article, make_client, with_token
from tidings.model import FeedEntry
from tidings.pipeline.common import utcnow
from tidings.store import alerts as alert_store
from tidings.store import queue as queue_store

REDIS_URL = os.environ.get("TIDINGS_TEST_REDIS_URL")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_ready_checks_database_migrations_and_broker(engine: Engine):
    ready = make_client(engine).get("/api/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "migrations": "ok",
                            "broker": "not used"}
    down = make_client(engine, broker_url=f"redis://127.0.0.1:{closed_port()}/0")
    response = down.get("/api/ready")
    assert response.status_code == 503 and response.json()["broker"].startswith("unreachable")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    behind = make_client(engine).get("/api/ready").json()
    assert behind["status"] == "error" and behind["migrations"].startswith("at 0001")


@pytest.mark.skipif(REDIS_URL is None, reason="needs TIDINGS_TEST_REDIS_URL (services.sh)")
def test_ready_with_a_live_broker(engine: Engine):
    response = make_client(engine, broker_url=REDIS_URL).get("/api/ready")
    assert response.status_code == 200 and response.json()["broker"] == "ok"


def test_metrics_count_the_database_for_administrators_only(engine: Engine):
    add_article(engine)
    now = utcnow()
    with engine.begin() as conn:
        queue_store.enqueue(conn, [FeedEntry(url="https://news.example.org/a", title="A")],
                            feed_id=None, now=now)
    anonymous = make_client(engine).get("/metrics", follow_redirects=False)
    # A scraper is told in JSON (as the schema says), not sent to the login page.
    assert anonymous.status_code == 401 and anonymous.json()["detail"]
    assert with_token(make_client(engine), engine, "reader").get("/metrics").status_code == 403
    admin = with_token(make_client(engine), engine, "boss", role="admin")
    with engine.begin() as conn:
        alert_store.enqueue(conn, user_id=1, channel="email", kind="alert",
                            target="boss@example.org", subject="s", payload={"text": "t"},
                            now=now)
    response = admin.get("/metrics")
    assert response.status_code == 200
    samples = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(response.text)
               for s in family.samples}
    assert samples[("tidings_queue_items", (("status", "pending"),))] == 1
    assert samples[("tidings_articles", ())] == 1
    assert samples[("tidings_articles_unclustered", ())] == 1
    assert samples[("tidings_deliveries", (("status", "pending"),))] == 1
    assert samples[("tidings_queue_oldest_seconds", ())] >= 0
