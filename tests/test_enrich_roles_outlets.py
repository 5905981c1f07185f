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


def test_a_role_noun_the_tokenizer_split_at_its_hyphen_is_a_role() -> None:
    text = "Roughriders defensive co-ordinator Kevin Smith said the team was ready."
    assert roles_of(text)["Kevin Smith"] == {"defensive co-ordinator"}
    text = "Boxer Anthony Ogogo and singer-songwriter Calista Robertson voted for him."
    assert roles_of(text)["Calista Robertson"] == {"singer-songwriter"}
    for refused in ("anti-government protester", "long-time neighbour"):
        found = roles_of(f"The {refused} Tom Baxter was arrested on Monday.")
        assert not found.get("Tom Baxter"), refused  # a description, not a post


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The 43-year-old coach Tom Baxter was sacked on Monday.", "coach"),
        ("The 60-year-old former Inter Milan coach Tom Baxter hopes to win.",
         "former Inter Milan coach"),
        ("Tom Baxter, the 33-year-old former Welsh international, signed.",
         "former Welsh international"),
    ],
)
def test_an_age_before_a_role_is_no_part_of_it(text: str, role: str) -> None:
    assert roles_of(text)["Tom Baxter"] == {role}  # not "old coach"


def test_each_name_of_a_list_under_a_plural_title_with_its_team_holds_the_title() -> None:
    text = ("Forwards Shawn Horcoff of the Edmonton Oilers and Henrik Sedin of the Vancouver "
            "Canucks joined them.")
    found = roles_of(text)
    assert found["Shawn Horcoff"] == found["Henrik Sedin"] == {"Forward"}
    text = "A goal from Ryan Getzlaf of the Anaheim Ducks and Anze Kopitar of the Kings won it."
    assert not roles_of(text)  # no title
    text = "Senator Tom Baxter of Ohio and Jim Rowe of Utah met on Monday."
    assert not roles_of(text).get("Jim Rowe")  # a singular title is the first name's
    text = ("Named as All-Stars are goaltender Manny Legace of the Blues and defenseman "
            "Duncan Keith of the Blackhawks.")
    assert roles_of(text)["Duncan Keith"] == {"defenseman"}  # "All-Stars" titles no one


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("Joining them are goaltender Manny Legace and two forwards.", "Manny Legace",
         "goaltender"),
        ("She was up against gymnast Victor Arata for the public vote.", "Victor Arata",
         "gymnast"),
        ("Youth politician John Laughton voted for him.", "John Laughton", "Youth politician"),
        ("London financier Jim Slater stepped in with the money.", "Jim Slater",
         "London financier"),
    ],
)
def test_trades_of_sport_politics_and_show_business(text: str, person: str, role: str) -> None:
    assert role in roles_of(text)[person]


def test_a_star_in_a_name_is_no_role() -> None:
    assert not roles_of("Tom Baxter told the Toronto Star that he would stay.")


def test_a_hyphen_inside_a_role_keeps_the_role_whole() -> None:
    text = "Tom Baxter, the editor-in-chief of the Toronto Sun, said the paper would close."
    assert roles_of(text)["Tom Baxter"] == {"editor-in-chief of the Toronto Sun"}
    text = "Tom Baxter, a former player - and now a coach - said the club would survive."
    assert not any(" - " in r for r in roles_of(text)["Tom Baxter"])  # a dash parts words


def test_one_of_a_plural_role_in_apposition_is_that_role() -> None:
    text = (
        "Five were shot when they tried to escape, according to Lieutenant Colonel Kannart "
        "Nikornyanont, one of the top provincial military commanders."
    )
    assert "top provincial military commander" in roles_of(text)["Kannart Nikornyanont"]
    for refused in ("one of the best players in the league", "one of his sons",
                    "one of the victims of the crash"):
        found = roles_of(f"The award went to Tom Baxter, {refused}.")
        assert not found.get("Tom Baxter"), refused  # a judgement, kin, no role noun


def test_a_role_before_a_relation_noun_is_the_named_persons() -> None:
    text = "His relationship with double world champion team-mate Fernando Alonso soured."
    assert roles_of(text)["Fernando Alonso"] == {"double world champion"}
    assert roles_of("Tom Baxter and his actress wife Jane Rowe arrived.")["Jane Rowe"] == {
        "actress"}
    assert not roles_of("The Labour leader's husband Tom Baxter arrived.")  # not a leader


def test_an_apposition_the_parse_gave_no_role_noun_ends_in_its_role() -> None:
    text = ("Fred Taylor ran for 100 yards on Sunday. Taylor, the Jaguars' star running back, "
            "chided the Steelers yesterday.")
    assert roles_of(text)["Fred Taylor"] == {"Jaguars' star running back"}
    for refused in ("the wife of the president", "the man who shot the sheriff",
                    "the subject of an inquiry by the police commissioner"):
        found = roles_of(f"Jane Rowe, {refused}, spoke on Monday.")
        assert not found.get("Jane Rowe"), refused  # someone else's post


def test_a_title_in_brackets_right_before_a_name_is_its_role() -> None:
    text = "Edge said the deal failed because (label boss) Guy Hands refused to talk."
    assert roles_of(text)["Guy Hands"] == {"label boss"}
    for refused in ("(and its chairman)", "(49)", "(pictured with the coach)"):
        found = roles_of(f"The deal was signed by the company {refused} Tom Baxter on Monday.")
        assert not found.get("Tom Baxter"), refused  # no title of nouns alone


def test_a_name_of_several_words_before_a_title_is_part_of_it() -> None:
    text = "University of Ottawa law professor Craig Forcese said he was surprised."
    assert roles_of(text)["Craig Forcese"] == {"University of Ottawa law professor"}
    text = "Shares of Bank of America fell as chief executive Tom Baxter spoke."
    assert roles_of(text)["Tom Baxter"] == {"chief executive"}  # not the bank's, here


@pytest.mark.parametrize(
    ("text", "person", "role"),
    [
        ("A try from prop Tom McGee gave them the lead.", "Tom McGee", "prop"),
        ("The menu is by the cook Hugh Fearnley-Whittingstall.", "Hugh Fearnley-Whittingstall",
         "cook"),
        ("It was nightwatchman Irfan Pathan who held the innings together.", "Irfan Pathan",
         "nightwatchman"),
        ("Witnesses included court-appointed monitor Pamela Strong.", "Pamela Strong",
         "court-appointed monitor"),
        ('"I am insulted," said Liberal defence critic Denis Coderre.', "Denis Coderre",
         "Liberal defence critic"),
    ],
)
def test_critics_cooks_monitors_and_rugby_and_cricket_positions_are_roles(
    text: str, person: str, role: str
) -> None:
    assert any(role in found for found in roles_of(text)[person])


@pytest.mark.parametrize(
    "text",
    [
        "Tom Reed, a fierce critic of the war, spoke on Monday.",
        "The party's right wing backed Tom Reed on Monday.",
    ],
)
def test_a_critic_of_something_and_a_party_wing_are_no_roles(text: str) -> None:
    assert not roles_of(text).get("Tom Reed")


def test_now_opening_an_apposition_is_no_part_of_the_role() -> None:
    text = "Tom Baxter, now a senior lecturer at Leeds, spoke on Monday."
    assert roles_of(text)["Tom Baxter"] == {"senior lecturer at Leeds"}
