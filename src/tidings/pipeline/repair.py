"""Checking and repairing stories against `store.invariants` (`tidings doctor [--repair]`).

The repair, under the clustering lease:

1. clustered articles in no story are marked unclustered (story, copy link and signature
   forgotten) and a syndicated copy filed apart joins its original's story;
2. a clustering pass files the unclustered articles again, as new ones are filed (an article
   cut loose from its story usually rejoins it: the story's vectors still hold it);
3. every story whose counts or dates disagree with its members is recounted from them (the
   columns and the clusterer's record: size, outlets, first and last seen);
4. stories left without members are dropped, their id (links, comments) leading to where
   their founding article is now; merged ids are led to a live story (or forgotten when none
   is left); comments on a vanished story move to its founding article's story;
5. outlets' article counts and newest times (`sources`) are counted again when they disagree.

Vectors and terms of a recounted story keep what they had: they are sums over members that
cannot be taken apart without featurising its articles again (`tidings stories rebuild` does
that, exactly, for a window).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from tidings.cluster.options import ClusterOptions
from tidings.cluster.state import StoryState
from tidings.config import Settings
from tidings.pipeline.clustering import (
    LEASE_SECONDS,
    LOCK,
    ClusterReport,
    cluster_pending,
    story_write,
    uncount,
)
from tidings.pipeline.common import utcnow, worker_id
from tidings.store import invariants
from tidings.store import stories as story_store
from tidings.store.locks import acquire_lock, release_lock


@dataclass
class RepairReport:
    """What a repair did, and the breaches left after it."""

    refiled: int = 0
    """Articles in no story, clustered again."""
    copies_moved: int = 0
    recounted: int = 0
    dropped: int = 0
    """Stories without members deleted."""
    merges_repointed: int = 0
    """Merged ids led to a live story, or dropped (none left, or their id is live again)."""
    comments_moved: int = 0
    sources_recounted: int = 0
    """Outlets whose article count or newest time was wrong."""
    clustering: ClusterReport = field(default_factory=ClusterReport)
    left: list[invariants.Violation] = field(default_factory=list)
    busy: bool = False
    """True when another process held the clustering lease: nothing was done."""


def check_stories(engine: Engine) -> list[invariants.Violation]:
    """Every story invariant with its breaches (count 0 where it holds)."""
    with engine.connect() as conn:
        return invariants.check_stories(conn)


def recount_stories(conn: Connection, options: ClusterOptions) -> int:
    """Recount the stories whose columns disagree with their members; how many."""
    ids = [story_id for story_id, _ in invariants.miscounted_stories(conn)]
    counts = invariants.member_counts(conn, ids)
    writes = []
    for record in story_store.load_story_records(conn, ids).values():
        story = StoryState.from_record(record)
        members = counts[story.id]
        story.recount(members.sources, members.first, members.last)
        writes.append(story_write(story, options))
    story_store.save_stories(conn, writes, now=utcnow())
    return len(writes)


def _locked(engine: Engine, holder: str) -> bool:
    with engine.begin() as conn:
        return acquire_lock(conn, LOCK, holder, now=utcnow(), seconds=LEASE_SECONDS)


def repair_stories(engine: Engine, settings: Settings) -> RepairReport:
    """Make every story invariant hold again (see the module's docstring for how)."""
    holder, report = worker_id(), RepairReport()
    if not _locked(engine, holder):
        return RepairReport(busy=True)
    try:
        with engine.begin() as conn:
            unfiled = invariants.unfiled_articles(conn)
            uncount(conn, invariants.unfile_articles(conn, unfiled))
            report.refiled = len(unfiled)
            report.copies_moved = len(invariants.file_copies_with_originals(conn))
        release_lock_now(engine, holder)
        report.clustering = cluster_pending(engine, settings)
        if report.clustering.busy or not _locked(engine, holder):
            report.busy = True
            return report
        with engine.begin() as conn:
            report.recounted = recount_stories(conn, ClusterOptions())
            report.dropped = invariants.drop_empty_stories(conn)
            report.merges_repointed = invariants.repoint_merges(conn)
            report.comments_moved = invariants.repoint_story_comments(conn)
            report.sources_recounted = invariants.recount_sources(conn)
    finally:
        release_lock_now(engine, holder)
    report.left = [v for v in check_stories(engine) if v.count]
    return report


def release_lock_now(engine: Engine, holder: str) -> None:
    with engine.begin() as conn:
        release_lock(conn, LOCK, holder)
