"""Roles the parse states but that the rules missed: a copula conjoined to the person's own
verb, a rank split by the tokenizer, plural titles the tagger misread and list names the parse
hangs on one another; each with the case that must give no role."""

from __future__ import annotations

import pytest

from typed_entities import events_of, people, roles


def test_copula_conjoined_to_the_persons_verb_gives_its_role() -> None:
    found = roles("Mark Sheridan works for the firm and is general counsel for the party.")
    assert "general counsel for the party" in found["Mark Sheridan"]


@pytest.mark.parametrize(
    "text",
    [
        "Mark Sheridan works for the firm and is not counsel for the party.",
        "Mark Sheridan is not the governor of the state.",
        "Mark Sheridan was never named captain of the club.",
        "Mark Sheridan works for the firm and Anne Cole is general counsel for the party.",
    ],
)
def test_negated_or_someone_elses_copula_gives_no_role(text: str) -> None:
    assert not roles(text).get("Mark Sheridan")


def test_rank_split_from_its_full_stop_is_a_role() -> None:
    found = roles("Senator Richard Durbin of Illinois, the Senate\u2019s No. 2 Democrat, spoke.")
    assert any("No. 2 Democrat" in role for role in found["Richard Durbin"])


def test_no_without_a_number_is_no_rank() -> None:
    found = roles("Richard Durbin, the Senate\u2019s no nonsense Democrat, spoke on Monday.")
    assert not any("Democrat" in role for role in found.get("Richard Durbin", set()))


def test_plural_title_the_tagger_took_for_a_comparative_goes_to_each_name() -> None:
    found = roles("They join defenseman Nicklas Lidstrom and forwards Henrik Zetterberg and "
                  "Pavel Datsyuk of the Red Wings.")
    assert found["Nicklas Lidstrom"] == {"defenseman"}
    assert found["Pavel Datsyuk"] == {"forwards"}


def test_plural_title_before_names_the_parse_hangs_on_each_other() -> None:
    text = ("Centers Ryan Getzlaf of the Anaheim Ducks, Anze Kopitar of the Los Angeles Kings "
            "and Paul Stastny of the Colorado Avalanche were named to the team.")
    assert {"Ryan Getzlaf", "Anze Kopitar", "Paul Stastny"} <= people(text)
    found = roles(text)
    assert all(found[p] == {"Center"} for p in ("Ryan Getzlaf", "Anze Kopitar", "Paul Stastny"))


def test_singular_title_stays_with_the_first_name_of_a_list() -> None:
    found = roles("Coach Ryan Getzlaf, Anze Kopitar and Paul Stastny were named to the team.")
    assert found["Ryan Getzlaf"] == {"Coach"}
    assert not found.get("Anze Kopitar") and not found.get("Paul Stastny")


def test_centre_is_a_position_only_right_before_a_name() -> None:
    found = roles("Sale hit back when centre Chris Baxter crossed the line for Sale.")
    assert found["Chris Baxter"] == {"centre"}
    text = "Smith was at the centre of the row, said the director of the centre, Anne Jones."
    assert roles(text)["Anne Jones"] == {"director of the centre"}


@pytest.mark.parametrize(
    ("text", "person", "role", "event"),
    [
        ("Voters elected John Smith president on Tuesday.", "John Smith", "president",
         "elected"),
        ("Obama appointed Mary Jones ambassador to France in 2009.", "Mary Jones",
         "ambassador to France", "appointed"),
        ("The club appointed Mark Hughes manager in June.", "Mark Hughes", "manager",
         "appointed"),
        ("The company has named Dan Hesse chief executive.", "Dan Hesse", "chief executive",
         "appointed"),
    ],
)
def test_post_given_by_a_verb_whose_two_objects_the_parse_ran_together(
    text: str, person: str, role: str, event: str
) -> None:
    assert role in roles(text)[person]
    assert (person, event) in events_of(text)


def test_the_giver_does_not_get_the_post_given() -> None:
    found = roles("Obama named Mary Jones secretary of state.")
    assert "Obama" not in found
    assert found["Mary Jones"] == {"secretary of state"}


@pytest.mark.parametrize(
    "text",
    [
        "The party did not name Mark Hughes leader.",
        "The party may name Mark Hughes leader next year.",
        "Critics want the board to appoint Mark Hughes manager.",
        "If the party elected Mark Hughes leader, it would split.",
        "The party refused to elect Mark Hughes leader.",
    ],
)
def test_a_post_not_given_is_no_role_and_no_event(text: str) -> None:
    assert not roles(text).get("Mark Hughes")
    assert not events_of(text)


