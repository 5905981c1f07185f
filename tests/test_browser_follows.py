"""A reader in headless Debian chromium follows a person from their page; an article naming
them is imported; the alert email arrives at a real SMTP server and its link opens the
article (SQLite only)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from plugins.enrichment_corpus import ARTICLES, save_corpus
from plugins.live_app import free_port, launch_chromium, need_chromium, serve_app
from plugins.mailbox import body_of, mailbox
from readers_kit import PASSWORD
from tidings import pipeline
from tidings.cli import app as cli_app
from tidings.config import Settings
from tidings.pipeline.runner import send_due

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]


def test_follow_a_person_then_get_an_alert_email_and_open_it(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    url = engine.url.render_as_string(False)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with mailbox() as inbox:
        smtp = {"smtp_host": "127.0.0.1", "smtp_port": inbox.port, "smtp_starttls": False,
                "public_url": base}
        settings = Settings(database_url=url, **smtp)  # type: ignore[arg-type]
        save_corpus(engine, ARTICLES[:1])
        pipeline.follow_up(engine, settings)
        with serve_app(engine, settings, port=port), sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                page = browser.new_page()
                page.goto(base + "/signup")
                page.get_by_label("Username").fill("alice")
                page.get_by_label("Email address").fill("alice@example.org")
                page.get_by_label("Password").fill(PASSWORD)
                page.get_by_role("button", name="Sign up").click()
                page.wait_for_url(base + "/")
                page.goto(base + "/entities?q=ueda")
                page.get_by_role("link", name="Kazuo Ueda").first.click()
                page.get_by_role("button", name="Follow").click()
                page.wait_for_load_state()
                assert page.get_by_role("button", name="Unfollow").is_visible()

                second = ARTICLES[1]
                record = {"url": second.url, "title": second.title, "text": second.text,
                          "source": second.source}
                feed = tmp_path / "new.jsonl"
                feed.write_text(json.dumps(record) + "\n")
                for name, value in smtp.items():
                    monkeypatch.setenv(f"TIDINGS_{name.upper()}", str(value))
                result = CliRunner().invoke(cli_app, ["--database-url", url, "import",
                                                      str(feed)])
                assert result.exit_code == 0, result.output
                send_due(engine, settings)

                [message] = inbox.messages
                assert message["To"] == "alice@example.org"
                assert message["Subject"] == f"[Tidings] Kazuo Ueda: {second.title}"
                link = re.search(re.escape(base) + r"/articles/\d+", body_of(message))
                assert link, body_of(message)
                page.goto(link.group(0))
                assert page.locator("h1").inner_text() == second.title
                page.goto(base + "/for-you")
                assert second.title in page.locator("main").inner_text()
            finally:
                browser.close()
