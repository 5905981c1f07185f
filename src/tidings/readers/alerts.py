"""Alerts: new articles matched against what readers follow, one alert per reader, follow
and story; and the deliveries queue, sent by email and signed webhook and retried with
exponential backoff (the database is the queue)."""

from __future__ import annotations

import json
import logging
import secrets
import smtplib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import Connection, Engine

from tidings.config import Settings
from tidings.ingest.netguard import AddressBlocked, AddressGuard, guarded_transport
from tidings.model import Article, Delivery, Follow
from tidings.pipeline.common import one_line, utcnow, worker_id
from tidings.pipeline.counting import TALLY
from tidings.readers import delivery_messages, follow_rules, tokens, webhook_signing
from tidings.readers.follows import matched_ids, visible
from tidings.readers.mailing import plain_message, send_message
from tidings.store import alerts as alert_store
from tidings.store import follows as follow_store
from tidings.store import users as user_store
from tidings.store.locks import LeaseLost, acquire_lock, release_lock, renew_lock

log = logging.getLogger(__name__)

CURSOR = "alerts"
BATCH = 500
LEASE_SECONDS = 300.0
"""The alert matcher's lease, renewed with every batch."""
DELIVERY_LEASE_SECONDS = 120.0
"""How long a worker holds a claimed delivery, renewed when it starts sending it."""
CLUSTER_WAIT = timedelta(hours=1)
"""How long an article not yet placed in a story holds alerts back (so that a second article
of a story is known as such); after that it alerts on its own."""


class DeliveryError(Exception):
    """A failed attempt; `final` when retrying cannot help (an address the guard refuses)."""

    def __init__(self, message: str, *, final: bool = False) -> None:
        super().__init__(message)
        self.final = final


@dataclass(frozen=True)
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def public_link(settings: Settings, path: str) -> str:
    base = settings.public_url or f"http://{settings.host}:{settings.port}"
    return base.rstrip("/") + path


def find_alerts(engine: Engine, settings: Settings) -> int:
    """Match the articles stored since the last pass against every follow; returns how many
    alerts (reader, follow, story) were raised, each queued on the reader's channels."""
    holder, queued = f"{worker_id()}:{secrets.token_hex(4)}", 0
    with engine.begin() as conn:
        if not acquire_lock(conn, "alerts", holder, now=utcnow(), seconds=LEASE_SECONDS):
            return 0
    try:
        while True:
            with engine.begin() as conn:
                renew_lock(conn, "alerts", holder, now=utcnow(), seconds=LEASE_SECONDS)
                batch = _ready(follow_store.new_articles(
                    conn, alert_store.cursor(conn, CURSOR), limit=BATCH))
                if not batch:
                    return queued
                queued += _alert_batch(conn, settings, dict(batch))
                alert_store.set_cursor(conn, CURSOR, batch[-1][0])
    except LeaseLost:
        log.warning("alerts_lease_lost holder=%s: another process matches now; stopping", holder)
        return queued
    finally:
        with engine.begin() as conn:
            release_lock(conn, "alerts", holder)


def _ready(batch: Sequence[tuple[int, datetime, bool]]) -> list[tuple[int, datetime]]:
    """The batch up to the first recent article still waiting for clustering."""
    ready = []
    for article_id, fetched_at, placed in batch:
        if not placed and fetched_at > utcnow() - CLUSTER_WAIT:
            break
        ready.append((article_id, fetched_at))
    return ready


def _alert_batch(conn: Connection, settings: Settings, fetched: dict[int, datetime]) -> int:
    follows = follow_store.list_follows(conn)
    mutes: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for item in follows:
        if item.kind in follow_rules.MUTE_KINDS:
            mutes[item.user_id].append((item.kind, item.value))
    queued = 0
    for item in follows:
        if item.kind not in follow_rules.FOLLOW_KINDS:
            continue
        ids = [i for i in matched_ids(conn, item, among=list(fetched), limit=len(fetched))
               if fetched[i] >= item.created_at]
        found = follow_store.articles_by_ids(conn, ids)
        for article in sorted(found.values(), key=lambda a: a.id):
            if visible(article, mutes[item.user_id]) and alert_store.first_notice(
                    conn, item.user_id, item.id, article.story_id or article.id, utcnow()):
                queued += _queue_alert(conn, settings, item, article)
    return queued


def _queue_alert(conn: Connection, settings: Settings, item: Follow, article: Article) -> int:
    user = user_store.get_user(conn, item.user_id)
    if user is None or user.banned_at:
        return 0
    prefs = follow_store.get_prefs(conn, user.id, tokens.new_token())
    link = public_link(settings, f"/articles/{article.id}")
    wanted = follow_rules.channels(item.alerts, email_alerts=prefs.email_alerts,
                                   has_webhook=bool(prefs.webhook_url))
    now, story_id = utcnow(), article.story_id or article.id
    if "email" in wanted and settings.smtp_host:
        subject, text = delivery_messages.alert_text(username=user.username, label=item.label,
                                                     article=article, link=link)
        alert_store.enqueue(conn, user_id=user.id, channel="email", kind="alert",
                            target=user.email, subject=subject, payload={"text": text}, now=now)
    if "webhook" in wanted and prefs.webhook_url:
        payload = delivery_messages.alert_payload(label=item.label, kind=item.kind,
                                                  story_id=story_id, article=article, link=link)
        alert_store.enqueue(conn, user_id=user.id, channel="webhook", kind="alert",
                            target=prefs.webhook_url, subject=item.label, payload=payload,
                            now=now)
    return 1


