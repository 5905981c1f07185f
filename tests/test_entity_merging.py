"""One person is one entity in a database that runs for months, on SQLite and PostgreSQL:
articles enriched batch after batch in an unlucky order (the surname alone before the full
name) end with one entity, a forced enrichment keeps it so, two full names sharing the surname
keep it apart, and `tidings doctor` finds (and `--repair` merges) what older code left."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from test_entity_merges import MUGABE, SURNAME, articles, enrich_by_hand, entity_id, mention
from tidings.cli import app as cli_app
from tidings.config import Settings
from tidings.model import NewArticle
from tidings.pipeline.clustering import cluster_pending
from tidings.pipeline.enriching import enrich_pending
from tidings.pipeline.entity_merging import merge_all
from tidings.store.articles import save_article
from tidings.store.entity_merges import merged_into
from tidings.store.schema import article_entities, entities

START = datetime(2024, 3, 4, 8, tzinfo=UTC)


def settings_of(engine: Engine) -> Settings:
    return Settings(database_url=engine.url.render_as_string(False))  # type: ignore[arg-type]


ELECTION = "Zimbabwe election to go ahead despite violence in Harare"


def batch(engine: Engine, *reports: tuple[str, str], title: str = ELECTION) -> int:
    """Store these (outlet, text) reports under `title`, cluster and enrich them: one
    enrichment batch; how many entities it merged."""
    with engine.connect() as conn:
        stored = conn.execute(select(entities.c.id)).all()
    with engine.begin() as conn:
        for outlet, text in reports:
            at = START + timedelta(hours=len(stored) + len(text) % 7)
            save_article(conn, NewArticle(
                url=f"https://{outlet.lower()}.example/{abs(hash(text))}",
                title=title, text=text,
                source=outlet, published_at=at), now=at)
    cluster_pending(engine, settings_of(engine))
    return enrich_pending(engine, settings_of(engine)).merged


def people(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(entities.c.name, entities.c.article_count)
                                 .where(entities.c.type == "PERSON")).all())


EARLY = [("Wire", "Mugabe said on Monday that the presidential election in Zimbabwe would go "
                  "ahead in June despite the violence in Harare."),
         ("Paper", "Mugabe told supporters in Harare that the presidential election would go "
                   "ahead in June despite the violence.")]
LATER = ("Wire", "President Robert Mugabe said the presidential election in Zimbabwe would go "
                 "ahead in June despite the violence in Harare, officials said.")


def test_a_surname_enriched_before_the_full_name_joins_it_after_the_next_batch(engine):
    assert batch(engine, *EARLY) == 0
    assert people(engine)["Mugabe"] == 2
    short = entity_id(engine, "person:mugabe")
    assert batch(engine, LATER) == 1
    assert people(engine) == {"Robert Mugabe": 3}
    full = entity_id(engine, "person:robert mugabe")
    with engine.connect() as conn:
        assert merged_into(conn, short) == full
    report = enrich_pending(engine, settings_of(engine), force=True)
    assert report.enriched == 3 and people(engine) == {"Robert Mugabe": 3}
    assert batch(engine, ("Daily", "Mugabe said in Harare that the election in Zimbabwe "
                                   "would go ahead.")) == 0
    assert people(engine) == {"Robert Mugabe": 4}  # the surname alone: his, stored as his


def test_two_full_names_sharing_the_surname_leave_it_alone(engine):
    batch(engine, *EARLY)
    batch(engine, LATER, ("Paper", "Grace Mugabe said in Harare that the presidential "
                                   "election in Zimbabwe would go ahead in June despite the "
                                   "violence."))
    assert people(engine) == {"Mugabe": 2, "Robert Mugabe": 1, "Grace Mugabe": 1}


def test_a_surname_no_story_ties_to_the_full_name_stays_apart(engine):
    batch(engine, *EARLY)
    batch(engine, ("Wire", "Robert Mugabe opened a new hospital in Bulawayo on Friday, the "
                           "health ministry said."), title="New hospital opens in Bulawayo")
    assert {"Mugabe", "Robert Mugabe"} <= set(people(engine))


def test_doctor_finds_the_duplicates_older_code_left_and_repair_merges_them(engine, db_url,
                                                                           monkeypatch):
    ids = articles(engine, 3)  # one outlet, each article its own story: none ties them
    enrich_by_hand(engine, ids[0], mention(SURNAME))
    enrich_by_hand(engine, ids[1], mention(SURNAME), mention(MUGABE))
    enrich_by_hand(engine, ids[2], mention(MUGABE))
    with engine.begin() as conn:  # an entity no article names any more
        conn.execute(article_entities.delete().where(article_entities.c.article_id == ids[2]))
    monkeypatch.setenv("TIDINGS_DATABASE_URL", db_url)
    runner = CliRunner()
    checked = runner.invoke(cli_app, ["doctor"])
    assert checked.exit_code == 1, checked.output
    assert "1 whose article count no article backs" in checked.output
    assert "1 people the coverage shows to be another" in checked.output
    assert "'Mugabe'" in checked.output

    repaired = runner.invoke(cli_app, ["doctor", "--repair"])
    assert repaired.exit_code == 0, repaired.output
    assert "1 recounted, 1 duplicate people merged" in repaired.output
    assert people(engine) == {"Robert Mugabe": 2}
    assert runner.invoke(cli_app, ["doctor"]).exit_code == 0


BOLTON = ("person:john bolton", "John Bolton")
BOLTON_R = ("person:john r bolton", "John R. Bolton")
TRUMP = ("person:donald trump", "Donald Trump")
ROE = ("person:jane roe", "Jane Roe")
ROE_Q = ("person:jane q roe", "Jane Q. Roe")


def test_a_name_without_its_middle_initial_joins_the_full_name_whose_people_it_keeps(engine):
    """No story ties "John Bolton" to "John R. Bolton" (each article its own story), but the
    articles naming one name the other's people: one person. "Jane Roe" and "Jane Q. Roe",
    in no one's company, stay apart."""
    ids = articles(engine, 5)
    enrich_by_hand(engine, ids[0], mention(BOLTON), mention(TRUMP))
    enrich_by_hand(engine, ids[1], mention(BOLTON), mention(TRUMP))
    enrich_by_hand(engine, ids[2], mention(BOLTON_R), mention(TRUMP))
    enrich_by_hand(engine, ids[3], mention(ROE))
    enrich_by_hand(engine, ids[4], mention(ROE_Q))
    report = merge_all(engine)
    assert [(m.name, m.into_name) for m in report.merged] == [("John Bolton", "John R. Bolton")]
    assert people(engine) == {"John R. Bolton": 3, "Donald Trump": 3, "Jane Roe": 1,
                              "Jane Q. Roe": 1}


