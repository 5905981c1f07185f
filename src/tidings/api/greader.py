"""The Google Reader API (the dialect Miniflux and FreshRSS speak), mounted at the server root
so the "API URL" a reader types into NetNewsWire, Reeder or ReadYou is the server's address.

`POST /accounts/ClientLogin` takes the reader's username or email and API password and returns
`Auth=...`; every `/reader/api/0/...` call then sends `Authorization: GoogleLogin auth=...` (or
the `T` token from `/token` as a parameter). A missing or bad one is 401. Writes answer `OK`
as text. Item ids are article ids (see `greader_ids`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from starlette.datastructures import FormData

from tidings.access.policy import Access, allow
from tidings.api.auth import engine_of, settings_of
from tidings.api.greader_ids import (
    READ,
    READING_LIST,
    STARRED,
    Stream,
    StreamIdError,
    label_id,
    long_item_id,
    parse_item_id,
    parse_stream,
)
from tidings.model import User
from tidings.pipeline import reader_apps
from tidings.pipeline.subscriptions import SubscribeError
from tidings.store import reading as reading_store
from tidings.store import subscriptions as subscription_store
from tidings.store.reading import StreamQuery

router = APIRouter(tags=["google reader api"], include_in_schema=False,
                   dependencies=[allow(Access.APP)])

MAX_IDS = 10_000
"""Most item ids one call takes or returns."""
MAX_CONTENTS = 1_000


class Params:
    """Query string and form fields of one call together (clients send either)."""

    def __init__(self, query: Mapping[str, Any], form: FormData | None) -> None:
        self._lists: dict[str, list[str]] = {}
        for source in (query, form or {}):
            for key in source:
                values = source.getlist(key) if hasattr(source, "getlist") else [source[key]]
                self._lists.setdefault(key, []).extend(str(v) for v in values)

    def __contains__(self, key: object) -> bool:
        return key in self._lists

    def get(self, key: str, default: str = "") -> str:
        values = self._lists.get(key)
        return values[0] if values else default

    def all(self, key: str) -> list[str]:
        return self._lists.get(key, [])

    def integer(self, key: str, default: int, *, low: int = 0, high: int = 2**62) -> int:
        text = self.get(key)
        if not text:
            return default
        if not text.lstrip("-").isdigit() or len(text) > 20:
            raise HTTPException(400, f"{key} must be an integer")
        return max(low, min(high, int(text)))


async def params_of(request: Request) -> Params:
    form = (await request.form(max_files=0, max_fields=MAX_IDS + 50)
            if request.method == "POST" else None)
    return Params(request.query_params, form)


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def _unauthorised() -> HTTPException:
    return HTTPException(401, "Unauthorized", headers={"WWW-Authenticate": "GoogleLogin"})


AppParams = Annotated[Params, Depends(params_of)]


def app_user(request: Request, params: AppParams) -> User:
    """The reader of the `GoogleLogin auth=` header or of the `T` parameter; 401 otherwise."""
    engine, settings = engine_of(request), settings_of(request)
    header = request.headers.get("authorization", "")
    user = None
    if header.lower().startswith("googlelogin auth="):
        user = reader_apps.app_token_user(engine, settings, header[17:].strip(), "auth")
        if user is None:
            raise _unauthorised()
    if edit_token := params.get("T"):
        by_t = reader_apps.app_token_user(engine, settings, edit_token, "edit")
        if by_t is None or (user is not None and by_t.id != user.id):
            raise _unauthorised()
        user = by_t
    if user is None:
        raise _unauthorised()
    return user


AppUser = Annotated[User, Depends(app_user)]
"""A handler's reader, checked before it runs (FastAPI caches `AppParams` for the call)."""


def ok() -> PlainTextResponse:
    return PlainTextResponse("OK")


def _now() -> datetime:
    return datetime.now(UTC)


def _usec(when: datetime) -> str:
    return str(int(when.timestamp() * 1_000_000))


# --- login ----------------------------------------------------------------------------------


