"""Reader apps: API passwords, their logins, per-reader subscriptions, and the articles and
read/starred states both sync APIs (Google Reader, Fever) serve."""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime

from markupsafe import escape
from sqlalchemy import Engine

from tidings.config import Settings
from tidings.ingest.opml import parse_opml, render_opml
from tidings.model import Article, Feed, OutlineFeed, User
from tidings.pipeline.common import utcnow
from tidings.pipeline.subscriptions import SubscribeError, check_feed_url
from tidings.readers import accounts, passwords, tokens
from tidings.store import api_passwords as api_password_store
from tidings.store import feeds as feed_store
from tidings.store import reading as reading_store
from tidings.store import sessions as session_store
from tidings.store import subscriptions as subscription_store
from tidings.store import users as user_store
from tidings.store.follows import articles_by_ids

log = logging.getLogger(__name__)

MIN_API_PASSWORD = 10


def fever_key(username: str, password: str) -> str:
    """The Fever `api_key` an app sends: md5 of "username:password", lower-case hex."""
    return hashlib.md5(f"{username}:{password}".encode(), usedforsecurity=False).hexdigest()


def set_api_password(engine: Engine, user: User, password: str | None = None) -> str:
    """Give the reader a new API password (a generated one unless given); returns it."""
    password = password if password is not None else tokens.new_token()[:24]
    if len(password) < MIN_API_PASSWORD:
        raise accounts.AccountError(
            f"An API password needs at least {MIN_API_PASSWORD} characters.", "api_password")
    with engine.begin() as conn:
        api_password_store.set_api_password(
            conn, user.id, password_hash=passwords.hash_password(password),
            fever_key_hash=tokens.token_hash(fever_key(user.username, password)), now=utcnow())
    return password


def revoke_api_password(engine: Engine, user: User) -> bool:
    """Revoke it: every app signed in with it is signed out."""
    with engine.begin() as conn:
        return api_password_store.remove_api_password(conn, user.id)


def api_password_created(engine: Engine, user: User) -> datetime | None:
    with engine.connect() as conn:
        return api_password_store.api_password_created(conn, user.id)


def api_log_in(engine: Engine, name_or_email: str, password: str, ip: str) -> User | None:
    """The reader whose API password this is (ClientLogin), or None. Failures count toward the
    same lockout as web logins, and a locked account or address gets None."""
    key, now = name_or_email.strip().lower(), utcnow()
    if not key or not password:
        return None  # nothing was tried: nothing to count
    with engine.connect() as conn:
        if accounts.login_wait(conn, key, ip, now):
            return None
        found = user_store.find_user(conn, key)
        stored = api_password_store.api_password_hash(conn, found[0].id) if found else None
    if stored is None:
        passwords.spend_verify_time(password)
    if found is None or stored is None or not passwords.verify_password(stored, password):
        with engine.begin() as conn:
            session_store.record_login_failure(conn, key, ip, now)
        return None
    return found[0] if not found[0].banned_at else None


def fever_user(engine: Engine, api_key: str, ip: str) -> User | None:
    """The reader of a Fever `api_key`, or None (a failure counts against the address)."""
    now = utcnow()
    if not api_key:
        return None
    with engine.connect() as conn:
        if accounts.login_wait(conn, "", ip, now):
            return None
        user_id = api_password_store.fever_user_id(conn, tokens.token_hash(api_key.lower()))
        user = user_store.get_user(conn, user_id) if user_id else None
    if user is None:
        with engine.begin() as conn:
            session_store.record_login_failure(conn, "", ip, now)
        return None
    return user if not user.banned_at else None


def _session_mac(settings_secret: str, purpose: str, user_id: int, password_hash: str) -> str:
    message = f"{purpose}:{user_id}:{password_hash}".encode()
    return hmac.new(settings_secret.encode(), message, hashlib.sha256).hexdigest()


