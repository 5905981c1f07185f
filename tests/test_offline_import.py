"""Ways in from disk: JSON Lines, folders of saved pages and WARC files, on both databases."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from sqlalchemy import delete
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings import pipeline
from tidings.store import articles as article_store
from tidings.store import schema

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the tram network across the river, "
    "ending a decade of debate about how to connect the northern districts.",
    "The plan adds eleven stops and is expected to carry forty thousand passengers a day "
    "once it opens, according to the transport department's own estimates.",
    "Opponents said the cost had doubled since the first proposal and asked for an "
    "independent review before any contract is signed with the builders.",
]


def page(title: str, url: str, paragraphs: list[str] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html lang="en"><head><title>{title} - City Times</title>'
        f'<link rel="canonical" href="{url}"><meta property="og:site_name" content="City Times">'
        '<meta property="article:published_time" content="2024-05-02T09:30:00+02:00">'
        f"</head><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright City Times. All rights reserved.</footer></body></html>"
    )


def write_jsonl(path: Path, lines: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def test_import_jsonl_keeps_external_ids_and_skips_bad_lines(engine, tmp_path):
    good = {"id": "ext-1", "url": "https://news.example/a", "title": "Tram vote",
            "text": "\n\n".join(PARAGRAPHS), "date": "2024-05-02", "source": "City Times",
            "lang": "en", "unknown_field": [1, 2]}
    copy = {**good, "id": "ext-2", "url": "https://mirror.example/a"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "x", "title": "no url"}),
             json.dumps(copy), json.dumps([1, 2])]
    path = tmp_path / "articles.jsonl.gz"
    write_jsonl(path, lines)

    report = pipeline.import_records(engine, path)

    assert (report.created, report.duplicates) == (1, 1)
    assert [e.split(":")[0] for e in report.errors] == ["line 2", "line 3", "line 5"]
    with engine.connect() as conn:
        [stored] = article_store.list_articles(conn, limit=10)
    assert stored.external_id == "ext-1"
    assert stored.source == "City Times"
    assert stored.published_at is not None and stored.published_at.isoformat().startswith(
        "2024-05-02T00:00:00+00:00")
    assert "https://mirror.example/a" in stored.urls


def test_import_jsonl_twice_stores_nothing_twice(engine, tmp_path):
    record = {"id": "e", "url": "https://news.example/b", "title": "T", "text": "Some text here."}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n")
    assert pipeline.import_records(engine, path).created == 1
    again = pipeline.import_records(engine, path)
    assert (again.created, again.duplicates) == (0, 1)


def stored_articles(engine):
    with engine.connect() as conn:
        found = article_store.list_articles(conn, limit=50)
    return sorted((a.url, a.title, a.text, a.headline_only, a.urls) for a in found)


def test_import_in_batches_stores_what_one_record_at_a_time_does(engine, tmp_path):
    """Duplicates within a batch and across batches, a headline-only record and its full
    version, a bad line: a batch of three stores what a batch of one does."""
    text = "\n\n".join(PARAGRAPHS)
    records = [
        {"url": "https://news.example/a", "title": "Tram vote", "text": text},
        {"url": "https://news.example/h", "title": "Bridge shut", "summary": "Shut."},
        {"url": "https://mirror.example/a", "title": "Tram vote (copy)", "text": text},
        {"url": "https://news.example/b", "title": "Quarry", "text": "Rain flooded it."},
        "{not json",
        {"url": "https://news.example/h", "title": "Bridge shut", "text": "Closed for repair."},
        {"url": "https://news.example/a", "title": "Tram vote again", "text": "Other text."},
        {"url": "https://news.example/c", "title": "Ferry", "summary": ""},
    ]
    path = tmp_path / "batches.jsonl.gz"
    write_jsonl(path, [r if isinstance(r, str) else json.dumps(r) for r in records])
    reports = []
    stored = []
    for batch in (1, 3):
        reports.append(pipeline.import_records(engine, path, batch=batch))
        stored.append(stored_articles(engine))
        with engine.begin() as conn:
            for table in (schema.article_urls, schema.enrichment_runs, schema.articles):
                conn.execute(delete(table))
    assert reports[0] == reports[1]
    assert (reports[1].created, reports[1].duplicates, reports[1].upgraded,
            reports[1].headline_only) == (4, 3, 1, 2)
    assert [e.split(":")[0] for e in reports[1].errors] == ["line 5"]
    assert stored[0] == stored[1]
    assert ("https://news.example/h", "Bridge shut", "Closed for repair.", False,
            ("https://news.example/h",)) in stored[1]


def test_import_html_folder_extracts_and_reports_bad_files(engine, tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.html").write_text(page("Tram network to grow",
                                                      "https://city.example/tram"))
    (tmp_path / "pages" / "two.html.gz").write_bytes(b"not gzip at all")
    (tmp_path / "pages" / "three.html").write_text("<html><body></body></html>")

    report = pipeline.import_html(engine, tmp_path / "pages")

    assert report.created == 1
    assert len(report.errors) == 2
    with engine.connect() as conn:
        [stored] = article_store.list_articles(conn, limit=10)
    assert stored.title == "Tram network to grow"
    assert stored.url == "https://city.example/tram"
    assert "Home" not in stored.text and "All rights reserved" not in stored.text
    assert PARAGRAPHS[1] in stored.text


def test_import_warc_reads_html_responses_only(engine, tmp_path):
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for url, content_type, body in [
        ("https://city.example/tram", "text/html; charset=utf-8",
         page("Tram network to grow", "https://city.example/tram").encode()),
        ("https://city.example/logo.png", "image/png", b"\x89PNG"),
    ]:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                      http_headers=headers))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(buffer.getvalue())

    report = pipeline.import_warc(engine, path)

    assert (report.created, report.errors) == (1, [])
    with engine.connect() as conn:
        assert article_store.find_article_by_url(conn, "https://city.example/tram") is not None
