"""A reader's own feeds: /subscriptions (add, rename, file in folders, remove; OPML import and
export) and, for administrators, every source with its subscribers. Adding a feed nobody had
fetches it at once, in the background, so its articles are readable within seconds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tidings.access.policy import Access, Caller, allow
from tidings.ids import RowId
from tidings.ingest.opml import OPMLError
from tidings.model import User
from tidings.pipeline import reader_apps
from tidings.pipeline.subscriptions import SubscribeError
from tidings.store.subscriptions import Subscription
from tidings.web.flash import flash
from tidings.web.routes import render
from tidings.web.state import engine_of, settings_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
READER = [allow(Access.READER)]
OWNER = [allow(Access.OWNER, owner="the reader who subscribed")]
Line = Annotated[str, Form(max_length=2000)]
MAX_OPML_BYTES = 2_000_000


def _page(request: Request, user: User, *, status_code: int = 200, error: str = "",
          refused: list[str] | None = None, url: str = "", folder: str = "") -> HTMLResponse:
    engine = engine_of(request)
    subs = reader_apps.reader_subscriptions(engine, user)
    folders: dict[str, list[Subscription]] = {}
    for sub in subs:
        folders.setdefault(sub.folder or "", []).append(sub)
    sources = reader_apps.sources_with_subscribers(engine) if user.role == "admin" else []
    return render(request, "subscriptions.html", status_code=status_code, folders=folders,
                  count=len(subs), error=error, refused=refused or [], url=url, folder=folder,
                  sources=sources)


@router.get("/subscriptions", dependencies=READER)
def subscriptions_page(request: Request, user: Caller) -> HTMLResponse:
    return _page(request, user)


@router.post("/subscriptions", dependencies=READER)
def add(request: Request, user: Caller, background: BackgroundTasks, url: Line,
        folder: Annotated[str, Form(max_length=200)] = "") -> Response:
    engine, settings = engine_of(request), settings_of(request)
    try:
        done = reader_apps.subscribe_reader(engine, settings, user, url,
                                            folder=folder.strip() or None)
    except SubscribeError as exc:
        return _page(request, user, status_code=400, error=str(exc), url=url, folder=folder)
    if done.new_source:
        background.add_task(reader_apps.fetch_source_now, engine, settings, done.feed.id)
    response = RedirectResponse("/subscriptions", status_code=303)
    return flash(response, "subscribed")


@router.post("/subscriptions/{feed_id}/edit", dependencies=OWNER)
def edit(request: Request, user: Caller, feed_id: RowId,
         title: Annotated[str, Form(max_length=300)] = "",
         folder: Annotated[str, Form(max_length=200)] = "") -> Response:
    if not reader_apps.edit_subscription(engine_of(request), user, feed_id, title=title,
                                         folder=folder):
        raise HTTPException(404, "You have no such subscription.")
    return flash(RedirectResponse("/subscriptions", status_code=303), "subscription_saved")


@router.post("/subscriptions/{feed_id}/remove", dependencies=OWNER)
def remove(request: Request, user: Caller, feed_id: RowId) -> Response:
    if not reader_apps.unsubscribe_reader(engine_of(request), user, feed_id):
        raise HTTPException(404, "You have no such subscription.")
    return flash(RedirectResponse("/subscriptions", status_code=303), "unsubscribed")


@router.get("/subscriptions/export.opml", dependencies=READER)
def export(request: Request, user: Caller) -> Response:
    body = reader_apps.export_reader_opml(engine_of(request), user)
    return Response(body, media_type="text/x-opml; charset=utf-8", headers={
        "Content-Disposition": 'attachment; filename="tidings-subscriptions.opml"'})


@router.post("/subscriptions/import", dependencies=READER)
async def import_opml(request: Request, user: Caller, background: BackgroundTasks,
                      opml: Annotated[UploadFile, File()]) -> Response:
    content = await opml.read(MAX_OPML_BYTES + 1)
    if len(content) > MAX_OPML_BYTES:
        return _page(request, user, status_code=400,
                     error=f"That file is over {MAX_OPML_BYTES // 1_000_000} MB.")
    engine, settings = engine_of(request), settings_of(request)
    try:
        done = reader_apps.import_reader_opml(engine, settings, user, content)
    except OPMLError as exc:
        return _page(request, user, status_code=400, error=f"Not an OPML file: {exc}")
    for feed_id in done.new_sources:
        background.add_task(reader_apps.fetch_source_now, engine, settings, feed_id)
    if done.refused:
        return _page(request, user, refused=done.refused,
                     error=f"Subscribed to {len(done.subscribed)} feeds; "
                     f"{len(done.refused)} were not:")
    return flash(RedirectResponse("/subscriptions", status_code=303), "subscribed")
