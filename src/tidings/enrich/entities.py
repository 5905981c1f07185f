"""Named entities of one article: cleaned, typed, merged by alias, counted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from tidings.enrich.aliases import (
    SHORT_FORMS,
    canonical_key,
    expands,
    person_part_of,
    plural_slip,
    recordable_alias,
    spelled_alike,
)
from tidings.enrich.census_names import (
    first_name_share,
    is_given_name,
    is_listed_name,
    surname_share,
)
from tidings.enrich.entity_noise import name_end, no_entity
from tidings.enrich.gazetteer import is_demonym, place_population
from tidings.enrich.gender import first_name_gender, is_person_noun
from tidings.enrich.lexicon import (
    FEMALE_MARKERS,
    FEMALE_NOUNS,
    HONORIFICS,
    MALE_MARKERS,
    MALE_NOUNS,
    ROLE_NOUNS,
    TITLES,
)
from tidings.enrich.name_shapes import (
    COUNTRY,
    award_name,
    conjunct_names,
    honorific_names,
    is_initials,
    national_name,
    person_shaped,
    role_name,
    surname_shaped,
    title_shaped,
)
from tidings.enrich.names import clean_name, fold, strip_possessive
from tidings.enrich.nlp import english_adjectives, english_words
from tidings.enrich.person_evidence import (
    acts_as_person,
    is_first_name,
    names_person,
    nicknamed_names,
    speaks,
    thing_context,
)
from tidings.enrich.results import Entity

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC"}
_ORG_WORDS = frozenset(
    {
        "party",
        "bank",
        "group",
        "council",
        "ministry",
        "police",
        "army",
        "force",
        "union",
        "company",
        "corp",
        "inc",
        "committee",
        "court",
        "news",
        "association",
        "commission",
        "sa",
        "ag",
        "plc",
        "ltd",
        "llc",
        "gmbh",
        "nv",
        "bv",
        "productions",
    }
)


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: token range [start, end) and the canonical entity."""

    start: int
    end: int
    surface: str
    name: str
    type: str
    title: str
    """Title words inside the named span ("Governor" of "Governor Kazuo Ueda")."""


def find_mentions(doc: Doc) -> list[Mention]:
    """Clean NER spans, fix their types, and point each at its article-level name."""
    raw = _national_people(doc, [m for m in (_mention(ent) for ent in doc.ents) if m is not None])
    raw = sorted(raw + _titled_names(doc, raw), key=lambda m: m.start)
    raw, nicknames = _with_nicknames(doc, _across_brackets(doc, raw))
    headline = _headline_tokens(doc)
    raw = _retype(doc, _retype(doc, _trim_headline_people(doc, raw, headline)))
    raw = _listed_people(doc, raw)
    raw = _trim_headline_people(doc, raw, headline)
    raw = _singular_names(doc, _untype_people(doc, _given_surnames(doc, raw)))
    people = [m if m.start in headline else _extend_left(doc, _extend_right(doc, m))
              for m in _add_surnames(doc, raw)]
    merged = _merge_aliases(doc, people)
    return _drop_non_names(doc, _call_by_nickname(merged, nicknames))


def summarise(mentions: list[Mention], sentence_of: dict[int, int]) -> tuple[Entity, ...]:
    """One `Entity` per canonical name, in order of first mention."""
    counts = Counter((m.name, m.type) for m in mentions)
    first: dict[tuple[str, str], int] = {}
    surfaces: dict[tuple[str, str], dict[str, None]] = {}
    for m in mentions:
        first.setdefault((m.name, m.type), sentence_of[m.start])
        if m.surface != m.name and recordable_alias(m.surface, m.name, m.type):
            surfaces.setdefault((m.name, m.type), {})[m.surface] = None
    return tuple(
        Entity(
            name,
            kind,
            canonical_key(name, kind),
            counts[(name, kind)],
            index,
            tuple(surfaces.get((name, kind), {})),
        )
        for (name, kind), index in first.items()
    )


def _mention(ent: Span) -> Mention | None:
    kind = LABELS.get(ent.label_)
    if kind is None:
        return None
    start = ent.start
    while start < ent.end and ent.doc[start].lower_ == "the":
        start += 1
    if kind == "PERSON" and ent.end - start > 1 and _said_before(ent.doc, start, ent.end):
        start += 1  # 'Said Porter: "..."' is Porter
    stop = name_end(ent.doc, start, ent.end)  # "Narendra Modi Announced"
    if kind in {"PERSON", "ORG"} and no_entity(ent.doc, start, stop):
        return None  # "12:00 UTC", "WN:", "COVID-19", "Game of Thrones"
    if kind == "ORG" and stop < ent.end and _glued_person(ent.doc[start:stop].text):
        kind = "PERSON"  # NER's "organisation" was a name and a verb: "Modi Announced"
    if kind == "PERSON":
        stop = next((t.i for t in ent.doc[start + 1 : stop]
                     if t.text in _DASHES and ent.doc[t.i - 1].whitespace_), stop)
        name, title = _person_name(ent.doc[start:stop].text)  # "Ossie Ardiles - four who"
    else:
        name, title = clean_name(ent.doc[start:stop].text, person=False)
    if not _plausible(name, kind, title):
        return None
    if kind == "PERSON" and all(t.like_num for t in ent.doc[start : ent.end]):
        return None  # "Thirtieth anniversary of ..."
    first_word = name.split()[0]
    while start < ent.end - 1 and not _starts_with(ent.doc[start], first_word):
        start += 1
    end = _name_end(ent, start, name) if kind == "PERSON" else stop
    return Mention(start, max(end, start + 1), name, name, kind, title)


def _glued_person(text: str) -> bool:
    """Whether what is left of a name once a glued verb is cut looks like a person's: two or
    three words, none an English word rarely a name, nor an organisation's word."""
    words = text.split()
    return (2 <= len(words) <= 3 and not any(_common_noun(w) for w in words)
            and not set(fold(text).split()) & _ORG_WORDS)


