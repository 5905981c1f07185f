"""The Fever API at `/fever/?api`, for reader apps that speak it (Reeder, Unread, FeedMe).

Every call posts `api_key` = md5("username:apipassword"). A bad key is HTTP 200 with
`"auth": 0`, as Fever did. Groups are the reader's folders; read and saved (starred) states
are the same ones the Google Reader API and the web show. `mark` sets, never toggles.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from tidings.access.policy import Access, allow
from tidings.api.auth import engine_of
from tidings.api.greader import Params, params_of
from tidings.ids import parse_row_id
from tidings.model import User
from tidings.pipeline import reader_apps
from tidings.store import reading as reading_store
from tidings.store import subscriptions as subscription_store
from tidings.store.reading import StreamQuery

router = APIRouter(tags=["fever api"], include_in_schema=False,
                   dependencies=[allow(Access.APP)])

ITEMS_PER_CALL = 50
# A 1x1 transparent GIF: every feed shares this icon (Tidings keeps no favicons).
BLANK_ICON = "image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def group_id(folder: str) -> int:
    """A folder's stable group id (never 0: group 0 is "everything" in mark=group)."""
    return (zlib.crc32(folder.encode()) & 0x7FFFFFFF) or 1


def _ids_param(params: Params, key: str) -> list[int]:
    ids = (parse_row_id(part) for part in params.get(key).split(",")[:ITEMS_PER_CALL])
    return [i for i in ids if i is not None]


def _joined(ids: list[int]) -> str:
    return ",".join(str(i) for i in ids)


@router.api_route("/fever/", methods=["GET", "POST"])
@router.api_route("/fever", methods=["GET", "POST"])
async def fever(request: Request) -> Response:
    params = await params_of(request)
    engine = engine_of(request)
    body: dict[str, Any] = {"api_version": 3, "auth": 0}
    ip = request.client.host if request.client else ""
    user = reader_apps.fever_user(engine, params.get("api_key"), ip)
    if user is None:
        return JSONResponse(body)
    body["auth"] = 1
    body["last_refreshed_on_time"] = int(datetime.now(UTC).timestamp())
    if params.get("mark"):
        _mark(request, user, params)
    with engine.connect() as conn:
        subs = subscription_store.list_subscriptions(conn, user.id)
        groups: dict[int, tuple[str, list[int]]] = {}
        for s in subs:
            if s.folder:
                groups.setdefault(group_id(s.folder), (s.folder, []))[1].append(s.feed.id)
        feeds_groups = [{"group_id": gid, "feed_ids": _joined(ids)}
                        for gid, (_, ids) in groups.items()]
        if "groups" in params:
            body["groups"] = [{"id": gid, "title": name} for gid, (name, _) in groups.items()]
            body["feeds_groups"] = feeds_groups
        if "feeds" in params:
            body["feeds"] = [{
                "id": s.feed.id, "favicon_id": 1, "title": s.title, "url": s.feed.url,
                "site_url": s.feed.url, "is_spark": 0,
                "last_updated_on_time": int((s.feed.last_fetched_at or s.created_at).timestamp()),
            } for s in subs]
            body["feeds_groups"] = feeds_groups
        if "favicons" in params:
            body["favicons"] = [{"id": 1, "data": BLANK_ICON}]
        if "unread_item_ids" in params:
            body["unread_item_ids"] = _joined(reading_store.stream_ids_by_id(
                conn, StreamQuery(user_id=user.id, read=False), limit=50_000))
        if "saved_item_ids" in params:
            body["saved_item_ids"] = _joined(reading_store.stream_ids_by_id(
                conn, StreamQuery(user_id=user.id, starred=True), limit=50_000))
        if "links" in params:
            body["links"] = []
        if "items" in params:
            body.update(_items(request, user, params))
    return JSONResponse(body)


def _items(request: Request, user: User, params: Params) -> dict[str, Any]:
    engine = engine_of(request)
    mine = StreamQuery(user_id=user.id)
    with engine.connect() as conn:
        total = reading_store.count(conn, mine)
        if params.get("with_ids"):
            ids = reading_store.stream_ids_by_id(
                conn, StreamQuery(user_id=user.id, ids=_ids_param(params, "with_ids")),
                limit=ITEMS_PER_CALL)
        elif params.get("max_id"):
            ids = reading_store.stream_ids_by_id(
                conn, StreamQuery(user_id=user.id, max_id=params.integer("max_id", 0)),
                limit=ITEMS_PER_CALL, descending=True)
        else:
            ids = reading_store.stream_ids_by_id(
                conn, StreamQuery(user_id=user.id, min_id=params.integer("since_id", 0)),
                limit=ITEMS_PER_CALL)
        read, starred = reading_store.states(conn, user.id, ids)
    items = [{
        "id": article.id, "feed_id": article.feed_id or 0, "title": article.title,
        "author": ", ".join(article.authors), "html": reader_apps.article_html(article, tldr),
        "url": article.url, "is_saved": int(article.id in starred),
        "is_read": int(article.id in read),
        "created_on_time": int((article.published_at or article.fetched_at).timestamp()),
    } for article, tldr in reader_apps.articles_with_briefs(engine, ids)]
    return {"items": items, "total_items": total}


def _mark(request: Request, user: User, params: Params) -> None:
    """mark=item|feed|group, as=read|unread|saved|unsaved, id=N[, before=unix time]."""
    kind, state = params.get("mark"), params.get("as")
    target = parse_row_id(params.get("id")) or 0
    now = datetime.now(UTC)
    with engine_of(request).begin() as conn:
        if kind == "item" and target:
            ids = reading_store.existing_ids(conn, [target])
            if state in ("read", "unread"):
                reading_store.set_read(conn, user.id, ids, state == "read", now)
            elif state in ("saved", "unsaved"):
                reading_store.set_starred(conn, user.id, ids, state == "saved", now)
            return
        if state != "read" or kind not in ("feed", "group"):
            return
        before = params.integer("before", 0)
        until = datetime.fromtimestamp(min(before, 10**11), UTC) if before else now
        feed_ids: list[int] | None
        if kind == "feed":
            feed_ids = [target]
        elif target == 0:
            feed_ids = None
        else:
            subs = subscription_store.list_subscriptions(conn, user.id)
            feed_ids = [s.feed.id for s in subs if s.folder and group_id(s.folder) == target]
        reading_store.mark_stream_read(
            conn, StreamQuery(user_id=user.id, feed_ids=feed_ids, until=until), now)
