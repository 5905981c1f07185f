"""Comments on stories: post, reply, read anonymously, moderation, the JSON API, comments
following a story merge, and the 0007 migration keeping existing threads (both dialects)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, insert, select, text

from readers_kit import add_article, logged_in, make_client, make_user, post_form
from tidings.store.engine import SCRIPT_LOCATION, make_engine
from tidings.store.schema import comment_audit, comment_flags, comments, stories
from tidings.store.stories import assign_articles, merge_stories


def add_story(engine: Engine, title: str) -> int:
    """A story of one article, its id that article's id (as the clusterer makes them)."""
    article_id = add_article(engine, title)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(insert(stories).values(
            id=article_id, title=title, label="", first_seen_at=now, last_seen_at=now,
            first_source="Harbour Times", article_count=1, source_count=1, state={},
            vector_sum=b"", title_sum=b"", headline_vectors=b"", updated_at=now))
        assign_articles(conn, {article_id: article_id}, now=now)
    return article_id


def _post(client, story_id: int, body: str, parent_id: int | None = None):
    data: dict[str, object] = {"body": body}
    if parent_id:
        data["parent_id"] = parent_id
    return post_form(client, f"/stories/{story_id}/comments", data, page=f"/stories/{story_id}")


def _comment_id(response) -> int:
    assert response.status_code == 303, response.text
    return int(re.search(r"#comment-(\d+)$", response.headers["location"]).group(1))


def test_post_reply_and_read_anonymously(engine: Engine):
    story_id = add_story(engine, "Harbour bridge closes for repairs")
    anonymous = make_client(engine).get(f"/stories/{story_id}").text
    assert "No comments yet" in anonymous and "Log in to comment" in anonymous
    alice = logged_in(engine, "alice")
    first = _comment_id(_post(alice, story_id, "Good *coverage*"))
    bob = logged_in(engine, "bob")
    reply = _comment_id(_post(bob, story_id, "Agreed", parent_id=first))
    page = make_client(engine).get(f"/stories/{story_id}").text
    assert "<em>coverage</em>" in page
    assert page.index(f'id="comment-{first}"') < page.index(f'id="comment-{reply}"')
    listing = make_client(engine).get(f"/api/stories/{story_id}/comments").json()
    assert [(c["author"], c["parent_id"], c["story_id"], c["article_id"]) for c in listing] == [
        ("alice", None, story_id, None), ("bob", first, story_id, None)]
    with engine.connect() as conn:
        assert conn.execute(select(comments.c.article_id)).scalars().all() == [None, None]


def test_replies_stay_on_their_page_and_missing_stories_are_404(engine: Engine):
    story_id = add_story(engine, "Harbour bridge closes for repairs")
    article_id = add_article(engine, "Unrelated article")
    alice = logged_in(engine, "alice")
    on_story = _comment_id(_post(alice, story_id, "On the story"))
    wrong = post_form(alice, f"/articles/{article_id}/comments",
                      {"body": "Cross-page reply", "parent_id": on_story},
                      page=f"/articles/{article_id}")
    assert wrong.status_code == 400 and "not on this article" in wrong.text
    assert _post(alice, 999_999, "Nowhere").status_code == 404
    assert make_client(engine).get(f"/api/articles/{article_id}/comments").json() == []


def test_api_posts_on_stories_with_a_token(engine: Engine):
    story_id = add_story(engine, "Harbour bridge closes for repairs")
    alice = logged_in(engine, "alice")
    token = re.search(r"tid_[\w-]+", post_form(
        alice, "/account/tokens", {"name": "t"}, page="/account").text).group(0)
    api = make_client(engine)
    created = api.post(f"/api/stories/{story_id}/comments", json={"body": "Via the API"},
                       headers={"Authorization": f"Bearer {token}"})
    assert created.status_code == 201 and created.json()["story_id"] == story_id
    assert api.post(f"/api/stories/{story_id}/comments", json={"body": "x"}).status_code == 401
    assert [c["author"] for c in api.get(f"/api/stories/{story_id}/comments").json()] == [
        "alice"]


