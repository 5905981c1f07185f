"""Plain dataclasses passed between the pipeline stages, storage and the interfaces.

All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal


@dataclass(frozen=True)
class Image:
    """The lead image of an article."""

    url: str
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class ExtractedArticle:
    """What the extraction stage finds in one HTML page."""

    url: str | None
    title: str | None
    text: str
    """Main text only: paragraphs separated by a blank line."""
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    site_name: str | None = None
    image: Image | None = None
    lang: str | None = None
    description: str | None = None
    license: str | None = None
    """Licence or credit line declared by the page (rel=license, dcterms.rights)."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed or sitemap: where the article is and what the feed says of it."""

    url: str
    title: str | None = None
    guid: str | None = None
    published_at: datetime | None = None
    summary: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed RSS, Atom, JSON Feed or sitemap document."""

    kind: str
    """One of "rss", "atom", "json", "sitemap", "sitemapindex"."""
    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]
    sitemaps: tuple[str, ...] = ()
    """For a sitemap index: the child sitemaps to fetch."""
    problems: tuple[str, ...] = ()
    """One line per item skipped or field dropped ("item 3 skipped: not an http(s) URL...")."""


@dataclass(frozen=True)
class OutlineFeed:
    """A feed subscription read from (or written to) OPML."""

    url: str
    title: str | None = None
    category: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """A finished HTTP download."""

    url: str
    """Final URL after redirects."""
    status: int
    content: bytes
    content_type: str | None = None
    encoding: str | None = None
    """Charset from the Content-Type header, when given."""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    """True on a 304 answer to a conditional GET: `content` is empty."""
    redirects: tuple[str, ...] = ()
    """Every URL passed through before `url`, in order."""


@dataclass(frozen=True)
class NewArticle:
    """An article ready to be stored: extraction output plus where it came from."""

    url: str
    title: str
    text: str
    source: str
    """The outlet's name as shown to readers (site name, feed title or host)."""
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    site_name: str | None = None
    image: Image | None = None
    lang: str | None = None
    description: str | None = None
    license: str | None = None
    external_id: str | None = None
    feed_id: int | None = None
    seen_urls: tuple[str, ...] = ()
    """Every URL this article was reached at (feed link, redirects, canonical)."""
    fingerprint: str | None = None
    """`dedupe.exact.text_fingerprint(text)`: the same normalised text is one article."""
    headline_only: bool = False
    """No body was found (a headline record, a page that could not be fetched or extracted):
    `text` is the feed's summary, or "". Never deduplicated by text; a later full version of
    the same URL replaces it."""


@dataclass(frozen=True)
class Article:
    """A stored article."""

    id: int
    url: str
    title: str
    text: str
    source: str
    fetched_at: datetime
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    site_name: str | None = None
    image: Image | None = None
    lang: str | None = None
    description: str | None = None
    license: str | None = None
    external_id: str | None = None
    feed_id: int | None = None
    urls: tuple[str, ...] = ()
    story_id: int | None = None
    duplicate_of: int | None = None
    """The canonical article this one is a near-duplicate (syndicated copy) of."""
    duplicate_similarity: float | None = None
    headline_only: bool = False
    """Only a headline (and the feed's summary, in `text`) is known: read it at `url`."""


@dataclass(frozen=True)
class StoryMember:
    """An article of a story as the lists of its coverage show it: what an `Article` says
    of it but its text and the rest of its content."""

    id: int
    url: str
    title: str
    source: str
    fetched_at: datetime
    published_at: datetime | None
    duplicate_of: int | None
    headline_only: bool


@dataclass(frozen=True)
class Story:
    """Articles from one or more outlets about the same event."""

    id: int
    title: str
    """The most representative headline."""
    label: str
    """A few key terms and names."""
    first_seen_at: datetime
    last_seen_at: datetime
    first_source: str
    article_count: int
    source_count: int


@dataclass(frozen=True)
class SaveResult:
    """What storing an article did."""

    article_id: int
    created: bool
    """False when the article was already stored (same canonical URL or same text)."""
    upgraded: bool = False
    """The stored article was headline-only and now has the full text given here."""


@dataclass(frozen=True)
class Feed:
    """A subscribed feed and its polling state."""

    id: int
    url: str
    title: str | None
    interval_minutes: int
    created_at: datetime
    etag: str | None = None
    last_modified: str | None = None
    last_fetched_at: datetime | None = None
    next_fetch_at: datetime | None = None
    last_status: str | None = None
    """"ok", "not-modified" or "error"."""
    last_error: str | None = None
    error_count: int = 0
    last_warnings: str | None = None
    """What the last poll that worked left out, one line each ("item 3 skipped: ...")."""
    readers_only: bool = False
    """Added by a reader's subscription, not an administrator: polled while someone subscribes."""


@dataclass(frozen=True)
class QueuedItem:
    """A page waiting in the database queue to be fetched and extracted."""

    id: int
    url: str
    feed_id: int | None
    attempts: int
    entry: FeedEntry | None = None


@dataclass(frozen=True)
class SourceCount:
    """An outlet and how many stored articles it has."""

    source: str
    articles: int
    latest_at: datetime | None = None


@dataclass(frozen=True)
class SearchHit:
    """One ranked full-text search result."""

    article: Article
    rank: float
    snippet: str