def _said_before(doc: Doc, said: int, end: int) -> bool:
    """ 'Said Porter: "..."': the speech verb opening a sentence at token `said`, before a
    name ending at `end` and a colon (or a comma and a quotation mark), which is no first
    name ("Said Abdullah, a teacher, told" is one)."""
    after = [t.text for t in doc[end : end + 2]]
    return (doc[said].text == "Said" and doc[said].is_sent_start
            and (after[:1] == [":"] or (after[:1] == [","] and after[1:] != []
                                         and after[1] in _QUOTE_MARKS)))


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_QUOTE_MARKS = frozenset({'"', "\u201c", "'", "\u2018", "``"})


def _person_name(text: str) -> tuple[str, str]:
    """`clean_name` for a person, less a descriptor NER ran into the name: a noun that names
    a person or an institution, or a place, before a first name ("Immunologist Kristian
    Andersen", "House Nancy Pelosi", "Vermont Bernie Sanders"), or a country or state that is
    no common first name before any name ("India Narendra Modi"), which joins the title.
    "Nguyen Van Thieu" keeps its family name."""
    name, title = clean_name(text, person=True)
    words = name.split()
    first = fold(words[0]) if words else ""
    country = (place_population(words[0]) >= 1_000_000 and first_name_share(words[0]) < 0.005
               and first not in english_adjectives())  # "India", not "Northern"
    if len(words) > 2 and (country or (
        not is_first_name(words[0])
        and is_first_name(words[1])
        and (is_person_noun(first) or first in ROLE_NOUNS | _NON_PERSON_HEADS
             or (place_population(words[0]) >= 200_000 and first not in english_adjectives()))
    )):
        rest, more = clean_name(" ".join(words[1:]), person=True)
        return rest, " ".join(t for t in (title, words[0], more) if t)
    return name, title


def _starts_with(token: Token, word: str) -> bool:
    """Whether the text from `token` on begins with `word` ("al" of "al-Maliki" does)."""
    return token.doc[token.i : token.i + len(word.split()) + 3].text.startswith(word)


def _name_end(ent: Span, start: int, name: str) -> int:
    """First token past `name` from `start`: "al-Hashimi" spans three tokens, not one."""
    end_char = ent.doc[start].idx + len(name)
    end = start
    while end < ent.end and ent.doc[end].idx < end_char:
        end += 1
    return end


def _plausible(name: str, kind: str, title: str = "") -> bool:
    words = name.split()
    if not words or not any(c.isalpha() for c in name) or len(words) > 7:
        return False
    if kind == "PERSON":
        if words[-1].lower().rstrip(".") in TITLES | HONORIFICS and not _title_as_surname(
                words, title):
            return False
        if not any("a" <= c <= "z" for c in fold(name)):
            return False  # "Тюмень" in English copy
        if len(words) == 1 and name.lower() in _PARTICLES:
            return False  # "el" alone
        if len(words) == 1 and fold(name) in ROLE_NOUNS and not _title_as_surname(words, title):
            return False  # "Treasurer" alone is no name, "Dr. King" is
        if set(fold(name).split()) & _ORG_WORDS:
            return False
        return all(w[0].isupper() or _particle(w) or w[0] in "([" for w in words) and not any(
            c.isdigit() for c in name
        )
    return name[0].isupper() or name[0].isdigit()


def _title_as_surname(words: list[str], title: str) -> bool:
    """Whether a name's last word, a title, is its surname: a common one ("Coretta Scott King",
    "John Major", "Erik Prince"; alone only after an honorific: "Mrs. King"), not "Mayor"."""
    honorific = bool({w.lower().rstrip(".") for w in title.split()} & HONORIFICS)
    return (surname_share(words[-1]) >= COMMON_SURNAME and not words[-1].endswith(".")
            and (len(words) > 1 or honorific))


COMMON_SURNAME = 0.003
"""Percent of Americans with a surname for it to be common (Census 1990): King 0.19, Judge
0.004; Chancellor 0.002, Mayor and Sheriff 0.001 are titles first."""

_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "ben",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
    }
)


def _particle(word: str) -> bool:
    """Lower-case name particles, alone or hyphenated: "bin", "al-Maliki", "van"."""
    return word.split("-")[0].lower() in _PARTICLES