def app_token(engine: Engine, settings: Settings, user: User, purpose: str) -> str:
    """A token for the Google Reader API ("auth" from ClientLogin, "edit" for `T`), valid
    until the API password changes or is revoked."""
    with engine.connect() as conn:
        stored = api_password_store.api_password_hash(conn, user.id) or ""
    mac = _session_mac(accounts.secret_key(engine, settings), purpose, user.id, stored)
    return f"{user.id}/{mac}"


def app_token_user(engine: Engine, settings: Settings, token: str, purpose: str) -> User | None:
    """The reader of a token made by `app_token`, or None."""
    user_part, _, mac = token.strip().partition("/")
    if not user_part.isdigit() or len(user_part) > 18 or not mac:
        return None
    user_id = int(user_part)
    with engine.connect() as conn:
        stored = api_password_store.api_password_hash(conn, user_id)
        user = user_store.get_user(conn, user_id) if stored else None
    if stored is None or user is None or user.banned_at:
        return None
    expected = _session_mac(accounts.secret_key(engine, settings), purpose, user_id, stored)
    return user if tokens.same_token(expected, mac) else None


# --- subscriptions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Subscribed:
    feed: Feed
    new_source: bool
    """True when this reader's URL became a new source, or woke one nobody subscribed to:
    fetch it now."""


def subscribe_reader(engine: Engine, settings: Settings, user: User, url: str, *,
                     title: str | None = None, folder: str | None = None) -> Subscribed:
    """Subscribe the reader to a feed URL: the first subscriber's URL becomes a source polled
    once for everybody, while anyone subscribes (``store.feeds.due_feeds``). Raises
    SubscribeError for a bad URL."""
    url = check_feed_url(url, settings)
    now = utcnow()
    with engine.begin() as conn:
        feed = feed_store.find_feed(conn, url)
        new_source = feed is None or (
            feed.readers_only and not subscription_store.has_subscribers(conn, feed.id))
        if feed is None:
            feed = feed_store.add_feed(conn, url, title=None, readers_only=True,
                                       interval_minutes=settings.feed_interval_minutes, now=now)
        subscription_store.subscribe(conn, user.id, feed.id, title=title, folder=folder, now=now)
    return Subscribed(feed=feed, new_source=new_source)


def fetch_source_now(engine: Engine, settings: Settings, feed_id: int) -> None:
    """Poll one source and store its pages at once (run in the background after a subscribe),
    so its items are readable in seconds. Failures are recorded on the feed, never raised."""
    # Imported here: the ingest and enrichment stack is heavy, and the CLI's `users` commands
    # import this module (tests/test_cli.py keeps `tidings --help` free of it).
    from tidings.pipeline.extracting import PageExtractor
    from tidings.pipeline.followups import follow_up
    from tidings.pipeline.pages import process_queue
    from tidings.pipeline.polling import poll_feed
    from tidings.pipeline.runner import open_fetcher

    try:
        with engine.connect() as conn:
            feed = feed_store.get_feed(conn, feed_id)
        if feed is None:
            return
        with open_fetcher(settings) as fetcher, PageExtractor(1) as extract:
            poll_feed(engine, settings, fetcher, feed)
            process_queue(engine, settings, fetcher, extract)
        follow_up(engine, settings)
    except Exception:  # a background job: record and go on, the next poll retries
        log.exception("fetch_source_now failed feed_id=%s", feed_id)


def article_html(article: Article, tldr: str | None) -> str:
    """The article as safe HTML for reader apps: "In brief" first when there is one, then the
    clean text's paragraphs, every piece escaped (no markup from the page gets through)."""
    parts = []
    if tldr:
        parts.append(f"<p><strong>In brief:</strong> {escape(tldr)}</p><hr>")
    parts += [f"<p>{escape(' '.join(p.split()))}</p>" for p in article.text.split("\n\n")
              if p.strip()]
    return "".join(parts)


def articles_with_briefs(engine: Engine, ids: list[int]) -> list[tuple[Article, str | None]]:
    """These articles (in the order given, unknown ids left out) with their TL;DRs."""
    with engine.connect() as conn:
        found = articles_by_ids(conn, ids)
        briefs = reading_store.tldrs(conn, list(found))
    return [(found[i], briefs.get(i)) for i in ids if i in found]



