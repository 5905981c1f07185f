"""Following: follow and mute, the For you page, saved and read articles, preferences.

Every function acts for one reader; a follow id of another reader is treated as missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine

from tidings.model import Article, Follow, ReaderPrefs, User
from tidings.pipeline.common import utcnow
from tidings.readers import follow_ranking, follow_rules, tokens
from tidings.readers.follow_rules import FollowError as FollowError
from tidings.search import SearchQueryError, search_articles
from tidings.store import follows as follow_store
from tidings.store import stories as story_store
from tidings.store.entity_merges import merged_into

FOR_YOU_WINDOW = timedelta(days=30)
"""For you leads with what arrived in this window; older matches follow under "Earlier"."""
EARLIER = 15
PER_FOLLOW = 200


@dataclass(frozen=True)
class FollowCount:
    """How much one follow matched: in the For you window, and in all."""

    follow: Follow
    recent: int
    total: int
    """At most PER_FOLLOW."""


@dataclass(frozen=True)
class ForYou:
    groups: list[follow_ranking.StoryGroup]
    """Stories with a match in the last FOR_YOU_WINDOW, best first."""
    unread: int
    read: set[int]
    earlier: list[follow_ranking.StoryGroup] = field(default_factory=list)
    """Stories whose matches are all older, newest first."""
    counts: list[FollowCount] = field(default_factory=list)


def follow(engine: Engine, user: User, kind: str, value: str, *, source: str = "",
           alerts: str = "default") -> Follow:
    """Follow (or mute) something; FollowError with a message for the reader."""
    value, source = follow_rules.normalise(kind, value, source)
    if alerts not in follow_rules.ALERT_CHOICES:
        raise FollowError("Alerts are default, email, webhook, both or none.")
    with engine.begin() as conn:
        if kind == "entity":  # an entity merged into another: follow the other
            value = str(merged_into(conn, int(value)) or value)
        label = _label(conn, kind, value, source)
        return follow_store.add_follow(conn, user.id, kind=kind, value=value, source=source,
                                       label=label, alerts=alerts, now=utcnow())


def _label(conn: Connection, kind: str, value: str, source: str) -> str:
    if kind == "entity":
        name = follow_store.entity_name(conn, int(value))
        if name is None:
            raise FollowError("There is no such person, organisation or place.")
        return name
    if kind == "story":
        story = story_store.get_story(conn, int(value))
        if story is None:
            raise FollowError("There is no such story.")
        return story.title
    if kind in ("topic", "search"):
        try:
            search_articles(conn, value, limit=1)
        except SearchQueryError as error:
            raise FollowError(f"That search cannot be used: {error}.") from error
    return f"{value} (in {source})" if source else value


def unfollow(engine: Engine, user: User, follow_id: int) -> bool:
    with engine.begin() as conn:
        return follow_store.remove_follow(conn, user.id, follow_id)


def list_follows(engine: Engine, user: User) -> list[Follow]:
    with engine.connect() as conn:
        return follow_store.list_follows(conn, user.id)


def find_follow(engine: Engine, user: User | None, kind: str, value: str, source: str = ""
                ) -> Follow | None:
    """The reader's follow of this thing, for a Follow / Unfollow button."""
    if user is None:
        return None
    try:
        key = (kind, *follow_rules.normalise(kind, value, source))
    except FollowError:
        return None
    return next((f for f in list_follows(engine, user)
                 if (f.kind, f.value, f.source) == key), None)


def matched_ids(conn: Connection, item: Follow, *, among: Sequence[int] | None = None,
                since: datetime | None = None, limit: int = PER_FOLLOW) -> list[int]:
    """Articles matching a follow: topics and searches through full-text search."""
    if item.kind in ("topic", "search"):
        try:
            hits = search_articles(conn, item.value, source=item.source or None, since=since,
                                   limit=limit, ids=among)
        except SearchQueryError:
            return []
        return [hit.article.id for hit in hits]
    return follow_store.matching_ids(conn, item.kind, item.value, among=among, since=since,
                                     limit=limit)


def mutes_of(follows: Sequence[Follow]) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in follows if f.kind in follow_rules.MUTE_KINDS]


def visible(article: Article, mutes: Sequence[tuple[str, str]]) -> bool:
    return article.duplicate_of is None and not follow_rules.is_muted(
        article.title, article.text, article.source, mutes)


