""""People" NER made of organisations, teams, places, things and groups, and what they are."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from tidings.enrich.aliases import person_part_of
from tidings.enrich.census_names import (
    first_name_share,
    is_given_name,
    is_listed_name,
    surname_share,
)
from tidings.enrich.gazetteer import is_demonym, place_population
from tidings.enrich.lexicon import HONORIFICS, TITLES
from tidings.enrich.mention import LABELS, Mention, is_titled, with_titles
from tidings.enrich.name_shapes import COUNTRY, award_name, title_shaped
from tidings.enrich.name_words import (
    COMMON_SURNAME,
    NON_PERSON_HEADS,
    ORG_NOUNS,
    PLACE_HEADS,
    common_noun,
    english_or_plural,
    town_name,
    word_not_surname,
)
from tidings.enrich.names import fold
from tidings.enrich.nlp import english_adjectives, english_words
from tidings.enrich.person_evidence import is_first_name, thing_context
from tidings.enrich.team_evidence import club_town_names, member_names


def untype_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """People NER made of places, organisations and markup: a name ending in "Institute" or
    "House", a call sign ("KTVI"), a city or country not part of anyone's name here, a name
    the article mostly tags otherwise."""
    teams = {m.name for m in mentions if " " in m.name and _team_or_club(doc, m, m.name.split())}
    local = {fold(m.name) for m in mentions if after_locative(doc, m)}
    venues = {m.name for m in mentions if m.type == "PERSON" and _venue(m, local)}
    people = [m.name for m in mentions if m.type == "PERSON" and len(m.name.split()) > 1
              and m.name not in teams | venues]
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(fold(m.name), Counter())[m.type] += 1
    for ent in doc.ents:
        if ent.label_ == "NORP" and fold(ent.text) in votes:
            votes[fold(ent.text)]["NORP"] += 1  # "Yonhap" is "South Korea's Yonhap news service"
    things = _thing_contexts(doc, mentions)
    heads = _place_and_org_heads(mentions) | {fold(t.split()[-1]): "ORG" for t in teams}
    heads |= {fold(v.split()[-1]): "LOC" for v in venues}  # "Lane" after "Bramall Lane"
    companies = {fold(m.name) for m in mentions if _described_as(doc, m, ORG_NOUNS)}
    companies |= _web_names(doc)
    places = {fold(m.name) for m in mentions if _described_as(doc, m, _PLACE_NOUNS)}
    common = {t.text for t in doc if t.is_lower and t.is_alpha}
    teams, team_words = _team_names(doc, mentions)
    teams |= club_town_names(mentions) | member_names(doc, mentions, people)
    team_words |= {fold(m.name) for m in mentions
                   if m.type == "PERSON" and " " not in m.name and _employer(doc, m)}
    fixed = []
    for m in mentions:
        if _common_word(m, common, people):
            continue  # "Riot", "Welsh": the article writes the word in lower case too
        kind = m.type
        if kind == "PERSON" and (m.name in teams or (
                fold(m.name) in team_words
                and not any(person_part_of(m.name, p) for p in people if p not in teams))):
            kind = "ORG"  # "Boston Bruins", "the Bruins" after it, "the Blackburn manager"
        if kind == "PERSON" and m.name in venues:
            kind = "LOC"  # "a return to Bramall Lane", not "Diane Lane"
        elif kind == "PERSON" and companies & {fold(m.name), fold(m.name.split()[0])}:
            kind = "ORG"  # "Zavvi, the music retailer" is Zavvi all along, "Zavvi Guernsey" too
        elif kind == "PERSON" and fold(m.name) in places:
            kind = "GPE"  # "his hometown, Frog Jump"
        elif (kind == "PERSON" and fold(m.name) in heads
              and not any(person_part_of(m.name, p) for p in people)):
            kind = heads[fold(m.name)]  # "at Andrews", after "Joint Base Andrews"
        elif kind == "PERSON" and _named_after_organisation(doc, m, votes):
            kind = "ORG"  # "Harvard and Harvard Law"
        elif kind == "PERSON":
            kind = (_thing_type(m, things.get(fold(m.name), set()), people, votes[fold(m.name)])
                    or _non_person_type(doc, m, people, votes[fold(m.name)], local) or kind)
        if kind != _NO_ENTITY:
            fixed.append(Mention(m.start, m.end, m.surface, m.name, kind, m.title))
    return _words_before_organisations(doc, fixed)


def _named_after_organisation(doc: Doc, m: Mention, votes: dict[str, Counter[str]]) -> bool:
    """A name of several words whose first word is an organisation alone here, and no first
    name: "Harvard Law" after "Harvard" ("Nelson Mandela" keeps his first name)."""
    words = m.name.split()
    first = votes.get(fold(words[0]), Counter())
    return (len(words) > 1 and first["ORG"] > first["PERSON"] and not is_first_name(words[0])
            and not is_titled(doc, m))


def _words_before_organisations(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A "person" named once, in two words, the first an English adjective and the second
    an organisation here (in two or more of its mentions alone, as typed so far, and never
    a person), is that organisation: "row Spurned Zango pleads innocence" (a headline run
    into its subheading) after "Zango, which disputes"; not "Mitt Romney" where NER typed
    each "Romney" alone an organisation ("mitt" is a noun)."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(fold(m.name), Counter())[m.type] += 1
    adjectives = english_adjectives()
    fixed = []
    for m in mentions:
        words = m.name.split()
        last = votes.get(fold(words[-1]), Counter())
        if (m.type == "PERSON" and len(words) == 2 and m.end - m.start == 2
                and votes[fold(m.name)]["PERSON"] == 1 and fold(words[0]) in adjectives
                and last["ORG"] >= 2 and not last["PERSON"] and not is_titled(doc, m)):
            m = Mention(m.end - 1, m.end, doc[m.end - 1].text, words[-1], "ORG", "")
        fixed.append(m)
    return fixed


def _place_and_org_heads(mentions: list[Mention]) -> dict[str, str]:
    """Folded last word -> type of the places and organisations here whose other words are
    English words no census lists ("Joint Base Andrews"): that word alone names them too."""
    return {
        fold(words[-1]): m.type
        for m in mentions
        if m.type != "PERSON" and len(words := m.name.split()) > 1
        and all(common_noun(w) for w in words[:-1])
    }


_PLACE_CLASSES = frozenset({"county", "lake", "mount", "mt", "fort", "cape"})


_STORMS = frozenset({"hurricane", "typhoon", "cyclone", "storm"})


_NO_ENTITY = "NORP"
"""What a "person" is that is a nationality or group ("a Kurd"): no entity at all."""


def _team_names(doc: Doc, mentions: list[Mention]) -> tuple[set[str], set[str]]:
    """Names of several words that are awards or teams (`award_name`: "Golden Globes", tagged
    plural somewhere), and the folded words that are short forms: theirs that are no first
    name ("Globes") and the plural last words of NER's organisations ("Bruins" of "Boston
    Bruins", "Leafs" of "Toronto Maple Leafs")."""
    plural = {m.name for m in mentions if doc[m.end - 1].tag_ == "NNPS"}
    several = {m.name: m.type for m in mentions if " " in m.name}
    teams = {n for n in several if award_name(n.split(), n in plural)}
    ends = {fold(w) for n in teams for w in n.split() if not is_first_name(w)}
    ends |= {fold(n.split()[-1]) for n, k in several.items() if k == "ORG" and n in plural}
    return teams, ends


