"""What a process loads when it starts: the web app serves its pages without the NLP stack.

Each check runs in a fresh interpreter, so what this test process imported does not count.
Speed itself is measured by benchmarks/startup.py.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from tidings.model import NewArticle
from tidings.store.articles import save_article
from tidings.store.engine import make_engine, migrate

NLP = ("spacy", "torch", "scipy", "sklearn", "thinc", "trafilatura")

SERVE = """
import sys
from fastapi.testclient import TestClient
from tidings.config import Settings
from tidings.server import create_app

with TestClient(create_app(Settings(database_url={url!r}))) as client:
    for path in {paths!r}:
        assert client.get(path).status_code == 200, path
print(" ".join(m for m in {nlp!r} if m in sys.modules))
import tidings.enrich.analysis, tidings.extract.article  # the stages do load them
print(" ".join(m for m in {nlp!r} if m in sys.modules))
"""


def test_the_web_app_serves_pages_without_the_nlp_stack(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'web.db'}"
    engine = make_engine(url, create=True)
    migrate(engine)
    with engine.begin() as conn:
        article_id = save_article(conn, NewArticle(
            url="https://example.org/a", title="Floods in the north", text="Rivers rose. " * 20,
            source="Example", published_at=datetime(2026, 1, 5, tzinfo=UTC),
        ), now=datetime(2026, 1, 5, tzinfo=UTC)).article_id
    engine.dispose()
    paths = ("/", f"/articles/{article_id}", "/search?q=floods", "/stories", "/entities",
             "/sources", "/api/health", "/api/articles", f"/api/articles/{article_id}")
    code = SERVE.format(url=url, paths=paths, nlp=NLP)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    serving, after_stages = done.stdout.splitlines()
    assert serving == ""
    assert {"spacy", "trafilatura"} <= set(after_stages.split())  # the check can see them


def test_sending_alerts_does_not_load_the_stages():
    code = (f"import sys, tidings.readers.alerts\n"
            f"print(' '.join(m for m in {NLP!r} if m in sys.modules))\n"
            f"import tidings.pipeline.pages\n"  # the module worker_id used to live in
            f"print(' '.join(m for m in {NLP!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    sending, after_pages = done.stdout.splitlines()
    assert sending == ""
    assert "trafilatura" in after_pages.split()  # the check can see it
