"""Comments: post, edit, delete (soft, audited), flag, moderate, and who may see what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine

from tidings.model import Comment, CommentTarget, User
from tidings.readers.comment_rules import CommentRules, body_problem, may_still_edit, spam_reasons
from tidings.readers.markdown import render_markdown
from tidings.store import articles as article_store
from tidings.store import comments as comment_store
from tidings.store import sessions as session_store
from tidings.store import stories as story_store
from tidings.store import users as user_store

RULES = CommentRules()


class CommentError(ValueError):
    """A comment cannot be written; `status` is the HTTP status that fits."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class ThreadItem:
    """A comment as one viewer sees it, with its replies."""

    comment: Comment
    shown: bool
    """False: only a "deleted" or "removed" placeholder is shown in its place."""
    can_edit: bool
    can_delete: bool
    replies: list[ThreadItem] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC)


def post_comment(
    engine: Engine, user: User, target: CommentTarget, body: str, *, ip: str,
    parent_id: int | None = None,
) -> Comment:
    """Store a comment (held for review when it looks like spam); raises CommentError."""
    problem = body_problem(body, RULES)
    if problem:
        raise CommentError(problem)
    now = _now()
    with engine.begin() as conn:
        target = _existing(conn, target)
        _check_parent(conn, parent_id, target)
        _check_rate(conn, user, ip, now)
        reasons = spam_reasons(body, account_age=now - user.created_at,
                               recent_bodies=comment_store.recent_bodies(conn, user.id),
                               rules=RULES)
        comment_id = comment_store.add_comment(
            conn, target=target, parent_id=parent_id, user_id=user.id, body=body,
            html=render_markdown(body), status="held" if reasons else "visible", ip=ip, now=now)
        comment = comment_store.get_comment(conn, comment_id)
    assert comment is not None
    return comment


def _existing(conn: Connection, target: CommentTarget) -> CommentTarget:
    """The target, a merged story's id replaced by the story it went into; else 404."""
    if target.kind == "article":
        if article_store.get_article(conn, target.id) is None:
            raise CommentError("There is no article with that number.", 404)
        return target
    story = story_store.get_story(conn, story_store.resolve_story_id(conn, target.id))
    if story is None:
        raise CommentError("There is no story with that number.", 404)
    return CommentTarget("story", story.id)


def _check_parent(conn: Connection, parent_id: int | None, target: CommentTarget) -> None:
    if parent_id is None:
        return
    parent = comment_store.get_comment(conn, parent_id)
    if parent is None or parent.target != target:
        raise CommentError(f"The comment you are replying to is not on this {target.kind}.")