def send_deliveries(engine: Engine, settings: Settings, *, now: datetime | None = None,
                    ids: Collection[int] | None = None) -> DeliveryReport:
    """Send every due delivery at most once; a failure is retried later with exponential
    backoff. Each one is claimed first (so concurrent workers never share one) and marked
    "sending" before it goes out (so a worker that dies mid-send never causes a second
    email). `ids`: only these deliveries. `now` fixes the clock (tests); by default it is
    read at every step."""
    def clock() -> datetime:
        return now or utcnow()

    owner, counts = f"{worker_id()}:{secrets.token_hex(4)}", Counter[str]()
    with _webhook_client(settings) as client:
        while True:
            with engine.begin() as conn:
                claimed = alert_store.claim_due(conn, clock(), owner=owner, ids=ids,
                                                lease_seconds=DELIVERY_LEASE_SECONDS)
            if not claimed:
                return _counted(engine, DeliveryReport(
                    **{k: counts[k] for k in ("sent", "retried", "failed")}))
            for item in claimed:
                counts[_attempt(engine, settings, client, item, owner, clock)] += 1


def _counted(engine: Engine, report: DeliveryReport) -> DeliveryReport:
    TALLY.count(engine, "tidings_deliveries_sent_total", report.sent)
    TALLY.count(engine, "tidings_deliveries_failed_total", report.retried, final="false")
    TALLY.count(engine, "tidings_deliveries_failed_total", report.failed, final="true")
    TALLY.flush(engine)
    return report


def _attempt(engine: Engine, settings: Settings, client: httpx.Client, item: Delivery,
             owner: str, clock: Callable[[], datetime]) -> str:
    with engine.begin() as conn:
        if not alert_store.start_sending(conn, item.id, owner=owner, now=clock(),
                                         lease_seconds=DELIVERY_LEASE_SECONDS):
            log.warning("delivery_lost delivery_id=%s: its lease ran out; not sent", item.id)
            return "lost"
    try:
        _send(engine, settings, client, item)
    except DeliveryError as error:
        final = error.final or item.attempts + 1 >= settings.alert_max_attempts
        retry_at = None if final else clock() + follow_rules.retry_delay(
            item.attempts + 1, settings.alert_retry_seconds)
        log.warning("delivery_failed delivery_id=%s channel=%s error=%s final=%s",
                    item.id, item.channel, error, final)
        with engine.begin() as conn:
            alert_store.mark_failed(conn, item.id, str(error), owner=owner, retry_at=retry_at)
        return "failed" if final else "retried"
    with engine.begin() as conn:
        alert_store.mark_sent(conn, item.id, utcnow(), owner=owner)
    return "sent"


def _send(engine: Engine, settings: Settings, client: httpx.Client, item: Delivery) -> None:
    if item.channel == "email":
        message = plain_message(settings, to=item.target, subject=item.subject,
                                text=str(item.payload["text"]))
        message["Message-ID"] = f"<delivery-{item.id}@tidings>"
        try:
            send_message(settings, message)
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryError(one_line(error)) from error
        return
    with engine.begin() as conn:
        secret = follow_store.get_prefs(conn, item.user_id, tokens.new_token()).webhook_secret
    post_webhook(client, item.target, secret, item.payload, idempotency_key=str(item.id))


def post_webhook(client: httpx.Client, url: str, secret: str, payload: object, *,
                 idempotency_key: str) -> None:
    """POST the JSON payload signed with the reader's secret, with an ``Idempotency-Key``
    header (the delivery id: a receiver drops a repeat); DeliveryError unless 2xx."""
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {"Content-Type": "application/json",
               webhook_signing.HEADER: webhook_signing.signature(secret, body),
               "Idempotency-Key": idempotency_key}
    try:
        response = client.post(url, content=body, headers=headers)
    except AddressBlocked as error:
        raise DeliveryError(str(error), final=True) from error
    except httpx.HTTPError as error:
        raise DeliveryError(one_line(error)) from error
    if not response.is_success:
        raise DeliveryError(f"the webhook answered HTTP {response.status_code}")


def _webhook_client(settings: Settings) -> httpx.Client:
    """An HTTP client under the fetcher's SSRF rules (private addresses refused unless
    allowed), no redirects followed, no environment proxies."""
    transport = None if settings.allow_private_addresses else guarded_transport(
        AddressGuard.from_cidrs(settings.allowed_networks))
    return httpx.Client(transport=transport, follow_redirects=False, trust_env=False,
                        timeout=settings.webhook_timeout,
                        headers={"User-Agent": settings.user_agent})
