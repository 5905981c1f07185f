"""An entity page reads a much-named entity's newest articles and quotes by walking the
articles newest first (`store.entities.WALKED`), a small one's by sorting all of them: both
give the same newest first, and the neighbourhood counts companions in the entity's newest
articles alone."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import partial

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from tidings.config import Settings
from tidings.model import EventRecord, NewArticle, QuoteRecord, RoleRecord
from tidings.server import create_app
from tidings.store import cooccurrence
from tidings.store import entities as entity_store
from tidings.store.articles import save_article
from tidings.store.enrichment import NewEnrichment, save_enrichment
from tidings.store.entities import EntityMention, entity_profile
from tidings.store.schema import entities
from tidings.web import neighbourhoods

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
HOURS = [5, 1, 9, 9, 3, 7, 2, 9, 4, 8, 6, 0]
"""Publication hour of each article, in the order stored: ties and times out of id order."""


def _mention(name: str) -> EntityMention:
    key = f"person:{name.lower()}"
    return EntityMention(key=key, name=name, type="PERSON", names=(name,), lookup_keys=(key,),
                         mentions=1)


def _store(engine: Engine) -> tuple[list[int], dict[str, int]]:
    """Ada in every article but the last two, quoted in every other; Ben in the first two
    and the last; Cy in the odd ones."""
    ids = []
    with engine.begin() as conn:
        for n, hour in enumerate(HOURS):
            article_id = save_article(conn, NewArticle(
                url=f"https://wire.example/{n}", title=f"Dam vote {n}", text=f"Vote {n}.",
                source="Wire", published_at=NOW + timedelta(hours=hour)), now=NOW).article_id
            names = [name for name, yes in (("Ada Okafor", n < 10), ("Ben Haddad", n in (0, 1, 11)),
                                            ("Cy Moreau", n % 2 == 1)) if yes]
            quote = QuoteRecord(f"Said {n}.", "Ada Okafor", None, None, article_id, 1)
            said = (("person:ada okafor", quote),) if n < 10 and n % 2 == 0 else ()
            save_enrichment(conn, NewEnrichment(article_id, tuple(map(_mention, names)), (), (),
                                                said, None), now=NOW)
            ids.append(article_id)
        named = dict(conn.execute(select(entities.c.name, entities.c.id)).all())
    return ids, named


@pytest.mark.parametrize("walked", [0, 1000])
def test_newest_articles_and_quotes_whether_walked_or_sorted(
        engine: Engine, monkeypatch: pytest.MonkeyPatch, walked: int) -> None:
    monkeypatch.setattr(entity_store, "WALKED", walked)
    ids, named = _store(engine)
    hour = dict(zip(ids, HOURS, strict=True))
    newest = sorted(ids[:10], key=lambda i: (hour[i], i), reverse=True)
    with engine.connect() as conn:
        profile = entity_profile(conn, named["Ada Okafor"], limit=4)
        few = entity_profile(conn, named["Ben Haddad"], limit=4)
    assert profile is not None and few is not None
    assert [a.id for a in profile.articles] == newest[:4]
    quoted = [i for i in newest if ids.index(i) % 2 == 0]
    assert [q.article_id for q in profile.quotes] == quoted[:4]
    assert [a.id for a in few.articles] == sorted(
        [ids[0], ids[1], ids[11]], key=lambda i: (hour[i], i), reverse=True)
    assert few.quotes == ()


def test_the_neighbourhood_is_that_of_the_newest_articles(engine: Engine) -> None:
    _, named = _store(engine)
    with engine.connect() as conn:
        hood = cooccurrence.neighbourhood(conn, named["Ada Okafor"], "Ada Okafor", "PERSON",
                                          newest=3)
        whole = cooccurrence.neighbourhood(conn, named["Ada Okafor"], "Ada Okafor", "PERSON")
    # Ada's three newest by id: articles 7, 8 and 9 of the list, where Cy is in 7 and 9.
    assert [(c.name, c.shared) for c in hood.companions] == [("Cy Moreau", 2)]
    assert hood.links == ()
    assert [(c.name, c.shared) for c in whole.companions] == [("Cy Moreau", 5),
                                                              ("Ben Haddad", 2)]
    ben, cy = named["Ben Haddad"], named["Cy Moreau"]
    assert whole.links == ((min(ben, cy), max(ben, cy), 1),)


def test_a_profile_lists_the_newest_events_in_date_order(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(entity_store, "EVENTS", 3)
    ids, named = _store(engine)
    days = [date(2026, 1, d) for d in (5, 2, 9, 7)] + [None]
    with engine.begin() as conn:
        save_enrichment(conn, NewEnrichment(
            ids[0], (_mention("Ada Okafor"),), (),
            tuple(("person:ada okafor", EventRecord("elected", None, day, ids[0], n, f"E {n}."))
                  for n, day in enumerate(days)), (), None), now=NOW)
        profile = entity_profile(conn, named["Ada Okafor"])
    assert profile is not None
    assert [e.date for e in profile.events] == [date(2026, 1, 5), date(2026, 1, 7),
                                                date(2026, 1, 9)]


def test_companions_past_the_limit_are_cut_by_name_among_equals(engine: Engine) -> None:
    """Zed with Dee in two articles and with Cal, Bea and Abe (stored in that order, so ids
    run against the names) in one each: two companions are Dee, then Abe of the three tied;
    Eve, alone in her article, has none."""
    with engine.begin() as conn:
        for n, others in enumerate((["Dee Byrne", "Cal Reyes"], ["Dee Byrne", "Bea Tanaka"],
                                    ["Abe Moreau"], None)):
            article_id = save_article(conn, NewArticle(
                url=f"https://wire.example/z{n}", title=f"Zed {n}", text=f"Zed {n}.",
                source="Wire", published_at=NOW + timedelta(hours=n)), now=NOW).article_id
            names = ["Eve Kowalski"] if others is None else ["Zed Haddad", *others]
            save_enrichment(conn, NewEnrichment(article_id, tuple(map(_mention, names)), (), (),
                                                (), None), now=NOW)
        named = dict(conn.execute(select(entities.c.name, entities.c.id)).all())
        hood = cooccurrence.neighbourhood(conn, named["Zed Haddad"], "Zed Haddad", "PERSON",
                                          limit=2)
        abe = cooccurrence.neighbourhood(conn, named["Abe Moreau"], "Abe Moreau", "PERSON")
        alone = cooccurrence.neighbourhood(conn, named["Eve Kowalski"], "Eve Kowalski", "PERSON")
    assert named["Cal Reyes"] < named["Bea Tanaka"] < named["Abe Moreau"]
    assert [(c.name, c.shared) for c in hood.companions] == [("Dee Byrne", 2), ("Abe Moreau", 1)]
    assert [(c.name, c.shared) for c in abe.companions] == [("Zed Haddad", 1)]
    assert alone.companions == alone.links == hood.links == abe.links == ()


def test_statuses_are_each_entitys_latest_dated_event_a_death_last_on_its_day(
        engine: Engine) -> None:
    """Ada: elected on the 5th, died then resigned (stored after) on the 9th, arrested with
    no date: died. Cy: only undated events, none a death: history, no status ("in 2009 ...
    after Cy resigned"). Ben: charged with no date, then died with no date ("the late Ben
    Haddad"): died, which no later day undoes."""
    ids, named = _store(engine)
    told = [("Ada Okafor", "elected", date(2026, 1, 5)), ("Ada Okafor", "died", date(2026, 1, 9)),
            ("Ada Okafor", "resigned", date(2026, 1, 9)), ("Ada Okafor", "arrested", None),
            ("Cy Moreau", "resigned", None), ("Cy Moreau", "arrested", None),
            ("Ben Haddad", "arrested", None), ("Ben Haddad", "died", None)]
    with engine.begin() as conn:
        save_enrichment(conn, NewEnrichment(
            ids[1], tuple(map(_mention, ("Ada Okafor", "Cy Moreau", "Ben Haddad"))), (),
            tuple((f"person:{name.lower()}", EventRecord(kind, None, day, ids[1], n, f"E {n}."))
                  for n, (name, kind, day) in enumerate(told)), (), None), now=NOW)
        found = entity_store.statuses(conn, named.values())
    assert found == {named["Ada Okafor"]: "died", named["Ben Haddad"]: "died"}


def test_an_only_undated_event_is_no_badge_on_the_entity_page(engine: Engine) -> None:
    """The page's status badge follows `statuses`: an entity whose one event is undated
    wears none, and one dated event gives it back."""
    ids, named = _store(engine)
    cy = f"person:{'Cy Moreau'.lower()}"
    with engine.begin() as conn:
        save_enrichment(conn, NewEnrichment(ids[1], (_mention("Cy Moreau"),), (), (
            (cy, EventRecord("resigned", None, None, ids[1], 0, "In 2009 Cy resigned.")),),
            (), None), now=NOW)
        undated = entity_profile(conn, named["Cy Moreau"], limit=4)
        save_enrichment(conn, NewEnrichment(ids[3], (_mention("Cy Moreau"),), (), (
            (cy, EventRecord("elected", None, date(2026, 2, 1), ids[3], 0, "Cy won.")),),
            (), None), now=NOW)
        dated = entity_profile(conn, named["Cy Moreau"], limit=4)
    assert undated is not None and dated is not None
    assert undated.entity.status is None
    assert dated.entity.status == "elected"


def test_the_page_cites_an_article_it_does_not_list(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Listing Ada's newest article alone, the page still names the older article that
    gives her role (read by id, without its URLs)."""
    ids, named = _store(engine)
    sentence = "Ada Okafor, the mayor, spoke."
    with engine.begin() as conn:
        save_enrichment(conn, NewEnrichment(
            ids[0], (_mention("Ada Okafor"),),
            (("person:ada okafor", RoleRecord("Mayor", ids[0], 1, sentence, NOW)),), (), (),
            None), now=NOW)
    monkeypatch.setattr(entity_store, "entity_profile", partial(entity_profile, limit=1))
    settings = Settings(database_url=engine.url.render_as_string(False))
    with TestClient(create_app(settings, engine=engine)) as client:
        page = client.get(f"/entities/{named['Ada Okafor']}").text
    assert page.count('class="entity-article-title"') == 1
    cite = rf'<p class="role-cite"><a href="/articles/{ids[0]}#[^"]*">Wire: Dam vote 0</a>'
    assert re.search(cite, page)


def test_a_profile_lists_its_articles_without_text_unless_asked(engine: Engine) -> None:
    """The page and the API show no text, so a profile reads none; the entity feed, which
    shows excerpts, asks for it."""
    _, named = _store(engine)
    with engine.connect() as conn:
        listed = entity_profile(conn, named["Ada Okafor"], limit=3)
        fed = entity_profile(conn, named["Ada Okafor"], limit=3, texts=True)
    assert listed is not None and fed is not None
    assert [a.id for a in listed.articles] == [a.id for a in fed.articles]
    assert all(not a.text for a in listed.articles)
    assert [a.text for a in fed.articles] == [f"Vote {a.title.split()[-1]}." for a in fed.articles]


def _companions_shown(page: str) -> list[str]:
    listed = page.partition('<ul class="companions">')[2].partition("</ul>")[0]
    return re.findall(r'<a href="/entities/\d+">([^<]+)</a>', listed)


def test_a_process_counts_a_neighbourhood_again_when_an_article_names_the_entity_or_time_passes(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two readers of Ada's page in a row: one count. An article naming Ada and Dee: counted
    again at once, Dee shown. Dee named again without Ada (Ada's newest article unchanged):
    the kept count, until `KEPT_SECONDS` pass."""
    _, named = _store(engine)
    counted: list[int] = []
    count = cooccurrence.neighbourhood

    def counting(*args: object, **kwargs: object) -> cooccurrence.Neighbourhood:
        counted.append(1)
        return count(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cooccurrence, "neighbourhood", counting)
    settings = Settings(database_url=engine.url.render_as_string(False))
    page = f"/entities/{named['Ada Okafor']}"
    with TestClient(create_app(settings, engine=engine)) as client:
        first, second = client.get(page).text, client.get(page).text
        assert len(counted) == 1 and first == second
        with engine.begin() as conn:
            article_id = save_article(conn, NewArticle(
                url="https://wire.example/dee", title="Dee and Ada", text="Dee.", source="Wire",
                published_at=NOW), now=NOW).article_id
            save_enrichment(conn, NewEnrichment(article_id, tuple(map(
                _mention, ("Ada Okafor", "Dee Byrne"))), (), (), (), None), now=NOW)
        third = client.get(page).text
        assert len(counted) == 2
        assert "Dee Byrne" in _companions_shown(third)
        assert "Dee Byrne" not in _companions_shown(first)
        client.get(page)
        assert len(counted) == 2
        monkeypatch.setattr(neighbourhoods, "KEPT_SECONDS", 0.0)
        client.get(page)
        assert len(counted) == 3


def test_an_event_told_by_several_articles_is_one_entry_citing_them_all(engine: Engine) -> None:
    """Ada elected on 5 January in three articles (in two sentences), and resigned with no
    date in two: two entries, each citing its first article and naming the others; an
    undated event told in another sentence is another entry."""
    ids, named = _store(engine)
    ada = "person:ada okafor"
    told = [(0, "elected", date(2026, 1, 5), "Ada won."), (1, "elected", date(2026, 1, 5),
            "Ada Okafor was elected."), (2, "elected", date(2026, 1, 5), "Ada won."),
            (3, "resigned", None, "Ada quit."), (4, "resigned", None, "Ada quit."),
            (5, "resigned", None, "Ada left in 2009.")]
    with engine.begin() as conn:
        for n, kind, day, sentence in told:
            save_enrichment(conn, NewEnrichment(ids[n], (_mention("Ada Okafor"),), (), (
                (ada, EventRecord(kind, None, day, ids[n], 0, sentence)),), (), None), now=NOW)
    settings = Settings(database_url=engine.url.render_as_string(False))
    with TestClient(create_app(settings, engine=engine)) as client:
        page = client.get(f"/entities/{named['Ada Okafor']}").text
    timeline = re.search(r'<ol class="timeline">.*?</ol>', page, re.S)
    assert timeline is not None
    entries = re.findall(r"<li>.*?</li>", timeline.group(0), re.S)
    assert len(entries) == 3
    elected = next(e for e in entries if "status-elected" in e)
    assert elected.count("<blockquote") == 1 and "also" in elected
    assert all(f'href="/articles/{ids[n]}"' in elected for n in (1, 2))
    quit_ = next(e for e in entries if "Ada quit." in e)
    assert f'href="/articles/{ids[4]}"' in quit_