@router.post("/accounts/ClientLogin")
async def client_login(request: Request, params: AppParams) -> Response:
    engine = engine_of(request)
    ip = request.client.host if request.client else ""
    user = reader_apps.api_log_in(engine, params.get("Email"), params.get("Passwd"), ip)
    if user is None:
        return PlainTextResponse("Error=BadAuthentication\n", status_code=401)
    token = reader_apps.app_token(engine, settings_of(request), user, "auth")
    if params.get("output") == "json":
        return JSONResponse({"SID": token, "LSID": token, "Auth": token})
    return PlainTextResponse(f"SID={token}\nLSID={token}\nAuth={token}\n")


@router.get("/reader/api/0/token")
async def edit_token(request: Request, user: AppUser) -> Response:
    return PlainTextResponse(reader_apps.app_token(engine_of(request), settings_of(request),
                                                   user, "edit"))


@router.get("/reader/api/0/user-info")
async def user_info(request: Request, user: AppUser) -> Response:
    return JSONResponse({"userId": str(user.id), "userName": user.username,
                         "userProfileId": str(user.id), "userEmail": user.email})


# --- subscriptions and folders ----------------------------------------------------------------


@router.get("/reader/api/0/subscription/list")
async def subscription_list(request: Request, user: AppUser) -> Response:
    with engine_of(request).connect() as conn:
        subs = subscription_store.list_subscriptions(conn, user.id)
    return JSONResponse({"subscriptions": [{
        "id": f"feed/{s.feed.id}", "title": s.title, "url": s.feed.url, "htmlUrl": s.feed.url,
        "iconUrl": "", "firstitemmsec": "0",
        "categories": [{"id": label_id(s.folder), "label": s.folder}] if s.folder else [],
    } for s in subs]})


def _feed_id(request: Request, user: User, stream: Stream) -> int:
    """The id of one of the reader's subscribed feeds named by a feed stream; 400 otherwise."""
    if stream.kind != "feed":
        raise _bad("not a feed stream")
    with engine_of(request).connect() as conn:
        subs = subscription_store.list_subscriptions(conn, user.id)
    for s in subs:
        if stream.value in (str(s.feed.id), s.feed.url):
            return s.feed.id
    raise _bad(f"not subscribed: feed/{stream.value[:80]}")


def _folder(value: str) -> str | None:
    """The folder of an `a=user/-/label/X` parameter (None for none); 400 for another stream."""
    if not value:
        return None
    try:
        stream = parse_stream(value)
    except StreamIdError as exc:
        raise _bad(str(exc)) from None
    if stream.kind != "label":
        raise _bad("a folder must be a label stream (user/-/label/NAME)")
    return stream.value[:200]


def _subscribe(request: Request, background: BackgroundTasks, user: User, url: str,
               title: str | None, folder: str | None) -> reader_apps.Subscribed:
    engine, settings = engine_of(request), settings_of(request)
    try:
        done = reader_apps.subscribe_reader(engine, settings, user, url, title=title,
                                            folder=folder)
    except SubscribeError as exc:
        raise _bad(str(exc)) from None
    if done.new_source:
        background.add_task(reader_apps.fetch_source_now, engine, settings, done.feed.id)
    return done


@router.post("/reader/api/0/subscription/quickadd")
async def quickadd(request: Request, background: BackgroundTasks, params: AppParams,
                   user: AppUser) -> Response:
    url = params.get("quickadd").removeprefix("feed/")
    done = _subscribe(request, background, user, url, None, None)
    return JSONResponse({"numResults": 1, "query": done.feed.url,
                         "streamId": f"feed/{done.feed.id}",
                         "streamName": done.feed.title or done.feed.url})


