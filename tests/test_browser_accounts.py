"""Readers in headless Debian chromium: sign up, comment, reply, flag, moderate, and stored XSS
attempts that must not run (SQLite only)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from readers_kit import PASSWORD, add_article, make_user
from test_browser import CHROMIUM, CHROMIUM_ARGS, free_port
from tidings.config import Settings
from tidings.server import create_app

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing (Debian package chromium); no browser to drive"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
    pytest.skip(reason)


@pytest.fixture
def served(engine: Engine) -> Iterator[tuple[str, int]]:
    import uvicorn

    article_id = add_article(engine)
    port = free_port()
    settings = Settings(database_url=engine.url.render_as_string(False))
    server = uvicorn.Server(uvicorn.Config(create_app(settings, engine=engine),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", article_id
    server.should_exit = True
    thread.join(timeout=10)


def _log_in(page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def test_comment_flag_and_moderate_in_a_browser(served, engine: Engine) -> None:
    _need_chromium()
    from playwright.sync_api import sync_playwright

    base, article_id = served
    article = f"{base}/articles/{article_id}"
    make_user(engine, "bob")
    make_user(engine, "mod", role="moderator")
    dialogs: list[str] = []
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            def new_page():  # one browser context (cookie jar) per person
                page = browser.new_context().new_page()
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                page.on("pageerror", lambda error: problems.append(str(error)))
                return page

            alice = new_page()
            alice.goto(article)
            assert "No comments yet — be the first." in alice.locator("#comments").inner_text()
            alice.locator("#comments").get_by_role("link", name="Sign up").click()
            alice.get_by_label("Username").fill("alice")
            alice.get_by_label("Email address").fill("alice@example.org")
            alice.get_by_label("Display name (optional)").fill(
                '<img src=x onerror="alert(\'profile\')">')
            alice.get_by_label("Password").fill(PASSWORD)
            alice.get_by_role("button", name="Sign up").click()
            alice.wait_for_url(article + "#comments")
            alice.get_by_label("Post comment").fill(
                "Great news <script>alert('comment')</script> "
                "<img src=x onerror=\"alert('img')\"> [x](javascript:alert('link'))")
            alice.get_by_role("button", name="Post comment").click()
            alice.wait_for_url("**#comment-*")
            first = alice.locator("#comments .comment").first
            assert "Great news" in first.inner_text()
            first.locator("summary", has_text="Reply").click()
            first.get_by_label("Post reply").fill("And a reply to myself")
            first.get_by_role("button", name="Post reply").click()
            alice.wait_for_load_state()
            assert "And a reply to myself" in alice.locator(
                "#comments .comment .comment .comment-body").inner_text()

            bob = new_page()
            _log_in(bob, base, "bob")
            bob.goto(article)
            bob.locator("#comments .comment").first.get_by_role("button", name="Flag").first.click()
            assert "A moderator will look" in bob.locator("main").inner_text()

            mod = new_page()
            _log_in(mod, base, "mod")
            mod.get_by_role("link", name="Moderation").click()
            queue = mod.locator(".moderation-queue .comment", has_text="Great news")
            queue.get_by_role("button", name="Hide").click()
            mod.wait_for_url(base + "/moderation")
            assert "Great news" not in mod.locator("main").inner_text()

            bob.goto(article)
            assert "Great news" not in bob.locator("#comments").inner_text()
            alice.goto(article)
            assert "Great news" not in alice.locator("#comments").inner_text()
            assert alice.locator("#comments img, #comments script").count() == 0
        finally:
            browser.close()
    assert dialogs == []
    assert problems == []