def followed_groups(conn: Connection, user_id: int, *, since: datetime | None, now: datetime
                    ) -> list[follow_ranking.StoryGroup]:
    """What the reader follows since `since`, grouped by story, best first, mutes removed."""
    follows = follow_store.list_follows(conn, user_id)
    mutes = mutes_of(follows)
    reasons: dict[int, list[str]] = defaultdict(list)
    for item in follows:
        if item.kind in follow_rules.FOLLOW_KINDS:
            for article_id in matched_ids(conn, item, since=since):
                reasons[article_id].append(item.label)
    found = follow_store.articles_by_ids(conn, reasons)
    by_story: dict[int, list[Article]] = defaultdict(list)
    for article in found.values():
        if visible(article, mutes):
            by_story[article.story_id or -article.id].append(article)
    stories = story_store.stories_by_id(conn, [k for k in by_story if k > 0])
    groups = [follow_ranking.StoryGroup(
        story=stories.get(key),
        articles=tuple(sorted(members, key=follow_ranking.article_time, reverse=True)),
        reasons=tuple(dict.fromkeys(r for a in members for r in reasons[a.id])),
    ) for key, members in by_story.items()]
    return follow_ranking.rank(groups, now)


def for_you(engine: Engine, user: User, *, limit: int = 30) -> ForYou:
    """What the reader follows: recent stories first, then earlier coverage, and how much
    each follow matched (so one that matches nothing can say so)."""
    now = utcnow()
    cutoff = now - FOR_YOU_WINDOW
    with engine.connect() as conn:
        every = followed_groups(conn, user.id, since=None, now=now)
        recent = [g for g in every if follow_ranking.article_time(g.lead) >= cutoff]
        earlier = sorted((g for g in every if follow_ranking.article_time(g.lead) < cutoff),
                         key=lambda g: follow_ranking.article_time(g.lead), reverse=True)
        counts = [FollowCount(f, len(matched_ids(conn, f, since=cutoff)),
                              len(matched_ids(conn, f)))
                  for f in follow_store.list_follows(conn, user.id)
                  if f.kind in follow_rules.FOLLOW_KINDS]
        ids = [a.id for g in recent for a in g.articles]
        read = follow_store.read_ids(conn, user.id, ids)
    return ForYou(groups=recent[:limit], unread=len(set(ids) - read), read=read,
                  earlier=earlier[:EARLIER], counts=counts)


def mark_read(engine: Engine, user: User, article_id: int) -> None:
    with engine.begin() as conn:
        follow_store.mark_read(conn, user.id, article_id, utcnow())


def set_saved(engine: Engine, user: User, article_id: int, saved: bool) -> None:
    with engine.begin() as conn:
        if saved:
            follow_store.save_article(conn, user.id, article_id, utcnow())
        else:
            follow_store.unsave_article(conn, user.id, article_id)


def saved_articles(engine: Engine, user: User) -> list[Article]:
    with engine.connect() as conn:
        ids = follow_store.saved_ids(conn, user.id)
        found = follow_store.articles_by_ids(conn, ids)
    return [found[i] for i in ids if i in found]


def is_saved(engine: Engine, user: User, article_id: int) -> bool:
    with engine.connect() as conn:
        return follow_store.is_saved(conn, user.id, article_id)


def prefs(engine: Engine, user: User) -> ReaderPrefs:
    """The reader's preferences; only their first use writes (the defaults)."""
    with engine.connect() as conn:
        found = follow_store.find_prefs(conn, user.id)
    if found is not None:
        return found
    with engine.begin() as conn:
        return follow_store.get_prefs(conn, user.id, tokens.new_token())


def update_prefs(engine: Engine, user: User, *, email_alerts: bool, webhook_url: str,
                 digest: str) -> ReaderPrefs:
    """Save the reader's alert and digest choices; FollowError for a bad webhook or digest."""
    url = webhook_url.strip()
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname):
        raise FollowError("The webhook address must start with http:// or https://.")
    period = follow_rules.digest_period(digest)
    current = prefs(engine, user)
    due = current.digest_due_at if current.digest == digest else None
    if period and due is None:
        due = utcnow() + period
    with engine.begin() as conn:
        follow_store.update_prefs(conn, user.id, email_alerts=email_alerts,
                                  webhook_url=url or None, digest=digest,
                                  digest_due_at=due if period else None)
    return prefs(engine, user)
