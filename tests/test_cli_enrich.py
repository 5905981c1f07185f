"""`tidings enrich`, `tidings ask` and `tidings article --json`, in process, on real databases."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from plugins.enrichment_corpus import ARTICLES
from test_offline_import import page
from tidings.cli import app
from tidings.store import articles as article_store
from tidings.store.engine import make_engine
from tidings.store.enrichment import articles_to_enrich
from tidings.store.stories import count_unclustered


@pytest.fixture
def cli(db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    runner = CliRunner()

    def run(*args: str, code: int = 0):
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result

    records = [{"url": a.url, "title": a.title, "text": a.text, "source": a.source,
                "published_at": a.published_at.isoformat()} for a in ARTICLES if a.published_at]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    run("init")
    run("import", str(path))
    return run


def test_enrich_then_rerun_force_and_since(cli):
    # `import` already enriched everything before it returned
    assert "Enriched 0 articles" in cli("enrich", "-q").output
    assert "Enriched 3 articles" in cli("enrich", "-q", "--force").output
    assert "Enriched 1 articles" in cli("enrich", "-q", "--force", "--since", "2024-03-07"
                                        ).output
    assert "2024-13-01" in cli("enrich", "--since", "2024-13-01", code=1).output


def test_article_json_has_summary_entities_and_quotes(cli):
    body = json.loads(cli("article", "1", "--json").output)
    assert body["title"] == "Bank of Japan keeps rates low"
    assert body["summary"]["tldr"].startswith("Bank of Japan Governor")
    ueda = next(e for e in body["entities"] if e["name"] == "Kazuo Ueda")
    assert (ueda["type"], ueda["role"], ueda["status"]) == (
        "PERSON", "Bank of Japan Governor", None)
    assert body["quotes"][0]["speaker"] == "Kazuo Ueda"


def test_ask_prints_the_answer_and_its_sentences(cli):
    output = cli("ask", "2", "When was Taro Kono arrested?").output
    assert "[article 2, sentence 2]" in output and "was arrested on Monday" in output
    body = json.loads(cli("ask", "2", "Who won the cup?", "--json").output)
    assert (body["answer"], body["confident"], body["citations"]) == ("I don't know.", False, [])
    assert "no article 9" in cli("ask", "9", "Who?", code=1).output
    assert "no story 9" in cli("ask", "9", "Who?", "--story", code=1).output


def test_import_no_enrich_stores_and_clusters_then_enrich_enriches(db_url, monkeypatch,
                                                                     tmp_path):
    """A bulk load with --no-enrich leaves enrichment to `tidings enrich`; the same flag on
    import-html."""
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    runner = CliRunner()
    records = [{"url": a.url, "title": a.title, "text": a.text, "source": a.source,
                "published_at": a.published_at.isoformat()} for a in ARTICLES if a.published_at]
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "tram.html").write_text(page("Tram network to grow", "https://city.example/tram"))
    assert runner.invoke(app, ["init"]).exit_code == 0
    for args in (["import", str(path), "--no-enrich"],
                 ["import-html", str(pages), "--no-enrich"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    engine = make_engine(db_url)
    with engine.connect() as conn:
        stored = article_store.count_articles(conn)
        assert stored == len(records) + 1
        assert count_unclustered(conn) == 0
        assert len(articles_to_enrich(conn, since=None, force=False)) == stored
    engine.dispose()
    result = runner.invoke(app, ["enrich", "-q"])
    assert result.exit_code == 0 and f"Enriched {stored} articles" in result.output
    body = json.loads(runner.invoke(app, ["article", "1", "--json"]).output)
    assert body["summary"]["tldr"].startswith("Bank of Japan Governor")
