"""Extraction stage: fixture pages written for these tests (tests/fixtures/extract/)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tidings.extract import ExtractionError, clean_html, decode_html, extract_article
from tidings.extract.images import split_credit
from tidings.extract.metadata import split_authors, strip_site_suffix
from tidings.model import Image

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
BODY = (
    "<p>The council voted on Tuesday to keep the swimming pool open through the winter, "
    "after a petition signed by more than four thousand residents.</p>"
    "<p>The pool had been due to close in October to save money on heating, the council's "
    "finance officer told the meeting, which ran late into the evening.</p>"
    "<p>Swimming clubs said the decision would let them keep training children for "
    "the regional championships in the spring.</p>"
)


def page(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_furniture_never_leaks_into_text():
    article = extract_article(page("furniture.html"), "https://dailygull.example/local/bridge")
    for phrase in (
        "harbour bridge reopened to traffic",
        "four hundred tonnes of steel",
        "forty-minute detour",
        "under the original budget",
    ):
        assert phrase in article.text
    for furniture in (
        "World news",
        "Local section",
        "Get our app",
        "cookies",
        "Share on",
        "Morning Briefing",
        "newsletter",
        "Subscribe",
        "Related stories",
        "ferry subsidy",
        "Comments",
        "nightmare",
        "cycle lanes",
        "school run",
        "Lighthouse keeper",
        "All rights reserved",
        "By Mary Quill",
    ):
        assert furniture not in article.text
    assert article.text.count("\n\n") == 3
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.authors == ("Mary Quill",)
    assert article.site_name == "The Daily Gull"
    assert article.lang == "en"
    assert article.description == "The bridge is open again after eight months of work."


@pytest.mark.parametrize("wrapper", ["share-wrapper", "nav-content", "main-menu-layout"])
def test_wrapper_whose_class_looks_like_furniture_is_kept(wrapper):
    html = (
        f'<html><body class="has-comments"><div class="{wrapper}">{BODY}</div>'
        '<div class="sidebar"><p>Sidebar text that is not part of the story.</p></div>'
        "</body></html>"
    )
    text = extract_article(html).text
    assert "swimming pool open" in text
    assert "Sidebar" not in text


def test_json_ld_metadata_canonical_figure_and_licence():
    article = extract_article(page("jsonld.html"), "https://www.coastal-courier.example/n/1")
    assert article.url == "https://www.coastal-courier.example/news/wind-farm-approved?page=2"
    assert article.title == "Wind farm approved off the coast"
    assert article.authors == ("Ann Field", "Bo Strand")
    assert article.published_at == datetime(2024, 3, 1, 13, 30, tzinfo=UTC)
    assert article.site_name == "Coastal Courier"
    assert article.lang == "en"
    assert article.image == Image(
        url="https://www.coastal-courier.example/img/turbines-1200x800.jpg",
        caption="Turbines at an existing site further north.",
        credit="Lars Berg",
    )
    assert article.license == (
        "CC BY 4.0 \u2014 Coastal Courier contributors (https://creativecommons.org/licenses/by/4.0/)"
    )
    assert "Photo: Lars Berg" not in article.text


def test_meta_tags_og_image_without_figure_and_date_only():
    article = extract_article(page("meta_tags.html"))
    assert article.url == "https://petitport.example/actu/criee"
    assert article.title == "La criée rouvre ses portes"
    assert article.authors == ("Jeanne Marin", "Paul Roche")
    assert article.published_at == datetime(2023, 11, 5, tzinfo=UTC)
    assert article.image == Image(url="https://cdn.petitport.example/photos/criee.jpg")
    assert article.lang == "fr"
    assert article.description.startswith("Après deux ans")


def test_date_from_visible_markup_and_parenthesised_credit():
    article = extract_article(page("visible_date.html"), "https://lib.example/news/hours")
    assert article.published_at == datetime(2022, 9, 14, tzinfo=UTC)
    assert article.image == Image(
        url="https://img.example/reading-room.jpg",
        caption="The renovated reading room",
        credit="Reuters/Jane Doe",
    )
    assert "Published" not in article.text
    assert "reading room" not in article.text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Storm hits coast | The Herald", "Storm hits coast"),
        ("Storm hits coast - The Herald", "Storm hits coast"),
        ("The Herald: Storm hits coast", "Storm hits coast"),
        ("Storm hits coast \u2013 Herald", "Storm hits coast"),
        ("Storm hits coast - and the town", "Storm hits coast - and the town"),
    ],
)
def test_title_site_suffix(title, expected):
    assert strip_site_suffix(title, ["The Herald", "herald.example"]) == expected


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        ("/story/1?utm_source=x", "https://news.example/story/1"),
        ("https://other.example/", "https://news.example/story/1"),
        ("javascript:alert(1)", "https://news.example/story/1"),
        ("https://news.example/story/1#comments", "https://news.example/story/1"),
    ],
)
def test_canonical_url(canonical, expected):
    html = f'<html><head><link rel="canonical" href="{canonical}"></head><body>{BODY}</body></html>'
    assert extract_article(html, "https://news.example/story/1?utm_medium=email").url == expected


def test_wrong_declared_charset_is_overruled_by_the_bytes():
    text = "Café owners in Zürich say “prices” rose — again."
    html = f"<html><head><meta charset='utf-8'></head><body><p>{text}</p>{BODY}</body></html>"
    assert "Café owners in Zürich" in decode_html(html.encode("cp1252"), "utf-8")
    assert "“prices” rose — again" in decode_html(html.encode("utf-8"), "iso-8859-1")
    latin = html.replace("“", '"').replace("”", '"').replace("—", "-")
    decoded = decode_html(latin.encode("latin-1"), None)
    assert "Café owners in Zürich" in decoded
    assert "\ufffd" not in decoded
    assert "Zürich" in extract_article(html.encode("cp1252"), encoding="utf-8").text


def test_bogus_and_missing_charsets():
    html = f"<html><body><p>Smörgåsbord für alle</p>{BODY}</body></html>"
    assert "Smörgåsbord" in decode_html(html.encode("utf-8"), "no-such-charset")
    assert "Smörgåsbord" in decode_html(html.encode("cp1252"), None)
    assert decode_html("hi".encode("utf-8-sig"), "latin-1") == "hi"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "just some words, no markup at all",
        "<html><body><img src='a.jpg'><br><hr></body></html>",
        "<html><head><script>var x = 1;</script><style>p {}</style></head><body></body></html>",
    ],
)
def test_no_text_raises_extraction_error(html):
    with pytest.raises(ExtractionError, match="no article text found"):
        extract_article(html)


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 20000 + BODY + "</div>" * 20000,
        f'<html><body><div class="{"x" * 2_000_000}">{BODY}</div></body></html>',
        f"<html><body>\x00<p>\x00</p>{BODY}<script>{'<' * 100000}</script></body></html>",
        f"<html><body><p>unclosed <b><i><table><tr><td>{BODY}</span></div></html></html>",
        f"<?xml version='1.0' encoding='iso-8859-1'?><html><body>{BODY}</body></html>",
    ],
)
def test_hostile_html_does_not_crash(html):
    try:
        article = extract_article(html)
    except ExtractionError:
        return
    assert "\x00" not in article.text


def test_authors_and_credits_split():
    assert split_authors(["By Ann Lee and Bo Ray", "by: Cy Day; Di Em"]) == (
        "Ann Lee",
        "Bo Ray",
        "Cy Day",
        "Di Em",
    )
    assert split_authors(["https://facebook.com/someone"]) == ()
    assert split_credit("Rescue teams at work. Photo: Jo Lund") == (
        "Rescue teams at work.",
        "Jo Lund",
    )
    assert split_credit("Crowds outside (AP Photo/Kim Roe)") == (
        "Crowds outside",
        "AP Photo/Kim Roe",
    )
    assert split_credit("A quiet street") == ("A quiet street", None)


def test_clean_html_allow_list():
    cleaned = clean_html(
        '<p onclick="x()">Hi <a href="javascript:alert(1)">bad</a> '
        '<a href="https://ok.example/" target="_blank">ok</a>'
        '<img src="data:image/png;base64,AA" alt="d"><img src="https://i.example/a.jpg" alt="a">'
        "<script>steal()</script><iframe src='https://x.example'></iframe></p>"
    )
    assert "onclick" not in cleaned and "script" not in cleaned and "iframe" not in cleaned
    assert "javascript" not in cleaned and "data:" not in cleaned and "target" not in cleaned
    assert '<a href="https://ok.example/" rel="nofollow noopener">ok</a>' in cleaned
    assert '<img src="https://i.example/a.jpg" alt="a">' in cleaned
