"""Comments on articles and stories, their flags and their audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    RowMapping,
    Select,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from tidings.model import Comment, CommentTarget
from tidings.store.schema import comment_audit, comment_flags, comments, users


def add_comment(
    conn: Connection, *, target: CommentTarget, parent_id: int | None, user_id: int, body: str,
    html: str, status: str, ip: str, now: datetime,
) -> int:
    values = {_column(target).name: target.id, "parent_id": parent_id, "user_id": user_id,
              "body": body, "html": html, "status": status, "flag_count": 0, "ip": ip,
              "created_at": now}
    return int(conn.execute(insert(comments).values(values).returning(comments.c.id)).scalar_one())


def get_comment(conn: Connection, comment_id: int) -> Comment | None:
    row = conn.execute(_select().where(comments.c.id == comment_id)).mappings().first()
    return _to_comment(row) if row else None


def target_comments(conn: Connection, target: CommentTarget) -> list[Comment]:
    """Every comment on an article or a story, oldest first, whatever its status."""
    rows = conn.execute(_ON_TARGET[target.kind], {"id": target.id}).mappings()
    return [_to_comment(row) for row in rows]


def _column(target: CommentTarget) -> Column[int]:
    return comments.c.article_id if target.kind == "article" else comments.c.story_id


def review_queue(conn: Connection, limit: int = 200) -> list[Comment]:
    """Comments waiting for a moderator: held ones and flagged ones not yet reviewed."""
    query = _select().where(or_(
        comments.c.status == "held",
        (comments.c.status == "visible") & (comments.c.flag_count > 0)
        & comments.c.reviewed_at.is_(None),
    )).order_by(comments.c.id).limit(limit)
    return [_to_comment(row) for row in conn.execute(query).mappings()]


def update_comment(conn: Connection, comment_id: int, **values: object) -> None:
    """Set columns (body, html, status, edited_at, reviewed_at, flag_count)."""
    conn.execute(update(comments).where(comments.c.id == comment_id).values(values))


def add_flag(conn: Connection, comment_id: int, user_id: int, reason: str, now: datetime) -> bool:
    """Record a flag; False when this user already flagged this comment."""
    try:
        with conn.begin_nested():
            conn.execute(insert(comment_flags).values(
                comment_id=comment_id, user_id=user_id, reason=reason, created_at=now))
    except IntegrityError:
        return False
    conn.execute(update(comments).where(comments.c.id == comment_id).values(
        flag_count=comments.c.flag_count + 1, reviewed_at=None))
    return True


def add_audit(
    conn: Connection, comment_id: int, *, actor_id: int, action: str, old_body: str | None,
    now: datetime,
) -> None:
    conn.execute(insert(comment_audit).values(
        comment_id=comment_id, actor_id=actor_id, action=action, old_body=old_body,
        created_at=now))


def audit_trail(conn: Connection, comment_id: int) -> list[RowMapping]:
    """(actor_id, action, old_body, created_at) rows, oldest first."""
    query = select(comment_audit).where(comment_audit.c.comment_id == comment_id).order_by(
        comment_audit.c.id)
    return list(conn.execute(query).mappings())


def comments_since(
    conn: Connection, since: datetime, *, user_id: int | None = None, ip: str | None = None
) -> int:
    """How many comments this user (or this address) posted since `since`."""
    who = comments.c.user_id == user_id if user_id is not None else comments.c.ip == ip
    query = select(func.count()).select_from(comments).where(who, comments.c.created_at >= since)
    return int(conn.execute(query).scalar_one())


def recent_bodies(conn: Connection, user_id: int, limit: int = 20) -> list[str]:
    query = select(comments.c.body).where(comments.c.user_id == user_id).order_by(
        comments.c.id.desc()).limit(limit)
    return list(conn.execute(query).scalars())


def hide_user_comments(conn: Connection, user_id: int, now: datetime) -> None:
    conn.execute(update(comments).where(
        comments.c.user_id == user_id, comments.c.status.in_(("visible", "held")),
    ).values(status="hidden", reviewed_at=now))


def _select() -> Select[tuple[object, ...]]:
    return select(
        comments, users.c.username, users.c.display_name
    ).join(users, users.c.id == comments.c.user_id)


# Built once (every article and story page reads one): building it costs more than running it.
_ON_TARGET = {kind: _select().where(column == bindparam("id", type_=Integer))
              .order_by(comments.c.id)
              for kind, column in (("article", comments.c.article_id),
                                   ("story", comments.c.story_id))}


def _to_comment(row: RowMapping) -> Comment:
    return Comment(
        id=row["id"], article_id=row["article_id"], story_id=row["story_id"],
        parent_id=row["parent_id"],
        user_id=row["user_id"], username=row["username"], display_name=row["display_name"],
        body=row["body"], html=row["html"], status=row["status"], flag_count=row["flag_count"],
        created_at=row["created_at"], edited_at=row["edited_at"],
        reviewed_at=row["reviewed_at"],
    )
