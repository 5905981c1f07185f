"""What every way in runs before it returns: near-duplicates, stories, then enrichment."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from tidings.config import Settings
from tidings.pipeline.clustering import ClusterReport, cluster_pending
from tidings.pipeline.common import StepProgress, no_steps
from tidings.pipeline.counting import TALLY
from tidings.pipeline.enrich_workers import Analysers
from tidings.pipeline.enriching import EnrichReport, enrich_pending
from tidings.readers.alerts import find_alerts


@dataclass(frozen=True)
class FollowUpReport:
    clustering: ClusterReport
    enrichment: EnrichReport
    alerts: int
    """Alerts queued for readers following what came in."""


def follow_up(engine: Engine, settings: Settings, *, steps: StepProgress = no_steps,
              analysers: Analysers | None = None) -> FollowUpReport:
    """Cluster and enrich (unless the `enrich` setting is off) what is new, so lists,
    stories, people and exports reflect it when the command ends, then queue alerts for
    readers who follow it. One article's failure is recorded on it and the rest goes on.
    `analysers`: the run's, when it makes several passes (see `enriching.enrich_articles`)."""
    report = FollowUpReport(
        clustering=cluster_pending(engine, settings, progress=steps("Clustering stories")),
        enrichment=enrich_pending(engine, settings, progress=steps("Finding people, quotes"),
                                  analysers=analysers)
        if settings.enrich else EnrichReport(),
        alerts=find_alerts(engine, settings),
    )
    TALLY.flush(engine)  # what the way in counted (pages fetched, feeds polled)
    return report