@router.post("/reader/api/0/subscription/edit")
async def subscription_edit(request: Request, background: BackgroundTasks, params: AppParams,
                            user: AppUser) -> Response:
    try:
        streams = [parse_stream(s) for s in params.all("s")]
    except StreamIdError as exc:
        raise _bad(str(exc)) from None
    if not streams:
        raise _bad("s (a feed stream) is required")
    action, title = params.get("ac"), params.get("t").strip()[:300] or None
    engine = engine_of(request)
    if action == "subscribe":
        if streams[0].kind != "feed":
            raise _bad("not a feed stream")
        _subscribe(request, background, user, streams[0].value, title, _folder(params.get("a")))
        return ok()
    feed_ids = [_feed_id(request, user, s) for s in streams]
    with engine.begin() as conn:
        if action == "unsubscribe":
            subscription_store.unsubscribe(conn, user.id, feed_ids)
        elif action == "edit":
            values: dict[str, str | None] = {}
            if title:
                values["title"] = title
            if params.get("a"):
                values["folder"] = _folder(params.get("a"))
            elif params.get("r") and _folder(params.get("r")):
                values["folder"] = None
            for feed_id in feed_ids:
                if values:
                    subscription_store.edit(conn, user.id, feed_id, **values)
        else:
            raise _bad("ac must be subscribe, unsubscribe or edit")
    return ok()


@router.get("/reader/api/0/tag/list")
async def tag_list(request: Request, user: AppUser) -> Response:
    with engine_of(request).connect() as conn:
        names = subscription_store.folders(conn, user.id)
    tags: list[dict[str, str]] = [{"id": STARRED.replace("/-/", f"/{user.id}/")}]
    tags += [{"id": label_id(name), "type": "folder", "label": name} for name in names]
    return JSONResponse({"tags": tags})


@router.post("/reader/api/0/rename-tag")
async def rename_tag(request: Request, params: AppParams, user: AppUser) -> Response:
    old, new = _folder(params.get("s")), _folder(params.get("dest"))
    if old is None or new is None:
        raise _bad("s and dest must be label streams")
    with engine_of(request).begin() as conn:
        subscription_store.rename_folder(conn, user.id, old, new)
    return ok()


@router.post("/reader/api/0/disable-tag")
async def disable_tag(request: Request, params: AppParams, user: AppUser) -> Response:
    old = _folder(params.get("s"))
    if old is None:
        raise _bad("s must be a label stream")
    with engine_of(request).begin() as conn:
        subscription_store.rename_folder(conn, user.id, old, None)
    return ok()


# --- streams ---------------------------------------------------------------------------------


def _stream_query(request: Request, user: User, params: Params, stream_id: str) -> StreamQuery:
    """The reader's articles named by a stream id plus the xt/it/ot/nt parameters."""
    try:
        stream = parse_stream(stream_id or READING_LIST)
        excluded = [parse_stream(s) for s in params.all("xt")]
        included = [parse_stream(s) for s in params.all("it")]
    except StreamIdError as exc:
        raise _bad(str(exc)) from None
    query: dict[str, Any] = {"user_id": user.id}
    if stream.kind == "feed":
        query["feed_ids"] = [_feed_id(request, user, stream)]
    elif stream.kind == "label":
        with engine_of(request).connect() as conn:
            query["feed_ids"] = subscription_store.subscribed_feed_ids(
                conn, user.id, folder=stream.value)
    elif stream.kind == "starred":
        query["starred"] = True
    elif stream.kind == "read":
        query["read"] = True
    elif stream.kind == "kept-unread":
        query["read"] = False
    for s in excluded:
        if s.kind == "read":
            query["read"] = False
        elif s.kind == "starred":
            query["starred"] = False
    for s in included:
        if s.kind in ("read", "starred"):
            query[s.kind] = True
    if ot := params.integer("ot", 0):
        query["since"] = datetime.fromtimestamp(min(ot, 10**11), UTC)
    if nt := params.integer("nt", 0):
        query["until"] = datetime.fromtimestamp(min(nt, 10**11), UTC)
    return StreamQuery(**query)