MALIKI = ("person:nouri al maliki", "Nouri al-Maliki")
MALIKI_U = ("person:nuri al maliki", "Nuri al-Maliki")
BUSH = ("person:george w bush", "George W. Bush")
SINIORA = ("person:fouad siniora", "Fouad Siniora")
SINIORA_U = ("person:fuad siniora", "Fuad Siniora")


def test_two_spellings_of_a_name_in_one_company_are_one_person(engine):
    """No story ties "Nuri al-Maliki" to "Nouri al-Maliki", but the articles naming the one
    name the other's people: one person. "Fuad" and "Fouad Siniora", in no one's company,
    stay apart."""
    ids = articles(engine, 6)
    enrich_by_hand(engine, ids[0], mention(MALIKI), mention(BUSH))
    enrich_by_hand(engine, ids[1], mention(MALIKI))
    enrich_by_hand(engine, ids[2], mention(MALIKI_U), mention(BUSH))
    enrich_by_hand(engine, ids[3], mention(SINIORA))
    enrich_by_hand(engine, ids[4], mention(SINIORA))
    enrich_by_hand(engine, ids[5], mention(SINIORA_U))
    report = merge_all(engine)
    assert [(m.name, m.into_name) for m in report.merged] == [("Nuri al-Maliki",
                                                               "Nouri al-Maliki")]
    assert people(engine) == {"Nouri al-Maliki": 3, "George W. Bush": 2, "Fouad Siniora": 2,
                              "Fuad Siniora": 1}


RUMSFELD = ("person:donald rumsfeld", "Donald Rumsfeld")
RUMSFELD_H = ("person:donald h rumsfeld", "Donald H. Rumsfeld")
MOBIUS = ("person:hans mobius", "Hans Mobius")
MOBIUS_J = ("person:hans j mobius", "Hans J. Mobius")
MOBIUS_S = ("person:hans s mobius", "Hans S. Mobius")


def test_a_name_more_covered_than_its_one_fuller_form_joins_it_by_the_fuller_ones_company(
        engine):
    """"Donald H. Rumsfeld" in one article, beside the people "Donald Rumsfeld" keeps in one
    of his three (the others in no one's company): one person. "Hans Mobius" is claimed by
    two full names ("Hans J." and "Hans S. Mobius"), all in one company: they stay apart."""
    ids = articles(engine, 7)
    enrich_by_hand(engine, ids[0], mention(RUMSFELD), mention(BUSH))
    enrich_by_hand(engine, ids[1], mention(RUMSFELD))
    enrich_by_hand(engine, ids[2], mention(RUMSFELD))
    enrich_by_hand(engine, ids[3], mention(RUMSFELD_H), mention(BUSH))
    enrich_by_hand(engine, ids[4], mention(MOBIUS), mention(MALIKI))
    enrich_by_hand(engine, ids[5], mention(MOBIUS_J), mention(MALIKI))
    enrich_by_hand(engine, ids[6], mention(MOBIUS_S), mention(MALIKI))
    report = merge_all(engine)
    assert [(m.name, m.into_name) for m in report.merged] == [("Donald Rumsfeld",
                                                               "Donald H. Rumsfeld")]
    assert people(engine) == {"Donald H. Rumsfeld": 4, "George W. Bush": 2, "Hans Mobius": 1,
                              "Hans J. Mobius": 1, "Hans S. Mobius": 1, "Nouri al-Maliki": 3}


ALITO = ("person:alito", "Alito")
ALITO_S = ("person:samuel alito", "Samuel Alito")
ALITO_SA = ("person:samuel a alito", "Samuel A. Alito")


def test_a_repair_merges_what_an_earlier_merge_of_its_pass_settles(engine):
    """"Alito" is claimed by "Samuel Alito" and "Samuel A. Alito" until the first goes into
    the second, later in the same pass: the repair passes again and merges it too."""
    ids = articles(engine, 3)
    for i, person in zip(ids, (ALITO, ALITO_S, ALITO_SA), strict=True):
        enrich_by_hand(engine, i, mention(person), mention(BUSH))
    report = merge_all(engine)
    assert [(m.name, m.into_name) for m in report.merged] == [
        ("Samuel Alito", "Samuel A. Alito"), ("Alito", "Samuel A. Alito")]
    assert people(engine) == {"Samuel A. Alito": 3, "George W. Bush": 3}