def _retype(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Fix NER type slips: a person's surname tagged ORG, a name listed among people; never
    the word that opens a "person's" name and is no first name ("Harvard", of "Harvard
    Law"), which that name is named after."""
    people = list(dict.fromkeys(
        m.name for m in mentions if m.type == "PERSON" and len(m.name.split()) > 1))
    grown = set(_full_names_of_surnames(doc, mentions))
    titled = _with_titles(doc, mentions)
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(fold(m.name), Counter())[m.type] += 1
    surnames = {fold(p.split()[-1]) for p in people}
    founders = {fold(p.split()[0]) for p in people if not is_first_name(p.split()[0])}
    fixed = []
    for m in mentions:
        if m.type != "PERSON" and fold(m.name) not in founders and (
            m.name in grown
            or fold(m.name) in titled
            or (" " not in m.name and _title_before(doc, m))
            or _looks_personal(doc, m, people, votes[fold(m.name)])
            or _described_person(m, surnames)
            or _person_shaped(doc, m)
        ):
            person = _as_person(doc, m)
            fixed.append(person if person and not _town_name(person.name) else m)
        else:
            fixed.append(m)
    return fixed


def _title_before(doc: Doc, m: Mention) -> bool:
    """A capitalised title that heads no organisation right before the name and joined to it:
    "Ambassador Pickering said" (NER: an organisation), not "former Enron executive"."""
    if m.start == 0:
        return False
    token = doc[m.start - 1]
    bare = token.lower_.rstrip(".")
    return (token.text[:1].isupper() and bare in TITLES | HONORIFICS
            and bare not in _TITLE_MODIFIERS and m.start <= token.head.i < m.end)


_TITLE_MODIFIERS = frozenset(
    {"former", "acting", "deputy", "vice", "chief", "field", "prime", "marine", "leader",
     "agent", "officer", "director", "general", "secretary", "attorney", "speaker", "coach"})
"""Title words that also open organisations' names or modify nouns ("Secretary Clinton",
but "Attorney General's Office", "Speaker Boehner", but "Speaker Series")."""


def _person_shaped(doc: Doc, m: Mention) -> bool:
    """An organisation or place NER made of a person's name ("against Marion Bartoli", "K.J.
    Choi had found"), not one naming a thing ("the Louis Vuitton bag") or with an organisation
    word."""
    return (person_shaped(m.name.split()) and not set(fold(m.name).split()) & _ORG_WORDS
            and doc[m.start : m.end].root.dep_ != "compound")


def _listed_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names joined in a list to a person's or to a noun naming people (`conjunct_names`), and
    names after an honorific (`honorific_names`), are people: NER's places and organisations
    there ("Jack Charlton and Ossie Ardiles") and names it missed ("Mohsina Kidwai and
    Kamalnath", "Her children -- Rahul and Priyanka", "what Dr. King called")."""
    person_tokens = {i for m in mentions if m.type == "PERSON" for i in range(m.start, m.end)}
    spans = conjunct_names(doc, person_tokens) + honorific_names(doc)
    if not spans:
        return mentions
    by_span = {(m.start, m.end): m for m in mentions}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    fixed = list(mentions)
    for start, end in spans:
        title = doc[start].text if doc[start].lower_.rstrip(".") in HONORIFICS else ""
        start += bool(title)
        name = doc[start:end].text
        other = by_span.get((start, end))
        if other is not None and _plausible(name, "PERSON", title) and not set(
                fold(name).split()) & _ORG_WORDS:
            fixed[fixed.index(other)] = Mention(start, end, name, name, "PERSON", title)
        elif not taken.intersection(range(start, end)) and _plausible(name, "PERSON", title):
            fixed.append(Mention(start, end, name, name, "PERSON", title))
    return sorted(fixed, key=lambda m: m.start)


def _national_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """People NER typed otherwise in a nationality frame ("Armenia's Levon Aronian", "Vassily
    Ivanchuk of Ukraine", "Sebastien Grosjean" then "of France"): two or three surname-shaped
    words, the first a first name or initials, or any when a person NER did find stands in
    such a frame here ("Teimour Radjabov of Azerbaijan"). The country in the span stays a
    place."""
    mentions = [_after_role(doc, m) for m in mentions]
    framed = [m for m in mentions if m.type != "PERSON"
              and national_name(doc, m.start, m.end) is not None]
    if not framed:
        return mentions
    peer = any(national_name(doc, e.start, e.end) for e in doc.ents if e.label_ == "PERSON")
    fixed = []
    for m in mentions:
        span = national_name(doc, m.start, m.end) if m in framed else None
        words = [t.text for t in doc[span[0] : span[1]]] if span else []
        if not span or not 2 <= len(words) <= 3 or not all(
                surname_shaped(w) or is_initials(w) for w in words) or not (
                peer or is_first_name(words[0]) or is_initials(words[0])):
            fixed.append(m)
            continue
        name = " ".join(words)
        fixed.append(Mention(span[0], span[1], name, name, "PERSON", ""))
        rest = (m.start, span[0] - 1) if span[0] > m.start else (span[1] + 1, m.end)
        if rest[1] > rest[0]:
            place = doc[rest[0] : rest[1]].text
            fixed.append(Mention(rest[0], rest[1], place, place, "GPE", ""))
    return sorted(fixed, key=lambda m: m.start)


def _after_role(doc: Doc, m: Mention) -> Mention:
    """ "AP Business Writer Kelly Olsen", an organisation to NER, is Kelly Olsen (`role_name`),
    his role as the title."""
    start = role_name(doc, m.start, m.end) if m.type != "PERSON" else None
    if start is None:
        return m
    name = doc[start : m.end].text
    return Mention(start, m.end, name, name, "PERSON", doc[m.start : start].text)


def _town_name(name: str) -> bool:
    """A gazetteer town of several words that no surname ends: "Santa Monica", "San Jose".
    The one town-as-person check: no event goes to such a "person", since it is typed the
    place ("San Jose resigned Joe Thornton")."""
    words = name.split()
    return (len(words) > 1 and place_population(name) > 0
            and surname_share(words[-1]) < COMMON_SURNAME)


def _described_person(m: Mention, surnames: set[str]) -> bool:
    """An organisation or place NER ran into the full name after it ("Vermont Bernie
    Sanders", "the House Nancy Pelosi"): one descriptor word, a common first name, and a
    surname a person here has or no English word ("South China Sea" is no person)."""
    words = m.name.split()
    name, _ = _person_name(m.surface)
    rest = name.split()
    if len(words) < 3 or rest != words[1:] or not rest[0][:1].isupper():
        return False
    last = rest[-1]
    return first_name_share(rest[0]) >= 0.001 and (
        fold(last) in surnames or not _english_or_plural(last) or surname_share(last) >= 0.01)


def _as_person(doc: Doc, m: Mention) -> Mention | None:
    """`m` cleaned as a person's name ("Sheriff Arpaio" -> "Arpaio"); None if implausible."""
    name, title = _person_name(m.surface)
    if not _plausible(name, "PERSON", title):
        return None
    start = m.start
    while start < m.end - 1 and not _starts_with(doc[start], name.split()[0]):
        start += 1
    surface = strip_possessive(doc[start : m.end].text) if start > m.start else m.surface
    return Mention(start, m.end, surface, name, "PERSON", title or m.title)


def _untype_people(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """People NER made of places, organisations and markup: a name ending in "Institute" or
    "House", a call sign ("KTVI"), a city or country not part of anyone's name here, a name
    the article mostly tags otherwise."""
    teams = {m.name for m in mentions if " " in m.name and _team_or_club(doc, m, m.name.split())}
    people = [m.name for m in mentions
              if m.type == "PERSON" and len(m.name.split()) > 1 and m.name not in teams]
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(fold(m.name), Counter())[m.type] += 1
    for ent in doc.ents:
        if ent.label_ == "NORP" and fold(ent.text) in votes:
            votes[fold(ent.text)]["NORP"] += 1  # "Yonhap" is "South Korea's Yonhap news service"
    things = _thing_contexts(doc, mentions)
    heads = _place_and_org_heads(mentions) | {fold(t.split()[-1]): "ORG" for t in teams}
    local = {fold(m.name) for m in mentions if _after_locative(doc, m)}
    companies = {fold(m.name) for m in mentions if _described_as(doc, m, _ORG_NOUNS)}
    places = {fold(m.name) for m in mentions if _described_as(doc, m, _PLACE_NOUNS)}
    common = {t.text for t in doc if t.is_lower and t.is_alpha}
    teams, team_words = _team_names(doc, mentions)
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
        if kind == "PERSON" and companies & {fold(m.name), fold(m.name.split()[0])}:
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
    return fixed


def _named_after_organisation(doc: Doc, m: Mention, votes: dict[str, Counter[str]]) -> bool:
    """A name of several words whose first word is an organisation alone here, and no first
    name: "Harvard Law" after "Harvard" ("Nelson Mandela" keeps his first name)."""
    words = m.name.split()
    first = votes.get(fold(words[0]), Counter())
    return (len(words) > 1 and first["ORG"] > first["PERSON"] and not is_first_name(words[0])
            and not _titled(doc, m))


def _place_and_org_heads(mentions: list[Mention]) -> dict[str, str]:
    """Folded last word -> type of the places and organisations here whose other words are
    English words no census lists ("Joint Base Andrews"): that word alone names them too."""
    return {
        fold(words[-1]): m.type
        for m in mentions
        if m.type != "PERSON" and len(words := m.name.split()) > 1
        and all(_common_noun(w) for w in words[:-1])
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


def _with_titles(doc: Doc, mentions: list[Mention]) -> set[str]:
    """Folded names of people NER found with a title or an honorific ("Mr Whitlam")."""
    return {fold(m.name) for m in mentions if m.type == "PERSON" and _titled(doc, m)}


def _titled(doc: Doc, m: Mention) -> bool:
    return bool(m.title) or (
        m.start > 0 and doc[m.start - 1].lower_.rstrip(".") in TITLES | HONORIFICS)


def _thing_contexts(doc: Doc, mentions: list[Mention]) -> dict[str, set[str]]:
    """Folded person name -> how the article's grammar shows it is a thing (`thing_context`)
    wherever the name occurs ("his Twitter account", which NER calls a product, speaks for
    "Twitter declined"), for names the article never gives a title ("Mr.", "Senator")."""
    people = {fold(m.name) for m in mentions if m.type == "PERSON"}
    spans = [(m.start, m.end, fold(m.name)) for m in mentions]
    spans += [(e.start, e.end, fold(e.text)) for e in doc.ents if e.label_ not in LABELS]
    found: dict[str, set[str]] = {}
    for start, end, name in spans:
        context = thing_context(doc, start, end) if name in people else None
        if context:
            found.setdefault(name, set()).add(context)
    titled = _with_titles(doc, mentions)
    return {name: kinds for name, kinds in found.items() if name not in titled}


def _thing_type(m: Mention, contexts: set[str], people: list[str], votes: Counter[str]
                ) -> str | None:
    """What a "person" the article's grammar makes a thing is: the type NER gives it
    elsewhere here, an organisation, or no entity for "a Kurd". None for a name that is part
    of a longer person's name here."""
    if not contexts or any(person_part_of(m.name, p) for p in people):
        return None
    if contexts == {"indefinite"}:
        return _NO_ENTITY
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
    if len(words) > 1 and m.name.isupper() and all(_english_or_plural(w) for w in words):
        return _NO_ENTITY  # "BLACK VOTE", a shouted headline
    if len(words) > 1 and _team_or_club(doc, m, words):
        return "ORG"
    if len(words) == 1 and any(len(p) > 1 and p.isupper() for p in m.name.split("-")[1:]):
        return "ORG"  # "Zanu-PF"
    if len(words) > 1 and fold(words[0]) in _PLACE_CLASSES:
        return "LOC"  # "County Kerry", "Fort Lee"
    if len(words) > 1 and (fold(words[0]) in _STORMS or title_shaped(words)):
        return _NO_ENTITY  # "Hurricane Lorenzo", "Between Heart and Reason"
    if len(words) > 1 and fold(words[-1]) in _NON_PERSON_HEADS:
        return "ORG"
    if len(words) > 1 and fold(words[-1]) in _PLACE_HEADS:
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
    if titled or m.name in people or any(person_part_of(m.name, p) for p in people):
        return None
    if population and (population >= 200_000 or fold(m.name) in local or _town_name(m.name)):
        return "GPE"
    return None


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
                 or (fold(last) in english_adjectives() and _word_not_surname(last))))


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


def _described_as(doc: Doc, m: Mention, nouns: frozenset[str]) -> bool:
    """Whether the name is set beside one of `nouns`: "the Icelandic investment company
    Baugur", "Zavvi, the music retailer", "the group Ansar al-Sharia" (which the parser may
    leave apart), "another terrorist group, Ansar al-Sharia, was", "his hometown, Frog Jump"."""
    root = doc[m.start : m.end].root
    linked = [c for c in root.children if c.dep_ in {"appos", "compound"}]
    if root.dep_ in {"appos", "compound"}:
        linked.append(root.head)
    before = m.start - 1
    if before > 0 and doc[before].text == "," and (
            m.end == len(doc) or doc[m.end].is_punct):
        before -= 1
    if before > 0 and doc[before - 1].dep_ in {"det", "amod", "poss"}:
        linked.append(doc[before])
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in nouns for t in linked)


_ORG_NOUNS = frozenset(
    {
        "company",
        "firm",
        "group",
        "bank",
        "retailer",
        "chain",
        "brand",
        "newspaper",
        "magazine",
        "network",
        "broadcaster",
        "agency",
        "airline",
        "carrier",
        "manufacturer",
        "maker",
        "website",
        "operator",
        "conglomerate",
        "subsidiary",
        "insurer",
        "lender",
        "club",
        "team",
        "band",
        "service",
    }
)


def _after_locative(doc: Doc, m: Mention) -> bool:
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


_LOCATIVES = frozenset({"in", "at", "from", "near", "to", "into", "outside", "across", "toward"})
_PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "capital", "outskirts",
                          "hometown", "suburb"})
