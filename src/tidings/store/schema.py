"""The database schema, declared once with SQLAlchemy Core tables.

The full-text index is not declared here because it differs by dialect: the initial migration
creates an FTS5 table ``articles_fts`` (SQLite) or a generated ``search_vector`` column with a
GIN index (PostgreSQL); see :mod:`tidings.search`.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from tidings.store.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

FULL_TEXT_OBJECTS = frozenset(
    {
        "articles_fts",
        "articles_fts_config",
        "articles_fts_data",
        "articles_fts_docsize",
        "articles_fts_idx",
        "search_vector",
        "ix_articles_search_vector",
    }
)
"""Tables, columns and indexes of the full-text index, made by the migration, not declared here."""

QUEUE_STATUSES = ("pending", "running", "done", "error")

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("title", Text),
    Column("interval_minutes", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_fetched_at", UTCDateTime),
    Column("next_fetch_at", UTCDateTime, index=True),
    Column("last_status", String(20)),
    Column("last_error", Text),
    Column("error_count", Integer, nullable=False, default=0),
    Column("last_warnings", Text),
    Column("readers_only", Boolean, nullable=False, server_default=false()),
)
"""`readers_only`: added by a reader's subscription, not by an administrator; polled only while
some reader subscribes to it (`store.feeds.due_feeds`)."""

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("source", Text, nullable=False, index=True),
    Column("authors", JSON, nullable=False),
    Column("published_at", UTCDateTime),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("sort_at", UTCDateTime, nullable=False),
    Column("site_name", Text),
    Column("image_url", Text),
    Column("image_caption", Text),
    Column("image_credit", Text),
    Column("lang", String(35)),
    Column("description", Text),
    Column("license", Text),
    Column("external_id", Text, unique=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="SET NULL"), index=True),
    Column("fingerprint", String(128), unique=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="SET NULL"), index=True),
    Column("duplicate_of", Integer, ForeignKey("articles.id", ondelete="SET NULL"), index=True),
    Column("duplicate_similarity", Float),
    Column("minhash", LargeBinary),
    Column("clustered_at", UTCDateTime, index=True),
    Column("headline_only", Boolean, nullable=False, server_default=false()),
)
"""An article is `headline_only` when its page gave no body (a headline dataset, a paywall, a
page that could not be fetched or extracted): `text` then holds the feed's summary, or "".
"""

# The newest canonical articles in order, without sorting them all (the home page), and the
# newest canonical article of one story in one seek (Latest keeps only that one per story); a
# story's articles by outlet from the index alone (the article page: `source` comes after
# `text` in a row, so reading it from each row read the whole text).
Index("ix_articles_canonical_newest", articles.c.duplicate_of, articles.c.sort_at, articles.c.id)
Index("ix_articles_story_newest", articles.c.story_id, articles.c.duplicate_of, articles.c.sort_at,
      articles.c.id, articles.c.source)
# An outlet's newest articles in order (its page; its newest time after a delete).
Index("ix_articles_source_newest", articles.c.source, articles.c.sort_at, articles.c.id)
# All articles newest first from the index alone, ties by id: the walk for a much-named or
# much-quoted entity's newest (PostgreSQL read each article's row for its id).
Index("ix_articles_newest", articles.c.sort_at, articles.c.id)

sources = Table(
    "sources",
    metadata,
    Column("name", Text, primary_key=True),
    Column("articles", Integer, nullable=False),
    Column("latest_at", UTCDateTime, nullable=False),
)
"""Each outlet's article count and newest `sort_at`: `GROUP BY articles.source`, kept equal by
triggers on `articles` (migration 0016), checked by `store.invariants.miscounted_sources`."""

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("title", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False, index=True),
    Column("first_source", Text, nullable=False),
    Column("article_count", Integer, nullable=False),
    Column("source_count", Integer, nullable=False),
    Column("state", JSON, nullable=False),
    Column("vector_sum", LargeBinary, nullable=False),
    Column("title_sum", LargeBinary, nullable=False),
    Column("headline_vectors", LargeBinary, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)
"""A story's id is the id of the article that started it; `state` is the clusterer's record."""

blocking_keys = Table(
    "blocking_keys",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
)
"""The clusterer's blocking keys ("t:dam", "e:Ona"), each once: `story_keys` files stories
under their ids, so its index entries are two integers instead of a text and an integer."""

story_keys = Table(
    "story_keys",
    metadata,
    Column("key_id", Integer, ForeignKey("blocking_keys.id"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("last_seen_at", UTCDateTime, nullable=False),
)
"""The blocking index: candidate stories for an article come from its terms and entities.
`last_seen_at` is the story's (written with its keys, which are refiled whenever the story
changes), so the newest stories under a key are one index range (`ix_story_keys_newest`).
The primary key (key_id, story_id) is what nearby stories are counted from: under each key the
stories begun nearest a story are one short range of it. `ix_story_keys_story_id` carries
the key, so a story's own keys are read from that index alone."""
Index("ix_story_keys_newest", story_keys.c.key_id, story_keys.c.last_seen_at,
      story_keys.c.story_id)
