"""Where the stages meet storage: everything the CLI, web, API and workers do.

Stages (ingest, extract, dedupe) never import storage; this package calls them and stores
what they return. Every step is idempotent, so a killed run can simply be run again.

The names below are loaded on first use (PEP 562), so importing one step (or the CLI, for
`tidings --help`) does not import every stage with spaCy, SciPy and trafilatura.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tidings.pipeline.clustering import ClusterReport, cluster_pending, rebuild_stories
    from tidings.pipeline.followups import FollowUpReport, follow_up
    from tidings.pipeline.offline import ImportReport, import_html, import_records, import_warc
    from tidings.pipeline.pages import PageOutcome, fetch_urls, process_queue
    from tidings.pipeline.polling import poll_due_feeds
    from tidings.pipeline.runner import ingest_once, open_fetcher, run_forever
    from tidings.pipeline.subscriptions import (
        OPMLImport,
        SubscribeError,
        export_opml,
        import_opml,
        subscribe,
        unsubscribe,
    )

__all__ = [
    "ClusterReport",
    "FollowUpReport",
    "ImportReport",
    "OPMLImport",
    "PageOutcome",
    "SubscribeError",
    "cluster_pending",
    "export_opml",
    "fetch_urls",
    "follow_up",
    "import_html",
    "import_opml",
    "import_records",
    "import_warc",
    "ingest_once",
    "open_fetcher",
    "poll_due_feeds",
    "process_queue",
    "rebuild_stories",
    "run_forever",
    "subscribe",
    "unsubscribe",
]

_MODULES = {
    "clustering": ("ClusterReport", "cluster_pending", "rebuild_stories"),
    "followups": ("FollowUpReport", "follow_up"),
    "offline": ("ImportReport", "import_html", "import_records", "import_warc"),
    "pages": ("PageOutcome", "fetch_urls", "process_queue"),
    "polling": ("poll_due_feeds",),
    "runner": ("ingest_once", "open_fetcher", "run_forever"),
    "subscriptions": ("OPMLImport", "SubscribeError", "export_opml", "import_opml", "subscribe",
                      "unsubscribe"),
}
_HOMES = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value