_NON_PERSON_HEADS = frozenset(
    {
        "house",
        "institute",
        "university",
        "college",
        "agency",
        "program",
        "programme",
        "center",
        "centre",
        "foundation",
        "department",
        "office",
        "hospital",
        "museum",
        "church",
        "league",
        "federation",
        "organization",
        "organisation",
        "society",
        "airlines",
        "airport",
        "infobox",
        "elementary",
        "school",
        "academy",
        "studios",
        "records",
        "pictures",
        "entertainment",
        "holdings",
    }
)
"""Last words of organisations' and buildings' names, never of a person's: "Universal
Studios", "Def Jam Records"."""
_PLACE_HEADS = frozenset(
    {
        "place",
        "street",
        "st",
        "square",
        "gardens",
        "gallery",
        "road",
        "avenue",
        "bridge",
        "station",
        "stadium",
        "embassy",
        "mosque",
        "cathedral",
        "palace",
        "castle",
        "mall",
        "hotel",
        "airport",
        "cottage",
    }
)
"""Last words of streets' and landmarks' names ("Martin Place", "George St")."""


def _full_names_of_surnames(doc: Doc, mentions: list[Mention]) -> list[str]:
    """Two- or three-word names of any type ending in a surname NER tagged PERSON alone, which
    the tagger never calls a plural ("the Bruins" make no person of "Boston Bruins").

    "Stephane Dion" tagged FAC once and "Dion" tagged PERSON later make a person.
    """
    plural = {m.name for m in mentions if doc[m.end - 1].tag_ == "NNPS"}
    surnames = {m.name for m in mentions
                if m.type == "PERSON" and len(m.name.split()) == 1 and m.name not in plural}
    return [
        m.name
        for m in mentions
        if m.type != "PERSON"
        and len(m.name.split()) in (2, 3)
        and m.name.split()[-1] in surnames
        and all(w[0].isupper() for w in m.name.split())
        and not any(_common_noun(w) for w in m.name.split()[:-1])  # "Joint Base Andrews"
        and not set(fold(m.name).split()) & _ORG_WORDS
    ]