Index("ix_story_keys_story_id", story_keys.c.story_id, story_keys.c.key_id)

story_summaries = Table(
    "story_summaries",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True,
           autoincrement=False),
    Column("members", String(64), nullable=False),
    Column("summary", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)
"""A story's summary, kept until its articles change: `members` fingerprints the articles it
was made from (`pipeline.questions.summarize_story_for` makes one again when they differ)."""

story_merges = Table(
    "story_merges",
    metadata,
    Column("old_id", Integer, primary_key=True, autoincrement=False),
    Column("new_id", Integer, nullable=False),
)
"""Stories folded into another, so their old links still lead somewhere."""

term_frequencies = Table(
    "term_frequencies",
    metadata,
    Column("key", Text, primary_key=True),
    Column("docs", Integer, nullable=False),
)
"""Document frequencies for TF-IDF; the key "" holds the number of clustered articles."""

locks = Table(
    "locks",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("holder", Text, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)
"""Named leases, e.g. "cluster": one process clusters at a time, in publication order."""

counters = Table(
    "counters",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("labels", String(200), primary_key=True),
    Column("value", Float, nullable=False),
)
"""Prometheus counters of every process and worker, added to at the end of each job
(`labels`: "key=value,..." sorted, "" for none), read by `/metrics`."""

article_urls = Table(
    "article_urls",
    metadata,
    Column("url", Text, primary_key=True),
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
)

queue_items = Table(
    "queue_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), index=True),
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("not_before", UTCDateTime),
    Column("leased_until", UTCDateTime),
    Column("claimed_by", Text),
    Column("last_error", Text),
    Column("title", Text),
    Column("guid", Text),
    Column("published_at", UTCDateTime),
    Column("summary", Text),
    Column("authors", JSON, nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="SET NULL")),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

Index("ix_queue_items_claim", queue_items.c.status, queue_items.c.not_before)


entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(10), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("article_count", Integer, nullable=False, index=True),
    Column("updated_at", UTCDateTime, nullable=False),
)
"""People, organisations and places merged across articles; `key` is `canonical_key`."""

entity_keys = Table(
    "entity_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column(
        "entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True,
        index=True,
    ),
)
"""Lookup keys of an entity (canonical keys of its names, surnames, acronyms): alias
resolution loads only the entities that share a key with the new mentions."""

