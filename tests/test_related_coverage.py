"""The article page's related coverage on both databases: the same story's other outlets, then
the leads of nearby stories (the most blocking keys shared), read in a fixed number of
statements whatever the story's size; Latest's count; whether there is more than one outlet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, event, update

from tidings.model import NewArticle, Story
from tidings.store import articles as article_store
from tidings.store import coverage
from tidings.store import stories as story_store
from tidings.store.articles import save_article
from tidings.store.schema import articles

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _article(engine: Engine, title: str, source: str, minutes: int) -> int:
    with engine.begin() as conn:
        return save_article(conn, NewArticle(
            url=f"https://{source.lower()}.example/{title.replace(' ', '-')}", title=title,
            text=f"{title}. As {source} reported.", source=source,
            published_at=NOW + timedelta(minutes=minutes)), now=NOW).article_id


def _story(engine: Engine, story_id: int, keys: list[str], members: list[int] = ()) -> int:
    """A story row filed under `keys`, with `members` as its articles, as clustering leaves
    it (its id the id of its first article when it has one)."""
    story = Story(id=story_id, title=f"Story {story_id}", label="", first_seen_at=NOW,
                  last_seen_at=NOW, first_source="Wire", article_count=max(1, len(members)),
                  source_count=1)
    record = {"vector_sum": b"", "title_sum": b"", "headline_vectors": b""}
    with engine.begin() as conn:
        story_store.save_stories(conn, [story_store.StoryWrite(story, record, tuple(keys))],
                                 now=NOW)
        if members:
            conn.execute(update(articles).where(articles.c.id.in_(members))
                         .values(story_id=story_id))
    return story_id


def _similar(engine: Engine, story_id: int, limit: int = 4, min_share: float = 0.0
             ) -> list[int]:
    with engine.connect() as conn:
        return story_store.similar_stories(conn, story_id, limit=limit, min_share=min_share)


def test_nearby_stories_share_the_most_keys_and_at_least_two(engine: Engine):
    me = _story(engine, 1000, ["e:harbour", "e:mayor", "t:dam", "t:flood", "t:vote"])
    _story(engine, 1001, ["e:harbour", "t:dam"])                      # shares 2
    _story(engine, 1002, ["e:harbour", "e:mayor", "t:dam", "t:x"])     # shares 3
    _story(engine, 1003, ["t:vote", "t:other"])                       # shares 1: not nearby
    _story(engine, 999, ["e:harbour", "t:flood", "t:y"])               # shares 2, older
    _story(engine, 1004, ["t:unrelated", "e:elsewhere"])
    assert _similar(engine, me) == [1002, 1001, 999], "most shared, then newest first"
    assert _similar(engine, me, limit=1) == [1002]
    assert _similar(engine, 1003) == [], "one shared key is not enough"
    assert _similar(engine, 424242) == [], "no such story"


def test_a_nearby_story_shares_a_least_share_of_the_keys(engine: Engine):
    """A small database: a story of the usual 32 keys has two in common with an unrelated one
    (a common term, a common country) and three with a related one; the article page's share
    (`coverage.NEARBY_MIN_SHARE`) keeps only the related one, while a headline's story of
    eight keys still finds one sharing two."""
    share = coverage.NEARBY_MIN_SHARE
    own = [f"t:term{n}" for n in range(20)] + [f"e:name{n}" for n in range(12)]
    me = _story(engine, 2000, own)
    unrelated = _story(engine, 2001, ["t:term0", "e:name0", "t:elsewhere"])
    related = _story(engine, 2002, ["t:term1", "t:term2", "e:name1", "t:more"])
    assert _similar(engine, me) == [related, unrelated], "without a share: two keys do"
    assert _similar(engine, me, min_share=share) == [related]
    headline = _story(engine, 2003, [f"t:word{n}" for n in range(8)])
    alike = _story(engine, 2004, ["t:word0", "t:word1", "t:other"])
    assert _similar(engine, headline, min_share=share) == [alike]
    assert _similar(engine, related, min_share=share) == [me], "a share of its own keys"
    first = _article(engine, "Harbour dam vote", "Harbour", 0)
    _story(engine, 2005, own, [first])
    lonely = _article(engine, "Elsewhere", "Valley", 1)
    _story(engine, 2006, ["t:term0", "e:name0"], [lonely])
    with engine.connect() as conn:
        here = article_store.get_article(conn, first)
        assert here is not None
        shown = [r.article.id for r in coverage.related_coverage(conn, here) if not r.same_story]
    assert lonely not in shown, "the article page asks for the share"


def test_a_common_key_counts_only_the_stories_nearest_in_time(engine: Engine):
    """However many stories a key gathers, only NEARBY_PER_KEY either side of a story are
    read under it: a story sharing two common keys far off is not counted, one sharing a
    rare key and a common one close by is."""
    bound = story_store.NEARBY_PER_KEY
    common = ["e:government", "t:minister"]
    far = _story(engine, 10, common)
    fillers = 2 * (bound + 5)
    for n in range(fillers):
        _story(engine, 100 + n, [common[n // (bound + 5)]])
    me = _story(engine, 100 + fillers, [*common, "e:rare name"])
    close = _story(engine, me + 1, ["e:rare name", "e:government"])
    assert _similar(engine, me) == [close]
    assert _similar(engine, far) == [], "the same bound holds looking forward"


def test_related_coverage_is_the_story_then_the_leads_of_nearby_stories(engine: Engine):
    ids = {name: _article(engine, f"Dam {name}", source, minutes)
           for name, source, minutes in [("here", "Harbour", 0), ("wire", "Wire", 5),
                                         ("wire2", "Wire", 9), ("valley", "Valley", 3),
                                         ("again", "Harbour", 7)]}
    story = _story(engine, ids["here"], ["e:dam", "e:harbour", "t:flood"], list(ids.values()))
    older = _article(engine, "Flood warning", "Valley", -60)
    newest = _article(engine, "Flood waters recede", "Wire", -30)
    copy = _article(engine, "Flood waters recede (copy)", "Ledger", -20)
    with engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id == copy).values(duplicate_of=newest))
    nearby = _story(engine, older, ["e:dam", "t:flood"], [older, newest, copy])
    only_copies = _article(engine, "Dam copy", "Ledger", -10)
    with engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id == only_copies)
                     .values(duplicate_of=ids["wire"]))
    _story(engine, only_copies, ["e:dam", "e:harbour"], [only_copies])
    with engine.connect() as conn:
        here = article_store.get_article(conn, ids["here"])
        assert here is not None and here.story_id == story
        related = coverage.related_coverage(conn, here)
    assert _similar(engine, story) == [only_copies, nearby]
    same = [r.article.id for r in related if r.same_story]
    assert same == [ids["wire2"], ids["valley"], ids["again"], ids["wire"]], \
        "other outlets first (their newest), then the rest newest first"
    assert [r.article.id for r in related if not r.same_story] == [newest], \
        "a nearby story stands by its newest original; one of copies alone shows nothing"
    assert all(r.article.text and r.article.title for r in related), \
        "the articles come whole (a card's excerpt is of the text)"
    assert not any(r.article.urls for r in related), "but not their URLs: no card shows them"


def test_related_coverage_takes_the_same_statements_however_many_stories(engine: Engine):
    """The same story's articles and every nearby story's lead are read together: the
    statement count does not grow with them (it once took two per nearby story)."""
    def statements_for(article_id: int) -> int:
        seen: list[str] = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            with engine.connect() as conn:
                article = article_store.get_article(conn, article_id)
                assert article is not None
                seen.clear()
                coverage.related_coverage(conn, article)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    keys = ["e:a", "e:b", "t:c"]
    first = [_article(engine, f"First {n}", f"Outlet {n}", n) for n in range(2)]
    story = _story(engine, first[0], keys, first)
    lead = _article(engine, "Near 0", "Valley", -1)
    _story(engine, lead, keys, [lead])
    before = statements_for(first[0])
    more = [_article(engine, f"More {n}", f"Outlet {n + 2}", n) for n in range(10)]
    with engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id.in_(more)).values(story_id=story))
    for n in range(1, 4):
        lead = _article(engine, f"Near {n}", "Valley", -n - 1)
        _story(engine, lead, keys, [lead])
    assert statements_for(first[0]) == before
    with engine.connect() as conn:
        article = article_store.get_article(conn, first[0])
        assert article is not None
        related = coverage.related_coverage(conn, article)
    assert sum(r.same_story for r in related) == coverage.RELATED_SAME_STORY
    assert sum(not r.same_story for r in related) == coverage.RELATED_NEARBY


def test_latest_count_is_one_per_story_and_one_per_article_in_none(engine: Engine):
    told = [_article(engine, f"Told {n}", "Wire", n) for n in range(3)]
    _story(engine, told[0], ["t:a"], told)
    loose = [_article(engine, f"Loose {n}", "Valley", n) for n in range(2)]
    copy = _article(engine, "Loose copy", "Ledger", 9)
    copied = _article(engine, "Copied lead", "Ledger", 10)
    with engine.begin() as conn:
        conn.execute(update(articles).where(articles.c.id.in_([copy, copied]))
                     .values(duplicate_of=loose[0]))
    _story(engine, copied, ["t:b"], [copied])  # a story of copies alone has no place
    with engine.connect() as conn:
        listed = coverage.latest_by_story(conn, limit=50)
        assert {a.id for a in listed} == {told[2], *loose}
        assert coverage.count_latest_by_story(conn) == len(listed) == 3


def test_several_sources(engine: Engine):
    with engine.connect() as conn:
        assert not article_store.several_sources(conn)
    for n in range(3):
        _article(engine, f"One {n}", "Wire", n)
    with engine.connect() as conn:
        assert not article_store.several_sources(conn)
    _article(engine, "Other", "Valley", 0)
    with engine.connect() as conn:
        assert article_store.several_sources(conn)