def _looks_personal(doc: Doc, m: Mention, people: list[str], votes: Counter[str]) -> bool:
    person, other = votes["PERSON"], max(v for k, v in votes.items() if k != "PERSON")
    if person > other or (person == other and (" " in m.name or is_listed_name(m.name))):
        return True  # a tie makes no person of a word no census lists ("Labour")
    if any(person_part_of(m.name, p) for p in people):
        return True
    if set(fold(m.name).split()) & _ORG_WORDS or len(m.name.split()) > 3:
        return False
    if fold(m.name.split()[-1]) in _NON_PERSON_HEADS | _PLACE_HEADS:
        return False  # "President Obama and the White House"
    if _english_word(m.name.split()[-1]):
        return False  # "the in-person Republican National Convention"
    one_word = " " not in m.name
    root = doc[m.start : m.end].root
    if one_word and _role_apposed(root) and not m.name.isupper() and (
            place_population(m.name) < 200_000):
        return True  # "Reince Priebus, the chairman of"
    if one_word and (not is_listed_name(m.name) or m.name.isupper()
                     or place_population(m.name) >= 200_000 or _after_locative(doc, m)):
        return False  # "Georgia" beside "Putin" is still the country, "Wis." a state
    if not one_word and _role_linked(root, m.start):
        return True
    linked = [t for t in (root.head, *root.children) if t.dep_ == "conj" or root.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in linked)  # "Romney, Huckabee, Palin"


def _role_apposed(root: Token) -> bool:
    """A name with a role noun as its apposition: "Priebus, the chairman of the party"."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > root.i
               and (c.lemma_.lower() in ROLE_NOUNS or names_person(c))
               and c.lemma_.lower() not in _ORG_NOUNS for c in root.children)


def _role_linked(root: Token, start: int) -> bool:
    """A name (from token `start` to `root`) next to a role noun: "minister, Vecdi Gonul",
    "candidate Dumarsais Simeus", "Chief of Staff Rahm Emanuel"."""
    linked = [c for c in root.children if c.dep_ in {"appos", "compound"} and c.i < root.i - 1]
    linked += [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        linked.append(root.head)
    if any(c.dep_ == "nmod" and c.i < start and c.lower_ in TITLES for c in root.children):
        return True
    return any(t.pos_ == "NOUN" and (t.lemma_.lower() in ROLE_NOUNS or names_person(t))
               for t in linked)


def _titled_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Proper-noun names NER missed but a role noun vouches for."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    found = []
    for token in doc:
        if token.pos_ != "PROPN" or token.i in taken or token.dep_ == "compound":
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i:
            start -= 1
        words = doc[start : token.i + 1]
        free = not any(t.i in taken for t in words)
        if not (2 <= len(words) <= 4 and words[0].text[0].isupper() and free):
            continue
        if _plausible(words.text, "PERSON") and _role_linked(token, start):
            found.append(Mention(start, token.i + 1, words.text, words.text, "PERSON", ""))
        elif _title_led(words) and _plausible(words[1:].text, "PERSON"):
            name = words[1:].text  # "for Queen Elizabeth II when"
            found.append(Mention(start + 1, token.i + 1, name, name, "PERSON", words[0].text))
    return found


def _title_led(words: Span) -> bool:
    """A title that names no organisation, then a first name: "Queen Elizabeth II"."""
    bare = words[0].lower_.rstrip(".")
    return (bare in TITLES and bare not in _TITLE_MODIFIERS
            and is_first_name(words[1].text) and words[1].text[:1].isupper())


def _headline_tokens(doc: Doc) -> set[int]:
    """Tokens of title-cased headline paragraphs ("Joe Arpaio Endorses Rick Perry"), where
    NER takes capitalised verbs and nouns for parts of a name."""
    found: set[int] = set()
    offset = 0
    for paragraph in doc.text.split("\n\n"):
        words = [w for w in paragraph.split() if len(w) > 3 and w[0].isalpha()]
        capitalised = sum(w[0].isupper() for w in words)
        if (
            len(paragraph.split()) <= 25
            and len(words) >= 3
            and capitalised >= 0.8 * len(words)
            and not _ends_sentence(paragraph)
        ):
            span = doc.char_span(offset, offset + len(paragraph), alignment_mode="expand")
            found.update(range(span.start, span.end) if span is not None else ())
        offset += len(paragraph) + 2
    return found


def _ends_sentence(paragraph: str) -> bool:
    last = paragraph.rstrip().split()[-1] if paragraph.strip() else ""
    return last.endswith(('"', "\u201d", "!", "?")) or (last.endswith(".") and last.count(".") == 1)


def _trim_headline_people(doc: Doc, mentions: list[Mention], headline: set[int]) -> list[Mention]:
    """A person in a title-cased headline keeps only the words the body names a person by
    ("Joe Arpaio Endorses" -> "Joe Arpaio"); with none, it is not taken for a person."""
    if not headline:
        return mentions
    known = set()
    for m in mentions:
        if m.type == "PERSON" and m.start not in headline:
            known.update({fold(m.name), fold(_surname(m.name))})
    kept = []
    for m in mentions:
        if m.type != "PERSON" or m.start not in headline or fold(m.name) in known:
            kept.append(m)
            continue
        kept += _known_parts(doc, m, known)
    return kept


def _surname(name: str) -> str:
    words = name.split()
    while len(words) > 1 and fold(words[-1]) in _SUFFIXES:
        words.pop()
    return words[-1]


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _known_parts(doc: Doc, m: Mention, known: set[str]) -> list[Mention]:
    """The longest runs of `m`'s tokens that name a known person, left to right."""
    parts = []
    start = m.start
    while start < m.end:
        for end in range(m.end, start, -1):
            name = strip_possessive(doc[start:end].text)
            if fold(name) in known:
                parts.append(Mention(start, end, name, name, "PERSON", ""))
                start = end
                break
        else:
            start += 1
    return parts


