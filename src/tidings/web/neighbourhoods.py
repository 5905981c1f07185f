"""An entity page's neighbourhood, kept by each process for a while: counting who appears
with a head of state is two aggregations over the 12,500 names of their newest 1,000 articles
(about 15 ms at 100,000 articles, most of the page), and every reader of the page asks for
the same one."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from fastapi import Request
from sqlalchemy import Connection

from tidings.model import EntityProfile
from tidings.store import cooccurrence

KEPT_SECONDS = 60.0
"""How long a neighbourhood is shown before it is counted again, if no article naming the
entity came meanwhile (one that did counts it again at once). What else moves it (an older
article enriched again, two companions merged) shows within this."""
KEPT = 256
"""Neighbourhoods kept by a process, the most recently shown."""

_lock = threading.Lock()
Kept = OrderedDict[int, tuple[int | None, float, cooccurrence.Neighbourhood]]
"""By entity id: the newest article naming it when counted, when counted, what was counted."""


def neighbourhood(request: Request, conn: Connection, profile: EntityProfile
                  ) -> cooccurrence.Neighbourhood:
    """`profile`'s entity's neighbourhood, the one this process counted last if it is younger
    than `KEPT_SECONDS` and no article naming the entity is newer."""
    entity = profile.entity
    newest = cooccurrence.newest_article(conn, entity.id)
    kept = _kept(request)
    with _lock:
        found = kept.get(entity.id)
        if found is not None:
            kept.move_to_end(entity.id)
    if found is not None and found[0] == newest and time.monotonic() - found[1] <= KEPT_SECONDS:
        return found[2]
    hood = cooccurrence.neighbourhood(conn, entity.id, entity.name, entity.type)
    with _lock:
        kept[entity.id] = (newest, time.monotonic(), hood)
        kept.move_to_end(entity.id)
        while len(kept) > KEPT:
            kept.popitem(last=False)
    return hood


def _kept(request: Request) -> Kept:
    """This application's neighbourhoods (each app its own: a test's app starts empty)."""
    state = request.app.state
    with _lock:
        if not hasattr(state, "neighbourhoods"):
            state.neighbourhoods = Kept()
        kept: Kept = state.neighbourhoods
    return kept