entity_merges = Table(
    "entity_merges",
    metadata,
    Column("old_id", Integer, primary_key=True, autoincrement=False),
    Column("new_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("name", Text, nullable=False),
    Column("merged_at", UTCDateTime, nullable=False),
    Column("key", Text, index=True),
)
"""Entities folded into another (`store.entity_merges`): `old_id` leads to `new_id`, and
`name` and `key` are what the merged entity was called and keyed (`key` None for merges
before migration 0026): an article resolved to that key before the merge is stored under
`new_id`."""

article_entities = Table(
    "article_entities",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"),
           primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("role", Text),
)
Index("ix_article_entities_entity_newest", article_entities.c.entity_id,
      article_entities.c.article_id)

entity_roles = Table(
    "entity_roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"),
           nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("role", Text, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("published_at", UTCDateTime, nullable=False),
)
"""Positions articles give a person. `sentence_index` counts the sentences of the enrichment
analysis, where sentence 0 is the title; `published_at` is the article's time (else fetched)."""
Index("ix_entity_roles_newest", entity_roles.c.entity_id, entity_roles.c.published_at)
"""A person's newest role mentions are one range (`store.entities.coverage_roles`)."""

entity_events = Table(
    "entity_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), index=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("type", String(20), nullable=False),
    Column("role", Text),
    Column("date", Date),
    Column("sentence_index", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
)
"""What happened to a person (killed, arrested, resigned...); `entity_id` is null when only a
role names them."""

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="SET NULL"), index=True),
    Column("speaker", Text),
    Column("speaker_role", Text),
    Column("text", Text, nullable=False),
    Column("sentence_index", Integer, nullable=False),
)

# An article's quotes, and whether it quotes an entity, from the index alone (the walk for a
# much-quoted entity's newest quotes read each quote's row for its speaker's id).
Index("ix_quotes_article_entity", quotes.c.article_id, quotes.c.entity_id)

summaries = Table(
    "summaries",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("tldr", Text, nullable=False),
    Column("points", JSON, nullable=False),
    Column("method", String(20), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)
"""An article's TL;DR and key points; `method` is "extractive" or "llm"."""

enrichment_runs = Table(
    "enrichment_runs",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("enriched_at", UTCDateTime, nullable=False),
    Column("error", Text),
    Column("note", Text),
)
"""Articles the enrichment stage has seen; `error` says why one failed (it is then skipped
until a forced run), `note` what the analysis of one within bounds left out."""

enrichment_claims = Table(
    "enrichment_claims",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True),
    Column("claimed_by", Text, nullable=False),
    Column("leased_until", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
)
"""Articles being enriched: one worker (`claimed_by`) holds each until `leased_until`; the row
goes when the article is enriched, and an expired one is taken over (`attempts` counts)."""


# Readers: accounts, sessions, API tokens, password resets, login failures, comments.

USER_ROLES = ("reader", "moderator", "admin")

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(30), nullable=False, unique=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("banned_at", UTCDateTime),
)
"""`username` is lower case; `email` too, so both are unique regardless of case."""

app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
"""Keys generated on first use when no setting gives them ("secret_key")."""

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)

password_resets = Table(
    "password_resets",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime),
)

user_identities = Table(
    "user_identities",
    metadata,
    Column("issuer", Text, primary_key=True),
    Column("subject", String(255), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("created_at", UTCDateTime, nullable=False),
)
"""Accounts made by an OpenID Connect login: the provider's (issuer, sub) of each user."""

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(254), nullable=False, index=True),
    Column("ip", String(45), nullable=False, index=True),
    Column("failed_at", UTCDateTime, nullable=False),
)
"""Failed logins, counted per account and per address for lockout (works across processes)."""

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), index=True),
    # No foreign key: a rebuild dissolves stories and makes them again (a story's id is its
    # founding article's), so comments are moved instead, by merge_stories, by a rebuild and
    # by `doctor --repair` (store.invariants).
    Column("story_id", Integer, index=True),
    Column("parent_id", Integer, ForeignKey("comments.id", ondelete="SET NULL"), index=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("body", Text, nullable=False),
    Column("html", Text, nullable=False),
    Column("status", String(10), nullable=False, index=True),
    Column("flag_count", Integer, nullable=False),
    Column("ip", String(45), nullable=False),
    Column("created_at", UTCDateTime, nullable=False, index=True),
    Column("edited_at", UTCDateTime),
    Column("reviewed_at", UTCDateTime),
    CheckConstraint("(article_id IS NULL) <> (story_id IS NULL)", name="one_target"),
)
"""On an article or on a story, never both. `html` is the sanitised rendering of the Markdown
`body`; see `tidings.model.Comment`."""

