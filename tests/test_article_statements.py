"""The article page and the API article read in a fixed number of SQL statements on both
databases, however big the story, however many nearby stories, copies, entities, quotes and
comments there are: a loop of one query per item (N+1) shows up here as a higher count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select, update

from tidings.config import Settings
from tidings.model import (
    CommentTarget,
    EventRecord,
    NewArticle,
    QuoteRecord,
    RoleRecord,
    Story,
    SummaryRecord,
)
from tidings.server import create_app
from tidings.store import comments as comment_store
from tidings.store import stories as story_store
from tidings.store.articles import save_article
from tidings.store.enrichment import NewEnrichment, save_enrichment
from tidings.store.entities import EntityMention, coverage_roles, statuses
from tidings.store.schema import articles, entities
from tidings.store.users import add_user

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
KEYS = ["e:harbour", "e:mayor", "t:dam"]
ARTICLE_PAGE_STATEMENTS = 10
"""The article, the story's other outlets, the leads of nearby stories, its copies, its
story, its summary, its entities with their statuses, its quotes, its speakers' roles in their
coverage (to spell them), and the comments."""
API_ARTICLE_STATEMENTS = 5
"""The article, its URLs, its summary, its entities with their statuses, and its quotes."""


def _article(engine: Engine, n: int, source: str, **fields: object) -> int:
    with engine.begin() as conn:
        return save_article(conn, NewArticle(
            url=f"https://{source.lower()}.example/{n}", title=f"Harbour dam vote {n}",
            text=f"The harbour dam vote {n} went ahead.\n\nAs {source} reported, {n}.",
            source=source, published_at=NOW + timedelta(minutes=n), **fields),  # type: ignore[arg-type]
            now=NOW).article_id


def _story(engine: Engine, members: list[int]) -> int:
    """A story of `members`, filed under `KEYS`, as clustering leaves it."""
    story = Story(id=members[0], title=f"Story {members[0]}", label="", first_seen_at=NOW,
                  last_seen_at=NOW, first_source="Wire", article_count=len(members),
                  source_count=len(members))
    record = {"vector_sum": b"", "title_sum": b"", "headline_vectors": b""}
    with engine.begin() as conn:
        story_store.save_stories(conn, [story_store.StoryWrite(story, record, tuple(KEYS))],
                                 now=NOW)
        conn.execute(update(articles).where(articles.c.id.in_(members))
                     .values(story_id=members[0]))
    return members[0]


def _copy(engine: Engine, n: int, of: int, story: int) -> int:
    """A syndicated copy of `of`, in its story."""
    copy = _article(engine, n, f"Copier {n}")
    with engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id == copy)
                     .values(duplicate_of=of, story_id=story))
    return copy


def _enrich(engine: Engine, article_id: int, people: int) -> None:
    """`people` people named (each with a role and an event) and quoted, and a summary."""
    mentions = tuple(EntityMention(key=f"p:person {n}", name=f"Person {n}", type="PERSON",
                                   names=(f"Person {n}",), lookup_keys=(f"person {n}",),
                                   mentions=2, role="Mayor") for n in range(people))
    with engine.begin() as conn:
        save_enrichment(conn, NewEnrichment(
            article_id=article_id, entities=mentions, roles=(),
            events=tuple((m.key, EventRecord("elected", "Mayor", None, article_id, 1,
                                             "Elected.")) for m in mentions),
            quotes=tuple((m.key, QuoteRecord(f"We will build the dam now, said {n}.", m.name,
                                             "Mayor", None, article_id, n + 1))
                         for n, m in enumerate(mentions)),
            summary=SummaryRecord("The vote went ahead.", ("It went ahead.",), "extractive",
                                  NOW)), now=NOW)


def _comment(engine: Engine, article_id: int, n: int) -> None:
    with engine.begin() as conn:
        user = add_user(conn, username=f"reader{n}", email=f"r{n}@example.org",
                        password_hash="x", role="reader", now=NOW)
        comment_store.add_comment(conn, target=CommentTarget("article", article_id),
                                  parent_id=None, user_id=user.id, body=f"Comment {n}",
                                  html=f"<p>Comment {n}</p>", status="visible", ip="127.0.0.1",
                                  now=NOW)


@contextmanager
def _counted(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def listener(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def _statements(engine: Engine, client: TestClient, path: str) -> int:
    with _counted(engine) as seen:
        assert client.get(path).status_code == 200
    return len(seen)


def test_the_article_page_and_api_article_take_the_same_statements_whatever_their_size(
        engine: Engine) -> None:
    here = _article(engine, 0, "Harbour")
    story = _story(engine, [here, _article(engine, 1, "Valley"), _article(engine, 2, "Wire")])
    _copy(engine, 3, here, story)
    _story(engine, [_article(engine, -60, "Ledger")])
    _enrich(engine, here, people=1)
    _comment(engine, here, 0)
    settings = Settings(database_url=engine.url.render_as_string(False))
    with TestClient(create_app(settings, engine=engine)) as client:
        client.get(f"/articles/{here}")  # the first page asks whether there are several outlets
        small = (_statements(engine, client, f"/articles/{here}"),
                 _statements(engine, client, f"/api/articles/{here}"))

        more = [_article(engine, 10 + n, f"Outlet {n}") for n in range(20)]
        with engine.begin() as conn:
            conn.execute(update(articles).where(articles.c.id.in_(more)).values(story_id=story))
        for n in range(3):
            _copy(engine, 40 + n, here, story)
        for n in range(5):
            _story(engine, [_article(engine, -100 - n, "Ledger")])
        _enrich(engine, here, people=6)
        for n in range(1, 4):
            _comment(engine, here, n)
        page = client.get(f"/articles/{here}").text
        big = (_statements(engine, client, f"/articles/{here}"),
               _statements(engine, client, f"/api/articles/{here}"))

    assert page.count('class="card') >= 8 + 4, "the related coverage is full"
    assert page.count("Comment ") >= 4 and page.count("Copier ") >= 4
    assert small == big == (ARTICLE_PAGE_STATEMENTS, API_ARTICLE_STATEMENTS)


def test_the_article_reads_each_entity_status_as_the_entity_has_it(engine: Engine) -> None:
    """The status read with an article's entities is the one `statuses` gives: the latest
    dated event, a death before anything else of its day, an undated event only when none is
    dated."""
    here = _article(engine, 0, "Harbour")
    day, later = date(2026, 1, 5), date(2026, 2, 1)
    told = {"Person 0": [("elected", day), ("dismissed", later)],
            "Person 1": [("died", day), ("dismissed", day)],
            "Person 2": [("arrested", day), ("elected", None)],
            "Person 3": [("died", None), ("resigned", None)],
            "Person 4": []}
    mentions = tuple(EntityMention(key=f"p:{name.lower()}", name=name, type="PERSON",
                                   names=(name,), lookup_keys=(name.lower(),), mentions=1)
                     for name in told)
    events = tuple((f"p:{name.lower()}", EventRecord(kind, None, when, here, n + 1, "It."))
                   for name, happened in told.items() for n, (kind, when) in enumerate(happened))
    with engine.begin() as conn:
        save_enrichment(conn, NewEnrichment(article_id=here, entities=mentions, roles=(),
                                            events=events, quotes=(), summary=None), now=NOW)
    settings = Settings(database_url=engine.url.render_as_string(False))
    with TestClient(create_app(settings, engine=engine)) as client:
        found = client.get(f"/api/articles/{here}").json()["entities"]
    shown = {e["name"]: e["status"] for e in found}
    with engine.connect() as conn:
        kept = statuses(conn, [e["id"] for e in found])
    assert shown == {e["name"]: kept.get(e["id"]) for e in found}
    assert shown == {"Person 0": "dismissed", "Person 1": "died", "Person 2": "arrested",
                     "Person 3": "died", "Person 4": None}


def test_a_persons_roles_are_spelled_from_their_newest_role_mentions(engine: Engine) -> None:
    """`coverage_roles` counts a person's `newest` role mentions, whatever their coverage: an
    office given only before those is not read, and every entity asked for gets its own."""
    mayor = EntityMention(key="p:ann lee", name="Ann Lee", type="PERSON", names=("Ann Lee",),
                          lookup_keys=("ann lee",), mentions=1)
    chief = EntityMention(key="p:bo kim", name="Bo Kim", type="PERSON", names=("Bo Kim",),
                          lookup_keys=("bo kim",), mentions=1)
    for n in range(6):
        here = _article(engine, n, "Harbour")
        role = "Harbour Master" if n < 2 else "Mayor"
        records = [(mayor.key, RoleRecord(role, here, 1, f"{role} Ann Lee.",
                                          NOW + timedelta(days=n)))]
        if n == 0:
            records.append((chief.key, RoleRecord("Fire Chief", here, 1, "Fire Chief Bo Kim.",
                                                  NOW)))
        with engine.begin() as conn:
            save_enrichment(conn, NewEnrichment(
                article_id=here, entities=(mayor, chief) if n == 0 else (mayor,),
                roles=tuple(records), events=(), quotes=(), summary=None), now=NOW)
    with engine.connect() as conn:
        ids = {row.name: row.id for row in conn.execute(select(entities.c.id, entities.c.name))}
        newest = coverage_roles(conn, ids.values(), newest=4)
        whole = coverage_roles(conn, ids.values(), newest=100)
    assert newest[ids["Ann Lee"]] == Counter({"Mayor": 4})
    assert whole[ids["Ann Lee"]] == Counter({"Harbour Master": 2, "Mayor": 4})
    assert list(whole[ids["Ann Lee"]]) == ["Harbour Master", "Mayor"], "in the order given"
    assert newest[ids["Bo Kim"]] == whole[ids["Bo Kim"]] == Counter({"Fire Chief": 1})