def _thing_contexts(doc: Doc, mentions: list[Mention]) -> dict[str, set[str]]:
    """Folded person name -> how the article's grammar shows it is a thing (`thing_context`)
    wherever the name occurs ("his Twitter account", which NER calls a product, speaks for
    "Twitter declined"), for names the article never gives a title ("Mr.", "Senator") or
    gives one only as a ship's name ("the Queen Victoria")."""
    people = {fold(m.name) for m in mentions if m.type == "PERSON"}
    spans = [(m.start, m.end, fold(m.name)) for m in mentions]
    spans += [(e.start, e.end, fold(e.text)) for e in doc.ents if e.label_ not in LABELS]
    found: dict[str, set[str]] = {}
    for start, end, name in spans:
        context = thing_context(doc, start, end) if name in people else None
        if context:
            found.setdefault(name, set()).add(context)
    titled = with_titles(doc, mentions)
    return {name: kinds for name, kinds in found.items() if name not in titled or "ship" in kinds}


def _thing_type(m: Mention, contexts: set[str], people: list[str], votes: Counter[str]
                ) -> str | None:
    """What a "person" the article's grammar makes a thing is: the type NER gives it
    elsewhere here, an organisation, or no entity for "a Kurd". None for a name that is part
    of a longer person's name here."""
    if not contexts or any(person_part_of(m.name, p) for p in people):
        return None
    if contexts <= {"indefinite", "ship"}:
        return _NO_ENTITY  # "a Kurd", "the Queen Victoria": no organisation either
    other = [(n, kind) for kind, n in votes.items() if kind != "PERSON"]
    return max(other)[1] if other else "ORG"


def _common_word(m: Mention, common: set[str], people: list[str]) -> bool:
    """A one-word "person" the article also writes in lower case, and nobody's surname."""
    return (m.type == "PERSON" and " " not in m.name and m.name.lower() in common
            and not any(person_part_of(m.name, p) for p in people))


