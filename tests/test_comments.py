"""Comments through the real app and API: threads, Markdown without XSS, edit window, soft
delete with an audit trail, IDOR, rate limits, spam holds and moderation (both dialects)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import lxml.html
from sqlalchemy import Engine, select, update

from readers_kit import add_article, logged_in, make_client, post_form
from tidings.readers import comments as comment_pipeline
from tidings.store.schema import comment_audit, comments, users


def _post(client, article_id: int, body: str, parent_id: int | None = None):
    data: dict[str, object] = {"body": body}
    if parent_id:
        data["parent_id"] = parent_id
    return post_form(client, f"/articles/{article_id}/comments", data,
                     page=f"/articles/{article_id}")


def _comment_id(response) -> int:
    return int(re.search(r"#comment-(\d+)$", response.headers["location"]).group(1))


def _age_accounts(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(update(users).values(created_at=datetime.now(UTC) - timedelta(days=30)))


def test_anonymous_readers_see_the_empty_state_and_a_login_link(engine: Engine):
    article_id = add_article(engine)
    page = make_client(engine).get(f"/articles/{article_id}").text
    assert "No comments yet — be the first." in page
    assert "Log in to comment" in page and "<textarea" not in page
    refused = make_client(engine).post(f"/articles/{article_id}/comments", data={"body": "hi"},
                                       headers={"Referer": f"http://testserver/articles/{article_id}"},
                                       follow_redirects=False)
    assert refused.status_code == 303
    assert refused.headers["location"] == f"/login?next=/articles/{article_id}"


def test_comments_and_replies_form_a_thread(engine: Engine):
    article_id = add_article(engine)
    alice = logged_in(engine, "alice")
    first = _comment_id(_post(alice, article_id, "First **comment**"))
    bob = logged_in(engine, "bob")
    reply = _post(bob, article_id, "A reply", parent_id=first)
    assert reply.status_code == 303
    page = make_client(engine).get(f"/articles/{article_id}").text
    assert "<strong>comment</strong>" in page
    outer = page.index(f'id="comment-{first}"')
    assert outer < page.index("A reply") < page.index("</li>", page.index("A reply"))
    listing = make_client(engine).get(f"/api/articles/{article_id}/comments").json()
    assert [(c["author"], c["parent_id"]) for c in listing] == [("alice", None), ("bob", first)]


def test_stored_xss_is_neutralised(engine: Engine):
    article_id = add_article(engine)
    client = logged_in(engine, "mallory")
    _age_accounts(engine)
    post_form(client, "/account/profile",
              {"display_name": '<img src=x onerror="alert(1)">'}, page="/account")
    for body in ("<script>alert('x')</script>", '<img src=x onerror="alert(2)">',
                 "[click](javascript:alert(3))", "<a href=\"javascript:alert(4)\">a</a>",
                 "[ok](https://example.org/)"):
        assert _post(client, article_id, body).status_code == 303
    page = make_client(engine).get(f"/articles/{article_id}").text
    section = page[page.index('id="comments"'):]
    tree = lxml.html.fromstring(section)
    assert tree.xpath("//script | //img | //*[@*[starts-with(name(), 'on')]]") == []
    assert [a.get("href") for a in tree.xpath("//div[@class='comment-body']//a")] == [
        "https://example.org/"]
    assert "&lt;script&gt;" in section and "&lt;img src=x onerror" in section
    assert '<a href="https://example.org/" rel="nofollow noopener ugc">ok</a>' in section


def test_a_reader_cannot_edit_or_delete_anothers_comment(engine: Engine):
    article_id = add_article(engine)
    alice = logged_in(engine, "alice")
    comment_id = _comment_id(_post(alice, article_id, "Mine"))
    bob = logged_in(engine, "bob")
    edit = post_form(bob, f"/comments/{comment_id}/edit",
                     {"body": "Hacked", "article_id": article_id}, page="/account")
    assert edit.status_code == 403 and "only change your own" in edit.text
    assert 'Hacked</textarea>' in edit.text
    assert post_form(bob, f"/comments/{comment_id}/delete", {}, page="/account"
                     ).status_code == 403
    page = bob.get("/account")
    token = re.search(r'name="csrf_token" value="(\w+)"', page.text).group(1)
    api = bob.patch(f"/api/comments/{comment_id}", json={"body": "Hacked"},
                    headers={"X-CSRF-Token": token})
    assert api.status_code == 403
    assert bob.delete(f"/api/comments/{comment_id}", headers={"X-CSRF-Token": token}
                      ).status_code == 403
    assert bob.delete(f"/api/comments/{comment_id}").status_code == 403  # no CSRF header
    assert "Mine" in make_client(engine).get(f"/articles/{article_id}").text


def test_edit_window_and_soft_delete_with_audit(engine: Engine):
    article_id = add_article(engine)
    alice = logged_in(engine, "alice")
    comment_id = _comment_id(_post(alice, article_id, "Frist"))
    edited = post_form(alice, f"/comments/{comment_id}/edit",
                       {"body": "First", "article_id": article_id}, page="/account")
    assert edited.status_code == 303
    with engine.begin() as conn:
        conn.execute(update(comments).values(created_at=datetime.now(UTC) - timedelta(hours=1)))
    late = post_form(alice, f"/comments/{comment_id}/edit",
                     {"body": "Too late", "article_id": article_id}, page="/account")
    assert late.status_code == 403 and "15 minutes" in late.text
    assert post_form(alice, f"/comments/{comment_id}/delete", {}, page="/account"
                     ).status_code == 303
    page = make_client(engine).get(f"/articles/{article_id}").text
    assert "First" not in page and "No comments yet" in page
    with engine.connect() as conn:
        status = conn.execute(select(comments.c.status)).scalar_one()
        trail = conn.execute(select(comment_audit.c.action, comment_audit.c.old_body).order_by(
            comment_audit.c.id)).all()
    assert status == "deleted"
    assert [tuple(r) for r in trail] == [("edit", "Frist"), ("delete", "First")]


def test_comment_rate_limit(engine: Engine):
    article_id = add_article(engine)
    client = logged_in(engine, "chatty")
    for n in range(5):
        assert _post(client, article_id, f"Comment number {n}").status_code == 303
    refused = _post(client, article_id, "One more thought")
    assert refused.status_code == 429 and "too fast" in refused.text
    assert "One more thought</textarea>" in refused.text


def test_spam_is_held_for_review(engine: Engine):
    article_id = add_article(engine)
    spammer = logged_in(engine, "spammer")
    held = _comment_id(_post(spammer, article_id, "Cheap pills at https://spam.example"))
    assert "Waiting for a moderator" in spammer.get(f"/articles/{article_id}").text
    assert "Cheap pills" not in make_client(engine).get(f"/articles/{article_id}").text
    mod = logged_in(engine, "mod", role="moderator")
    queue = mod.get("/moderation").text
    assert "Cheap pills" in queue and "Held by the spam check" in queue
    post_form(mod, f"/moderation/comments/{held}/approve", {}, page="/moderation")
    assert "Cheap pills" in make_client(engine).get(f"/articles/{article_id}").text


def test_moderators_see_flagged_and_hidden_comments_readers_do_not(engine: Engine):
    article_id = add_article(engine)
    alice = logged_in(engine, "alice")
    comment_id = _comment_id(_post(alice, article_id, "Rude words"))
    bob = logged_in(engine, "bob")
    flagged = post_form(bob, f"/comments/{comment_id}/flag", {"article_id": article_id},
                        page="/account")
    assert flagged.status_code == 200
    assert "Rude words" not in bob.get(f"/articles/{article_id}").text
    mod = logged_in(engine, "mod", role="moderator")
    assert "Flagged 1" in mod.get(f"/articles/{article_id}").text
    assert "Rude words" in mod.get("/moderation").text
    assert bob.get("/moderation").status_code == 403
    post_form(mod, f"/moderation/comments/{comment_id}/hide", {}, page="/moderation")
    assert "Rude words" not in make_client(engine).get(f"/articles/{article_id}").text
    assert "Rude words" not in alice.get(f"/articles/{article_id}").text
    assert "Hidden" in mod.get(f"/articles/{article_id}").text
    assert "Rude words" not in mod.get("/moderation").text
    api = make_client(engine).get(f"/api/articles/{article_id}/comments").json()
    assert api == []


def test_ban_logs_the_user_out_and_hides_their_comments(engine: Engine):
    article_id = add_article(engine)
    troll = logged_in(engine, "troll")
    comment_id = _comment_id(_post(troll, article_id, "Trolling"))
    mod = logged_in(engine, "mod", role="admin")
    post_form(mod, f"/moderation/comments/{comment_id}/ban", {}, page="/moderation")
    assert "Trolling" not in make_client(engine).get(f"/articles/{article_id}").text
    assert "Log in to comment" in troll.get(f"/articles/{article_id}").text
    again = post_form(make_client(engine), "/login", {"username": "troll",
                                                      "password": "correct horse battery"})
    assert "banned" in again.text


def test_json_api_round_trip_with_session_and_csrf_header(engine: Engine):
    article_id = add_article(engine)
    alice = logged_in(engine, "alice")
    token = re.search(r'name="csrf_token" value="(\w+)"', alice.get("/account").text).group(1)
    headers = {"X-CSRF-Token": token}
    assert alice.post(f"/api/articles/{article_id}/comments", json={"body": "x"}
                      ).status_code == 403
    created = alice.post(f"/api/articles/{article_id}/comments", json={"body": "Hi _there_"},
                         headers=headers)
    assert created.status_code == 201 and created.json()["html"] == "<p>Hi <em>there</em></p>\n"
    comment_id = created.json()["id"]
    patched = alice.patch(f"/api/comments/{comment_id}", json={"body": "Edited"},
                          headers=headers)
    assert patched.status_code == 200 and patched.json()["edited_at"]
    bob = logged_in(engine, "bob")
    bob_token = re.search(r'name="csrf_token" value="(\w+)"', bob.get("/account").text).group(1)
    flag = bob.post(f"/api/comments/{comment_id}/flag", json={"reason": "spam"},
                    headers={"X-CSRF-Token": bob_token})
    assert flag.status_code == 202 and flag.json()["new"] is True
    assert alice.delete(f"/api/comments/{comment_id}", headers=headers).status_code == 204
    assert make_client(engine).post(f"/api/articles/{article_id}/comments",
                                    json={"body": "anon"}).status_code == 401
    assert alice.post("/api/articles/999999/comments", json={"body": "x"},
                      headers=headers).status_code == 404
    trail = comment_pipeline.audit_trail(engine, comment_id)
    assert [row["action"] for row in trail] == ["edit", "delete"]
