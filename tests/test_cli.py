"""The `tidings` command, in process, against real databases."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tidings.cli import app

ARTICLES = [
    {"id": "w-1", "url": "https://wire.example/one", "title": "Election results delayed",
     "text": "Officials said the count of postal ballots would take two more days.\n\n"
             "Observers praised the calm conduct of the vote.", "date": "2024-03-04",
     "source": "Wire"},
    {"id": "w-2", "url": "https://paper.example/two", "title": "Harbour bridge reopens",
     "text": "The bridge reopened after repairs that lasted eight months.",
     "published_at": "2024-03-05T10:00:00Z", "source": "Paper"},
]


@pytest.fixture
def cli(db_url, monkeypatch):
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    runner = CliRunner()

    def run(*args: str, code: int = 0):
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result

    run("init")
    return run


@pytest.fixture
def imported(cli, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    result = cli("import", str(path))
    assert "Imported 2 new articles" in result.output
    return cli


def test_init_and_doctor(cli):
    assert "Database ready" in cli("init").output
    output = cli("doctor").output
    assert "migrations" in output and "at latest" in output


def test_only_init_creates_a_database(db_url, monkeypatch, tmp_path):
    """A mistyped path or an empty database is refused, never silently created."""
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    runner = CliRunner()
    for command in (["search", "test"], ["feeds", "list"], ["stories", "list"], ["serve"],
                    ["doctor"], ["users", "list"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert "tidings init" in result.output, (command, result.output)
        assert "Traceback" not in result.output
    if db_url.startswith("sqlite"):
        assert not (tmp_path / "tidings.db").exists()
    missing = f"sqlite:///{tmp_path / 'nonexistent' / 'dir' / 'x.db'}"
    result = runner.invoke(app, ["--database-url", missing, "search", "test"])
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert not (tmp_path / "nonexistent").exists()
    assert "Database ready" in runner.invoke(app, ["init"]).output
    assert runner.invoke(app, ["search", "test"]).exit_code == 0


def test_doctor_reports_unreachable_database(monkeypatch):
    monkeypatch.setenv("TIDINGS_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "database" in result.output


def test_feeds_add_list_remove_and_errors(cli):
    assert "Added feed 1" in cli("feeds", "add", "https://news.example/rss", "--interval", "15"
                                 ).output
    cli("feeds", "add", "https://news.example/rss", code=1)
    cli("feeds", "add", "ftp://news.example/rss", code=1)
    [line] = cli("feeds", "list", "--json").output.strip().splitlines()
    feed = json.loads(line)
    assert (feed["url"], feed["interval_minutes"], feed["last_status"]) == (
        "https://news.example/rss", 15, None)
    assert "news.example/rss" in cli("feeds", "export-opml").output
    cli("feeds", "remove", "1")
    cli("feeds", "remove", "1", code=1)


def test_opml_import_reports_broken_file(cli, tmp_path):
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline")
    result = cli("feeds", "import-opml", str(bad), code=1)
    assert "bad.opml" in result.output


def test_search_and_article_json(imported):
    hits = [json.loads(line) for line in imported("search", "ballots", "--json"
                                                  ).output.splitlines()]
    assert [h["title"] for h in hits] == ["Election results delayed"]
    assert imported("search", "bridge", "--source", "Wire", "--json").output.strip() == ""
    article = json.loads(imported("article", str(hits[0]["id"]), "--json").output)
    assert article["external_id"] == "w-1"
    assert article["published_at"].startswith("2024-03-04")
    imported("article", "999", code=1)


def test_import_of_headlines_and_their_article_view(cli, tmp_path):
    path = tmp_path / "headlines.jsonl"
    records = [{"id": "h-1", "url": "https://wire.example/h", "title": "Storm closes schools",
                "source": "Wire", "published_at": "2014-03-10T16:52:50Z"},
               {"id": "h-2", "url": "https://wire.example/nothing", "text": ""}]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    output = cli("import", str(path)).output
    assert "line 2: missing title and text" in output
    assert "Imported 1 new articles (1 headline only), 0 duplicates, 1 skipped." in output
    [hit] = [json.loads(line) for line in cli("search", "storm", "--json").output.splitlines()]
    shown = cli("article", str(hit["id"])).output
    assert "Headline only: read it at Wire." in shown and "https://wire.example/h" in shown


def test_extract_prints_one_json_object_per_file(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Storm closes schools - Daily</title></head><body><article>"
        "<h1>Storm closes schools</h1><p>" + "Heavy snow closed every school in the county "
        "on Monday, and officials urged residents to stay home. " * 4 + "</p></article>"
        "</body></html>")
    missing = tmp_path / "missing.html"
    result = CliRunner().invoke(app, ["extract", str(page), str(missing),
                                      "--url", "https://daily.example/storm"])
    assert result.exit_code == 1
    record = json.loads(result.stdout.strip().splitlines()[0])
    assert set(record) >= {"path", "url", "title", "text", "authors", "published_at",
                           "site_name", "image", "lang"}
    assert record["title"] == "Storm closes schools"
    assert "Heavy snow" in record["text"]


def test_the_command_starts_without_the_nlp_stack_storage_or_the_web_app():
    """`tidings --help` and `tidings COMMAND --help` import neither spaCy, torch, SciPy,
    trafilatura nor FastAPI, not even SQLAlchemy or the settings: each command imports what
    it runs when it runs (benchmarks/startup.py times it)."""
    heavy = ("spacy", "torch", "scipy", "sklearn", "datasketch", "trafilatura", "numpy",
             "celery", "fastapi", "uvicorn", "sqlalchemy", "httpx", "tidings.server",
             "tidings.store", "tidings.config", "tidings.enrich", "tidings.extract")
    code = ("import sys; from typer.testing import CliRunner; from tidings.cli import app\n"
            "for args in (['--help'], ['import', '--help'], ['feeds', 'add', '--help'], "
            "['serve', '--help'], ['users', 'create', '--help']):\n"
            "    assert CliRunner().invoke(app, args).exit_code == 0, args\n"
            f"print(' '.join(m for m in {heavy!r} if m in sys.modules))\n"
            "CliRunner().invoke(app, ['search', 'x'])  # a command that runs loads storage\n"
            f"print(' '.join(m for m in {heavy!r} if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120).stdout.splitlines()
    assert loaded[0] == ""
    assert {"sqlalchemy", "tidings.store", "tidings.config"} <= set(loaded[1].split())
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0 and "serve" in result.output


def test_every_pipeline_name_loads_on_first_use():
    import tidings.pipeline as pipeline

    assert set(pipeline._HOMES) == set(pipeline.__all__)
    for name in pipeline.__all__:
        assert getattr(pipeline, name).__module__.startswith("tidings.pipeline."), name
    with pytest.raises(AttributeError):
        _ = pipeline.no_such_step