def _extend_left(doc: Doc, m: Mention) -> Mention:
    """Add given names NER left out: "Gough" of "Gough Whitlam", "Barend" of "Barend van
    Graan", the initials of "P Harikrishna"."""
    start = m.start
    particle = m.name[:1].islower()  # "van Graan": a surname, after its given name
    if m.type == "PERSON" and start > 0 and (len(m.name.split()) == 1 or particle):
        token = doc[start - 1]
        bare = token.lower_.rstrip(".")
        spaced = token.whitespace_ == " "
        if (
            (token.pos_ == "PROPN" or (spaced and is_initials(token.text)))
            and (token.dep_ == "compound" or (spaced and (
                particle or is_first_name(token.text) or is_initials(token.text))))
            and token.text[0].isupper()
            and token.ent_type_ in {"", "PERSON"}
            and not _title_word(bare)
            and token.pos_ not in {"DET", "PRON"}
            and bare not in ROLE_NOUNS
            and not _said_before(doc, start - 1, m.end)
        ):
            start -= 1
    if start == m.start:
        return m
    name = doc[start : m.end].text
    return Mention(start, m.end, name, name, m.type, m.title)


def _title_word(bare: str) -> bool:
    """A title, an honorific, a plural title ("Justices Kennedy and Alito") or a noun that
    always names a person ("Father Reese", "Pastor Jones"): never a given name."""
    return (bare in TITLES | HONORIFICS or bare.removesuffix("s") in TITLES
            or bare in MALE_NOUNS | FEMALE_NOUNS or is_person_noun(bare))


def _extend_right(doc: Doc, m: Mention) -> Mention:
    """Add the rest of a name NER cut short: "Adan Mohamed" of "Adan Mohamed Nuur Madobe",
    whose last word is the head of the words NER took."""
    root = doc[m.start : m.end].root
    head = root.head
    if m.type != "PERSON" or root.dep_ != "compound" or not m.end <= head.i < m.end + 3:
        return m
    rest = doc[m.end : head.i + 1]
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ in {"", "PERSON"}
               and t.lower_.rstrip(".") not in TITLES and not _word_not_surname(t.text)
               for t in rest):
        return m
    name = doc[m.start : head.i + 1].text
    return Mention(m.start, head.i + 1, name, name, m.type, m.title)


def _subject_of_verb(token: Token) -> bool:
    """The subject of a full verb, not of "be" ("Putin smiled", not "Attendance was low")."""
    return token.dep_ == "nsubj" and token.head.pos_ == "VERB"


def _word_not_surname(word: str) -> bool:
    """An English word that is no common surname: "Base", "Image" (not "Brown", "Jackson")."""
    return fold(word) in english_words() and surname_share(word) < 0.01


def _english_word(word: str) -> bool:
    """An English word no census lists as a name: "Image", "Base", "Photographs"."""
    return _english_or_plural(word) and not is_listed_name(word)


def _brand_modifier(token: Token) -> bool:
    """A name modifying a noun for no person after "a" or "an": "a $43,000 Rolex watch"
    (not "an Obama aide", nor "the Bush tax cuts")."""
    head = token.head
    return (token.dep_ == "compound" and head.pos_ == "NOUN" and not names_person(head)
            and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children))


def _common_noun(word: str) -> bool:
    """An English word that is no common name in the census: "Image", "Islam", "Draft"."""
    return (_english_or_plural(word) and surname_share(word) < COMMON_SURNAME
            and first_name_share(word) < COMMON_SURNAME)


def _acts(doc: Doc, m: Mention, root: Token) -> bool:
    """Whether a one-word name that is an English word acts as a person: it speaks ("Macron
    said") or is the subject of a verb ("Putin smiled"), but not of "report" ("Politico
    reported"), and, for a word the census lists as a rare surname, not as the first word of
    a sentence, where any noun is capitalised ("Draft talking points depicted ...")."""
    if _reports(root):
        return False
    if speaks(root):
        return True
    return _subject_of_verb(root) and not (
        doc[m.start].is_sent_start and is_listed_name(m.name))


def _reports(token: Token) -> bool:
    """The subject of "report" or "publish", which a publication is ("Politico reported")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in _PUBLISHING_VERBS


_PUBLISHING_VERBS = frozenset({"report", "publish"})


def _english_or_plural(word: str) -> bool:
    """An English word, or the plural of one ("Islands", "Photographs")."""
    folded = fold(word)
    return folded in english_words() or (folded.endswith("s") and folded[:-1] in english_words())


def _add_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Surnames NER missed ("Doe said") when the person is named elsewhere in the article."""
    surnames = {m.name.split()[-1] for m in mentions if m.type == "PERSON"}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    extra = [
        Mention(t.i, t.i + 1, t.text, t.text, "PERSON", "")
        for t in doc
        if t.pos_ == "PROPN"
        and t.i not in taken
        and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
        and (t.text in surnames or _misspelt(t.text, surnames))
    ]
    return sorted(mentions + extra, key=lambda m: m.start)