def _non_person_type(
    doc: Doc, m: Mention, people: list[str], votes: Counter[str], local: set[str]
) -> str | None:
    words = m.name.split()
    if len(words) == 1 and len(m.name) >= 4 and m.name.isalpha() and m.name.isupper():
        return "ORG"
    if (is_demonym(m.name) and not is_given_name(m.name)) or _beside_nationality(doc, m):
        return _NO_ENTITY  # "Sri Lankan", "English and Welsh pubs"
    if len(words) > 1 and m.name.isupper() and all(english_or_plural(w) for w in words):
        return _NO_ENTITY  # "BLACK VOTE", a shouted headline
    if len(words) > 1 and _team_or_club(doc, m, words):
        return "ORG"
    if len(words) == 1 and any(len(p) > 1 and p.isupper() for p in m.name.split("-")[1:]):
        return "ORG"  # "Zanu-PF"
    if len(words) > 1 and fold(words[0]) in _PLACE_CLASSES:
        return "LOC"  # "County Kerry", "Fort Lee"
    if len(words) > 1 and (fold(words[0]) in _STORMS or title_shaped(words)):
        return _NO_ENTITY  # "Hurricane Lorenzo", "Between Heart and Reason"
    if len(words) > 1 and fold(words[-1]) in NON_PERSON_HEADS:
        return "ORG"
    if len(words) > 1 and fold(words[-1]) in PLACE_HEADS:
        return "LOC"
    other, count = max(((k, v) for k, v in votes.items() if k != "PERSON"), default=("", 0))
    if count > votes["PERSON"] or (
        count == votes["PERSON"] and len(words) == 1 and not is_listed_name(m.name)
    ):
        return other
    titles = TITLES | HONORIFICS  # not a descriptor NER ran in ("Hospital Santa Monica")
    titled = any(w.lower().rstrip(".") in titles for w in m.title.split()) or (
        m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in titles)
    population = place_population(m.name)
    if len(words) > 1 and population >= COUNTRY and not titled:
        return "GPE"  # "Sri Lanka's cricket chief": no one is named like a country or a metropolis
    if len(words) == 1 and population >= COUNTRY and _pageant(doc, m):
        return "GPE"  # "a former Miss England contestant"
    if titled or m.name in people or any(person_part_of(m.name, p) for p in people):
        return None
    if population and _match_opponent(doc, m):
        return "ORG"  # "Liverpool's squad to play Middlesbrough on Saturday"
    if population and (population >= 200_000 or fold(m.name) in local or town_name(m.name)):
        return "GPE"
    return None


def _pageant(doc: Doc, m: Mention) -> bool:
    """ "Miss" before a country's or a state's name that is no first name ("a former Miss
    England contestant", "Miss Texas"): a beauty contest's title, not a woman so named
    ("Miss Georgia" may be one)."""
    before = doc[m.start - 1].lower_ if m.start else ""
    return before == "miss" and not is_first_name(m.name)


def _venue(m: Mention, local: set[str]) -> bool:
    """A ground or a street: a name ending in one of `_VENUE_ENDS` after "at" or "to" here,
    whose first word is no first name ("Bramall Lane"; not "Diane Lane")."""
    words = m.name.split()
    return (len(words) > 1 and fold(words[-1]) in _VENUE_ENDS and fold(m.name) in local
            and not is_first_name(words[0]))


def _match_opponent(doc: Doc, m: Mention) -> bool:
    """A one-word place name that is the object of a verb of playing a match ("to play
    Middlesbrough", "beat Leeds"): the town's team."""
    root = doc[m.start : m.end].root
    return (m.end - m.start == 1 and root.dep_ == "dobj"
            and root.head.lemma_.lower() in _MATCH_VERBS)


_MATCH_VERBS = frozenset({"play", "beat", "face", "host", "defeat", "thrash", "edge", "outplay"})
_VENUE_ENDS = frozenset({"lane", "park", "field", "road", "way", "green", "ground", "oval"})
"""Last words of grounds' and streets' names that are surnames too ("Bramall Lane", "Ewood
Park", "Heinz Field"): a venue after "at" or "to" and no first name."""


def _beside_nationality(doc: Doc, m: Mention) -> bool:
    """A one-word name joined by "and" to a nationality: "English and Welsh pubs"."""
    root = doc[m.start : m.end].root
    if " " in m.name or root.dep_ not in {"conj", "amod", "compound"}:
        return False
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    return any(t.ent_type_ in {"NORP", "LANGUAGE"} for t in linked)


