"""Alerts and digests on both databases, through a real SMTP server and a real HTTP receiver:
one alert per story, signed webhooks retried with backoff, the SSRF guard, digests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from plugins.mailbox import Inbox, body_of, mailbox
from plugins.webhooks import Receiver, receiving
from readers_kit import make_user
from test_follows import ZIMBABWE, user_named, zimbabwe_story
from tidings.cli import app as cli_app
from tidings.config import Settings
from tidings.model import User
from tidings.pipeline.common import utcnow
from tidings.readers import follows
from tidings.readers.alerts import find_alerts, send_deliveries
from tidings.readers.digests import queue_digests
from tidings.store import alerts as alert_store
from tidings.store import follows as follow_store


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving([500]) as found:
        yield found


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    with mailbox() as box:
        yield box


def settings_for(engine: Engine, inbox: Inbox | None = None, **values: object) -> Settings:
    mail = {"smtp_host": "127.0.0.1", "smtp_port": inbox.port, "smtp_starttls": False,
            "smtp_from": "news@example.org"} if inbox else {}
    return Settings(database_url=engine.url.render_as_string(False),  # type: ignore[arg-type]
                    public_url="https://news.example.org", **mail, **values)


def reader(engine: Engine, name: str = "alice", **prefs: object) -> User:
    make_user(engine, name)
    user = user_named(engine, name)
    values = {"email_alerts": True, "webhook_url": "", "digest": "off", **prefs}
    follows.update_prefs(engine, user, **values)  # type: ignore[arg-type]
    follows.follow(engine, user, "topic", "Zimbabwe")
    return user


def deliveries(engine: Engine, user: User) -> list:
    with engine.connect() as conn:
        return alert_store.user_deliveries(conn, user.id)


def test_two_articles_of_one_story_send_one_email(engine: Engine, inbox: Inbox):
    settings = settings_for(engine, inbox)
    user = reader(engine)
    make_user(engine, "bob")  # follows nothing: hears nothing
    first = zimbabwe_story(engine, titles=ZIMBABWE[:1])
    assert find_alerts(engine, settings) == 1
    assert send_deliveries(engine, settings).sent == 1
    zimbabwe_story(engine, titles=ZIMBABWE[1:])
    assert find_alerts(engine, settings) == 0
    assert send_deliveries(engine, settings).sent == 0

    [message] = inbox.messages
    assert message["To"] == user.email and message["From"] == "news@example.org"
    assert message["Subject"] == f"[Tidings] Zimbabwe: {ZIMBABWE[0]}"
    assert f"https://news.example.org/articles/{first[0]}" in body_of(message)
    [sent] = deliveries(engine, user)
    assert (sent.status, sent.attempts, sent.kind) == ("sent", 1, "alert")


def test_articles_from_before_the_follow_do_not_alert(engine: Engine, inbox: Inbox):
    zimbabwe_story(engine, titles=ZIMBABWE[:1])
    reader(engine)
    assert find_alerts(engine, settings_for(engine, inbox)) == 0


def test_webhook_is_signed_and_retried_after_a_500(engine: Engine, receiver: Receiver):
    settings = settings_for(engine, allow_private_addresses=True, alert_retry_seconds=60)
    user = reader(engine, email_alerts=False, webhook_url=receiver.url)
    receiver.secret = follows.prefs(engine, user).webhook_secret
    zimbabwe_story(engine, titles=ZIMBABWE[:2])
    assert find_alerts(engine, settings) == 1
    start = utcnow()
    assert send_deliveries(engine, settings, now=start).retried == 1
    assert send_deliveries(engine, settings, now=start + timedelta(seconds=30)).sent == 0
    assert send_deliveries(engine, settings, now=start + timedelta(seconds=61)).sent == 1

    assert [valid for valid, _ in receiver.calls] == [True, True]
    payload = receiver.calls[-1][1]
    assert payload["event"] == "alert" and payload["follow"]["label"] == "Zimbabwe"
    assert payload["article"]["link"].startswith("https://news.example.org/articles/")
    [sent] = deliveries(engine, user)
    assert (sent.channel, sent.status, sent.attempts) == ("webhook", "sent", 2)


def test_webhook_to_loopback_is_refused_without_private_addresses(
        engine: Engine, receiver: Receiver):
    settings = settings_for(engine, allow_private_addresses=False)
    user = reader(engine, email_alerts=False, webhook_url=receiver.url)
    zimbabwe_story(engine, titles=ZIMBABWE[:1])
    assert find_alerts(engine, settings) == 1
    assert send_deliveries(engine, settings).failed == 1
    assert receiver.calls == []
    [refused] = deliveries(engine, user)
    assert refused.status == "failed" and "not allowed" in (refused.last_error or "")


def test_digest_lists_top_stories_with_summaries_when_due(engine: Engine, inbox: Inbox):
    settings = settings_for(engine, inbox)
    user = reader(engine, email_alerts=False, digest="daily")
    zimbabwe_story(engine)
    due = follows.prefs(engine, user).digest_due_at
    assert due is not None and due > utcnow() + timedelta(hours=23)
    assert queue_digests(engine, settings) == 0
    with engine.begin() as conn:
        follow_store.update_prefs(conn, user.id, digest_due_at=utcnow())
    now = utcnow()
    assert queue_digests(engine, settings, now=now) == 1
    assert queue_digests(engine, settings, now=now) == 0
    assert send_deliveries(engine, settings, now=now).sent == 1

    [message] = inbox.messages
    assert message["Subject"] == "[Tidings] Your daily digest: 1 stories"
    text = body_of(message)
    assert "The Northern Ledger, Valley Courier, Harbour Times" in text  # newest first
    assert "https://news.example.org/articles/" in text
    summary = text.split("https://news.example.org/articles/")[1].splitlines()[1].strip()
    assert len(summary) > 40 and "Zimbabwe" in text
    assert follows.prefs(engine, user).digest_due_at == now + timedelta(days=1)


def test_digests_send_command(engine: Engine, inbox: Inbox, monkeypatch: pytest.MonkeyPatch):
    reader(engine)
    zimbabwe_story(engine)
    for name, value in (("SMTP_HOST", "127.0.0.1"), ("SMTP_PORT", str(inbox.port)),
                        ("SMTP_STARTTLS", "0")):
        monkeypatch.setenv(f"TIDINGS_{name}", value)
    url = engine.url.render_as_string(False)
    result = CliRunner().invoke(cli_app, ["--database-url", url, "digests", "send",
                                          "--user", "alice", "--now"])
    assert result.exit_code == 0, result.output
    assert "Queued 1 digests; sent 1 deliveries" in result.output
    assert [m["Subject"] for m in inbox.messages] == ["[Tidings] Your daily digest: 1 stories"]