def _misspelt(word: str, surnames: set[str]) -> bool:
    return len(word) >= 5 and any(
        s[:1] == word[:1] and abs(len(s) - len(word)) <= 1 and spelled_alike(word, s)
        for s in surnames
    )


def _merge_aliases(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Point short forms at the fullest name in the article, and a birth name at its
    person ("Lady Bird Johnson, née Claudia Alta Taylor")."""
    born = _birth_names(doc, mentions)
    full_people = [m.name for m in mentions if m.type == "PERSON" and m.start not in born]
    orgs = [m.name for m in mentions if m.type != "PERSON"]
    titles: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "PERSON":
            titles.setdefault(m.name, set()).update(_title_words(doc, m))
    merged: list[Mention] = []
    alone = _other_gender_surnames(doc, mentions, full_people)
    for m in mentions:
        if m.start in born:
            target = next(b.name for b in merged if b.start == born[m.start])
        elif m.type == "PERSON" and m.name in alone and _marked_gender(doc, m) != alone[m.name]:
            target = m.name
        elif m.type == "PERSON":
            titled = [p for p in full_people if _title_words(doc, m) & titles.get(p, set())]
            target = _person_target(m, merged, full_people, titled)
        else:
            target = _org_target(m, orgs)
        merged.append(Mention(m.start, m.end, m.surface, target, m.type, m.title))
    return merged


def _other_gender_surnames(doc: Doc, mentions: list[Mention], people: list[str]
                           ) -> dict[str, str]:
    """Surname -> the gender of the full names here it would join, where a mention of it
    alone is marked the other gender: "Mr. Obama" is no "Sasha Obama", so "Obama" alone
    stands for him (and "Ms. Obama" for her) in the article about his daughters."""
    alone = {}
    for m in mentions:
        marked = _marked_gender(doc, m) if m.type == "PERSON" and " " not in m.name else None
        owners = {first_name_gender(p) for p in people if person_part_of(m.name, p)}
        if marked and len(owners) == 1 and None not in owners and marked not in owners:
            alone[m.name] = owners.pop()
    return alone


def _marked_gender(doc: Doc, m: Mention) -> str | None:
    """ "m" or "f" where an honorific or title before the name says so ("Mr. Obama")."""
    words = {w.lower().rstrip(".") for w in m.title.split()}
    if m.start:
        words.add(doc[m.start - 1].lower_.rstrip("."))
    if words & FEMALE_MARKERS:
        return "f"
    return "m" if words & MALE_MARKERS else None


def _birth_names(doc: Doc, mentions: list[Mention]) -> dict[int, int]:
    """Start of a person mention after "née" -> start of the person mention just before it."""
    found = {}
    people = [m for m in mentions if m.type == "PERSON"]
    for before, after in pairwise(people):
        between = list(doc[before.end : after.start])
        marker = next((i for i, t in enumerate(between) if t.lower_ in _BIRTH_MARKERS), None)
        if marker is not None and all(t.text == "," for t in between[:marker]) and all(
            t.text[:1].isupper() for t in between[marker + 1 :]
        ):  # "née Claudia Alta Taylor", of which NER took "Alta Taylor"
            found[after.start] = before.start
    return found


_BIRTH_MARKERS = frozenset({"n\u00e9e", "nee", "n\u00e9"})


def _title_words(doc: Doc, m: Mention) -> set[str]:
    """Title words right before or inside a mention: {"president"} of "President Johnson"."""
    words = {w.lower().rstrip(".") for w in m.title.split()}
    words |= {t.lower_.rstrip(".") for t in doc[max(0, m.start - 2) : m.start]}
    return words & TITLES


def _person_target(
    m: Mention, before: list[Mention], people: list[str], titled: list[str] = ()
) -> str:
    candidates = [p for p in dict.fromkeys(people) if person_part_of(m.name, p)]
    if not candidates:
        return _first_name_of(m.name, people) or _alike(m.name, people) or m.name
    same_title = [p for p in candidates if p in titled]
    if len(set(same_title)) == 1:
        candidates = same_title
    recent = [b.name for b in reversed(before) if b.name in candidates]
    counts = Counter(recent)
    salient = max(recent, key=lambda p: counts[p]) if recent else None
    longest = salient or max(candidates, key=lambda p: len(p.split()))
    return _person_target(Mention(0, 0, "", longest, "PERSON", ""), [], people)


def _alike(name: str, people: list[str]) -> str | None:
    """The one other name spelled nearly the same ("Mwanawase" for "Mwanawasa"), where it is
    the form to keep: the more often written (`_written`), or of two as often the first; so
    "Bashir al Assad" and "Bashar al-Assad" become one person, not each other's alias."""
    surnames = {p: p.split()[-1] if len(name.split()) == 1 else p for p in people if p != name}
    owners = {p for p, form in surnames.items() if spelled_alike(name, form)}
    owners = {p for p in owners if people.index(p) < people.index(name)} or owners
    if len(owners) != 1:
        return None
    owner = owners.pop()
    if name not in people or len(name.split()) == 1:
        return owner
    kept = max((owner, name), key=lambda p: (_written(p, people), -people.index(p)))
    return owner if kept == owner else None


def _written(name: str, people: list[str]) -> int:
    """How many of the mentions `people` name `name`, in full or in part ("Mwanawasa")."""
    return sum(p == name or person_part_of(p, name) for p in people)


def _first_name_of(name: str, people: list[str]) -> str | None:
    """ "John" alone for the article's only John, "John Boehner"; None when ambiguous."""
    if len(name.split()) != 1:
        return None
    owners = {p for p in people if len(p.split()) > 1 and p.split()[0] == name}
    return owners.pop() if len(owners) == 1 else None


def _org_target(m: Mention, names: list[str]) -> str:
    folded = fold(m.name)
    if folded in SHORT_FORMS:  # "AP" is the Associated Press, not "Athens Polytechnic"
        full = [o for o in names if fold(o) == SHORT_FORMS[folded]]
        return full[0] if full else m.name
    key = canonical_key(m.name, m.type)
    for other in dict.fromkeys(names):
        if other == m.name:
            continue
        if expands(m.name, other) or (
            canonical_key(other, m.type) == key and len(other) > len(m.name)
        ):
            return other
        if plural_slip(m.name, other) and fold(other).endswith("s"):
            return other
    return m.name


def _with_nicknames(doc: Doc, mentions: list[Mention]) -> tuple[list[Mention], dict[str, str]]:
    """'William "Mo" Cowan' is one person, William Cowan, called Mo: one mention over the
    whole name in place of NER's pieces ("William", and "Cowan" as an organisation). Returns
    the mentions and nickname -> name."""
    found = [n for n in nicknamed_names(doc)
             if any(m.start < n.end and n.start < m.end for m in mentions)]
    if not found:
        return mentions, {}
    covered = {i for n in found for i in range(n.start, n.end)}
    kept = [m for m in mentions if not covered.intersection(range(m.start, m.end))]
    named = [Mention(n.start, n.end, n.name, n.name, "PERSON", "") for n in found]
    return sorted(kept + named, key=lambda m: m.start), {n.nickname: n.name for n in found}


def _across_brackets(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name an editor's bracket cuts in two: "(Libyan strongman Moammar) Gadhafi" is
    Moammar Gadhafi, one mention over both parts."""
    joined: list[Mention] = []
    for m in mentions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.type == m.type == "PERSON"
            and m.start == last.end + 1
            and doc[last.end].text in {")", "]"}
            and " " not in last.name
            and _bracketed_description(doc, last.start)
        ):
            name = f"{last.name} {m.name}"
            joined[-1] = Mention(last.start, m.end, name, name, "PERSON", last.title)
        else:
            joined.append(m)
    return joined


def _bracketed_description(doc: Doc, start: int) -> bool:
    """Whether the name at `start` ends an editor's bracket that opens on a description of
    the person: "(Libyan strongman Moammar", not "(with Smith"."""
    for i in range(start - 1, max(-1, start - 6), -1):
        if doc[i].text in {"(", "["}:
            return i < start - 1 and all(
                t.pos_ in {"NOUN", "ADJ", "PROPN", "DET"} for t in doc[i + 1 : start])
    return False


def _call_by_nickname(mentions: list[Mention], nicknames: dict[str, str]) -> list[Mention]:
    """ "nothing on Mo": a nickname alone is the person who has it here."""
    return [
        Mention(m.start, m.end, m.surface, nicknames[m.name], "PERSON", m.title)
        if m.name in nicknames else m
        for m in mentions
    ]


def _given_surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Malia and Sasha Obama": a first name joined by "and" to a full name shares its
    surname (NER typed Malia a place); never a name that is someone's surname here, nor one
    in a longer list ("Bojan, Henry and Xavi Hernandez")."""
    people = [m.name for m in mentions if m.type == "PERSON" and len(m.name.split()) > 1]
    by_start = {m.start: m for m in mentions}
    fixed = []
    for m in mentions:
        partner = by_start.get(m.end + 1)
        words = partner.name.split() if partner else []
        if (
            partner is not None
            and partner.type == "PERSON"
            and len(words) > 1
            and " " not in m.name
            and doc[m.end].lower_ in {"and", "&"}
            and not _listed_after_name(doc, m.start)
            and (m.type == "PERSON" or place_population(m.name) < 200_000)
            and is_first_name(m.name)
            and is_first_name(words[0])
            and not any(person_part_of(m.name, p) for p in people)
        ):
            name = " ".join([m.name, *words[1:]])
            fixed.append(Mention(m.start, m.end, m.surface, name, "PERSON", m.title))
        else:
            fixed.append(m)
    return fixed


def _singular_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name whose last word is a plural no census lists, of a name or word it does: of a
    surname after a first name, the person ("the Lindsay Lohans of the world" name Lindsay
    Lohan); else no one ("Pell Grants", "Dick Clark Productions"). "Nicos Anastasiades" is
    no plural."""
    fixed = []
    for m in mentions:
        words = m.name.split()
        last = words[-1]
        if (m.type != "PERSON" or len(words) < 2 or doc[m.end - 1].tag_ != "NNPS"
                or not last.endswith("s") or is_listed_name(last)
                or not (is_listed_name(last[:-1]) or fold(last[:-1]) in english_words())):
            fixed.append(m)
        elif is_first_name(words[0]) and is_listed_name(last[:-1]):
            name = " ".join([*words[:-1], last[:-1]])
            fixed.append(Mention(m.start, m.end, name, name, m.type, m.title))
    return fixed


def _listed_after_name(doc: Doc, start: int) -> bool:
    """Whether the token at `start` follows a name and a comma in a list ("Bojan, Henry and
    Xavi Hernandez"; not "his daughters, Sasha and Malia Obama")."""
    return start > 1 and doc[start - 1].text == "," and doc[start - 2].pos_ == "PROPN"


def _drop_non_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One-word "people" that name no one: a first name alone that is nobody's here
    ("turkeys named Mac and Cheese", "Martha's Vineyard"), unless a title goes with it or it
    is the subject of a verb ("Martha said"); an English noun that is no name in the census
    or a rare one ("Attendance was low", "on Twitter", "to equate Islam"), unless a title goes
    with it or it acts as a person (`_acts`: "Putin smiled", which WordNet lists); a plural
    ("Britons", "the Trumps"); a name no census lists that only modifies a thing after "a"
    ("a Rolex watch")."""
    one_word = {m.name for m in mentions if m.type == "PERSON" and " " not in m.name}
    given = {n for n in one_word if is_given_name(n)}
    words = {n for n in one_word - given if _common_noun(n)}
    plural = set(one_word)
    brands = {n for n in one_word if not is_listed_name(n)}
    for m in mentions:
        root = doc[m.start : m.end].root
        if m.name in given and (_titled(doc, m) or acts_as_person(root)):
            given.discard(m.name)
        if m.name in words and (_titled(doc, m) or _acts(doc, m, root)):
            words.discard(m.name)
        if root.tag_ != "NNPS":
            plural.discard(m.name)
        if not _brand_modifier(root):
            brands.discard(m.name)
    dropped = given | words | plural | brands
    return [m for m in mentions if not (m.type == "PERSON" and m.name in dropped)]