def reader_subscriptions(engine: Engine, user: User) -> list[subscription_store.Subscription]:
    with engine.connect() as conn:
        return subscription_store.list_subscriptions(conn, user.id)


def edit_subscription(engine: Engine, user: User, feed_id: int, *, title: str,
                      folder: str) -> bool:
    """Rename a subscription (empty: the feed's own title) and file it (empty: no folder)."""
    with engine.begin() as conn:
        return subscription_store.edit(conn, user.id, feed_id, title=title.strip() or None,
                                       folder=folder.strip() or None)


def unsubscribe_reader(engine: Engine, user: User, feed_id: int) -> bool:
    """Remove the subscription for this reader only; the source stays for the others (one only
    readers added is no longer polled once nobody subscribes)."""
    with engine.begin() as conn:
        return subscription_store.unsubscribe(conn, user.id, [feed_id]) == 1


@dataclass(frozen=True)
class ReaderImport:
    subscribed: list[Feed]
    new_sources: list[int]
    """Feeds nobody had: fetch them now."""
    refused: list[str]
    """One line per outline not subscribed, with the reason."""


def import_reader_opml(engine: Engine, settings: Settings, user: User, content: bytes
                       ) -> ReaderImport:
    """Subscribe the reader to the first `max_opml_feeds` feeds of an OPML file, in its
    folders (categories); every outline left out gets a line saying why. Raises OPMLError
    when the file is not OPML at all."""
    cap = settings.max_opml_feeds
    outlines = parse_opml(content, limit=cap)
    subscribed: list[Feed] = []
    new_sources: list[int] = []
    refused = list(outlines.refused)
    for outline in outlines.feeds:
        try:
            done = subscribe_reader(engine, settings, user, outline.url, title=outline.title,
                                    folder=outline.category)
        except SubscribeError as exc:
            refused.append(f"{outline.url[:200]}: {exc}")
            continue
        subscribed.append(done.feed)
        if done.new_source:
            new_sources.append(done.feed.id)
    if outlines.more:
        refused.append(f"{outlines.more:,} more feeds not imported: one import reads the first "
                       f"{cap:,} feeds listed (TIDINGS_MAX_OPML_FEEDS)")
    return ReaderImport(subscribed, new_sources, refused)


def export_reader_opml(engine: Engine, user: User) -> str:
    """The reader's subscriptions as OPML 2.0, folders as categories."""
    return render_opml(OutlineFeed(url=s.feed.url, title=s.title, category=s.folder)
                       for s in reader_subscriptions(engine, user))


def sources_with_subscribers(engine: Engine) -> list[tuple[Feed, int]]:
    """Every source with how many readers subscribe to it (for administrators)."""
    with engine.connect() as conn:
        counts = subscription_store.subscriber_counts(conn)
        return [(feed, counts.get(feed.id, 0)) for feed in feed_store.list_feeds(conn)]


def new_feed_token(engine: Engine, user: User) -> str:
    """A new private token for the addresses of the reader's For you and Saved feeds (the old
    addresses stop working); returns it, to be shown once."""
    token = tokens.new_token()
    with engine.begin() as conn:
        api_password_store.set_feed_token(conn, user.id, tokens.token_hash(token), utcnow())
    return token


def revoke_feed_token(engine: Engine, user: User) -> None:
    with engine.begin() as conn:
        api_password_store.remove_feed_token(conn, user.id)


def has_feed_token(engine: Engine, user: User) -> bool:
    with engine.connect() as conn:
        return api_password_store.has_feed_token(conn, user.id)


def feed_token_user(engine: Engine, token: str) -> User | None:
    """The unbanned reader of a private feed token, or None."""
    if not token or len(token) > 100:
        return None
    with engine.connect() as conn:
        user_id = api_password_store.feed_token_user_id(conn, tokens.token_hash(token))
        user = user_store.get_user(conn, user_id) if user_id else None
    return user if user and not user.banned_at else None
