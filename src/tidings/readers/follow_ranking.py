"""For you: matched articles grouped by story, the newest and broadest stories first."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tidings.model import Article, Story

FRESHNESS_HALF_LIFE_HOURS = 24.0


@dataclass(frozen=True)
class StoryGroup:
    """The followed articles of one story (or one unclustered article), newest first."""

    story: Story | None
    articles: tuple[Article, ...]
    reasons: tuple[str, ...]
    """Labels of the follows that matched."""

    @property
    def lead(self) -> Article:
        return self.articles[0]

    @property
    def key(self) -> int:
        return self.story.id if self.story else self.lead.id


def article_time(article: Article) -> datetime:
    return article.published_at or article.fetched_at


def score(group: StoryGroup, anchor: datetime) -> float:
    """Breadth (outlets, then articles) halved every day of age, as on the front page."""
    newest = article_time(group.lead)
    hours = max((anchor - newest).total_seconds() / 3600, 0.0)
    if group.story:
        breadth = group.story.source_count + math.log1p(group.story.article_count)
    else:
        breadth = len({a.source for a in group.articles}) + math.log1p(len(group.articles))
    return float(breadth * 0.5 ** (hours / FRESHNESS_HALF_LIFE_HOURS))


def rank(groups: Sequence[StoryGroup], now: datetime) -> list[StoryGroup]:
    if not groups:
        return []
    anchor = min(now, max(article_time(g.lead) for g in groups))
    return sorted(groups, key=lambda g: (score(g, anchor), article_time(g.lead)), reverse=True)
