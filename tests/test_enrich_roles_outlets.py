"""Roles as wire services, regional papers and sports desks write them: positions in a team,
trades, posts given by "as" or by an appointing verb, and titles the tagger misreads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tidings.enrich import analyse
from tidings.enrich.nlp import load_nlp
from tidings.enrich.role_names import merge_roles
from tidings.enrich.role_nouns import is_role_noun
from typed_entities import roles

WHEN = datetime(2008, 1, 15, tzinfo=UTC)


def roles_of(text: str) -> dict[str, set[str]]:
    return roles(text, WHEN)


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("Leeds striker Tom Baxter scored twice on Saturday.", "Tom Baxter", "Leeds striker"),
        ("The club sold Dutch midfielder Jan Vermeer to Porto.", "Jan Vermeer", "midfielder"),
        ("Selectors dropped fast bowler Dale Hendry for the Test.", "Dale Hendry", "bowler"),
        ("The squad includes batsman Peter Okafor and two spinners.", "Peter Okafor", "batsman"),
        ("Linebacker Joe Gardner missed practice on Thursday.", "Joe Gardner", "Linebacker"),
        ("Anna Reyes, a meteorologist with the weather service, said snow was due.",
         "Anna Reyes", "meteorologist with the weather service"),
        ("BBC presenter Martin Hale lost his wallet.", "Martin Hale", "BBC presenter"),
    ],
)
def test_sports_and_trade_nouns_are_roles(text: str, person: str, role: str) -> None:
    assert any(role in found for found in roles_of(text)[person])


def test_two_word_position_the_parse_breaks_up() -> None:
    # the tagger reads "running back" as a verb and an adverb
    roles = roles_of("Denver running back Tom Baker ran for 120 yards.")
    assert roles["Tom Baker"] == {"Denver running back"}


def test_hyphenated_position() -> None:
    text = "The coach names his squad amid worries over the fitness of scrum-half Mike Phillips."
    assert roles_of(text)["Mike Phillips"] == {"scrum-half"}


def test_plural_position_over_a_list_is_each_ones() -> None:
    roles = roles_of("Tight ends Vernon Reed and Sam Coleman were rarely used.")
    assert roles["Vernon Reed"] == roles["Sam Coleman"] == {"Tight end"}


def test_a_verb_before_a_title_is_no_part_of_it() -> None:
    roles = roles_of("Andrew Miles beat goalkeeper Rob Denton at the near post.")
    assert roles["Rob Denton"] == {"goalkeeper"}
    assert "Andrew Miles" not in roles


def test_name_words_are_no_roles() -> None:
    doc = load_nlp()("She wrote a report for Amnesty International last year.")
    international = next(t for t in doc if t.text == "International")
    assert international.ent_type_ == "ORG"
    assert not is_role_noun(international)
    doc = load_nlp()("Spain sold the Danish international to Ajax.")
    assert is_role_noun(next(t for t in doc if t.text == "international"))


def test_plural_role_of_conjoined_subjects() -> None:
    roles = roles_of("Tiffany Hart and Andre Wells are producers.")
    assert roles["Tiffany Hart"] == roles["Andre Wells"] == {"producer"}


def test_post_of_a_tenure_noun() -> None:
    roles = roles_of("Paul Reid's resignation as chairman of the board surprised investors.")
    assert roles["Paul Reid"] == {"chairman of the board"}


def test_hoped_for_post_of_a_tenure_noun_is_none() -> None:
    roles = roles_of("Paul Reid's possible appointment as coach worried the fans.")
    assert "Paul Reid" not in roles


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Jayantha Perera, a local businessman, took over as chairperson in 2005.",
         "chairperson"),
        ("Stuart Pearce was sacked as manager of the club last year.", "manager of the club"),
    ],
)
def test_post_given_by_as(text: str, role: str) -> None:
    assert role in next(iter(roles_of(text).values()))


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The Leeds board hired John Smith as its new manager on Monday.",
         "Leeds's new manager"),
        ("Mike Nolan hired John Smith to be his new manager on Tuesday.", "new manager"),
    ],
)
def test_post_an_appointing_verb_gives_its_object(text: str, role: str) -> None:
    assert roles_of(text)["John Smith"] == {role}


def test_post_an_appointing_verb_may_give_is_none() -> None:
    assert "John Smith" not in roles_of("The board may hire John Smith as manager next year.")


def test_defender_of_a_cause_is_no_role() -> None:
    roles = roles_of("Ruth Bader Ginsburg, an ardent defender of women's rights, spoke.")
    assert "Ruth Bader Ginsburg" not in roles
    assert roles_of("Arsenal defender Kolo Toure spoke.")["Kolo Toure"] == {"Arsenal defender"}


def test_unnamed_trade_has_no_status_event() -> None:
    events = analyse("", "Her translator was killed in the attack, said Ann Lee.", WHEN).events
    assert not events
    text = "Mayor Tom Hill opened the fair. The mayor was killed in the attack, said Ann Lee."
    events = analyse("", text, WHEN).events
    assert [(e.person, e.role, e.type) for e in events] == [("Tom Hill", "the mayor", "killed")]


@pytest.mark.parametrize(
    "text",
    [
        "The White House offered to appoint Joe Sestak as secretary of the Navy.",
        "As president, Bill Clinton promoted Joe Sestak to admiral.",
    ],
)
def test_no_post_of_an_offer_or_of_the_appointer(text: str) -> None:
    assert "Joe Sestak" not in roles_of(text)


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("London Wasps director of rugby Ian McGeechan confirmed the deal.", "Ian McGeechan",
         "London Wasps director of rugby"),
        ("Fans cheered executive vice president of football operations Bill Parcells.",
         "Bill Parcells", "executive vice president of football operations"),
    ],
)
def test_role_of_a_field_before_a_name(text: str, person: str, role: str) -> None:
    assert roles_of(text)[person] == {role}


def test_role_for_a_person_before_a_name_is_not_theirs() -> None:
    assert "Mary Jones" not in roles_of("The lawyer for victim Mary Jones spoke on Monday.")


@pytest.mark.parametrize(
    ("roles", "fullest"),
    [
        (["CEO", "Tesco CEO", "chief executive of Tesco", "Tesco chief executive"],
         "chief executive of Tesco"),
        (["British Prime Minister", "U.K. Prime Minister", "Prime Minister of Britain"],
         "Prime Minister of Britain"),
        (["Ohio Senator", "senator from Ohio"], "senator from Ohio"),
        (["Leafs GM", "general manager of the Leafs"], "general manager of the Leafs"),
    ],
)
def test_one_post_in_its_spellings_shows_once(roles: list[str], fullest: str) -> None:
    assert set(merge_roles(roles).values()) == {fullest}


def test_different_posts_stay_apart() -> None:
    spelled = merge_roles(["Tesco CEO", "Tesco CFO", "England striker", "Newcastle striker"])
    assert len(set(spelled.values())) == 4


def test_names_after_an_as_noun_of_a_relative_clause_name_its_antecedent() -> None:
    text = (
        "The club has had two managers who won the World Cup as players - Jack Charlton "
        "and Tom Baxter - and four who won the European Cup as players - Kevin Keegan and "
        "Kenny Dalglish."
    )
    roles = roles_of(text)
    assert roles["Jack Charlton"] == {"manager"}
    assert "Kevin Keegan" not in roles and "Kenny Dalglish" not in roles


def test_apposition_inside_a_with_phrase_is_not_the_roles() -> None:
    roles = roles_of("His brother, Terry Wells, a rich entrepreneur with a wife (Sally Hawkins), "
                     "lives in London.")
    assert "Sally Hawkins" not in roles


def test_an_award_is_no_post() -> None:
    roles = roles_of("Guard James Harden, the league's Player of the Week, scored 30 points.")
    assert roles["James Harden"] == {"Guard"}


def test_apposition_after_a_relative_clause_with_its_verb() -> None:
    text = "The businessman who had served as his liaison, Ofer Biton, pleaded guilty."
    assert "businessman" in roles_of(text)["Ofer Biton"]


def test_definite_role_subject_names_the_one_person_before_it() -> None:
    text = "The goal came from Samuel Eto'o when the Cameroon striker hammered the ball home."
    assert roles_of(text)["Samuel Eto'o"] == {"Cameroon striker"}


@pytest.mark.parametrize(
    "text",
    [
        "John Smith visited Paris on Monday. The French president said the talks went well.",
        "Mohamed Al Fayed convinced Roy Hodgson to stay and the former Inter Milan coach "
        "hopes to sign players.",
        "Tom Reed left early, and the minister said nothing.",
        "John Howard said he expected polls to shift as the Labor leader goes through a "
        "honeymoon.",
        "Tom Reed resigned on Monday and the new Leeds manager starts today.",
    ],
)
def test_definite_role_subject_with_no_one_sure_names_nobody(text: str) -> None:
    assert roles_of(text) == {}


def test_apposition_to_a_place_in_a_role_phrase_is_the_roles() -> None:
    text = "A spokesman in the senator's Washington office, Nick Iacono, did not return calls."
    assert "spokesman" in " ".join(roles_of(text)["Nick Iacono"])


def test_a_sports_title_opening_a_name_is_the_role() -> None:
    roles = roles_of("Skipper Ricky Ponting said the side was ready.")
    assert roles == {"Ricky Ponting": {"Skipper"}}


def test_possessed_role_before_a_name_that_ends_the_sentence() -> None:
    text = '"It was a hard round," Tom Choi said through his interpreter, Michael Yim.'
    assert roles_of(text) == {"Michael Yim": {"interpreter"}}


def test_an_apposition_the_parse_split_at_a_name_keeps_its_role() -> None:
    text = (
        "France's Amelie Mauresmo, the 2006 Australian Open and Wimbledon champion, will play "
        "her first round match on Monday."
    )
    assert roles_of(text)["Amelie Mauresmo"] == {"2006 Australian Open and Wimbledon champion"}
    text = "The fund backed Tom Baxter, the Labour Party and their leader, in the vote."
    assert not roles_of(text).get("Tom Baxter")  # "their leader" is someone else