def _page(request: Request, user: User, params: Params, stream_id: str, *, most: int
          ) -> tuple[list[tuple[int, datetime]], str | None]:
    query = _stream_query(request, user, params, stream_id)
    count = params.integer("n", 20, low=1, high=most)
    offset = params.integer("c", 0, high=10**9)
    with engine_of(request).connect() as conn:
        rows = reading_store.stream_ids(conn, query, limit=count + 1, offset=offset,
                                        oldest_first=params.get("r") == "o")
    more = str(offset + count) if len(rows) > count else None
    return rows[:count], more


@router.get("/reader/api/0/stream/items/ids")
async def stream_item_ids(request: Request, params: AppParams, user: AppUser) -> Response:
    rows, more = _page(request, user, params, params.get("s"), most=MAX_IDS)
    body: dict[str, Any] = {"itemRefs": [
        {"id": str(article_id), "directStreamIds": [], "timestampUsec": _usec(at)}
        for article_id, at in rows]}
    if more:
        body["continuation"] = more
    return JSONResponse(body)


def _items(request: Request, user: User, ids: list[int]) -> list[dict[str, Any]]:
    engine = engine_of(request)
    base = (settings_of(request).public_url or str(request.base_url)).rstrip("/")
    found = reader_apps.articles_with_briefs(engine, ids)
    with engine.connect() as conn:
        read, starred = reading_store.states(conn, user.id, [a.id for a, _ in found])
        subs = {s.feed.id: s for s in subscription_store.list_subscriptions(conn, user.id)}
    items = []
    for article, tldr in found:
        categories = [READING_LIST.replace("/-/", f"/{user.id}/")]
        sub = subs.get(article.feed_id) if article.feed_id else None
        if sub and sub.folder:
            categories.append(label_id(sub.folder))
        if article.id in read:
            categories.append(READ.replace("/-/", f"/{user.id}/"))
        if article.id in starred:
            categories.append(STARRED.replace("/-/", f"/{user.id}/"))
        html = reader_apps.article_html(article, tldr) + (
            f'<p><a href="{base}/articles/{article.id}">Read on Tidings: who is who, quotes '
            f"and full coverage</a></p>")
        published = article.published_at or article.fetched_at
        items.append({
            "id": long_item_id(article.id),
            "crawlTimeMsec": str(int(article.fetched_at.timestamp() * 1000)),
            "timestampUsec": _usec(article.published_at or article.fetched_at),
            "published": int(published.timestamp()),
            "updated": int(article.fetched_at.timestamp()),
            "title": article.title,
            "author": ", ".join(article.authors),
            "canonical": [{"href": article.url}],
            "alternate": [{"href": article.url, "type": "text/html"}],
            "summary": {"direction": "ltr", "content": html},
            "content": {"direction": "ltr", "content": html},
            "categories": categories,
            "origin": {"streamId": f"feed/{article.feed_id}" if article.feed_id else "",
                       "title": sub.title if sub else article.source,
                       "htmlUrl": sub.feed.url if sub else article.url},
        })
    return items


def _contents(request: Request, user: User, stream_id: str, ids: list[int],
              continuation: str | None) -> JSONResponse:
    body: dict[str, Any] = {
        "direction": "ltr", "id": stream_id, "title": "Tidings", "author": user.username,
        "updated": int(_now().timestamp()), "self": [{"href": str(request.url)}],
        "items": _items(request, user, ids),
    }
    if continuation:
        body["continuation"] = continuation
    return JSONResponse(body)


def _item_ids(params: Params) -> list[int]:
    given = params.all("i")
    if not given:
        raise _bad("i (item ids) is required")
    if len(given) > MAX_IDS:
        raise _bad(f"at most {MAX_IDS} item ids per call")
    try:
        return list(dict.fromkeys(parse_item_id(i) for i in given))
    except StreamIdError as exc:
        raise _bad(str(exc)) from None