def _check_rate(conn: Connection, user: User, ip: str, now: datetime) -> None:
    since = now - RULES.rate_window
    minutes = int(RULES.rate_window.total_seconds() // 60)
    by_user = comment_store.comments_since(conn, since, user_id=user.id)
    by_ip = comment_store.comments_since(conn, since, ip=ip)
    if by_user >= RULES.per_user or by_ip >= RULES.per_ip:
        raise CommentError(
            f"You are commenting too fast. Wait a few minutes (at most {RULES.per_user} "
            f"comments per {minutes} minutes).", 429)


def edit_comment(engine: Engine, user: User, comment_id: int, body: str) -> Comment:
    """The author may edit within the window; moderators at any time. Audited."""
    problem = body_problem(body, RULES)
    if problem:
        raise CommentError(problem)
    now = _now()
    with engine.begin() as conn:
        comment = _writable(comment_store.get_comment(conn, comment_id), user)
        if not user.is_moderator and not may_still_edit(comment.created_at, now, RULES):
            raise CommentError("Comments can only be edited for 15 minutes.", 403)
        comment_store.add_audit(conn, comment_id, actor_id=user.id, action="edit",
                                old_body=comment.body, now=now)
        comment_store.update_comment(conn, comment_id, body=body, html=render_markdown(body),
                                     edited_at=now)
        updated = comment_store.get_comment(conn, comment_id)
    assert updated is not None
    return updated


def delete_comment(engine: Engine, user: User, comment_id: int) -> Comment:
    """Soft delete by its author or a moderator; the text stays in the audit trail."""
    now = _now()
    with engine.begin() as conn:
        comment = _writable(comment_store.get_comment(conn, comment_id), user)
        comment_store.add_audit(conn, comment_id, actor_id=user.id, action="delete",
                                old_body=comment.body, now=now)
        comment_store.update_comment(conn, comment_id, status="deleted", body="", html="")
    return comment


def _writable(comment: Comment | None, user: User) -> Comment:
    if comment is None or comment.status == "deleted":
        raise CommentError("There is no such comment.", 404)
    if comment.user_id != user.id and not user.is_moderator:
        raise CommentError("You can only change your own comments.", 403)
    return comment


def flag_comment(engine: Engine, user: User, comment_id: int, reason: str = "") -> bool:
    """Flag for moderators (once per reader); the comment is withheld until reviewed."""
    with engine.begin() as conn:
        comment = comment_store.get_comment(conn, comment_id)
        if comment is None or comment.status == "deleted":
            raise CommentError("There is no such comment.", 404)
        if comment.user_id == user.id:
            raise CommentError("You cannot flag your own comment.")
        return comment_store.add_flag(conn, comment_id, user.id, reason.strip()[:500], _now())


def moderate(engine: Engine, moderator: User, comment_id: int, action: str) -> None:
    """"approve" (show it, flags reviewed), "hide", or "ban" (its author: hidden, logged out)."""
    if not moderator.is_moderator:
        raise CommentError("Only moderators can do that.", 403)
    now = _now()
    with engine.begin() as conn:
        comment = comment_store.get_comment(conn, comment_id)
        if comment is None:
            raise CommentError("There is no such comment.", 404)
        comment_store.add_audit(conn, comment_id, actor_id=moderator.id, action=action,
                                old_body=None, now=now)
        if action == "approve":
            comment_store.update_comment(conn, comment_id, status="visible", reviewed_at=now)
        elif action == "hide":
            comment_store.update_comment(conn, comment_id, status="hidden", reviewed_at=now)
        elif action == "ban":
            user_store.ban_user(conn, comment.user_id, now)
            session_store.remove_user_sessions(conn, comment.user_id)
            comment_store.hide_user_comments(conn, comment.user_id, now)
        else:
            raise CommentError(f"Unknown action {action!r}.")


def review_queue(engine: Engine) -> list[Comment]:
    with engine.connect() as conn:
        return comment_store.review_queue(conn)


def visible_to(comment: Comment, viewer: User | None) -> bool | None:
    """True: shown; False: a placeholder; None: left out for this viewer."""
    if viewer and viewer.is_moderator:
        return comment.status != "deleted"
    if comment.status == "deleted":
        return False
    own = viewer is not None and viewer.id == comment.user_id
    flagged = comment.flag_count > 0 and comment.reviewed_at is None
    if comment.status == "visible" and not flagged:
        return True
    return True if own and comment.status != "hidden" else None


def thread(engine: Engine, target: CommentTarget, viewer: User | None) -> list[ThreadItem]:
    """The comments on an article or story this viewer may see, as a tree of replies."""
    with engine.connect() as conn:
        if target.kind == "story":
            target = CommentTarget("story", story_store.resolve_story_id(conn, target.id))
        comments = comment_store.target_comments(conn, target)
    items: dict[int, ThreadItem] = {}
    roots: list[ThreadItem] = []
    now = _now()
    for comment in comments:
        shown = visible_to(comment, viewer)
        if shown is None:
            continue
        mine = viewer is not None and viewer.id == comment.user_id
        moderator = viewer is not None and viewer.is_moderator
        item = ThreadItem(comment, shown, can_edit=shown and (moderator or (
            mine and may_still_edit(comment.created_at, now, RULES))),
            can_delete=shown and (mine or moderator))
        items[comment.id] = item
        parent = items.get(comment.parent_id) if comment.parent_id else None
        (parent.replies if parent else roots).append(item)
    return _prune(roots)


def _prune(items: list[ThreadItem]) -> list[ThreadItem]:
    """Drop placeholders that have nothing left below them."""
    kept = []
    for item in items:
        item.replies = _prune(item.replies)
        if item.shown or item.replies:
            kept.append(item)
    return kept


def audit_trail(engine: Engine, comment_id: int) -> list[dict[str, object]]:
    with engine.connect() as conn:
        return [dict(row) for row in comment_store.audit_trail(conn, comment_id)]