@dataclass(frozen=True)
class IngestReport:
    """What one pass of a pipeline run did."""

    feeds_polled: int = 0
    feeds_failed: int = 0
    items_queued: int = 0
    articles_created: int = 0
    duplicates: int = 0
    items_failed: int = 0
    headline_only: int = 0
    """Of `articles_created`: items stored from the feed's title and summary, their page
    giving no body (not found, refused, no article text)."""
    errors: tuple[str, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = field(default_factory=tuple)
    """One line per feed whose items lost something (skipped items, dropped fields)."""


@dataclass(frozen=True)
class EntityRef:
    """A person, organisation or place merged across articles, as lists show it."""

    id: int
    name: str
    type: str
    """PERSON, ORG, GPE (countries, cities) or LOC (other places)."""
    aliases: tuple[str, ...] = ()
    article_count: int = 0
    status: str | None = None
    """The latest thing that happened to them ("killed", "arrested", "resigned"...), if any."""
    role: str | None = None
    """In an article's list: the role that article gives them; in a story's: the office its
    articles give most, as its entity page spells it."""


@dataclass(frozen=True)
class RoleRecord:
    """A role an article gives a person, citing the sentence that says so."""

    role: str
    article_id: int
    sentence_index: int
    """Index into the enrichment analysis' sentences, where sentence 0 is the title."""
    sentence: str
    published_at: datetime


@dataclass(frozen=True)
class EventRecord:
    """Something that happened to a person, citing the sentence that says so."""

    type: str
    role: str | None
    date: date | None
    article_id: int
    sentence_index: int
    sentence: str


@dataclass(frozen=True)
class QuoteRecord:
    """A direct quotation, its speaker (named or described) and where it was found."""

    text: str
    speaker: str | None
    speaker_role: str | None
    entity_id: int | None
    article_id: int
    sentence_index: int


@dataclass(frozen=True)
class SummaryRecord:
    """An article's TL;DR and key points; `method` is "extractive" or "llm"."""

    tldr: str
    points: tuple[str, ...]
    method: str
    created_at: datetime


@dataclass(frozen=True)
class ArticleEnrichment:
    """What the enrichment stage stored for one article (empty before it ran)."""

    summary: SummaryRecord | None = None
    entities: tuple[EntityRef, ...] = ()
    quotes: tuple[QuoteRecord, ...] = ()


@dataclass(frozen=True)
class EntityProfile:
    """Who an entity is: roles newest first, events oldest first, articles newest first."""

    entity: EntityRef
    roles: tuple[RoleRecord, ...]
    events: tuple[EventRecord, ...]
    quotes: tuple[QuoteRecord, ...]
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class User:
    """A reader's account; `role` is "reader", "moderator" or "admin"."""

    id: int
    username: str
    email: str
    display_name: str
    role: str
    created_at: datetime
    banned_at: datetime | None = None

    @property
    def is_moderator(self) -> bool:
        return self.role in ("moderator", "admin")


@dataclass(frozen=True)
class ApiToken:
    """A user's API token (only its hash is stored; the token is shown once)."""

    id: int
    user_id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class CommentTarget:
    """What a comment is on: an article or a story."""

    kind: Literal["article", "story"]
    id: int

    @property
    def path(self) -> str:
        """The page it is on: /articles/7 or /stories/7."""
        return f"/{'articles' if self.kind == 'article' else 'stories'}/{self.id}"


@dataclass(frozen=True)
class Comment:
    """A reader's comment on an article or a story (exactly one of the two ids is set).

    `status` is "visible", "held" (spam heuristics: waits for a moderator), "hidden" (by a
    moderator) or "deleted" (soft: the row stays, its text is blanked for readers).
    """

    id: int
    article_id: int | None
    story_id: int | None
    parent_id: int | None
    user_id: int
    username: str
    display_name: str
    body: str
    html: str
    status: str
    flag_count: int
    created_at: datetime
    edited_at: datetime | None = None
    reviewed_at: datetime | None = None

    @property
    def target(self) -> CommentTarget:
        if self.story_id is not None:
            return CommentTarget("story", self.story_id)
        assert self.article_id is not None
        return CommentTarget("article", self.article_id)


@dataclass(frozen=True)
class Follow:
    """Something a reader follows (an outlet, a topic, a saved search, an entity, a story) or
    mutes (a word, an outlet); `kind` is one of `tidings.readers.follow_rules.KINDS`."""

    id: int
    user_id: int
    kind: str
    value: str
    source: str
    """The outlet filter of a saved search; "" otherwise."""
    label: str
    alerts: str
    """"default" (the reader's preferences), "email", "webhook", "both" or "none"."""
    created_at: datetime


@dataclass(frozen=True)
class ReaderPrefs:
    """How a reader gets alerts and digests; `digest` is "off", "daily" or "weekly"."""

    user_id: int
    email_alerts: bool
    webhook_url: str | None
    webhook_secret: str
    digest: str
    digest_due_at: datetime | None


@dataclass(frozen=True)
class Delivery:
    """An email or a webhook call waiting to be sent, sent, or given up on."""

    id: int
    user_id: int
    channel: str
    kind: str
    target: str
    subject: str
    payload: dict[str, object]
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