comment_flags = Table(
    "comment_flags",
    metadata,
    Column("comment_id", Integer, ForeignKey("comments.id", ondelete="CASCADE"),
           primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

comment_audit = Table(
    "comment_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("comment_id", Integer, ForeignKey("comments.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("actor_id", Integer, ForeignKey("users.id", ondelete="SET NULL")),
    Column("action", String(20), nullable=False),
    Column("old_body", Text),
    Column("created_at", UTCDateTime, nullable=False),
)
"""Every edit, deletion and moderation of a comment, with the text it replaced."""


# Following: what readers follow and mute, saved and read articles, alerts and digests.

follows = Table(
    "follows",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("kind", String(12), nullable=False),
    Column("value", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("alerts", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("user_id", "kind", "value", "source", name="uq_follows_user_id"),
)
"""`kind` is in `tidings.readers.follow_rules.KINDS` (follows and mutes); `source` is the outlet
filter of a saved search, else ""; `alerts` is in `tidings.readers.follow_rules.ALERT_CHOICES`."""

reader_prefs = Table(
    "reader_prefs",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("email_alerts", Boolean, nullable=False),
    Column("webhook_url", Text),
    Column("webhook_secret", String(64), nullable=False),
    Column("digest", String(10), nullable=False),
    Column("digest_due_at", UTCDateTime, index=True),
)
"""How a reader wants alerts and digests; `webhook_secret` signs webhook payloads."""

saved_articles = Table(
    "saved_articles",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True, index=True),
    Column("created_at", UTCDateTime, nullable=False),
)

read_articles = Table(
    "read_articles",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"),
           primary_key=True, index=True),
    Column("read_at", UTCDateTime, nullable=False),
)

notified = Table(
    "notified",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("follow_id", Integer, ForeignKey("follows.id", ondelete="CASCADE"),
           primary_key=True, index=True),
    Column("story_id", Integer, primary_key=True, autoincrement=False),
    Column("created_at", UTCDateTime, nullable=False),
)
"""One alert per reader, follow and story: a second article of the story alerts no one."""

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("channel", String(10), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("target", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("last_error", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("claimed_by", Text),
    Column("leased_until", UTCDateTime),
)
"""Emails and webhook calls to send (the database is the queue): `channel` "email" or
"webhook", `kind` "alert" or "digest". `status`: "pending"; "claimed" by the worker
`claimed_by` until `leased_until`; "sending" (the intent, recorded before the effect);
"sent"; "failed" (given up); "unknown" (an email whose worker died while sending it: never
sent again, at most once, for a person to look at)."""

Index("ix_deliveries_due", deliveries.c.status, deliveries.c.next_attempt_at)

cursors = Table(
    "cursors",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("position", Integer, nullable=False),
)
"""How far a pass has got through an id sequence ("alerts": the last article checked)."""

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("title", Text),
    Column("folder", Text),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("user_id", "feed_id"),
)
"""A reader's own feeds: one source (`feeds`) polled once for every subscriber; `title` is the
reader's name for it (None: the feed's), `folder` their label (None: none)."""

api_passwords = Table(
    "api_passwords",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("fever_key_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)
"""The password reader apps store (never the login password): argon2id for the Google Reader
API's ClientLogin, and SHA-256 of the Fever `api_key` (md5 of "username:password")."""

feed_tokens = Table(
    "feed_tokens",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)
"""The private, revocable token in the addresses of a reader's For you and Saved feeds
(SHA-256 of it)."""