def test_moderation_shows_the_story_and_hiding_removes_it(engine: Engine):
    story_id = add_story(engine, "Harbour bridge closes for repairs")
    alice = logged_in(engine, "alice")
    comment_id = _comment_id(_post(alice, story_id, "Rude words"))
    bob = logged_in(engine, "bob")
    flagged = post_form(bob, f"/comments/{comment_id}/flag", {"back": f"/stories/{story_id}"},
                        page=f"/stories/{story_id}")
    assert flagged.status_code == 200 and f'href="/stories/{story_id}#comments"' in flagged.text
    mod = logged_in(engine, "mod", role="moderator")
    queue = mod.get("/moderation").text
    assert "Rude words" in queue and f'href="/stories/{story_id}#comment-{comment_id}"' in queue
    post_form(mod, f"/moderation/comments/{comment_id}/hide", {}, page="/moderation")
    assert "Rude words" not in make_client(engine).get(f"/stories/{story_id}").text
    assert "Rude words" not in bob.get(f"/stories/{story_id}").text
    assert "Rude words" in mod.get(f"/stories/{story_id}").text


def test_comments_follow_a_story_merge(engine: Engine):
    kept = add_story(engine, "Harbour bridge closes for repairs")
    merged = add_story(engine, "Bridge repairs begin in the harbour")
    alice = logged_in(engine, "alice")
    first = _comment_id(_post(alice, merged, "Posted before the merge"))
    _comment_id(_post(alice, kept, "On the kept story"))
    with engine.begin() as conn:
        merge_stories(conn, {merged: kept})
        assign_articles(conn, {merged: kept}, now=datetime.now(UTC))
    assert make_client(engine).get(f"/stories/{merged}", follow_redirects=False
                                   ).headers["location"] == f"/stories/{kept}"
    page = make_client(engine).get(f"/stories/{kept}").text
    assert "Posted before the merge" in page and "On the kept story" in page
    # The merged story's old id still reaches the thread, and replies land on the kept story.
    assert len(make_client(engine).get(f"/api/stories/{merged}/comments").json()) == 2
    reply = _comment_id(_post(alice, merged, "A reply through the old id", parent_id=first))
    with engine.connect() as conn:
        assert conn.execute(select(comments.c.story_id).where(comments.c.id == reply)
                            ).scalar_one() == kept


def test_the_migration_keeps_existing_threads(db_url: str):
    engine = make_engine(db_url, create=True)
    try:
        _upgrade(engine, "0006")
        now = datetime.now(UTC)
        with engine.begin() as conn:  # only the columns 0006 has (not save_article's)
            article_id = conn.execute(text(
                "INSERT INTO articles (url, title, text, source, authors, fetched_at, sort_at)"
                " VALUES ('https://news.example.org/a', 'A', 'Text.', 'Harbour Times', '[]',"
                " :now, :now) RETURNING id"), {"now": now}).scalar_one()
        make_user(engine, "alice")
        row = {"article_id": article_id, "user_id": 1, "html": "", "status": "visible",
               "flag_count": 0, "ip": "127.0.0.1", "created_at": now}
        with engine.begin() as conn:  # Core inserts name only the columns that 0006 has
            conn.execute(insert(comments).values(id=1, parent_id=None, body="First", **row))
            conn.execute(insert(comments).values(id=2, parent_id=1, body="Reply", **row))
            conn.execute(insert(comment_flags).values(
                comment_id=1, user_id=1, reason="r", created_at=now))
            conn.execute(insert(comment_audit).values(
                comment_id=1, actor_id=1, action="edit", old_body="Frist", created_at=now))
        _upgrade(engine, "head")
        with engine.connect() as conn:
            assert conn.execute(select(comments.c.parent_id).order_by(comments.c.id)
                                ).scalars().all() == [None, 1]
            assert conn.execute(select(comment_flags.c.comment_id)).scalars().all() == [1]
            assert conn.execute(select(comment_audit.c.old_body)).scalars().all() == ["Frist"]
    finally:
        engine.dispose()


def _upgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(SCRIPT_LOCATION))
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