@router.api_route("/reader/api/0/stream/items/contents", methods=["GET", "POST"])
async def stream_items_contents(request: Request, params: AppParams, user: AppUser) -> Response:
    ids = _item_ids(params)[:MAX_CONTENTS]
    with engine_of(request).connect() as conn:
        # Only the reader's own: their subscriptions' articles and what they starred.
        visible = {i for i, _ in reading_store.stream_ids(
            conn, StreamQuery(user_id=user.id, ids=ids), limit=len(ids))}
        visible |= {i for i, _ in reading_store.stream_ids(
            conn, StreamQuery(user_id=user.id, ids=ids, starred=True), limit=len(ids))}
    return _contents(request, user, "user/-/state/com.google/reading-list",
                     [i for i in ids if i in visible], None)


@router.get("/reader/api/0/stream/contents/{stream_id:path}")
async def stream_contents(request: Request, stream_id: str, params: AppParams,
                          user: AppUser) -> Response:
    rows, more = _page(request, user, params, stream_id, most=MAX_CONTENTS)
    return _contents(request, user, stream_id, [i for i, _ in rows], more)


@router.post("/reader/api/0/edit-tag")
async def edit_tag(request: Request, params: AppParams, user: AppUser) -> Response:
    ids = _item_ids(params)
    changes: dict[str, bool] = {}
    try:
        for key, on in (("a", True), ("r", False)):
            for tag in params.all(key):
                stream = parse_stream(tag)
                if stream.kind == "read":
                    changes["read"] = on
                elif stream.kind == "kept-unread":
                    changes["read"] = not on
                elif stream.kind == "starred":
                    changes["starred"] = on
                elif stream.kind != "label":  # item labels: not kept, accepted
                    raise _bad(f"cannot tag items with {tag[:80]!r}")
    except StreamIdError as exc:
        raise _bad(str(exc)) from None
    if not params.all("a") and not params.all("r"):
        raise _bad("a or r (tags to add or remove) is required")
    now = _now()
    with engine_of(request).begin() as conn:
        ids = reading_store.existing_ids(conn, ids)
        if "read" in changes:
            reading_store.set_read(conn, user.id, ids, changes["read"], now)
        if "starred" in changes:
            reading_store.set_starred(conn, user.id, ids, changes["starred"], now)
    return ok()


@router.post("/reader/api/0/mark-all-as-read")
async def mark_all_as_read(request: Request, params: AppParams, user: AppUser) -> Response:
    query = _stream_query(request, user, params, params.get("s"))
    if ts := params.integer("ts", 0):
        # ts is in microseconds (some clients send seconds: a small number)
        seconds = ts / 1_000_000 if ts > 10**11 else ts
        query = replace(query, until=datetime.fromtimestamp(min(seconds, 10**11), UTC))
    with engine_of(request).begin() as conn:
        reading_store.mark_stream_read(conn, replace(query, read=None), _now())
    return ok()


@router.get("/reader/api/0/unread-count")
async def unread_count(request: Request, user: AppUser) -> Response:
    with engine_of(request).connect() as conn:
        counts = reading_store.unread_counts(conn, user.id)
        subs = subscription_store.list_subscriptions(conn, user.id)
    folder_of = {s.feed.id: s.folder for s in subs}
    rows: list[dict[str, Any]] = []
    folders: dict[str, tuple[int, datetime]] = {}
    total, newest = 0, datetime.fromtimestamp(0, UTC)
    for feed_id, count, at in counts:
        rows.append({"id": f"feed/{feed_id}", "count": count, "newestItemTimestampUsec": _usec(at)})
        total, newest = total + count, max(newest, at)
        if folder := folder_of.get(feed_id):
            seen, latest = folders.get(folder, (0, at))
            folders[folder] = (seen + count, max(latest, at))
    rows += [{"id": label_id(name), "count": n, "newestItemTimestampUsec": _usec(at)}
             for name, (n, at) in folders.items()]
    rows.append({"id": READING_LIST.replace("/-/", f"/{user.id}/"), "count": total,
                 "newestItemTimestampUsec": _usec(newest)})
    return JSONResponse({"max": max(total, 1000), "unreadcounts": rows})

