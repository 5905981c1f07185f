"""Where the stages meet storage: everything the CLI, web, API and workers do.

Stages (ingest, extract, dedupe) never import storage; this package calls them and stores
what they return. Every step is idempotent, so a killed run can simply be run again.
"""

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
