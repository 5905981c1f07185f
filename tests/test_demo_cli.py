"""`tidings demo --exit` end to end on the newest part of the shipped data: headline feeds of
many outlets first (stored headline-only, clustered into multi-outlet stories), then the
Wikinews articles; a second run stores nothing new and says so."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from plugins.live_app import free_port
from tidings.cli import app
from tidings.store.engine import make_engine
from tidings.store.schema import articles, stories

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _demo(db_url: str, site_port: int, monkeypatch) -> str:
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    result = CliRunner().invoke(app, ["demo", "--exit", "--limit", "30", "--port",
                                      str(free_port()), "--site-port", str(site_port)])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_demo_shows_stories_told_by_many_outlets(db_url, monkeypatch):
    site_port = free_port()
    first = _demo(db_url, site_port, monkeypatch)
    assert "Reading the demo site's 30 headlines" in first
    engine = make_engine(db_url)
    with engine.connect() as conn:
        headline_only = conn.execute(
            select(func.count(), func.count(func.distinct(articles.c.source)))
            .where(articles.c.headline_only)).one()
        full = conn.execute(select(func.count()).where(~articles.c.headline_only)).scalar_one()
        widest = conn.execute(select(func.max(stories.c.source_count))).scalar_one()
    assert headline_only[0] == 30 and headline_only[1] >= 15, headline_only
    assert full == 30, "every Wikinews page is fetched and extracted in full"
    assert widest >= 2, "the headlines fall into stories covered by several outlets"

    again = _demo(db_url, site_port, monkeypatch)
    assert "The database already holds 60 articles" in again
    assert re.findall(r"(\d+) new articles", again) == ["0", "0"]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar_one() == 60
    engine.dispose()
