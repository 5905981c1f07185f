"""Comment rules: length, edit window, and the spam heuristics that hold a comment for review."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


@dataclass(frozen=True)
class CommentRules:
    max_length: int = 5000
    edit_window: timedelta = timedelta(minutes=15)
    rate_window: timedelta = timedelta(minutes=10)
    per_user: int = 5
    """Comments one account may post per `rate_window`."""
    per_ip: int = 20
    """Comments one address may post per `rate_window`, across accounts."""
    max_links: int = 2
    new_account: timedelta = timedelta(hours=24)
    """Accounts younger than this are held for review when they post a link."""


def body_problem(body: str, rules: CommentRules) -> str | None:
    if not body.strip():
        return "Write something before posting."
    if len(body) > rules.max_length:
        return f"Keep your comment under {rules.max_length} characters (it has {len(body)})."
    return None


def may_still_edit(created_at: datetime, now: datetime, rules: CommentRules) -> bool:
    return now - created_at <= rules.edit_window


def spam_reasons(
    body: str, *, account_age: timedelta, recent_bodies: list[str], rules: CommentRules
) -> list[str]:
    """Why a comment looks like spam (empty: post it at once)."""
    reasons = []
    links = len(LINK.findall(body))
    if links > rules.max_links:
        reasons.append(f"{links} links")
    if _normal(body) in {_normal(b) for b in recent_bodies}:
        reasons.append("repeats an earlier comment")
    if links and account_age < rules.new_account:
        reasons.append("link from a new account")
    return reasons


def _normal(text: str) -> str:
    return " ".join(text.lower().split())