def test_a_name_inside_a_phrase_that_opens_with_an_article_is_no_holder() -> None:
    assert not events_of("The governor appointed a Bush adviser on Monday.")


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("Patrick honored the principle by picking Kennedy's longtime chief of staff, "
         "Paul Kirk.", "Paul Kirk", "Kennedy's longtime chief of staff"),
        ("The plan was run by one of Christie's deputy chiefs of staff, Bridget Kelly, and "
         "his campaign manager, Bill Stepien.", "Bridget Kelly",
         "Christie's deputy chief of staff"),
    ],
)
def test_name_the_parse_left_stranded_after_a_role_is_its_apposition(
    text: str, person: str, role: str
) -> None:
    assert role in roles(text)[person]


@pytest.mark.parametrize(
    "text",
    [
        "After meeting the president, John Smith said the talks went well.",
        "He thanked the chief of staff of Senator Mark Hughes, John Smith, for his help.",
    ],
)
def test_a_name_after_someone_elses_role_is_not_stranded(text: str) -> None:
    assert not roles(text).get("John Smith")


@pytest.mark.parametrize(
    "text",
    [
        "As mayor of Boston, John Smith has cut taxes.",
        "John Smith, who served as mayor of Boston, spoke on Monday.",
        "John Smith, who became mayor of Boston in 2004, spoke on Monday.",
    ],
)
def test_fronted_as_and_relative_clauses_of_holding_give_the_post(text: str) -> None:
    assert roles(text)["John Smith"] == {"mayor of Boston"}


@pytest.mark.parametrize(
    "text",
    [
        "As a child, John Smith lived in Boston.",
        "John Smith, who is not a lawyer, spoke on Monday.",
        "John Smith, who will become mayor of Boston, spoke on Monday.",
        "John Smith, who wants to become mayor of Boston, spoke on Monday.",
    ],
)
def test_no_post_from_a_description_a_negation_or_a_time_to_come(text: str) -> None:
    assert not roles(text).get("John Smith")


def test_fronted_as_is_the_subjects_not_the_objects() -> None:
    found = roles("As president, John Smith made Mary Jones a member of the board.")
    assert found["John Smith"] == {"president"}
    assert "president" not in found.get("Mary Jones", set())


def test_a_copula_whose_own_subject_the_parse_lost_is_not_the_first_subjects() -> None:
    found = roles("David Javerbaum is the executive producer of The Daily Show and Schlesinger "
                  "is a member of the band Fountains of Wayne.")
    assert not any("member" in role for role in found.get("David Javerbaum", set()))


def test_an_apposition_after_a_later_name_of_the_list_is_that_names() -> None:
    found = roles("Senators Dianne Feinstein of California, the chairwoman of the Intelligence "
                  "Committee, and Saxby Chambliss of Georgia, the ranking Republican on the "
                  "panel, invited every senator to a briefing.")
    assert "ranking Republican on the panel" not in found["Dianne Feinstein"]
    assert found["Saxby Chambliss"] == {"ranking Republican on the panel"}


def test_a_name_after_the_first_names_apposition_takes_none_of_it() -> None:
    found = roles("Dianne Feinstein, the chairwoman of the committee, and Saxby Chambliss met "
                  "on Monday.")
    assert found["Dianne Feinstein"] == {"chairwoman of the committee"}
    assert not found.get("Saxby Chambliss")


@pytest.mark.parametrize(
    "text",
    [
        "Ferguson rested players, since in the absence of the injured Carlos Tevez the England "
        "striker would have brought menace.",
        "You have only heard about Carlos Tevez the artist.",
    ],
)
def test_a_phrase_not_set_off_from_the_name_is_no_apposition(text: str) -> None:
    assert not roles(text).get("Carlos Tevez")


@pytest.mark.parametrize(
    "text",
    [
        "Carlos Tevez, the Argentina striker, scored twice.",
        "Carlos Tevez (the Argentina striker) scored twice.",
    ],
)
def test_an_apposition_set_off_by_a_mark_is_the_names(text: str) -> None:
    assert roles(text)["Carlos Tevez"] == {"Argentina striker"}


def test_an_unmarked_apposition_of_a_subject_is_its_role() -> None:
    found = roles("Sharan Burrow the president of the ACTU has told ABC radio that it must act.")
    assert "president of the ACTU" in found["Sharan Burrow"]


def test_a_plural_apposition_after_a_list_is_each_ones() -> None:
    found = roles("Wayne David, Ian Lucas and David Wright, the resigning ministers, signed a "
                  "letter on Monday.")
    assert all(found[p] for p in ("Wayne David", "Ian Lucas", "David Wright"))