def _team_or_club(doc: Doc, m: Mention, words: list[str]) -> bool:
    """A team named with its city: "Boston Bruins", "St. Louis Rams", "Manchester United" (a
    city of 100,000 people or more that is no common surname (`_TEAM_TOWN_SURNAME`), then a
    plural or an English adjective that is none either). Not "Ajax Amsterdam", which is
    written as "Kazuo Ueda" is, nor "the Bush Administration" (Bush, Egypt)."""
    last = words[-1]
    town = " ".join(words[:-1])
    return (place_population(town) >= 100_000 and first_name_share(words[0]) < COMMON_SURNAME
            and surname_share(town) < _TEAM_TOWN_SURNAME
            and (doc[m.end - 1].tag_ == "NNPS"
                 or (last.endswith("s") and fold(last[:-1]) in english_words()
                     and surname_share(last) < COMMON_SURNAME)  # "Bruins", tagged NNP
                 or (fold(last) in english_adjectives() and word_not_surname(last))))


def _employer(doc: Doc, m: Mention) -> bool:
    """A one-word "person" that employs one: right before a club's role noun ("the Blackburn
    manager", "Barca coach Frank Rijkaard"; not "Obama campaign manager"), or a city owning a
    person ("Blackburn's Mark Hughes"; not "Clinton's Huma Abedin")."""
    after = doc[m.end : m.end + 3]
    if after[:1] and after[0].lemma_.lower() in _CLUB_ROLES and after[0].pos_ == "NOUN":
        return True
    return (len(after) == 3 and after[0].text in {"'s", "\u2019s"}
            and after[1].ent_type_ == after[2].ent_type_ == "PERSON"
            and place_population(m.name) >= 100_000)


_CLUB_ROLES = frozenset(
    {"coach", "manager", "boss", "striker", "midfielder", "goalkeeper", "keeper", "defender",
     "winger", "skipper", "supremo", "chairman", "forward", "captain", "fullback"})
"""Role nouns of a club's people: the name before them is the club's."""


_TEAM_TOWN_SURNAME = 0.01
"""Census surname share under which a city's name before a plural is a team's: Boston 0.006
("the Boston Bruins"), not Bush 0.036 ("the Bush Administration"; Bush is a city in Egypt)."""


def _web_names(doc: Doc) -> set[str]:
    """Folded names written as a web address somewhere here ("Thomas Cook.com"), with and
    without the domain: a company's or a site's, so "Thomas Cook" alone is that company."""
    found = set()
    for ent in doc.ents:
        bare = _WEB_DOMAIN.sub("", ent.text)
        if bare != ent.text and bare[:1].isupper():
            found |= {fold(ent.text), fold(bare)}
    return found


_WEB_DOMAIN = re.compile(r"\.(?:com|net|org|co\.uk|com\.au)$", re.IGNORECASE)


def _described_as(doc: Doc, m: Mention, nouns: frozenset[str]) -> bool:
    """Whether the name is set beside one of `nouns`: "the Icelandic investment company
    Baugur", "Zavvi, the music retailer", "the group Ansar al-Sharia" or "monitoring group
    Deep South Watch" (which the parser may leave apart), "another terrorist group, Ansar
    al-Sharia, was", "his hometown, Frog Jump"."""
    root = doc[m.start : m.end].root
    linked = [c for c in root.children if c.dep_ in {"appos", "compound"}]
    if root.dep_ in {"appos", "compound"}:
        linked.append(root.head)
    before = m.start - 1
    if before > 0 and doc[before].text == "," and (
            m.end == len(doc) or doc[m.end].is_punct):
        before -= 1
    if before > 0 and (doc[before - 1].dep_ in {"det", "amod", "poss"} or (
            doc[before - 1].dep_ == "compound" and root.dep_ not in _SUBJECTS)):
        linked.append(doc[before])  # "the group X", "monitoring group X" (not "the company
        # Bill Gates founded")
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in nouns for t in linked)


def after_locative(doc: Doc, m: Mention) -> bool:
    """ "in Gori", "in nearby Clayton", "from the town of Gori", "Whittard of Chelsea": a
    place's usual company."""
    start = m.start
    while start > 1 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].is_lower:
        start -= 1  # "in nearby", "in suburban"
    before = doc[start - 1].lower_ if start > 0 else ""
    if before == "of" and start > 1:
        named = doc[start - 2]
        return named.lemma_.lower() in _PLACE_NOUNS or named.ent_type_ == "ORG" or (
            named.pos_ == "PROPN" and named.text[:1].isupper()
            and named.lower_.rstrip(".") not in TITLES | HONORIFICS)
    return before in _LOCATIVES


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_LOCATIVES = frozenset({"in", "at", "from", "near", "to", "into", "outside", "across", "toward"})


_PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "capital", "outskirts",
                          "hometown", "suburb"})
