"""Confirmations after forms (sign up, log in, comment, held comment, follow) shown once, and
the comment box stating its limit instead of cutting a long paste (both dialects)."""

from __future__ import annotations

import lxml.html
from sqlalchemy import Engine

from readers_kit import PASSWORD, add_article, logged_in, make_client, make_user, post_form


def _flash(page: str) -> str | None:
    found = lxml.html.fromstring(page).xpath("//p[@class='flash']")
    return found[0].text_content() if found else None


def test_sign_up_and_log_in_confirm_once(engine: Engine):
    client = make_client(engine)
    landed = post_form(client, "/signup", {"username": "nora", "email": "nora@example.org",
                                           "display_name": "Nora N.", "password": PASSWORD},
                       page="/signup", follow=True)
    assert "Welcome to Tidings, Nora N." in _flash(landed.text)
    assert _flash(client.get("/").text) is None, "a confirmation is shown once"
    post_form(client, "/logout", {}, page="/", follow=True)
    make_user(engine, "otto")
    back = post_form(client, "/login", {"username": "otto", "password": PASSWORD}, follow=True)
    assert _flash(back.text) == "You are logged in as otto."


def test_comments_say_posted_or_held(engine: Engine):
    article_id = add_article(engine)
    page = f"/articles/{article_id}"
    client = logged_in(engine, "pia")
    posted = post_form(client, f"{page}/comments", {"body": "Good report."}, page=page,
                       follow=True)
    assert _flash(posted.text) == "Your comment is posted."
    held = post_form(client, f"{page}/comments", {"body": "See https://spam.example/x"},
                     page=page, follow=True)
    assert "waiting for a moderator" in _flash(held.text)


def test_following_confirms(engine: Engine):
    article_id = add_article(engine)
    client = logged_in(engine, "quinn")
    done = post_form(client, "/follows", {"kind": "outlet", "value": "Harbour Times",
                                          "next": f"/articles/{article_id}"},
                     page=f"/articles/{article_id}", follow=True)
    assert "Matching news now gathers in For you" in _flash(done.text)


def test_only_known_confirmations_are_shown(engine: Engine):
    client = make_client(engine)
    client.cookies.set("tidings_flash", "<script>alert(1)</script>")
    assert _flash(client.get("/").text) is None


def test_the_comment_box_states_its_limit_and_keeps_a_long_text(engine: Engine):
    article_id = add_article(engine)
    page = f"/articles/{article_id}"
    client = logged_in(engine, "rosa")
    box = lxml.html.fromstring(client.get(page).text).xpath("//textarea[@name='body']")[0]
    assert box.get("maxlength") is None, "the browser must not cut a paste silently"
    assert box.get("data-limit") == "5000"
    hint = lxml.html.fromstring(client.get(page).text).get_element_by_id(
        box.get("aria-describedby"))
    assert hint.text_content() == "Up to 5,000 characters."
    long_text = "word " * 1200
    refused = post_form(client, f"{page}/comments", {"body": long_text}, page=page)
    assert refused.status_code == 400
    form = lxml.html.fromstring(refused.text)
    assert form.xpath("//textarea")[0].text_content() == long_text
    count = form.xpath("//*[@class='char-count']")[0].text_content()
    assert "6,000 of at most 5,000 characters" in count
