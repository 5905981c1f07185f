"""Readers in headless Debian chromium: sign up, comment, reply, flag, moderate, and stored XSS
attempts that must not run (SQLite only)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from plugins.live_app import launch_chromium, need_chromium, serve_app
from readers_kit import PASSWORD, add_article, make_user

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)]


@pytest.fixture
def served(engine: Engine) -> Iterator[tuple[str, int]]:
    article_id = add_article(engine)
    with serve_app(engine) as base:
        yield base, article_id


def _log_in(page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Username or email").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/")


def test_comment_flag_and_moderate_in_a_browser(served, engine: Engine) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    base, article_id = served
    article = f"{base}/articles/{article_id}"
    make_user(engine, "bob")
    make_user(engine, "mod", role="moderator")
    dialogs: list[str] = []
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
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
