"""The words of alerts and digests: email subject and text, webhook JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tidings.model import Article


@dataclass(frozen=True)
class DigestItem:
    title: str
    link: str
    summary: str
    outlets: tuple[str, ...]


def alert_text(*, username: str, label: str, article: Article, link: str) -> tuple[str, str]:
    """(subject, text) of an alert email."""
    subject = f"[Tidings] {label}: {article.title}"
    text = (f"Hello {username},\n\nA new story matches what you follow ({label}):\n\n"
            f"{article.title}\n{article.source}\n{link}\n\n"
            "Change what you follow and how you are alerted on your account page.\n")
    return subject, text


def alert_payload(*, label: str, kind: str, story_id: int, article: Article, link: str
                  ) -> dict[str, Any]:
    """The JSON body of an alert webhook."""
    return {"event": "alert", "follow": {"kind": kind, "label": label}, "story_id": story_id,
            "article": {"id": article.id, "title": article.title, "source": article.source,
                        "url": article.url, "link": link}}


def digest_text(*, username: str, period: str, items: Sequence[DigestItem]) -> tuple[str, str]:
    """(subject, text) of a digest email: the top stories with their summaries."""
    subject = f"[Tidings] Your {period} digest: {len(items)} stories"
    parts = [f"Hello {username},\n\nThe top stories among what you follow:\n"]
    for number, item in enumerate(items, 1):
        parts.append(f"{number}. {item.title}\n   {', '.join(item.outlets)}\n   {item.link}")
        if item.summary:
            parts.append(f"   {item.summary}")
        parts.append("")
    parts.append("Change the digest or stop it on your account page.\n")
    return subject, "\n".join(parts)
