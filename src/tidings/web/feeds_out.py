"""Feeds out, each as RSS 2.0 (`.rss`), Atom (`.atom`) and JSON Feed 1.1 (`.json`): the top
stories (`/feed.rss`), a story's articles, everything about an entity, an outlet, any search
(`/search.rss?q=`), and a reader's For you and Saved lists through the private token in the
address (`/for-you/feed.rss?token=`). `alternate_feeds` tells each page which feed to
advertise with `<link rel="alternate">`."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from tidings.access.policy import Access, allow
from tidings.ids import RowId
from tidings.model import Article, User
from tidings.pipeline import reader_apps
from tidings.readers import follows
from tidings.search import SearchQueryError, search_articles
from tidings.store import articles as article_store
from tidings.store import coverage
from tidings.store import entities as entity_store
from tidings.store import stories as story_store
from tidings.store.entity_merges import merged_into
from tidings.web.feed_formats import FORMATS, FeedItem, FeedMeta, render
from tidings.web.routes import templates
from tidings.web.state import engine_of, settings_of
from tidings.web.text import excerpt

router = APIRouter(include_in_schema=False)
ANYONE = [allow(Access.ANONYMOUS)]
Kind = Annotated[str, Path(pattern="^(rss|atom|json)$")]
ITEMS = 50


def _base(request: Request) -> str:
    return (settings_of(request).public_url or str(request.base_url)).rstrip("/")


def _item(base: str, article: Article) -> FeedItem:
    return FeedItem(guid=f"{base}/articles/{article.id}", title=article.title, link=article.url,
                    published=coverage.article_time(article),
                    summary=excerpt(article.description, article.text, 60),
                    author=", ".join(article.authors), source=article.source)


def _reply(request: Request, kind: str, title: str, description: str, page: str,
           items: list[FeedItem]) -> Response:
    base = _base(request)
    query = f"?{request.url.query}" if request.url.query else ""
    meta = FeedMeta(title=f"{title} — Tidings", description=description, page=base + page,
                    self_url=f"{base}{request.url.path}{query}")
    return Response(render(meta, items, kind), media_type=FORMATS[kind],
                    headers={"Cache-Control": "max-age=300"})


@router.get("/feed.{kind}", dependencies=ANYONE)
def top_stories(request: Request, kind: Kind) -> Response:
    base = _base(request)
    with engine_of(request).connect() as conn:
        top = coverage.top_stories(conn, datetime.now(UTC))
    items = [FeedItem(
        guid=f"{base}/stories/{t.story.id}", title=t.story.title,
        link=f"{base}/stories/{t.story.id}",
        published=t.story.last_seen_at, source=t.story.first_source,
        summary=f"{t.story.article_count} articles from {t.story.source_count} outlets. "
        + excerpt(t.lead.description, t.lead.text, 50),
    ) for t in top]
    return _reply(request, kind, "Top stories", "The stories most outlets are covering.", "/",
                  items)


@router.get("/stories/{story_id}/feed.{kind}", dependencies=ANYONE)
def story_feed(request: Request, story_id: RowId, kind: Kind) -> Response:
    with engine_of(request).connect() as conn:
        story = story_store.get_story(conn, story_store.resolve_story_id(conn, story_id))
        members = (story_store.newest_story_articles(conn, story.id, limit=ITEMS)
                   if story else [])
    if story is None:
        raise HTTPException(404, "No such story.")
    base = _base(request)
    items = [_item(base, a) for a in members]
    return _reply(request, kind, story.title, f"Every outlet's coverage of {story.title}.",
                  f"/stories/{story.id}", items)


@router.get("/entities/{entity_id}/feed.{kind}", dependencies=ANYONE)
def entity_feed(request: Request, entity_id: RowId, kind: Kind) -> Response:
    with engine_of(request).connect() as conn:
        profile = entity_store.entity_profile(conn, entity_id, limit=ITEMS, texts=True)
        moved = merged_into(conn, entity_id) if profile is None else None
    if moved is not None:
        return RedirectResponse(f"/entities/{moved}/feed.{kind}", status_code=301)
    if profile is None:
        raise HTTPException(404, "No such person or organisation.")
    base = _base(request)
    name = profile.entity.name
    return _reply(request, kind, name, f"Everything about {name}.", f"/entities/{entity_id}",
                  [_item(base, a) for a in profile.articles])


@router.get("/sources/{name}/feed.{kind}", dependencies=ANYONE)
def outlet_feed(request: Request, name: Annotated[str, Path(max_length=500)],
                kind: Kind) -> Response:
    with engine_of(request).connect() as conn:
        found = article_store.list_articles(conn, limit=ITEMS, source=name)
    if not found:
        raise HTTPException(404, "No articles from this outlet.")
    base = _base(request)
    return _reply(request, kind, name, f"The latest from {name}.",
                  f"/sources/{quote(name, safe='')}", [_item(base, a) for a in found])


@router.get("/search.{kind}", dependencies=ANYONE)
def search_feed(request: Request, kind: Kind,
                q: Annotated[str, Query(min_length=1, max_length=500)]) -> Response:
    with engine_of(request).connect() as conn:
        try:
            hits = search_articles(conn, q, limit=ITEMS)
        except SearchQueryError as exc:
            raise HTTPException(400, str(exc)) from None
    base = _base(request)
    return _reply(request, kind, f"Search: {q}", f"Articles matching {q}.",
                  f"/search?{urlencode({'q': q})}", [_item(base, h.article) for h in hits])


def _token_user(request: Request, token: str) -> User:
    user = reader_apps.feed_token_user(engine_of(request), token)
    if user is None:
        raise HTTPException(404, "No feed at this address (the token may have been replaced).")
    return user


Token = Annotated[str, Query(max_length=100)]


@router.get("/for-you/feed.{kind}", dependencies=ANYONE)  # the token is the credential
def for_you_feed(request: Request, kind: Kind, token: Token = "") -> Response:
    user = _token_user(request, token)
    found = follows.for_you(engine_of(request), user)
    base = _base(request)
    items = sorted((_item(base, a) for g in found.groups for a in g.articles),
                   key=lambda i: i.published, reverse=True)[:ITEMS]
    return _reply(request, kind, f"For you, {user.username}",
                  "What matches your follows, newest first.", "/for-you", items)


@router.get("/saved/feed.{kind}", dependencies=ANYONE)  # the token is the credential
def saved_feed(request: Request, kind: Kind, token: Token = "") -> Response:
    user = _token_user(request, token)
    base = _base(request)
    return _reply(request, kind, f"Saved by {user.username}", "Articles you saved.", "/saved",
                  [_item(base, a) for a in follows.saved_articles(engine_of(request), user)])


_PAGES = (
    (re.compile(r"^/$"), "/feed"),
    (re.compile(r"^/stories/(\d{1,18})$"), "/stories/{0}/feed"),
    (re.compile(r"^/entities/(\d{1,18})$"), "/entities/{0}/feed"),
    (re.compile(r"^/sources/([^/]+)$"), "/sources/{0}/feed"),
)


def alternate_feeds(request: Request) -> list[tuple[str, str, str]]:
    """(type, title, href) of the feeds the current page has, for `<link rel="alternate">`."""
    path = request.url.path
    target = None
    if path == "/search" and request.query_params.get("q"):
        target = "/search{ext}?" + urlencode({"q": request.query_params["q"][:500]})
    for pattern, template in _PAGES:
        if match := pattern.match(path):
            parts = (quote(unquote(g), safe="") for g in match.groups())
            target = template.format(*parts) + "{ext}"
    if target is None:
        return []
    names = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
    return [(FORMATS[kind].split(";")[0], names[kind], target.format(ext=f".{kind}"))
            for kind in FORMATS]


templates.env.globals.update(alternate_feeds=alternate_feeds)
